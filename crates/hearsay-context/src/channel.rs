//! Channel (tweet, post, statement, interview, briefing, report) and addressee of each
//! attribution, from the words around its cue.

use hearsay_doc::{Channel, Doc, EntityType, TokenId, TokenSpan};

use crate::util::{self, Tree};

/// Verbs whose object is the person spoken to.
fn takes_addressee(lemma_word: &str) -> bool {
    [
        "tell", "told", "assur", "inform", "ask", "brief", "remind", "promis", "notif", "warn",
        "advis", "wrote", "write", "writ",
    ]
    .iter()
    .any(|p| lemma_word.starts_with(p))
}

fn media_word(w: &str) -> bool {
    matches!(
        w,
        "newspaper"
            | "paper"
            | "radio"
            | "broadcaster"
            | "television"
            | "tv"
            | "station"
            | "channel"
            | "magazine"
            | "agency"
            | "daily"
            | "podcast"
            | "program"
            | "programme"
            | "show"
            | "network"
            | "outlet"
            | "tabloid"
            | "weekly"
    )
}

pub fn annotate(doc: &mut Doc, tree: &Tree) {
    let n = doc.attributions.len();
    let mut chans = vec![None; n];
    let mut addrs = vec![None; n];
    for (i, a) in doc.attributions.iter().enumerate() {
        let Some(cue) = a.cue else { continue };
        if cue.end as usize > doc.tokens.len() || cue.is_empty() {
            continue;
        }
        let addressee = addressee(doc, tree, cue, &a.content);
        addrs[i] = addressee;
        let sent = doc.tokens[cue.start as usize].sentence as usize;
        let Some(s) = doc.sentences.get(sent) else {
            continue;
        };
        // Words of the cue's sentence outside the content (the channel is never what was said).
        let outside = |t: TokenId| !a.content.iter().any(|c| c.contains(t));
        let near =
            cue.start.saturating_sub(10).max(s.tokens.start)..(cue.end + 10).min(s.tokens.end);
        let words: Vec<String> = near
            .filter(|&t| outside(t))
            .map(|t| util::lower(doc, t))
            .collect();
        let cue_words: Vec<String> = (cue.start..cue.end).map(|t| util::lower(doc, t)).collect();
        let has = |w: &str| words.iter().any(|x| x == w);
        let has_pair = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
        // "in a statement", "a statement said", "its statement" — not "Trump's statement".
        let statement = words.windows(2).any(|p| {
            p[1] == "statement"
                && matches!(
                    p[0].as_str(),
                    "a" | "its"
                        | "his"
                        | "her"
                        | "their"
                        | "the"
                        | "written"
                        | "joint"
                        | "brief"
                        | "short"
                        | "separate"
                        | "emailed"
                )
        });
        let tweet = words.windows(2).any(|p| {
            (p[1] == "tweet" || p[1] == "tweets")
                && matches!(p[0].as_str(), "a" | "in" | "his" | "her" | "its" | "their")
        });
        let speaker_type = a
            .speaker
            .and_then(|e| doc.entities.get(e as usize))
            .map(|e| e.etype);
        let addressee_media = addressee.is_some_and(|ad| {
            (ad.start..ad.end).any(|t| media_word(&util::lower(doc, t))) || {
                let from = doc
                    .mentions
                    .partition_point(|m| m.span.start + 64 < ad.start);
                doc.mentions[from..]
                    .iter()
                    .take_while(|m| m.span.start < ad.end)
                    .any(|m| {
                        util::overlaps(m.span, ad)
                            && doc.entities.get(m.entity as usize).map(|e| e.etype)
                                == Some(EntityType::Media)
                    })
            }
        });
        let c = if speaker_type == Some(EntityType::Media)
            && !cue_words
                .iter()
                .any(|w| w.starts_with("tweet") || w.starts_with("post"))
        {
            Some(Channel::Report)
        } else if cue_words.iter().any(|w| w.starts_with("tweet"))
            || tweet
            || has_pair("on", "twitter")
            || has_pair("on", "x")
        {
            Some(Channel::Tweet)
        } else if cue_words
            .iter()
            .any(|w| w.starts_with("post") || w == "blogged")
            || has_pair("social", "media")
            || has("blog")
            || has("facebook")
            || has("instagram")
            || has("website")
            || has("telegram")
        {
            Some(Channel::Post)
        } else if statement || has("communique") || has_pair("press", "release") {
            Some(Channel::Statement)
        } else if has("interview")
            || addressee_media
            || (has("speaking") && has_pair("to", "the") && words.iter().any(|w| media_word(w)))
        {
            Some(Channel::Interview)
        } else if has("reporters")
            || has("journalists")
            || has("briefing")
            || has("conference")
            || has("press") && has("told")
            || has_pair("on", "a") && has("call")
            || has("meeting") && cue_words.iter().any(|w| w.starts_with("told"))
        {
            Some(Channel::Briefing)
        } else if speaker_type == Some(EntityType::Media)
            || cue_words.iter().any(|w| {
                w == "reported" || w == "reports" || w == "report" || w == "wrote" || w == "writes"
            }) && speaker_type != Some(EntityType::Person)
            || has("column")
            || has("editorial")
            || has("op-ed")
        {
            Some(Channel::Report)
        } else {
            None
        };
        chans[i] = c;
    }
    // Later sentences of the same statement, interview or briefing: the speaker's next
    // attribution, when nobody else spoke in between and it has no channel of its own.
    let mut order: Vec<usize> = (0..n)
        .filter(|&i| doc.attributions[i].cue.is_some())
        .collect();
    order.sort_by_key(|&i| doc.attributions[i].cue.map(|c| c.start));
    let mut prev: Option<usize> = None;
    for &i in &order {
        let a = &doc.attributions[i];
        if a.parent.is_some() || a.via.is_some() {
            continue;
        }
        if let Some(p) = prev {
            let b = &doc.attributions[p];
            let para = |x: TokenSpan| {
                let s = doc.tokens[x.start as usize].sentence as usize;
                doc.sentences.get(s).map_or(0, |s| s.paragraph)
            };
            let near = match (a.cue, b.cue) {
                (Some(x), Some(y)) => para(x).saturating_sub(para(y)) <= 1,
                _ => false,
            };
            if chans[i].is_none()
                && near
                && a.speaker.is_some()
                && a.speaker == b.speaker
                && matches!(
                    chans[p],
                    Some(Channel::Statement | Channel::Interview | Channel::Briefing)
                )
            {
                chans[i] = chans[p];
            }
        }
        prev = Some(i);
    }
    for (a, (c, ad)) in doc
        .attributions
        .iter_mut()
        .zip(chans.into_iter().zip(addrs))
    {
        a.channel = c;
        a.addressee = ad;
    }
}

/// The object of "told", "assured", "had asked": the recipient, when it is not the content.
fn addressee(doc: &Doc, tree: &Tree, cue: TokenSpan, content: &[TokenSpan]) -> Option<TokenSpan> {
    let verb = (cue.start..cue.end)
        .rev()
        .find(|&t| util::pos(doc, t).starts_with("VB"))?;
    if !takes_addressee(&util::lower(doc, verb)) {
        return None;
    }
    let in_content = |s: TokenSpan| content.iter().any(|c| util::overlaps(*c, s));
    if tree.parsed() {
        // "The Examiner was told by a senior executive that …": the passive subject is the
        // one told.
        if let Some(&c) = tree
            .children(verb)
            .iter()
            .find(|&&c| util::deprel(doc, c) == "nsubjpass")
        {
            let sub = util::trim(doc, tree.subtree(c));
            if !sub.is_empty() && sub.len() <= 12 && sub.end <= cue.start && !in_content(sub) {
                return Some(sub);
            }
        }
        for &c in tree.children(verb) {
            let rel = util::deprel(doc, c);
            let to_phrase = rel == "nmod"
                && tree
                    .children(c)
                    .iter()
                    .any(|&k| util::lower(doc, k) == "to")
                && util::lower(doc, verb).starts_with("wr");
            if rel == "dobj" || rel == "iobj" || to_phrase {
                let sub = util::trim(doc, tree.subtree(c));
                let sub = if to_phrase && util::lower(doc, sub.start) == "to" {
                    TokenSpan {
                        start: sub.start + 1,
                        end: sub.end,
                    }
                } else {
                    sub
                };
                // The extractor may start the content with the recipient ("had told | the
                // United States it had removed …"): the object at the very start of a content
                // piece, followed by more of it, is the recipient too.
                let opens_content = content
                    .iter()
                    .any(|c| c.start == sub.start && c.end > sub.end + 2);
                if !sub.is_empty()
                    && (!in_content(sub) || opens_content)
                    && sub.len() <= 12
                    && sub.start >= cue.end
                {
                    return Some(sub);
                }
            }
        }
    }
    // Without a usable parse: the words between the cue and the content ("told reporters that").
    let next = content
        .iter()
        .filter(|c| c.start >= cue.end)
        .map(|c| c.start)
        .min()?;
    let gap = util::trim(
        doc,
        TokenSpan {
            start: cue.end,
            end: next,
        },
    );
    let gap_ok = !gap.is_empty()
        && gap.len() <= 6
        && (gap.start..gap.end).all(|t| {
            let p = util::pos(doc, t);
            p.starts_with("NN") || p == "DT" || p == "JJ" || p == "PRP" || p == "PRP$" || p == "POS"
        });
    gap_ok.then_some(gap)
}
