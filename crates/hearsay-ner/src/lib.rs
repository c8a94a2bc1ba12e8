//! Named-entity tagging for hearsay: mentions of people, organisations, places, other names
//! (misc) and dates in the tokens of a segmented, POS-tagged [`Doc`].
//!
//! The tagger is a greedy left-to-right averaged perceptron over BIO labels (`O`, `B-PER`,
//! `I-PER`, …), built like `hearsay-tag`: hashed features of the word, its lower-cased and exact
//! form, affixes, shapes, POS tag, the two words either side and the two labels already
//! predicted (see [`features`]), scored against a [`hearsay_ml::compact::Table`] (training uses
//! a dense [`hearsay_ml::Weights`] table; the model file is the same). An `I-X`
//! label can only follow `B-X` or `I-X`; decoding never produces an ill-formed sequence. There
//! is no gazetteer.
//!
//! It is trained ([`train`]) on the silver CoreNLP NER of PolNeAR's CoNLL-U files, reading each
//! token's surface text from the article. CoreNLP's tags map to [`EntityKind`]s as follows
//! (a mention is a maximal run of tokens of one kind, as CoreNLP writes them):
//!
//! | CoreNLP tag | kind |
//! |---|---|
//! | `PERSON` | [`EntityKind::Person`] |
//! | `ORGANIZATION` | [`EntityKind::Organization`] |
//! | `LOCATION` | [`EntityKind::Location`] |
//! | `MISC` | [`EntityKind::Misc`] |
//! | `DATE`, `TIME` | [`EntityKind::Date`] ("on Tuesday", "last week", "3 p.m.") |
//! | `NUMBER`, `MONEY`, `PERCENT`, `ORDINAL`, `DURATION`, `SET`, anything else, `O` | not a mention |
//!
//! Training uses CoreNLP's silver XPOS tags as the POS feature (as `hearsay-parse` does; the
//! POS tagger agrees with them on ~97% of tokens); [`evaluate_tagged`] scores with the tags of
//! `hearsay-tag` instead, which is what the pipeline gives it.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! let pos = hearsay_tag::Tagger::from_bytes(&std::fs::read("models/pos.bin")?)?;
//! let ner = hearsay_ner::Tagger::from_bytes(&std::fs::read("models/ner.bin")?)?;
//! let words = ["Maria", "Lopez", "spoke", "on", "Tuesday", "."];
//! let labels = ner.tag_words(&words, &pos.tag_words(&words));
//! assert_eq!(labels[0].to_string(), "B-PER");
//! # Ok(())
//! # }
//! ```
//!
//! Tagging allocates nothing per token: per-sentence buffers are reused.

use std::fmt;

use hearsay_doc::{Doc, NameKind, Pos, TokenSpan};
use hearsay_ml::compact::Table;
use hearsay_ml::{Model, ModelError, Weights};

mod corpus;
pub mod features;
mod train;

pub use corpus::{read_conllu, read_dir, Corpus, NerSentence};
pub use train::{
    evaluate, evaluate_sentences, evaluate_tagged, train, train_sentences, Counts, NerScores,
    TrainOptions,
};

use features::{extract, fill_padded, label_value, Features, WordInfo};

/// The `name` of entity tagger models ([`Model::name`]).
pub const MODEL_NAME: &str = "hearsay-ner";

/// What a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A person (CoreNLP `PERSON`).
    Person,
    /// A company, agency, party, team… (`ORGANIZATION`).
    Organization,
    /// A place (`LOCATION`).
    Location,
    /// Other names: nationalities, events, works… (`MISC`).
    Misc,
    /// A date or time expression (`DATE`, `TIME`).
    Date,
}

impl EntityKind {
    /// All kinds, in class order.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Misc,
        EntityKind::Date,
    ];
    /// The four CoNLL name classes (what "overall" scores cover).
    pub const NAMES: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Misc,
    ];

    /// Short name used in labels: `PER`, `ORG`, `LOC`, `MISC`, `DATE`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
            EntityKind::Date => "DATE",
        }
    }

    /// The kind of a CoreNLP NER tag (see the crate documentation), `None` for non-mentions.
    pub fn from_corenlp(tag: &str) -> Option<EntityKind> {
        match tag {
            "PERSON" => Some(EntityKind::Person),
            "ORGANIZATION" => Some(EntityKind::Organization),
            "LOCATION" => Some(EntityKind::Location),
            "MISC" => Some(EntityKind::Misc),
            "DATE" | "TIME" => Some(EntityKind::Date),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl From<EntityKind> for hearsay_doc::NameKind {
    fn from(k: EntityKind) -> Self {
        match k {
            EntityKind::Person => hearsay_doc::NameKind::Person,
            EntityKind::Organization => hearsay_doc::NameKind::Organization,
            EntityKind::Location => hearsay_doc::NameKind::Location,
            EntityKind::Misc => hearsay_doc::NameKind::Misc,
            EntityKind::Date => hearsay_doc::NameKind::Date,
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A BIO label of one token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Label {
    /// Outside any mention.
    #[default]
    O,
    /// First token of a mention.
    B(EntityKind),
    /// A later token of a mention.
    I(EntityKind),
}

/// Number of labels (classes of the model).
pub const N_LABELS: usize = 1 + 2 * EntityKind::ALL.len();

impl Label {
    /// Class index: `O` = 0, `B-k` = 1 + 2k, `I-k` = 2 + 2k.
    pub fn index(self) -> usize {
        match self {
            Label::O => 0,
            Label::B(k) => 1 + 2 * k.index(),
            Label::I(k) => 2 + 2 * k.index(),
        }
    }
    /// The label of a class index (`O` when out of range).
    pub fn from_index(i: usize) -> Label {
        match i {
            0 => Label::O,
            i if i < N_LABELS => {
                let k = EntityKind::ALL[(i - 1) / 2];
                if i % 2 == 1 {
                    Label::B(k)
                } else {
                    Label::I(k)
                }
            }
            _ => Label::O,
        }
    }
    /// The entity kind, `None` for `O`.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Label::O => None,
            Label::B(k) | Label::I(k) => Some(k),
        }
    }
    /// Can this label follow `prev` (`None` at the start of a sentence)?
    pub fn can_follow(self, prev: Option<Label>) -> bool {
        match self {
            Label::I(k) => matches!(prev, Some(Label::B(p) | Label::I(p)) if p == k),
            _ => true,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::O => f.write_str("O"),
            Label::B(k) => write!(f, "B-{k}"),
            Label::I(k) => write!(f, "I-{k}"),
        }
    }
}

/// The labels of the model file, in class order.
pub(crate) fn label_names() -> Vec<String> {
    (0..N_LABELS)
        .map(|i| Label::from_index(i).to_string())
        .collect()
}

/// One entity mention: a run of tokens and what it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mention {
    /// The tokens (document token indices for [`Tagger::tag`], sentence positions for
    /// [`mentions_of`]).
    pub tokens: TokenSpan,
    /// What the mention names.
    pub kind: EntityKind,
}

/// The mentions of a label sequence (positions `offset + i`), appended to `out`. An `I-k`
/// that does not continue a `k` mention starts one.
pub fn mentions_into(labels: &[Label], offset: usize, out: &mut Vec<Mention>) {
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &l) in labels.iter().chain([&Label::O]).enumerate() {
        let continues = matches!((l, open), (Label::I(k), Some((_, o))) if k == o);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push(Mention {
                tokens: TokenSpan::new(offset + s, offset + i),
                kind: k,
            });
        }
        if let Some(k) = l.kind() {
            open = Some((i, k));
        }
    }
}

/// The mentions of one label sequence (sentence positions).
pub fn mentions_of(labels: &[Label]) -> Vec<Mention> {
    let mut v = Vec::new();
    mentions_into(labels, 0, &mut v);
    v
}

/// Why a model could not be turned into a [`Tagger`].
#[derive(Debug, thiserror::Error)]
pub enum TaggerError {
    /// The bytes are not a readable model file.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The model is some other kind of model.
    #[error("not an entity tagger model (name {0:?}, expected {MODEL_NAME:?})")]
    WrongModel(String),
    /// The labels are not this build's labels.
    #[error("model labels {0:?} are not this build's")]
    BadLabels(Vec<String>),
    /// The metadata is missing, malformed, or from an incompatible feature version.
    #[error("bad tagger metadata: {0}")]
    BadMeta(String),
}

/// A trained entity tagger. Immutable once loaded; share it between threads.
pub struct Tagger {
    table: Table,
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
    labels: Vec<Label>,
}

/// Greedy decoding step shared by inference and training: the best label allowed after `prev`
/// (the first on ties), given the scores of every label.
#[inline]
pub(crate) fn best_label<S: PartialOrd>(scores: &[S], prev: Option<Label>) -> Label {
    let mut best = 0usize;
    for c in 1..N_LABELS {
        if scores[c] > scores[best] && Label::from_index(c).can_follow(prev) {
            best = c;
        }
    }
    Label::from_index(best)
}

/// [`best_label`] with the dense scores of a training table.
#[inline]
pub(crate) fn best_label_dense(
    weights: &Weights,
    feats: &Features,
    prev: Option<Label>,
    scores: &mut [f32],
) -> Label {
    scores.fill(0.0);
    weights.add_scores(feats.as_slice(), scores);
    best_label(scores, prev)
}

/// The features of position `i` given the label history.
#[inline]
pub(crate) fn features_at(
    padded: &[WordInfo],
    i: usize,
    p1: Option<Label>,
    p2: Option<Label>,
    out: &mut Features,
) {
    extract(
        padded,
        i,
        label_value(p1.map(Label::index), 1),
        label_value(p2.map(Label::index), 2),
        out,
    );
}

/// Check a model's name, labels and metadata.
fn check(name: &str, labels: &[String], n_classes: usize, meta: &str) -> Result<(), TaggerError> {
    if name != MODEL_NAME {
        return Err(TaggerError::WrongModel(name.to_string()));
    }
    if labels != label_names() || n_classes != N_LABELS {
        return Err(TaggerError::BadLabels(labels.to_vec()));
    }
    let version = meta
        .lines()
        .find_map(|l| l.strip_prefix("features "))
        .ok_or_else(|| TaggerError::BadMeta("no feature version".into()))?;
    if version.trim().parse::<u32>().ok() != Some(features::FEATURE_VERSION) {
        return Err(TaggerError::BadMeta(format!(
            "feature version {version:?} (this build reads {})",
            features::FEATURE_VERSION
        )));
    }
    Ok(())
}

impl Tagger {
    /// Build a tagger from a loaded model (checks its name, labels and metadata). Its weights
    /// are quantised the way [`Model::to_bytes`] quantises them.
    pub fn from_model(m: Model) -> Result<Self, TaggerError> {
        check(&m.name, &m.labels, m.weights.n_classes(), &m.meta)?;
        let table =
            Table::from_weights(&m.weights).ok_or(ModelError::Corrupt("weight table too large"))?;
        Ok(Tagger { table })
    }

    /// Build a tagger from the bytes of a model file (e.g. `models/ner.bin`), read straight
    /// into the compact table.
    pub fn from_bytes(b: &[u8]) -> Result<Self, TaggerError> {
        let (h, table) = Table::from_bytes(b)?;
        check(&h.name, &h.labels, h.n_classes, &h.meta)?;
        Ok(Tagger { table })
    }

    /// The entity mentions of a segmented document, in token order. Uses `doc.pos` when it has
    /// one tag per token (run `hearsay_tag::Tagger::tag` first); otherwise tags without POS,
    /// which costs accuracy.
    ///
    /// Tokens that no sentence covers are tagged as runs of their own; a mention never crosses
    /// a sentence. Never panics, whatever the document holds.
    pub fn tag(&self, doc: &Doc) -> Vec<Mention> {
        self.tag_where(doc, |_| true)
    }

    /// Like [`Tagger::tag`], for the sentences `keep(sentence index)` selects only (tokens
    /// outside every sentence are left out too). The pipeline skips paragraphs far from any
    /// attribution, whose names the context layer never looks at.
    pub fn tag_where(&self, doc: &Doc, keep: impl Fn(usize) -> bool) -> Vec<Mention> {
        let n = doc.tokens.len();
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let have_pos = doc.pos.len() == n;
        let mut run = |start: usize, end: usize, scratch: &mut Scratch| {
            if start >= end {
                return;
            }
            let words = doc.tokens[start..end]
                .iter()
                .map(|t| doc.text.get(t.span.range()).unwrap_or(""));
            let tags = (start..end).map(|i| have_pos.then(|| doc.pos[i]));
            fill_padded(&mut scratch.padded, words, tags);
            scratch.labels.clear();
            scratch.labels.resize(end - start, Label::O);
            let mut labels = std::mem::take(&mut scratch.labels);
            self.tag_padded(scratch, &mut labels);
            mentions_into(&labels, start, &mut out);
            scratch.labels = labels;
        };
        let all = doc.sentences.iter().enumerate().all(|(i, _)| keep(i));
        let mut next = 0usize;
        for (i, s) in doc.sentences.iter().enumerate() {
            let r = s.tokens.range();
            let (start, end) = (r.start.clamp(next, n), r.end.min(n));
            if start >= end {
                continue;
            }
            if all {
                run(next, start, &mut scratch);
            }
            if keep(i) {
                run(start, end, &mut scratch);
            }
            next = end;
        }
        if all {
            run(next, n, &mut scratch);
        }
        out
    }

    /// Tag a document and store the mentions in its tag layer ([`Doc::names`]).
    pub fn tag_doc(&self, doc: &mut Doc) {
        self.tag_doc_where(doc, |_| true)
    }

    /// Like [`Tagger::tag_doc`] for the sentences `keep` selects (see [`Tagger::tag_where`]).
    pub fn tag_doc_where(&self, doc: &mut Doc, keep: impl Fn(usize) -> bool) {
        // A name needs a capital or a digit somewhere ("Valdis E3 and E5" made "and" a
        // place); dates ("yesterday") need neither.
        let written_as_name = |m: &Mention| {
            m.kind == EntityKind::Date
                || (m.tokens.start..m.tokens.end).any(|t| {
                    doc.token_text(t)
                        .chars()
                        .any(|c| c.is_uppercase() || c.is_ascii_digit())
                })
        };
        let names = self
            .tag_where(doc, keep)
            .into_iter()
            .filter(written_as_name)
            .map(|m| hearsay_doc::Name {
                span: m.tokens,
                kind: m.kind.into(),
            })
            .collect();
        doc.names = join_plural_possessives(doc, names);
    }

    /// Label one sentence given its token strings and POS tags (`tags` may be empty, or
    /// shorter than `words`: missing tags count as unknown).
    pub fn tag_words(&self, words: &[&str], tags: &[Pos]) -> Vec<Label> {
        let mut scratch = Scratch::default();
        let mut out = vec![Label::O; words.len()];
        fill_padded(
            &mut scratch.padded,
            words.iter().copied(),
            (0..words.len()).map(|i| tags.get(i).copied()),
        );
        self.tag_padded(&mut scratch, &mut out);
        out
    }

    /// Label the sentence whose infos are in `scratch.padded`, writing `out`.
    fn tag_padded(&self, scratch: &mut Scratch, out: &mut [Label]) {
        scratch.scores.resize(self.table.width(), 0);
        let (mut p1, mut p2) = (None, None);
        // The label-independent features of token i + 1 are made while token i is scored, and
        // their rows prefetched, so that their cache misses overlap with token i's work.
        let n = out.len();
        if n > 0 {
            features::extract_static(&scratch.padded, 0, &mut scratch.feats);
        }
        for (i, o) in out.iter_mut().enumerate() {
            if i + 1 < n {
                features::extract_static(&scratch.padded, i + 1, &mut scratch.next);
                for &f in scratch.next.as_slice() {
                    self.table.prefetch(f);
                }
            }
            features::extract_history(
                &scratch.padded,
                i,
                label_value(p1.map(Label::index), 1),
                label_value(p2.map(Label::index), 2),
                &mut scratch.feats,
            );
            scratch.scores.fill(0);
            self.table.add_scores(
                scratch.feats.as_slice(),
                &mut scratch.scores,
                &mut scratch.spans,
            );
            let l = best_label(&scratch.scores, p1);
            *o = l;
            p2 = p1;
            p1 = Some(l);
            std::mem::swap(&mut scratch.feats, &mut scratch.next);
        }
    }
}

#[cfg(test)]
mod tests;

/// Last words of an organisation's name that a plural possessive can precede: "the Aircraft
/// Engineers’ Union", "the Nurses' Association".
const BODY_WORDS: &[&str] = &[
    "academy",
    "alliance",
    "assembly",
    "association",
    "board",
    "caucus",
    "chamber",
    "club",
    "coalition",
    "college",
    "committee",
    "confederation",
    "congress",
    "council",
    "federation",
    "forum",
    "front",
    "fund",
    "guild",
    "institute",
    "league",
    "movement",
    "network",
    "organisation",
    "organization",
    "party",
    "society",
    "syndicate",
    "trust",
    "union",
];

/// Last words of an institution's name that a place or proper noun before it belongs to
/// ("Caldermoor" + "Savings Bank", "The Provincial" + "Audit Office"), beyond [`BODY_WORDS`].
const INSTITUTION_WORDS: &[&str] = &[
    "agency",
    "authority",
    "bank",
    "bureau",
    "commission",
    "department",
    "directorate",
    "inspectorate",
    "ministry",
    "office",
    "regulator",
    "service",
];

/// Lower-case particles inside names: "Correio do Planalto", "Bill de Blasio", "Ursula von
/// der Leyen" (one particle between two tagged parts).
const PARTICLES: &[&str] = &[
    "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "van", "von",
];

/// The tagger often splits a name at a plural possessive ("Morvanian Metalworkers" + "’" +
/// "Federation"), or keeps the apostrophe with the first part ("Nurses'" + "Association"):
/// such a pair is one organisation's name when the second part ends in a word for a body.
/// A singular possessive ("Halvik’s Union") is left alone: that is Halvik's union.
pub fn join_plural_possessives(doc: &Doc, names: Vec<hearsay_doc::Name>) -> Vec<hearsay_doc::Name> {
    let text = |t: u32| {
        doc.tokens
            .get(t as usize)
            .and_then(|tok| doc.text.get(tok.span.range()))
            .unwrap_or("")
    };
    let apostrophe = |t: u32| matches!(text(t), "’" | "'");
    let plural = |t: u32| text(t).ends_with(['s', 'S']) && text(t).len() > 1;
    let proper = |t: u32| {
        doc.pos
            .get(t as usize)
            .is_some_and(|p| p.name().starts_with("NNP"))
    };
    let mut out: Vec<hearsay_doc::Name> = Vec::with_capacity(names.len());
    for n in names {
        if let Some(prev) = out.last_mut() {
            // The body word may carry any kind: the tagger has called a lone "Association"
            // after "Ardenian Midwives ’" a date.
            let kinds_ok = !matches!(prev.kind, NameKind::Date);
            // "Metalworkers ’" + "Federation", or "Nurses '" (one name) + "Association".
            let gap = if n.span.start == prev.span.end + 1 && apostrophe(prev.span.end) {
                Some(prev.span.end - 1)
            } else if n.span.start == prev.span.end
                && prev.span.len() > 1
                && apostrophe(prev.span.end - 1)
            {
                Some(prev.span.end - 2)
            } else {
                None
            };
            // "Correio" + "do" + "Planalto", "Bill" + "de" + "Blasio": a name particle
            // between two names of one kind joins them.
            if n.span.start == prev.span.end + 1
                && !matches!(n.kind, NameKind::Date)
                && !matches!(prev.kind, NameKind::Date)
                && PARTICLES.contains(&text(prev.span.end))
            {
                prev.span.end = n.span.end;
                continue;
            }
            // "Velmora" + "Today" (a date): a capitalised "Today" right after a name, not
            // opening a sentence, ends the name ("USA Today").
            if n.span.len() == 1
                && n.span.start == prev.span.end
                && text(n.span.start) == "Today"
                && !matches!(prev.kind, NameKind::Date)
            {
                prev.span.end = n.span.end;
                prev.kind = NameKind::Organization;
                continue;
            }
            let last = text(n.span.end - 1).to_lowercase();
            let capital = text(n.span.end - 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if kinds_ok
                && capital
                && gap.is_some_and(|g| g >= prev.span.start && plural(g))
                && BODY_WORDS.contains(&last.as_str())
            {
                prev.span.end = n.span.end;
                prev.kind = NameKind::Organization;
                continue;
            }
        }
        // "Engineers ’" + "Union" with the first part untagged: the proper nouns before the
        // apostrophe join the name.
        let mut n = n;
        let body = BODY_WORDS.contains(&text(n.span.end - 1).to_lowercase().as_str());
        if body && n.span.start >= 2 && apostrophe(n.span.start - 1) && plural(n.span.start - 2) {
            let floor = out.last().map_or(0, |p| p.span.end);
            let mut start = n.span.start - 1;
            while start > floor && proper(start - 1) {
                start -= 1;
            }
            if start < n.span.start - 1 {
                n.span.start = start;
                n.kind = NameKind::Organization;
            }
        }
        out.push(n);
    }
    let n_tok = doc.tokens.len() as u32;
    // "Correio" + an untagged "do Planalto": a particle and the proper nouns after it join
    // the name.
    for i in 0..out.len() {
        let nm = out[i];
        let at = nm.span.end;
        if nm.kind == NameKind::Date || at + 1 >= n_tok || !PARTICLES.contains(&text(at)) {
            continue;
        }
        let limit = out.get(i + 1).map_or(n_tok, |next| next.span.start);
        let capital = |t: u32| text(t).chars().next().is_some_and(char::is_uppercase);
        let mut end = at + 1;
        while end < limit && end < at + 4 && proper(end) && capital(end) {
            end += 1;
        }
        if end > at + 1 {
            out[i].span.end = end;
        }
    }
    // "Caldorian Dock" + "and" + "Harbour Workers’ Union": a body's name with "and" in it,
    // split by the tagger, is one name when the first part is no person's and no body's name
    // of its own.
    let body_word = |t: u32| {
        let w = text(t).to_lowercase();
        BODY_WORDS.contains(&w.as_str()) || INSTITUTION_WORDS.contains(&w.as_str())
    };
    let mut joined: Vec<hearsay_doc::Name> = Vec::with_capacity(out.len());
    for n in out {
        if let Some(prev) = joined.last_mut() {
            if n.span.start == prev.span.end + 1
                && matches!(text(prev.span.end), "and" | "&")
                && matches!(
                    prev.kind,
                    NameKind::Organization | NameKind::Location | NameKind::Misc
                )
                && !matches!(n.kind, NameKind::Date)
                && BODY_WORDS.contains(&text(n.span.end - 1).to_lowercase().as_str())
                && !body_word(prev.span.end - 1)
            {
                prev.span.end = n.span.end;
                prev.kind = NameKind::Organization;
                continue;
            }
        }
        joined.push(n);
    }
    let mut out = joined;
    // "Caldermoor" + "Savings Bank", "Provincial" + "Audit Office": the tagger often leaves
    // out the first proper nouns of an institution's name (and calls the rest a person). The
    // capitalised proper nouns right before a name that ends in a word for an institution
    // join it, and the name is an organisation's.
    let capital = |t: u32| text(t).chars().next().is_some_and(char::is_uppercase);
    let sentence = |t: u32| doc.tokens.get(t as usize).map(|tok| tok.sentence);
    for i in 0..out.len() {
        let nm = out[i];
        let last = text(nm.span.end - 1).to_lowercase();
        let institution =
            INSTITUTION_WORDS.contains(&last.as_str()) || BODY_WORDS.contains(&last.as_str());
        if nm.kind == NameKind::Date || !institution || !capital(nm.span.end - 1) {
            continue;
        }
        let floor = if i > 0 { out[i - 1].span.end } else { 0 };
        let mut start = nm.span.start;
        while start > floor
            && start + 3 > nm.span.start
            && proper(start - 1)
            && capital(start - 1)
            && sentence(start - 1) == sentence(nm.span.start)
        {
            start -= 1;
        }
        if start < nm.span.start {
            out[i].span.start = start;
        }
        if out[i].span.len() > 1 && nm.kind == NameKind::Person {
            out[i].kind = NameKind::Organization;
        }
    }
    // "Nurses'" + an untagged "Association": the proper nouns after the apostrophe, up to a
    // word for a body, join the name.
    for i in 0..out.len() {
        let nm = out[i];
        let after = if apostrophe(nm.span.end.saturating_sub(1)) && nm.span.len() > 1 {
            nm.span.end
        } else if nm.span.end < n_tok && apostrophe(nm.span.end) {
            nm.span.end + 1
        } else {
            continue;
        };
        if !plural(after.saturating_sub(2)) || nm.kind == NameKind::Date {
            continue;
        }
        let limit = out.get(i + 1).map_or(n_tok, |next| next.span.start);
        let mut end = after;
        while end < limit && end < after + 4 && proper(end) {
            end += 1;
            if BODY_WORDS.contains(&text(end - 1).to_lowercase().as_str()) {
                out[i].span.end = end;
                out[i].kind = NameKind::Organization;
                break;
            }
        }
    }
    out
}
