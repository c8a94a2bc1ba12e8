//! A fast greedy transition-based labelled dependency parser for hearsay: Stanford basic
//! dependencies (the [`hearsay_doc::DEPRELS`] labels) over tokens that already carry POS tags,
//! for syntactic features such as the subject of a speech verb or its `ccomp` clause.
//!
//! - Transition system: arc-eager with the root at the end of the buffer and a tree constraint
//!   (`system.rs`): `2n` transitions for `n` words, linear time, no sentence-length limit, and
//!   every output a single-rooted projective tree.
//! - Model: two averaged perceptrons over hashed features, stored as the classes of one
//!   [`hearsay_ml::Trainer`] table: an unlabelled transition classifier (`S`, `D`, `L`, `R`;
//!   the Zhang & Nivre 2011 arc-eager templates plus neighbouring tags and a next-verb
//!   look-ahead) and an arc-label classifier (`=<label>`), applied once per arc to the head,
//!   the dependent and their neighbourhood. Scoring four classes per transition instead of
//!   eighty labelled transitions is what makes the parser fast.
//! - Training ([`train`]): Goldberg & Nivre's dynamic oracle with exploration after the first
//!   epoch, on the silver Stanford basic dependencies of PolNeAR (CoNLL-U exports); sentences
//!   the system cannot build (non-projective ones) are skipped.
//! - Inference: the transition weights are a dense `4 × i16` row per hash row, the label
//!   weights a [`hearsay_ml::compact::Table`] (`table.rs`); each feature's rows are prefetched
//!   as soon as its hash is made, so the cache misses of a configuration's hundred features
//!   overlap with the rest of its feature extraction (about 1.4× faster than without), and
//!   one thread-local workspace is reused from sentence to sentence: no allocation per token.
//!
//! ```no_run
//! use hearsay_doc::Pos;
//! let bytes = std::fs::read("models/parse.bin").unwrap();
//! let parser = hearsay_parse::Parser::from_bytes(&bytes).unwrap();
//! let tags: Vec<Pos> = ["PRP", "VBD", "."].iter().map(|t| Pos::from_name(t).unwrap()).collect();
//! let (heads, labels) = parser.parse_sentence(&["She", "left", "."], &tags);
//! assert_eq!(heads[1], u32::MAX); // "left" is the root
//! assert_eq!(labels[0].name(), "nsubj");
//! ```

use std::cell::RefCell;

use hearsay_doc::{DepRel, Doc, Pos, NO_HEAD};
use hearsay_ml::{Model, ModelError};

mod conllu;
mod features;
mod system;
mod table;
mod train;

use system::{Action, Move, State, ROOT_LABEL};
pub(crate) use table::N_MOVES;
pub use train::{
    evaluate, evaluate_tagged, train, train_with, ParseScores, TrainOptions, TrainTags,
};

/// Sentinel for "no token" inside the parser.
pub(crate) const NONE: u32 = u32::MAX;

/// The model name written into (and required from) parser model files. It names the
/// transition system and the feature-template version, so a model never meets features it was
/// not trained with.
pub const MODEL_NAME: &str = "hearsay-parse/arc-eager-split/f2";

/// Why a parser model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The bytes are not a readable hearsay model file.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A readable model file, but not a parser model of this version.
    #[error("not a parser model for this version (name {found:?}, expected {MODEL_NAME:?})")]
    WrongModel {
        /// The name found in the file.
        found: String,
    },
    /// A class label that is not expected (`S`, `D`, `L`, `R`, then `=<deprel>`, not root).
    #[error("bad transition label {0:?} in parser model")]
    BadLabel(String),
}

/// A trained dependency parser. Cheap to share between threads (`&self` methods only).
pub struct Parser {
    tables: table::Tables,
    /// The label of each label class.
    labels: Vec<DepRel>,
    meta: String,
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
struct Work {
    st: State,
    words: Vec<u64>,
    tags: Vec<u8>,
    ctx: Vec<features::TokCtx>,
    feats: Vec<u64>,
    label_feats: Vec<u64>,
    spans: Vec<(u32, u32)>,
    scores: Vec<i32>,
}

thread_local! {
    static WORK: RefCell<Work> = RefCell::new(Work::default());
}

impl Parser {
    /// Load a parser from model-file bytes (as written by [`Model::to_bytes`] on the model
    /// [`train`] returns). The weights are read straight into the parser's compact table.
    pub fn from_bytes(b: &[u8]) -> Result<Self, LoadError> {
        match table::read_model(b) {
            Ok(l) => Self::from_parts(l.name, l.meta, &l.labels, l.n_classes, l.tables),
            // the long way reports what is wrong (e.g. another kind of model)
            Err(_) => Self::from_model(Model::from_bytes(b)?),
        }
    }

    /// Wrap a trained model (e.g. straight from [`train`], before serialisation). Its weights
    /// are quantised the way [`Model::to_bytes`] quantises them.
    pub fn from_model(model: Model) -> Result<Self, LoadError> {
        if model.name != MODEL_NAME {
            return Err(LoadError::WrongModel { found: model.name });
        }
        let tables = table::Tables::from_weights(&model.weights).ok_or(LoadError::Model(
            ModelError::Corrupt("weight table too large or too few classes"),
        ))?;
        let n = model.weights.n_classes();
        Self::from_parts(model.name, model.meta, &model.labels, n, tables)
    }

    fn from_parts(
        name: String,
        meta: String,
        labels: &[String],
        n_classes: usize,
        tables: table::Tables,
    ) -> Result<Self, LoadError> {
        if name != MODEL_NAME {
            return Err(LoadError::WrongModel { found: name });
        }
        if labels.len() != n_classes || n_classes < table::N_MOVES {
            return Err(LoadError::Model(ModelError::Corrupt(
                "label count differs from class count",
            )));
        }
        for (l, want) in labels.iter().zip(MOVE_NAMES) {
            if l != want {
                return Err(LoadError::BadLabel(l.clone()));
            }
        }
        let labels = labels[table::N_MOVES..]
            .iter()
            .map(|l| {
                l.strip_prefix('=')
                    .and_then(DepRel::from_name)
                    .filter(|&d| d != ROOT_LABEL)
                    .ok_or_else(|| LoadError::BadLabel(l.clone()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Parser {
            tables,
            labels,
            meta,
        })
    }

    /// Bytes of weights held in memory.
    pub fn weight_bytes(&self) -> usize {
        self.tables.heap_bytes()
    }

    /// The training metadata stored in the model (JSON).
    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// Parse every sentence of a document that has tokens and `doc.pos`: fills `doc.heads`
    /// (document-level token ids, [`NO_HEAD`] for each sentence's root) and `doc.deprels`.
    ///
    /// Never panics: tokens outside every sentence become roots, missing tags read as `NN`,
    /// and sentences of any length are parsed (in linear time).
    pub fn parse(&self, doc: &mut Doc) {
        let nt = doc.tokens.len();
        doc.heads.clear();
        doc.heads.resize(nt, NO_HEAD);
        doc.deprels.clear();
        doc.deprels.resize(nt, ROOT_LABEL);
        // A dateline is parsed apart from the sentence it opens and hung on that sentence's
        // root: parsed together, "LARRAC, Aug 18 — Residents … said" came out with "Aug" as
        // the root and "said" a relative clause. `split` = (sentence start, first token after
        // the dash, sentence end).
        let split = doc.dateline_dash().and_then(|d| {
            let s = doc.sentences.first()?.tokens;
            let (start, after, end) = (s.start as usize, d as usize + 1, s.end as usize);
            (start < after && after < end && end <= nt).then_some((start, after, end))
        });
        WORK.with(|w| {
            let mut guard = w.borrow_mut();
            let w = &mut *guard;
            for k in 0..doc.sentences.len() {
                match split {
                    Some((start, after, end)) if k == 0 => {
                        self.parse_range(w, doc, start, after);
                        self.parse_range(w, doc, after, end);
                    }
                    _ => {
                        let s = doc.sentences[k].tokens;
                        let start = (s.start as usize).min(nt);
                        let end = (s.end as usize).clamp(start, nt);
                        self.parse_range(w, doc, start, end);
                    }
                }
            }
        });
        // One root per sentence: the dateline's root depends on the story's.
        if let Some((start, after, end)) = split {
            if let Some(r) = (after..end).find(|&t| doc.heads[t] == NO_HEAD) {
                for t in start..after {
                    if doc.heads[t] == NO_HEAD {
                        doc.heads[t] = r as u32;
                        doc.deprels[t] = DepRel::from_name("dep").unwrap_or(ROOT_LABEL);
                    }
                }
            }
        }
    }

    /// Parse tokens `start..end` of `doc` as one unit into `doc.heads` / `doc.deprels`.
    fn parse_range(&self, w: &mut Work, doc: &mut Doc, start: usize, end: usize) {
        if start == end {
            return;
        }
        w.words.clear();
        w.tags.clear();
        for t in start..end {
            let word = doc.text.get(doc.tokens[t].span.range()).unwrap_or("");
            w.words.push(features::word_hash(word));
            w.tags.push(doc.pos.get(t).copied().unwrap_or_default().0);
        }
        self.run(w);
        let n = (end - start) as u32;
        for i in 0..(end - start) {
            let h = w.st.heads[i];
            doc.heads[start + i] = if h >= n { NO_HEAD } else { start as u32 + h };
            doc.deprels[start + i] = w.st.labels[i];
        }
    }

    /// Parse one sentence given its words and POS tags (`tags` shorter than `words` is padded
    /// with `NN`). Returns each word's head as an index into `words` (`u32::MAX` for the root)
    /// and its label. An empty sentence gives empty vectors.
    pub fn parse_sentence(&self, words: &[&str], tags: &[Pos]) -> (Vec<u32>, Vec<DepRel>) {
        WORK.with(|w| {
            let mut guard = w.borrow_mut();
            let w = &mut *guard;
            w.words.clear();
            w.words.extend(words.iter().map(|s| features::word_hash(s)));
            w.tags.clear();
            w.tags
                .extend((0..words.len()).map(|i| tags.get(i).copied().unwrap_or_default().0));
            self.run(w);
            self.output(w)
        })
    }

    /// Parse pre-hashed words (used by evaluation to time the parser alone).
    pub(crate) fn parse_hashed(&self, words: &[u64], tags: &[u8]) -> (Vec<u32>, Vec<DepRel>) {
        WORK.with(|w| {
            let mut guard = w.borrow_mut();
            let w = &mut *guard;
            w.words.clear();
            w.words.extend_from_slice(words);
            w.tags.clear();
            w.tags.extend_from_slice(tags);
            self.run(w);
            self.output(w)
        })
    }

    fn output(&self, w: &Work) -> (Vec<u32>, Vec<DepRel>) {
        let n = w.words.len();
        let heads = w.st.heads[..n]
            .iter()
            .map(|&h| if h as usize >= n { NO_HEAD } else { h })
            .collect();
        (heads, w.st.labels[..n].to_vec())
    }

    /// Greedy parse of `w.words` / `w.tags` into `w.st`. Afterwards every word has a head
    /// (`n` = root) and exactly one word is attached to the root.
    fn run(&self, w: &mut Work) {
        let n = w.words.len();
        w.st.reset(n);
        if n == 0 {
            return;
        }
        features::context(&w.tags, &mut w.ctx);
        w.scores.clear();
        w.scores.resize(self.tables.labels.width(), 0);
        while !w.st.is_terminal() {
            let tables = &self.tables;
            features::extract_with(&w.st, &w.words, &w.tags, &w.ctx, &mut w.feats, |f| {
                tables.prefetch(f)
            });
            let scores = self.tables.move_scores(&w.feats);
            let mut best: Option<(Move, i32)> = None;
            for (mv, s) in MOVES.into_iter().zip(scores) {
                if !w.st.valid_move(mv) {
                    continue;
                }
                match best {
                    Some((_, bs)) if s <= bs => {}
                    _ => best = Some((mv, s)),
                }
            }
            let a = match best {
                Some((mv, _)) => self.label(w, mv),
                None => fallback(&w.st),
            };
            w.st.apply(a);
        }
    }

    /// The labelled action for a chosen move: the label classifier's best label for the arc it
    /// builds (`root` for the root attachment).
    #[inline]
    fn label(&self, w: &mut Work, mv: Move) -> Action {
        let mut a = w.st.unlabelled(mv);
        if let Some((h, d)) = w.st.labelled_arc(mv) {
            let labels = &self.tables.labels;
            features::extract_label_with(
                &w.st,
                (h, d),
                &w.words,
                &w.tags,
                &w.ctx,
                &mut w.label_feats,
                |f| labels.prefetch(f),
            );
            w.scores.iter_mut().for_each(|s| *s = 0);
            self.tables
                .labels
                .add_scores(&w.label_feats, &mut w.scores, &mut w.spans);
            a.label = best_label(&self.labels, &w.scores).unwrap_or(a.label);
        }
        a
    }
}

/// The transition classes, in class order.
const MOVES: [Move; table::N_MOVES] = [Move::Shift, Move::Reduce, Move::Left, Move::Right];
/// Their names in model files.
const MOVE_NAMES: [&str; table::N_MOVES] = ["S", "D", "L", "R"];

/// The highest-scoring label (the first on ties); `None` without labels.
#[inline]
fn best_label(labels: &[DepRel], scores: &[i32]) -> Option<DepRel> {
    let mut best: Option<(usize, i32)> = None;
    for (i, &s) in scores.iter().take(labels.len()).enumerate() {
        match best {
            Some((_, bs)) if s <= bs => {}
            _ => best = Some((i, s)),
        }
    }
    best.map(|(i, _)| labels[i])
}

/// A valid action when the model has none (only with degenerate class sets).
fn fallback(st: &State) -> Action {
    let dep = DepRel::from_name("dep").unwrap_or_default();
    let cand = [
        (Move::Shift, dep),
        (Move::Reduce, dep),
        (Move::Left, ROOT_LABEL),
        (Move::Right, dep),
        (Move::Left, dep),
    ];
    cand.into_iter()
        .map(|(mv, label)| Action { mv, label })
        .find(|&a| st.valid(a))
        .unwrap_or(Action {
            mv: Move::Shift,
            label: dep,
        })
}
