//! Feature templates: Zhang & Nivre (2011) for arc-eager (words, tags and labels of the stack
//! top, its head and grandparent, the next three buffer words, the outermost children of `s0`
//! and `n0`, distance, valency, label sets), plus a few `s1` features for the end-of-sentence
//! `RIGHT` that attaches `s0` to `s1`.
//!
//! Every feature is a `u64` from [`hearsay_ml::hash`]; extraction writes into a reused vector
//! and allocates nothing.

use hearsay_ml::hash::{bytes_hash, f1, f2, f3, str_hash};

use hearsay_doc::Pos;

use crate::system::State;
use crate::NONE;

/// Bump when the templates change: models record it and refuse to load across versions.
pub(crate) const FEATURE_VERSION: u32 = 2;

/// Tag value of a missing position.
const P_NONE: u64 = 0xff;
/// Tag value of the artificial root.
const P_ROOT: u64 = 0xfe;
/// Label value of a missing child.
const L_NONE: u64 = 0xff;

/// The hash of a word form as the features see it: ASCII letters lower-cased, digits mapped
/// to `0` (so numbers share a few shapes), curly quotes and apostrophes mapped to straight
/// ones (`’s` = `'s`, `“` = `"`).
pub(crate) fn word_hash(s: &str) -> u64 {
    let mut h = str_hash("");
    for c in s.chars() {
        let c = match c {
            '0'..='9' => '0',
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
            c => c.to_ascii_lowercase(),
        };
        let mut buf = [0u8; 4];
        h = bytes_hash(h, c.encode_utf8(&mut buf).as_bytes());
    }
    h
}

/// Word hash of a missing position and of the root.
fn w_none() -> u64 {
    0x6e6f_6e65_5f77_6f72 // "none_wor"
}
fn w_root() -> u64 {
    0x726f_6f74_5f77_6f72 // "root_wor"
}

/// Template numbering: each call takes the next template id.
/// `seen` is called with every feature as soon as it is made (to prefetch its weights).
struct Fx<'a, S: Fn(u64) = fn(u64)> {
    out: &'a mut Vec<u64>,
    t: u32,
    seen: S,
}

impl<S: Fn(u64)> Fx<'_, S> {
    #[inline(always)]
    fn push(&mut self, f: u64) {
        (self.seen)(f);
        self.out.push(f);
    }
    #[inline]
    fn one(&mut self, a: u64) {
        self.t += 1;
        self.push(f1(self.t, a));
    }
    #[inline]
    fn two(&mut self, a: u64, b: u64) {
        self.t += 1;
        self.push(f2(self.t, a, b));
    }
    #[inline]
    fn three(&mut self, a: u64, b: u64, c: u64) {
        self.t += 1;
        self.push(f3(self.t, a, b, c));
    }
}

#[inline]
fn pk2(a: u64, b: u64) -> u64 {
    a | b << 8
}
#[inline]
fn pk3(a: u64, b: u64, c: u64) -> u64 {
    a | b << 8 | c << 16
}

/// Distance bucket between two positions (0 when either is missing).
#[inline]
fn dist(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

/// Whether a tag index is a verb tag (VB*, MD).
fn is_verb_tag(t: u8) -> bool {
    Pos(t).is_verb()
}

/// Per-word sentence context the features look at beyond the configuration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TokCtx {
    /// The next verb after the word ([`NONE`] if none): a cheap look-ahead for attachments the
    /// next few words cannot decide (`“..., ” the senator said`).
    pub next_verb: u32,
}

/// Fill `out` with the context of each word and one more entry for the root.
pub(crate) fn context(tags: &[u8], out: &mut Vec<TokCtx>) {
    out.clear();
    out.resize(tags.len() + 1, TokCtx { next_verb: NONE });
    let mut next = NONE;
    for i in (0..tags.len()).rev() {
        out[i].next_verb = next;
        if is_verb_tag(tags[i]) {
            next = i as u32;
        }
    }
}

/// Extract the features of a configuration into `out` (cleared first). `words[i]` is
/// [`word_hash`] of word `i`, `tags[i]` its POS index, `ctx` from [`context`].
pub(crate) fn extract(st: &State, words: &[u64], tags: &[u8], ctx: &[TokCtx], out: &mut Vec<u64>) {
    extract_with(st, words, tags, ctx, out, |_| {});
}

/// [`extract`], calling `seen` with each feature as soon as it is made.
#[inline]
pub(crate) fn extract_with(
    st: &State,
    words: &[u64],
    tags: &[u8],
    ctx: &[TokCtx],
    out: &mut Vec<u64>,
    seen: impl Fn(u64),
) {
    out.clear();
    let n = st.n;
    let w = |i: u32| -> u64 {
        if i == NONE {
            w_none()
        } else if i == n {
            w_root()
        } else {
            words[i as usize]
        }
    };
    let p = |i: u32| -> u64 {
        if i == NONE {
            P_NONE
        } else if i == n {
            P_ROOT
        } else {
            tags[i as usize] as u64
        }
    };
    let lab = |i: u32| -> u64 {
        if i == NONE {
            L_NONE
        } else {
            st.labels[i as usize].0 as u64
        }
    };
    let child = |v: &Vec<u32>, i: u32| -> u32 {
        if i == NONE {
            NONE
        } else {
            v[i as usize]
        }
    };
    let count = |v: &Vec<u8>, i: u32| -> u64 {
        if i == NONE {
            0xff
        } else {
            v[i as usize].min(6) as u64
        }
    };
    let set = |v: &Vec<u64>, i: u32| -> u64 {
        if i == NONE {
            u64::MAX
        } else {
            v[i as usize]
        }
    };

    let (s0, s1) = (st.s(0), st.s(1));
    let n0 = st.b;
    let n1 = if n0 < n { n0 + 1 } else { NONE };
    let n2 = if n0 + 1 < n { n0 + 2 } else { NONE };
    let s0h = st.head(s0);
    let s0h2 = if s0h == n { NONE } else { st.head(s0h) };
    let (s0l1, s0l2) = (child(&st.l1, s0), child(&st.l2, s0));
    let (s0r1, s0r2) = (child(&st.r1, s0), child(&st.r2, s0));
    let (n0l1, n0l2) = (child(&st.l1, n0), child(&st.l2, n0));
    let s1r1 = child(&st.r1, s1);
    let n3 = if n0 + 2 < n { n0 + 3 } else { NONE };
    // the next verb after n0, or n0 itself at the root
    let nv0 = ctx[n0 as usize].next_verb;

    let (s0w, s0p) = (w(s0), p(s0));
    let (s1w, s1p) = (w(s1), p(s1));
    let (n0w, n0p) = (w(n0), p(n0));
    let (n1w, n1p) = (w(n1), p(n1));
    let (n2w, n2p) = (w(n2), p(n2));
    let (s0hw, s0hp) = (w(s0h), p(s0h));
    // s0's own arc label (none while s0 has no head)
    let s0lab = if s0h == NONE { L_NONE } else { lab(s0) };

    let mut fx = Fx { out, t: 0, seen };
    fx.one(0); // bias

    // single words
    fx.one(s0w);
    fx.one(s0p);
    fx.two(s0w, s0p);
    fx.one(n0w);
    fx.one(n0p);
    fx.two(n0w, n0p);
    fx.one(n1w);
    fx.one(n1p);
    fx.two(n1w, n1p);
    fx.one(n2w);
    fx.one(n2p);
    fx.two(n2w, n2p);
    fx.one(s1w);
    fx.one(s1p);
    fx.two(s1w, s1p);

    // look-ahead: the fourth buffer word and the next verb
    let (nvw, nvp, nvd) = (w(nv0), p(nv0), dist(n0, nv0));
    fx.two(w(n3), p(n3));
    fx.one(pk3(n1p, n2p, p(n3)));
    fx.one(nvw);
    fx.two(nvw, pk3(s0p, n0p, nvd));
    fx.two(nvw, n0w);
    fx.two(nvw, s0w);
    fx.one(pk3(nvp, s0p, n0p));

    // neighbouring tags of s0 and n0 (the words next to them in the sentence)
    let prev = |i: u32| if i == NONE || i == 0 { NONE } else { i - 1 };
    let next = |i: u32| if i == NONE || i + 1 >= n { NONE } else { i + 1 };
    let (s0m1p, s0p1p, n0m1p) = (p(prev(s0)), p(next(s0)), p(prev(n0)));
    fx.one(pk3(s0m1p, s0p, n0p));
    fx.one(pk3(s0p, s0p1p, n0p));
    fx.one(pk3(s0p, n0m1p, n0p));
    fx.one(pk3(s0m1p, s0p, s0p1p));
    fx.two(s0w, pk2(n0m1p, n0p));

    // word pairs
    let s0n0p = pk2(s0p, n0p);
    fx.three(s0w, n0w, s0n0p);
    fx.three(s0w, n0w, s0p);
    fx.three(s0w, n0w, n0p);
    fx.two(s0w, s0n0p);
    fx.two(n0w, s0n0p);
    fx.two(s0w, n0w);
    fx.one(s0n0p);
    fx.one(pk2(n0p, n1p));
    fx.two(s1w, pk2(s1p, s0p));
    fx.two(s0w, pk2(s1p, s0p));
    fx.two(s1w, s0w);

    // three tags
    fx.one(pk3(n0p, n1p, n2p));
    fx.one(pk3(s0p, n0p, n1p));
    fx.one(pk3(s0hp, s0p, n0p));
    fx.one(pk3(s0p, p(s0l1), n0p));
    fx.one(pk3(s0p, p(s0r1), n0p));
    fx.one(pk3(s0p, n0p, p(n0l1)));
    fx.one(pk3(s1p, s0p, n0p));
    fx.one(pk3(s1p, p(s1r1), s0p));

    // distance
    let d = dist(s0, n0);
    fx.two(s0w, d);
    fx.one(pk2(s0p, d));
    fx.two(n0w, d);
    fx.one(pk2(n0p, d));
    fx.three(s0w, n0w, d);
    fx.one(pk3(s0p, n0p, d));

    // valency
    let (s0vl, s0vr, n0vl) = (count(&st.nl, s0), count(&st.nr, s0), count(&st.nl, n0));
    fx.two(s0w, s0vr);
    fx.one(pk2(s0p, s0vr));
    fx.two(s0w, s0vl);
    fx.one(pk2(s0p, s0vl));
    fx.two(n0w, n0vl);
    fx.one(pk2(n0p, n0vl));

    // unigrams of the head and the children
    fx.one(s0hw);
    fx.one(s0hp);
    fx.one(s0lab);
    for c in [s0l1, s0r1, n0l1] {
        fx.one(w(c));
        fx.one(p(c));
        fx.one(lab(c));
    }

    // third order
    fx.one(w(s0h2));
    fx.one(p(s0h2));
    fx.one(if s0h == NONE || s0h == n {
        L_NONE
    } else {
        lab(s0h)
    });
    for c in [s0l2, s0r2, n0l2] {
        fx.one(w(c));
        fx.one(p(c));
        fx.one(lab(c));
    }
    fx.one(pk3(s0p, p(s0l1), p(s0l2)));
    fx.one(pk3(s0p, p(s0r1), p(s0r2)));
    fx.one(pk3(s0p, s0hp, p(s0h2)));
    fx.one(pk3(n0p, p(n0l1), p(n0l2)));
    fx.one(pk3(s0p, lab(s0l1), lab(s0l2)));
    fx.one(pk3(s0p, lab(s0r1), lab(s0r2)));
    fx.one(pk3(n0p, lab(n0l1), lab(n0l2)));
    fx.two(s0w, pk2(s0lab, n0p));
    fx.one(pk3(s0p, s0lab, n0p));

    // label sets
    let (s0ls, s0rs, n0ls) = (set(&st.lset, s0), set(&st.rset, s0), set(&st.lset, n0));
    fx.two(s0w, s0rs);
    fx.two(s0p, s0rs);
    fx.two(s0w, s0ls);
    fx.two(s0p, s0ls);
    fx.two(n0w, n0ls);
    fx.two(n0p, n0ls);
}

/// Extract the features of the arc `h -> d` about to be built in configuration `st`, for the
/// label classifier (cleared first). Template ids start at 200, apart from the transition
/// templates.
pub(crate) fn extract_label(
    st: &State,
    h: u32,
    d: u32,
    words: &[u64],
    tags: &[u8],
    ctx: &[TokCtx],
    out: &mut Vec<u64>,
) {
    extract_label_with(st, (h, d), words, tags, ctx, out, |_| {});
}

/// [`extract_label`] of the arc `h -> d`, calling `seen` with each feature as soon as it is
/// made.
#[inline]
pub(crate) fn extract_label_with(
    st: &State,
    (h, d): (u32, u32),
    words: &[u64],
    tags: &[u8],
    ctx: &[TokCtx],
    out: &mut Vec<u64>,
    seen: impl Fn(u64),
) {
    out.clear();
    let n = st.n;
    let w = |i: u32| -> u64 {
        if i == NONE {
            w_none()
        } else if i >= n {
            w_root()
        } else {
            words[i as usize]
        }
    };
    let p = |i: u32| -> u64 {
        if i == NONE {
            P_NONE
        } else if i >= n {
            P_ROOT
        } else {
            tags[i as usize] as u64
        }
    };
    let lab = |i: u32| -> u64 {
        if i == NONE {
            L_NONE
        } else {
            st.labels[i as usize].0 as u64
        }
    };
    let child = |v: &Vec<u32>, i: u32| -> u32 { v[i as usize] };
    let prev = |i: u32| if i == 0 || i >= n { NONE } else { i - 1 };
    let next = |i: u32| if i + 1 >= n { NONE } else { i + 1 };

    let left = u64::from(d < h);
    let dd = dist(h, d) | left << 3;
    let (hw, hp, dw, dp) = (w(h), p(h), w(d), p(d));
    let hh = st.head(h);
    let hlab = if hh == NONE { L_NONE } else { lab(h) };
    let (dl1, dr1) = (child(&st.l1, d), child(&st.r1, d));
    let (dl2, hl1, hr1) = (child(&st.l2, d), child(&st.l1, h), child(&st.r1, h));
    let hset = if d < h {
        st.lset[h as usize]
    } else {
        st.rset[h as usize]
    };
    // packs of values under 2^16 each
    let k = |a: u64, b: u64, c: u64| a | b << 16 | c << 32;
    let dpd = dp | dd << 8;

    let mut fx = Fx { out, t: 200, seen };
    fx.one(dd);
    fx.one(dw);
    fx.two(dw, dp);
    fx.two(dw, dd);
    fx.one(dpd);
    fx.one(k(hp, dp, dd));
    fx.two(hw, dpd);
    fx.two(dw, hp | dd << 8);
    fx.three(hw, dw, dd);
    fx.two(hw, hp);
    fx.one(k(hp, hlab, dpd));
    fx.two(hset, k(hp, dp, left));
    fx.one(k(lab(hl1), lab(hr1), dpd));
    fx.one(k(dpd, p(dl1), p(dr1)));
    fx.one(k(dpd, lab(dl1), lab(dr1)));
    fx.two(w(dl1), dpd);
    fx.three(w(dl1), dw, hp);
    fx.one(k(dpd, lab(dl2), lab(dl1)));
    fx.two(st.lset[d as usize], dpd);
    fx.two(st.rset[d as usize], dpd);
    fx.one(k(dpd, p(prev(d)), p(next(d))));
    fx.one(k(dpd, hp, p(prev(d))));
    fx.one(k(dpd, hp, p(next(d))));
    fx.one(k(hp | dd << 8, p(prev(h)), p(next(h))));
    fx.two(dw, p(next(d)));
    fx.two(dw, p(prev(d)));
    fx.two(w(hh), hp | dp << 8);
    fx.one(k(p(hh), hp, dpd));
    let nv = ctx[d as usize].next_verb;
    fx.two(w(nv), k(dpd, dist(d, nv), 0));
    fx.one(k(dpd, p(nv), dist(d, nv)));
    fx.two(w(next(d)), dpd);
    fx.two(w(prev(d)), dpd);
    fx.two(dw, k(hlab, hp, left));
    fx.two(hw, k(dp, lab(if d < h { hl1 } else { hr1 }), left));
    fx.three(hw, w(dl1), dpd);
    fx.two(w(dr1), dpd);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_hash_normalises_case_and_digits() {
        assert_eq!(word_hash("Said"), word_hash("said"));
        assert_eq!(word_hash("1,234"), word_hash("9,876"));
        assert_ne!(word_hash("said"), word_hash("sad"));
        assert_eq!(word_hash("n’t"), word_hash("n't"));
        assert_eq!(word_hash("“"), word_hash("\""));
        assert_eq!(word_hash("Żółw"), word_hash("Żółw"));
    }

    #[test]
    fn extraction_is_deterministic_and_sized() {
        let mut st = State::default();
        st.reset(3);
        let words = [word_hash("she"), word_hash("said"), word_hash(".")];
        let tags = [10u8, 8, 7];
        let mut nv = Vec::new();
        context(&tags, &mut nv);
        let next: Vec<u32> = nv.iter().map(|c| c.next_verb).collect();
        assert_eq!(next, [1, NONE, NONE, NONE]);
        let mut a = Vec::new();
        let mut b = Vec::new();
        extract(&st, &words, &tags, &nv, &mut a);
        extract(&st, &words, &tags, &nv, &mut b);
        assert_eq!(a, b);
        let len = a.len();
        st.apply(crate::system::Action {
            mv: crate::system::Move::Shift,
            label: hearsay_doc::DepRel(0),
        });
        extract(&st, &words, &tags, &nv, &mut b);
        assert_eq!(b.len(), len);
        assert_ne!(a, b);
    }
}
