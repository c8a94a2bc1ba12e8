//! Helpers shared by the integration tests: readable views of a segmented document and a full
//! invariant check.

#![allow(dead_code)]

use hearsay_doc::{Doc, QuoteRole, TokenKind};
use hearsay_text::{segment_text, tokenize};

/// Token texts from `tokenize`.
pub fn toks(text: &str) -> Vec<&str> {
    tokenize(text).into_iter().map(|(r, _)| &text[r]).collect()
}

/// Token texts and kinds from `tokenize`.
pub fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
    tokenize(text)
        .into_iter()
        .map(|(r, k)| (&text[r], k))
        .collect()
}

/// Segments and checks every invariant.
pub fn seg(text: &str) -> Doc {
    let doc = segment_text(text);
    check(&doc);
    doc
}

/// Sentence texts.
pub fn sents(text: &str) -> Vec<String> {
    let doc = seg(text);
    doc.sentences
        .iter()
        .map(|s| doc.text[s.span.range()].to_string())
        .collect()
}

/// Quotation inner texts with a `+` suffix when closed and `…` when open-ended.
pub fn quotes(doc: &Doc) -> Vec<String> {
    doc.quotations
        .iter()
        .map(|q| {
            let inner = doc.span_text(q.tokens).to_string();
            match q.close {
                Some(_) => inner,
                None => format!("{inner}…"),
            }
        })
        .collect()
}

/// Texts of tokens with `in_quote` set.
pub fn quoted_tokens(doc: &Doc) -> Vec<&str> {
    (0..doc.tokens.len())
        .filter(|&t| doc.tokens[t].in_quote)
        .map(|t| doc.token_text(t as u32))
        .collect()
}

/// Roles of the `Quote` tokens, in order, as a compact string: `o` open, `c` close, `s` stray.
pub fn roles(doc: &Doc) -> String {
    doc.tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Quote)
        .map(|t| match t.quote {
            QuoteRole::Open => 'o',
            QuoteRole::Close => 'c',
            QuoteRole::Stray => 's',
            QuoteRole::None => '?',
        })
        .collect()
}

fn is_seg_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}' | '\u{180E}')
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Checks every structural invariant of the text layer; panics with a message on violation.
pub fn check(doc: &Doc) {
    let text = doc.text.as_str();
    let toks = &doc.tokens;
    let n = toks.len();

    // Tokens: char boundaries, non-empty, increasing, no whitespace inside.
    let mut prev_end = 0usize;
    for (i, t) in toks.iter().enumerate() {
        let r = t.span.range();
        assert!(r.start < r.end, "empty token {i} in {text:?}");
        assert!(r.start >= prev_end, "overlapping token {i} in {text:?}");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "token {i} not on char boundaries in {text:?}"
        );
        let s = &text[r.clone()];
        assert!(
            !s.chars().any(char::is_whitespace),
            "token {i} {s:?} has whitespace in {text:?}"
        );
        let want_space = r.start > 0
            && text[..r.start]
                .chars()
                .next_back()
                .is_some_and(is_seg_space);
        assert_eq!(
            t.space_before, want_space,
            "space_before of token {i} {s:?} in {text:?}"
        );
        // Gaps between tokens are whitespace only.
        assert!(
            text[prev_end..r.start].chars().all(is_seg_space),
            "non-space text {:?} skipped before token {i} in {text:?}",
            &text[prev_end..r.start]
        );
        prev_end = r.end;
        if t.kind != TokenKind::Quote {
            assert_eq!(
                t.quote,
                QuoteRole::None,
                "role on non-quote {s:?} in {text:?}"
            );
        } else {
            assert_ne!(
                t.quote,
                QuoteRole::None,
                "quote without role {s:?} in {text:?}"
            );
        }
    }
    assert!(
        text[prev_end..].chars().all(is_seg_space),
        "non-space tail skipped in {text:?}"
    );

    // Paragraphs: trimmed lines, in order, covering all sentences.
    let mut next_sent = 0u32;
    let mut prev_p_end = 0usize;
    for (p, par) in doc.paragraphs.iter().enumerate() {
        let r = par.span.range();
        assert!(
            r.start < r.end && r.start >= prev_p_end,
            "paragraph {p} in {text:?}"
        );
        let s = &text[r.clone()];
        assert!(
            !s.chars().any(is_break),
            "paragraph {p} has a line break in {text:?}"
        );
        assert!(!s.starts_with(is_seg_space) && !s.ends_with(is_seg_space));
        if r.start > 0 {
            let before = text[..r.start].chars().next_back().unwrap();
            assert!(
                is_seg_space(before),
                "paragraph {p} does not start a line in {text:?}"
            );
        }
        prev_p_end = r.end;
        assert_eq!(
            par.sentences.start, next_sent,
            "paragraph {p} sentences in {text:?}"
        );
        assert!(
            par.sentences.end > par.sentences.start,
            "paragraph {p} without sentences"
        );
        next_sent = par.sentences.end;
        for si in par.sentences.clone() {
            let sent = &doc.sentences[si as usize];
            assert_eq!(sent.paragraph, p as u32);
            assert!(sent.span.start >= par.span.start && sent.span.end <= par.span.end);
        }
    }
    assert_eq!(
        next_sent as usize,
        doc.sentences.len(),
        "sentences not covered in {text:?}"
    );

    // Sentences: contiguous, non-empty, spans match tokens.
    let mut next_tok = 0u32;
    for (si, sent) in doc.sentences.iter().enumerate() {
        assert_eq!(
            sent.tokens.start, next_tok,
            "sentence {si} not contiguous in {text:?}"
        );
        assert!(
            sent.tokens.end > sent.tokens.start,
            "empty sentence {si} in {text:?}"
        );
        next_tok = sent.tokens.end;
        assert_eq!(sent.span, doc.byte_span(sent.tokens));
        for t in sent.tokens.range() {
            assert_eq!(
                toks[t].sentence, si as u32,
                "token {t} sentence index in {text:?}"
            );
        }
    }
    assert_eq!(
        next_tok as usize, n,
        "tokens not covered by sentences in {text:?}"
    );

    // Paragraph of each token.
    let para_of = |t: usize| doc.sentences[toks[t].sentence as usize].paragraph as usize;
    let para_first_tok = |p: usize| {
        doc.sentences[doc.paragraphs[p].sentences.start as usize]
            .tokens
            .start as usize
    };
    let para_end_tok = |p: usize| {
        doc.sentences[doc.paragraphs[p].sentences.end as usize - 1]
            .tokens
            .end as usize
    };

    // Quotations.
    let mut is_open_of_q = vec![false; n];
    let mut close_count = vec![0u32; n];
    let mut covered = vec![false; n];
    let mut cont = vec![false; n];
    for (qi, q) in doc.quotations.iter().enumerate() {
        if qi > 0 {
            assert!(
                doc.quotations[qi - 1].open < q.open,
                "quotations not sorted in {text:?}"
            );
        }
        let o = q.open as usize;
        assert!(o < n);
        assert_eq!(toks[o].kind, TokenKind::Quote);
        assert_eq!(
            toks[o].quote,
            QuoteRole::Open,
            "quotation {qi} open role in {text:?}"
        );
        assert_eq!(q.tokens.start as usize, o + 1);
        assert!(q.tokens.end as usize <= n && q.tokens.end >= q.tokens.start);
        is_open_of_q[o] = true;
        let end = q.tokens.end as usize;
        let last_para = match q.close {
            Some(c) => {
                let c = c as usize;
                assert_eq!(c, end);
                assert_eq!(toks[c].kind, TokenKind::Quote);
                assert_eq!(
                    toks[c].quote,
                    QuoteRole::Close,
                    "quotation {qi} close in {text:?}"
                );
                close_count[c] += 1;
                para_of(c)
            }
            None => {
                assert!(end > o + 1, "empty open-ended quotation in {text:?}");
                let p = para_of(end - 1);
                assert_eq!(
                    end,
                    para_end_tok(p),
                    "open-ended quotation must end a paragraph"
                );
                p
            }
        };
        // Every paragraph after the first starts with a re-opening double mark.
        for p in para_of(o) + 1..=last_para {
            let f = para_first_tok(p);
            assert_eq!(
                toks[f].quote,
                QuoteRole::Open,
                "continuation mark in {text:?}"
            );
            let m = &text[toks[f].span.range()];
            let single =
                !m.starts_with("''") && m.starts_with(['\'', '‘', '’', '‹', '›', '`', '‚', '‛']);
            assert!(
                !single || m.starts_with("``"),
                "single quotation across paragraphs in {text:?}"
            );
            cont[f] = true;
        }
        for t in q.tokens.range() {
            covered[t] = true;
        }
    }
    for t in 0..n {
        if toks[t].quote == QuoteRole::Open {
            assert!(
                is_open_of_q[t] || cont[t],
                "open mark {t} belongs to no quotation in {text:?}"
            );
        }
        if toks[t].quote == QuoteRole::Close {
            assert_eq!(
                close_count[t], 1,
                "close mark {t} closes no quotation in {text:?}"
            );
        }
        assert_eq!(
            toks[t].in_quote,
            covered[t] && !cont[t],
            "in_quote of token {t} {:?} in {text:?}",
            &text[toks[t].span.range()]
        );
    }

    // `tokenize` agrees with `segment` on spans.
    let plain = tokenize(text);
    assert_eq!(plain.len(), n, "tokenize/segment token count in {text:?}");
    for (i, (r, _)) in plain.iter().enumerate() {
        assert_eq!(
            *r,
            toks[i].span.range(),
            "tokenize/segment span {i} in {text:?}"
        );
    }
}
