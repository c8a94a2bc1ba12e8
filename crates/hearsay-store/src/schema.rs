//! The schema, as an ordered list of migrations. `PRAGMA user_version` is the number of
//! migrations applied; opening a database applies the missing ones, each in its own
//! transaction. Never edit a migration that has been released: add one. SCHEMA.md describes
//! the tables.

/// `PRAGMA application_id` of a hearsay database ("HSAY").
pub const APPLICATION_ID: i32 = 0x4853_4159;

/// A migration.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// SQL statements.
    Sql(&'static str),
    /// Recompute every `entities.canonical_id` by the current joining rules (version 2: full
    /// names that differ only by middle initials join, "George Bush" → "George W. Bush").
    RelinkNames,
}

/// Migration `i` (0-based) takes a database from version `i` to `i + 1`.
pub const MIGRATIONS: &[Step] = &[Step::Sql(V1), Step::RelinkNames, Step::Sql(V3)];

/// The schema version this build writes.
pub const VERSION: u32 = MIGRATIONS.len() as u32;

/// Version 3: the signal each dispute was found by ("denial_verb", "rebuttal", …; NULL for
/// disputes stored before it was recorded).
const V3: &str = "ALTER TABLE disputes ADD COLUMN basis TEXT;";

const V1: &str = r#"
CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    hash            BLOB NOT NULL UNIQUE,
    origin          TEXT NOT NULL,
    ext_id          TEXT,
    url             TEXT,
    title           TEXT,
    outlet          TEXT,
    published       TEXT,
    metadata        TEXT NOT NULL DEFAULT '{}',
    text            TEXT NOT NULL,
    text_chars      INTEGER NOT NULL,
    n_attributions  INTEGER NOT NULL,
    hearsay_version TEXT NOT NULL,
    ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_ext_id ON documents(ext_id);
CREATE INDEX documents_url ON documents(url);

CREATE TABLE entities (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    norm          TEXT NOT NULL UNIQUE,
    type          TEXT NOT NULL,
    join_key      TEXT,
    full          INTEGER NOT NULL,
    canonical_id  INTEGER NOT NULL,
    documents     INTEGER NOT NULL DEFAULT 0,
    mentions      INTEGER NOT NULL DEFAULT 0,
    attributions  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX entities_join_key ON entities(join_key);
CREATE INDEX entities_canonical ON entities(canonical_id);

CREATE TABLE doc_entities (
    doc_id     INTEGER NOT NULL REFERENCES documents(id),
    local_id   INTEGER NOT NULL,
    entity_id  INTEGER REFERENCES entities(id),
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    fallback   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, local_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    doc_id     INTEGER NOT NULL REFERENCES documents(id),
    local_id   INTEGER NOT NULL,
    entity_id  INTEGER REFERENCES entities(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL
) STRICT;
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE attributions (
    id                  INTEGER PRIMARY KEY,
    doc_id              INTEGER NOT NULL REFERENCES documents(id),
    local_id            INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    confidence          REAL NOT NULL,
    parent_id           INTEGER REFERENCES attributions(id),
    via_id              INTEGER REFERENCES attributions(id),
    speaker_local       INTEGER,
    speaker_entity      INTEGER REFERENCES entities(id),
    speaker_fallback    INTEGER NOT NULL,
    anonymous           INTEGER NOT NULL,
    descriptor          TEXT,
    affiliation_entity  INTEGER REFERENCES entities(id),
    channel             TEXT,
    addressee           TEXT,
    time_text           TEXT,
    time_date           TEXT,
    time_from           TEXT,
    time_to             TEXT,
    source_text         TEXT,
    cue_text            TEXT,
    speaker             TEXT,
    content             TEXT NOT NULL,
    UNIQUE (doc_id, local_id)
) STRICT;
CREATE INDEX attributions_speaker ON attributions(speaker_entity);
CREATE INDEX attributions_affiliation ON attributions(affiliation_entity);
CREATE INDEX attributions_anonymous ON attributions(doc_id) WHERE anonymous = 1;

CREATE TABLE outlets (
    name          TEXT PRIMARY KEY,
    documents     INTEGER NOT NULL,
    attributions  INTEGER NOT NULL,
    anonymous     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE outlet_speakers (
    outlet        TEXT NOT NULL,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    attributions  INTEGER NOT NULL,
    PRIMARY KEY (outlet, entity_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE spans (
    attribution_id  INTEGER NOT NULL REFERENCES attributions(id),
    role            TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    PRIMARY KEY (attribution_id, role, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE disputes (
    id         INTEGER PRIMARY KEY,
    doc_id     INTEGER NOT NULL REFERENCES documents(id),
    by_id      INTEGER NOT NULL REFERENCES attributions(id),
    target_id  INTEGER NOT NULL REFERENCES attributions(id),
    cue_start  INTEGER,
    cue_end    INTEGER,
    cue_text   TEXT
) STRICT;
CREATE INDEX disputes_doc ON disputes(doc_id);

CREATE VIRTUAL TABLE attributions_fts USING fts5(
    speaker, content,
    content = 'attributions', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIEW span_texts AS
    SELECT s.attribution_id, s.role, s.seq, s.start, s.end,
           substr(d.text, s.start + 1, s.end - s.start) AS text
    FROM spans s
    JOIN attributions a ON a.id = s.attribution_id
    JOIN documents d ON d.id = a.doc_id;
"#;
