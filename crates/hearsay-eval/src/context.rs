//! Scoring the context layer against the speakers gold (`corpus/speakers`, see its
//! FORMAT.md).
//!
//! Predicted attributions are matched one-to-one to gold ones: a pair must share cue
//! characters (the cue is where an attribution is anchored); among candidates the pair with
//! the most shared cue, source and content characters wins, greedily. Over matched pairs:
//!
//! * **speaker accuracy**: the predicted speaker is right when its entity's canonical name
//!   equals the gold entity's name or one of its mentions (case and "the" ignored), or when
//!   the predicted entity's first mention overlaps a gold mention of the gold entity. Also
//!   reported end to end (unmatched gold attributions count as wrong);
//! * **anonymous** precision/recall/F1 of the flag;
//! * **parent** and **via** accuracy over gold attributions that have one (the predicted link
//!   must point at the match of the gold link), and precision over predicted links;
//! * **channel** accuracy over gold channels (and precision over predicted ones), **addressee**
//!   and **time** (text overlap; date or range equal) likewise;
//! * **speaker type** accuracy: the predicted speaker entity's type equals the gold entity's;
//! * **speaker grouping** precision/recall/F1 over pairs of matched attributions: a pair is
//!   grouped when both have the same speaker entity (gold: the same gold entity; predicted:
//!   the same predicted entity), so "Voltera Systems" and a later "Voltera" kept apart, or
//!   two people merged, cost recall or precision;
//! * **disputes** precision/recall/F1 over (by, target) pairs mapped through the matching.

use std::collections::HashMap;

use hearsay_data::speakers::{Annotation, Span};
use serde::Serialize;

/// A code-point range.
pub type Range = (usize, usize);

/// A predicted entity.
#[derive(Clone, Debug, Default)]
pub struct PredEntity {
    pub name: String,
    /// person, organization, media, group, document, place or anonymous.
    pub etype: String,
    pub mentions: Vec<Range>,
}

/// A predicted attribution (indices into the prediction's own vectors).
#[derive(Clone, Debug, Default)]
pub struct PredAttr {
    pub source: Option<Range>,
    pub cue: Option<Range>,
    pub content: Vec<Range>,
    pub speaker: Option<usize>,
    pub anonymous: bool,
    pub parent: Option<usize>,
    pub via: Option<usize>,
    pub channel: Option<String>,
    pub addressee: Option<Range>,
    /// (span, date, range)
    pub time: Option<(Range, Option<String>, Option<[String; 2]>)>,
}

/// A prediction for one article.
#[derive(Clone, Debug, Default)]
pub struct Prediction {
    pub entities: Vec<PredEntity>,
    pub attributions: Vec<PredAttr>,
    /// (by, target) indices into `attributions`.
    pub disputes: Vec<(usize, usize)>,
    /// The basis of each dispute ("denial_verb", …), parallel to `disputes`; may be empty.
    pub dispute_basis: Vec<String>,
}

/// Counts, summed over articles.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct ContextCounts {
    pub gold_attributions: usize,
    pub pred_attributions: usize,
    pub matched: usize,
    /// Matched gold attributions with a speaker, and those resolved right.
    pub speaker_total: usize,
    pub speaker_correct: usize,
    /// All gold attributions with a speaker (end to end).
    pub speaker_gold: usize,
    pub anon_tp: usize,
    pub anon_fp: usize,
    pub anon_fn: usize,
    pub parent_gold: usize,
    pub parent_correct: usize,
    pub parent_pred: usize,
    pub via_gold: usize,
    pub via_correct: usize,
    pub via_pred: usize,
    pub channel_gold: usize,
    pub channel_correct: usize,
    pub channel_pred: usize,
    pub addressee_gold: usize,
    pub addressee_correct: usize,
    pub addressee_pred: usize,
    pub time_gold: usize,
    pub time_span_correct: usize,
    pub time_value_correct: usize,
    pub time_pred: usize,
    pub type_total: usize,
    pub type_correct: usize,
    pub group_tp: usize,
    pub group_fp: usize,
    pub group_fn: usize,
    pub dispute_gold: usize,
    /// Gold dispute pairs whose two attributions were both found (matched): the most any
    /// dispute finder working on these extractions could get right.
    pub dispute_reachable: usize,
    pub dispute_pred: usize,
    pub dispute_tp: usize,
    /// Per dispute basis: [predicted, right].
    pub dispute_by_basis: std::collections::BTreeMap<String, [usize; 2]>,
}

impl ContextCounts {
    pub fn add(&mut self, o: &ContextCounts) {
        macro_rules! sum { ($($f:ident),*) => { $( self.$f += o.$f; )* } }
        sum!(
            gold_attributions,
            pred_attributions,
            matched,
            speaker_total,
            speaker_correct,
            speaker_gold,
            anon_tp,
            anon_fp,
            anon_fn,
            parent_gold,
            parent_correct,
            parent_pred,
            via_gold,
            via_correct,
            via_pred,
            channel_gold,
            channel_correct,
            channel_pred,
            addressee_gold,
            addressee_correct,
            addressee_pred,
            time_gold,
            time_span_correct,
            time_value_correct,
            time_pred,
            type_total,
            type_correct,
            group_tp,
            group_fp,
            group_fn,
            dispute_gold,
            dispute_reachable,
            dispute_pred,
            dispute_tp
        );
        for (k, v) in &o.dispute_by_basis {
            let e = self.dispute_by_basis.entry(k.clone()).or_default();
            e[0] += v[0];
            e[1] += v[1];
        }
    }
}

fn overlap(a: Range, b: Range) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn sp(s: &Span) -> Range {
    (s.start, s.end)
}

fn norm(s: &str) -> String {
    let s = s.trim().to_lowercase().replace('’', "'");
    let s = s.strip_prefix("the ").unwrap_or(&s).to_string();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Match predicted to gold attributions: `m[g] = Some(p)`.
pub fn match_attributions(gold: &Annotation, pred: &Prediction) -> Vec<Option<usize>> {
    let mut cands = Vec::new();
    for (g, ga) in gold.attributions.iter().enumerate() {
        let Some(gc) = ga.cue.as_ref().map(sp) else {
            continue;
        };
        for (p, pa) in pred.attributions.iter().enumerate() {
            let Some(pc) = pa.cue else { continue };
            let c = overlap(gc, pc);
            if c == 0 {
                continue;
            }
            let s = match (ga.source.as_ref(), pa.source) {
                (Some(a), Some(b)) => overlap(sp(a), b),
                _ => 0,
            };
            let k: usize = ga
                .content
                .iter()
                .map(|a| pa.content.iter().map(|&b| overlap(sp(a), b)).sum::<usize>())
                .sum();
            cands.push((c * 4 + s * 2 + k, g, p));
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut m = vec![None; gold.attributions.len()];
    let mut used = vec![false; pred.attributions.len()];
    for (_, g, p) in cands {
        if m[g].is_none() && !used[p] {
            m[g] = Some(p);
            used[p] = true;
        }
    }
    m
}

/// Score one article.
pub fn score(gold: &Annotation, pred: &Prediction) -> ContextCounts {
    let m = match_attributions(gold, pred);
    let mut rev: HashMap<usize, usize> = HashMap::new();
    for (g, p) in m.iter().enumerate() {
        if let Some(p) = p {
            rev.insert(*p, g);
        }
    }
    let gid: HashMap<&str, usize> = gold
        .attributions
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let ents: HashMap<&str, &hearsay_data::speakers::Entity> =
        gold.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut c = ContextCounts {
        gold_attributions: gold.attributions.len(),
        pred_attributions: pred.attributions.len(),
        ..Default::default()
    };
    for (g, ga) in gold.attributions.iter().enumerate() {
        if ga.speaker.is_some() {
            c.speaker_gold += 1;
        }
        let Some(p) = m[g] else {
            if ga.anonymous.is_some() {
                c.anon_fn += 1;
            }
            continue;
        };
        c.matched += 1;
        let pa = &pred.attributions[p];
        if let Some(ge) = ga.speaker.as_deref().and_then(|s| ents.get(s)) {
            c.speaker_total += 1;
            let ok = pa
                .speaker
                .and_then(|e| pred.entities.get(e))
                .is_some_and(|pe| {
                    let n = norm(&pe.name);
                    !n.is_empty()
                        && (n == norm(&ge.name) || ge.mentions.iter().any(|gm| norm(&gm.text) == n))
                        || pe
                            .mentions
                            .first()
                            .is_some_and(|&f| ge.mentions.iter().any(|gm| overlap(sp(gm), f) > 0))
                });
            if ok {
                c.speaker_correct += 1;
            }
            c.type_total += 1;
            if pa
                .speaker
                .and_then(|e| pred.entities.get(e))
                .is_some_and(|pe| pe.etype == ge.etype)
            {
                c.type_correct += 1;
            }
        }
        match (ga.anonymous.is_some(), pa.anonymous) {
            (true, true) => c.anon_tp += 1,
            (false, true) => c.anon_fp += 1,
            (true, false) => c.anon_fn += 1,
            _ => {}
        }
        // parent / via: the predicted link must point at the gold link's match.
        let link = |gl: &Option<String>,
                    pl: Option<usize>,
                    gold_n: &mut usize,
                    ok: &mut usize,
                    pred_n: &mut usize| {
            if pl.is_some() {
                *pred_n += 1;
            }
            if let Some(gp) = gl.as_deref().and_then(|x| gid.get(x)) {
                *gold_n += 1;
                if pl.is_some() && m[*gp] == pl {
                    *ok += 1;
                }
            }
        };
        link(
            &ga.parent,
            pa.parent,
            &mut c.parent_gold,
            &mut c.parent_correct,
            &mut c.parent_pred,
        );
        link(
            &ga.via,
            pa.via,
            &mut c.via_gold,
            &mut c.via_correct,
            &mut c.via_pred,
        );
        if pa.channel.is_some() {
            c.channel_pred += 1;
        }
        if let Some(gc) = &ga.channel {
            c.channel_gold += 1;
            if pa.channel.as_deref() == Some(gc.as_str()) {
                c.channel_correct += 1;
            }
        }
        if pa.addressee.is_some() {
            c.addressee_pred += 1;
        }
        if let Some(ad) = &ga.addressee {
            c.addressee_gold += 1;
            if pa.addressee.is_some_and(|x| overlap(x, sp(ad)) > 0) {
                c.addressee_correct += 1;
            }
        }
        if pa.time.is_some() {
            c.time_pred += 1;
        }
        if let Some(gt) = &ga.time {
            c.time_gold += 1;
            if let Some((r, d, rg)) = &pa.time {
                if overlap(*r, sp(&gt.text)) > 0 {
                    c.time_span_correct += 1;
                    if *d == gt.date && *rg == gt.range {
                        c.time_value_correct += 1;
                    }
                }
            }
        }
    }
    // Speaker grouping over pairs of matched attributions that both have a gold speaker.
    let speakers: Vec<(&str, Option<usize>)> = gold
        .attributions
        .iter()
        .zip(&m)
        .filter_map(|(ga, p)| Some((ga.speaker.as_deref()?, pred.attributions[(*p)?].speaker)))
        .collect();
    for (i, (gi, pi)) in speakers.iter().enumerate() {
        for (gj, pj) in &speakers[i + 1..] {
            let same_gold = gi == gj;
            let same_pred = pi.is_some() && pi == pj;
            match (same_gold, same_pred) {
                (true, true) => c.group_tp += 1,
                (false, true) => c.group_fp += 1,
                (true, false) => c.group_fn += 1,
                _ => {}
            }
        }
    }
    // Disputes through the matching.
    let gold_pairs: Vec<(usize, usize)> = gold
        .disputes
        .iter()
        .filter_map(|d| Some((*gid.get(d.by.as_str())?, *gid.get(d.target.as_str())?)))
        .collect();
    c.dispute_gold = gold_pairs.len();
    let found: std::collections::HashSet<usize> = rev.values().copied().collect();
    c.dispute_reachable = gold_pairs
        .iter()
        .filter(|(b, t)| found.contains(b) && found.contains(t))
        .count();
    // Each predicted pair once (the first of duplicates keeps its basis).
    let mut pred_pairs: Vec<((usize, usize), &str)> = Vec::new();
    for (k, &pair) in pred.disputes.iter().enumerate() {
        if !pred_pairs.iter().any(|(p, _)| *p == pair) {
            let basis = pred.dispute_basis.get(k).map_or("unknown", String::as_str);
            pred_pairs.push((pair, basis));
        }
    }
    c.dispute_pred = pred_pairs.len();
    let mut hit = vec![false; gold_pairs.len()];
    for ((pb, pt), basis) in pred_pairs {
        let mut right = false;
        if let (Some(&gb), Some(&gt)) = (rev.get(&pb), rev.get(&pt)) {
            if let Some(k) = gold_pairs.iter().position(|&x| x == (gb, gt)) {
                if !hit[k] {
                    hit[k] = true;
                    c.dispute_tp += 1;
                    right = true;
                }
            }
        }
        let e = c.dispute_by_basis.entry(basis.to_string()).or_default();
        e[0] += 1;
        e[1] += right as usize;
    }
    c
}

/// Ratios of a [`ContextCounts`], in percent.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ContextScores {
    pub attributions_recall: f64,
    pub attributions_precision: f64,
    pub speaker_accuracy: f64,
    pub speaker_accuracy_end_to_end: f64,
    pub anonymous_precision: f64,
    pub anonymous_recall: f64,
    pub anonymous_f1: f64,
    pub parent_accuracy: f64,
    pub parent_precision: f64,
    pub via_accuracy: f64,
    pub via_precision: f64,
    pub channel_accuracy: f64,
    pub channel_precision: f64,
    pub addressee_accuracy: f64,
    pub addressee_precision: f64,
    pub time_span_accuracy: f64,
    pub time_value_accuracy: f64,
    /// Predicted times whose date or range is right, over all predicted times.
    pub time_precision: f64,
    pub speaker_type_accuracy: f64,
    pub speaker_grouping_precision: f64,
    pub speaker_grouping_recall: f64,
    pub speaker_grouping_f1: f64,
    pub dispute_precision: f64,
    pub dispute_recall: f64,
    pub dispute_f1: f64,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl ContextCounts {
    pub fn scores(&self) -> ContextScores {
        let ap = pct(self.anon_tp, self.anon_tp + self.anon_fp);
        let ar = pct(self.anon_tp, self.anon_tp + self.anon_fn);
        let gp = pct(self.group_tp, self.group_tp + self.group_fp);
        let gr = pct(self.group_tp, self.group_tp + self.group_fn);
        let dp = pct(self.dispute_tp, self.dispute_pred);
        let dr = pct(self.dispute_tp, self.dispute_gold);
        ContextScores {
            attributions_recall: pct(self.matched, self.gold_attributions),
            attributions_precision: pct(self.matched, self.pred_attributions),
            speaker_accuracy: pct(self.speaker_correct, self.speaker_total),
            speaker_accuracy_end_to_end: pct(self.speaker_correct, self.speaker_gold),
            anonymous_precision: ap,
            anonymous_recall: ar,
            anonymous_f1: f1(ap, ar),
            parent_accuracy: pct(self.parent_correct, self.parent_gold),
            parent_precision: pct(self.parent_correct, self.parent_pred),
            via_accuracy: pct(self.via_correct, self.via_gold),
            via_precision: pct(self.via_correct, self.via_pred),
            channel_accuracy: pct(self.channel_correct, self.channel_gold),
            channel_precision: pct(self.channel_correct, self.channel_pred),
            addressee_accuracy: pct(self.addressee_correct, self.addressee_gold),
            addressee_precision: pct(self.addressee_correct, self.addressee_pred),
            time_span_accuracy: pct(self.time_span_correct, self.time_gold),
            time_value_accuracy: pct(self.time_value_correct, self.time_gold),
            time_precision: pct(self.time_value_correct, self.time_pred),
            speaker_type_accuracy: pct(self.type_correct, self.type_total),
            speaker_grouping_precision: gp,
            speaker_grouping_recall: gr,
            speaker_grouping_f1: f1(gp, gr),
            dispute_precision: dp,
            dispute_recall: dr,
            dispute_f1: f1(dp, dr),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: usize, e: usize) -> Span {
        Span {
            start: s,
            end: e,
            text: String::new(),
        }
    }

    fn gold() -> Annotation {
        let j = r#"{"date": "2026-01-01",
          "entities": [{"id": "E1", "name": "Ana Ruiz", "type": "person", "mentions": [{"start": 0, "end": 8, "text": "Ana Ruiz"}, {"start": 40, "end": 43, "text": "She"}]},
                       {"id": "E2", "name": "a source", "type": "anonymous", "mentions": [{"start": 80, "end": 88, "text": "a source"}]}],
          "attributions": [
            {"id": "A1", "source": {"start": 0, "end": 8, "text": "Ana Ruiz"}, "cue": {"start": 9, "end": 13, "text": "said"}, "content": [{"start": 14, "end": 30, "text": "x"}], "kind": "indirect", "speaker": "E1", "anonymous": null, "parent": null, "via": null, "channel": null, "addressee": null, "time": null},
            {"id": "A2", "source": {"start": 40, "end": 43, "text": "She"}, "cue": {"start": 44, "end": 50, "text": "denied"}, "content": [{"start": 51, "end": 70, "text": "y"}], "kind": "indirect", "speaker": "E1", "anonymous": null, "parent": null, "via": null, "channel": "statement", "addressee": null, "time": null},
            {"id": "A3", "source": {"start": 80, "end": 88, "text": "a source"}, "cue": {"start": 89, "end": 93, "text": "said"}, "content": [{"start": 94, "end": 99, "text": "z"}], "kind": "indirect", "speaker": "E2", "anonymous": {"descriptor": {"start": 80, "end": 88, "text": "a source"}, "affiliation": null}, "parent": null, "via": null, "channel": null, "addressee": null, "time": null}],
          "disputes": [{"by": "A2", "target": "A3", "cue": {"start": 44, "end": 50, "text": "denied"}}]}"#;
        serde_json::from_str(j).unwrap()
    }

    #[test]
    fn perfect_prediction_scores_full_and_wrong_links_do_not() {
        let g = gold();
        let _ = span(0, 0);
        let mut p = Prediction {
            entities: vec![
                PredEntity {
                    name: "Ana Ruiz".into(),
                    etype: "person".into(),
                    mentions: vec![(0, 8), (40, 43)],
                },
                PredEntity {
                    name: "a source".into(),
                    etype: "anonymous".into(),
                    mentions: vec![(80, 88)],
                },
            ],
            attributions: vec![
                PredAttr {
                    source: Some((0, 8)),
                    cue: Some((9, 13)),
                    content: vec![(14, 30)],
                    speaker: Some(0),
                    ..Default::default()
                },
                PredAttr {
                    source: Some((40, 43)),
                    cue: Some((44, 50)),
                    content: vec![(51, 70)],
                    speaker: Some(0),
                    channel: Some("statement".into()),
                    ..Default::default()
                },
                PredAttr {
                    source: Some((80, 88)),
                    cue: Some((89, 93)),
                    content: vec![(94, 99)],
                    speaker: Some(1),
                    anonymous: true,
                    ..Default::default()
                },
            ],
            disputes: vec![(1, 2)],
            dispute_basis: vec!["denial_verb".into()],
        };
        let c = score(&g, &p);
        assert_eq!(c.dispute_by_basis.get("denial_verb"), Some(&[1, 1]));
        let s = c.scores();
        assert_eq!(s.speaker_accuracy, 100.0);
        assert_eq!(s.anonymous_f1, 100.0);
        assert_eq!(s.dispute_f1, 100.0);
        assert_eq!(s.channel_accuracy, 100.0);
        // "She" resolved to the anonymous source, a dispute pointing the wrong way, no flag.
        p.attributions[1].speaker = Some(1);
        p.attributions[2].anonymous = false;
        p.disputes = vec![(2, 1)];
        assert_eq!(
            score(&g, &p).dispute_by_basis.get("denial_verb"),
            Some(&[1, 0]),
            "a wrong pair counts against its basis"
        );
        let c = score(&g, &p);
        assert_eq!((c.speaker_correct, c.speaker_total), (2, 3));
        assert_eq!((c.anon_tp, c.anon_fn), (0, 1));
        assert_eq!((c.dispute_tp, c.dispute_pred, c.dispute_gold), (0, 1, 1));
        // An unmatched gold attribution counts against end-to-end speaker accuracy only.
        p.attributions.remove(2);
        p.disputes.clear();
        let c = score(&g, &p);
        assert_eq!((c.matched, c.speaker_total, c.speaker_gold), (2, 2, 3));
    }
}
