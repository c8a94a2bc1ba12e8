//! The public record of a processed document: what `hearsay extract` writes as JSON, what the
//! store keeps and what the API serves.
//!
//! Everything public leaves here in Unicode code-point offsets with the exact text alongside.
//! The conversion from the pipeline's byte/token spans happens once per document with
//! [`CharMap`]; malformed spans (out of range, reversed, not on a character boundary) are
//! dropped rather than allowed to panic.

use std::ops::Range;

use hearsay_doc::{Attribution, CharMap, Doc, TokenSpan};
use serde::Serialize;

/// One span of the output: the exact text and its code-point offsets `[start, end)`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanOut<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// One attribution of the output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttrOut<'a> {
    /// 1-based, in document order.
    pub id: usize,
    pub kind: &'static str,
    pub source: Option<SpanOut<'a>>,
    pub cue: Option<SpanOut<'a>>,
    pub content: Vec<SpanOut<'a>>,
    pub confidence: f64,
    /// Id of the attribution whose content contains this one ("Russia told the US …" inside
    /// "the president tweeted that …"), `null` for outer attributions.
    pub parent: Option<usize>,
    /// The entity the source refers to, after resolution ("He" → Dmitry Peskov).
    pub speaker: Option<SpeakerOut>,
    /// True when the source is an unnamed person or set of people.
    pub anonymous: bool,
    /// How the text describes an anonymous source ("a person close to the ministry").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<SpanOut<'a>>,
    /// The organisation an anonymous source belongs to or is close to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<SpeakerOut>,
    /// Id of the attribution that relays this one (the paper that cites the person close to
    /// the ministry); `null` unless this attribution is the cited source's.
    pub via: Option<usize>,
    /// tweet, post, statement, interview, briefing or report; `null` when the text gives none.
    pub channel: Option<&'static str>,
    /// Recipient of "told", "assured": "reporters", "the United States".
    pub addressee: Option<SpanOut<'a>>,
    /// When the speech act happened.
    pub time: Option<TimeOut<'a>>,
}

/// A reference to an entity of the same document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerOut {
    /// Id in the document's `entities`.
    pub entity: usize,
    /// Its canonical name.
    pub name: String,
}

/// A time expression with its resolution against the article date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeOut<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// `YYYY-MM-DD` when the expression names a day the article date anchors.
    pub date: Option<String>,
    /// First and last day (inclusive) for "last week", "earlier this month".
    pub range: Option<[String; 2]>,
}

/// One entity of the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityOut<'a> {
    /// 1-based, in order of first mention.
    pub id: usize,
    pub name: String,
    /// person, organization, media, group, document, place or anonymous.
    #[serde(rename = "type")]
    pub etype: &'static str,
    /// Titles and roles the text gives a person ("Kremlin spokesman", "chief epidemiologist").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    pub mentions: Vec<SpanOut<'a>>,
}

/// One attribution disputing another.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DisputeOut<'a> {
    /// Id of the denying attribution.
    pub by: usize,
    /// Id of the disputed one.
    pub target: usize,
    /// The words that carry the disagreement.
    pub cue: Option<SpanOut<'a>>,
    /// The signal it was found by: "characterisation", "denial_verb", "rebuttal", "side" or
    /// "negation" (see [`hearsay_doc::DisputeBasis`]).
    pub basis: &'static str,
    /// How often disputes found by that signal were right on the speakers gold (dev and
    /// train), from 0 to 1.
    pub confidence: f32,
}

/// One document of the output (one JSON object, one JSONL line).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocOut<'a> {
    pub path: &'a str,
    /// Length of the text in code points.
    pub text_chars: usize,
    /// Publication date when given (`--date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    pub attributions: Vec<AttrOut<'a>>,
    /// Entities: speakers and affiliations, with their mentions.
    pub entities: Vec<EntityOut<'a>>,
    pub disputes: Vec<DisputeOut<'a>>,
}

/// The byte range covered by a token span, or `None` when the span is empty or malformed.
fn byte_range(doc: &Doc, s: TokenSpan) -> Option<Range<usize>> {
    if s.start >= s.end || s.end as usize > doc.tokens.len() {
        return None;
    }
    let start = doc.tokens[s.start as usize].span.start as usize;
    let end = doc.tokens[s.end as usize - 1].span.end as usize;
    let ok = start < end
        && end <= doc.text.len()
        && doc.text.is_char_boundary(start)
        && doc.text.is_char_boundary(end);
    ok.then_some(start..end)
}

/// Where an attribution starts in the text (its earliest span), for ordering.
fn first_byte(doc: &Doc, a: &Attribution) -> usize {
    a.source
        .iter()
        .chain(a.cue.iter())
        .chain(a.content.iter())
        .filter_map(|&s| byte_range(doc, s))
        .map(|r| r.start)
        .min()
        .unwrap_or(usize::MAX)
}

/// Indices into `doc.attributions` in document order: by the earliest start of any of an
/// attribution's spans; on a tie outer attributions first, then pipeline order. Output ids
/// follow this order.
pub fn attribution_order(doc: &Doc) -> Vec<usize> {
    let mut order: Vec<(usize, bool, usize)> = doc
        .attributions
        .iter()
        .enumerate()
        .map(|(i, a)| (first_byte(doc, a), a.parent.is_some(), i))
        .collect();
    order.sort();
    order.into_iter().map(|(_, _, i)| i).collect()
}

/// Confidence as written: clamped to `[0, 1]`, three decimals, NaN as 0.
fn confidence(c: f32) -> f64 {
    if c.is_nan() {
        return 0.0;
    }
    (f64::from(c.clamp(0.0, 1.0)) * 1000.0).round() / 1000.0
}

/// Convert a processed document into its output record.
pub fn doc_out<'a>(path: &'a str, doc: &'a Doc) -> DocOut<'a> {
    let map = CharMap::new(&doc.text);
    let span = |s: TokenSpan| -> Option<SpanOut<'a>> {
        let r = byte_range(doc, s)?;
        Some(SpanOut {
            text: &doc.text[r.clone()],
            start: map.char_offset(r.start),
            end: map.char_offset(r.end),
        })
    };
    let order = attribution_order(doc);
    // Output id of each entry of `doc.attributions`, for `parent`.
    let mut id_of = vec![0usize; doc.attributions.len()];
    for (k, &i) in order.iter().enumerate() {
        id_of[i] = k + 1;
    }
    let attr_id = |i: u32| id_of.get(i as usize).copied();
    let entity = |e: u32| -> Option<SpeakerOut> {
        let ent = doc.entities.get(e as usize)?;
        Some(SpeakerOut {
            entity: e as usize + 1,
            name: entity_name(doc, ent),
        })
    };
    let attributions = order
        .into_iter()
        .enumerate()
        .map(|(k, i)| {
            let a = &doc.attributions[i];
            let anon = a.anonymous;
            AttrOut {
                id: k + 1,
                kind: a.kind.as_str(),
                source: a.source.and_then(span),
                cue: a.cue.and_then(span),
                content: a.content.iter().filter_map(|&s| span(s)).collect(),
                confidence: confidence(a.confidence),
                parent: a
                    .parent
                    .and_then(|p| id_of.get(p as usize).copied())
                    .filter(|&p| p != k + 1),
                speaker: a.speaker.and_then(entity),
                anonymous: anon.is_some(),
                descriptor: anon.and_then(|x| span(x.descriptor)),
                affiliation: anon.and_then(|x| x.affiliation).and_then(entity),
                via: a.via.and_then(attr_id).filter(|&p| p != k + 1),
                channel: a.channel.map(|c| c.as_str()),
                addressee: a.addressee.and_then(span),
                time: a.time.and_then(|t| {
                    let s = span(t.span)?;
                    Some(TimeOut {
                        text: s.text,
                        start: s.start,
                        end: s.end,
                        date: t.date.map(|d| d.to_string()),
                        range: t.range.map(|(a, b)| [a.to_string(), b.to_string()]),
                    })
                }),
            }
        })
        .collect();
    let mut mentions: Vec<Vec<SpanOut<'a>>> = vec![Vec::new(); doc.entities.len()];
    for m in &doc.mentions {
        if let (Some(list), Some(s)) = (mentions.get_mut(m.entity as usize), span(m.span)) {
            list.push(s);
        }
    }
    let entities = doc
        .entities
        .iter()
        .zip(mentions)
        .enumerate()
        .map(|(e, (ent, mentions))| {
            let name = entity_name(doc, ent);
            let roles = if ent.etype == hearsay_doc::EntityType::Person {
                roles_of(&name, &mentions)
            } else {
                Vec::new()
            };
            EntityOut {
                id: e + 1,
                name,
                etype: ent.etype.as_str(),
                roles,
                mentions,
            }
        })
        .collect();
    let disputes = doc
        .disputes
        .iter()
        .filter_map(|d| {
            Some(DisputeOut {
                by: attr_id(d.by)?,
                target: attr_id(d.target)?,
                cue: span(d.cue),
                basis: d.basis.as_str(),
                confidence: d.basis.confidence(),
            })
        })
        .collect();
    DocOut {
        path,
        text_chars: if doc.text.is_ascii() {
            doc.text.len()
        } else {
            doc.text.chars().count()
        },
        date: doc.meta.date.as_deref(),
        attributions,
        entities,
        disputes,
    }
}

/// A person's titles and roles: what its mentions add around its name ("Kremlin spokesman
/// Dmitry Peskov" → "Kremlin spokesman"; "Its medical director, Dr Anika Rao" → "medical
/// director"), without determiners, honorifics and punctuation; each once, in text order.
fn roles_of(name: &str, mentions: &[SpanOut]) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    if name.is_empty() {
        return roles;
    }
    for m in mentions {
        let text = m.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(at) = text.find(name) else { continue };
        for part in [&text[..at], &text[at + name.len()..]] {
            let mut words: Vec<&str> = part
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect();
            // A role is a short noun phrase, not a clause ("who runs a bakery").
            let clause = words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "who" | "whose" | "which" | "that" | "said"
                )
            });
            while words.first().is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "who"
                )
            }) {
                words.remove(0);
            }
            while words.last().is_some_and(|w| {
                matches!(
                    w.trim_end_matches('.').to_lowercase().as_str(),
                    "dr" | "mr" | "mrs" | "ms" | "prof" | "sir" | "dame"
                )
            }) {
                words.pop();
            }
            let role = words.join(" ");
            if !role.is_empty() && words.len() <= 6 && !clause && !roles.contains(&role) {
                roles.push(role);
            }
        }
    }
    roles
}

/// The canonical name of an entity: the text of its name span with runs of whitespace (line
/// breaks included) as single spaces; empty when the span is malformed.
pub fn entity_name(doc: &Doc, e: &hearsay_doc::Entity) -> String {
    match byte_range(doc, e.name) {
        Some(r) => doc.text[r].split_whitespace().collect::<Vec<_>>().join(" "),
        None => String::new(),
    }
}
