//! The attribution layer: finds who (source) said (cue) what (content) in a tagged document.
//!
//! Two learned taggers, both first-order structured perceptrons over hashed features
//! ([`crf`]), trained on PolNeAR's gold spans:
//!
//! 1. the **cue tagger** labels each sentence's tokens O / B-CUE / I-CUE;
//! 2. the **role tagger** runs once per cue over a window around it (the previous sentence of
//!    the paragraph, the cue's sentence and the next sentences) and labels tokens
//!    O / B-SRC / I-SRC / B-CON / I-CON, with features conditioned on the cue (side, distance,
//!    cue lemma, quotation state, dependency path to the cue when a parse is present).
//!
//! Rules then decide the kind (direct / indirect / mixed / according-to / belief) and attach
//! cue-less follow-on quotation paragraphs to the speaker of the attribution before them.

pub mod crf;
pub mod features;
pub mod lex;
pub mod lexicon;
mod rules;
mod train;

pub use train::{align_spans, train, TrainOptions, TrainReport};

use crf::Labels;
use features::{cue_features, role_features, CueContext, DocFeatures};
use hearsay_doc::{Attribution, Doc, TokenSpan};
use hearsay_ml::dense::DenseTable;

/// Labels of the cue tagger.
pub(crate) struct CueLabels;
impl CueLabels {
    pub const O: usize = 0;
    pub const B: usize = 1;
    pub const I: usize = 2;
    pub const NAMES: [&'static str; 3] = ["O", "B-CUE", "I-CUE"];
}
impl Labels for CueLabels {
    const N: usize = 3;
    fn allowed(prev: Option<usize>, cur: usize) -> bool {
        cur != Self::I || matches!(prev, Some(Self::B) | Some(Self::I))
    }
}

/// Labels of the role tagger.
pub(crate) struct RoleLabels;
impl RoleLabels {
    pub const O: usize = 0;
    pub const BS: usize = 1;
    pub const IS: usize = 2;
    pub const BC: usize = 3;
    pub const IC: usize = 4;
    pub const NAMES: [&'static str; 5] = ["O", "B-SRC", "I-SRC", "B-CON", "I-CON"];
}
impl Labels for RoleLabels {
    const N: usize = 5;
    fn allowed(prev: Option<usize>, cur: usize) -> bool {
        match cur {
            Self::IS => matches!(prev, Some(Self::BS) | Some(Self::IS)),
            Self::IC => matches!(prev, Some(Self::BC) | Some(Self::IC)),
            _ => true,
        }
    }
}

const CONTAINER_MAGIC: &[u8; 8] = b"HSAYATR1";

/// The trained attribution extractor. Immutable; share it between threads.
///
/// Both taggers score with the model file's own i16 weights in dense rows
/// ([`DenseTable`]: half the size of the f32 table, the same f32 scores bit for bit).
pub struct Extractor {
    cue: DenseTable,
    cue_trans: Vec<f32>,
    role: DenseTable,
    role_trans: Vec<f32>,
}

/// Split spans out of a BIO label sequence: returns `(label_of_B, start, end)` triples with
/// positions relative to the sequence.
fn bio_spans(labels: &[usize], b_labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let l = labels[i];
        if b_labels.contains(&l) {
            let mut j = i + 1;
            while j < labels.len() && labels[j] == l + 1 {
                j += 1;
            }
            out.push((l, i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Scratch buffers reused across one document.
#[derive(Default)]
struct Scratch {
    feats: Vec<u64>,
    /// The next token's features, made (and their rows prefetched) while the current token
    /// is scored; the scores are added in the same order, so they are unchanged.
    next: Vec<u64>,
    emissions: Vec<f32>,
    back: Vec<u8>,
    labels: Vec<usize>,
}

impl Extractor {
    /// Load from the bytes written by [`Extractor::to_bytes`] / `hearsay train attrib`.
    pub fn from_bytes(bytes: &[u8]) -> anyhow::Result<Extractor> {
        let (cue, role) = split_container(bytes)?;
        let (cue_h, cue) = DenseTable::from_bytes(cue)?;
        let (role_h, role) = DenseTable::from_bytes(role)?;
        anyhow::ensure!(
            cue_h.labels.len() == CueLabels::N
                && cue.n_classes() == CueLabels::N
                && role_h.labels.len() == RoleLabels::N
                && role.n_classes() == RoleLabels::N,
            "attribution model has unexpected label sets"
        );
        Ok(Extractor {
            cue_trans: crf::transitions_from::<CueLabels>(|f| cue.weights(f)),
            role_trans: crf::transitions_from::<RoleLabels>(|f| role.weights(f)),
            cue,
            role,
        })
    }

    /// Find every attribution in a document that has its text and tag layers; replaces
    /// `doc.attributions`. Never panics.
    pub fn extract(&self, doc: &mut Doc) {
        doc.attributions.clear();
        if doc.tokens.is_empty() {
            return;
        }
        let df = DocFeatures::new(doc);
        let mut sc = Scratch::default();
        let cues = self.find_cues(doc, &df, &mut sc);
        self.attribute_cues(doc, &df, &cues, &mut sc);
    }

    /// Like [`Extractor::extract`] but with the cues given (e.g. gold cues, to measure the
    /// role tagger alone). Each cue comes with its confidence.
    pub fn extract_with_cues(&self, doc: &mut Doc, cues: &[(TokenSpan, f32)]) {
        doc.attributions.clear();
        if doc.tokens.is_empty() {
            return;
        }
        let df = DocFeatures::new(doc);
        let mut sc = Scratch::default();
        self.attribute_cues(doc, &df, cues, &mut sc);
    }

    fn attribute_cues(
        &self,
        doc: &mut Doc,
        df: &DocFeatures,
        cues: &[(TokenSpan, f32)],
        sc: &mut Scratch,
    ) {
        let mut cue_spans: Vec<TokenSpan> = cues.iter().map(|c| c.0).collect();
        cue_spans.sort();
        for (cue, conf) in cues {
            let cx = CueContext::new(df, *cue);
            let win = window(doc, df, *cue);
            let labels = self.tag_roles(df, &cx, win, None, &cue_spans, sc);
            let mut spans = bio_spans(labels, &[RoleLabels::BS, RoleLabels::BC]);
            let according = doc.token_text(cue.start).eq_ignore_ascii_case("according");
            if according {
                let sent = doc.sentences[df.sent[cue.start as usize] as usize].tokens;
                let found = rules::according_to_spans(doc, sent, *cue);
                if let Some((src, con)) = found.filter(|(s, c)| {
                    win.start <= s.start.min(c.start) && s.end.max(c.end) <= win.end
                }) {
                    let o = win.start as usize;
                    spans = vec![
                        (RoleLabels::BS, src.start as usize - o, src.end as usize - o),
                        (RoleLabels::BC, con.start as usize - o, con.end as usize - o),
                    ];
                }
            }
            if !spans.iter().any(|s| s.0 == RoleLabels::BC) && *conf >= SURE_CUE {
                // The best labelling gave a cue the cue tagger is sure of no content: take the
                // best labelling that has some.
                let required = 1 << RoleLabels::BC | 1 << RoleLabels::IC;
                let found = crf::viterbi_requiring(
                    RoleLabels::N,
                    &sc.emissions,
                    &self.role_trans,
                    required,
                    &mut sc.back,
                    &mut sc.labels,
                );
                if found.is_some() {
                    spans = bio_spans(&sc.labels, &[RoleLabels::BS, RoleLabels::BC]);
                }
            }
            let mut source: Option<TokenSpan> = None;
            let mut content = Vec::new();
            for (l, a, b) in spans {
                let span = TokenSpan::new(win.start as usize + a, win.start as usize + b);
                if l == RoleLabels::BS {
                    // Keep the source closest to the cue.
                    let closer = match source {
                        None => true,
                        Some(s) => span_distance(span, *cue) < span_distance(s, *cue),
                    };
                    if closer {
                        source = Some(span);
                    }
                } else {
                    content.push(span);
                }
            }
            if content.is_empty() {
                match rules::sentence_final_said(doc, *cue) {
                    Some((s, c)) => {
                        source = Some(s);
                        content.push(c);
                    }
                    None => continue,
                }
            }
            let mut a = Attribution {
                source,
                cue: Some(*cue),
                content,
                confidence: *conf,
                ..Default::default()
            };
            a.kind = rules::kind(doc, df, &a);
            doc.attributions.push(a);
        }
        rules::relative_clause_sources(doc, &cue_spans);
        rules::anonymity_after_cue(doc);
        rules::verb_initial_sources(doc);
        rules::subject_sources(doc, df);
        for k in rules::quote_then_source(doc) {
            let a = doc.attributions[k].clone();
            doc.attributions[k].kind = rules::kind(doc, df, &a);
        }
        rules::said_np_inversions(doc);
        rules::inverted_content_to_comma(doc);
        rules::fronted_content_to_source_comma(doc);
        rules::sentence_final_cue_clause(doc);
        rules::passive_told_by(doc);
        rules::parenthetical_said(doc);
        rules::participle_sources(doc);
        rules::coordinated_after_quote_sources(doc);
        rules::transcript_turns(doc);
        rules::follow_on_quotes(doc);
        self.nested(doc, df, &cue_spans, sc);
        rules::missing_inverted_said(doc, df);
        let added = rules::missing_passive_told(doc);
        rules::passive_told_by(doc);
        // What the passive rule could not complete is dropped; the rest gets its kind.
        let mut k = added;
        while k < doc.attributions.len() {
            if doc.attributions[k].source.is_none() || doc.attributions[k].content.is_empty() {
                doc.attributions.remove(k);
            } else {
                let a = doc.attributions[k].clone();
                doc.attributions[k].kind = rules::kind(doc, df, &a);
                k += 1;
            }
        }
        rules::prepositional_sources(doc);
        rules::possessor_sources(doc);
        rules::relative_object_sources(doc);
        rules::trim_sources_at_dashes(doc);
        rules::source_openers_and_relatives(doc);
        rules::relative_pronoun_sources(doc);
        rules::inverted_source_settings(doc);
        rules::settings_after_a_fronted_quote(doc);
        rules::dateline_sources(doc);
        rules::fronted_setting_sources(doc);
        rules::sources_left_of_the_cue(doc);
        rules::relative_clause_subjects(doc);
        rules::interrupted_that_clauses(doc, df);
        rules::participles_in_cues(doc, df);
        rules::passive_agent_appositives(doc);
        // A participle after a lead whose source the rules above repaired shares it now.
        rules::participle_sources(doc);
        sort_attributions(doc);
        rules::one_attribution_per_cue(doc);
        rules::negation_opens_content(doc);
        rules::no_time_sources(doc);
        for k in rules::pieces_claimed_by_their_own_cue(doc) {
            let a = doc.attributions[k].clone();
            doc.attributions[k].kind = rules::kind(doc, df, &a);
        }
        rules::fronted_content_with_own_speaker(doc);
        rules::nest_inside_contents(doc);
    }

    /// Nested attributions: a reporting verb inside an attribution's content ("Trump tweeted
    /// that Russia *had told* the United States …") starts an inner attribution whose source
    /// and content the role tagger finds within the outer content. One level deep.
    fn nested(&self, doc: &mut Doc, df: &DocFeatures, cues: &[TokenSpan], sc: &mut Scratch) {
        let outer = doc.attributions.len();
        let mut lemma = String::new();
        let mut have: Vec<TokenSpan> = doc.attributions.iter().filter_map(|a| a.cue).collect();
        have.sort();
        for p in 0..outer {
            if doc.attributions[p].cue.is_none() {
                continue;
            }
            let pieces = doc.attributions[p].content.clone();
            let conf = doc.attributions[p].confidence;
            for mut piece in pieces {
                // The complementiser belongs to the outer content only.
                if piece.len() > 1 && doc.token_text(piece.start).eq_ignore_ascii_case("that") {
                    piece.start += 1;
                }
                let mut t = piece.start as usize;
                while t < piece.end as usize {
                    let pos = doc.pos.get(t).map(|p| p.name()).unwrap_or("");
                    if !pos.starts_with("VB") || doc.tokens[t].in_quote {
                        t += 1;
                        continue;
                    }
                    lex::lemma_into(doc.token_text(t as u32), true, false, &mut lemma);
                    // A verb that already has its own attribution is nested by
                    // `nest_inside_contents`; a second one here would duplicate it.
                    let found = have
                        .binary_search_by(|c| {
                            if c.end as usize <= t {
                                std::cmp::Ordering::Less
                            } else if c.start as usize > t {
                                std::cmp::Ordering::Greater
                            } else {
                                std::cmp::Ordering::Equal
                            }
                        })
                        .is_ok();
                    if !lex::is_reporting_lemma(&lemma) || found {
                        t += 1;
                        continue;
                    }
                    // Auxiliaries and adverbs right before the verb belong to the cue.
                    let mut start = t;
                    while start > piece.start as usize
                        && lex::is_cue_modifier(
                            &doc.token_text(start as u32 - 1).to_ascii_lowercase(),
                        )
                    {
                        start -= 1;
                    }
                    let cue = TokenSpan::new(start, t + 1);
                    let cx = CueContext::new(df, cue);
                    let win = window(doc, df, cue);
                    let labels = self.tag_roles(df, &cx, win, Some(piece), cues, sc);
                    let mut source = None;
                    let mut content = Vec::new();
                    for (l, a, b) in bio_spans(labels, &[RoleLabels::BS, RoleLabels::BC]) {
                        let span = TokenSpan::new(win.start as usize + a, win.start as usize + b);
                        if l == RoleLabels::BS {
                            source.get_or_insert(span);
                        } else {
                            content.push(span);
                        }
                    }
                    // The verb's subject in the parse is its speaker, where the role tagger
                    // read another phrase of the piece as the source (the addressee's name in
                    // "had summoned the ambassador, Henri Vasseur, and told him …").
                    if let Some(subj) = rules::nested_subject(doc, df, t, piece) {
                        if source.is_none_or(|s| !rules::spans_overlap(s, subj)) {
                            source = Some(subj);
                            content.retain(|c| !rules::spans_overlap(*c, subj));
                        }
                    }
                    // A passive "had been told by X to …" whose agent the role tagger did not
                    // take: `rules::passive_told_by` (run after nesting) takes it.
                    let passive_by = source.is_none()
                        && matches!(
                            doc.token_text(t as u32).to_ascii_lowercase().as_str(),
                            "told" | "informed" | "assured" | "briefed"
                        )
                        && (t.saturating_sub(3).max(piece.start as usize)..t).any(|k| {
                            matches!(
                                doc.token_text(k as u32).to_ascii_lowercase().as_str(),
                                "was" | "were" | "been"
                            )
                        })
                        && (t + 1..(t + 4).min(piece.end as usize))
                            .any(|k| doc.token_text(k as u32).eq_ignore_ascii_case("by"));
                    // A passive without its agent ("staff had been told to “start thinking
                    // …”", "they had been warned that …"): an instruction or warning whose
                    // giver the text does not name, with its content after the verb.
                    let passive = (t.saturating_sub(3).max(piece.start as usize)..t).any(|k| {
                        matches!(
                            doc.token_text(k as u32).to_ascii_lowercase().as_str(),
                            "was" | "were" | "been"
                        )
                    });
                    let agentless = source.is_none()
                        && !passive_by
                        && passive
                        && matches!(
                            doc.token_text(t as u32).to_ascii_lowercase().as_str(),
                            "told" | "warned" | "ordered" | "instructed" | "advised" | "urged"
                        );
                    if agentless {
                        // The content runs from "to"/"that" within a few words of the verb to
                        // the piece's end; a document named on the way ("had been warned in a
                        // report earlier this year that …") is the source.
                        content.clear();
                        if let Some(k) = (t + 1..(t + 8).min(piece.end as usize)).find(|&k| {
                            matches!(
                                doc.token_text(k as u32).to_ascii_lowercase().as_str(),
                                "to" | "that"
                            )
                        }) {
                            let c = TokenSpan::new(k, piece.end as usize);
                            if c.len() >= 3 {
                                content.push(c);
                            }
                            source = (t + 1..k)
                                .find(|&j| {
                                    matches!(
                                        doc.token_text(j as u32).to_ascii_lowercase().as_str(),
                                        "in" | "by"
                                    ) && j + 2 < k
                                        && matches!(
                                            doc.token_text(j as u32 + 1)
                                                .to_ascii_lowercase()
                                                .as_str(),
                                            "a" | "an" | "the" | "its" | "their" | "his" | "her"
                                        )
                                })
                                .map(|j| TokenSpan::new(j + 1, k));
                        }
                    }
                    let agentless = agentless && !content.is_empty();
                    // Its cue keeps the auxiliaries: "had been told".
                    let cue = if agentless {
                        let mut from = cue.start as usize;
                        while from > piece.start as usize
                            && matches!(
                                doc.token_text(from as u32 - 1)
                                    .to_ascii_lowercase()
                                    .as_str(),
                                "had" | "has" | "have" | "was" | "were" | "been" | "be"
                            )
                        {
                            from -= 1;
                        }
                        TokenSpan::new(from, cue.end as usize)
                    } else {
                        cue
                    };
                    if (source.is_some() && !content.is_empty()) || passive_by || agentless {
                        let mut a = Attribution {
                            source,
                            cue: Some(cue),
                            content,
                            confidence: conf * 0.9,
                            parent: Some(p as u32),
                            ..Default::default()
                        };
                        a.kind = rules::kind(doc, df, &a);
                        doc.attributions.push(a);
                    }
                    t += 1;
                }
            }
        }
    }

    fn find_cues(&self, doc: &Doc, df: &DocFeatures, sc: &mut Scratch) -> Vec<(TokenSpan, f32)> {
        let mut out = Vec::new();
        let n = CueLabels::N;
        for s in &doc.sentences {
            let span = s.tokens;
            if span.is_empty() {
                continue;
            }
            sc.emissions.clear();
            cue_features(df, span, span.start as usize, &mut sc.feats);
            for i in span.range() {
                if i + 1 < span.end as usize {
                    cue_features(df, span, i + 1, &mut sc.next);
                    for &f in &sc.next {
                        self.cue.prefetch(f);
                    }
                }
                let base = sc.emissions.len();
                sc.emissions.resize(base + n, 0.0);
                self.cue.add_scores(&sc.feats, &mut sc.emissions[base..]);
                std::mem::swap(&mut sc.feats, &mut sc.next);
            }
            crf::viterbi(
                n,
                &sc.emissions,
                &self.cue_trans,
                &mut sc.back,
                &mut sc.labels,
            );
            let mut spans: Vec<TokenSpan> = bio_spans(&sc.labels, &[CueLabels::B])
                .into_iter()
                .map(|(_, a, b)| TokenSpan::new(span.start as usize + a, span.start as usize + b))
                .collect();
            rules::relay_cues(doc, span, &mut spans);
            rules::platform_cues(doc, span, &mut spans);
            rules::that_clause_cues(doc, span, &mut spans);
            rules::missed_said_cues(doc, span, &mut spans);
            rules::passive_denial_cues(doc, span, &mut spans);
            if spans.is_empty() {
                continue;
            }
            // Confidence: the posterior probability that the cue starts there.
            let post = crf::marginals(n, &sc.emissions, &self.cue_trans, CONFIDENCE_SCALE);
            for c in spans {
                let a = (c.start - span.start) as usize;
                out.push((c, post[a * n + CueLabels::B]));
            }
        }
        out
    }

    fn tag_roles<'s>(
        &self,
        df: &DocFeatures,
        cx: &CueContext,
        win: TokenSpan,
        within: Option<TokenSpan>,
        cues: &[TokenSpan],
        sc: &'s mut Scratch,
    ) -> &'s [usize] {
        let n = RoleLabels::N;
        let neighbours = CueNeighbours::new(cues, cx.cue);
        let skip =
            |i: usize| cx.cue.contains(i as u32) || within.is_some_and(|w| !w.contains(i as u32));
        let end = win.end as usize;
        let scored = |from: usize| (from..end).find(|&j| !skip(j));
        let features = |j: usize, out: &mut Vec<u64>| {
            role_features(df, cx, j, neighbours.between(j), out);
        };
        sc.emissions.clear();
        // `sc.feats` holds the features of the next token that is scored, made one scored
        // token ahead (with its rows prefetched) so that its cache misses overlap with the
        // token before.
        if let Some(j) = scored(win.start as usize) {
            features(j, &mut sc.feats);
        }
        for i in win.range() {
            let base = sc.emissions.len();
            sc.emissions.resize(base + n, 0.0);
            if skip(i) {
                for l in 1..n {
                    sc.emissions[base + l] = f32::NEG_INFINITY;
                }
                continue;
            }
            if let Some(j) = scored(i + 1) {
                features(j, &mut sc.next);
                for &f in &sc.next {
                    self.role.prefetch(f);
                }
            }
            self.role.add_scores(&sc.feats, &mut sc.emissions[base..]);
            std::mem::swap(&mut sc.feats, &mut sc.next);
        }
        crf::viterbi(
            n,
            &sc.emissions,
            &self.role_trans,
            &mut sc.back,
            &mut sc.labels,
        );
        &sc.labels
    }
}

/// Order attributions by position (cue, else first content piece), keeping `parent` indices
/// pointing at the same attributions.
fn sort_attributions(doc: &mut Doc) {
    let key = |a: &Attribution| a.cue.or(a.content.first().copied()).unwrap_or_default();
    let mut order: Vec<usize> = (0..doc.attributions.len()).collect();
    order.sort_by_key(|&i| key(&doc.attributions[i]));
    let mut new_index = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new as u32;
    }
    let old = std::mem::take(&mut doc.attributions);
    doc.attributions = order
        .iter()
        .map(|&i| {
            let mut a = old[i].clone();
            a.parent = a.parent.map(|p| new_index[p as usize]);
            a
        })
        .collect();
}

fn span_distance(a: TokenSpan, b: TokenSpan) -> u32 {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The other cues nearest to a cue on each side, to answer "is there another cue between this
/// token and the cue?" in O(1) per token (a scan over all cues per token was quadratic on long
/// documents).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CueNeighbours {
    cue: TokenSpan,
    /// Largest start of another cue that ends at or before `cue.start`.
    prev_start: Option<u32>,
    /// Smallest end of another cue that starts at or after `cue.end`.
    next_end: Option<u32>,
}

impl CueNeighbours {
    /// `sorted` are all cues of the document sorted by start (it may contain `cue` itself).
    pub(crate) fn new(sorted: &[TokenSpan], cue: TokenSpan) -> CueNeighbours {
        // Cues do not overlap in practice; the bounded scans only guard odd inputs.
        const SCAN: usize = 16;
        let k = sorted.partition_point(|c| c.start < cue.start);
        let prev_start = sorted[..k]
            .iter()
            .rev()
            .take(SCAN)
            .filter(|c| c.end <= cue.start && **c != cue)
            .map(|c| c.start)
            .max();
        let k2 = sorted.partition_point(|c| c.start < cue.end);
        let next_end = sorted[k2..]
            .iter()
            .take(SCAN)
            .filter(|c| **c != cue)
            .map(|c| c.end)
            .min();
        CueNeighbours {
            cue,
            prev_start,
            next_end,
        }
    }

    /// Whether another cue lies strictly between token `i` and the cue.
    pub(crate) fn between(&self, i: usize) -> bool {
        let i = i as u32;
        (i < self.cue.start && self.prev_start.is_some_and(|s| s > i))
            || (i >= self.cue.end && self.next_end.is_some_and(|e| e <= i))
    }
}

/// The token window the role tagger labels for a cue: the cue's sentence, the previous
/// sentence when it is in the same paragraph, and the next [`FOLLOWING`] sentences; beyond
/// those, quotations are followed: earlier sentences of the paragraph while they are quoted,
/// later sentences while they start inside or with a quotation, up to [`QUOTE_SENTENCES`] more
/// on each side (news quotes run over several sentences and paragraphs).
pub(crate) fn window(doc: &Doc, df: &DocFeatures, cue: TokenSpan) -> TokenSpan {
    let s = df.sent[cue.start as usize] as usize;
    let para = df.sent_para[s];
    let quoted_start = |k: usize| {
        let t = doc.sentences[k].tokens.start as usize;
        df.toks.get(t).is_some_and(|x| x.in_quote || x.quote_open)
    };
    let mut first = s;
    if s > 0 && df.sent_para[s - 1] == para {
        first = s - 1;
        while first > 0
            && s - first <= QUOTE_SENTENCES
            && df.sent_para[first - 1] == para
            && quoted_start(first)
        {
            first -= 1;
        }
    }
    let n = doc.sentences.len();
    let mut last = (s + FOLLOWING).min(n - 1);
    while last + 1 < n && last - s < FOLLOWING + QUOTE_SENTENCES && quoted_start(last + 1) {
        last += 1;
    }
    let start = doc.sentences[first].tokens.start as usize;
    let mut end = doc.sentences[last].tokens.end as usize;
    // Cap pathological windows (very long "sentences").
    let cap = cue.end as usize + MAX_AFTER;
    if end > cap {
        end = cap.min(doc.tokens.len());
    }
    let start = start.max((cue.start as usize).saturating_sub(MAX_BEFORE));
    TokenSpan::new(start, end)
}

/// Temperature that turns cue-tagger scores into posterior probabilities (confidence); chosen
/// so that on PolNeAR dev cues of confidence 0.4-0.6 are right about half the time and those
/// above 0.8 about 88% of the time (exact span match).
const CONFIDENCE_SCALE: f32 = 0.03;

/// Sentences after the cue's sentence that the role tagger always sees.
pub(crate) const FOLLOWING: usize = 2;
/// Further quoted sentences the window may follow on each side.
const QUOTE_SENTENCES: usize = 4;
const MAX_AFTER: usize = 200;
const MAX_BEFORE: usize = 120;

fn split_container(bytes: &[u8]) -> anyhow::Result<(&[u8], &[u8])> {
    anyhow::ensure!(
        bytes.len() >= 16 && &bytes[..8] == CONTAINER_MAGIC,
        "not a hearsay attribution model"
    );
    let n = u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes")) as usize;
    anyhow::ensure!(bytes.len() >= 16 + n, "attribution model is truncated");
    Ok((&bytes[16..16 + n], &bytes[16 + n..]))
}

pub(crate) fn join_container(cue: &[u8], role: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + cue.len() + role.len());
    out.extend_from_slice(CONTAINER_MAGIC);
    out.extend_from_slice(&(cue.len() as u64).to_le_bytes());
    out.extend_from_slice(cue);
    out.extend_from_slice(role);
    out
}

/// A cue at least this confident (posterior, see [`CONFIDENCE_SCALE`]) is kept even when the
/// role tagger's best labelling gives it no content: it gets the best labelling that has
/// some (on PolNeAR dev: cue F1 +0.4, the other roles unchanged within 0.1).
const SURE_CUE: f32 = 0.8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_spans_split() {
        let l = [0, 3, 4, 4, 0, 1, 2, 3, 0];
        assert_eq!(
            bio_spans(&l, &[RoleLabels::BS, RoleLabels::BC]),
            vec![(3, 1, 4), (1, 5, 7), (3, 7, 8)]
        );
    }

    /// The definition, by brute force.
    fn between_slow(cues: &[TokenSpan], cue: TokenSpan, i: usize) -> bool {
        let i = i as u32;
        cues.iter().any(|c| {
            *c != cue
                && ((i < cue.start && c.start > i && c.end <= cue.start)
                    || (i >= cue.end && c.start >= cue.end && c.end <= i))
        })
    }

    #[test]
    fn between_cues() {
        let cue = TokenSpan::new(10, 11);
        let cues = [TokenSpan::new(5, 6), cue, TokenSpan::new(15, 16)];
        let nb = CueNeighbours::new(&cues, cue);
        assert!(nb.between(3));
        assert!(!nb.between(7));
        assert!(nb.between(17));
        assert!(!nb.between(12));
    }

    #[test]
    fn neighbours_agree_with_the_definition() {
        let mut seed = 7u64;
        let mut next = |m: u32| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as u32) % m
        };
        for _ in 0..300 {
            // Random non-overlapping cues over 60 tokens.
            let mut cues = Vec::new();
            let mut t = next(4);
            while t < 60 {
                let len = 1 + next(3);
                cues.push(TokenSpan::new(t as usize, (t + len) as usize));
                t += len + next(8);
            }
            for &cue in &cues {
                let nb = CueNeighbours::new(&cues, cue);
                for i in 0..70 {
                    if cue.contains(i as u32) {
                        continue;
                    }
                    assert_eq!(
                        nb.between(i),
                        between_slow(&cues, cue, i),
                        "{cues:?} {cue:?} {i}"
                    );
                }
            }
        }
    }

    #[test]
    fn container_round_trip() {
        let b = join_container(b"abc", b"defg");
        assert_eq!(split_container(&b).unwrap(), (&b"abc"[..], &b"defg"[..]));
        assert!(split_container(&b[..10]).is_err());
        assert!(split_container(b"garbage-garbage-").is_err());
    }
}
