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

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use hearsay::record::{AttrOut, DocOut};
use rusqlite::types::ToSqlOutput;
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
        // Checkpoint the WAL into the database every 8192 pages (32 MiB) rather than every
        // 1000: a bulk load rewrites the same index pages in batch after batch, and each
        // checkpoint copies every page the WAL holds.
        conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
        // Inserting a document uses about twenty statements; rusqlite caches 16 by default,
        // and a statement pushed out is compiled again for the next document.
        conn.set_prepared_statement_cache_capacity(64);
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
        Ok(Batch {
            tx,
            cache: EntityCache::default(),
            pending: Pending::default(),
        })
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

/// One step of the schema: SQL, or (for what SQL cannot say) a function, run in the
/// migration's transaction.
pub trait Migration {
    fn apply(&self, tx: &Connection) -> Result<()>;
}

impl Migration for &str {
    fn apply(&self, tx: &Connection) -> Result<()> {
        Ok(tx.execute_batch(self)?)
    }
}

impl Migration for schema::Step {
    fn apply(&self, tx: &Connection) -> Result<()> {
        match self {
            schema::Step::Sql(sql) => Ok(tx.execute_batch(sql)?),
            schema::Step::RelinkNames => relink_all(tx),
        }
    }
}

/// Apply the migrations a database lacks, each in its own immediate transaction (so two
/// processes opening a new database at once do not both migrate it). Returns the version.
pub fn migrate<M: Migration>(conn: &mut Connection, migrations: &[M]) -> Result<u32> {
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
        migrations[version as usize].apply(&tx)?;
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// A write transaction: documents inserted into it become visible together at
/// [`Batch::commit`].
pub struct Batch<'c> {
    tx: Transaction<'c>,
    cache: EntityCache,
    pending: Pending,
}

/// What a batch knows of `entities`. Only the batch's transaction writes the table (it is an
/// immediate one), so this stays true until a document's savepoint is rolled back, which
/// clears it.
#[derive(Default)]
struct EntityCache {
    /// By normalised name: `(id, whether its type is unknown)`.
    by_norm: HashMap<String, (i64, bool)>,
    /// The id the next new entity gets, once read.
    next_id: Option<i64>,
}

/// Rows and sums of the batch's documents written at [`Batch::commit`], in the same
/// transaction: index rows and counters, which do not identify a document and which many
/// documents of a batch update. A document's share is added only once its savepoint is
/// released.
#[derive(Default)]
struct Pending {
    /// Full-text rows `(attribution id, speaker, content)`.
    fts: Vec<(i64, Option<String>, String)>,
    /// Per entity: documents, mentions, attributions to add.
    entities: BTreeMap<i64, [i64; 3]>,
    /// Per outlet: documents, attributions, anonymous attributions to add.
    outlets: BTreeMap<String, [i64; 3]>,
    /// Per (outlet, entity): attributions to add.
    outlet_speakers: BTreeMap<(String, i64), i64>,
}

/// One document's share of [`Pending`].
struct Share {
    fts: Vec<(i64, Option<String>, String)>,
    entities: HashMap<i64, [i64; 3]>,
    outlet: String,
    outlet_counts: [i64; 3],
    speakers: HashMap<i64, i64>,
}

impl Pending {
    fn add(&mut self, share: Share) {
        self.fts.extend(share.fts);
        for (id, c) in share.entities {
            let t = self.entities.entry(id).or_default();
            for (t, c) in t.iter_mut().zip(c) {
                *t += c;
            }
        }
        for (e, n) in share.speakers {
            *self
                .outlet_speakers
                .entry((share.outlet.clone(), e))
                .or_default() += n;
        }
        let t = self.outlets.entry(share.outlet).or_default();
        for (t, c) in t.iter_mut().zip(share.outlet_counts) {
            *t += c;
        }
    }

    fn write(&self, tx: &Connection) -> Result<()> {
        let mut fts = tx.prepare_cached(
            "INSERT INTO attributions_fts (rowid, speaker, content) VALUES (?1, ?2, ?3)",
        )?;
        for (id, speaker, content) in &self.fts {
            fts.execute(params![id, speaker, content])?;
        }
        let mut bump = tx.prepare_cached(
            "UPDATE entities SET documents = documents + ?2, mentions = mentions + ?3,
                                 attributions = attributions + ?4 WHERE id = ?1",
        )?;
        for (id, [d, m, a]) in &self.entities {
            bump.execute(params![id, d, m, a])?;
        }
        let mut outlets = tx.prepare_cached(
            "INSERT INTO outlets (name, documents, attributions, anonymous) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET documents = documents + ?2,
                 attributions = attributions + ?3, anonymous = anonymous + ?4",
        )?;
        for (name, [d, a, anon]) in &self.outlets {
            outlets.execute(params![name, d, a, anon])?;
        }
        let mut speakers = tx.prepare_cached(
            "INSERT INTO outlet_speakers (outlet, entity_id, attributions) VALUES (?1, ?2, ?3)
             ON CONFLICT (outlet, entity_id) DO UPDATE SET attributions = attributions + ?3",
        )?;
        for ((outlet, e), n) in &self.outlet_speakers {
            speakers.execute(params![outlet, e, n])?;
        }
        Ok(())
    }
}

/// What one insert added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inserted {
    pub document: i64,
    pub attributions: usize,
}

/// A document turned into the rows the store writes: names cleaned and normalised, span
/// texts squashed, entity references resolved to positions, spans listed. Making one needs no
/// database, so `hearsay ingest` makes them on its worker threads and its single writer
/// thread only runs SQL ([`Batch::insert_prepared`]). [`Batch::insert`] does both.
#[derive(Clone, Debug)]
pub struct Prepared {
    hash: [u8; 32],
    origin: String,
    ext_id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    metadata: Option<String>,
    text: String,
    text_chars: i64,
    /// The record's entities, then one fallback speaker per distinct normalised name.
    entities: Vec<PEntity>,
    attributions: Vec<PAttr>,
    disputes: Vec<PDispute>,
}

#[derive(Clone, Debug)]
struct PEntity {
    /// The record's entity id (1-based); fallback speakers continue after the largest.
    local: i64,
    /// The name as the document has it (`doc_entities.name`).
    name: String,
    etype: &'static str,
    fallback: bool,
    /// `names::normalize(name)`: empty for a name that normalises to nothing (no corpus entity).
    norm: String,
    mentions: Vec<(i64, i64)>,
}

#[derive(Clone, Debug)]
struct PAttr {
    local_id: i64,
    kind: &'static str,
    confidence: f64,
    /// 1-based record ids, checked to be in range.
    parent: Option<i64>,
    via: Option<i64>,
    /// Position in `Prepared::entities`.
    speaker: Option<usize>,
    speaker_fallback: bool,
    anonymous: bool,
    descriptor: Option<String>,
    affiliation: Option<usize>,
    channel: Option<&'static str>,
    addressee: Option<String>,
    time_text: Option<String>,
    time_date: Option<String>,
    time_from: Option<String>,
    time_to: Option<String>,
    source_text: Option<String>,
    cue_text: Option<String>,
    speaker_text: Option<String>,
    content: String,
    /// `(role, seq, start, end)`.
    spans: Vec<(&'static str, i64, i64, i64)>,
}

#[derive(Clone, Debug)]
struct PDispute {
    by: i64,
    target: i64,
    cue: Option<(i64, i64, String)>,
    basis: &'static str,
}

impl Prepared {
    /// Convert a document for [`Batch::insert_prepared`].
    pub fn new(doc: &NewDocument) -> Prepared {
        let rec = doc.record;
        let n = rec.attributions.len();
        let valid = |id: Option<usize>| id.filter(|&i| (1..=n).contains(&i)).map(|i| i as i64);
        let mut entities: Vec<PEntity> = rec
            .entities
            .iter()
            .map(|e| PEntity {
                local: e.id as i64,
                name: e.name.clone(),
                etype: e.etype,
                fallback: false,
                norm: names::normalize(&e.name),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| (m.start as i64, m.end as i64))
                    .collect(),
            })
            .collect();
        let by_local: HashMap<usize, usize> = rec
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        // Fallback speakers: one document entity per distinct normalised name, with the
        // source span of each attribution it speaks as a mention.
        let mut fallback: Vec<Option<(usize, String)>> = vec![None; n];
        let mut fallback_by_norm: HashMap<String, usize> = HashMap::new();
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
            let at = *fallback_by_norm.entry(norm.clone()).or_insert_with(|| {
                entities.push(PEntity {
                    local: next_local,
                    name: name.clone(),
                    etype: "unknown",
                    fallback: true,
                    norm,
                    mentions: Vec::new(),
                });
                next_local += 1;
                entities.len() - 1
            });
            entities[at]
                .mentions
                .push((src.start as i64, src.end as i64));
            fallback[k] = Some((at, name));
        }
        let attributions = rec
            .attributions
            .iter()
            .zip(fallback)
            .map(|(a, fallback)| {
                let resolved = a
                    .speaker
                    .as_ref()
                    .and_then(|s| by_local.get(&s.entity).copied());
                let (speaker, speaker_fallback) = match (resolved, &fallback) {
                    (Some(i), _) => (Some(i), false),
                    (None, Some((i, _))) => (Some(*i), true),
                    (None, None) => (None, false),
                };
                let speaker_text = match (&a.speaker, fallback) {
                    (Some(s), _) => Some(s.name.clone()),
                    (None, Some((_, name))) => Some(name),
                    (None, None) => a.source.as_ref().map(|s| squash(s.text)),
                };
                let mut spans = Vec::new();
                let mut span = |role: &'static str, seq: usize, start: usize, end: usize| {
                    spans.push((role, seq as i64, start as i64, end as i64));
                };
                if let Some(s) = &a.source {
                    span("source", 0, s.start, s.end);
                }
                if let Some(s) = &a.cue {
                    span("cue", 0, s.start, s.end);
                }
                for (i, s) in a.content.iter().enumerate() {
                    span("content", i, s.start, s.end);
                }
                if let Some(s) = &a.descriptor {
                    span("descriptor", 0, s.start, s.end);
                }
                if let Some(s) = &a.addressee {
                    span("addressee", 0, s.start, s.end);
                }
                if let Some(t) = &a.time {
                    span("time", 0, t.start, t.end);
                }
                PAttr {
                    local_id: a.id as i64,
                    kind: a.kind,
                    confidence: a.confidence,
                    parent: valid(a.parent),
                    via: valid(a.via),
                    speaker,
                    speaker_fallback,
                    anonymous: a.anonymous,
                    descriptor: a.descriptor.as_ref().map(|s| squash(s.text)),
                    affiliation: a
                        .affiliation
                        .as_ref()
                        .and_then(|s| by_local.get(&s.entity).copied()),
                    channel: a.channel,
                    addressee: a.addressee.as_ref().map(|s| squash(s.text)),
                    time_text: a.time.as_ref().map(|t| squash(t.text)),
                    time_date: a.time.as_ref().and_then(|t| t.date.clone()),
                    time_from: a
                        .time
                        .as_ref()
                        .and_then(|t| t.range.as_ref().map(|r| r[0].clone())),
                    time_to: a
                        .time
                        .as_ref()
                        .and_then(|t| t.range.as_ref().map(|r| r[1].clone())),
                    source_text: a.source.as_ref().map(|s| squash(s.text)),
                    cue_text: a.cue.as_ref().map(|s| squash(s.text)),
                    speaker_text,
                    content: content_text(a),
                    spans,
                }
            })
            .collect();
        let disputes = rec
            .disputes
            .iter()
            .filter_map(|d| {
                Some(PDispute {
                    by: valid(Some(d.by))?,
                    target: valid(Some(d.target))?,
                    cue: d
                        .cue
                        .as_ref()
                        .map(|c| (c.start as i64, c.end as i64, squash(c.text))),
                    basis: d.basis,
                })
            })
            .collect();
        let owned = |s: Option<&str>| s.map(str::to_string);
        Prepared {
            hash: doc.hash,
            origin: doc.origin.to_string(),
            ext_id: owned(doc.ext_id),
            url: owned(doc.url),
            title: owned(doc.title),
            outlet: owned(doc.outlet),
            published: owned(doc.published),
            metadata: owned(doc.metadata),
            text: doc.text.to_string(),
            text_chars: rec.text_chars as i64,
            entities,
            attributions,
            disputes,
        }
    }

    /// The content hash.
    pub fn hash(&self) -> &[u8; 32] {
        &self.hash
    }

    /// Where the document was read from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Length of the text in bytes.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Number of attributions.
    pub fn attributions(&self) -> usize {
        self.attributions.len()
    }
}

impl Batch<'_> {
    /// Insert one document, whole, under a savepoint: `Ok(None)` when a document with the same
    /// hash is stored already (nothing is written); on an error nothing of it is written and
    /// the batch can go on.
    ///
    /// Entities: each named entity of the record, and for an attribution without a resolved
    /// speaker a fallback name read from its source span ([`names::speaker_from_source`]),
    /// becomes a row of `entities` keyed by its normalised name. Names of persons are joined
    /// by [`names::join_key`]'s surname and [`names::split_initials`]'s middle initials
    /// ("Bush", "George Bush" → "George W. Bush") when that is unambiguous, and come apart
    /// again when a second candidate arrives; so corpus entities depend only on the names
    /// stored, not on their order.
    pub fn insert(&mut self, doc: &NewDocument) -> Result<Option<Inserted>> {
        self.insert_prepared(&Prepared::new(doc))
    }

    /// [`Batch::insert`] of a document already converted.
    pub fn insert_prepared(&mut self, doc: &Prepared) -> Result<Option<Inserted>> {
        self.tx.prepare_cached("SAVEPOINT document")?.execute([])?;
        match insert_document(&self.tx, &mut self.cache, doc) {
            Ok(out) => {
                self.tx.prepare_cached("RELEASE document")?.execute([])?;
                Ok(out.map(|(inserted, share)| {
                    self.pending.add(share);
                    inserted
                }))
            }
            Err(e) => {
                self.cache = EntityCache::default();
                self.tx
                    .prepare_cached("ROLLBACK TO document")?
                    .execute([])?;
                self.tx.prepare_cached("RELEASE document")?.execute([])?;
                Err(e)
            }
        }
    }

    /// Make everything inserted durable. The full-text rows and the counters (`entities`
    /// counts, `outlets`, `outlet_speakers`) of the batch's documents are written here, in the
    /// same transaction, so they become visible exactly when their documents do. (FTS5
    /// flushes its pending terms at every savepoint: indexing document by document wrote, and
    /// later merged, one index segment per document.)
    pub fn commit(self) -> Result<()> {
        self.pending.write(&self.tx)?;
        Ok(self.tx.commit()?)
    }
}

/// Insert rows of `width` columns into `head` ("mentions (doc_id, …)") with multi-row
/// `VALUES` statements of up to 32 rows: setting up and finishing a statement costs about as
/// much as a narrow row, and a document has dozens of mentions and spans.
fn insert_rows(tx: &Connection, head: &str, width: usize, values: &[ToSqlOutput]) -> Result<()> {
    let rows = values.len() / width;
    let mut done = 0;
    while done < rows {
        let n = [32, 16, 8, 4, 2, 1]
            .into_iter()
            .find(|&n| n <= rows - done)
            .unwrap_or(1);
        let one = format!("({})", vec!["?"; width].join(","));
        let sql = format!("INSERT INTO {head} VALUES {}", vec![one; n].join(","));
        let mut st = tx.prepare_cached(&sql)?;
        for (i, v) in values[done * width..(done + n) * width].iter().enumerate() {
            st.raw_bind_parameter(i + 1, v)?;
        }
        st.raw_execute()?;
        done += n;
    }
    Ok(())
}

/// An optional integer as an SQL value.
fn opt(v: Option<i64>) -> ToSqlOutput<'static> {
    match v {
        Some(v) => ToSqlOutput::from(v),
        None => ToSqlOutput::Owned(rusqlite::types::Value::Null),
    }
}

fn insert_document(
    tx: &Connection,
    cache: &mut EntityCache,
    doc: &Prepared,
) -> Result<Option<(Inserted, Share)>> {
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
            doc.metadata.as_deref().unwrap_or("{}"),
            doc.text,
            doc.text_chars,
            doc.attributions.len() as i64,
            env!("CARGO_PKG_VERSION"),
        ])?;
    if added == 0 {
        return Ok(None);
    }
    let doc_id = tx.last_insert_rowid();

    // Document entities and their mentions; `corpus[i]` is the `entities` row of entity i.
    // Per corpus entity: documents (1), mentions, attributions.
    let mut corpus: Vec<Option<i64>> = Vec::with_capacity(doc.entities.len());
    let mut tally: HashMap<i64, [i64; 3]> = HashMap::new();
    for e in &doc.entities {
        let c = ensure_entity(tx, cache, &e.name, &e.norm, e.etype)?;
        if let Some(c) = c {
            let t = tally.entry(c).or_insert([1, 0, 0]);
            t[1] += e.mentions.len() as i64;
        }
        corpus.push(c);
    }
    let mut values: Vec<ToSqlOutput> = Vec::with_capacity(6 * doc.entities.len());
    for (e, &c) in doc.entities.iter().zip(&corpus) {
        values.extend([
            ToSqlOutput::from(doc_id),
            ToSqlOutput::from(e.local),
            opt(c),
            ToSqlOutput::from(e.name.as_str()),
            ToSqlOutput::from(e.etype),
            ToSqlOutput::from(e.fallback),
        ]);
    }
    insert_rows(
        tx,
        "doc_entities (doc_id, local_id, entity_id, name, type, fallback)",
        6,
        &values,
    )?;
    values.clear();
    for (e, &c) in doc.entities.iter().zip(&corpus) {
        for &(start, end) in &e.mentions {
            values.extend([
                ToSqlOutput::from(doc_id),
                ToSqlOutput::from(e.local),
                opt(c),
                ToSqlOutput::from(start),
                ToSqlOutput::from(end),
            ]);
        }
    }
    insert_rows(
        tx,
        "mentions (doc_id, local_id, entity_id, start, end)",
        5,
        &values,
    )?;

    // Attributions: ids are the next free ones, in record order. A parent or relay that comes
    // later in the document is set once it is inserted (the foreign keys are checked at once).
    let base: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM attributions")?
        .query_row([], |r| r.get(0))?;
    let mut ins_attr = tx.prepare_cached(
        "INSERT INTO attributions (id, doc_id, local_id, kind, confidence, parent_id, via_id,
            speaker_local, speaker_entity, speaker_fallback, anonymous, descriptor,
            affiliation_entity, channel, addressee, time_text, time_date, time_from, time_to,
            source_text, cue_text, speaker, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23)",
    )?;
    let mut forward: Vec<(i64, Option<i64>, Option<i64>)> = Vec::new();
    let mut named: HashMap<i64, i64> = HashMap::new();
    let mut anonymous = 0i64;
    let mut fts = Vec::with_capacity(doc.attributions.len());
    let mut spans: Vec<ToSqlOutput> = Vec::new();
    for (k, a) in doc.attributions.iter().enumerate() {
        let local = k as i64 + 1;
        let id = base + local;
        let speaker_entity = a.speaker.and_then(|i| corpus[i]);
        let earlier = |r: Option<i64>| r.filter(|&r| r <= local).map(|r| base + r);
        let later = |r: Option<i64>| r.filter(|&r| r > local).map(|r| base + r);
        if later(a.parent).is_some() || later(a.via).is_some() {
            forward.push((id, later(a.parent), later(a.via)));
        }
        ins_attr.execute(params![
            id,
            doc_id,
            a.local_id,
            a.kind,
            a.confidence,
            earlier(a.parent),
            earlier(a.via),
            a.speaker.map(|i| doc.entities[i].local),
            speaker_entity,
            a.speaker_fallback,
            a.anonymous,
            a.descriptor,
            a.affiliation.and_then(|i| corpus[i]),
            a.channel,
            a.addressee,
            a.time_text,
            a.time_date,
            a.time_from,
            a.time_to,
            a.source_text,
            a.cue_text,
            a.speaker_text,
            a.content,
        ])?;
        for &(role, seq, start, end) in &a.spans {
            spans.extend([
                ToSqlOutput::from(id),
                ToSqlOutput::from(role),
                ToSqlOutput::from(seq),
                ToSqlOutput::from(start),
                ToSqlOutput::from(end),
            ]);
        }
        if let Some(c) = speaker_entity {
            tally.entry(c).or_insert([1, 0, 0])[2] += 1;
            if !a.anonymous {
                *named.entry(c).or_default() += 1;
            }
        }
        anonymous += i64::from(a.anonymous);
        fts.push((id, a.speaker_text.clone(), a.content.clone()));
    }
    insert_rows(
        tx,
        "spans (attribution_id, role, seq, start, end)",
        5,
        &spans,
    )?;
    if !forward.is_empty() {
        let mut set = tx.prepare_cached(
            "UPDATE attributions SET parent_id = COALESCE(?2, parent_id),
                                     via_id = COALESCE(?3, via_id) WHERE id = ?1",
        )?;
        for (id, parent, via) in forward {
            set.execute(params![id, parent, via])?;
        }
    }

    let mut ins_dispute = tx.prepare_cached(
        "INSERT INTO disputes (doc_id, by_id, target_id, cue_start, cue_end, cue_text, basis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for d in &doc.disputes {
        ins_dispute.execute(params![
            doc_id,
            base + d.by,
            base + d.target,
            d.cue.as_ref().map(|c| c.0),
            d.cue.as_ref().map(|c| c.1),
            d.cue.as_ref().map(|c| &c.2),
            d.basis,
        ])?;
    }

    let inserted = Inserted {
        document: doc_id,
        attributions: doc.attributions.len(),
    };
    let share = Share {
        fts,
        entities: tally,
        // '' for documents without an outlet.
        outlet: doc.outlet.clone().unwrap_or_default(),
        outlet_counts: [1, doc.attributions.len() as i64, anonymous],
        speakers: named,
    };
    Ok(Some((inserted, share)))
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

/// The corpus entity for a name whose normalised form is `norm` (created when new), with its
/// surname links kept up to date. `None` for a name that normalises to nothing.
fn ensure_entity(
    tx: &Connection,
    cache: &mut EntityCache,
    name: &str,
    norm: &str,
    etype: &str,
) -> Result<Option<i64>> {
    if norm.is_empty() {
        return Ok(None);
    }
    let found = match cache.by_norm.get(norm) {
        Some(&hit) => Some(hit),
        None => tx
            .prepare_cached("SELECT id, type = 'unknown' FROM entities WHERE norm = ?1")?
            .query_row([norm], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    };
    if let Some((id, unknown)) = found {
        // A typed mention refines an entity first seen as a fallback name.
        if unknown && etype != "unknown" {
            let old_key: Option<String> = tx
                .prepare_cached("SELECT join_key FROM entities WHERE id = ?1")?
                .query_row([id], |r| r.get(0))?;
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
            cache.by_norm.insert(norm.to_string(), (id, false));
        } else {
            cache.by_norm.insert(norm.to_string(), (id, unknown));
        }
        return Ok(Some(id));
    }
    let key = names::join_key(name, etype);
    // The id is chosen here so that `canonical_id` (itself, until a relink) goes in with it.
    let id = match cache.next_id {
        Some(id) => id,
        None => tx
            .prepare_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM entities")?
            .query_row([], |r| r.get(0))?,
    };
    tx.prepare_cached(
        "INSERT INTO entities (id, name, norm, type, join_key, full, canonical_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?1)",
    )?
    .execute(params![
        id,
        squash(name),
        norm,
        etype,
        key.as_ref().map(|k| &k.0),
        key.as_ref().is_some_and(|k| k.1)
    ])?;
    cache.next_id = Some(id + 1);
    if let Some((k, _)) = key {
        relink(tx, &k)?;
    }
    cache
        .by_norm
        .insert(norm.to_string(), (id, etype == "unknown"));
    Ok(Some(id))
}

/// Recompute `canonical_id` of the names with surname `key`, from the set of those names
/// alone (never from the order they came in):
///
/// - full names that differ only by middle initials are one entity when that is unambiguous:
///   "George W. Bush" and "George W Bush" are one, and "George Bush" joins them when the
///   initials stored with "George … Bush" are all the same ("W"); with "George H. W. Bush"
///   also stored, "George Bush" stands alone. The name a group counts under is the one with
///   the initials, the smallest normalised form on a tie;
/// - a one-word name ("Bush") joins the full names when they all count as one entity.
fn relink(tx: &Connection, key: &str) -> Result<()> {
    let rows: Vec<(i64, String, bool, i64)> = tx
        .prepare_cached("SELECT id, norm, full, canonical_id FROM entities WHERE join_key = ?1")?
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let targets = names::canonical_names(
        rows.iter()
            .map(|(id, norm, full, _)| (*id, norm.as_str(), *full)),
    );
    let mut set = tx.prepare_cached("UPDATE entities SET canonical_id = ?2 WHERE id = ?1")?;
    for ((id, _, _, old), new) in rows.iter().zip(targets) {
        if *old != new {
            set.execute([id, &new])?;
        }
    }
    Ok(())
}

/// Re-apply the joining rules of [`relink`] to every surname stored (migration 2, which
/// added middle initials to them).
fn relink_all(tx: &Connection) -> Result<()> {
    let keys: Vec<String> = tx
        .prepare("SELECT DISTINCT join_key FROM entities WHERE join_key IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for k in keys {
        relink(tx, &k)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
