//! Part-of-speech tagging for hearsay: Penn Treebank tags ([`hearsay_doc::PENN_TAGS`]) for the
//! tokens of a segmented [`Doc`].
//!
//! The tagger is a greedy left-to-right averaged perceptron in the style of Honnibal's "A good
//! part-of-speech tagger in about 200 lines of Python": hashed features of the word, its
//! suffixes, prefix and shape, the two words either side and the two tags already predicted
//! (see [`features`]), scored against a [`hearsay_ml::compact::Table`] (training uses a dense
//! [`hearsay_ml::Weights`] table; the model file is the same). Frequent words that
//! the training data always tags the same way are looked up in a small tag dictionary instead.
//!
//! It is trained ([`train`]) from the silver CoreNLP tags of PolNeAR's CoNLL-U files, reading
//! each token's *surface* text from the article (not CoreNLP's `-LRB-` / ``` `` ``` escapes), so
//! it sees at training what `hearsay-text` produces at inference.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! let tagger = hearsay_tag::Tagger::from_bytes(&std::fs::read("models/pos.bin")?)?;
//! let tags = tagger.tag_words(&["The", "senator", "said", "so", "."]);
//! assert_eq!(tags[0].name(), "DT");
//! # Ok(())
//! # }
//! ```
//!
//! Tagging allocates nothing per token: per-sentence buffers are reused and features are hashes
//! computed on `&str` slices.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use hearsay_doc::{Doc, Pos};
use hearsay_ml::compact::Table;
use hearsay_ml::{Model, ModelError};

mod corpus;
pub mod features;
mod train;

pub use corpus::{conllu_files, read_conllu, read_dir, Corpus, TaggedSentence};
pub use train::{evaluate, evaluate_sentences, train, train_sentences, Accuracy, TrainOptions};

use features::{extract, tag_value, Features, WordInfo};

/// The `name` of tagger models ([`Model::name`]).
pub const MODEL_NAME: &str = "hearsay-pos";

/// Why a model could not be turned into a [`Tagger`].
#[derive(Debug, thiserror::Error)]
pub enum TaggerError {
    /// The bytes are not a readable model file.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The model is some other kind of model.
    #[error("not a POS tagger model (name {0:?}, expected {MODEL_NAME:?})")]
    WrongModel(String),
    /// A class label is not a Penn tag.
    #[error("model label {0:?} is not a Penn tag")]
    UnknownLabel(String),
    /// The metadata is missing, malformed, or from an incompatible feature version.
    #[error("bad tagger metadata: {0}")]
    BadMeta(String),
}

/// A trained part-of-speech tagger. Immutable once loaded; share it between threads.
pub struct Tagger {
    table: Table,
    /// Class index -> tag.
    classes: Vec<Pos>,
    /// Exact-form hash ([`features::norm_hash`] without lower-casing) -> tag, for frequent
    /// unambiguous words.
    tagdict: HashMap<u64, Pos, BuildHasherDefault<IdHasher>>,
    /// Exact-form hashes of particles inside Portuguese names ("do", "da", "dos", "das").
    name_particles: [u64; 4],
    /// Lower-cased hashes of the verbs that may stand between a noun and a past-tense verb
    /// ("what people say was …", "has said"): see [`noun_before_past`].
    clause_verbs: Vec<u64>,
    /// Lower-cased hashes of the past tenses of saying that [`noun_before_past`] looks for.
    said_words: Vec<u64>,
}

/// Present-tense verbs and auxiliaries that can take a past-tense verb right after them
/// ("the figure officials say was …", "he has said"): never retagged by
/// [`noun_before_past`].
const CLAUSE_VERBS: &[&str] = &[
    "is",
    "are",
    "am",
    "'s",
    "'re",
    "'m",
    "has",
    "have",
    "'ve",
    "does",
    "do",
    "say",
    "says",
    "believe",
    "believes",
    "think",
    "thinks",
    "guess",
    "know",
    "knows",
    "hope",
    "hopes",
    "feel",
    "feels",
    "claim",
    "claims",
    "expect",
    "expects",
    "suspect",
    "suspects",
    "assume",
    "suppose",
    "recall",
    "recalls",
    "fear",
    "fears",
    "argue",
    "argues",
    "insist",
    "insists",
    "estimate",
    "estimates",
    "reckon",
    "reckons",
    "admit",
    "admits",
    "allege",
    "alleges",
    "suggest",
    "suggests",
    "mean",
    "means",
    "wish",
    "get",
    "gets",
    "got",
];

/// A pass-through hasher for keys that already are good 64-bit hashes.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = hearsay_ml::hash::mix(v);
    }
}

/// The tag history the features see: the two previous tags and whether a quotation is open.
#[derive(Clone, Copy, Default)]
pub(crate) struct History {
    p1: Option<Pos>,
    p2: Option<Pos>,
    in_quote: bool,
}

impl History {
    #[inline]
    pub(crate) fn features(&self, padded: &[WordInfo], i: usize, out: &mut Features) {
        extract(
            padded,
            i,
            tag_value(self.p1, 1),
            tag_value(self.p2, 2),
            self.in_quote,
            out,
        );
    }
    /// Append the history features to a token's [`features::extract_static`].
    #[inline]
    fn history_features(&self, padded: &[WordInfo], i: usize, out: &mut Features) {
        features::extract_history(
            padded,
            i,
            tag_value(self.p1, 1),
            tag_value(self.p2, 2),
            self.in_quote,
            out,
        );
    }
    #[inline]
    pub(crate) fn push(&mut self, t: Pos) {
        self.p2 = self.p1;
        self.p1 = Some(t);
        match t.name() {
            "``" => self.in_quote = true,
            "''" => self.in_quote = false,
            _ => {}
        }
    }
}

/// Fill `padded` with the infos of `words` between two pads on each side.
pub(crate) fn fill_padded<'a>(padded: &mut Vec<WordInfo>, words: impl Iterator<Item = &'a str>) {
    padded.clear();
    padded.push(WordInfo::pad(true, 2));
    padded.push(WordInfo::pad(true, 1));
    padded.extend(words.map(WordInfo::new));
    padded.push(WordInfo::pad(false, 1));
    padded.push(WordInfo::pad(false, 2));
    let n = padded.len();
    features::mark_title_case(&mut padded[2..n - 2], |w| &mut w.flags);
}

/// Reusable per-call buffers.
#[derive(Default)]
struct Scratch {
    padded: Vec<WordInfo>,
    scores: Vec<i32>,
    spans: Vec<(u32, u32)>,
    feats: Features,
    /// The next token's [`features::extract_static`], made one token ahead.
    next: Features,
}

impl Tagger {
    /// Build a tagger from a loaded model (checks its name, labels and metadata). Its weights
    /// are quantised the way [`Model::to_bytes`] quantises them.
    pub fn from_model(m: Model) -> Result<Self, TaggerError> {
        if m.name != MODEL_NAME {
            return Err(TaggerError::WrongModel(m.name));
        }
        let table =
            Table::from_weights(&m.weights).ok_or(ModelError::Corrupt("weight table too large"))?;
        Self::from_parts(&m.labels, &m.meta, table)
    }

    /// Build a tagger from the bytes of a model file (e.g. `models/pos.bin`), read straight
    /// into the compact table.
    pub fn from_bytes(b: &[u8]) -> Result<Self, TaggerError> {
        let (h, table) = Table::from_bytes(b)?;
        if h.name != MODEL_NAME {
            return Err(TaggerError::WrongModel(h.name));
        }
        Self::from_parts(&h.labels, &h.meta, table)
    }

    fn from_parts(labels: &[String], meta: &str, table: Table) -> Result<Self, TaggerError> {
        if labels.len() != table.n_classes() {
            return Err(TaggerError::BadMeta(format!(
                "{} labels for {} weight classes",
                labels.len(),
                table.n_classes()
            )));
        }
        let classes = labels
            .iter()
            .map(|l| Pos::from_name(l).ok_or_else(|| TaggerError::UnknownLabel(l.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        let meta = train::Meta::parse(meta).map_err(TaggerError::BadMeta)?;
        if meta.features != features::FEATURE_VERSION {
            return Err(TaggerError::BadMeta(format!(
                "feature version {} (this build reads {})",
                meta.features,
                features::FEATURE_VERSION
            )));
        }
        let mut tagdict = HashMap::default();
        for (word, tag) in &meta.tagdict {
            let p = Pos::from_name(tag).ok_or_else(|| TaggerError::UnknownLabel(tag.clone()))?;
            tagdict.insert(features::norm_hash(word, false), p);
        }
        Ok(Tagger {
            table,
            classes,
            tagdict,
            name_particles: ["do", "da", "dos", "das"].map(|w| features::norm_hash(w, false)),
            clause_verbs: CLAUSE_VERBS
                .iter()
                .map(|w| features::norm_hash(w, true))
                .collect(),
            said_words: [
                "said",
                "told",
                "added",
                "wrote",
                "announced",
                "reported",
                "warned",
                "stated",
                "confirmed",
                "denied",
            ]
            .iter()
            .map(|w| features::norm_hash(w, true))
            .collect(),
        })
    }

    /// Number of words in the tag dictionary.
    pub fn tagdict_len(&self) -> usize {
        self.tagdict.len()
    }

    /// Tag every sentence of a segmented document: fills `doc.pos` with one tag per token.
    ///
    /// Tokens that no sentence covers (an unsegmented document, or gaps) are tagged as runs of
    /// their own. Never panics, whatever the document holds.
    pub fn tag(&self, doc: &mut Doc) {
        let n = doc.tokens.len();
        doc.pos.clear();
        doc.pos.resize(n, Pos::default());
        let mut scratch = Scratch::default();
        let text = &doc.text;
        let tokens = &doc.tokens;
        let pos = &mut doc.pos;
        let mut run = |start: usize, end: usize, scratch: &mut Scratch| {
            if start < end {
                let words = tokens[start..end]
                    .iter()
                    .map(|t| text.get(t.span.range()).unwrap_or(""));
                fill_padded(&mut scratch.padded, words);
                self.tag_padded(scratch, &mut pos[start..end]);
            }
        };
        let mut next = 0usize;
        for s in &doc.sentences {
            let r = s.tokens.range();
            let (start, end) = (r.start.clamp(next, n), r.end.min(n));
            if start >= end {
                continue;
            }
            run(next, start, &mut scratch);
            run(start, end, &mut scratch);
            next = end;
        }
        run(next, n, &mut scratch);
    }

    /// Tag one sentence given its token strings.
    pub fn tag_words(&self, words: &[&str]) -> Vec<Pos> {
        let mut scratch = Scratch::default();
        let mut out = vec![Pos::default(); words.len()];
        fill_padded(&mut scratch.padded, words.iter().copied());
        self.tag_padded(&mut scratch, &mut out);
        out
    }

    /// Tag the sentence whose infos are in `scratch.padded`, writing `out`.
    fn tag_padded(&self, scratch: &mut Scratch, out: &mut [Pos]) {
        let Scratch {
            padded,
            scores,
            spans,
            feats,
            next,
        } = scratch;
        scores.resize(self.table.width(), 0);
        let mut h = History::default();
        // The history-independent features of the next token the dictionary does not tag are
        // made while this token is scored, and their rows prefetched, so that their cache
        // misses overlap with this token's work.
        let n = out.len();
        let known = |i: usize| self.tagdict.get(&padded[i + 2].exact).copied();
        let mut next_known = None;
        let mut prev = Pos::default();
        if n > 0 {
            next_known = known(0);
            if next_known.is_none() {
                features::extract_static(padded, 0, feats);
            }
        }
        for (i, o) in out.iter_mut().enumerate() {
            let this_known = next_known;
            if i + 1 < n {
                next_known = known(i + 1);
                if next_known.is_none() {
                    features::extract_static(padded, i + 1, next);
                    for &f in next.as_slice() {
                        self.table.prefetch(f);
                    }
                }
            }
            let t = match this_known {
                Some(t) => t,
                None => {
                    h.history_features(padded, i, feats);
                    scores.fill(0);
                    self.table.add_scores(feats.as_slice(), scores, spans);
                    self.classes[hearsay_ml::argmax(&scores[..self.classes.len()])]
                }
            };
            let t = name_continues(t, prev, padded[i + 2].flags, || {
                self.tagdict.contains_key(&padded[i + 2].word)
            });
            // "Correio do Planalto", "Banco do Brasil": a Portuguese particle inside a name is
            // no verb.
            let t = if proper(prev)
                && padded[i + 3].flags & features::F_CAP != 0
                && padded[i + 2].flags & features::F_TITLE == 0
                && self.name_particles.contains(&padded[i + 2].exact)
            {
                Pos::from_name("IN").unwrap_or(t)
            } else {
                t
            };
            prev = t;
            *o = t;
            h.push(t);
            std::mem::swap(feats, next);
        }
        noun_before_past(
            out,
            |i| {
                self.clause_verbs.contains(&padded[i + 2].word)
                    || self.tagdict.contains_key(&padded[i + 2].exact)
            },
            |i| self.said_words.contains(&padded[i + 2].word),
        );
    }
}

/// A present-tense verb between a noun and a past tense of saying (`said`) is a noun the
/// tagger took for a verb ("The country's medicines regulator said …" had *regulator* as a
/// verb, so the sentence lost its subject): English puts no finite verb right before another,
/// except the auxiliaries and the verbs of saying or thinking that `keep` answers for ("what
/// officials say was …", "has said"), and words the tag dictionary tags.
fn noun_before_past(tags: &mut [Pos], keep: impl Fn(usize) -> bool, said: impl Fn(usize) -> bool) {
    let name = |t: Pos| t.name();
    for i in 1..tags.len().saturating_sub(1) {
        let noun = match name(tags[i]) {
            "VBP" => "NN",
            "VBZ" => "NNS",
            _ => continue,
        };
        if name(tags[i + 1]) == "VBD"
            && said(i + 1)
            && matches!(name(tags[i - 1]), "NN" | "NNS" | "NNP" | "NNPS")
            && !keep(i)
        {
            tags[i] = Pos::from_name(noun).unwrap_or(tags[i]);
        }
    }
}

/// A capitalised word right after a proper noun, inside a sentence that is not a headline,
/// continues the name when only its suffix made it an adverb or a participle: "Tom Eberly" is
/// not "Tom" and an adverb, nor "Paul Henning" a name and a participle. Common words in
/// lower case ("Now", "Finally") keep their tag.
fn proper(p: Pos) -> bool {
    matches!(p.name(), "NNP" | "NNPS")
}

fn name_continues(t: Pos, prev: Pos, flags: u8, common: impl FnOnce() -> bool) -> Pos {
    use features::{F_ALL_CAPS, F_CAP, F_TITLE};
    let capitalised = flags & F_CAP != 0 && flags & (F_ALL_CAPS | F_TITLE) == 0;
    // The dictionary lookup last: it runs only for the rare token the other tests let by.
    if capitalised && proper(prev) && matches!(t.name(), "RB" | "VBG") && !common() {
        Pos::from_name("NNP").unwrap_or(t)
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Invented sentences, tagged by hand.
    fn toy() -> Vec<TaggedSentence> {
        let raw: &[&[(&str, &str)]] = &[
            &[
                ("The", "DT"),
                ("mayor", "NN"),
                ("said", "VBD"),
                ("that", "IN"),
                ("she", "PRP"),
                ("would", "MD"),
                ("run", "VB"),
                (".", "."),
            ],
            &[
                ("A", "DT"),
                ("spokesman", "NN"),
                ("declined", "VBD"),
                ("to", "TO"),
                ("comment", "VB"),
                (".", "."),
            ],
            &[
                ("“", "``"),
                ("We", "PRP"),
                ("will", "MD"),
                ("win", "VB"),
                (",", ","),
                ("”", "''"),
                ("Smith", "NNP"),
                ("said", "VBD"),
                (".", "."),
            ],
            &[
                ("The", "DT"),
                ("old", "JJ"),
                ("bridges", "NNS"),
                ("were", "VBD"),
                ("closed", "VBN"),
                ("on", "IN"),
                ("Monday", "NNP"),
                (".", "."),
            ],
            &[
                ("Officials", "NNS"),
                ("have", "VBP"),
                ("not", "RB"),
                ("responded", "VBN"),
                ("quickly", "RB"),
                (".", "."),
            ],
        ];
        raw.iter()
            .map(|s| TaggedSentence::from_pairs(s).unwrap())
            .collect()
    }

    fn names(tags: &[Pos]) -> Vec<&'static str> {
        tags.iter().map(|t| t.name()).collect()
    }

    fn toy_tagger() -> Tagger {
        let opts = TrainOptions {
            iterations: 8,
            bits: 14,
            seed: 7,
            prune: 0.0,
        };
        let model = train_sentences(&toy(), &opts, |_| {}).unwrap();
        Tagger::from_bytes(&model.to_bytes(opts.prune)).unwrap()
    }

    #[test]
    fn tiny_training_run_learns_its_sentences() {
        let tagger = toy_tagger();
        for s in toy() {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            assert_eq!(
                names(&tagger.tag_words(&words)),
                names(&s.tags),
                "{words:?}"
            );
        }
        let acc = evaluate_sentences(&tagger, &toy());
        assert_eq!(acc.correct, acc.total);
        assert_eq!(acc.total, 37);
    }

    #[test]
    fn training_is_deterministic() {
        let opts = TrainOptions {
            iterations: 3,
            bits: 12,
            seed: 1,
            prune: 0.0,
        };
        let a = train_sentences(&toy(), &opts, |_| {})
            .unwrap()
            .to_bytes(0.0);
        let b = train_sentences(&toy(), &opts, |_| {})
            .unwrap()
            .to_bytes(0.0);
        assert_eq!(a, b);
    }

    #[test]
    fn tags_a_doc_by_sentence_and_never_panics() {
        use hearsay_doc::{ByteSpan, QuoteRole, Sentence, Token, TokenKind, TokenSpan};
        let tagger = toy_tagger();
        let text = "The mayor said that she would run. A spokesman declined to comment.";
        let mut doc = Doc::new(text);
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let boundary = c == ' ' || c == '.';
            if let (true, Some(s)) = (boundary, start) {
                doc.tokens.push(Token {
                    span: ByteSpan::new(s, i),
                    kind: TokenKind::Word,
                    quote: QuoteRole::None,
                    in_quote: false,
                    space_before: true,
                    sentence: 0,
                });
                start = None;
            }
            if c == '.' {
                doc.tokens.push(Token {
                    span: ByteSpan::new(i, i + 1),
                    kind: TokenKind::Punct,
                    quote: QuoteRole::None,
                    in_quote: false,
                    space_before: false,
                    sentence: 0,
                });
            } else if c != ' ' && start.is_none() {
                start = Some(i);
            }
        }
        assert_eq!(doc.tokens.len(), 14);
        let sent = |a, b| Sentence {
            span: ByteSpan::default(),
            tokens: TokenSpan::new(a, b),
            paragraph: 0,
        };
        doc.sentences = vec![sent(0, 8), sent(8, 14)];
        tagger.tag(&mut doc);
        let want = [
            "DT", "NN", "VBD", "IN", "PRP", "MD", "VB", ".", "DT", "NN", "VBD", "TO", "VB", ".",
        ];
        assert_eq!(names(&doc.pos), want);

        // Unsegmented: one run over all tokens, same length.
        doc.sentences.clear();
        tagger.tag(&mut doc);
        assert_eq!(doc.pos.len(), 14);
        // Overlapping, out-of-range, reversed sentences and bad spans do not panic.
        doc.sentences = vec![sent(0, 5), sent(3, 20), sent(30, 40)];
        doc.sentences.push(Sentence {
            span: ByteSpan::default(),
            tokens: TokenSpan { start: 9, end: 2 },
            paragraph: 0,
        });
        doc.tokens[2].span = ByteSpan {
            start: 1000,
            end: 2000,
        };
        tagger.tag(&mut doc);
        assert_eq!(doc.pos.len(), 14);
        // Empty input.
        let mut empty = Doc::new("");
        tagger.tag(&mut empty);
        assert!(empty.pos.is_empty());
        assert!(tagger.tag_words(&[]).is_empty());
        assert_eq!(tagger.tag_words(&["", "\u{0}", "😀", "Ünïcödé"]).len(), 4);
    }

    #[test]
    fn marks_title_case_sentences() {
        use features::F_TITLE;
        let title = |words: &[&str]| {
            let mut padded = Vec::new();
            fill_padded(&mut padded, words.iter().copied());
            let n = padded.len();
            assert!(padded[..2]
                .iter()
                .chain(&padded[n - 2..])
                .all(|w| w.flags & F_TITLE == 0));
            let marked: Vec<bool> = padded[2..n - 2]
                .iter()
                .map(|w| w.flags & F_TITLE != 0)
                .collect();
            assert!(marked.iter().all(|&m| m == marked[0]));
            marked.first().copied().unwrap_or(false)
        };
        assert!(title(&["Mayor", "Vows", "to", "Rebuild", "Old", "Bridge"]));
        assert!(!title(&[
            "The", "mayor", "vowed", "to", "rebuild", "the", "Old", "Bridge", "."
        ]));
        assert!(!title(&["Jane", "Doe", "said", "."]));
        assert!(!title(&[]));
    }

    #[test]
    fn rejects_other_models() {
        let opts = TrainOptions {
            iterations: 1,
            bits: 10,
            seed: 1,
            prune: 0.0,
        };
        let mut m = train_sentences(&toy(), &opts, |_| {}).unwrap();
        m.name = "something-else".into();
        assert!(matches!(
            Tagger::from_model(m.clone()),
            Err(TaggerError::WrongModel(_))
        ));
        m.name = MODEL_NAME.into();
        m.meta = "features 999\n".into();
        assert!(matches!(
            Tagger::from_model(m.clone()),
            Err(TaggerError::BadMeta(_))
        ));
        m.meta = String::new();
        assert!(Tagger::from_model(m).is_err());
        assert!(Tagger::from_bytes(b"garbage").is_err());
    }
}
