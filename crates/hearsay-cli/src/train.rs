//! `hearsay train`: train one of the models from PolNeAR-style data and write the model file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

/// Which model to train.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Component {
    /// The part-of-speech tagger (from DATA/train/conllu; scored on DATA/dev/conllu).
    Pos,
    /// The dependency parser (from DATA/train/conllu; scored on DATA/dev/conllu).
    Parse,
    /// The attribution model (from DATA/train/text + ann; scored on DATA/dev).
    Attrib,
}

impl Component {
    pub fn name(self) -> &'static str {
        match self {
            Component::Pos => "pos",
            Component::Parse => "parse",
            Component::Attrib => "attrib",
        }
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Training is deterministic: the same data and options write the same model bytes. The model is
written to --out (default models/NAME.bin, relative to the current directory); rebuild hearsay
to embed it. When DATA/dev exists the new model is scored on it.

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
}

pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let name = args.component.name();
    let _out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("models/{name}.bin")));
    bail!("train {name}: not available in this build")
}
