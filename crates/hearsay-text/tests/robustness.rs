//! Never panic, whatever the input; keep every invariant on pseudo-random input.

mod common;

use common::{check, seg, toks};
use hearsay_doc::{Doc, TokenKind};
use hearsay_text::{segment, segment_text, tokenize};

#[test]
fn empty_string() {
    let doc = seg("");
    assert!(doc.tokens.is_empty() && doc.sentences.is_empty() && doc.paragraphs.is_empty());
    assert!(tokenize("").is_empty());
}

#[test]
fn only_whitespace() {
    for text in [
        " ",
        "\n",
        "\r\n\r\n",
        " \t \u{a0}\u{2003}\u{3000}\n\u{2029}",
        "\u{feff}\u{200b}",
    ] {
        let doc = seg(text);
        assert!(doc.tokens.is_empty(), "{text:?}");
        assert!(doc.paragraphs.is_empty(), "{text:?}");
    }
}

#[test]
fn nul_bytes_and_control_characters() {
    let text = "a\0b \0\0 c\x01\x02\x1b[0m\x7f. \x08Next\x0b line\x0cend";
    let doc = seg(text);
    assert!(!doc.tokens.is_empty());
    let t = toks("\0\0");
    assert_eq!(t, ["\0", "\0"]);
}

#[test]
fn emoji_sequences_stay_whole() {
    let text = "Great 👍🏽 news 👨‍👩‍👧‍👦 for 🇺🇸 fans ❤️!";
    assert_eq!(
        toks(text),
        ["Great", "👍🏽", "news", "👨‍👩‍👧‍👦", "for", "🇺🇸", "fans", "❤️", "!"]
    );
    seg(text);
}

#[test]
fn combining_marks_stay_with_their_base() {
    let text = "cafe\u{301} n\u{303}o \u{301}alone “\u{301}x”";
    let t = toks(text);
    assert_eq!(t[0], "cafe\u{301}");
    assert_eq!(t[1], "n\u{303}o");
    // A mark with nothing to combine with is a symbol of its own.
    assert_eq!(t[2], "\u{301}");
    assert_eq!(t[3], "alone");
    seg(text);
}

#[test]
fn right_to_left_and_other_scripts() {
    let text = "قال الرئيس «لن نتراجع». אמר השר: “לא עכשיו.” Он сказал: «Нет». 他说：“不。”";
    let doc = seg(text);
    assert!(doc.quotations.len() >= 3);
    assert!(toks("שלום עולם").len() == 2);
    // Bidi controls do not break anything.
    seg("\u{202b}abc\u{202c} \u{200f}def\u{200e}.");
}

#[test]
fn byte_order_mark_and_odd_spaces() {
    let doc = seg("\u{feff}Hello\u{200b}world.\u{2028}Next\u{85}line.");
    assert_eq!(doc.paragraphs.len(), 3);
    assert_eq!(doc.token_text(0), "Hello");
}

#[test]
fn fifty_megabyte_single_line() {
    let unit = "The governor said “we will not stop” and the U.S. agreed. ";
    let count = 50_000_000 / unit.len() + 1;
    let text = unit.repeat(count);
    let len = text.len();
    let doc = segment_text(text);
    assert_eq!(doc.paragraphs.len(), 1);
    assert!(doc.tokens.len() > len / 10);
    assert_eq!(
        doc.sentences.last().unwrap().tokens.end as usize,
        doc.tokens.len()
    );
    assert_eq!(doc.quotations.len(), count);
}

#[test]
fn long_tokens_and_runs() {
    for text in [
        "a".repeat(1 << 20),
        ".".repeat(1 << 16),
        "-".repeat(1 << 16),
        "—".repeat(1 << 14),
        "!?".repeat(1 << 14),
        "ab.".repeat(1 << 14),
        "a.".repeat(1 << 14),
        "x@y.".repeat(1 << 13),
        "http://".repeat(1 << 12),
        "1,".repeat(1 << 14),
        "'s".repeat(1 << 14),
        "n't".repeat(1 << 14),
        "\u{301}".repeat(1 << 14),
        "\u{200d}".repeat(1 << 14),
        "🇺".repeat(1 << 12),
    ] {
        seg(&text);
    }
}

#[test]
fn ten_thousand_quote_marks() {
    for mark in ["\"", "“", "”", "'", "‘", "’", "«", "»", "„", "‹", "`"] {
        let doc = seg(&mark.repeat(10_000));
        assert!(doc.tokens.iter().all(|t| t.kind == TokenKind::Quote));
    }
    seg(&"\"\n".repeat(10_000));
    seg(&"\" a \n".repeat(10_000));
    seg(&"a\" ".repeat(10_000));
}

#[test]
fn segment_clears_previous_layers() {
    let mut doc = segment_text("One. Two.");
    doc.text = "Three “four”.".to_string();
    segment(&mut doc);
    check(&doc);
    assert_eq!(doc.sentences.len(), 1);
    assert_eq!(doc.quotations.len(), 1);
    let mut empty = Doc::new("");
    segment(&mut empty);
    check(&empty);
}

/// A tiny deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "a",
    "b",
    "s",
    "t",
    "n",
    "e",
    "Z",
    "J",
    "U",
    "S",
    "M",
    "r",
    "o",
    "w",
    "m",
    "c",
    "0",
    "1",
    "9",
    " ",
    " ",
    " ",
    " ",
    "\n",
    "\n",
    "\r",
    "\r\n",
    "\t",
    ".",
    ".",
    ",",
    "!",
    "?",
    ":",
    ";",
    "-",
    "/",
    "\"",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "’",
    "'",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "`",
    "(",
    ")",
    "[",
    "$",
    "%",
    "&",
    "@",
    "#",
    "_",
    "+",
    "…",
    "—",
    "–",
    "é",
    "\u{301}",
    "\u{200d}",
    "😀",
    "🇺",
    "ש",
    "ب",
    "中",
    "\0",
    "\u{feff}",
    "\u{a0}",
    "\u{2028}",
    "\u{85}",
    "Mr.",
    "U.S.",
    "e.g.",
    "n't",
    "'s",
    "’s",
    "http://",
    "www.",
    ".com",
    "No.",
    "Inc.",
    "The",
    "he",
    "a.m.",
    "s’",
    "''",
    "``",
    "'90s",
    "\u{fffd}",
    "\u{10ffff}",
];

fn random_text(rng: &mut Lcg) -> String {
    let len = rng.below(120);
    let mut s = String::new();
    for _ in 0..len {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s
}

/// The number of random cases: `default`, or `HEARSAY_FUZZ_ITERS` from the environment for a
/// longer run (`HEARSAY_FUZZ_ITERS=1000000 cargo test --release -p hearsay-text`).
fn iterations(default: usize) -> usize {
    std::env::var("HEARSAY_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn invariants_hold_on_pseudo_random_text() {
    let mut rng = Lcg(0x5eed_1234_abcd_0001);
    for _ in 0..iterations(20_000) {
        let text = random_text(&mut rng);
        let doc = segment_text(text);
        check(&doc);
    }
}

#[test]
fn invariants_hold_on_quote_heavy_random_text() {
    const Q: &[&str] = &[
        "\"", "“", "”", "‘", "’", "'", "s’", "s'", " ", " ", "\n", "a", "b.", ",", "x ",
    ];
    let mut rng = Lcg(42);
    for _ in 0..iterations(10_000) {
        let len = rng.below(60);
        let text: String = (0..len).map(|_| Q[rng.below(Q.len())]).collect();
        check(&segment_text(text));
    }
}
