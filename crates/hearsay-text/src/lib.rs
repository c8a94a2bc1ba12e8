//! The hearsay text layer: paragraphs, sentences, tokens and paired quotation marks.
//!
//! [`segment`] fills the text layer of a [`Doc`] (`paragraphs`, `sentences`, `tokens`,
//! `quotations`) in a few linear passes over the bytes: no regular expressions, no allocation per
//! token, and no panic on any `&str`. Everything refers to [`Doc::text`] by byte offsets.
//!
//! # Paragraphs
//!
//! A paragraph is a line: text between line breaks (`\n`, `\r\n`, `\r`, and the Unicode line and
//! paragraph separators U+2028, U+2029, U+0085). Its span excludes the break and leading and
//! trailing whitespace; blank lines are not paragraphs. Sentences never cross paragraphs.
//!
//! # Tokens
//!
//! Penn-Treebank style, to match Stanford CoreNLP tokenization (which the POS tagger's training
//! data used):
//!
//! - words and numbers: `1,000`, `3.5`, `9/11`, `10:30`, `2016-09-12`, `1990s` are one number;
//!   hyphenated words (`well-known`, `U.S.-led`) are one word; `$5` is `$` + `5`;
//! - clitics are split off, with straight `'` or curly `’` apostrophes: `do n't`, `ca n't`,
//!   `wo n't`, `it 's`, `Trump 's`, `they 're`, `we 've`, `I 'll`, `he 'd`, `I 'm`; PTB also
//!   splits `can not`, `gon na`, `got ta`, `wan na`; inner apostrophes stay (`O'Brien`,
//!   `o'clock`); the possessive apostrophe of a plural is its own token of kind `Word`
//!   (`voters ’`), like `'s`; a year keeps its apostrophe (`’90s`, kind `Number`);
//! - abbreviations keep their period: titles (`Mr.`, `Gov.`, `Sen.`, `Gen.`, …), company and
//!   name suffixes (`Inc.`, `Corp.`, `Jr.`), months (`Sept.`), AP state abbreviations, `etc.`,
//!   `vs.`, `No.` before a number, single capital initials (`J.`) and dotted acronyms (`U.S.`,
//!   `D.C.`, `a.m.`, `e.g.`, `Ph.D.`);
//! - `…` and `...` are one token, so are `—`, `–` and `--`, and runs of `!`/`?`;
//! - every quotation mark is its own token of kind `Quote`: `"` `“` `”` `‘` `’` `'` `«` `»` `„`
//!   `‹` `›` and the PTB forms ` `` ` and `''` — but an apostrophe (inside a word, a clitic, a
//!   possessive, a year) is never a `Quote` token;
//! - URLs, e-mail addresses, bare domains (`example.com`), `@handles` and `#hashtags` are one
//!   word; combining marks and emoji sequences stay with the character they modify.
//!
//! `Token::space_before` is true when whitespace precedes the token.
//!
//! # Sentences
//!
//! A sentence ends after `.`, `!`, `?`, `…` (and runs of them) together with any closing
//! quotation marks and brackets right after them (`He said "Stop." Then` ends after the closing
//! quote) — unless the next token starts with a lowercase letter or is `,` `;` `:` (`"Stop!" he
//! said` stays one sentence). After abbreviations: never after titles (`Mr.`, `Dr.`, `Gov.`,
//! `Sen.`, `No.`, `vs.`, `e.g.`); after `a.m.`, `p.m.`, `etc.` before any capitalised word; after
//! other abbreviations, acronyms and initials (`U.S.`, `Inc.`, `Jr.`, `J.`) only before a usual
//! sentence starter (`The`, `He`, `She`, `It`, `They`, `But`, `In`, `A`, …), so `Donald J. Trump`
//! and `the U.S. economy` stay whole. Numbers never split (`3.5`). Sentence spans run from their
//! first token to their last. Every token belongs to exactly one sentence; sentences are
//! contiguous and in order, and `Paragraph::sentences` ranges cover them all.
//!
//! # Quotations
//!
//! Each `Quote` token gets a [`QuoteRole`](hearsay_doc::QuoteRole): `Open`, `Close` or `Stray`
//! (unpaired). Curly `“` opens and `”` closes (unless the context clearly says otherwise, for
//! mis-curled marks); straight `"` opens after whitespace, the paragraph start or an opening
//! bracket, closes before whitespace, punctuation or the paragraph end, and alternates when that
//! is ambiguous. Single
//! marks `‘ ’ '` pair the same way as inner (or headline-style) quotations; a possessive
//! apostrophe (`workers’`) becomes a closing single mark only when a single quotation is open and
//! nothing later could close it (`‘a win for workers’.`). A closing mark with nothing to close is
//! `Stray`; so are single marks left open at the end of the paragraph.
//!
//! [`Doc::quotations`] lists every paired quotation (double and single, nested ones included),
//! sorted by opening mark: `open` is the opening mark, `close` the closing mark, and `tokens` the
//! tokens strictly between them.
//!
//! **Multi-paragraph quotations** (news style: a quotation runs to the end of a paragraph without
//! closing and the next paragraph re-opens it with a new opening mark) are **one** `Quotation`:
//! `open` is the first opening mark, `close` the final closing mark, and `tokens` spans every
//! paragraph in between. The re-opening marks at the start of the continuation paragraphs get
//! `QuoteRole::Open` but start no `Quotation` of their own, and they are the only tokens inside a
//! quotation's `tokens` whose `in_quote` is false. A double quotation left open at the end of a
//! paragraph whose next paragraph does not start with an opening double mark ends at the end of
//! its paragraph with `close: None` — one stray mark never puts the rest of the document in
//! quotes. An opening mark that is the last token of its paragraph is `Stray`.
//!
//! `Token::in_quote` is true exactly for the tokens inside some quotation's `tokens` (which
//! includes the marks of quotations nested in it), except the re-opening marks.

#![warn(missing_docs)]

mod chars;
mod lexicon;
mod quotes;
mod sentences;
mod tokenizer;

use std::ops::Range;

use hearsay_doc::{ByteSpan, Doc, Paragraph, TokenKind};

use chars::{decode_at, is_space, prev_start};
use tokenizer::Tokenizer;

/// Segments a document: fills `doc.paragraphs`, `doc.sentences`, `doc.tokens` and
/// `doc.quotations` from `doc.text` (see the crate documentation for the rules).
///
/// The four layers are cleared first, and so are the layers built on tokens (`pos`, `heads`,
/// `deprels`, `attributions`), which a new tokenization would invalidate. Never panics. Text past
/// the first 4 GiB (the reach of the `u32` offsets in [`ByteSpan`]) is ignored.
pub fn segment(doc: &mut Doc) {
    let Doc {
        text,
        paragraphs,
        sentences,
        tokens,
        quotations,
        pos,
        heads,
        deprels,
        attributions,
        ..
    } = doc;
    paragraphs.clear();
    sentences.clear();
    tokens.clear();
    quotations.clear();
    pos.clear();
    heads.clear();
    deprels.clear();
    attributions.clear();

    let text: &str = text;
    let b = text.as_bytes();
    let n = usable_len(text);
    tokens.reserve(n / 5 + 1);

    let mut tk = Tokenizer::new();
    let mut pairer = quotes::Pairer::new();
    for_each_line(b, n, |ls, le| {
        let Some((s, e)) = trim(b, ls, le) else {
            return;
        };
        let ps = tokens.len();
        tk.tokenize_range(text, s, e, tokens);
        let pe = tokens.len();
        if pe == ps {
            return;
        }
        // Each paragraph is paired and split while its tokens are still in cache.
        pairer.paragraph(text, tokens, ps, pe, quotations);
        let first = sentences.len() as u32;
        sentences::split(text, tokens, ps, pe, paragraphs.len() as u32, sentences);
        paragraphs.push(Paragraph {
            span: ByteSpan::new(s, e),
            sentences: first..sentences.len() as u32,
        });
    });
    pairer.finish(quotations);
    // Sorted by opening mark. Each paragraph's quotations are sorted already, so the stable
    // (run-detecting) sort is close to linear.
    quotations.sort_by_key(|q| q.open);
}

/// Creates a document from `text` and segments it: `Doc::new(text)` followed by [`segment`].
pub fn segment_text(text: impl Into<String>) -> Doc {
    let mut doc = Doc::new(text);
    segment(&mut doc);
    doc
}

/// Tokenizes one string without paragraph or sentence splitting: the byte range and kind of each
/// token, with the same rules as [`segment`]. Quotation pairing does not run, so a possessive
/// apostrophe (`voters'`) is always a `Word` here.
pub fn tokenize(text: &str) -> Vec<(Range<usize>, TokenKind)> {
    let mut out = Vec::new();
    Tokenizer::new().tokenize_range(text, 0, usable_len(text), &mut out);
    out.into_iter().map(|t| (t.span.range(), t.kind)).collect()
}

/// The length of the prefix of `text` that `u32` byte offsets can address, on a char boundary.
fn usable_len(text: &str) -> usize {
    let mut n = text.len().min(u32::MAX as usize);
    while n > 0 && !text.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// Calls `f(start, end)` for every line of `b[..n]` (line breaks excluded).
fn for_each_line(b: &[u8], n: usize, mut f: impl FnMut(usize, usize)) {
    let mut ls = 0;
    let mut i = 0;
    while i < n {
        let brk = match b[i] {
            b'\n' => 1,
            b'\r' => {
                if i + 1 < n && b[i + 1] == b'\n' {
                    2
                } else {
                    1
                }
            }
            0xE2 if i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) => 3,
            0xC2 if i + 1 < n && b[i + 1] == 0x85 => 2,
            _ => 0,
        };
        if brk == 0 {
            i += 1;
        } else {
            f(ls, i);
            i += brk;
            ls = i;
        }
    }
    f(ls, n);
}

/// Trims whitespace from both ends of `b[s..e]`; `None` when nothing is left.
fn trim(b: &[u8], mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    while s < e {
        let (c, l) = decode_at(b, s);
        if !is_space(c) {
            break;
        }
        s += l;
    }
    while let Some(p) = prev_start(b, e, s) {
        if !is_space(decode_at(b, p).0) {
            break;
        }
        e = p;
    }
    if s < e {
        Some((s, e))
    } else {
        None
    }
}
