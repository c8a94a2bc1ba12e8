//! Scoring predicted attributions against gold, per role and per whole attribution.
//!
//! Everything works on [`AnnAttribution`]s (code-point spans) and the document text.
//!
//! # Spans compared
//!
//! Before any comparison every span is trimmed, on the text, of whitespace and boundary
//! punctuation at both ends (see [`is_trim_char`]: `. , ; : ! ?`, quotation marks of every
//! style, brackets, dashes, `…`). Each contiguous piece of a discontinuous span counts as one
//! span, so for a role (Source, Cue, Content) a document's span multiset is every piece of that
//! role over all its attributions. Pieces that trim to nothing are dropped.
//!
//! # Matching
//!
//! - **Exact**: a predicted piece matches a gold piece when the trimmed spans are equal.
//!   Matching is one-to-one: duplicates count with their multiplicity.
//! - **Overlap**: a predicted piece matches a gold piece when the token-overlap Jaccard index
//!   is at least 0.5 ([`OVERLAP_THRESHOLD`]). Tokens are the maximal runs of alphanumeric
//!   characters of the text; a span's tokens are those it overlaps. Equal trimmed spans always
//!   match (Jaccard 1, even without alphanumeric tokens). Matching is one-to-one, greedy by
//!   highest Jaccard first, ties broken by gold span then predicted span (in text order).
//! - **Attribution, exact**: a predicted attribution matches a gold one when, after trimming,
//!   its cue pieces, its source pieces (both absent counts as equal) and its content pieces
//!   are the same sets as the gold ones. One-to-one with multiplicity.
//! - **Attribution, overlap**: each role must be absent in both, or present in both with a
//!   Jaccard of at least 0.5 between the token sets of all its pieces together. One-to-one,
//!   greedy by the highest sum of the three roles' Jaccards, ties broken by order in the input.
//!
//! Attributions whose every role trims to nothing are ignored on both sides.
//!
//! # Numbers
//!
//! A [`Prf`] holds true positives, false positives and false negatives; precision, recall and
//! F1 are fractions in `[0, 1]`. When there is neither gold nor prediction (all counts 0), all
//! three are 1.0 (nothing to find, nothing wrongly found); otherwise a ratio whose denominator
//! is 0 is 0.0. [`EvalReport`] sums counts over documents (micro-average). Its [`Display`]
//! shows percentages; [`EvalReport::to_json`] gives fractions.
//!
//! [`Display`]: std::fmt::Display

#![warn(missing_docs)]

use std::cmp::Ordering;
use std::fmt;

use hearsay_data::{AnnAttribution, CharSpan};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Minimum token-overlap Jaccard index for an overlap match (inclusive).
pub const OVERLAP_THRESHOLD: f64 = 0.5;

/// True for the characters trimmed from both ends of every span before comparison:
/// whitespace, `. , ; : ! ?`, quotation marks of every style (`" ' “ ” ‘ ’ „ ‚ ‟ ‛ « » ‹ ›`
/// and the backtick/acute used as quotes), brackets `( ) [ ] { }`, dashes
/// (`- ‐ ‑ ‒ – — ― −`) and the ellipsis `…`.
pub fn is_trim_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '"'
                | '\''
                | '`'
                | '´'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '„'
                | '‚'
                | '‟'
                | '‛'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '-'
                | '‐'
                | '‑'
                | '‒'
                | '–'
                | '—'
                | '―'
                | '−'
                | '…'
        )
}

/// True positives, false positives and false negatives of one comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Prf {
    /// Predictions matched to a gold item.
    pub tp: usize,
    /// Predictions not matched.
    pub fp: usize,
    /// Gold items not matched.
    pub fn_: usize,
}

impl Prf {
    /// Counts from the number of matches and the sizes of both sides.
    pub fn from_counts(matched: usize, gold: usize, pred: usize) -> Self {
        debug_assert!(matched <= gold && matched <= pred);
        Prf {
            tp: matched,
            fp: pred - matched,
            fn_: gold - matched,
        }
    }

    /// Number of gold items (`tp + fn_`).
    pub fn gold(&self) -> usize {
        self.tp + self.fn_
    }

    /// Number of predictions (`tp + fp`).
    pub fn pred(&self) -> usize {
        self.tp + self.fp
    }

    fn both_empty(&self) -> bool {
        self.tp + self.fp + self.fn_ == 0
    }

    /// `tp / (tp + fp)` in `[0, 1]`; 1.0 when both sides are empty, 0.0 when only the
    /// predictions are.
    pub fn precision(&self) -> f64 {
        if self.both_empty() {
            1.0
        } else if self.pred() == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred() as f64
        }
    }

    /// `tp / (tp + fn_)` in `[0, 1]`; 1.0 when both sides are empty, 0.0 when only the gold
    /// is.
    pub fn recall(&self) -> f64 {
        if self.both_empty() {
            1.0
        } else if self.gold() == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold() as f64
        }
    }

    /// Harmonic mean of precision and recall, `2tp / (2tp + fp + fn_)`, in `[0, 1]`; 1.0 when
    /// both sides are empty, 0.0 when there is no true positive.
    pub fn f1(&self) -> f64 {
        if self.both_empty() {
            1.0
        } else {
            2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_) as f64
        }
    }

    /// Add another comparison's counts to these.
    pub fn add(&mut self, other: &Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn to_json(self) -> serde_json::Value {
        json!({
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn_,
            "precision": self.precision(),
            "recall": self.recall(),
            "f1": self.f1(),
        })
    }
}

/// The two match criteria for one kind of item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MatchScores {
    /// Exact match after trimming.
    pub exact: Prf,
    /// Token-overlap Jaccard >= 0.5.
    pub overlap: Prf,
}

impl MatchScores {
    /// Add another's counts to these.
    pub fn add(&mut self, other: &MatchScores) {
        self.exact.add(&other.exact);
        self.overlap.add(&other.overlap);
    }

    fn to_json(self) -> serde_json::Value {
        json!({ "exact": self.exact.to_json(), "overlap": self.overlap.to_json() })
    }
}

/// Scores of one document: per role (span pieces) and per whole attribution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocScores {
    /// Source pieces.
    pub source: MatchScores,
    /// Cue pieces.
    pub cue: MatchScores,
    /// Content pieces.
    pub content: MatchScores,
    /// Whole attributions.
    pub attribution: MatchScores,
}

/// Sums of [`DocScores`] over documents (micro-averaged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EvalReport {
    /// Number of documents added.
    pub docs: usize,
    /// Source pieces.
    pub source: MatchScores,
    /// Cue pieces.
    pub cue: MatchScores,
    /// Content pieces.
    pub content: MatchScores,
    /// Whole attributions.
    pub attribution: MatchScores,
}

impl EvalReport {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one document's scores.
    pub fn add(&mut self, d: &DocScores) {
        self.docs += 1;
        self.source.add(&d.source);
        self.cue.add(&d.cue);
        self.content.add(&d.content);
        self.attribution.add(&d.attribution);
    }

    /// Add another report (e.g. one computed on another thread).
    pub fn merge(&mut self, other: &EvalReport) {
        self.docs += other.docs;
        self.source.add(&other.source);
        self.cue.add(&other.cue);
        self.content.add(&other.content);
        self.attribution.add(&other.attribution);
    }

    /// The rows in display order: `("Source", ..)`, `("Cue", ..)`, `("Content", ..)`,
    /// `("Attribution", ..)`.
    pub fn rows(&self) -> [(&'static str, MatchScores); 4] {
        [
            ("Source", self.source),
            ("Cue", self.cue),
            ("Content", self.content),
            ("Attribution", self.attribution),
        ]
    }

    /// The report as JSON:
    /// `{"docs": N, "source": {"exact": {"tp", "fp", "fn", "precision", "recall", "f1"},
    /// "overlap": {..}}, "cue": .., "content": .., "attribution": ..}`, with precision, recall
    /// and F1 as fractions in `[0, 1]`.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "docs": self.docs,
            "source": self.source.to_json(),
            "cue": self.cue.to_json(),
            "content": self.content.to_json(),
            "attribution": self.attribution.to_json(),
        })
    }
}

impl fmt::Display for EvalReport {
    /// A table: one row per role and one for whole attributions; precision, recall and F1 in
    /// percent with the counts, for exact and for overlap match.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NAME: usize = 13;
        const SEG: usize = 43;
        let line = |f: &mut fmt::Formatter<'_>, s: String| writeln!(f, "{}", s.trim_end());
        line(
            f,
            format!(
                "{} document{} (micro-averaged; P, R, F1 in percent)",
                self.docs,
                if self.docs == 1 { "" } else { "s" }
            ),
        )?;
        line(
            f,
            format!(
                "{:<NAME$}|{:^SEG$}|{:^SEG$}",
                "", "exact match", "overlap (Jaccard >= 0.5)"
            ),
        )?;
        let head = format!(
            " {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} ",
            "P", "R", "F1", "tp", "fp", "fn"
        );
        line(f, format!("{:<NAME$}|{head}|{head}", ""))?;
        line(
            f,
            format!(
                "{}+{}+{}",
                "-".repeat(NAME),
                "-".repeat(SEG),
                "-".repeat(SEG)
            ),
        )?;
        for (name, m) in self.rows() {
            let mut row = format!("{name:<NAME$}");
            for p in [m.exact, m.overlap] {
                row.push_str(&format!(
                    "| {:>6.1} {:>6.1} {:>6.1} {:>6} {:>6} {:>6} ",
                    100.0 * p.precision(),
                    100.0 * p.recall(),
                    100.0 * p.f1(),
                    p.tp,
                    p.fp,
                    p.fn_
                ));
            }
            line(f, row)?;
        }
        Ok(())
    }
}

/// The text of one document as seen by the scorer: its code points and its alphanumeric
/// tokens.
struct DocText {
    chars: Vec<char>,
    /// Maximal runs of alphanumeric characters, `(start, end)` in code points, in order.
    tokens: Vec<(usize, usize)>,
}

impl DocText {
    fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in chars.iter().enumerate() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    tokens.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push((s, chars.len()));
        }
        DocText { chars, tokens }
    }

    /// The span clamped to the text and trimmed; `None` when nothing is left.
    fn trim(&self, s: CharSpan) -> Option<CharSpan> {
        let mut end = s.end.min(self.chars.len());
        let mut start = s.start.min(end);
        while start < end && is_trim_char(self.chars[start]) {
            start += 1;
        }
        while end > start && is_trim_char(self.chars[end - 1]) {
            end -= 1;
        }
        (start < end).then_some(CharSpan::new(start, end))
    }

    /// Indices of the tokens the (trimmed) span overlaps, as a half-open range.
    fn token_range(&self, s: CharSpan) -> (usize, usize) {
        let lo = self.tokens.partition_point(|t| t.1 <= s.start);
        let hi = self.tokens.partition_point(|t| t.0 < s.end);
        (lo, hi.max(lo))
    }

    /// Sorted, deduplicated token indices of a set of pieces.
    fn token_set(&self, pieces: &[CharSpan]) -> Vec<usize> {
        let mut v: Vec<usize> = pieces
            .iter()
            .flat_map(|&s| {
                let (lo, hi) = self.token_range(s);
                lo..hi
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// A Jaccard index as an exact fraction `inter / union`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Jaccard {
    inter: usize,
    union: usize,
}

impl Jaccard {
    const ONE: Jaccard = Jaccard { inter: 1, union: 1 };
    const ZERO: Jaccard = Jaccard { inter: 0, union: 1 };

    fn passes(self) -> bool {
        // inter / union >= 0.5, exactly.
        self.union > 0 && 2 * self.inter >= self.union
    }

    fn value(self) -> f64 {
        if self.union == 0 {
            0.0
        } else {
            self.inter as f64 / self.union as f64
        }
    }

    fn cmp_value(self, other: Jaccard) -> Ordering {
        (self.inter * other.union).cmp(&(other.inter * self.union))
    }

    /// Jaccard of two sorted, deduplicated sets.
    fn of_sets(a: &[usize], b: &[usize]) -> Jaccard {
        let (mut i, mut j, mut inter) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    inter += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let union = a.len() + b.len() - inter;
        if union == 0 {
            Jaccard::ZERO
        } else {
            Jaccard { inter, union }
        }
    }
}

/// Size of the multiset intersection of two sorted slices.
fn multiset_matches<T: Ord>(gold: &[T], pred: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < gold.len() && j < pred.len() {
        match gold[i].cmp(&pred[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Greedy one-to-one matching over candidate pairs `(gold, pred)`, best first. `better`
/// orders candidates (best first); ties fall back to the pair indices. Returns the number of
/// pairs matched.
fn greedy_match<S: Copy>(
    mut cands: Vec<(usize, usize, S)>,
    n_gold: usize,
    n_pred: usize,
    better: impl Fn(S, S) -> Ordering,
) -> usize {
    cands.sort_by(|a, b| better(a.2, b.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let mut gold_used = vec![false; n_gold];
    let mut pred_used = vec![false; n_pred];
    let mut n = 0;
    for (g, p, _) in cands {
        if !gold_used[g] && !pred_used[p] {
            gold_used[g] = true;
            pred_used[p] = true;
            n += 1;
        }
    }
    n
}

/// One attribution after trimming: the pieces of each role, sorted and deduplicated.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Trimmed {
    cue: Vec<CharSpan>,
    source: Vec<CharSpan>,
    content: Vec<CharSpan>,
}

impl Trimmed {
    fn roles(&self) -> [&[CharSpan]; 3] {
        [&self.source, &self.cue, &self.content]
    }
}

fn trim_attrs(dt: &DocText, attrs: &[AnnAttribution]) -> Vec<Trimmed> {
    let trim_role = |v: &[CharSpan]| {
        let mut out: Vec<CharSpan> = v.iter().filter_map(|&s| dt.trim(s)).collect();
        out.sort();
        out.dedup();
        out
    };
    attrs
        .iter()
        .map(|a| Trimmed {
            cue: trim_role(&a.cue),
            source: trim_role(&a.source),
            content: trim_role(&a.content),
        })
        .filter(|t| t.roles().iter().any(|r| !r.is_empty()))
        .collect()
}

/// Exact and overlap scores for two multisets of pieces.
fn score_pieces(dt: &DocText, mut gold: Vec<CharSpan>, mut pred: Vec<CharSpan>) -> MatchScores {
    gold.sort();
    pred.sort();
    let exact = Prf::from_counts(multiset_matches(&gold, &pred), gold.len(), pred.len());
    let g_tok: Vec<(usize, usize)> = gold.iter().map(|&s| dt.token_range(s)).collect();
    let p_tok: Vec<(usize, usize)> = pred.iter().map(|&s| dt.token_range(s)).collect();
    let mut cands = Vec::new();
    for (gi, (&gs, &(glo, ghi))) in gold.iter().zip(&g_tok).enumerate() {
        for (pi, (&ps, &(plo, phi))) in pred.iter().zip(&p_tok).enumerate() {
            let j = if gs == ps {
                Jaccard::ONE
            } else {
                let inter = ghi.min(phi).saturating_sub(glo.max(plo));
                let union = (ghi - glo) + (phi - plo) - inter;
                Jaccard { inter, union }
            };
            if j.passes() {
                cands.push((gi, pi, j));
            }
        }
    }
    let matched = greedy_match(cands, gold.len(), pred.len(), |a, b| b.cmp_value(a));
    MatchScores {
        exact,
        overlap: Prf::from_counts(matched, gold.len(), pred.len()),
    }
}

/// Exact and overlap scores for whole attributions.
fn score_attributions(dt: &DocText, gold: &[Trimmed], pred: &[Trimmed]) -> MatchScores {
    let mut g_sorted: Vec<&Trimmed> = gold.iter().collect();
    let mut p_sorted: Vec<&Trimmed> = pred.iter().collect();
    g_sorted.sort();
    p_sorted.sort();
    let exact = Prf::from_counts(
        multiset_matches(&g_sorted, &p_sorted),
        gold.len(),
        pred.len(),
    );

    let tokens = |t: &Trimmed| t.roles().map(|r| dt.token_set(r));
    let g_tok: Vec<[Vec<usize>; 3]> = gold.iter().map(tokens).collect();
    let p_tok: Vec<[Vec<usize>; 3]> = pred.iter().map(tokens).collect();
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        'pred: for (pi, p) in pred.iter().enumerate() {
            let mut sum = 0.0;
            for r in 0..3 {
                let (gr, pr) = (g.roles()[r], p.roles()[r]);
                let j = match (gr.is_empty(), pr.is_empty()) {
                    (true, true) => Jaccard::ONE,
                    (false, false) if gr == pr => Jaccard::ONE,
                    (false, false) => Jaccard::of_sets(&g_tok[gi][r], &p_tok[pi][r]),
                    _ => continue 'pred,
                };
                if !j.passes() {
                    continue 'pred;
                }
                sum += j.value();
            }
            cands.push((gi, pi, sum));
        }
    }
    let matched = greedy_match(cands, gold.len(), pred.len(), |a: f64, b: f64| {
        b.total_cmp(&a)
    });
    MatchScores {
        exact,
        overlap: Prf::from_counts(matched, gold.len(), pred.len()),
    }
}

/// Score one document's predicted attributions against its gold ones.
///
/// `text` is the document text the code-point spans of both sides refer to (spans are
/// clamped to it). See the crate documentation for the trimming and matching rules.
pub fn score_doc(text: &str, gold: &[AnnAttribution], pred: &[AnnAttribution]) -> DocScores {
    let dt = DocText::new(text);
    let gold_t = trim_attrs(&dt, gold);
    let pred_t = trim_attrs(&dt, pred);
    // Role pieces: every trimmed piece of every attribution (a piece shared by two
    // attributions of one side counts twice).
    let pieces = |attrs: &[AnnAttribution], role: fn(&AnnAttribution) -> &Vec<CharSpan>| {
        attrs
            .iter()
            .flat_map(|a| role(a).iter().filter_map(|&s| dt.trim(s)))
            .collect::<Vec<_>>()
    };
    let role = |get: fn(&AnnAttribution) -> &Vec<CharSpan>| {
        score_pieces(&dt, pieces(gold, get), pieces(pred, get))
    };
    DocScores {
        source: role(|a| &a.source),
        cue: role(|a| &a.cue),
        content: role(|a| &a.content),
        attribution: score_attributions(&dt, &gold_t, &pred_t),
    }
}

#[allow(missing_docs)] // see the module docs; fields mirror the record and the gold format
pub mod context;

#[cfg(test)]
mod tests;
