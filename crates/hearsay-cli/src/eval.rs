//! `hearsay eval`: run the pipeline over a gold directory and score it, optionally against a
//! ratchet of minimum F1 figures.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use hearsay::Pipeline;
use hearsay_eval::{DocScores, EvalReport};
use serde_json::json;

use crate::parallel;

/// How far (in F1 percentage points) a score may fall below its ratchet figure.
pub const RATCHET_SLACK: f64 = 0.5;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
DIR holds DIR/text/NAME.txt and DIR/ann/NAME.ann (brat standoff, code-point offsets), like
PolNeAR's splits or corpus/demo. Scores are micro-averaged over documents: exact and overlap
(token Jaccard >= 0.5) precision, recall and F1 per role (source, cue, content) and per whole
attribution; the table shows percentages, --json fractions.

A ratchet file holds minimum exact-match F1 figures, in percent (as in the table):
  {\"source\": 60.0, \"cue\": 55.0, \"content\": 50.0, \"attribution\": 30.0}
Keys may be left out; keys starting with _ are comments. The command fails (exit 1) when an
exact F1 is more than 0.5 points below its figure.

Example:
  hearsay eval --gold ../shared/data/polnear/dev --ratchet ratchet.json")]
pub struct EvalArgs {
    /// Gold directory with text/ and ann/ subdirectories.
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,

    /// Print the scores (and timing) as JSON on stdout instead of a table.
    #[arg(long)]
    pub json: bool,

    /// Worker threads (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// With a speakers gold directory: score only the articles of this split (the second
    /// column of DIR/splits.tsv), e.g. dev or test.
    #[arg(long, value_name = "NAME")]
    pub split: Option<String>,

    /// JSON file of minimum exact F1 figures (percent) per role; exit 1 when a score falls
    /// more than 0.5 points below its figure.
    #[arg(long, value_name = "FILE")]
    pub ratchet: Option<PathBuf>,
}

/// The ratchet's figures, in percent, in report order.
#[derive(Debug, Default, PartialEq)]
pub struct Ratchet {
    pub figures: Vec<(&'static str, f64)>,
}

const ROLES: [&str; 4] = ["source", "cue", "content", "attribution"];

/// Parse a ratchet file: an object of figures in percent for some of `source`, `cue`,
/// `content`, `attribution`; keys starting with `_` are ignored.
pub fn parse_ratchet(json: &str) -> anyhow::Result<Ratchet> {
    let v: serde_json::Value = serde_json::from_str(json).context("not valid JSON")?;
    let obj = v
        .as_object()
        .context("expected an object like {\"source\": 60.0, \"cue\": 55.0, ...}")?;
    let mut figures = Vec::new();
    for (k, val) in obj {
        if k.starts_with('_') {
            continue;
        }
        let Some(role) = ROLES.iter().find(|r| **r == k) else {
            bail!("unknown key {k:?} (expected source, cue, content, attribution)");
        };
        let x = val
            .as_f64()
            .with_context(|| format!("{k}: expected a number, found {val}"))?;
        if !(0.0..=100.0).contains(&x) {
            bail!("{k}: {x} is not an F1 in percent (0 to 100)");
        }
        figures.push((*role, x));
    }
    figures.sort_by_key(|(r, _)| ROLES.iter().position(|x| x == r));
    Ok(Ratchet { figures })
}

/// Exact F1 in percent of one role of a report.
fn exact_f1(report: &EvalReport, role: &str) -> f64 {
    let m = match role {
        "source" => report.source,
        "cue" => report.cue,
        "content" => report.content,
        _ => report.attribution,
    };
    100.0 * m.exact.f1()
}

/// One ratchet comparison.
#[derive(Debug, PartialEq)]
pub struct Check {
    pub role: &'static str,
    pub f1: f64,
    pub minimum: f64,
    pub passed: bool,
}

pub fn check_ratchet(report: &EvalReport, ratchet: &Ratchet) -> Vec<Check> {
    ratchet
        .figures
        .iter()
        .map(|&(role, minimum)| {
            let f1 = exact_f1(report, role);
            Check {
                role,
                f1,
                minimum,
                // Compare at the precision shown (0.01 points) to avoid float noise.
                passed: ((f1 - (minimum - RATCHET_SLACK)) * 100.0).round() >= 0.0,
            }
        })
        .collect()
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if hearsay_data::speakers::is_speakers_dir(&args.gold) {
        return crate::eval_context::run(&args);
    }
    if args.split.is_some() {
        usage!("--split needs a speakers gold directory (DIR/ann/*.json, DIR/splits.tsv)");
    }
    let ratchet = match &args.ratchet {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .map_err(anyhow::Error::from)
                .and_then(|s| parse_ratchet(&s))
                .with_context(|| format!("ratchet {}", p.display()))?,
        ),
        None => None,
    };
    let t_read = Instant::now();
    let gold = hearsay_data::corpus::load_gold_dir(&args.gold)
        .with_context(|| format!("reading gold directory {}", args.gold.display()))?;
    if gold.is_empty() {
        bail!(
            "{}: no documents (expected text/*.txt and ann/*.ann)",
            args.gold.display()
        );
    }
    let read_s = t_read.elapsed().as_secs_f64();

    let t_load = Instant::now();
    let pipeline = Pipeline::load().context("loading the models")?;
    let load_s = t_load.elapsed().as_secs_f64();

    let pool = parallel::pool(args.threads)?;
    let threads = pool.current_num_threads();
    parallel::quiet_panics();
    let t_run = Instant::now();
    let mut report = EvalReport::new();
    let mut failed = Vec::new();
    parallel::ordered_map(
        &pool,
        &gold,
        4 * threads,
        |g| -> DocScores {
            let doc = pipeline.process(g.text.clone());
            let pred = hearsay_data::attributions_to_ann(&doc);
            hearsay_eval::score_doc(&g.text, &g.attributions, &pred)
        },
        |i, r| {
            match r {
                Ok(scores) => report.add(&scores),
                Err(panic) => failed.push(format!("{}: internal error: {panic}", gold[i].name)),
            }
            true
        },
    );
    let run_s = t_run.elapsed().as_secs_f64();
    let bytes: usize = gold.iter().map(|g| g.text.len()).sum();
    let docs_per_s = gold.len() as f64 / run_s.max(1e-9);
    let mb_per_s = bytes as f64 / 1e6 / run_s.max(1e-9);

    let checks = ratchet
        .as_ref()
        .map(|r| check_ratchet(&report, r))
        .unwrap_or_default();
    let ratchet_name = args
        .ratchet
        .as_deref()
        .map(Path::display)
        .map(|d| d.to_string())
        .unwrap_or_default();

    if args.json {
        let mut v = report.to_json();
        v["gold"] = json!(args.gold.display().to_string());
        v["timing"] = json!({
            "read_seconds": read_s,
            "load_seconds": load_s,
            "run_seconds": run_s,
            "threads": threads,
            "docs_per_second": docs_per_s,
            "mb_per_second": mb_per_s,
        });
        if ratchet.is_some() {
            v["ratchet"] = json!({
                "file": ratchet_name,
                "passed": checks.iter().all(|c| c.passed),
                "checks": checks.iter().map(|c| json!({
                    "role": c.role, "exact_f1": c.f1 / 100.0, "minimum": c.minimum / 100.0,
                    "passed": c.passed,
                })).collect::<Vec<_>>(),
            });
        }
        outln!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        outln!("hearsay eval: {}", args.gold.display());
        outln!("{}", report.to_string().trim_end_matches('\n'));
        outln!(
            "time: read {:.2} s, model load {:.3} s, extract + score {:.2} s on {} thread{} \
             ({:.1} docs/s, {:.2} MB/s)",
            read_s,
            load_s,
            run_s,
            threads,
            if threads == 1 { "" } else { "s" },
            docs_per_s,
            mb_per_s
        );
        for c in &checks {
            outln!(
                "ratchet {:<11} exact F1 {:>5.1}  minimum {:>5.1}  {}",
                c.role,
                c.f1,
                c.minimum,
                if !c.passed {
                    "FAILED"
                } else if c.f1 > c.minimum + RATCHET_SLACK {
                    "ok (above: consider raising it)"
                } else {
                    "ok"
                }
            );
        }
    }

    for f in &failed {
        eprintln!("hearsay: {f}");
    }
    let mut ok = failed.is_empty();
    for c in checks.iter().filter(|c| !c.passed) {
        ok = false;
        eprintln!(
            "hearsay: ratchet failed: {} exact F1 {:.2} is more than {RATCHET_SLACK} points below \
             the ratchet figure {:.2} in {ratchet_name}",
            c.role, c.f1, c.minimum
        );
    }
    if !failed.is_empty() {
        eprintln!(
            "hearsay: {} of {} documents failed",
            failed.len(),
            gold.len()
        );
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearsay_eval::Prf;

    #[test]
    fn ratchet_files() {
        let r = parse_ratchet(r#"{"content": 50, "_note": "percent", "source": 61.5}"#).unwrap();
        assert_eq!(r.figures, vec![("source", 61.5), ("content", 50.0)]);
        assert!(parse_ratchet(r#"{"sources": 1}"#).is_err());
        assert!(parse_ratchet(r#"{"cue": "high"}"#).is_err());
        assert!(parse_ratchet(r#"{"cue": 150}"#).is_err());
        assert!(parse_ratchet("[1, 2]").is_err());
        assert!(parse_ratchet("{").is_err());
    }

    #[test]
    fn ratchet_allows_half_a_point() {
        let mut report = EvalReport::new();
        // source exact F1 = 0.6 (tp 3, fp 2, fn 2)
        report.source.exact = Prf::from_counts(3, 5, 5);
        let r = Ratchet {
            figures: vec![("source", 60.5)],
        };
        assert!(check_ratchet(&report, &r)[0].passed);
        let r = Ratchet {
            figures: vec![("source", 60.51)],
        };
        let c = &check_ratchet(&report, &r)[0];
        assert!(!c.passed);
        assert!((c.f1 - 60.0).abs() < 1e-9);
    }
}
