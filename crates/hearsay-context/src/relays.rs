//! Relays: a source that passes on what a cited source said.
//!
//! * "The paper reported that Z, citing a person close to the ministry." The extractor gives
//!   the report (paper, *reported*, *that Z*) and, PolNeAR-style, a participle attribution
//!   (paper, *citing*, *a person close to the ministry*). The relay adds the inner
//!   attribution: source *a person close to the ministry*, cue *citing*, content *that Z*,
//!   `via` the report.
//! * "Interfax cited an unnamed source as saying Z." The extractor gives (Interfax, *cited*,
//!   *an unnamed source as saying Z*); the relay adds (*an unnamed source*, *as saying*, *Z*)
//!   with `via` Interfax's.
//!
//! * "The Post, which cited two officials, reported Z", "The agency said, quoting Y, that Z",
//!   "In a report that cited Y, the Herald said Z": the relay clause inside the source, after
//!   the cue or before the source gives Y an attribution via the outer one.
//!
//! Relayed attributions are appended after the extractor's; brat output and PolNeAR scoring
//! skip them (PolNeAR is univocal), like nested ones.

use hearsay_doc::{AttrKind, Attribution, Doc, TokenId, TokenSpan};

use crate::util::{self, Tree};

/// Whether a cue is a relay word: cite, cited, citing, quote, quoted, quoting.
fn is_relay_cue(doc: &Doc, cue: TokenSpan) -> bool {
    (cue.start..cue.end).any(|t| {
        let w = util::lower(doc, t);
        w.starts_with("cit") || w.starts_with("quot")
    })
}

/// "as saying" / "as telling" / "as stating" / "as writing" inside a span: the position of "as".
fn as_saying(doc: &Doc, s: TokenSpan) -> Option<TokenId> {
    (s.start..s.end.saturating_sub(1)).find(|&t| {
        util::lower(doc, t) == "as"
            && matches!(
                util::lower(doc, t + 1).as_str(),
                "saying" | "telling" | "stating" | "writing" | "warning" | "adding" | "claiming"
            )
    })
}

/// The kind of an attribution from the share of its content inside quotation marks.
pub fn kind_of(doc: &Doc, content: &[TokenSpan]) -> AttrKind {
    let (mut inside, mut total) = (0usize, 0usize);
    for s in content {
        for t in s.start..s.end {
            let tok = &doc.tokens[t as usize];
            total += 1;
            if tok.in_quote || tok.quote != hearsay_doc::QuoteRole::None {
                inside += 1;
            }
        }
    }
    if inside == 0 {
        AttrKind::Indirect
    } else if inside * 10 >= total * 9 {
        AttrKind::Direct
    } else {
        AttrKind::Mixed
    }
}

/// "According to KLF, which cited a council member, Z" / "The daily Vestpost, citing two
/// people involved in the talks, reported Z": the clause after an attribution's source that
/// names the source it relies on. Returns the relay word and the cited noun phrase.
fn cited_after_source(doc: &Doc, source: TokenSpan) -> Option<(TokenSpan, TokenSpan)> {
    let n = doc.tokens.len() as TokenId;
    let t = source.end;
    let comma = |t: TokenId| t < n && doc.token_text(t) == ",";
    // The source may or may not have kept its closing comma.
    let rel = if comma(t) { t + 1 } else { t };
    if rel + 2 >= n || !comma(rel - 1) {
        return None;
    }
    let verb = match util::lower(doc, rel).as_str() {
        "which" | "who" => rel + 1,
        "citing" | "quoting" => rel,
        _ => return None,
    };
    if !is_relay_cue(doc, TokenSpan::new(verb as usize, verb as usize + 1)) {
        return None;
    }
    let sent = doc.tokens[verb as usize].sentence;
    let end = (verb + 1..n)
        .take(30)
        .take_while(|&k| doc.tokens[k as usize].sentence == sent)
        .find(|&k| comma(k))?;
    let np = util::trim(doc, TokenSpan::new(verb as usize + 1, end as usize));
    (!np.is_empty()).then(|| (TokenSpan::new(verb as usize, verb as usize + 1), np))
}

/// The same relay clause elsewhere around an attribution: inside its source ("The Post, which
/// cited two officials, reported Z", the relative clause kept in the source), right after its
/// cue ("The agency said, quoting a person familiar with the talks, that Z") or in a phrase
/// that ends just before its source ("In a report that cited three engineers, the Herald
/// said Z").
fn cited_around(doc: &Doc, a: &Attribution) -> Option<(TokenSpan, TokenSpan)> {
    let n = doc.tokens.len() as TokenId;
    let comma = |t: TokenId| t < n && doc.token_text(t) == ",";
    let relay_word =
        |t: TokenId| t < n && is_relay_cue(doc, TokenSpan::new(t as usize, t as usize + 1));
    let sent_of = |t: TokenId| doc.tokens[t as usize].sentence;
    // The noun phrase after the relay word at `verb`, up to a comma before `limit`.
    let np_after = |verb: TokenId, limit: TokenId| {
        let end = (verb + 1..limit.min(n))
            .take(30)
            .take_while(|&k| sent_of(k) == sent_of(verb))
            .find(|&k| comma(k))?;
        let np = util::trim(doc, TokenSpan::new(verb as usize + 1, end as usize));
        (!np.is_empty()).then(|| (TokenSpan::new(verb as usize, verb as usize + 1), np))
    };
    if let Some(src) = a.source {
        // ", which cited Y," inside the source.
        for t in src.start..src.end.saturating_sub(3) {
            if comma(t)
                && matches!(util::lower(doc, t + 1).as_str(), "which" | "who")
                && relay_word(t + 2)
            {
                if let Some(found) = np_after(t + 2, src.end + 1) {
                    return Some(found);
                }
            }
        }
        // "In a report that cited Y, SOURCE VERB": the phrase ends at the comma before the
        // source.
        if src.start >= 3 && comma(src.start - 1) {
            let start = (src.start.saturating_sub(30)..src.start - 1)
                .rev()
                .take_while(|&k| sent_of(k) == sent_of(src.start) && !comma(k))
                .last()
                .unwrap_or(src.start);
            for t in start..src.start - 1 {
                if matches!(util::lower(doc, t).as_str(), "that" | "which") && relay_word(t + 1) {
                    if let Some(found) = np_after(t + 1, src.start) {
                        return Some(found);
                    }
                }
            }
        }
    }
    // "SOURCE said, quoting Y, that Z".
    let cue = a.cue?;
    if comma(cue.end) && relay_word(cue.end + 1) && util::lower(doc, cue.end + 1).ends_with("ing") {
        let found = np_after(cue.end + 1, n)?;
        // The content follows the phrase.
        if a.content.iter().all(|p| p.start > found.1.end) {
            return Some(found);
        }
    }
    None
}

pub fn add_relays(doc: &mut Doc, _tree: &Tree) {
    let n = doc.attributions.len();
    let mut new = Vec::new();
    // "According to KLF, which cited a council member, Z": the council member's attribution
    // (cue *cited*, content Z) goes via KLF's; likewise "X, citing Y, reported Z". The extractor often takes the clause for an
    // attribution of its own ("which | cited | a council member, Z"); that one is rewritten
    // into the relayed attribution, so indices stay valid.
    // "According to two people on the call, Adler also said that Z": the outer speakers are
    // the ones the article relies on for Adler's statement, a relay rather than a report.
    for i in 0..n {
        if let Some(p) = doc.attributions[i].parent {
            if doc.attributions[p as usize].kind == AttrKind::AccordingTo {
                doc.attributions[i].parent = None;
                doc.attributions[i].via = Some(p);
            }
        }
    }
    let mut taken = vec![false; n];
    for i in 0..n {
        let a = &doc.attributions[i];
        if a.via.is_some() || a.content.is_empty() || a.cue.is_some_and(|c| is_relay_cue(doc, c)) {
            continue;
        }
        let Some((cue, cited)) = a
            .source
            .and_then(|s| cited_after_source(doc, s))
            .or_else(|| cited_around(doc, a))
        else {
            continue;
        };
        let kind = if a.kind == AttrKind::AccordingTo {
            AttrKind::AccordingTo
        } else {
            kind_of(doc, &a.content)
        };
        let relayed = Attribution {
            source: Some(cited),
            cue: Some(cue),
            content: a.content.clone(),
            kind,
            confidence: a.confidence,
            via: Some(i as u32),
            ..Default::default()
        };
        let clause = TokenSpan::new(cue.start as usize - 1, cited.end as usize);
        // Attributions are in text order: the clause's is among the next few.
        let existing = (i.saturating_sub(4)..(i + 8).min(n)).find(|&j| {
            j != i
                && !taken[j]
                && doc.attributions[j]
                    .cue
                    .is_some_and(|c| clause.contains(c.start))
        });
        match existing {
            Some(j) => {
                taken[j] = true;
                doc.attributions[j] = Attribution {
                    parent: None,
                    ..relayed
                };
            }
            None => new.push(relayed),
        }
    }
    for i in (0..n).filter(|&i| !taken[i]) {
        let a = &doc.attributions[i];
        let (Some(cue), Some(first)) = (a.cue, a.content.first().copied()) else {
            continue;
        };
        if !is_relay_cue(doc, cue) {
            continue;
        }
        // "Y was cited by X as saying Z" read as (Y, "was cited", "as saying Z"): X, after
        // "by", is the relaying source, and Y says Z via X.
        if let Some(y) = a.source.filter(|y| y.end <= cue.start) {
            let by = cue.end;
            let agent = TokenSpan::new(by as usize + 1, first.start as usize);
            if first.start > by + 1
                && util::lower(doc, by) == "by"
                && as_saying(doc, first) == Some(first.start)
                && !util::trim(doc, agent).is_empty()
                && (agent.start..agent.end).all(|t| !util::pos(doc, t).starts_with("VB"))
            {
                let mut content =
                    vec![TokenSpan::new(first.start as usize + 2, first.end as usize)];
                content.extend(a.content.iter().skip(1).copied());
                content.retain(|s| !util::trim(doc, *s).is_empty());
                if !content.is_empty() {
                    let inner = Attribution {
                        source: Some(y),
                        cue: Some(TokenSpan::new(
                            first.start as usize,
                            first.start as usize + 2,
                        )),
                        kind: kind_of(doc, &content),
                        content,
                        confidence: a.confidence,
                        via: Some(i as u32),
                        ..Default::default()
                    };
                    doc.attributions[i].source = Some(util::trim(doc, agent));
                    new.push(inner);
                    continue;
                }
            }
        }
        // "X cited Y as saying Z" (Y and Z in the first piece), or "Y was quoted by X as saying
        // Z" (Y a piece of its own before the cue, the next piece opening with "as saying"):
        // the relayed attribution is (Y, "as saying", Z).
        let passive = a.content.get(1).copied().filter(|second| {
            first.end <= cue.start && as_saying(doc, *second) == Some(second.start)
        });
        let relayed = match passive {
            Some(second) => Some((first, second.start, second.end, 2)),
            None => as_saying(doc, first).map(|k| {
                (
                    TokenSpan::new(first.start as usize, k as usize),
                    k,
                    first.end,
                    1,
                )
            }),
        };
        if let Some((source, k, end, rest)) = relayed {
            let source = util::trim(doc, source);
            let mut content = vec![TokenSpan::new(k as usize + 2, end as usize)];
            content.extend(a.content.iter().skip(rest).copied());
            content.retain(|s| !util::trim(doc, *s).is_empty());
            if !source.is_empty() && !content.is_empty() {
                new.push(Attribution {
                    source: Some(source),
                    cue: Some(TokenSpan::new(k as usize, k as usize + 2)),
                    kind: kind_of(doc, &content),
                    content,
                    confidence: a.confidence,
                    via: Some(i as u32),
                    ..Default::default()
                });
            }
            continue;
        }
        // "X reported on Monday, citing Y, that Z": the extractor read Y and Z as the
        // relay's content. Y is the noun phrase before ", that"; Z is the content of both
        // the report (whose cue is the verb after X) and the relayed attribution.
        if let Some((report, cited)) = cited_then_that(doc, i, first, cue) {
            // The same, read as two pieces (Y, "that Z") of the relay's content.
            let that: Vec<TokenSpan> = doc.attributions[i].content[1..].to_vec();
            let confidence = doc.attributions[i].confidence;
            let parts = conjuncts(doc, cited);
            let kind = kind_of(doc, &that);
            let relayed = |source, via: usize| Attribution {
                source: Some(source),
                cue: Some(cue),
                kind,
                content: that.clone(),
                confidence,
                via: Some(via as u32),
                ..Default::default()
            };
            match report {
                // The report's verb got an attribution of its own with a stray content
                // ("reported | Wednesday"): the report takes Z and the relay's source, and
                // the relay's attribution becomes the first relayed one.
                Report::Own(j) => {
                    // The relay's source when that holds the report's ("The business daily
                    // Ardenia Capital" for "Ardenia Capital"), else the report's own with the
                    // stray piece right before it put back ("The business daily | Ardenia
                    // Capital").
                    let r = &doc.attributions[j];
                    let stray = r.content.first().copied().filter(|_| r.content.len() == 1);
                    let source = match (r.source, doc.attributions[i].source) {
                        (Some(own), Some(relay)) if relay != own && util::contains(relay, own) => {
                            Some(relay)
                        }
                        (Some(own), _) => match stray {
                            Some(p) if p.end == own.start => {
                                Some(TokenSpan::new(p.start as usize, own.end as usize))
                            }
                            _ => Some(own),
                        },
                        (None, relay) => relay,
                    };
                    doc.attributions[j].source = source;
                    doc.attributions[j].kind = kind;
                    doc.attributions[j].content = that.clone();
                    let mut parts = parts.into_iter();
                    if let Some(p) = parts.next() {
                        let r = relayed(p, j);
                        new.extend(parts.map(|p| relayed(p, j)));
                        doc.attributions[i] = r;
                    }
                }
                // The relay's attribution is the report: it gets the report's verb and Z.
                Report::Verb(v) => {
                    new.extend(parts.into_iter().map(|p| relayed(p, i)));
                    let a = &mut doc.attributions[i];
                    a.cue = Some(TokenSpan::new(v as usize, v as usize + 1));
                    a.kind = kind;
                    a.content = that.clone();
                }
            }
            continue;
        }
        if split_cited_that(doc, i, first, cue, &mut new).is_some() {
            let that = new.last().map(|r| r.content.clone()).unwrap_or_default();
            // The report's verb: the first after its source, or with no source the last
            // finite verb before the relay in the sentence.
            let sent = doc.sentences[doc.tokens[cue.start as usize].sentence as usize].tokens;
            let verb = match doc.attributions[i].source {
                Some(src) => (src.end..cue.start).find(|&t| util::pos(doc, t).starts_with("VB")),
                None => (sent.start.max(cue.start.saturating_sub(12))..cue.start)
                    .rev()
                    .find(|&t| matches!(util::pos(doc, t), "VBD" | "VBZ" | "VBP")),
            };
            // With no source, the noun phrase that opens the sentence before the verb.
            let subject = verb
                .filter(|_| doc.attributions[i].source.is_none())
                .and_then(|v| {
                    let np = util::trim(doc, TokenSpan::new(sent.start as usize, v as usize));
                    let nominal = !np.is_empty()
                        && np.len() <= 10
                        && (np.start..np.end).all(|t| {
                            matches!(
                                util::pos(doc, t),
                                "DT" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "POS" | "CD"
                            )
                        });
                    nominal.then_some(np)
                });
            let a = &mut doc.attributions[i];
            a.content = that;
            if let Some(v) = verb {
                a.cue = Some(TokenSpan::new(v as usize, v as usize + 1));
            }
            if subject.is_some() {
                a.source = subject;
            }
            continue;
        }
        // "…, citing Y": the content is the cited noun phrase; the relaying attribution is the
        // closest one before the cue in the same sentence.
        // A noun phrase: no finite verb outside a relative clause ("two people involved in
        // the audit", "two firefighters who took part").
        let mut relative = false;
        let has_verb = (first.start..first.end).any(|t| {
            let w = util::lower(doc, t);
            if matches!(w.as_str(), "who" | "which" | "that" | "whose") {
                relative = true;
            }
            !relative && matches!(util::pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD")
        });
        if has_verb {
            continue;
        }
        if first.len() > 25 {
            continue;
        }
        let sent = doc.tokens[cue.start as usize].sentence;
        let relaying = (i.saturating_sub(30)..(i + 30).min(n))
            .filter(|&j| j != i)
            .filter_map(|j| {
                let b = &doc.attributions[j];
                let c = b.cue?;
                let same = doc.tokens[c.start as usize].sentence == sent;
                (same && c.end <= cue.start && !is_relay_cue(doc, c) && !b.content.is_empty())
                    .then_some((c.start, j))
            })
            .max();
        let Some((_, j)) = relaying else {
            // "according to KLF, which cited a council member, Z": no attribution carries Z;
            // the cited source's content is the rest of the sentence after the noun phrase.
            let sent_end = doc
                .sentences
                .get(sent as usize)
                .map_or(first.end, |s| s.tokens.end);
            let rest = util::trim(
                doc,
                TokenSpan {
                    start: first.end,
                    end: sent_end,
                },
            );
            if rest.len() >= 3 && first.start > cue.start {
                new.push(Attribution {
                    source: Some(util::trim(doc, first)),
                    cue: Some(cue),
                    kind: kind_of(doc, &[rest]),
                    content: vec![rest],
                    confidence: a.confidence,
                    via: Some(i as u32),
                    ..Default::default()
                });
            }
            continue;
        };
        let b = &doc.attributions[j];
        let kind = if b.kind == AttrKind::AccordingTo {
            AttrKind::AccordingTo
        } else {
            kind_of(doc, &b.content)
        };
        // "citing internal emails and two former employees": one cited source per conjunct.
        for part in conjuncts(doc, util::trim(doc, first)) {
            new.push(Attribution {
                source: Some(part),
                cue: Some(cue),
                content: b.content.clone(),
                kind,
                confidence: a.confidence.min(b.confidence),
                via: Some(j as u32),
                ..Default::default()
            });
        }
    }
    doc.attributions.extend(new);
    // A speech act nested in a relay's content ("The Courier quoted a midwife as saying staff
    // had been told to …") is nested in the relayed attribution, the innermost that holds it.
    // Relayed attributions by the attribution relaying them, looked up per nested one (so
    // a document with many relays stays linear).
    let mut relayed: std::collections::HashMap<u32, Vec<usize>> = std::collections::HashMap::new();
    for (r, a) in doc.attributions.iter().enumerate() {
        if let Some(v) = a.via {
            relayed.entry(v).or_default().push(r);
        }
    }
    for x in 0..doc.attributions.len() {
        let (Some(p), Some(cue)) = (doc.attributions[x].parent, doc.attributions[x].cue) else {
            continue;
        };
        let inner = relayed
            .get(&p)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&r| r != x)
            .filter_map(|r| {
                let c = doc.attributions[r]
                    .content
                    .iter()
                    .find(|c| c.start <= cue.start && cue.end <= c.end)?;
                Some((c.len(), r))
            })
            .min();
        if let Some((_, r)) = inner {
            doc.attributions[x].parent = Some(r as u32);
        }
    }
}

/// Where the report of "X reported, citing Y, that Z" is, when the relay's content was read
/// as the pieces Y and ", that Z".
enum Report {
    /// An attribution of its own (its cue between X and the relay cue).
    Own(usize),
    /// Only its verb, between the relay's source and cue.
    Verb(TokenId),
}

/// "X reported, citing Y, that Z" with the relay `i`'s content read as the pieces Y and
/// ", that Z": the report and Y.
fn cited_then_that(
    doc: &Doc,
    i: usize,
    first: TokenSpan,
    cue: TokenSpan,
) -> Option<(Report, TokenSpan)> {
    let a = &doc.attributions[i];
    let second = a.content.get(1)?;
    let between = util::trim(
        doc,
        TokenSpan::new(first.end as usize, second.start as usize),
    );
    if first.start != cue.end
        || !between.is_empty()
        || !(first.end..second.start).any(|t| doc.token_text(t) == ",")
        || util::lower(doc, second.start) != "that"
    {
        return None;
    }
    let cited = util::trim(doc, first);
    let finite =
        (cited.start..cited.end).any(|t| matches!(util::pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD"));
    if cited.is_empty() || cited.len() > 25 || finite {
        return None;
    }
    // The report's cue lies between the relay's source (or the sentence start) and its cue.
    let sent = doc.sentences[doc.tokens[cue.start as usize].sentence as usize].tokens;
    let from = a.source.map_or(sent.start, |s| s.end);
    let own = (i.saturating_sub(4)..i).rev().find(|&j| {
        doc.attributions[j]
            .cue
            .is_some_and(|c| c.start >= from && c.end <= cue.start && !is_relay_cue(doc, c))
            && doc.attributions[j].via.is_none()
    });
    let report = match own {
        Some(j) => Report::Own(j),
        None => {
            // With a source, its verb ("The weekly Norder Tidende reported on Wednesday,
            // citing …").
            let src = a.source?;
            Report::Verb(
                (src.end..cue.start)
                    .find(|&t| matches!(util::pos(doc, t), "VBD" | "VBZ" | "VBP"))?,
            )
        }
    };
    Some((report, cited))
}

/// "…, citing Y, that Z" with Y and Z read as one content piece `first` of the relay cue's
/// attribution `i`: push (Y, cue, "that Z") via `i`.
fn split_cited_that(
    doc: &Doc,
    i: usize,
    first: TokenSpan,
    cue: TokenSpan,
    new: &mut Vec<Attribution>,
) -> Option<()> {
    let a = &doc.attributions[i];
    if first.start != cue.end || a.source.is_some_and(|s| s.end > cue.start) {
        return None;
    }
    let comma = (first.start..first.end.saturating_sub(1).min(first.start + 27))
        .find(|&t| doc.token_text(t) == "," && util::lower(doc, t + 1) == "that")?;
    let cited = util::trim(doc, TokenSpan::new(first.start as usize, comma as usize));
    let finite =
        (cited.start..cited.end).any(|t| matches!(util::pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD"));
    if cited.is_empty() || cited.len() > 25 || finite {
        return None;
    }
    let mut content = vec![TokenSpan::new(comma as usize + 1, first.end as usize)];
    content.extend(a.content.iter().skip(1).copied());
    // "citing a confidential audit and a person familiar with the probe": one relayed
    // attribution per cited source.
    for part in conjuncts(doc, cited) {
        new.push(Attribution {
            source: Some(part),
            cue: Some(cue),
            kind: kind_of(doc, &content),
            content: content.clone(),
            confidence: a.confidence,
            via: Some(i as u32),
            ..Default::default()
        });
    }
    Some(())
}

/// Split a noun phrase at a top-level "and" ("internal emails and two former employees"); a
/// phrase without one, or with one inside a relative clause, is one conjunct.
fn conjuncts(doc: &Doc, s: TokenSpan) -> Vec<TokenSpan> {
    let mut parts = Vec::new();
    let mut start = s.start;
    for t in s.start..s.end {
        let w = util::lower(doc, t);
        if matches!(w.as_str(), "who" | "which" | "that" | "whose") {
            break;
        }
        if w == "and" && t > start && t + 1 < s.end {
            parts.push(util::trim(doc, TokenSpan { start, end: t }));
            start = t + 1;
        }
    }
    parts.push(util::trim(doc, TokenSpan { start, end: s.end }));
    parts.retain(|p| !p.is_empty());
    parts
}
