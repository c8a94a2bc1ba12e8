//! Time each stage over a directory of .txt files (one thread):
//! `cargo run --release -p hearsay --example stage_times -- DIR`.
use std::time::Instant;
fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).expect("DIR");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "txt") {
            texts.push(std::fs::read_to_string(p)?);
        }
    }
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let full = hearsay::Pipeline::load()?;
    let (tag, parse, _) = full.stages();
    println!(
        "{} docs, {mb:.2} MB; stages tagger={tag} parser={parse}",
        texts.len()
    );
    let time = |name: &str, f: &dyn Fn(&str)| {
        let t = Instant::now();
        for x in &texts {
            f(x);
        }
        let s = t.elapsed().as_secs_f64();
        println!("{name:<28} {s:.3} s  {:.2} MB/s", mb / s);
    };
    time("segment", &|x| {
        hearsay_text::segment_text(x.to_string());
    });
    let no_parse = hearsay::Pipeline::load()?
        .with_parser(None)
        .with_extractor(None);
    time("segment+tag", &|x| {
        no_parse.prepare(x.to_string());
    });
    let prep = hearsay::Pipeline::load()?.with_extractor(None);
    time("segment+tag+parse", &|x| {
        prep.prepare(x.to_string());
    });
    let no_context = hearsay::Pipeline::load()?.with_context(false);
    time("all but context (+NER)", &|x| {
        no_context.process(x.to_string());
    });
    time("all stages", &|x| {
        full.process(x.to_string());
    });
    let prepared: Vec<hearsay::doc::Doc> = texts.iter().map(|x| prep.prepare(x.clone())).collect();
    let ex = hearsay::attrib::Extractor::from_bytes(hearsay::models::ATTRIB.expect("model"))?;
    let t = Instant::now();
    for d in &prepared {
        let mut d = d.clone();
        ex.extract(&mut d);
    }
    let s = t.elapsed().as_secs_f64();
    println!("{:<28} {s:.3} s  {:.2} MB/s", "attribution only", mb / s);
    let extracted: Vec<hearsay::doc::Doc> = prepared
        .iter()
        .map(|d| {
            let mut d = d.clone();
            ex.extract(&mut d);
            d
        })
        .collect();
    let ner = hearsay_ner::Tagger::from_bytes(hearsay::models::NER.expect("model"))?;
    let t = Instant::now();
    for d in &extracted {
        let mut d = d.clone();
        ner.tag_doc(&mut d);
    }
    let s = t.elapsed().as_secs_f64();
    println!("{:<28} {s:.3} s  {:.2} MB/s", "entity tagger only", mb / s);
    let tagged: Vec<hearsay::doc::Doc> = extracted
        .iter()
        .map(|d| {
            let mut d = d.clone();
            ner.tag_doc(&mut d);
            d
        })
        .collect();
    let t = Instant::now();
    for d in &tagged {
        let mut d = d.clone();
        hearsay_context::resolve(&mut d);
    }
    let s = t.elapsed().as_secs_f64();
    println!("{:<28} {s:.3} s  {:.2} MB/s", "context layer only", mb / s);
    Ok(())
}
