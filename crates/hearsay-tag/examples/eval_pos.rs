//! Score a POS model file against the silver tags of a PolNeAR-style split.
//!
//! ```text
//! cargo run --release -p hearsay-tag --example eval_pos -- [MODEL] [DIR]
//! ```
//!
//! Defaults: `models/pos.bin`, `../shared/data/polnear/dev`.

use std::path::PathBuf;

use hearsay_tag::{evaluate, Tagger};

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
    let tagger = Tagger::from_bytes(&std::fs::read(&model)?)?;
    let acc = evaluate(&tagger, &dir)?;
    println!("{}: {acc}", dir.display());
    for (g, p, n) in acc.top_confusions(10) {
        println!("  {n:5}  gold {g:?} tagged {p:?}");
    }
    Ok(())
}
