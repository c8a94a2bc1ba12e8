//! The committed model (`models/pos.bin`) loads and tags invented sentences sensibly.

use hearsay_tag::Tagger;

fn tagger() -> Tagger {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/pos.bin");
    let bytes = std::fs::read(path).expect("models/pos.bin is committed");
    assert!(
        bytes.len() < 6_000_000,
        "model file is {} bytes",
        bytes.len()
    );
    Tagger::from_bytes(&bytes).expect("models/pos.bin loads")
}

/// Tag `words` and compare with `want`, where an entry may list alternatives (`NN|NNP`).
fn check(t: &Tagger, words: &[&str], want: &[&str]) {
    assert_eq!(words.len(), want.len());
    let got: Vec<&str> = t.tag_words(words).iter().map(|p| p.name()).collect();
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            w.split('|').any(|alt| alt == *g),
            "token {i} {:?}: got {g}, want {w}\n  words {words:?}\n  got   {got:?}",
            words[i]
        );
    }
}

#[test]
fn committed_model_tags_invented_sentences() {
    let t = tagger();
    check(
        &t,
        &[
            "The", "senator", "said", "on", "Tuesday", "that", "she", "would", "vote", ".",
        ],
        &[
            "DT", "NN|NNP", "VBD", "IN", "NNP", "IN", "PRP", "MD", "VB", ".",
        ],
    );
    check(
        &t,
        &[
            "“",
            "We",
            "wo",
            "n’t",
            "raise",
            "taxes",
            ",",
            "”",
            "the",
            "mayor",
            "told",
            "reporters",
            ".",
        ],
        &[
            "``", "PRP", "MD", "RB", "VB", "NNS", ",", "''", "DT", "NN", "VBD", "NNS", ".",
        ],
    );
    check(
        &t,
        &[
            "A",
            "spokesman",
            "for",
            "the",
            "campaign",
            "did",
            "n't",
            "respond",
            "to",
            "a",
            "request",
            "for",
            "comment",
            ".",
        ],
        &[
            "DT", "NN", "IN", "DT", "NN", "VBD", "RB", "VB", "TO", "DT", "NN", "IN", "NN", ".",
        ],
    );
    check(
        &t,
        &[
            "Officials",
            "have",
            "denied",
            "the",
            "reports",
            ",",
            "according",
            "to",
            "two",
            "people",
            "familiar",
            "with",
            "the",
            "matter",
            ".",
        ],
        &[
            "NNS", "VBP", "VBN", "DT", "NNS", ",", "VBG", "TO", "CD", "NNS", "JJ", "IN", "DT",
            "NN", ".",
        ],
    );
    check(
        &t,
        &[
            "Governor",
            "Ellen",
            "Marsh",
            "'s",
            "office",
            "released",
            "a",
            "statement",
            "in",
            "March",
            "2016",
            ".",
        ],
        &[
            "NNP", "NNP", "NNP", "POS", "NN", "VBD", "DT", "NN", "IN", "NNP", "CD", ".",
        ],
    );
}

#[test]
fn committed_model_tags_straight_quotes_by_position() {
    let t = tagger();
    check(
        &t,
        &[
            "He", "called", "it", "\"", "a", "disgrace", "\"", "and", "left", ".",
        ],
        &[
            "PRP", "VBD", "PRP", "``", "DT", "NN", "''", "CC", "VBD", ".",
        ],
    );
}
