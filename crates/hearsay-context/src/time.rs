//! When a speech act happened: the time expression attached to an attribution's cue or
//! source, resolved against the article date.
//!
//! Resolution rules (article date D): *today* and D's own weekday → D; *on WEEKDAY* → the
//! latest such day before D; *yesterday* → D − 1; *last week* → Monday–Sunday of the week
//! before D's; *last month* → the previous calendar month; *earlier this month / year* → from
//! its first day to D − 1; *last year* → the previous year; a month name (with day and year
//! when given) → that day or that month, the latest one not after D; *earlier*, *previously*
//! → recorded, unresolved.

use hearsay_doc::{Date, Doc, NameKind, TimeRef, TokenId, TokenSpan};
use jiff::civil;
use jiff::ToSpan;

use crate::util::{self, Tree};

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(w: &str) -> Option<i8> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == w || (matches!(w.len(), 3 | 4) && m.starts_with(w) && w != "may"))
        .map(|i| i as i8 + 1)
}

/// A month or weekday name (or abbreviation).
pub fn is_calendar_word(w: &str) -> bool {
    month_of(w).is_some() || WEEKDAYS.contains(&w)
}

fn to_civil(d: Date) -> Option<civil::Date> {
    civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok()
}

fn from_civil(d: civil::Date) -> Date {
    Date {
        year: i32::from(d.year()),
        month: d.month() as u8,
        day: d.day() as u8,
    }
}

/// Resolve the words of a time expression against the article date.
pub fn resolve_words(words: &[String], d: Date) -> (Option<Date>, Option<(Date, Date)>) {
    let Some(dc) = to_civil(d) else {
        return (None, None);
    };
    let has = |w: &str| words.iter().any(|x| x == w);
    let day = |x: civil::Date| (Some(from_civil(x)), None);
    let range = |a: civil::Date, b: civil::Date| (None, Some((from_civil(a), from_civil(b))));
    if has("today")
        || has("tonight")
        || (has("this") && (has("morning") || has("afternoon") || has("evening")))
    {
        return day(dc);
    }
    if has("yesterday") {
        return dc.checked_sub(1.day()).map_or((None, None), day);
    }
    if let Some(wd) = words.iter().find_map(|w| {
        let w = w.trim_end_matches("'s").trim_end_matches("’s");
        WEEKDAYS.iter().position(|x| *x == w)
    }) {
        let today = dc.weekday().to_monday_zero_offset() as i64;
        let mut back = (today - wd as i64).rem_euclid(7);
        if back == 0 && has("last") {
            back = 7;
        }
        return dc.checked_sub(back.days()).map_or((None, None), day);
    }
    if has("week") && has("last") {
        let monday = dc.checked_sub((dc.weekday().to_monday_zero_offset() as i64 + 7).days());
        return match monday {
            Ok(m) => range(m, m.checked_add(6.days()).unwrap_or(m)),
            Err(_) => (None, None),
        };
    }
    if has("month") && has("last") {
        let first = dc.first_of_month();
        return match first.checked_sub(1.day()) {
            Ok(end) => range(end.first_of_month(), end),
            Err(_) => (None, None),
        };
    }
    if has("year") && has("last") {
        return match (
            civil::Date::new(dc.year() - 1, 1, 1),
            civil::Date::new(dc.year() - 1, 12, 31),
        ) {
            (Ok(a), Ok(b)) => range(a, b),
            _ => (None, None),
        };
    }
    if has("earlier") && has("this") && (has("month") || has("year") || has("week")) {
        let start = if has("month") {
            dc.first_of_month()
        } else if has("year") {
            dc.first_of_year()
        } else {
            dc.checked_sub((dc.weekday().to_monday_zero_offset() as i64).days())
                .unwrap_or(dc)
        };
        return match dc.checked_sub(1.day()) {
            Ok(end) if end >= start => range(start, end),
            _ => (None, None),
        };
    }
    if let Some(m) = words.iter().find_map(|w| month_of(w)) {
        let year = words
            .iter()
            .filter_map(|w| w.parse::<i16>().ok())
            .find(|y| (1900..=2200).contains(y));
        let dom = words
            .iter()
            .filter_map(|w| w.trim_end_matches(',').parse::<i8>().ok())
            .find(|x| (1..=31).contains(x));
        let y = year.unwrap_or_else(|| {
            // The latest such month not after D.
            if m > dc.month() {
                dc.year() - 1
            } else {
                dc.year()
            }
        });
        return match dom {
            Some(dd) => match civil::Date::new(y, m, dd) {
                Ok(x) if x <= dc => day(x),
                _ => (None, None),
            },
            None => match civil::Date::new(y, m, 1) {
                Ok(first) => {
                    let last = first.last_of_month();
                    if first > dc {
                        (None, None)
                    } else {
                        range(first, last.min(dc))
                    }
                }
                Err(_) => (None, None),
            },
        };
    }
    (None, None)
}

/// Adverbs that place a speech act in time without a date.
fn vague(w: &str) -> bool {
    matches!(w, "earlier" | "previously" | "later" | "recently")
}

pub fn annotate(doc: &mut Doc, _tree: &Tree, date: Option<Date>) {
    let n = doc.attributions.len();
    let mut out = vec![None; n];
    for (i, a) in doc.attributions.iter().enumerate() {
        let Some(cue) = a.cue else { continue };
        if cue.is_empty() || cue.end as usize > doc.tokens.len() {
            continue;
        }
        // A relayed attribution whose cue is the relay word ("citing", "as saying") was
        // spoken when the relaying report says; the report carries the time.
        if a.via.is_some()
            && (cue.start..cue.end).any(|t| {
                let w = util::lower(doc, t);
                w.starts_with("cit") || w.starts_with("quot") || w == "saying"
            })
        {
            continue;
        }
        let sent = doc.tokens[cue.start as usize].sentence;
        // A content that opens with the addressee ("had asked | the company last month for
        // …"): the words after the addressee, up to "that"/"to"/"for", are the speech act's.
        let head = a.addressee.and_then(|ad| {
            let c = a.content.iter().find(|c| c.start == ad.start)?;
            let end = (ad.end..c.end)
                .find(|&t| matches!(util::lower(doc, t).as_str(), "that" | "to" | "for"))?;
            Some(TokenSpan { start: ad.end, end })
        });
        let outside = |s: TokenSpan| {
            head.is_some_and(|h| util::contains(h, s))
                || !a.content.iter().any(|c| util::overlaps(*c, s))
        };
        // A nested speech act's time lies inside its parent's content.
        let parent_content: Option<Vec<TokenSpan>> = a
            .parent
            .and_then(|p| doc.attributions.get(p as usize))
            .map(|p| p.content.clone());
        let in_parent = |s: TokenSpan| {
            parent_content
                .as_ref()
                .is_none_or(|pc| pc.iter().any(|c| util::contains(*c, s)))
        };
        let sent_span = doc.sentences[sent as usize].tokens;
        let dateline_end = (sent_span.start..sent_span.end.min(sent_span.start + 12))
            .find(|&t| matches!(doc.token_text(t), "—" | "–" | "―"));
        let lo = a
            .source
            .map_or(cue.start, |s| s.start.min(cue.start))
            .saturating_sub(10);
        // Up to eight words after the cue, or the whole recipient phrase before the content
        // ("told reporters at the club's training ground on Thursday that").
        let content_start = a
            .content
            .iter()
            .map(|c| c.start)
            .filter(|&c| c >= cue.end)
            .min();
        // With nothing said after the cue ("…,” Voss wrote in a post on the city's page
        // late on Monday."), the rest of the sentence.
        let hi = (cue.end + 8).max(content_start.map_or(sent_span.end, |c| c.min(cue.end + 16)));
        let hi = head.map_or(hi, |h| hi.max(h.end));
        // Dates the entity tagger found around the cue, outside the content, same sentence.
        let from = doc.names.partition_point(|nm| nm.span.start < lo);
        let best = doc.names[from..]
            .iter()
            .take_while(|nm| nm.span.start < hi)
            .filter(|nm| nm.kind == NameKind::Date)
            // "halved since January": a period of the content, not when it was said.
            .filter(|nm| {
                nm.span.start == 0
                    || !matches!(
                        util::lower(doc, nm.span.start - 1).as_str(),
                        "since" | "until" | "till" | "by" | "before" | "after" | "from" | "through"
                    )
            })
            .filter(|nm| nm.span.start >= lo && nm.span.end <= hi)
            // A dateline ("LUNDE, Oct. 9 —") dates the article, not the speech act.
            .filter(|nm| dateline_end.is_none_or(|d| nm.span.start > d))
            // Nor does a relative clause describing the source ("Dray, who joined from
            // Halsey Town in 2024, told …"; "speaking on Tuesday" does give the time).
            .filter(|nm| {
                !a.source.is_some_and(|src| {
                    util::contains(src, nm.span)
                        && (src.start..nm.span.start).any(|t| {
                            matches!(util::pos(doc, t), "WP" | "WP$" | "WDT")
                                && (t + 1..nm.span.start).any(|v| {
                                    matches!(util::pos(doc, v), "VBD" | "VBZ" | "VBP" | "VBN")
                                })
                        })
                })
            })
            .filter(|nm| {
                doc.tokens[nm.span.start as usize].sentence == sent
                    && outside(nm.span)
                    && in_parent(nm.span)
            })
            .filter(|nm| {
                !(nm.span.start..nm.span.end)
                    .all(|t| util::pos(doc, t) == "CD" && util::lower(doc, t).len() != 4)
            })
            // Nor a date inside another speech act's content that does not hold this one
            // ("Asked whether a move in May was possible, she replied …").
            .filter(|nm| {
                !doc.attributions[i.saturating_sub(6)..(i + 7).min(n)]
                    .iter()
                    .any(|b| {
                        !std::ptr::eq(b, a)
                            && b.content.iter().any(|c| util::contains(*c, nm.span))
                            && !b.content.iter().any(|c| c.contains(cue.start))
                    })
            })
            // A date in a participle's phrase inside the source ("a mediator appointed by
            // the ministry last month, told CRN on Tuesday") dates the participle: any other
            // date is the speech act's first ("Customers interviewed … on Thursday said" has
            // only that one).
            .min_by_key(|nm| {
                let in_participle = a.source.is_some_and(|src| {
                    util::contains(src, nm.span)
                        && (src.start + 1..nm.span.start).any(|t| {
                            util::pos(doc, t) == "VBN"
                                && matches!(util::pos(doc, t - 1), "NN" | "NNS" | "NNP")
                        })
                });
                let distance = if nm.span.start >= cue.end {
                    nm.span.start - cue.end
                } else {
                    cue.start - nm.span.end.min(cue.start) + 1
                };
                (in_participle, distance)
            })
            .map(|nm| nm.span);
        let span = best.map(|s| extend(doc, s)).or_else(|| {
            // "had earlier cited", "earlier said": a vague adverb in or next to the cue.
            let near = cue.start.saturating_sub(1)..(cue.end + 1).min(doc.tokens.len() as u32);
            near.clone()
                .find(|&t: &TokenId| {
                    vague(&util::lower(doc, t))
                        && outside(TokenSpan {
                            start: t,
                            end: t + 1,
                        })
                })
                .map(|t| TokenSpan {
                    start: t,
                    end: t + 1,
                })
        });
        let Some(span) = span else { continue };
        let words: Vec<String> = (span.start..span.end)
            .map(|t| util::lower(doc, t))
            .collect();
        let (d, r) = match date {
            Some(d) => resolve_words(&words, d),
            None => (None, None),
        };
        out[i] = Some(TimeRef {
            span,
            date: d,
            range: r,
        });
    }
    for (a, t) in doc.attributions.iter_mut().zip(out) {
        a.time = t;
    }
}

/// Include a preceding "on" / "earlier" ("on Tuesday", "earlier this month"), or "at the"
/// ("at the time").
fn extend(doc: &Doc, s: TokenSpan) -> TokenSpan {
    let same = |t: u32| doc.tokens[t as usize].sentence == doc.tokens[s.start as usize].sentence;
    if s.start > 1
        && util::lower(doc, s.start - 1) == "the"
        && util::lower(doc, s.start - 2) == "at"
        && same(s.start - 2)
    {
        return TokenSpan {
            start: s.start - 2,
            end: s.end,
        };
    }
    if s.start > 0 {
        let w = util::lower(doc, s.start - 1);
        if matches!(w.as_str(), "on" | "earlier" | "in" | "during")
            && doc.tokens[s.start as usize - 1].sentence == doc.tokens[s.start as usize].sentence
        {
            return TokenSpan {
                start: s.start - 1,
                end: s.end,
            };
        }
    }
    s
}
