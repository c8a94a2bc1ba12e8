//! `hearsay ingest`: read articles (txt, JSONL, HTML, WARC), extract their attributions on all
//! cores and store them in the corpus database.
//!
//! ```text
//!  reader thread ──jobs (bounded)──▶ N workers ──results (bounded)──▶ writer (this thread)
//!  files → articles, numbered,       process_batch (stage by stage),  reorder buffer → input
//!  skips stored hashes; batches      record → store rows (Prepared)   order; one transaction
//!                                                                     per batch, one savepoint
//!                                                                     per document
//! ```
//!
//! Every item the reader finds (article, error, skipped record) gets the next sequence number
//! and the writer handles them in that order, so documents get their ids in input order
//! whatever the number of workers: the same input gives the same database. The reader may be
//! at most [`window`] items ahead of the writer (a token channel of that capacity), which
//! bounds the reorder buffer; both queues are bounded too, so memory does not grow with the
//! corpus. A document is committed whole or not at all; a killed run is resumed by running it
//! again (stored articles are recognised by their content hash before they are processed).

use std::collections::BTreeMap;
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
use hearsay_store::{NewDocument, Prepared, Store};

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

/// An article on its way to a worker, with its place in the input.
struct Job {
    seq: u64,
    article: Article,
    hash: [u8; 32],
}

/// What reaches the writer: the result for input item `seq`.
struct Msg {
    seq: u64,
    what: What,
}

enum What {
    /// Processed and converted into the store's rows.
    Done(Box<Prepared>),
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

/// How many input items the reader may be ahead of the writer: the bound of the writer's
/// reorder buffer (a slow article holds back at most this many finished ones).
fn window(threads: usize) -> usize {
    // Room for two batches per worker and one being filled, so batches fill up.
    hearsay::BATCH * (2 * threads + 1)
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

    let (job_tx, job_rx) = mpsc::sync_channel::<Vec<Job>>(threads);
    let (msg_tx, msg_rx) = mpsc::sync_channel::<Msg>(2 * threads);
    // A token per input item in flight: the reader sends one before each item, the writer
    // takes one after handling each, so the reader is at most `window` items ahead.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window(threads));
    let job_rx = Arc::new(Mutex::new(job_rx));
    let mut tally = Tally::default();
    let result: anyhow::Result<()> = std::thread::scope(|scope| {
        let reader_tx = msg_tx.clone();
        let opts = &opts;
        let inputs = &inputs;
        scope.spawn(move || read_all(inputs, opts, &lookup, job_tx, reader_tx, token_tx));
        for _ in 0..threads {
            let (rx, tx) = (job_rx.clone(), msg_tx.clone());
            let (pipeline, debug_panic) = (&pipeline, debug_panic.as_deref());
            scope.spawn(move || work(pipeline, &rx, &tx, debug_panic));
        }
        drop(msg_tx);
        write_all(
            &mut store,
            msg_rx,
            token_rx,
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

/// The reader thread: every input, every item, in order, numbered; stored articles are
/// reported to the writer, not sent to the workers. Articles go to the workers in batches
/// (up to [`hearsay::BATCH`] articles or [`hearsay::BATCH_BYTES`] of text), which the
/// pipeline runs stage by stage.
fn read_all(
    inputs: &[Input],
    opts: &ReadOptions,
    lookup: &Store,
    jobs: SyncSender<Vec<Job>>,
    msgs: SyncSender<Msg>,
    tokens: SyncSender<()>,
) {
    let mut seq = 0u64;
    let mut pending: Vec<Job> = Vec::new();
    let mut pending_bytes = 0u64;
    let flush = |pending: &mut Vec<Job>, pending_bytes: &mut u64| -> bool {
        *pending_bytes = 0;
        pending.is_empty() || jobs.send(std::mem::take(pending)).is_ok()
    };
    for input in inputs {
        let mut go_on = true;
        hearsay_corpus::read_input(input, opts, &mut |item| {
            // Wait until the writer is less than a window behind. The writer may be waiting
            // for an article in the batch being filled: send that batch before blocking.
            match tokens.try_send(()) {
                Ok(()) => {}
                Err(mpsc::TrySendError::Full(())) => {
                    if !flush(&mut pending, &mut pending_bytes) || tokens.send(()).is_err() {
                        go_on = false;
                        return false;
                    }
                }
                Err(mpsc::TrySendError::Disconnected(())) => {
                    go_on = false;
                    return false;
                }
            }
            let msg = |what| Msg { seq, what };
            go_on = match item {
                Item::Article(article) => {
                    let hash = article.content_hash();
                    match lookup.contains(&hash) {
                        Ok(true) => msgs.send(msg(What::Stored)).is_ok(),
                        // A failed lookup only costs the work: the writer skips duplicates too.
                        Ok(false) | Err(_) => {
                            pending_bytes += article.text.len() as u64;
                            pending.push(Job {
                                seq,
                                article: *article,
                                hash,
                            });
                            let full = pending.len() >= hearsay::BATCH
                                || pending_bytes >= hearsay::BATCH_BYTES;
                            !full || flush(&mut pending, &mut pending_bytes)
                        }
                    }
                }
                Item::Error { location, message } => msgs
                    .send(msg(What::Failed {
                        location: location.to_string(),
                        message,
                    }))
                    .is_ok(),
                Item::Skipped { location, reason } => msgs
                    .send(msg(What::NotArticle {
                        location: location.to_string(),
                        reason,
                    }))
                    .is_ok(),
            };
            seq += 1;
            go_on
        });
        if !go_on {
            return;
        }
    }
    flush(&mut pending, &mut pending_bytes);
}

/// A worker thread: batches of articles in, documents converted into store rows out, until
/// the reader is done. A batch runs stage by stage ([`Pipeline::process_batch`]); if it
/// panics, its articles are run again one by one, so a panic fails only its own article.
fn work(
    pipeline: &Pipeline,
    jobs: &Mutex<Receiver<Vec<Job>>>,
    msgs: &SyncSender<Msg>,
    debug_panic: Option<&str>,
) {
    let check = |doc: &hearsay::doc::Doc| {
        if let Some(marker) = debug_panic {
            if doc.text.contains(marker) {
                panic!("{} matched", crate::extract::DEBUG_PANIC_ENV);
            }
        }
    };
    loop {
        let batch = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(mut batch) = batch else { return };
        // The texts move into the pipeline; a rerun after a panic needs them again.
        let texts: Vec<String> = batch
            .iter_mut()
            .map(|j| std::mem::take(&mut j.article.text))
            .collect();
        let together = panic::catch_unwind(AssertUnwindSafe(|| {
            let items = batch
                .iter()
                .zip(&texts)
                // The publication date anchors relative times ("on Tuesday").
                .map(|(j, t)| (t.clone(), j.article.published.as_deref()))
                .collect();
            let docs = pipeline.process_batch(items);
            docs.iter().for_each(check);
            docs
        }));
        let docs: Vec<Result<hearsay::doc::Doc, String>> = match together {
            Ok(docs) if docs.len() == batch.len() => docs.into_iter().map(Ok).collect(),
            _ => batch
                .iter()
                .zip(&texts)
                .map(|(j, t)| {
                    panic::catch_unwind(AssertUnwindSafe(|| {
                        let doc =
                            pipeline.process_with_date(t.clone(), j.article.published.as_deref());
                        check(&doc);
                        doc
                    }))
                    .map_err(|p| parallel::panic_message(&*p))
                })
                .collect(),
        };
        for (job, doc) in batch.into_iter().zip(docs) {
            let location = job.article.location.to_string();
            let prepared = doc.and_then(|mut doc| {
                panic::catch_unwind(AssertUnwindSafe(|| {
                    doc.meta.origin = Some(location.clone());
                    let a = &job.article;
                    let record = output::doc_out(&location, &doc);
                    let metadata = (!a.extra.is_empty())
                        .then(|| serde_json::Value::Object(a.extra.clone()).to_string());
                    Prepared::new(&NewDocument {
                        ext_id: a.id.as_deref(),
                        url: a.url.as_deref(),
                        title: a.title.as_deref(),
                        outlet: a.outlet.as_deref(),
                        published: a.published.as_deref(),
                        metadata: metadata.as_deref(),
                        ..NewDocument::new(job.hash, &location, &doc.text, &record)
                    })
                }))
                .map_err(|p| parallel::panic_message(&*p))
            });
            let what = match prepared {
                Ok(prepared) => What::Done(Box::new(prepared)),
                Err(message) => What::Failed {
                    location,
                    message: format!("internal error: {message}"),
                },
            };
            if msgs.send(Msg { seq: job.seq, what }).is_err() {
                return;
            }
        }
    }
}

/// The results in input order: a reorder buffer over the workers' results.
struct InOrder {
    msgs: Receiver<Msg>,
    /// The reader sends a token before each item; one is taken back as each item is handed
    /// on, so the reader is at most a window ahead and `waiting` holds at most a window.
    tokens: Receiver<()>,
    /// Results that came before their turn, by sequence number.
    waiting: BTreeMap<u64, What>,
    next: u64,
}

impl Iterator for InOrder {
    type Item = What;

    fn next(&mut self) -> Option<What> {
        loop {
            if let Some(what) = self.waiting.remove(&self.next) {
                self.next += 1;
                let _ = self.tokens.try_recv();
                return Some(what);
            }
            match self.msgs.recv() {
                Ok(msg) => {
                    self.waiting.insert(msg.seq, msg.what);
                }
                // Every sender is gone. Each item is answered, so nothing is left; were one
                // lost, the rest would still be written, in order.
                Err(_) => return self.waiting.pop_first().map(|(_, what)| what),
            }
        }
    }
}

/// The writer: puts the results back into input order and batches documents into
/// transactions until every sender is gone.
fn write_all(
    store: &mut Store,
    msgs: Receiver<Msg>,
    tokens: Receiver<()>,
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
    let in_order = InOrder {
        msgs,
        tokens,
        waiting: BTreeMap::new(),
        next: 0,
    };
    for what in in_order {
        match what {
            What::Done(doc) => match batch.insert_prepared(&doc) {
                Ok(Some(ins)) => {
                    tally.new += 1;
                    tally.attributions += ins.attributions as u64;
                    tally.text_bytes += doc.text_len() as u64;
                    in_batch += 1;
                }
                Ok(None) => tally.stored += 1,
                Err(e) => {
                    tally.errors += 1;
                    say(format!("hearsay: {}: cannot store: {e}", doc.origin()));
                }
            },
            What::Stored => tally.stored += 1,
            What::Failed { location, message } => {
                tally.errors += 1;
                say(format!("hearsay: {location}: {message}"));
            }
            What::NotArticle { location, reason } => {
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
