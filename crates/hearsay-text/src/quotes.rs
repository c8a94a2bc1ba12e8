//! Quotation-mark pairing: one pass over the tokens of each paragraph with a stack of open marks.
//!
//! Each mark gets a family (double or single) and a lexical bias (opening, closing, ambiguous);
//! its left and right neighbours give a context; [`decide`] combines the two with the state of
//! the stack. Closing a double quotation pops (and strands) unclosed single ones above it; a
//! single closing mark only closes a single quotation on top of the stack, so noisy apostrophes
//! never break a double quotation. Every stack entry is pushed and popped once, so the pass is
//! linear however unbalanced the marks are.
//!
//! A double quotation still open at the end of its paragraph continues into the next paragraph
//! when that paragraph begins with an opening double mark (news style); otherwise it ends with
//! the paragraph, unclosed. Single quotations never cross a paragraph: an unclosed single mark is
//! stray.

use hearsay_doc::{Quotation, QuoteRole, Token, TokenKind, TokenSpan};

use crate::chars::{decode_at, is_dash};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fam {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    /// Opens unless context clearly says it closes (`“`).
    Open,
    /// Always opens (`„`).
    OpenAlways,
    /// Closes when something is open (`”`).
    Close,
    /// Straight marks: decided by context (`"`, `'`).
    Ambig,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    /// Start of paragraph, whitespace, an opening bracket, dash or opening mark.
    Open,
    /// A word, number or closing punctuation.
    Closed,
    /// Another quotation mark: says nothing.
    Neutral,
}

/// Family and lexical bias of a quotation-mark token.
pub(crate) fn mark_info(b: &[u8], tok: &Token) -> Option<(Fam, Lex)> {
    let s = tok.span.start as usize;
    let e = tok.span.end as usize;
    if e >= s + 2 && b[s] == b'\'' && b[s + 1] == b'\'' {
        return Some((Fam::Double, Lex::Close));
    }
    if e >= s + 2 && b[s] == b'`' && b[s + 1] == b'`' {
        return Some((Fam::Double, Lex::Open));
    }
    let (c, _) = decode_at(b, s);
    Some(match c {
        '"' | '\u{FF02}' => (Fam::Double, Lex::Ambig),
        '\u{201C}' | '\u{201F}' | '\u{00AB}' | '\u{300C}' | '\u{300E}' => (Fam::Double, Lex::Open),
        '\u{201E}' => (Fam::Double, Lex::OpenAlways),
        '\u{201D}' | '\u{00BB}' | '\u{300D}' | '\u{300F}' => (Fam::Double, Lex::Close),
        '\u{2018}' | '\u{201B}' | '\u{2039}' | '`' => (Fam::Single, Lex::Open),
        '\u{201A}' => (Fam::Single, Lex::OpenAlways),
        '\u{2019}' | '\u{203A}' => (Fam::Single, Lex::Close),
        '\'' => (Fam::Single, Lex::Ambig),
        _ => return None,
    })
}

/// A lone apostrophe split off a word ending in `s` (`voters'`): kind `Word`, one mark.
pub(crate) fn is_possessive(b: &[u8], tok: &Token) -> bool {
    if tok.kind != TokenKind::Word {
        return false;
    }
    let s = &b[tok.span.range()];
    s == b"'" || s == "\u{2019}".as_bytes()
}

fn left_ctx(b: &[u8], tokens: &[Token], t: usize, ps: usize) -> Ctx {
    if t == ps || tokens[t].space_before {
        return Ctx::Open;
    }
    let p = &tokens[t - 1];
    if p.kind == TokenKind::Quote && p.quote == QuoteRole::Open {
        return Ctx::Open;
    }
    if p.kind == TokenKind::Punct {
        let (c, _) = decode_at(b, p.span.start as usize);
        if matches!(c, '(' | '[' | '{' | '-' | '/') || is_dash(c) {
            return Ctx::Open;
        }
    }
    Ctx::Closed
}

fn right_ctx(b: &[u8], tokens: &[Token], t: usize, pe: usize) -> Ctx {
    if t + 1 >= pe || tokens[t + 1].space_before {
        return Ctx::Closed;
    }
    let n = &tokens[t + 1];
    match n.kind {
        TokenKind::Quote => Ctx::Neutral,
        TokenKind::Punct => {
            let (c, _) = decode_at(b, n.span.start as usize);
            if matches!(c, '(' | '[' | '{') {
                Ctx::Open
            } else {
                Ctx::Closed
            }
        }
        _ => Ctx::Open,
    }
}

/// The role of a mark given its bias, its context, and whether a quotation it could close is
/// open (for doubles: any double on the stack; for singles: a single on top of the stack).
fn decide(lex: Lex, l: Ctx, r: Ctx, open_exists: bool) -> QuoteRole {
    use Ctx::*;
    match lex {
        Lex::OpenAlways => QuoteRole::Open,
        Lex::Open => {
            if open_exists && l == Closed && r != Open {
                QuoteRole::Close
            } else {
                QuoteRole::Open
            }
        }
        Lex::Close => {
            if open_exists {
                QuoteRole::Close
            } else if l == Open && r == Open {
                QuoteRole::Open
            } else {
                QuoteRole::Stray
            }
        }
        Lex::Ambig => match (l, r) {
            (Open, Open) | (Open, Neutral) => QuoteRole::Open,
            (Closed, Closed) | (Closed, Neutral) => {
                if open_exists {
                    QuoteRole::Close
                } else {
                    QuoteRole::Stray
                }
            }
            _ => {
                if open_exists {
                    QuoteRole::Close
                } else {
                    QuoteRole::Open
                }
            }
        },
    }
}

#[derive(Clone, Copy)]
struct Entry {
    fam: Fam,
    /// The mark token.
    tok: u32,
    /// The quotation's first opening mark (differs from `tok` for a re-opening mark that
    /// continues a quotation from the previous paragraph).
    origin: u32,
}

/// Pairs quotation marks paragraph by paragraph, carrying an open double quotation from one
/// paragraph to the next.
pub(crate) struct Pairer {
    stack: Vec<Entry>,
    /// A double quotation left open by the previous paragraph: (origin, token end so far).
    carry: Option<(u32, u32)>,
}

impl Pairer {
    pub(crate) fn new() -> Self {
        Pairer {
            stack: Vec::new(),
            carry: None,
        }
    }

    /// Pairs the marks of the paragraph made of `tokens[ps..pe]` (the paragraphs must come in
    /// order). Sets `Token::quote` and `Token::in_quote` for these tokens, may turn a possessive
    /// apostrophe into a closing `Quote`, and appends the quotations closed here (and the one the
    /// previous paragraph left open, if this paragraph does not continue it) to `quotations`.
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        tokens: &mut [Token],
        ps: usize,
        pe: usize,
        quotations: &mut Vec<Quotation>,
    ) {
        let b = text.as_bytes();
        let q0 = quotations.len();
        let stack = &mut self.stack;
        stack.clear();
        let mut n_double = 0usize;
        let mut continuation = None;

        // Backward pass: a possessive apostrophe may close a single quotation only when no
        // later single closing mark (or possessive) follows before the next opening single
        // mark or double mark. The answer is parked in `in_quote`, which is set for real below.
        let mut later = false;
        for tok in tokens[ps..pe].iter_mut().rev() {
            match tok.kind {
                TokenKind::Quote => match mark_info(b, tok) {
                    Some((Fam::Double, _)) | Some((Fam::Single, Lex::Open | Lex::OpenAlways)) => {
                        later = false
                    }
                    Some((Fam::Single, Lex::Close | Lex::Ambig)) => later = true,
                    None => {}
                },
                TokenKind::Word if is_possessive(b, tok) => {
                    tok.in_quote = !later;
                    later = true;
                }
                _ => {}
            }
        }

        for t in ps..pe {
            let tok = tokens[t];
            match tok.kind {
                TokenKind::Word if tok.in_quote => {
                    // An eligible possessive apostrophe.
                    tokens[t].in_quote = false;
                    let top_single = stack.last().is_some_and(|e| e.fam == Fam::Single);
                    if top_single && right_ctx(b, tokens, t, pe) != Ctx::Open {
                        if let Some(e) = stack.pop() {
                            tokens[t].kind = TokenKind::Quote;
                            tokens[t].quote = QuoteRole::Close;
                            quotations.push(Quotation {
                                open: e.origin,
                                close: Some(t as u32),
                                tokens: TokenSpan::new(e.origin as usize + 1, t),
                            });
                        }
                    }
                }
                TokenKind::Quote => {
                    let Some((fam, lex)) = mark_info(b, &tok) else {
                        tokens[t].quote = QuoteRole::Stray;
                        continue;
                    };
                    let l = left_ctx(b, tokens, t, ps);
                    let r = right_ctx(b, tokens, t, pe);
                    let open_exists = match fam {
                        Fam::Double => n_double > 0,
                        Fam::Single => stack.last().is_some_and(|e| e.fam == Fam::Single),
                    };
                    match decide(lex, l, r, open_exists) {
                        QuoteRole::Open => {
                            let mut origin = t as u32;
                            if t == ps && fam == Fam::Double {
                                if let Some((o, _)) = self.carry.take() {
                                    origin = o;
                                    continuation = Some(t);
                                }
                            }
                            tokens[t].quote = QuoteRole::Open;
                            stack.push(Entry {
                                fam,
                                tok: t as u32,
                                origin,
                            });
                            if fam == Fam::Double {
                                n_double += 1;
                            }
                        }
                        QuoteRole::Close => {
                            while let Some(e) = stack.pop() {
                                if e.fam == fam {
                                    if fam == Fam::Double {
                                        n_double -= 1;
                                    }
                                    quotations.push(Quotation {
                                        open: e.origin,
                                        close: Some(t as u32),
                                        tokens: TokenSpan::new(e.origin as usize + 1, t),
                                    });
                                    break;
                                }
                                // Only a double close gets here with singles above it.
                                tokens[e.tok as usize].quote = QuoteRole::Stray;
                            }
                            tokens[t].quote = QuoteRole::Close;
                        }
                        _ => tokens[t].quote = QuoteRole::Stray,
                    }
                }
                _ => {}
            }
            if t == ps {
                // The previous paragraph's open quotation was not continued: it ends there.
                if let Some((o, end)) = self.carry.take() {
                    quotations.push(open_ended(o, end));
                }
            }
        }

        // End of paragraph: the earliest open double quotation runs to here (and may continue);
        // every other open mark is stray.
        let mut carried = false;
        for e in stack.drain(..) {
            if e.fam == Fam::Double && !carried {
                if e.origin == e.tok && e.tok as usize + 1 == pe {
                    tokens[e.tok as usize].quote = QuoteRole::Stray;
                } else {
                    self.carry = Some((e.origin, pe as u32));
                    carried = true;
                }
            } else {
                tokens[e.tok as usize].quote = QuoteRole::Stray;
            }
        }

        // in_quote: inside the inner span of a quotation closed here (clipped to this paragraph)
        // or of the quotation carried on from here. The quotations closed in one paragraph nest
        // or are disjoint; sweeping them sorted by start is linear.
        let new = &mut quotations[q0..];
        new.sort_unstable_by_key(|q| q.tokens.start);
        let mut cur_end = 0u32;
        let mut qi = 0;
        let carry_start = self.carry.map_or(u32::MAX, |(o, _)| o + 1);
        for (t, tok) in tokens.iter_mut().enumerate().take(pe).skip(ps) {
            while qi < new.len() && new[qi].tokens.start as usize <= t {
                cur_end = cur_end.max(new[qi].tokens.end);
                qi += 1;
            }
            tok.in_quote = (t as u32) < cur_end || carry_start <= t as u32;
        }
        if let Some(c) = continuation {
            tokens[c].in_quote = false;
        }
    }

    /// Ends the document: a quotation still open ends with the last paragraph.
    pub(crate) fn finish(&mut self, quotations: &mut Vec<Quotation>) {
        if let Some((o, end)) = self.carry.take() {
            quotations.push(open_ended(o, end));
        }
    }
}

fn open_ended(open: u32, end: u32) -> Quotation {
    Quotation {
        open,
        close: None,
        tokens: TokenSpan::new(open as usize + 1, end as usize),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decide_straight_marks_by_context() {
        use Ctx::*;
        // ` "Word` opens, `word." ` closes, and nothing to close makes a stray.
        assert_eq!(decide(Lex::Ambig, Open, Open, false), QuoteRole::Open);
        assert_eq!(decide(Lex::Ambig, Closed, Closed, true), QuoteRole::Close);
        assert_eq!(decide(Lex::Ambig, Closed, Closed, false), QuoteRole::Stray);
        // ` " ` alternates.
        assert_eq!(decide(Lex::Ambig, Open, Closed, false), QuoteRole::Open);
        assert_eq!(decide(Lex::Ambig, Open, Closed, true), QuoteRole::Close);
    }

    #[test]
    fn decide_curly_marks() {
        use Ctx::*;
        assert_eq!(decide(Lex::Open, Open, Open, true), QuoteRole::Open);
        assert_eq!(decide(Lex::Open, Closed, Closed, true), QuoteRole::Close);
        assert_eq!(decide(Lex::Close, Closed, Closed, false), QuoteRole::Stray);
        assert_eq!(decide(Lex::Close, Open, Open, false), QuoteRole::Open);
        assert_eq!(
            decide(Lex::OpenAlways, Closed, Closed, true),
            QuoteRole::Open
        );
    }
}
