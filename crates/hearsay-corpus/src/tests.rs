//! Reading whole inputs: sniffing, gzip, WARC, bad files. All articles are invented.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "hearsay-corpus-test-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn read_path(p: &Path, format: Option<Format>) -> Vec<Item> {
    let opts = ReadOptions {
        format,
        ..Default::default()
    };
    let mut items = Vec::new();
    read_input(&Input::File(p.to_path_buf()), &opts, &mut |i| {
        items.push(i);
        true
    });
    items
}

/// Items as one line each, for readable assertions.
fn lines(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Article(a) => format!(
                "article {}",
                a.location
                    .line
                    .map(|l| l.to_string())
                    .or(a.location.record.map(|r| format!("r{r}")))
                    .unwrap_or_default()
            ),
            Item::Error { location, message } => {
                let name = Path::new(&location.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                let mut l = location.clone();
                l.path = name;
                format!("error {l}: {message}")
            }
            Item::Skipped { location, reason } => {
                format!("skipped r{}: {reason}", location.record.unwrap_or(0))
            }
        })
        .collect()
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// One WARC record.
pub(crate) fn warc_record(kind: &str, uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\nWARC-Date: 2024-03-06T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len() as u32 ^ uri.len() as u32,
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

pub(crate) fn http_html(html: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}").into_bytes()
}

pub(crate) fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!("<html><head><title>{title}</title><meta property=\"og:site_name\" content=\"Valley Post\"></head><body><nav>Home | News</nav><article><h1>{title}</h1>{body}</article></body></html>")
}

const P1: &str = "“We will not close the school,” Principal Ira Vell said on Monday, after parents gathered outside the town hall to protest the plan announced last week.";
const P2: &str = "The council said in a statement that it would review the figures again and publish them before the vote, which is set for the end of the month.";

/// A crawl: warcinfo, a request, two HTML responses, an image, a redirect, one member each.
fn crawl() -> Vec<Vec<u8>> {
    vec![
        warc_record(
            "warcinfo",
            "urn:x",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://valley.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://valley.example/a",
            "application/http; msgtype=response",
            &http_html(&page("School stays open", &[P1, P2])),
        ),
        warc_record(
            "response",
            "https://valley.example/logo.png",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG....",
        ),
        warc_record(
            "response",
            "https://valley.example/old",
            "application/http; msgtype=response",
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: /a\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://valley.example/b",
            "application/http; msgtype=response",
            &http_html(&page("Council to review", &[P2, P1])),
        ),
    ]
}

#[test]
fn warc_gz_multi_member() {
    let s = Scratch::new("warc");
    let gz: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
    let p = s.write("crawl.warc.gz", &gz);
    let items = read_path(&p, None);
    assert_eq!(
        lines(&items),
        [
            "skipped r1: not a response or resource record",
            "skipped r2: not a response or resource record",
            "article r3",
            "skipped r4: not an HTML page",
            "skipped r5: HTTP status other than 2xx",
            "article r6",
        ]
    );
    let Item::Article(a) = &items[2] else {
        unreachable!()
    };
    assert_eq!(a.url.as_deref(), Some("https://valley.example/a"));
    assert_eq!(a.title.as_deref(), Some("School stays open"));
    assert_eq!(a.outlet.as_deref(), Some("Valley Post"));
    assert_eq!(a.published.as_deref(), Some("2024-03-06"), "from WARC-Date");
    assert!(
        a.text.starts_with("“We will not close the school,”"),
        "{}",
        a.text
    );
    assert!(a.extra["warc_record_id"]
        .as_str()
        .unwrap()
        .starts_with("<urn:uuid:"));
    // The same crawl uncompressed reads the same.
    let plain: Vec<u8> = crawl().concat();
    let p2 = s.write("crawl.warc", &plain);
    assert_eq!(lines(&read_path(&p2, None)), lines(&items));
}

#[test]
fn warc_pages_in_their_declared_encodings() {
    let s = Scratch::new("charset");
    let ru = "Мэр Анна Ковач заявила во вторник, что мост через реку откроется в мае.";
    let ja =
        "コヴァチ市長は火曜日、川に架かる橋が五月に再開すると述べた。冬の間、修理が続いていた。";
    let response = |content_type: &str, html: &str, enc: &'static encoding_rs::Encoding| {
        let mut body =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
        body.extend_from_slice(&enc.encode(html).0);
        warc_record(
            "response",
            "https://valley.example/x",
            "application/http; msgtype=response",
            &body,
        )
    };
    let records = [
        // The HTTP header says it.
        response(
            "text/html; charset=windows-1251",
            &page("Мост", &[ru]),
            encoding_rs::WINDOWS_1251,
        ),
        // Quoted, with spaces, after another parameter.
        response(
            "text/html; format=x; charset = \"Shift_JIS\"",
            &page("橋", &[ja]),
            encoding_rs::SHIFT_JIS,
        ),
        // Only the page says it (http-equiv).
        response(
            "text/html",
            &page("Мост", &[ru]).replace(
                "<head>",
                "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">",
            ),
            encoding_rs::KOI8_R,
        ),
    ];
    let p = s.write(
        "c.warc.gz",
        &records.iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>(),
    );
    let items = read_path(&p, None);
    let texts: Vec<&str> = items
        .iter()
        .map(|i| match i {
            Item::Article(a) => a.text.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(texts, [ru, ja, ru]);
}

#[test]
fn truncated_warc_gz() {
    let s = Scratch::new("trunc");
    let members: Vec<Vec<u8>> = crawl().iter().map(|r| gzip(r)).collect();
    let whole: Vec<u8> = members.concat();
    // Cut in the middle of the last member (record 6).
    let cut = whole.len() - members[5].len() / 2;
    let p = s.write("cut.warc.gz", &whole[..cut]);
    let items = read_path(&p, None);
    let l = lines(&items);
    assert_eq!(
        &l[..5],
        &lines(&read_path(&s.write("ok.warc.gz", &whole), None))[..5]
    );
    assert_eq!(l.len(), 6, "{l:?}");
    assert!(l[5].starts_with("error cut.warc.gz, record 6: "), "{l:?}");
    assert!(
        l[5].contains("truncated") || l[5].contains("corrupt"),
        "{l:?}"
    );
    // Cut inside the gzip header of the first member: an error, no panic.
    let p = s.write("tiny.warc.gz", &whole[..5]);
    let l = lines(&read_path(&p, None));
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(l[0].starts_with("error tiny.warc.gz"), "{l:?}");
    // A plain WARC cut inside a record body.
    let plain = crawl().concat();
    let p = s.write("cut.warc", &plain[..plain.len() - 100]);
    let l = lines(&read_path(&p, None));
    assert!(l.last().unwrap().contains("record 6: truncated"), "{l:?}");
}

#[test]
fn html_file_without_text() {
    let s = Scratch::new("html");
    let p = s.write("empty.html", b"<!DOCTYPE html><html><head><title>Index</title></head><body><nav><a href=/>Home</a></nav></body></html>");
    assert_eq!(
        lines(&read_path(&p, None)),
        ["error empty.html: HTML page with no article text; skipped"]
    );
    let p = s.write(
        "story.html",
        page("School stays open", &[P1, P2]).as_bytes(),
    );
    let items = read_path(&p, None);
    assert_eq!(lines(&items), ["article "]);
}

#[test]
fn files_that_are_not_what_their_name_says() {
    let s = Scratch::new("names");
    let png = s.write("crawl.warc.gz", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(
        lines(&read_path(&png, None)),
        ["error crawl.warc.gz: a PNG image, not text (named like WARC); skipped"]
    );
    let html_as_jsonl = s.write("feed.jsonl", page("x", &[P1]).as_bytes());
    assert_eq!(
        lines(&read_path(&html_as_jsonl, None)),
        ["error feed.jsonl: named like JSONL but the content looks like HTML; skipped (--input-format html reads it as HTML)"]
    );
    // Forcing the format reads it.
    assert_eq!(
        lines(&read_path(&html_as_jsonl, Some(Format::Html))),
        ["article "]
    );
    let text_as_warc = s.write("x.warc", b"Just some prose.\n");
    assert!(lines(&read_path(&text_as_warc, None))[0]
        .contains("named like WARC but the content looks like plain text"));
    assert_eq!(
        lines(&read_path(&text_as_warc, Some(Format::Warc))),
        ["error x.warc: not a WARC file (it does not start with WARC/1.x); skipped"]
    );
    let gz_text = s.write("notes.txt", &gzip(b"plain words"));
    assert_eq!(
        lines(&read_path(&gz_text, None)),
        ["article "],
        "gzip text is text"
    );
    let array = s.write("list.jsonl", b"[{\"text\": \"a\"}]");
    assert!(lines(&read_path(&array, None))[0].contains("a JSON array"));
    // No recognised name: the content decides.
    let p = s.write(
        "articles.dat",
        b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n",
    );
    assert_eq!(lines(&read_path(&p, None)), ["article 1", "article 2"]);
    let bad = s.write("bad.txt", b"caf\xc3\xa9 \xff");
    assert_eq!(
        lines(&read_path(&bad, None)),
        ["error bad.txt: not valid UTF-8 (byte offset 6)"]
    );
}

#[test]
fn jsonl_gz_and_txt() {
    let s = Scratch::new("jsonl");
    let p = s.write(
        "a.jsonl.gz",
        &gzip(
            b"{\"text\": \"One.\", \"outlet\": \"Valley Post\"}\nnot json\n{\"text\": \"Two.\"}\n",
        ),
    );
    let items = read_path(&p, None);
    assert_eq!(
        lines(&items)[1],
        "error a.jsonl.gz:2: not valid JSON: expected ident (column 2)"
    );
    assert_eq!(items.len(), 3);
    let p = s.write("t.txt", "Zoë said\r\nno.".as_bytes());
    let items = read_path(&p, None);
    let Item::Article(a) = &items[0] else {
        panic!()
    };
    assert_eq!(a.text, "Zoë said\r\nno.", "text kept exactly");
    assert!(a.location.line.is_none());
}

#[test]
fn directories_and_missing_paths() {
    let s = Scratch::new("dirs");
    s.write("b/2.txt", b"x");
    s.write("a.jsonl", b"{}");
    s.write("b/c/3.warc.gz", b"");
    s.write("notes.md", b"x");
    s.write("b/1.html", b"<html>");
    let inputs = collect_inputs(&[s.0.clone(), s.0.join("missing.txt")]);
    let names: Vec<String> = inputs
        .iter()
        .map(|i| i.name().replace(&s.0.display().to_string(), "D"))
        .collect();
    assert_eq!(
        names,
        [
            "D/a.jsonl",
            "D/b/1.html",
            "D/b/2.txt",
            "D/b/c/3.warc.gz",
            "D/missing.txt"
        ]
    );
    let mut items = Vec::new();
    read_input(&inputs[4], &ReadOptions::default(), &mut |i| {
        items.push(i);
        true
    });
    assert!(
        matches!(&items[0], Item::Error { message, .. } if message == "no such file or directory")
    );
}

#[test]
fn content_hash_identity() {
    let a = Article {
        text: "Ana said no.".into(),
        outlet: Some("Valley Post".into()),
        ..Default::default()
    };
    let mut b = a.clone();
    b.location = Location::file("elsewhere.txt");
    b.extra.insert("k".into(), "v".into());
    assert_eq!(
        a.content_hash(),
        b.content_hash(),
        "location and extra do not count"
    );
    b.outlet = None;
    assert_ne!(a.content_hash(), b.content_hash());
    let mut c = a.clone();
    c.title = Some(String::new());
    assert_ne!(
        a.content_hash(),
        c.content_hash(),
        "absent and empty differ"
    );
}

#[test]
fn never_panics_on_garbage() {
    let s = Scratch::new("garbage");
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let good: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
    for round in 0..60 {
        let mut bytes = if round % 2 == 0 {
            good.clone()
        } else {
            crawl().concat()
        };
        for _ in 0..(1 + next() % 4) {
            let i = (next() as usize) % bytes.len();
            bytes[i] = next() as u8;
        }
        bytes.truncate(1 + (next() as usize) % bytes.len());
        let p = s.write(&format!("g{round}.warc.gz"), &bytes);
        let _ = read_path(&p, None);
        let _ = read_path(&p, Some(Format::Jsonl));
        let _ = read_path(&p, Some(Format::Html));
    }
}
