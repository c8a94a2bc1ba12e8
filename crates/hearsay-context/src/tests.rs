use super::*;
use hearsay_doc::{Attribution, TokenSpan};

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

fn date(s: &str) -> Date {
    parse_date(s).unwrap()
}

#[test]
fn dates_parse_and_reject_nonsense() {
    assert_eq!(parse_date("2026-03-11").unwrap().to_string(), "2026-03-11");
    assert!(parse_date("2026-02-30").is_none());
    assert!(parse_date("yesterday").is_none());
}

#[test]
fn relative_times_resolve_against_the_article_date() {
    // 2026-03-11 is a Wednesday.
    let d = date("2026-03-11");
    let day = |s: &str| time::resolve_words(&words(s), d).0.map(|x| x.to_string());
    let range = |s: &str| {
        time::resolve_words(&words(s), d)
            .1
            .map(|(a, b)| format!("{a}..{b}"))
    };
    assert_eq!(day("on Monday").as_deref(), Some("2026-03-09"));
    assert_eq!(day("on Wednesday").as_deref(), Some("2026-03-11"));
    assert_eq!(day("on Thursday").as_deref(), Some("2026-03-05"));
    assert_eq!(day("last Wednesday").as_deref(), Some("2026-03-04"));
    assert_eq!(day("yesterday").as_deref(), Some("2026-03-10"));
    assert_eq!(day("today").as_deref(), Some("2026-03-11"));
    assert_eq!(day("March 2").as_deref(), Some("2026-03-02"));
    assert_eq!(day("Oct. 6").as_deref(), Some("2025-10-06"));
    assert_eq!(
        range("last week").as_deref(),
        Some("2026-03-02..2026-03-08")
    );
    assert_eq!(
        range("last month").as_deref(),
        Some("2026-02-01..2026-02-28")
    );
    assert_eq!(
        range("earlier this month").as_deref(),
        Some("2026-03-01..2026-03-10")
    );
    assert_eq!(
        range("last year").as_deref(),
        Some("2025-01-01..2025-12-31")
    );
    assert_eq!(
        range("in March 2023").as_deref(),
        Some("2023-03-01..2023-03-31")
    );
    assert_eq!(time::resolve_words(&words("earlier"), d), (None, None));
    // Never after the article date.
    assert_eq!(day("March 20"), None);
}

#[test]
fn the_first_of_the_month_and_year_have_no_earlier_this_month() {
    let d = date("2026-01-01");
    assert_eq!(
        time::resolve_words(&words("earlier this month"), d),
        (None, None)
    );
    let r = time::resolve_words(&words("last week"), d).1.unwrap();
    assert_eq!(
        (r.0.to_string(), r.1.to_string()),
        ("2025-12-22".into(), "2025-12-28".into())
    );
}

/// Segmented only (no tags, no parse, no names): the layer still runs and never panics.
#[test]
fn untagged_documents_and_odd_spans_do_not_panic() {
    for text in [
        "",
        "He said.",
        "“It is,” it said, citing and and and.",
        "Officials said on Monday that — — it had cited two people as saying",
    ] {
        let mut doc = hearsay_text::segment_text(text.to_string());
        let n = doc.tokens.len();
        if n > 0 {
            doc.attributions.push(Attribution {
                source: Some(TokenSpan::new(0, 1.min(n))),
                cue: Some(TokenSpan::new(n / 2, (n / 2 + 1).min(n))),
                content: vec![TokenSpan::new((n / 2 + 1).min(n), n)],
                ..Default::default()
            });
        }
        doc.meta.date = Some("2026-03-11".into());
        resolve(&mut doc);
        resolve(&mut doc); // idempotent: relays are not added twice
        assert!(doc.attributions.iter().filter(|a| a.via.is_some()).count() <= 4);
        for a in &doc.attributions {
            if let Some(e) = a.speaker {
                assert!((e as usize) < doc.entities.len());
            }
        }
    }
}

/// Two attributions whose contents share words (one passage read twice, as an extraction
/// error can make it) never dispute each other, whoever their speakers are.
#[test]
fn one_passage_read_twice_is_no_dispute() {
    let text = "Ana Berg said the bridge was safe. Tom Lind said the bridge was not safe at all, Ana Berg told reporters.";
    let mut doc = hearsay_text::segment_text(text.to_string());
    let span = |phrase: &str, nth: usize| {
        let words: Vec<&str> = phrase.split(' ').collect();
        let toks: Vec<&str> = (0..doc.tokens.len())
            .map(|t| doc.token_text(t as u32))
            .collect();
        let at = (0..toks.len())
            .filter(|&i| toks[i..].starts_with(&words))
            .nth(nth)
            .unwrap_or_else(|| panic!("{phrase}"));
        TokenSpan::new(at, at + words.len())
    };
    let attr = |s: TokenSpan, c: TokenSpan, x: TokenSpan| Attribution {
        source: Some(s),
        cue: Some(c),
        content: vec![x],
        ..Default::default()
    };
    let claim = attr(
        span("Ana Berg", 0),
        span("said", 0),
        span("the bridge was safe", 0),
    );
    let denial = attr(
        span("Tom Lind", 0),
        span("said", 1),
        span("the bridge was not safe at all", 0),
    );
    let again = attr(
        span("Ana Berg", 1),
        span("told", 0),
        span("the bridge was not safe at all", 0),
    );
    doc.attributions = vec![claim, denial, again];
    resolve(&mut doc);
    let pairs: Vec<(u32, u32)> = doc.disputes.iter().map(|d| (d.by, d.target)).collect();
    assert!(pairs.contains(&(1, 0)), "{pairs:?}");
    assert!(
        !pairs.contains(&(1, 2)) && !pairs.contains(&(2, 1)),
        "{pairs:?}"
    );
}

/// "Y was cited by X as saying Z", extracted as (Y, "was cited", "as saying Z"): X after "by"
/// becomes the relaying source, and Y says Z via it.
#[test]
fn cited_by_x_as_saying_relays_through_x() {
    let text =
        "Lindqvist was cited by the Brinmoor Courier as saying that the regulator should explain.";
    let mut doc = hearsay_text::segment_text(text.to_string());
    let toks: Vec<String> = (0..doc.tokens.len())
        .map(|t| doc.token_text(t as u32).to_string())
        .collect();
    let at = |w: &str| toks.iter().position(|x| x == w).unwrap();
    let (cited, as_) = (at("cited"), at("as"));
    doc.attributions = vec![Attribution {
        source: Some(TokenSpan::new(0, 1)),
        cue: Some(TokenSpan::new(cited - 1, cited + 1)),
        content: vec![TokenSpan::new(as_, toks.len() - 1)],
        ..Default::default()
    }];
    resolve(&mut doc);
    let outer = &doc.attributions[0];
    assert_eq!(
        outer.source.map(|s| doc.span_text(s)),
        Some("the Brinmoor Courier")
    );
    let inner = doc
        .attributions
        .iter()
        .find(|a| a.via == Some(0))
        .expect("the relayed attribution");
    assert_eq!(inner.source.map(|s| doc.span_text(s)), Some("Lindqvist"));
    assert_eq!(inner.cue.map(|s| doc.span_text(s)), Some("as saying"));
    assert_eq!(
        doc.span_text(inner.content[0]),
        "that the regulator should explain"
    );
}
