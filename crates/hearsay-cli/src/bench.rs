//! `hearsay bench`: throughput of model loading and of extract → JSONL, on one thread and on
//! all of them, with every input already in memory.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use hearsay::Pipeline;

use crate::input;
use crate::output;
use crate::parallel;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Reads every *.txt under DIR into memory first, then times model loading (Pipeline::load) and,
separately, the whole extract → JSONL serialisation (into memory, not stdout) on 1 thread and
on N threads. Figures are the median over --repeat runs. MB/s counts UTF-8 input bytes
(1 MB = 1,000,000 bytes).

Example:
  hearsay bench ../shared/data/polnear/dev/text --repeat 5")]
pub struct BenchArgs {
    /// Directory of articles (every *.txt below it).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Threads for the parallel run (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Runs per measurement; the median is reported.
    #[arg(long, value_name = "K", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
}

/// One measured configuration.
struct Row {
    threads: usize,
    seconds: f64,
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if !args.dir.is_dir() {
        bail!("{}: not a directory", args.dir.display());
    }
    // Read everything first, so that timing sees no I/O.
    let mut texts: Vec<String> = Vec::new();
    let mut skipped = 0;
    for inp in input::collect(std::slice::from_ref(&args.dir)) {
        match input::read_text(&inp.source, u64::MAX) {
            Ok(t) => texts.push(t),
            Err(e) => {
                skipped += 1;
                eprintln!("hearsay: {}: {e}", inp.name);
            }
        }
    }
    if texts.is_empty() {
        bail!("{}: no readable .txt files", args.dir.display());
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let repeat = args.repeat as usize;

    let mut loads = Vec::new();
    let mut pipeline = None;
    for _ in 0..repeat {
        let t = Instant::now();
        let p = Pipeline::load().context("loading the models")?;
        loads.push(t.elapsed());
        pipeline = Some(p);
    }
    let pipeline = pipeline.expect("repeat >= 1");
    let load = median(loads);

    let all = parallel::pool(args.threads)?.current_num_threads();
    let mut thread_counts = vec![1];
    if all > 1 {
        thread_counts.push(all);
    }
    let mut rows = Vec::new();
    let mut out_bytes = 0;
    let mut attributions = 0;
    for &threads in &thread_counts {
        let pool = parallel::pool(threads)?;
        let mut times = Vec::new();
        for _ in 0..repeat {
            let mut sink: Vec<u8> = Vec::new();
            let mut n_attr = 0;
            let mut failed = 0;
            let t = Instant::now();
            parallel::ordered_map_batched(
                &pool,
                &texts,
                parallel::Batching {
                    max: hearsay::BATCH,
                    budget: hearsay::BATCH_BYTES,
                    size: &|t: &String| t.len() as u64,
                },
                2 * threads,
                |texts: &[String]| {
                    let docs =
                        pipeline.process_batch(texts.iter().map(|t| (t.clone(), None)).collect());
                    docs.iter()
                        .map(|doc| {
                            let rec = output::doc_out("bench", doc);
                            let mut buf = Vec::new();
                            output::write_jsonl(&mut buf, &rec);
                            (buf, rec.attributions.len())
                        })
                        .collect()
                },
                |_, r| {
                    match r {
                        Ok((buf, n)) => {
                            sink.extend_from_slice(&buf);
                            n_attr += n;
                        }
                        Err(_) => failed += 1,
                    }
                    true
                },
            );
            times.push(t.elapsed());
            if failed > 0 {
                bail!("{failed} documents failed during the benchmark");
            }
            out_bytes = sink.len();
            attributions = n_attr;
        }
        rows.push(Row {
            threads,
            seconds: median(times).as_secs_f64(),
        });
    }

    outln!(
        "hearsay bench: {} articles, {:.2} MB of UTF-8 text from {}{}",
        texts.len(),
        mb,
        args.dir.display(),
        if skipped > 0 {
            format!(" ({skipped} unreadable skipped)")
        } else {
            String::new()
        }
    );
    outln!(
        "output: {attributions} attributions, {:.2} MB of JSONL; median of {repeat} run{}",
        out_bytes as f64 / 1e6,
        if repeat == 1 { "" } else { "s" }
    );
    outln!();
    outln!("model load      {:>10.1} ms", load.as_secs_f64() * 1e3);
    outln!();
    outln!(
        "{:>7}  {:>10}  {:>12}  {:>9}  {:>7}",
        "threads",
        "seconds",
        "articles/s",
        "MB/s",
        "speedup"
    );
    let base = rows[0].seconds;
    for r in &rows {
        let s = r.seconds.max(1e-9);
        outln!(
            "{:>7}  {:>10.3}  {:>12.1}  {:>9.2}  {:>6.2}x",
            r.threads,
            r.seconds,
            texts.len() as f64 / s,
            mb / s,
            base / s
        );
    }
    Ok(ExitCode::SUCCESS)
}
