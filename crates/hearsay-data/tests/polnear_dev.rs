//! Smoke test on the real PolNeAR dev split, read from `../shared` next to the repository.
//!
//! It checks our code-point handling against the data: every dev `.ann` parses, every `T`
//! line's text equals the text of its pieces (joined with a space, as brat writes them),
//! writing the gold back out and reading it again gives the same attributions, and every
//! `.conllu` parses with token offsets that point at the token's text. No text from the data
//! is stored in the repository. When the data folder is absent the test says so and returns.

use std::fs;
use std::path::PathBuf;

use hearsay_data::{brat, conllu, corpus};

fn dev_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/dev");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} not found; skipping the PolNeAR dev smoke test",
            dir.display()
        );
        None
    }
}

fn cut(chars: &[char], start: usize, end: usize) -> String {
    chars[start..end].iter().collect()
}

#[test]
fn every_dev_ann_parses_and_matches_its_text() {
    let Some(dir) = dev_dir() else { return };
    let docs = corpus::load_gold_dir(&dir).expect("dev split loads");
    assert!(docs.len() >= 80, "only {} dev docs", docs.len());
    let mut n_attr = 0;
    let mut n_entities = 0;
    for doc in &docs {
        let chars: Vec<char> = doc.text.chars().collect();
        let ann_path = dir.join("ann").join(format!("{}.ann", doc.name));
        let ann = fs::read_to_string(&ann_path).unwrap();
        for e in brat::parse_entities(&ann).unwrap() {
            let expect: Vec<String> = e
                .spans
                .iter()
                .map(|s| cut(&chars, s.start, s.end))
                .collect();
            assert_eq!(
                e.text,
                expect.join(" "),
                "{}: {} (line {})",
                ann_path.display(),
                e.id,
                e.line
            );
            n_entities += 1;
        }
        n_attr += doc.attributions.len();
        for a in &doc.attributions {
            assert!(
                !(a.source.is_empty() && a.cue.is_empty() && a.content.is_empty()),
                "{}: empty attribution",
                doc.name
            );
        }
        let written = brat::write_ann(&doc.text, &doc.attributions);
        let back = brat::parse_ann(&written).unwrap();
        assert_eq!(
            back, doc.attributions,
            "{}: write/parse round trip",
            doc.name
        );
    }
    eprintln!(
        "{} dev docs, {} attributions, {} T lines checked",
        docs.len(),
        n_attr,
        n_entities
    );
    assert!(n_attr > 2000, "only {n_attr} attributions");
}

#[test]
fn every_dev_conllu_parses_within_its_text() {
    let Some(dir) = dev_dir() else { return };
    let files = corpus::conllu_files(&dir).unwrap();
    assert!(files.len() >= 80);
    for path in files {
        let s = fs::read_to_string(&path).unwrap();
        let doc = conllu::parse_conllu(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_stem().unwrap().to_str().unwrap();
        let text = fs::read_to_string(dir.join("text").join(format!("{name}.txt"))).unwrap();
        let chars: Vec<char> = text.chars().collect();
        assert!(doc.coref_json.is_some(), "{}", path.display());
        assert!(!doc.sentences.is_empty(), "{}", path.display());
        for sent in &doc.sentences {
            let n = sent.tokens.len() as u32;
            for t in &sent.tokens {
                assert!(
                    t.start <= t.end && t.end <= chars.len(),
                    "{}",
                    path.display()
                );
                assert!(t.head <= n, "{}", path.display());
                // CoreNLP rewrites quotes, brackets and dashes (`` '' -LRB- --), so only
                // purely alphanumeric forms must equal their text exactly.
                if t.form.chars().all(char::is_alphanumeric) {
                    assert_eq!(
                        cut(&chars, t.start, t.end),
                        t.form,
                        "{}: token at {}-{}",
                        path.display(),
                        t.start,
                        t.end
                    );
                }
            }
        }
    }
}
