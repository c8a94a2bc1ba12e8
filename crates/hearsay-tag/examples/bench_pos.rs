//! Measure tagging speed on one core.
//!
//! ```text
//! cargo run --release -p hearsay-tag --example bench_pos -- [MODEL] [DIR] [ROUNDS]
//! ```
//!
//! Defaults: `models/pos.bin`, `../shared/data/polnear/dev`, 5 rounds. The sentences of `DIR`
//! are laid out as documents (one per file, tokens joined by spaces) and tagged with
//! [`hearsay_tag::Tagger::tag`], the pipeline's entry point.

use std::path::PathBuf;
use std::time::Instant;

use hearsay_doc::{ByteSpan, Doc, QuoteRole, Sentence, Token, TokenKind, TokenSpan};
use hearsay_tag::{conllu_files, read_conllu, Tagger};

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    let model = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("models/pos.bin"));
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/polnear/dev"));
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);

    let t0 = Instant::now();
    let tagger = Tagger::from_bytes(&std::fs::read(&model)?)?;
    eprintln!(
        "loaded {} in {:.0} ms",
        model.display(),
        t0.elapsed().as_secs_f64() * 1e3
    );

    let mut docs = Vec::new();
    for path in conllu_files(&dir)? {
        let mut sents = Vec::new();
        read_conllu(&std::fs::read_to_string(&path)?, None, &mut sents)?;
        let mut doc = Doc::default();
        for s in &sents {
            let first = doc.tokens.len();
            for w in &s.words {
                let start = doc.text.len();
                doc.text.push_str(w);
                doc.tokens.push(Token {
                    span: ByteSpan::new(start, doc.text.len()),
                    kind: TokenKind::Word,
                    quote: QuoteRole::None,
                    in_quote: false,
                    space_before: true,
                    sentence: doc.sentences.len() as u32,
                });
                doc.text.push(' ');
            }
            doc.sentences.push(Sentence {
                span: ByteSpan::default(),
                tokens: TokenSpan::new(first, doc.tokens.len()),
                paragraph: 0,
            });
        }
        docs.push(doc);
    }
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        for d in &mut docs {
            tagger.tag(d);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} docs, {} tokens: best of {} rounds {:.1} ms = {:.2} M tokens/s (one core)",
        docs.len(),
        tokens,
        rounds,
        best * 1e3,
        tokens as f64 / best / 1e6
    );
    Ok(())
}
