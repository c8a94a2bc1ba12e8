//! WARC files: every HTML `response` (or `resource`) record is one page, read as HTML.
//!
//! The `warc` crate parses the record headers and streams the bodies, so a record that is not
//! wanted (a request, an image, a video) is skipped without being held in memory. Gzip is
//! undone before this reader (multi-member, as crawlers write one gzip member per record).

use std::io::{BufRead, Read};

use serde_json::Value;
use warc::RecordType;

use crate::{date, html, read_error, Item, Location};

/// Why a WARC record is not an article (not errors: crawls are full of these).
pub(crate) const NOT_RESPONSE: &str = "not a response or resource record";
pub(crate) const NOT_HTML: &str = "not an HTML page";
pub(crate) const NOT_OK: &str = "HTTP status other than 2xx";
pub(crate) const NO_TEXT: &str = "HTML page with no article text";

/// Read WARC records from `r` and emit one item per record that matters.
pub(crate) fn read(
    path: &str,
    mut r: Box<dyn BufRead + Send>,
    max_bytes: u64,
    emit: &mut dyn FnMut(Item) -> bool,
) {
    let loc = |record: u64| Location {
        path: path.to_string(),
        line: None,
        record: Some(record),
    };
    // The crate reads headers until a blank line; make sure this is a WARC file at all first.
    match r.fill_buf() {
        Ok([]) => return,
        Ok(b) if !b.trim_ascii_start().starts_with(b"WARC/") => {
            emit(Item::error(
                Location::file(path),
                "not a WARC file (it does not start with WARC/1.x); skipped",
            ));
            return;
        }
        Ok(_) => {}
        Err(e) => {
            emit(Item::error(Location::file(path), read_error(&e)));
            return;
        }
    }
    let mut n = 0u64;
    loop {
        n += 1;
        let head = match read_header_block(&mut r) {
            Ok(None) => return,
            Ok(Some(h)) => h,
            Err(message) => {
                emit(Item::error(
                    loc(n),
                    format!("{message}; the rest of the file is skipped"),
                ));
                return;
            }
        };
        let Ok((_, (_version, fields, len))) = warc::parser::headers(&head) else {
            emit(Item::error(
                loc(n),
                "malformed WARC record header (corrupt file); the rest of the file is skipped",
            ));
            return;
        };
        let len = len as u64;
        // Header values are bytes; read them leniently (the crate's own accessors assume UTF-8).
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
        };
        let warc_type = field("WARC-Type").unwrap_or_default();
        let content_type = field("Content-Type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let target = field("WARC-Target-URI")
            .map(|t| t.trim_start_matches('<').trim_end_matches('>').to_string());
        let warc_date = field("WARC-Date");
        let record_id = field("WARC-Record-ID");
        let is_http = content_type.starts_with("application/http");
        let kind = RecordType::from(warc_type.as_str());
        let wanted = match kind {
            RecordType::Response => is_http || is_html_type(&content_type),
            RecordType::Resource => is_html_type(&content_type),
            _ => false,
        };
        if !wanted || len > max_bytes {
            if let Err(message) = skip(&mut r, len) {
                emit(Item::error(loc(n), message));
                return;
            }
            let item = if !wanted {
                let reason = match kind {
                    RecordType::Response | RecordType::Resource => NOT_HTML,
                    _ => NOT_RESPONSE,
                };
                Item::Skipped {
                    location: loc(n),
                    reason,
                }
            } else {
                Item::error(
                    loc(n),
                    format!(
                        "record larger than the --max-bytes limit of {max_bytes} bytes, skipped"
                    ),
                )
            };
            if !emit(item) {
                return;
            }
            continue;
        }
        let mut body = Vec::with_capacity(len as usize);
        if let Err(e) = Read::take(&mut r, len).read_to_end(&mut body) {
            emit(Item::error(
                loc(n),
                format!("{}; the rest of the file is skipped", read_error(&e)),
            ));
            return;
        }
        if (body.len() as u64) < len {
            emit(Item::error(loc(n), TRUNCATED));
            return;
        }
        if let Err(message) = end_of_record(&mut r) {
            emit(Item::error(loc(n), message));
            return;
        }
        let item = match page(&body, is_http) {
            Err(reason) => Item::Skipped {
                location: loc(n),
                reason,
            },
            Ok(Err(message)) => Item::error(loc(n), message),
            Ok(Ok((payload, charset))) => {
                match html::article(&payload, target.as_deref(), charset.as_deref()) {
                    Err(html::HtmlError::NoText) => Item::Skipped {
                        location: loc(n),
                        reason: NO_TEXT,
                    },
                    Err(e) => Item::error(loc(n), e.to_string()),
                    Ok(mut a) => {
                        a.location = loc(n);
                        if let Some(t) = target {
                            a.url = Some(t);
                        }
                        if let Some(d) = &warc_date {
                            a.extra.insert("warc_date".into(), Value::String(d.clone()));
                            if a.published.is_none() {
                                a.published = date::normalize(d);
                            }
                        }
                        if let Some(id) = record_id {
                            a.extra.insert("warc_record_id".into(), Value::String(id));
                        }
                        Item::Article(a.into())
                    }
                }
            }
        };
        if !emit(item) {
            return;
        }
    }
}

const TRUNCATED: &str =
    "truncated: the file ends inside this record; the rest of the file is skipped";

/// The longest header block read before the file is taken for corrupt.
const MAX_HEADER_BYTES: usize = 1 << 20;

/// The header block of the next record, up to and including its blank line; `None` at the end
/// of the file. Blank lines before the record are skipped.
fn read_header_block(r: &mut dyn BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut head = Vec::new();
    loop {
        let start = head.len();
        let n = Read::take(&mut *r, (MAX_HEADER_BYTES + 1 - start) as u64)
            .read_until(b'\n', &mut head)
            .map_err(|e| read_error(&e))?;
        if n == 0 {
            if head.iter().all(u8::is_ascii_whitespace) {
                return Ok(None);
            }
            return Err("truncated: the file ends inside a record header".into());
        }
        if head.len() > MAX_HEADER_BYTES {
            return Err("malformed WARC record header (no end in 1 MiB)".into());
        }
        let line = &head[start..];
        if line == b"\r\n" || line == b"\n" {
            if head[..start].iter().all(u8::is_ascii_whitespace) {
                // A blank line between records.
                head.clear();
                continue;
            }
            return Ok(Some(head));
        }
        if start == 0 && !line.starts_with(b"WARC/") {
            return Err("malformed WARC record: it does not start with WARC/".into());
        }
    }
}

/// Skip `len` bytes of body and the record's end.
fn skip(r: &mut dyn BufRead, len: u64) -> Result<(), String> {
    let skipped = std::io::copy(&mut Read::take(&mut *r, len), &mut std::io::sink())
        .map_err(|e| format!("{}; the rest of the file is skipped", read_error(&e)))?;
    if skipped < len {
        return Err(TRUNCATED.into());
    }
    end_of_record(r)
}

/// Consume the blank lines that end a record (`\r\n\r\n`; a missing one is tolerated).
fn end_of_record(r: &mut dyn BufRead) -> Result<(), String> {
    loop {
        let buf = r
            .fill_buf()
            .map_err(|e| format!("{}; the rest of the file is skipped", read_error(&e)))?;
        match buf.first() {
            Some(b'\r' | b'\n') => r.consume(1),
            _ => return Ok(()),
        }
    }
}

fn is_html_type(ct: &str) -> bool {
    ct.starts_with("text/html") || ct.starts_with("application/xhtml+xml")
}

/// The HTML payload of a record body and its declared charset. `Err(reason)`: not an HTML
/// page (skipped); `Ok(Err(message))`: an HTML page that cannot be read (an error).
#[allow(clippy::type_complexity)]
fn page(
    body: &[u8],
    is_http: bool,
) -> Result<Result<(Vec<u8>, Option<String>), String>, &'static str> {
    if !is_http {
        return Ok(Ok((body.to_vec(), None)));
    }
    let (head, payload) = match find(body, b"\r\n\r\n") {
        Some(i) => (&body[..i], &body[i + 4..]),
        None => match find(body, b"\n\n") {
            Some(i) => (&body[..i], &body[i + 2..]),
            None => return Ok(Err("HTTP response without a header end".into())),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&code) {
        return Err(NOT_OK);
    }
    let mut content_type = String::new();
    let mut encoding = String::new();
    let mut chunked = false;
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v,
            "content-encoding" => encoding = v,
            "transfer-encoding" => chunked = v.contains("chunked"),
            _ => {}
        }
    }
    if !content_type.is_empty() && !is_html_type(&content_type) {
        return Err(NOT_HTML);
    }
    let charset = content_type
        .split(';')
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            (k.trim() == "charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
        })
        .find(|c| !c.is_empty());
    let mut payload = payload.to_vec();
    if chunked {
        // Crawlers usually store the payload de-chunked; undo chunking only when it is there.
        if let Some(p) = dechunk(&payload) {
            payload = p;
        }
    }
    let payload = match encoding.as_str() {
        "" | "identity" => payload,
        "gzip" | "x-gzip" => {
            let mut out = Vec::new();
            match flate2::read::MultiGzDecoder::new(&payload[..]).read_to_end(&mut out) {
                Ok(_) => out,
                Err(e) => return Ok(Err(format!("cannot decompress the gzip page: {e}"))),
            }
        }
        "deflate" => {
            let mut out = Vec::new();
            match flate2::read::ZlibDecoder::new(&payload[..]).read_to_end(&mut out) {
                Ok(_) => out,
                Err(e) => return Ok(Err(format!("cannot decompress the deflate page: {e}"))),
            }
        }
        other => {
            return Ok(Err(format!(
                "page compressed with {other}, which hearsay does not read"
            )))
        }
    };
    if content_type.is_empty()
        && !matches!(
            crate::sniff::sniff(&payload),
            crate::Sniffed::Format(crate::Format::Html)
        )
    {
        return Err(NOT_HTML);
    }
    Ok(Ok((payload, charset)))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undo HTTP chunked transfer coding; `None` when the data is not chunked.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = find(data, b"\r\n")?;
        let size_field = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_field.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size + 2 {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn chunked() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert_eq!(dechunk(b"<html>"), None);
    }

    #[test]
    fn http_payloads() {
        let ok =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<html>x</html>";
        assert_eq!(
            page(ok, true),
            Ok(Ok((b"<html>x</html>".to_vec(), Some("iso-8859-1".into()))))
        );
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert_eq!(page(redirect, true), Err(NOT_OK));
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(page(image, true), Err(NOT_HTML));
        let br = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx";
        assert!(matches!(page(br, true), Ok(Err(m)) if m.contains("br")));
    }
}
