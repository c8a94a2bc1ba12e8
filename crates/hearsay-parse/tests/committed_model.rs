//! The committed `models/parse.bin` loads and parses an invented sentence sensibly, with tags
//! given by hand (independent of the POS tagger).

use std::sync::OnceLock;

use hearsay_doc::{Pos, NO_HEAD};
use hearsay_parse::Parser;

fn parser() -> &'static Parser {
    static PARSER: OnceLock<Parser> = OnceLock::new();
    PARSER.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/parse.bin");
        let bytes = std::fs::read(path).expect("models/parse.bin is committed");
        Parser::from_bytes(&bytes).expect("models/parse.bin is a parser model")
    })
}

fn parse(sentence: &str, tags: &str) -> (Vec<u32>, Vec<String>) {
    let words: Vec<&str> = sentence.split(' ').collect();
    let tags: Vec<Pos> = tags
        .split(' ')
        .map(|t| Pos::from_name(t).unwrap())
        .collect();
    assert_eq!(words.len(), tags.len());
    let (heads, labels) = parser().parse_sentence(&words, &tags);
    (heads, labels.iter().map(|l| l.name().to_string()).collect())
}

#[test]
fn speech_verb_is_root_with_its_clause_as_ccomp() {
    let (heads, labels) = parse(
        "The senator said that she would vote .",
        "DT NN VBD IN PRP MD VB .",
    );
    assert_eq!(heads[2], NO_HEAD, "said is the root");
    assert_eq!(labels[2], "root");
    assert_eq!(
        (heads[6], labels[6].as_str()),
        (2, "ccomp"),
        "vote is ccomp of said"
    );
    assert_eq!(
        (heads[1], labels[1].as_str()),
        (2, "nsubj"),
        "senator is nsubj of said"
    );
    assert_eq!(
        (heads[4], labels[4].as_str()),
        (6, "nsubj"),
        "she is nsubj of vote"
    );
}

#[test]
fn quote_first_attribution() {
    let (heads, labels) = parse(
        "“ We will not back down , ” the mayor told reporters .",
        "`` PRP MD RB VB RP , '' DT NN VBD NNS .",
    );
    assert_eq!(heads[10], NO_HEAD, "told is the root");
    assert_eq!((heads[4], labels[4].as_str()), (10, "ccomp"));
    assert_eq!((heads[9], labels[9].as_str()), (10, "nsubj"));
    assert_eq!((heads[11], labels[11].as_str()), (10, "dobj"));
}
