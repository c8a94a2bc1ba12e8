//! Disputes: an attribution that denies, rejects or rebuts another's claim.
//!
//! A *denial* is an attribution whose cue is a denial verb (*deny*, *reject*, *dismiss*,
//! *dispute*, *refute*, *rebut*, *contradict*) or whose content carries a rebuttal (*not true*,
//! *false*, *no idea*, *exaggerated*, *a fabrication*, *no evidence*, …). Its target is the
//! other speaker's attribution that best matches it: content words shared, the target's
//! speaker named in the denial ("where Trump had got the idea", "the report had
//! exaggerated"), closeness in the text. When the matched claim sits in a nested attribution
//! (the tweet's "Russia had told the US …"), the nested one is the target.

use std::collections::{HashMap, HashSet};

use hearsay_doc::{Dispute, DisputeBasis, Doc, EntityType, TokenKind, TokenSpan};

use hearsay_attrib::lex;

use crate::util::{self, Tree};

/// Rebuttal words inside content; each pattern is a sequence of word prefixes.
const REBUTTALS: &[&[&str]] = &[
    &["guesswork"],
    &["error"],
    &["errors"],
    &["fairy", "tale"],
    &["rubbish"],
    &["rewriting", "history"],
    &["without", "merit"],
    &["no", "merit"],
    &["not", "a", "single"],
    &["misinformation"],
    &["not", "true"],
    &["untrue"],
    &["false"],
    &["falsehood"],
    &["no", "idea"],
    &["exaggerat"],
    &["fabricat"],
    &["baseless"],
    &["groundless"],
    &["nonsense"],
    &["no", "evidence"],
    &["no", "basis"],
    &["misread"],
    &["inaccura"],
    &["incorrect"],
    &["misleading"],
    &["absurd"],
    &["wrong"],
    &["no", "such"],
    &["did", "n't", "know", "where"],
    &["did", "not", "know", "where"],
    &["did", "n't", "know", "what"],
    &["did", "not", "know", "what"],
    &["lie"],
    &["lies"],
    &["lying"],
    &["fiction"],
    &["fake"],
    &["distort"],
    &["misrepresent"],
    &["mischaracteri"],
    &["speculation"],
    &["rumour"],
    &["rumor"],
    &["not", "the", "case"],
    &["never", "happened"],
    &["is", "not"],
    &["no", "reason", "to", "doubt"],
    &["ridiculous"],
    &["unfounded"],
    &["smear"],
    &["invent"],
    &["made", "up"],
];

const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "that", "this", "it", "its", "was", "were", "is", "are", "be", "been", "had", "has", "have",
    "would", "will", "could", "not", "no", "as", "but", "their", "there", "they", "he", "she",
    "his", "her", "which", "who", "what", "said", "says", "say", "than", "more", "most", "about",
    "into", "over", "after", "before", "any", "all", "did", "do", "does", "n't", "’s", "'s", "we",
    "our", "i", "my", "you", "your", "them", "him", "so", "if", "then", "also", "just",
];

fn content_words(doc: &Doc, pieces: &[TokenSpan]) -> Vec<String> {
    let mut v: Vec<String> = pieces
        .iter()
        .flat_map(|s| s.start..s.end)
        .filter(|&t| !util::is_punct(doc, t))
        .map(|t| util::lower(doc, t))
        .filter(|w| w.len() > 2 && !STOP.contains(&w.as_str()))
        .map(|w| {
            // A crude stem: no plural -s, at most six letters ("dozens" = "dozen").
            let w = w
                .strip_suffix('s')
                .filter(|x| x.len() > 2)
                .unwrap_or(&w)
                .to_string();
            w.chars().take(6).collect()
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Each claim's [`content_words`] as ids (the same id for the same word), in increasing order:
/// comparing two claims' words is then a merge of two short integer lists instead of string
/// binary searches.
fn word_ids(claims: impl Iterator<Item = Vec<String>>) -> Vec<Vec<u32>> {
    let mut ids: HashMap<String, u32> = HashMap::new();
    claims
        .map(|ws| {
            let mut v: Vec<u32> = ws
                .into_iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect();
            v.sort_unstable();
            v
        })
        .collect()
}

/// How many of the (distinct, sorted) ids of `a` are in `b`.
fn shared_ids(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The span of the first rebuttal pattern inside the content pieces.
fn rebuttal(doc: &Doc, pieces: &[TokenSpan]) -> Option<TokenSpan> {
    for s in pieces {
        let words: Vec<String> = (s.start..s.end)
            .map(|t| util::lower(doc, t).replace('’', "'"))
            .collect();
        for pat in REBUTTALS {
            for i in 0..words.len() {
                if i + pat.len() <= words.len()
                    && pat.iter().zip(&words[i..]).all(|(p, w)| {
                        if p.len() <= 3 {
                            w == p
                        } else {
                            w.starts_with(p)
                        }
                    })
                {
                    // "is not" only when followed by a noun phrase/adjective that the speaker
                    // rejects ("Three is not forty") — keep it inside quotations only.
                    if pat.len() == 2
                        && pat[0] == "is"
                        && !doc.tokens[(s.start as usize) + i].in_quote
                    {
                        continue;
                    }
                    return Some(TokenSpan::new(
                        s.start as usize + i,
                        s.start as usize + i + pat.len(),
                    ));
                }
            }
        }
    }
    None
}

/// Content words a claim must share with a claim of the side its speaker already disputes to
/// count as disputing it too.
const SIDE_MIN_SHARED: usize = 1;

/// How far a claim that disputes without naming what it disputes (a side's claim, a negated
/// claim, a rebuttal phrase) may be from the claim it answers, in attributions: up to this
/// many before it (a rebuttal answers what was just said; on dev and train, answers further
/// away were nearly all wrong) …
const ANSWER_BEFORE: usize = 8;
/// … or the one right after it, for a side's claim …
const SIDE_AFTER: usize = 1;
/// … or the two right after it, for a negated claim or a rebuttal phrase (a denial in the
/// lead answers the accusation the body lays out next).
const REPLY_AFTER: usize = 2;

/// The match a rebuttal phrase needs with a claim it shares two content words with (the
/// others need 0.99).
const REBUTTAL_SHARED_MIN_SCORE: f32 = 0.8;

/// The match a merely negated claim needs with its target (see [`find`]).
const NEGATION_MIN_SCORE: f32 = 1.2;

/// What a lead denial's match gains for the body's first claim by the other side: enough on
/// its own to pass the threshold of a denial (0.99) after the closeness penalty, so that a
/// lead denial sharing no word with the accusation still answers it.
const LEAD_BONUS: f32 = 1.05;

/// What a claim nested in a denial verb's own content gains: the verb's object is the claim
/// it denies.
const OWN_NESTED_BONUS: f32 = 2.0;

/// What a claim made after a denial outside the lead loses against the earlier ones (see the
/// closeness penalty in [`find`]).
const LATER_CLAIM_PENALTY: f32 = 0.2;

/// What the claim made earlier in the denial's own sentence gains when the denial's object is
/// a noun for a claim ("X said …, a claim his rivals called “pure invention”"): the
/// apposition points at it, past a lead denial's usual answer in the body.
const SAME_SENTENCE_CLAIM_BONUS: f32 = 2.0;

/// Does the head of a denial's object name the speech act of cue `cue` ("denied the
/// accusation" for "… which she accused of …", "rejected the claim" for "claimed",
/// "dismissed the allegations" for "alleged")? The object's first few words are read.
fn object_names_cue(doc: &Doc, pieces: &[TokenSpan], cue: TokenSpan) -> bool {
    const STEMS: &[(&str, &str)] = &[
        // An accusation is also called a claim, an allegation or a charge ("rejected the
        // claims" after "has accused").
        ("accusation", "accus"),
        ("accusation", "alleg"),
        ("allegation", "alleg"),
        ("allegation", "accus"),
        ("claim", "claim"),
        // "rejected a newspaper report that …" for "reported that …".
        ("report", "report"),
        ("claim", "accus"),
        ("claim", "alleg"),
        ("charge", "charg"),
        ("charge", "accus"),
        ("suggestion", "suggest"),
        ("assertion", "assert"),
        ("warning", "warn"),
        ("criticism", "critic"),
        ("complaint", "complain"),
        ("prediction", "predict"),
        ("insinuation", "insinuat"),
    ];
    // The object, not a clause ("denied that any warning had been ignored").
    let Some(p) = pieces.first().filter(|p| {
        !matches!(
            util::lower(doc, p.start).as_str(),
            "that" | "whether" | "if"
        )
    }) else {
        return false;
    };
    (p.start..p.end.min(p.start + 4)).any(|t| {
        let w = util::lower(doc, t);
        let w = w.strip_suffix('s').unwrap_or(&w);
        STEMS.iter().any(|&(noun, stem)| {
            noun == w && (cue.start..cue.end).any(|u| util::lower(doc, u).starts_with(stem))
        })
    })
}

/// The first negation inside the content pieces.
fn negation(doc: &Doc, pieces: &[TokenSpan]) -> Option<TokenSpan> {
    pieces.iter().flat_map(|s| s.start..s.end).find_map(|t| {
        let w = util::lower(doc, t).replace('’', "'");
        matches!(
            w.as_str(),
            "not" | "never" | "no" | "n't" | "nobody" | "nothing" | "none" | "neither" | "nor"
        )
        .then(|| TokenSpan::new(t as usize, t as usize + 1))
    })
}

/// Do two attributions' contents share words (one passage read as the content of both)?
fn same_words(a: &hearsay_doc::Attribution, b: &hearsay_doc::Attribution) -> bool {
    a.content
        .iter()
        .any(|p| b.content.iter().any(|q| util::overlaps(*p, *q)))
}

/// How many attributions either side of a denial are candidate targets (keeps huge inputs
/// linear; an article has far fewer).
const WINDOW: usize = 80;

/// Mentions sorted by position and the pairs of entities on one side, computed once.
struct Ctx<'d> {
    mentions: &'d [hearsay_doc::Mention],
    allies: HashSet<(u32, u32)>,
}

impl<'d> Ctx<'d> {
    fn new(doc: &'d Doc) -> Ctx<'d> {
        let m = &doc.mentions;
        let mut allies = HashSet::new();
        // One entity's mention containing another's ("Kremlin spokesman Dmitry Peskov").
        for (k, o) in m.iter().enumerate() {
            for i in m[k + 1..]
                .iter()
                .take_while(|i| i.span.start < o.span.end)
                .take(32)
            {
                // Mentions that start together come in either order ("His" and "His lawyer,
                // Nina Ortiz").
                // … but "his rivals", "her critics" are the other side.
                let (outer, inner) = if util::contains(o.span, i.span) {
                    (o, i)
                } else {
                    (i, o)
                };
                let opponents = (inner.span.end..outer.span.end).any(|t| {
                    matches!(
                        util::lower(doc, t).as_str(),
                        "rival"
                            | "rivals"
                            | "opponent"
                            | "opponents"
                            | "critic"
                            | "critics"
                            | "challenger"
                            | "challengers"
                            | "enemies"
                            | "detractors"
                    )
                });
                if i.entity != o.entity
                    && (util::contains(o.span, i.span) || util::contains(i.span, o.span))
                    && !opponents
                {
                    allies.insert((o.entity.min(i.entity), o.entity.max(i.entity)));
                }
            }
        }
        // A person and the organisation their title names ("police spokesman Arne Holt" and
        // "Police"): a word before the name that is an organisation's whole one-word name or
        // the last word of it.
        let org_last: HashMap<String, Vec<u32>> = {
            let mut h: HashMap<String, Vec<u32>> = HashMap::new();
            for (k, e) in doc.entities.iter().enumerate() {
                if matches!(e.etype, EntityType::Organization | EntityType::Group)
                    && !e.name.is_empty()
                {
                    h.entry(util::lower(doc, e.name.end - 1))
                        .or_default()
                        .push(k as u32);
                }
            }
            h
        };
        for o in m {
            let Some(e) = doc.entities.get(o.entity as usize) else {
                continue;
            };
            if e.etype != EntityType::Person || e.name.is_empty() || o.span.start >= e.name.start {
                continue;
            }
            for t in o.span.start..e.name.start.min(o.span.end) {
                for &org in org_last.get(&util::lower(doc, t)).into_iter().flatten() {
                    let on = doc.entities[org as usize].name;
                    // Not the organisation's own mention inside the title ("Kremlin" is one
                    // mention already; this is for titles the tagger left unnamed).
                    if on.len() == 1 && org != o.entity {
                        allies.insert((o.entity.min(org), o.entity.max(org)));
                    }
                }
            }
        }
        // An unnamed source and the organisation it belongs to ("a ministry spokeswoman").
        for a in &doc.attributions {
            if let (Some(x), Some(y)) = (a.speaker, a.anonymous.and_then(|an| an.affiliation)) {
                if x != y {
                    allies.insert((x.min(y), x.max(y)));
                }
            }
        }
        Ctx {
            mentions: m,
            allies,
        }
    }

    fn allied(&self, x: u32, y: u32) -> bool {
        self.allies.contains(&(x.min(y), x.max(y)))
    }

    /// Mentions that overlap `s`.
    fn mentions_in(&self, s: TokenSpan) -> impl Iterator<Item = &'d hearsay_doc::Mention> {
        let from = self
            .mentions
            .partition_point(|m| m.span.start + 64 < s.start);
        self.mentions[from..]
            .iter()
            .take_while(move |m| m.span.start < s.end)
            .filter(move |m| util::overlaps(m.span, s))
    }
}

pub fn find(doc: &mut Doc, _tree: &Tree) {
    let n = doc.attributions.len();
    let ctx = Ctx::new(doc);
    let words = word_ids(
        doc.attributions
            .iter()
            .map(|a| content_words(doc, &a.content)),
    );
    // The first attribution past the lead paragraph: where a lead denial's target is sought
    // (computed once, so a document that is one huge paragraph stays linear).
    let para = |t: u32| doc.sentences[doc.tokens[t as usize].sentence as usize].paragraph;
    let first_body = doc
        .attributions
        .iter()
        .position(|b| b.cue.is_some_and(|x| para(x.start) > 0))
        .unwrap_or(n);
    let mut out = Vec::new();
    for d in 0..n {
        let a = &doc.attributions[d];
        if a.via.is_some() {
            continue;
        }
        let Some(cue) = a.cue else { continue };
        // "who asked not to be named" is no denial; a source is needed to dispute anything.
        if a.source.is_none() || (cue.start..cue.end).any(|t| util::lower(doc, t) == "asked") {
            continue;
        }
        let verb = (cue.start..cue.end).find(|&t| lex::is_denial_verb(&util::lower(doc, t)));
        // A negated claim ("no one had been asked to stay silent") disputes only a claim it
        // clearly answers, so it needs a stronger match than a denial verb or a rebuttal.
        // A characterisation of someone's claim in quotation marks ("called the Posten's
        // story “a hit job”", "called the union's claims “opportunistic”") disputes it
        // whatever the words are.
        let characterises = (cue.start..cue.end).any(|t| {
            let w = util::lower(doc, t);
            w.starts_with("call") || w.starts_with("label") || w.starts_with("brand")
        }) && a.content.first().is_some_and(|p| {
            // The claim noun before the quotation, in the same piece or in a piece of its own
            // before it ("a claim | … | “pure invention.”").
            let quote = (p.start..p.end).find(|&t| doc.tokens[t as usize].kind == TokenKind::Quote);
            let quoted_later = a.content[1..]
                .iter()
                .any(|q| (q.start..q.end).any(|t| doc.tokens[t as usize].kind == TokenKind::Quote));
            let end = quote.or(quoted_later.then_some(p.end));
            end.is_some_and(|q| (p.start..q).any(|t| lex::is_claim_noun(&util::lower(doc, t))))
        });
        let (dcue, min_score, basis) = match verb {
            Some(_) => (Some(cue), 0.99, DisputeBasis::DenialVerb),
            None if characterises => (Some(cue), 0.99, DisputeBasis::Characterisation),
            None => match rebuttal(doc, &a.content) {
                Some(r) => (Some(r), 0.99, DisputeBasis::Rebuttal),
                None => (
                    negation(doc, &a.content),
                    NEGATION_MIN_SCORE,
                    DisputeBasis::Negation,
                ),
            },
        };
        let Some(dcue) = dcue else { continue };
        // Rebuttal or negation words inside a speech act nested in this one are that speaker's
        // ("quoted a rider as saying a team doctor had told them it was “nothing to worry
        // about”"), not this speaker's denial.
        if verb.is_none()
            && !characterises
            && doc.attributions[d + 1..(d + WINDOW).min(n)]
                .iter()
                .any(|b| {
                    b.parent == Some(d as u32) && b.content.iter().any(|p| util::overlaps(*p, dcue))
                })
        {
            continue;
        }
        // Words that point at a reported claim: "the report", "the idea", "that claim".
        let pieces: Vec<TokenSpan> = a.content.clone();
        let refers_report = pieces.iter().flat_map(|s| s.start..s.end).any(|t| {
            matches!(
                util::lower(doc, t).as_str(),
                "report" | "reports" | "article" | "story" | "newspaper" | "reporting"
            )
        });
        let mut best: Option<(f32, usize)> = None;
        let window = d.saturating_sub(WINDOW)..(d + WINDOW).min(n);
        // A denial in the lead paragraph answers the claim the body then lays out: the first
        // claim after the lead by someone not on the denier's side (news writes the denial
        // first and the accusation after it).
        let body_claim = (para(cue.start) == 0)
            .then(|| {
                (first_body.max(d + 1)..(d + WINDOW).min(n)).find(|&c| {
                    let b = &doc.attributions[c];
                    b.cue
                        .is_some_and(|x| para(x.start) > 0 && !claimless_cue(doc, x))
                        && b.via.is_none()
                        && b.speaker.is_some()
                        && b.speaker != a.speaker
                        && !a
                            .speaker
                            .zip(b.speaker)
                            .is_some_and(|(x, y)| ctx.allied(x, y))
                })
            })
            .flatten();
        for c in window.clone() {
            if c == d {
                continue;
            }
            // A negated claim or a rebuttal phrase ("not true", "no idea") answers what was
            // said shortly before it (or, from the lead only, what the body says right after
            // it);
            // a denial verb or a characterisation names what it answers, wherever it is.
            if matches!(basis, DisputeBasis::Negation | DisputeBasis::Rebuttal)
                && (c + ANSWER_BEFORE < d || c > d + REPLY_AFTER || (c > d && para(cue.start) > 0))
            {
                continue;
            }
            let b = &doc.attributions[c];
            // (A request nested in a denial verb's own content is what it denies: "denied a
            // report that his client had asked to leave".)
            let own_request = verb.is_some() && b.parent == Some(d as u32);
            if b.cue.is_none()
                || b.via.is_some()
                || (claimless_cue(doc, b.cue.unwrap()) && !own_request)
            {
                continue;
            }
            // A nested speech act does not dispute the one reporting it.
            if a.parent == Some(c as u32) {
                continue;
            }
            // Nor words it shares with the denial (two readings of one passage), unless it is
            // the claim nested in the denial's own content.
            if b.parent != Some(d as u32) && same_words(a, b) {
                continue;
            }
            if a.speaker.is_some() && a.speaker == b.speaker {
                continue;
            }
            // Nor one by the denier's own side ("Kremlin spokesman Dmitry Peskov" does not
            // dispute the Kremlin).
            if let (Some(x), Some(y)) = (a.speaker, b.speaker) {
                if ctx.allied(x, y) {
                    continue;
                }
            }
            // Not an attribution inside the denial itself, except the claim a denial verb
            // names as its object ("dismissed as “rubbish” a report that senior players had
            // complained to the board").
            let own_nested = b.parent == Some(d as u32);
            if own_nested && verb.is_none() {
                continue;
            }
            let shared = shared_ids(&words[d], &words[c]);
            let denom = words[d].len().min(words[c].len()).max(1) as f32;
            let mut score = shared as f32 / denom.sqrt();
            // The target's speaker named in the denial, or its source's head noun taken up
            // with a determiner ("called the analysis “absurd”" after "An analysis published
            // on Tuesday found …").
            let head_named = b
                .source
                .and_then(|src| util::span_head(doc, src))
                .filter(|&h| {
                    util::pos(doc, h).starts_with("NN") && !util::pos(doc, h).starts_with("NNP")
                })
                .is_some_and(|h| {
                    let w = util::lower(doc, h);
                    // At the head of the denial's object, not a possessor ("the fund's
                    // servers") or a later subject.
                    pieces.first().is_some_and(|p| {
                        (p.start + 1..p.end.min(p.start + 3)).any(|t| {
                            util::lower(doc, t) == w
                                && matches!(
                                    util::lower(doc, t - 1).as_str(),
                                    "the" | "that" | "this" | "its" | "their"
                                )
                                && (t + 1 >= p.end
                                    || !matches!(doc.token_text(t + 1), "'s" | "’s" | "'" | "’"))
                        })
                    })
                });
            // … or a possessor at the head of the denial's object that is a word of the
            // target's source ("called the Posten's story …", "the union's claims").
            // Further in, only before a noun for a claim ("and that the mayor's figures were
            // “simply wrong”").
            let possessor_named = b.source.is_some_and(|src| {
                let of_source = |t: u32| {
                    (src.start..src.end).any(|u| util::lower(doc, u) == util::lower(doc, t))
                };
                let possessor = |p: &TokenSpan, t: u32| {
                    t + 1 < p.end && matches!(doc.token_text(t + 1), "'s" | "’s") && of_source(t)
                };
                pieces
                    .first()
                    .is_some_and(|p| (p.start..p.end.min(p.start + 4)).any(|t| possessor(p, t)))
                    || pieces.iter().any(|p| {
                        (p.start..p.end.saturating_sub(2)).any(|t| {
                            possessor(p, t) && lex::is_claim_noun(&util::lower(doc, t + 2))
                        })
                    })
            });
            if let Some(e) = b.speaker {
                let named = head_named
                    || possessor_named
                    || pieces
                        .iter()
                        .any(|p| ctx.mentions_in(*p).any(|m| m.entity == e));
                if named {
                    score += 1.5;
                }
                let etype = doc.entities.get(e as usize).map(|x| x.etype);
                if refers_report
                    && matches!(etype, Some(EntityType::Media) | Some(EntityType::Document))
                {
                    score += 1.5;
                }
            }
            // A claim about the denier ("Rostec had cut its staff", denied by Rostec).
            if let Some(me) = a.speaker {
                let about_me = b.content.iter().any(|p| {
                    ctx.mentions_in(*p)
                        .any(|m| m.entity == me || ctx.allied(me, m.entity))
                });
                if about_me {
                    score += 1.0;
                }
            }
            if body_claim == Some(c) {
                score += LEAD_BONUS;
            }
            if verb.is_some() && object_names_cue(doc, &pieces, b.cue.unwrap()) {
                score += 1.5;
            }
            // "X said …, a claim his rivals called “pure invention”": a claim noun at the
            // head of the object answers the claim made earlier in the same sentence.
            let claim_object = pieces.first().is_some_and(|p| {
                (p.start..p.end.min(p.start + 3)).any(|t| lex::is_claim_noun(&util::lower(doc, t)))
            });
            let bc = b.cue.unwrap();
            if (verb.is_some() || characterises)
                && claim_object
                && bc.start < cue.start
                && doc.tokens[bc.start as usize].sentence == doc.tokens[cue.start as usize].sentence
            {
                score += SAME_SENTENCE_CLAIM_BONUS;
            }
            if own_nested {
                score += OWN_NESTED_BONUS;
            }
            // Closeness.
            let (x, y) = (cue.start as f32, b.cue.unwrap().start as f32);
            score -= (x - y).abs() / 2000.0;
            // Outside the lead, what a denial answers has mostly been said already: a later
            // claim wins only on more than a tie ("Brenner disputed the audit's figures"
            // answers the audit, not the audit office's reply three sentences on).
            if c > d && para(cue.start) > 0 {
                score -= LATER_CLAIM_PENALTY;
            }
            // A rebuttal phrase ("“no idea” who could have given riders such a drug") needs a
            // weaker match with a claim it shares two content words with.
            let floor = if basis == DisputeBasis::Rebuttal && shared >= 2 {
                REBUTTAL_SHARED_MIN_SCORE
            } else {
                min_score
            };
            if score > best.map_or(floor, |(s, _)| s) {
                best = Some((score, c));
            }
        }
        // "rejected that account", "denied the report", "have already denied, which": an
        // anaphoric content points at the closest report by someone else when it (or the noun
        // a relative "which" refers to) is a report, else at the closest earlier claim.
        // … and so does a characterisation of "that claim" (the words before its quotation).
        let short: usize = if verb.is_none() && characterises {
            pieces.first().map_or(0, |p| {
                (p.start..p.end)
                    .take_while(|&t| doc.tokens[t as usize].kind != TokenKind::Quote)
                    .count()
            })
        } else {
            // "dismissed that as “nonsense”": the object is what comes before "as" or a
            // quotation.
            pieces
                .iter()
                .flat_map(|p| p.start..p.end)
                .take_while(|&t| {
                    doc.tokens[t as usize].kind != TokenKind::Quote && util::lower(doc, t) != "as"
                })
                .count()
        };
        // "said that was “simply not true.”": a rebuttal whose subject is a pronoun answers
        // the claim before it, whatever its words.
        // (Not an extraposed "It was “not true” that any rider …": a short content only.)
        let pronoun_subject = basis == DisputeBasis::Rebuttal
            && pieces.len() == 1
            && pieces[0].len() <= 8
            && pieces.first().is_some_and(|p| {
                let w = |k: u32| (p.start + k < p.end).then(|| util::lower(doc, p.start + k));
                let (first, second) = match w(0).as_deref() {
                    Some("that") if w(1).as_deref() == Some("that") => (w(1), w(2)),
                    _ => (w(0), w(1)),
                };
                matches!(first.as_deref(), Some("that" | "this" | "it"))
                    && matches!(second.as_deref(), Some("was" | "is" | "'s" | "’s"))
            });
        let anaphoric = (verb.is_some() || characterises) && short <= 4 || pronoun_subject;
        if best.is_none() && anaphoric {
            let report_word = |t: usize| {
                matches!(
                    util::lower(doc, t as u32).as_str(),
                    "report" | "reports" | "article" | "articles" | "story" | "newspaper"
                )
            };
            let antecedent_report = pieces.iter().any(|p| {
                (p.start..p.end).any(|t| {
                    matches!(util::lower(doc, t).as_str(), "which" | "that")
                        && (t.saturating_sub(4)..t).any(|x| report_word(x as usize))
                })
            });
            let is_media = |c: usize| {
                doc.attributions[c]
                    .speaker
                    .and_then(|e| doc.entities.get(e as usize))
                    .is_some_and(|e| e.etype == EntityType::Media)
            };
            let other = |c: usize| {
                let b = &doc.attributions[c];
                c != d
                    && b.cue.is_some_and(|x| !claimless_cue(doc, x))
                    && b.via.is_none()
                    && b.speaker.is_some()
                    && b.speaker != a.speaker
                    && a.parent != Some(c as u32)
                    // A denial is not the claim another denial points back to.
                    && b.cue.is_some_and(|x| !(x.start..x.end).any(|t| lex::is_denial_verb(&util::lower(doc, t))))
            };
            // Earlier claims first (nearest first), then later ones.
            let at = |c: usize| doc.attributions[c].cue.unwrap().start;
            let mut order: Vec<usize> = window.clone().filter(|&c| other(c)).collect();
            order.sort_by_key(|&c| {
                if at(c) < cue.start {
                    (0, cue.start - at(c))
                } else {
                    (1, at(c) - cue.start)
                }
            });
            best = if refers_report || antecedent_report {
                order.iter().copied().find(|&c| is_media(c))
            } else {
                // "that account": a claim made in its own right, not one reported inside it.
                order
                    .iter()
                    .copied()
                    .find(|&c| at(c) < cue.start && doc.attributions[c].parent.is_none())
            }
            .map(|c| (1.0, c));
        }
        let Some((_, mut t)) = best else { continue };
        let lexical = |c: usize| {
            let shared = shared_ids(&words[d], &words[c]);
            let denom = words[d].len().min(words[c].len()).max(1) as f32;
            (shared, shared as f32 / denom.sqrt())
        };
        // The disputed speaker is decided; which of their claims? The one sharing the most
        // words with the denial, and on a tie their first (the claim the story is about):
        // a denial answers a speaker's main claim more often than a later elaboration.
        if let Some(sp) = doc.attributions[t].speaker {
            let theirs: Vec<usize> = window
                .clone()
                .filter(|&c| {
                    let b = &doc.attributions[c];
                    b.speaker == Some(sp)
                        && b.parent.is_none()
                        && b.via.is_none()
                        && b.cue.is_some_and(|x| !claimless_cue(doc, x))
                })
                .collect();
            if let Some(&first) = theirs.first() {
                let best_lex = theirs.iter().map(|&c| lexical(c).0).max().unwrap_or(0);
                // A bare "rejected that" answers the claim just before it, not their first
                // ("that account", "the explanation" name their main claim).
                let bare = pronoun_subject
                    || pieces.len() == 1
                        && pieces[0].len() == 1
                        && matches!(
                            util::lower(doc, pieces[0].start).as_str(),
                            "that" | "this" | "it"
                        );
                let last_before = theirs
                    .iter()
                    .copied()
                    .rfind(|&c| doc.attributions[c].cue.is_some_and(|x| x.start < cue.start));
                // "denied the accusation": the claim made with "accused".
                let named_act = theirs.iter().copied().find(|&c| {
                    verb.is_some()
                        && object_names_cue(doc, &pieces, doc.attributions[c].cue.unwrap())
                });
                // "disputes that figure": their latest claim with a number in it.
                let numeric = pieces.first().is_some_and(|p| {
                    (p.start..p.end.min(p.start + 3)).any(|t| {
                        matches!(
                            util::lower(doc, t).as_str(),
                            "figure"
                                | "figures"
                                | "number"
                                | "numbers"
                                | "estimate"
                                | "tally"
                                | "count"
                        )
                    })
                });
                let with_number = theirs.iter().copied().rfind(|&c| {
                    let b = &doc.attributions[c];
                    b.cue.is_some_and(|x| x.start < cue.start)
                        && b.content
                            .iter()
                            .any(|p| (p.start..p.end).any(|t| util::pos(doc, t) == "CD"))
                });
                t = if let Some(c) = named_act {
                    c
                } else if let (true, Some(c)) = (numeric, with_number) {
                    c
                } else if best_lex == 0 && bare {
                    last_before.unwrap_or(first)
                } else if best_lex == 0 {
                    first
                } else if lexical(t).0 == best_lex {
                    t
                } else {
                    *theirs
                        .iter()
                        .find(|&&c| lexical(c).0 == best_lex)
                        .unwrap_or(&first)
                };
            }
        }
        let t = carrier(doc, &words, d, t, window);
        out.push(Dispute {
            by: d as u32,
            target: t as u32,
            cue: dcue,
            basis,
        });
    }
    // "The newspaper said it stood by its story": standing by a claim answers the first
    // attribution that disputed it (the denial the story drew), once that one is found.
    let mut stands = Vec::new();
    for (d, a) in doc.attributions.iter().enumerate() {
        let Some(me) = a.speaker else { continue };
        if a.via.is_some() {
            continue;
        }
        let Some(at) = a.content.iter().find_map(|p| {
            (p.start..p.end.saturating_sub(1)).find(|&t| {
                matches!(
                    util::lower(doc, t).as_str(),
                    "stood" | "stands" | "stand" | "standing"
                ) && util::lower(doc, t + 1) == "by"
            })
        }) else {
            continue;
        };
        let mine = |e: Option<u32>| e.is_some_and(|e| e == me || ctx.allied(e, me));
        let first = out
            .iter()
            .filter(|x| {
                (x.by as usize) < d
                    && mine(doc.attributions[x.target as usize].speaker)
                    && !mine(doc.attributions[x.by as usize].speaker)
            })
            .map(|x| x.by)
            .min();
        if let Some(t) = first {
            stands.push(Dispute {
                by: d as u32,
                target: t,
                cue: TokenSpan {
                    start: at,
                    end: at + 2,
                },
                basis: DisputeBasis::Rebuttal,
            });
        }
    }
    // Sides: once X disputes Y, X's other claims that share words with a claim of Y's dispute
    // it too (the rest of a rebuttal rarely repeats the denial verb).
    let sides: HashSet<(u32, u32)> = out
        .iter()
        .filter_map(|x| {
            Some((
                doc.attributions[x.by as usize].speaker?,
                doc.attributions[x.target as usize].speaker?,
            ))
        })
        .collect();
    // Each entity with its allies: X opposes Y when some ally of X (or X) disputes some ally
    // of Y (or Y). Looked up pair by pair, so many disputes stay linear.
    let mut allies_of: HashMap<u32, Vec<u32>> = HashMap::new();
    for &(x, y) in &ctx.allies {
        allies_of.entry(x).or_default().push(y);
        allies_of.entry(y).or_default().push(x);
    }
    let side = |e: u32| std::iter::once(e).chain(allies_of.get(&e).into_iter().flatten().copied());
    let already: HashSet<usize> = out.iter().map(|x| x.by as usize).collect();
    let mut more = Vec::new();
    for d in 0..n {
        let a = &doc.attributions[d];
        let (Some(me), Some(cue)) = (a.speaker, a.cue) else {
            continue;
        };
        if already.contains(&d) || a.via.is_some() || a.parent.is_some() || claimless_cue(doc, cue)
        {
            continue;
        }
        let window = d.saturating_sub(ANSWER_BEFORE)..(d + SIDE_AFTER + 1).min(n);
        let mut best: Option<(usize, usize)> = None;
        for c in window {
            let b = &doc.attributions[c];
            let Some(them) = b.speaker else { continue };
            let opposed = side(me).any(|x| side(them).any(|y| sides.contains(&(x, y))));
            if c == d
                || !opposed
                || b.via.is_some()
                || b.cue.is_none_or(|x| claimless_cue(doc, x))
                || (b.parent != Some(d as u32) && same_words(a, b))
            {
                continue;
            }
            let shared = shared_ids(&words[d], &words[c]);
            if shared >= SIDE_MIN_SHARED && best.is_none_or(|(s, _)| shared > s) {
                best = Some((shared, c));
            }
        }
        if let Some((_, t)) = best {
            let t = carrier(
                doc,
                &words,
                d,
                t,
                d.saturating_sub(WINDOW)..(d + WINDOW).min(n),
            );
            more.push(Dispute {
                by: d as u32,
                target: t as u32,
                cue,
                basis: DisputeBasis::Side,
            });
        }
    }
    out.extend(more);
    // (Standing by a claim makes no sides: the claim's author already opposes the denier.)
    out.extend(stands);
    doc.disputes = out;
}

/// The most specific carrier of the claim that attribution `d` disputes, given the
/// attribution `t` it answers: a nested attribution of the target's speaker that matches
/// the denial as well as the target does, or whose source the denial names ("no manager had
/// issued any such instruction" answers "… a manager had told her team …" inside a former
/// employee's account).
fn carrier(
    doc: &Doc,
    words: &[Vec<u32>],
    d: usize,
    t: usize,
    window: std::ops::Range<usize>,
) -> usize {
    let a = &doc.attributions[d];
    let lexical = |c: usize| {
        let shared = shared_ids(&words[d], &words[c]);
        let denom = words[d].len().min(words[c].len()).max(1) as f32;
        (shared, shared as f32 / denom.sqrt())
    };
    let score = lexical(t).1;
    let denial_words: HashSet<String> = a
        .content
        .iter()
        .flat_map(|p| p.start..p.end)
        .filter(|&t| util::pos(doc, t).starts_with("NN"))
        .map(|t| util::lower(doc, t))
        .collect();
    let theirs = doc.attributions[t].speaker;
    let mut out = t;
    for c in window {
        let b = &doc.attributions[c];
        let Some(p) = b.parent else { continue };
        let in_target = p as usize == t;
        let in_theirs = theirs.is_some() && doc.attributions[p as usize].speaker == theirs;
        if !(in_target || in_theirs) || b.speaker == a.speaker || p as usize == d {
            continue;
        }
        let (shared, s) = lexical(c);
        let names_source = b
            .source
            .and_then(|src| util::span_head(doc, src))
            .is_some_and(|h| {
                util::pos(doc, h).starts_with("NN") && denial_words.contains(&util::lower(doc, h))
            });
        // The target speaker's own earlier speech act, holding every word the denial shares
        // with the target: it is what the denial answers ("dismissed the piracy charge"
        // against "she had summoned the ambassador and told him the seizure was “an act of
        // piracy …”").
        let all_shared = in_target
            && theirs.is_some()
            && b.speaker == theirs
            && shared >= 1
            && shared == lexical(t).0;
        if (in_target && s >= 0.6 * score && shared >= 2) || names_source || all_shared {
            out = c;
        }
    }
    out
}

/// A cue that carries no claim of its own to dispute or to dispute with: the PolNeAR-style
/// participle of a relay ("cited", "citing", "quoted"), a plea ("has pleaded not guilty"), a
/// question ("Asked whether …"), or a (non-)response ("did not respond to that report",
/// "declined to comment").
fn claimless_cue(doc: &Doc, cue: TokenSpan) -> bool {
    let request = |t: u32| request(doc, t);
    (cue.start..cue.end).any(|t| {
        let w = util::lower(doc, t);
        w.starts_with("cit")
            || w.starts_with("quot")
            || w.starts_with("plead")
            || w == "pled"
            || w.starts_with("respond")
            || w.starts_with("comment")
            || w.starts_with("declin")
            // "He did not say which commitments he meant": a negated cue claims nothing.
            || matches!(w.as_str(), "not" | "n't" | "never")
            || (w == "asked" || w == "asking") && !request(t)
    })
}

/// "had asked to leave", "asked for a transfer": a request someone is reported to have
/// made, which can be denied, unlike a question put to them ("Asked whether …").
fn request(doc: &Doc, t: u32) -> bool {
    (t as usize + 1) < doc.tokens.len() && matches!(util::lower(doc, t + 1).as_str(), "to" | "for")
}

#[cfg(test)]
mod id_tests {
    use super::*;

    /// Shared-word counts over ids equal the string binary searches they replace.
    #[test]
    fn shared_ids_count_as_string_search_does() {
        let claims: Vec<Vec<String>> = [
            "minist plan tax cut voter",
            "plan tax voter",
            "",
            "report false minist cut",
            "zebra",
        ]
        .iter()
        .map(|c| {
            let mut v: Vec<String> = c.split_whitespace().map(String::from).collect();
            v.sort();
            v
        })
        .collect();
        let ids = word_ids(claims.clone().into_iter());
        for (a, ia) in claims.iter().zip(&ids) {
            assert_eq!(ia.len(), a.len());
            for (b, ib) in claims.iter().zip(&ids) {
                let want = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
                assert_eq!(shared_ids(ia, ib), want, "{a:?} {b:?}");
            }
        }
    }
}
