//! Store tests with hand-built documents that fill every layer of the record (entities,
//! speakers, anonymous sources, relays, channels, times, disputes), as the context stage will.
//! People and outlets are invented.

use std::path::PathBuf;

use hearsay::doc::{
    Anonymous, AttrKind, Attribution, ByteSpan, Channel, Date, Dispute, Doc, Entity, EntityType,
    Mention, MentionForm, QuoteRole, TimeRef, Token, TokenKind, TokenSpan,
};
use hearsay::record::doc_out;

use super::*;
use crate::query::Lookup;

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("hearsay-store-test-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn db(&self) -> PathBuf {
        self.0.join("t.db")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whitespace tokens (punctuation stays attached: enough for the store).
fn tokenized(text: &str) -> Doc {
    let mut doc = Doc::new(text);
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                doc.tokens.push(Token {
                    span: ByteSpan::new(s, i),
                    kind: TokenKind::Word,
                    quote: QuoteRole::None,
                    in_quote: false,
                    space_before: s > 0,
                    sentence: 0,
                });
                start = None;
            }
            _ => {}
        }
    }
    doc
}

/// The tokens whose text, joined by spaces, is `phrase` (the first such run).
fn find(doc: &Doc, phrase: &str) -> TokenSpan {
    let words: Vec<&str> = phrase.split(' ').collect();
    let n = doc.tokens.len();
    for i in 0..n {
        if i + words.len() <= n
            && (0..words.len()).all(|k| doc.token_text((i + k) as u32) == words[k])
        {
            return TokenSpan::new(i, i + words.len());
        }
    }
    panic!("{phrase:?} not in {:?}", doc.text);
}

fn attr(doc: &Doc, source: Option<&str>, cue: &str, content: &str, kind: AttrKind) -> Attribution {
    Attribution {
        source: source.map(|s| find(doc, s)),
        cue: Some(find(doc, cue)),
        content: vec![find(doc, content)],
        kind,
        confidence: 0.9,
        ..Default::default()
    }
}

fn entity(doc: &mut Doc, name: &str, etype: EntityType, mentions: &[&str]) -> u32 {
    let id = doc.entities.len() as u32;
    doc.entities.push(Entity {
        etype,
        name: find(doc, name),
    });
    for m in mentions {
        let span = find(doc, m);
        doc.mentions.push(Mention {
            span,
            entity: id,
            form: MentionForm::Name,
        });
    }
    id
}

/// A fully annotated document: a named speaker with channel, addressee and time, an anonymous
/// source relayed by a newspaper, a nested attribution, and a denial.
fn context_doc() -> Doc {
    let mut doc = tokenized(
        "The Norrby Courier reported on Monday , citing a person close to the Defence Ministry , \
         that the frigate order was cancelled . Kremlin spokesman Dmitry Peskov told reporters \
         on Tuesday that the report was false and that Ostrava had said the order stood .",
    );
    let courier = entity(
        &mut doc,
        "Norrby Courier",
        EntityType::Media,
        &["The Norrby Courier"],
    );
    let ministry = entity(
        &mut doc,
        "Defence Ministry",
        EntityType::Organization,
        &["the Defence Ministry"],
    );
    let peskov = entity(
        &mut doc,
        "Dmitry Peskov",
        EntityType::Person,
        &["Kremlin spokesman Dmitry Peskov"],
    );
    let anon = entity(
        &mut doc,
        "a person close to the Defence Ministry",
        EntityType::Anonymous,
        &["a person close to the Defence Ministry"],
    );
    let ostrava = entity(&mut doc, "Ostrava", EntityType::Person, &["Ostrava"]);
    // 0: the paper's report; 1: the anonymous source it cites; 2: Peskov's denial; 3: nested.
    let mut report = attr(
        &doc,
        Some("The Norrby Courier"),
        "reported",
        "the frigate order was cancelled",
        AttrKind::Indirect,
    );
    report.speaker = Some(courier);
    report.channel = Some(Channel::Report);
    let mut cited = attr(
        &doc,
        Some("a person close to the Defence Ministry"),
        "citing",
        "the frigate order was cancelled",
        AttrKind::Indirect,
    );
    cited.speaker = Some(anon);
    cited.anonymous = Some(Anonymous {
        descriptor: find(&doc, "a person close to the Defence Ministry"),
        affiliation: Some(ministry),
    });
    cited.via = Some(0);
    cited.confidence = 0.5;
    let mut denial = attr(
        &doc,
        Some("Kremlin spokesman Dmitry Peskov"),
        "told",
        "the report was false and that Ostrava had said the order stood",
        AttrKind::Indirect,
    );
    denial.speaker = Some(peskov);
    denial.addressee = Some(find(&doc, "reporters"));
    denial.channel = Some(Channel::Briefing);
    denial.time = Some(TimeRef {
        span: find(&doc, "on Tuesday"),
        date: Some(Date {
            year: 2024,
            month: 3,
            day: 5,
        }),
        range: None,
    });
    let mut nested = attr(
        &doc,
        Some("Ostrava"),
        "had said",
        "the order stood",
        AttrKind::Indirect,
    );
    nested.speaker = Some(ostrava);
    nested.parent = Some(2);
    doc.attributions = vec![report, cited, denial, nested];
    doc.disputes.push(Dispute {
        by: 2,
        target: 0,
        cue: find(&doc, "false"),
        basis: hearsay::doc::DisputeBasis::Rebuttal,
    });
    doc.meta.date = Some("2024-03-06".into());
    doc
}

/// A document as the pipeline makes it before the context stage: sources, no speakers.
fn plain_doc(text: &str, attrs: &[(&str, &str, &str)]) -> Doc {
    let mut doc = tokenized(text);
    doc.attributions = attrs
        .iter()
        .map(|(s, c, x)| attr(&doc, Some(s), c, x, AttrKind::Indirect))
        .collect();
    doc
}

fn insert(store: &mut Store, doc: &Doc, n: u8, outlet: &str, published: &str) -> Option<Inserted> {
    let rec = doc_out("x", doc);
    let origin = format!("doc{n}");
    let new = NewDocument {
        outlet: Some(outlet),
        published: Some(published),
        title: Some("A title"),
        ..NewDocument::new([n; 32], &origin, &doc.text, &rec)
    };
    let mut b = store.batch().unwrap();
    let r = b.insert(&new).unwrap();
    b.commit().unwrap();
    r
}

#[test]
fn stores_every_field_of_the_record() {
    let s = Scratch::new("fields");
    let mut store = Store::open(s.db()).unwrap();
    let doc = context_doc();
    let ins = insert(&mut store, &doc, 1, "Baltic Wire", "2024-03-06").unwrap();
    assert_eq!(ins.attributions, 4);
    let c = store.counts().unwrap();
    assert_eq!(
        (c.documents, c.attributions, c.disputes, c.indexed),
        (1, 4, 1, 4)
    );
    assert_eq!(c.entity_names, 5);
    assert_eq!(c.mentions, 5);
    // source + cue + content per attribution, plus descriptor, addressee and time.
    assert_eq!(c.spans, 4 * 3 + 3);
    assert_eq!(store.integrity_check().unwrap(), "ok");

    let shown = store.show(ins.document).unwrap();
    assert_eq!(shown.outlet.as_deref(), Some("Baltic Wire"));
    let by_id = |id: i64| shown.attributions.iter().find(|a| a.id == id).unwrap();
    // Record ids are in document order: the report (1), the cited source (2), the denial (3),
    // the nested one (4).
    let cited = by_id(2);
    assert!(cited.anonymous);
    assert_eq!(cited.via, Some(1));
    assert_eq!(cited.affiliation.as_deref(), Some("Defence Ministry"));
    assert_eq!(
        cited.descriptor.as_ref().unwrap().text,
        "a person close to the Defence Ministry"
    );
    let denial = by_id(3);
    assert_eq!(denial.speaker.as_ref().unwrap().name, "Dmitry Peskov");
    assert!(!denial.speaker_is_fallback);
    assert_eq!(denial.channel.as_deref(), Some("briefing"));
    assert_eq!(denial.addressee.as_ref().unwrap().text, "reporters");
    assert_eq!(denial.time.as_ref().unwrap().text, "on Tuesday");
    assert_eq!(denial.time_date.as_deref(), Some("2024-03-05"));
    assert_eq!(by_id(4).parent, Some(3));
    // Spans cut from the stored text by code points agree with the record.
    let rec = doc_out("x", &doc);
    for (a, r) in shown.attributions.iter().zip(&rec.attributions) {
        let src = a.source.as_ref().unwrap();
        let rs = r.source.as_ref().unwrap();
        assert_eq!(
            (src.text.as_str(), src.start, src.end),
            (rs.text, rs.start, rs.end)
        );
    }
    assert_eq!(shown.disputes.len(), 1);
    assert_eq!((shown.disputes[0].by, shown.disputes[0].target), (3, 1));
    // The span_texts view gives the same text in SQL.
    let t: String = store
        .connection()
        .query_row(
            "SELECT text FROM span_texts WHERE role = 'addressee'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(t, "reporters");
}

#[test]
fn re_ingesting_adds_nothing() {
    let s = Scratch::new("idem");
    let mut store = Store::open(s.db()).unwrap();
    let doc = context_doc();
    assert!(insert(&mut store, &doc, 1, "Baltic Wire", "2024-03-06").is_some());
    let before = store.counts().unwrap();
    let entity_counts = |store: &Store| -> Vec<(String, i64, i64)> {
        let mut st = store
            .connection()
            .prepare("SELECT name, documents, attributions FROM entities ORDER BY id")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let ents = entity_counts(&store);
    assert!(store.contains(&[1; 32]).unwrap());
    assert!(insert(&mut store, &doc, 1, "Baltic Wire", "2024-03-06").is_none());
    drop(store);
    let mut store = Store::open(s.db()).unwrap();
    assert!(insert(&mut store, &doc, 1, "Baltic Wire", "2024-03-06").is_none());
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(entity_counts(&store), ents);
}

#[test]
fn a_failing_document_leaves_no_rows_and_the_batch_goes_on() {
    let s = Scratch::new("atomic");
    let mut store = Store::open(s.db()).unwrap();
    // Make the last step of inserting a document with a dispute fail.
    store
        .connection()
        .execute_batch(
            "CREATE TEMP TRIGGER no_disputes BEFORE INSERT ON disputes
             BEGIN SELECT RAISE(ABORT, 'disputes are off'); END;",
        )
        .unwrap();
    let bad = context_doc();
    let good = plain_doc(
        "Ana Kovač said the bridge would reopen .",
        &[("Ana Kovač", "said", "the bridge would reopen")],
    );
    let (rb, rg) = (doc_out("b", &bad), doc_out("g", &good));
    let mut batch = store.batch().unwrap();
    let err = batch.insert(&NewDocument::new([1; 32], "b", &bad.text, &rb));
    assert!(err.unwrap_err().to_string().contains("disputes are off"));
    assert!(batch
        .insert(&NewDocument::new([2; 32], "g", &good.text, &rg))
        .unwrap()
        .is_some());
    batch.commit().unwrap();
    let c = store.counts().unwrap();
    assert_eq!(
        (c.documents, c.attributions, c.spans, c.indexed),
        (1, 1, 3, 1)
    );
    assert_eq!(
        c.entity_names, 1,
        "no entity of the failed document is left"
    );
    let n: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM doc_entities", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    // An uncommitted batch leaves nothing either.
    let mut batch = store.batch().unwrap();
    let r3 = doc_out("g", &good);
    batch
        .insert(&NewDocument::new([3; 32], "g", &good.text, &r3))
        .unwrap();
    drop(batch);
    assert_eq!(store.counts().unwrap(), c);
}

/// Canonical name of every stored name, sorted.
fn canon(store: &Store) -> Vec<(String, String)> {
    let mut st = store
        .connection()
        .prepare("SELECT e.name, c.name FROM entities e JOIN entities c ON c.id = e.canonical_id ORDER BY e.norm")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn surnames_join_only_when_unambiguous_in_any_order() {
    let full = context_doc(); // Dmitry Peskov (person)
    let short = plain_doc(
        "Peskov said the talks were over .",
        &[("Peskov", "said", "the talks were over")],
    );
    let fallback_full = plain_doc(
        "Kremlin spokesman Dmitry Peskov said no deal was near .",
        &[(
            "Kremlin spokesman Dmitry Peskov",
            "said",
            "no deal was near",
        )],
    );
    let other = plain_doc(
        "Olga Peskov said she would run .",
        &[("Olga Peskov", "said", "she would run")],
    );
    let docs = [&full, &short, &fallback_full];
    let orders: [[usize; 3]; 3] = [[0, 1, 2], [1, 2, 0], [2, 1, 0]];
    let mut results = Vec::new();
    for (k, order) in orders.iter().enumerate() {
        let s = Scratch::new(&format!("join{k}"));
        let mut store = Store::open(s.db()).unwrap();
        for &i in order {
            insert(
                &mut store,
                docs[i],
                i as u8 + 1,
                "Baltic Wire",
                "2024-03-06",
            );
        }
        let Lookup::Found(p) = store.find_speaker("Peskov").unwrap() else {
            panic!()
        };
        assert_eq!(p.entity.name, "Dmitry Peskov");
        assert_eq!(
            p.entity.etype, "person",
            "the typed mention refines the fallback"
        );
        assert_eq!(p.aliases, ["Peskov"]);
        assert_eq!(p.attributions, 3);
        assert_eq!(p.documents, 3);
        let said = store.said_by(p.entity.id, 10).unwrap();
        assert_eq!(said.len(), 3);
        results.push(canon(&store));
        // A second full name ending in Peskov makes "Peskov" ambiguous: it stands alone.
        insert(&mut store, &other, 9, "Baltic Wire", "2024-03-07");
        let names: Vec<(String, String)> = canon(&store);
        assert!(
            names.contains(&("Peskov".into(), "Peskov".into())),
            "{names:?}"
        );
        let Lookup::Found(p) = store.find_speaker("Dmitry Peskov").unwrap() else {
            panic!()
        };
        assert_eq!(p.attributions, 2);
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:?}");
}

#[test]
fn queries() {
    let s = Scratch::new("queries");
    let mut store = Store::open(s.db()).unwrap();
    insert(&mut store, &context_doc(), 1, "Baltic Wire", "2024-03-06");
    let a = plain_doc(
        "Mayor Ana Kovač said the frigate contract was safe . Ana Kovač added that the yard would hire .",
        &[("Mayor Ana Kovač", "said", "the frigate contract was safe"), ("Ana Kovač", "added", "the yard would hire")],
    );
    insert(&mut store, &a, 2, "Harbour Gazette", "2024-03-01");
    let b = plain_doc(
        "He said the frigate was late .",
        &[("He", "said", "the frigate was late")],
    );
    insert(&mut store, &b, 3, "Harbour Gazette", "2024-03-09");

    let who = store.who("Frigate", false, 10, 5).unwrap();
    assert_eq!(who.total, 4, "{who:?}");
    let names: Vec<(Option<&str>, u64)> = who
        .groups
        .iter()
        .map(|g| (g.speaker.as_ref().map(|s| s.name.as_str()), g.count))
        .collect();
    assert!(names.contains(&(Some("Ana Kovač"), 1)), "{names:?}");
    assert!(
        names.contains(&(None, 1)),
        "the pronoun source has no named speaker: {names:?}"
    );
    let kovac = who
        .groups
        .iter()
        .find(|g| g.speaker.as_ref().is_some_and(|s| s.name == "Ana Kovač"))
        .unwrap();
    assert_eq!(kovac.said[0].content, "the [frigate] contract was safe");
    assert_eq!(kovac.said[0].outlet.as_deref(), Some("Harbour Gazette"));
    // Accents and case do not matter; odd user input does not break the FTS syntax.
    assert_eq!(
        store.who("kovac", false, 10, 5).unwrap().total,
        0,
        "content only"
    );
    assert_eq!(store.who("CONTRACT \"safe", false, 10, 5).unwrap().total, 1);
    assert_eq!(store.who("  ", false, 10, 5).unwrap().total, 0);
    assert!(
        store.who("\"unbalanced", true, 10, 5).is_err(),
        "raw FTS errors are reported"
    );

    let Lookup::Found(k) = store.find_speaker("kovač").unwrap() else {
        panic!()
    };
    assert_eq!(
        (k.entity.name.as_str(), k.attributions, k.documents),
        ("Ana Kovač", 2, 1)
    );
    assert_eq!(
        store.find_speaker("Nobody Atall").unwrap(),
        Lookup::NotFound
    );
    let Lookup::Found(k2) = store.find_speaker("Ana").unwrap() else {
        panic!("FTS over speaker names")
    };
    assert_eq!(k2.entity.id, k.entity.id);

    let sources = store.sources(3, false).unwrap();
    assert_eq!(sources[0].outlet.as_deref(), Some("Baltic Wire"));
    assert_eq!((sources[0].attributions, sources[0].anonymous), (4, 1));
    assert!((sources[0].anonymous_share - 0.25).abs() < 1e-9);
    assert_eq!(
        sources[0].top_anonymous[0].name,
        "a person close to the defence ministry"
    );
    assert!(sources[0]
        .top_speakers
        .iter()
        .all(|c| c.name != "a person close to the Defence Ministry"));
    assert_eq!(sources[1].top_speakers[0].name, "Ana Kovač");
    assert_eq!(sources[1].top_speakers[0].count, 2);
    let by_anon = store.sources(3, true).unwrap();
    assert_eq!(by_anon[0].outlet.as_deref(), Some("Baltic Wire"));

    let d = store.disputes(10, &[]).unwrap();
    assert_eq!(d.total, 1);
    assert_eq!(d.pairs[0].by.as_deref(), Some("Dmitry Peskov"));
    assert_eq!(d.pairs[0].target.as_deref(), Some("Norrby Courier"));
    assert_eq!(d.recent[0].cue.as_deref(), Some("false"));
    assert_eq!(d.recent[0].basis.as_deref(), Some("rebuttal"));
    // Filtered by the signal: kept when it is among those asked for, else left out.
    let d = store.disputes(10, &["denial_verb", "rebuttal"]).unwrap();
    assert_eq!((d.total, d.pairs.len(), d.recent.len()), (1, 1, 1));
    let d = store.disputes(10, &["denial_verb"]).unwrap();
    assert_eq!((d.total, d.pairs.len(), d.recent.len()), (0, 0, 0));

    assert_eq!(store.find_document("doc2").unwrap(), Some(2));
    assert_eq!(store.find_document("2").unwrap(), Some(2));
    assert_eq!(store.find_document("nope").unwrap(), None);
}

#[test]
fn migrations_apply_once_in_order() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    let m1 = "CREATE TABLE t (a INTEGER);";
    let m2 = "ALTER TABLE t ADD COLUMN b TEXT;";
    let bad = "CREATE TABLE u (x); THIS IS NOT SQL;";
    assert_eq!(migrate(&mut conn, &[m1]).unwrap(), 1);
    conn.execute("INSERT INTO t (a) VALUES (1)", []).unwrap();
    // Re-running m1 would fail ("table t already exists"): only m2 runs.
    assert_eq!(migrate(&mut conn, &[m1, m2]).unwrap(), 2);
    let b: Option<String> = conn.query_row("SELECT b FROM t", [], |r| r.get(0)).unwrap();
    assert_eq!(b, None);
    assert_eq!(migrate(&mut conn, &[m1, m2]).unwrap(), 2);
    // A failing migration changes nothing, not even its first statement.
    assert!(migrate(&mut conn, &[m1, m2, bad]).is_err());
    let v: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 2);
    let u: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'u'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(u, 0);
    // A database from a newer hearsay is refused.
    assert!(matches!(
        migrate(&mut conn, &[m1]),
        Err(Error::TooNew { found: 2, known: 1 })
    ));
}

#[test]
fn opening_checks_what_the_file_is() {
    let s = Scratch::new("open");
    let store = Store::open(s.db()).unwrap();
    let v: u32 = store
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, schema::VERSION);
    let mode: String = store
        .connection()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    assert!(Store::open_existing(s.db()).is_ok());
    assert!(matches!(
        Store::open_existing(s.0.join("none.db")),
        Err(Error::Missing)
    ));
    let other = s.0.join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE x (y);")
        .unwrap();
    assert!(matches!(Store::open(&other), Err(Error::NotHearsay)));
    let text = s.0.join("notes.txt");
    std::fs::write(&text, "just text, not a database, long enough to have a header of sorts ....................................................................").unwrap();
    assert!(Store::open(&text).is_err());
}

#[test]
fn a_parent_or_relay_later_in_the_document_is_linked() {
    let s = Scratch::new("forward");
    let mut store = Store::open(s.db()).unwrap();
    let mut doc = plain_doc(
        "Brenn said the bridge was unsafe . Ana Kovač said the city agreed .",
        &[
            ("Brenn", "said", "the bridge was unsafe"),
            ("Ana Kovač", "said", "the city agreed"),
        ],
    );
    // The first attribution counts as nested in, and relayed by, the second.
    doc.attributions[0].parent = Some(1);
    doc.attributions[0].via = Some(1);
    assert!(insert(&mut store, &doc, 1, "Baltic Wire", "2024-03-06").is_some());
    let links: Vec<(i64, Option<i64>, Option<i64>)> = {
        let mut st = store
            .connection()
            .prepare("SELECT local_id, parent_id, via_id FROM attributions ORDER BY id")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(links, [(1, Some(2), Some(2)), (2, None, None)]);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn middle_initials_join_across_documents_in_any_order() {
    let docs = [
        plain_doc(
            "George W. Bush said the plan would work .",
            &[("George W. Bush", "said", "the plan would work")],
        ),
        plain_doc(
            "George Bush said taxes would fall .",
            &[("George Bush", "said", "taxes would fall")],
        ),
        plain_doc(
            "Bush said the talks had failed .",
            &[("Bush", "said", "the talks had failed")],
        ),
    ];
    let mut results = Vec::new();
    for (k, order) in [[0, 1, 2], [2, 1, 0], [1, 2, 0]].iter().enumerate() {
        let s = Scratch::new(&format!("initials{k}"));
        let mut store = Store::open(s.db()).unwrap();
        for &i in order {
            insert(
                &mut store,
                &docs[i],
                i as u8 + 1,
                "Baltic Wire",
                "2024-03-06",
            );
        }
        let Lookup::Found(p) = store.find_speaker("George Bush").unwrap() else {
            panic!()
        };
        assert_eq!(p.entity.name, "George W. Bush");
        assert_eq!(p.attributions, 3, "{:?}", canon(&store));
        assert_eq!(p.documents, 3);
        results.push(canon(&store));
        // A second George … Bush with other initials: "George Bush" and "Bush" stand alone.
        let other = plain_doc(
            "George H. W. Bush said the war was over .",
            &[("George H. W. Bush", "said", "the war was over")],
        );
        insert(&mut store, &other, 9, "Baltic Wire", "2024-03-07");
        let names = canon(&store);
        assert!(
            names.contains(&("George Bush".into(), "George Bush".into()))
                && names.contains(&("Bush".into(), "Bush".into()))
                && names.contains(&("George W. Bush".into(), "George W. Bush".into())),
            "{names:?}"
        );
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:?}");
}

#[test]
fn migration_2_joins_the_names_of_an_older_database() {
    let s = Scratch::new("migrate2");
    {
        let mut store = Store::open(s.db()).unwrap();
        for (i, name) in ["George W. Bush", "George Bush"].iter().enumerate() {
            let text = format!("{name} said the plan would work .");
            let doc = plain_doc(&text, &[(name, "said", "the plan would work")]);
            insert(&mut store, &doc, i as u8 + 1, "Baltic Wire", "2024-03-06");
        }
        // As version 1 left it: every full name its own entity, no dispute basis.
        store
            .connection()
            .execute_batch(
                "UPDATE entities SET canonical_id = id;
                 ALTER TABLE disputes DROP COLUMN basis;
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    let store = Store::open(s.db()).unwrap();
    let v: u32 = store
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, schema::VERSION);
    assert_eq!(
        canon(&store),
        [
            ("George Bush".to_string(), "George W. Bush".to_string()),
            ("George W. Bush".into(), "George W. Bush".into())
        ]
    );
}

#[test]
fn migration_3_adds_the_dispute_basis_to_an_older_database() {
    let s = Scratch::new("migrate3");
    {
        let mut store = Store::open(s.db()).unwrap();
        let doc = context_doc();
        insert(&mut store, &doc, 1, "Baltic Wire", "2024-03-06");
        // As version 2 left it: disputes without a basis.
        store
            .connection()
            .execute_batch("ALTER TABLE disputes DROP COLUMN basis; PRAGMA user_version = 2;")
            .unwrap();
    }
    let store = Store::open(s.db()).unwrap();
    let v: u32 = store
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, schema::VERSION);
    // The old dispute is still there, with no basis; a filter by basis leaves it out.
    let d = store.disputes(10, &[]).unwrap();
    assert_eq!(d.total, 1);
    assert_eq!(d.recent[0].basis, None);
    assert_eq!(store.disputes(10, &["rebuttal"]).unwrap().total, 0);
}

#[test]
fn counters_add_up_over_the_documents_of_a_batch() {
    let s = Scratch::new("counters");
    let mut store = Store::open(s.db()).unwrap();
    let doc = plain_doc(
        "Ana Kovač said the bridge would reopen .",
        &[("Ana Kovač", "said", "the bridge would reopen")],
    );
    let rec = doc_out("x", &doc);
    let mut batch = store.batch().unwrap();
    for n in 1..=3u8 {
        let origin = format!("doc{n}");
        let outlet = if n == 3 {
            "Harbour Gazette"
        } else {
            "Baltic Wire"
        };
        let new = NewDocument {
            outlet: Some(outlet),
            ..NewDocument::new([n; 32], &origin, &doc.text, &rec)
        };
        batch.insert(&new).unwrap().unwrap();
    }
    batch.commit().unwrap();
    let row: (i64, i64, i64) = store
        .connection()
        .query_row(
            "SELECT documents, mentions, attributions FROM entities WHERE norm = 'ana kovač'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(row, (3, 3, 3));
    let outlets: Vec<(String, i64, i64)> = {
        let mut st = store
            .connection()
            .prepare(
                "SELECT o.name, o.documents, s.attributions FROM outlets o
                 JOIN outlet_speakers s ON s.outlet = o.name ORDER BY o.name",
            )
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(
        outlets,
        [
            ("Baltic Wire".to_string(), 2, 2),
            ("Harbour Gazette".to_string(), 1, 1)
        ]
    );
    let c = store.counts().unwrap();
    assert_eq!((c.documents, c.indexed), (3, 3));
}
