//! Training and evaluation.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use hearsay_doc::{Pos, PENN_TAGS};
use hearsay_ml::{Model, SplitMix, Trainer};

use crate::corpus::{read_dir, TaggedSentence};
use crate::features::{norm_hash, Features, WordInfo, FEATURE_VERSION};
use crate::{fill_padded, History, Tagger, MODEL_NAME};

/// A word enters the tag dictionary when seen at least this often...
const TAGDICT_MIN_COUNT: u32 = 20;
/// ...with its most frequent tag at least this share of its occurrences.
const TAGDICT_MIN_RATIO: f64 = 0.97;

/// Training settings. [`Default`] gives the settings of the committed `models/pos.bin`.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub iterations: usize,
    /// log2 of the number of rows of the hashed weight table.
    pub bits: u32,
    /// Seed of the per-epoch sentence shuffling.
    pub seed: u64,
    /// Weights with a smaller magnitude are dropped when the model is written: pass it to
    /// [`Model::to_bytes`]. (`train` itself returns the unpruned model.)
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 10,
            bits: 18,
            seed: 1,
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
    sentences: &[TaggedSentence],
    opts: &TrainOptions,
    mut progress: impl FnMut(&str),
) -> anyhow::Result<Model> {
    anyhow::ensure!((1..=30).contains(&opts.bits), "bits must be in 1..=30");
    for s in sentences {
        anyhow::ensure!(
            s.words.len() == s.tags.len(),
            "sentence with {} words and {} tags",
            s.words.len(),
            s.tags.len()
        );
    }
    let n_classes = PENN_TAGS.len();
    let tagdict = build_tagdict(sentences);
    progress(&format!("tag dictionary: {} words", tagdict.len()));
    let dict: HashMap<u64, Pos> = tagdict
        .iter()
        .map(|(w, t)| (norm_hash(w, false), *t))
        .collect();

    // Word infos (padded) and dictionary tags, computed once.
    let prepared: Vec<(Vec<WordInfo>, Vec<Option<Pos>>)> = sentences
        .iter()
        .map(|s| {
            let mut padded = Vec::with_capacity(s.words.len() + 4);
            fill_padded(&mut padded, s.words.iter().map(String::as_str));
            let fixed = padded[2..padded.len() - 2]
                .iter()
                .map(|w| dict.get(&w.exact).copied())
                .collect();
            (padded, fixed)
        })
        .collect();

    let mut trainer = Trainer::new(opts.bits, n_classes);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = SplitMix(opts.seed);
    let mut feats = Features::default();
    let mut scores = vec![0f32; n_classes];
    for epoch in 0..opts.iterations {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let (padded, fixed) = &prepared[si];
            let gold = &sentences[si].tags;
            let mut h = History::default();
            for i in 0..gold.len() {
                let guess = match fixed[i] {
                    Some(t) => t,
                    None => {
                        h.features(padded, i, &mut feats);
                        scores.fill(0.0);
                        trainer.weights().add_scores(feats.as_slice(), &mut scores);
                        let guess = hearsay_ml::argmax(&scores);
                        trainer.correct(feats.as_slice(), gold[i].0 as usize, guess);
                        trainer.tick();
                        Pos(guess as u8)
                    }
                };
                correct += (guess == gold[i]) as usize;
                total += 1;
                h.push(guess);
            }
        }
        progress(&format!(
            "epoch {}/{}: training accuracy {:.2}%",
            epoch + 1,
            opts.iterations,
            100.0 * correct as f64 / total.max(1) as f64
        ));
    }
    let weights = trainer.finish();
    let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
    let meta = Meta {
        features: FEATURE_VERSION,
        facts: vec![
            ("iterations".into(), opts.iterations.to_string()),
            ("bits".into(), opts.bits.to_string()),
            ("seed".into(), opts.seed.to_string()),
            ("prune".into(), opts.prune.to_string()),
            ("sentences".into(), sentences.len().to_string()),
            ("tokens".into(), tokens.to_string()),
        ],
        tagdict: tagdict
            .into_iter()
            .map(|(w, t)| (w, t.name().to_string()))
            .collect(),
    };
    Ok(Model {
        name: MODEL_NAME.to_string(),
        meta: meta.to_string(),
        labels: PENN_TAGS.iter().map(|t| t.to_string()).collect(),
        weights,
    })
}

/// Frequent words whose tag (almost) never varies, keyed by their form with `’` as `'`.
fn build_tagdict(sentences: &[TaggedSentence]) -> BTreeMap<String, Pos> {
    let mut counts: HashMap<&str, Vec<u32>> = HashMap::new();
    for s in sentences {
        for (w, t) in s.words.iter().zip(&s.tags) {
            let c = counts
                .entry(w.as_str())
                .or_insert_with(|| vec![0; PENN_TAGS.len()]);
            c[t.0 as usize] += 1;
        }
    }
    // Merge forms that differ only in apostrophe style.
    let mut merged: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (w, c) in counts {
        if w.is_empty() || w.chars().any(|ch| ch.is_whitespace() || ch.is_control()) {
            continue;
        }
        let m = merged
            .entry(w.replace('\u{2019}', "'"))
            .or_insert_with(|| vec![0; PENN_TAGS.len()]);
        for (a, b) in m.iter_mut().zip(&c) {
            *a += b;
        }
    }
    merged
        .into_iter()
        .filter_map(|(w, c)| {
            let total: u32 = c.iter().sum();
            let best = hearsay_ml::argmax(&c.iter().map(|&x| x as f32).collect::<Vec<_>>());
            (total >= TAGDICT_MIN_COUNT && c[best] as f64 >= TAGDICT_MIN_RATIO * total as f64)
                .then_some((w, Pos(best as u8)))
        })
        .collect()
}

/// The model metadata, as text:
///
/// ```text
/// features 1
/// iterations 10
/// ...            (other `key value` training facts)
/// tagdict 2
/// the<TAB>DT
/// of<TAB>IN
/// ```
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Meta {
    pub features: u32,
    pub facts: Vec<(String, String)>,
    pub tagdict: Vec<(String, String)>,
}

impl fmt::Display for Meta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "features {}", self.features)?;
        for (k, v) in &self.facts {
            writeln!(f, "{k} {v}")?;
        }
        writeln!(f, "tagdict {}", self.tagdict.len())?;
        for (w, t) in &self.tagdict {
            writeln!(f, "{w}\t{t}")?;
        }
        Ok(())
    }
}

impl Meta {
    pub(crate) fn parse(s: &str) -> Result<Meta, String> {
        let mut meta = Meta::default();
        let mut features = None;
        let mut lines = s.lines();
        while let Some(line) = lines.next() {
            let (k, v) = line.split_once(' ').unwrap_or((line, ""));
            match k {
                "features" => {
                    features = Some(
                        v.parse()
                            .map_err(|_| format!("bad features line {line:?}"))?,
                    )
                }
                "tagdict" => {
                    let n: usize = v
                        .parse()
                        .map_err(|_| format!("bad tagdict line {line:?}"))?;
                    for _ in 0..n {
                        let entry = lines.next().ok_or("tag dictionary is truncated")?;
                        let (w, t) = entry
                            .split_once('\t')
                            .ok_or_else(|| format!("bad tag dictionary entry {entry:?}"))?;
                        meta.tagdict.push((w.to_string(), t.to_string()));
                    }
                }
                _ => meta.facts.push((k.to_string(), v.to_string())),
            }
        }
        meta.features = features.ok_or("no feature version")?;
        Ok(meta)
    }
}

/// Token accuracy of a tagger against reference tags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Accuracy {
    /// Tokens tagged as the reference tags them.
    pub correct: usize,
    /// Tokens scored.
    pub total: usize,
    /// Sentences scored.
    pub sentences: usize,
    /// Errors by (reference tag, predicted tag).
    pub confusions: BTreeMap<(Pos, Pos), usize>,
}

impl Accuracy {
    /// `correct / total` (0 when nothing was scored).
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    /// The `k` most frequent confusions, most frequent first (ties in tag order).
    pub fn top_confusions(&self, k: usize) -> Vec<(Pos, Pos, usize)> {
        let mut v: Vec<(Pos, Pos, usize)> = self
            .confusions
            .iter()
            .map(|(&(g, p), &n)| (g, p, n))
            .collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        v.truncate(k);
        v
    }
}

impl fmt::Display for Accuracy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.2}% ({}/{} tokens, {} sentences)",
            100.0 * self.ratio(),
            self.correct,
            self.total,
            self.sentences
        )
    }
}

/// Token accuracy against the silver tags of the `*.conllu` files under `dir` (or
/// `dir/conllu`), reading tokens as [`train`] does.
pub fn evaluate(tagger: &Tagger, dir: &Path) -> anyhow::Result<Accuracy> {
    let corpus = read_dir(dir)?;
    Ok(evaluate_sentences(tagger, &corpus.sentences))
}

/// Token accuracy against tagged sentences in memory.
pub fn evaluate_sentences(tagger: &Tagger, sentences: &[TaggedSentence]) -> Accuracy {
    let mut acc = Accuracy::default();
    let mut words: Vec<&str> = Vec::new();
    for s in sentences {
        words.clear();
        words.extend(s.words.iter().map(String::as_str));
        let pred = tagger.tag_words(&words);
        for (&g, &p) in s.tags.iter().zip(&pred) {
            acc.total += 1;
            if g == p {
                acc.correct += 1;
            } else {
                *acc.confusions.entry((g, p)).or_default() += 1;
            }
        }
        acc.sentences += 1;
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_round_trips() {
        let m = Meta {
            features: 3,
            facts: vec![("bits".into(), "19".into())],
            tagdict: vec![("the".into(), "DT".into()), ("n't".into(), "RB".into())],
        };
        assert_eq!(Meta::parse(&m.to_string()).unwrap(), m);
        assert!(Meta::parse("bits 19\n").is_err());
        assert!(Meta::parse("features 1\ntagdict 2\nthe\tDT\n").is_err());
    }

    #[test]
    fn tagdict_needs_frequency_and_agreement() {
        let mut sents = Vec::new();
        for i in 0..30 {
            let tag = if i == 0 { "NN" } else { "VBZ" };
            sents.push(
                TaggedSentence::from_pairs(&[
                    ("the", "DT"),
                    ("dog", "NN"),
                    ("n’t", "RB"),
                    ("runs", tag),
                ])
                .unwrap(),
            );
        }
        sents.push(TaggedSentence::from_pairs(&[("n't", "RB")]).unwrap());
        let d = build_tagdict(&sents);
        assert_eq!(d.get("the"), Pos::from_name("DT").as_ref());
        assert_eq!(d.get("n't"), Pos::from_name("RB").as_ref());
        assert_eq!(d.get("n’t"), None);
        // 29/30 = 0.967 < 0.97.
        assert_eq!(d.get("runs"), None);
    }
}
