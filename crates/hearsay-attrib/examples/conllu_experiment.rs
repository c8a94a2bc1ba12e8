//! Experiment: train and score the attribution model on documents built from the silver
//! CoNLL-U layers (CoreNLP tokens, tags, parses) instead of hearsay's own text and tag stages.
//! Shows what the attribution model reaches with silver preprocessing.
//!
//! cargo run --release -p hearsay-attrib --example conllu_experiment -- ../shared/data/polnear

use hearsay_attrib::{train, Extractor, TrainOptions};
use hearsay_data::corpus::{load_gold_dir, GoldDoc};
use hearsay_doc::*;
use std::path::Path;

fn doc_from_conllu(g: &GoldDoc) -> Doc {
    let mut doc = Doc::new(g.text.clone());
    let Some(p) = &g.conllu_path else { return doc };
    let c = hearsay_data::conllu::parse_conllu(&std::fs::read_to_string(p).unwrap()).unwrap();
    let byte_of: Vec<usize> = g
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(g.text.len()))
        .collect();
    for s in &c.sentences {
        let t0 = doc.tokens.len();
        for t in &s.tokens {
            let (a, b) = (byte_of[t.start], byte_of[t.end]);
            let si = doc.sentences.len() as u32;
            let kind = if t.xpos == "``" || t.xpos == "''" {
                TokenKind::Quote
            } else {
                TokenKind::Word
            };
            doc.tokens.push(Token {
                span: ByteSpan::new(a, b),
                kind,
                quote: QuoteRole::None,
                in_quote: false,
                space_before: true,
                sentence: si,
            });
            doc.pos.push(Pos::from_name(&t.xpos).unwrap_or_default());
            doc.heads.push(if t.head == 0 {
                NO_HEAD
            } else {
                (t0 + t.head as usize - 1) as u32
            });
            doc.deprels
                .push(DepRel::from_name(&t.deprel).unwrap_or_default());
        }
        let t1 = doc.tokens.len();
        if t1 > t0 {
            let span = ByteSpan::new(
                doc.tokens[t0].span.start as usize,
                doc.tokens[t1 - 1].span.end as usize,
            );
            // paragraph: new paragraph when a newline lies between previous sentence and this one
            let para = match doc.sentences.last() {
                None => 0,
                Some(prev) => {
                    let gap = &g.text[prev.span.end as usize..span.start as usize];
                    prev.paragraph + gap.contains('\n') as u32
                }
            };
            doc.sentences.push(Sentence {
                span,
                tokens: TokenSpan::new(t0, t1),
                paragraph: para,
            });
        }
    }
    // in_quote by toggling `` / ''
    let mut inq = false;
    for (i, t) in doc.tokens.iter_mut().enumerate() {
        let tag = doc.pos[i].name();
        if tag == "``" {
            t.quote = QuoteRole::Open;
            inq = true;
        } else if tag == "''" && inq {
            t.quote = QuoteRole::Close;
            inq = false;
        } else {
            t.in_quote = inq;
        }
    }
    let np = doc.sentences.last().map(|s| s.paragraph + 1).unwrap_or(0);
    for p in 0..np {
        let ss: Vec<usize> = (0..doc.sentences.len())
            .filter(|&i| doc.sentences[i].paragraph == p)
            .collect();
        if let (Some(&a), Some(&b)) = (ss.first(), ss.last()) {
            doc.paragraphs.push(Paragraph {
                span: ByteSpan::new(
                    doc.sentences[a].span.start as usize,
                    doc.sentences[b].span.end as usize,
                ),
                sentences: a as u32..b as u32 + 1,
            });
        }
    }
    doc
}

fn main() -> anyhow::Result<()> {
    let root = std::env::args()
        .nth(1)
        .unwrap_or("../shared/data/polnear".into());
    let no_parse = std::env::var("NO_PARSE").is_ok();
    let train_docs = load_gold_dir(&Path::new(&root).join("train"))?;
    let dev_docs = load_gold_dir(&Path::new(&root).join("dev"))?;
    let by_text: std::collections::HashMap<String, GoldDoc> = train_docs
        .iter()
        .chain(dev_docs.iter())
        .map(|g| (g.text.clone(), g.clone()))
        .collect();
    let prepare = |text: &str| {
        let mut d = doc_from_conllu(&by_text[text]);
        if no_parse {
            d.heads.clear();
            d.deprels.clear();
        }
        d
    };
    let mut opts = TrainOptions::default();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<usize>().ok());
    if let Some(e) = env("CUE_EPOCHS") {
        opts.cue_epochs = e;
    }
    if let Some(e) = env("ROLE_EPOCHS") {
        opts.role_epochs = e;
    }
    let t = std::time::Instant::now();
    let (bytes, report) = train(&train_docs, &prepare, &opts, &mut |m| eprintln!("{m}"))?;
    eprintln!("trained in {:.1}s: {report:?}", t.elapsed().as_secs_f64());
    let ex = Extractor::from_bytes(&bytes)?;
    let mut rep = hearsay_eval::EvalReport::new();
    for g in &dev_docs {
        let mut d = prepare(&g.text);
        ex.extract(&mut d);
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
