//! HTML pages: the main text by readability (`dom_smoothie`), the metadata from `<meta>` tags
//! and JSON-LD.

use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use crate::{date, text, Article};

/// Why a page gave no article.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum HtmlError {
    /// No main text found (an index page, an empty page, a page of scripts).
    NoText,
    /// The page is in an encoding hearsay does not decode.
    Charset(String),
}

impl std::fmt::Display for HtmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HtmlError::NoText => f.write_str("HTML page with no article text; skipped"),
            HtmlError::Charset(c) => write!(
                f,
                "HTML page in the {c} encoding, which hearsay does not read (UTF-8, \
                 ISO-8859-1 and Windows-1252 only); skipped"
            ),
        }
    }
}

/// Pages with fewer characters of main text than this are treated as having none (what is
/// left of a navigation bar or a cookie notice is not an article).
const MIN_TEXT_CHARS: usize = 40;

/// Decode an HTML page: UTF-8 when it is valid UTF-8; otherwise Windows-1252 when the page
/// (or the HTTP header, `charset`) declares a Latin encoding or nothing, else an error.
pub(crate) fn decode(bytes: &[u8], charset: Option<&str>) -> Result<String, HtmlError> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.strip_prefix('\u{feff}').unwrap_or(s).to_string());
    }
    let declared = charset
        .map(str::to_ascii_lowercase)
        .or_else(|| meta_charset(bytes));
    match declared.as_deref() {
        None
        | Some(
            "iso-8859-1" | "latin1" | "latin-1" | "windows-1252" | "cp1252" | "us-ascii" | "ascii"
            | "iso-8859-15" | "utf-8" | "utf8",
        ) => Ok(text::decode_cp1252(bytes)),
        Some(other) => Err(HtmlError::Charset(other.to_string())),
    }
}

/// `<meta charset=X>` or `content="text/html; charset=X"` in the first 2 KiB.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let i = head.find("charset=")? + "charset=".len();
    let rest = head[i..].trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

/// Extract the article of an HTML page. `url` is the page's address when known (a WARC
/// record's target), `charset` the encoding an HTTP header declared.
pub(crate) fn article(
    bytes: &[u8],
    url: Option<&str>,
    charset: Option<&str>,
) -> Result<Article, HtmlError> {
    let html = decode(bytes, charset)?;
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    // dom_smoothie wants an absolute URL; a malformed one is dropped rather than failing.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut reader = match Readability::new(html.as_str(), url, Some(cfg.clone())) {
        Ok(r) => r,
        Err(_) => {
            Readability::new(html.as_str(), None, Some(cfg)).map_err(|_| HtmlError::NoText)?
        }
    };
    let parsed = reader.parse().map_err(|_| HtmlError::NoText)?;
    let text = tidy(&parsed.text_content);
    if text.chars().count() < MIN_TEXT_CHARS {
        return Err(HtmlError::NoText);
    }
    let clean = |s: Option<String>| {
        s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    let mut extra = serde_json::Map::new();
    let published_raw = clean(parsed.published_time);
    let published = published_raw.as_deref().and_then(date::normalize);
    if let Some(raw) = published_raw {
        if published.as_deref() != Some(raw.as_str()) {
            extra.insert("published_raw".into(), Value::String(raw));
        }
    }
    for (key, value) in [
        ("byline", parsed.byline),
        ("lang", parsed.lang),
        ("excerpt", parsed.excerpt),
    ] {
        if let Some(v) = clean(value) {
            extra.insert(key.into(), Value::String(v));
        }
    }
    Ok(Article {
        text,
        title: clean(Some(parsed.title)),
        url: clean(parsed.url).or_else(|| url.map(str::to_string)),
        published,
        outlet: clean(parsed.site_name),
        extra,
        ..Default::default()
    })
}

/// The extracted text as the pipeline likes it: one paragraph per line, no blank-line runs,
/// no trailing spaces.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge to reopen | The Harbour Gazette</title>
<meta property="og:title" content="Bridge to reopen in May, mayor says">
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<meta name="author" content="Pella Quist">
</head><body>
<nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article>
<h1>Bridge to reopen in May, mayor says</h1>
<p>“The bridge will reopen in May,” Mayor Ana Kovač said on Tuesday, after a winter of
repairs that closed the only crossing between the two halves of the town.</p>
<p>The opposition believes the works will run late. “We have heard this before,” said
councillor Tomas Brenn, who has asked for the contracts to be published in full.</p>
<p>The contractor, Velder Works, said in a statement that the steel had arrived and that
crews were working two shifts a day to finish the deck before the spring tides.</p>
</article>
<footer>© The Harbour Gazette</footer>
</body></html>"#;

    #[test]
    fn main_text_and_metadata() {
        let a = article(
            PAGE.as_bytes(),
            Some("https://gazette.example/bridge"),
            None,
        )
        .unwrap();
        assert!(
            a.text
                .starts_with("“The bridge will reopen in May,” Mayor Ana Kovač said"),
            "{}",
            a.text
        );
        assert!(
            a.text.contains("\nThe opposition believes"),
            "paragraphs kept: {}",
            a.text
        );
        assert!(!a.text.contains("Home"), "navigation dropped: {}", a.text);
        assert!(!a.text.contains('©'), "footer dropped: {}", a.text);
        assert_eq!(
            a.title.as_deref(),
            Some("Bridge to reopen in May, mayor says")
        );
        assert_eq!(a.outlet.as_deref(), Some("The Harbour Gazette"));
        assert_eq!(a.published.as_deref(), Some("2024-03-05"));
        assert_eq!(a.url.as_deref(), Some("https://gazette.example/bridge"));
        assert_eq!(a.extra["byline"], "Pella Quist");
        assert_eq!(a.extra["published_raw"], "2024-03-05T09:30:00+01:00");
    }

    #[test]
    fn pages_without_text() {
        for page in [
            "<html><head><title>Nothing</title></head><body></body></html>",
            "<html><body><script>var x = 1;</script></body></html>",
            "<html></html>",
            "",
        ] {
            assert_eq!(
                article(page.as_bytes(), None, None).unwrap_err(),
                HtmlError::NoText,
                "{page}"
            );
        }
    }

    #[test]
    fn encodings() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 owner Zo\xeb said the terrace would open in June.</p></body></html>";
        let a = article(latin, None, None).unwrap();
        assert!(a.text.contains("Café owner Zoë said"), "{}", a.text);
        let sjis =
            b"<html><head><meta charset=\"shift_jis\"></head><body><p>\x82\xa0</p></body></html>";
        assert_eq!(
            article(sjis, None, None).unwrap_err(),
            HtmlError::Charset("shift_jis".into())
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
    }
}
