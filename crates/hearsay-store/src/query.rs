//! Questions across the corpus. Each returns plain data (`Serialize`, for `--json`); the CLI
//! formats it for people.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::{names, Result, Store};

/// A corpus entity (after surname joining).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityRef {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: String,
}

/// One attribution in a list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Said {
    /// `attributions.id`.
    pub attribution: i64,
    /// `documents.id`.
    pub document: i64,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub kind: String,
    /// The speaker as the text names it (source span).
    pub source: Option<String>,
    pub cue: Option<String>,
    /// The content, or for `who` an FTS snippet of it with matches in `[` `]`.
    pub content: String,
}

fn said(r: &Row) -> rusqlite::Result<Said> {
    Ok(Said {
        attribution: r.get("aid")?,
        document: r.get("did")?,
        published: r.get("published")?,
        outlet: r.get("outlet")?,
        title: r.get("title")?,
        kind: r.get("kind")?,
        source: r.get("source_text")?,
        cue: r.get("cue_text")?,
        content: r.get("content")?,
    })
}

/// Attributions whose content matched, for one speaker.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhoGroup {
    /// `None`: attributions with no named speaker (no source, a pronoun, anonymous).
    pub speaker: Option<EntityRef>,
    /// How many attributions of this speaker matched (all of them, not only those listed).
    pub count: u64,
    /// The most recent matches.
    pub said: Vec<Said>,
}

/// Result of [`Store::who`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Who {
    pub query: String,
    /// The FTS5 expression that ran.
    pub fts: String,
    /// All matching attributions.
    pub total: u64,
    pub groups: Vec<WhoGroup>,
}

/// Words as an FTS5 query: every word must occur, each taken literally (quotes doubled), so
/// user text never breaks the FTS syntax.
pub fn fts_words(text: &str) -> String {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

const SAID_COLUMNS: &str = "a.id AS aid, d.id AS did, d.published, d.outlet, d.title, a.kind, \
                            a.source_text, a.cue_text";

impl Store {
    /// Attributions whose content matches `text` (every word, case and accents ignored),
    /// grouped by speaker: the `groups` speakers with most matches, each with its `per_group`
    /// most recent matches and a snippet. With `raw`, `text` is an FTS5 expression.
    pub fn who(&self, text: &str, raw: bool, groups: usize, per_group: usize) -> Result<Who> {
        let fts = if raw {
            text.to_string()
        } else {
            fts_words(text)
        };
        let mut out = Who {
            query: text.to_string(),
            fts: fts.clone(),
            total: 0,
            groups: Vec::new(),
        };
        if fts.trim().is_empty() {
            return Ok(out);
        }
        let matched = format!("{{content}} : ({fts})");
        let mut st = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.type, count(*) AS n
             FROM attributions_fts f
             JOIN attributions a ON a.id = f.rowid
             LEFT JOIN entities e ON e.id = a.speaker_entity
             LEFT JOIN entities c ON c.id = e.canonical_id
             WHERE attributions_fts MATCH ?1
             GROUP BY c.id ORDER BY n DESC, c.name",
        )?;
        let counts: Vec<(Option<EntityRef>, u64)> = st
            .query_map([&matched], |r| {
                let id: Option<i64> = r.get(0)?;
                let speaker = match id {
                    Some(id) => Some(EntityRef {
                        id,
                        name: r.get(1)?,
                        etype: r.get(2)?,
                    }),
                    None => None,
                };
                Ok((speaker, r.get::<_, i64>(3)? as u64))
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.total = counts.iter().map(|c| c.1).sum();
        let sql = format!(
            "SELECT {SAID_COLUMNS}, snippet(attributions_fts, 1, '[', ']', '…', 24) AS content
             FROM attributions_fts f
             JOIN attributions a ON a.id = f.rowid
             JOIN documents d ON d.id = a.doc_id
             LEFT JOIN entities e ON e.id = a.speaker_entity
             WHERE attributions_fts MATCH ?1 AND e.canonical_id IS ?2
             ORDER BY d.published DESC, a.id DESC LIMIT ?3"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        for (speaker, count) in counts.into_iter().take(groups) {
            let id = speaker.as_ref().map(|s| s.id);
            let said = st
                .query_map(params![&matched, id, per_group as i64], said)?
                .collect::<rusqlite::Result<_>>()?;
            out.groups.push(WhoGroup {
                speaker,
                count,
                said,
            });
        }
        Ok(out)
    }

    /// Find the corpus entity a name means: the entity with that normalised name; else, for a
    /// single word, the full names ending in it; else entities whose names contain every word
    /// (full-text search over speaker names).
    pub fn find_speaker(&self, name: &str) -> Result<Lookup> {
        let norm = names::normalize(name);
        let exact: Option<i64> = self
            .conn
            .prepare_cached("SELECT canonical_id FROM entities WHERE norm = ?1")?
            .query_row([&norm], |r| r.get(0))
            .optional()?;
        if let Some(id) = exact {
            return Ok(Lookup::Found(self.entity_summary(id)?));
        }
        let candidates: Vec<i64> = if !norm.contains(' ') {
            self.conn
                .prepare_cached(
                    "SELECT DISTINCT canonical_id FROM entities WHERE join_key = ?1 ORDER BY attributions DESC",
                )?
                .query_map([&norm], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        } else {
            Vec::new()
        };
        let candidates = if candidates.is_empty() {
            let words = fts_words(name);
            if words.is_empty() {
                Vec::new()
            } else {
                self.conn
                    .prepare_cached(
                        "SELECT e.canonical_id, count(*) AS n FROM attributions_fts f
                         JOIN attributions a ON a.id = f.rowid
                         JOIN entities e ON e.id = a.speaker_entity
                         WHERE attributions_fts MATCH ?1
                         GROUP BY e.canonical_id ORDER BY n DESC LIMIT 10",
                    )?
                    .query_map([format!("{{speaker}} : ({words})")], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            }
        } else {
            candidates
        };
        let mut summaries = candidates
            .into_iter()
            .map(|id| self.entity_summary(id))
            .collect::<Result<Vec<_>>>()?;
        Ok(match summaries.len() {
            0 => Lookup::NotFound,
            1 => Lookup::Found(summaries.remove(0)),
            _ => Lookup::Ambiguous(summaries),
        })
    }

    /// Counts and names of one corpus entity.
    pub fn entity_summary(&self, canonical: i64) -> Result<EntitySummary> {
        let (name, etype): (String, String) = self
            .conn
            .prepare_cached("SELECT name, type FROM entities WHERE id = ?1")?
            .query_row([canonical], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut aliases = Vec::new();
        let mut attributions = 0u64;
        let mut mentions = 0u64;
        let mut st = self.conn.prepare_cached(
            "SELECT name, attributions, mentions FROM entities WHERE canonical_id = ?1 ORDER BY id",
        )?;
        let mut rows = st.query([canonical])?;
        while let Some(r) = rows.next()? {
            let n: String = r.get(0)?;
            if n != name {
                aliases.push(n);
            }
            attributions += r.get::<_, i64>(1)? as u64;
            mentions += r.get::<_, i64>(2)? as u64;
        }
        let documents: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(DISTINCT m.doc_id) FROM mentions m
                 JOIN entities e ON e.id = m.entity_id WHERE e.canonical_id = ?1",
            )?
            .query_row([canonical], |r| r.get(0))?;
        Ok(EntitySummary {
            entity: EntityRef {
                id: canonical,
                name,
                etype,
            },
            aliases,
            attributions,
            mentions,
            documents: documents as u64,
        })
    }

    /// The `limit` corpus entities with most attributions (anonymous descriptions left out).
    pub fn top_speakers(&self, limit: usize) -> Result<Vec<EntitySummary>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT c.id FROM entities e JOIN entities c ON c.id = e.canonical_id
                 WHERE c.type <> 'anonymous'
                 GROUP BY c.id HAVING sum(e.attributions) > 0
                 ORDER BY sum(e.attributions) DESC, c.name LIMIT ?1",
            )?
            .query_map([limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.entity_summary(id)).collect()
    }

    /// Everything one corpus entity is reported to have said, oldest first (undated last),
    /// at most `limit` attributions.
    pub fn said_by(&self, canonical: i64, limit: usize) -> Result<Vec<Said>> {
        let sql = format!(
            "SELECT {SAID_COLUMNS}, a.content
             FROM entities e
             JOIN attributions a ON a.speaker_entity = e.id
             JOIN documents d ON d.id = a.doc_id
             WHERE e.canonical_id = ?1
             ORDER BY d.published IS NULL, d.published, d.id, a.local_id LIMIT ?2"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![canonical, limit as i64], said)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Sourcing per outlet: documents, attributions, the share of anonymous ones, the `top`
    /// most quoted named speakers and anonymous descriptions. Sorted by attributions, or with
    /// `by_anonymous` by anonymous share.
    pub fn sources(&self, top: usize, by_anonymous: bool) -> Result<Vec<OutletStats>> {
        let mut st = self.conn.prepare_cached(
            "SELECT NULLIF(name, ''), documents, attributions, anonymous FROM outlets",
        )?;
        let mut outlets: Vec<OutletStats> = st
            .query_map([], |r| {
                let attributions = r.get::<_, i64>(2)? as u64;
                let anonymous = r.get::<_, i64>(3)? as u64;
                Ok(OutletStats {
                    outlet: r.get(0)?,
                    documents: r.get::<_, i64>(1)? as u64,
                    attributions,
                    anonymous,
                    anonymous_share: if attributions == 0 {
                        0.0
                    } else {
                        anonymous as f64 / attributions as f64
                    },
                    top_speakers: Vec::new(),
                    top_anonymous: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut index: HashMap<Option<String>, usize> = HashMap::new();
        for (i, o) in outlets.iter().enumerate() {
            index.insert(o.outlet.clone(), i);
        }
        let mut st = self.conn.prepare_cached(
            "SELECT NULLIF(outlet, ''), name, n FROM (
                SELECT os.outlet, c.name, sum(os.attributions) AS n,
                       row_number() OVER (PARTITION BY os.outlet
                                          ORDER BY sum(os.attributions) DESC, c.name) AS rk
                FROM outlet_speakers os
                JOIN entities e ON e.id = os.entity_id
                JOIN entities c ON c.id = e.canonical_id
                WHERE c.type <> 'anonymous'
                GROUP BY os.outlet, c.id)
             WHERE rk <= ?1",
        )?;
        let mut rows = st.query([top as i64])?;
        while let Some(r) = rows.next()? {
            let outlet: Option<String> = r.get(0)?;
            if let Some(&i) = index.get(&outlet) {
                outlets[i].top_speakers.push(Counted {
                    name: r.get(1)?,
                    count: r.get::<_, i64>(2)? as u64,
                });
            }
        }
        let mut st = self.conn.prepare_cached(
            "SELECT outlet, label, n FROM (
                SELECT d.outlet, lower(COALESCE(a.descriptor, a.speaker, a.source_text, '')) AS label,
                       count(*) AS n,
                       row_number() OVER (PARTITION BY d.outlet
                                          ORDER BY count(*) DESC,
                                          lower(COALESCE(a.descriptor, a.speaker, a.source_text, ''))) AS rk
                FROM attributions a INDEXED BY attributions_anonymous
                JOIN documents d ON d.id = a.doc_id
                WHERE a.anonymous = 1
                GROUP BY d.outlet, label)
             WHERE rk <= ?1",
        )?;
        let mut rows = st.query([top as i64])?;
        while let Some(r) = rows.next()? {
            let outlet: Option<String> = r.get(0)?;
            if let Some(&i) = index.get(&outlet) {
                outlets[i].top_anonymous.push(Counted {
                    name: r.get(1)?,
                    count: r.get::<_, i64>(2)? as u64,
                });
            }
        }
        if by_anonymous {
            outlets.sort_by(|a, b| {
                b.anonymous_share
                    .total_cmp(&a.anonymous_share)
                    .then(b.attributions.cmp(&a.attributions))
                    .then(a.outlet.cmp(&b.outlet))
            });
        } else {
            outlets.sort_by(|a, b| {
                b.attributions
                    .cmp(&a.attributions)
                    .then(a.outlet.cmp(&b.outlet))
            });
        }
        Ok(outlets)
    }

    /// Disputes: the most recent `limit`, and who disputes whom how often. `basis` keeps only
    /// disputes found by one of those signals ("denial_verb", "characterisation", …; see
    /// `hearsay_doc::DisputeBasis`); empty keeps all.
    pub fn disputes(&self, limit: usize, basis: &[&str]) -> Result<Disputes> {
        // ",a,b," (NULL for all), matched with instr() so one statement serves every filter.
        let only: Option<String> = (!basis.is_empty()).then(|| format!(",{},", basis.join(",")));
        let mut st = self.conn.prepare_cached(
            // Count per pair of document entities first (two key lookups per dispute), then
            // per pair of corpus entities (entity lookups per distinct pair only).
            "SELECT cb.name, ct.name, sum(g.n) AS n
             FROM (SELECT b.speaker_entity AS be, t.speaker_entity AS te, count(*) AS n
                   FROM disputes x
                   JOIN attributions b ON b.id = x.by_id
                   JOIN attributions t ON t.id = x.target_id
                   WHERE ?1 IS NULL OR instr(?1, ',' || x.basis || ',') > 0
                   GROUP BY be, te) g
             LEFT JOIN entities eb ON eb.id = g.be
             LEFT JOIN entities cb ON cb.id = eb.canonical_id
             LEFT JOIN entities et ON et.id = g.te
             LEFT JOIN entities ct ON ct.id = et.canonical_id
             GROUP BY cb.id, ct.id ORDER BY n DESC, cb.name, ct.name LIMIT 20",
        )?;
        let pairs = st
            .query_map([&only], |r| {
                Ok(DisputePair {
                    by: r.get(0)?,
                    target: r.get(1)?,
                    count: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM disputes x
                 WHERE ?1 IS NULL OR instr(?1, ',' || x.basis || ',') > 0",
            [&only],
            |r| r.get(0),
        )?;
        let mut st = self.conn.prepare_cached(
            "SELECT d.id, d.published, d.outlet, d.title, x.cue_text,
                    b.id, COALESCE(cb.name, b.speaker), b.cue_text, b.content,
                    t.id, COALESCE(ct.name, t.speaker), t.cue_text, t.content, x.basis
             FROM (SELECT x.* FROM disputes x JOIN documents d ON d.id = x.doc_id
                   WHERE ?2 IS NULL OR instr(?2, ',' || x.basis || ',') > 0
                   ORDER BY d.published IS NULL, d.published DESC, x.id DESC LIMIT ?1) x
             JOIN documents d ON d.id = x.doc_id
             JOIN attributions b ON b.id = x.by_id
             JOIN attributions t ON t.id = x.target_id
             LEFT JOIN entities eb ON eb.id = b.speaker_entity
             LEFT JOIN entities cb ON cb.id = eb.canonical_id
             LEFT JOIN entities et ON et.id = t.speaker_entity
             LEFT JOIN entities ct ON ct.id = et.canonical_id
             ORDER BY d.published IS NULL, d.published DESC, x.id DESC",
        )?;
        let party = |r: &Row, i: usize| -> rusqlite::Result<Party> {
            Ok(Party {
                attribution: r.get(i)?,
                speaker: r.get(i + 1)?,
                cue: r.get(i + 2)?,
                content: r.get(i + 3)?,
            })
        };
        let recent = st
            .query_map(rusqlite::params![limit as i64, only], |r| {
                Ok(DisputeRow {
                    document: r.get(0)?,
                    published: r.get(1)?,
                    outlet: r.get(2)?,
                    title: r.get(3)?,
                    cue: r.get(4)?,
                    by: party(r, 5)?,
                    target: party(r, 9)?,
                    basis: r.get(13)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Disputes {
            total: total as u64,
            pairs,
            recent,
        })
    }

    /// Find a document by store id, its own id, its URL or where it was read from.
    pub fn find_document(&self, key: &str) -> Result<Option<i64>> {
        if let Ok(id) = key.parse::<i64>() {
            let found: Option<i64> = self
                .conn
                .prepare_cached("SELECT id FROM documents WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        for sql in [
            "SELECT id FROM documents WHERE ext_id = ?1 ORDER BY id LIMIT 1",
            "SELECT id FROM documents WHERE url = ?1 ORDER BY id LIMIT 1",
            "SELECT id FROM documents WHERE origin = ?1 ORDER BY id LIMIT 1",
        ] {
            let found: Option<i64> = self
                .conn
                .prepare_cached(sql)?
                .query_row([key], |r| r.get(0))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// One document with everything stored about it.
    pub fn show(&self, id: i64) -> Result<ShownDoc> {
        let mut doc = self
            .conn
            .prepare_cached(
                "SELECT id, hash, origin, ext_id, url, title, outlet, published, metadata, text,
                    text_chars, hearsay_version, ingested_at FROM documents WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let hash: Vec<u8> = r.get(1)?;
                let metadata: String = r.get(8)?;
                Ok(ShownDoc {
                    id: r.get(0)?,
                    hash: hash.iter().map(|b| format!("{b:02x}")).collect(),
                    origin: r.get(2)?,
                    ext_id: r.get(3)?,
                    url: r.get(4)?,
                    title: r.get(5)?,
                    outlet: r.get(6)?,
                    published: r.get(7)?,
                    metadata: serde_json::from_str(&metadata).unwrap_or(serde_json::Value::Null),
                    text: r.get(9)?,
                    text_chars: r.get::<_, i64>(10)? as u64,
                    hearsay_version: r.get(11)?,
                    ingested_at: r.get(12)?,
                    attributions: Vec::new(),
                    entities: Vec::new(),
                    disputes: Vec::new(),
                })
            })?;
        // Code point -> byte offsets, to cut spans out of the text.
        let mut bytes: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).collect();
        bytes.push(doc.text.len());
        let cut = |start: i64, end: i64| -> Option<ShownSpan> {
            let (s, e) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
            let (bs, be) = (*bytes.get(s)?, *bytes.get(e)?);
            (bs <= be).then(|| ShownSpan {
                text: doc.text[bs..be].to_string(),
                start: s,
                end: e,
            })
        };
        let mut st = self.conn.prepare_cached(
            "SELECT a.id, a.local_id, a.kind, a.confidence, p.local_id, v.local_id,
                    c.id, c.name, c.type, a.speaker_fallback, a.anonymous, a.channel,
                    a.time_date, a.time_from, a.time_to, af.name
             FROM attributions a
             LEFT JOIN attributions p ON p.id = a.parent_id
             LEFT JOIN attributions v ON v.id = a.via_id
             LEFT JOIN entities e ON e.id = a.speaker_entity
             LEFT JOIN entities c ON c.id = e.canonical_id
             LEFT JOIN entities af ON af.id = a.affiliation_entity
             WHERE a.doc_id = ?1 ORDER BY a.local_id",
        )?;
        let mut attrs: Vec<(i64, ShownAttr)> = st
            .query_map([id], |r| {
                let speaker = match r.get::<_, Option<i64>>(6)? {
                    Some(cid) => Some(EntityRef {
                        id: cid,
                        name: r.get(7)?,
                        etype: r.get(8)?,
                    }),
                    None => None,
                };
                Ok((
                    r.get(0)?,
                    ShownAttr {
                        id: r.get(1)?,
                        kind: r.get(2)?,
                        confidence: r.get(3)?,
                        parent: r.get(4)?,
                        via: r.get(5)?,
                        speaker,
                        speaker_is_fallback: r.get(9)?,
                        anonymous: r.get(10)?,
                        channel: r.get(11)?,
                        time_date: r.get(12)?,
                        time_range: match (
                            r.get::<_, Option<String>>(13)?,
                            r.get::<_, Option<String>>(14)?,
                        ) {
                            (Some(a), Some(b)) => Some([a, b]),
                            _ => None,
                        },
                        affiliation: r.get(15)?,
                        source: None,
                        cue: None,
                        content: Vec::new(),
                        descriptor: None,
                        addressee: None,
                        time: None,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare_cached(
            "SELECT role, start, end FROM spans WHERE attribution_id = ?1 ORDER BY role, seq",
        )?;
        for (aid, a) in &mut attrs {
            let mut rows = st.query([*aid])?;
            while let Some(r) = rows.next()? {
                let role: String = r.get(0)?;
                let Some(span) = cut(r.get(1)?, r.get(2)?) else {
                    continue;
                };
                match role.as_str() {
                    "source" => a.source = Some(span),
                    "cue" => a.cue = Some(span),
                    "content" => a.content.push(span),
                    "descriptor" => a.descriptor = Some(span),
                    "addressee" => a.addressee = Some(span),
                    "time" => a.time = Some(span),
                    _ => {}
                }
            }
        }
        doc.attributions = attrs.into_iter().map(|(_, a)| a).collect();
        let mut st = self.conn.prepare_cached(
            "SELECT de.local_id, de.name, de.type, de.fallback, c.id, c.name
             FROM doc_entities de
             LEFT JOIN entities e ON e.id = de.entity_id
             LEFT JOIN entities c ON c.id = e.canonical_id
             WHERE de.doc_id = ?1 ORDER BY de.local_id",
        )?;
        doc.entities = st
            .query_map([id], |r| {
                Ok(ShownEntity {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    etype: r.get(2)?,
                    fallback: r.get(3)?,
                    corpus_entity: r.get(4)?,
                    corpus_name: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare_cached(
            "SELECT b.local_id, t.local_id, x.cue_text, x.basis FROM disputes x
             JOIN attributions b ON b.id = x.by_id JOIN attributions t ON t.id = x.target_id
             WHERE x.doc_id = ?1 ORDER BY x.id",
        )?;
        doc.disputes = st
            .query_map([id], |r| {
                Ok(ShownDispute {
                    by: r.get(0)?,
                    target: r.get(1)?,
                    cue: r.get(2)?,
                    basis: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(doc)
    }
}

/// Result of [`Store::find_speaker`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Lookup {
    Found(EntitySummary),
    Ambiguous(Vec<EntitySummary>),
    NotFound,
}

/// A corpus entity with its counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntitySummary {
    pub entity: EntityRef,
    /// Other names joined into it ("Peskov").
    pub aliases: Vec<String>,
    pub attributions: u64,
    pub mentions: u64,
    pub documents: u64,
}

/// A name with a count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counted {
    pub name: String,
    pub count: u64,
}

/// Sourcing statistics of one outlet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutletStats {
    /// `None`: documents without an outlet.
    pub outlet: Option<String>,
    pub documents: u64,
    pub attributions: u64,
    pub anonymous: u64,
    pub anonymous_share: f64,
    pub top_speakers: Vec<Counted>,
    /// The commonest descriptions of anonymous sources ("a person close to the ministry").
    pub top_anonymous: Vec<Counted>,
}

/// Who disputes whom.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DisputePair {
    pub by: Option<String>,
    pub target: Option<String>,
    pub count: u64,
}

/// One side of a dispute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Party {
    pub attribution: i64,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub content: String,
}

/// One dispute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DisputeRow {
    pub document: i64,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub cue: Option<String>,
    pub by: Party,
    pub target: Party,
    /// The signal it was found by (NULL in databases written before it was recorded).
    pub basis: Option<String>,
}

/// Result of [`Store::disputes`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disputes {
    pub total: u64,
    pub pairs: Vec<DisputePair>,
    pub recent: Vec<DisputeRow>,
}

/// A span of a shown document: code-point offsets and the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShownSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One attribution of a shown document (ids are the document's own, 1-based).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShownAttr {
    pub id: i64,
    pub kind: String,
    pub confidence: f64,
    pub parent: Option<i64>,
    pub via: Option<i64>,
    /// The corpus entity of the speaker.
    pub speaker: Option<EntityRef>,
    /// True when the speaker was read from the source text, not resolved by the pipeline.
    pub speaker_is_fallback: bool,
    pub anonymous: bool,
    pub affiliation: Option<String>,
    pub channel: Option<String>,
    pub time_date: Option<String>,
    pub time_range: Option<[String; 2]>,
    pub source: Option<ShownSpan>,
    pub cue: Option<ShownSpan>,
    pub content: Vec<ShownSpan>,
    pub descriptor: Option<ShownSpan>,
    pub addressee: Option<ShownSpan>,
    pub time: Option<ShownSpan>,
}

/// An entity of a shown document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShownEntity {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub fallback: bool,
    pub corpus_entity: Option<i64>,
    pub corpus_name: Option<String>,
}

/// A dispute of a shown document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShownDispute {
    pub by: i64,
    pub target: i64,
    pub cue: Option<String>,
    /// The signal it was found by (NULL in databases written before it was recorded).
    pub basis: Option<String>,
}

/// Result of [`Store::show`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShownDoc {
    pub id: i64,
    pub hash: String,
    pub origin: String,
    pub ext_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub metadata: serde_json::Value,
    pub text_chars: u64,
    pub hearsay_version: String,
    pub ingested_at: String,
    pub attributions: Vec<ShownAttr>,
    pub entities: Vec<ShownEntity>,
    pub disputes: Vec<ShownDispute>,
    #[serde(skip)]
    pub text: String,
}
