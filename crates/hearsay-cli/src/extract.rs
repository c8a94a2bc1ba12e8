//! `hearsay extract`: run the pipeline over files, directories or stdin and write JSON, JSONL,
//! TSV or brat.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use hearsay::Pipeline;

use crate::input::{self, Input, Source};
use crate::output::{self, Format};
use crate::parallel;

/// Environment variable for tests of the last line of defence: a document whose text contains
/// its value makes the worker panic after the pipeline ran.
pub(crate) const DEBUG_PANIC_ENV: &str = "HEARSAY_DEBUG_PANIC_ON";

/// Show a progress bar (on a terminal) from this many inputs on.
const PROGRESS_MIN_INPUTS: usize = 20;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  hearsay extract article.txt                 pretty JSON for one article
  hearsay extract corpus/ > out.jsonl         one JSON line per *.txt below corpus/, sorted
  cat article.txt | hearsay extract -         read standard input
  hearsay extract --format tsv corpus/        one row per attribution
  hearsay extract --format brat --out ann/ corpus/   writes ann/NAME.ann per NAME.txt

Offsets (start, end) are Unicode code points into the file's text; \"text\" is the exact
substring. Inputs that cannot be processed (missing, binary, not UTF-8, too large) are reported
one line each on stderr and skipped; the rest is processed and the exit code is 1.")]
pub struct ExtractArgs {
    /// Inputs: a .txt file, a directory (every *.txt below it, recursively, in sorted order),
    /// or - for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Output format [default: json for one file or stdin, jsonl otherwise].
    #[arg(long, short, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Directory for brat output (created if needed): DIR/NAME.ann for each NAME.txt; files
    /// found under a directory argument keep their relative path. Required with --format brat.
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Worker threads (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Publication date of the input(s), YYYY-MM-DD; written to the output as "date".
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,

    /// Skip inputs larger than this (bytes; K, M, G suffixes are powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = input::parse_size)]
    pub max_bytes: u64,
}

/// Accept `YYYY-MM-DD` with a plausible month and day.
pub fn parse_date(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0));
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a date of the form YYYY-MM-DD"))
    }
}

/// How documents are laid out on stdout.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One pretty JSON object (one input named directly).
    JsonObject,
    /// A pretty JSON array of objects.
    JsonArray,
    Jsonl,
    Tsv,
    /// Files under --out, nothing on stdout.
    Brat,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        usage!("standard input (-) can be read only once");
    }
    let single = args.paths.len() == 1 && (stdin_count == 1 || !args.paths[0].is_dir());
    let format = args
        .format
        .unwrap_or(if single { Format::Json } else { Format::Jsonl });
    let layout = match format {
        Format::Json if single => Layout::JsonObject,
        Format::Json => Layout::JsonArray,
        Format::Jsonl => Layout::Jsonl,
        Format::Tsv => Layout::Tsv,
        Format::Brat => Layout::Brat,
    };
    let out_dir = match (&args.out, layout) {
        (None, Layout::Brat) => usage!("--format brat needs --out DIR"),
        (Some(_), l) if l != Layout::Brat => {
            usage!("--out is only used with --format brat; {format} goes to standard output")
        }
        (Some(d), _) => {
            if stdin_count > 0 {
                usage!("--format brat needs named .txt files, not standard input");
            }
            fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
            Some(d.clone())
        }
        (None, _) => None,
    };

    let mut inputs = input::collect(&args.paths);
    if inputs.is_empty() {
        eprintln!("hearsay: no .txt files found");
    }
    if let Some(dir) = &out_dir {
        mark_ann_collisions(&mut inputs, dir);
    }

    let pipeline = Pipeline::load().context("loading the models")?;
    let pool = parallel::pool(args.threads)?;
    let window = 2 * pool.current_num_threads();
    let debug_panic = std::env::var(DEBUG_PANIC_ENV)
        .ok()
        .filter(|s| !s.is_empty());
    parallel::quiet_panics();

    let progress = (inputs.len() >= PROGRESS_MIN_INPUTS && io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new(inputs.len() as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents  {elapsed_precise}  eta {eta}",
            )
            .expect("valid template"),
        );
        pb
    });

    let finish = |inp: &Input, mut doc: hearsay::doc::Doc| -> Result<Vec<u8>, String> {
        doc.meta.origin = Some(inp.name.clone());
        if let Some(marker) = &debug_panic {
            if doc.text.contains(marker.as_str()) {
                panic!("{DEBUG_PANIC_ENV} matched");
            }
        }
        let rec = output::doc_out(&inp.name, &doc);
        let mut buf = Vec::new();
        match layout {
            Layout::JsonObject => {
                output::write_json_pretty(&mut buf, &rec, "");
                buf.push(b'\n');
            }
            Layout::JsonArray => output::write_json_pretty(&mut buf, &rec, "  "),
            Layout::Jsonl => output::write_jsonl(&mut buf, &rec),
            Layout::Tsv => output::write_tsv(&mut buf, &rec),
            Layout::Brat => {
                let dir = out_dir.as_ref().expect("brat has an output directory");
                let rel = inp.ann_relative_path().expect("brat inputs are files");
                let dest = dir.join(rel);
                let ann = hearsay_data::brat::write_ann(&doc.text, &output::ann_attributions(&doc));
                if let Some(parent) = dest.parent() {
                    fs::create_dir_all(parent)
                        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
                }
                fs::write(&dest, ann)
                    .map_err(|e| format!("cannot write {}: {e}", dest.display()))?;
            }
        }
        Ok(buf)
    };
    // Read a batch, run the pipeline over the readable texts stage by stage, then write each.
    let work = |inps: &[Input]| -> Vec<Result<Vec<u8>, String>> {
        let mut texts: Vec<Result<String, String>> = inps
            .iter()
            .map(|inp| input::read_text(&inp.source, args.max_bytes).map_err(|e| e.to_string()))
            .collect();
        let readable: Vec<(String, Option<&str>)> = texts
            .iter_mut()
            .filter_map(|t| t.as_mut().ok())
            .map(|t| (std::mem::take(t), args.date.as_deref()))
            .collect();
        let mut docs = pipeline.process_batch(readable).into_iter();
        inps.iter()
            .zip(texts)
            .map(|(inp, t)| {
                t.and_then(|_| finish(inp, docs.next().expect("one document per readable text")))
            })
            .collect()
    };
    // Batches by size on disk (standard input: unknown, so alone).
    let size = |inp: &Input| match &inp.source {
        input::Source::File { path, .. } => fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        _ => u64::MAX,
    };

    let stdout = io::stdout();
    let mut sink = Sink {
        out: BufWriter::with_capacity(1 << 16, stdout.lock()),
        error: None,
    };
    let mut failed = 0usize;
    let mut written = 0usize;
    if layout == Layout::Tsv {
        sink.write(output::TSV_HEADER.as_bytes());
    }
    if sink.error.is_none() {
        let batches = parallel::Batching {
            max: hearsay::BATCH,
            budget: hearsay::BATCH_BYTES,
            size: &size,
        };
        parallel::ordered_map_batched(&pool, &inputs, batches, window, work, |i, result| {
            if let Some(pb) = &progress {
                pb.inc(1);
            }
            let message = match result {
                Ok(Ok(bytes)) => {
                    written += 1;
                    if layout == Layout::JsonArray {
                        sink.write(if written == 1 { b"[\n" } else { b",\n" });
                    }
                    return sink.write(&bytes);
                }
                Ok(Err(message)) => message,
                Err(panic) => format!("internal error: {panic}"),
            };
            failed += 1;
            let line = format!("hearsay: {}: {message}", inputs[i].name);
            match &progress {
                Some(pb) => pb.suspend(|| eprintln!("{line}")),
                None => eprintln!("{line}"),
            }
            true
        });
    }
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    if layout == Layout::JsonArray {
        sink.write(if written == 0 { b"[]\n" } else { b"\n]\n" });
    }
    sink.flush();
    if let Some(e) = sink.error {
        // A closed pipe (`| head`) ends the run quietly; other write errors fail it.
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(anyhow::Error::new(e).context("writing to standard output"));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if failed > 0 {
        eprintln!("hearsay: {failed} of {} inputs failed", inputs.len());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Buffered standard output that remembers its first error and then ignores further writes.
struct Sink<W: Write> {
    out: BufWriter<W>,
    error: Option<io::Error>,
}

impl<W: Write> Sink<W> {
    /// Write `bytes`; false once writing has failed.
    fn write(&mut self, bytes: &[u8]) -> bool {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(bytes) {
                self.error = Some(e);
            }
        }
        self.error.is_none()
    }

    fn flush(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.out.flush() {
                self.error = Some(e);
            }
        }
    }
}

/// Two inputs that would write the same `.ann` file: the later ones are reported instead.
fn mark_ann_collisions(inputs: &mut [Input], dir: &std::path::Path) {
    let mut seen = HashSet::new();
    for inp in inputs.iter_mut() {
        if let Some(rel) = inp.ann_relative_path() {
            if !seen.insert(rel.clone()) {
                inp.source = Source::Broken(format!(
                    "skipped: an earlier input also writes {}",
                    dir.join(rel).display()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2024-13-01").is_err());
        assert!(parse_date("2024-1-01").is_err());
        assert!(parse_date("yesterday").is_err());
        assert!(parse_date("2024-01-00").is_err());
        assert!(parse_date("२०२४-01-01").is_err());
    }
}
