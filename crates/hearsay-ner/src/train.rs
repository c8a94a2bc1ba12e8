//! Training and evaluation.

use std::fmt;
use std::path::Path;

use hearsay_ml::{Model, SplitMix, Trainer};

use crate::corpus::{read_dir, NerSentence};
use crate::features::{fill_padded, Features, WordInfo, FEATURE_VERSION};
use crate::{
    best_label_dense, features_at, label_names, mentions_of, EntityKind, Mention, Tagger,
    MODEL_NAME, N_LABELS,
};

/// Training settings. [`Default`] gives the settings of the committed `models/ner.bin`.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub iterations: usize,
    /// log2 of the number of rows of the hashed weight table.
    pub bits: u32,
    /// Seed of the per-epoch sentence shuffling.
    pub seed: u64,
    /// Number of perceptrons (each with its own shuffle) averaged into the model.
    pub ensemble: usize,
    /// Weights with a smaller magnitude are dropped when the model is written: pass it to
    /// [`Model::to_bytes`]. (`train` itself returns the unpruned model.)
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 10,
            bits: 20,
            seed: 1,
            ensemble: 3,
            prune: 0.5,
        }
    }
}

/// Train a tagger on every `*.conllu` file under `train_dir` (or `train_dir/conllu`), in sorted
/// file order, shuffling sentences each epoch with a generator seeded from `opts.seed`. The same
/// data and options always give the same model. `progress` receives one line per stage/epoch.
pub fn train(
    train_dir: &Path,
    opts: &TrainOptions,
    mut progress: impl FnMut(&str),
) -> anyhow::Result<Model> {
    let sentences =
        read_dir(train_dir)?.into_training(train_dir, |s| s.words.len(), &mut progress)?;
    train_sentences(&sentences, opts, progress)
}

/// Train a tagger on sentences in memory (what [`train`] does after reading the files).
pub fn train_sentences(
    sentences: &[NerSentence],
    opts: &TrainOptions,
    mut progress: impl FnMut(&str),
) -> anyhow::Result<Model> {
    anyhow::ensure!((1..=30).contains(&opts.bits), "bits must be in 1..=30");
    for s in sentences {
        anyhow::ensure!(
            s.words.len() == s.tags.len() && s.words.len() == s.labels.len(),
            "sentence with {} words, {} tags and {} labels",
            s.words.len(),
            s.tags.len(),
            s.labels.len()
        );
    }
    let prepared: Vec<Vec<WordInfo>> = sentences
        .iter()
        .map(|s| {
            let mut padded = Vec::with_capacity(s.words.len() + 4);
            fill_padded(
                &mut padded,
                s.words.iter().map(String::as_str),
                s.tags.iter().map(|&t| Some(t)),
            );
            padded
        })
        .collect();

    // Several perceptrons, each with its own shuffle, averaged into one table.
    let mut weights: Option<hearsay_ml::Weights> = None;
    for run in 0..opts.ensemble.max(1) {
        let w = train_one(sentences, &prepared, opts, run as u64, &mut progress);
        match &mut weights {
            None => weights = Some(w),
            Some(acc) => acc.add_scaled(&w, 1.0),
        }
    }
    let mut weights = weights.expect("at least one run");
    weights.scale(1.0 / opts.ensemble.max(1) as f32);
    let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
    let meta = format!(
        "features {FEATURE_VERSION}\niterations {}\nensemble {}\nbits {}\nseed {}\nprune {}\npos silver\nsentences {}\ntokens {}\n",
        opts.iterations,
        opts.ensemble.max(1),
        opts.bits,
        opts.seed,
        opts.prune,
        sentences.len(),
        tokens
    );
    Ok(Model {
        name: MODEL_NAME.to_string(),
        meta,
        labels: label_names(),
        weights,
    })
}

/// One averaged perceptron over the prepared sentences (shuffle seeded by `opts.seed` and `run`).
fn train_one(
    sentences: &[NerSentence],
    prepared: &[Vec<WordInfo>],
    opts: &TrainOptions,
    run: u64,
    progress: &mut impl FnMut(&str),
) -> hearsay_ml::Weights {
    let mut trainer = Trainer::new(opts.bits, N_LABELS);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = SplitMix(
        opts.seed
            .wrapping_add(run.wrapping_mul(0x5851_f42d_4c95_7f2d)),
    );
    let mut feats = Features::default();
    let mut scores = vec![0f32; N_LABELS];
    for epoch in 0..opts.iterations {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let padded = &prepared[si];
            let gold = &sentences[si].labels;
            let (mut p1, mut p2) = (None, None);
            for (i, &g) in gold.iter().enumerate() {
                features_at(padded, i, p1, p2, &mut feats);
                let guess = best_label_dense(trainer.weights(), &feats, p1, &mut scores);
                trainer.correct(feats.as_slice(), g.index(), guess.index());
                trainer.tick();
                correct += (guess == g) as usize;
                total += 1;
                p2 = p1;
                p1 = Some(guess);
            }
        }
        progress(&format!(
            "run {}/{} epoch {}/{}: training label accuracy {:.2}%",
            run + 1,
            opts.ensemble.max(1),
            epoch + 1,
            opts.iterations,
            100.0 * correct as f64 / total.max(1) as f64
        ));
    }
    trainer.finish()
}

/// Mention counts of one kind: true positives, false positives, false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted mentions with exactly the span and kind of a reference one.
    pub tp: usize,
    /// Predicted mentions without an exact reference match.
    pub fp: usize,
    /// Reference mentions without an exact predicted match.
    pub fn_: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.2} R {:.2} F1 {:.2}",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1()
        )
    }
}

/// Entity-level exact-match scores (CoNLL style: a mention counts only with the exact token span
/// and kind).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NerScores {
    /// Per kind, indexed like [`EntityKind::ALL`].
    pub kinds: [Counts; 5],
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
}

impl NerScores {
    /// The counts of one kind.
    pub fn kind(&self, k: EntityKind) -> Counts {
        self.kinds[k.index()]
    }
    /// Micro-averaged counts over the four CoNLL name kinds (Date excluded).
    pub fn overall(&self) -> Counts {
        let mut c = Counts::default();
        for k in EntityKind::NAMES {
            c.add(&self.kind(k));
        }
        c
    }
    /// Score one sentence's predicted mentions against the reference ones.
    pub fn add(&mut self, gold: &[Mention], pred: &[Mention]) {
        for m in pred {
            let c = &mut self.kinds[m.kind.index()];
            if gold.contains(m) {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        for m in gold {
            if !pred.contains(m) {
                self.kinds[m.kind.index()].fn_ += 1;
            }
        }
    }
}

impl fmt::Display for NerScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "overall (PER/ORG/LOC/MISC) {}", self.overall())?;
        for k in EntityKind::ALL {
            let c = self.kind(k);
            write!(f, "; {k} {c} ({} gold)", c.tp + c.fn_)?;
        }
        write!(f, " [{} sentences, {} tokens]", self.sentences, self.tokens)
    }
}

/// Scores against the silver NER of the `*.conllu` files under `dir` (or `dir/conllu`), with the
/// silver POS tags as input.
pub fn evaluate(tagger: &Tagger, dir: &Path) -> anyhow::Result<NerScores> {
    let corpus = read_dir(dir)?;
    Ok(evaluate_sentences(tagger, &corpus.sentences, None))
}

/// Like [`evaluate`], with the POS tags predicted by `pos` (what the pipeline gives the tagger).
pub fn evaluate_tagged(
    tagger: &Tagger,
    pos: &hearsay_tag::Tagger,
    dir: &Path,
) -> anyhow::Result<NerScores> {
    let corpus = read_dir(dir)?;
    Ok(evaluate_sentences(tagger, &corpus.sentences, Some(pos)))
}

/// Scores against sentences in memory: with their own tags, or those `pos` predicts.
pub fn evaluate_sentences(
    tagger: &Tagger,
    sentences: &[NerSentence],
    pos: Option<&hearsay_tag::Tagger>,
) -> NerScores {
    let mut scores = NerScores::default();
    let mut words: Vec<&str> = Vec::new();
    for s in sentences {
        words.clear();
        words.extend(s.words.iter().map(String::as_str));
        let pred = match pos {
            Some(p) => tagger.tag_words(&words, &p.tag_words(&words)),
            None => tagger.tag_words(&words, &s.tags),
        };
        scores.add(&mentions_of(&s.labels), &mentions_of(&pred));
        scores.sentences += 1;
        scores.tokens += words.len();
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearsay_doc::TokenSpan;

    #[test]
    fn counts_exact_matches_only() {
        let m = |a, b, kind| Mention {
            tokens: TokenSpan::new(a, b),
            kind,
        };
        let mut s = NerScores::default();
        let gold = [
            m(0, 2, EntityKind::Person),
            m(4, 7, EntityKind::Organization),
            m(9, 10, EntityKind::Date),
        ];
        let pred = [
            m(0, 2, EntityKind::Person),
            m(5, 7, EntityKind::Organization),
            m(9, 10, EntityKind::Location),
        ];
        s.add(&gold, &pred);
        assert_eq!(
            s.kind(EntityKind::Person),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.kind(EntityKind::Organization),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.kind(EntityKind::Date),
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        let o = s.overall();
        assert_eq!(
            o,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        assert!((o.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!((o.recall() - 0.5).abs() < 1e-9);
        assert!((o.f1() - 0.4).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
        assert!(s
            .to_string()
            .starts_with("overall (PER/ORG/LOC/MISC) P 33.33"));
    }
}
