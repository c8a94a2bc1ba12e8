//! Anonymous sources and relays end to end, on invented text written for this test: the
//! anonymity clause between a source and its cue (*, who asked not to be named …,*),
//! *according to X, which cited Y, Z*, *X, citing Y, reported …*, *X had earlier cited Y as
//! saying …*, and a pronoun that refers back to "one of" an anonymous group.

use hearsay::doc::{Attribution, Doc};

const ARTICLE: &str = "\
KARVELL, March 3 — The port authority plans to sell two of its terminals, people familiar with the matter told the Karvell Herald on Monday.
The authority's chairman, Oskar Lind, denied that a buyer had been chosen. \"Nothing has been decided,\" he said.
One of the dock workers, who asked not to be named because she feared losing her job, said morale was low. She said a supervisor had told the crews to stop talking to reporters.
A customs officer, who spoke on condition of anonymity, said inspections had been halved.
According to the broadcaster Radio Tessin, which cited an official in the finance ministry, the buyer is a foreign state-owned company.
The daily Vestpost, citing two people involved in the talks, reported on Tuesday that the price had been cut by a third.
The news agency Nordwire had earlier cited a union official as saying the crews would strike.
";

fn doc() -> Doc {
    let p = hearsay::Pipeline::load().unwrap();
    p.process_with_date(ARTICLE.to_string(), Some("2026-03-03"))
}

fn text(d: &Doc, s: Option<hearsay::doc::TokenSpan>) -> &str {
    s.map(|s| d.span_text(s)).unwrap_or("")
}

/// The attribution whose source text is `source` and whose cue contains `cue`.
fn find<'d>(d: &'d Doc, source: &str, cue: &str) -> (usize, &'d Attribution) {
    d.attributions
        .iter()
        .enumerate()
        .find(|(_, a)| text(d, a.source) == source && text(d, a.cue).contains(cue))
        .unwrap_or_else(|| {
            let all: Vec<_> = d
                .attributions
                .iter()
                .map(|a| format!("{} | {}", text(d, a.source), text(d, a.cue)))
                .collect();
            panic!("no attribution ({source}, {cue}) among {all:#?}")
        })
}

fn speaker<'d>(d: &'d Doc, a: &Attribution) -> &'d str {
    d.span_text(d.entities[a.speaker.expect("a speaker") as usize].name)
}

#[test]
fn an_anonymity_clause_stays_in_the_source_and_is_no_attribution() {
    let d = doc();
    let (_, a) = find(
        &d,
        "One of the dock workers, who asked not to be named because she feared losing her job,",
        "said",
    );
    assert!(a.anonymous.is_some(), "the dock worker is anonymous");
    assert_eq!(d.span_text(a.content[0]), "morale was low");
    let (_, b) = find(
        &d,
        "A customs officer, who spoke on condition of anonymity,",
        "said",
    );
    assert!(b.anonymous.is_some());
    // "who asked | not to be named" and "who spoke | on condition of anonymity" are not
    // attributions.
    for a in &d.attributions {
        let cue = text(&d, a.cue);
        assert!(
            cue != "asked" && cue != "spoke",
            "spurious attribution {cue:?}"
        );
    }
}

/// The same clause right after a dateline: the source is the phrase after the dash, not the
/// dateline, and the clause's "asked" is no attribution.
#[test]
fn an_anonymity_clause_after_a_dateline() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "SARN, May 5 \u{2014} A senior official at the ministry, who asked not to be named, said the contract had been signed in March.\n"
            .to_string(),
        Some("2026-05-05"),
    );
    let (_, a) = find(
        &d,
        "A senior official at the ministry, who asked not to be named,",
        "said",
    );
    assert!(a.anonymous.is_some());
    assert_eq!(d.attributions.len(), 1, "{:?}", d.attributions);
}

#[test]
fn she_after_one_of_an_anonymous_group_is_that_source() {
    let d = doc();
    let (_, worker) = find(
        &d,
        "One of the dock workers, who asked not to be named because she feared losing her job,",
        "said",
    );
    let (_, she) = find(&d, "She", "said");
    assert_eq!(
        she.speaker, worker.speaker,
        "She = the dock worker, not Lind"
    );
    assert!(she.anonymous.is_some());
}

#[test]
fn according_to_x_which_cited_y() {
    let d = doc();
    let (outer, a) = find(&d, "the broadcaster Radio Tessin", "According to");
    assert_eq!(
        d.span_text(a.content[0]),
        "the buyer is a foreign state-owned company"
    );
    assert!(a.anonymous.is_none());
    let (_, inner) = find(&d, "an official in the finance ministry", "cited");
    assert_eq!(inner.via, Some(outer as u32));
    assert_eq!(inner.content, a.content);
    assert!(inner.anonymous.is_some());
    // No attribution is left with "which" as its source.
    assert!(d.attributions.iter().all(|a| text(&d, a.source) != "which"));
}

#[test]
fn x_citing_y_reported() {
    let d = doc();
    let (outer, a) = find(&d, "The daily Vestpost", "reported");
    assert_eq!(speaker(&d, a), "Vestpost");
    let (_, inner) = find(&d, "two people involved in the talks", "citing");
    assert_eq!(inner.via, Some(outer as u32));
    assert!(inner.anonymous.is_some());
}

#[test]
fn x_had_earlier_cited_y_as_saying() {
    let d = doc();
    let (outer, a) = find(&d, "The news agency Nordwire", "cited");
    assert_eq!(d.span_text(a.cue.unwrap()), "had earlier cited");
    let (_, inner) = find(&d, "a union official", "as saying");
    assert_eq!(inner.via, Some(outer as u32));
    assert!(inner.anonymous.is_some());
}

/// A participle after a comma ("…, asking for …", "…, disputing …") shares the source of the
/// attribution before it, not a noun phrase inside that attribution's words or a dateline.
#[test]
fn participles_share_the_main_source() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "TESSEL, Sept 7 — The national weather service said on Thursday that its flood warning had gone out on time, disputing residents’ accounts that it came only after the water had reached their doors.\n\
         The union's chair, Vera Holm, told the Courier she had written to the environment minister, Paul Sand, asking for an inquiry.\n"
            .to_string(),
        Some("2026-09-07"),
    );
    let (_, a) = find(&d, "The national weather service", "disputing");
    assert_eq!(text(&d, a.cue), "disputing");
    let asking = d
        .attributions
        .iter()
        .find(|a| text(&d, a.cue).starts_with("asking"))
        .expect("an attribution for 'asking'");
    assert_ne!(text(&d, asking.source), "Paul Sand");
    assert_eq!(speaker(&d, asking), "Vera Holm");
}

/// "CONTENT, people familiar with the matter said, asking not to be identified because …":
/// the anonymity phrase after the cue is not content, the inverted source is found, and a
/// later "Two of the people" is the same anonymous source.
#[test]
fn an_anonymity_phrase_after_the_cue() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "VESTA, April 9 — The airline is preparing to cut 2,000 jobs, people with knowledge of the matter said, asking not to be identified because the talks are private.\n\
         Two of the people said the unions had been told on Monday.\n"
            .to_string(),
        Some("2026-04-09"),
    );
    let (_, a) = find(&d, "people with knowledge of the matter", "said");
    assert!(a.anonymous.is_some());
    let content: Vec<&str> = a.content.iter().map(|s| d.span_text(*s)).collect();
    assert_eq!(content, ["The airline is preparing to cut 2,000 jobs"]);
    let (_, b) = find(&d, "Two of the people", "said");
    assert!(b.anonymous.is_some());
    assert_eq!(b.speaker, a.speaker);
}

/// A reporting verb inside another attribution's content that the cue tagger also found
/// yields one nested attribution, not two identical ones.
#[test]
fn no_duplicate_nested_attributions() {
    let p = hearsay::Pipeline::load().unwrap();
    let text = "The museum’s new film documents how the city grew around its port.\n\n\
                Varga said she felt the harbour was worth filming because “most people don’t know how old it is,” she said. “We have no context for the present if we don’t know where we came from.”\n";
    let d = p.process_with_date(text.to_string(), Some("2026-05-01"));
    let mut seen = std::collections::HashSet::new();
    for a in &d.attributions {
        let key = (a.source, a.cue, a.content.clone(), a.parent, a.via);
        assert!(seen.insert(key), "duplicate attribution {a:?}");
    }
}

/// Inverted anonymous sources the role tagger loses: "CONTENT, said NP." read as content on
/// both sides of the cue, and "CONTENT, NP said." with only the tail of the noun phrase
/// taken as the source (also when the phrase has a relative clause).
#[test]
fn inverted_anonymous_sources_are_whole() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "ORVIK, May 4 — The ambassador had been recalled for consultations, said a senior diplomat.\n\
         Negotiators are close to a deal, people close to the negotiations said.\n\
         The festival will be cancelled, two people who attended the meeting said on Monday.\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (_, a) = find(&d, "a senior diplomat", "said");
    assert!(a.anonymous.is_some());
    let content: Vec<&str> = a.content.iter().map(|s| d.span_text(*s)).collect();
    assert_eq!(
        content,
        ["The ambassador had been recalled for consultations"]
    );
    let (_, b) = find(&d, "people close to the negotiations", "said");
    assert!(b.anonymous.is_some());
    let content: Vec<&str> = b.content.iter().map(|s| d.span_text(*s)).collect();
    assert_eq!(content, ["Negotiators are close to a deal"]);
    let (_, c) = find(&d, "two people who attended the meeting", "said");
    assert!(c.anonymous.is_some());
    let content: Vec<&str> = c.content.iter().map(|s| d.span_text(*s)).collect();
    assert_eq!(content, ["The festival will be cancelled"]);
}

/// An anonymity clause with no commas ("An official who requested anonymity said …") stays
/// in the source, and its verb is no attribution, also when the role tagger took it for the
/// cue and the real cue for content.
#[test]
fn an_anonymity_clause_without_commas() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "An official who requested anonymity said the army had moved two battalions to the border.\n\
         A source who requested anonymity because the matter is confidential said the bank had frozen the accounts.\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (_, a) = find(&d, "An official who requested anonymity", "said");
    assert!(a.anonymous.is_some());
    let content: Vec<&str> = a.content.iter().map(|s| d.span_text(*s)).collect();
    assert_eq!(content, ["the army had moved two battalions to the border"]);
    let (_, b) = find(
        &d,
        "A source who requested anonymity because the matter is confidential",
        "said",
    );
    assert!(b.anonymous.is_some());
    let cues: Vec<&str> = d.attributions.iter().map(|a| text(&d, a.cue)).collect();
    assert_eq!(cues, ["said", "said"]);
}

/// The relay clause inside the source ("X, which cited Y, reported"), right after the cue
/// ("X said, quoting Y, that Z") and in a phrase before the source ("In a report that cited
/// Y, X said Z"): each gives Y an attribution via X's.
#[test]
fn relay_clauses_around_the_attribution() {
    let p = hearsay::Pipeline::load().unwrap();
    for (text, relaying, cited, relay_cue) in [
        (
            "The Post, which cited two officials, reported that the envoy had been expelled.",
            "The Post, which cited two officials,",
            "two officials",
            "cited",
        ),
        (
            "The agency said, quoting a person familiar with the talks, that a deal was close.",
            "The agency",
            "a person familiar with the talks",
            "quoting",
        ),
        (
            "In a report that cited people with knowledge of the inquiry, the Herald said the lab had been warned.",
            "the Herald",
            "people with knowledge of the inquiry",
            "cited",
        ),
    ] {
        let d = p.process_with_date(format!("{text}\n"), Some("2026-05-04"));
        let (i, _) = find(&d, relaying, "");
        let (_, inner) = find(&d, cited, relay_cue);
        assert_eq!(inner.via, Some(i as u32), "{text}");
        assert!(inner.anonymous.is_some(), "{text}");
    }
}

/// "CONTENT, said NP, who spoke on condition of anonymity." / "…, said NP, asking not to be
/// named.": the inverted source ends at the comma before the anonymity phrase; a bare "One"
/// right after an anonymous group refers back to it.
#[test]
fn inverted_sources_before_an_anonymity_phrase() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The talks collapsed on Tuesday, said a senior official, who spoke on condition of anonymity.\n\
         The bank will raise rates in March, said a person familiar with the matter, asking not to be named.\n\
         Three officials described the meeting. One said it had lasted four hours.\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (_, a) = find(&d, "a senior official", "said");
    assert!(a.anonymous.is_some());
    let content: Vec<&str> = a.content.iter().map(|s| d.span_text(*s)).collect();
    assert_eq!(content, ["The talks collapsed on Tuesday"]);
    let (_, b) = find(&d, "a person familiar with the matter", "said");
    assert!(b.anonymous.is_some());
    let (_, c) = find(&d, "Three officials", "described");
    let (_, e) = find(&d, "One", "said");
    assert!(e.anonymous.is_some());
    assert_eq!(e.speaker, c.speaker);
}

/// "X reported on Monday, citing Y, that Z": the report's cue is "reported", its content Z,
/// and Y's relayed attribution carries Z via the report (invented text).
#[test]
fn x_reported_citing_y_that_z() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The Harlow Sentinel reported on Monday, citing a person familiar with the inquiry, that inspectors had found gaps in the ledgers.\n"
            .to_string(),
        Some("2026-03-03"),
    );
    let (outer, report) = find(&d, "The Harlow Sentinel", "reported");
    let contents: Vec<&str> = report.content.iter().map(|&s| d.span_text(s)).collect();
    assert_eq!(contents, ["that inspectors had found gaps in the ledgers"]);
    let (_, relayed) = find(&d, "a person familiar with the inquiry", "citing");
    assert_eq!(relayed.via, Some(outer as u32));
    assert!(relayed.anonymous.is_some());
}

/// "X reported on Monday, citing a document and a person, that Z": one relayed attribution
/// per cited source (invented text).
#[test]
fn x_reported_citing_a_document_and_a_person_that_z() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The weekly Kapital reported on Monday, citing a confidential audit and a person familiar with the probe, that millions had passed through the branch.\n"
            .to_string(),
        Some("2026-03-03"),
    );
    let (outer, _) = find(&d, "The weekly Kapital", "reported");
    let (_, doc_relay) = find(&d, "a confidential audit", "citing");
    let (_, person) = find(&d, "a person familiar with the probe", "citing");
    assert_eq!(doc_relay.via, Some(outer as u32));
    assert_eq!(person.via, Some(outer as u32));
    assert!(person.anonymous.is_some());
}

/// "…, said a senior firefighter, who …" followed by a quotation that belongs to the next
/// "he said": the inversion still finds its source; and an age in commas after a name stays
/// in a source with a relative clause (invented text).
#[test]
fn inversions_before_a_follow_on_quotation_and_ages_in_sources() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Crews on the ridge had asked for the town to be evacuated, said a senior firefighter, who was not authorised to speak publicly. \u{201c}We asked twice,\u{201d} he said.\n\
         Marc Tellier, 58, whose house burned down, said the alert came too late.\n"
            .to_string(),
        Some("2026-08-18"),
    );
    let (_, a) = find(&d, "a senior firefighter", "said");
    assert!(a.anonymous.is_some());
    find(&d, "Marc Tellier, 58, whose house burned down,", "said");
}
