//! `hearsay`: who said what in news text.
//!
//! The binary is thin: argument parsing ([`Cli`]), file handling ([`input`]), ordered parallel
//! processing ([`parallel`]) and output formatting ([`output`]). The pipeline itself lives in
//! the `hearsay` library crate.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[macro_use]
mod macros {
    /// Fail with a [`crate::UsageError`] (exit code 2).
    macro_rules! usage {
        ($($arg:tt)*) => {
            return Err(anyhow::Error::new($crate::UsageError(format!($($arg)*))))
        };
    }

    /// `println!` that survives a closed standard output: when the reader has gone (`hearsay
    /// eval … | head`), the rest of the output is dropped and the command still finishes,
    /// with its own exit code (a failed ratchet still fails), instead of panicking.
    macro_rules! outln {
        () => {
            $crate::stdout_line(format_args!(""))
        };
        ($($arg:tt)*) => {
            $crate::stdout_line(format_args!($($arg)*))
        };
    }
}

/// Write one line to standard output for [`outln!`]: a broken pipe is ignored, any other
/// write error is reported once on standard error.
pub(crate) fn stdout_line(args: std::fmt::Arguments) {
    use std::io::Write as _;
    use std::sync::atomic::{AtomicBool, Ordering};
    static REPORTED: AtomicBool = AtomicBool::new(false);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|_| out.write_all(b"\n")) {
        if e.kind() != std::io::ErrorKind::BrokenPipe && !REPORTED.swap(true, Ordering::Relaxed) {
            eprintln!("hearsay: cannot write to standard output: {e}");
        }
    }
}

mod ask;
mod bench;
mod demo;
mod eval;
mod eval_context;
mod extract;
mod ingest;
mod input;
mod output;
mod parallel;
mod train;

#[derive(Parser, Debug)]
#[command(
    name = "hearsay",
    version,
    about = "Who said what: extract attributions (source, cue, content) from news text.",
    long_about = "hearsay finds attributions in news text: who (source) said (cue) what \
(content), e.g. in “The bridge will reopen,” the mayor said. Output spans carry the exact text \
and Unicode code-point offsets into the input.",
    after_help = "Exit codes: 0 success; 1 some input failed, an evaluation missed its ratchet, \
or another error; 2 bad command line.\n\nRun `hearsay COMMAND --help` for the options of each \
command.",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract attributions from .txt files, directories or stdin (JSON, JSONL, TSV, brat).
    Extract(extract::ExtractArgs),
    /// Score the pipeline against a gold directory (DIR/text/*.txt + DIR/ann/*.ann).
    Eval(eval::EvalArgs),
    /// Measure model loading and extraction throughput on a directory of articles.
    Bench(bench::BenchArgs),
    /// Show who said what in the bundled demo articles.
    Demo(demo::DemoArgs),
    /// Train a model or table (pos, parse, attrib, ner, gender, lexicon, census-names) from its data.
    Train(train::TrainArgs),
    /// Store the attributions of many articles (txt, JSONL, HTML, WARC) in a database.
    Ingest(ingest::IngestArgs),
    /// Who said something: attributions whose content matches TEXT, by speaker.
    Who(ask::WhoArgs),
    /// Everything one speaker is reported to have said, over time.
    Speaker(ask::SpeakerArgs),
    /// Sourcing per outlet: share of anonymous attributions, most quoted speakers.
    Sources(ask::SourcesArgs),
    /// Denials recorded: who disputes whom.
    Disputes(ask::DisputesArgs),
    /// One stored article with its attributions.
    Show(ask::ShowArgs),
}

/// A command-line mistake found after parsing (options that do not go together): reported
/// like clap's own errors, with exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Demo(a) => demo::run(a),
        Command::Train(a) => train::run(a),
        Command::Ingest(a) => ingest::run(a),
        Command::Who(a) => ask::who(a),
        Command::Speaker(a) => ask::speaker(a),
        Command::Sources(a) => ask::sources(a),
        Command::Disputes(a) => ask::disputes(a),
        Command::Show(a) => ask::show(a),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.is::<UsageError>() => {
            eprintln!("hearsay: {e}\n\nFor more information, try '--help'.");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("hearsay: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
