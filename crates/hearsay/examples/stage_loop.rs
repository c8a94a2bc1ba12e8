//! Time each stage alone on documents prepared by the stages before it, best of N loops over
//! a directory of .txt files (one thread). The best of several loops is far less sensitive to
//! a shared, noisy machine than one pass:
//! `cargo run --release -p hearsay --example stage_loop -- DIR [LOOPS] [STAGE]` (`STAGE`: time
//! only the stages whose name starts with it).
use std::time::Instant;

use hearsay::doc::Doc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("DIR");
    let loops: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(7);
    let only = args.next().unwrap_or_default();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let models = hearsay::models::POS.zip(hearsay::models::PARSE);
    let (Some((pos, parse)), Some(attrib), Some(ner)) =
        (models, hearsay::models::ATTRIB, hearsay::models::NER)
    else {
        anyhow::bail!("a model is missing");
    };
    let tagger = hearsay_tag::Tagger::from_bytes(pos)?;
    let parser = hearsay_parse::Parser::from_bytes(parse)?;
    let extractor = hearsay::attrib::Extractor::from_bytes(attrib)?;
    let ner = hearsay_ner::Tagger::from_bytes(ner)?;
    let full = hearsay::Pipeline::load()?;
    println!("{} docs, {mb:.2} MB, best of {loops} loops", texts.len());

    let time = |name: &str, f: &mut dyn FnMut()| {
        if !name.starts_with(&only) {
            return;
        }
        let mut best = f64::INFINITY;
        for _ in 0..loops {
            let t = Instant::now();
            f();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!("{name:<20} {:8.1} ms  {:7.2} MB/s", best * 1e3, mb / best);
    };
    let each = |docs: &[Doc], f: &dyn Fn(&mut Doc)| {
        for d in docs {
            let mut d = d.clone();
            f(&mut d);
        }
    };
    let segmented: Vec<Doc> = texts
        .iter()
        .map(|x| hearsay_text::segment_text(x.clone()))
        .collect();
    let tagged: Vec<Doc> = segmented
        .iter()
        .map(|d| {
            let mut d = d.clone();
            tagger.tag(&mut d);
            d
        })
        .collect();
    let parsed: Vec<Doc> = tagged
        .iter()
        .map(|d| {
            let mut d = d.clone();
            parser.parse(&mut d);
            d
        })
        .collect();
    let extracted: Vec<Doc> = parsed
        .iter()
        .map(|d| {
            let mut d = d.clone();
            extractor.extract(&mut d);
            d
        })
        .collect();
    let named: Vec<Doc> = extracted
        .iter()
        .map(|d| {
            let mut d = d.clone();
            full.contextualise(&mut d);
            d
        })
        .collect();

    time("segment", &mut || {
        for x in &texts {
            hearsay_text::segment_text(x.clone());
        }
    });
    time("pos", &mut || each(&segmented, &|d| tagger.tag(d)));
    time("parse", &mut || each(&tagged, &|d| parser.parse(d)));
    time("attribution", &mut || {
        each(&parsed, &|d| extractor.extract(d))
    });
    time("entities", &mut || {
        each(&extracted, &|d| {
            ner.tag_doc(d);
        })
    });
    time("entities+context", &mut || {
        each(&extracted, &|d| full.contextualise(d))
    });
    time("context", &mut || {
        each(&named, &|d| hearsay_context::resolve(d))
    });
    time("all (no output)", &mut || {
        for x in &texts {
            full.process(x.clone());
        }
    });
    for batch in [4, 16, 84] {
        time(&format!("all, {batch}-doc stages"), &mut || {
            for chunk in texts.chunks(batch) {
                let mut docs: Vec<Doc> = chunk
                    .iter()
                    .map(|x| hearsay_text::segment_text(x.clone()))
                    .collect();
                docs.iter_mut().for_each(|d| tagger.tag(d));
                docs.iter_mut().for_each(|d| parser.parse(d));
                docs.iter_mut().for_each(|d| extractor.extract(d));
                docs.iter_mut().for_each(|d| full.contextualise(d));
            }
        });
    }
    Ok(())
}
