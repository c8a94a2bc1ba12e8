//! Training (averaged perceptron, dynamic oracle with exploration) and evaluation.

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Result};
use hearsay_doc::{DepRel, Pos, DEPRELS};
use hearsay_ml::{Model, SplitMix, Trainer};

use crate::conllu::{read_dir, GoldSentence};
use crate::features::{context, extract, extract_label, word_hash, TokCtx, FEATURE_VERSION};
use crate::system::{Action, Move, State, ROOT_LABEL};
use crate::{Parser, MODEL_NAME, MOVES, MOVE_NAMES, NONE, N_MOVES};

/// Epochs (0-based) from which the trainer follows its own predictions (exploration).
const EXPLORE_FROM: usize = 1;
/// Probability of following the prediction instead of the oracle once exploring.
const EXPLORE_P: f64 = 0.9;

/// Training settings.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub iterations: usize,
    /// log2 of the number of rows of the hashed weight table.
    pub bits: u32,
    /// Seed of the shuffling / exploration random stream.
    pub seed: u64,
    /// Pruning threshold to use when serialising ([`Model::to_bytes`]); recorded in the
    /// model metadata, not applied by [`train`].
    pub prune: f32,
}

impl Default for TrainOptions {
    /// The settings of the committed `models/parse.bin`.
    fn default() -> Self {
        TrainOptions {
            iterations: 10,
            bits: 20,
            seed: 1,
            prune: 1.25,
        }
    }
}

/// Where the POS tags of the training sentences come from.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainTags {
    /// CoreNLP's silver tags from the CoNLL-U files.
    Silver,
    /// Tags predicted by `hearsay-tag` taggers, each trained on all folds but the one it tags
    /// (jackknifing), so the parser learns from tags as noisy as the ones it meets at
    /// inference. Folds are contiguous runs of sentences (in sorted file order).
    Jackknife {
        /// Number of folds (at least 2).
        folds: usize,
        /// Settings of each fold's tagger.
        tagger: hearsay_tag::TrainOptions,
    },
}

impl Default for TrainTags {
    /// What [`train`] uses: the silver tags. (On PolNeAR dev, a parser trained on silver tags
    /// beat one trained on 4-fold jackknifed tags both with silver and with `hearsay-tag`
    /// input tags.)
    fn default() -> Self {
        TrainTags::Silver
    }
}

impl TrainTags {
    /// 4-fold jackknifing with 5-epoch taggers (otherwise the settings of `models/pos.bin`).
    pub fn jackknife() -> Self {
        TrainTags::Jackknife {
            folds: 4,
            tagger: hearsay_tag::TrainOptions {
                iterations: 5,
                ..hearsay_tag::TrainOptions::default()
            },
        }
    }
}

/// Attachment scores of a parser against a CoNLL-U directory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParseScores {
    /// Unlabelled attachment score over non-punctuation tokens, in `[0, 1]`.
    pub uas: f64,
    /// Labelled attachment score over non-punctuation tokens, in `[0, 1]`.
    pub las: f64,
    /// Number of non-punctuation tokens scored (punctuation: gold tag `` '' , . :).
    pub tokens: usize,
    /// UAS over all tokens, punctuation included.
    pub uas_all: f64,
    /// LAS over all tokens, punctuation included.
    pub las_all: f64,
    /// Number of tokens, punctuation included.
    pub all_tokens: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Seconds spent inside the parser (words pre-hashed), for a tokens-per-second figure.
    pub parse_seconds: f64,
}

/// A training sentence in the parser's internal form.
struct Prepared {
    words: Vec<u64>,
    tags: Vec<u8>,
    ctx: Vec<TokCtx>,
    /// Gold heads, `n` for the root.
    heads: Vec<u32>,
    labels: Vec<DepRel>,
}

/// Convert a gold sentence; `None` if it is not a single-rooted tree the transition system can
/// build (non-projective, several roots, cycles).
fn prepare(s: &GoldSentence, state: &mut State) -> Option<Prepared> {
    let n = s.words.len();
    if n == 0 || s.heads.len() != n || s.labels.len() != n || s.tags.len() != n {
        return None;
    }
    let heads: Vec<u32> = s
        .heads
        .iter()
        .map(|&h| if h == NONE { n as u32 } else { h })
        .collect();
    let labels: Vec<DepRel> = s
        .heads
        .iter()
        .zip(&s.labels)
        .map(|(&h, &l)| {
            if h == NONE {
                ROOT_LABEL
            } else if l == ROOT_LABEL {
                DepRel::from_name("dep").expect("dep is a label")
            } else {
                l
            }
        })
        .collect();
    if heads.iter().filter(|&&h| h == n as u32).count() != 1 {
        return None;
    }
    if !oracle_reproduces(&heads, &labels, state) {
        return None;
    }
    let tags: Vec<u8> = s.tags.iter().map(|t| t.0).collect();
    let mut ctx = Vec::new();
    context(&tags, &mut ctx);
    Some(Prepared {
        words: s.words.iter().map(|w| word_hash(w)).collect(),
        tags,
        ctx,
        heads,
        labels,
    })
}

/// Follow zero-cost actions from the start; true if that builds exactly the gold tree.
fn oracle_reproduces(heads: &[u32], labels: &[DepRel], st: &mut State) -> bool {
    st.reset(heads.len());
    while !st.is_terminal() {
        let unl = st.costs(heads);
        let s0 = st.s(0);
        let left = if s0 != NONE {
            labels[s0 as usize]
        } else {
            ROOT_LABEL
        };
        let right = if st.b < st.n {
            labels[st.b as usize]
        } else {
            left
        };
        let cand = [
            Action {
                mv: Move::Left,
                label: left,
            },
            Action {
                mv: Move::Right,
                label: right,
            },
            Action {
                mv: Move::Reduce,
                label: ROOT_LABEL,
            },
            Action {
                mv: Move::Shift,
                label: ROOT_LABEL,
            },
        ];
        match cand
            .into_iter()
            .find(|&a| st.valid(a) && st.action_cost(a, unl, heads, labels) == 0)
        {
            Some(a) => st.apply(a),
            None => return false,
        }
    }
    st.heads[..heads.len()] == *heads && st.labels[..labels.len()] == *labels
}

/// The label classes: every non-root label seen in the data, in [`DEPRELS`] order.
fn label_set(data: &[Prepared]) -> Vec<DepRel> {
    let mut seen = vec![false; DEPRELS.len()];
    for s in data {
        for &l in &s.labels {
            seen[l.0 as usize] = true;
        }
    }
    seen[ROOT_LABEL.0 as usize] = false;
    (0..DEPRELS.len())
        .filter(|&i| seen[i])
        .map(|i| DepRel(i as u8))
        .collect()
}

/// Train a parser on the CoNLL-U files of `train_dir` (`train_dir/conllu/*.conllu`, with the
/// article texts in `train_dir/text/` providing the surface word forms), on the silver POS
/// tags ([`TrainTags::default`]). Deterministic: the same data and options give
/// the same model. `progress` receives one line per stage and epoch.
///
/// Serialise the result with `model.to_bytes(opts.prune)` and load it with
/// [`Parser::from_bytes`].
pub fn train(train_dir: &Path, opts: &TrainOptions, progress: impl FnMut(&str)) -> Result<Model> {
    train_with(train_dir, opts, &TrainTags::default(), progress)
}

/// [`train`] with a choice of training tags.
pub fn train_with(
    train_dir: &Path,
    opts: &TrainOptions,
    tags: &TrainTags,
    mut progress: impl FnMut(&str),
) -> Result<Model> {
    let mut gold = read_dir(train_dir)?;
    progress(&format!("read {} sentences", gold.len()));
    let source = match tags {
        TrainTags::Silver => "silver".to_string(),
        TrainTags::Jackknife { folds, tagger } => {
            jackknife(&mut gold, *folds, tagger, &mut progress)?;
            format!("jackknife-{folds}")
        }
    };
    train_sentences(&gold, opts, &source, &mut progress)
}

/// Replace the tags of `sents` by jackknifed predictions.
fn jackknife(
    sents: &mut [GoldSentence],
    folds: usize,
    opts: &hearsay_tag::TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    if folds < 2 || folds > sents.len() {
        bail!("jackknifing needs 2 to {} folds, not {folds}", sents.len());
    }
    let bounds: Vec<usize> = (0..=folds).map(|f| f * sents.len() / folds).collect();
    let tagged: Vec<hearsay_tag::TaggedSentence> = sents
        .iter()
        .map(|s| hearsay_tag::TaggedSentence {
            words: s.words.clone(),
            tags: s.tags.clone(),
        })
        .collect();
    let (mut same, mut total) = (0usize, 0usize);
    for f in 0..folds {
        let (a, b) = (bounds[f], bounds[f + 1]);
        let rest: Vec<hearsay_tag::TaggedSentence> =
            tagged[..a].iter().chain(&tagged[b..]).cloned().collect();
        let model = hearsay_tag::train_sentences(&rest, opts, |_| {})?;
        let tagger = hearsay_tag::Tagger::from_model(model)?;
        for s in &mut sents[a..b] {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let predicted = tagger.tag_words(&words);
            same += predicted
                .iter()
                .zip(&s.tags)
                .filter(|(p, g)| p == g)
                .count();
            total += words.len();
            s.tags = predicted;
        }
        progress(&format!("jackknife: tagged fold {}/{folds}", f + 1));
    }
    progress(&format!(
        "jackknife: predicted tags agree with silver on {:.2}% of tokens",
        100.0 * same as f64 / total.max(1) as f64
    ));
    Ok(())
}

/// [`train`] on sentences already read.
fn train_sentences(
    gold: &[GoldSentence],
    opts: &TrainOptions,
    tag_source: &str,
    progress: &mut dyn FnMut(&str),
) -> Result<Model> {
    if !(1..=30).contains(&opts.bits) {
        bail!("bits must be in 1..=30");
    }
    let mut st = State::default();
    let data: Vec<Prepared> = gold.iter().filter_map(|s| prepare(s, &mut st)).collect();
    let skipped = gold.len() - data.len();
    if data.is_empty() {
        bail!("no usable training sentences");
    }
    let tokens: usize = data.iter().map(|s| s.words.len()).sum();
    progress(&format!(
        "{} training sentences ({tokens} tokens); {skipped} skipped (non-projective or not a single-rooted tree)",
        data.len()
    ));
    let labels = label_set(&data);
    let mut class_of = vec![usize::MAX; DEPRELS.len()];
    for (i, l) in labels.iter().enumerate() {
        class_of[l.0 as usize] = N_MOVES + i;
    }
    let k = N_MOVES + labels.len();
    let mut trainer = Trainer::new(opts.bits, k);
    let mut rng = SplitMix(opts.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::new();
    let mut label_feats = Vec::new();
    let mut label_scores = vec![0f32; labels.len()];
    for epoch in 0..opts.iterations {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let (mut steps, mut errors, mut arcs, mut label_errors) = (0usize, 0usize, 0usize, 0usize);
        for &si in &order {
            let s = &data[si];
            st.reset(s.words.len());
            while !st.is_terminal() {
                extract(&st, &s.words, &s.tags, &s.ctx, &mut feats);
                let w = trainer.weights();
                let mut scores = [0f32; N_MOVES];
                for &f in &feats {
                    for (a, &x) in scores.iter_mut().zip(w.row_weights(w.row(f))) {
                        *a += x;
                    }
                }
                let unl = st.costs(&s.heads);
                let mut costs = [u32::MAX; N_MOVES];
                let mut min_cost = u32::MAX;
                for (c, &mv) in costs.iter_mut().zip(&MOVES) {
                    if st.valid_move(mv) {
                        *c = st.move_cost(mv, unl, &s.heads);
                        min_cost = min_cost.min(*c);
                    }
                }
                let (mut guess, mut best) = (usize::MAX, usize::MAX);
                for c in 0..N_MOVES {
                    if costs[c] == u32::MAX {
                        continue;
                    }
                    if guess == usize::MAX || scores[c] > scores[guess] {
                        guess = c;
                    }
                    if costs[c] == min_cost && (best == usize::MAX || scores[c] > scores[best]) {
                        best = c;
                    }
                }
                if guess == usize::MAX {
                    break;
                }
                if costs[guess] > min_cost {
                    trainer.update(&feats, best, 1.0);
                    trainer.update(&feats, guess, -1.0);
                    errors += 1;
                }
                steps += 1;
                let explore = epoch >= EXPLORE_FROM && rng.unit() < EXPLORE_P;
                let mv = MOVES[if explore { guess } else { best }];
                let mut a = st.unlabelled(mv);
                if let Some((h, d)) = st.labelled_arc(mv) {
                    extract_label(&st, h, d, &s.words, &s.tags, &s.ctx, &mut label_feats);
                    let w = trainer.weights();
                    label_scores.iter_mut().for_each(|x| *x = 0.0);
                    for &f in &label_feats {
                        let row = &w.row_weights(w.row(f))[N_MOVES..];
                        for (a, &x) in label_scores.iter_mut().zip(row) {
                            *a += x;
                        }
                    }
                    let mut lg = 0;
                    for (i, &x) in label_scores.iter().enumerate() {
                        if x > label_scores[lg] {
                            lg = i;
                        }
                    }
                    let gold_label = s.labels[d as usize];
                    let gold_class = class_of[gold_label.0 as usize];
                    if let Some(&predicted) = labels.get(lg) {
                        a.label = predicted;
                    }
                    if s.heads[d as usize] == h && gold_class != usize::MAX {
                        arcs += 1;
                        if N_MOVES + lg != gold_class {
                            trainer.update(&label_feats, gold_class, 1.0);
                            trainer.update(&label_feats, N_MOVES + lg, -1.0);
                            label_errors += 1;
                        }
                        if !explore {
                            a.label = gold_label;
                        }
                    }
                }
                trainer.tick();
                st.apply(a);
            }
        }
        progress(&format!(
            "epoch {}: {:.2}% transitions correct, {:.2}% labels of gold arcs correct, {:.1}s",
            epoch + 1,
            100.0 * (steps - errors) as f64 / steps.max(1) as f64,
            100.0 * (arcs - label_errors) as f64 / arcs.max(1) as f64,
            t0.elapsed().as_secs_f64()
        ));
    }
    let weights = trainer.finish();
    let meta = format!(
        "{{\"transition_system\":\"arc-eager\",\"classifiers\":\"moves+labels\",\"feature_version\":{FEATURE_VERSION},\
         \"iterations\":{},\"bits\":{},\"seed\":{},\"prune\":{},\"sentences\":{},\
         \"tokens\":{tokens},\"skipped\":{skipped},\"tags\":\"{tag_source}\"}}",
        opts.iterations,
        opts.bits,
        opts.seed,
        opts.prune,
        data.len()
    );
    Ok(Model {
        name: MODEL_NAME.to_string(),
        meta,
        labels: MOVE_NAMES
            .iter()
            .map(|m| m.to_string())
            .chain(labels.iter().map(|l| format!("={}", l.name())))
            .collect(),
        weights,
    })
}

/// Is a gold tag punctuation for scoring (the usual `` '' , . : convention)?
fn is_punct(p: Pos) -> bool {
    matches!(p.name(), "``" | "''" | "," | "." | ":")
}

/// Score a parser against the CoNLL-U files of `dir` (silver heads and labels, silver tags
/// as input). Punctuation (gold tag `` '' , . :) is excluded from `uas` / `las`.
pub fn evaluate(parser: &Parser, dir: &Path) -> Result<ParseScores> {
    Ok(evaluate_sentences(parser, &read_dir(dir)?))
}

/// [`evaluate`] with the input tags predicted by `tagger` (what the pipeline sees) instead of
/// the silver ones; scoring (and the punctuation convention) still uses the silver tags.
pub fn evaluate_tagged(
    parser: &Parser,
    tagger: &hearsay_tag::Tagger,
    dir: &Path,
) -> Result<ParseScores> {
    let gold = read_dir(dir)?;
    let predicted: Vec<Vec<Pos>> = gold
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            tagger.tag_words(&words)
        })
        .collect();
    Ok(score(parser, &gold, |i| &predicted[i]))
}

fn evaluate_sentences(parser: &Parser, gold: &[GoldSentence]) -> ParseScores {
    score(parser, gold, |i| &gold[i].tags)
}

/// Parse each sentence with the tags `input(i)` and score it against the silver tree.
fn score<'a>(
    parser: &Parser,
    gold: &'a [GoldSentence],
    input: impl Fn(usize) -> &'a [Pos],
) -> ParseScores {
    let mut sc = ParseScores::default();
    let (mut u, mut l, mut ua, mut la) = (0usize, 0usize, 0usize, 0usize);
    let mut words = Vec::new();
    let mut tags = Vec::new();
    for (si, s) in gold.iter().enumerate() {
        words.clear();
        words.extend(s.words.iter().map(|w| word_hash(w)));
        tags.clear();
        tags.extend(input(si).iter().map(|t| t.0));
        let t0 = Instant::now();
        let (heads, labels) = parser.parse_hashed(&words, &tags);
        sc.parse_seconds += t0.elapsed().as_secs_f64();
        sc.sentences += 1;
        for i in 0..s.words.len() {
            let hu = heads[i] == s.heads[i];
            let hl = hu && labels[i] == s.labels[i];
            sc.all_tokens += 1;
            ua += hu as usize;
            la += hl as usize;
            if !is_punct(s.tags[i]) {
                sc.tokens += 1;
                u += hu as usize;
                l += hl as usize;
            }
        }
    }
    let frac = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    sc.uas = frac(u, sc.tokens);
    sc.las = frac(l, sc.tokens);
    sc.uas_all = frac(ua, sc.all_tokens);
    sc.las_all = frac(la, sc.all_tokens);
    sc
}
