//! `hearsay eval` on a speakers-and-context gold directory (`corpus/speakers`: text/*.txt,
//! ann/*.json, metadata.tsv, splits.tsv): speaker resolution, anonymous sources, nesting,
//! relays, channel, addressee, time and disputes (see `hearsay_eval::context`).

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use hearsay::record::DocOut;
use hearsay::Pipeline;
use hearsay_eval::context::{self, ContextCounts, PredAttr, PredEntity, Prediction};
use serde_json::json;

use crate::eval::{EvalArgs, RATCHET_SLACK};
use crate::parallel;

/// The prediction of one article in the scorer's terms.
pub fn prediction(rec: &DocOut) -> Prediction {
    let r = |s: &hearsay::record::SpanOut| (s.start, s.end);
    let idx = |id: usize| id.checked_sub(1);
    Prediction {
        entities: rec
            .entities
            .iter()
            .map(|e| PredEntity {
                name: e.name.clone(),
                etype: e.etype.to_string(),
                mentions: e.mentions.iter().map(r).collect(),
            })
            .collect(),
        attributions: rec
            .attributions
            .iter()
            .map(|a| PredAttr {
                source: a.source.as_ref().map(r),
                cue: a.cue.as_ref().map(r),
                content: a.content.iter().map(r).collect(),
                speaker: a.speaker.as_ref().and_then(|s| idx(s.entity)),
                anonymous: a.anonymous,
                parent: a.parent.and_then(idx),
                via: a.via.and_then(idx),
                channel: a.channel.map(str::to_string),
                addressee: a.addressee.as_ref().map(r),
                time: a
                    .time
                    .as_ref()
                    .map(|t| ((t.start, t.end), t.date.clone(), t.range.clone())),
            })
            .collect(),
        disputes: rec
            .disputes
            .iter()
            .filter_map(|d| Some((idx(d.by)?, idx(d.target)?)))
            .collect(),
        dispute_basis: rec
            .disputes
            .iter()
            .filter(|d| idx(d.by).is_some() && idx(d.target).is_some())
            .map(|d| d.basis.to_string())
            .collect(),
    }
}

/// Names of the articles in `split` according to DIR/splits.tsv (NAME<TAB>SPLIT lines).
fn split_names(dir: &std::path::Path, split: &str) -> anyhow::Result<Vec<String>> {
    let p = dir.join("splits.tsv");
    let s = std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
    Ok(s.lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, sp)| sp.trim() == split)
        .map(|(n, _)| n.trim().trim_end_matches(".txt").to_string())
        .collect())
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let mut gold = hearsay_data::speakers::load_dir(&args.gold)
        .with_context(|| format!("reading gold directory {}", args.gold.display()))?;
    if let Some(split) = &args.split {
        let names = split_names(&args.gold, split)?;
        gold.retain(|g| names.contains(&g.name));
        if gold.is_empty() {
            bail!("{}: no articles in split {split:?}", args.gold.display());
        }
    }
    let ratchet: Option<HashMap<String, f64>> = match &args.ratchet {
        Some(p) => {
            let s = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            let v: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&s).with_context(|| format!("ratchet {}", p.display()))?;
            Some(
                v.into_iter()
                    .filter(|(k, _)| !k.starts_with('_'))
                    .map(|(k, v)| {
                        v.as_f64().map(|f| (k.clone(), f)).with_context(|| {
                            format!("ratchet {}: {k} is not a number", p.display())
                        })
                    })
                    .collect::<anyhow::Result<_>>()?,
            )
        }
        None => None,
    };
    let pipeline = Pipeline::load().context("loading the models")?;
    let pool = parallel::pool(args.threads)?;
    parallel::quiet_panics();
    let t = Instant::now();
    let mut total = ContextCounts::default();
    let mut rows = Vec::new();
    let mut failed = Vec::new();
    parallel::ordered_map(
        &pool,
        &gold,
        8,
        |g| {
            let doc = pipeline.process_with_date(g.text.clone(), Some(&g.ann.date));
            let rec = hearsay::record::doc_out(&g.name, &doc);
            context::score(&g.ann, &prediction(&rec))
        },
        |i, r| {
            match r {
                Ok(c) => {
                    total.add(&c);
                    rows.push((gold[i].name.clone(), c));
                }
                Err(p) => failed.push(format!("{}: internal error: {p}", gold[i].name)),
            }
            true
        },
    );
    let secs = t.elapsed().as_secs_f64();
    let s = total.scores();
    let v = serde_json::to_value(&s)?;
    let mut checks = Vec::new();
    if let Some(r) = &ratchet {
        for (k, min) in r {
            let Some(got) = v.get(k).and_then(|x| x.as_f64()) else {
                bail!("ratchet key {k:?} is not a score (see --json for the names)");
            };
            checks.push((k.clone(), got, *min, got + RATCHET_SLACK >= *min));
        }
        checks.sort_by(|a, b| a.0.cmp(&b.0));
    }
    if args.json {
        let out = json!({
            "gold": args.gold.display().to_string(),
            "split": args.split,
            "articles": gold.len(),
            "scores": s,
            "counts": total,
            "per_article": rows.iter().map(|(n, c)| json!({"name": n, "scores": c.scores(), "counts": c})).collect::<Vec<_>>(),
            "seconds": secs,
        });
        outln!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        let c = &total;
        outln!(
            "hearsay eval: {}{} ({} articles)",
            args.gold.display(),
            args.split
                .as_deref()
                .map(|s| format!(" split {s}"))
                .unwrap_or_default(),
            gold.len()
        );
        outln!("attributions found   {:>5.1}% of {} gold (cue overlap); {:.1}% of {} predicted match gold",
            s.attributions_recall, c.gold_attributions, s.attributions_precision, c.pred_attributions);
        outln!(
            "speaker              {:>5.1}% of {} matched ({:.1}% of all {} gold sources)",
            s.speaker_accuracy,
            c.speaker_total,
            s.speaker_accuracy_end_to_end,
            c.speaker_gold
        );
        outln!(
            "  … its type         {:>5.1}% of {}",
            s.speaker_type_accuracy,
            c.type_total
        );
        outln!(
            "  … grouping         P {:>5.1}  R {:>5.1}  F1 {:>5.1}  (pairs of attributions with one speaker: tp {} fp {} fn {})",
            s.speaker_grouping_precision,
            s.speaker_grouping_recall,
            s.speaker_grouping_f1,
            c.group_tp,
            c.group_fp,
            c.group_fn
        );
        outln!(
            "anonymous            P {:>5.1}  R {:>5.1}  F1 {:>5.1}  (tp {} fp {} fn {})",
            s.anonymous_precision,
            s.anonymous_recall,
            s.anonymous_f1,
            c.anon_tp,
            c.anon_fp,
            c.anon_fn
        );
        outln!(
            "parent               {:>5.1}% of {} gold links; precision {:.1}% of {}",
            s.parent_accuracy,
            c.parent_gold,
            s.parent_precision,
            c.parent_pred
        );
        outln!(
            "via                  {:>5.1}% of {} gold links; precision {:.1}% of {}",
            s.via_accuracy,
            c.via_gold,
            s.via_precision,
            c.via_pred
        );
        outln!(
            "channel              {:>5.1}% of {} gold; precision {:.1}% of {}",
            s.channel_accuracy,
            c.channel_gold,
            s.channel_precision,
            c.channel_pred
        );
        outln!(
            "addressee            {:>5.1}% of {} gold; precision {:.1}% of {}",
            s.addressee_accuracy,
            c.addressee_gold,
            s.addressee_precision,
            c.addressee_pred
        );
        outln!(
            "time                 span {:>5.1}%, value {:.1}% of {} gold; precision {:.1}% of {}",
            s.time_span_accuracy,
            s.time_value_accuracy,
            c.time_gold,
            s.time_precision,
            c.time_pred
        );
        outln!("disputes             P {:>5.1}  R {:>5.1}  F1 {:>5.1}  (tp {} of {} predicted, {} gold)",
            s.dispute_precision, s.dispute_recall, s.dispute_f1, c.dispute_tp, c.dispute_pred, c.dispute_gold);
        outln!(
            "                     {} of the {} gold pairs have both attributions found",
            c.dispute_reachable,
            c.dispute_gold
        );
        for (basis, [pred, right]) in &c.dispute_by_basis {
            outln!(
                "  by {basis:<17} {right:>3} right of {pred:>3} predicted ({:.0}%)",
                100.0 * *right as f64 / (*pred).max(1) as f64
            );
        }
        outln!("time: {secs:.2} s");
        for (k, got, min, ok) in &checks {
            outln!(
                "ratchet {k:<28} {got:>5.1}  minimum {min:>5.1}  {}",
                if *ok { "ok" } else { "FAILED" }
            );
        }
    }
    for f in &failed {
        eprintln!("hearsay: {f}");
    }
    let mut ok = failed.is_empty();
    for (k, got, min, pass) in &checks {
        if !pass {
            ok = false;
            eprintln!("hearsay: ratchet failed: {k} {got:.2} is more than {RATCHET_SLACK} points below {min:.2}");
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
