//! Rules applied after the learned taggers: the kind of an attribution, and cue-less follow-on
//! quotation paragraphs.

use hearsay_doc::{AttrKind, Attribution, Doc, QuoteRole, TokenKind, TokenSpan};

use crate::features::DocFeatures;

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

/// "The newspaper said …, citing a person close to the ministry": a participle cue after a
/// comma ("citing", "saying", "adding") whose source the role tagger did not find shares the
/// source of the nearest attribution before it in the same sentence (PolNeAR annotates it so).
pub(crate) fn participle_sources(doc: &mut Doc) {
    for i in 0..doc.attributions.len() {
        let a = &doc.attributions[i];
        let (None, Some(cue), None) = (a.source, a.cue, a.parent) else {
            continue;
        };
        let first = cue.start as usize;
        let is_participle = doc.pos.get(first).is_some_and(|p| p.name() == "VBG");
        let after_comma = first > 0 && doc.token_text(cue.start - 1) == ",";
        if !(is_participle && after_comma) {
            continue;
        }
        let sentence = doc.tokens[first].sentence;
        let donor = doc
            .attributions
            .iter()
            .filter(|b| b.parent.is_none() && b.source.is_some())
            .filter_map(|b| b.cue.map(|c| (c, b.source)))
            .filter(|(c, _)| {
                c.end <= cue.start && doc.tokens[c.start as usize].sentence == sentence
            })
            .max_by_key(|(c, _)| c.end)
            .and_then(|(_, s)| s);
        if let Some(s) = donor {
            doc.attributions[i].source = Some(s);
        }
    }
}

/// A source never reaches back over a dash into a dateline ("DRESCHEN, April 16 — Battery
/// maker Voltera Systems said"): cut it after the last dash of the first sentence.
pub(crate) fn trim_sources_at_dashes(doc: &mut Doc) {
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
        // Datelines open a story: only the first sentence has one.
        let dash = (src.start..src.end).rev().find(|&t| {
            tokens[t as usize].sentence == 0
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
}

/// An attribution whose cue lies inside another's content is nested in it ("Peskov said the
/// Kremlin didn't know what Trump meant when he asserted that …"): `parent` is the innermost
/// such attribution. The extractor nests the reporting verbs it finds inside contents; this
/// catches the ones it extracted as attributions of their own.
pub(crate) fn nest_inside_contents(doc: &mut Doc) {
    let n = doc.attributions.len();
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
}
