//! Rules applied after the learned taggers: the kind of an attribution, and cue-less follow-on
//! quotation paragraphs.

use std::collections::{HashMap, HashSet};

use hearsay_doc::{AttrKind, Attribution, Doc, QuoteRole, TokenKind, TokenSpan};

use crate::features::DocFeatures;
use crate::lex;

/// Cue lemmas that report a mental state rather than speech.
const BELIEF: &[&str] = &[
    "believe",
    "think",
    "feel",
    "hope",
    "fear",
    "want",
    "expect",
    "worry",
    "doubt",
    "suspect",
    "wish",
    "assume",
    "know",
    "understand",
    "like",
    "love",
    "hate",
    "plan",
    "intend",
    "seem",
    "consider",
    "suppose",
    "trust",
    "prefer",
    "imagine",
    "guess",
];

/// Decide the kind of an attribution from its cue and how much of its content is quoted.
pub(crate) fn kind(doc: &Doc, _df: &DocFeatures, a: &Attribution) -> AttrKind {
    if let Some(cue) = a.cue {
        let first = doc.token_text(cue.start).to_ascii_lowercase();
        if first == "according" {
            return AttrKind::AccordingTo;
        }
        let mut lemma = String::new();
        for t in cue.range() {
            let pos = doc.pos.get(t).map(|p| p.name()).unwrap_or("");
            if pos.starts_with("VB") || pos.starts_with("JJ") {
                crate::lex::lemma_into(doc.token_text(t as u32), true, false, &mut lemma);
                if BELIEF.contains(&lemma.as_str()) {
                    return AttrKind::Belief;
                }
            }
        }
    }
    let (mut quoted, mut words) = (0usize, 0usize);
    for piece in &a.content {
        for t in piece.range() {
            let tok = &doc.tokens[t];
            if matches!(tok.kind, TokenKind::Punct | TokenKind::Quote) {
                continue;
            }
            words += 1;
            quoted += tok.in_quote as usize;
        }
    }
    if words == 0 {
        AttrKind::Unknown
    } else if quoted == words {
        AttrKind::Direct
    } else if quoted > 0 {
        AttrKind::Mixed
    } else {
        AttrKind::Indirect
    }
}

/// Whether a quoted paragraph can be someone's words rather than a stage direction
/// ("(CROSSTALK.)"), a subheading in quotation marks ("'Legend in the Coal Fields.'") or a
/// sign-off ("Follow Pam Key on Twitter @pamkey.").
fn speech_like(doc: &Doc, span: TokenSpan) -> bool {
    let words: Vec<&str> = span
        .range()
        .map(|t| doc.token_text(t as u32))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let Some(first) = span
        .range()
        .map(|t| doc.token_text(t as u32))
        .find(|w| !matches!(*w, "\"" | "“" | "\u{2018}" | "'" | "''" | "``"))
    else {
        return false;
    };
    if matches!(first, "(" | "[") {
        return false;
    }
    if words.first() == Some(&"Follow")
        && words.iter().any(|w| w.starts_with('@') || *w == "Twitter")
    {
        return false;
    }
    // A heading: a few words, every long one capitalised, no comma or second sentence.
    let heading = words.len() <= 8
        && words
            .iter()
            .all(|w| w.chars().count() < 4 || w.chars().next().is_some_and(char::is_uppercase))
        && !span.range().any(|t| doc.token_text(t as u32) == ",")
        && doc.tokens[span.start as usize].sentence == doc.tokens[span.end as usize - 1].sentence;
    !heading
}

/// Transcript turns: a paragraph that opens (after an optional quotation mark) with a
/// speaker's name in capitals and a colon ("WALLACE: Do you really see …", "JAKE TAPPER: …")
/// is that speaker's attribution: source the name, cue the colon, content the rest of the
/// paragraph. The name must occur elsewhere in the article as a capitalised word not opening
/// a sentence, so that "CORRECTION:" or "UPDATE:" are not speakers. What the role tagger and
/// follow-on quotes made of the turn's words gives way: cue-less attributions in it are
/// dropped, and others' content is cut back to outside it.
pub(crate) fn transcript_turns(doc: &mut Doc) {
    let mut turns: Vec<(TokenSpan, u32, TokenSpan)> = Vec::new();
    for p in 0..doc.paragraphs.len() {
        let sents = doc.paragraphs[p].sentences.clone();
        if sents.is_empty() {
            continue;
        }
        let start = doc.sentences[sents.start as usize].tokens.start;
        let end = doc.sentences[sents.end as usize - 1].tokens.end;
        let mut t = start;
        if t < end && doc.tokens[t as usize].quote == QuoteRole::Open {
            t += 1;
        }
        let label_start = t;
        while t < end && t - label_start < 3 && is_capitals(doc.token_text(t)) {
            t += 1;
        }
        if t == label_start || t + 1 >= end || doc.token_text(t) != ":" {
            continue;
        }
        let label = TokenSpan {
            start: label_start,
            end: t,
        };
        // Content: after the colon to the paragraph's end, without a closing mark.
        let mut c_end = end;
        while c_end > t + 1 && doc.tokens[c_end as usize - 1].quote == QuoteRole::Close {
            c_end -= 1;
        }
        if c_end <= t + 1 {
            continue;
        }
        turns.push((
            label,
            t,
            TokenSpan {
                start: t + 1,
                end: c_end,
            },
        ));
    }
    if turns.is_empty() {
        return;
    }
    // A label is a speaker's when its name occurs elsewhere, or when it opens two turns or
    // more in an article where some label is a speaker's (a transcript's interviewer).
    let names = capitalised_words(doc);
    let label_key = |l: TokenSpan| -> String {
        l.range()
            .map(|t| doc.token_text(t as u32))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let named: Vec<bool> = turns
        .iter()
        .map(|t| names.contains(&title_case(doc.token_text(t.0.end - 1))))
        .collect();
    if !named.iter().any(|&n| n) {
        return;
    }
    let mut opens: HashMap<String, usize> = HashMap::new();
    for t in &turns {
        *opens.entry(label_key(t.0)).or_default() += 1;
    }
    let mut k = named.iter();
    turns.retain(|t| *k.next().unwrap() || opens[&label_key(t.0)] >= 2);
    // Each turn's whole paragraph part (label to content end), in text order.
    let paras: Vec<TokenSpan> = turns
        .iter()
        .map(|t| TokenSpan {
            start: t.0.start,
            end: t.2.end,
        })
        .collect();
    // The turns a span overlaps, by binary search.
    let overlapping = |s: TokenSpan| {
        let from = paras.partition_point(|p| p.end <= s.start);
        paras[from..].iter().take_while(move |p| p.start < s.end)
    };
    doc.attributions
        .retain(|a| a.cue.is_some() || !a.content.iter().any(|c| overlapping(*c).next().is_some()));
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        if a.cue.is_some_and(|c| overlapping(c).next().is_some()) {
            continue;
        }
        let mut pieces = Vec::with_capacity(a.content.len());
        for &c in &a.content {
            let mut c = c;
            let hits: Vec<TokenSpan> = overlapping(c).copied().collect();
            for p in hits {
                if c.start >= p.start {
                    c.start = c.end.min(p.end.max(c.start));
                } else {
                    c.end = c.end.min(p.start);
                }
            }
            if (c.start..c.end).any(|t| !is_punct(doc, t)) {
                pieces.push(c);
            }
        }
        doc.attributions[i].content = pieces;
    }
    doc.attributions.retain(|a| !a.content.is_empty());
    let by_cue: HashMap<TokenSpan, usize> = doc
        .attributions
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.cue.map(|c| (c, i)))
        .collect();
    for (label, colon, content) in turns {
        let cue = TokenSpan {
            start: colon,
            end: colon + 1,
        };
        // The role tagger may have found the turn already: it takes the turn's spans.
        if let Some(&i) = by_cue.get(&cue) {
            let a = &mut doc.attributions[i];
            a.source = Some(label);
            a.content = vec![content];
            a.kind = AttrKind::Direct;
            continue;
        }
        doc.attributions.push(Attribution {
            source: Some(label),
            cue: Some(cue),
            content: vec![content],
            kind: AttrKind::Direct,
            confidence: 0.9,
            ..Default::default()
        });
    }
}

/// A word in capitals: letters (at least two), with inner apostrophes, dots or hyphens.
fn is_capitals(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || matches!(c, '\'' | '’' | '.' | '-'))
}

/// The capitalised words ("Wallace") that do not open their sentence, so that a label that
/// is someone's name can be told from "CORRECTION" or "UPDATE".
fn capitalised_words(doc: &Doc) -> HashSet<String> {
    let mut out = HashSet::new();
    for s in &doc.sentences {
        for t in s.tokens.start + 1..s.tokens.end {
            let w = doc.token_text(t);
            let mut cs = w.chars();
            if cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase) {
                out.insert(w.to_string());
            }
        }
    }
    out
}

/// "WALLACE" → "Wallace".
fn title_case(w: &str) -> String {
    let mut cs = w.chars();
    cs.next()
        .map(|c| {
            c.to_uppercase()
                .chain(cs.flat_map(char::to_lowercase))
                .collect()
        })
        .unwrap_or_default()
}

/// News style: a paragraph that is one quotation with no cue, right after a paragraph with a
/// quoted attribution, continues that speaker's words. Adds such paragraphs as attributions
/// with the previous speaker's source span and no cue, unless some attribution already covers
/// them.
pub(crate) fn follow_on_quotes(doc: &mut Doc) {
    if doc.paragraphs.len() < 2 {
        return;
    }
    let para_of =
        |doc: &Doc, t: u32| doc.sentences[doc.tokens[t as usize].sentence as usize].paragraph;
    let mut covered = vec![false; doc.tokens.len()];
    for a in &doc.attributions {
        for s in a.source.iter().chain(a.cue.iter()).chain(a.content.iter()) {
            for t in s.range() {
                covered[t] = true;
            }
        }
    }
    // The last quoted attribution (index) seen ending in each paragraph.
    let mut last_quoted: Vec<Option<usize>> = vec![None; doc.paragraphs.len()];
    for (i, a) in doc.attributions.iter().enumerate() {
        if matches!(a.kind, AttrKind::Direct | AttrKind::Mixed) && a.source.is_some() {
            if let Some(end) = a.content.iter().map(|c| c.end).max() {
                let p = para_of(doc, end.saturating_sub(1)) as usize;
                last_quoted[p] = Some(i);
            }
        }
    }
    for p in 1..doc.paragraphs.len() {
        let Some(prev) = last_quoted[p - 1] else {
            continue;
        };
        let sents = doc.paragraphs[p].sentences.clone();
        if sents.is_empty() {
            continue;
        }
        let start = doc.sentences[sents.start as usize].tokens.start;
        let end = doc.sentences[sents.end as usize - 1].tokens.end;
        if start >= end || doc.tokens[start as usize].quote != QuoteRole::Open {
            continue;
        }
        let span = TokenSpan::new(start as usize, end as usize);
        if span.range().any(|t| covered[t]) {
            continue;
        }
        // Most of the paragraph must be inside the quotation.
        let inside = span
            .range()
            .filter(|&t| doc.tokens[t].in_quote || doc.tokens[t].quote != QuoteRole::None)
            .count();
        if inside * 10 < span.len() * 9 {
            continue;
        }
        if !speech_like(doc, span) {
            continue;
        }
        let src = &doc.attributions[prev];
        let new = Attribution {
            source: src.source,
            cue: None,
            content: vec![span],
            kind: AttrKind::Direct,
            confidence: src.confidence * 0.8,
            ..Default::default()
        };
        doc.attributions.push(new);
        last_quoted[p] = Some(doc.attributions.len() - 1);
    }
}

/// *His lawyer said her client "looks forward to clearing his name" and accused prosecutors
/// of …*: a cue right after *and* that follows the closing quotation mark of an attribution's
/// content in the same sentence is that attribution's second predicate, so it shares its
/// source, where the tagger took a noun phrase inside the first content (*her client*) or
/// nothing.
pub(crate) fn coordinated_after_quote_sources(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let Some(cue) = a.cue else { continue };
        let mut and = cue.start;
        while and > 0 && crate::lex::is_cue_modifier(&doc.token_text(and - 1).to_lowercase()) {
            and -= 1;
        }
        if and < 2
            || !doc.token_text(and - 1).eq_ignore_ascii_case("and")
            || doc.tokens[and as usize - 2].quote != QuoteRole::Close
        {
            continue;
        }
        let and = and - 1;
        let sentence = doc.tokens[cue.start as usize].sentence;
        let donor = (0..doc.attributions.len()).find(|&j| {
            let b = &doc.attributions[j];
            j != i
                && b.source.is_some()
                && b.cue.is_some_and(|c| {
                    c.end <= and && doc.tokens[c.start as usize].sentence == sentence
                })
                && b.content
                    .last()
                    .is_some_and(|p| p.end == and || p.end + 1 == and)
        });
        let Some(j) = donor else { continue };
        let b = &doc.attributions[j];
        let (s, bcue) = (b.source.unwrap(), b.cue.unwrap());
        let own_inside = a.source.is_none_or(|o| o.start >= bcue.end && o.end <= and);
        if own_inside {
            let a = &mut doc.attributions[i];
            a.source = Some(s);
            if a.parent == Some(j as u32) {
                a.parent = None;
            }
        }
    }
}

/// "The newspaper said …, citing a person close to the ministry": a participle cue after a
/// comma ("citing", "saying", "adding") shares the source of the nearest attribution before it
/// in the same sentence (PolNeAR annotates it so), when the role tagger found no source for it
/// or one that cannot be the participle's subject: a noun phrase inside that attribution's
/// content or set off by commas after its cue ("she had written to the health minister, Peter
/// Osei, asking for …"), or before its
/// source (a dateline: "MARLOW, Sept 7 — The agency said …, disputing …").
pub(crate) fn participle_sources(doc: &mut Doc) {
    // Candidate donors by (sentence, cue end), so each participle finds its donor by binary
    // search rather than a scan of the whole document (a long one has many participles).
    let mut donors: Vec<(u32, u32, usize)> = doc
        .attributions
        .iter()
        .enumerate()
        .filter(|(_, b)| b.parent.is_none())
        .filter_map(|(j, b)| {
            b.cue
                .map(|c| (doc.tokens[c.start as usize].sentence, c.end, j))
        })
        .collect();
    donors.sort_unstable();
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (Some(cue), None) = (a.cue, a.parent) else {
            continue;
        };
        let own = a.source;
        let first = cue.start as usize;
        let is_participle = doc.pos.get(first).is_some_and(|p| p.name() == "VBG")
            && !doc.token_text(cue.start).eq_ignore_ascii_case("according");
        // (The comma may sit inside a closing quotation mark: "required,” disputing".)
        let after_comma = first > 0
            && (doc.token_text(cue.start - 1) == ","
                || (first > 1
                    && doc.tokens[first - 1].kind == TokenKind::Quote
                    && doc.token_text(cue.start - 2) == ","));
        if !(is_participle && after_comma) {
            continue;
        }
        let sentence = doc.tokens[first].sentence;
        // The nearest attribution before the cue in the same sentence that has a source.
        let k = donors.partition_point(|&(s, e, _)| (s, e) <= (sentence, cue.start));
        let donor = donors[..k]
            .iter()
            .rev()
            .take_while(|&&(s, _, _)| s == sentence)
            .map(|&(_, _, j)| &doc.attributions[j])
            .find(|b| b.source.is_some());
        let Some(donor) = donor else { continue };
        let (Some(s), Some(dcue)) = (donor.source, donor.cue) else {
            continue;
        };
        let replace = match own {
            None => true,
            Some(o) => {
                let inside = donor
                    .content
                    .iter()
                    .any(|p| p.start <= o.start && o.end <= p.end);
                // An appositive between the two cues: "…, Paul Sand, asking".
                let appositive = o.start > 0 && doc.token_text(o.start - 1) == ",";
                o.end <= s.start
                    || (o.start >= dcue.end && o.end <= cue.start && (inside || appositive))
            }
        };
        if replace {
            doc.attributions[i].source = Some(s);
        }
    }
}

/// "Tomas Brenn said someone in | the ministry had told him …": a source that starts right
/// after a preposition whose noun phrase opens the clause lost its head; it reaches back over
/// the preposition to the start of that noun phrase (a clause start: the sentence's, another
/// attribution's content's, or after a comma, a dash, *that* or an opening quotation mark),
/// never into the
/// attribution's own content or cue.
pub(crate) fn prepositional_sources(doc: &mut Doc) {
    let pos = |t: u32| doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("");
    let mut fixes = Vec::new();
    for (i, a) in doc.attributions.iter().enumerate() {
        let Some(src) = a.source else { continue };
        if src.start < 2 {
            continue;
        }
        let prep = src.start - 1;
        if pos(prep) != "IN"
            || !matches!(
                doc.token_text(prep).to_ascii_lowercase().as_str(),
                "in" | "at" | "from" | "within" | "inside" | "of"
            )
        {
            continue;
        }
        let np_word = |t: u32| {
            matches!(
                pos(t),
                "DT" | "JJ" | "JJR" | "JJS" | "CD" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$" | "POS"
            )
        };
        let head = prep - 1;
        if !(pos(head).starts_with("NN")
            || matches!(
                doc.token_text(head).to_ascii_lowercase().as_str(),
                "someone" | "somebody" | "anyone" | "one"
            ))
        {
            continue;
        }
        let sentence = doc.tokens[src.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        let mut start = head;
        while start > sent.start && start + 8 > head && np_word(start - 1) {
            start -= 1;
        }
        let opens = start == sent.start
            || doc
                .attributions
                .iter()
                .any(|b| b.content.iter().any(|p| p.start == start))
            || matches!(
                doc.token_text(start - 1).to_ascii_lowercase().as_str(),
                "," | "that" | "—" | "–" | "\"" | "“" | ":" | ";"
            );
        let new = TokenSpan {
            start,
            end: src.end,
        };
        let clear = a.content.iter().all(|p| !spans_overlap(*p, new))
            && a.cue.is_none_or(|c| !spans_overlap(c, new));
        if opens && clear {
            fixes.push((i, new));
        }
    }
    for (i, s) in fixes {
        doc.attributions[i].source = Some(s);
    }
}

/// Whether token `t` is punctuation or a quotation mark.
fn is_punct(doc: &Doc, t: u32) -> bool {
    matches!(
        doc.tokens[t as usize].kind,
        TokenKind::Punct | TokenKind::Quote
    )
}

/// A source that is the object of a relative clause has lost the phrase the clause belongs
/// to: in "Lawyers for the residents' group that brought *the case* said", the speakers are
/// the lawyers. The source becomes that noun phrase with its clause ("Lawyers … that brought
/// the case"): it starts after the last comma, dash or verb before the relative pronoun.
pub(crate) fn relative_object_sources(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (Some(src), Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        // The cue, a verb of speech, follows the source directly ("… the case said"), not a
        // participle ("a speech that included Trump vowing …").
        let speech = matches!(
            doc.token_text(cue.start).to_ascii_lowercase().as_str(),
            "said"
                | "says"
                | "say"
                | "told"
                | "tells"
                | "added"
                | "wrote"
                | "argued"
                | "insisted"
                | "warned"
                | "claimed"
                | "denied"
                | "stated"
                | "noted"
        );
        if src.end != cue.start
            || src.start < 3
            || doc.tokens[src.start as usize].in_quote
            || is_punct(doc, src.end - 1)
            || !speech
        {
            continue;
        }
        let verb = src.start - 1;
        let rel = verb - 1;
        if !matches!(pos(doc, verb), "VBD" | "VBZ" | "VBP")
            || !matches!(
                doc.token_text(rel).to_ascii_lowercase().as_str(),
                "that" | "who" | "which"
            )
            || !pos(doc, rel - 1).starts_with("NN")
        {
            continue;
        }
        let sent = doc.sentences[doc.tokens[src.start as usize].sentence as usize].tokens;
        let mut start = rel - 1;
        while start > sent.start
            && matches!(
                pos(doc, start - 1),
                "DT" | "JJ"
                    | "JJR"
                    | "JJS"
                    | "NN"
                    | "NNS"
                    | "NNP"
                    | "NNPS"
                    | "PRP$"
                    | "POS"
                    | "IN"
                    | "CD"
            )
        {
            start -= 1;
        }
        // Not from inside a prepositional phrase: "for the residents' group" alone is no
        // speaker.
        if pos(doc, start) == "IN" {
            continue;
        }
        let np = TokenSpan {
            start,
            end: src.start,
        };
        let taken = doc.attributions.iter().any(|b| {
            b.content.iter().any(|c| spans_overlap(*c, np))
                || b.cue.is_some_and(|c| spans_overlap(c, np))
        });
        if !taken {
            doc.attributions[i].source = Some(TokenSpan {
                start,
                end: src.end,
            });
        }
    }
}

/// A source that starts right after a possessive has lost its possessor: "The Morvanian
/// Metalworkers’ *Federation* says", "Halvik’s *chief executive* said". It starts where the
/// possessor's noun phrase does (determiners, adjectives, nouns; not over a dash, comma or
/// verb, and not into another attribution's span).
pub(crate) fn possessor_sources(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let Some(src) = doc.attributions[i].source else {
            continue;
        };
        if src.start == 0 || pos(doc, src.start - 1) != "POS" {
            continue;
        }
        let sent = doc.sentences[doc.tokens[src.start as usize].sentence as usize].tokens;
        let mut start = src.start - 1;
        while start > sent.start
            && matches!(
                pos(doc, start - 1),
                "DT" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$"
            )
        {
            start -= 1;
        }
        if start == src.start - 1 || !pos(doc, start).starts_with(['D', 'N', 'J', 'P']) {
            continue;
        }
        let np = TokenSpan {
            start,
            end: src.start,
        };
        let a = &doc.attributions[i];
        let taken = a.content.iter().any(|p| spans_overlap(*p, np))
            || a.cue.is_some_and(|c| spans_overlap(c, np));
        if !taken {
            doc.attributions[i].source = Some(TokenSpan {
                start,
                end: src.end,
            });
        }
    }
}

/// A source never reaches back over a dash into a dateline ("DRESCHEN, April 16 — Battery
/// maker Voltera Systems said"): cut it after the last dash of the first sentence (or of the
/// dateline's sentence after a headline). Content
/// that starts in a dateline starts after it, and content pieces wholly inside it are dropped.
pub(crate) fn trim_sources_at_dashes(doc: &mut Doc) {
    let dateline = doc.dateline_dash();
    let story = dateline
        .and_then(|d| doc.tokens.get(d as usize))
        .map(|t| t.sentence);
    let Doc {
        attributions,
        tokens,
        text,
        ..
    } = doc;
    for a in attributions.iter_mut() {
        let Some(src) = a.source else { continue };
        if src.end as usize > tokens.len() {
            continue;
        }
        // Datelines open a story: only the first sentence has one (or the one after a
        // headline).
        let dash = (src.start..src.end).rev().find(|&t| {
            (tokens[t as usize].sentence == 0 || Some(tokens[t as usize].sentence) == story)
                && matches!(
                    &text[tokens[t as usize].span.range()],
                    "—" | "–" | "--" | "―"
                )
        });
        if let Some(d) = dash {
            if d + 1 < src.end {
                a.source = Some(TokenSpan {
                    start: d + 1,
                    end: src.end,
                });
            }
        }
    }
    // Content does not start in a dateline either ("VALENCIA, Spain (Harbor Wire) —
    // Dockworkers … will extend their walkout, union leaders said"). The dateline is
    // [`Doc::dateline_dash`]'s.
    let Some(dash) = dateline else { return };
    let after = dash + 1;
    // (A headline before the dateline keeps its own attributions.)
    let opens = |t: u32| {
        let s = tokens[dash as usize].sentence;
        tokens.get(t as usize).is_some_and(|x| x.sentence == s)
    };
    for a in attributions.iter_mut() {
        // Nor is a source wholly inside the dateline ("BRISK" for a verb after the dash):
        // the place the story was filed from speaks for no one.
        if a.source.is_some_and(|s| s.end < after && opens(s.start)) {
            a.source = None;
        }
        for p in a.content.iter_mut() {
            if p.start < after && after < p.end && opens(p.start) {
                p.start = after;
            }
        }
        // A piece wholly inside the dateline ("ORVIK" before "The ambassador had been
        // recalled …, said a senior diplomat") is no one's words, when content remains.
        let inside = |p: &TokenSpan| p.start < after && opens(p.start);
        if a.content.iter().any(|p| !inside(p)) {
            a.content.retain(|p| !inside(p));
        }
    }
}

/// *A spokeswoman said no such memo existed. “The ministry has never told any hospital …,”
/// she wrote.*: the role tagger may run the first cue's content on into the next sentence's
/// quotation, which has a cue of its own. A content piece that lies wholly in other
/// sentences than its cue, where an attribution whose cue is in one of them (and not inside
/// this content) has a content overlapping the piece, is that attribution's alone: dropped,
/// when the first attribution keeps another piece. Returns the attributions changed, whose
/// kind may have changed with their content.
pub(crate) fn pieces_claimed_by_their_own_cue(doc: &mut Doc) -> Vec<usize> {
    let sentence = |t: u32| doc.tokens[t as usize].sentence;
    // Attributions by the sentence of their cue.
    let mut by_sentence: Vec<(u32, usize)> = doc
        .attributions
        .iter()
        .enumerate()
        .filter_map(|(j, b)| Some((sentence(b.cue?.start), j)))
        .collect();
    by_sentence.sort_unstable();
    let mut drops: Vec<(usize, TokenSpan)> = Vec::new();
    for (i, a) in doc.attributions.iter().enumerate() {
        let Some(cue) = a.cue else { continue };
        if a.content.len() < 2 {
            continue;
        }
        let own = sentence(cue.start);
        for p in &a.content {
            // (A quotation of several sentences: the cue is in one of them.)
            let (s, last) = (sentence(p.start), sentence(p.end - 1));
            if s == own || last < s || own > s && own <= last {
                continue;
            }
            let from = by_sentence.partition_point(|&(x, _)| x < s);
            let claimed = by_sentence[from..]
                .iter()
                .take_while(|&&(x, _)| x <= last)
                .map(|&(_, j)| &doc.attributions[j])
                .any(|b| {
                    let bc = b.cue.unwrap();
                    !std::ptr::eq(a, b)
                        && !a.content.iter().any(|q| spans_overlap(*q, bc))
                        && b.content.iter().any(|q| spans_overlap(*q, *p))
                });
            if claimed {
                drops.push((i, *p));
            }
        }
    }
    let mut changed = Vec::new();
    for (i, p) in drops {
        let a = &mut doc.attributions[i];
        if a.content.len() > 1 {
            a.content.retain(|q| *q != p);
            changed.push(i);
        }
    }
    changed.dedup();
    changed
}

/// "X said that Y, a day after a newspaper reported that Z": the role tagger may read the
/// whole opening clause as a fronted content of the later cue, which has a that-clause of
/// its own after it. A content piece before a cue's source that holds another
/// attribution's source and cue, when the cue also has content after it, is that other
/// attribution's sentence, not this one's content: the piece is dropped (so the other one is
/// not nested in it).
pub(crate) fn fronted_content_with_own_speaker(doc: &mut Doc) {
    let cues: Vec<(TokenSpan, Option<TokenSpan>)> = doc
        .attributions
        .iter()
        .filter_map(|a| Some((a.cue?, a.source)))
        .collect();
    let mut sorted: Vec<usize> = (0..cues.len()).collect();
    sorted.sort_by_key(|&k| cues[k].0.start);
    let mut dropped: Vec<(u32, TokenSpan)> = Vec::new();
    for (i, a) in doc.attributions.iter().enumerate() {
        let Some(cue) = a.cue else { continue };
        if a.content.len() < 2 || !a.content.iter().any(|c| c.start >= cue.end) {
            continue;
        }
        let before = a.source.map_or(cue.start, |s| s.start.min(cue.start));
        let subordinator = |t: u32| {
            matches!(
                doc.token_text(t).to_ascii_lowercase().as_str(),
                "after"
                    | "before"
                    | "as"
                    | "while"
                    | "when"
                    | "since"
                    | "because"
                    | "though"
                    | "although"
                    | "whereas"
                    | "days"
                    | "day"
                    | "hours"
            )
        };
        // "DuVernay said she felt … “…,” she said": the pronoun's cue repeats the name's.
        let pronoun_source = a.source.is_some_and(|s| {
            s.len() == 1
                && matches!(
                    doc.token_text(s.start).to_ascii_lowercase().as_str(),
                    "he" | "she" | "they"
                )
        });
        let cue_word = doc.token_text(cue.end - 1).to_ascii_lowercase();
        for c in &a.content {
            // The piece opens with another attribution's source, its cue after that
            // ("Northgate Rovers said …"), not with a quotation that reports someone inside
            // it …
            let opens_quote = doc.tokens[c.start as usize].in_quote
                || doc.tokens[c.start as usize].kind == TokenKind::Quote;
            if c.end > before || opens_quote {
                continue;
            }
            let from = sorted.partition_point(|&k| cues[k].0.start < c.start);
            let Some(&k) = sorted[from..]
                .iter()
                .take_while(|&&k| cues[k].0.start < c.end)
                .find(|&&k| {
                    let (oc, os) = cues[k];
                    oc != cue
                        && oc.end <= c.end
                        && os.is_some_and(|s| s.start <= c.start + 1 && s.end <= oc.start)
                })
            else {
                continue;
            };
            // … and this cue's clause is subordinate to the piece's ("…, a day after a
            // newspaper reported"), or the piece follows a subordinator ("as Trump went on
            // about …, Melanie said yes"), or this cue repeats the piece's, not a
            // parenthetical around a report ("…, the inspector said, adding").
            let subordinate =
                (c.end..before).any(subordinator) || (c.start > 0 && subordinator(c.start - 1));
            let repeated = pronoun_source
                && doc.token_text(cues[k].0.end - 1).to_ascii_lowercase() == cue_word;
            let other = subordinate || repeated;
            if other {
                dropped.push((i as u32, *c));
            }
        }
    }
    for &(i, c) in &dropped {
        doc.attributions[i as usize].content.retain(|x| *x != c);
    }
    // What the nesting stage nested in a dropped piece stands on its own.
    for a in doc.attributions.iter_mut() {
        if let (Some(p), Some(cue)) = (a.parent, a.cue) {
            if dropped
                .iter()
                .any(|&(q, c)| q == p && c.start <= cue.start && cue.end <= c.end)
            {
                a.parent = None;
            }
        }
    }
}

/// An attribution whose cue lies inside another's content is nested in it ("Peskov said the
/// Kremlin didn't know what Trump meant when he asserted that …"): `parent` is the innermost
/// such attribution. The extractor nests the reporting verbs it finds inside contents; this
/// catches the ones it extracted as attributions of their own.
pub(crate) fn nest_inside_contents(doc: &mut Doc) {
    let n = doc.attributions.len();
    // Content pieces by where they end (end, attribution, piece), so that each act finds its
    // outer piece without a scan of every attribution (a 50 MB document has 200,000).
    let mut ends: Vec<(u32, usize, usize)> = doc
        .attributions
        .iter()
        .enumerate()
        .flat_map(|(j, b)| {
            b.content
                .iter()
                .enumerate()
                .map(move |(k, c)| (c.end, j, k))
        })
        .collect();
    ends.sort_unstable();
    // "The newspaper said it had seen messages in which a staff member | told riders to …": an
    // outer content that stops right before a speech act's cue, with that act's source
    // inside it, runs on over the cue and the act's content in the same sentence, and the
    // act is nested in it below. (A clause of time or reason around the act stays in the
    // content, as PolNeAR and our own demo gold have it: "said it was recalling … after
    // laboratory tests found that …".)
    for i in 0..n {
        let a = &doc.attributions[i];
        let (Some(cue), Some(src), None) = (a.cue, a.source, a.parent) else {
            continue;
        };
        let sentence_of = |t: u32| doc.tokens.get(t as usize).map(|x| x.sentence);
        if src.end != cue.start || sentence_of(src.start) != sentence_of(cue.start) {
            continue;
        }
        let Some(end) = content_end_in_cue_sentence(doc, a, cue) else {
            continue;
        };
        let from = ends.partition_point(|&(e, _, _)| e < cue.start);
        let outer = ends[from..]
            .iter()
            .take_while(|&&(e, _, _)| e == cue.start)
            .find_map(|&(_, j, k)| {
                let b = &doc.attributions[j];
                let c = b.content[k];
                let ok = j != i
                    && c.end == cue.start
                    && c.start < src.start
                    && b.cue.is_some_and(|oc| oc.end <= c.start)
                    && !b.content[k + 1..].iter().any(|c| c.start < end);
                ok.then_some((j, k))
            });
        if let Some((j, k)) = outer {
            doc.attributions[j].content[k].end = end;
        }
    }
    let mut spans: Vec<(TokenSpan, usize)> = doc
        .attributions
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.content.iter().map(move |&c| (c, i)))
        .collect();
    spans.sort_by_key(|(c, _)| (c.start, c.end));
    let mut parents = vec![None; n];
    for (i, a) in doc.attributions.iter().enumerate() {
        let (Some(cue), None) = (a.cue, a.parent) else {
            continue;
        };
        let end = spans.partition_point(|(c, _)| c.start <= cue.start);
        parents[i] = spans[..end]
            .iter()
            .rev()
            .take(64)
            .filter(|(c, j)| {
                *j != i && c.start <= cue.start && cue.end <= c.end && c.start < cue.start
            })
            .min_by_key(|(c, _)| c.len())
            .map(|(_, j)| *j as u32);
    }
    // No cycles: links are committed one by one, each only when following the committed ones
    // from its parent does not lead back to it.
    for (i, p) in parents.into_iter().enumerate() {
        let Some(p) = p else { continue };
        let mut x = p as usize;
        let mut cyclic = false;
        for _ in 0..n {
            if x == i {
                cyclic = true;
                break;
            }
            match doc.attributions[x].parent {
                Some(y) => x = y as usize,
                None => break,
            }
        }
        if !cyclic {
            doc.attributions[i].parent = Some(p);
        }
    }
    // "The Courier had reported that Reyk warned | Marrow that …": an outer content that stops
    // right at a nested cue holds the nested speech act's content too, up to its end in the
    // same sentence.
    for i in 0..n {
        let a = &doc.attributions[i];
        let (Some(p), Some(cue)) = (a.parent, a.cue) else {
            continue;
        };
        let Some(end) = content_end_in_cue_sentence(doc, a, cue) else {
            continue;
        };
        let outer = &mut doc.attributions[p as usize];
        let Some(k) = outer.content.iter().position(|c| c.end == cue.end) else {
            continue;
        };
        if outer.content[k + 1..].iter().any(|c| c.start < end) {
            continue;
        }
        outer.content[k].end = end;
    }
}

/// Where the content after `cue` ends within the cue's sentence (`None` without such content).
/// (Spans come from the taggers, so they index tokens; looked up with `get` all the same, as
/// [`nest_inside_contents`] works on spans alone.)
fn content_end_in_cue_sentence(doc: &Doc, a: &Attribution, cue: TokenSpan) -> Option<u32> {
    let sentence_of = |t: u32| doc.tokens.get(t as usize).map(|x| x.sentence);
    let sentence = sentence_of(cue.start)?;
    a.content
        .iter()
        .filter(|c| c.start >= cue.end && sentence_of(c.start) == Some(sentence))
        .map(|c| c.end)
        .max()
}

/// Source and content of an *according to* cue read off the sentence, for when the role
/// tagger finds no content for it (a relative clause such as *, which cited …,* after the
/// source confuses it):
///
/// * *According to X[, which cited Y,] CLAUSE.* → source X, content CLAUSE;
/// * *CLAUSE, according to X.* → source X, content CLAUSE.
///
/// `sent` is the cue's sentence. Returns `None` when the sentence has neither shape.
pub(crate) fn according_to_spans(
    doc: &Doc,
    sent: TokenSpan,
    cue: TokenSpan,
) -> Option<(TokenSpan, TokenSpan)> {
    let text = |t: u32| doc.token_text(t);
    let is_punct = |t: u32| is_punct(doc, t);
    // The sentence without its closing punctuation and quotation marks.
    let mut end = sent.end;
    while end > cue.end && is_punct(end - 1) {
        end -= 1;
    }
    // Words before the cue that may open the sentence: punctuation, "But", "And".
    let opening = (sent.start..cue.start).all(|t| {
        is_punct(t) || matches!(text(t).to_ascii_lowercase().as_str(), "but" | "and" | "yet")
    });
    let comma_from = |from: u32| (from..end).find(|&t| text(t) == ",");
    if opening {
        let comma = comma_from(cue.end)?;
        if comma == cue.end {
            return None;
        }
        let source = TokenSpan::new(cue.end as usize, comma as usize);
        let mut start = comma + 1;
        // ", which cited Y," / ", who spoke to Y," belongs to the source, not the content.
        if start < end && matches!(text(start).to_ascii_lowercase().as_str(), "which" | "who") {
            start = comma_from(start)? + 1;
        }
        (start < end).then(|| (source, TokenSpan::new(start as usize, end as usize)))
    } else {
        // "CLAUSE, according to X." with X running to the end of the sentence.
        if cue.start <= sent.start || text(cue.start - 1) != "," || cue.end >= end {
            return None;
        }
        if (cue.end..end).any(|t| text(t) == "," || text(t) == ";") {
            return None;
        }
        let mut first = sent.start;
        while first < cue.start - 1 && is_punct(first) && text(first) != "“" && text(first) != "\""
        {
            first += 1;
        }
        (first < cue.start - 1).then(|| {
            (
                TokenSpan::new(cue.end as usize, end as usize),
                TokenSpan::new(first as usize, cue.start as usize - 1),
            )
        })
    }
}

/// Words of an anonymity clause (*who asked not to be named*, *who spoke on condition of
/// anonymity*, *who was not authorised to speak*).
fn is_anonymity_clause(doc: &Doc, span: TokenSpan) -> bool {
    let words: Vec<String> = span
        .range()
        .map(|t| doc.token_text(t as u32).to_ascii_lowercase())
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let seq = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    let refused = has("not") || has("declined") || has("refused") || has("neither");
    has("anonymity")
        || has("anonymously")
        || has("withheld")
        || (refused && (has("named") || has("identified") || has("name")))
        || (seq("not", "to") && has("identify"))
        || (has("not") && (has("authorized") || has("authorised") || has("permitted")))
}

/// "A council officer, who asked not to be identified because …, said …": the role tagger
/// tends to lose such a source in the relative clause (taking the clause as content, or
/// *who* as the source, or the clause's *asked* as a cue of its own). The source is the
/// noun phrase with its relative clause and closing comma (PolNeAR's convention), content
/// before the cue that lies in it is dropped, and attributions whose cue is inside an
/// anonymity clause ("asked | not to be named") are removed. A relay phrase in the same place
/// ("The daily Vestpost, citing two people involved in the talks, reported …") is treated
/// alike, except that the source is the noun phrase alone. With no commas ("An official who
/// requested anonymity said …") only an anonymity clause is taken into the source; when the
/// role tagger made the clause's verb the cue and ran its content over a later cue of `cues`
/// that has no attribution of its own, that later cue is the attribution's. Runs before
/// nesting, so no `parent` index needs renumbering.
pub(crate) fn relative_clause_sources(doc: &mut Doc, cues: &[TokenSpan]) {
    bare_clause_cues(doc, cues);
    let mut drop = vec![false; doc.attributions.len()];
    for i in 0..doc.attributions.len() {
        let Some(cue) = doc.attributions[i].cue else {
            continue;
        };
        let c = cue.start;
        if c < 4 {
            continue;
        }
        // "An official who requested anonymity said": an anonymity clause with no commas.
        let bare = doc.token_text(c - 1) != ",";
        let sentence = doc.tokens[c as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        // ", and who asked not to be named": a second relative clause after a first.
        let and_who = |k: u32| {
            k > sent.start + 2
                && doc.token_text(k - 1).eq_ignore_ascii_case("and")
                && doc.token_text(k - 2) == ","
                && doc.token_text(k).eq_ignore_ascii_case("who")
        };
        // The relative pronoun after a comma, with no other comma before the cue's.
        let mut k = if bare { c } else { c - 1 };
        let mut rel = None;
        while k > sent.start + 1 && (!bare || c - k < 16) {
            k -= 1;
            let w = doc.token_text(k);
            if w == "," || w == ";" {
                break;
            }
            let lw = w.to_ascii_lowercase();
            let opens = if bare {
                lw == "who"
            } else {
                (matches!(lw.as_str(), "who" | "whose" | "which" | "citing" | "quoting")
                    && (doc.token_text(k - 1) == "," || and_who(k)))
                    // ", neither of whom was authorised to comment,"
                    || (matches!(lw.as_str(), "neither" | "none" | "both" | "all" | "one")
                        && doc.token_text(k - 1) == ","
                        && k + 2 < c
                        && doc.token_text(k + 1).eq_ignore_ascii_case("of")
                        && doc.token_text(k + 2).eq_ignore_ascii_case("whom"))
                    // ", speaking on condition of anonymity,": only an anonymity phrase.
                    || (matches!(lw.as_str(), "speaking" | "requesting" | "asking" | "declining")
                        && doc.token_text(k - 1) == ","
                        && is_anonymity_clause(doc, TokenSpan { start: k, end: c - 1 }))
            };
            if opens {
                rel = Some(k);
                break;
            }
        }
        let Some(rel) = rel else { continue };
        let clause = TokenSpan {
            start: rel,
            end: if bare { c } else { c - 1 },
        };
        if bare && !is_anonymity_clause(doc, clause) {
            continue;
        }
        // The noun phrase runs back to the sentence start or the previous comma (past the
        // first relative clause before ", and who").
        let mut np = if and_who(rel) { rel - 2 } else { rel - 1 };
        while np > sent.start
            && !matches!(doc.token_text(np - 1), "," | ";" | ":" | "—" | "–" | "―")
        {
            np -= 1;
        }
        // "Marc Tellier, 58, whose house burned down,": an age in commas after a name is
        // part of the phrase.
        if np + 1 < rel
            && np >= sent.start + 2
            && doc.pos.get(np as usize).is_some_and(|p| p.name() == "CD")
            && doc.token_text(np + 1) == ","
            && doc.token_text(np - 1) == ","
            && doc
                .pos
                .get(np as usize - 2)
                .is_some_and(|p| p.name() == "NNP")
        {
            np -= 1;
            while np > sent.start
                && doc
                    .pos
                    .get(np as usize - 1)
                    .is_some_and(|p| p.name() == "NNP")
            {
                np -= 1;
            }
        }
        // "But a senior official, who …": the conjunction opens the sentence, not the phrase.
        while np + 1 < rel && doc.pos.get(np as usize).is_some_and(|p| p.name() == "CC") {
            np += 1;
        }
        if np + 1 > rel || (!bare && np + 1 == rel) {
            continue;
        }
        // A relative clause belongs to the source; a relay ("X, citing Y, reported") does not.
        let relay = matches!(
            doc.token_text(rel).to_ascii_lowercase().as_str(),
            "citing" | "quoting"
        );
        let full = if relay {
            TokenSpan {
                start: np,
                end: rel - 1,
            }
        } else {
            TokenSpan { start: np, end: c }
        };
        let a = &doc.attributions[i];
        let lost = match a.source {
            None => true,
            // "who" alone, or a source inside the clause or the noun phrase; or the dateline
            // before the phrase's dash ("SARN, May 5 — A senior official, who …, said").
            Some(s) => {
                (s.start >= np && s.end <= c && s != full)
                    || (s.end < np
                        && matches!(doc.token_text(np - 1), "—" | "–" | "―")
                        && doc.tokens[s.start as usize].sentence == sentence)
            }
        };
        let kept = a.source == Some(full);
        if !lost && !kept {
            continue;
        }
        if is_anonymity_clause(doc, clause) {
            // "who asked | not to be named": not an attribution. Attributions are in cue
            // order here, so the clause's are the few just before this one.
            let from = i.saturating_sub(8);
            for (d, b) in drop[from..i].iter_mut().zip(&doc.attributions[from..i]) {
                if b.cue.is_some_and(|bc| clause.contains(bc.start)) {
                    *d = true;
                }
            }
        }
        if !lost {
            continue;
        }
        let a = &mut doc.attributions[i];
        a.source = Some(full);
        a.content.retain(|p| p.end <= np || p.start >= c);
        if a.content.is_empty() {
            drop[i] = true;
        }
    }
    let mut k = 0;
    doc.attributions.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// "An official who | requested | anonymity said Z": the attribution of a cue inside a relative
/// clause with no commas whose content runs over a later, unattributed cue of the sentence
/// (the clause ending there being an anonymity clause) becomes that later cue's, with the
/// content after it and no source (`relative_clause_sources` then takes the noun phrase and
/// clause).
fn bare_clause_cues(doc: &mut Doc, cues: &[TokenSpan]) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let Some(cue) = a.cue else { continue };
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        // The relative pronoun just before the cue, after a noun phrase.
        let Some(rel) = (sent.start + 1..cue.start)
            .rev()
            .take(3)
            .find(|&t| doc.token_text(t).eq_ignore_ascii_case("who"))
        else {
            continue;
        };
        if matches!(doc.token_text(rel - 1), "," | ";" | ":") {
            continue;
        }
        // The later cue: one the cue tagger found, else the first finite reporting verb.
        let inside = |d: TokenSpan| {
            d.start > cue.end
                && d.end <= sent.end
                && a.content
                    .iter()
                    .any(|p| p.start < d.start && d.end <= p.end)
                && (cue.end..d.start).all(|t| doc.token_text(t) != ",")
        };
        let mut lemma = String::new();
        let verb = (cue.end..sent.end.min(cue.end + 16))
            .find(|&t| {
                let pos = doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("");
                matches!(pos, "VBD" | "VBZ" | "VBP") && {
                    crate::lex::lemma_into(doc.token_text(t), true, false, &mut lemma);
                    crate::lex::is_reporting_lemma(&lemma)
                }
            })
            .map(|t| TokenSpan {
                start: t,
                end: t + 1,
            });
        let Some(later) = cues
            .iter()
            .copied()
            .find(|&d| inside(d))
            .or(verb.filter(|&d| inside(d)))
        else {
            continue;
        };
        if doc.attributions.iter().any(|b| b.cue == Some(later)) {
            continue;
        }
        let clause = TokenSpan {
            start: rel,
            end: later.start,
        };
        if !is_anonymity_clause(doc, clause) {
            continue;
        }
        let a = &mut doc.attributions[i];
        a.cue = Some(later);
        a.source = None;
        a.content = a
            .content
            .iter()
            .filter(|p| p.end > later.end)
            .map(|p| TokenSpan {
                start: p.start.max(later.end),
                end: p.end,
            })
            .collect();
    }
}

/// *A former finance director testified on Thursday that …*: a finite verb of saying
/// followed, after at most a short time phrase, by *that* is a cue even when the tagger
/// misses it (it leans on the word after a rare verb: "testified that" is found, "testified
/// on Thursday that" was not). The cue takes the auxiliaries and adverbs before the verb.
pub(crate) fn that_clause_cues(doc: &Doc, sent: TokenSpan, cues: &mut Vec<TokenSpan>) {
    let covered = |cues: &[TokenSpan], t: u32| cues.iter().any(|c| c.contains(t));
    let mut lemma = String::new();
    for v in sent.start..sent.end.saturating_sub(2) {
        if doc.tokens[v as usize].in_quote
            || !matches!(pos(doc, v), "VBD" | "VBZ" | "VBP")
            || covered(cues, v)
        {
            continue;
        }
        crate::lex::lemma_into(doc.token_text(v), true, false, &mut lemma);
        if !crate::lex::is_reporting_lemma(&lemma) || matches!(lemma.as_str(), "ask" | "show") {
            continue;
        }
        // "on Thursday", "late on Monday", "in court": a time phrase, then "that".
        let t = after_time_phrase(doc, v + 1, sent.end);
        if t == v + 1 || t + 1 >= sent.end || doc.token_text(t) != "that" {
            continue;
        }
        let start = with_cue_modifiers(doc, v, sent.start);
        let span = TokenSpan { start, end: v + 1 };
        insert_cue(cues, span);
    }
}

/// *… by a veterinary union, which said at least three workers …*: a *said* / *says* right
/// after a relative pronoun set off by a comma, which the tagger can leave out (it does after
/// a long passive clause), is a cue; the role tagger then finds its source and content, or
/// the attribution is dropped.
pub(crate) fn missed_said_cues(doc: &Doc, sent: TokenSpan, cues: &mut Vec<TokenSpan>) {
    for v in sent.start..sent.end {
        if v < sent.start + 2
            || doc.tokens[v as usize].in_quote
            || !matches!(pos(doc, v), "VBD" | "VBZ")
            || !matches!(doc.token_text(v), "said" | "says")
            || !matches!(doc.token_text(v - 1), "which" | "who")
            || doc.token_text(v - 2) != ","
            || v + 1 >= sent.end
            || matches!(doc.token_text(v + 1), "and" | "or" | "," | "." | "so")
        {
            continue;
        }
        insert_cue(
            cues,
            TokenSpan {
                start: v,
                end: v + 1,
            },
        );
    }
}

/// *That claim was contradicted by a veterinary union*: a passive denial verb with its agent
/// after *by* is a cue (with its auxiliaries) even where the tagger misses a rare verb.
pub(crate) fn passive_denial_cues(doc: &Doc, sent: TokenSpan, cues: &mut Vec<TokenSpan>) {
    for v in sent.start + 1..sent.end.saturating_sub(1) {
        let w = doc.token_text(v).to_ascii_lowercase();
        if doc.tokens[v as usize].in_quote
            || pos(doc, v) != "VBN"
            || !matches!(
                w.as_str(),
                "contradicted"
                    | "disputed"
                    | "rejected"
                    | "denied"
                    | "challenged"
                    | "dismissed"
                    | "refuted"
                    | "rebutted"
            )
            || !doc.token_text(v + 1).eq_ignore_ascii_case("by")
            || !matches!(
                doc.token_text(v - 1).to_ascii_lowercase().as_str(),
                "was" | "were" | "been" | "is" | "are" | "be"
            )
            || cues.iter().any(|c| c.contains(v))
        {
            continue;
        }
        let start = with_cue_modifiers(doc, v, sent.start);
        let span = TokenSpan { start, end: v + 1 };
        insert_cue(cues, span);
    }
}

/// Platforms people post on: "posted on social media", "wrote on Facebook".
const PLATFORMS: &[&[&str]] = &[
    &["social", "media"],
    &["twitter"],
    &["x"],
    &["facebook"],
    &["instagram"],
    &["tiktok"],
    &["telegram"],
    &["linkedin"],
    &["threads"],
    &["bluesky"],
    &["truth", "social"],
];

/// *X posted on social media: "…"*, *X wrote on Facebook on Sunday that …*: a verb of posting
/// followed by *on* and a platform, then a colon or *that* (a time may come between), is a
/// cue even when the tagger misses it; the cue runs from the verb to the platform.
pub(crate) fn platform_cues(doc: &Doc, sent: TokenSpan, cues: &mut Vec<TokenSpan>) {
    let is = |t: u32, w: &str| doc.token_text(t).eq_ignore_ascii_case(w);
    for v in sent.start..sent.end.saturating_sub(3) {
        if !["posted", "wrote", "said", "tweeted", "commented"]
            .iter()
            .any(|w| is(v, w))
            || !is(v + 1, "on")
        {
            continue;
        }
        let Some(end) = PLATFORMS.iter().find_map(|p| {
            let end = v + 2 + p.len() as u32;
            (end <= sent.end && p.iter().enumerate().all(|(k, w)| is(v + 2 + k as u32, w)))
                .then_some(end)
        }) else {
            continue;
        };
        // Then ":" or "that", perhaps after "on Sunday" / "late on Sunday".
        let mut t = end;
        while t < sent.end && t < end + 4 && !matches!(doc.token_text(t), ":" | "that") {
            if !matches!(
                doc.pos.get(t as usize).map(|p| p.name()),
                Some("IN" | "NNP" | "NN" | "RB" | "JJ" | "CD")
            ) {
                break;
            }
            t += 1;
        }
        // … or the sentence ends there after a quotation ('"…," Okoye posted on
        // Instagram.'; PolNeAR keeps "on Twitter" out of a "said" there).
        let after_quote = !is(v, "said")
            && t + 1 == sent.end
            && matches!(doc.token_text(t), "." | "!")
            && (sent.start..v).any(|k| doc.tokens[k as usize].quote == QuoteRole::Close);
        if !after_quote && (t >= sent.end || !matches!(doc.token_text(t), ":" | "that")) {
            continue;
        }
        let span = TokenSpan { start: v, end };
        // A cue the tagger ended inside the platform ("later wrote on" | "X that …") runs
        // to its end.
        let k = cues.partition_point(|c| c.start <= v);
        if k > 0 && cues[k - 1].end > v && cues[k - 1].end < end {
            if cues.get(k).is_none_or(|n| n.start >= end) {
                cues[k - 1].end = end;
            }
            continue;
        }
        insert_cue(cues, span);
    }
}

/// Repairs of the cue tagger's output in one sentence for two relay constructions it handles
/// badly:
///
/// * *X, citing Y, reported that Z*: the tagger takes *citing* for the cue and misses the
///   reporting verb; the verb (with its auxiliaries and adverbs) becomes the cue, and the
///   relay (Y, *citing*, Z) is left to the context layer.
/// * *X had earlier cited Y as saying Z*: a *cited*/*quoted* followed by *as saying* in the
///   same sentence is a cue even when the tagger misses it.
///
/// `cues` are the sentence's cues in order; they stay sorted and disjoint.
pub(crate) fn relay_cues(doc: &Doc, sent: TokenSpan, cues: &mut Vec<TokenSpan>) {
    let lower = |t: u32| doc.token_text(t).to_ascii_lowercase();
    let pos = |t: u32| doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("");
    // Cues are kept sorted by start (and do not overlap), so a token is looked up, not
    // compared with every cue: a one-sentence input with thousands of cues stays linear.
    let covered = |cues: &[TokenSpan], t: u32| {
        let k = cues.partition_point(|c| c.start <= t);
        k > 0 && cues[k - 1].contains(t)
    };
    let mut lemma = String::new();
    // *citing Y, VERB*.
    for k in 0..cues.len() {
        let c = cues[k];
        if c.len() != 1 || c.start == sent.start || doc.token_text(c.start - 1) != "," {
            continue;
        }
        if !matches!(lower(c.start).as_str(), "citing" | "quoting") {
            continue;
        }
        let Some(comma) = (c.end..sent.end.min(c.end + 16)).find(|&t| doc.token_text(t) == ",")
        else {
            continue;
        };
        let mut v = comma + 1;
        while v < sent.end && crate::lex::is_cue_modifier(&lower(v)) {
            v += 1;
        }
        if v >= sent.end || !matches!(pos(v), "VBD" | "VBZ" | "VBP" | "VBN") || covered(cues, v) {
            continue;
        }
        crate::lex::lemma_into(doc.token_text(v), true, false, &mut lemma);
        if !crate::lex::is_reporting_lemma(&lemma) && lemma != "report" {
            continue;
        }
        cues[k] = TokenSpan::new(comma as usize + 1, v as usize + 1);
    }
    cues.sort();
    // *cited Y as saying*.
    for t in sent.start..sent.end {
        if covered(cues, t) || !matches!(lower(t).as_str(), "cited" | "quoted") {
            continue;
        }
        let end = sent.end.min(t + 16);
        let as_saying = (t + 1..end.saturating_sub(1)).any(|k| {
            lower(k) == "as"
                && matches!(
                    lower(k + 1).as_str(),
                    "saying" | "telling" | "stating" | "writing" | "warning" | "claiming"
                )
        });
        if !as_saying {
            continue;
        }
        let mut start = t;
        while start > sent.start
            && crate::lex::is_cue_modifier(&lower(start - 1))
            && !covered(cues, start - 1)
        {
            start -= 1;
        }
        let c = TokenSpan::new(start as usize, t as usize + 1);
        let at = cues.partition_point(|x| x.start < c.start);
        cues.insert(at, c);
    }
}

/// "…, people with knowledge of the matter said, asking not to be identified because …": an
/// anonymity phrase after the cue (*asking not to be named*, *speaking on condition of
/// anonymity*) is not content; and when the role tagger lost the source of an inverted
/// attribution ("CONTENT, NP said, asking …", "CONTENT, a person familiar with the matter
/// said.") or kept only its tail ("CONTENT, people close to | the negotiations said."), the
/// noun phrase between the comma and the cue is it.
pub(crate) fn anonymity_after_cue(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let Some(cue) = doc.attributions[i].cue else {
            continue;
        };
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        // The participle phrase right after the cue: ", asking not to be named …".
        let after = cue.end;
        let mut anonymous = false;
        if after < sent.end && doc.token_text(after) == "," {
            let phrase = TokenSpan {
                start: after + 1,
                end: sent.end,
            };
            let first = phrase.start;
            let lead = first < sent.end
                && matches!(
                    doc.token_text(first).to_ascii_lowercase().as_str(),
                    "asking" | "requesting" | "speaking" | "declining" | "because" | "who"
                );
            anonymous = lead && is_anonymity_clause(doc, phrase);
            if anonymous {
                let a = &mut doc.attributions[i];
                let kept: Vec<TokenSpan> = a
                    .content
                    .iter()
                    .filter(|p| p.start < after)
                    .map(|p| TokenSpan {
                        start: p.start,
                        end: p.end.min(after),
                    })
                    .collect();
                if !kept.is_empty() {
                    a.content = kept;
                }
            }
        }
        // "CONTENT, NP said": the source between the comma and the cue.
        let a = &doc.attributions[i];
        // Beyond the anonymity phrase, only for a plain speech verb ("…, a person familiar
        // with the matter said."): PolNeAR gives passives and raising verbs ("seems", "could
        // be expected") no source and their subject as content.
        let speech = cue.len() == 1 && {
            let t = cue.start;
            let pos = doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("");
            let mut lemma = String::new();
            crate::lex::lemma_into(doc.token_text(t), true, false, &mut lemma);
            matches!(pos, "VBD" | "VBZ" | "VBP")
                && matches!(
                    lemma.as_str(),
                    "say"
                        | "tell"
                        | "add"
                        | "warn"
                        | "insist"
                        | "explain"
                        | "concede"
                        | "admit"
                        | "estimate"
                        | "predict"
                        | "claim"
                        | "argue"
                        | "note"
                        | "write"
                        | "confirm"
                        | "acknowledge"
                        | "recall"
                        | "complain"
                        | "caution"
                )
        };
        if !(anonymous || speech) || cue.start < 2 {
            continue;
        }
        let content_before = a.content.iter().any(|p| p.end <= cue.start);
        if !content_before {
            continue;
        }
        let mut k = cue.start;
        while k > sent.start && cue.start - k < 12 {
            let w = doc.token_text(k - 1);
            if w == "," {
                break;
            }
            k -= 1;
        }
        if k == cue.start || k <= sent.start || doc.token_text(k - 1) != "," {
            continue;
        }
        // ",” an engineer at the site warned": the closing quotation mark is no part of it.
        // What comes before the noun phrase ends at the comma, or after the quotation mark
        // that closes on it.
        let mut before_end = k - 1;
        if doc.tokens[k as usize].kind == TokenKind::Quote {
            k += 1;
            before_end = k;
        }
        if k >= cue.start {
            continue;
        }
        let np = TokenSpan {
            start: k,
            end: cue.start,
        };
        // A source is kept unless it is the tail of that noun phrase with the rest of the
        // phrase in the content ("…, people close to | the negotiations said").
        let lost = match a.source {
            None => true,
            Some(s) => {
                np.start < s.start
                    && s.end == np.end
                    && a.content
                        .iter()
                        .any(|p| p.start < s.start && p.end > np.start)
            }
        };
        if !lost {
            continue;
        }
        // A relative clause may follow the noun ("…, two people who attended the meeting
        // said."): only the part before it must be nominal.
        let noun_part = TokenSpan {
            start: np.start,
            end: (np.start + 1..np.end)
                .find(|&t| doc.token_text(t).eq_ignore_ascii_case("who"))
                .unwrap_or(np.end),
        };
        let nominal = noun_part.range().all(|t| {
            let pos = doc.pos.get(t).map(|p| p.name()).unwrap_or("");
            !pos.starts_with("VB") || pos == "VBN" || pos == "VBG"
        }) && doc.pos.get(np.start as usize).is_some_and(|p| {
            matches!(
                p.name(),
                "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP"
            )
        });
        if nominal {
            let a = &mut doc.attributions[i];
            // Content that ran on into the noun phrase ends at the comma before it.
            let content: Vec<TokenSpan> = a
                .content
                .iter()
                .map(|p| {
                    let mut p = *p;
                    if p.start < np.start && np.start < p.end {
                        p.end = before_end;
                    }
                    p
                })
                .filter(|p| !p.is_empty() && !spans_overlap(*p, np))
                .collect();
            // Content only inside the noun phrase ("…, two people who attended | the
            // meeting said"): the clause before the comma is the content.
            let clause = TokenSpan {
                start: sent.start,
                end: before_end,
            };
            let finite = clause.range().any(|t| {
                let pos = doc.pos.get(t).map(|p| p.name()).unwrap_or("");
                matches!(pos, "VBD" | "VBZ" | "VBP" | "MD")
            });
            if !content.is_empty() {
                a.content = content;
                a.source = Some(np);
            } else if a.source.is_some() && finite {
                a.content = vec![clause];
                a.source = Some(np);
            }
        }
    }
}

/// "Ashworth United have agreed a fee for the striker, two people with knowledge of the
/// negotiations said": a source that starts with a verb has swallowed the end of the content.
/// The source is the noun phrase after its last comma; what comes before joins the content.
pub(crate) fn verb_initial_sources(doc: &mut Doc) {
    let pos = |t: u32| doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("");
    let mut fixes = Vec::new();
    for (i, a) in doc.attributions.iter().enumerate() {
        let Some(s) = a.source else { continue };
        if s.len() < 3 || !pos(s.start).starts_with("VB") {
            continue;
        }
        let Some(comma) = (s.start + 1..s.end - 1)
            .rev()
            .find(|&t| doc.token_text(t) == ",")
        else {
            continue;
        };
        let tail = TokenSpan {
            start: comma + 1,
            end: s.end,
        };
        let nominal = opens_noun_phrase(pos(tail.start))
            && tail.range().all(|t| {
                let p = doc.pos.get(t).map(|p| p.name()).unwrap_or("");
                !matches!(p, "VBD" | "VBZ" | "VBP" | "MD")
            });
        if nominal {
            fixes.push((
                i,
                tail,
                TokenSpan {
                    start: s.start,
                    end: comma,
                },
            ));
        }
    }
    for (i, tail, head) in fixes {
        let a = &mut doc.attributions[i];
        a.source = Some(tail);
        match a.content.iter_mut().find(|p| p.end == head.start) {
            Some(p) => p.end = head.end,
            None => {
                a.content.push(head);
                a.content.sort();
            }
        }
    }
}

/// An attribution the role tagger left without a source whose cue verb has a subject in the
/// parse ("On Monday its chief executive, Lars Moberg, told investors …"; "Owners' groups
/// welcomed the recall but said …", the subject of the first of two coordinated verbs): the
/// subject's phrase is the source. Only before the cue, in its sentence, and outside every
/// content piece of the attribution, except the subject of "was quoted / cited as saying",
/// which the role tagger often reads as content of its own.
pub(crate) fn subject_sources(doc: &mut Doc, df: &DocFeatures) {
    if doc.heads.len() != doc.tokens.len()
        || doc.deprels.len() != doc.tokens.len()
        || df.heads.len() != doc.tokens.len()
    {
        return;
    }
    let rel = |t: usize| doc.deprels[t].name();
    let mut fixes = Vec::new();
    for (i, a) in doc.attributions.iter().enumerate() {
        let (None, Some(cue), None) = (a.source, a.cue, a.parent) else {
            continue;
        };
        // The cue's verb: the verb that heads the cue ("quoted" in "was quoted as saying"),
        // else its last verb token.
        let is_verb = |t: usize| doc.pos.get(t).is_some_and(|p| p.name().starts_with("VB"));
        let Some(verb) = cue
            .range()
            .find(|&t| is_verb(t) && !cue.contains(doc.heads[t]))
            .or_else(|| cue.range().rev().find(|&t| is_verb(t)))
        else {
            continue;
        };
        // Of passive cues only "was quoted / cited as saying" has its source for a subject
        // ("It was reported that …", "The deal was criticised by …" do not).
        let quoted = cue.range().any(|t| {
            let w = doc.token_text(t as u32).to_ascii_lowercase();
            w.starts_with("quot") || w.starts_with("cited") || w == "saying"
        });
        let Some(subj) = verb_subject(doc, df, verb, quoted, |_| true) else {
            continue;
        };
        // The subject's subtree, within the sentence and before the cue.
        let sentence = doc.tokens[cue.start as usize].sentence;
        let (mut lo, hi) = subtree_bounds(df, subj);
        // Not into a dateline ("MONTEVIDEO (Southern Markets Report) — Uruguay's central
        // bank …"): start after its dash.
        let dash = |t: u32| matches!(doc.token_text(t), "—" | "–" | "--" | "―" | "-");
        if sentence == 0 {
            if (hi + 1..cue.start).any(dash) {
                // The "subject" is the dateline itself.
                continue;
            }
            if let Some(d) = (lo..=hi).rev().find(|&t| dash(t)) {
                lo = d + 1;
            }
            if lo > hi {
                continue;
            }
        }
        let span = TokenSpan {
            start: lo,
            end: hi + 1,
        };
        let nominal = matches!(
            doc.pos.get(subj as usize).map(|p| p.name()),
            Some("NN" | "NNS" | "NNP" | "NNPS" | "PRP")
        );
        // The role tagger often reads the subject of "was quoted as saying" as a content
        // piece of its own ("An unnamed executive was quoted as saying …"), which then gives
        // it up.
        let passive = rel(subj as usize) == "nsubjpass";
        let only_punct = |from: u32, to: u32| (from..to).all(|t| is_punct(doc, t));
        let is_subject = |p: &TokenSpan| {
            passive
                && p.start == span.start
                && span.end <= p.end
                && p.end <= cue.start
                && only_punct(span.end, cue.start)
        };
        let ok = nominal
            && span.len() <= 15
            && span.end <= cue.start
            && span.range().all(|t| doc.tokens[t].sentence == sentence)
            && a.content
                .iter()
                .all(|p| !spans_overlap(*p, span) || is_subject(p));
        if ok {
            let content: Vec<TokenSpan> = a
                .content
                .iter()
                .copied()
                .filter(|p| !spans_overlap(*p, span))
                .collect();
            if !content.is_empty() {
                fixes.push((i, span, content));
            }
        }
    }
    for (i, span, content) in fixes {
        doc.attributions[i].source = Some(span);
        doc.attributions[i].content = content;
    }
}

/// The subject of `verb` in the parse, before it: its own `nsubj` (or `nsubjpass` when
/// `passive`), else, for the second of two coordinated verbs, the subject of the verb it is
/// coordinated with when `head_ok` accepts that verb. Needs a parse.
fn verb_subject(
    doc: &Doc,
    df: &DocFeatures,
    verb: usize,
    passive: bool,
    head_ok: impl Fn(usize) -> bool,
) -> Option<u32> {
    let rel = |t: usize| doc.deprels[t].name();
    let subject_of = |v: usize| {
        df.children(v).iter().copied().find(|&c| {
            (rel(c as usize) == "nsubj" || (passive && rel(c as usize) == "nsubjpass"))
                && (c as usize) < v
        })
    };
    subject_of(verb).or_else(|| {
        let h = doc.heads[verb] as usize;
        (rel(verb) == "conj" && h < doc.tokens.len() && head_ok(h))
            .then(|| subject_of(h))
            .flatten()
    })
}

/// The first and last token of `root`'s subtree in the parse (at most 64 tokens visited, so
/// a broken parse stays cheap).
fn subtree_bounds(df: &DocFeatures, root: u32) -> (u32, u32) {
    let (mut lo, mut hi) = (root, root);
    let mut stack = vec![root];
    let mut steps = 0;
    while let Some(t) = stack.pop() {
        steps += 1;
        if steps > 64 {
            break;
        }
        lo = lo.min(t);
        hi = hi.max(t);
        stack.extend_from_slice(df.children(t as usize));
    }
    (lo, hi)
}

/// The subject of a nested speech act's verb in the parse, within the piece of content that
/// holds it: the verb's own nominal subject before it, else (for the second of two
/// coordinated verbs, "she had summoned the ambassador, Henri Vasseur, and told him …") the
/// subject of the verb it is coordinated with. The subject's phrase, cut to the piece and
/// ending before the verb; `None` without a parse or a nominal subject.
pub(crate) fn nested_subject(
    doc: &Doc,
    df: &DocFeatures,
    verb: usize,
    piece: TokenSpan,
) -> Option<TokenSpan> {
    let n = doc.tokens.len();
    if doc.heads.len() != n || doc.deprels.len() != n || df.heads.len() != n {
        return None;
    }
    let subj = verb_subject(doc, df, verb, false, |h| piece.contains(h as u32))?;
    if !piece.contains(subj)
        || !matches!(
            doc.pos.get(subj as usize).map(|p| p.name()),
            Some("NN" | "NNS" | "NNP" | "NNPS" | "PRP")
        )
    {
        return None;
    }
    let (lo, hi) = subtree_bounds(df, subj);
    let lo = lo.max(piece.start);
    let hi = hi.min(verb as u32 - 1);
    (lo <= subj && subj <= hi && hi - lo < 15).then(|| TokenSpan {
        start: lo,
        end: hi + 1,
    })
}

/// Can a noun phrase start with a word of this POS tag (a determiner, number, adjective, noun
/// or pronoun)?
fn opens_noun_phrase(pos: &str) -> bool {
    matches!(
        pos,
        "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "PRP$"
    )
}

/// "“The numbers do not add up,” two officials familiar with the plans told the Ledger.": an
/// attribution left without a source whose content runs from a quotation over its closing
/// mark and comma up to the cue. The noun phrase between the comma and the cue is the source,
/// and the content ends with the quotation.
///
/// Returns the attributions changed (their kind may change with their content).
pub(crate) fn quote_then_source(doc: &mut Doc) -> Vec<usize> {
    let pos = |t: u32| doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("");
    let mut fixes = Vec::new();
    for (i, a) in doc.attributions.iter().enumerate() {
        let (None, Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        let Some(k) = a.content.iter().position(|p| p.end == cue.start) else {
            continue;
        };
        let piece = a.content[k];
        // The last closing quotation mark followed by a comma inside the piece (or a comma
        // followed by the closing mark: “…,” and “…”, both occur) — or just before it, when
        // the tagger made the noun phrase a piece of its own ("“…,” | he | was quoted as
        // saying").
        let own_piece = k > 0 && piece.start >= 2 && {
            let t = piece.start - 2;
            let (x, y) = (doc.token_text(t), doc.token_text(t + 1));
            (doc.tokens[t as usize].quote == QuoteRole::Close && y == ",")
                || (x == "," && doc.tokens[t as usize + 1].quote == QuoteRole::Close)
        };
        let search_from = if own_piece {
            piece.start - 2
        } else {
            piece.start
        };
        let Some(close) = (search_from..piece.end.saturating_sub(2)).rev().find(|&t| {
            let (x, y) = (doc.token_text(t), doc.token_text(t + 1));
            (doc.tokens[t as usize].quote == QuoteRole::Close && y == ",")
                || (x == "," && doc.tokens[t as usize + 1].quote == QuoteRole::Close)
        }) else {
            continue;
        };
        let source = TokenSpan {
            start: close + 2,
            end: piece.end,
        };
        let nominal_start = opens_noun_phrase(pos(source.start));
        let has_noun = source
            .range()
            .any(|t| matches!(pos(t as u32), "NN" | "NNS" | "NNP" | "NNPS" | "PRP"));
        let finite = source
            .range()
            .any(|t| matches!(pos(t as u32), "VBD" | "VBZ" | "VBP" | "MD"));
        let one_sentence = source
            .range()
            .all(|t| doc.tokens[t].sentence == doc.tokens[cue.start as usize].sentence);
        if source.is_empty() || source.len() > 12 || !nominal_start || !has_noun || finite {
            continue;
        }
        if !one_sentence || source.range().any(|t| doc.tokens[t].in_quote) {
            continue;
        }
        // The content keeps the closing mark ("…,” two officials" or "…”, two officials").
        let end = if doc.tokens[close as usize].quote == QuoteRole::Close {
            close + 1
        } else {
            close + 2
        };
        fixes.push((i, k, source, end));
    }
    let mut changed = Vec::with_capacity(fixes.len());
    for (i, k, source, end) in fixes {
        let a = &mut doc.attributions[i];
        a.source = Some(source);
        if a.content[k].start >= source.start {
            // The noun phrase was a piece of its own: it goes, the quotation stays.
            a.content.remove(k);
        } else {
            a.content[k].end = end;
        }
        changed.push(i);
    }
    changed
}

/// "The coalition will replace the minister next week, said one official involved in the
/// talks.": with the cue after a comma and a noun phrase running from the cue to the end of the
/// sentence, that noun phrase is the source and the clause before the comma the content —
/// when the role tagger took them the other way round (a source before the cue, no content
/// after it but that noun phrase), or took no source and both as content. Only after *said* / *says*: after *told* the noun phrase
/// is the addressee.
pub(crate) fn said_np_inversions(doc: &mut Doc) {
    let pos = |t: u32| doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("");
    let mut fixes = Vec::new();
    for (i, a) in doc.attributions.iter().enumerate() {
        let Some(cue) = a.cue else {
            continue;
        };
        // ", said …" or ",” said …" (the comma inside a closing quotation mark).
        let comma_before = |t: u32| {
            t > 0
                && (doc.token_text(t - 1) == ","
                    || (t > 1
                        && doc.tokens[t as usize - 1].kind == TokenKind::Quote
                        && doc.token_text(t - 2) == ","))
        };
        if !comma_before(cue.start) || a.source.is_some_and(|s| s.end > cue.start) {
            continue;
        }
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        // With no source, the clause before the comma must already be content ("The envoy
        // was recalled, said a senior diplomat." read as one content broken by the cue).
        if a.source.is_none()
            && !a
                .content
                .iter()
                .any(|p| p.end <= cue.start && p.end >= sent.start && p.end + 3 >= cue.start)
        {
            continue;
        }
        let mut end = sent.end;
        while end > cue.end && is_punct(doc, end - 1) {
            end -= 1;
        }
        // "…, said a senior official, who spoke on condition of anonymity.": the noun phrase
        // ends at a comma that opens an anonymity phrase.
        let phrase_end = end;
        if let Some(k) = (cue.end + 1..end).find(|&t| doc.token_text(t) == ",") {
            let lead = matches!(
                doc.token_text(k + 1).to_ascii_lowercase().as_str(),
                "who" | "asking" | "requesting" | "speaking" | "declining"
            );
            if lead && is_anonymity_clause(doc, TokenSpan { start: k + 1, end }) {
                end = k;
            }
        }
        // A relative clause may close the noun phrase ("…, said a spokesman who declined
        // to be named."): only the part before "who" must be nominal.
        let noun_end = (cue.end + 1..end.min(cue.end + 14))
            .find(|&t| matches!(doc.token_text(t), "who" | "whose"))
            .unwrap_or(end);
        if end <= cue.end || noun_end - cue.end > 12 || end - cue.end > 30 {
            continue;
        }
        let np = TokenSpan {
            start: cue.end,
            end,
        };
        let nominal = matches!(
            pos(np.start),
            "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$"
        ) && (np.start..noun_end)
            .all(|t| !matches!(pos(t), "VBD" | "VBZ" | "VBP" | "MD") && doc.token_text(t) != ",");
        // Content after the cue may only be that noun phrase (taken the wrong way round).
        // (Pieces in a later sentence are another attribution's: the follow-on quotation.)
        let inside = |p: &TokenSpan| np.start <= p.start && p.end <= phrase_end;
        if !nominal
            || a.content
                .iter()
                .any(|p| p.start >= cue.end && p.start < sent.end && !inside(p))
        {
            continue;
        }
        // "said" / "says" only: after "told", "informed" the noun phrase is the addressee.
        let mut lemma = String::new();
        crate::lex::lemma_into(doc.token_text(cue.end - 1), true, false, &mut lemma);
        if lemma != "say" {
            continue;
        }
        // The old source (its clause up to the comma: "The talks | collapsed on Tuesday,")
        // joins the content.
        let moved = a.source.map(|src| TokenSpan {
            start: src.start,
            end: cue.start - 1,
        });
        if moved.is_some_and(|m| m.is_empty()) {
            continue;
        }
        fixes.push((i, np, moved));
    }
    for (i, np, moved) in fixes {
        let a = &mut doc.attributions[i];
        a.source = Some(np);
        a.content.retain(|p| p.end <= np.start);
        a.content.extend(moved);
        a.content.sort();
        let mut merged: Vec<TokenSpan> = Vec::new();
        for p in a.content.drain(..) {
            match merged.last_mut() {
                Some(last) if p.start <= last.end => last.end = last.end.max(p.end),
                _ => merged.push(p),
            }
        }
        a.content = merged;
    }
}

/// *Rovers have sacked their manager after eight defeats, two people with knowledge of the
/// decision said on Monday.*: a *said* that ends its sentence (a time phrase may follow),
/// after a noun phrase set off by a comma, attributes the clause before that comma to the
/// noun phrase. Used for a cue the role tagger found no content for (a long clause before the
/// comma confuses the parse), as (source, content).
pub(crate) fn sentence_final_said(doc: &Doc, cue: TokenSpan) -> Option<(TokenSpan, TokenSpan)> {
    if cue.len() != 1
        || !matches!(
            doc.token_text(cue.start).to_ascii_lowercase().as_str(),
            "said" | "say" | "says"
        )
    {
        return None;
    }
    let pos = |t: u32| doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("");
    let sentence = doc.tokens[cue.start as usize].sentence;
    let sent = doc.sentences[sentence as usize].tokens;
    // After the cue: at most a short time phrase ("on Monday", "late on Tuesday"), then the
    // full stop.
    let t = after_time_phrase(doc, cue.end, sent.end);
    if t + 1 != sent.end || !matches!(doc.token_text(t), "." | "!") {
        return None;
    }
    // Before it: a noun phrase of at most 12 tokens after a comma, with no finite verb of
    // its own outside a relative clause.
    let comma = (sent.start..cue.start)
        .rev()
        .take(13)
        .find(|&k| doc.token_text(k) == ",")?;
    let source = TokenSpan {
        start: comma + 1,
        end: cue.start,
    };
    let mut relative = false;
    for k in source.start..source.end {
        match pos(k) {
            "WP" | "WDT" => relative = true,
            "VBD" | "VBZ" | "VBP" | "MD" if !relative => return None,
            _ => {}
        }
    }
    if source.is_empty() || !(source.start..source.end).any(|k| pos(k).starts_with("NN")) {
        return None;
    }
    // The content: the clause from the sentence start (after a dateline) to the comma.
    let from = clause_start(doc, sent);
    (comma > from + 2).then_some((
        source,
        TokenSpan {
            start: from,
            end: comma,
        },
    ))
}

/// "The coalition will replace the finance minister next week, said one official …": the
/// content of an inverted attribution (its source after the cue) runs to the comma before the
/// cue. When the role tagger stopped a word or two short of it, or left a word or two out
/// between two pieces of that clause, the content is the clause from its first piece to the
/// comma.
pub(crate) fn inverted_content_to_comma(doc: &mut Doc) {
    let mut fixes = Vec::new();
    for (i, a) in doc.attributions.iter().enumerate() {
        let (Some(cue), Some(src)) = (a.cue, a.source) else {
            continue;
        };
        if src.start < cue.end || cue.start < 2 || doc.token_text(cue.start - 1) != "," {
            continue;
        }
        let comma = cue.start - 1;
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent_start = doc.sentences[sentence as usize].tokens.start;
        let before: Vec<TokenSpan> = a
            .content
            .iter()
            .copied()
            .filter(|p| p.end <= comma)
            .collect();
        let (Some(first), Some(last)) = (before.first(), before.last()) else {
            continue;
        };
        if first.start < sent_start || last.end == comma || last.end + 2 < comma {
            continue;
        }
        let gaps_small = before.windows(2).all(|w| w[1].start <= w[0].end + 2);
        let words = |from: u32, to: u32| (from..to).all(|t| !is_punct(doc, t));
        if !gaps_small
            || !words(last.end, comma)
            || !before.windows(2).all(|w| words(w[0].end, w[1].start))
        {
            continue;
        }
        fixes.push((
            i,
            TokenSpan {
                start: first.start,
                end: comma,
            },
        ));
    }
    for (i, whole) in fixes {
        let a = &mut doc.attributions[i];
        a.content.retain(|p| p.end > whole.end);
        a.content.push(whole);
        a.content.sort();
    }
}

/// *The men, aged 24 and 31, will appear in court on Wednesday, police spokesman Arne Holt
/// told a news conference.*: a fronted content that the role tagger stopped at the first
/// comma, leaving it without a verb, runs on to the comma before the source when the clause
/// up to there has one (and no cue of its own).
pub(crate) fn fronted_content_to_source_comma(doc: &mut Doc) {
    let cue_at: Vec<TokenSpan> = {
        let mut v: Vec<TokenSpan> = doc.attributions.iter().filter_map(|a| a.cue).collect();
        v.sort();
        v
    };
    let verb =
        |doc: &Doc, t: u32| matches!(pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD" | "VB" | "VBN");
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (Some(src), Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        if src.end > cue.start || src.start == 0 || doc.token_text(src.start - 1) != "," {
            continue;
        }
        let comma = src.start - 1;
        let [first] = a.content[..] else { continue };
        if first.end >= comma || (first.start..first.end).any(|t| verb(doc, t)) {
            continue;
        }
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        let from = clause_start(doc, sent);
        let clause = TokenSpan {
            start: first.start,
            end: comma,
        };
        if first.start != from
            || !(first.end..comma).any(|t| verb(doc, t))
            || (clause.start..clause.end).any(|t| doc.tokens[t as usize].in_quote)
            || {
                // Cues are sorted and disjoint: only those starting before the clause's end
                // and ending after its start overlap it.
                let k = cue_at.partition_point(|c| c.start < clause.end);
                cue_at[..k]
                    .iter()
                    .rev()
                    .take_while(|c| c.end > clause.start || c.start >= clause.start)
                    .any(|c| spans_overlap(*c, clause))
            }
        {
            continue;
        }
        doc.attributions[i].content = vec![clause];
    }
}

/// *The chief executive has resigned after a leaked report found the firm had underreported
/// spills, the company confirmed on Monday.*: a cue that ends its sentence after a source set
/// off by a comma attributes the whole clause before that comma; a content the role tagger
/// started inside it (at a nested attribution's content) starts at the clause's start.
pub(crate) fn sentence_final_cue_clause(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (Some(src), Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        if src.end != cue.start || src.start == 0 || doc.token_text(src.start - 1) != "," {
            continue;
        }
        let comma = src.start - 1;
        let [first] = a.content[..] else { continue };
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        // After the cue: a short time phrase at most, then the sentence's end, or an
        // adverbial clause after a comma (*…, the ministry said on Sunday, as the death toll
        // rose to 212.*) that the role tagger may have taken for the content.
        let t = after_time_phrase(doc, cue.end, sent.end);
        let adverbial = t + 1 < sent.end
            && doc.token_text(t) == ","
            && matches!(
                doc.token_text(t + 1).to_ascii_lowercase().as_str(),
                "as" | "while" | "amid" | "after" | "before" | "when" | "even"
            );
        if !adverbial && (t + 1 != sent.end || !matches!(doc.token_text(t), "." | "!")) {
            continue;
        }
        let from = clause_start(doc, sent);
        // The adverbial clause taken for the content: the clause before the source is.
        if adverbial && first.start == t + 1 {
            if from < comma
                && (from..comma).any(|t| pos(doc, t).starts_with("VB"))
                && !(from..comma).any(|t| doc.tokens[t as usize].in_quote)
            {
                doc.attributions[i].content = vec![TokenSpan {
                    start: from,
                    end: comma,
                }];
            }
            continue;
        }
        if first.end != comma
            || first.start <= from
            || !(from..first.start).any(|t| pos(doc, t).starts_with("VB"))
            || (from..comma).any(|t| doc.tokens[t as usize].in_quote)
        {
            continue;
        }
        doc.attributions[i].content = vec![TokenSpan {
            start: from,
            end: comma,
        }];
    }
}

/// "HALBECK, June 25 — Halbeck police on Thursday denied that …": with a dateline before it,
/// the parse often loses the subject, and the role tagger the source. A lost source is the
/// noun phrase between the dateline's dash and the cue, without a time phrase after it.
pub(crate) fn dateline_sources(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (None, Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        let Some(dash) = (sent.start..cue.start.min(sent.start + 12))
            .find(|&t| matches!(doc.token_text(t), "—" | "–" | "―"))
        else {
            continue;
        };
        let start = dash + 1;
        if cue.start - start > 16 {
            continue;
        }
        let end = (start..cue.start)
            .find(|&t| {
                matches!(
                    doc.token_text(t).to_ascii_lowercase().as_str(),
                    "on" | "late" | "early" | "yesterday" | "today" | "last" | "earlier" | ","
                )
            })
            .unwrap_or(cue.start);
        let time_only = (end..cue.start)
            .all(|t| !matches!(pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD" | "VBN" | "VBG"));
        if end <= start || end - start > 8 || !time_only {
            continue;
        }
        let nominal = (start..end).all(|t| {
            matches!(
                pos(doc, t),
                "DT" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "POS" | "CD" | "PRP$"
            )
        }) && pos(doc, end - 1).starts_with("NN");
        let np = TokenSpan { start, end };
        if !nominal || a.content.iter().any(|p| spans_overlap(*p, np)) {
            continue;
        }
        doc.attributions[i].source = Some(np);
    }
}

/// *In a statement posted on the club's website, the owners, the Fenwick family, said reports
/// of a sale were “pure speculation.”*: a fronted setting phrase, then the subject, then the
/// cue. When the role tagger took all of that for content and found no source, the source is
/// the noun phrase between the setting's comma and the cue, and the setting is no content.
pub(crate) fn fronted_setting_sources(doc: &mut Doc) {
    let finite = |doc: &Doc, t: u32| matches!(pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD");
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (None, Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        let Some(k) = a.content.iter().position(|p| p.end <= cue.start) else {
            continue;
        };
        let first = a.content[k];
        let after = a.content.iter().any(|p| p.start >= cue.end);
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        let from = clause_start(doc, sent);
        let opener = doc.token_text(first.start).to_lowercase();
        if !after
            || first.start != from
            || pos(doc, first.start) != "IN"
            || !opens_setting(&opener)
            || (first.end..cue.start).any(|t| doc.token_text(t) != ",")
            || (first.start..first.end).any(|t| doc.tokens[t as usize].in_quote)
        {
            continue;
        }
        let Some(comma) = (first.start..first.end).find(|&t| doc.token_text(t) == ",") else {
            continue;
        };
        let mut end = first.end;
        while end > comma + 1 && doc.token_text(end - 1) == "," {
            end -= 1;
        }
        let np = TokenSpan {
            start: comma + 1,
            end,
        };
        if np.is_empty()
            || !opens_noun_phrase(pos(doc, np.start))
            || (np.start..np.end).any(|t| finite(doc, t))
            || !(np.start..np.end).any(|t| pos(doc, t).starts_with("NN"))
        {
            continue;
        }
        let a = &mut doc.attributions[i];
        a.source = Some(np);
        a.content.remove(k);
    }
}

/// Sources the role tagger and the parse both lost, read off the words left of a finite cue
/// with content after it:
/// - a fronted setting, then the speaker: *In an interview with Radio Wexcombe, another
///   parent, Leila Hardcastle, said …* (the source starts after the setting's comma);
/// - a clause of time or reason: *… gathered after the Riverwatch Alliance, an environmental
///   group, said …* (the source starts after the subordinator);
/// - a subject with a reduced relative clause: *Customers interviewed outside the bank's
///   main branch on Thursday said …* (the source is the whole phrase from the clause's
///   start; its one verb is a participle, so it is no clause of its own).
///
/// The source found has no finite verb other than that participle, opens like a noun phrase
/// and holds a noun; it is at most 16 tokens long.
pub(crate) fn sources_left_of_the_cue(doc: &mut Doc) {
    let finite = |doc: &Doc, t: u32| matches!(pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD");
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (None, Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        if !matches!(pos(doc, cue.start), "VBD" | "VBZ" | "VBP")
            || !a.content.iter().any(|p| p.start >= cue.end)
            || a.content.iter().any(|p| p.end <= cue.start)
        {
            continue;
        }
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        let from = clause_start(doc, sent);
        if cue.start <= from + 1 || (from..cue.start).any(|t| doc.tokens[t as usize].in_quote) {
            continue;
        }
        let lower = |t: u32| doc.token_text(t).to_ascii_lowercase();
        let subordinator = |t: u32| {
            matches!(
                lower(t).as_str(),
                "after" | "before" | "as" | "when" | "while" | "because" | "since" | "until"
            ) && matches!(pos(doc, t), "IN" | "WRB")
        };
        let start = if let Some(k) = (from..cue.start).rev().find(|&t| subordinator(t)) {
            // After a subordinator: its clause's subject.
            k + 1
        } else if opens_setting(&lower(from)) && pos(doc, from) == "IN" {
            // After a fronted setting: the words after its first comma.
            match (from..cue.start).find(|&t| doc.token_text(t) == ",") {
                Some(c) if !(from..c).any(|t| finite(doc, t)) => c + 1,
                _ => continue,
            }
        } else {
            from
        };
        let mut end = cue.start;
        while end > start && doc.token_text(end - 1) == "," {
            end -= 1;
        }
        let np = TokenSpan { start, end };
        if np.is_empty()
            || np.len() > 16
            || !opens_noun_phrase(pos(doc, np.start))
            || !(np.start..np.end).any(|t| pos(doc, t).starts_with("NN"))
            || (np.start..np.end).any(|t| matches!(pos(doc, t), "CC" | "WDT" | "WP"))
        {
            continue;
        }
        // A verb inside must be a participle right after a noun (a reduced relative clause).
        let verbs: Vec<u32> = (np.start..np.end)
            .filter(|&t| pos(doc, t).starts_with("VB") || finite(doc, t))
            .collect();
        let reduced = match verbs.as_slice() {
            [] => true,
            [v] => {
                *v > np.start
                    && matches!(pos(doc, *v), "VBN" | "VBD")
                    && matches!(pos(doc, v - 1), "NN" | "NNS")
                    && doc.token_text(*v).ends_with("ed")
            }
            _ => false,
        };
        if !reduced {
            continue;
        }
        doc.attributions[i].source = Some(np);
    }
}

/// *… as the company that supplies the school’s lunches insisted its kitchen was not to
/// blame*: a source that is the object of a relative clause right before the cue (*the
/// school's lunches*) is part of the subject, which is the noun the clause describes. The
/// source becomes the whole noun phrase with its clause.
pub(crate) fn relative_clause_subjects(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (Some(src), Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        if src.end != cue.start || src.start < 3 {
            continue;
        }
        let verb = src.start - 1;
        let rel = verb - 1;
        let sentence = |t: u32| doc.tokens[t as usize].sentence;
        if !matches!(pos(doc, verb), "VBZ" | "VBD" | "VBP")
            || !matches!(
                doc.token_text(rel).to_ascii_lowercase().as_str(),
                "that" | "who" | "which"
            )
            || !matches!(pos(doc, rel - 1), "NN" | "NNS" | "NNP" | "NNPS")
            || sentence(rel - 1) != sentence(cue.start)
            || doc.tokens[rel as usize].in_quote
        {
            continue;
        }
        // The noun phrase of the described noun.
        let floor = doc.sentences[sentence(cue.start) as usize].tokens.start;
        let mut start = rel - 1;
        while start > floor
            && matches!(
                pos(doc, start - 1),
                "DT" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$" | "POS" | "CD"
            )
        {
            start -= 1;
        }
        doc.attributions[i].source = Some(TokenSpan {
            start,
            end: src.end,
        });
    }
}

/// *Ferenc said on Thursday, before the talks ended, that he was “cautiously optimistic.”*: a
/// clause set off by commas between a cue and its *that* (an adverbial clause, a setting)
/// hides the content from the role tagger. The content is the *that* clause to the
/// sentence's end; a lost source is the noun phrase that opens the sentence right before the
/// cue; and a verb inside the interrupting clause (*ended*) is no cue of this content.
pub(crate) fn interrupted_that_clauses(doc: &mut Doc, df: &DocFeatures) {
    let finite = |doc: &Doc, t: u32| matches!(pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD");
    let mut drop = vec![false; doc.attributions.len()];
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let Some(cue) = a.cue else { continue };
        if !pos(doc, cue.end - 1).starts_with("VB") {
            continue;
        }
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        let open = after_time_phrase(doc, cue.end, sent.end);
        if open >= sent.end || doc.token_text(open) != "," {
            continue;
        }
        let opener = doc.token_text(open + 1).to_ascii_lowercase();
        if !matches!(
            opener.as_str(),
            "before" | "after" | "when" | "while" | "as" | "in" | "at" | "during" | "speaking"
        ) {
            continue;
        }
        let limit = (open + 16).min(sent.end);
        let Some(close) = (open + 2..limit).find(|&t| doc.token_text(t) == ",") else {
            continue;
        };
        if close + 2 >= sent.end
            || !doc.token_text(close + 1).eq_ignore_ascii_case("that")
            || (open..close).any(|t| doc.tokens[t as usize].in_quote)
        {
            continue;
        }
        // The sentence's full stop is no content; a quotation's closing marks are.
        let last = sent.end - 1;
        let end = if doc.token_text(last) == "." {
            last
        } else {
            sent.end
        };
        let content = TokenSpan {
            start: close + 1,
            end,
        };
        // Already right: nothing to do.
        if a.content.len() == 1 && a.content[0].start == content.start {
            continue;
        }
        let from = clause_start(doc, sent);
        let subject = TokenSpan {
            start: from,
            end: cue.start,
        };
        let source = a.source.or_else(|| {
            (subject.len() <= 8
                && !subject.is_empty()
                && opens_noun_phrase(pos(doc, subject.start))
                && pos(doc, subject.end - 1).starts_with("NN")
                || matches!(pos(doc, subject.start), "PRP") && subject.len() == 1)
                .then_some(subject)
                .filter(|s| !(s.start..s.end).any(|t| finite(doc, t)))
        });
        let Some(source) = source else { continue };
        for (j, b) in doc.attributions.iter().enumerate() {
            if j != i && b.cue.is_some_and(|c| c.start > open && c.end <= close) {
                drop[j] = true;
            }
        }
        let a = &mut doc.attributions[i];
        a.source = Some(source);
        a.content = vec![content];
        let a = doc.attributions[i].clone();
        doc.attributions[i].kind = kind(doc, df, &a);
    }
    drop_attributions(doc, &drop);
}

/// A participle after a noun inside a cue opens a reduced relative clause, which no cue
/// holds:
/// - *said in a statement released by | his lawyers*: the cue ends with the statement, and
///   the agent after it (*his lawyers*) is no content;
/// - *rejected claims circulating on social media | that …*: the claim is the content, so
///   the cue is the verb and the content starts at the claim.
pub(crate) fn participles_in_cues(doc: &mut Doc, df: &DocFeatures) {
    for i in 0..doc.attributions.len() {
        let Some(cue) = doc.attributions[i].cue else {
            continue;
        };
        // (PolNeAR's cues keep a participle of saying after a channel noun: *issued a
        // statement saying*, so only a passive participle with its agent, *released by*,
        // or a participle after a claim noun is cut.)
        let part = (cue.start + 2..cue.end).find(|&k| {
            matches!(pos(doc, k), "VBG" | "VBN")
                && matches!(pos(doc, k - 1), "NN" | "NNS")
                && (lex::is_claim_noun(&doc.token_text(k - 1).to_lowercase())
                    && (cue.start..k)
                        .any(|t| lex::is_denial_verb(&doc.token_text(t).to_ascii_lowercase()))
                    || pos(doc, k) == "VBN"
                        && k + 1 < cue.end
                        && doc.token_text(k + 1).eq_ignore_ascii_case("by"))
        });
        if let Some(k) = part {
            let noun = doc.token_text(k - 1).to_lowercase();
            let sent = doc.sentences[doc.tokens[cue.start as usize].sentence as usize].tokens;
            if lex::is_claim_noun(&noun) {
                // The object starts after the verb (and its particles and adverbs).
                let Some(obj) = (cue.start + 1..k)
                    .find(|&t| matches!(pos(doc, t), "DT" | "NN" | "NNS" | "JJ" | "PRP$"))
                else {
                    continue;
                };
                let a = &doc.attributions[i];
                let Some(p) = a.content.iter().position(|p| p.start == cue.end) else {
                    continue;
                };
                let a = &mut doc.attributions[i];
                a.cue = Some(TokenSpan {
                    start: cue.start,
                    end: obj,
                });
                a.content[p].start = obj;
            } else {
                // The agent or complement of the participle, when the role tagger made it a
                // piece of the content: a noun phrase up to the sentence's end.
                let agent = |p: &TokenSpan| {
                    p.start == cue.end
                        && p.end >= sent.end.saturating_sub(1)
                        && p.len() <= 5
                        && !(p.start..p.end).any(|t| {
                            doc.tokens[t as usize].in_quote || pos(doc, t).starts_with("VB")
                        })
                };
                let keep: Vec<TokenSpan> = doc.attributions[i]
                    .content
                    .iter()
                    .filter(|p| !agent(p))
                    .copied()
                    .collect();
                let a = &mut doc.attributions[i];
                a.cue = Some(TokenSpan {
                    start: cue.start,
                    end: k,
                });
                a.content = keep;
            }
            let a = doc.attributions[i].clone();
            doc.attributions[i].kind = kind(doc, df, &a);
        }
    }
}

/// *That estimate was questioned by Rafael Ostrow, an engineer who runs an owners' forum.*:
/// an appositive after a passive cue's agent describes the agent; it is no content.
pub(crate) fn passive_agent_appositives(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (Some(src), Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        if src.start != cue.end + 1 || !doc.token_text(cue.end).eq_ignore_ascii_case("by") {
            continue;
        }
        // The agent ends at its comma; the appositive after it …
        let mut end = src.end;
        while end > src.start + 1 && doc.token_text(end - 1) == "," {
            end -= 1;
        }
        let after = (end..src.end + 2).find(|&t| doc.token_text(t) != ",");
        let Some(k) = a
            .content
            .iter()
            .position(|p| Some(p.start) == after && p.start > end)
        else {
            continue;
        };
        let piece = a.content[k];
        let sent = doc.sentences[doc.tokens[cue.start as usize].sentence as usize].tokens;
        // … opens with a determiner and runs to the sentence's end, and the content keeps a
        // piece before the cue (the thing disputed).
        if !matches!(
            doc.token_text(piece.start).to_ascii_lowercase().as_str(),
            "a" | "an" | "the" | "its" | "his" | "her" | "their"
        ) || piece.end + 1 < sent.end
            || !a.content.iter().any(|p| p.end <= cue.start)
        {
            continue;
        }
        let a = &mut doc.attributions[i];
        a.source = Some(TokenSpan {
            start: src.start,
            end: piece.end,
        });
        a.content.remove(k);
    }
}

/// *have been told | not | to drink tap water*: a negation between the cue and its content
/// belongs to the content (what they were told is not to drink).
pub(crate) fn negation_opens_content(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let Some(cue) = doc.attributions[i].cue else {
            continue;
        };
        let t = cue.end;
        if !matches!(
            doc.token_text(t).to_ascii_lowercase().as_str(),
            "not" | "never"
        ) {
            continue;
        }
        if let Some(p) = doc.attributions[i]
            .content
            .iter_mut()
            .find(|p| p.start == t + 1)
        {
            p.start = t;
        }
    }
}

/// A source that is a lone day or month (*results were expected by | Thursday*, *said
/// | Wednesday*) is a time, never who spoke: the attribution keeps its cue and content, and
/// the source is lost.
pub(crate) fn no_time_sources(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let Some(src) = doc.attributions[i].source else {
            continue;
        };
        if src.len() == 1
            && matches!(
                doc.token_text(src.start).to_ascii_lowercase().as_str(),
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "january"
                    | "february"
                    | "march"
                    | "april"
                    | "june"
                    | "july"
                    | "august"
                    | "september"
                    | "october"
                    | "november"
                    | "december"
                    | "today"
                    | "yesterday"
            )
        {
            doc.attributions[i].source = None;
        }
    }
}

/// One attribution per cue: where the extractor made two of one cue (a nested pass and a
/// repair rule both finding *was told by Lind*), the one whose content holds more tokens stays
/// (the first on a tie). Attributions are sorted by cue, so duplicates are neighbours.
pub(crate) fn one_attribution_per_cue(doc: &mut Doc) {
    let n = doc.attributions.len();
    let mut drop = vec![false; n];
    let size = |a: &Attribution| a.content.iter().map(|c| c.len()).sum::<usize>();
    for i in 1..n {
        let (a, b) = (&doc.attributions[i - 1], &doc.attributions[i]);
        if drop[i - 1] || a.cue.is_none() || a.cue != b.cue {
            continue;
        }
        if size(b) > size(a) {
            drop[i - 1] = true;
        } else {
            drop[i] = true;
        }
    }
    drop_attributions(doc, &drop);
}

/// Words that open a time or setting phrase before a sentence's subject ("Last month,", "On
/// Monday,", "In an email seen by the Sentinel,").
fn opens_setting(w: &str) -> bool {
    matches!(
        w,
        "last"
            | "earlier"
            | "later"
            | "on"
            | "in"
            | "at"
            | "after"
            | "before"
            | "during"
            | "yesterday"
            | "today"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "this"
            | "since"
            | "privately"
            | "separately"
            | "meanwhile"
    )
}

/// *“Our first task is to restore trust,” Voss wrote in a post on | the city’s Facebook page
/// late on Monday.*: after a quotation that opens the sentence and its source, a piece after
/// the cue that ends the sentence with no verb and no quotation mark is where or when it was
/// said, not more of what was said. The piece is dropped when the quotation remains.
pub(crate) fn settings_after_a_fronted_quote(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (Some(src), Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        let quoted_first = a.content.iter().any(|c| {
            c.end <= src.start
                && src.end <= cue.start
                && (c.start..c.end).any(|t| doc.tokens[t as usize].in_quote)
        });
        if !quoted_first {
            continue;
        }
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        let setting = |c: &TokenSpan| {
            c.start >= cue.end
                && c.end + 2 >= sent.end
                && c.len() <= 10
                && (c.start..c.end).all(|t| {
                    let tok = &doc.tokens[t as usize];
                    !tok.in_quote
                        && tok.quote == QuoteRole::None
                        && !pos(doc, t).starts_with("VB")
                        && pos(doc, t) != "MD"
                })
        };
        let keep: Vec<TokenSpan> = a.content.iter().copied().filter(|c| !setting(c)).collect();
        if !keep.is_empty() && keep.len() < a.content.len() {
            doc.attributions[i].content = keep;
        }
    }
}

/// *"…," said prosecutor Nina Falk, in her opening statement on Monday.*: a source after its
/// cue ends at a comma followed by a prepositional phrase (the setting of the speech act,
/// not part of who spoke); an appositive after a comma (*, a spokeswoman for …*) stays.
pub(crate) fn inverted_source_settings(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let (Some(src), Some(cue)) = (doc.attributions[i].source, doc.attributions[i].cue) else {
            continue;
        };
        if src.start < cue.end {
            continue;
        }
        let cut = (src.start + 1..src.end.saturating_sub(1)).find(|&t| {
            doc.token_text(t) == ","
                && matches!(
                    doc.token_text(t + 1).to_ascii_lowercase().as_str(),
                    "in" | "at" | "on" | "during" | "after" | "before" | "speaking" | "writing"
                )
        });
        if let Some(t) = cut {
            doc.attributions[i].source = Some(TokenSpan {
                start: src.start,
                end: t,
            });
        }
    }
}

/// *a move that unions say will cost hundreds of jobs*: a source that runs over a noun and
/// the relative pronoun after it is the short noun phrase after the pronoun (*unions*); the
/// noun and pronoun (*a move that*) open the content, which the relative clause continues.
pub(crate) fn relative_pronoun_sources(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (Some(src), Some(cue)) = (a.source, a.cue) else {
            continue;
        };
        if src.end != cue.start || src.len() < 3 {
            continue;
        }
        let Some(k) = (src.start + 1..src.end - 1).find(|&t| {
            matches!(
                doc.token_text(t).to_ascii_lowercase().as_str(),
                "that" | "which"
            ) && pos(doc, t - 1).starts_with("NN")
        }) else {
            continue;
        };
        let rest = TokenSpan {
            start: k + 1,
            end: src.end,
        };
        let nominal = rest.len() <= 4
            && matches!(
                pos(doc, rest.start),
                "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP"
            )
            && (rest.start..rest.end).all(|t| {
                matches!(
                    pos(doc, t),
                    "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "POS"
                )
            });
        if !nominal || !a.content.iter().any(|c| c.start >= cue.end) {
            continue;
        }
        let a = &mut doc.attributions[i];
        a.source = Some(rest);
        a.content.insert(
            0,
            TokenSpan {
                start: src.start,
                end: k + 1,
            },
        );
    }
}

/// Sources that swallowed the phrase opening their sentence ("Last month, two people close
/// to the club said", "In an email seen by the Sentinel, a senior manager told") lose it;
/// sources that are only a relative clause ("who saw the documents" for "A cleaner who saw
/// the documents said") get the noun phrase before it.
pub(crate) fn source_openers_and_relatives(doc: &mut Doc) {
    let mut extended: Vec<TokenSpan> = Vec::new();
    for i in 0..doc.attributions.len() {
        let Some(src) = doc.attributions[i].source else {
            continue;
        };
        let sentence = doc.tokens[src.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        // An opener up to the first comma, at the start of the sentence (or after a
        // dateline's dash), followed by a noun phrase.
        let first = doc.token_text(src.start).to_ascii_lowercase();
        let opens_sentence =
            |t: u32| t == sent.start || matches!(doc.token_text(t - 1), "—" | "–" | "―");
        let at_start = opens_sentence(src.start);
        // "In | an email seen by the Sentinel, a senior manager told": the source starts
        // inside the opening prepositional phrase.
        let in_pp = src.start > sent.start
            && pos(doc, src.start - 1) == "IN"
            && opens_setting(&doc.token_text(src.start - 1).to_ascii_lowercase())
            && opens_sentence(src.start - 1);
        if (at_start && opens_setting(&first)) || in_pp {
            if let Some(comma) = (src.start + 1..src.end).find(|&t| doc.token_text(t) == ",") {
                let rest = comma + 1;
                let nominal = rest < src.end
                    && matches!(
                        pos(doc, rest),
                        "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$" | "PRP"
                    );
                let verbless = (src.start..comma)
                    .all(|t| !matches!(pos(doc, t), "VBD" | "VBZ" | "VBP" | "MD"));
                if nominal && verbless && comma - src.start <= 10 {
                    doc.attributions[i].source = Some(TokenSpan {
                        start: rest,
                        end: src.end,
                    });
                    continue;
                }
            }
        }
        // "who saw the documents": the noun phrase before "who". (A bare "who" is the
        // source of a relative clause whose verb is the cue, "an architect who said", and
        // stays, as in PolNeAR.)
        if matches!(first.as_str(), "who" | "whose")
            && src.len() > 2
            && src.start > sent.start
            && (pos(doc, src.start - 1).starts_with("NN")
                // A noun the tagger took for an adjective after a determiner ("A cleaner
                // who").
                || (pos(doc, src.start - 1).starts_with("JJ")
                    && src.start - 1 > sent.start
                    && pos(doc, src.start - 2) == "DT"))
        {
            let mut k = src.start - 1;
            while k > sent.start
                && matches!(
                    pos(doc, k - 1),
                    "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$"
                )
                && src.start - k < 8
            {
                k -= 1;
            }
            let a = &mut doc.attributions[i];
            if a.content.iter().any(|p| p.start < src.start && p.end > k) {
                continue;
            }
            a.source = Some(TokenSpan {
                start: k,
                end: src.end,
            });
            extended.push(TokenSpan {
                start: k,
                end: src.end,
            });
        }
    }
    // The relative clause's own verb ("who | reviewed | the document said") is no
    // attribution once the clause is part of a source.
    // (Sorted, so that each cue is looked up, not compared with every extended source.)
    extended.sort();
    let drop: Vec<bool> = doc
        .attributions
        .iter()
        .map(|a| {
            a.cue.is_some_and(|c| {
                let k = extended.partition_point(|s| s.start < c.start);
                extended[..k]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|s| c.end <= s.end && a.source != Some(*s))
            })
        })
        .collect();
    drop_attributions(doc, &drop);
}

/// Remove the attributions marked in `drop`, keeping the parent links of the others (a link
/// to a removed one is cleared).
fn drop_attributions(doc: &mut Doc, drop: &[bool]) {
    if !drop.iter().any(|&d| d) {
        return;
    }
    let mut new_index = vec![None; drop.len()];
    let mut k = 0u32;
    for (i, &d) in drop.iter().enumerate() {
        if !d {
            new_index[i] = Some(k);
            k += 1;
        }
    }
    let mut i = 0;
    doc.attributions.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
    for a in &mut doc.attributions {
        a.parent = a.parent.and_then(|p| new_index[p as usize]);
    }
}

/// "The audit, said two officials at the ministry, relied on receipts …": a cue set off by
/// commas inside the reported clause, with its source after it. The noun phrase between
/// the cue and the next comma is the source; the clause around the parenthesis is the
/// content (two pieces).
pub(crate) fn parenthetical_said(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let Some(cue) = doc.attributions[i].cue else {
            continue;
        };
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        if cue.start < sent.start + 2 || doc.token_text(cue.start - 1) != "," {
            continue;
        }
        let mut lemma = String::new();
        crate::lex::lemma_into(doc.token_text(cue.end - 1), true, false, &mut lemma);
        if cue.len() != 1 || lemma != "say" {
            continue;
        }
        let Some(comma) =
            (cue.end + 1..sent.end.min(cue.end + 13)).find(|&t| doc.token_text(t) == ",")
        else {
            continue;
        };
        let np = TokenSpan {
            start: cue.end,
            end: comma,
        };
        let nominal = matches!(
            pos(doc, np.start),
            "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$" | "PRP"
        ) && np
            .range()
            .all(|t| !matches!(pos(doc, t as u32), "VBD" | "VBZ" | "VBP" | "MD"));
        // The clause goes on after the parenthesis with a finite verb; before it, a subject
        // with no verb of its own.
        let mut end = sent.end;
        while end > comma + 1 && is_punct(doc, end - 1) {
            end -= 1;
        }
        let after = TokenSpan {
            start: comma + 1,
            end,
        };
        let before = TokenSpan {
            start: sent.start,
            end: cue.start - 1,
        };
        let finite = |s: TokenSpan| {
            s.range()
                .any(|t| matches!(pos(doc, t as u32), "VBD" | "VBZ" | "VBP" | "MD"))
        };
        // ("relied" may be tagged VBN after the parenthesis.)
        let verb_after = finite(after) || pos(doc, after.start) == "VBN";
        if !nominal || after.len() < 2 || !verb_after || finite(before) || before.len() > 12 {
            continue;
        }
        let a = &mut doc.attributions[i];
        a.source = Some(np);
        a.content = vec![before, after];
    }
}

/// "The Courier was also told by a person in the finance department that Z": the agent of a
/// passive *told* (*informed*, *assured*, *briefed*) is the source, not part of the content,
/// and what follows it is the content. The subject before the cue is the one told.
pub(crate) fn passive_told_by(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let Some(cue) = doc.attributions[i].cue else {
            continue;
        };
        let last = cue.end - 1;
        let verb = doc.token_text(last).to_ascii_lowercase();
        // (The auxiliary may be in the cue or just before it: "had been | told".)
        let passive = matches!(verb.as_str(), "told" | "informed" | "assured" | "briefed")
            && (cue.start.saturating_sub(2)..last).any(|t| {
                matches!(
                    doc.token_text(t).to_ascii_lowercase().as_str(),
                    "was" | "were" | "been" | "being"
                )
            });
        if !passive {
            continue;
        }
        let sentence = doc.tokens[cue.start as usize].sentence;
        let sent = doc.sentences[sentence as usize].tokens;
        // "by" right after the cue, or after a short time phrase ("on Tuesday by").
        let Some(by) = (cue.end..(cue.end + 4).min(sent.end))
            .find(|&t| doc.token_text(t).eq_ignore_ascii_case("by"))
        else {
            continue;
        };
        if (cue.end..by).any(|t| doc.token_text(t) == "," || pos(doc, t).starts_with("VB")) {
            continue;
        }
        let start = by + 1;
        let end = (start..sent.end.min(start + 16))
            .find(|&t| {
                let w = doc.token_text(t);
                w.eq_ignore_ascii_case("that")
                    || w == ","
                    || w == ":"
                    || pos(doc, t) == "TO"
                    || doc.tokens[t as usize].kind == TokenKind::Quote
            })
            .unwrap_or(sent.end);
        if end <= start || end - start > 15 {
            continue;
        }
        let np = TokenSpan { start, end };
        if !matches!(
            pos(doc, start),
            "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$"
        ) {
            continue;
        }
        let a = &doc.attributions[i];
        if a.source == Some(np) {
            continue;
        }
        let content: Vec<TokenSpan> = a
            .content
            .iter()
            .filter(|p| p.end > np.end)
            .map(|p| TokenSpan {
                start: p.start.max(np.end),
                end: p.end,
            })
            .filter(|p| !p.is_empty())
            .collect();
        // The rest of the sentence, without its final full stop.
        let mut rest_end = sent.end;
        while rest_end > np.end && matches!(doc.token_text(rest_end - 1), "." | "!" | "?") {
            rest_end -= 1;
        }
        let rest = TokenSpan {
            start: np.end,
            end: rest_end,
        };
        let a = &mut doc.attributions[i];
        a.source = Some(np);
        a.content = if content.is_empty() && rest.len() > 2 {
            vec![rest]
        } else {
            content
        };
    }
}

/// "The Examiner was told on Tuesday by a senior executive that …": a passive *told* with
/// its agent that the cue tagger missed, outside every attribution. Pushes the bare cue
/// ("was told"); [`passive_told_by`] then takes the agent as source and the rest of the
/// sentence as content. Returns the index of the first pushed attribution.
pub(crate) fn missing_passive_told(doc: &mut Doc) -> usize {
    let first = doc.attributions.len();
    let mut covered: Vec<TokenSpan> = doc
        .attributions
        .iter()
        .flat_map(|a| a.cue.into_iter().chain(a.content.iter().copied()))
        .collect();
    covered.sort_by_key(|s| s.start);
    let inside = |t: u32| {
        let k = covered.partition_point(|s| s.start <= t);
        covered[..k].iter().rev().take(64).any(|s| s.contains(t))
    };
    let mut new = Vec::new();
    for t in 1..doc.tokens.len() as u32 {
        if !matches!(
            doc.token_text(t).to_ascii_lowercase().as_str(),
            "told" | "informed" | "assured"
        ) || pos(doc, t) != "VBN"
            || doc.tokens[t as usize].in_quote
            || inside(t)
        {
            continue;
        }
        // "was told", "was also told", "were told".
        let aux = (t.saturating_sub(2)..t).find(|&k| {
            matches!(
                doc.token_text(k).to_ascii_lowercase().as_str(),
                "was" | "were"
            )
        });
        let Some(aux) = aux else { continue };
        let sent = doc.sentences[doc.tokens[t as usize].sentence as usize].tokens;
        let by =
            (t + 1..(t + 4).min(sent.end)).find(|&k| doc.token_text(k).eq_ignore_ascii_case("by"));
        let Some(by) = by else { continue };
        if (t + 1..by).any(|k| doc.token_text(k) == "," || pos(doc, k).starts_with("VB")) {
            continue;
        }
        // A that-clause to come: something was told, not someone told off.
        if !(by + 1..(by + 17).min(sent.end))
            .any(|k| doc.token_text(k).eq_ignore_ascii_case("that"))
        {
            continue;
        }
        new.push(Attribution {
            cue: Some(TokenSpan::new(aux as usize, t as usize + 1)),
            confidence: 0.5,
            ..Default::default()
        });
    }
    doc.attributions.extend(new);
    first
}

/// "The statistics office does not publish that category separately, a statistician there
/// said, speaking on condition of anonymity …": an inverted *said* after its content, with
/// its source between a comma and the verb, that the cue tagger missed. Pushes (source NP,
/// "said", the clause before the comma) when nothing covers the verb yet; an attribution the
/// tagger read inside that clause is then nested in it.
pub(crate) fn missing_inverted_said(doc: &mut Doc, df: &DocFeatures) {
    let mut covered: Vec<TokenSpan> = doc
        .attributions
        .iter()
        .flat_map(|a| {
            a.cue
                .into_iter()
                .chain(a.source)
                .chain(a.content.iter().copied())
        })
        .collect();
    covered.sort_by_key(|s| s.start);
    let inside = |t: u32| {
        let k = covered.partition_point(|s| s.start <= t);
        covered[..k].iter().rev().take(64).any(|s| s.contains(t))
    };
    let mut new = Vec::new();
    let dateline = doc.dateline_dash();
    for t in 2..doc.tokens.len() as u32 {
        if !matches!(
            doc.token_text(t).to_ascii_lowercase().as_str(),
            "said" | "announced" | "confirmed" | "added" | "reported" | "stated" | "warned"
        ) || doc.tokens[t as usize].in_quote
            || inside(t)
        {
            continue;
        }
        let sent = doc.sentences[doc.tokens[t as usize].sentence as usize].tokens;
        // The verb closes its clause: ", … said," or ", … said." (or "announced on
        // Friday.").
        let end = after_time_phrase(doc, t + 1, sent.end);
        if end < sent.end && !matches!(doc.token_text(end), "," | "." | ";") {
            continue;
        }
        // The source: a short phrase without a verb right after a comma.
        let Some(comma) = (t.saturating_sub(9).max(sent.start)..t)
            .rev()
            .find(|&k| doc.token_text(k) == ",")
        else {
            continue;
        };
        let source = TokenSpan::new(comma as usize + 1, t as usize);
        let np = !source.is_empty()
            && (source.start..source.end).all(|k| {
                matches!(
                    pos(doc, k),
                    "DT" | "JJ"
                        | "NN"
                        | "NNS"
                        | "NNP"
                        | "NNPS"
                        | "CD"
                        | "RB"
                        | "EX"
                        | "IN"
                        | "PRP$"
                        | "POS"
                )
            })
            && matches!(
                pos(doc, source.start),
                "DT" | "CD" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$"
            );
        // The content: the clause before the comma, from the sentence's start (after a
        // dateline).
        let from = dateline
            .filter(|&d| sent.contains(d))
            .map_or(sent.start, |d| d + 1);
        let content = TokenSpan::new(from as usize, comma as usize);
        let clause = content.len() >= 4
            && (content.start..content.end).any(|k| pos(doc, k).starts_with("VB"))
            && !(content.start..content.end).any(|k| doc.tokens[k as usize].in_quote);
        if !np || !clause {
            continue;
        }
        let mut a = Attribution {
            source: Some(source),
            cue: Some(TokenSpan::new(t as usize, t as usize + 1)),
            content: vec![content],
            confidence: 0.5,
            ..Default::default()
        };
        a.kind = kind(doc, df, &a);
        new.push((a, comma));
    }
    // The tagger's reading of the clause as an attribution whose content runs up to the
    // comma ("does not publish | that category separately,") was the inversion misread.
    let drop: Vec<bool> = doc
        .attributions
        .iter()
        .map(|b| {
            new.iter().any(|(a, comma)| {
                b.cue.is_some_and(|c| a.content[0].contains(c.start))
                    && b.content.last().is_some_and(|p| p.end == *comma)
            })
        })
        .collect();
    drop_attributions(doc, &drop);
    doc.attributions.extend(new.into_iter().map(|(a, _)| a));
}

/// Where the sentence `sent` itself starts: after the dateline's dash when the sentence holds
/// the dateline ("ORVIK, May 4 — The ambassador …"), else at its first token.
fn clause_start(doc: &Doc, sent: TokenSpan) -> u32 {
    doc.dateline_dash()
        .filter(|&d| sent.contains(d))
        .map_or(sent.start, |d| d + 1)
}

/// The POS tag of token `t` ("" without tags).
fn pos(doc: &Doc, t: u32) -> &str {
    doc.pos.get(t as usize).map(|p| p.name()).unwrap_or("")
}

/// Inserts `span` into a sentence's cues (sorted by start, disjoint) unless it overlaps one;
/// found by binary search, so many added cues in one huge sentence stay cheap.
fn insert_cue(cues: &mut Vec<TokenSpan>, span: TokenSpan) {
    let k = cues.partition_point(|c| c.start < span.start);
    if (k == 0 || cues[k - 1].end <= span.start) && cues.get(k).is_none_or(|c| c.start >= span.end)
    {
        cues.insert(k, span);
    }
}

/// The start of a cue whose verb is `v`, taking the auxiliaries and adverbs annotators
/// include before it ("has also said", "was contradicted"), not before `floor`.
fn with_cue_modifiers(doc: &Doc, v: u32, floor: u32) -> u32 {
    let mut start = v;
    while start > floor
        && crate::lex::is_cue_modifier(&doc.token_text(start - 1).to_ascii_lowercase())
    {
        start -= 1;
    }
    start
}

/// The token after a short time phrase starting at `t` ("on Friday", "late on Monday",
/// "earlier this week", "yesterday"): at most four words, opened by a time word and never
/// taking *that*; `t` itself when no time phrase starts there. Stops at `end`.
fn after_time_phrase(doc: &Doc, t: u32, end: u32) -> u32 {
    let opens = t < end
        && matches!(
            doc.token_text(t).to_ascii_lowercase().as_str(),
            "on" | "in"
                | "late"
                | "early"
                | "earlier"
                | "last"
                | "this"
                | "today"
                | "yesterday"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        );
    if !opens {
        return t;
    }
    let mut k = t;
    while k < end
        && k < t + 4
        && !doc.token_text(k).eq_ignore_ascii_case("that")
        && matches!(pos(doc, k), "IN" | "NNP" | "NN" | "RB" | "CD" | "DT" | "JJ")
    {
        k += 1;
    }
    k
}

pub(crate) fn spans_overlap(a: TokenSpan, b: TokenSpan) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(cue: (usize, usize), content: (usize, usize)) -> Attribution {
        Attribution {
            cue: Some(TokenSpan::new(cue.0, cue.1)),
            content: vec![TokenSpan::new(content.0, content.1)],
            ..Default::default()
        }
    }

    #[test]
    fn a_cue_inside_another_content_is_nested_in_the_innermost_and_never_in_a_cycle() {
        // 0: outer, content 2..20; 1: cue at 5, content 6..12 (inside 0); 2: cue at 8 (inside
        // both 0 and 1: the innermost is 1); 3: cue outside every content.
        let mut doc = Doc {
            attributions: vec![
                attr((1, 2), (2, 20)),
                attr((5, 6), (6, 12)),
                attr((8, 9), (9, 11)),
                attr((25, 26), (26, 30)),
            ],
            ..Default::default()
        };
        nest_inside_contents(&mut doc);
        let parents: Vec<Option<u32>> = doc.attributions.iter().map(|a| a.parent).collect();
        assert_eq!(parents, vec![None, Some(0), Some(1), None]);

        // Two attributions inside each other's contents: one of them stays outer.
        let mut doc = Doc {
            attributions: vec![attr((1, 2), (0, 10)), attr((5, 6), (0, 10))],
            ..Default::default()
        };
        nest_inside_contents(&mut doc);
        let nested = doc
            .attributions
            .iter()
            .filter(|a| a.parent.is_some())
            .count();
        assert_eq!(nested, 1, "{:?}", doc.attributions);
    }

    /// Token span of the `n`-th (0-based) occurrence of the words `w` in a segmented doc.
    fn words(doc: &Doc, w: &str, n: usize) -> TokenSpan {
        let want: Vec<&str> = w.split(' ').collect();
        let k = (0..doc.tokens.len())
            .filter(|&i| {
                i + want.len() <= doc.tokens.len()
                    && want
                        .iter()
                        .enumerate()
                        .all(|(j, x)| doc.token_text((i + j) as u32) == *x)
            })
            .nth(n)
            .unwrap_or_else(|| panic!("no {w:?}"));
        TokenSpan::new(k, k + want.len())
    }

    fn through(a: TokenSpan, b: TokenSpan) -> TokenSpan {
        TokenSpan::new(a.start as usize, b.end as usize)
    }

    #[test]
    fn a_fronted_clause_with_its_own_speaker_is_not_a_later_cues_content() {
        // The role tagger read Rovers' whole clause as a fronted content of "reported", and
        // the nesting stage nested Rovers' attribution in it.
        let mut doc = hearsay_text::segment_text(
            "Northgate Rovers said on Wednesday that the coach has the board's backing, a day after a newspaper reported that the club had approached his replacement.",
        );
        let rovers = Attribution {
            source: Some(words(&doc, "Northgate Rovers", 0)),
            cue: Some(words(&doc, "said", 0)),
            content: vec![through(words(&doc, "that", 0), words(&doc, "backing", 0))],
            parent: Some(1),
            ..Default::default()
        };
        let fronted = through(words(&doc, "Northgate", 0), words(&doc, "backing", 0));
        let own = through(words(&doc, "that", 1), words(&doc, "replacement", 0));
        let report = Attribution {
            source: Some(words(&doc, "a newspaper", 0)),
            cue: Some(words(&doc, "reported", 0)),
            content: vec![fronted, own],
            ..Default::default()
        };
        doc.attributions = vec![rovers, report];
        fronted_content_with_own_speaker(&mut doc);
        assert_eq!(doc.attributions[1].content, vec![own]);
        assert_eq!(doc.attributions[0].parent, None);

        // A report around a nested speech act ("…, the inspector said, adding …") keeps it.
        let mut doc = hearsay_text::segment_text(
            "Officials had told the board that the bridge was safe, the inspector said, adding that repairs were due.",
        );
        let told = Attribution {
            source: Some(words(&doc, "Officials", 0)),
            cue: Some(words(&doc, "had told", 0)),
            content: vec![through(words(&doc, "that", 0), words(&doc, "safe", 0))],
            parent: Some(1),
            ..Default::default()
        };
        let fronted = through(words(&doc, "Officials", 0), words(&doc, "safe", 0));
        let own = through(words(&doc, "that", 1), words(&doc, "due", 0));
        let said = Attribution {
            source: Some(words(&doc, "the inspector", 0)),
            cue: Some(words(&doc, "said", 0)),
            content: vec![fronted, own],
            ..Default::default()
        };
        doc.attributions = vec![told, said];
        fronted_content_with_own_speaker(&mut doc);
        assert_eq!(doc.attributions[1].content, vec![fronted, own]);
        assert_eq!(doc.attributions[0].parent, Some(1));
    }
}
