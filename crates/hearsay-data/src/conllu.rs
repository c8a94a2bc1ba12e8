//! Reading the CoNLL-U files that come with PolNeAR (CoreNLP output, converted).
//!
//! ```text
//! # coref = [[{"sent": 1, "start": 1, "end": 3, "head": 2, "text": "The mayor", "rep": true}]]
//! # sent_id = 1
//! 1\tThe\tthe\t_\tDT\t_\t2\tdet\t_\tOffsets=0-3|NER=O
//! 2\tmayor\tmayor\t_\tNN\t_\t3\tnsubj\t_\tOffsets=4-9|NER=O
//! 3\tsaid\tsay\t_\tVBD\t_\t0\troot\t_\tOffsets=10-14|NER=O
//!
//! ```
//!
//! Ten tab-separated columns: `ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC`, where XPOS
//! is the Penn tag and MISC is `Offsets=B-E|NER=TAG` (code points into the article text,
//! end exclusive). Sentences end at a blank line. Forms and tags are kept exactly as written
//! (CoreNLP's `-LRB-`, ``` `` ```, `''` included).

use hearsay_doc::Pos;
use serde::{Deserialize, Serialize};

use crate::Error;

/// One token (one word line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConlluToken {
    /// The FORM column, as written.
    pub form: String,
    /// The LEMMA column, as written.
    pub lemma: String,
    /// The XPOS column (Penn tag), as written.
    pub xpos: String,
    /// The HEAD column: 0 for the root, otherwise the 1-based index of the head within the
    /// sentence. `_` reads as 0.
    pub head: u32,
    /// The DEPREL column, as written.
    pub deprel: String,
    /// First code point of the token in the article text (`Offsets=B-E`, B).
    pub start: usize,
    /// One past the last code point (`Offsets=B-E`, E).
    pub end: usize,
    /// The `NER=` value of MISC; `O` when absent.
    pub ner: String,
}

/// One sentence: its word lines in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConlluSentence {
    /// The tokens; token `i` has CoNLL-U ID `i + 1`.
    pub tokens: Vec<ConlluToken>,
}

/// One CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConlluDoc {
    /// The sentences in order.
    pub sentences: Vec<ConlluSentence>,
    /// The JSON after `# coref = ` (CoreNLP coreference chains), unparsed; `None` when the
    /// file has no such line.
    pub coref_json: Option<String>,
}

/// Parse a CoNLL-U file.
///
/// Comment lines other than `# coref = ...` are skipped, as are multiword-token lines
/// (`1-2`) and empty nodes (`1.1`). A line with other than ten columns, a non-numeric ID or
/// HEAD, or a MISC without a well-formed `Offsets=B-E` gives an error naming the line number.
pub fn parse_conllu(s: &str) -> Result<ConlluDoc, Error> {
    let mut doc = ConlluDoc::default();
    let mut sent = ConlluSentence::default();
    for (i, raw) in s.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !sent.tokens.is_empty() {
                doc.sentences.push(std::mem::take(&mut sent));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(json) = comment.trim_start().strip_prefix("coref =") {
                if doc.coref_json.is_none() {
                    doc.coref_json = Some(json.trim().to_string());
                }
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error::syntax(
                line_no,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        if id.parse::<u32>().is_err() {
            return Err(Error::syntax(line_no, format!("bad ID {id:?}")));
        }
        let head = match cols[6] {
            "_" => 0,
            h => h
                .parse::<u32>()
                .map_err(|_| Error::syntax(line_no, format!("bad HEAD {h:?}")))?,
        };
        let mut offsets = None;
        let mut ner = None;
        for item in cols[9].split('|') {
            if let Some(v) = item.strip_prefix("Offsets=") {
                let bad = || Error::syntax(line_no, format!("bad Offsets {v:?}"));
                let (b, e) = v.split_once('-').ok_or_else(bad)?;
                let b: usize = b.parse().map_err(|_| bad())?;
                let e: usize = e.parse().map_err(|_| bad())?;
                if b > e {
                    return Err(bad());
                }
                offsets = Some((b, e));
            } else if let Some(v) = item.strip_prefix("NER=") {
                ner = Some(v.to_string());
            }
        }
        let (start, end) =
            offsets.ok_or_else(|| Error::syntax(line_no, "MISC has no Offsets=B-E"))?;
        sent.tokens.push(ConlluToken {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            start,
            end,
            ner: ner.unwrap_or_else(|| "O".to_string()),
        });
    }
    if !sent.tokens.is_empty() {
        doc.sentences.push(sent);
    }
    Ok(doc)
}

/// Maps CoNLL-U `Offsets=B-E` (code points) to the surface strings of an article's text.
pub struct Surface<'a> {
    text: Option<&'a str>,
    /// Byte offset of every code point, plus the end.
    char_starts: Vec<usize>,
}

impl<'a> Surface<'a> {
    /// A mapper for one article text (`None`: forms only).
    pub fn new(text: Option<&'a str>) -> Self {
        let char_starts = text
            .map(|t| t.char_indices().map(|(i, _)| i).chain([t.len()]).collect())
            .unwrap_or_default();
        Surface { text, char_starts }
    }

    /// The token as written in the text; without the text (or when the offsets do not fit
    /// it), the FORM with CoreNLP's escapes undone.
    pub fn of<'t>(&'t self, tok: &'t ConlluToken) -> &'t str {
        let written = self.text.and_then(|t| {
            let b = *self.char_starts.get(tok.start)?;
            let e = *self.char_starts.get(tok.end)?;
            t.get(b..e).filter(|s| !s.is_empty())
        });
        written.unwrap_or_else(|| unescape(&tok.form))
    }
}

/// Read a CoNLL-U file the way the taggers train on it: for every sentence whose XPOS tags all
/// are Penn tags, `each` gets the sentence, its tokens' surface strings ([`Surface::of`] with
/// `text`, the article the offsets point into) and their tags. Returns how many sentences were
/// skipped because a tag is outside [`hearsay_doc::PENN_TAGS`].
pub fn penn_sentences(
    conllu: &str,
    text: Option<&str>,
    mut each: impl FnMut(&ConlluSentence, Vec<String>, Vec<Pos>),
) -> Result<usize, Error> {
    let doc = parse_conllu(conllu)?;
    let surface = Surface::new(text);
    let mut skipped = 0;
    'sentences: for s in &doc.sentences {
        let mut words = Vec::with_capacity(s.tokens.len());
        let mut tags = Vec::with_capacity(s.tokens.len());
        for tok in &s.tokens {
            let Some(tag) = Pos::from_name(&tok.xpos) else {
                skipped += 1;
                continue 'sentences;
            };
            words.push(surface.of(tok).to_string());
            tags.push(tag);
        }
        each(s, words, tags);
    }
    Ok(skipped)
}

/// Undo CoreNLP's PTB escapes in a form (`-LRB-` → `(`, ``` `` ``` → `"`, …).
pub fn unescape(form: &str) -> &str {
    match form {
        "-LRB-" => "(",
        "-RRB-" => ")",
        "-LSB-" => "[",
        "-RSB-" => "]",
        "-LCB-" => "{",
        "-RCB-" => "}",
        "``" | "''" => "\"",
        "`" => "'",
        _ => form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# coref = [[{\"sent\": 1, \"start\": 1, \"end\": 2, \"head\": 1, \"text\": \"Zoë\", \"rep\": true}]]
# sent_id = 1
1\tZoë\tZoë\t_\tNNP\t_\t2\tnsubj\t_\tOffsets=0-3|NER=PERSON
2\tsaid\tsay\t_\tVBD\t_\t0\troot\t_\tOffsets=4-8|NER=O
3\t-LRB-\t-lrb-\t_\t-LRB-\t_\t2\tpunct\t_\tOffsets=9-10|NER=O
4\t``\t``\t_\t``\t_\t2\tpunct\t_\tOffsets=10-11|NER=O

# sent_id = 2
1\tYes\tyes\t_\tUH\t_\t0\troot\t_\tOffsets=12-15
1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\t.\t.\t_\t.\t_\t1\tpunct\t_\tOffsets=15-16|NER=O
";

    #[test]
    fn parses_sentences_tokens_and_coref() {
        let doc = parse_conllu(SAMPLE).unwrap();
        assert_eq!(doc.sentences.len(), 2);
        assert!(doc
            .coref_json
            .as_deref()
            .unwrap()
            .starts_with("[[{\"sent\": 1"));
        let t = &doc.sentences[0].tokens;
        assert_eq!(t.len(), 4);
        assert_eq!(
            t[0],
            ConlluToken {
                form: "Zoë".into(),
                lemma: "Zoë".into(),
                xpos: "NNP".into(),
                head: 2,
                deprel: "nsubj".into(),
                start: 0,
                end: 3,
                ner: "PERSON".into(),
            }
        );
        assert_eq!(t[2].form, "-LRB-");
        assert_eq!(t[2].xpos, "-LRB-");
        assert_eq!(t[3].form, "``");
        assert_eq!(t[1].head, 0);
        let s2 = &doc.sentences[1].tokens;
        assert_eq!(s2.len(), 2, "multiword line skipped");
        assert_eq!(s2[0].ner, "O", "missing NER defaults to O");
        assert_eq!((s2[1].start, s2[1].end), (15, 16));
    }

    #[test]
    fn penn_sentences_skip_unknown_tags_and_read_surface_forms() {
        let conllu = "1\tHi\thi\t_\tXX\t_\t0\troot\t_\tOffsets=0-2|NER=O\n\n\
1\t-LRB-\t-lrb-\t_\t-LRB-\t_\t0\troot\t_\tOffsets=3-4|NER=O\n\
2\tZoë\tZoë\t_\tNNP\t_\t1\tdep\t_\tOffsets=4-7|NER=PERSON\n";
        let mut seen = Vec::new();
        let skipped = penn_sentences(conllu, Some("Hi (Zoë"), |s, words, tags| {
            let tags: Vec<&str> = tags.iter().map(|t| t.name()).collect();
            seen.push((s.tokens[1].ner.clone(), words, tags));
        })
        .unwrap();
        assert_eq!(skipped, 1);
        assert_eq!(
            seen,
            [(
                "PERSON".to_string(),
                vec!["(".to_string(), "Zoë".to_string()],
                vec!["-LRB-", "NNP"]
            )]
        );
        assert!(penn_sentences("1\tbad\n", None, |_, _, _| {}).is_err());
    }

    #[test]
    fn no_coref_and_no_trailing_blank_line() {
        let doc = parse_conllu("1\tHi\thi\t_\tUH\t_\t0\troot\t_\tOffsets=0-2|NER=O").unwrap();
        assert_eq!(doc.coref_json, None);
        assert_eq!(doc.sentences.len(), 1);
        assert_eq!(parse_conllu("").unwrap(), ConlluDoc::default());
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            "# sent_id = 1\n1\tHi\thi\t_\tUH\t_\t0\troot\t_\n",
            "# sent_id = 1\nx\tHi\thi\t_\tUH\t_\t0\troot\t_\tOffsets=0-2|NER=O\n",
            "# sent_id = 1\n1\tHi\thi\t_\tUH\t_\tz\troot\t_\tOffsets=0-2|NER=O\n",
            "# sent_id = 1\n1\tHi\thi\t_\tUH\t_\t0\troot\t_\tNER=O\n",
            "# sent_id = 1\n1\tHi\thi\t_\tUH\t_\t0\troot\t_\tOffsets=5-2|NER=O\n",
            "# sent_id = 1\n1\tHi\thi\t_\tUH\t_\t0\troot\t_\tOffsets=a-2|NER=O\n",
        ];
        for c in cases {
            let err = parse_conllu(c).unwrap_err();
            assert!(err.to_string().starts_with("line 2:"), "{c:?}: {err}");
        }
    }
}
