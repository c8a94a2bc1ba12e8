//! Train on a handful of invented sentences (written for this test) and check that the parser
//! learns them, that training is deterministic, and that `Parser::parse` is robust.

use std::path::{Path, PathBuf};

use hearsay_doc::{
    ByteSpan, DepRel, Doc, Pos, QuoteRole, Sentence, Token, TokenKind, TokenSpan, NO_HEAD,
};
use hearsay_parse::{evaluate, train, Parser, TrainOptions};

/// (word, tag, head (1-based, 0 = root), label)
type Row = (&'static str, &'static str, u32, &'static str);

const SENTENCES: &[&[Row]] = &[
    &[
        ("The", "DT", 2, "det"),
        ("senator", "NN", 3, "nsubj"),
        ("said", "VBD", 0, "root"),
        ("that", "IN", 7, "mark"),
        ("she", "PRP", 7, "nsubj"),
        ("would", "MD", 7, "aux"),
        ("vote", "VB", 3, "ccomp"),
        (".", ".", 3, "punct"),
    ],
    &[
        ("Officials", "NNS", 2, "nsubj"),
        ("told", "VBD", 0, "root"),
        ("reporters", "NNS", 2, "dobj"),
        ("the", "DT", 5, "det"),
        ("plan", "NN", 6, "nsubj"),
        ("failed", "VBD", 2, "ccomp"),
        (".", ".", 2, "punct"),
    ],
    &[
        ("“", "``", 9, "punct"),
        ("We", "PRP", 4, "nsubj"),
        ("will", "MD", 4, "aux"),
        ("win", "VB", 9, "ccomp"),
        (",", ",", 9, "punct"),
        ("”", "''", 9, "punct"),
        ("the", "DT", 8, "det"),
        ("mayor", "NN", 9, "nsubj"),
        ("said", "VBD", 0, "root"),
        (".", ".", 9, "punct"),
    ],
    &[
        ("A", "DT", 2, "det"),
        ("spokesman", "NN", 3, "nsubj"),
        ("denied", "VBD", 0, "root"),
        ("the", "DT", 5, "det"),
        ("report", "NN", 3, "dobj"),
        ("on", "IN", 7, "case"),
        ("Tuesday", "NNP", 3, "nmod"),
        (".", ".", 3, "punct"),
    ],
    &[
        ("She", "PRP", 2, "nsubj"),
        ("believes", "VBZ", 0, "root"),
        ("the", "DT", 4, "det"),
        ("vote", "NN", 6, "nsubj"),
        ("was", "VBD", 6, "cop"),
        ("unfair", "JJ", 2, "ccomp"),
        (".", ".", 2, "punct"),
    ],
    &[
        ("He", "PRP", 2, "nsubj"),
        ("added", "VBD", 0, "root"),
        ("that", "IN", 7, "mark"),
        ("the", "DT", 5, "det"),
        ("bill", "NN", 7, "nsubj"),
        ("would", "MD", 7, "aux"),
        ("pass", "VB", 2, "ccomp"),
        (".", ".", 2, "punct"),
    ],
    &[("Yes", "UH", 0, "root")],
];

/// Write the sentences as a PolNeAR-like split: `DIR/text/a.txt` + `DIR/conllu/a.conllu`.
fn write_corpus(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearsay-parse-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::create_dir_all(dir.join("conllu")).unwrap();
    let mut text = String::new();
    let mut conllu = String::from("# coref = []\n");
    for (si, s) in SENTENCES.iter().enumerate() {
        conllu.push_str(&format!("# sent_id = {}\n", si + 1));
        for (i, (w, t, h, l)) in s.iter().enumerate() {
            if !text.is_empty() {
                text.push(' ');
            }
            let b = text.chars().count();
            text.push_str(w);
            let e = text.chars().count();
            let form = match *t {
                "``" => "``",
                "''" => "''",
                _ => w,
            };
            conllu.push_str(&format!(
                "{}\t{form}\t{form}\t_\t{t}\t_\t{h}\t{l}\t_\tOffsets={b}-{e}|NER=O\n",
                i + 1
            ));
        }
        conllu.push('\n');
        text.push('\n');
    }
    std::fs::write(dir.join("text/a.txt"), text).unwrap();
    std::fs::write(dir.join("conllu/a.conllu"), conllu).unwrap();
    dir
}

fn opts() -> TrainOptions {
    TrainOptions {
        iterations: 8,
        bits: 16,
        seed: 7,
        prune: 0.0,
    }
}

fn trained(dir: &Path) -> Vec<u8> {
    let mut lines = 0;
    let model = train(dir, &opts(), |_| lines += 1).unwrap();
    assert!(lines >= opts().iterations);
    model.to_bytes(opts().prune)
}

fn tags(names: &[&str]) -> Vec<Pos> {
    names.iter().map(|t| Pos::from_name(t).unwrap()).collect()
}

#[test]
fn learns_invented_sentences_deterministically() {
    let dir = write_corpus("learn");
    let bytes = trained(&dir);
    assert_eq!(bytes, trained(&dir), "training must be deterministic");
    let parser = Parser::from_bytes(&bytes).unwrap();
    assert!(parser.meta().contains("\"tokens\":"));
    let scores = evaluate(&parser, &dir).unwrap();
    assert_eq!(scores.sentences, SENTENCES.len());
    assert_eq!(
        scores.all_tokens,
        SENTENCES.iter().map(|s| s.len()).sum::<usize>()
    );
    assert!(scores.uas >= 0.95, "{scores:?}");
    assert!(scores.las >= 0.95, "{scores:?}");

    let (heads, labels) = parser.parse_sentence(
        &[
            "The", "senator", "said", "that", "she", "would", "vote", ".",
        ],
        &tags(&["DT", "NN", "VBD", "IN", "PRP", "MD", "VB", "."]),
    );
    assert_eq!(heads, [1, 2, NO_HEAD, 6, 6, 6, 2, 2]);
    assert_eq!(labels[6].name(), "ccomp");
    assert_eq!(labels[2].name(), "root");
    std::fs::remove_dir_all(&dir).ok();
}

/// Check that every sentence of a parsed doc is a tree with one root inside the sentence.
fn assert_trees(doc: &Doc) {
    assert_eq!(doc.heads.len(), doc.tokens.len());
    assert_eq!(doc.deprels.len(), doc.tokens.len());
    for s in &doc.sentences {
        let r = s.tokens.range();
        let roots = r.clone().filter(|&t| doc.heads[t] == NO_HEAD).count();
        assert_eq!(roots, 1, "one root per sentence");
        for t in r.clone() {
            let mut k = t as u32;
            let mut steps = 0;
            while doc.heads[k as usize] != NO_HEAD {
                k = doc.heads[k as usize];
                assert!(s.tokens.contains(k), "head outside the sentence");
                steps += 1;
                assert!(steps <= r.len(), "cycle");
            }
            assert_eq!(
                doc.deprels[t] == DepRel::from_name("root").unwrap(),
                doc.heads[t] == NO_HEAD
            );
        }
    }
}

/// A doc of the given sentences (words separated by spaces), tagged with `tag_of`.
fn doc_of(sentences: &[Vec<&str>], tag_of: impl Fn(&str) -> &'static str) -> Doc {
    let mut doc = Doc::new(String::new());
    for (si, words) in sentences.iter().enumerate() {
        let start = doc.tokens.len();
        let sb = doc.text.len();
        for w in words {
            if !doc.text.is_empty() {
                doc.text.push(' ');
            }
            let b = doc.text.len();
            doc.text.push_str(w);
            doc.tokens.push(Token {
                span: ByteSpan::new(b, doc.text.len()),
                kind: TokenKind::Word,
                quote: QuoteRole::None,
                in_quote: false,
                space_before: true,
                sentence: si as u32,
            });
            doc.pos.push(Pos::from_name(tag_of(w)).unwrap());
        }
        doc.sentences.push(Sentence {
            span: ByteSpan::new(sb, doc.text.len()),
            tokens: TokenSpan::new(start, doc.tokens.len()),
            paragraph: 0,
        });
    }
    doc
}

#[test]
fn parse_handles_odd_documents() {
    let dir = write_corpus("odd");
    let parser = Parser::from_bytes(&trained(&dir)).unwrap();
    std::fs::remove_dir_all(&dir).ok();

    // empty document
    let mut doc = Doc::new("");
    parser.parse(&mut doc);
    assert!(doc.heads.is_empty() && doc.deprels.is_empty());

    // an ordinary sentence, a one-word sentence and a 600-word sentence
    let said = "The senator said that she would vote .";
    let long: Vec<&str> = said.split(' ').cycle().take(600).collect();
    let sentences = vec![said.split(' ').collect(), vec!["Yes"], long];
    let tag = |w: &str| match w {
        "The" => "DT",
        "senator" => "NN",
        "said" => "VBD",
        "that" => "IN",
        "she" => "PRP",
        "would" => "MD",
        "vote" => "VB",
        "." => ".",
        _ => "UH",
    };
    let mut doc = doc_of(&sentences, tag);
    parser.parse(&mut doc);
    assert_trees(&doc);
    assert_eq!(doc.heads[2], NO_HEAD);
    assert_eq!(doc.heads[6], 2);
    assert_eq!(doc.heads[8], NO_HEAD);

    // parsing again gives the same result (buffers are reused, not stale)
    let (h, l) = (doc.heads.clone(), doc.deprels.clone());
    parser.parse(&mut doc);
    assert_eq!((h, l), (doc.heads.clone(), doc.deprels.clone()));

    // missing tags and a token outside every sentence do not panic
    let mut doc = doc_of(&[said.split(' ').collect()], tag);
    doc.pos.truncate(3);
    let extra = doc.tokens[0];
    doc.tokens.push(extra);
    parser.parse(&mut doc);
    assert_eq!(doc.heads.len(), doc.tokens.len());
    assert_eq!(doc.heads[8], NO_HEAD);

    // parse_sentence with fewer tags than words, and with no words
    let (h, l) = parser.parse_sentence(&["She", "said", "."], &tags(&["PRP"]));
    assert_eq!((h.len(), l.len()), (3, 3));
    assert_eq!(h.iter().filter(|&&x| x == NO_HEAD).count(), 1);
    assert_eq!(parser.parse_sentence(&[], &[]), (vec![], vec![]));
}

#[test]
fn rejects_other_models() {
    assert!(Parser::from_bytes(b"not a model").is_err());
    let model = hearsay_ml::Model {
        name: "something-else".into(),
        meta: String::new(),
        labels: vec!["S".into()],
        weights: hearsay_ml::Trainer::new(4, 1).finish(),
    };
    assert!(Parser::from_bytes(&model.to_bytes(0.0)).is_err());
}
