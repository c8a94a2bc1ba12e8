//! Reading entity-labelled sentences from PolNeAR's silver CoNLL-U files.
//!
//! Each token's word is the surface text of the article (through the `Offsets=B-E` code-point
//! offsets), its POS tag the silver XPOS, and its label the BIO encoding of the `NER=` tags
//! mapped to [`EntityKind`]s: a mention is a maximal run of tokens of one kind.

use std::path::Path;

use hearsay_doc::Pos;

use crate::{EntityKind, Label};

/// One sentence: words, silver POS tags and BIO labels (same length).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NerSentence {
    /// Token strings as they appear in the text.
    pub words: Vec<String>,
    /// One POS tag per word.
    pub tags: Vec<Pos>,
    /// One label per word.
    pub labels: Vec<Label>,
}

impl NerSentence {
    /// Build a sentence from `(word, Penn tag, kind)` triples, where consecutive words of the
    /// same kind form one mention; `None` if a tag is not a Penn tag.
    pub fn from_triples(items: &[(&str, &str, Option<EntityKind>)]) -> Option<NerSentence> {
        let mut s = NerSentence::default();
        let mut prev = None;
        for &(w, t, k) in items {
            s.words.push(w.to_string());
            s.tags.push(Pos::from_name(t)?);
            s.labels.push(bio(prev, k));
            prev = k;
        }
        Some(s)
    }
}

/// The label of a token of kind `k` after a token of kind `prev`.
fn bio(prev: Option<EntityKind>, k: Option<EntityKind>) -> Label {
    match k {
        None => Label::O,
        Some(k) if prev == Some(k) => Label::I(k),
        Some(k) => Label::B(k),
    }
}

/// The sentences of one corpus directory, and how many sentences were skipped because they
/// carry a POS tag outside the Penn tag set.
pub type Corpus = hearsay_data::corpus::TaggedCorpus<NerSentence>;

/// Read every `*.conllu` file of `dir` (or of `dir/conllu`), sorted by name. The article text of
/// `NAME.conllu` is looked for at `../text/NAME.txt`; without it, forms are used with CoreNLP's
/// bracket and quote escapes undone.
pub fn read_dir(dir: &Path) -> anyhow::Result<Corpus> {
    Corpus::read_dir(dir, read_conllu)
}

/// Parse one CoNLL-U file (with [`hearsay_data::conllu::penn_sentences`]), appending its
/// sentences to `out`; returns the number of sentences skipped because of a POS tag outside the
/// tag set.
pub fn read_conllu(
    conllu: &str,
    text: Option<&str>,
    out: &mut Vec<NerSentence>,
) -> anyhow::Result<usize> {
    Ok(hearsay_data::conllu::penn_sentences(
        conllu,
        text,
        |s, words, tags| {
            let mut labels = Vec::with_capacity(s.tokens.len());
            let mut prev = None;
            for tok in &s.tokens {
                let kind = EntityKind::from_corenlp(&tok.ner);
                labels.push(bio(prev, kind));
                prev = kind;
            }
            out.push(NerSentence {
                words,
                tags,
                labels,
            });
        },
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLLU: &str = "# sent_id = 1\n\
1\tAna\tAna\t_\tNNP\t_\t2\tcompound\t_\tOffsets=0-3|NER=PERSON\n\
2\tRuiz\tRuiz\t_\tNNP\t_\t3\tnsubj\t_\tOffsets=4-8|NER=PERSON\n\
3\tleft\tleave\t_\tVBD\t_\t0\troot\t_\tOffsets=9-13|NER=O\n\
4\tOslo\tOslo\t_\tNNP\t_\t3\tobj\t_\tOffsets=14-18|NER=LOCATION\n\
5\tLisbon\tLisbon\t_\tNNP\t_\t4\tconj\t_\tOffsets=19-25|NER=LOCATION\n\
6\tMonday\tMonday\t_\tNNP\t_\t3\tobl\t_\tOffsets=26-32|NER=DATE\n\
7\tnoon\tnoon\t_\tNN\t_\t6\tcompound\t_\tOffsets=33-37|NER=TIME\n\
8\t-LRB-\t-lrb-\t_\t-LRB-\t_\t3\tpunct\t_\tOffsets=38-39|NER=O\n\
9\t3\t3\t_\tCD\t_\t3\tnummod\t_\tOffsets=39-40|NER=NUMBER\n\
\n\
1\tOdd\todd\t_\tXX\t_\t0\troot\t_\tOffsets=41-44|NER=O\n";

    #[test]
    fn reads_labels_words_and_tags() {
        let text = "Aña Ruiz left Oslo Lisbon Monday noon (3 Odd";
        let mut out = Vec::new();
        let skipped = read_conllu(CONLLU, Some(text), &mut out).unwrap();
        assert_eq!(skipped, 1);
        assert_eq!(out.len(), 1);
        let s = &out[0];
        assert_eq!(s.words[..3], ["Aña", "Ruiz", "left"]);
        assert_eq!(s.words[7], "(");
        assert_eq!(s.tags[7].name(), "-LRB-");
        let labels: Vec<String> = s.labels.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            labels,
            ["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-DATE", "I-DATE", "O", "O"]
        );
        // Without text: unescaped forms.
        out.clear();
        read_conllu(CONLLU, None, &mut out).unwrap();
        assert_eq!(out[0].words[0], "Ana");
        assert_eq!(out[0].words[7], "(");
    }

    #[test]
    fn triples_make_bio() {
        let s = NerSentence::from_triples(&[
            ("the", "DT", None),
            ("Harbor", "NNP", Some(EntityKind::Organization)),
            ("Authority", "NNP", Some(EntityKind::Organization)),
        ])
        .unwrap();
        assert_eq!(
            s.labels,
            [
                Label::O,
                Label::B(EntityKind::Organization),
                Label::I(EntityKind::Organization)
            ]
        );
        assert!(NerSentence::from_triples(&[("x", "BAD", None)]).is_none());
    }
}
