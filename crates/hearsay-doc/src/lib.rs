//! The hearsay document model.
//!
//! One [`Doc`] owns the text of one article. Every pipeline stage adds a layer to it: a vector
//! of plain structs that refer to the text by byte range ([`ByteSpan`]) and to other layers by
//! index ([`TokenSpan`], token ids). No layer copies text and no layer borrows from another, so a
//! `Doc` is `Send`, cheap to move between threads, and trivially serialisable.
//!
//! Layers, in pipeline order (each filled by one crate, read by the crates after it):
//!
//! | layer | fields | filled by |
//! |---|---|---|
//! | text | `paragraphs`, `sentences`, `tokens`, `quotations` | `hearsay-text` |
//! | tags | `pos`, `heads`, `deprels`, `names` | `hearsay-tag`, `hearsay-parse`, `hearsay-ner` |
//! | attributions | `attributions` | `hearsay-attrib` |
//! | context | `entities`, `mentions`, `disputes`; `speaker`, `anonymous`, `via`, `channel`, `addressee`, `time` on each attribution | `hearsay-context` |
//!
//! Inside, everything is bytes. Public outputs use Unicode code-point offsets: convert once per
//! document with [`CharMap`].

use std::ops::Range;

mod charmap;
mod tagset;

pub use charmap::CharMap;
pub use tagset::{DepRel, Pos, DEPRELS, PENN_TAGS};

/// Index of a token in [`Doc::tokens`].
pub type TokenId = u32;

/// Sentinel for "no head" (the root of a sentence) in [`Doc::heads`].
pub const NO_HEAD: TokenId = u32::MAX;

/// A half-open byte range `[start, end)` into [`Doc::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ByteSpan {
    pub start: u32,
    pub end: u32,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        ByteSpan {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A half-open range of token ids `[start, end)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenSpan {
    pub start: TokenId,
    pub end: TokenId,
}

impl TokenSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        TokenSpan {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn contains(self, t: TokenId) -> bool {
        self.start <= t && t < self.end
    }
}

/// What kind of thing a token is. Decided by the tokenizer from the characters alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens, periods (U.S.) or digits.
    Word,
    /// Starts with a digit: 3, 3.5, 1,000, 2016-09-12, 9/11.
    Number,
    /// A quotation mark of any style: " “ ” ' ‘ ’ « » „ and the PTB-style `` ''.
    Quote,
    /// Any other punctuation: . , ; : ! ? ( ) [ ] — – - … / etc.
    Punct,
    /// Symbols: $ % & @ # and other non-alphanumeric characters.
    Symbol,
}

/// The role a quotation-mark token plays after pairing (see `hearsay-text`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum QuoteRole {
    /// Not a quotation mark.
    #[default]
    None,
    /// Opens a quotation.
    Open,
    /// Closes a quotation.
    Close,
    /// A quotation mark that could not be paired (or an apostrophe-like mark that is not a quote).
    Stray,
}

/// One token. `in_quote` is true for tokens strictly inside a quotation (not the marks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: ByteSpan,
    pub kind: TokenKind,
    pub quote: QuoteRole,
    /// True when the token lies inside a quotation (between an opening mark and its close, or
    /// the end of the paragraph run the quotation covers).
    pub in_quote: bool,
    /// True when whitespace precedes the token in the text.
    pub space_before: bool,
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
}

/// One sentence: a byte span and the tokens in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: ByteSpan,
    pub tokens: TokenSpan,
    /// Index of the paragraph the sentence belongs to.
    pub paragraph: u32,
}

/// One paragraph: a byte span (without the line break) and its sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: ByteSpan,
    pub sentences: Range<u32>,
}

/// A quotation: an opening mark, its closing mark if any, and the tokens between.
///
/// News style lets a quotation run over several paragraphs, re-opening each paragraph without
/// closing the previous one; such a run is one `Quotation` whose `tokens` span all of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The opening mark.
    pub open: TokenId,
    /// The closing mark, `None` when the quotation is never closed.
    pub close: Option<TokenId>,
    /// The tokens strictly between the marks.
    pub tokens: TokenSpan,
}

/// The kind of an attribution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AttrKind {
    /// The content is entirely a quotation.
    Direct,
    /// The content is a paraphrase with no quotation.
    Indirect,
    /// The content is partly quoted.
    Mixed,
    /// "according to X".
    AccordingTo,
    /// Beliefs, intentions, feelings: "X believes", "X wants".
    Belief,
    #[default]
    Unknown,
}

impl AttrKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttrKind::Direct => "direct",
            AttrKind::Indirect => "indirect",
            AttrKind::Mixed => "mixed",
            AttrKind::AccordingTo => "according_to",
            AttrKind::Belief => "belief",
            AttrKind::Unknown => "unknown",
        }
    }
}

/// One attribution relation: who (source) said (cue) what (content).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribution {
    pub source: Option<TokenSpan>,
    pub cue: Option<TokenSpan>,
    /// One or more contiguous pieces (a quotation interrupted by "he said" has two).
    pub content: Vec<TokenSpan>,
    pub kind: AttrKind,
    /// Model confidence in `[0, 1]`.
    pub confidence: f32,
    /// Index (into [`Doc::attributions`]) of the attribution whose content contains this one,
    /// e.g. "Russia had told the US …" inside "Trump tweeted that …". `None` for outer ones.
    /// Annotation schemes that are univocal (PolNeAR, brat output) keep outer ones only.
    pub parent: Option<u32>,
    // --- context layer (filled by `hearsay-context`; empty/None before it runs) ---
    /// Index (into [`Doc::entities`]) of the entity the source refers to.
    pub speaker: Option<u32>,
    /// Set when the source is an unnamed person or set of people.
    pub anonymous: Option<Anonymous>,
    /// Index of the attribution that relays this one: in "the paper reported …, citing a person
    /// close to the ministry" the inner attribution (speaker: the person) has `via` = the
    /// paper's. Exclusive with `parent`.
    pub via: Option<u32>,
    /// The medium of the speech act, when the text gives it.
    pub channel: Option<Channel>,
    /// Recipient of "told", "assured", "wrote to": "reporters", "the United States".
    pub addressee: Option<TokenSpan>,
    /// When the speech act happened, as written and resolved against the article date.
    pub time: Option<TimeRef>,
}

/// An anonymous source: how the text describes it, and whom it is said to belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anonymous {
    /// "a person close to the Russian Defense Ministry", "sources familiar with the matter".
    pub descriptor: TokenSpan,
    /// Index (into [`Doc::entities`]) of the organisation the source belongs to or is close to.
    pub affiliation: Option<u32>,
}

/// The medium of a speech act.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    Tweet,
    Post,
    Statement,
    Interview,
    Briefing,
    Report,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Tweet => "tweet",
            Channel::Post => "post",
            Channel::Statement => "statement",
            Channel::Interview => "interview",
            Channel::Briefing => "briefing",
            Channel::Report => "report",
        }
    }
}

/// A calendar date (proleptic Gregorian). Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time expression attached to a speech act ("on Tuesday", "last week", "earlier").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeRef {
    pub span: TokenSpan,
    /// The day, when the expression names one and the article date anchors it.
    pub date: Option<Date>,
    /// A range of days (inclusive), for "last week", "earlier this month".
    pub range: Option<(Date, Date)>,
}

/// What sort of thing an entity is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EntityType {
    #[default]
    Person,
    /// Companies, ministries, agencies, courts, parties, governments acting as speakers.
    Organization,
    /// Newspapers, agencies, broadcasters, and their reports.
    Media,
    /// Generic or collective sources that are not organisations: "analysts", "residents".
    Group,
    /// Reports, audits, logs, polls that "say" or "show".
    Document,
    /// Places (as settings, or countries before they speak).
    Place,
    /// An unnamed person or set of people.
    Anonymous,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Media => "media",
            EntityType::Group => "group",
            EntityType::Document => "document",
            EntityType::Place => "place",
            EntityType::Anonymous => "anonymous",
        }
    }
}

/// One entity of a document: everything its mentions refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entity {
    pub etype: EntityType,
    /// The canonical name: tokens of its fullest naming mention without title or determiner
    /// ("Dmitry Peskov" inside "Kremlin spokesman Dmitry Peskov").
    pub name: TokenSpan,
}

/// How a mention refers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionForm {
    /// A proper name, possibly with title or appositive.
    Name,
    /// A common noun phrase: "the company", "the spokesman".
    Nominal,
    /// "he", "it", "they", "which", "its".
    Pronoun,
}

/// One mention of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: TokenSpan,
    /// Index into [`Doc::entities`].
    pub entity: u32,
    pub form: MentionForm,
}

/// One attribution denying or rebutting another's claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dispute {
    /// Index (into [`Doc::attributions`]) of the disputing attribution.
    pub by: u32,
    /// Index of the disputed one.
    pub target: u32,
    /// The words carrying the disagreement ("denied", "had exaggerated", "not true").
    pub cue: TokenSpan,
    /// The signal the dispute was found by.
    pub basis: DisputeBasis,
}

/// The signal a dispute was found by, from the most to the least reliable kind: each kind's
/// [`DisputeBasis::confidence`] is the share of such disputes that were right on the speakers
/// gold (dev and train splits together; BENCHMARKS.md has the counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DisputeBasis {
    /// A claim characterised in quotation marks: "called the report “a fairy tale”".
    Characterisation,
    /// A denial verb in the cue: "denied", "rejected", "disputing".
    DenialVerb,
    /// Rebuttal words in the content: "not true", "had exaggerated", "no idea".
    Rebuttal,
    /// Another claim by a speaker who already disputes the same side, sharing its words,
    /// shortly after the claim it answers.
    Side,
    /// A negated claim that clearly answers another ("no one had been asked to …").
    Negation,
}

impl DisputeBasis {
    pub const ALL: [DisputeBasis; 5] = [
        DisputeBasis::Characterisation,
        DisputeBasis::DenialVerb,
        DisputeBasis::Rebuttal,
        DisputeBasis::Side,
        DisputeBasis::Negation,
    ];

    /// The name used in JSON, TSV and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            DisputeBasis::Characterisation => "characterisation",
            DisputeBasis::DenialVerb => "denial_verb",
            DisputeBasis::Rebuttal => "rebuttal",
            DisputeBasis::Side => "side",
            DisputeBasis::Negation => "negation",
        }
    }

    /// The inverse of [`DisputeBasis::as_str`].
    pub fn parse(s: &str) -> Option<DisputeBasis> {
        DisputeBasis::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// How often a dispute of this kind was right (the same attribution disputing the same
    /// one as in gold) on the speakers gold's dev and train splits together, smoothed by
    /// one right and one wrong: (right + 1) / (found + 2). Session 9 counts, right of found:
    /// characterisation 11 of 11, denial verb 25 of 37, rebuttal 7 of 9, side 18 of 37,
    /// negation 15 of 34 (`hearsay eval --gold corpus/speakers` prints them per split).
    pub fn confidence(self) -> f32 {
        match self {
            DisputeBasis::Characterisation => 0.92,
            DisputeBasis::DenialVerb => 0.67,
            DisputeBasis::Rebuttal => 0.73,
            DisputeBasis::Side => 0.49,
            DisputeBasis::Negation => 0.44,
        }
    }
}

/// What a named-entity mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    Person,
    Organization,
    Location,
    /// Other names: nationalities, events, works.
    Misc,
    /// A date or time expression ("on Tuesday", "last week").
    Date,
}

/// A named-entity mention from the tag layer: a run of tokens inside one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Name {
    pub span: TokenSpan,
    pub kind: NameKind,
}

/// Metadata that travels with a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// Where the document came from (a path, a URL, an id).
    pub origin: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when known.
    pub date: Option<String>,
}

/// One document with all the layers the pipeline has added so far.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub text: String,
    pub meta: DocMeta,
    // --- text layer ---
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub quotations: Vec<Quotation>,
    // --- tag layer (empty until tagged; then one entry per token) ---
    pub pos: Vec<Pos>,
    /// Head token of each token, [`NO_HEAD`] for sentence roots. Empty until parsed.
    pub heads: Vec<TokenId>,
    /// Dependency label of each token's arc. Empty until parsed.
    pub deprels: Vec<DepRel>,
    /// Named-entity mentions (people, organisations, places, other names, dates) in token
    /// order. Empty until the entity tagger has run.
    pub names: Vec<Name>,
    // --- attribution layer ---
    pub attributions: Vec<Attribution>,
    // --- context layer ---
    pub entities: Vec<Entity>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    pub disputes: Vec<Dispute>,
}

impl Doc {
    /// A document with only its text; no layers yet.
    pub fn new(text: impl Into<String>) -> Self {
        Doc {
            text: text.into(),
            ..Default::default()
        }
    }

    /// The text of a token.
    pub fn token_text(&self, t: TokenId) -> &str {
        &self.text[self.tokens[t as usize].span.range()]
    }

    /// The byte span covered by a token span (from the first token's start to the last's end).
    /// An empty token span maps to an empty byte span at the position of `start`.
    pub fn byte_span(&self, s: TokenSpan) -> ByteSpan {
        if s.is_empty() {
            let at = self
                .tokens
                .get(s.start as usize)
                .map(|t| t.span.start)
                .unwrap_or(self.text.len() as u32);
            return ByteSpan { start: at, end: at };
        }
        ByteSpan {
            start: self.tokens[s.start as usize].span.start,
            end: self.tokens[s.end as usize - 1].span.end,
        }
    }

    /// The text covered by a token span.
    pub fn span_text(&self, s: TokenSpan) -> &str {
        &self.text[self.byte_span(s).range()]
    }

    /// The dash that ends the story's dateline, when the first sentence opens with one:
    /// a word in capitals of two letters or more ("LARRAC", "WASHINGTON", not a kicker such as
    /// "EXCLUSIVE" or "UPDATE"), then a dash within its first 15 tokens with at least three
    /// tokens after it in the sentence ("LARRAC, Aug 18 —", "TARNOW, Poland (Baltic Wire) —").
    /// After a headline (a first paragraph of one sentence with no closing full stop, question
    /// or exclamation mark), the story opens with the second paragraph.
    pub fn dateline_dash(&self) -> Option<TokenId> {
        let mut first = self.sentences.first()?.tokens;
        if let (Some(p0), Some(p1)) = (self.paragraphs.first(), self.paragraphs.get(1)) {
            let last = first
                .end
                .checked_sub(1)
                .and_then(|t| self.tokens.get(t as usize));
            let closed = last.is_some_and(|t| {
                matches!(
                    self.text.get(t.span.range()),
                    Some("." | "!" | "?" | "”" | "\"" | "’" | "'")
                )
            });
            if p0.sentences.len() == 1 && !closed {
                if let Some(s) = self.sentences.get(p1.sentences.start as usize) {
                    first = s.tokens;
                }
            }
        }
        let word = self
            .text
            .get(self.tokens.get(first.start as usize)?.span.range())?;
        let capitals = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word
                .chars()
                .all(|c| c.is_uppercase() || c == '-' || c == '.');
        const KICKERS: &[&str] = &[
            "EXCLUSIVE",
            "BREAKING",
            "UPDATE",
            "UPDATED",
            "WATCH",
            "VIDEO",
            "LIVE",
            "OPINION",
            "ANALYSIS",
            "EDITORIAL",
            "CORRECTION",
            "NEW",
            "EXCERPT",
            "REVIEW",
            "PHOTOS",
        ];
        if !capitals || KICKERS.contains(&word) {
            return None;
        }
        let end = first.end.min(self.tokens.len() as u32);
        (first.start + 1..end.min(first.start + 15))
            .find(|&t| matches!(self.token_text(t), "—" | "–" | "--" | "―" | "-"))
            .filter(|&d| d + 3 < end)
    }

    /// Tokens of a sentence.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        &self.tokens[self.sentences[s].tokens.range()]
    }

    /// The POS tag of a token, if the tag layer has run.
    pub fn pos_of(&self, t: TokenId) -> Option<Pos> {
        self.pos.get(t as usize).copied()
    }
}
