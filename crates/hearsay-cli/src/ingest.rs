//! `hearsay ingest`: read articles (txt, JSONL, HTML, WARC), extract their attributions on all
//! cores and store them in the corpus database.
//!
//! ```text
//!  reader thread ──jobs (bounded)──▶ N workers ──results (bounded)──▶ writer (this thread)
//!  files → articles,                 process_with_date               one transaction per batch,
//!  skips stored hashes                                              one savepoint per document
//! ```
//!
//! Both queues are bounded, so memory does not grow with the corpus: the reader waits when
//! the workers are busy and the workers wait when the writer is. A document is committed whole
//! or not at all; a killed run is resumed by running it again (stored articles are recognised
//! by their content hash before they are processed).

use std::io::{self, IsTerminal};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use hearsay::Pipeline;
use hearsay_corpus::{Article, Format, Input, Item, ReadOptions};
use hearsay_store::{NewDocument, Store};

use crate::output;
use crate::parallel;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  hearsay ingest articles/                    every .txt .jsonl .html .warc(.gz) below articles/
  hearsay ingest feed.jsonl --db news.db      JSONL: one {\"text\": …} object per line
  hearsay ingest CC-NEWS-*.warc.gz            HTML pages of crawls
  zcat dump.jsonl.gz | hearsay ingest -       standard input

Inputs are recognised by their content (a file named like one format whose content is another
is reported, unless --input-format says how to read it). An article already in the database
(same text and metadata) is skipped, so re-running after an interruption finishes the job.
Problems are reported one line each (file and line or record) and the rest is ingested; the
exit code is then 1.")]
pub struct IngestArgs {
    /// Inputs: files, directories (every .txt, .jsonl, .ndjson, .html, .htm, .warc file below
    /// them, optionally .gz), or - for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// The database file (created if needed).
    #[arg(long, value_name = "FILE", default_value = "hearsay.db")]
    pub db: PathBuf,

    /// Worker threads for extraction (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Read every input as this format instead of recognising it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub input_format: Option<Format>,

    /// Skip articles (a file, a JSONL line, a WARC record) larger than this (bytes; K, M, G
    /// suffixes are powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = crate::input::parse_size)]
    pub max_bytes: u64,

    /// Documents per transaction, at most (a transaction also ends after one second).
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub batch: usize,

    /// Also list the WARC records that are not articles (requests, images, redirects, pages
    /// without text).
    #[arg(long, short)]
    pub verbose: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| format!("{s:?}: expected txt, jsonl, html or warc"))
}

/// An article on its way to a worker.
struct Job {
    article: Article,
    hash: [u8; 32],
}

/// What reaches the writer.
enum Msg {
    Done(Box<(Job, hearsay_doc::Doc)>),
    Failed {
        location: String,
        message: String,
    },
    /// Already in the database.
    Stored,
    NotArticle {
        location: String,
        reason: &'static str,
    },
}

/// Totals for the summary.
#[derive(Default)]
struct Tally {
    new: u64,
    stored: u64,
    attributions: u64,
    errors: u64,
    not_articles: u64,
    text_bytes: u64,
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        usage!("standard input (-) can be read only once");
    }
    if args.batch == 0 {
        usage!("--batch must be at least 1");
    }
    let started = Instant::now();
    let mut store = Store::open(&args.db)
        .with_context(|| format!("cannot open the database {}", args.db.display()))?;
    // The reader checks hashes on its own connection (WAL: readers do not block the writer).
    let lookup = Store::open_existing(&args.db)
        .with_context(|| format!("cannot open the database {}", args.db.display()))?;
    let pipeline = Pipeline::load().context("loading the models")?;
    let threads = match args.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let inputs = hearsay_corpus::collect_inputs(&args.paths);
    let total_bytes: u64 = inputs.iter().filter_map(Input::size).sum();
    let opts = ReadOptions {
        format: args.input_format,
        max_bytes: args.max_bytes,
        bytes_read: Arc::default(),
    };
    let bytes_read = opts.bytes_read.clone();
    let debug_panic = std::env::var(crate::extract::DEBUG_PANIC_ENV)
        .ok()
        .filter(|s| !s.is_empty());
    parallel::quiet_panics();

    let progress = io::stderr().is_terminal().then(|| {
        let pb = if total_bytes > 0 {
            indicatif::ProgressBar::new(total_bytes)
        } else {
            indicatif::ProgressBar::new_spinner()
        };
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {binary_bytes}/{binary_total_bytes}  {binary_bytes_per_sec}  eta {eta}  {msg}",
            )
            .expect("valid template"),
        );
        pb
    });

    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(2 * threads);
    let (msg_tx, msg_rx) = mpsc::sync_channel::<Msg>(2 * threads);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let mut tally = Tally::default();
    let result: anyhow::Result<()> = std::thread::scope(|scope| {
        let reader_tx = msg_tx.clone();
        let opts = &opts;
        let inputs = &inputs;
        scope.spawn(move || read_all(inputs, opts, &lookup, job_tx, reader_tx));
        for _ in 0..threads {
            let (rx, tx) = (job_rx.clone(), msg_tx.clone());
            let (pipeline, debug_panic) = (&pipeline, debug_panic.as_deref());
            scope.spawn(move || work(pipeline, &rx, &tx, debug_panic));
        }
        drop(msg_tx);
        write_all(
            &mut store,
            msg_rx,
            &args,
            &mut tally,
            &progress,
            &bytes_read,
        )
    });
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let rate = tally.text_bytes as f64 / 1e6 / secs.max(1e-9);
    let mut summary = format!(
        "hearsay: {} new document{} ({} already stored), {} attribution{}, {} error{} in {:.1} s \
         ({rate:.2} MB/s of new text) into {}",
        tally.new,
        plural(tally.new),
        tally.stored,
        tally.attributions,
        plural(tally.attributions),
        tally.errors,
        plural(tally.errors),
        secs,
        args.db.display()
    );
    if tally.not_articles > 0 && !args.verbose {
        summary.push_str(&format!(
            "; {} WARC record{} were not articles (-v lists them)",
            tally.not_articles,
            plural(tally.not_articles)
        ));
    }
    eprintln!("{summary}");
    result?;
    Ok(if tally.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The reader thread: every input, every article, in order; stored ones are counted, not sent.
fn read_all(
    inputs: &[Input],
    opts: &ReadOptions,
    lookup: &Store,
    jobs: SyncSender<Job>,
    msgs: SyncSender<Msg>,
) {
    for input in inputs {
        let mut go_on = true;
        hearsay_corpus::read_input(input, opts, &mut |item| {
            go_on = match item {
                Item::Article(article) => {
                    let hash = article.content_hash();
                    match lookup.contains(&hash) {
                        Ok(true) => msgs.send(Msg::Stored).is_ok(),
                        // A failed lookup only costs the work: the writer skips duplicates too.
                        Ok(false) | Err(_) => jobs
                            .send(Job {
                                article: *article,
                                hash,
                            })
                            .is_ok(),
                    }
                }
                Item::Error { location, message } => msgs
                    .send(Msg::Failed {
                        location: location.to_string(),
                        message,
                    })
                    .is_ok(),
                Item::Skipped { location, reason } => msgs
                    .send(Msg::NotArticle {
                        location: location.to_string(),
                        reason,
                    })
                    .is_ok(),
            };
            go_on
        });
        if !go_on {
            return;
        }
    }
}

/// A worker thread: articles in, processed documents out, until the reader is done.
fn work(
    pipeline: &Pipeline,
    jobs: &Mutex<Receiver<Job>>,
    msgs: &SyncSender<Msg>,
    debug_panic: Option<&str>,
) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(mut job) = job else { return };
        let location = job.article.location.to_string();
        let text = std::mem::take(&mut job.article.text);
        let date = job.article.published.as_deref();
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            // The publication date anchors relative times ("on Tuesday").
            let mut doc = pipeline.process_with_date(text, date);
            doc.meta.origin = Some(location.clone());
            if let Some(marker) = debug_panic {
                if doc.text.contains(marker) {
                    panic!("{} matched", crate::extract::DEBUG_PANIC_ENV);
                }
            }
            doc
        }));
        let msg = match result {
            Ok(doc) => Msg::Done(Box::new((job, doc))),
            Err(p) => Msg::Failed {
                location,
                message: format!("internal error: {}", parallel::panic_message(&*p)),
            },
        };
        if msgs.send(msg).is_err() {
            return;
        }
    }
}

/// The writer: batches documents into transactions until every sender is gone.
fn write_all(
    store: &mut Store,
    msgs: Receiver<Msg>,
    args: &IngestArgs,
    tally: &mut Tally,
    progress: &Option<indicatif::ProgressBar>,
    bytes_read: &std::sync::atomic::AtomicU64,
) -> anyhow::Result<()> {
    let say = |line: String| match progress {
        Some(pb) => pb.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    };
    let commit_every = Duration::from_secs(1);
    let mut batch = store.batch()?;
    let mut in_batch = 0usize;
    let mut batch_started = Instant::now();
    for msg in msgs {
        match msg {
            Msg::Done(done) => {
                let (job, doc) = *done;
                let a = &job.article;
                let origin = a.location.to_string();
                let record = output::doc_out(&origin, &doc);
                let metadata = (!a.extra.is_empty())
                    .then(|| serde_json::Value::Object(a.extra.clone()).to_string());
                let new = NewDocument {
                    ext_id: a.id.as_deref(),
                    url: a.url.as_deref(),
                    title: a.title.as_deref(),
                    outlet: a.outlet.as_deref(),
                    published: a.published.as_deref(),
                    metadata: metadata.as_deref(),
                    ..NewDocument::new(job.hash, &origin, &doc.text, &record)
                };
                match batch.insert(&new) {
                    Ok(Some(ins)) => {
                        tally.new += 1;
                        tally.attributions += ins.attributions as u64;
                        tally.text_bytes += doc.text.len() as u64;
                        in_batch += 1;
                    }
                    Ok(None) => tally.stored += 1,
                    Err(e) => {
                        tally.errors += 1;
                        say(format!("hearsay: {origin}: cannot store: {e}"));
                    }
                }
            }
            Msg::Stored => tally.stored += 1,
            Msg::Failed { location, message } => {
                tally.errors += 1;
                say(format!("hearsay: {location}: {message}"));
            }
            Msg::NotArticle { location, reason } => {
                tally.not_articles += 1;
                if args.verbose {
                    say(format!("hearsay: {location}: not an article ({reason})"));
                }
            }
        }
        if in_batch >= args.batch || (in_batch > 0 && batch_started.elapsed() >= commit_every) {
            batch.commit().context("committing to the database")?;
            batch = store.batch()?;
            in_batch = 0;
            batch_started = Instant::now();
        }
        if let Some(pb) = progress {
            pb.set_position(bytes_read.load(Ordering::Relaxed));
            pb.set_message(format!(
                "{} new · {} stored · {} attributions · {} errors",
                tally.new, tally.stored, tally.attributions, tally.errors
            ));
        }
    }
    batch.commit().context("committing to the database")?;
    Ok(())
}
