//! Fixed tag inventories shared by the tag layer and everything after it.
//!
//! Tags are stored per token as one byte: an index into these tables. The tables are part of
//! the model-file contract: a model trained against them stores indices, so entries are only
//! ever appended, never reordered.

/// Penn Treebank part-of-speech tags, as Stanford CoreNLP writes them (`` and '' for quotes,
/// -LRB- / -RRB- for brackets).
pub const PENN_TAGS: &[&str] = &[
    "NN", "IN", "NNP", "DT", "JJ", "NNS", ",", ".", "VBD", "RB", "PRP", "VB", "CC", "VBZ", "TO",
    "VBG", "VBN", "VBP", "''", "CD", "PRP$", "``", "MD", "POS", ":", "WP", "WDT", "NNPS", "WRB",
    "RP", "JJR", "JJS", "RBR", "-RRB-", "-LRB-", "EX", "$", "RBS", "PDT", "UH", "WP$", "FW", "LS",
    "SYM", "#",
];

/// Stanford basic dependency labels (CoreNLP 3.x, UD-flavoured), index 0 = `root`.
pub const DEPRELS: &[&str] = &[
    "root",
    "punct",
    "case",
    "nmod",
    "nsubj",
    "det",
    "compound",
    "amod",
    "dobj",
    "advmod",
    "mark",
    "aux",
    "cc",
    "conj",
    "nmod:poss",
    "ccomp",
    "xcomp",
    "advcl",
    "cop",
    "dep",
    "acl:relcl",
    "nummod",
    "acl",
    "neg",
    "appos",
    "auxpass",
    "nsubjpass",
    "nmod:tmod",
    "compound:prt",
    "parataxis",
    "mwe",
    "expl",
    "nmod:npmod",
    "csubj",
    "iobj",
    "det:predet",
    "cc:preconj",
    "discourse",
    "csubjpass",
];

/// A part-of-speech tag: an index into [`PENN_TAGS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos(pub u8);

impl Pos {
    /// Look a tag up by its Penn name.
    pub fn from_name(name: &str) -> Option<Pos> {
        PENN_TAGS
            .iter()
            .position(|t| *t == name)
            .map(|i| Pos(i as u8))
    }
    pub fn name(self) -> &'static str {
        PENN_TAGS.get(self.0 as usize).copied().unwrap_or("?")
    }
    pub fn is_noun(self) -> bool {
        self.name().starts_with("NN")
    }
    pub fn is_proper_noun(self) -> bool {
        self.name().starts_with("NNP")
    }
    pub fn is_verb(self) -> bool {
        self.name().starts_with("VB") || self.name() == "MD"
    }
    pub fn is_pronoun(self) -> bool {
        matches!(self.name(), "PRP" | "WP")
    }
}

/// A dependency label: an index into [`DEPRELS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DepRel(pub u8);

impl DepRel {
    pub fn from_name(name: &str) -> Option<DepRel> {
        DEPRELS
            .iter()
            .position(|t| *t == name)
            .map(|i| DepRel(i as u8))
    }
    pub fn name(self) -> &'static str {
        DEPRELS.get(self.0 as usize).copied().unwrap_or("dep")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_are_unique() {
        for (i, t) in PENN_TAGS.iter().enumerate() {
            assert_eq!(Pos::from_name(t), Some(Pos(i as u8)));
            assert_eq!(Pos(i as u8).name(), *t);
        }
        for (i, t) in DEPRELS.iter().enumerate() {
            assert_eq!(DepRel::from_name(t), Some(DepRel(i as u8)));
        }
        assert_eq!(Pos::from_name("XYZ"), None);
        assert!(Pos::from_name("NNPS").unwrap().is_proper_noun());
        assert!(Pos::from_name("MD").unwrap().is_verb());
    }
}
