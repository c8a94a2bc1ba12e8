//! hearsay's corpus store: one SQLite file (bundled SQLite, WAL journal, FTS5) that keeps
//! every processed document with its attributions, entities and disputes, and answers
//! questions across the corpus. The tables are described in `SCHEMA.md`.
//!
//! ```
//! # let dir = std::env::temp_dir().join(format!("hearsay-store-doctest-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! use hearsay_store::{NewDocument, Store};
//! let mut store = Store::open(dir.join("corpus.db")).unwrap();
//! let doc = hearsay::doc::Doc::new("Nothing was said.");
//! let record = hearsay::record::doc_out("a.txt", &doc);
//! let mut batch = store.batch().unwrap();
//! let new = NewDocument::new([7; 32], "a.txt", &doc.text, &record);
//! assert!(batch.insert(&new).unwrap().is_some());
//! assert!(batch.insert(&new).unwrap().is_none(), "same hash: nothing added");
//! batch.commit().unwrap();
//! assert_eq!(store.counts().unwrap().documents, 1);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! **Invariants.** A document is written whole or not at all: its rows go in under one
//! savepoint inside the batch transaction, and a batch commits only complete documents, so a
//! crash (even `kill -9`) leaves the database as it was after the last commit. A document is
//! identified by its content hash (`documents.hash`, UNIQUE): inserting it again adds nothing.
//! Corpus entities depend only on the set of names stored, not on the order documents came
//! in (see [`Batch::insert`]).

use std::collections::HashMap;
use std::path::Path;

use hearsay::record::{AttrOut, DocOut, SpanOut};
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};

pub mod names;
pub mod query;
pub mod schema;

pub use rusqlite;

/// Errors of the store.
#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    /// The file is an SQLite database of something else.
    NotHearsay,
    /// Written by a newer hearsay.
    TooNew {
        found: u32,
        known: u32,
    },
    /// A read-only open found no database.
    Missing,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Sqlite(e) => write!(f, "{e}"),
            Error::NotHearsay => f.write_str(
                "not a hearsay database (it is an SQLite file with other tables); choose another --db",
            ),
            Error::TooNew { found, known } => write!(
                f,
                "the database has schema version {found}, newer than this hearsay knows ({known}); \
                 upgrade hearsay"
            ),
            Error::Missing => f.write_str("no such database (create one with `hearsay ingest`)"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Sqlite(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One document to store: its identity, its metadata and its processed record.
#[derive(Clone, Copy, Debug)]
pub struct NewDocument<'a> {
    /// Content hash (`hearsay_corpus::Article::content_hash`): the document's identity.
    pub hash: [u8; 32],
    /// Where it was read from, for people (`a.jsonl:17`).
    pub origin: &'a str,
    pub ext_id: Option<&'a str>,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub published: Option<&'a str>,
    /// Other metadata as a JSON object (`None`: `{}`).
    pub metadata: Option<&'a str>,
    pub text: &'a str,
    /// What the pipeline found, in code-point offsets.
    pub record: &'a DocOut<'a>,
}

impl<'a> NewDocument<'a> {
    /// A document with no metadata besides its origin.
    pub fn new(hash: [u8; 32], origin: &'a str, text: &'a str, record: &'a DocOut<'a>) -> Self {
        NewDocument {
            hash,
            origin,
            ext_id: None,
            url: None,
            title: None,
            outlet: None,
            published: None,
            metadata: None,
            text,
            record,
        }
    }
}

/// Row counts of the main tables.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub documents: u64,
    pub attributions: u64,
    pub spans: u64,
    /// Distinct names stored (rows of `entities`).
    pub entity_names: u64,
    /// Corpus entities after surname joining.
    pub entities: u64,
    pub mentions: u64,
    pub disputes: u64,
    /// Rows of the full-text index.
    pub indexed: u64,
}

/// An open hearsay database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (creating if needed) a database for reading and writing, and bring its schema up
    /// to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::setup(conn, true)
    }

    /// Open an existing database for queries. Fails with [`Error::Missing`] when there is
    /// none; an older schema is upgraded (that needs write access).
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(Error::Missing);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::setup(conn, false)
    }

    fn setup(mut conn: Connection, create: bool) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if app != schema::APPLICATION_ID {
            let tables: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if app != 0 || tables > 0 || version != 0 {
                return Err(Error::NotHearsay);
            }
            if !create {
                return Err(Error::Missing);
            }
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -32_768)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrate(&mut conn, schema::MIGRATIONS)?;
        Ok(Store { conn })
    }

    /// The underlying connection (for tests and ad-hoc SQL).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Whether a document with this content hash is stored.
    pub fn contains(&self, hash: &[u8; 32]) -> Result<bool> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?;
        Ok(st.exists([&hash[..]])?)
    }

    /// Start a write transaction. Insert documents with [`Batch::insert`], then
    /// [`Batch::commit`]; dropping the batch rolls it back.
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Batch { tx })
    }

    /// Row counts.
    pub fn counts(&self) -> Result<Counts> {
        let c = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            documents: c("SELECT count(*) FROM documents")?,
            attributions: c("SELECT count(*) FROM attributions")?,
            spans: c("SELECT count(*) FROM spans")?,
            entity_names: c("SELECT count(*) FROM entities")?,
            entities: c("SELECT count(*) FROM entities WHERE canonical_id = id")?,
            mentions: c("SELECT count(*) FROM mentions")?,
            disputes: c("SELECT count(*) FROM disputes")?,
            indexed: c("SELECT count(*) FROM attributions_fts")?,
        })
    }

    /// `PRAGMA integrity_check` plus the full-text index's own check: `"ok"` when sound.
    pub fn integrity_check(&self) -> Result<String> {
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut report = rows.join("\n");
        if report == "ok" {
            if let Err(e) = self.conn.execute(
                "INSERT INTO attributions_fts(attributions_fts, rank) VALUES('integrity-check', 1)",
                [],
            ) {
                report = format!("full-text index: {e}");
            }
        }
        Ok(report)
    }
}

/// Apply the migrations a database lacks, each in its own immediate transaction (so two
/// processes opening a new database at once do not both migrate it). Returns the version.
pub fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<u32> {
    let known = migrations.len() as u32;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > known {
            return Err(Error::TooNew {
                found: version,
                known,
            });
        }
        if version == known {
            return Ok(version);
        }
        tx.execute_batch(migrations[version as usize])?;
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// A write transaction: documents inserted into it become visible together at
/// [`Batch::commit`].
pub struct Batch<'c> {
    tx: Transaction<'c>,
}

/// What one insert added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inserted {
    pub document: i64,
    pub attributions: usize,
}

/// Running totals of one document's entity, before they are added to `entities`.
#[derive(Default)]
struct EntityTally {
    mentions: i64,
    attributions: i64,
}

impl Batch<'_> {
    /// Insert one document, whole, under a savepoint: `Ok(None)` when a document with the same
    /// hash is stored already (nothing is written); on an error nothing of it is written and
    /// the batch can go on.
    ///
    /// Entities: each named entity of the record, and for an attribution without a resolved
    /// speaker a fallback name read from its source span ([`names::speaker_from_source`]),
    /// becomes a row of `entities` keyed by its normalised name. A one-word person name joins
    /// a full name ending in that word (`canonical_id`) when exactly one such full name is
    /// stored, and comes apart again when a second one arrives; so corpus entities depend only
    /// on the names stored, not on their order.
    pub fn insert(&mut self, doc: &NewDocument) -> Result<Option<Inserted>> {
        let sp = self.tx.savepoint()?;
        let out = insert_document(&sp, doc)?;
        sp.commit()?;
        Ok(out)
    }

    /// Make everything inserted durable.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

fn insert_document(tx: &Connection, doc: &NewDocument) -> Result<Option<Inserted>> {
    let rec = doc.record;
    let added = tx
        .prepare_cached(
            "INSERT INTO documents (hash, origin, ext_id, url, title, outlet, published, metadata,
                                    text, text_chars, n_attributions, hearsay_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (hash) DO NOTHING",
        )?
        .execute(params![
            &doc.hash[..],
            doc.origin,
            doc.ext_id,
            doc.url,
            doc.title,
            doc.outlet,
            doc.published,
            doc.metadata.unwrap_or("{}"),
            doc.text,
            rec.text_chars as i64,
            rec.attributions.len() as i64,
            env!("CARGO_PKG_VERSION"),
        ])?;
    if added == 0 {
        return Ok(None);
    }
    let doc_id = tx.last_insert_rowid();

    // Document entities: the record's own, then fallback speakers.
    struct DocEntity {
        local: i64,
        corpus: Option<i64>,
    }
    let mut local_to_corpus: HashMap<i64, DocEntity> = HashMap::new();
    let mut tally: HashMap<i64, EntityTally> = HashMap::new();
    let mut ins_doc_entity = tx.prepare_cached(
        "INSERT INTO doc_entities (doc_id, local_id, entity_id, name, type, fallback)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut ins_mention = tx.prepare_cached(
        "INSERT INTO mentions (doc_id, local_id, entity_id, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for e in &rec.entities {
        let corpus = ensure_entity(tx, &e.name, e.etype)?;
        let local = e.id as i64;
        ins_doc_entity.execute(params![doc_id, local, corpus, e.name, e.etype, false])?;
        for m in &e.mentions {
            ins_mention.execute(params![doc_id, local, corpus, m.start as i64, m.end as i64])?;
        }
        if let Some(c) = corpus {
            tally.entry(c).or_default().mentions += e.mentions.len() as i64;
        }
        local_to_corpus.insert(local, DocEntity { local, corpus });
    }
    // Fallback speakers, one document entity per distinct normalised name.
    let mut fallback: Vec<Option<(i64, Option<i64>)>> = vec![None; rec.attributions.len()];
    let mut fallback_by_norm: HashMap<String, (i64, Option<i64>)> = HashMap::new();
    let mut next_local = rec.entities.iter().map(|e| e.id as i64).max().unwrap_or(0) + 1;
    for (k, a) in rec.attributions.iter().enumerate() {
        if a.speaker.is_some() || a.anonymous {
            continue;
        }
        let Some(src) = &a.source else { continue };
        let Some(name) = names::speaker_from_source(src.text) else {
            continue;
        };
        let norm = names::normalize(&name);
        let entry = match fallback_by_norm.get(&norm) {
            Some(&e) => e,
            None => {
                let corpus = ensure_entity(tx, &name, "unknown")?;
                let local = next_local;
                next_local += 1;
                ins_doc_entity.execute(params![doc_id, local, corpus, name, "unknown", true])?;
                fallback_by_norm.insert(norm, (local, corpus));
                (local, corpus)
            }
        };
        ins_mention.execute(params![
            doc_id,
            entry.0,
            entry.1,
            src.start as i64,
            src.end as i64
        ])?;
        if let Some(c) = entry.1 {
            tally.entry(c).or_default().mentions += 1;
        }
        fallback[k] = Some(entry);
    }

    // Attributions: ids are the next free ones, in record order, so parents and relays that
    // come later in the document can be referred to before they are inserted.
    let base: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM attributions", [], |r| {
        r.get(0)
    })?;
    let global = |local: usize| base + local as i64;
    let n = rec.attributions.len();
    let valid = |id: Option<usize>| id.filter(|&i| (1..=n).contains(&i)).map(global);
    let mut ins_attr = tx.prepare_cached(
        "INSERT INTO attributions (id, doc_id, local_id, kind, confidence, parent_id, via_id,
            speaker_local, speaker_entity, speaker_fallback, anonymous, descriptor,
            affiliation_entity, channel, addressee, time_text, time_date, time_from, time_to,
            source_text, cue_text, speaker, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23)",
    )?;
    let mut ins_span = tx.prepare_cached(
        "INSERT INTO spans (attribution_id, role, seq, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut ins_fts = tx.prepare_cached(
        "INSERT INTO attributions_fts (rowid, speaker, content) VALUES (?1, ?2, ?3)",
    )?;
    let mut speakers: Vec<Option<i64>> = Vec::with_capacity(n);
    for (k, a) in rec.attributions.iter().enumerate() {
        let id = global(k + 1);
        let resolved = a
            .speaker
            .as_ref()
            .and_then(|s| local_to_corpus.get(&(s.entity as i64)))
            .map(|d| (d.local, d.corpus));
        let (speaker_local, speaker_entity, is_fallback) = match (resolved, fallback[k]) {
            (Some((l, c)), _) => (Some(l), c, false),
            (None, Some((l, c))) => (Some(l), c, true),
            (None, None) => (None, None, false),
        };
        let speaker_name: Option<String> = match (&a.speaker, fallback[k]) {
            (Some(s), _) => Some(s.name.clone()),
            (None, Some(_)) => a
                .source
                .as_ref()
                .and_then(|s| names::speaker_from_source(s.text)),
            (None, None) => None,
        };
        let speaker_text = speaker_name
            .clone()
            .or_else(|| a.source.as_ref().map(|s| squash(s.text)));
        let affiliation = a
            .affiliation
            .as_ref()
            .and_then(|s| local_to_corpus.get(&(s.entity as i64)))
            .and_then(|d| d.corpus);
        let content = content_text(a);
        ins_attr.execute(params![
            id,
            doc_id,
            a.id as i64,
            a.kind,
            a.confidence,
            valid(a.parent),
            valid(a.via),
            speaker_local,
            speaker_entity,
            is_fallback,
            a.anonymous,
            a.descriptor.as_ref().map(|s| squash(s.text)),
            affiliation,
            a.channel,
            a.addressee.as_ref().map(|s| squash(s.text)),
            a.time.as_ref().map(|t| squash(t.text)),
            a.time.as_ref().and_then(|t| t.date.clone()),
            a.time
                .as_ref()
                .and_then(|t| t.range.as_ref().map(|r| r[0].clone())),
            a.time
                .as_ref()
                .and_then(|t| t.range.as_ref().map(|r| r[1].clone())),
            a.source.as_ref().map(|s| squash(s.text)),
            a.cue.as_ref().map(|s| squash(s.text)),
            speaker_text,
            content,
        ])?;
        ins_fts.execute(params![id, speaker_text, content])?;
        let mut span = |role: &str, seq: usize, s: &SpanOut| -> rusqlite::Result<usize> {
            ins_span.execute(params![id, role, seq as i64, s.start as i64, s.end as i64])
        };
        if let Some(s) = &a.source {
            span("source", 0, s)?;
        }
        if let Some(s) = &a.cue {
            span("cue", 0, s)?;
        }
        for (i, s) in a.content.iter().enumerate() {
            span("content", i, s)?;
        }
        if let Some(s) = &a.descriptor {
            span("descriptor", 0, s)?;
        }
        if let Some(s) = &a.addressee {
            span("addressee", 0, s)?;
        }
        if let Some(t) = &a.time {
            let s = SpanOut {
                text: t.text,
                start: t.start,
                end: t.end,
            };
            span("time", 0, &s)?;
        }
        if let Some(c) = speaker_entity {
            tally.entry(c).or_default().attributions += 1;
        }
        speakers.push(speaker_entity);
    }

    let mut ins_dispute = tx.prepare_cached(
        "INSERT INTO disputes (doc_id, by_id, target_id, cue_start, cue_end, cue_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for d in &rec.disputes {
        let (Some(by), Some(target)) = (valid(Some(d.by)), valid(Some(d.target))) else {
            continue;
        };
        ins_dispute.execute(params![
            doc_id,
            by,
            target,
            d.cue.as_ref().map(|c| c.start as i64),
            d.cue.as_ref().map(|c| c.end as i64),
            d.cue.as_ref().map(|c| squash(c.text)),
        ])?;
    }

    // Per-outlet aggregates ('' for documents without an outlet).
    let outlet = doc.outlet.unwrap_or("");
    let anonymous = rec.attributions.iter().filter(|a| a.anonymous).count() as i64;
    tx.prepare_cached(
        "INSERT INTO outlets (name, documents, attributions, anonymous) VALUES (?1, 1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET documents = documents + 1,
             attributions = attributions + ?2, anonymous = anonymous + ?3",
    )?
    .execute(params![outlet, n as i64, anonymous])?;
    let mut named: HashMap<i64, i64> = HashMap::new();
    for (a, speaker) in rec.attributions.iter().zip(&speakers) {
        if let (false, Some(e)) = (a.anonymous, speaker) {
            *named.entry(*e).or_default() += 1;
        }
    }
    let mut per_outlet = tx.prepare_cached(
        "INSERT INTO outlet_speakers (outlet, entity_id, attributions) VALUES (?1, ?2, ?3)
         ON CONFLICT (outlet, entity_id) DO UPDATE SET attributions = attributions + ?3",
    )?;
    for (e, k) in &named {
        per_outlet.execute(params![outlet, e, k])?;
    }

    let mut bump = tx.prepare_cached(
        "UPDATE entities SET documents = documents + 1, mentions = mentions + ?2,
                             attributions = attributions + ?3 WHERE id = ?1",
    )?;
    for (id, t) in &tally {
        bump.execute(params![id, t.mentions, t.attributions])?;
    }
    Ok(Some(Inserted {
        document: doc_id,
        attributions: n,
    }))
}

/// Whitespace runs as single spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The content pieces of an attribution, joined as the TSV output joins them.
fn content_text(a: &AttrOut) -> String {
    a.content
        .iter()
        .map(|s| squash(s.text))
        .collect::<Vec<_>>()
        .join(" … ")
}

/// The corpus entity for a name (created when new), with its surname links kept up to date.
/// `None` for a name that normalises to nothing.
fn ensure_entity(tx: &Connection, name: &str, etype: &str) -> Result<Option<i64>> {
    let norm = names::normalize(name);
    if norm.is_empty() {
        return Ok(None);
    }
    let found: Option<(i64, String, Option<String>)> = tx
        .prepare_cached("SELECT id, type, join_key FROM entities WHERE norm = ?1")?
        .query_row([&norm], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((id, old_type, old_key)) = found {
        // A typed mention refines an entity first seen as a fallback name.
        if old_type == "unknown" && etype != "unknown" {
            let key = names::join_key(name, etype);
            tx.prepare_cached(
                "UPDATE entities SET type = ?2, join_key = ?3, full = ?4 WHERE id = ?1",
            )?
            .execute(params![
                id,
                etype,
                key.as_ref().map(|k| &k.0),
                key.as_ref().is_some_and(|k| k.1)
            ])?;
            if let Some(k) = old_key {
                relink(tx, &k)?;
            }
            if let Some((k, _)) = key {
                relink(tx, &k)?;
            }
        }
        return Ok(Some(id));
    }
    let key = names::join_key(name, etype);
    tx.prepare_cached(
        "INSERT INTO entities (name, norm, type, join_key, full, canonical_id) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
    )?
    .execute(params![
        squash(name),
        norm,
        etype,
        key.as_ref().map(|k| &k.0),
        key.as_ref().is_some_and(|k| k.1)
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached("UPDATE entities SET canonical_id = id WHERE id = ?1")?
        .execute([id])?;
    if let Some((k, _)) = key {
        relink(tx, &k)?;
    }
    Ok(Some(id))
}

/// Point the one-word name `key` (if stored) at the only full name ending in it, or at itself
/// when there are none or several.
fn relink(tx: &Connection, key: &str) -> Result<()> {
    let fulls: Vec<i64> = tx
        .prepare_cached("SELECT id FROM entities WHERE join_key = ?1 AND full = 1 LIMIT 2")?
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let target = (fulls.len() == 1).then(|| fulls[0]);
    tx.prepare_cached(
        "UPDATE entities SET canonical_id = COALESCE(?2, id) WHERE join_key = ?1 AND full = 0",
    )?
    .execute(params![key, target])?;
    Ok(())
}

#[cfg(test)]
mod tests;
