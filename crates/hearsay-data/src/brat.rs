//! brat standoff (`.ann`) reading and writing, PolNeAR style.
//!
//! A PolNeAR `.ann` file holds text-bound annotations (`T` lines) and one event (`E` line) per
//! attribution (tabs written `\t` here):
//!
//! ```text
//! T1\tSource 0 9\tThe mayor
//! T2\tCue 10 15\tsays
//! T3\tContent 16 28;40 52\tfirst piece second piece
//! T4\tAttribution 10 15\tsays
//! E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
//! ```
//!
//! Offsets are Unicode code points into the article text, `START END` pairs joined with `;` for
//! discontinuous spans. The text field of a `T` line is the text of the pieces joined with one
//! space; when a piece contains a line break the text field does too, so a record may continue
//! on the following lines (this parser accepts that).
//!
//! Forms seen in PolNeAR and how [`parse_ann`] reads them:
//! - the event type is `Attribution` or `Attribution-no-source`; the anchor `T` line usually
//!   repeats the cue span. The type says nothing reliable about the arguments (a few
//!   `Attribution` events have no `Source`, one `Attribution-no-source` event has one), so the
//!   arguments alone decide the roles;
//! - `Content2` (and any role name followed by digits) adds pieces to that role;
//! - an argument may point at a `T` line of any label (a `Cue:` pointing at a `Discuss` line
//!   exists): the event argument decides the role, not the `T` label;
//! - a `Cue` or `Content` argument may be missing: that role is then empty;
//! - an event with only its anchor and no `Source`/`Cue`/`Content` argument (an incomplete
//!   duplicate the annotation tool left behind) is skipped;
//! - `Discard`/`Discuss` `T` lines not used by an event, `#` notes, and `R`/`A`/`M`/`N`/`*` lines
//!   are skipped.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::{AnnAttribution, CharSpan, Error};

/// A text-bound annotation: one `T` line of a `.ann` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The id, e.g. `T5`.
    pub id: String,
    /// The label, e.g. `Content`, `Source`, `Attribution`, `Discard`.
    pub label: String,
    /// The pieces, in the order written.
    pub spans: Vec<CharSpan>,
    /// The text field (pieces' texts joined with a space; may contain line breaks).
    pub text: String,
    /// 1-based line number where the record starts.
    pub line: usize,
}

/// One logical record: the line it starts on and its full text (continuation lines joined
/// back with `\n`).
struct Record<'a> {
    line: usize,
    first: &'a str,
    rest: Vec<&'a str>,
}

impl Record<'_> {
    fn full(&self) -> String {
        let mut s = self.first.to_string();
        for r in &self.rest {
            s.push('\n');
            s.push_str(r);
        }
        s
    }
}

/// True when `line` starts a brat record: an id (`T12`, `E3`, `#1`, `*`...) and a tab.
fn starts_record(line: &str) -> bool {
    let Some((id, _)) = line.split_once('\t') else {
        return false;
    };
    let mut chars = id.chars();
    match chars.next() {
        Some('*') => chars.as_str().is_empty() || chars.all(|c| c.is_ascii_digit()),
        Some('T' | 'E' | 'R' | 'A' | 'M' | 'N' | '#') => {
            let rest = chars.as_str();
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

fn records(ann: &str) -> Result<Vec<Record<'_>>, Error> {
    let mut out: Vec<Record> = Vec::new();
    let body = ann.trim_end_matches(['\n', '\r']);
    if body.is_empty() {
        return Ok(out);
    }
    for (i, line) in body.lines().enumerate() {
        let line_no = i + 1;
        if starts_record(line) {
            out.push(Record {
                line: line_no,
                first: line,
                rest: Vec::new(),
            });
            continue;
        }
        // A continuation of a T line or a note whose text contains a line break.
        match out.last_mut() {
            Some(r) if r.first.starts_with('T') || r.first.starts_with('#') => r.rest.push(line),
            _ if line.trim().is_empty() => {}
            _ => {
                return Err(Error::syntax(
                    line_no,
                    format!("not a brat annotation line: {:?}", truncate(line)),
                ))
            }
        }
    }
    Ok(out)
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

fn parse_entity(rec: &Record) -> Result<Entity, Error> {
    let line = rec.line;
    let full = rec.full();
    let (id, rest) = full
        .split_once('\t')
        .expect("records start with an id and a tab");
    // The text field is optional for robustness; brat always writes it.
    let (type_offsets, text) = rest.split_once('\t').unwrap_or((rest, ""));
    if type_offsets.contains('\n') {
        return Err(Error::syntax(
            line,
            format!("{id}: line break before the text field"),
        ));
    }
    let (label, offsets) = type_offsets
        .trim()
        .split_once(' ')
        .ok_or_else(|| Error::syntax(line, format!("{id}: expected `LABEL START END`")))?;
    let mut spans = Vec::new();
    for piece in offsets.split(';') {
        let nums: Vec<&str> = piece.split_whitespace().collect();
        let parse = |s: &str| {
            s.parse::<usize>()
                .map_err(|_| Error::syntax(line, format!("{id}: bad offset {s:?}")))
        };
        if nums.len() != 2 {
            return Err(Error::syntax(
                line,
                format!("{id}: expected `START END`, found {piece:?}"),
            ));
        }
        let (start, end) = (parse(nums[0])?, parse(nums[1])?);
        if start > end {
            return Err(Error::syntax(
                line,
                format!("{id}: span {start} {end} ends before it starts"),
            ));
        }
        spans.push(CharSpan::new(start, end));
    }
    Ok(Entity {
        id: id.to_string(),
        label: label.to_string(),
        spans,
        text: text.to_string(),
        line,
    })
}

/// Parse every text-bound annotation (`T` line) of a `.ann` file, whatever its label, in file
/// order. Malformed lines give an error naming the line number.
pub fn parse_entities(ann: &str) -> Result<Vec<Entity>, Error> {
    records(ann)?
        .iter()
        .filter(|r| r.first.starts_with('T'))
        .map(parse_entity)
        .collect()
}

/// Parse a `.ann` file into attributions, one per attribution event (`E` line), in file order.
///
/// Unknown or irrelevant lines (`Discard`, `Discuss`, notes, `#`, relations, attributes) are
/// skipped; malformed lines and events that refer to an unknown `T` id produce an error naming
/// the line number. The pieces of each role are sorted and deduplicated. See the module
/// documentation for the forms PolNeAR uses.
pub fn parse_ann(ann: &str) -> Result<Vec<AnnAttribution>, Error> {
    let recs = records(ann)?;
    let mut entities: HashMap<String, Entity> = HashMap::new();
    for r in recs.iter().filter(|r| r.first.starts_with('T')) {
        let e = parse_entity(r)?;
        if let Some(prev) = entities.get(&e.id) {
            return Err(Error::syntax(
                r.line,
                format!("{} already defined on line {}", e.id, prev.line),
            ));
        }
        entities.insert(e.id.clone(), e);
    }
    let mut out = Vec::new();
    for r in recs.iter().filter(|r| r.first.starts_with('E')) {
        let line = r.line;
        if !r.rest.is_empty() {
            return Err(Error::syntax(
                line + 1,
                "unexpected continuation of an event line",
            ));
        }
        let (id, args) = r
            .first
            .split_once('\t')
            .expect("records start with an id and a tab");
        let mut attr = AnnAttribution::default();
        let mut is_attribution = false;
        let mut has_role = false;
        for (k, arg) in args.split_whitespace().enumerate() {
            let (role, target) = arg.split_once(':').ok_or_else(|| {
                Error::syntax(line, format!("{id}: expected `ROLE:ID`, found {arg:?}"))
            })?;
            if k == 0 {
                // The trigger: `Attribution:T4` or `Attribution-no-source:T4`.
                is_attribution = role.starts_with("Attribution");
                if !is_attribution {
                    break;
                }
            }
            let ent = entities.get(target).ok_or_else(|| {
                Error::syntax(
                    line,
                    format!("{id}: {role} refers to unknown annotation {target}"),
                )
            })?;
            if k == 0 {
                continue;
            }
            let slot = match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Source" => &mut attr.source,
                "Cue" => &mut attr.cue,
                "Content" => &mut attr.content,
                _ => continue,
            };
            slot.extend_from_slice(&ent.spans);
            has_role = true;
        }
        if !is_attribution || !has_role {
            continue;
        }
        for v in [&mut attr.source, &mut attr.cue, &mut attr.content] {
            v.sort();
            v.dedup();
        }
        out.push(attr);
    }
    Ok(out)
}

/// Write attributions as brat standoff the way PolNeAR does.
///
/// Per attribution, in this order: a `T` line for each present role (`Source`, `Cue`,
/// `Content`; pieces sorted and joined with `;`), an anchor `T` line labelled `Attribution`
/// (or `Attribution-no-source` when the source is absent) on the cue's span (on the source's,
/// then the content's, when there is no cue), then one event line
/// `E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`. Ids are numbered from 1 in order.
///
/// `text` supplies the text fields (offsets are code points). Empty pieces are left out and an
/// attribution with no non-empty piece writes nothing. Offsets past the end of `text` are
/// written as given, with the text field cut at the end of `text`.
pub fn write_ann(text: &str, attrs: &[AnnAttribution]) -> String {
    // Byte offset of every code-point boundary (one pass per document).
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let n_chars = bounds.len() - 1;
    let piece_text = |s: CharSpan| {
        let start = s.start.min(n_chars);
        let end = s.end.clamp(start, n_chars);
        &text[bounds[start]..bounds[end]]
    };

    let mut out = String::new();
    let mut t = 0usize;
    let mut e = 0usize;
    let mut write_t = |out: &mut String, label: &str, spans: &[CharSpan]| -> usize {
        t += 1;
        let offsets: Vec<String> = spans
            .iter()
            .map(|s| format!("{} {}", s.start, s.end))
            .collect();
        let texts: Vec<&str> = spans.iter().map(|&s| piece_text(s)).collect();
        let _ = writeln!(
            out,
            "T{t}\t{label} {}\t{}",
            offsets.join(";"),
            texts.join(" ")
        );
        t
    };
    for a in attrs {
        let clean = |v: &[CharSpan]| {
            let mut v: Vec<CharSpan> = v.iter().copied().filter(|s| !s.is_empty()).collect();
            v.sort();
            v.dedup();
            v
        };
        let (source, cue, content) = (clean(&a.source), clean(&a.cue), clean(&a.content));
        let anchor_spans = [&cue, &source, &content]
            .into_iter()
            .find(|v| !v.is_empty())
            .cloned();
        let Some(anchor_spans) = anchor_spans else {
            continue;
        };
        let s_id = (!source.is_empty()).then(|| write_t(&mut out, "Source", &source));
        let q_id = (!cue.is_empty()).then(|| write_t(&mut out, "Cue", &cue));
        let c_id = (!content.is_empty()).then(|| write_t(&mut out, "Content", &content));
        let anchor_label = if source.is_empty() {
            "Attribution-no-source"
        } else {
            "Attribution"
        };
        let a_id = write_t(&mut out, anchor_label, &anchor_spans);
        e += 1;
        let _ = write!(out, "E{e}\t{anchor_label}:T{a_id}");
        for (role, id) in [("Content", c_id), ("Cue", q_id), ("Source", s_id)] {
            if let Some(id) = id {
                let _ = write!(out, " {role}:T{id}");
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(s: usize, e: usize) -> CharSpan {
        CharSpan::new(s, e)
    }

    /// Text of a code-point span.
    fn cut(text: &str, s: CharSpan) -> String {
        text.chars().skip(s.start).take(s.end - s.start).collect()
    }

    const ANN: &str = "T1\tSource 0 5\tAlice\n\
T2\tCue 6 10\tsaid\n\
T3\tContent 11 20;30 40\tpiece one piece two\n\
T4\tAttribution 6 10\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
#1\tAnnotatorNotes T3\tA note\n\
T5\tDiscard 50 55\tjunk!\n\
T6\tCue 60 67\tclaimed\n\
T7\tContent 70 80\tsomething\n\
T8\tAttribution-no-source 60 67\tclaimed\n\
E2\tAttribution-no-source:T8 \n\
E3\tAttribution-no-source:T8 Content:T7 Cue:T6\n\
T9\tContent 90 95\tmore\n\
E4\tAttribution:T4 Cue:T2 Source:T1 Content:T9 Content2:T3\n\
T10\tDiscuss 100 104\thmm\n";

    #[test]
    fn parses_discontinuous_and_no_source() {
        let attrs = parse_ann(ANN).unwrap();
        assert_eq!(attrs.len(), 3, "the bare E2 is skipped");
        assert_eq!(
            attrs[0],
            AnnAttribution {
                source: vec![sp(0, 5)],
                cue: vec![sp(6, 10)],
                content: vec![sp(11, 20), sp(30, 40)],
            }
        );
        assert_eq!(
            attrs[1],
            AnnAttribution {
                source: vec![],
                cue: vec![sp(60, 67)],
                content: vec![sp(70, 80)],
            }
        );
        // Content2 adds pieces; pieces come out sorted.
        assert_eq!(attrs[2].content, vec![sp(11, 20), sp(30, 40), sp(90, 95)]);
    }

    #[test]
    fn entities_keep_every_label() {
        let ents = parse_entities(ANN).unwrap();
        assert_eq!(ents.len(), 10);
        assert_eq!(ents[4].label, "Discard");
        assert_eq!(ents[4].line, 7);
        assert_eq!(ents[2].spans, vec![sp(11, 20), sp(30, 40)]);
        assert_eq!(ents[2].text, "piece one piece two");
    }

    #[test]
    fn roles_come_from_event_arguments_and_may_be_missing() {
        let ann = "T1\tDiscuss 0 4\tsays\nT2\tContent 5 9\tthis\nT3\tAttribution 0 4\tsays\n\
E1\tAttribution:T3 Cue:T1 Source:T2\nE2\tAttribution:T3 Content:T2\n";
        let attrs = parse_ann(ann).unwrap();
        assert_eq!(attrs[0].cue, vec![sp(0, 4)]);
        assert_eq!(attrs[0].source, vec![sp(5, 9)]);
        assert!(attrs[0].content.is_empty());
        assert!(attrs[1].cue.is_empty() && attrs[1].source.is_empty());
        assert_eq!(attrs[1].content, vec![sp(5, 9)]);
    }

    #[test]
    fn text_fields_may_span_lines() {
        let ann = "T1\tContent 0 5;7 20\tfirst second\n\nthird line\n\
T2\tCue 21 25\tsaid\nT3\tAttribution 21 25\tsaid\nE1\tAttribution-no-source:T3 Content:T1 Cue:T2\n";
        let ents = parse_entities(ann).unwrap();
        assert_eq!(ents[0].text, "first second\n\nthird line");
        assert_eq!(ents[1].line, 4);
        let attrs = parse_ann(ann).unwrap();
        assert_eq!(attrs[0].content, vec![sp(0, 5), sp(7, 20)]);
    }

    #[test]
    fn errors_name_the_line() {
        let bad_offsets = "T1\tSource 0 5\tAlice\nT2\tCue 6 x\tsaid\n";
        let err = parse_ann(bad_offsets).unwrap_err();
        assert_eq!(err.to_string().split(':').next(), Some("line 2"));
        assert!(err.to_string().contains("bad offset"), "{err}");

        let unknown =
            "T1\tCue 0 4\tsaid\nT2\tAttribution 0 4\tsaid\n\nE1\tAttribution:T2 Cue:T1 Source:T9\n";
        let err = parse_ann(unknown).unwrap_err();
        assert!(err.to_string().starts_with("line 4:"), "{err}");
        assert!(err.to_string().contains("T9"), "{err}");

        let garbage = "E1\tAttribution:T2\nwhat is this\n";
        assert!(parse_ann(garbage)
            .unwrap_err()
            .to_string()
            .starts_with("line 2:"));

        let backwards = "T1\tCue 9 4\tsaid\n";
        assert!(parse_ann(backwards)
            .unwrap_err()
            .to_string()
            .starts_with("line 1:"));

        let no_offsets = "T1\tCue\tsaid\n";
        assert!(parse_ann(no_offsets).is_err());

        let bad_arg = "T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Cue\n";
        assert!(parse_ann(bad_arg)
            .unwrap_err()
            .to_string()
            .starts_with("line 2:"));

        let dup = "T1\tCue 0 4\tsaid\nT1\tCue 0 4\tsaid\n";
        assert!(parse_ann(dup)
            .unwrap_err()
            .to_string()
            .starts_with("line 2:"));
    }

    #[test]
    fn empty_and_blank_files() {
        assert_eq!(parse_ann("").unwrap(), vec![]);
        assert_eq!(parse_ann("\n\n").unwrap(), vec![]);
        assert_eq!(parse_ann("#1\tAnnotatorNotes T1\tnote\n").unwrap(), vec![]);
    }

    #[test]
    fn write_matches_polnear_layout() {
        let text = "Alice said that it rained.";
        let attrs = vec![AnnAttribution {
            source: vec![sp(0, 5)],
            cue: vec![sp(6, 10)],
            content: vec![sp(11, 25)],
        }];
        assert_eq!(
            write_ann(text, &attrs),
            "T1\tSource 0 5\tAlice\n\
T2\tCue 6 10\tsaid\n\
T3\tContent 11 25\tthat it rained\n\
T4\tAttribution 6 10\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        );
        let no_source = vec![AnnAttribution {
            source: vec![],
            cue: vec![sp(6, 10)],
            content: vec![sp(11, 25)],
        }];
        assert_eq!(
            write_ann(text, &no_source),
            "T1\tCue 6 10\tsaid\n\
T2\tContent 11 25\tthat it rained\n\
T3\tAttribution-no-source 6 10\tsaid\n\
E1\tAttribution-no-source:T3 Content:T2 Cue:T1\n"
        );
    }

    #[test]
    fn write_then_parse_round_trips_with_multibyte_text() {
        // Curly quotes, an em dash, an accented name and an emoji before and inside spans.
        let text = "“We will win — always,” said José 😀 Ramírez,\n“and nobody\ncan stop us.”\nThe mayor believes it is over.";
        let chars: Vec<char> = text.chars().collect();
        let find = |needle: &str| {
            let n: Vec<char> = needle.chars().collect();
            let start = (0..chars.len())
                .find(|&i| chars[i..].starts_with(&n))
                .unwrap();
            sp(start, start + n.len())
        };
        let attrs = vec![
            AnnAttribution {
                source: vec![find("José 😀 Ramírez")],
                cue: vec![find("said")],
                // A discontinuous content whose second piece contains a line break.
                content: vec![
                    find("“We will win — always,”"),
                    find("“and nobody\ncan stop us.”"),
                ],
            },
            AnnAttribution {
                source: vec![find("The mayor")],
                cue: vec![find("believes")],
                content: vec![find("it is over")],
            },
            AnnAttribution {
                source: vec![],
                cue: vec![find("believes")],
                content: vec![find("over")],
            },
            // Nothing to write.
            AnnAttribution::default(),
        ];
        let ann = write_ann(text, &attrs);
        assert!(ann.contains("\tJosé 😀 Ramírez\n"), "{ann}");
        assert!(ann.contains("“and nobody\ncan stop us.”\nT4\t"), "{ann}");
        assert!(ann.contains("\tSource 29 43\t"), "{ann}");
        let back = parse_ann(&ann).unwrap();
        assert_eq!(back, attrs[..3].to_vec());
        // Every T line's text is the code-point slice of its pieces, joined by a space.
        for e in parse_entities(&ann).unwrap() {
            let expect: Vec<String> = e.spans.iter().map(|&s| cut(text, s)).collect();
            assert_eq!(e.text, expect.join(" "));
        }
    }

    #[test]
    fn write_normalizes_pieces_and_clamps_text() {
        let text = "abc déf";
        let attrs = vec![AnnAttribution {
            source: vec![],
            cue: vec![sp(4, 7), sp(0, 3), sp(2, 2)],
            content: vec![sp(5, 99)],
        }];
        let ann = write_ann(text, &attrs);
        assert_eq!(
            ann,
            "T1\tCue 0 3;4 7\tabc déf\nT2\tContent 5 99\téf\n\
T3\tAttribution-no-source 0 3;4 7\tabc déf\nE1\tAttribution-no-source:T3 Content:T2 Cue:T1\n"
        );
        let back = parse_ann(&ann).unwrap();
        assert_eq!(back[0].cue, vec![sp(0, 3), sp(4, 7)]);
    }
}
