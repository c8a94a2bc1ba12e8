//! Time each stage on one file (for finding superlinear stages on huge inputs):
//! `cargo run --release -p hearsay --example huge_stages -- FILE`.
use std::time::Instant;
fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(path)?;
    let prep = hearsay::Pipeline::load()?
        .with_extractor(None)
        .with_context(false);
    let t = Instant::now();
    let mut doc = prep.prepare(text);
    println!("prepare   {:.2} s", t.elapsed().as_secs_f64());
    let ex = hearsay::attrib::Extractor::from_bytes(hearsay::models::ATTRIB.expect("model"))?;
    let t = Instant::now();
    ex.extract(&mut doc);
    println!(
        "extract   {:.2} s ({} attributions)",
        t.elapsed().as_secs_f64(),
        doc.attributions.len()
    );
    let ner = hearsay_ner::Tagger::from_bytes(hearsay::models::NER.expect("model"))?;
    let t = Instant::now();
    ner.tag_doc(&mut doc);
    println!("ner       {:.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    hearsay_context::resolve(&mut doc);
    println!("context   {:.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let rec = hearsay::record::doc_out("x", &doc);
    let n = serde_json::to_string(&rec)?.len();
    println!("record    {:.2} s ({n} bytes)", t.elapsed().as_secs_f64());
    Ok(())
}
