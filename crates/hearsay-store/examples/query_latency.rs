//! Median latency of the corpus queries on an existing database.
//!
//! ```sh
//! cargo run --release -p hearsay-store --example query_latency -- hearsay.db [RUNS]
//! ```
//!
//! Each query runs RUNS times (default 21) after one warm-up run on the same connection, as
//! a long-lived process (a server) would run it; `hearsay who …` adds process start-up and the
//! opening of the database (a few milliseconds) to these figures.

use std::time::Instant;

use hearsay_store::query::Lookup;
use hearsay_store::Store;

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: query_latency DB [RUNS]");
    let runs: usize = args
        .next()
        .map_or(21, |r| r.parse().expect("RUNS is a number"));
    let store = Store::open_existing(&db).expect("opening the database");
    let c = store.counts().unwrap();
    println!(
        "{db}: {} documents, {} attributions, {} entities, {} disputes",
        c.documents, c.attributions, c.entities, c.disputes
    );
    let top = store.top_speakers(1).unwrap();
    let top_name = top
        .first()
        .map(|s| s.entity.name.clone())
        .unwrap_or_default();
    let doc = (c.documents / 2).max(1) as i64;
    type Query<'a> = (String, Box<dyn Fn() -> usize + 'a>);
    let queries: Vec<Query> = vec![
        (
            "who said (commonest word)".into(),
            Box::new(|| store.who("said", false, 10, 3).unwrap().total as usize),
        ),
        (
            "who email".into(),
            Box::new(|| store.who("email", false, 10, 3).unwrap().total as usize),
        ),
        (
            "who \"tax returns\"".into(),
            Box::new(|| store.who("tax returns", false, 10, 3).unwrap().total as usize),
        ),
        (
            format!("speaker {top_name:?} (most quoted, all rows)"),
            Box::new(|| match store.find_speaker(&top_name).unwrap() {
                Lookup::Found(s) => store.said_by(s.entity.id, usize::MAX >> 1).unwrap().len(),
                _ => 0,
            }),
        ),
        (
            "speaker (top 20 list)".into(),
            Box::new(|| store.top_speakers(20).unwrap().len()),
        ),
        (
            "sources".into(),
            Box::new(|| store.sources(3, false).unwrap().len()),
        ),
        (
            "sources --anonymous".into(),
            Box::new(|| store.sources(3, true).unwrap().len()),
        ),
        (
            "disputes".into(),
            Box::new(|| store.disputes(20, &[]).unwrap().recent.len()),
        ),
        (
            format!("show {doc}"),
            Box::new(|| store.show(doc).unwrap().attributions.len()),
        ),
    ];
    println!(
        "{:<48} {:>10} {:>10} {:>8}",
        "query", "median ms", "max ms", "rows"
    );
    for (name, q) in &queries {
        let rows = q();
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(q());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{:<48} {:>10.2} {:>10.2} {:>8}",
            name,
            times[times.len() / 2],
            times[times.len() - 1],
            rows
        );
    }
}
