//! HTML pages: the main text by readability (`dom_smoothie`), the metadata from `<meta>` tags
//! and JSON-LD.

use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use crate::{date, Article};

/// Why a page gave no article.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum HtmlError {
    /// No main text found (an index page, an empty page, a page of scripts).
    NoText,
    /// The page declares an encoding hearsay does not know.
    Charset(String),
}

impl std::fmt::Display for HtmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HtmlError::NoText => f.write_str("HTML page with no article text; skipped"),
            HtmlError::Charset(c) => write!(
                f,
                "HTML page in the encoding {c:?}, which hearsay does not know (it reads the \
                 encodings of the WHATWG Encoding Standard: UTF-8, windows-1252, windows-1251, \
                 Shift_JIS, GB18030, EUC-KR, ISO-8859-x, KOI8-R, …); skipped"
            ),
        }
    }
}

/// Pages with fewer characters of main text than this are treated as having none (what is
/// left of a navigation bar or a cookie notice is not an article).
const MIN_TEXT_CHARS: usize = 40;

/// How far into a page to look for an encoding declaration (browsers look at 1024 bytes;
/// pages with long heads of scripts put it later).
const PRESCAN_BYTES: usize = 4096;

/// Decode an HTML page (`encoding_rs`, labels as the WHATWG Encoding Standard defines them):
///
/// 1. a byte order mark decides;
/// 2. a page that is valid UTF-8 is UTF-8, whatever it declares (pages that are UTF-8 and
///    say otherwise are common, text in another encoding that is valid UTF-8 is not);
/// 3. else the encoding the HTTP header declares (`charset`), else the page's own
///    declaration (`<meta charset>`, `<meta http-equiv="Content-Type" content="…;
///    charset=…">`, an XML declaration's `encoding`): windows-1251, Shift_JIS, GB18030,
///    EUC-KR, … (ISO-8859-1 and ASCII mean windows-1252, as in browsers). A page that
///    declares UTF-8 (or, in a meta tag, UTF-16) but is not is read as windows-1252, like
///    a page that declares nothing;
/// 4. an encoding name hearsay does not know is an error.
pub(crate) fn decode(bytes: &[u8], charset: Option<&str>) -> Result<String, HtmlError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let from_header = charset
        .map(|c| c.trim().trim_matches(['"', '\'']).to_string())
        .filter(|c| !c.is_empty());
    let in_header = from_header.is_some();
    let label = from_header.or_else(|| meta_charset(bytes));
    let enc = match label {
        None => encoding_rs::WINDOWS_1252,
        Some(label) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
            None => return Err(HtmlError::Charset(label)),
            Some(e) if e == encoding_rs::REPLACEMENT => return Err(HtmlError::Charset(label)),
            Some(e) if e == encoding_rs::UTF_8 => encoding_rs::WINDOWS_1252,
            Some(e) if !in_header && (e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE) => {
                encoding_rs::WINDOWS_1252
            }
            Some(e) => e,
        },
    };
    Ok(enc.decode_without_bom_handling(bytes).0.into_owned())
}

/// The encoding a page declares in its first [`PRESCAN_BYTES`]: `<meta charset=X>`,
/// `content="text/html; charset=X"` (`http-equiv`), or an XML declaration's `encoding="X"`.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    // Declarations are ASCII; other bytes become '?' so that offsets stay put.
    let head: String = head
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                b.to_ascii_lowercase() as char
            } else {
                '?'
            }
        })
        .collect();
    let value_after = |key: &str, from: &str| -> Option<String> {
        let mut rest = from;
        while let Some(i) = rest.find(key) {
            rest = &rest[i + key.len()..];
            let Some(v) = rest.trim_start().strip_prefix('=') else {
                continue;
            };
            let v = v.trim_start().trim_start_matches(['"', '\'']);
            let end = v
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')))
                .unwrap_or(v.len());
            if end > 0 {
                return Some(v[..end].to_string());
            }
        }
        None
    };
    if let Some(decl) = head.trim_start().strip_prefix("<?xml") {
        let decl = &decl[..decl.find("?>").unwrap_or(decl.len())];
        if let Some(e) = value_after("encoding", decl) {
            return Some(e);
        }
    }
    // Only inside <meta …> tags: "charset=" in a script or a link is not a declaration.
    let mut rest = head.as_str();
    while let Some(i) = rest.find("<meta") {
        rest = &rest[i + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(c) = value_after("charset", tag) {
            return Some(c);
        }
    }
    None
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
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            meta_charset(b"<HTML><HEAD><META CHARSET = 'Shift_JIS' ></HEAD>").as_deref(),
            Some("shift_jis")
        );
        assert_eq!(
            meta_charset(b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><html></html>")
                .as_deref(),
            Some("windows-1251")
        );
        assert_eq!(
            meta_charset(b"<script>var s = 'charset=koi8-r';</script><p>x</p>"),
            None,
            "only meta tags declare"
        );
        assert_eq!(meta_charset(b"<meta charset=\"\">"), None);
    }

    /// A page of invented text in `enc`, declared as `declared` in a meta tag.
    fn page_in(enc: &'static encoding_rs::Encoding, declared: &str, text: &str) -> Vec<u8> {
        let mut page =
            format!("<html><head><meta charset=\"{declared}\"></head><body>").into_bytes();
        let html = format!("<article><p>{text}</p></article>");
        let (body, _, unmappable) = enc.encode(&html);
        assert!(!unmappable, "the test text is in {}", enc.name());
        page.extend_from_slice(&body);
        page.extend_from_slice(b"</body></html>");
        page
    }

    #[test]
    fn declared_encodings_beyond_latin() {
        let cases: [(&'static encoding_rs::Encoding, &str, &str); 6] = [
            (
                encoding_rs::WINDOWS_1251,
                "windows-1251",
                "Мэр Анна Ковач заявила во вторник, что мост через реку откроется в мае.",
            ),
            (
                encoding_rs::KOI8_R,
                "koi8-r",
                "Советник Томас Бренн сказал, что работы снова затянутся до осени.",
            ),
            (
                encoding_rs::SHIFT_JIS,
                "Shift_JIS",
                "コヴァチ市長は火曜日、川に架かる橋が五月に再開すると述べた。冬の間、修理が続いていた。",
            ),
            (
                encoding_rs::GB18030,
                "gb2312",
                "市长科瓦奇星期二表示，这座桥将在五月重新开放，冬季的维修工作已经接近完成，居民对此表示欢迎。",
            ),
            (
                encoding_rs::EUC_KR,
                "euc-kr",
                "코바치 시장은 화요일에 다리가 오월에 다시 열릴 것이라고 말했다. 수리는 겨울 내내 계속되었다.",
            ),
            (
                encoding_rs::WINDOWS_1250,
                "windows-1250",
                "Starosta Ana Kovač v úterý řekl, že most přes řeku bude znovu otevřen v květnu.",
            ),
        ];
        for (enc, label, text) in cases {
            let bytes = page_in(enc, label, text);
            assert!(std::str::from_utf8(&bytes).is_err(), "{label}: not UTF-8");
            let a = article(&bytes, None, None)
                .unwrap_or_else(|e| panic!("{label}: {e}: {:?}", decode(&bytes, None)));
            assert_eq!(a.text, text, "{label}");
        }
        // Hand-made bytes: "Привет, сказал мэр" in windows-1251.
        let bytes =
            b"<meta charset=cp1251>\xcf\xf0\xe8\xe2\xe5\xf2, \xf1\xea\xe0\xe7\xe0\xeb \xec\xfd\xf0";
        assert_eq!(
            decode(bytes, None).unwrap(),
            "<meta charset=cp1251>Привет, сказал мэр"
        );
    }

    #[test]
    fn the_http_header_goes_before_the_page() {
        let text = "Мэр Анна Ковач заявила во вторник, что мост через реку откроется в мае.";
        // The page claims Latin-1; the server knows better.
        let bytes = page_in(encoding_rs::WINDOWS_1251, "iso-8859-1", text);
        let a = article(&bytes, None, Some("windows-1251")).unwrap();
        assert_eq!(a.text, text);
        let a = article(&bytes, None, Some("\"CP1251\"")).unwrap();
        assert_eq!(a.text, text);
        // Without the header the page's own (wrong) claim is all there is.
        let a = article(&bytes, None, None).unwrap();
        assert_ne!(a.text, text);
    }

    #[test]
    fn byte_order_marks_and_utf8_win() {
        let text = "Zoë Ødegård said the café would reopen in June after the floods.";
        // Valid UTF-8 is read as UTF-8 even when the page says otherwise.
        let page = format!(
            "<html><head><meta charset=\"windows-1251\"></head><body><p>{text}</p></body></html>"
        );
        assert_eq!(article(page.as_bytes(), None, None).unwrap().text, text);
        // A UTF-16 page with its byte order mark.
        let mut utf16 = vec![0xff, 0xfe];
        for u in format!("<html><body><p>{text}</p></body></html>").encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(article(&utf16, None, None).unwrap().text, text);
        // A UTF-8 byte order mark is dropped.
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice(page.as_bytes());
        assert!(decode(&bom, None).unwrap().starts_with("<html>"));
    }

    #[test]
    fn unknown_or_wrong_declarations() {
        let sjis =
            b"<html><head><meta charset=\"x-klingon\"></head><body><p>\x82\xa0</p></body></html>";
        assert_eq!(
            article(sjis, None, None).unwrap_err(),
            HtmlError::Charset("x-klingon".into())
        );
        assert_eq!(
            decode(b"\x82\xa0", Some("iso-2022-kr")).unwrap_err(),
            HtmlError::Charset("iso-2022-kr".into()),
            "the replacement encoding is refused"
        );
        // Declared UTF-8 but not: read as windows-1252, as before.
        assert_eq!(
            decode(b"<meta charset=utf-8>caf\xe9 \x93ok\x94", None).unwrap(),
            "<meta charset=utf-8>café “ok”"
        );
        assert_eq!(decode(b"caf\xe9", None).unwrap(), "café");
    }
}
