//! PolNeAR I/O for hearsay.
//!
//! - [`brat`]: read and write brat standoff `.ann` files the way PolNeAR writes them.
//! - [`conllu`]: read the CoreNLP-derived CoNLL-U files that come with PolNeAR (and, with
//!   [`conllu::penn_sentences`], the surface words and Penn tags the taggers train on).
//! - [`corpus`]: walk a gold directory (`DIR/text`, `DIR/ann`, `DIR/conllu`); read a
//!   directory's tagged sentences ([`corpus::TaggedCorpus`]).
//! - [`attributions_to_ann`]: turn a [`hearsay_doc::Doc`]'s attribution layer (token spans over
//!   byte offsets) into the code-point [`AnnAttribution`]s that the rest of this crate and
//!   `hearsay-eval` use.
//!
//! Everything public here is in Unicode code points (what brat and PolNeAR use), never bytes.

#![warn(missing_docs)]

use hearsay_doc::{CharMap, Doc, TokenSpan};
use serde::{Deserialize, Serialize};

pub mod brat;
pub mod conllu;
pub mod corpus;
#[allow(missing_docs)] // the fields mirror corpus/speakers/FORMAT.md one to one
pub mod speakers;

/// A span in Unicode code points, `[start, end)`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct CharSpan {
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
}

impl CharSpan {
    /// The span `[start, end)`.
    pub fn new(start: usize, end: usize) -> Self {
        CharSpan { start, end }
    }

    /// Number of code points covered (0 when `end <= start`).
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no code point.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// One attribution in code-point offsets.
///
/// Each role may have several contiguous pieces (a discontinuous span); an empty vector means
/// the role is absent. [`brat::parse_ann`] returns the pieces of each role sorted and without
/// duplicates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnAttribution {
    /// Who said it (empty when there is no source).
    pub source: Vec<CharSpan>,
    /// The cue ("said", "according to").
    pub cue: Vec<CharSpan>,
    /// What was said.
    pub content: Vec<CharSpan>,
}

/// Errors from parsing `.ann` and `.conllu` text. Line numbers are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A line that does not follow the format.
    #[error("line {line}: {message}")]
    Syntax {
        /// 1-based line number of the offending line.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    pub(crate) fn syntax(line: usize, message: impl Into<String>) -> Self {
        Error::Syntax {
            line,
            message: message.into(),
        }
    }
}

/// Convert a [`Doc`]'s attribution layer into code-point [`AnnAttribution`]s.
///
/// Returns one `AnnAttribution` per *outer* entry of `doc.attributions` (those with no
/// `parent`) and not relayed (no `via`), in order: like PolNeAR, the result is univocal, nested attributions stay inside
/// their parent's content. Empty token spans are left out; the byte-to-code-point conversion is
/// done with one [`CharMap`] for the whole document.
pub fn attributions_to_ann(doc: &Doc) -> Vec<AnnAttribution> {
    let map = CharMap::new(&doc.text);
    let conv = |s: TokenSpan| -> Option<CharSpan> {
        if s.is_empty() || s.end as usize > doc.tokens.len() {
            return None;
        }
        let b = doc.byte_span(s);
        Some(CharSpan::new(
            map.char_offset(b.start as usize),
            map.char_offset(b.end as usize),
        ))
    };
    doc.attributions
        .iter()
        .filter(|a| a.parent.is_none() && a.via.is_none())
        .map(|a| AnnAttribution {
            source: a.source.and_then(conv).into_iter().collect(),
            cue: a.cue.and_then(conv).into_iter().collect(),
            content: a.content.iter().filter_map(|&s| conv(s)).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearsay_doc::{Attribution, ByteSpan, QuoteRole, Token, TokenKind};

    fn tokenize(doc: &mut Doc) {
        let text = doc.text.clone();
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
    }

    #[test]
    fn doc_attributions_become_code_point_spans() {
        // "Péskov" and "«non»" have multibyte characters before the spans we look at.
        let mut doc = Doc::new("Péskov a dit «non» à Moscou hier");
        tokenize(&mut doc);
        // tokens: 0 Péskov, 1 a, 2 dit, 3 «non», 4 à, 5 Moscou, 6 hier
        doc.attributions.push(Attribution {
            source: Some(TokenSpan::new(0, 1)),
            cue: Some(TokenSpan::new(1, 3)),
            content: vec![TokenSpan::new(3, 4), TokenSpan::new(5, 7)],
            ..Default::default()
        });
        doc.attributions.push(Attribution {
            source: None,
            cue: Some(TokenSpan::new(2, 2)), // empty: dropped
            content: vec![],
            ..Default::default()
        });
        let ann = attributions_to_ann(&doc);
        assert_eq!(ann.len(), 2);
        let chars: Vec<char> = doc.text.chars().collect();
        let text_of = |s: CharSpan| chars[s.start..s.end].iter().collect::<String>();
        assert_eq!(ann[0].source, vec![CharSpan::new(0, 6)]);
        assert_eq!(text_of(ann[0].source[0]), "Péskov");
        assert_eq!(text_of(ann[0].cue[0]), "a dit");
        assert_eq!(text_of(ann[0].content[0]), "«non»");
        assert_eq!(text_of(ann[0].content[1]), "Moscou hier");
        assert_eq!(ann[1], AnnAttribution::default());
    }

    #[test]
    fn char_span_len() {
        assert_eq!(CharSpan::new(3, 7).len(), 4);
        assert!(CharSpan::new(3, 3).is_empty());
        assert_eq!(CharSpan::new(5, 3).len(), 0);
    }
}
