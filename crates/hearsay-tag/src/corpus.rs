//! Reading tagged sentences from PolNeAR's silver CoNLL-U files.
//!
//! Only what the tagger needs: the surface text of each token (taken from the article text
//! through the `Offsets=B-E` code-point offsets, so that training sees what the tokenizer will
//! produce at inference, not CoreNLP's `-LRB-` / ``` `` ``` escapes) and its XPOS tag.

use std::path::Path;

use hearsay_doc::Pos;

/// One sentence: token strings and their tags (same length).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaggedSentence {
    /// Token strings as they appear in the text.
    pub words: Vec<String>,
    /// One tag per word.
    pub tags: Vec<Pos>,
}

impl TaggedSentence {
    /// Build a sentence from `(word, Penn tag)` pairs; `None` if a tag is not in
    /// [`hearsay_doc::PENN_TAGS`].
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Option<TaggedSentence> {
        let mut s = TaggedSentence::default();
        for &(w, t) in pairs {
            s.words.push(w.to_string());
            s.tags.push(Pos::from_name(t)?);
        }
        Some(s)
    }
}

/// The tagged sentences of one corpus directory, and how many sentences were skipped because
/// they carry a tag outside [`hearsay_doc::PENN_TAGS`].
pub type Corpus = hearsay_data::corpus::TaggedCorpus<TaggedSentence>;

pub use hearsay_data::corpus::conllu_files;

/// Read every `*.conllu` file of `dir` (or of `dir/conllu`). The article text of `NAME.conllu`
/// is looked for at `../text/NAME.txt`; without it, forms are used with CoreNLP's bracket and
/// quote escapes undone.
pub fn read_dir(dir: &Path) -> anyhow::Result<Corpus> {
    Corpus::read_dir(dir, read_conllu)
}

/// Parse one CoNLL-U file (with [`hearsay_data::conllu::penn_sentences`]), appending its
/// sentences to `out`; returns the number of sentences skipped because of a tag outside the tag
/// set.
///
/// Each token's string is `text`'s code points `B..E` from `Offsets=B-E`; without `text` (or
/// when the offsets do not fit it) it is the FORM with CoreNLP's escapes undone.
pub fn read_conllu(
    conllu: &str,
    text: Option<&str>,
    out: &mut Vec<TaggedSentence>,
) -> anyhow::Result<usize> {
    Ok(hearsay_data::conllu::penn_sentences(
        conllu,
        text,
        |_, words, tags| out.push(TaggedSentence { words, tags }),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLLU: &str = "# coref = []\n# sent_id = 1\n\
1\tThe\tthe\t_\tDT\t_\t2\tdet\t_\tOffsets=0-3|NER=O\n\
2\tcat\tcat\t_\tNN\t_\t3\tnsubj\t_\tOffsets=4-7|NER=O\n\
3\t-LRB-\t-lrb-\t_\t-LRB-\t_\t3\tpunct\t_\tOffsets=8-9|NER=O\n\
4\tn't\tnot\t_\tRB\t_\t3\tneg\t_\tOffsets=9-12|NER=O\n\
\n\
1\tOdd\todd\t_\tXX\t_\t0\troot\t_\tOffsets=13-16|NER=O\n\
\n\
1\t``\t``\t_\t``\t_\t0\troot\t_\tOffsets=17-18|NER=O\n";

    #[test]
    fn reads_surface_forms_through_code_point_offsets() {
        let text = "Thé cat (n’t Odd “";
        let mut out = Vec::new();
        let skipped = read_conllu(CONLLU, Some(text), &mut out).unwrap();
        assert_eq!(skipped, 1);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].words, ["Thé", "cat", "(", "n’t"]);
        let tags: Vec<&str> = out[0].tags.iter().map(|t| t.name()).collect();
        assert_eq!(tags, ["DT", "NN", "-LRB-", "RB"]);
        assert_eq!(out[1].words, ["“"]);
    }

    #[test]
    fn falls_back_to_unescaped_forms() {
        let mut out = Vec::new();
        read_conllu(CONLLU, None, &mut out).unwrap();
        assert_eq!(out[0].words, ["The", "cat", "(", "n't"]);
        assert_eq!(out[1].words, ["\""]);
        // Offsets past the end of the text also fall back.
        out.clear();
        read_conllu(CONLLU, Some("Th"), &mut out).unwrap();
        assert_eq!(out[0].words[0], "The");
        assert!(read_conllu("1\tbad line\n", None, &mut out).is_err());
        assert_eq!(out[0].words[0], "The");
    }
}
