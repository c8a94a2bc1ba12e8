//! Train the dependency parser on PolNeAR silver dependencies, write the model, and evaluate
//! the reloaded (quantised, pruned) model on dev.
//!
//! ```text
//! cargo run --release -p hearsay-parse --example train_parse -- \
//!     [--train DIR] [--dev DIR | --no-dev] [--out FILE] [--iterations N] [--bits B]
//!     [--prune P] [--seed S] [--tags silver|jackknife[:K]] [--pos-model FILE|none]
//!     [--prune-sweep P1,P2,...]
//! ```
//! Defaults: `../shared/data/polnear/{train,dev}` relative to the workspace root,
//! `models/parse.bin`, [`TrainOptions::default`], silver training tags, and `models/pos.bin`
//! for the predicted-tag evaluation.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use hearsay_parse::{evaluate, evaluate_tagged, train_with, Parser, TrainOptions, TrainTags};

fn main() -> Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut train_dir = root.join("../shared/data/polnear/train");
    let mut dev_dir = Some(root.join("../shared/data/polnear/dev"));
    let mut out = root.join("models/parse.bin");
    let mut opts = TrainOptions::default();
    let mut sweep: Vec<f32> = Vec::new();
    let mut tags = TrainTags::default();
    let mut pos_model = Some(root.join("models/pos.bin"));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => train_dir = val()?.into(),
            "--dev" => dev_dir = Some(val()?.into()),
            "--no-dev" => dev_dir = None,
            "--out" => out = val()?.into(),
            "--iterations" => opts.iterations = val()?.parse()?,
            "--bits" => opts.bits = val()?.parse()?,
            "--prune" => opts.prune = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            // training tags: `silver` (the default), or `jackknife` / `jackknife:K` (K = 4)
            "--tags" => {
                let v = val()?;
                tags = match v.as_str() {
                    "silver" => TrainTags::Silver,
                    "jackknife" => TrainTags::jackknife(),
                    _ => match (v.strip_prefix("jackknife:"), TrainTags::jackknife()) {
                        (Some(k), TrainTags::Jackknife { tagger, .. }) => TrainTags::Jackknife {
                            folds: k.parse()?,
                            tagger,
                        },
                        _ => bail!("--tags silver|jackknife[:K]"),
                    },
                }
            }
            // POS model for the predicted-tag evaluation (`none` to skip it)
            "--pos-model" => {
                let v = val()?;
                pos_model = (v != "none").then(|| v.into());
            }
            // evaluate the reloaded model at other pruning thresholds too (nothing written)
            "--prune-sweep" => {
                sweep = val()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?
            }
            _ => bail!("unknown argument {a}"),
        }
    }
    let t0 = Instant::now();
    let model = train_with(&train_dir, &opts, &tags, |line| eprintln!("{line}"))?;
    let train_s = t0.elapsed().as_secs_f64();
    let bytes = model.to_bytes(opts.prune);
    if let Some(dev) = &dev_dir {
        for &p in &sweep {
            let b = model.to_bytes(p);
            let s = evaluate(&Parser::from_bytes(&b)?, dev)?;
            eprintln!(
                "prune {p}: {:.2} MB, dev UAS {:.2} LAS {:.2}",
                b.len() as f64 / 1e6,
                100.0 * s.uas,
                100.0 * s.las
            );
        }
    }
    drop(model);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "trained in {train_s:.1}s; wrote {} ({:.2} MB)",
        out.display(),
        bytes.len() as f64 / 1e6
    );
    if let Some(dev) = dev_dir {
        let parser = Parser::from_bytes(&bytes)?;
        let s = evaluate(&parser, &dev)?;
        eprintln!(
            "dev, silver tags (reloaded model): UAS {:.2} LAS {:.2} over {} non-punct tokens; \
             with punct UAS {:.2} LAS {:.2} over {}; {} sentences, {:.0} tokens/s",
            100.0 * s.uas,
            100.0 * s.las,
            s.tokens,
            100.0 * s.uas_all,
            100.0 * s.las_all,
            s.all_tokens,
            s.sentences,
            s.all_tokens as f64 / s.parse_seconds.max(1e-9)
        );
        if let Some(pos) = pos_model.filter(|p| p.exists()) {
            let tagger = hearsay_tag::Tagger::from_bytes(&std::fs::read(&pos)?)?;
            let s = evaluate_tagged(&parser, &tagger, &dev)?;
            eprintln!(
                "dev, tags from {} (reloaded model): UAS {:.2} LAS {:.2}; with punct UAS {:.2} LAS {:.2}",
                pos.display(),
                100.0 * s.uas,
                100.0 * s.las,
                100.0 * s.uas_all,
                100.0 * s.las_all,
            );
        }
    }
    Ok(())
}
