//! Training the cue and role taggers from gold attributions (PolNeAR's brat annotation).

use hearsay_data::corpus::GoldDoc;
use hearsay_data::AnnAttribution;
use hearsay_doc::{CharMap, Doc, TokenSpan};
use hearsay_ml::{Model, Trainer};
use rayon::prelude::*;

use crate::crf;
use crate::features::{cue_features, role_features, CueContext, DocFeatures};
use crate::{join_container, window, CueLabels, CueNeighbours, Extractor, RoleLabels};

/// Training settings. The defaults are the ones the committed model was trained with.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub cue_epochs: usize,
    pub role_epochs: usize,
    /// log2 of the number of rows in each weight table.
    pub bits: u32,
    pub seed: u64,
    /// Weights below this magnitude are dropped from the model file.
    pub prune: f32,
    /// Number of perceptrons (different shuffling seeds) averaged into each tagger.
    pub ensemble: usize,
    /// Loss-augmented training: score bonus for a wrong label where gold is O ...
    pub cost_fp: f32,
    /// ... and where gold is a span label.
    pub cost_fn: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            cue_epochs: 8,
            role_epochs: 8,
            bits: 18,
            seed: 1,
            prune: 0.2,
            ensemble: 3,
            cost_fp: 0.5,
            cost_fn: 1.0,
        }
    }
}

/// Facts about a training run.
#[derive(Clone, Debug, Default)]
pub struct TrainReport {
    pub docs: usize,
    pub attributions: usize,
    pub cue_sentences: usize,
    pub role_instances: usize,
    /// Share of gold source/content tokens that fall inside the role tagger's window.
    pub window_coverage: f64,
    pub model_bytes: usize,
}

/// Gold attribution mapped onto a document's tokens.
struct GoldTok {
    source: Vec<TokenSpan>,
    cue: Vec<TokenSpan>,
    content: Vec<TokenSpan>,
}

struct Prepared {
    doc: Doc,
    df: DocFeatures,
    gold: Vec<GoldTok>,
    cue_spans: Vec<TokenSpan>,
}

/// Map code-point spans onto token spans: a token belongs to a span when at least half of its
/// characters lie inside it.
fn align(
    doc: &Doc,
    tok_chars: &[(usize, usize)],
    spans: &[hearsay_data::CharSpan],
) -> Vec<TokenSpan> {
    let _ = doc;
    let mut out = Vec::new();
    for s in spans {
        let first = tok_chars.partition_point(|&(_, e)| e <= s.start);
        let mut lo = None;
        let mut hi = 0;
        for (t, &(a, b)) in tok_chars.iter().enumerate().skip(first) {
            if a >= s.end {
                break;
            }
            let inside = b.min(s.end).saturating_sub(a.max(s.start));
            if inside * 2 >= b - a {
                lo.get_or_insert(t);
                hi = t + 1;
            }
        }
        if let Some(lo) = lo {
            out.push(TokenSpan::new(lo, hi));
        }
    }
    out
}

/// Map code-point spans (e.g. gold annotation) onto a segmented document's tokens.
pub fn align_spans(doc: &Doc, spans: &[hearsay_data::CharSpan]) -> Vec<TokenSpan> {
    let map = CharMap::new(&doc.text);
    let tok_chars: Vec<(usize, usize)> = doc
        .tokens
        .iter()
        .map(|t| {
            (
                map.char_offset(t.span.start as usize),
                map.char_offset(t.span.end as usize),
            )
        })
        .collect();
    align(doc, &tok_chars, spans)
}

fn prepare_doc(g: &GoldDoc, prepare: &(dyn Fn(&str) -> Doc + Sync)) -> Prepared {
    let doc = prepare(&g.text);
    let map = CharMap::new(&doc.text);
    let tok_chars: Vec<(usize, usize)> = doc
        .tokens
        .iter()
        .map(|t| {
            (
                map.char_offset(t.span.start as usize),
                map.char_offset(t.span.end as usize),
            )
        })
        .collect();
    let gold: Vec<GoldTok> = g
        .attributions
        .iter()
        .map(|a: &AnnAttribution| GoldTok {
            source: align(&doc, &tok_chars, &a.source),
            cue: align(&doc, &tok_chars, &a.cue),
            content: align(&doc, &tok_chars, &a.content),
        })
        .collect();
    let mut cue_spans: Vec<TokenSpan> = gold.iter().flat_map(|g| g.cue.iter().copied()).collect();
    cue_spans.sort();
    let df = DocFeatures::new(&doc);
    Prepared {
        doc,
        df,
        gold,
        cue_spans,
    }
}

/// Deterministic shuffle (xorshift64*).
fn shuffle<T>(v: &mut [T], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed >> 12;
        *seed ^= *seed << 25;
        *seed ^= *seed >> 27;
        let r = seed.wrapping_mul(0x2545_f491_4f6c_dd1d);
        v.swap(i, (r % (i as u64 + 1)) as usize);
    }
}

fn set_bio(labels: &mut [usize], span: TokenSpan, offset: usize, b: usize, i: usize) -> usize {
    let mut n = 0;
    for (k, t) in span.range().enumerate() {
        if t >= offset && t - offset < labels.len() {
            labels[t - offset] = if k == 0 || t == offset { b } else { i };
            n += 1;
        }
    }
    n
}

/// Train both taggers on gold documents. `prepare` must run the same text and tag stages that
/// inference uses. Returns the model file bytes.
pub fn train(
    docs: &[GoldDoc],
    prepare: &(dyn Fn(&str) -> Doc + Sync),
    opts: &TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> anyhow::Result<(Vec<u8>, TrainReport)> {
    progress(&format!("preparing {} documents", docs.len()));
    let prepared: Vec<Prepared> = docs.par_iter().map(|g| prepare_doc(g, prepare)).collect();
    let mut report = TrainReport {
        docs: docs.len(),
        attributions: prepared.iter().map(|p| p.gold.len()).sum(),
        ..Default::default()
    };

    // ---- cue tagger ----
    let mut cue_inst: Vec<(usize, usize)> = Vec::new();
    for (d, p) in prepared.iter().enumerate() {
        for s in 0..p.doc.sentences.len() {
            cue_inst.push((d, s));
        }
    }
    report.cue_sentences = cue_inst.len();
    let cue_w = average((0..opts.ensemble.max(1)).map(|k| {
        train_cue(
            &prepared,
            &mut cue_inst.clone(),
            opts,
            opts.seed + 1000 * k as u64,
            progress,
        )
    }));

    // ---- role tagger ----
    let mut role_inst: Vec<(usize, usize)> = Vec::new();
    let (mut covered, mut total) = (0usize, 0usize);
    for (d, p) in prepared.iter().enumerate() {
        for (a, g) in p.gold.iter().enumerate() {
            let Some(&cue) = g.cue.first() else { continue };
            role_inst.push((d, a));
            let win = window(&p.doc, &p.df, cue);
            for s in g.source.iter().chain(g.content.iter()) {
                total += s.len();
                covered += s.range().filter(|&t| win.contains(t as u32)).count();
            }
        }
    }
    report.role_instances = role_inst.len();
    report.window_coverage = covered as f64 / total.max(1) as f64;
    progress(&format!(
        "role tagger: {} instances, window covers {:.1}% of gold source/content tokens",
        role_inst.len(),
        100.0 * report.window_coverage
    ));
    let role_w = average((0..opts.ensemble.max(1)).map(|k| {
        train_role(
            &prepared,
            &mut role_inst.clone(),
            opts,
            opts.seed + 1000 * k as u64,
            progress,
        )
    }));

    let meta = format!(
        "{{\"docs\":{},\"attributions\":{},\"cue_epochs\":{},\"role_epochs\":{},\"bits\":{},\"seed\":{}}}",
        report.docs, report.attributions, opts.cue_epochs, opts.role_epochs, opts.bits, opts.seed
    );
    let cue_model = Model {
        name: "attrib-cue".into(),
        meta: meta.clone(),
        labels: CueLabels::NAMES.iter().map(|s| s.to_string()).collect(),
        weights: cue_w,
    };
    let role_model = Model {
        name: "attrib-role".into(),
        meta,
        labels: RoleLabels::NAMES.iter().map(|s| s.to_string()).collect(),
        weights: role_w,
    };
    let bytes = join_container(
        &cue_model.to_bytes(opts.prune),
        &role_model.to_bytes(opts.prune),
    );
    report.model_bytes = bytes.len();
    // Make sure what we write loads.
    Extractor::from_bytes(&bytes)?;
    Ok((bytes, report))
}

/// Average several weight tables (an ensemble of perceptrons trained on different orders).
fn average(ws: impl Iterator<Item = hearsay_ml::Weights>) -> hearsay_ml::Weights {
    let mut iter = ws;
    let mut acc = iter.next().expect("at least one model");
    let mut k = 1.0f32;
    for w in iter {
        acc.add_scaled(&w, 1.0);
        k += 1.0;
    }
    acc.scale(1.0 / k);
    acc
}

/// The structured-perceptron loop both taggers share: shuffle, decode with loss-augmented
/// scores (every wrong label gets a bonus, more for missing a span than for inventing one, so
/// the perceptron learns a margin), update on mistakes, average. `example` fills the gold
/// labels and per-position features of one instance, marks positions that can only be O in
/// `masked`, and returns false to skip the instance.
#[allow(clippy::too_many_arguments)]
fn train_tagger<L: crf::Labels>(
    insts: &mut [(usize, usize)],
    epochs: usize,
    opts: &TrainOptions,
    seed: u64,
    what: &str,
    progress: &mut dyn FnMut(&str),
    mut example: impl FnMut((usize, usize), &mut Vec<usize>, &mut Vec<Vec<u64>>, &mut Vec<bool>) -> bool,
) -> hearsay_ml::Weights {
    let n = L::N;
    let mut tr = Trainer::new(opts.bits, n);
    let mut seed = seed.max(1);
    let (mut feats, mut gold, mut masked) = (Vec::<Vec<u64>>::new(), Vec::new(), Vec::new());
    let (mut pred, mut back, mut em) = (Vec::new(), Vec::new(), Vec::new());
    for epoch in 0..epochs {
        shuffle(insts, &mut seed);
        let mut errors = 0usize;
        for &inst in insts.iter() {
            if !example(inst, &mut gold, &mut feats, &mut masked) {
                continue;
            }
            let len = gold.len();
            em.clear();
            let trans = crf::transitions::<L>(tr.weights());
            for k in 0..len {
                let base = em.len();
                em.resize(base + n, 0.0);
                if masked[k] {
                    for l in 1..n {
                        em[base + l] = f32::NEG_INFINITY;
                    }
                } else {
                    tr.weights().add_scores(&feats[k], &mut em[base..]);
                }
            }
            for (k, &g) in gold.iter().enumerate() {
                for l in 0..n {
                    if l != g && em[k * n + l].is_finite() {
                        em[k * n + l] += if g == 0 { opts.cost_fp } else { opts.cost_fn };
                    }
                }
            }
            crf::viterbi(n, &em, &trans, &mut back, &mut pred);
            if pred != gold {
                errors += 1;
                crf::update(&mut tr, n, &feats[..len], &gold, &pred);
            }
            tr.tick();
        }
        progress(&format!(
            "{what} epoch {}/{epochs}: {errors} of {} wrong",
            epoch + 1,
            insts.len()
        ));
    }
    tr.finish()
}

/// Train the cue tagger with one shuffling seed: one instance per sentence.
fn train_cue(
    prepared: &[Prepared],
    cue_inst: &mut [(usize, usize)],
    opts: &TrainOptions,
    seed: u64,
    progress: &mut dyn FnMut(&str),
) -> hearsay_ml::Weights {
    let epochs = opts.cue_epochs;
    train_tagger::<CueLabels>(
        cue_inst,
        epochs,
        opts,
        seed,
        "cue tagger",
        progress,
        |(d, s), gold, feats, masked| {
            let p = &prepared[d];
            let span = p.doc.sentences[s].tokens;
            if span.is_empty() {
                return false;
            }
            let len = span.len();
            gold.clear();
            gold.resize(len, CueLabels::O);
            for c in &p.cue_spans {
                if c.start >= span.start && c.end <= span.end {
                    set_bio(gold, *c, span.start as usize, CueLabels::B, CueLabels::I);
                }
            }
            masked.clear();
            masked.resize(len, false);
            feats.resize_with(len, Vec::new);
            for (k, i) in span.range().enumerate() {
                cue_features(&p.df, span, i, &mut feats[k]);
            }
            true
        },
    )
}

/// Train the role tagger with one shuffling seed: one instance per gold attribution, its
/// window labelled around its (first) gold cue.
fn train_role(
    prepared: &[Prepared],
    role_inst: &mut [(usize, usize)],
    opts: &TrainOptions,
    seed: u64,
    progress: &mut dyn FnMut(&str),
) -> hearsay_ml::Weights {
    let epochs = opts.role_epochs;
    train_tagger::<RoleLabels>(
        role_inst,
        epochs,
        opts,
        seed,
        "role tagger",
        progress,
        |(d, a), gold, feats, masked| {
            let p = &prepared[d];
            let g = &p.gold[a];
            let cue = g.cue[0];
            let win = window(&p.doc, &p.df, cue);
            let len = win.len();
            let off = win.start as usize;
            gold.clear();
            gold.resize(len, RoleLabels::O);
            for s in &g.source {
                set_bio(gold, *s, off, RoleLabels::BS, RoleLabels::IS);
            }
            for c in &g.content {
                set_bio(gold, *c, off, RoleLabels::BC, RoleLabels::IC);
            }
            for t in cue.range() {
                if t >= off && t - off < len {
                    gold[t - off] = RoleLabels::O;
                }
            }
            // Keep the sequence well-formed after overwriting.
            for k in 0..len {
                let prev = if k == 0 { RoleLabels::O } else { gold[k - 1] };
                if gold[k] == RoleLabels::IS && !matches!(prev, RoleLabels::BS | RoleLabels::IS) {
                    gold[k] = RoleLabels::BS;
                }
                if gold[k] == RoleLabels::IC && !matches!(prev, RoleLabels::BC | RoleLabels::IC) {
                    gold[k] = RoleLabels::BC;
                }
            }
            let cx = CueContext::new(&p.df, cue);
            let neighbours = CueNeighbours::new(&p.cue_spans, cue);
            masked.clear();
            feats.resize_with(len, Vec::new);
            for (k, i) in win.range().enumerate() {
                let is_cue = cue.contains(i as u32);
                masked.push(is_cue);
                if is_cue {
                    feats[k].clear();
                } else {
                    role_features(&p.df, &cx, i, neighbours.between(i), &mut feats[k]);
                }
            }
            true
        },
    )
}
