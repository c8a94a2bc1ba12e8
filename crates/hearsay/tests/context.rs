//! The context layer end to end on an invented article (written for this test): speakers
//! resolved through titles, last names, pronouns and nominals; anonymous sources with their
//! affiliation; relays; nesting; channel, addressee, resolved times; disputes.

use hearsay::doc::{Channel, Doc, EntityType};

const ARTICLE: &str = "\
BRASK, March 11 — Harbour operator Teskal Ports said on Monday that it had not cut safety inspections at its Brask terminal, rejecting a report in the Lindholm Gazette.
The Gazette reported on Sunday that Teskal had halved the number of crane inspections since January, citing a person familiar with the company's maintenance schedule.
Teskal's chief executive, Maria Olsen, told reporters in Brask that the report was \"simply wrong.\" She said inspections had increased this year.
\"We have nothing to hide,\" Olsen said.
The company said in a statement that it would publish its inspection logs.
Transport Minister Jonas Berg said on Tuesday that he had asked the port authority for an explanation. He said the authority had told him it would send inspectors next week.
The news agency Nordpress had earlier cited an unnamed official in the port authority as saying the inspections would begin on Friday.
";

fn doc() -> Doc {
    let p = hearsay::Pipeline::load().unwrap();
    p.process_with_date(ARTICLE.to_string(), Some("2026-03-11"))
}

/// The attribution with this source text and a cue containing `cue`.
fn find<'d>(d: &'d Doc, source: &str, cue: &str) -> (usize, &'d hearsay::doc::Attribution) {
    d.attributions
        .iter()
        .enumerate()
        .find(|(_, a)| {
            a.source.is_some_and(|s| d.span_text(s) == source)
                && a.cue.is_some_and(|c| d.span_text(c).contains(cue))
        })
        .unwrap_or_else(|| panic!("no attribution ({source}, {cue})"))
}

/// The document's disputes as (by, target) attribution indices.
fn dispute_pairs(d: &Doc) -> Vec<(usize, usize)> {
    d.disputes
        .iter()
        .map(|x| (x.by as usize, x.target as usize))
        .collect()
}

/// The entity of the first mention whose text is `text`.
fn mention_entity(d: &Doc, text: &str) -> Option<u32> {
    d.mentions
        .iter()
        .find(|m| d.span_text(m.span) == text)
        .map(|m| m.entity)
}

fn speaker(d: &Doc, source: &str, cue: &str) -> String {
    let (_, a) = find(d, source, cue);
    let e = a
        .speaker
        .unwrap_or_else(|| panic!("({source}, {cue}) has no speaker"));
    d.span_text(d.entities[e as usize].name).to_string()
}

#[test]
fn speakers_are_resolved_through_titles_names_pronouns_and_nominals() {
    let d = doc();
    assert_eq!(
        speaker(&d, "Teskal's chief executive, Maria Olsen,", "told"),
        "Maria Olsen"
    );
    assert_eq!(speaker(&d, "She", "said"), "Maria Olsen");
    assert_eq!(speaker(&d, "Olsen", "said"), "Maria Olsen");
    assert_eq!(speaker(&d, "He", "said"), "Jonas Berg");
    assert_eq!(speaker(&d, "The Gazette", "reported"), "Lindholm Gazette");
    // Organisations stay organisations: "the company" is the port operator, not the dateline.
    assert_eq!(speaker(&d, "The company", "said"), "Teskal Ports");
    let (_, a) = find(&d, "The company", "said");
    assert_eq!(
        d.entities[a.speaker.unwrap() as usize].etype,
        EntityType::Organization
    );
    let (_, g) = find(&d, "The Gazette", "reported");
    assert_eq!(
        d.entities[g.speaker.unwrap() as usize].etype,
        EntityType::Media
    );
}

#[test]
fn anonymous_sources_relays_and_nesting() {
    let d = doc();
    let (report, _) = find(&d, "The Gazette", "reported");
    let (_, inner) = find(
        &d,
        "a person familiar with the company's maintenance schedule",
        "citing",
    );
    assert!(inner.anonymous.is_some());
    assert_eq!(
        inner.via,
        Some(report as u32),
        "the cited person is relayed by the report"
    );
    assert_eq!(inner.content, d.attributions[report].content);

    let (agency, _) = find(&d, "The news agency Nordpress", "cited");
    let (_, official) = find(&d, "an unnamed official in the port authority", "as saying");
    assert_eq!(official.via, Some(agency as u32));
    let anon = official.anonymous.expect("anonymous");
    let aff = anon
        .affiliation
        .expect("affiliated with the port authority");
    assert!(d
        .span_text(d.entities[aff as usize].name)
        .contains("authority"));

    // "He said the authority had told him …": the inner speech act is nested, told to "him".
    let (he, _) = find(&d, "He", "said");
    let (_, told) = find(&d, "the authority", "told");
    assert_eq!(told.parent, Some(he as u32));
    assert_eq!(told.addressee.map(|s| d.span_text(s)), Some("him"));
    // Named speakers are not anonymous.
    assert!(find(&d, "Olsen", "said").1.anonymous.is_none());
}

#[test]
fn channel_addressee_and_time() {
    let d = doc();
    let (_, olsen) = find(&d, "Teskal's chief executive, Maria Olsen,", "told");
    assert_eq!(olsen.channel, Some(Channel::Briefing));
    assert_eq!(olsen.addressee.map(|s| d.span_text(s)), Some("reporters"));
    assert_eq!(
        find(&d, "The company", "said").1.channel,
        Some(Channel::Statement)
    );
    assert_eq!(
        find(&d, "The Gazette", "reported").1.channel,
        Some(Channel::Report)
    );

    // The article is dated Wednesday 2026-03-11.
    let when = |source: &str, cue: &str| {
        let t = find(&d, source, cue).1.time.expect("a time");
        (
            d.span_text(t.span).to_string(),
            t.date.map(|x| x.to_string()),
        )
    };
    assert_eq!(
        when("Harbour operator Teskal Ports", "said"),
        ("on Monday".into(), Some("2026-03-09".into()))
    );
    assert_eq!(
        when("The Gazette", "reported"),
        ("on Sunday".into(), Some("2026-03-08".into()))
    );
    assert_eq!(
        when("Transport Minister Jonas Berg", "said"),
        ("on Tuesday".into(), Some("2026-03-10".into()))
    );
    assert_eq!(
        when("The news agency Nordpress", "cited"),
        ("earlier".into(), None)
    );
}

#[test]
fn denials_dispute_the_report() {
    let d = doc();
    let (report, _) = find(&d, "The Gazette", "reported");
    let (olsen, _) = find(&d, "Teskal's chief executive, Maria Olsen,", "told");
    assert!(
        d.disputes
            .iter()
            .any(|x| x.by as usize == olsen && x.target as usize == report),
        "\"the report was simply wrong\" disputes the Gazette: {:?}",
        d.disputes
    );
    let x = d
        .disputes
        .iter()
        .find(|x| x.by as usize == olsen && x.target as usize == report)
        .unwrap();
    assert_eq!(x.basis, hearsay::doc::DisputeBasis::Rebuttal);
    // Nobody disputes the minister's request.
    let (berg, _) = find(&d, "Transport Minister Jonas Berg", "said");
    assert!(d.disputes.iter().all(|x| x.target as usize != berg));
}

/// Two people who share a surname stay two people, and a title inside a tagged name ("Police
/// Commissioner Anna Kowal") leaves a person, not an organisation (invented text).
#[test]
fn shared_surnames_and_titles_inside_names() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "BRENNA, Oct 12 — Two police officers were suspended on Monday, according to an internal memo.\n\
         The memo, signed by Police Commissioner Anna Kowal, says the officers failed to secure the scene.\n\
         The family of the victim, 19-year-old cyclist Tomas Eder, said they had been told nothing for three days. \"We learned from the newspaper that our son had died,\" his mother, Irena Eder, told reporters.\n\
         Kowal rejected that. She said in a statement that \"no one is above the rules.\"\n"
            .to_string(),
        Some("2026-10-12"),
    );
    assert_eq!(speaker(&d, "his mother, Irena Eder,", "told"), "Irena Eder");
    assert_eq!(speaker(&d, "Kowal", "rejected"), "Anna Kowal");
    let (_, a) = find(&d, "Kowal", "rejected");
    assert_eq!(
        d.entities[a.speaker.unwrap() as usize].etype,
        EntityType::Person
    );
    assert_eq!(speaker(&d, "She", "said in a statement"), "Anna Kowal");
}

/// Entity typing and merging (invented text): an organisation named in full and later by its
/// first word is one entity even when the tagger calls the short form a person; a newspaper
/// named like a person is media; a safety agency is an organisation, a news agency media;
/// "the national weather agency" is not the safety agency met before.
#[test]
fn outlets_agencies_and_short_company_names() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "HOLMBY, April 3 — Battery maker Kestrel Systems denied on Thursday that it had hidden fire reports, calling an article in the Varna Tribune \u{201c}wrong.\u{201d}\n\
         The Tribune reported that the company had logged 40 incidents.\n\
         Kestrel said in a statement that the figures were false. It said the tests were routine.\n\
         The safety agency said it had asked for documents. Its director, Tomas Lindgren, told reporters the inquiry was open.\n\
         The national weather agency said rain would continue.\n\
         The news agency Nordpress reported that the company would recall 2,000 batteries.\n"
            .to_string(),
        Some("2026-04-03"),
    );
    let etype = |source: &str, cue: &str| {
        let (_, a) = find(&d, source, cue);
        d.entities[a.speaker.unwrap() as usize].etype
    };
    assert_eq!(
        speaker(&d, "Kestrel", "said in a statement"),
        "Kestrel Systems"
    );
    assert_eq!(speaker(&d, "It", "said"), "Kestrel Systems");
    assert_eq!(etype("The Tribune", "reported"), EntityType::Media);
    assert_eq!(speaker(&d, "The Tribune", "reported"), "Varna Tribune");
    assert_eq!(etype("The safety agency", "said"), EntityType::Organization);
    assert_eq!(
        speaker(&d, "The national weather agency", "said"),
        "national weather agency"
    );
    assert_eq!(
        etype("The national weather agency", "said"),
        EntityType::Organization
    );
    assert_eq!(
        etype("The news agency Nordpress", "reported"),
        EntityType::Media
    );
}

/// A phrase's head is a noun, not its determiner or a demonym, even where the parse hangs
/// every word of the source on the verb (invented text).
#[test]
fn outlet_heads_survive_broken_parses() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "MARLOW, Dec 3 — The newspaper Dagsposten reported on Tuesday that rescue boats had waited more than an hour for permission to enter the town, citing two firefighters who took part in the operation.\n\
         The Dravonian news agency DNA had earlier cited a military source as saying the drone had been \u{201c}close enough to photograph the barracks.\u{201d}\n"
            .to_string(),
        Some("2026-12-03"),
    );
    let (_, a) = find(&d, "The newspaper Dagsposten", "reported");
    assert_eq!(
        speaker(&d, "The newspaper Dagsposten", "reported"),
        "Dagsposten"
    );
    assert_eq!(
        d.entities[a.speaker.unwrap() as usize].etype,
        EntityType::Media
    );
    let (_, a) = find(&d, "The Dravonian news agency DNA", "cited");
    assert_eq!(speaker(&d, "The Dravonian news agency DNA", "cited"), "DNA");
    assert_eq!(
        d.entities[a.speaker.unwrap() as usize].etype,
        EntityType::Media
    );
}

/// A lawyer's denial disputes the prosecutors' claim about the client: "His lawyer" puts her
/// on the client's side, and the client's plea is no claim to dispute (invented text).
#[test]
fn a_lawyer_disputes_the_charge_not_the_plea() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "VESTA, May 2 — Prosecutors say Paul Ramos destroyed the port files in March.\n\
         Ramos has pleaded not guilty.\n\
         His lawyer, Nina Ortiz, denied on Friday that her client had destroyed anything.\n"
            .to_string(),
        Some("2026-05-02"),
    );
    let (charge, _) = find(&d, "Prosecutors", "say");
    let (denial, _) = find(&d, "His lawyer, Nina Ortiz,", "denied");
    assert_eq!(dispute_pairs(&d), [(denial, charge)]);
}

/// A denial in the lead answers the accusation the body lays out next, even when a later
/// paragraph shares more words with it (invented text).
#[test]
fn a_lead_denial_disputes_the_first_claim_of_the_body() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "HARLEN, June 4 — The mining company Feldtal denied on Monday that its tailings dam had leaked.\n\
         Environmental group RiverWatch said on Sunday that water samples taken below the site showed copper at ten times the legal limit.\n\
         Governor Ilse Brandt said the dam would be inspected for leaks next week.\n"
            .to_string(),
        Some("2026-06-04"),
    );
    let (denial, _) = find(&d, "The mining company Feldtal", "denied");
    let (claim, _) = find(&d, "Environmental group RiverWatch", "said");
    assert_eq!(dispute_pairs(&d), [(denial, claim)]);
}

/// A denial verb whose object is a reported claim disputes that claim, nested inside the
/// denial, not the outlet that carried some other story (invented text).
#[test]
fn a_dismissed_report_is_the_claim_nested_in_the_dismissal() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "LORN, Oct 3 — The Lorn Courier reported on Tuesday that the club would sell its stadium.\n\
         Captain Ivo Marsh told reporters the squad was united. He dismissed as “nonsense” a report that several players had complained about the training schedule.\n"
            .to_string(),
        Some("2026-10-03"),
    );
    let (dismissal, _) = find(&d, "He", "dismissed");
    let (nested, inner) = find(&d, "several players", "complained");
    assert_eq!(inner.parent, Some(dismissal as u32));
    assert!(
        dispute_pairs(&d).contains(&(dismissal, nested)),
        "{:?}",
        dispute_pairs(&d)
    );
}

/// A denial that names the source of a claim nested in the other side's account disputes
/// that nested claim ("no supervisor" answers what "a supervisor had told" them), not the
/// account around it (invented text).
#[test]
fn a_denial_naming_a_nested_source_disputes_the_nested_claim() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "OSTRA, Feb 9 — A former driver at the haulier Brandt Freight said drivers had been pushed to skip rest breaks.\n\
         He said a supervisor had told the night shift that the breaks were “optional in December.”\n\
         Brandt Freight rejected that account. It said no supervisor had given any such instruction.\n"
            .to_string(),
        Some("2026-02-09"),
    );
    let (denial, _) = find(&d, "It", "said");
    let (nested, _) = find(&d, "a supervisor", "told");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(denial, nested)), "{pairs:?}");
}

/// A denial that takes up the head noun of the other side's source ("called the study
/// “absurd”" after "A study published on Monday found …") disputes that source's claim,
/// though the two share no other word (invented text).
#[test]
fn a_denial_naming_the_source_noun_disputes_its_claim() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "TESSING, Jan 12 — A study published on Monday in the Ardenian Medical Review found that nine patients had suffered kidney damage during the trials.\n\
         The drug maker Calvex said it would review its records.\n\
         Its chief executive, Oskar Lind, called the study “absurd.”\n"
            .to_string(),
        Some("2026-01-12"),
    );
    let (study, _) = find(
        &d,
        "A study published on Monday in the Ardenian Medical Review",
        "found",
    );
    let (denial, _) = find(&d, "Its chief executive, Oskar Lind,", "called");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(denial, study)), "{pairs:?}");
}

/// Unnamed sources the anonymity rules must recognise (invented sentences, one document
/// each): a place name after a preposition or before the role noun is not the source's name, a head the tagger or
/// parser gets wrong, "those familiar with", a partitive with no antecedent, "a number of",
/// and, with an anonymity clause, a noun whose person sense is not its first or that WordNet
/// lacks, and "staff".
#[test]
fn more_anonymous_descriptors() {
    let p = hearsay::Pipeline::load().unwrap();
    for (text, source, descriptor) in [
        (
            "A diplomat in Sarn told reporters that the embassy had been ordered to reduce its staff.",
            "A diplomat in Sarn",
            "A diplomat in Sarn",
        ),
        (
            "An official speaking on background said the president had not been informed.",
            "An official speaking on background",
            "An official",
        ),
        (
            "Those familiar with the talks say a deal is unlikely before the summer.",
            "Those familiar with the talks",
            "Those familiar with the talks",
        ),
        (
            "Three pilots have left the airline. One of the pilots, who asked not to be identified, said the warning light had come on twice.",
            "One of the pilots, who asked not to be identified,",
            "One of the pilots",
        ),
        (
            "A regulator who asked not to be named said the airline had been warned.",
            "A regulator who asked not to be named",
            "A regulator",
        ),
        (
            "BRILL, Aug 29 — The festival's headline act demanded twice the agreed fee a week before the show, a person close to the organisers said.",
            "a person close to the organisers",
            "a person close to the organisers",
        ),
        (
            "A co-author of the papers, who asked not to be named, said the images had been reused.",
            "A co-author of the papers, who asked not to be named,",
            "A co-author of the papers",
        ),
        (
            "\"We were lucky,\" one Nordair pilot said.",
            "one Nordair pilot",
            "one Nordair pilot",
        ),
        (
            "A number of officials said the plan had been shelved.",
            "A number of officials",
            "A number of officials",
        ),
        (
            "Hospital staff, who spoke on condition of anonymity, said the ward had been closed.",
            "Hospital staff, who spoke on condition of anonymity,",
            "Hospital staff",
        ),
        // Sources after the cue or after a quotation, with a relative clause.
        (
            "The border crossing will reopen on Monday, said officials in Varna.",
            "officials in Varna",
            "officials in Varna",
        ),
        (
            "“We are not for sale,” said a senior executive.",
            "a senior executive",
            "a senior executive",
        ),
        (
            "The ferry line will refund every ticket, said a spokesman who declined to be named.",
            "a spokesman who declined to be named",
            "a spokesman",
        ),
        (
            "“The dam could give way at any moment,” an engineer at the site warned.",
            "an engineer at the site",
            "an engineer at the site",
        ),
        // Counted plurals.
        (
            "At least three employees said the safety logs had been rewritten.",
            "At least three employees",
            "At least three employees",
        ),
        // A company name before the role noun, with an anonymity clause.
        (
            "A Keldan Rail manager, who asked not to be identified, said the upgrade had been postponed.",
            "A Keldan Rail manager, who asked not to be identified,",
            "A Keldan Rail manager",
        ),
        (
            "Temporary workers, who did not want their names printed, said they were paid in cash.",
            "Temporary workers, who did not want their names printed,",
            "Temporary workers",
        ),
        (
            "The agency cited one of the officials involved as saying the border would stay shut.",
            "one of the officials involved",
            "one of the officials involved",
        ),
        // An opening time phrase is no part of the source; a relative clause is.
        (
            "OSKEL, May 10 — Last month, two people close to the club said the coach would be sacked.",
            "two people close to the club",
            "two people close to the club",
        ),
        (
            "On Monday, a person who reviewed the document said it ran to 300 pages.",
            "a person who reviewed the document",
            "a person",
        ),
        (
            "A geologist who worked at the mine until last year, and who asked not to be named, said ore grades had been rounded down.",
            "A geologist who worked at the mine until last year, and who asked not to be named,",
            "A geologist",
        ),
        // Participial and other anonymity phrases between the source and its cue.
        (
            "Dozens of soldiers, speaking on condition of anonymity, said they had not been paid since March.",
            "Dozens of soldiers, speaking on condition of anonymity,",
            "Dozens of soldiers",
        ),
        (
            "An engineer, whose name is being withheld to protect her job, said the cracks had been reported in May.",
            "An engineer, whose name is being withheld to protect her job,",
            "An engineer",
        ),
        (
            "Two officials, neither of whom was authorised to comment, said the talks had stalled.",
            "Two officials, neither of whom was authorised to comment,",
            "Two officials",
        ),
        // A source that starts inside an opening prepositional phrase.
        (
            "In an email seen by the Harrow Sentinel, a senior manager told staff that bonuses would be suspended.",
            "a senior manager",
            "a senior manager",
        ),
        // A parenthetical cue.
        (
            "The audit, said two officials at the ministry, relied on receipts from a smelter.",
            "two officials at the ministry",
            "two officials at the ministry",
        ),
        // Passive agents: "was told by", "was quoted by … as saying".
        (
            "The Courier was also told by a person in the city's finance department that the plan had been dropped.",
            "a person in the city's finance department",
            "a person in the city's finance department",
        ),
        (
            "A senior manager at the plant was quoted by the daily Morvan Post as saying that the line would move abroad.",
            "A senior manager at the plant",
            "A senior manager at the plant",
        ),
    ] {
        let d = p.process_with_date(format!("{text}\n"), Some("2026-05-04"));
        let (_, a) = find(&d, source, "");
        let anon = a
            .anonymous
            .unwrap_or_else(|| panic!("{source:?} is not anonymous"));
        assert_eq!(d.span_text(anon.descriptor), descriptor);
    }
}

/// "Brenn said someone in the ministry had told him …": the nested source keeps its head
/// ("someone", not "the ministry") and is anonymous; "The engineer …" after "Two engineers"
/// refers back to them.
#[test]
fn nested_someone_and_singular_back_references() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Tomas Brenn said someone in the ministry had told him the report would be buried.\n\
         Two engineers at the mine said the dam was unsafe. The engineer who raised the alarm said the company had ignored her.\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (_, a) = find(&d, "someone in the ministry", "told");
    assert!(a.anonymous.is_some());
    assert!(a.parent.is_some());
    let (_, b) = find(&d, "Two engineers at the mine", "said");
    let (_, c) = find(&d, "The engineer who raised the alarm", "said");
    assert!(c.anonymous.is_some());
    assert_eq!(c.speaker, b.speaker);
}

/// Urging, instructing and demanding inside someone's content are speech acts of their own,
/// nested in it (invented text).
#[test]
fn urged_instructed_and_demanded_inside_content_are_nested() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "One of the trustees said several deans had urged the president to step aside.\n\
         The minister said the coast guard had instructed the crews to stay in port.\n\
         The mayor said the regulator had demanded that the plant close.\n"
            .to_string(),
        Some("2026-10-15"),
    );
    let (outer, _) = find(&d, "One of the trustees", "said");
    let (_, urged) = find(&d, "several deans", "urged");
    assert_eq!(urged.parent, Some(outer as u32));
    let (outer, _) = find(&d, "The minister", "said");
    let (_, instructed) = find(&d, "the coast guard", "instructed");
    assert_eq!(instructed.parent, Some(outer as u32));
    let (outer, _) = find(&d, "The mayor", "said");
    let (_, demanded) = find(&d, "the regulator", "demanded");
    assert_eq!(demanded.parent, Some(outer as u32));
}

/// A source named in an appositive right after it is not anonymous, even when the appositive
/// lies outside the source span (invented text).
#[test]
fn a_source_named_right_after_it_is_not_anonymous() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "According to a diplomat, Marek Olt, the talks had collapsed on Sunday.\n".to_string(),
        Some("2026-05-12"),
    );
    let (_, a) = find(&d, "a diplomat", "According to");
    assert!(a.anonymous.is_none());
}

/// "The Eastvale Evening Star" is an outlet and "Hollenby Athletic" a club; and "One of the
/// club's stewards" is no back-reference to an earlier "person familiar with the review"
/// (invented text).
#[test]
fn outlets_clubs_and_partitives_of_another_group() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "EASTVALE, Oct 9 — Hollenby Athletic denied that exit gates had been locked.\n\
         The Eastvale Evening Star reported that four gates were chained shut, citing a person familiar with the review.\n\
         One of the club's stewards, speaking anonymously, said the drill had been chaos.\n"
            .to_string(),
        Some("2026-10-09"),
    );
    let etype = |source: &str, cue: &str| {
        let (_, a) = find(&d, source, cue);
        d.entities[a.speaker.expect("a speaker") as usize].etype
    };
    assert_eq!(
        etype("Hollenby Athletic", "denied"),
        EntityType::Organization
    );
    assert_eq!(
        etype("The Eastvale Evening Star", "reported"),
        EntityType::Media
    );
    let (_, cited) = find(&d, "a person familiar with the review", "citing");
    let (_, steward) = find(
        &d,
        "One of the club's stewards, speaking anonymously,",
        "said",
    );
    assert!(steward.anonymous.is_some());
    assert_ne!(cited.speaker, steward.speaker);
}

/// A characterisation in quotation marks of someone's claim disputes it, whatever its words,
/// and the possessor names whose claim it is (invented text).
#[test]
fn a_characterisation_disputes_the_possessors_claim() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "HAVNSTAD, Nov 19 — The daily Havnstad Posten reported that the deputy speaker had claimed rent for a flat she rarely used.\n\
         The Assembly's auditors said they would review the claims.\n\
         Her spokesman, Erik Dahl, called the Posten's story “a hit job dressed up as journalism.”\n"
            .to_string(),
        Some("2026-11-19"),
    );
    let (report, _) = find(&d, "The daily Havnstad Posten", "reported");
    let (call, _) = find(&d, "Her spokesman, Erik Dahl,", "called");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(call, report)), "{pairs:?}");
    let x = d
        .disputes
        .iter()
        .find(|x| (x.by as usize, x.target as usize) == (call, report))
        .unwrap();
    assert_eq!(x.basis, hearsay::doc::DisputeBasis::Characterisation);
    // The public record names the signal and how often such disputes were right.
    let rec = hearsay::record::doc_out("x", &d);
    let out = rec
        .disputes
        .iter()
        .find(|o| (o.by, o.target) == (call + 1, report + 1))
        .unwrap();
    assert_eq!(out.basis, "characterisation");
    assert!(out.confidence > 0.5 && out.confidence <= 1.0);
}

/// After a dateline the parse can lose a lead's subject; the noun phrase between the dash and
/// the cue, without its time phrase, is the source (invented text).
#[test]
fn a_lead_source_after_a_dateline() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "HALBECK, June 25 — Halbeck police on Thursday denied that the officer had switched off his camera.\n"
            .to_string(),
        Some("2026-06-25"),
    );
    find(&d, "Halbeck police", "denied");
}

/// Names the entity tagger runs together with a role or an affiliation: "Labour Minister
/// Josef Brenner" is a person, and "Dr Nadia Rahm of Tessing University" is Nadia Rahm, whom
/// a later "Rahm" names (invented text).
#[test]
fn roles_and_affiliations_inside_tagged_names() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Labour Minister Josef Brenner wrote on social media that both sides belonged back at the table.\n\
         Its lead author, Dr Nadia Rahm of Tessing University, told the paper the gap was too large. Rahm said her team had compared the filings.\n"
            .to_string(),
        Some("2026-11-12"),
    );
    assert_eq!(
        speaker(&d, "Labour Minister Josef Brenner", "wrote"),
        "Josef Brenner"
    );
    let (_, minister) = find(&d, "Labour Minister Josef Brenner", "wrote");
    assert_eq!(
        d.entities[minister.speaker.unwrap() as usize].etype,
        EntityType::Person
    );
    let (_, first) = find(
        &d,
        "Its lead author, Dr Nadia Rahm of Tessing University,",
        "told",
    );
    let (_, later) = find(&d, "Rahm", "said");
    assert_eq!(first.speaker, later.speaker);
}

/// A passive "told by" inside someone's content is a nested attribution whose source is the
/// agent; outside, the passive subject is the one told (invented text).
#[test]
fn passive_told_by_nested_and_its_addressee() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "A clerk who asked that his name not be used said he had queried two claims and had been told by a senior official to \u{201c}let them through.\u{201d}\n\
         The Courier was also told by a person in the finance department that the plan had been dropped.\n"
            .to_string(),
        Some("2026-11-19"),
    );
    let (outer, _) = find(&d, "A clerk who asked that his name not be used", "said");
    let (_, nested) = find(&d, "a senior official", "told");
    assert_eq!(nested.parent, Some(outer as u32));
    assert!(nested.anonymous.is_some());
    let (_, courier) = find(&d, "a person in the finance department", "told");
    assert_eq!(
        courier.addressee.map(|s| d.span_text(s)),
        Some("The Courier")
    );
}

/// Recipients the extractor leaves at the head of the content or behind a time phrase, a
/// meeting or rally as the audience, a published study as a report, and an interview that
/// goes on after someone else has spoken (an invented article).
#[test]
fn recipients_audiences_published_studies_and_interviews_that_go_on() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "HALDEN, May 4 — Rail workers' leader Tove Strand told the Halden Post on Sunday that the night shift had been cut without notice.\n\
         Operator Nordlinje said the change had been agreed with the union in March. Strand said no such agreement had ever been signed.\n\
         A survey published on Monday by the Institute of Transport Studies found that delays had doubled since the cut.\n\
         Nordlinje's chief executive, Erik Vang, told a rally at the depot gates that the night shift would return in June.\n\
         A supervisor said managers had asked the drivers to keep quiet about the cuts.\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (_, strand) = find(&d, "Rail workers' leader Tove Strand", "told");
    assert_eq!(
        strand.addressee.map(|s| d.span_text(s)),
        Some("the Halden Post")
    );
    assert_eq!(strand.channel, Some(Channel::Interview));
    // The same interview, though the operator spoke in between.
    assert_eq!(
        find(&d, "Strand", "said").1.channel,
        Some(Channel::Interview)
    );
    let (_, survey) = find(
        &d,
        "A survey published on Monday by the Institute of Transport Studies",
        "found",
    );
    assert_eq!(survey.channel, Some(Channel::Report));
    let (_, vang) = find(&d, "Nordlinje's chief executive, Erik Vang,", "told");
    assert_eq!(vang.channel, Some(Channel::Briefing));
    let (_, asked) = find(&d, "managers", "asked");
    assert_eq!(asked.addressee.map(|s| d.span_text(s)), Some("the drivers"));
}

/// "X reported on Friday, citing Y, that Z" where the extractor split Y from "that Z" and
/// gave the report's verb a stray content of its own: the report says Z, and each cited
/// source says Z via the report (an invented article).
#[test]
fn a_report_citing_sources_before_its_that_clause() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "SKARVIK, June 2 — The weekly Norder Tidende reported on Friday, citing internal memos, that the ferry operator had cut crews on the night route.\n\
         The business daily Kapstad Finans reported on Thursday, citing two board members and an internal audit, that the airline had delayed safety checks.\n"
            .to_string(),
        Some("2026-06-02"),
    );
    let content = |a: &hearsay::doc::Attribution| {
        a.content
            .iter()
            .map(|s| d.span_text(*s))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (tidende, report) = find(&d, "The weekly Norder Tidende", "reported");
    assert_eq!(
        content(report),
        "that the ferry operator had cut crews on the night route"
    );
    let (_, memos) = find(&d, "internal memos", "citing");
    assert_eq!(memos.via, Some(tidende as u32));
    assert_eq!(content(memos), content(report));
    let (finans, report) = find(&d, "The business daily Kapstad Finans", "reported");
    assert_eq!(
        content(report),
        "that the airline had delayed safety checks"
    );
    for cited in ["two board members", "an internal audit"] {
        assert_eq!(
            find(&d, cited, "citing").1.via,
            Some(finans as u32),
            "{cited}"
        );
    }
    // No attribution is left with the stray pieces as its content.
    assert!(d
        .attributions
        .iter()
        .all(|a| !matches!(content(a).as_str(), "Friday" | "The business daily")));
}

/// Times: a relayed source speaks when the report says (the report carries the time); a
/// time after the recipient belongs to the speech act, also when the extractor read the
/// recipient into the content; the dateline's date is the article's, not the speech act's;
/// and "X reported on Wednesday, citing Y, that Z" read as one attribution with the relay
/// word as its cue is the report (an invented article dated Friday 2026-10-09).
#[test]
fn times_of_relays_recipients_and_datelines() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "LUNDE, Oct. 9 — Club chairman Piet Arvo told reporters at the club's training ground on Thursday that the gates had been closed, not locked.\n\
         The league said the club had asked the league last month to move the kick-off.\n\
         The weekly Norder Tidende reported on Wednesday, citing a council inspection report, that four exit gates were chained shut.\n"
            .to_string(),
        Some("2026-10-09"),
    );
    let when = |a: &hearsay::doc::Attribution| {
        a.time.map(|t| {
            (
                d.span_text(t.span).to_string(),
                t.date.map(|x| x.to_string()),
            )
        })
    };
    let (_, arvo) = find(&d, "Club chairman Piet Arvo", "told");
    assert_eq!(
        when(arvo),
        Some(("on Thursday".into(), Some("2026-10-08".into())))
    );
    let (_, asked) = find(&d, "the club", "asked");
    assert_eq!(asked.addressee.map(|s| d.span_text(s)), Some("the league"));
    let t = asked
        .time
        .expect("a time for 'had asked the league last month'");
    assert_eq!(d.span_text(t.span), "last month");
    assert_eq!(
        t.range.map(|(a, b)| (a.to_string(), b.to_string())),
        Some(("2026-09-01".into(), "2026-09-30".into()))
    );
    let (report, tidende) = find(&d, "The weekly Norder Tidende", "reported");
    assert_eq!(
        when(tidende),
        Some(("on Wednesday".into(), Some("2026-10-07".into())))
    );
    let (_, cited) = find(&d, "a council inspection report", "citing");
    assert_eq!(cited.via, Some(report as u32));
    assert_eq!(when(cited), None);
}

/// Outlets named with a company-like word ("Capital") or introduced by an appositive, and
/// companies whose names end in an organisation word the tagger reads as a surname (an
/// invented article).
#[test]
fn outlets_and_companies_get_their_types() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "TOLLAN, Aug. 6 — The business daily Ardenia Capital reported on Tuesday that the ferry had sailed with a faulty radar.\n\
         The Tessaly Voice, a local newspaper, reported that the crew had complained twice.\n\
         Skerrin Ferries said the radar had been fully operational.\n\
         A former navy commander, Admiral Pavel Nestor, wrote in a newspaper column that the route was unsafe.\n"
            .to_string(),
        Some("2026-08-06"),
    );
    let etype = |source: &str, cue: &str| {
        let (_, a) = find(&d, source, cue);
        d.entities[a.speaker.expect("a speaker") as usize].etype
    };
    assert_eq!(
        etype("The business daily Ardenia Capital", "reported"),
        EntityType::Media
    );
    assert_eq!(
        etype("The Tessaly Voice, a local newspaper,", "reported"),
        EntityType::Media
    );
    assert_eq!(etype("Skerrin Ferries", "said"), EntityType::Organization);
    assert_eq!(
        etype("A former navy commander, Admiral Pavel Nestor,", "wrote"),
        EntityType::Person
    );
}

/// Footage that "shows" something is a document; a crew or a family that speaks is a group
/// (an invented article).
#[test]
fn footage_and_crews_get_their_types() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The footage showed that the officer had raised his weapon first.\n\
         The crew said the radar had failed twice in July.\n\
         The family said they had not been told of the delay.\n"
            .to_string(),
        Some("2026-08-06"),
    );
    let etype = |source: &str, cue: &str| {
        let (_, a) = find(&d, source, cue);
        d.entities[a.speaker.expect("a speaker") as usize].etype
    };
    assert_eq!(etype("The footage", "showed"), EntityType::Document);
    assert_eq!(etype("The crew", "said"), EntityType::Group);
    assert_eq!(etype("The family", "said"), EntityType::Group);
}

/// A last name opening a paragraph that the tagger reads as a plural noun ("Ilves said")
/// is still the person named earlier (an invented article).
#[test]
fn a_paragraph_opening_last_name_is_the_person_named_before() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "BRISK, March 3 — Former supervisor Marta Ilves told the Aldmoor Tribune that engine checks had been skipped.\n\
         The airline denied the claim.\n\
         Ilves said she had raised the problem with her manager in November.\n"
            .to_string(),
        Some("2026-03-03"),
    );
    assert_eq!(speaker(&d, "Ilves", "said"), "Marta Ilves");
    assert_eq!(
        speaker(&d, "Former supervisor Marta Ilves", "told"),
        "Marta Ilves"
    );
}

/// An instruction or warning reported in the passive without its giver ("they had been told
/// to …") is a nested attribution with no source, its cue keeping the auxiliaries; a
/// document named on the way is its source; inside a relay it is nested in the relayed
/// attribution (an invented article).
#[test]
fn agentless_passives_inside_contents() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Three midwives said they had been told to \u{201c}start thinking about where you want to go.\u{201d}\n\
         The official said the ministry had been warned in an audit last year that a third of the sirens needed replacing.\n\
         The Courier quoted a senior midwife as saying staff had been told at a meeting last week to \u{201c}start thinking about where you want to go.\u{201d}\n"
            .to_string(),
        Some("2026-03-03"),
    );
    let (midwives, _) = find(&d, "Three midwives", "said");
    let told: Vec<_> = d
        .attributions
        .iter()
        .filter(|a| a.source.is_none() && a.cue.is_some_and(|c| d.span_text(c) == "had been told"))
        .collect();
    assert_eq!(told.len(), 2, "{:?}", d.attributions);
    assert_eq!(told[0].parent, Some(midwives as u32));
    assert_eq!(
        d.span_text(told[0].content[0]),
        "to \u{201c}start thinking about where you want to go.\u{201d}"
    );
    let (official, _) = find(&d, "The official", "said");
    let (_, warned) = find(&d, "an audit last year", "had been warned");
    assert_eq!(warned.parent, Some(official as u32));
    assert_eq!(
        warned.addressee.map(|s| d.span_text(s)),
        Some("the ministry")
    );
    let (relayed, _) = find(&d, "a senior midwife", "as saying");
    assert_eq!(told[1].parent, Some(relayed as u32));
}

/// A recipient the extractor split off as a content piece of its own ("had assured | shop
/// stewards | that …"), also with a phrase before the that-clause (an invented article).
#[test]
fn a_recipient_split_off_as_its_own_content_piece() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The union said managers had assured shop stewards that the van would stay.\n".to_string(),
        Some("2026-03-03"),
    );
    let (_, assured) = find(&d, "managers", "had assured");
    assert_eq!(
        assured.addressee.map(|s| d.span_text(s)),
        Some("shop stewards")
    );
}

/// "The Examiner was told on Tuesday by a senior executive … that …": a passive with its
/// agent that the cue tagger misses is still an attribution, the agent its (anonymous)
/// source and the passive subject its addressee (an invented article).
#[test]
fn a_passive_told_by_that_the_cue_tagger_missed() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The Examiner was told on Tuesday by a senior executive at Corvane that the company had hired outside auditors to review the hangar's records.\n"
            .to_string(),
        Some("2026-03-05"),
    );
    let (_, told) = find(&d, "a senior executive at Corvane", "was told");
    assert!(told.anonymous.is_some());
    assert_eq!(told.addressee.map(|s| d.span_text(s)), Some("The Examiner"));
    assert_eq!(
        d.span_text(told.content[0]),
        "that the company had hired outside auditors to review the hangar's records"
    );
}

/// ", a statistician there said," after the clause it reports, missed by the cue tagger
/// (which read the clause's own verb as the cue): the inverted source speaks the clause
/// (an invented article).
#[test]
fn an_inverted_said_the_cue_tagger_missed() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The statistics office does not publish that category separately, a statistician there said, speaking on condition of anonymity because staff are barred from commenting during campaigns.\n"
            .to_string(),
        Some("2026-05-11"),
    );
    let (_, said) = find(&d, "a statistician there", "said");
    assert!(said.anonymous.is_some());
    assert_eq!(
        d.span_text(said.content[0]),
        "The statistics office does not publish that category separately"
    );
    // The clause's own verb is not an attribution of its own.
    assert!(d
        .attributions
        .iter()
        .all(|a| a.cue.is_none_or(|c| d.span_text(c) != "does not publish")));
}

/// A participle after a closing quotation mark whose comma sits inside it ("required,”
/// disputing …") shares the lead's source, also when that source was repaired after the
/// dateline (an invented article).
#[test]
fn a_participle_after_a_quoted_comma_shares_the_source() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "BRASK, May 2 \u{2014} The harbour agency said on Thursday that the sirens had sounded \u{201c}exactly when the protocol required,\u{201d} disputing residents\u{2019} accounts that the warning came only after the water had reached their doors.\n"
            .to_string(),
        Some("2026-05-02"),
    );
    assert_eq!(
        speaker(&d, "The harbour agency", "disputing"),
        "harbour agency"
    );
}

/// A speech act coordinated inside a report of the speaker's own ("she had summoned the
/// ambassador, Jonas Berglund, … and told him …") is the speaker's, not the named addressee's;
/// a denial whose shared words all lie in that nested claim disputes it (invented text).
#[test]
fn a_coordinated_nested_speech_act_keeps_its_speaker_and_is_what_a_denial_answers() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Dravonia’s foreign minister, Irena Kalm, spoke to reporters in Velsk on Wednesday.\n\
         She said she had summoned Kestria’s ambassador, Jonas Berglund, on Tuesday and told him the arrest of the fishermen was “an act of kidnapping dressed up as policing.”\n\
         Kestria’s interior ministry said the fishermen were in good health.\n\
         It dismissed the kidnapping charge as “a stunt for the cameras.”\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (said, _) = find(&d, "She", "said");
    let (told, a) = find(&d, "she", "told");
    assert_eq!(a.parent, Some(said as u32));
    assert_eq!(a.speaker, d.attributions[said].speaker, "Kalm told him");
    let (dismissed, _) = find(&d, "It", "dismissed");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(dismissed, told)), "{pairs:?}");
}

/// A bare "rejected that" answers the claim just before it, not the same speaker's first one;
/// a characterisation of "that claim" that shares no word with any claim answers the closest
/// earlier claim by someone else (invented text).
#[test]
fn anaphoric_denials_answer_the_claim_they_point_back_to() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The Harbour Times reported on Monday that the city had paid 2 million crowns for a ferry it never used.\n\
         The city’s finance office said in a statement that every payment had been approved by the council.\n\
         It said it had warned the mayor about the ferry contract in 2024.\n\
         Mayor Olaf Brenn rejected that.\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (warned, _) = find(&d, "It", "said");
    let (rejected, _) = find(&d, "Mayor Olaf Brenn", "rejected");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(rejected, warned)), "{pairs:?}");

    let d = p.process_with_date(
        "The Northern Courier reported that the audit office had finished its draft in March.\n\
         The ministry called that claim “absurd.”\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (report, _) = find(&d, "The Northern Courier", "reported");
    let (called, _) = find(&d, "The ministry", "called");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(called, report)), "{pairs:?}");
}

/// Negation inside a speech act nested in someone's account is the nested speaker's, not a
/// denial by the one giving the account (invented text).
#[test]
fn a_negation_inside_a_nested_claim_is_not_the_reporters_denial() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The Norvex team said on Monday that a team doctor had given its riders only vitamin pills.\n\
         One rider told the sports daily Piste that the team doctor had told riders the pills were “nothing to worry about.”\n"
            .to_string(),
        Some("2026-05-04"),
    );
    let (rider, _) = find(&d, "One rider", "told");
    find(&d, "the team doctor", "had told");
    let pairs = dispute_pairs(&d);
    assert!(pairs.iter().all(|&(by, _)| by != rider), "{pairs:?}");
}

/// Once a speaker disputes a report, their next claim on the same matter disputes it too; the
/// same claim made after many other speakers have spoken is no answer to it (invented text).
#[test]
fn a_side_rebuttal_answers_what_was_said_shortly_before() {
    let p = hearsay::Pipeline::load().unwrap();
    let lead = "The Coastal Herald reported on Monday that the ferry operator had skipped safety drills on its night crossings.\n\
                The operator, Nordlys Lines, denied that any drill had been skipped.\n";
    let claim =
        "Nordlys Lines said its captains had logged every safety drill on the night crossings.\n";
    let others = "The harbour master said the port would stay open through the winter.\n\
                  A passenger group said ticket prices had risen by a third.\n\
                  The mayor said the new terminal would open in April.\n\
                  The coast guard said two rescue boats had been repaired.\n\
                  The weather office said storms would ease by Friday.\n\
                  The tourism board said visitor numbers were at a record.\n\
                  The transport minister said the subsidy would continue.\n\
                  An insurer said premiums for ferries would stay the same.\n\
                  The dockworkers' union said its members would vote on a new contract.\n";
    let near = p.process_with_date(format!("{lead}{claim}{others}"), Some("2026-05-04"));
    let (report, _) = find(&near, "The Coastal Herald", "reported");
    let (logged, _) = find(&near, "Nordlys Lines", "said");
    let pairs = dispute_pairs(&near);
    assert!(pairs.contains(&(logged, report)), "{pairs:?}");
    let far = p.process_with_date(format!("{lead}{others}{claim}"), Some("2026-05-04"));
    let (report, _) = find(&far, "The Coastal Herald", "reported");
    let (logged, _) = find(&far, "Nordlys Lines", "said");
    let pairs = dispute_pairs(&far);
    assert!(!pairs.contains(&(logged, report)), "{pairs:?}");
}

/// A merely negated claim, or a rebuttal phrase, disputes a report made shortly before it,
/// not one made many speakers earlier (invented text).
#[test]
fn a_negated_claim_or_rebuttal_answers_what_was_said_shortly_before() {
    let p = hearsay::Pipeline::load().unwrap();
    let lead = "The Coastal Herald reported on Monday that the ferry's radar had failed on three night crossings.\n";
    let others = "The harbour master said the port would stay open through the winter.\n\
                  A passenger group said ticket prices had risen by a third.\n\
                  The mayor said the new terminal would open in April.\n\
                  The coast guard said two rescue boats had been repaired.\n\
                  The weather office said storms would ease by Friday.\n\
                  The tourism board said visitor numbers were at a record.\n\
                  The transport minister said the subsidy would continue.\n\
                  An insurer said premiums for ferries would stay the same.\n\
                  The dockworkers' union said its members would vote on a new contract.\n";
    let source = "The ship's captain, Ola Brekke,";
    for claim in [
        "The ship's captain, Ola Brekke, said the radar had not failed on any night crossing.\n",
        "The ship's captain, Ola Brekke, said the story about the radar was “simply untrue.”\n",
    ] {
        let near = p.process_with_date(format!("{lead}{claim}{others}"), Some("2026-05-04"));
        let (report, _) = find(&near, "The Coastal Herald", "reported");
        let (denial, _) = find(&near, source, "said");
        let pairs = dispute_pairs(&near);
        assert!(pairs.contains(&(denial, report)), "{claim}: {pairs:?}");
        let far = p.process_with_date(format!("{lead}{others}{claim}"), Some("2026-05-04"));
        let (report, _) = find(&far, "The Coastal Herald", "reported");
        let (denial, _) = find(&far, source, "said");
        let pairs = dispute_pairs(&far);
        assert!(!pairs.contains(&(denial, report)), "{claim}: {pairs:?}");
    }
}

/// A denial in the lead answers the accusation the body lays out next, even when the two
/// share no word (invented text).
#[test]
fn a_lead_denial_sharing_no_word_answers_the_body_claim() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "LORNE, June 2 — Halden Foods on Tuesday called a former supervisor’s story “a work of fiction.”\n\
         Per Aasen, who ran the night shift at the company’s Lorne plant until April, told the Lorne Courier that cleaning logs had been filled in for machines nobody had touched.\n\
         He said managers had known about it for months.\n"
            .to_string(),
        Some("2026-06-02"),
    );
    let (called, _) = find(&d, "Halden Foods", "called");
    let (told, _) = find(
        &d,
        "Per Aasen, who ran the night shift at the company’s Lorne plant until April,",
        "told",
    );
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(called, told)), "{pairs:?}");
}

/// A body named with a plural possessive is one organisation, whatever way the name tagger
/// split it ("Metalworkers’" + "Federation", "Nurses'" + an untagged "Association"); behind
/// a singular possessive the role is the speaker, not its owner (invented text).
#[test]
fn plural_possessive_bodies_are_one_name() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "SELLIN, Nov 12 — Workers walked out on Thursday.\n\
         The Morvanian Metalworkers\u{2019} Federation says the plant will close. The Aircraft Engineers\u{2019} Union said it would strike.\n\
         The Nurses' Association said wards were short of staff. Halvik\u{2019}s chief executive said the talks would go on.\n\
         The federation said it would meet the ministry.\n"
            .to_string(),
        Some("2026-11-12"),
    );
    let fed = speaker(&d, "The Morvanian Metalworkers\u{2019} Federation", "says");
    assert_eq!(fed, "Morvanian Metalworkers\u{2019} Federation");
    assert_eq!(
        speaker(&d, "The Aircraft Engineers\u{2019} Union", "said"),
        "Aircraft Engineers\u{2019} Union"
    );
    assert_eq!(
        speaker(&d, "The Nurses' Association", "said"),
        "Nurses' Association"
    );
    for (source, cue) in [
        ("The Morvanian Metalworkers\u{2019} Federation", "says"),
        ("The Aircraft Engineers\u{2019} Union", "said"),
        ("The Nurses' Association", "said"),
    ] {
        let (_, a) = find(&d, source, cue);
        assert_eq!(
            d.entities[a.speaker.unwrap() as usize].etype,
            EntityType::Organization,
            "{source}"
        );
    }
    // The nominal finds the whole name.
    assert_eq!(speaker(&d, "The federation", "said"), fed);
    // A singular possessive owns the role: the speaker is the chief executive, not Halvik.
    let (_, ceo) = find(&d, "Halvik\u{2019}s chief executive", "said");
    let e = &d.entities[ceo.speaker.unwrap() as usize];
    assert_eq!(e.etype, EntityType::Person);
    assert_ne!(d.span_text(e.name), "Halvik");
    // No name runs over a singular possessive.
    assert!(d
        .names
        .iter()
        .all(|n| !d.span_text(n.span).contains("Halvik\u{2019}s")));
}

/// A source the role tagger began after a possessive gets its possessor back, after a
/// dateline too (invented text).
#[test]
fn a_source_keeps_its_possessor() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "SELLIN, Nov 12 \u{2014} The Morvanian Metalworkers\u{2019} Federation says the plant will close.\n"
            .to_string(),
        Some("2026-11-12"),
    );
    assert_eq!(
        speaker(&d, "The Morvanian Metalworkers\u{2019} Federation", "says"),
        "Morvanian Metalworkers\u{2019} Federation"
    );
}

/// A one-word name in a headline is the person the body names in full ("Dahl" → "Henrik
/// Dahl"), not an organisation of its own; a surname company in the body stays apart from a
/// person of that name (invented text).
#[test]
fn headline_names_join_the_people_named_below() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Dahl: Sirens Worked, Agency Log Will Prove It, Says Marlow Mayor\n\
         MARLOW, Oct 3 \u{2014} Mayor Henrik Dahl said on Sunday that the town's flood sirens had sounded on time.\n\
         The valve was made by Kranz Engineering. Its managing director, Felix Kranz, said the part had passed every test.\n"
            .to_string(),
        Some("2026-10-03"),
    );
    let dahl = mention_entity(&d, "Dahl").unwrap_or_else(|| panic!("no mention Dahl"));
    assert_eq!(d.span_text(d.entities[dahl as usize].name), "Henrik Dahl");
    assert_eq!(d.entities[dahl as usize].etype, EntityType::Person);
    assert_eq!(
        speaker(&d, "Its managing director, Felix Kranz,", "said"),
        "Felix Kranz"
    );
    let kranz = d
        .entities
        .iter()
        .position(|e| d.span_text(e.name) == "Felix Kranz")
        .unwrap();
    assert!(d
        .mentions
        .iter()
        .filter(|m| d.span_text(m.span).contains("Kranz Engineering"))
        .all(|m| m.entity as usize != kranz));
}

/// A lone first name is the one person named in full with it ("Anna" → "Anna Berg"), and
/// nobody's when two people share it (invented text).
#[test]
fn a_first_name_alone_is_the_one_person_with_it() {
    let p = hearsay::Pipeline::load().unwrap();
    let one = p.process_with_date(
        "Chief executive Anna Berg said on Monday that the plant would stay open.\n\
         Workers cheered when Anna arrived at the gate. Berg said the order book was full.\n"
            .to_string(),
        Some("2026-10-03"),
    );
    let entity_of = |d: &Doc, text: &str| {
        mention_entity(d, text).map(|e| d.span_text(d.entities[e as usize].name).to_string())
    };
    assert_eq!(entity_of(&one, "Anna").as_deref(), Some("Anna Berg"));
    let two = p.process_with_date(
        "Chief executive Anna Berg said on Monday that the plant would stay open. Union leader Anna Lind said it would not.\n\
         Workers cheered when Anna arrived at the gate.\n"
            .to_string(),
        Some("2026-10-03"),
    );
    let anna = entity_of(&two, "Anna");
    assert!(
        anna.as_deref() != Some("Anna Berg") && anna.as_deref() != Some("Anna Lind"),
        "{anna:?}"
    );
}

/// Sources the taggers used to break (invented text): a surname with an adverb's ending
/// ("Tom Eberly" was "Tom" and an adverb), a name with a Portuguese particle ("Correio do
/// Planalto", whose "do" was a verb), and a speaker described by a relative clause whose
/// object the role tagger took for the source ("… that brought the case said").
#[test]
fn sources_the_taggers_used_to_break() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Tom Eberly, 71, who has lived in Pine Hollow since 1979, told the Cascade Wire that he had packed only his heart medication.\n\
         The Brazilian newspaper Correio do Planalto reported on Wednesday that the minister had been referring to a conversation.\n\
         Lawyers for the residents\u{2019} group that brought the case said the ruling should make councils more careful.\n"
            .to_string(),
        Some("2026-06-03"),
    );
    assert_eq!(
        speaker(
            &d,
            "Tom Eberly, 71, who has lived in Pine Hollow since 1979,",
            "told"
        ),
        "Tom Eberly"
    );
    assert_eq!(
        speaker(
            &d,
            "The Brazilian newspaper Correio do Planalto",
            "reported"
        ),
        "Correio do Planalto"
    );
    find(
        &d,
        "Lawyers for the residents\u{2019} group that brought the case",
        "said",
    );
}

/// "posted on social media:" is a cue, with the platform in it, even where the cue tagger
/// misses it; where the tagger finds "wrote" before "on Instagram", that stays (invented
/// text).
#[test]
fn posts_on_platforms_are_cues() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Councillor Brian Fenn voted against the plan. Fenn later posted on social media: \u{201c}Come and see the libraries before they close.\u{201d}\n\
         The singer Delphine Arcenault, 38, wrote on Instagram on Sunday that she would not settle.\n"
            .to_string(),
        Some("2026-06-03"),
    );
    let (_, a) = find(&d, "Fenn", "posted on social media");
    assert_eq!(d.span_text(a.cue.unwrap()), "posted on social media");
    assert!(d
        .span_text(a.content[0])
        .contains("Come and see the libraries before they close"));
    let (_, b) = find(&d, "The singer Delphine Arcenault, 38,", "wrote");
    assert!(d.span_text(b.content[0]).contains("she would not settle"));
}

/// A rebuttal phrase ("no idea") disputes a claim it shares two content words with ("rowers",
/// "pills") even when most of its words differ (invented text).
#[test]
fn a_rebuttal_sharing_two_words_disputes_the_claim() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "BRASK, May 5 — The daily Kvellposten reported on Monday that coaches had handed at least three junior rowers sleeping pills before a regatta in Lorn last month.\n\
         The rowing federation’s doctor, Ines Hald, said she had “no idea” who could have supplied the rowers with such pills.\n"
            .to_string(),
        Some("2026-05-05"),
    );
    let (report, _) = find(&d, "The daily Kvellposten", "reported");
    let (rebuttal, _) = find(&d, "The rowing federation’s doctor, Ines Hald,", "said");
    assert_eq!(dispute_pairs(&d), [(rebuttal, report)]);
}

/// A body named with a plural possessive and mentioned before it speaks ("would meet the
/// Ardenian Midwives’ Association", where the name tagger called "Association" a date) is
/// the organisation a later "The association said" refers to (invented text).
#[test]
fn a_possessive_body_named_in_passing_is_the_later_nominal() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "KELBY, Feb. 3 — Orvell General Hospital will close its maternity ward, a draft plan shows.\n\
         The hospital’s director said she would meet the Ardenian Midwives\u{2019} Association next week.\n\
         The association said 412 babies were born on the ward last year.\n"
            .to_string(),
        Some("2026-02-03"),
    );
    assert_eq!(
        speaker(&d, "The association", "said"),
        "Ardenian Midwives\u{2019} Association"
    );
}

/// A common noun stands for an organisation whose name has a word it means: "the union" is
/// the Metalworkers' Federation, "the airline" Corvane Airways, even when another
/// organisation spoke in between (invented text).
#[test]
fn a_nominal_finds_the_name_it_stands_for() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "BRISK, Jan. 9 — Corvane Airways grounded four aircraft on Friday.\n\
         The Morvanian Metalworkers\u{2019} Federation said its members at the hangar would strike.\n\
         The Civil Aviation Authority said it had opened an inquiry.\n\
         The union said the strike would begin on Monday.\n\
         The airline said flights would run as planned.\n"
            .to_string(),
        Some("2026-01-09"),
    );
    assert_eq!(
        speaker(&d, "The union", "said"),
        "Morvanian Metalworkers\u{2019} Federation"
    );
    assert_eq!(speaker(&d, "The airline", "said"), "Corvane Airways");
}

/// "The board" is the board named as such, or a board of its own, not the latest
/// organisation named before it (invented text).
#[test]
fn the_board_is_not_the_latest_organisation() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "ORVIK, March 3 — The Ardenian Medicines Agency said on Monday that it had opened an inquiry into Verimed Pharma’s liver trial.\n\
         A senior Verimed executive, speaking on condition of anonymity, said the board expected to publish the full data next month.\n\
         The board said it had “nothing to hide.”\n"
            .to_string(),
        Some("2026-03-03"),
    );
    assert_ne!(
        speaker(&d, "The board", "said"),
        "Ardenian Medicines Agency"
    );
}

/// "The utility" is the company whose name says what it supplies (Osterlund Water), not the
/// residents' group that spoke last, whose description mentions water (invented text).
#[test]
fn the_utility_is_the_water_company() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "OSTERLUND, May 2 — Osterlund Water said lead levels were safe.\n\
         Clean Taps Osterlund, a residents’ group that tested water from 86 homes, said the levels were far higher.\n\
         The utility rejected that account.\n"
            .to_string(),
        Some("2026-05-02"),
    );
    assert_eq!(speaker(&d, "The utility", "rejected"), "Osterlund Water");
}

/// A document a newspaper cites with an indefinite article ("citing a confidential council
/// inspection report") is a document of its own, not the newspaper (invented text).
#[test]
fn a_cited_report_is_a_document_not_the_outlet() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "EASTVALE, Oct. 9 — The Eastvale Evening Star reported on Wednesday, citing a confidential council inspection report, that four exit gates had been chained shut.\n\
         The club said the gates had been open.\n"
            .to_string(),
        Some("2026-10-09"),
    );
    let (_, cited) = find(&d, "a confidential council inspection report", "citing");
    let e = &d.entities[cited.speaker.unwrap() as usize];
    assert_eq!(e.etype, EntityType::Document);
    assert_eq!(
        speaker(&d, "The Eastvale Evening Star", "reported"),
        "Eastvale Evening Star"
    );
}

/// "their union" said before any union is named is no company named earlier (invented
/// text).
#[test]
fn a_union_is_not_the_latest_company() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "SELLIN, Nov. 12 — Workers at Halvik Automotive’s plant walked out on Thursday, and their union said the company had lied to them.\n\
         The company said no decision had been taken.\n"
            .to_string(),
        Some("2026-11-12"),
    );
    assert_ne!(speaker(&d, "their union", "said"), "Halvik Automotive");
    assert_eq!(speaker(&d, "The company", "said"), "Halvik Automotive");
}

/// A one-word name opening a paragraph, where the tagger took it for an adjective, is the
/// organisation of that name mentioned before ("the waste operator Norclean, …" …
/// "Norclean denied …") (invented text).
#[test]
fn a_one_word_name_found_again_is_one_entity() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The mayor said the city would not renew its contract with Norclean, which she accused of missing collections.\n\
         Norclean denied the accusation.\n"
            .to_string(),
        None,
    );
    let named: Vec<_> = d
        .entities
        .iter()
        .filter(|e| d.span_text(e.name) == "Norclean")
        .collect();
    assert_eq!(named.len(), 1, "{:?}", d.entities);
}

/// "denied the accusation" disputes the claim made with "accused", not the speaker's first
/// claim; a rebuttal of "the mayor's figures" disputes the mayor (invented text).
#[test]
fn a_denial_names_the_speech_act_it_denies() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "HALDEN, March 3 — The mayor of Halden, Sofia Brekke, said on Monday that the city would end its contract with the waste operator Norclean, which she accused of missing collections for months.\n\
         Norclean denied the accusation. In a statement, the company said its trucks had completed 98 percent of scheduled rounds and that the mayor's figures were \"simply wrong.\"\n"
            .to_string(),
        Some("2026-03-03"),
    );
    let (first, _) = find(&d, "The mayor of Halden, Sofia Brekke,", "said");
    let (accused, _) = find(&d, "she", "accused");
    let (denial, _) = find(&d, "Norclean", "denied");
    let (rebuttal, _) = find(&d, "the company", "said");
    assert_eq!(
        dispute_pairs(&d),
        [(denial, accused), (rebuttal, first)],
        "{:?}",
        d.disputes
    );
}

/// A year inside a relative clause describing the source ("Dray, who joined … in 2024, told
/// …") is not when the speech act happened; "on Monday" after the cue is (invented text).
#[test]
fn a_date_in_the_sources_relative_clause_is_no_speech_time() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Dray, who joined from Halsey Town in 2024, told the Lundeby Echo he had learned of his dismissal from a text message.\n\
         Webb, who joined in 2023, said on Monday that he had not been approached.\n"
            .to_string(),
        Some("2026-04-14"),
    );
    let (_, told) = find(&d, "Dray, who joined from Halsey Town in 2024,", "told");
    assert_eq!(told.time, None);
    let (_, said) = find(&d, "Webb, who joined in 2023,", "said");
    let t = said.time.expect("a time");
    assert_eq!(d.span_text(t.span), "on Monday");
}

/// "dismissed that as “nonsense”": the object before "as" is an anaphor, so the denial
/// answers the claim just made about the denier (invented text).
#[test]
fn dismissed_that_as_nonsense_answers_the_claim_before() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "A source close to the club's owners said the board had lost confidence in Dray weeks ago and had already approached his assistant, Carl Webb, about taking over.\n\
         Webb dismissed that as \"nonsense.\"\n"
            .to_string(),
        None,
    );
    let (claim, _) = find(&d, "A source close to the club's owners", "said");
    let (denial, _) = find(&d, "Webb", "dismissed");
    assert_eq!(dispute_pairs(&d), [(denial, claim)]);
}

/// "the Lundeby Echo" is an outlet by its name, so telling it is an interview (invented
/// text).
#[test]
fn an_echo_is_a_newspaper() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Paul Dray told the Lundeby Echo he had learned of his dismissal from a text message.\n"
            .to_string(),
        None,
    );
    let (_, a) = find(&d, "Paul Dray", "told");
    assert_eq!(a.channel, Some(Channel::Interview));
    let echo = d
        .entities
        .iter()
        .find(|e| d.span_text(e.name) == "Lundeby Echo")
        .expect("the outlet");
    assert_eq!(echo.etype, EntityType::Media);
}

/// "the online outlet Velmora Today" is one outlet, not the dateline's town and a date, and
/// "The opposition Green Alliance" an organisation that "Its leader" belongs to (invented
/// text).
#[test]
fn names_ending_in_today_and_alliance() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "VELMORA, Jan. 20 (Nordpress) — The ministry rejected a report on Tuesday.\n\
         The report, published on Monday by the online outlet Velmora Today, said a memo told managers to stop.\n\
         The opposition Green Alliance demanded an inquiry. Its leader, Silja Ots, said voters had a right to know.\n"
            .to_string(),
        Some("2026-01-20"),
    );
    let (_, report) = find(
        &d,
        "The report, published on Monday by the online outlet Velmora Today,",
        "said",
    );
    let e = &d.entities[report.speaker.unwrap() as usize];
    assert_eq!(d.span_text(e.name), "Velmora Today");
    assert_eq!(e.etype, EntityType::Media);
    let (k, alliance) = d
        .entities
        .iter()
        .enumerate()
        .find(|(_, e)| d.span_text(e.name) == "Green Alliance")
        .expect("the party");
    assert_eq!(alliance.etype, EntityType::Organization);
    assert!(d
        .mentions
        .iter()
        .any(|m| m.entity == k as u32 && d.span_text(m.span) == "Its"));
}

/// "a ministry spokeswoman" belongs to the ministry named before: her affiliation, and her
/// "never" is the ministry's side against the report, not a dispute with the ministry
/// (invented text).
#[test]
fn a_premodifier_gives_an_unnamed_source_its_affiliation() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The health ministry on Tuesday rejected a report that it had ordered hospitals to stop publishing waiting-list figures.\n\
         The report, published on Monday by the online outlet Velmora Today, said a ministry memo had told hospital managers to pause all external reporting.\n\
         \"The ministry has never told any hospital what it may publish,\" a ministry spokeswoman said.\n"
            .to_string(),
        Some("2026-01-20"),
    );
    let (ministry, _) = find(&d, "The health ministry", "rejected");
    let (spokeswoman, a) = find(&d, "a ministry spokeswoman", "said");
    let aff = a
        .anonymous
        .and_then(|an| an.affiliation)
        .expect("an affiliation");
    assert_eq!(Some(aff), d.attributions[ministry].speaker);
    assert!(
        !dispute_pairs(&d).contains(&(spokeswoman, ministry)),
        "{:?}",
        d.disputes
    );
}

/// "The dockers' union, Kastro Harbour Workers," is an organisation (its "it" and "Its
/// secretary" follow), and "disputes that figure" answers the union's claim with the number
/// in it, not its first claim (invented text).
#[test]
fn an_appositive_union_and_a_disputed_figure() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The dockers' union, Kastro Harbour Workers, said it had warned about the state of the quay for years.\n\
         According to the union, about 400 dockers will be laid off. The authority disputes that figure.\n"
            .to_string(),
        Some("2026-05-02"),
    );
    assert_eq!(
        speaker(&d, "The dockers' union, Kastro Harbour Workers,", "said"),
        "Kastro Harbour Workers"
    );
    let (_, said) = find(&d, "The dockers' union, Kastro Harbour Workers,", "said");
    assert_eq!(
        d.entities[said.speaker.unwrap() as usize].etype,
        EntityType::Organization
    );
    let (figure, _) = find(&d, "the union", "According to");
    let (denial, _) = find(&d, "The authority", "disputes");
    assert_eq!(dispute_pairs(&d), [(denial, figure)]);
}

/// "According to the indictment" cites a document, not an organisation (invented text).
#[test]
fn an_indictment_is_a_document() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "According to the indictment, the scheme inflated the company's share price by about 30 percent.\n"
            .to_string(),
        None,
    );
    let (_, a) = find(&d, "the indictment", "According to");
    assert_eq!(
        d.entities[a.speaker.unwrap() as usize].etype,
        EntityType::Document
    );
}

/// "Two of Norland's biggest grocers, Fenmark and Sollo," are named in the appositive, so
/// they are no anonymous source; "a government official, speaking to Nordpress on condition
/// of anonymity," is (invented text).
#[test]
fn sources_named_in_an_appositive_are_not_anonymous() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Two of Norland's biggest grocers, Fenmark and Sollo, said on Wednesday that they would stop selling eggs from caged hens by 2028.\n\
         A government official, speaking to Nordpress on condition of anonymity, said the ministry would not object.\n"
            .to_string(),
        Some("2026-02-11"),
    );
    let (_, grocers) = find(
        &d,
        "Two of Norland's biggest grocers, Fenmark and Sollo,",
        "said",
    );
    assert!(grocers.anonymous.is_none());
    let (_, official) = find(
        &d,
        "A government official, speaking to Nordpress on condition of anonymity,",
        "said",
    );
    assert!(official.anonymous.is_some());
}

/// "police spokesman Arne Holt" speaks for "Police": once the police reject the imam's
/// criticism, Holt's account of the letters disputes it too (invented text).
#[test]
fn a_title_naming_an_organisation_puts_the_person_on_its_side() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The men will appear in court on Wednesday, police spokesman Arne Holt told a news conference.\n\
         The mosque's imam, Yusuf Demir, said worshippers had received threatening letters for months and had reported them to police, who he said \"did nothing.\"\n\
         Police rejected that criticism. Holt said every letter had been investigated and that none had contained a specific threat.\n"
            .to_string(),
        Some("2026-07-08"),
    );
    let (criticism, _) = find(&d, "The mosque's imam, Yusuf Demir,", "said");
    let (letters, _) = find(&d, "Holt", "said");
    assert!(
        dispute_pairs(&d).contains(&(letters, criticism)),
        "{:?}",
        d.disputes
    );
}

/// "The report, commissioned by the regulator Ofwat Norland," is a document, and "The
/// regulator" later is Ofwat Norland, an organisation; "challenged by two former managers,
/// who told …": the relative "who" is the same two managers, not "by two former managers"
/// (invented text).
#[test]
fn a_commissioned_report_its_regulator_and_a_relative_after_by() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The report, commissioned by the regulator Ofwat Norland, said Aqualis recorded 1,200 spills in 2025.\n\
         The regulator said it would decide on penalties by December.\n\
         Aqualis chairman Bo Lindqvist said the board had not known about the underreporting. That account was challenged by two former managers, who told the Post they had raised the issue in 2024.\n"
            .to_string(),
        Some("2026-09-30"),
    );
    let (_, report) = find(
        &d,
        "The report, commissioned by the regulator Ofwat Norland,",
        "said",
    );
    assert_eq!(
        d.entities[report.speaker.unwrap() as usize].etype,
        EntityType::Document
    );
    assert_eq!(speaker(&d, "The regulator", "said"), "Ofwat Norland");
    let (_, regulator) = find(&d, "The regulator", "said");
    assert_eq!(
        d.entities[regulator.speaker.unwrap() as usize].etype,
        EntityType::Organization
    );
    assert_eq!(speaker(&d, "who", "told"), "two former managers");
}

/// "That account was challenged by two former managers": a challenge disputes the account
/// just given (invented text).
#[test]
fn a_challenged_account_is_disputed() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Aqualis chairman Bo Lindqvist said the board had learned of the spills in August. That account was challenged by two former managers, who told the Post they had raised the issue in 2024.\n"
            .to_string(),
        Some("2026-09-30"),
    );
    let (account, _) = find(&d, "Aqualis chairman Bo Lindqvist", "said");
    let (challenge, _) = find(&d, "two former managers", "was challenged");
    assert!(
        dispute_pairs(&d).contains(&(challenge, account)),
        "{:?}",
        d.disputes
    );
}

/// "Her rival, councillor Marta Villa," is Marta Villa; "A spokesman for the regional
/// council, Dario Fontana," is a person, not the council; "the builder, Strada Nova," is an
/// organisation (invented text).
#[test]
fn appositives_after_titles_and_prepositions() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Incumbent mayor Paola Greco said the project had been sabotaged. Her rival, councillor Marta Villa, said Greco had ignored engineers' warnings.\n\
         Villa told reporters the builder, Strada Nova, had never built a tram line. Strada Nova said in a statement that it had completed dozens of projects.\n\
         A spokesman for the regional council, Dario Fontana, said the council had approved every request.\n"
            .to_string(),
        Some("2026-03-19"),
    );
    assert_eq!(
        speaker(&d, "Her rival, councillor Marta Villa,", "said"),
        "Marta Villa"
    );
    let (_, fontana) = find(
        &d,
        "A spokesman for the regional council, Dario Fontana,",
        "said",
    );
    assert_eq!(
        d.entities[fontana.speaker.unwrap() as usize].etype,
        EntityType::Person
    );
    let (_, strada) = find(&d, "Strada Nova", "said in a statement");
    assert_eq!(
        d.entities[strada.speaker.unwrap() as usize].etype,
        EntityType::Organization
    );
}

/// A negated claim in the body ("had never built a tram line") answers what came before it,
/// not the builder's reply after it; the reply's "rejected" disputes it (invented text).
#[test]
fn a_negation_in_the_body_does_not_answer_what_follows() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "RIVA, March 19 — Two candidates for mayor traded accusations on Thursday over a stalled tram project.\n\
         Councillor Marta Villa told reporters the builder, Strada Nova, had never built a tram line. Strada Nova said in a statement that it had completed dozens of complex urban projects and rejected what it called electoral attacks.\n"
            .to_string(),
        Some("2026-03-19"),
    );
    let (villa, _) = find(&d, "Councillor Marta Villa", "told");
    let pairs = dispute_pairs(&d);
    assert!(pairs.iter().all(|&(by, _)| by != villa), "{pairs:?}");
}

/// "Its agriculture minister" after a country is the country's minister: the pronoun is the
/// country, not the health agency named before, so the union that contradicts the minister
/// does not take the agency for his side (invented text).
#[test]
fn its_minister_belongs_to_the_country() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "GENEVA, Nov. 2 — The World Health Organization warned on Monday that a new strain of avian flu had spread to dairy cattle in at least four countries.\n\
         Officials in Morvania, one of the affected countries, have said little. Its agriculture minister, Jan Petrov, told state television on Sunday that the outbreak was \"under control\" and that no farm workers had fallen ill.\n\
         That claim was contradicted by a veterinary union, which said at least three workers at a farm near Dresk had been treated in hospital with flu symptoms last week.\n"
            .to_string(),
        Some("2026-11-02"),
    );
    let its = d
        .mentions
        .iter()
        .find(|m| d.span_text(m.span) == "Its")
        .expect("a mention for Its");
    assert_eq!(
        d.span_text(d.entities[its.entity as usize].name),
        "Morvania"
    );
    let (minister, _) = find(&d, "Its agriculture minister, Jan Petrov,", "told");
    let (denial, _) = find(&d, "a veterinary union", "was contradicted");
    let (which, _) = find(&d, "which", "said");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(denial, minister)), "{pairs:?}");
    assert!(pairs.contains(&(which, minister)), "{pairs:?}");
}

/// "denied a report … that his client had asked to leave": the request nested in the
/// denial's object is what it denies (invented text).
#[test]
fn a_denied_request_is_the_target() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Maddox's agent, Sam Okoye, denied a report in the Daily Mirror that his client had asked to leave.\n"
            .to_string(),
        Some("2026-08-12"),
    );
    let (denial, _) = find(&d, "Maddox's agent, Sam Okoye,", "denied");
    let (request, _) = find(&d, "his client", "had asked");
    assert_eq!(dispute_pairs(&d), [(denial, request)]);
}

/// "The bank's statement added …" is a statement, a document of the bank's, and "The bank"
/// afterwards is the central bank, not the statement (invented text).
#[test]
fn a_statement_as_source_is_a_document_and_a_channel() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The central bank of Osland held its main interest rate on Wednesday but signalled that cuts could come later in the year.\n\
         The bank's statement added that price pressures in services \"remain stubborn.\"\n\
         The bank declined to comment on the board's vote.\n"
            .to_string(),
        Some("2026-06-17"),
    );
    let (_, st) = find(&d, "The bank's statement", "added");
    assert_eq!(
        d.entities[st.speaker.unwrap() as usize].etype,
        EntityType::Document
    );
    assert_eq!(st.channel, Some(Channel::Statement));
    assert_eq!(
        speaker(&d, "The bank", "declined"),
        "central bank of Osland"
    );
}

/// "A group of 40 scientists has accused Norvik …" is a group speaking in its own name, not
/// an anonymous source, and "Norvik rejected the claims" answers the accusation (invented
/// text).
#[test]
fn rejected_claims_answer_an_accusation_by_a_group() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "A group of 40 scientists has accused chemical maker Norvik of hiding evidence that a weedkiller it sells harms bees.\n\
         \"The company has known for five years,\" said Professor Hanne Berg of Kelda University, one of the signatories.\n\
         Norvik rejected the claims as \"baseless.\"\n"
            .to_string(),
        Some("2026-04-02"),
    );
    let (accused, a) = find(&d, "A group of 40 scientists", "has accused");
    assert!(a.anonymous.is_none());
    let (rejected, _) = find(&d, "Norvik", "rejected");
    assert_eq!(dispute_pairs(&d), [(rejected, accused)]);
}

/// "Norvik rejected the claims. In an emailed statement, a spokesman said …": the bare
/// spokesman is Norvik's (invented text).
#[test]
fn a_bare_spokesman_belongs_to_the_organisation_that_just_spoke() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Norvik rejected the claims as \"baseless.\" In an emailed statement, a spokesman said the trials had been \"inconclusive.\"\n"
            .to_string(),
        None,
    );
    let (rejected, _) = find(&d, "Norvik", "rejected");
    let (_, a) = find(&d, "a spokesman", "said");
    assert_eq!(
        a.anonymous.and_then(|an| an.affiliation),
        d.attributions[rejected].speaker
    );
}

/// "a claim his rivals called “pure invention”": his rivals are the other side, not his
/// allies, so the characterisation disputes him; so does "Krell was “inventing enemies”"
/// (invented text).
#[test]
fn rivals_are_the_other_side() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "VARDO, Jan. 15 — President Anton Krell said on Twitter on Sunday that the opposition had \"paid protesters\" to block the capital's main bridge, a claim his rivals called \"pure invention.\"\n\
         Opposition leader Sara Mohn told the newspaper Vardo Dagblad that Krell was \"inventing enemies\" to distract from rising prices.\n"
            .to_string(),
        Some("2026-01-15"),
    );
    let (claim, _) = find(&d, "President Anton Krell", "said on Twitter");
    let (rivals, _) = find(&d, "his rivals", "called");
    let (mohn, _) = find(&d, "Opposition leader Sara Mohn", "told");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(rivals, claim)), "{pairs:?}");
    assert!(pairs.contains(&(mohn, claim)), "{pairs:?}");
}

/// "The local council leader, Anne Whitcombe, said she had written …": *Anne* is a woman's
/// name, though the coreference table once read it as a man's, so *she* is Whitcombe and not
/// the anonymous person quoted before her (invented text).
#[test]
fn she_after_a_womans_name() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "A person close to the company, who asked not to be identified, said talks had taken place \"but nothing was ever signed.\"\n\
         The local council leader, Anne Whitcombe, said she had written to the Fenwicks. She told BBC Radio Brackley that the council would oppose any planning application.\n"
            .to_string(),
        None,
    );
    assert_eq!(speaker(&d, "She", "told"), "Anne Whitcombe");
}

/// "according to a complaint published on the agency's website": a complaint is a document,
/// not the agency, so "The agency said" is not the complaint; and "Valdis E3 and E5" names
/// no place called "and" (invented text).
#[test]
fn a_complaint_is_a_document() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "The recall covers Valdis E3 and E5 models built between June 2024 and March 2025, the company said.\n\
         One driver told the agency that her car \"went dead in the fast lane,\" according to a complaint published on the agency's website.\n\
         The agency said in a statement on Wednesday that it would continue its investigation.\n"
            .to_string(),
        None,
    );
    let complaint = mention_entity(&d, "a complaint published on the agency's website")
        .expect("the complaint is a mention");
    assert_eq!(d.entities[complaint as usize].etype, EntityType::Document);
    let (_, said) = find(&d, "The agency", "said");
    assert_ne!(said.speaker, Some(complaint));
    assert!(d.mentions.iter().all(|m| d.span_text(m.span) != "and"));
}

/// "Morvania's foreign ministry said that was “simply not true.”": a rebuttal whose subject
/// is a pronoun answers the claim just before it, not a cue that claims nothing ("He did not
/// say …"); and "The newspaper said it stood by its story" answers the denial the story drew
/// (invented text).
#[test]
fn that_was_not_true_and_standing_by_a_story() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Ardenia's chief negotiator, Lukas Ferenc, told reporters that Morvania had \"walked back commitments it made in writing in June.\" He did not say which commitments he meant.\n\
         Morvania's foreign ministry said that was \"simply not true.\"\n\
         The Halden Courier reported on Monday that Reyk had telephoned the governor twice. Reyk's office denied the report.\n\
         The newspaper said on Tuesday that it stood by its story.\n"
            .to_string(),
        Some("2026-11-20"),
    );
    let (claim, _) = find(&d, "Ardenia's chief negotiator, Lukas Ferenc,", "told");
    let (rebuttal, _) = find(&d, "Morvania's foreign ministry", "said");
    let (denial, _) = find(&d, "Reyk's office", "denied");
    let (stands, _) = find(&d, "The newspaper", "said");
    let pairs = dispute_pairs(&d);
    assert!(pairs.contains(&(rebuttal, claim)), "{pairs:?}");
    assert!(pairs.contains(&(stands, denial)), "{pairs:?}");
    assert_eq!(
        pairs.iter().filter(|p| p.0 == rebuttal).count(),
        1,
        "{pairs:?}"
    );
}

/// "Asked whether a move in May was possible, she replied: …": May is in the question, not
/// when she replied; "said at the time" keeps the whole phrase (invented text).
#[test]
fn a_date_in_the_question_is_not_the_answers_time() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Governor Ilse Marrow declined to say when the bank might begin cutting. Asked whether a move in May was possible, she replied: \"Everything is on the table.\"\n\
         The mayor said at the time that price was \"only one of many criteria.\"\n"
            .to_string(),
        Some("2026-11-20"),
    );
    let (_, replied) = find(&d, "she", "replied");
    assert_eq!(replied.time, None);
    let (_, said) = find(&d, "The mayor", "said");
    let t = said.time.expect("a time");
    assert_eq!(d.span_text(t.span), "at the time");
}

/// "In a statement posted on the club's website, the owners … said": the channel is the
/// statement, however far before the cue it stands, not a post (invented text).
#[test]
fn a_statement_posted_on_a_website_is_a_statement() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "In a statement posted on the club's website, the owners, the Fenwick family, said reports of a sale were \"pure speculation.\"\n"
            .to_string(),
        None,
    );
    let (_, a) = find(&d, "the owners, the Fenwick family", "said");
    assert_eq!(a.channel, Some(Channel::Statement));
}

/// "a documentary that accused him …" is a document, and "The network disputes that" is the
/// broadcaster that aired it, not the documentary (invented text).
#[test]
fn the_network_is_the_broadcaster_not_its_documentary() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "A former health minister has sued a television network over a documentary that accused him of steering hospital contracts to his brother-in-law.\n\
         Channel Nine said it would \"vigorously defend\" the claim.\n\
         Anselm's lawsuit says the network failed to put the allegations to him before broadcast. The network disputes that.\n"
            .to_string(),
        None,
    );
    let documentary = mention_entity(&d, "a documentary").expect("a mention");
    assert_eq!(d.entities[documentary as usize].etype, EntityType::Document);
    assert_eq!(speaker(&d, "The network", "disputes"), "Channel Nine");
}

/// "Striker Leon Okafor will leave Harbury United …, the club confirmed": the club is
/// Harbury United; and a prosecutor's "opening statement" in court is no issued statement
/// (invented text).
#[test]
fn the_club_and_an_opening_statement() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Striker Leon Okafor will leave Harbury United at the end of the season, the club confirmed on Saturday.\n\
         In her opening statement, prosecutor Hanna Vik told the jury that Lind had \"treated the bank as his private wallet\" for six years.\n"
            .to_string(),
        None,
    );
    assert_eq!(speaker(&d, "the club", "confirmed"), "Harbury United");
    let (_, told) = find(&d, "prosecutor Hanna Vik", "told");
    assert_ne!(told.channel, Some(Channel::Statement));
}

/// Names the entity tagger splits: "Caldermoor" + "Savings Bank" (tagged a person),
/// "Caldorian Dock" + "and" + "Harbour Workers’ Union"; and "the company" is never a union
/// (invented text).
#[test]
fn institution_names_and_the_company_is_no_union() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Caldermoor Savings Bank said on Thursday that hackers had stolen the names of customers.\n\
         The Provincial Audit Office said on Tuesday that it stood by its findings.\n\
         Tomas Reddick, who leads the Caldorian Dock and Harbour Workers’ Union, told a rally that the strike would go on.\n\
         The union says the plan would cost 1,200 jobs.\n\
         Elland Harbour Holdings, which operates the port, said in a statement that its offer remained on the table.\n\
         It dismissed the union’s figure as “scaremongering”, the company said.\n"
            .to_string(),
        None,
    );
    assert_eq!(
        speaker(&d, "Caldermoor Savings Bank", "said"),
        "Caldermoor Savings Bank"
    );
    let bank = mention_entity(&d, "Caldermoor Savings Bank").unwrap();
    assert_eq!(d.entities[bank as usize].etype, EntityType::Organization);
    assert_eq!(
        speaker(&d, "The Provincial Audit Office", "said"),
        "Provincial Audit Office"
    );
    assert_eq!(
        speaker(&d, "The union", "says"),
        "Caldorian Dock and Harbour Workers’ Union"
    );
    assert_eq!(
        speaker(&d, "the company", "said"),
        "Elland Harbour Holdings"
    );
}

/// A fronted "In an interview with …," however long the subject after it, and a closing
/// "in a written statement" after an inverted source name the channel (invented text).
#[test]
fn interviews_and_statements_around_the_source() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "In an interview with Tarrow Public Radio, the group's spokesman, Daniel Fenwick, said the ruling should \"send a chill through every boardroom.\"\n\
         “The federation takes these allegations extremely seriously,” said Ilse Marten, the federation’s head of integrity, in a written statement.\n"
            .to_string(),
        None,
    );
    let (_, a) = find(&d, "the group's spokesman, Daniel Fenwick,", "said");
    assert_eq!(a.channel, Some(Channel::Interview));
    let (_, a) = find(
        &d,
        "Ilse Marten, the federation’s head of integrity",
        "said",
    );
    assert_eq!(a.channel, Some(Channel::Statement));
}

/// A date that describes the source ("appointed by the ministry last month", "whose office
/// opened an inquiry last month") is not when the source spoke (invented text).
#[test]
fn dates_describing_the_source_are_not_the_speech_acts() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Ines Valcourt, a mediator appointed by the labour ministry last month, told the broadcaster CRN on Tuesday that both sides had agreed to resume talks.\n\
         Chief prosecutor Leon Dravic, whose office opened an inquiry last month into the records, said he could not comment.\n"
            .to_string(),
        Some("2026-06-09"),
    );
    let (_, told) = find(
        &d,
        "Ines Valcourt, a mediator appointed by the labour ministry last month,",
        "told",
    );
    let t = told.time.expect("a time");
    assert_eq!(d.span_text(t.span), "on Tuesday");
    let (_, said) = find(
        &d,
        "Chief prosecutor Leon Dravic, whose office opened an inquiry last month into the records,",
        "said",
    );
    assert_eq!(said.time, None);
}

/// A name in apposition after the head's own phrase is the speaker: "A teacher at the
/// school, Naomi Fairlie,", "One of the riders named in the report, 24-year-old climber
/// Jonas Feldt," (invented text).
#[test]
fn a_name_after_the_heads_phrase_is_the_speaker() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "A teacher at the school, Naomi Fairlie, wrote in a post that staff had complained.\n\
         One of the riders named in the report, 24-year-old climber Jonas Feldt, wrote that he had nothing to hide.\n\
         A friend of Jonas Feldt, Anna Berg, said he was innocent.\n"
            .to_string(),
        None,
    );
    assert_eq!(
        speaker(&d, "A teacher at the school, Naomi Fairlie,", "wrote"),
        "Naomi Fairlie"
    );
    assert_eq!(
        speaker(
            &d,
            "One of the riders named in the report, 24-year-old climber Jonas Feldt,",
            "wrote"
        ),
        "Jonas Feldt"
    );
    assert_eq!(
        speaker(&d, "A friend of Jonas Feldt, Anna Berg,", "said"),
        "Anna Berg"
    );
}

/// "Y was cited by X as saying Z": X relays, Y says Z via X; and a subject with a reduced
/// relative clause ("Customers interviewed outside the bank's branch …") is the customers,
/// not the bank (invented text).
#[test]
fn cited_by_as_saying_and_subjects_with_participles() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Caldermoor Savings Bank said on Thursday that hackers had stolen customer data.\n\
         Customers interviewed outside the bank's main branch on Thursday said they had learned of the breach from the news.\n\
         Gareth Lindqvist wrote to the bank on Wednesday. \"Customers deserve better,\" Lindqvist wrote.\n\
         Lindqvist was cited by the Brinmoor Courier as saying that the regulator should explain why it had not inspected the bank.\n\
         The bank said it would offer customers free credit monitoring.\n"
            .to_string(),
        None,
    );
    let customers = d
        .attributions
        .iter()
        .find(|a| {
            a.source
                .is_some_and(|s| d.span_text(s).starts_with("Customers interviewed"))
        })
        .expect("the customers' attribution");
    let e = customers.speaker.expect("a speaker");
    assert_eq!(d.span_text(d.entities[e as usize].name), "Customers");
    assert_eq!(speaker(&d, "The bank", "said"), "Caldermoor Savings Bank");
    let (outer, _) = find(&d, "the Brinmoor Courier", "cited");
    let (_, inner) = find(&d, "Lindqvist", "as saying");
    assert_eq!(inner.via, Some(outer as u32));
    assert_eq!(speaker(&d, "Lindqvist", "as saying"), "Gareth Lindqvist");
}

/// "“…,” Voss wrote in a post on the city's Facebook page late on Monday.": where and when it
/// was written is no content, and "late on Monday" is the time (invented text).
#[test]
fn setting_after_a_fronted_quote_is_no_content_but_its_time() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Deputy mayor Elena Voss will serve as acting mayor.\n\
         “Our first task is to restore trust. Everything else comes second,” Voss wrote in a post on the city’s official Facebook page late on Monday.\n"
            .to_string(),
        Some("2026-09-22"),
    );
    let (_, a) = find(&d, "Voss", "wrote");
    let content: Vec<&str> = a.content.iter().map(|c| d.span_text(*c)).collect();
    assert_eq!(
        content,
        ["“Our first task is to restore trust. Everything else comes second,”"]
    );
    let t = a.time.expect("a time");
    assert_eq!(t.date.map(|x| x.to_string()).as_deref(), Some("2026-09-21"));
}

/// "rejected a newspaper report that …" disputes the newspaper's "reported that …", not a
/// later sentence of the same paper that shares more words (invented text).
#[test]
fn a_rejected_report_is_the_papers_reported_claim() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Doping report rocks Halvek-Strand\n\n\
         VARNO, March 3 (Meridian News) — The Halvek-Strand cycling team on Tuesday rejected a newspaper report that three of its riders had been given a banned blood booster during last autumn’s Tour of Ostmark, calling the story “a fabrication from start to finish.”\n\n\
         The daily Varno Tidende, citing two former team employees, reported on Monday that team doctors had administered the drug in a hotel room on the eve of the race’s decisive mountain stage. The newspaper said it had seen text messages in which a staff member told riders to “keep the red bags out of sight” and to leave their phones in the team car.\n"
            .to_string(),
        Some("2026-03-03"),
    );
    let (by, _) = find(&d, "The Halvek-Strand cycling team", "rejected");
    let (report, _) = find(&d, "The daily Varno Tidende", "reported");
    assert!(
        dispute_pairs(&d).contains(&(by, report)),
        "{:?}",
        dispute_pairs(&d)
    );
}

/// A denial outside the lead answers a claim already made ("Brenner disputed the audit's
/// figures" answers the audit), not the audited body's reply a few sentences on (invented
/// text).
#[test]
fn a_denial_in_the_body_answers_an_earlier_claim() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        r#"Marrowgate mayor resigns after audit finds flood money unaccounted for

The mayor of Marrowgate, Victor Hale, resigned on Monday after a provincial audit published last week found that nearly 4.8 million crowns earmarked for flood defences could not be accounted for.

Hale, 58, who has led the city of 140,000 since 2018, said in a brief statement that he was stepping down “to spare the city a long distraction” and that he had “acted in good faith at every stage.”

City hall spokesman Anton Reyes told a briefing on Tuesday that deputy mayor Elena Voss would serve as acting mayor until a by-election could be held, most likely in December. He said Hale had made his decision on Sunday evening after meeting his family.

“Our first task is to restore trust. Everything else comes second,” Voss wrote in a post on the city’s official Facebook page late on Monday.

The audit, carried out by the Provincial Audit Office, said contracts worth 4.8 million crowns had been awarded without tender to two companies, Greyhaven Civil Works and Ostrand Logistics, and that invoices for work on the city’s river embankment “bear no relation to any work actually performed.”

According to a person familiar with the matter, prosecutors in the provincial capital, Hessling, have opened a preliminary inquiry into the contracts. The person, who spoke on condition of anonymity because the inquiry has not been made public, said investigators had requested the city’s procurement files earlier this month.

In a television interview earlier this month, Hale said the payments had been approved under his predecessor and that he had learned of the irregularities only “from the newspapers, like everyone else.”

Miriam Sato, who leads the opposition Civic Alliance group on the city council, called that explanation “nonsense.” She said that Hale’s former chief of staff, Daniel Orme, had told her in June that the mayor had personally signed off on both contracts.

“He has known for months exactly where that money went. Pretending otherwise is an insult to the people of this city,” Sato told reporters outside city hall on Tuesday.

Hale’s lawyer, Lucas Brenner, disputed the audit’s figures, saying in an interview with the Marrowgate Herald that at least 3.1 million crowns of the total had been spent on work that was “fully documented and independently inspected.”

“The auditors counted the same invoices twice and then drew conclusions from their own arithmetic mistake,” Brenner said. “My client will cooperate fully with any inquiry, and he expects to be cleared.”

The Provincial Audit Office said on Tuesday that it stood by its findings. In a statement, it dismissed Brenner’s claim of double counting as “without foundation” and said every invoice had been checked against the city’s bank records.

Hale has not been charged with any offence.
"#
            .to_string(),
        Some("2026-09-22"),
    );
    let (by, _) = find(&d, "Hale’s lawyer, Lucas Brenner,", "disputed");
    let targets: Vec<usize> = dispute_pairs(&d)
        .into_iter()
        .filter(|&(b, _)| b == by)
        .map(|(_, t)| t)
        .collect();
    assert!(!targets.is_empty(), "no dispute by Brenner");
    assert!(targets.iter().all(|&t| t < by), "{targets:?} (by {by})");
}
