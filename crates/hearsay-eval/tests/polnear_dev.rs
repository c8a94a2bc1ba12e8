//! Scoring the PolNeAR dev gold against itself must give 100 everywhere; against nothing, 0.
//! Reads `../shared` next to the repository; when the data is absent the test says so and
//! returns.

use std::path::PathBuf;

use hearsay_data::corpus;
use hearsay_eval::{score_doc, EvalReport};

#[test]
fn dev_gold_against_itself() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/dev");
    if !dir.is_dir() {
        eprintln!("note: {} not found; skipping", dir.display());
        return;
    }
    let docs = corpus::load_gold_dir(&dir).unwrap();
    let mut same = EvalReport::new();
    let mut none = EvalReport::new();
    for d in &docs {
        same.add(&score_doc(&d.text, &d.attributions, &d.attributions));
        none.add(&score_doc(&d.text, &d.attributions, &[]));
    }
    eprintln!("{same}");
    for (name, m) in same.rows() {
        for p in [m.exact, m.overlap] {
            assert!(p.tp > 0 && p.fp == 0 && p.fn_ == 0, "{name}: {p:?}");
        }
    }
    assert!(same.attribution.exact.tp > 2000);
    for (name, m) in none.rows() {
        assert_eq!(m.exact.f1(), 0.0, "{name}");
        assert_eq!(
            m.exact.fn_,
            same.rows().iter().find(|r| r.0 == name).unwrap().1.exact.tp
        );
    }
}
