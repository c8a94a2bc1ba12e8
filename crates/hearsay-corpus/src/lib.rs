//! Corpus readers: turn files of news articles into [`Article`]s.
//!
//! | format | one file holds | text | metadata |
//! |---|---|---|---|
//! | [`Format::Txt`] | one article | the file, exactly | none |
//! | [`Format::Jsonl`] | one article per line | `"text"` (required) | `id`, `title`, `url`, `published`, `outlet`; other fields kept in [`Article::extra`] |
//! | [`Format::Html`] | one page | main text found by `dom_smoothie` (readability) | title, date, outlet, url, byline, language from `<meta>` tags and JSON-LD |
//! | [`Format::Warc`] | many records | each HTML `response` (or `resource`) record, read as HTML | URL from `WARC-Target-URI`; date from the page, else `WARC-Date` |
//!
//! Any of these may be gzip-compressed (`.warc.gz`, `.jsonl.gz`; multi-member gzip as crawls
//! write it). The format is sniffed from the content ([`sniff`]); a file whose name says one
//! format and whose content is another is reported rather than guessed at, unless the caller
//! forces a format.
//!
//! Readers push [`Item`]s to a callback, one per article, error or skipped record, so a
//! multi-gigabyte WARC or JSONL file is streamed with memory bounded by one record. They never
//! panic on any input: every problem is an [`Item::Error`] naming the file and the line or
//! record.

use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub mod date;
mod html;
mod jsonl;
pub mod sniff;
pub mod text;
mod warc;

pub use sniff::{Format, Sniffed};

/// One article read from the input, before any processing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// Where it was read from (see [`Location`]).
    pub location: Location,
    /// The text the pipeline reads.
    pub text: String,
    /// The article's own identifier (JSONL `id`).
    pub id: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD` (normalised from what the input gave; the input's own
    /// form is kept in `extra["published_raw"]` when it said more or could not be read).
    pub published: Option<String>,
    /// The publication: JSONL `outlet`, an HTML page's `og:site_name`.
    pub outlet: Option<String>,
    /// Everything else the input said about the article: unknown JSONL fields, an HTML page's
    /// byline and language, WARC record headers.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Article {
    /// SHA-256 over the text and the identifying metadata (id, url, title, published, outlet),
    /// each length-prefixed. Two articles with the same hash are the same article; `extra` and
    /// `location` do not count, so the same article read from another file or crawl is still
    /// the same.
    pub fn content_hash(&self) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(b"hearsay-article-v1");
        let mut field = |v: Option<&str>| match v {
            None => h.update([0u8]),
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
        };
        field(Some(&self.text));
        field(self.id.as_deref());
        field(self.url.as_deref());
        field(self.title.as_deref());
        field(self.published.as_deref());
        field(self.outlet.as_deref());
        h.finalize().into()
    }
}

/// Where an article or a problem is: a file, and a line (JSONL) or record (WARC) in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    /// 1-based line of a JSONL file.
    pub line: Option<u64>,
    /// 1-based record number in a WARC file (counting every record, not only HTML ones).
    pub record: Option<u64>,
}

impl Location {
    pub fn file(path: impl Into<String>) -> Location {
        Location {
            path: path.into(),
            ..Default::default()
        }
    }
}

impl fmt::Display for Location {
    /// `a.txt`, `a.jsonl:17`, `crawl.warc.gz, record 12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(r) = self.record {
            write!(f, ", record {r}")?;
        }
        Ok(())
    }
}

/// What a reader hands over.
#[derive(Debug, PartialEq)]
pub enum Item {
    Article(Box<Article>),
    /// A problem: the article (or the rest of the file, when `fatal`) is not read.
    Error {
        location: Location,
        message: String,
    },
    /// A record that is not an article by design (a WARC request, an image, a redirect, a page
    /// without article text): not an error, counted and shown only when asked.
    Skipped {
        location: Location,
        reason: &'static str,
    },
}

impl Item {
    fn error(location: Location, message: impl Into<String>) -> Item {
        Item::Error {
            location,
            message: message.into(),
        }
    }
}

/// Reading options.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Read every input as this format instead of sniffing it.
    pub format: Option<Format>,
    /// Largest article (a .txt or .html file, a JSONL line, a WARC record) read, in bytes.
    pub max_bytes: u64,
    /// Incremented with every byte read from the files (compressed bytes for gzip), for
    /// progress reporting.
    pub bytes_read: Arc<AtomicU64>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            max_bytes: 64 << 20,
            bytes_read: Arc::default(),
        }
    }
}

/// One input to read: a file, standard input, or a path that could not be listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// A path that could not be read (missing, unreadable directory): reported in its turn.
    Broken {
        path: String,
        message: String,
    },
}

impl Input {
    /// The name used in messages and as the article location.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
            Input::Broken { path, .. } => path.clone(),
        }
    }

    /// Size in bytes when known (for progress).
    pub fn size(&self) -> Option<u64> {
        match self {
            Input::File(p) => fs::metadata(p).ok().map(|m| m.len()),
            _ => None,
        }
    }
}

/// Expand command-line paths into inputs, in argument order: `-` is standard input, a file is
/// read whatever its name, a directory contributes every file below it whose name says it is
/// an input ([`sniff::format_from_name`]), sorted by path, not following directory symlinks.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in paths {
        if arg.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        match fs::metadata(arg) {
            Err(e) => out.push(Input::Broken {
                path: arg.display().to_string(),
                message: text::io_message(&e),
            }),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                walk(arg, &mut files, &mut out);
                files.sort();
                out.extend(files.into_iter().map(Input::File));
            }
            Ok(_) => out.push(Input::File(arg.clone())),
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, broken: &mut Vec<Input>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            broken.push(Input::Broken {
                path: dir.display().to_string(),
                message: text::io_message(&e),
            });
            return;
        }
    };
    let mut subdirs = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            subdirs.push(path);
        } else if sniff::format_from_name(&path).is_some()
            && (ft.is_file() || fs::metadata(&path).is_ok_and(|m| m.is_file()))
        {
            files.push(path);
        }
    }
    subdirs.sort();
    for d in subdirs {
        walk(&d, files, broken);
    }
}

/// A reader that counts the bytes that pass through it.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// How many bytes of the start of an input the sniffer looks at.
const SNIFF_LEN: usize = 8 * 1024;

/// Read up to `n` bytes (fewer only at the end of the stream).
fn read_head(r: &mut impl Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    r.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Read one input and call `emit` with every article, error and skipped record in it, in
/// order. `emit` returns `false` to stop reading.
pub fn read_input(input: &Input, opts: &ReadOptions, emit: &mut dyn FnMut(Item) -> bool) {
    let name = input.name();
    let loc = || Location::file(name.clone());
    let raw: Box<dyn Read + Send> = match input {
        Input::Broken { message, .. } => {
            emit(Item::error(loc(), message.clone()));
            return;
        }
        Input::Stdin => Box::new(io::stdin()),
        Input::File(path) => match fs::File::open(path) {
            Ok(f) => match f.metadata() {
                Ok(m) if m.is_dir() => {
                    emit(Item::error(loc(), "is a directory"));
                    return;
                }
                _ => Box::new(f),
            },
            Err(e) => {
                emit(Item::error(loc(), text::io_message(&e)));
                return;
            }
        },
    };
    let mut raw = Counting {
        inner: raw,
        count: opts.bytes_read.clone(),
    };
    let head = match read_head(&mut raw, SNIFF_LEN) {
        Ok(h) => h,
        Err(e) => {
            emit(Item::error(loc(), text::io_message(&e)));
            return;
        }
    };
    let outer = sniff::sniff(&head);
    let named = match input {
        Input::File(p) => sniff::format_from_name(p),
        _ => None,
    };
    // Undo the sniffing read: the stream starts again with the head.
    let stream = io::Cursor::new(head).chain(raw);
    let (inner_kind, mut stream): (Sniffed, Box<dyn BufRead + Send>) = match outer {
        Sniffed::Gzip => {
            let mut gz = BufReader::with_capacity(
                1 << 16,
                flate2::bufread::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, stream)),
            );
            let inner_head = match gz.fill_buf() {
                Ok(b) => b.to_vec(),
                Err(e) => {
                    emit(Item::error(
                        loc(),
                        format!("gzip file that cannot be decompressed: {e}"),
                    ));
                    return;
                }
            };
            (sniff::sniff(&inner_head), Box::new(gz))
        }
        other => (other, Box::new(BufReader::with_capacity(1 << 16, stream))),
    };
    let format = match sniff::decide(opts.format, inner_kind, named) {
        Ok(f) => f,
        Err(message) => {
            emit(Item::error(loc(), message));
            return;
        }
    };
    match format {
        Format::Txt => {
            emit(
                match read_whole(&mut stream, opts.max_bytes).and_then(text::decode_loc) {
                    Ok(text) => Item::Article(Box::new(Article {
                        location: loc(),
                        text,
                        ..Default::default()
                    })),
                    Err(message) => Item::error(loc(), message),
                },
            );
        }
        Format::Html => {
            emit(match read_whole(&mut stream, opts.max_bytes) {
                Ok(bytes) => match html::article(&bytes, None, None) {
                    Ok(mut a) => {
                        a.location = loc();
                        Item::Article(Box::new(a))
                    }
                    Err(html::HtmlError::NoText) => {
                        Item::error(loc(), "HTML page with no article text; skipped")
                    }
                    Err(e) => Item::error(loc(), e.to_string()),
                },
                Err(message) => Item::error(loc(), message),
            });
        }
        Format::Jsonl => jsonl::read(&name, stream, opts.max_bytes, emit),
        Format::Warc => warc::read(&name, stream, opts.max_bytes, emit),
    }
}

/// Read everything, failing beyond `max` bytes.
fn read_whole(r: &mut dyn BufRead, max: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    Read::take(r, max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| read_error(&e))?;
    if buf.len() as u64 > max {
        return Err(format!(
            "larger than the --max-bytes limit of {max} bytes, skipped (raise the limit with --max-bytes)"
        ));
    }
    Ok(buf)
}

/// A read error as a message: a truncated compressed stream says so.
fn read_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => "truncated (unexpected end of file)".to_string(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            format!("corrupt compressed data ({e})")
        }
        _ => text::io_message(e),
    }
}

#[cfg(test)]
mod tests;
