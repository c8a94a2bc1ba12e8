//! Small helpers over the tag layer: dependency children, heads of spans, words.

use hearsay_doc::{Doc, TokenId, TokenSpan, NO_HEAD};

/// Dependency children of every token (empty lists when the document is not parsed).
pub struct Tree {
    children: Vec<Vec<TokenId>>,
    parsed: bool,
}

impl Tree {
    pub fn new(doc: &Doc) -> Tree {
        let n = doc.tokens.len();
        let parsed = doc.heads.len() == n && doc.deprels.len() == n;
        let mut children = vec![Vec::new(); if parsed { n } else { 0 }];
        if parsed {
            for (t, &h) in doc.heads.iter().enumerate() {
                if h != NO_HEAD && (h as usize) < n {
                    children[h as usize].push(t as TokenId);
                }
            }
        }
        Tree { children, parsed }
    }

    pub fn children(&self, t: TokenId) -> &[TokenId] {
        self.children.get(t as usize).map_or(&[], |v| v.as_slice())
    }

    pub fn parsed(&self) -> bool {
        self.parsed
    }

    /// The span from the leftmost to the rightmost token of `t`'s subtree.
    pub fn subtree(&self, t: TokenId) -> TokenSpan {
        let (mut lo, mut hi) = (t, t);
        let mut stack = vec![t];
        let mut steps = 0;
        while let Some(x) = stack.pop() {
            steps += 1;
            if steps > 10_000 {
                break;
            }
            lo = lo.min(x);
            hi = hi.max(x);
            stack.extend_from_slice(self.children(x));
        }
        TokenSpan {
            start: lo,
            end: hi + 1,
        }
    }
}

/// Lower-cased text of a token.
pub fn lower(doc: &Doc, t: TokenId) -> String {
    doc.token_text(t).to_lowercase()
}

/// Dependency label of a token ("" when unparsed).
pub fn deprel(doc: &Doc, t: TokenId) -> &'static str {
    doc.deprels.get(t as usize).map_or("", |d| d.name())
}

/// POS tag name of a token ("" when untagged).
pub fn pos(doc: &Doc, t: TokenId) -> &'static str {
    doc.pos.get(t as usize).map_or("", |p| p.name())
}

/// Head of a token, if any.
pub fn head(doc: &Doc, t: TokenId) -> Option<TokenId> {
    doc.heads
        .get(t as usize)
        .copied()
        .filter(|&h| h != NO_HEAD && (h as usize) < doc.tokens.len())
}

/// The syntactic head of a span: its first token whose head lies outside the span, skipping
/// punctuation; without a parse, the last noun (else the last word).
pub fn span_head(doc: &Doc, s: TokenSpan) -> Option<TokenId> {
    if s.is_empty() || s.end as usize > doc.tokens.len() {
        return None;
    }
    if doc.heads.len() == doc.tokens.len() {
        // An article is never the head of a phrase, even when the parse hangs it outside
        // ("The newspaper Dagsposten reported" with "The" attached to the verb).
        let has_noun = (s.start..s.end).any(|t| pos(doc, t).starts_with("NN"));
        let mut outside = (s.start..s.end).filter(|&t| {
            let p = pos(doc, t);
            let skip = p.is_empty()
                || is_punct(doc, t)
                || (has_noun && matches!(lower(doc, t).as_str(), "the" | "a" | "an"))
                || head(doc, t).is_some_and(|h| s.contains(h));
            !skip
        });
        let first = outside.next();
        // Several words hung outside the phrase: the parse is broken there ("The Dravonian
        // news agency DNA had cited" with every word on the verb). The head is then the last
        // noun before any preposition or comma.
        if outside.next().is_some() {
            let stop = (s.start..s.end)
                .find(|&t| {
                    matches!(pos(doc, t), "IN" | "TO" | "WDT" | "WP") || lower(doc, t) == ","
                })
                .unwrap_or(s.end);
            if let Some(t) = (s.start..stop)
                .rev()
                .find(|&t| pos(doc, t).starts_with("NN"))
            {
                return Some(t);
            }
        }
        if let Some(t) = first {
            return Some(t);
        }
    }
    (s.start..s.end)
        .rev()
        .find(|&t| pos(doc, t).starts_with("NN"))
        .or_else(|| (s.start..s.end).rev().find(|&t| !is_punct(doc, t)))
}

pub fn is_punct(doc: &Doc, t: TokenId) -> bool {
    use hearsay_doc::TokenKind::*;
    matches!(doc.tokens[t as usize].kind, Punct | Quote | Symbol)
}

/// The span without leading and trailing punctuation (", who asked not to be named,").
pub fn trim(doc: &Doc, s: TokenSpan) -> TokenSpan {
    let (mut a, mut b) = (s.start, s.end.min(doc.tokens.len() as u32));
    while a < b && is_punct(doc, a) {
        a += 1;
    }
    while b > a && is_punct(doc, b - 1) {
        b -= 1;
    }
    TokenSpan { start: a, end: b }
}

/// Whether two spans share a token.
pub fn overlaps(a: TokenSpan, b: TokenSpan) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether `outer` contains all of `inner`.
pub fn contains(outer: TokenSpan, inner: TokenSpan) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Lower-cased words of a span joined by spaces, without punctuation.
pub fn words(doc: &Doc, s: TokenSpan) -> String {
    let mut out = String::new();
    for t in s.start..s.end.min(doc.tokens.len() as u32) {
        if is_punct(doc, t) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&lower(doc, t));
    }
    out
}
