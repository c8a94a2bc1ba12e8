//! Sentence splitting inside paragraphs, after quotation pairing (closing marks after a final
//! period belong to the sentence they close).

use std::ops::Range;

use hearsay_doc::{ByteSpan, QuoteRole, Sentence, Token, TokenKind, TokenSpan};

use crate::chars::decode_at;
use crate::lexicon::{abbr_class, is_starter, AbbrClass};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// `.`, `!`, `?`, `…`, `...` and runs of them.
    Punct,
    /// An abbreviation that may end a sentence before any capitalised word.
    Strong,
    /// An abbreviation that may end a sentence before a usual sentence starter.
    Weak,
}

fn tok_str<'a>(text: &'a str, tok: &Token) -> &'a str {
    text.get(tok.span.range()).unwrap_or("")
}

fn first_char(b: &[u8], tok: &Token) -> char {
    decode_at(b, tok.span.start as usize).0
}

fn terminal(text: &str, tok: &Token) -> Option<Terminal> {
    let b = text.as_bytes();
    match tok.kind {
        TokenKind::Punct => match first_char(b, tok) {
            '.' | '!' | '?' | '\u{2026}' | '\u{203D}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' => {
                Some(Terminal::Punct)
            }
            _ => None,
        },
        TokenKind::Word if tok.span.len() >= 2 && b[tok.span.end as usize - 1] == b'.' => {
            match abbr_class(tok_str(text, tok)) {
                AbbrClass::Never => None,
                AbbrClass::Strong => Some(Terminal::Strong),
                AbbrClass::Weak => Some(Terminal::Weak),
            }
        }
        _ => None,
    }
}

/// Tokens that stay with the sentence a terminal ends: closing quotation marks (and stray marks
/// glued to the period) and glued closing brackets.
fn is_closer(b: &[u8], tok: &Token) -> bool {
    match tok.kind {
        TokenKind::Quote => {
            tok.quote == QuoteRole::Close || (tok.quote == QuoteRole::Stray && !tok.space_before)
        }
        TokenKind::Punct => !tok.space_before && matches!(first_char(b, tok), ')' | ']' | '}'),
        _ => false,
    }
}

/// Does the sentence end before token `e`?
fn splits_before(text: &str, tokens: &[Token], term: Terminal, e: usize, pe: usize) -> bool {
    let b = text.as_bytes();
    let nt = &tokens[e];
    let c = first_char(b, nt);
    match term {
        Terminal::Punct => !(c.is_lowercase() || matches!(c, ',' | ';' | ':')),
        Terminal::Strong => {
            c.is_uppercase() || (nt.kind == TokenKind::Quote && nt.quote == QuoteRole::Open)
        }
        Terminal::Weak => {
            if nt.kind == TokenKind::Word {
                is_starter(tok_str(text, nt))
            } else if nt.kind == TokenKind::Quote && nt.quote == QuoteRole::Open {
                e + 1 < pe && first_char(b, &tokens[e + 1]).is_uppercase()
            } else {
                false
            }
        }
    }
}

/// Splits the paragraph made of `tokens[ps..pe]` (paragraph index `p`) into sentences,
/// appended to `sentences`; sets `Token::sentence`.
pub(crate) fn split(
    text: &str,
    tokens: &mut [Token],
    ps: usize,
    pe: usize,
    p: u32,
    sentences: &mut Vec<Sentence>,
) {
    let b = text.as_bytes();
    let push = |sentences: &mut Vec<Sentence>, tokens: &mut [Token], r: Range<usize>| {
        let idx = sentences.len() as u32;
        for tok in &mut tokens[r.clone()] {
            tok.sentence = idx;
        }
        sentences.push(Sentence {
            span: ByteSpan {
                start: tokens[r.start].span.start,
                end: tokens[r.end - 1].span.end,
            },
            tokens: TokenSpan::new(r.start, r.end),
            paragraph: p,
        });
    };
    let mut start = ps;
    let mut t = ps;
    while t < pe {
        let Some(mut term) = terminal(text, &tokens[t]) else {
            t += 1;
            continue;
        };
        let mut e = t + 1;
        while e < pe && is_closer(b, &tokens[e]) {
            e += 1;
        }
        if e > t + 1 {
            // A closing mark after the period: the period ends the sentence for sure.
            term = Terminal::Punct;
        }
        if e < pe && splits_before(text, tokens, term, e, pe) {
            push(sentences, tokens, start..e);
            start = e;
        }
        t = e;
    }
    if start < pe {
        push(sentences, tokens, start..pe);
    }
}
