//! Feature extraction for the POS tagger.
//!
//! Every token of a sentence is first summarised once into a [`WordInfo`] (hashes of its
//! normalised form, suffixes, prefix and shape, plus a few flags); the features of token `i`
//! are then built from the infos of tokens `i-2 ..= i+2` and the two previously predicted tags.
//! Nothing here allocates: hashes are computed on `&str` slices and features are written into
//! a fixed-size [`Features`] buffer.
//!
//! The template ids and normalisations below are part of the model contract: changing any of
//! them requires retraining (bump [`FEATURE_VERSION`]).

use hearsay_doc::Pos;
use hearsay_ml::hash::{bytes_hash, f1, f2, str_hash};

/// Version of the feature set; stored in the model metadata and checked on load.
pub const FEATURE_VERSION: u32 = 1;

/// Maximum number of features per token.
pub const MAX_FEATURES: usize = 32;

// Feature template ids.
const T_BIAS: u32 = 1;
const T_WORD: u32 = 2;
const T_SUF1: u32 = 3;
const T_SUF2: u32 = 4;
const T_SUF3: u32 = 5;
const T_PRE1: u32 = 6;
const T_PRE3: u32 = 7;
const T_SHAPE: u32 = 8;
const T_CAP_FIRST: u32 = 9;
const T_FLAGS: u32 = 10;
const T_P1: u32 = 11;
const T_P2: u32 = 12;
const T_P1P2: u32 = 13;
const T_P1_WORD: u32 = 14;
const T_WORD_M1: u32 = 15;
const T_SUF3_M1: u32 = 16;
const T_WORD_M2: u32 = 17;
const T_WORD_P1: u32 = 18;
const T_SUF3_P1: u32 = 19;
const T_WORD_P2: u32 = 20;
const T_QUOTE: u32 = 21;
const T_SHAPE_P1: u32 = 22;
const T_WORD_M1_WORD: u32 = 23;
const T_WORD_WORD_P1: u32 = 24;
const T_SHAPE_M1: u32 = 25;
const T_TITLE: u32 = 26;
const T_TITLE_WORD: u32 = 27;

/// Flag bits of [`WordInfo::flags`] (the entity tagger's word infos use the same bits, with
/// bit 16 for a period instead of a quotation mark). Starts with an upper-case letter.
pub const F_CAP: u8 = 1;
/// More than one letter, all upper-case.
pub const F_ALL_CAPS: u8 = 2;
/// Has an ASCII digit.
pub const F_DIGIT: u8 = 4;
/// Has a hyphen.
pub const F_HYPHEN: u8 = 8;
/// Is a quotation mark.
pub(crate) const F_QUOTE: u8 = 16;
/// A padding position outside the sentence.
pub const F_PAD: u8 = 32;
/// Set on every token of a title-case sentence (a headline).
pub const F_TITLE: u8 = 64;
/// Has a letter.
pub const F_ALPHA: u8 = 128;

/// Value hashed for the tag history before the start of a sentence.
const START_TAG: u64 = 1000;
const START2_TAG: u64 = 1001;

/// Everything the features need to know about one token, computed once per token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Normalised word: lower-cased, `’` as `'`, numbers collapsed to `!DIGITS` / `!YEAR`.
    pub word: u64,
    /// The exact form (case kept, `’` as `'`), for the tag dictionary.
    pub exact: u64,
    /// Lower-cased suffixes of 1, 2 and 3 characters.
    pub suf: [u64; 3],
    /// The first character, case kept.
    pub pre1: u64,
    /// The first three characters, lower-cased.
    pub pre3: u64,
    /// Word shape: `Xxxx`, `dd,ddd`, `X.X.`, runs capped at four.
    pub shape: u64,
    /// `F_*` bits.
    pub flags: u8,
}

impl WordInfo {
    /// The info of a padding position before (`before == true`) or after the sentence.
    pub fn pad(before: bool, distance: u64) -> WordInfo {
        let h = pad_hash(before, distance);
        WordInfo {
            word: h,
            exact: h,
            suf: [h; 3],
            pre1: h,
            pre3: h,
            shape: h,
            flags: F_PAD,
        }
    }

    /// Summarise one token.
    pub fn new(w: &str) -> WordInfo {
        let mut flags = word_flags(w);
        if is_quote(w) {
            flags |= F_QUOTE;
        }
        let starts = suffix_starts::<3>(w);
        WordInfo {
            word: word_hash(w),
            exact: norm_hash(w, false),
            suf: starts.map(|i| norm_hash(&w[i..], true)),
            pre1: norm_hash(&w[..prefix_end(w, 1)], false),
            pre3: norm_hash(&w[..prefix_end(w, 3)], true),
            shape: shape_hash(w),
            flags,
        }
    }
}

/// The hash every field of a padding position's info gets: one per side and distance.
pub fn pad_hash(before: bool, distance: u64) -> u64 {
    let v = if before { 0x5354_4152 } else { 0x0045_4e44 } + distance;
    v.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The `F_CAP`, `F_ALL_CAPS`, `F_DIGIT`, `F_HYPHEN` and `F_ALPHA` bits of a word.
pub fn word_flags(w: &str) -> u8 {
    let mut flags = 0u8;
    if w.chars().next().is_some_and(char::is_uppercase) {
        flags |= F_CAP;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in w.chars() {
        if c.is_alphabetic() {
            flags |= F_ALPHA;
            letters += 1;
            upper += c.is_uppercase() as usize;
        } else if c.is_ascii_digit() {
            flags |= F_DIGIT;
        } else if c == '-' {
            flags |= F_HYPHEN;
        }
    }
    if letters > 1 && upper == letters {
        flags |= F_ALL_CAPS;
    }
    flags
}

/// The normalised word: lower-cased with `’` as `'` ([`norm_hash`]), and numbers (a word
/// starting with an ASCII digit) collapsed to `!YEAR` (four digits) or `!DIGITS`.
pub fn word_hash(w: &str) -> u64 {
    match w.chars().next() {
        Some(c) if c.is_ascii_digit() => {
            if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
                str_hash("!YEAR")
            } else {
                str_hash("!DIGITS")
            }
        }
        _ => norm_hash(w, true),
    }
}

/// Byte offsets where the suffixes of 1, 2, …, `N` characters start (0, the whole word, where
/// the word is shorter).
pub fn suffix_starts<const N: usize>(w: &str) -> [usize; N] {
    let mut starts = [0usize; N];
    for (k, (i, _)) in w.char_indices().rev().take(N).enumerate() {
        starts[k] = i;
    }
    starts
}

/// Byte length of the prefix of `n` characters (the whole word where it is shorter).
pub fn prefix_end(w: &str, n: usize) -> usize {
    w.char_indices().nth(n).map_or(w.len(), |(i, _)| i)
}

/// Mark every token of a title-case sentence (most words with letters capitalised, the
/// sentence-initial one aside) with `F_TITLE`; `flags` gives a word info's flag bits.
pub fn mark_title_case<W>(words: &mut [W], flags: impl Fn(&mut W) -> &mut u8) {
    let (mut alpha, mut cap) = (0usize, 0usize);
    for w in words.iter_mut().skip(1) {
        let f = *flags(w);
        if f & F_ALPHA != 0 {
            alpha += 1;
            cap += (f & F_CAP != 0) as usize;
        }
    }
    if cap >= 3 && cap * 4 >= alpha * 3 {
        for w in words.iter_mut() {
            *flags(w) |= F_TITLE;
        }
    }
}

/// Is the token a quotation mark (any style)?
fn is_quote(w: &str) -> bool {
    matches!(
        w,
        "\"" | "'" | "``" | "''" | "`" | "“" | "”" | "‘" | "’" | "«" | "»" | "„" | "‹" | "›"
    )
}

/// Hash of a string with `’` read as `'`, and lower-cased when `lower`.
pub fn norm_hash(s: &str, lower: bool) -> u64 {
    let mut h = str_hash("");
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_ascii() {
            let b = if lower { c.to_ascii_lowercase() } else { c } as u8;
            h = bytes_hash(h, &[b]);
        } else if lower && c.is_uppercase() {
            for l in c.to_lowercase() {
                h = bytes_hash(h, l.encode_utf8(&mut buf).as_bytes());
            }
        } else {
            h = bytes_hash(h, c.encode_utf8(&mut buf).as_bytes());
        }
    }
    h
}

/// Hash of the word shape: upper-case letters as `X`, lower-case as `x`, digits as `d`, other
/// characters as themselves; runs of the same class are cut at four.
pub fn shape_hash(s: &str) -> u64 {
    shape_hash_runs(s, 4)
}

/// Hash of a word shape (as in [`shape_hash`]) with runs of the same class cut at `max_run`
/// (at least 1).
pub fn shape_hash_runs(s: &str, max_run: usize) -> u64 {
    let mut h = str_hash("");
    let mut prev = '\0';
    let mut run = 0;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == prev {
            run += 1;
            if run >= max_run {
                continue;
            }
        } else {
            prev = k;
            run = 0;
        }
        h = bytes_hash(h, k.encode_utf8(&mut buf).as_bytes());
    }
    h
}

/// A fixed-capacity feature buffer.
pub type Features = hearsay_ml::hash::Features<MAX_FEATURES>;

/// The tag history value used in features for a previous tag (`None` before the sentence).
#[inline]
pub fn tag_value(t: Option<Pos>, distance: u64) -> u64 {
    match t {
        Some(p) => p.0 as u64,
        None if distance == 1 => START_TAG,
        None => START2_TAG,
    }
}

/// Write the features of the token at `padded[i + 2]` into `out`.
///
/// `padded` holds the sentence's infos with two [`WordInfo::pad`] entries on each side; `p1`
/// and `p2` are the previous two predicted tags ([`tag_value`]); `in_quote` says whether the
/// tags so far leave a quotation open.
#[inline]
pub fn extract(
    padded: &[WordInfo],
    i: usize,
    p1: u64,
    p2: u64,
    in_quote: bool,
    out: &mut Features,
) {
    extract_static(padded, i, out);
    extract_history(padded, i, p1, p2, in_quote, out);
}

/// The features of [`extract`] that do not read the tag history (the previous tags and the
/// quotation state), for the token at `padded[i + 2]` (`out` cleared first); [`extract`] is
/// these followed by [`extract_history`]. The tagger makes them one token ahead,
/// to prefetch their table rows while the token before is scored.
#[inline]
pub fn extract_static(padded: &[WordInfo], i: usize, out: &mut Features) {
    out.clear();
    let w = &padded[i + 2];
    let m1 = &padded[i + 1];
    let m2 = &padded[i];
    let n1 = &padded[i + 3];
    let n2 = &padded[i + 4];
    out.push(f1(T_BIAS, 0));
    out.push(f1(T_WORD, w.word));
    out.push(f1(T_SUF1, w.suf[0]));
    out.push(f1(T_SUF2, w.suf[1]));
    out.push(f1(T_SUF3, w.suf[2]));
    out.push(f1(T_PRE1, w.pre1));
    out.push(f1(T_PRE3, w.pre3));
    out.push(f1(T_SHAPE, w.shape));
    out.push(f2(
        T_CAP_FIRST,
        (w.flags & F_CAP) as u64,
        (m1.flags & F_PAD) as u64,
    ));
    out.push(f1(
        T_FLAGS,
        (w.flags & (F_ALL_CAPS | F_DIGIT | F_HYPHEN)) as u64,
    ));
    out.push(f1(T_WORD_M1, m1.word));
    out.push(f1(T_SUF3_M1, m1.suf[2]));
    out.push(f1(T_WORD_M2, m2.word));
    out.push(f1(T_WORD_P1, n1.word));
    out.push(f1(T_SUF3_P1, n1.suf[2]));
    out.push(f1(T_WORD_P2, n2.word));
    out.push(f1(T_SHAPE_P1, n1.shape));
    out.push(f1(T_SHAPE_M1, m1.shape));
    out.push(f2(T_WORD_M1_WORD, m1.word, w.word));
    out.push(f2(T_WORD_WORD_P1, w.word, n1.word));
    if w.flags & F_TITLE != 0 {
        out.push(f1(T_TITLE, (w.flags & F_CAP) as u64));
        out.push(f2(T_TITLE_WORD, (w.flags & F_CAP) as u64, w.word));
    }
}

/// Append the tag-history features of [`extract`] for the token at `padded[i + 2]` (see
/// [`extract_static`]).
#[inline]
pub fn extract_history(
    padded: &[WordInfo],
    i: usize,
    p1: u64,
    p2: u64,
    in_quote: bool,
    out: &mut Features,
) {
    let w = &padded[i + 2];
    out.push(f1(T_P1, p1));
    out.push(f1(T_P2, p2));
    out.push(f2(T_P1P2, p1, p2));
    out.push(f2(T_P1_WORD, p1, w.word));
    if w.flags & F_QUOTE != 0 {
        out.push(f2(T_QUOTE, in_quote as u64, w.exact));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        assert_eq!(norm_hash("Said", true), norm_hash("said", true));
        assert_ne!(norm_hash("Said", false), norm_hash("said", false));
        assert_eq!(norm_hash("n’t", true), norm_hash("n't", true));
        assert_eq!(norm_hash("ÉTÉ", true), norm_hash("été", true));
        assert_eq!(WordInfo::new("1,250").word, WordInfo::new("7.5").word);
        assert_eq!(WordInfo::new("1999").word, WordInfo::new("2016").word);
        assert_ne!(WordInfo::new("1999").word, WordInfo::new("19999").word);
        assert_eq!(WordInfo::new("Said").word, WordInfo::new("said").word);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_hash("Trump"), shape_hash("Obama"));
        assert_eq!(shape_hash("Washington"), shape_hash("Kremlin"));
        assert_ne!(shape_hash("Mr"), shape_hash("Mrs"));
        assert_eq!(shape_hash("1,000"), shape_hash("2,500"));
        assert_ne!(shape_hash("U.S."), shape_hash("us"));
        assert_eq!(shape_hash(""), str_hash(""));
    }

    #[test]
    fn suffixes_prefixes_and_flags() {
        let w = WordInfo::new("Voting");
        assert_eq!(w.suf[0], norm_hash("g", true));
        assert_eq!(w.suf[1], norm_hash("ng", true));
        assert_eq!(w.suf[2], norm_hash("ing", true));
        assert_eq!(w.pre1, norm_hash("V", false));
        assert_eq!(w.pre3, norm_hash("vot", true));
        assert_eq!(w.flags, F_CAP | F_ALPHA);
        // Multi-byte characters are cut on character boundaries.
        let w = WordInfo::new("café");
        assert_eq!(w.suf[0], norm_hash("é", true));
        assert_eq!(w.suf[2], norm_hash("afé", true));
        // Short words: suffixes longer than the word are the word.
        let w = WordInfo::new("a");
        assert_eq!(w.suf, [norm_hash("a", true); 3]);
        assert_eq!(WordInfo::new("NATO").flags, F_CAP | F_ALL_CAPS | F_ALPHA);
        assert_eq!(WordInfo::new("well-known").flags, F_HYPHEN | F_ALPHA);
        assert_eq!(WordInfo::new("3rd").flags, F_DIGIT | F_ALPHA);
        assert_eq!(WordInfo::new("1,000").flags, F_DIGIT);
        assert_eq!(WordInfo::new("“").flags, F_QUOTE);
        let empty = WordInfo::new("");
        assert_eq!(empty.flags, 0);
    }

    #[test]
    fn extraction_uses_context_and_history() {
        let words = ["The", "mayor", "spoke", "."];
        let mut padded = vec![WordInfo::pad(true, 2), WordInfo::pad(true, 1)];
        padded.extend(words.iter().map(|w| WordInfo::new(w)));
        padded.push(WordInfo::pad(false, 1));
        padded.push(WordInfo::pad(false, 2));
        let mut a = Features::default();
        let mut b = Features::default();
        extract(
            &padded,
            1,
            tag_value(Pos::from_name("DT"), 1),
            tag_value(None, 2),
            false,
            &mut a,
        );
        extract(
            &padded,
            1,
            tag_value(Pos::from_name("DT"), 1),
            tag_value(None, 2),
            false,
            &mut b,
        );
        assert_eq!(a.as_slice(), b.as_slice());
        assert!(a.as_slice().len() >= 20);
        // A different previous tag changes exactly the tag-history features.
        extract(
            &padded,
            1,
            tag_value(Pos::from_name("JJ"), 1),
            tag_value(None, 2),
            false,
            &mut b,
        );
        let differ = a
            .as_slice()
            .iter()
            .zip(b.as_slice())
            .filter(|(x, y)| x != y)
            .count();
        assert_eq!(differ, 3);
        // All features of one token are distinct.
        let mut s = a.as_slice().to_vec();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), a.as_slice().len());
        // Quote features appear only for quotation marks.
        let q = [
            WordInfo::pad(true, 2),
            WordInfo::pad(true, 1),
            WordInfo::new("\""),
            WordInfo::pad(false, 1),
            WordInfo::pad(false, 2),
        ];
        extract(&q, 0, tag_value(None, 1), tag_value(None, 2), false, &mut b);
        assert_eq!(b.as_slice().len(), a.as_slice().len() + 1);
    }

    #[test]
    fn static_and_history_features_are_extract_s() {
        let words = [
            "“", "The", "Mayor", "Spoke", "Today", ",", "”", "she", "said", ".",
        ];
        let mut padded = vec![WordInfo::pad(true, 2), WordInfo::pad(true, 1)];
        padded.extend(words.iter().map(|w| WordInfo::new(w)));
        padded.push(WordInfo::pad(false, 1));
        padded.push(WordInfo::pad(false, 2));
        padded[4].flags |= F_TITLE;
        let (mut a, mut b) = (Features::default(), Features::default());
        for i in 0..words.len() {
            for (p1, p2, q) in [
                (None, None, false),
                (Pos::from_name("DT"), None, true),
                (Pos::from_name("NN"), Pos::from_name("``"), false),
            ] {
                let (p1, p2) = (tag_value(p1, 1), tag_value(p2, 2));
                extract(&padded, i, p1, p2, q, &mut a);
                extract_static(&padded, i, &mut b);
                extract_history(&padded, i, p1, p2, q, &mut b);
                let mut x = a.as_slice().to_vec();
                let mut y = b.as_slice().to_vec();
                x.sort_unstable();
                y.sort_unstable();
                assert_eq!(x, y);
            }
        }
    }
}
