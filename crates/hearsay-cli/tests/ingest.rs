//! End-to-end tests of `hearsay ingest` and the corpus queries, and the crash test: ingest is
//! killed with SIGKILL at random moments, the database must stay sound after every kill, and
//! a final run must leave exactly what one clean run leaves. Every article is invented here.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use hearsay_store::{Counts, Store};
use serde_json::Value;

fn hearsay() -> Command {
    let mut c = Command::cargo_bin("hearsay").unwrap();
    c.timeout(Duration::from_secs(600));
    c.env_remove("HEARSAY_DEBUG_PANIC_ON");
    c.env_remove("RUST_BACKTRACE");
    c
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, bytes).unwrap();
    p
}

/// A small deterministic random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Ana", "Tomas", "Ilse", "Marek", "Zoë", "Oskar", "Priya", "Lena", "Jovan", "Mirela", "Bram",
    "Nadia",
];
const LAST: &[&str] = &[
    "Kovač",
    "Brenn",
    "Vell",
    "Ostrander",
    "Quist",
    "Halloran",
    "Szabo",
    "Lindqvist",
    "Moreau",
    "Tarkan",
    "Varga",
    "Eriksen",
];
const ROLES: &[&str] = &[
    "Mayor",
    "Minister",
    "spokeswoman",
    "union leader",
    "councillor",
    "chief executive",
];
const ORGS: &[&str] = &[
    "Velder Works",
    "the port authority",
    "the city council",
    "Norrby Shipping",
    "the health ministry",
];
const OUTLETS: &[&str] = &[
    "Harbour Gazette",
    "Valley Post",
    "Baltic Wire",
    "Eastern Courier",
];
const CLAIMS: &[&str] = &[
    "the bridge would reopen in May",
    "the strike would end before the holidays",
    "the budget left no room for new libraries",
    "the recall had been handled properly",
    "the contract was signed without a tender",
    "wages would rise by four percent",
    "the river would stay within its banks",
    "the ferry service would resume next week",
];
const QUOTES: &[&str] = &[
    "We will not accept these terms",
    "The figures speak for themselves",
    "Nobody told us anything until Friday",
    "This is a good day for the town",
    "We have done everything the law requires",
];

/// One invented article of about a kilobyte.
fn article(rng: &mut Rng) -> String {
    let mut paras = Vec::new();
    for _ in 0..(4 + rng.next() % 4) {
        let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let p = match rng.next() % 6 {
            0 => format!(
                "“{},” {} {} said on Tuesday.",
                rng.pick(QUOTES),
                rng.pick(ROLES),
                name
            ),
            1 => format!(
                "{name}, a {} in the region, told reporters that {}.",
                rng.pick(ROLES),
                rng.pick(CLAIMS)
            ),
            2 => format!("According to {}, {}.", rng.pick(ORGS), rng.pick(CLAIMS)),
            3 => format!(
                "{} denied the report, saying that {}.",
                capital(rng.pick(ORGS)),
                rng.pick(CLAIMS)
            ),
            4 => format!(
                "A person familiar with the talks said {}, but {} believes it will take longer.",
                rng.pick(CLAIMS),
                name
            ),
            _ => format!(
                "“{}. {},” said {}.",
                rng.pick(QUOTES),
                rng.pick(QUOTES),
                rng.pick(LAST)
            ),
        };
        paras.push(p);
    }
    paras.join("\n")
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn warc_record(kind: &str, uri: &str, content_type: &str, body: &[u8], n: usize) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\n\
         WARC-Date: 2024-03-06T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn html_page(title: &str, text: &str) -> String {
    let ps: String = text.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"Valley Post\">\
         <meta property=\"article:published_time\" content=\"2024-02-11T10:00:00Z\"></head>\
         <body><nav>Home · World · Sport</nav><article><h1>{title}</h1>{ps}</article></body></html>"
    )
}

/// A crawl file: per article a request and a response record, one gzip member each.
fn warc_gz(rng: &mut Rng, articles: usize, from: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..articles {
        let uri = format!("https://valley.example/news/{}", from + i);
        let req = warc_record(
            "request",
            &uri,
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
            2 * (from + i),
        );
        let page = html_page(&format!("Story {}", from + i), &article(rng));
        let body =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        let resp = warc_record(
            "response",
            &uri,
            "application/http; msgtype=response",
            body.as_bytes(),
            2 * (from + i) + 1,
        );
        out.extend(gzip(&req));
        out.extend(gzip(&resp));
    }
    out
}

/// A corpus of about `kb` kilobytes: JSONL files with metadata, .txt files, HTML pages and a
/// crawl. Returns the number of articles.
fn corpus(dir: &Path, kb: usize) -> usize {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut n = 0;
    let mut size = 0;
    let mut file = 0;
    while size < kb * 1024 {
        let mut lines = String::new();
        for _ in 0..50 {
            let text = article(&mut rng);
            size += text.len();
            n += 1;
            let v = serde_json::json!({
                "id": format!("a{n}"),
                "text": text,
                "title": format!("Story {n}"),
                "outlet": rng.pick(OUTLETS),
                "published": format!("2024-03-{:02}", 1 + rng.next() % 28),
                "section": "local",
            });
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        write(dir, &format!("feeds/f{file:03}.jsonl"), lines);
        file += 1;
    }
    for i in 0..5 {
        write(dir, &format!("txt/{i}.txt"), article(&mut rng));
        write(
            dir,
            &format!("html/{i}.html"),
            html_page(&format!("Page {i}"), &article(&mut rng)),
        );
    }
    write(dir, "crawl/c.warc.gz", warc_gz(&mut rng, 10, 1000));
    n + 20
}

fn counts(db: &Path) -> Counts {
    Store::open_existing(db).unwrap().counts().unwrap()
}

/// Speaker names with their attribution counts, sorted: what entity resolution produced.
fn entity_table(db: &Path) -> Vec<(String, String, i64)> {
    let store = Store::open_existing(db).unwrap();
    let mut st = store
        .connection()
        .prepare(
            "SELECT e.norm, c.norm, e.attributions FROM entities e
             JOIN entities c ON c.id = e.canonical_id ORDER BY e.norm",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The database opens, passes its integrity checks, and holds only whole documents.
fn check_sound(db: &Path) -> Counts {
    let store = Store::open_existing(db).expect("the database opens after a kill");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let half: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM documents d
             WHERE d.n_attributions <> (SELECT count(*) FROM attributions a WHERE a.doc_id = d.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(half, 0, "a document without all its attributions");
    let c = store.counts().unwrap();
    assert_eq!(c.indexed, c.attributions, "full-text index and table agree");
    c
}

fn ingest_cmd(inputs: &Path, db: &Path) -> StdCommand {
    let mut c = StdCommand::new(assert_cmd::cargo::cargo_bin("hearsay"));
    c.args(["ingest", "--batch", "16", "--db"])
        .arg(db)
        .arg(inputs)
        .env_remove("HEARSAY_DEBUG_PANIC_ON")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    c
}

#[test]
fn killed_ingest_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    let total = corpus(&inputs, 700);

    // One clean run, timed.
    let clean = dir.path().join("clean.db");
    let t = Instant::now();
    let status = ingest_cmd(&inputs, &clean).status().unwrap();
    let clean_time = t.elapsed();
    assert!(status.success());
    let want = check_sound(&clean);
    assert_eq!(want.documents as usize, total);

    // How long a run takes to start (models, database) before it reads anything.
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let t = Instant::now();
    assert!(ingest_cmd(&empty, &dir.path().join("empty.db"))
        .status()
        .unwrap()
        .success());
    let startup = t.elapsed();
    let work = clean_time.saturating_sub(startup);

    // Kill runs at random moments, resuming each time from what the last one left: each run
    // gets about a tenth of the work time before its SIGKILL.
    let db = dir.path().join("killed.db");
    let seed = std::env::var("HEARSAY_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_u64);
    let mut rng = Rng(seed | 1);
    let (mut partial, mut kills) = (0, 0);
    let mut last_docs = 0;
    for _ in 0..8 {
        let mut child = ingest_cmd(&inputs, &db).spawn().unwrap();
        let wait = startup.mul_f64((50 + rng.next() % 100) as f64 / 100.0)
            + work.mul_f64((rng.next() % 200) as f64 / 1000.0);
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        if !db.exists() {
            continue; // killed before it created the file
        }
        let c = check_sound(&db);
        assert!(
            c.documents >= last_docs,
            "committed documents never disappear"
        );
        last_docs = c.documents;
        if c.documents > 0 && c.documents < want.documents {
            partial += 1;
        }
    }
    eprintln!(
        "crash test: clean run {clean_time:?} (start-up {startup:?}), {kills} kills, {partial} \
         left a partial database, {last_docs} of {} documents before the final run (seed {seed})",
        want.documents
    );
    assert!(
        kills >= 4,
        "only {kills} of 8 runs were still going when killed"
    );
    assert!(
        partial >= 1,
        "no kill landed between two commits (seed {seed})"
    );

    // Finish the job: the same as one clean run, nothing lost, nothing twice.
    let out = ingest_cmd(&inputs, &db)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(check_sound(&db), want);
    assert_eq!(entity_table(&db), entity_table(&clean));
    // And once more: everything is stored already.
    let out = ingest_cmd(&inputs, &db)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(
        err.contains(&format!("0 new documents ({total} already stored)")),
        "{err}"
    );
    assert_eq!(counts(&db), want);
}

/// Every row that identifies something, with its id: documents, attributions, entities.
fn id_table(db: &Path) -> Vec<String> {
    let store = Store::open_existing(db).unwrap();
    let mut rows = Vec::new();
    for sql in [
        "SELECT id || ' ' || origin || ' ' || hex(hash) FROM documents ORDER BY id",
        "SELECT id || ' ' || doc_id || ' ' || local_id || ' ' || IFNULL(speaker_entity, '-')
         || ' ' || IFNULL(parent_id, '-') FROM attributions ORDER BY id",
        "SELECT id || ' ' || norm || ' ' || canonical_id || ' ' || documents || ' ' || mentions
         || ' ' || attributions FROM entities ORDER BY id",
    ] {
        let mut st = store.connection().prepare(sql).unwrap();
        let part: Vec<String> = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.extend(part);
    }
    rows
}

#[test]
fn ids_follow_the_input_order_whatever_the_number_of_workers() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    let total = corpus(&inputs, 60);
    let mut tables = Vec::new();
    for threads in ["1", "2", "5"] {
        let db = dir.path().join(format!("j{threads}.db"));
        let out = ingest_cmd(&inputs, &db)
            .args(["-j", threads])
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert_eq!(counts(&db).documents as usize, total);
        tables.push(id_table(&db));
    }
    assert_eq!(tables[0], tables[1], "-j 1 and -j 2 give the same ids");
    assert_eq!(tables[0], tables[2], "-j 1 and -j 5 give the same ids");
    // Input order: the lines of the first feed are consecutive documents, in line order.
    let feed: Vec<(i64, usize)> = tables[0]
        .iter()
        .take(total)
        .filter_map(|row| {
            let mut words = row.split(' ');
            let id = words.next()?.parse().ok()?;
            let line = words.next()?.split_once("f000.jsonl:")?.1.parse().ok()?;
            Some((id, line))
        })
        .collect();
    assert_eq!(feed.len(), 50, "{:?}", &tables[0][..5]);
    for (k, &(id, line)) in feed.iter().enumerate() {
        assert_eq!((id, line), (feed[0].0 + k as i64, k + 1));
    }
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    let mut rng = Rng(7);
    let good = serde_json::json!({"text": article(&mut rng), "outlet": "Valley Post", "published": "2024-03-05"});
    write(
        &d,
        "a.jsonl",
        format!(
            "{good}\n{{\"text\": \"broken\n{{\"text\": 5}}\n{}\n",
            serde_json::json!({"text": article(&mut rng)})
        ),
    );
    let crawl = warc_gz(&mut rng, 3, 0);
    write(&d, "cut.warc.gz", &crawl[..crawl.len() - 200]);
    write(
        &d,
        "empty.html",
        "<html><head><title>Index</title></head><body><nav>Home</nav></body></html>",
    );
    write(&d, "image.warc.gz", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(&d, "ok.txt", article(&mut rng));
    write(&d, "notes.md", "not an input");
    let db = dir.path().join("x.db");
    let out = hearsay()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    let lines: Vec<&str> = err.lines().collect();
    let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
    assert!(has("a.jsonl:2: not valid JSON"), "{err}");
    assert!(
        has("a.jsonl:3: field \"text\" must be a string, found a number"),
        "{err}"
    );
    assert!(has("cut.warc.gz, record 6: "), "{err}");
    assert!(
        has("empty.html: HTML page with no article text; skipped"),
        "{err}"
    );
    assert!(
        has("image.warc.gz: a PNG image, not text (named like WARC); skipped"),
        "{err}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .contains("5 new documents (0 already stored)"),
        "{err}"
    );
    assert!(lines.last().unwrap().contains("5 errors"), "{err}");
    assert!(
        !err.contains('\r') && !err.contains('\x1b'),
        "no progress bar off a terminal"
    );
    let c = check_sound(&db);
    assert_eq!(c.documents, 5, "2 JSONL lines, 2 crawl pages, 1 text file");
    let store = Store::open_existing(&db).unwrap();
    let (outlet, published): (String, String) = store
        .connection()
        .query_row(
            "SELECT outlet, published FROM documents WHERE origin LIKE '%a.jsonl:1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (outlet.as_str(), published.as_str()),
        ("Valley Post", "2024-03-05")
    );
    let url: String = store
        .connection()
        .query_row(
            "SELECT url FROM documents WHERE origin LIKE '%record 4'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(url, "https://valley.example/news/1");
}

#[test]
fn a_panicking_document_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(11);
    let lines = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"text": article(&mut rng)}),
        serde_json::json!({"text": "The mayor said PANIC-HERE was fine."}),
        serde_json::json!({"text": article(&mut rng)})
    );
    let f = write(dir.path(), "p.jsonl", lines);
    let db = dir.path().join("p.db");
    let out = hearsay()
        .env("HEARSAY_DEBUG_PANIC_ON", "PANIC-HERE")
        .args(["ingest", "-j", "2", "--db"])
        .arg(&db)
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("p.jsonl:2: internal error: HEARSAY_DEBUG_PANIC_ON matched"),
        "{err}"
    );
    assert_eq!(check_sound(&db).documents, 2);
}

#[test]
fn queries_answer_in_tables_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "q.jsonl",
        [
            serde_json::json!({"id": "q1", "text": "“The bridge will reopen in May,” Mayor Ana Kovač said on Tuesday.\nThe opposition believes the works will run late.", "outlet": "Harbour Gazette", "published": "2024-03-05", "title": "Bridge to reopen"}),
            serde_json::json!({"id": "q2", "text": "Kovač told reporters that the bridge works were on schedule.\n“We are ready,” said Tomas Brenn.", "outlet": "Valley Post", "published": "2024-03-09"}),
        ]
        .iter()
        .map(|v| format!("{v}\n"))
        .collect::<String>(),
    );
    let db = dir.path().join("q.db");
    hearsay()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&f)
        .assert()
        .success();
    let run = |args: &[&str]| {
        let out = hearsay().args(args).arg("--db").arg(&db).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        stdout_of(&out)
    };
    // Which attributions the model finds may change; the shapes do not.
    let who: Value = serde_json::from_str(&run(&["who", "bridge", "--json"])).unwrap();
    assert_eq!(who["query"], "bridge");
    let total = who["total"].as_u64().unwrap();
    let listed: u64 = who["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, listed);
    for g in who["groups"].as_array().unwrap() {
        for s in g["said"].as_array().unwrap() {
            assert!(
                s["content"]
                    .as_str()
                    .unwrap()
                    .to_lowercase()
                    .contains("[bridge]"),
                "{s}"
            );
        }
    }
    let table = run(&["who", "bridge"]);
    assert!(
        table.starts_with(&format!("\"bridge\": {total} attribution")),
        "{table}"
    );
    let sources: Value = serde_json::from_str(&run(&["sources", "--json"])).unwrap();
    let outlets: Vec<&str> = sources
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["outlet"].as_str().unwrap())
        .collect();
    assert_eq!(outlets.len(), 2, "{outlets:?}");
    assert!(run(&["sources", "--anonymous"]).starts_with("outlet"));
    let top: Value = serde_json::from_str(&run(&["speaker", "--json"])).unwrap();
    if let Some(first) = top.as_array().unwrap().first() {
        let name = first["entity"]["name"].as_str().unwrap();
        let one: Value = serde_json::from_str(&run(&["speaker", name, "--json"])).unwrap();
        assert_eq!(one["entity"]["name"], name);
        assert_eq!(
            one["said"].as_array().unwrap().len() as u64,
            one["attributions"].as_u64().unwrap()
        );
    }
    let shown: Value = serde_json::from_str(&run(&["show", "q1", "--json", "--text"])).unwrap();
    assert_eq!(shown["title"], "Bridge to reopen");
    assert_eq!(shown["published"], "2024-03-05");
    let text = shown["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    for a in shown["attributions"].as_array().unwrap() {
        for s in a["content"].as_array().unwrap() {
            let (b, e) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                s["text"].as_str().unwrap(),
                chars[b..e].iter().collect::<String>()
            );
        }
    }
    let shown_table = run(&["show", "q1"]);
    assert!(
        shown_table.starts_with("Bridge to reopen\n#"),
        "{shown_table}"
    );
    assert!(
        shown_table
            .lines()
            .nth(1)
            .unwrap()
            .ends_with(" · Harbour Gazette · 2024-03-05 · q.jsonl:1")
            || shown_table.contains("Harbour Gazette · 2024-03-05"),
        "{shown_table}"
    );
    assert!(
        run(&["disputes"]).starts_with("0 disputes recorded")
            || run(&["disputes"]).contains("who disputes")
    );
    // Errors: no database, no such speaker or document.
    let out = hearsay()
        .args(["who", "x", "--db"])
        .arg(dir.path().join("none.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("no such database"),
        "{}",
        stderr_of(&out)
    );
    let out = hearsay()
        .args(["show", "nope", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = hearsay()
        .args(["speaker", "Nobody Here", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn disputes_show_their_basis_and_filter_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The Harbour Gazette reported on Monday that the port authority had hidden a \
                fuel leak at the northern quay for three weeks.\nThe port authority denied \
                that it had hidden any leak.\n“That report is simply not true,” its director, \
                Mara Lind, told reporters.";
    let f = write(
        dir.path(),
        "d.jsonl",
        format!(
            "{}\n",
            serde_json::json!({"id": "d1", "text": text, "published": "2024-05-06"})
        ),
    );
    let db = dir.path().join("d.db");
    hearsay()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&f)
        .assert()
        .success();
    let run = |args: &[&str]| {
        let out = hearsay().args(args).arg("--db").arg(&db).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        stdout_of(&out)
    };
    let all: Value = serde_json::from_str(&run(&["disputes", "--json"])).unwrap();
    let rows = all["recent"].as_array().unwrap();
    assert_eq!(all["total"].as_u64().unwrap(), rows.len() as u64);
    let basis: Vec<&str> = rows.iter().map(|r| r["basis"].as_str().unwrap()).collect();
    assert!(basis.contains(&"denial_verb"), "{all}");
    let known = [
        "characterisation",
        "denial_verb",
        "rebuttal",
        "side",
        "negation",
    ];
    assert!(basis.iter().all(|b| known.contains(b)), "{basis:?}");
    // A filter keeps exactly the rows of those signals.
    for b in known {
        let only: Value =
            serde_json::from_str(&run(&["disputes", "--json", "--basis", b])).unwrap();
        let want = basis.iter().filter(|x| **x == b).count() as u64;
        assert_eq!(only["total"].as_u64().unwrap(), want, "{b}");
    }
    let two: Value = serde_json::from_str(&run(&[
        "disputes",
        "--json",
        "--basis",
        "denial_verb,rebuttal",
    ]))
    .unwrap();
    let want = basis
        .iter()
        .filter(|x| matches!(**x, "denial_verb" | "rebuttal"))
        .count() as u64;
    assert_eq!(two["total"].as_u64().unwrap(), want);
    // The table names the signal; `show` too.
    assert!(run(&["disputes"]).contains("; denial verb)"));
    assert!(run(&["show", "d1"]).contains("; denial verb)"));
    // An unknown signal is a usage error that lists the known ones.
    let out = hearsay()
        .args(["disputes", "--basis", "rumour", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("characterisation, denial_verb, rebuttal, side, negation"),
        "{}",
        stderr_of(&out)
    );
}
