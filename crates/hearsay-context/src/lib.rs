//! The context layer: who each source *is*, and how each attribution is sourced.
//!
//! Reads the text, tag (POS, dependencies, named entities) and attribution layers of a
//! [`Doc`] and fills its context layer, in this order:
//!
//! 1. [`relays`]: "X, citing Y" and "X cited Y as saying Z" yield an inner attribution whose
//!    source is Y, with `via` pointing at X's attribution.
//! 2. [`entities`]: entities and mentions (names from the entity tagger, attribution sources,
//!    pronouns, nominals, anonymous descriptors), each source resolved to its `speaker`;
//!    anonymous sources flagged with descriptor and affiliation.
//! 3. [`channel`]: channel (tweet, post, statement, interview, briefing, report) and addressee.
//! 4. [`time`]: the time expression of each speech act, resolved against the article date.
//! 5. [`disputes`]: denials and rebuttals linked to the attribution they dispute.
//!
//! Everything here is rules over the earlier layers; the rules are measured on the
//! hand-annotated `corpus/speakers` gold set (`hearsay eval --gold corpus/speakers`).

use hearsay_doc::{Date, Doc};

pub mod channel;
pub mod disputes;
pub mod entities;
pub mod gender;
pub mod relays;
pub mod time;
mod util;

/// Fill the context layer of a document whose attribution layer has run. The article date
/// for resolving "on Tuesday" comes from `doc.meta.date` (`YYYY-MM-DD`); without it times are
/// recorded but not resolved. Replaces any context layer already present. Never panics.
pub fn resolve(doc: &mut Doc) {
    doc.entities.clear();
    doc.mentions.clear();
    doc.disputes.clear();
    doc.attributions.retain(|a| a.via.is_none());
    for a in &mut doc.attributions {
        a.speaker = None;
        a.anonymous = None;
        a.channel = None;
        a.addressee = None;
        a.time = None;
    }
    let tree = util::Tree::new(doc);
    relays::add_relays(doc, &tree);
    entities::resolve_speakers(doc, &tree);
    channel::annotate(doc, &tree);
    let date = doc.meta.date.as_deref().and_then(parse_date);
    time::annotate(doc, &tree, date);
    disputes::find(doc, &tree);
}

/// Parse `YYYY-MM-DD` into a valid date.
pub fn parse_date(s: &str) -> Option<Date> {
    let d: jiff::civil::Date = s.trim().parse().ok()?;
    Some(Date {
        year: i32::from(d.year()),
        month: d.month() as u8,
        day: d.day() as u8,
    })
}

#[cfg(test)]
mod tests;
