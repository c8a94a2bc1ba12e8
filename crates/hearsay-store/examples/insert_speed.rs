//! The store's own cost, without the pipeline's: how long the writer of `hearsay ingest`
//! takes to insert documents already processed and converted ([`Prepared`]).
//!
//! ```sh
//! cargo run --release -p hearsay-store --example insert_speed -- DIR [COPIES] [RUNS]
//! ```
//!
//! Processes every `*.txt` directly under DIR once, then RUNS times (default 5) inserts
//! COPIES (default 1) copies of them (distinct hashes) into a fresh database in batches of
//! 256, as `hearsay ingest` does, and prints each run's time and the median.

use std::time::{Duration, Instant};

use hearsay_store::{NewDocument, Prepared, Store};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .expect("usage: insert_speed DIR [COPIES] [RUNS]");
    let copies: usize = args.next().map_or(1, |r| r.parse().expect("COPIES"));
    let runs: usize = args.next().map_or(5, |r| r.parse().expect("RUNS"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("reading DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let pipeline = hearsay::Pipeline::load().expect("models");
    let t = Instant::now();
    let mut docs: Vec<Prepared> = Vec::new();
    let mut bytes = 0;
    let mut convert = Duration::ZERO;
    for (i, p) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(p).expect("UTF-8 text");
        bytes += text.len();
        let doc = pipeline.process(text);
        let origin = p.display().to_string();
        let c0 = Instant::now();
        let rec = hearsay::record::doc_out(&origin, &doc);
        for c in 0..copies {
            let mut hash = [0u8; 32];
            hash[..8].copy_from_slice(&(i as u64).to_le_bytes());
            hash[8..16].copy_from_slice(&(c as u64).to_le_bytes());
            let outlet = ["Harbour Gazette", "Baltic Wire", "Daily Ledger"][i % 3];
            docs.push(Prepared::new(&NewDocument {
                outlet: Some(outlet),
                published: Some("2016-05-01"),
                ..NewDocument::new(hash, &origin, &doc.text, &rec)
            }));
        }
        convert += c0.elapsed();
    }
    let n: usize = docs.iter().map(Prepared::attributions).sum();
    println!(
        "{} documents ({:.2} MB of text, {n} attributions) processed in {:.1} s; \
         record conversion (doc_out, Prepared::new: ingest's workers do it) {:.3} s",
        docs.len(),
        (bytes * copies) as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        convert.as_secs_f64()
    );
    let scratch = std::env::temp_dir().join(format!("hearsay-insert-speed-{}", std::process::id()));
    let mut times = Vec::new();
    let mut cpus: Vec<u64> = Vec::new();
    for run in 0..runs {
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).unwrap();
        let t = Instant::now();
        let cpu0 = cpu_ns();
        let mut store = Store::open(scratch.join("s.db")).expect("opening");
        for chunk in docs.chunks(256) {
            let mut batch = store.batch().unwrap();
            for d in chunk {
                batch.insert_prepared(d).unwrap().expect("new");
            }
            batch.commit().unwrap();
        }
        drop(store);
        let e = t.elapsed();
        cpus.push(cpu_ns() - cpu0);
        println!(
            "run {}: {:.3} s ({:.1} MB/s of text)",
            run + 1,
            e.as_secs_f64(),
            (bytes * copies) as f64 / 1e6 / e.as_secs_f64()
        );
        times.push(e);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    times.sort();
    cpus.sort();
    println!(
        "CPU of the inserting thread: median {:.3} s, min {:.3} s",
        cpus[cpus.len() / 2] as f64 / 1e9,
        cpus[0] as f64 / 1e9
    );
    let med: Duration = times[times.len() / 2];
    println!(
        "median {:.3} s, min {:.3} s: {:.1} MB/s of text, {:.0} µs per document",
        med.as_secs_f64(),
        times[0].as_secs_f64(),
        (bytes * copies) as f64 / 1e6 / med.as_secs_f64(),
        med.as_secs_f64() * 1e6 / docs.len() as f64
    );
}

/// CPU time of this thread so far (ns), from /proc (0 where there is none).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
