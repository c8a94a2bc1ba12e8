//! Feature extraction for the entity tagger.
//!
//! Every token is summarised once into a [`WordInfo`] (hashes of its lower-cased and exact
//! form, affixes, shapes, its POS tag and a few flags); the features of token `i` are built
//! from the infos of tokens `i-2 ..= i+2` and the two previously predicted labels. Nothing here
//! allocates: hashes are computed on `&str` slices and written into a fixed [`Features`] buffer.
//!
//! No gazetteer: everything comes from the token, its neighbours and the label history.
//!
//! The template ids and normalisations are part of the model contract: changing any of them
//! requires retraining (bump [`FEATURE_VERSION`]).

use hearsay_doc::Pos;
use hearsay_ml::hash::{f1, f2, f3};
use hearsay_tag::features::{
    mark_title_case, norm_hash, pad_hash, prefix_end, shape_hash, shape_hash_runs, suffix_starts,
    word_flags, word_hash,
};
use hearsay_tag::features::{F_ALL_CAPS, F_CAP, F_DIGIT, F_HYPHEN, F_PAD, F_TITLE};

/// Version of the feature set; stored in the model metadata and checked on load.
pub const FEATURE_VERSION: u32 = 1;

/// Maximum number of features per token.
pub const MAX_FEATURES: usize = 56;

const T_BIAS: u32 = 1;
const T_WORD: u32 = 2;
const T_EXACT: u32 = 3;
const T_SUF2: u32 = 4;
const T_SUF3: u32 = 5;
const T_SUF4: u32 = 6;
const T_PRE2: u32 = 7;
const T_PRE3: u32 = 8;
const T_SHAPE: u32 = 9;
const T_SSHAPE: u32 = 10;
const T_FLAGS: u32 = 11;
const T_POS: u32 = 12;
const T_POS_M1: u32 = 13;
const T_POS_P1: u32 = 14;
const T_POS_M1_POS: u32 = 15;
const T_POS_POS_P1: u32 = 16;
const T_WORD_M1: u32 = 17;
const T_WORD_P1: u32 = 18;
const T_WORD_M2: u32 = 19;
const T_WORD_P2: u32 = 20;
const T_EXACT_M1: u32 = 21;
const T_EXACT_P1: u32 = 22;
const T_SSHAPE_M1: u32 = 23;
const T_SSHAPE_P1: u32 = 24;
const T_CAPS: u32 = 25;
const T_L1: u32 = 26;
const T_L2: u32 = 27;
const T_L1L2: u32 = 28;
const T_L1_WORD: u32 = 29;
const T_L1_SSHAPE: u32 = 30;
const T_L1_POS: u32 = 31;
const T_WORD_M1_WORD: u32 = 32;
const T_WORD_WORD_P1: u32 = 33;
const T_POS_SSHAPE: u32 = 34;
const T_SUF3_M1: u32 = 35;
const T_SUF3_P1: u32 = 36;
const T_TITLE_WORD: u32 = 37;
const T_L1_WORD_M1: u32 = 38;
const T_WORD_M2_M1: u32 = 39;
const T_WORD_P1_P2: u32 = 40;
const T_QUOTE_CTX: u32 = 41;
const T_POS_M2: u32 = 42;
const T_POS_P2: u32 = 43;
const T_CAPS5: u32 = 44;
const T_EXACT_M2: u32 = 45;
const T_EXACT_P2: u32 = 46;
const T_WORD_SSHAPE_P1: u32 = 47;
const T_SSHAPE_M1_WORD: u32 = 48;

/// The flag bit of [`WordInfo::flags`] for a word with a period; the other bits are the POS
/// tagger's ([`hearsay_tag::features::word_flags`], `F_PAD`, `F_TITLE`), whose bit 16 says
/// "quotation mark" instead.
pub(crate) const F_PERIOD: u8 = 16;

/// The POS value of a token whose tag is unknown (no POS layer).
pub const NO_POS: u64 = 999;
/// Label history values before the start of a sentence.
const START_LABEL: u64 = 1000;
const START2_LABEL: u64 = 1001;

/// Everything the features need to know about one token, computed once per token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Lower-cased form (`’` as `'`); numbers collapsed to `!DIGITS` / `!YEAR`.
    pub word: u64,
    /// Exact form (case kept).
    pub exact: u64,
    /// Lower-cased suffixes of 2, 3 and 4 characters.
    pub suf: [u64; 3],
    /// Lower-cased prefixes of 2 and 3 characters.
    pub pre: [u64; 2],
    /// Word shape with runs cut at four (`Xxxxx`, `dd,ddd`).
    pub shape: u64,
    /// Short shape: runs collapsed to one (`Xx`, `X.X.`, `d,d`).
    pub sshape: u64,
    /// POS tag value (`Pos.0`, or [`NO_POS`]).
    pub pos: u64,
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
            pre: [h; 2],
            shape: h,
            sshape: h,
            pos: 2000 + distance + if before { 0 } else { 10 },
            flags: F_PAD,
        }
    }

    /// Summarise one token with its POS tag.
    pub fn new(w: &str, pos: Option<Pos>) -> WordInfo {
        let mut flags = word_flags(w);
        if w.contains('.') {
            flags |= F_PERIOD;
        }
        // Byte offsets of the last four character starts (0 when the word is shorter).
        let ends = suffix_starts::<4>(w);
        WordInfo {
            word: word_hash(w),
            exact: norm_hash(w, false),
            suf: [
                norm_hash(&w[ends[1]..], true),
                norm_hash(&w[ends[2]..], true),
                norm_hash(&w[ends[3]..], true),
            ],
            pre: [
                norm_hash(&w[..prefix_end(w, 2)], true),
                norm_hash(&w[..prefix_end(w, 3)], true),
            ],
            shape: shape_hash(w),
            sshape: short_shape_hash(w),
            pos: pos.map_or(NO_POS, |p| p.0 as u64),
            flags,
        }
    }
}

/// Hash of the short word shape: like [`shape_hash`] with every run collapsed to one.
pub fn short_shape_hash(s: &str) -> u64 {
    shape_hash_runs(s, 1)
}

/// A fixed-capacity feature buffer.
pub type Features = hearsay_ml::hash::Features<MAX_FEATURES>;

/// The history value of a previous label (a class index; `None` before the sentence).
#[inline]
pub fn label_value(l: Option<usize>, distance: u64) -> u64 {
    match l {
        Some(c) => c as u64,
        None if distance == 1 => START_LABEL,
        None => START2_LABEL,
    }
}

/// Fill `padded` with the infos of `words` (with their tags, when given) between two pads on
/// each side, and mark title-case sentences.
pub fn fill_padded<'a>(
    padded: &mut Vec<WordInfo>,
    words: impl Iterator<Item = &'a str>,
    tags: impl Iterator<Item = Option<Pos>>,
) {
    padded.clear();
    padded.push(WordInfo::pad(true, 2));
    padded.push(WordInfo::pad(true, 1));
    let mut tags = tags;
    padded.extend(words.map(|w| WordInfo::new(w, tags.next().flatten())));
    padded.push(WordInfo::pad(false, 1));
    padded.push(WordInfo::pad(false, 2));
    let n = padded.len();
    mark_title_case(&mut padded[2..n - 2], |w| &mut w.flags);
}

/// Write the features of the token at `padded[i + 2]` into `out`; `l1` and `l2` are the two
/// previous labels ([`label_value`]).
#[inline]
pub fn extract(padded: &[WordInfo], i: usize, l1: u64, l2: u64, out: &mut Features) {
    extract_static(padded, i, out);
    extract_history(padded, i, l1, l2, out);
}

/// The features of [`extract`] that do not read the label history, for the token at
/// `padded[i + 2]` (`out` cleared first); [`extract`] is these followed by
/// [`extract_history`].
/// The tagger makes them one token ahead, to prefetch their table rows while the token
/// before is scored.
#[inline]
pub fn extract_static(padded: &[WordInfo], i: usize, out: &mut Features) {
    out.clear();
    let w = &padded[i + 2];
    let m1 = &padded[i + 1];
    let m2 = &padded[i];
    let n1 = &padded[i + 3];
    let n2 = &padded[i + 4];
    let cap = |x: &WordInfo| (x.flags & (F_CAP | F_ALL_CAPS | F_PAD)) as u64;
    let initial = (m1.flags & F_PAD) as u64;
    out.push(f1(T_BIAS, 0));
    out.push(f1(T_WORD, w.word));
    out.push(f1(T_EXACT, w.exact));
    out.push(f1(T_SUF2, w.suf[0]));
    out.push(f1(T_SUF3, w.suf[1]));
    out.push(f1(T_SUF4, w.suf[2]));
    out.push(f1(T_PRE2, w.pre[0]));
    out.push(f1(T_PRE3, w.pre[1]));
    out.push(f1(T_SHAPE, w.shape));
    out.push(f1(T_SSHAPE, w.sshape));
    out.push(f2(
        T_FLAGS,
        (w.flags & (F_CAP | F_ALL_CAPS | F_DIGIT | F_HYPHEN | F_PERIOD)) as u64,
        initial,
    ));
    out.push(f1(T_POS, w.pos));
    out.push(f1(T_POS_M1, m1.pos));
    out.push(f1(T_POS_P1, n1.pos));
    out.push(f2(T_POS_M1_POS, m1.pos, w.pos));
    out.push(f2(T_POS_POS_P1, w.pos, n1.pos));
    out.push(f1(T_WORD_M1, m1.word));
    out.push(f1(T_WORD_P1, n1.word));
    out.push(f1(T_WORD_M2, m2.word));
    out.push(f1(T_WORD_P2, n2.word));
    out.push(f1(T_EXACT_M1, m1.exact));
    out.push(f1(T_EXACT_P1, n1.exact));
    out.push(f1(T_SSHAPE_M1, m1.sshape));
    out.push(f1(T_SSHAPE_P1, n1.sshape));
    out.push(f3(T_CAPS, cap(m1), cap(w), cap(n1)));
    out.push(f2(T_WORD_M1_WORD, m1.word, w.word));
    out.push(f2(T_WORD_WORD_P1, w.word, n1.word));
    out.push(f3(T_POS_SSHAPE, w.pos, w.sshape, initial));
    out.push(f1(T_SUF3_M1, m1.suf[1]));
    out.push(f1(T_SUF3_P1, n1.suf[1]));
    out.push(f2(T_WORD_M2_M1, m2.word, m1.word));
    out.push(f2(T_WORD_P1_P2, n1.word, n2.word));
    out.push(f1(T_POS_M2, m2.pos));
    out.push(f1(T_POS_P2, n2.pos));
    out.push(f3(
        T_CAPS5,
        cap(m2) << 8 | cap(m1),
        cap(w),
        cap(n1) << 8 | cap(n2),
    ));
    out.push(f1(T_EXACT_M2, m2.exact));
    out.push(f1(T_EXACT_P2, n2.exact));
    out.push(f2(T_WORD_SSHAPE_P1, w.word, n1.sshape));
    out.push(f2(T_SSHAPE_M1_WORD, m1.sshape, w.word));
    if w.flags & F_TITLE != 0 {
        out.push(f2(T_TITLE_WORD, (w.flags & F_CAP) as u64, w.word));
    }
    if initial != 0 {
        out.push(f3(T_QUOTE_CTX, w.word, n1.sshape, n1.pos));
    }
}

/// Append the label-history features of [`extract`] for the token at `padded[i + 2]` (see
/// [`extract_static`]).
#[inline]
pub fn extract_history(padded: &[WordInfo], i: usize, l1: u64, l2: u64, out: &mut Features) {
    let w = &padded[i + 2];
    let m1 = &padded[i + 1];
    out.push(f1(T_L1, l1));
    out.push(f1(T_L2, l2));
    out.push(f2(T_L1L2, l1, l2));
    out.push(f2(T_L1_WORD, l1, w.word));
    out.push(f2(T_L1_SSHAPE, l1, w.sshape));
    out.push(f2(T_L1_POS, l1, w.pos));
    out.push(f2(T_L1_WORD_M1, l1, m1.word));
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearsay_tag::features::F_ALPHA;

    fn padded(words: &[&str]) -> Vec<WordInfo> {
        let mut p = Vec::new();
        fill_padded(&mut p, words.iter().copied(), std::iter::repeat(None));
        p
    }

    #[test]
    fn word_infos() {
        let w = WordInfo::new("Lopez", Pos::from_name("NNP"));
        assert_eq!(w.word, norm_hash("lopez", true));
        assert_eq!(w.exact, norm_hash("Lopez", false));
        assert_eq!(
            w.suf,
            [
                norm_hash("ez", true),
                norm_hash("pez", true),
                norm_hash("opez", true)
            ]
        );
        assert_eq!(w.pre, [norm_hash("lo", true), norm_hash("lop", true)]);
        assert_eq!(w.pos, Pos::from_name("NNP").unwrap().0 as u64);
        assert_eq!(w.flags, F_CAP | F_ALPHA);
        assert_eq!(WordInfo::new("x", None).pos, NO_POS);
        assert_eq!(
            WordInfo::new("NATO", None).flags,
            F_CAP | F_ALL_CAPS | F_ALPHA
        );
        assert_eq!(
            WordInfo::new("U.S.", None).flags,
            F_CAP | F_ALL_CAPS | F_ALPHA | F_PERIOD
        );
        assert_eq!(
            WordInfo::new("1999", None).word,
            WordInfo::new("2016", None).word
        );
        assert_eq!(
            WordInfo::new("1,250", None).word,
            WordInfo::new("7.5", None).word
        );
        // Short and multi-byte words cut on character boundaries.
        let w = WordInfo::new("é", None);
        assert_eq!(w.suf, [norm_hash("é", true); 3]);
        assert_eq!(WordInfo::new("", None).flags, 0);
        assert_eq!(
            WordInfo::new("Ünïcödé😀", None).pre[0],
            norm_hash("ün", true)
        );
    }

    #[test]
    fn short_shapes_collapse_runs() {
        assert_eq!(short_shape_hash("Lopez"), short_shape_hash("Li"));
        assert_ne!(short_shape_hash("Lopez"), short_shape_hash("LOPEZ"));
        assert_eq!(short_shape_hash("U.S."), short_shape_hash("U.K."));
        assert_eq!(short_shape_hash("McCain"), short_shape_hash("DeVos"));
        assert_ne!(shape_hash("Lopez"), shape_hash("Li"));
    }

    #[test]
    fn title_case_sentences_are_marked() {
        let p = padded(&["Mayor", "Vows", "to", "Rebuild", "Old", "Bridge"]);
        assert!(p[2..p.len() - 2].iter().all(|w| w.flags & F_TITLE != 0));
        let p = padded(&["The", "mayor", "met", "Maria", "Lopez", "."]);
        assert!(p.iter().all(|w| w.flags & F_TITLE == 0));
        assert_eq!(padded(&[]).len(), 4);
    }

    #[test]
    fn extraction_uses_context_and_history() {
        let p = padded(&["Maria", "Lopez", "said", "."]);
        let (mut a, mut b) = (Features::default(), Features::default());
        extract(&p, 1, label_value(Some(1), 1), label_value(None, 2), &mut a);
        extract(&p, 1, label_value(Some(1), 1), label_value(None, 2), &mut b);
        assert_eq!(a.as_slice(), b.as_slice());
        assert!(a.as_slice().len() >= 38);
        // A different previous label changes exactly the label-history features.
        extract(&p, 1, label_value(Some(0), 1), label_value(None, 2), &mut b);
        let differ = a
            .as_slice()
            .iter()
            .zip(b.as_slice())
            .filter(|(x, y)| x != y)
            .count();
        assert_eq!(differ, 6);
        // All features of one token are distinct.
        let mut s = a.as_slice().to_vec();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), a.as_slice().len());
        // The sentence-initial token gets one more feature; every position fits the buffer.
        extract(&p, 0, label_value(None, 1), label_value(None, 2), &mut b);
        assert_eq!(b.as_slice().len(), a.as_slice().len() + 1);
        let t = padded(&["Mayor", "Vows", "to", "Rebuild"]);
        extract(&t, 0, label_value(None, 1), label_value(None, 2), &mut b);
        assert!(b.as_slice().len() <= MAX_FEATURES);
        // POS tags reach the features.
        let mut q = p.clone();
        q[3].pos = 7;
        extract(&q, 1, label_value(Some(1), 1), label_value(None, 2), &mut b);
        assert_ne!(a.as_slice(), b.as_slice());
    }

    #[test]
    fn static_and_history_features_are_extract_s() {
        let sents: [&[&str]; 3] = [
            &["Maria", "Lopez", "said", "on", "Tuesday", "."],
            &["Mayor", "Vows", "to", "Rebuild", "Old", "Bridge"],
            &["“", "We", "will", "win", ",", "”", "NATO", "said", "."],
        ];
        let (mut a, mut b) = (Features::default(), Features::default());
        for words in sents {
            let p = padded(words);
            for i in 0..words.len() {
                for (l1, l2) in [(None, None), (Some(1), None), (Some(3), Some(0))] {
                    let (l1, l2) = (label_value(l1, 1), label_value(l2, 2));
                    extract(&p, i, l1, l2, &mut a);
                    extract_static(&p, i, &mut b);
                    extract_history(&p, i, l1, l2, &mut b);
                    let mut x = a.as_slice().to_vec();
                    let mut y = b.as_slice().to_vec();
                    x.sort_unstable();
                    y.sort_unstable();
                    assert_eq!(x, y);
                }
            }
        }
    }
}
