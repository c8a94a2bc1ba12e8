//! JSONL articles: one JSON object per line.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::{date, read_error, Article, Item, Location};

/// The fields with a meaning; every other field goes to [`Article::extra`].
const KNOWN: [&str; 6] = ["text", "id", "title", "url", "published", "outlet"];

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Read lines from `r` and emit one item per non-blank line.
pub(crate) fn read(
    path: &str,
    mut r: Box<dyn BufRead + Send>,
    max_bytes: u64,
    emit: &mut dyn FnMut(Item) -> bool,
) {
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        number += 1;
        line.clear();
        let loc = Location {
            path: path.to_string(),
            line: Some(number),
            record: None,
        };
        // Read at most max_bytes + 1 of the line; a longer line is skipped to its end.
        let n = match std::io::Read::take(&mut r, max_bytes + 1).read_until(b'\n', &mut line) {
            Ok(n) => n,
            Err(e) => {
                emit(Item::error(loc, read_error(&e)));
                return;
            }
        };
        if n == 0 {
            return;
        }
        if line.len() as u64 > max_bytes && line.last() != Some(&b'\n') {
            // Skip the rest of the over-long line.
            loop {
                let buf = match r.fill_buf() {
                    Ok(b) => b,
                    Err(e) => {
                        emit(Item::error(loc, read_error(&e)));
                        return;
                    }
                };
                if buf.is_empty() {
                    break;
                }
                match buf.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        r.consume(i + 1);
                        break;
                    }
                    None => {
                        let l = buf.len();
                        r.consume(l);
                    }
                }
            }
            let go = emit(Item::error(
                loc,
                format!("line longer than the --max-bytes limit of {max_bytes} bytes, skipped"),
            ));
            if !go {
                return;
            }
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let item = match parse_line(&line) {
            Ok(mut a) => {
                a.location = loc;
                Item::Article(Box::new(a))
            }
            Err(m) => Item::error(loc, m),
        };
        if !emit(item) {
            return;
        }
    }
}

/// One line to an article, or the reason it is not one.
pub(crate) fn parse_line(line: &[u8]) -> Result<Article, String> {
    let s = std::str::from_utf8(line).map_err(|e| {
        format!(
            "not valid UTF-8 (byte offset {} in the line)",
            e.valid_up_to()
        )
    })?;
    let s = s
        .strip_prefix('\u{feff}')
        .unwrap_or(s)
        .trim_end_matches(['\n', '\r']);
    let value: Value = serde_json::from_str(s).map_err(|e| {
        format!(
            "not valid JSON: {} (column {})",
            strip_position(&e.to_string()),
            e.column()
        )
    })?;
    let Value::Object(mut obj) = value else {
        return Err(format!(
            "expected a JSON object with a \"text\" field, found {}",
            type_name(&value)
        ));
    };
    let text = match obj.remove("text") {
        Some(Value::String(t)) => t,
        Some(other) => {
            return Err(format!(
                "field \"text\" must be a string, found {}",
                type_name(&other)
            ))
        }
        None => return Err("no \"text\" field".to_string()),
    };
    let mut wrong = Vec::new();
    let mut string_field =
        |obj: &mut Map<String, Value>, key: &str, numbers_ok: bool| match obj.remove(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
                let t = s.trim();
                (!t.is_empty()).then(|| t.to_string())
            }
            Some(Value::Number(n)) if numbers_ok => Some(n.to_string()),
            Some(other) => {
                wrong.push(format!(
                    "\"{key}\" must be a string, found {}",
                    type_name(&other)
                ));
                None
            }
        };
    let id = string_field(&mut obj, "id", true);
    let title = string_field(&mut obj, "title", false);
    let url = string_field(&mut obj, "url", false);
    let outlet = string_field(&mut obj, "outlet", false);
    let published_raw = string_field(&mut obj, "published", false);
    if !wrong.is_empty() {
        return Err(format!("field {}", wrong.join("; field ")));
    }
    debug_assert!(KNOWN.iter().all(|k| !obj.contains_key(*k)));
    let published = published_raw.as_deref().and_then(date::normalize);
    if let Some(raw) = published_raw {
        if published.as_deref() != Some(raw.as_str()) {
            obj.insert("published_raw".to_string(), Value::String(raw));
        }
    }
    Ok(Article {
        text,
        id,
        title,
        url,
        published,
        outlet,
        extra: obj,
        ..Default::default()
    })
}

/// serde_json's messages end in " at line L column C"; the caller gives the column itself.
fn strip_position(m: &str) -> &str {
    match m.rfind(" at line ") {
        Some(i) => &m[..i],
        None => m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str, max: u64) -> Vec<Item> {
        let mut items = Vec::new();
        read(
            "a.jsonl",
            Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            max,
            &mut |i| {
                items.push(i);
                true
            },
        );
        items
    }

    #[test]
    fn fields_and_metadata() {
        let a = parse_line(
            br#"{"text":"Ana said no.","id":17,"title":" Bridge ","url":"https://x.example/a","published":"2024-03-05T10:00:00Z","outlet":"The Gazette","section":"city","tags":["a"]}"#,
        )
        .unwrap();
        assert_eq!(a.text, "Ana said no.");
        assert_eq!(a.id.as_deref(), Some("17"));
        assert_eq!(a.title.as_deref(), Some("Bridge"));
        assert_eq!(a.published.as_deref(), Some("2024-03-05"));
        assert_eq!(a.outlet.as_deref(), Some("The Gazette"));
        assert_eq!(a.extra["section"], "city");
        assert_eq!(a.extra["tags"], serde_json::json!(["a"]));
        assert_eq!(a.extra["published_raw"], "2024-03-05T10:00:00Z");
        let b = parse_line(br#"{"text":"x","published":"2024-03-05","title":null}"#).unwrap();
        assert!(!b.extra.contains_key("published_raw"));
        assert_eq!(b.title, None);
    }

    #[test]
    fn malformed_lines_are_reported_and_the_rest_read() {
        let input = concat!(
            "{\"text\": \"First article.\"}\n",
            "{\"text\": \"broken\", \n",
            "\n",
            "{\"title\": \"no text\"}\n",
            "{\"text\": 42}\n",
            "[1, 2]\n",
            "{\"text\": \"ok\", \"published\": 20240305, \"outlet\": [\"x\"]}\n",
            "{\"text\": \"Last article.\", \"id\": \"z\"}"
        );
        let items = read_all(input, 1 << 20);
        let summary: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Article(a) => format!("{}: article {:?}", a.location, a.text),
                Item::Error { location, message } => format!("{location}: {message}"),
                Item::Skipped { .. } => unreachable!(),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "a.jsonl:1: article \"First article.\"",
                "a.jsonl:2: not valid JSON: EOF while parsing a value (column 19)",
                "a.jsonl:4: no \"text\" field",
                "a.jsonl:5: field \"text\" must be a string, found a number",
                "a.jsonl:6: expected a JSON object with a \"text\" field, found an array",
                "a.jsonl:7: field \"outlet\" must be a string, found an array; field \
                 \"published\" must be a string, found a number",
                "a.jsonl:8: article \"Last article.\"",
            ]
        );
    }

    #[test]
    fn long_lines_and_bad_utf8() {
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"short\"}}\n",
            "x".repeat(100)
        );
        let items = read_all(&long, 50);
        assert!(
            matches!(&items[0], Item::Error { message, .. } if message.contains("--max-bytes")),
            "{items:?}"
        );
        assert!(matches!(&items[1], Item::Article(a) if a.text == "short"));
        assert_eq!(items.len(), 2);
        let e = parse_line(b"{\"text\": \"caf\xff\"}").unwrap_err();
        assert!(e.starts_with("not valid UTF-8"), "{e}");
    }
}
