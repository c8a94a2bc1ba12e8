//! Tagging speed on one core: `cargo run --release -p hearsay-ner --example ner_speed -- DIR`
//! (DIR: a PolNeAR split such as ../shared/data/polnear/dev). POS tags are predicted first and
//! not timed; the time covers word infos, features, scoring and decoding.

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/polnear/dev".into());
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");
    let ner = hearsay_ner::Tagger::from_bytes(&std::fs::read(format!("{root}/ner.bin"))?)?;
    let pos = hearsay_tag::Tagger::from_bytes(&std::fs::read(format!("{root}/pos.bin"))?)?;
    let corpus = hearsay_ner::read_dir(std::path::Path::new(&dir))?;
    let sents: Vec<(Vec<&str>, Vec<hearsay_doc::Pos>)> = corpus
        .sentences
        .iter()
        .map(|s| {
            let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let t = pos.tag_words(&w);
            (w, t)
        })
        .collect();
    let tokens: usize = sents.iter().map(|s| s.0.len()).sum();
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..5 {
        let start = Instant::now();
        mentions = 0;
        for (w, t) in &sents {
            let labels = ner.tag_words(w, t);
            mentions += labels
                .iter()
                .filter(|l| matches!(l, hearsay_ner::Label::B(_)))
                .count();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{tokens} tokens, {} sentences, {mentions} mentions: best of 5 {:.3} s = {:.0} tokens/s",
        sents.len(),
        best,
        tokens as f64 / best
    );
    Ok(())
}
