//! Channel (tweet, post, statement, interview, briefing, report) and addressee of each
//! attribution, from the words around its cue.

use hearsay_doc::{Channel, Doc, EntityType, TokenId, TokenSpan};

use crate::util::{self, Tree};

/// Verbs whose object is the person spoken to.
fn takes_addressee(lemma_word: &str) -> bool {
    [
        "tell", "told", "assur", "inform", "ask", "brief", "remind", "promis", "notif", "warn",
        "urg", "advis", "wrote", "write", "writ",
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

/// How many paragraphs after a speaker's statement, interview or briefing their next
/// attribution still continues it.
const INHERIT_PARAGRAPHS: u32 = 1;

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
        // … or the sentence opens with it ("In a statement posted on the club's website,
        // the owners, the Fenwick family, said …"), however long the subject after it.
        // (Not "In her opening statement": a speech in court, not a statement issued.)
        // "In an interview with Tarrow Public Radio, the group's spokesman, Daniel Fenwick,
        // said": an interview, likewise.
        let opening = |k: u32| util::lower(doc, s.tokens.start + k);
        let setting = |noun: &str| {
            s.tokens.start + 4 < cue.start
                && opening(0) == "in"
                && matches!(
                    opening(1).as_str(),
                    "a" | "an" | "its" | "his" | "her" | "their"
                )
                && (opening(2) == noun
                    || matches!(
                        opening(2).as_str(),
                        "written"
                            | "joint"
                            | "brief"
                            | "short"
                            | "separate"
                            | "emailed"
                            | "television"
                            | "televised"
                            | "radio"
                            | "telephone"
                            | "phone"
                            | "exclusive"
                            | "recent"
                    ) && opening(3) == noun)
        };
        // … or an inverted source ends with it ("…,” said Ilse Marten, the federation's head
        // of integrity, in a written statement.).
        let tail: Vec<String> = match a.source {
            Some(src) if src.start >= cue.end && src.end <= s.tokens.end => (src.end..s.tokens.end)
                .filter(|&t| outside(t))
                .map(|t| util::lower(doc, t))
                .collect(),
            _ => Vec::new(),
        };
        let det = |w: &str| matches!(w, "a" | "an" | "its" | "his" | "her" | "their");
        let closing = |noun: &str| {
            tail.windows(3)
                .any(|p| p[0] == "in" && det(&p[1]) && p[2] == noun)
                || tail
                    .windows(4)
                    .any(|p| p[0] == "in" && det(&p[1]) && p[3] == noun)
        };
        let statement = statement || setting("statement") || closing("statement");
        let interview = setting("interview") || closing("interview");
        // … or the statement is the source ("The bank's statement added …").
        let statement = statement
            || a.source.is_some_and(|src| {
                !src.is_empty()
                    && matches!(
                        util::lower(doc, src.end - 1).as_str(),
                        "statement" | "statements"
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
        // Words of the recipient ("told a rally at the factory gates", "had told a farmers'
        // meeting"), which the extractor may have left at the head of the content.
        let addressee_words: Vec<String> = addressee
            .map(|ad| (ad.start..ad.end).map(|t| util::lower(doc, t)).collect())
            .unwrap_or_default();
        let audience = addressee_words.iter().any(|w| {
            matches!(
                w.as_str(),
                "meeting" | "rally" | "briefing" | "conference" | "reporters" | "journalists"
            )
        });
        // A published study, audit or poll speaking ("An analysis published on Tuesday
        // found", "The audit … says"), not one cited by someone ("citing a study").
        let document_report = speaker_type == Some(EntityType::Document)
            && !relay_cue(&cue_words)
            && (a.source.is_some_and(|src| {
                (src.start..src.end).any(|t| util::lower(doc, t) == "published")
            }) || a
                .speaker
                .and_then(|e| doc.entities.get(e as usize))
                .filter(|e| !e.name.is_empty())
                .is_some_and(|e| {
                    matches!(
                        util::lower(doc, e.name.end - 1).as_str(),
                        "poll" | "paper" | "audit" | "analysis" | "survey" | "study" | "document"
                    )
                }));
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
        {
            Some(Channel::Post)
        // "In a statement posted on the club's website, the owners said": a statement, put
        // on a website.
        } else if statement {
            Some(Channel::Statement)
        } else if has_pair("social", "media")
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
            || interview
            || addressee_media
            || (has("speaking") && has_pair("to", "the") && words.iter().any(|w| media_word(w)))
        {
            Some(Channel::Interview)
        } else if has("reporters")
            || audience
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
            || document_report
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
    // attribution near their last one, when it has no channel of its own (others may speak
    // in between: "Ilves told the paper …", the company's answer, "Ilves said …").
    let mut order: Vec<usize> = (0..n)
        .filter(|&i| doc.attributions[i].cue.is_some())
        .collect();
    order.sort_by_key(|&i| doc.attributions[i].cue.map(|c| c.start));
    let para = |x: TokenSpan| {
        let s = doc.tokens[x.start as usize].sentence as usize;
        doc.sentences.get(s).map_or(0, |s| s.paragraph)
    };
    let mut last: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    for &i in &order {
        let a = &doc.attributions[i];
        if a.parent.is_some() || a.via.is_some() {
            continue;
        }
        let Some(sp) = a.speaker else { continue };
        if let Some(&p) = last.get(&sp) {
            let b = &doc.attributions[p];
            let near = match (a.cue, b.cue) {
                (Some(x), Some(y)) => para(x).saturating_sub(para(y)) <= INHERIT_PARAGRAPHS,
                _ => false,
            };
            if chans[i].is_none()
                && near
                && matches!(
                    chans[p],
                    Some(Channel::Statement | Channel::Interview | Channel::Briefing)
                )
            {
                chans[i] = chans[p];
            }
        }
        last.insert(sp, i);
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

/// A relay's cue ("citing", "quoted … as saying", "according to"): the cited source does not
/// speak through a channel of its own.
fn relay_cue(cue_words: &[String]) -> bool {
    cue_words
        .iter()
        .any(|w| w.starts_with("cit") || w.starts_with("quot") || w == "according")
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
                let sub = without_time(doc, util::trim(doc, tree.subtree(c)));
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
    // Without a usable parse (or where it found no object): the noun phrase between the
    // cue and the content ("told reporters that", "told the Tribune on Sunday that") …
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
    if !gap.is_empty() && gap.len() <= 10 {
        if let Some(np) = noun_phrase(doc, gap.start, gap.end) {
            let rest = np.end..gap.end;
            let rest_ok = rest.is_empty()
                || (rest.len() <= 5 && matches!(util::pos(doc, rest.start), "IN" | "RB" | "JJ"));
            if rest_ok {
                return Some(np);
            }
        }
    }
    // … or at the head of a content the extractor started with it ("had asked | the team to
    // …", "had assured | shop stewards that …", "was told | The Ledger that …").
    let c = content.iter().find(|c| c.start == cue.end)?;
    let np = noun_phrase(doc, c.start, c.end)?;
    let subject_pronoun = np.len() == 1
        && matches!(
            util::lower(doc, np.start).as_str(),
            "he" | "she" | "it" | "they" | "we" | "i" | "you"
        );
    // What follows the recipient, in this piece or (when the extractor split the content
    // there: "had assured | shop stewards | in September that …") in the sentence.
    let sent_end = doc.sentences[doc.tokens[c.start as usize].sentence as usize]
        .tokens
        .end;
    let then = (np.end < sent_end).then(|| util::lower(doc, np.end))?;
    let opens = matches!(then.as_str(), "to" | "that" | "for")
        || (matches!(util::pos(doc, np.end), "IN")
            && (np.end..sent_end.min(np.end + 8)).any(|t| util::lower(doc, t) == "that"));
    (opens && !subject_pronoun).then_some(np)
}

/// A recipient without the time phrase the parse hung on it ("the Halden Post | on Sunday").
fn without_time(doc: &Doc, s: TokenSpan) -> TokenSpan {
    let cut = (s.start + 1..s.end.saturating_sub(1)).find(|&t| {
        matches!(
            util::lower(doc, t).as_str(),
            "on" | "in" | "last" | "this" | "earlier"
        ) && (t + 1..s.end.min(t + 3)).any(|u| time_word(&util::lower(doc, u)))
    });
    cut.map_or(s, |t| TokenSpan {
        start: s.start,
        end: t,
    })
}

/// A calendar name or a period word ("Sunday", "March", "week", "morning").
fn time_word(w: &str) -> bool {
    crate::time::is_calendar_word(w)
        || matches!(
            w,
            "week" | "month" | "year" | "morning" | "afternoon" | "evening" | "night" | "weekend"
        )
}

/// The noun phrase starting at `from` (before `to`): determiners, adjectives, nouns,
/// pronouns, possessives and numbers, and an "of" that joins two of them ("a meeting of
/// deans"); at most eight tokens.
fn noun_phrase(doc: &Doc, from: TokenId, to: TokenId) -> Option<TokenSpan> {
    let np_word = |t: TokenId| {
        let p = util::pos(doc, t);
        p.starts_with("NN")
            || matches!(p, "DT" | "JJ" | "PRP" | "PRP$" | "POS" | "CD")
            || matches!(doc.token_text(t), "’s" | "'s")
    };
    let mut end = from;
    while end < to && end - from < 8 {
        let joins = util::lower(doc, end) == "of" && end > from && end + 1 < to && np_word(end + 1);
        if !(np_word(end) || joins) {
            break;
        }
        end += 1;
    }
    // It ends on a noun or pronoun, not a determiner or adjective.
    while end > from
        && !matches!(util::pos(doc, end - 1), p if p.starts_with("NN") || p == "PRP" || p == "CD")
    {
        end -= 1;
    }
    (end > from).then(|| TokenSpan::new(from as usize, end as usize))
}
