//! Feature extraction for the cue tagger and the role (source / content) tagger.
//!
//! Per-token facts are computed once per document ([`TokInfo`]); the taggers then build hashed
//! feature vectors from them into reusable buffers. Training and inference share this code.

use hearsay_doc::{Doc, QuoteRole, TokenKind, TokenSpan, NO_HEAD};
use hearsay_ml::hash::{f1, f2, f3, lower_hash, str_hash};

use crate::lex;

/// Per-token facts, computed once per document.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokInfo {
    pub word: u64,
    pub lemma: u64,
    pub shape: u64,
    pub suf3: u64,
    pub pre4: u64,
    pub suf4: u64,
    pub pos: u64,
    pub pos_raw: u8,
    /// WordNet classes: first verb class, verb class mask, first noun class, noun mask.
    pub wn_verb: u64,
    pub wn_vmask: u64,
    pub wn_noun: u64,
    pub wn_nmask: u64,
    pub deprel: u64,
    pub quote_open: bool,
    pub quote_close: bool,
    pub in_quote: bool,
    pub punct: bool,
    pub cap: bool,
    pub para_start: bool,
    pub sent_start: bool,
    pub sent_end: bool,
}

/// A document's per-token facts plus the structure the taggers need.
pub struct DocFeatures {
    pub toks: Vec<TokInfo>,
    /// Sentence index of each token.
    pub sent: Vec<u32>,
    /// Paragraph index of each sentence.
    pub sent_para: Vec<u32>,
    /// Heads (doc-level), empty when the doc has no parse.
    pub heads: Vec<u32>,
    /// Children of each token in CSR form: `kids[kid_start[i]..kid_start[i + 1]]`.
    kid_start: Vec<u32>,
    kids: Vec<u32>,
}

fn shape_hash(w: &str) -> u64 {
    let mut h = str_hash("");
    let mut last = 0u8;
    let mut run = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if (c as u32) < 128 {
            c as u8
        } else {
            b'*'
        };
        if k == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = k;
        }
        h = hearsay_ml::hash::bytes_hash(h, &[k]);
    }
    h
}

fn suffix_hash(w: &str, n: usize) -> u64 {
    let start = w
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    lower_hash(&w[start..])
}

impl DocFeatures {
    pub fn new(doc: &Doc) -> DocFeatures {
        let mut toks = Vec::with_capacity(doc.tokens.len());
        let mut lemma = String::new();
        let mut sent = vec![0u32; doc.tokens.len()];
        for (si, s) in doc.sentences.iter().enumerate() {
            for t in s.tokens.range() {
                sent[t] = si as u32;
            }
        }
        let sent_para: Vec<u32> = doc.sentences.iter().map(|s| s.paragraph).collect();
        let lexicon = crate::lexicon::Lexicon::embedded();
        let mut lower = String::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            let w = &doc.text[t.span.range()];
            let pos = doc.pos.get(i).copied().unwrap_or_default();
            let pname = pos.name();
            lex::lemma_into(
                w,
                pname.starts_with("VB"),
                pname == "NNS" || pname == "NNPS",
                &mut lemma,
            );
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            let mut wn = lexicon.get(&lower);
            if wn == Default::default() {
                wn = lexicon.get(&lemma);
            }
            let s = &doc.sentences[sent[i] as usize];
            let sent_start = s.tokens.start as usize == i;
            let para_start = sent_start
                && (sent[i] == 0 || sent_para[sent[i] as usize - 1] != sent_para[sent[i] as usize]);
            toks.push(TokInfo {
                word: lower_hash(w),
                lemma: str_hash(&lemma),
                shape: shape_hash(w),
                suf3: suffix_hash(w, 3),
                suf4: suffix_hash(w, 4),
                pre4: lower_hash(&w[..w.char_indices().nth(4).map(|(i, _)| i).unwrap_or(w.len())]),
                pos: f1(0, pos.0 as u64 + 1),
                pos_raw: pos.0,
                wn_verb: wn.verb_first as u64,
                wn_vmask: wn.verb_mask as u64,
                wn_noun: wn.noun_first as u64,
                wn_nmask: wn.noun_mask as u64,
                deprel: doc.deprels.get(i).map(|d| d.0 as u64 + 1).unwrap_or(0),
                quote_open: t.quote == QuoteRole::Open,
                quote_close: t.quote == QuoteRole::Close,
                in_quote: t.in_quote,
                punct: matches!(t.kind, TokenKind::Punct | TokenKind::Quote),
                cap: w.chars().next().is_some_and(|c| c.is_uppercase()),
                para_start,
                sent_start,
                sent_end: s.tokens.end as usize == i + 1,
            });
        }
        let heads = if doc.heads.len() == doc.tokens.len() {
            doc.heads.clone()
        } else {
            Vec::new()
        };
        let mut kid_start = vec![0u32; heads.len() + 1];
        for &h in &heads {
            if h != NO_HEAD {
                kid_start[h as usize + 1] += 1;
            }
        }
        for i in 1..kid_start.len() {
            kid_start[i] += kid_start[i - 1];
        }
        let mut fill = kid_start.clone();
        let mut kids = vec![0u32; kid_start.last().copied().unwrap_or(0) as usize];
        for (c, &h) in heads.iter().enumerate() {
            if h != NO_HEAD {
                kids[fill[h as usize] as usize] = c as u32;
                fill[h as usize] += 1;
            }
        }
        DocFeatures {
            toks,
            sent,
            sent_para,
            heads,
            kid_start,
            kids,
        }
    }

    /// Dependents of token `i` (empty without a parse).
    pub fn children(&self, i: usize) -> &[u32] {
        if self.heads.is_empty() {
            return &[];
        }
        &self.kids[self.kid_start[i] as usize..self.kid_start[i + 1] as usize]
    }

    fn tok(&self, i: isize) -> Option<&TokInfo> {
        if i < 0 {
            None
        } else {
            self.toks.get(i as usize)
        }
    }
}

const PAD: u64 = 0x5a5a_5a5a;

/// Features of token `i` for the cue tagger, within sentence `sent` (a token span).
pub fn cue_features(df: &DocFeatures, sent: TokenSpan, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let t = &df.toks[i];
    let at = |k: isize| -> Option<&TokInfo> {
        let j = i as isize + k;
        if j < sent.start as isize || j >= sent.end as isize {
            None
        } else {
            df.tok(j)
        }
    };
    let w = |k: isize| at(k).map(|t| t.word).unwrap_or(PAD);
    let l = |k: isize| at(k).map(|t| t.lemma).unwrap_or(PAD);
    let p = |k: isize| at(k).map(|t| t.pos).unwrap_or(PAD);
    out.push(f1(1, 0));
    out.push(f1(2, t.word));
    out.push(f1(3, t.lemma));
    out.push(f2(4, t.lemma, t.pos));
    out.push(f1(5, t.suf3));
    out.push(f1(6, t.shape));
    out.push(f1(7, t.pos));
    out.push(f2(8, p(-1), t.pos));
    out.push(f2(9, t.pos, p(1)));
    out.push(f3(10, p(-1), t.pos, p(1)));
    out.push(f1(11, w(-1)));
    out.push(f1(12, w(1)));
    out.push(f2(13, w(-1), t.lemma));
    out.push(f2(14, t.lemma, w(1)));
    out.push(f1(15, w(-2)));
    out.push(f1(16, w(2)));
    out.push(f2(17, t.lemma, w(2)));
    out.push(f3(18, l(-1), t.lemma, l(1)));
    out.push(f2(19, t.lemma, t.in_quote as u64));
    let flags = (t.in_quote as u64)
        | (at(-1).is_some_and(|x| x.quote_close) as u64) << 1
        | (at(1).is_some_and(|x| x.quote_open) as u64) << 2
        | (at(-1).is_some_and(|x| x.punct) as u64) << 3
        | (at(1).is_some_and(|x| x.punct) as u64) << 4
        | (t.sent_start as u64) << 5
        | (t.sent_end as u64) << 6;
    out.push(f1(20, flags));
    out.push(f2(21, flags, t.pos));
    out.push(f2(22, t.lemma, p(1)));
    out.push(f2(23, t.lemma, p(-1)));
    out.push(f2(24, p(-2), p(-1)));
    out.push(f2(25, p(1), p(2)));
    if t.wn_verb != 0 || t.wn_nmask != 0 {
        out.push(f2(70, t.wn_verb, t.pos));
        out.push(f2(71, t.wn_vmask, t.pos));
    }
    out.push(f2(26, t.pre4, t.pos));
    out.push(f2(27, t.suf4, t.pos));
    out.push(f3(28, t.pre4, p(1), w(1)));
    if !df.heads.is_empty() {
        let h = df.heads[i];
        let head = if h == NO_HEAD {
            None
        } else {
            df.tok(h as isize)
        };
        out.push(f2(30, t.deprel, t.pos));
        out.push(f2(31, t.deprel, t.lemma));
        out.push(f2(32, t.lemma, head.map(|x| x.lemma).unwrap_or(PAD)));
        out.push(f3(33, t.deprel, t.pos, head.map(|x| x.pos).unwrap_or(PAD)));
        // Labels of this token's children (bag), conjoined with the lemma.
        let mut kids = 0u64;
        for &j in df.children(i) {
            let d = df.toks[j as usize].deprel;
            kids |= 1u64 << (d % 63);
            out.push(f2(34, d, t.pos));
            out.push(f3(35, d, t.lemma, ((j as usize) < i) as u64));
        }
        out.push(f2(36, kids, t.pos));
        // Who would be speaking: the token's subject (its POS, WordNet noun class) and whether
        // it takes a clausal complement.
        let mut subj: Option<&TokInfo> = None;
        let mut comp = 0u64;
        for &j in df.children(i) {
            let c = &df.toks[j as usize];
            let name = hearsay_doc::DepRel((c.deprel as u8).wrapping_sub(1)).name();
            if name == "nsubj" || name == "nsubjpass" {
                subj = Some(c);
            } else if matches!(name, "ccomp" | "parataxis" | "xcomp") {
                comp = c.deprel;
            }
        }
        let (spos, snoun) = subj.map(|c| (c.pos, c.wn_noun + 1)).unwrap_or((PAD, 0));
        out.push(f3(37, spos, comp, t.pos));
        out.push(f3(38, snoun, comp, t.pos));
        out.push(f3(39, t.lemma, spos, comp));
    }
}

/// Distance buckets.
fn bucket(d: usize) -> u64 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4..=5 => 4,
        6..=10 => 5,
        11..=20 => 6,
        21..=40 => 7,
        _ => 8,
    }
}

/// Everything about one cue that the role tagger conditions on, computed once per cue.
pub struct CueContext {
    pub cue: TokenSpan,
    pub sent: u32,
    pub lemma: u64,
    pub lemmas: u64,
    /// Head token of the cue (the cue token whose head lies outside the cue).
    pub head: Option<u32>,
}

impl CueContext {
    pub fn new(df: &DocFeatures, cue: TokenSpan) -> CueContext {
        let first = cue.start as usize;
        let mut lemmas = str_hash("");
        for t in cue.range() {
            lemmas = f2(0, lemmas, df.toks[t].lemma);
        }
        let head = if df.heads.is_empty() {
            None
        } else {
            cue.range()
                .find(|&t| {
                    let h = df.heads[t];
                    h == NO_HEAD || !cue.contains(h)
                })
                .map(|t| t as u32)
        };
        CueContext {
            cue,
            sent: df.sent[first],
            lemma: df.toks[first].lemma,
            lemmas,
            head,
        }
    }
}

/// Relation of token `i` to the cue's head in the dependency tree: (branch label, depth bucket,
/// kind) where kind is 1 = below the cue, 2 = above the cue, 0 = unrelated.
fn tree_relation(df: &DocFeatures, cx: &CueContext, i: usize) -> (u64, u64, u64) {
    let Some(ch) = cx.head else {
        return (0, 0, 0);
    };
    // Walk up from i.
    let mut cur = i as u32;
    let mut child = cur;
    for depth in 0..40 {
        if cur == ch {
            return (df.toks[child as usize].deprel, bucket(depth), 1);
        }
        let h = df.heads[cur as usize];
        if h == NO_HEAD {
            break;
        }
        child = cur;
        cur = h;
    }
    // Is i an ancestor of the cue head?
    let mut cur = ch;
    for depth in 0..40 {
        let h = df.heads[cur as usize];
        if h == NO_HEAD {
            break;
        }
        if h == i as u32 {
            return (df.toks[cur as usize].deprel, bucket(depth + 1), 2);
        }
        cur = h;
    }
    (0, 0, 0)
}

/// Features of token `i` for the role tagger, given the cue context.
pub fn role_features(
    df: &DocFeatures,
    cx: &CueContext,
    i: usize,
    between_other_cue: bool,
    out: &mut Vec<u64>,
) {
    out.clear();
    let t = &df.toks[i];
    let before = i < cx.cue.start as usize;
    let dist = if before {
        cx.cue.start as usize - i
    } else {
        i + 1 - cx.cue.end as usize
    };
    let side = before as u64;
    let dsent = (df.sent[i] as i64 - cx.sent as i64).clamp(-3, 3) as u64;
    let same_para = df.sent_para[df.sent[i] as usize] == df.sent_para[cx.sent as usize];
    let rel = f3(0, side, bucket(dist), dsent);
    let near = |k: isize| {
        let j = i as isize + k;
        if j < 0 {
            None
        } else {
            df.toks.get(j as usize)
        }
    };
    let pw = near(-1).map(|x| x.word).unwrap_or(PAD);
    let nw = near(1).map(|x| x.word).unwrap_or(PAD);
    let pp = near(-1).map(|x| x.pos).unwrap_or(PAD);
    let np = near(1).map(|x| x.pos).unwrap_or(PAD);
    let qflags = (t.in_quote as u64)
        | (t.quote_open as u64) << 1
        | (t.quote_close as u64) << 2
        | (same_para as u64) << 3
        | (between_other_cue as u64) << 4
        | (t.para_start as u64) << 5;
    out.push(f1(40, 0));
    out.push(f1(41, rel));
    out.push(f2(42, rel, t.pos));
    out.push(f2(43, rel, t.word));
    out.push(f3(44, side, t.pos, cx.lemma));
    out.push(f2(45, side, cx.lemmas));
    out.push(f3(46, rel, cx.lemma, qflags));
    out.push(f2(47, rel, qflags));
    out.push(f2(48, qflags, t.pos));
    out.push(f3(49, side, pp, t.pos));
    out.push(f3(50, side, t.pos, np));
    out.push(f2(51, side, pw));
    out.push(f2(52, side, nw));
    out.push(f2(53, side, t.word));
    out.push(f2(54, side, t.shape));
    out.push(f3(55, side, t.cap as u64, t.pos));
    out.push(f2(56, dsent, qflags));
    out.push(f3(57, side, bucket(dist), t.pos));
    out.push(f2(58, side, t.lemma));
    out.push(f3(59, side, pp, np));
    out.push(f3(66, side, pw, t.word));
    out.push(f3(67, side, t.word, nw));
    let edge = (t.sent_start as u64) | (t.sent_end as u64) << 1 | (t.para_start as u64) << 2;
    out.push(f3(68, rel, edge, t.pos));
    out.push(f3(69, side, cx.lemma, t.word));
    if !df.heads.is_empty() {
        let (branch, depth, kind) = tree_relation(df, cx, i);
        out.push(f3(60, kind, branch, side));
        out.push(f3(61, kind, branch, depth));
        out.push(f3(62, kind, branch, cx.lemma));
        out.push(f3(63, kind, branch, t.pos));
        out.push(f3(64, kind, t.deprel, side));
        out.push(f3(65, kind, branch, qflags));
    }
}
