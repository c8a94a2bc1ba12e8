//! What kind of input a file is, from its first bytes and from its name.

use std::path::Path;

/// An input format hearsay reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: one article.
    Txt,
    /// One JSON object per line, one article each.
    Jsonl,
    /// One HTML page.
    Html,
    /// A WARC crawl file.
    Warc,
}

impl Format {
    /// The name used on the command line (`--input-format`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Warc => "warc",
        }
    }

    /// How messages describe it.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Txt => "plain text",
            Format::Jsonl => "JSONL",
            Format::Html => "HTML",
            Format::Warc => "WARC",
        }
    }

    /// Parse a command-line name.
    pub fn from_name(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Txt,
            "jsonl" | "ndjson" => Format::Jsonl,
            "html" | "htm" => Format::Html,
            "warc" => Format::Warc,
            _ => return None,
        })
    }
}

/// What the first bytes of an input look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Format(Format),
    /// gzip-compressed: look again after decompressing.
    Gzip,
    /// A JSON array (`[{...}, ...]`): not JSONL.
    JsonArray,
    /// Not text; what it looks like ("a PDF document", "binary data").
    Binary(&'static str),
}

/// The format a file's name announces: `.txt`, `.jsonl`/`.ndjson`, `.html`/`.htm`/`.xhtml`,
/// `.warc`, each optionally followed by `.gz`. `None` for other names.
pub fn format_from_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "txt" => Format::Txt,
        "jsonl" | "ndjson" => Format::Jsonl,
        "html" | "htm" | "xhtml" => Format::Html,
        "warc" => Format::Warc,
        _ => return None,
    })
}

/// Magic numbers of common non-text files, for a helpful message.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ", "an xz file"),
    (b"\x28\xb5\x2f\xfd", "a zstd file"),
    (b"SQLite format 3\0", "an SQLite database"),
];

/// Tags that make a document HTML when they appear near its start.
const HTML_MARKERS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<title",
    "<article",
    "<div",
    "<p>",
    "<p ",
];

/// Sniff the first bytes (8 KiB is plenty) of an input.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Sniffed::Gzip;
    }
    for (magic, what) in MAGIC {
        if head.starts_with(magic) {
            return Sniffed::Binary(what);
        }
    }
    if crate::text::looks_binary(head) {
        return Sniffed::Binary("binary data");
    }
    let body = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let trimmed = trim_start(body);
    if trimmed.starts_with(b"WARC/") {
        return Sniffed::Format(Format::Warc);
    }
    if trimmed.starts_with(b"{") {
        return Sniffed::Format(Format::Jsonl);
    }
    if let Some(rest) = trimmed.strip_prefix(b"[") {
        if trim_start(rest).starts_with(b"{") || trim_start(rest).starts_with(b"]") {
            return Sniffed::JsonArray;
        }
    }
    if trimmed.starts_with(b"<") {
        let start = String::from_utf8_lossy(&trimmed[..trimmed.len().min(4096)]).to_lowercase();
        if HTML_MARKERS.iter().any(|m| start.contains(m)) {
            return Sniffed::Format(Format::Html);
        }
    }
    Sniffed::Format(Format::Txt)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Decide how to read an input from what was forced (`--input-format`), what the content
/// looks like and what its name says. `Err` is the message for an input that is not read:
/// binary content, a JSON array, or a name that says one format over content of another.
pub fn decide(
    forced: Option<Format>,
    content: Sniffed,
    named: Option<Format>,
) -> Result<Format, String> {
    let named_note = || {
        named
            .map(|f| format!(" (named like {})", f.describe()))
            .unwrap_or_default()
    };
    match (forced, content) {
        (_, Sniffed::Binary(what)) => Err(format!("{what}, not text{}; skipped", named_note())),
        (_, Sniffed::Gzip) => Err("gzip inside gzip is not supported; skipped".to_string()),
        (Some(f), _) => Ok(f),
        (None, Sniffed::JsonArray) => Err(format!(
            "a JSON array{}; hearsay reads JSONL (one JSON object per line); skipped",
            named_note()
        )),
        (None, Sniffed::Format(c)) => match named {
            Some(n) if n != c => Err(format!(
                "named like {} but the content looks like {}; skipped (--input-format {} reads \
                 it as {})",
                n.describe(),
                c.describe(),
                c.name(),
                c.describe()
            )),
            _ => Ok(c),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let f = |s: &str| format_from_name(Path::new(s));
        assert_eq!(f("a/b.txt"), Some(Format::Txt));
        assert_eq!(f("x.JSONL"), Some(Format::Jsonl));
        assert_eq!(f("x.ndjson.gz"), Some(Format::Jsonl));
        assert_eq!(f("crawl.warc.gz"), Some(Format::Warc));
        assert_eq!(f("page.htm"), Some(Format::Html));
        assert_eq!(f("notes.md"), None);
        assert_eq!(f("README"), None);
        assert_eq!(f("x.gz"), None);
    }

    #[test]
    fn contents() {
        use Sniffed::*;
        assert_eq!(
            sniff(b"WARC/1.0\r\nWARC-Type: warcinfo"),
            Format(super::Format::Warc)
        );
        assert_eq!(
            sniff(b"\n  {\"text\": \"x\"}\n"),
            Format(super::Format::Jsonl)
        );
        assert_eq!(sniff(b"[{\"text\": \"x\"}]"), JsonArray);
        assert_eq!(
            sniff(b"[Updated] The mayor said"),
            Format(super::Format::Txt)
        );
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body>x"),
            Format(super::Format::Html)
        );
        assert_eq!(
            sniff("\u{feff}<html lang=en>".as_bytes()),
            Format(super::Format::Html)
        );
        assert_eq!(sniff(b"<3 from the mayor"), Format(super::Format::Txt));
        assert_eq!(sniff(b"The mayor said."), Format(super::Format::Txt));
        assert_eq!(sniff(b""), Format(super::Format::Txt));
        assert_eq!(sniff(b"\x1f\x8b\x08\x00"), Gzip);
        assert_eq!(sniff(b"%PDF-1.7\n"), Binary("a PDF document"));
        assert_eq!(sniff(b"abc\0def"), Binary("binary data"));
    }

    #[test]
    fn decisions() {
        use super::Format::*;
        let s = Sniffed::Format;
        assert_eq!(decide(None, s(Jsonl), Some(Jsonl)), Ok(Jsonl));
        assert_eq!(decide(None, s(Html), None), Ok(Html));
        let e = decide(None, s(Html), Some(Warc)).unwrap_err();
        assert!(
            e.contains("named like WARC but the content looks like HTML"),
            "{e}"
        );
        assert!(e.contains("--input-format html"), "{e}");
        assert_eq!(decide(Some(Txt), s(Html), Some(Warc)), Ok(Txt));
        let e = decide(Some(Txt), Sniffed::Binary("a PNG image"), Some(Warc)).unwrap_err();
        assert_eq!(e, "a PNG image, not text (named like WARC); skipped");
        assert!(decide(None, Sniffed::JsonArray, Some(Jsonl))
            .unwrap_err()
            .contains("JSON array"));
        assert_eq!(decide(Some(Jsonl), Sniffed::JsonArray, None), Ok(Jsonl));
    }
}
