//! `hearsay train`: train one of the models from PolNeAR-style data and write the model file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};

/// Which model to train.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Component {
    /// The part-of-speech tagger (from DATA/train/conllu; scored on DATA/dev/conllu).
    Pos,
    /// The dependency parser (from DATA/train/conllu; scored on DATA/dev/conllu).
    Parse,
    /// The attribution model (from DATA/train/text + ann; scored on DATA/dev). Uses the
    /// POS tagger and parser built into this binary, as inference does.
    Attrib,
    /// The named-entity tagger (from DATA/train/conllu; scored on DATA/dev/conllu).
    Ner,
    /// The first-name gender table used to resolve he/she (from the coreference chains in
    /// DATA/train/conllu; default out: models/first-names.tsv).
    Gender,
    /// The WordNet word-class table used by the attribution model (DATA: a WordNet 3.0 dict
    /// directory such as /usr/share/wordnet from Debian's wordnet-base; default out:
    /// models/wordnet-classes.tsv).
    Lexicon,
    /// The census first-name gender table, used for names the coreference table does not
    /// know (DATA: a directory with the US Census Bureau's 1990 `dist.male.first` and
    /// `dist.female.first`, e.g. from the PyPI package `names` 0.3.0; default out:
    /// models/census-first-names.tsv).
    CensusNames,
}

impl Component {
    pub fn name(self) -> &'static str {
        match self {
            Component::Pos => "pos",
            Component::Parse => "parse",
            Component::Attrib => "attrib",
            Component::Ner => "ner",
            Component::Lexicon => "lexicon",
            Component::Gender => "gender",
            Component::CensusNames => "census-names",
        }
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Training is deterministic: the same data and options write the same model bytes. The model is
written to --out (default models/NAME.bin, relative to the current directory); rebuild hearsay
to embed it. When DATA/dev exists the written model is scored on it. Options left out take the
component's own defaults (those of the committed model).

Example (from the repository root):
  hearsay train pos --data ../shared/data/polnear --out models/pos.bin")]
pub struct TrainArgs {
    /// The model to train.
    #[arg(value_enum)]
    pub component: Component,

    /// Data directory with train/ (and optionally dev/) splits in PolNeAR layout.
    #[arg(long, value_name = "DIR", default_value = "../shared/data/polnear")]
    pub data: PathBuf,

    /// Where to write the model [default: models/NAME.bin].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Passes over the training data.
    #[arg(long, value_name = "N")]
    pub iterations: Option<usize>,

    /// log2 of the number of rows of the hashed weight table.
    #[arg(long, value_name = "BITS", value_parser = clap::value_parser!(u32).range(8..=28))]
    pub bits: Option<u32>,

    /// Seed of the shuffling random stream.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Drop weights whose magnitude is below this when writing the model.
    #[arg(long, value_name = "X")]
    pub prune: Option<f32>,
}

/// Settings every trainer shares.
struct Common {
    iterations: usize,
    bits: u32,
    seed: u64,
    prune: f32,
}

impl Common {
    /// The component's defaults, overridden by what was given on the command line.
    fn with(args: &TrainArgs, iterations: usize, bits: u32, seed: u64, prune: f32) -> Common {
        Common {
            iterations: args.iterations.unwrap_or(iterations),
            bits: args.bits.unwrap_or(bits),
            seed: args.seed.unwrap_or(seed),
            prune: args.prune.unwrap_or(prune),
        }
    }
}

fn progress(name: &'static str) -> impl FnMut(&str) {
    move |line: &str| eprintln!("train {name}: {line}")
}

/// Write the model file, creating its directory.
fn write_model(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(out, bytes).with_context(|| format!("cannot write {}", out.display()))
}

/// Builds a table (lexicon, gender, census names) from its data directory.
type TableBuilder = fn(&Path) -> anyhow::Result<String>;

pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let name = args.component.name();
    // The tables: built from their data in one pass, written as text.
    let table: Option<(&str, TableBuilder, &str)> = match args.component {
        Component::Lexicon => Some((
            "models/wordnet-classes.tsv",
            |data| hearsay::attrib::lexicon::build(data),
            "reading WordNet from",
        )),
        Component::CensusNames => Some((
            "models/census-first-names.tsv",
            |data| hearsay_context::gender::build_census(data),
            "reading the census name lists from",
        )),
        Component::Gender => Some((
            "models/first-names.tsv",
            |data| hearsay_context::gender::train(&data.join("train")),
            "reading coreference under",
        )),
        _ => None,
    };
    if let Some((default_out, build, what)) = table {
        let out = args
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from(default_out));
        let start = Instant::now();
        let table = build(&args.data)
            .with_context(|| format!("train {name}: {what} {}", args.data.display()))?;
        write_model(&out, table.as_bytes())?;
        report_written(name, &out, table.len(), start);
        return Ok(ExitCode::SUCCESS);
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("models/{name}.bin")));
    let train_dir = args.data.join("train");
    let dev_dir = args.data.join("dev");
    if !train_dir.is_dir() {
        bail!(
            "train {name}: {} is not a directory (expected --data DIR with train/ and dev/)",
            train_dir.display()
        );
    }
    let start = Instant::now();
    let dev: Option<String> = match args.component {
        Component::Pos => {
            let d = hearsay_tag::TrainOptions::default();
            let c = Common::with(&args, d.iterations, d.bits, d.seed, d.prune);
            let opts = hearsay_tag::TrainOptions {
                iterations: c.iterations,
                bits: c.bits,
                seed: c.seed,
                prune: c.prune,
            };
            let model = hearsay_tag::train(&train_dir, &opts, progress(name))
                .with_context(|| format!("train {name}"))?;
            let bytes = model.to_bytes(opts.prune);
            write_model(&out, &bytes)?;
            report_written(name, &out, bytes.len(), start);
            if dev_dir.is_dir() {
                let tagger = hearsay_tag::Tagger::from_bytes(&bytes)
                    .with_context(|| format!("reloading {}", out.display()))?;
                let acc = hearsay_tag::evaluate(&tagger, &dev_dir)
                    .with_context(|| format!("scoring on {}", dev_dir.display()))?;
                Some(format!("accuracy {acc}"))
            } else {
                None
            }
        }
        Component::Parse => {
            let d = hearsay_parse::TrainOptions::default();
            let c = Common::with(&args, d.iterations, d.bits, d.seed, d.prune);
            let opts = hearsay_parse::TrainOptions {
                iterations: c.iterations,
                bits: c.bits,
                seed: c.seed,
                prune: c.prune,
            };
            let model = hearsay_parse::train(&train_dir, &opts, progress(name))
                .with_context(|| format!("train {name}"))?;
            let bytes = model.to_bytes(opts.prune);
            write_model(&out, &bytes)?;
            report_written(name, &out, bytes.len(), start);
            if dev_dir.is_dir() {
                let parser = hearsay_parse::Parser::from_bytes(&bytes)
                    .with_context(|| format!("reloading {}", out.display()))?;
                let silver = hearsay_parse::evaluate(&parser, &dev_dir)
                    .with_context(|| format!("scoring on {}", dev_dir.display()))?;
                let mut line = format!("silver tags: {}", parse_scores(&silver));
                // Also with the tags the pipeline would give it, when a tagger is built in.
                if let Some(tagger) = hearsay::models::POS
                    .map(hearsay_tag::Tagger::from_bytes)
                    .transpose()
                    .context("loading the built-in POS tagger")?
                {
                    let tagged = hearsay_parse::evaluate_tagged(&parser, &tagger, &dev_dir)
                        .with_context(|| format!("scoring on {}", dev_dir.display()))?;
                    line.push_str(&format!("; hearsay-tag tags: {}", parse_scores(&tagged)));
                }
                Some(line)
            } else {
                None
            }
        }
        Component::Attrib => {
            let d = hearsay::attrib::TrainOptions::default();
            let c = Common::with(&args, d.cue_epochs, d.bits, d.seed, d.prune);
            let opts = hearsay::attrib::TrainOptions {
                cue_epochs: c.iterations,
                role_epochs: c.iterations,
                bits: c.bits,
                seed: c.seed,
                prune: c.prune,
                ..d
            };
            let pipeline = hearsay::Pipeline::load_preparation()
                .context("loading the built-in tagger and parser")?;
            let mut log = progress(name);
            let (bytes, report) = pipeline
                .train_attrib(&train_dir, &opts, &mut log)
                .with_context(|| format!("train {name}"))?;
            eprintln!(
                "train {name}: {} documents, {} attributions, role window covers {:.1}% of gold tokens",
                report.docs,
                report.attributions,
                100.0 * report.window_coverage
            );
            write_model(&out, &bytes)?;
            report_written(name, &out, bytes.len(), start);
            if dev_dir.join("ann").is_dir() {
                let extractor = hearsay::attrib::Extractor::from_bytes(&bytes)
                    .with_context(|| format!("reloading {}", out.display()))?;
                let pipeline = pipeline.with_extractor(Some(extractor));
                let gold = hearsay_data::corpus::load_gold_dir(&dev_dir)?;
                let mut rep = hearsay_eval::EvalReport::new();
                for g in &gold {
                    let doc = pipeline.process(g.text.clone());
                    let pred = hearsay_data::attributions_to_ann(&doc);
                    rep.add(&hearsay_eval::score_doc(&g.text, &g.attributions, &pred));
                }
                Some(format!(
                    "exact F1 source {:.1}, cue {:.1}, content {:.1}, attribution {:.1} (hearsay eval --gold {} for the full table)",
                    100.0 * rep.source.exact.f1(),
                    100.0 * rep.cue.exact.f1(),
                    100.0 * rep.content.exact.f1(),
                    100.0 * rep.attribution.exact.f1(),
                    dev_dir.display()
                ))
            } else {
                None
            }
        }
        Component::Ner => {
            let d = hearsay_ner::TrainOptions::default();
            let c = Common::with(&args, d.iterations, d.bits, d.seed, d.prune);
            let opts = hearsay_ner::TrainOptions {
                iterations: c.iterations,
                bits: c.bits,
                seed: c.seed,
                prune: c.prune,
                ..d
            };
            let model = hearsay_ner::train(&train_dir, &opts, progress(name))
                .with_context(|| format!("train {name}"))?;
            let bytes = model.to_bytes(opts.prune);
            write_model(&out, &bytes)?;
            report_written(name, &out, bytes.len(), start);
            if dev_dir.is_dir() {
                let tagger = hearsay_ner::Tagger::from_bytes(&bytes)
                    .with_context(|| format!("reloading {}", out.display()))?;
                let silver = hearsay_ner::evaluate(&tagger, &dev_dir)
                    .with_context(|| format!("scoring on {}", dev_dir.display()))?;
                let mut line = format!("silver tags: {silver}");
                // Also with the tags the pipeline would give it, when a tagger is built in.
                if let Some(pos) = hearsay::models::POS
                    .map(hearsay_tag::Tagger::from_bytes)
                    .transpose()
                    .context("loading the built-in POS tagger")?
                {
                    let tagged = hearsay_ner::evaluate_tagged(&tagger, &pos, &dev_dir)
                        .with_context(|| format!("scoring on {}", dev_dir.display()))?;
                    line.push_str(&format!("; hearsay-tag tags: {tagged}"));
                }
                Some(line)
            } else {
                None
            }
        }
        Component::Lexicon | Component::Gender | Component::CensusNames => {
            unreachable!("handled above")
        }
    };
    match dev {
        Some(d) => outln!("train {name}: dev ({}): {d}", dev_dir.display()),
        None => outln!(
            "train {name}: no dev split at {}, not scored",
            dev_dir.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// Attachment scores as one phrase.
fn parse_scores(s: &hearsay_parse::ParseScores) -> String {
    format!(
        "UAS {:.2}%, LAS {:.2}% ({} tokens without punctuation, {} sentences)",
        100.0 * s.uas,
        100.0 * s.las,
        s.tokens,
        s.sentences
    )
}

fn report_written(name: &str, out: &Path, bytes: usize, start: Instant) {
    outln!(
        "train {name}: wrote {} ({:.1} KB) in {:.1} s",
        out.display(),
        bytes as f64 / 1e3,
        start.elapsed().as_secs_f64()
    );
}
