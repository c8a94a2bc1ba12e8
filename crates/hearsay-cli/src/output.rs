//! Output formats: the JSON document record ([`hearsay::record`], also one line of JSONL), TSV
//! rows and brat `.ann`.
//! Spans are Unicode code-point offsets with the exact text alongside (see the record module).

use std::fmt;

pub use hearsay::record::{attribution_order, doc_out, AttrOut, DocOut};
use hearsay_data::AnnAttribution;
use hearsay_doc::Doc;

/// Output format of `hearsay extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One compact JSON object per document, one per line.
    Jsonl,
    /// Pretty-printed JSON: one object for a single input, an array for several.
    Json,
    /// Tab-separated values: a header, then one row per attribution.
    Tsv,
    /// brat standoff: DIR/NAME.ann for each NAME.txt (needs --out DIR).
    Brat,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Tsv => "tsv",
            Format::Brat => "brat",
        })
    }
}

/// The outer attributions of `doc` (neither nested nor relayed; brat output is univocal, like
/// PolNeAR) as brat-ready code-point spans, in document order as [`doc_out`] numbers them.
pub fn ann_attributions(doc: &Doc) -> Vec<AnnAttribution> {
    // `attributions_to_ann` returns the outer attributions in `doc.attributions` order.
    let mut outer: Vec<Option<AnnAttribution>> = hearsay_data::attributions_to_ann(doc)
        .into_iter()
        .map(Some)
        .collect();
    let mut rank = vec![usize::MAX; doc.attributions.len()];
    let mut n = 0;
    for (i, a) in doc.attributions.iter().enumerate() {
        if a.parent.is_none() && a.via.is_none() {
            rank[i] = n;
            n += 1;
        }
    }
    attribution_order(doc)
        .into_iter()
        .filter_map(|i| outer.get_mut(rank[i]).and_then(Option::take))
        .collect()
}

/// Append one compact JSON line.
pub fn write_jsonl(out: &mut Vec<u8>, doc: &DocOut) {
    serde_json::to_writer(&mut *out, doc).expect("serialising to memory cannot fail");
    out.push(b'\n');
}

/// Append one pretty-printed JSON object; every line is prefixed with `indent` (used to nest
/// objects inside an array). No trailing newline.
pub fn write_json_pretty(out: &mut Vec<u8>, doc: &DocOut, indent: &str) {
    let s = serde_json::to_string_pretty(doc).expect("serialising to memory cannot fail");
    // Pretty JSON never has a raw line break inside a string, so prefixing lines is safe.
    for (i, line) in s.lines().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(indent.as_bytes());
        out.extend_from_slice(line.as_bytes());
    }
}

/// The TSV header line (with its newline).
pub const TSV_HEADER: &str =
    "path\tid\tkind\tsource\tspeaker\tcue\tcontent\tconfidence\tanonymous\tchannel\ttime\n";

/// A TSV field: tabs and line breaks become spaces.
fn tsv_field(out: &mut Vec<u8>, s: &str) {
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let c = if matches!(
            c,
            '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        ) {
            ' '
        } else {
            c
        };
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

/// Separator between the pieces of a discontinuous content in TSV and in the demo.
pub const PIECE_SEPARATOR: &str = " … ";

/// Append one TSV row per attribution.
pub fn write_tsv(out: &mut Vec<u8>, doc: &DocOut) {
    for a in &doc.attributions {
        tsv_field(out, doc.path);
        out.push(b'\t');
        out.extend_from_slice(a.id.to_string().as_bytes());
        out.push(b'\t');
        out.extend_from_slice(a.kind.as_bytes());
        out.push(b'\t');
        if let Some(s) = &a.source {
            tsv_field(out, s.text);
        }
        out.push(b'\t');
        if let Some(s) = &a.speaker {
            tsv_field(out, &s.name);
        }
        out.push(b'\t');
        if let Some(s) = &a.cue {
            tsv_field(out, s.text);
        }
        out.push(b'\t');
        for (i, piece) in a.content.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(PIECE_SEPARATOR.as_bytes());
            }
            tsv_field(out, piece.text);
        }
        out.push(b'\t');
        out.extend_from_slice(format!("{}", a.confidence).as_bytes());
        out.push(b'\t');
        if a.anonymous {
            out.extend_from_slice(b"anonymous");
        }
        out.push(b'\t');
        out.extend_from_slice(a.channel.unwrap_or("").as_bytes());
        out.push(b'\t');
        if let Some(t) = &a.time {
            match (&t.date, &t.range) {
                (Some(d), _) => out.extend_from_slice(d.as_bytes()),
                (None, Some([x, y])) => out.extend_from_slice(format!("{x}..{y}").as_bytes()),
                _ => tsv_field(out, t.text),
            }
        }
        out.push(b'\n');
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use hearsay_doc::{AttrKind, Attribution, ByteSpan, QuoteRole, Token, TokenKind, TokenSpan};

    /// Whitespace tokenisation, enough to hang attributions on in tests.
    pub(crate) fn tokenized(text: &str) -> Doc {
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

    fn ts(a: usize, b: usize) -> TokenSpan {
        TokenSpan::new(a, b)
    }

    /// An attribution with the given roles (other fields, present or future, at their
    /// defaults).
    #[allow(clippy::field_reassign_with_default)]
    pub(crate) fn attr(
        source: Option<TokenSpan>,
        cue: Option<TokenSpan>,
        content: Vec<TokenSpan>,
        kind: AttrKind,
        confidence: f32,
    ) -> Attribution {
        let mut a = Attribution::default();
        a.source = source;
        a.cue = cue;
        a.content = content;
        a.kind = kind;
        a.confidence = confidence;
        a
    }

    /// An invented sentence with multibyte characters before and inside the spans.
    pub(crate) fn sample_doc() -> Doc {
        // tokens: 0 Zoë 1 Ødegård, 2 the 3 café’s 4 owner, 5 said: 6 “We 7 will 8 reopen 9 in
        //         10 März.” 11 —Varnik 12 disagreed.
        let mut doc = tokenized(
            "Zoë Ødegård, the café’s owner, said: “We will reopen in März.” —Varnik disagreed.",
        );
        // Pipeline order deliberately not document order.
        doc.attributions.push(attr(
            Some(ts(11, 12)),
            Some(ts(12, 13)),
            vec![],
            AttrKind::Belief,
            0.25,
        ));
        doc.attributions.push(attr(
            Some(ts(0, 5)),
            Some(ts(5, 6)),
            vec![ts(6, 8), ts(8, 11)],
            AttrKind::Direct,
            0.9,
        ));
        doc
    }

    #[test]
    fn code_point_offsets_and_exact_text() {
        let doc = sample_doc();
        let out = doc_out("a.txt", &doc);
        let chars: Vec<char> = doc.text.chars().collect();
        assert_eq!(out.text_chars, chars.len());
        assert_eq!(out.attributions.len(), 2);
        let all = out.attributions.iter().flat_map(|a| {
            a.source
                .iter()
                .chain(a.cue.iter())
                .chain(a.content.iter())
                .collect::<Vec<_>>()
        });
        for s in all {
            let by_chars: String = chars[s.start..s.end].iter().collect();
            assert_eq!(by_chars, s.text);
        }
        let first = &out.attributions[0];
        assert_eq!(first.id, 1);
        assert_eq!(first.kind, "direct");
        let src = first.source.as_ref().unwrap();
        assert_eq!(
            (src.text, src.start, src.end),
            ("Zoë Ødegård, the café’s owner,", 0, 30)
        );
        assert_eq!(first.cue.as_ref().unwrap().text, "said:");
        assert_eq!(first.content[0].text, "“We will");
        assert_eq!(first.content[1].text, "reopen in März.”");
        assert_eq!(first.confidence, 0.9);
        let second = &out.attributions[1];
        assert_eq!(second.id, 2);
        assert_eq!(second.kind, "belief");
        assert_eq!(second.source.as_ref().unwrap().text, "—Varnik");
        assert!(second.content.is_empty());
    }

    #[test]
    fn nested_attributions_point_to_their_parent_and_stay_out_of_brat() {
        // tokens: 0 Ana 1 said 2 that 3 Bo 4 claimed 5 rain 6 fell
        let mut doc = tokenized("Ana said that Bo claimed rain fell");
        let mut inner = attr(
            Some(ts(3, 4)),
            Some(ts(4, 5)),
            vec![ts(5, 7)],
            AttrKind::Indirect,
            0.5,
        );
        inner.parent = Some(1);
        doc.attributions.push(inner);
        doc.attributions.push(attr(
            Some(ts(0, 1)),
            Some(ts(1, 2)),
            vec![ts(2, 7)],
            AttrKind::Indirect,
            0.75,
        ));
        let out = doc_out("x", &doc);
        assert_eq!(out.attributions[0].source.as_ref().unwrap().text, "Ana");
        assert_eq!(out.attributions[0].parent, None);
        assert_eq!(out.attributions[1].source.as_ref().unwrap().text, "Bo");
        assert_eq!(out.attributions[1].parent, Some(1));
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &out);
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert!(v["attributions"][0]["parent"].is_null());
        assert_eq!(v["attributions"][1]["parent"], 1);

        let ann = ann_attributions(&doc);
        assert_eq!(ann.len(), 1);
        assert_eq!(ann[0].source, vec![hearsay_data::CharSpan::new(0, 3)]);
    }

    #[test]
    fn json_shape() {
        let doc = sample_doc();
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &doc_out("dir/a.txt", &doc));
        assert_eq!(buf.iter().filter(|&&b| b == b'\n').count(), 1);
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["path"], "dir/a.txt");
        assert_eq!(v["text_chars"], doc.text.chars().count());
        assert!(v.get("date").is_none());
        let a = &v["attributions"][0];
        assert_eq!(a["id"], 1);
        assert_eq!(a["kind"], "direct");
        assert_eq!(a["source"]["start"], 0);
        assert_eq!(a["source"]["end"], 30);
        assert_eq!(a["cue"]["text"], "said:");
        assert_eq!(a["content"].as_array().unwrap().len(), 2);
        assert_eq!(a["confidence"], 0.9);
        // Fields are written in schema order.
        let line = String::from_utf8(buf.clone()).unwrap();
        let at = |k: &str| line.find(&format!("\"{k}\":")).unwrap();
        assert!(at("path") < at("text_chars") && at("text_chars") < at("attributions"));
        let keys = [
            "id",
            "kind",
            "source",
            "cue",
            "content",
            "confidence",
            "parent",
            "speaker",
            "anonymous",
            "via",
            "channel",
            "addressee",
            "time",
        ];
        assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{line}");

        let mut pretty = Vec::new();
        write_json_pretty(&mut pretty, &doc_out("dir/a.txt", &doc), "  ");
        let again: serde_json::Value = serde_json::from_slice(&pretty).unwrap();
        assert_eq!(again, v);
    }

    #[test]
    fn missing_roles_are_null_and_date_is_written() {
        let mut doc = tokenized("Officials believe it.");
        doc.meta.date = Some("2024-05-01".into());
        doc.attributions.push(attr(
            None,
            Some(ts(1, 2)),
            vec![ts(2, 3)],
            AttrKind::Unknown,
            f32::NAN,
        ));
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &doc_out("x", &doc));
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["date"], "2024-05-01");
        assert!(v["attributions"][0]["source"].is_null());
        assert_eq!(v["attributions"][0]["confidence"], 0.0);
    }

    #[test]
    fn malformed_spans_are_dropped_not_panicked_on() {
        let mut doc = tokenized("One two three");
        // The source ends past the last token, the cue is empty.
        doc.attributions.push(attr(
            Some(ts(2, 9)),
            Some(ts(1, 1)),
            vec![ts(0, 3)],
            AttrKind::Indirect,
            7.0,
        ));
        let out = doc_out("x", &doc);
        let a = &out.attributions[0];
        assert!(a.source.is_none() && a.cue.is_none());
        assert_eq!(a.content[0].text, "One two three");
        assert_eq!(a.confidence, 1.0);
    }

    #[test]
    fn tsv_rows_replace_tabs_and_newlines() {
        let mut doc = tokenized("Ana said \"a\tb\nc\" today");
        doc.attributions.push(attr(
            Some(ts(0, 1)),
            Some(ts(1, 2)),
            vec![ts(2, 4), ts(5, 6)],
            AttrKind::Direct,
            0.5,
        ));
        let mut buf = Vec::new();
        write_tsv(&mut buf, &doc_out("p\tq.txt", &doc));
        let s = String::from_utf8(buf).unwrap();
        assert_eq!(
            s,
            "p q.txt\t1\tdirect\tAna\t\tsaid\t\"a b … today\t0.5\t\t\t\n"
        );
        assert_eq!(TSV_HEADER.matches('\t').count(), 10);
    }

    #[test]
    fn ann_attributions_follow_output_order() {
        let doc = sample_doc();
        let ann = ann_attributions(&doc);
        assert_eq!(ann.len(), 2);
        // The direct quote comes first in the text, so first in the output.
        assert_eq!(ann[0].source[0].start, 0);
        assert_eq!(ann[0].content.len(), 2);
        let brat = hearsay_data::brat::write_ann(&doc.text, &ann);
        assert!(
            brat.contains("Source 0 30\tZoë Ødegård, the café’s owner,"),
            "{brat}"
        );
        assert_eq!(hearsay_data::brat::parse_ann(&brat).unwrap(), ann);
    }
}
