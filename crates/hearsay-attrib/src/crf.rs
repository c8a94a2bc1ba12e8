//! A first-order structured perceptron ("perceptron CRF") over hashed features.
//!
//! Emission scores come from a weight table (one row per feature, one column per label: a
//! [`Weights`] table in training, the model file's [`hearsay_ml::dense::DenseTable`] in
//! inference);
//! transition scores live in the same table under reserved feature hashes, so a model is one
//! table. Decoding is Viterbi with a label-constraint function (BIO well-formedness).

use hearsay_ml::hash::f1;
use hearsay_ml::{Trainer, Weights};

/// Reserved template id for transition features.
const T_TRANS: u32 = 0xFFFF_0001;

/// The feature hash under which the weights of transitions out of `prev` are stored
/// (`prev == n_labels` means "start of sequence").
#[inline]
pub fn trans_feature(prev: usize) -> u64 {
    f1(T_TRANS, prev as u64)
}

/// A label set with its BIO constraint.
pub trait Labels {
    const N: usize;
    /// May label `cur` follow label `prev` (`None` = start of sequence)?
    fn allowed(prev: Option<usize>, cur: usize) -> bool;
}

/// Transition matrix `(N + 1) × N` (last row: from start), `-inf` where not allowed.
pub fn transitions<L: Labels>(w: &Weights) -> Vec<f32> {
    transitions_from::<L>(|f| w.row_weights(w.row(f)).to_vec())
}

/// [`transitions`] from any table: `row(feature)` gives the weights of a feature's row.
pub fn transitions_from<L: Labels>(row: impl Fn(u64) -> Vec<f32>) -> Vec<f32> {
    let n = L::N;
    let mut t = vec![0.0f32; (n + 1) * n];
    for prev in 0..=n {
        let row = row(trans_feature(prev));
        for cur in 0..n {
            let p = if prev == n { None } else { Some(prev) };
            t[prev * n + cur] = if L::allowed(p, cur) {
                row[cur]
            } else {
                f32::NEG_INFINITY
            };
        }
    }
    t
}

/// Viterbi decoding. `emissions` is `len × N` row-major; `trans` from [`transitions`].
/// Writes the best label sequence into `out` (cleared first). `back` is scratch space.
pub fn viterbi(
    n: usize,
    emissions: &[f32],
    trans: &[f32],
    back: &mut Vec<u8>,
    out: &mut Vec<usize>,
) {
    out.clear();
    let len = emissions.len() / n;
    if len == 0 {
        return;
    }
    back.clear();
    back.resize(len * n, 0);
    let mut prev_scores = vec![0f32; n];
    let mut cur_scores = vec![0f32; n];
    for (c, s) in prev_scores.iter_mut().enumerate() {
        *s = trans[n * n + c] + emissions[c];
    }
    for i in 1..len {
        for c in 0..n {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for (p, &ps) in prev_scores.iter().enumerate() {
                let s = ps + trans[p * n + c];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            cur_scores[c] = best + emissions[i * n + c];
            back[i * n + c] = arg;
        }
        std::mem::swap(&mut prev_scores, &mut cur_scores);
    }
    let mut last = hearsay_ml::argmax(&prev_scores);
    out.resize(len, 0);
    out[len - 1] = last;
    for i in (1..len).rev() {
        last = back[i * n + last] as usize;
        out[i - 1] = last;
    }
}

/// Posterior label probabilities by forward-backward, treating `scale × score` as log-potentials
/// (perceptron scores are not probabilities; `scale` is a temperature). Returns `len × N`
/// row-major; rows sum to 1. Forbidden transitions (`-inf`) get probability 0.
pub fn marginals(n: usize, emissions: &[f32], trans: &[f32], scale: f32) -> Vec<f32> {
    let len = emissions.len() / n;
    let mut out = vec![0f32; len * n];
    if len == 0 {
        return out;
    }
    assert!(n <= 8, "label sets are small");
    // log-sum-exp over at most 8 values, without allocating.
    let lse = |xs: &mut dyn Iterator<Item = f32>| -> f32 {
        let mut v = [f32::NEG_INFINITY; 8];
        let mut k = 0;
        for x in xs {
            v[k] = x;
            k += 1;
        }
        let m = v[..k].iter().copied().fold(f32::NEG_INFINITY, f32::max);
        if m == f32::NEG_INFINITY {
            return m;
        }
        m + v[..k].iter().map(|x| (x - m).exp()).sum::<f32>().ln()
    };
    let e = |i: usize, c: usize| emissions[i * n + c] * scale;
    let t = |p: usize, c: usize| trans[p * n + c] * scale;
    let mut alpha = vec![f32::NEG_INFINITY; len * n];
    for (c, a) in alpha.iter_mut().take(n).enumerate() {
        *a = t(n, c) + e(0, c);
    }
    for i in 1..len {
        for c in 0..n {
            alpha[i * n + c] = lse(&mut (0..n).map(|p| alpha[(i - 1) * n + p] + t(p, c))) + e(i, c);
        }
    }
    let mut beta = vec![0f32; len * n];
    for i in (0..len - 1).rev() {
        for p in 0..n {
            beta[i * n + p] =
                lse(&mut (0..n).map(|c| t(p, c) + e(i + 1, c) + beta[(i + 1) * n + c]));
        }
    }
    let z = lse(&mut (0..n).map(|c| alpha[(len - 1) * n + c]));
    for i in 0..len {
        for c in 0..n {
            let v = alpha[i * n + c] + beta[i * n + c] - z;
            out[i * n + c] = if v.is_finite() { v.exp() } else { 0.0 };
        }
    }
    out
}

/// Structured perceptron update for one sequence: `feats[i]` are the features of position i.
pub fn update(trainer: &mut Trainer, n: usize, feats: &[Vec<u64>], gold: &[usize], pred: &[usize]) {
    for i in 0..gold.len() {
        let (g, p) = (gold[i], pred[i]);
        let gp = if i == 0 { n } else { gold[i - 1] };
        let pp = if i == 0 { n } else { pred[i - 1] };
        if g != p {
            trainer.update(&feats[i], g, 1.0);
            trainer.update(&feats[i], p, -1.0);
        }
        if g != p || gp != pp {
            trainer.update(&[trans_feature(gp)], g, 1.0);
            trainer.update(&[trans_feature(pp)], p, -1.0);
        }
    }
}

/// Viterbi decoding constrained to use at least one label of `required` (a bit mask over
/// labels): the best sequence that, e.g., gives a cue some content. Runs over `(label,
/// seen)` states. Writes the sequence into `out` and returns its score, or `None` when no
/// such sequence exists (every position masked). Also returns the unconstrained best score
/// for comparison.
pub fn viterbi_requiring(
    n: usize,
    emissions: &[f32],
    trans: &[f32],
    required: u32,
    back: &mut Vec<u8>,
    out: &mut Vec<usize>,
) -> Option<(f32, f32)> {
    out.clear();
    let len = emissions.len() / n;
    if len == 0 {
        return None;
    }
    assert!(n <= 8, "label sets are small");
    let m = 2 * n;
    let req = |l: usize| required >> l & 1 == 1;
    back.clear();
    back.resize(len * m, 0);
    let mut prev = [f32::NEG_INFINITY; 16];
    let mut cur = [f32::NEG_INFINITY; 16];
    for c in 0..n {
        let s = trans[n * n + c] + emissions[c];
        prev[c + if req(c) { n } else { 0 }] = s;
    }
    for i in 1..len {
        cur[..m].fill(f32::NEG_INFINITY);
        for c in 0..n {
            let e = emissions[i * n + c];
            for seen in 0..2 {
                let to = c + if seen == 1 || req(c) { n } else { 0 };
                for p in 0..n {
                    let from = p + seen * n;
                    let s = prev[from] + trans[p * n + c] + e;
                    if s > cur[to] {
                        cur[to] = s;
                        back[i * m + to] = from as u8;
                    }
                }
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let unconstrained = prev[..m].iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut last = n + hearsay_ml::argmax(&prev[n..m]);
    let best = prev[last];
    if best == f32::NEG_INFINITY {
        return None;
    }
    out.resize(len, 0);
    out[len - 1] = last % n;
    for i in (1..len).rev() {
        last = back[i * m + last] as usize;
        out[i - 1] = last % n;
    }
    Some((best, unconstrained))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Bio;
    impl Labels for Bio {
        const N: usize = 3; // O B I
        fn allowed(prev: Option<usize>, cur: usize) -> bool {
            cur != 2 || matches!(prev, Some(1) | Some(2))
        }
    }

    #[test]
    fn viterbi_respects_constraints() {
        let w = Weights::new(8, 3);
        let trans = transitions::<Bio>(&w);
        // Emissions favour I at position 0, which is not allowed at the start.
        let em = vec![0.0, 0.5, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0];
        let (mut back, mut out) = (Vec::new(), Vec::new());
        viterbi(3, &em, &trans, &mut back, &mut out);
        assert_eq!(out, vec![1, 2, 0]);
    }

    #[test]
    fn viterbi_requiring_uses_a_required_label_at_the_least_cost() {
        let w = Weights::new(8, 3);
        let trans = transitions::<Bio>(&w);
        // O is best everywhere; B costs least at position 1.
        let em = vec![5.0, 1.0, 0.0, 5.0, 4.0, 0.0, 5.0, 0.0, 3.0];
        let (mut back, mut out) = (Vec::new(), Vec::new());
        viterbi(3, &em, &trans, &mut back, &mut out);
        assert_eq!(out, vec![0, 0, 0]);
        let (best, free) = viterbi_requiring(3, &em, &trans, 1 << 1, &mut back, &mut out).unwrap();
        assert_eq!(out, vec![0, 1, 0]);
        assert_eq!((best, free), (14.0, 15.0));
        // Requiring I forces B before it: B I at 1-2 (4 + 3) beats B I at 0-1 (1 + 0).
        viterbi_requiring(3, &em, &trans, 1 << 2, &mut back, &mut out).unwrap();
        assert_eq!(out, vec![0, 1, 2]);
        // Nothing to decode.
        assert!(viterbi_requiring(3, &[], &trans, 1 << 1, &mut back, &mut out).is_none());
    }

    #[test]
    fn marginals_are_distributions_and_respect_constraints() {
        let w = Weights::new(8, 3);
        let trans = transitions::<Bio>(&w);
        let em = vec![0.0, 2.0, 5.0, 0.0, 0.0, 3.0, 1.0, 0.0, 0.0];
        let m = marginals(3, &em, &trans, 1.0);
        for row in m.chunks(3) {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4, "{row:?}");
        }
        assert_eq!(m[2], 0.0, "I cannot start a sequence");
        // With one position the marginals are the softmax of the allowed emissions.
        let one = marginals(3, &[0.0, 1.0, 9.0], &trans, 1.0);
        let z = 1.0 + 1f32.exp();
        assert!((one[1] - 1f32.exp() / z).abs() < 1e-4);
    }

    #[test]
    fn learns_a_span_pattern() {
        // Tokens: "x x k y y": label B on "k", I on the following "y"s.
        let seqs: Vec<(Vec<u64>, Vec<usize>)> = vec![
            (vec![1, 1, 9, 2, 2], vec![0, 0, 1, 2, 2]),
            (vec![9, 2, 1], vec![1, 2, 0]),
            (vec![1, 9, 1, 1], vec![0, 1, 0, 0]),
        ];
        let feat = |w: u64| vec![f1(1, w), f1(2, 0)];
        let mut tr = Trainer::new(10, 3);
        for _ in 0..10 {
            for (ws, gold) in &seqs {
                let feats: Vec<Vec<u64>> = ws.iter().map(|&w| feat(w)).collect();
                let wts = tr.weights();
                let mut em = Vec::new();
                for f in &feats {
                    em.extend(wts.scores(f));
                }
                let trans = transitions::<Bio>(wts);
                let (mut back, mut pred) = (Vec::new(), Vec::new());
                viterbi(3, &em, &trans, &mut back, &mut pred);
                update(&mut tr, 3, &feats, gold, &pred);
                tr.tick();
            }
        }
        let w = tr.finish();
        let trans = transitions::<Bio>(&w);
        for (ws, gold) in &seqs {
            let mut em = Vec::new();
            for &x in ws {
                em.extend(w.scores(&feat(x)));
            }
            let (mut back, mut pred) = (Vec::new(), Vec::new());
            viterbi(3, &em, &trans, &mut back, &mut pred);
            assert_eq!(&pred, gold);
        }
    }
}
