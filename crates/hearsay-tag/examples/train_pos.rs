//! Train the POS tagger and write its model file.
//!
//! ```text
//! cargo run --release -p hearsay-tag --example train_pos -- [TRAIN_DIR] [DEV_DIR] [OUT]
//! ```
//!
//! Defaults: `../shared/data/polnear/train`, `../shared/data/polnear/dev`, `models/pos.bin`
//! (relative to the workspace root). Options come from the environment: `ITER`, `BITS`, `SEED`,
//! `PRUNE` (defaults: [`hearsay_tag::TrainOptions::default`]). The dev accuracy reported is
//! that of the written file, reloaded.

use std::path::PathBuf;
use std::time::Instant;

use hearsay_tag::{evaluate, train, Tagger, TrainOptions};

fn env_or<T: std::str::FromStr>(key: &str, default: T) -> T {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    let train_dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/polnear/train"));
    let dev_dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/polnear/dev"));
    let out = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("models/pos.bin"));
    let d = TrainOptions::default();
    let opts = TrainOptions {
        iterations: env_or("ITER", d.iterations),
        bits: env_or("BITS", d.bits),
        seed: env_or("SEED", d.seed),
        prune: env_or("PRUNE", d.prune),
    };
    eprintln!("{opts:?}");
    let t0 = Instant::now();
    let model = train(&train_dir, &opts, |m| eprintln!("{m}"))?;
    eprintln!("trained in {:.1}s", t0.elapsed().as_secs_f64());

    let bytes = model.to_bytes(opts.prune);
    let tagger = Tagger::from_bytes(&bytes)?;
    let acc = evaluate(&tagger, &dev_dir)?;
    eprintln!("dev accuracy (reloaded): {acc}");
    for (g, p, n) in acc.top_confusions(
        std::env::var("TOPN")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10),
    ) {
        eprintln!("  {:>6} -> {:<6} {n}", g.name(), p.name());
    }
    if std::env::var_os("EVAL_UNPRUNED").is_some() {
        let t = Tagger::from_bytes(&model.to_bytes(0.0))?;
        eprintln!("dev accuracy (unpruned): {}", evaluate(&t, &dev_dir)?);
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, &bytes)?;
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(())
}
