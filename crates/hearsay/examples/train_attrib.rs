//! Train the attribution model with the embedded text/tag stages and score it on dev.
//! `cargo run --release -p hearsay --example train_attrib -- ../shared/data/polnear /tmp/attrib.bin`
//! (`LOAD=FILE` scores a model file instead of training one)
fn main() -> anyhow::Result<()> {
    let root = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or("../shared/data/polnear".into()),
    );
    let out = std::env::args().nth(2).unwrap_or("/tmp/attrib.bin".into());
    let p = hearsay::Pipeline::load()?;
    eprintln!("stages: {:?}", p.stages());
    let t = std::time::Instant::now();
    let mut opts = hearsay::attrib::TrainOptions::default();
    if let Some(b) = std::env::var("BITS").ok().and_then(|v| v.parse().ok()) {
        opts.bits = b;
    }
    if let Some(b) = std::env::var("PRUNE").ok().and_then(|v| v.parse().ok()) {
        opts.prune = b;
    }
    if let Some(b) = std::env::var("SEED").ok().and_then(|v| v.parse().ok()) {
        opts.seed = b;
    }
    if let Some(b) = std::env::var("COST_FP").ok().and_then(|v| v.parse().ok()) {
        opts.cost_fp = b;
    }
    if let Some(b) = std::env::var("COST_FN").ok().and_then(|v| v.parse().ok()) {
        opts.cost_fn = b;
    }
    if let Some(b) = std::env::var("CUE_EPOCHS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        opts.cue_epochs = b;
    }
    if let Some(b) = std::env::var("ROLE_EPOCHS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        opts.role_epochs = b;
    }
    if let Some(b) = std::env::var("ENSEMBLE").ok().and_then(|v| v.parse().ok()) {
        opts.ensemble = b;
    }
    let bytes = if let Ok(path) = std::env::var("LOAD") {
        std::fs::read(path)?
    } else {
        let (bytes, rep) = p.train_attrib(&root.join("train"), &opts, &mut |m| eprintln!("{m}"))?;
        eprintln!("trained in {:.1}s {rep:?}", t.elapsed().as_secs_f64());
        std::fs::write(&out, &bytes)?;
        bytes
    };
    let ex = hearsay::attrib::Extractor::from_bytes(&bytes)?;
    let p = p.with_extractor(Some(hearsay::attrib::Extractor::from_bytes(&bytes)?));
    let gold = hearsay_data::corpus::load_gold_dir(&root.join("dev"))?;
    let mut rep = hearsay_eval::EvalReport::new();
    for g in &gold {
        let d = if std::env::var("ORACLE").is_ok() {
            let mut d = p.prepare(g.text.clone());
            let cues: Vec<_> = g
                .attributions
                .iter()
                .flat_map(|a| hearsay::attrib::align_spans(&d, &a.cue))
                .map(|c| (c, 1.0))
                .collect();
            ex.extract_with_cues(&mut d, &cues);
            d
        } else {
            p.process(g.text.clone())
        };
        let pred = hearsay_data::attributions_to_ann(&d);
        if let Ok(dir) = std::env::var("DUMP") {
            std::fs::create_dir_all(&dir)?;
            std::fs::write(
                format!("{dir}/{}.ann", g.name),
                hearsay_data::brat::write_ann(&g.text, &pred),
            )?;
        }
        rep.add(&hearsay_eval::score_doc(&g.text, &g.attributions, &pred));
    }
    println!("{rep}");
    Ok(())
}
