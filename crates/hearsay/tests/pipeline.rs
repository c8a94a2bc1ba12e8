//! End-to-end behaviour on short invented articles: the constructions the extraction engine
//! must handle (see the issue "Extraction engine v1").

use hearsay::doc::{AttrKind, Doc};

fn run(text: &str) -> Doc {
    hearsay::Pipeline::load().unwrap().process(text.to_string())
}

/// The first attribution whose cue reads `cue`.
fn by_cue<'d>(d: &'d Doc, cue: &str) -> &'d hearsay::doc::Attribution {
    d.attributions
        .iter()
        .find(|a| a.cue.is_some_and(|c| d.span_text(c) == cue))
        .unwrap_or_else(|| panic!("no attribution with the cue {cue:?}"))
}

/// Its source's text.
fn source_text<'d>(d: &'d Doc, a: &hearsay::doc::Attribution) -> Option<&'d str> {
    a.source.map(|s| d.span_text(s))
}

/// Its content pieces' texts.
fn content_texts<'d>(d: &'d Doc, a: &hearsay::doc::Attribution) -> Vec<&'d str> {
    a.content.iter().map(|s| d.span_text(*s)).collect()
}

/// (source, cue, parent) triples for readable assertions.
fn triples(d: &Doc) -> Vec<(String, String, Option<u32>)> {
    d.attributions
        .iter()
        .map(|a| {
            (
                a.source
                    .map(|s| d.span_text(s).to_string())
                    .unwrap_or_default(),
                a.cue
                    .map(|s| d.span_text(s).to_string())
                    .unwrap_or_default(),
                a.parent,
            )
        })
        .collect()
}

#[test]
fn citing_shares_the_reporting_source() {
    let d = run(
        "The Harbor Gazette reported on Monday that the port would close for a week, \
                 citing two people familiar with the plan.",
    );
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, c, _)| s == "The Harbor Gazette" && c == "citing"),
        "{t:?}"
    );
}

#[test]
fn nested_attribution_gets_a_parent() {
    let d = run(
        "The senator tweeted on Friday that the minister had told the committee \
                 the contract was never signed.",
    );
    let t = triples(&d);
    let outer = t
        .iter()
        .position(|(s, c, p)| s == "The senator" && c == "tweeted" && p.is_none())
        .unwrap_or_else(|| panic!("{t:?}"));
    assert!(
        t.iter()
            .any(|(s, c, p)| s == "the minister" && c.contains("told") && *p == Some(outer as u32)),
        "{t:?}"
    );
    // brat / PolNeAR output stays univocal: the nested one is left out.
    assert_eq!(
        hearsay_data::attributions_to_ann(&d).len(),
        t.iter().filter(|x| x.2.is_none()).count()
    );
}

/// "asked" inside someone's content starts a nested attribution too (an order or request
/// reported second-hand).
#[test]
fn a_reported_request_is_nested() {
    let d = run("Two nurses said managers had asked them to keep the outbreak quiet.");
    let t = triples(&d);
    let outer = t
        .iter()
        .position(|(s, c, p)| s == "Two nurses" && c == "said" && p.is_none())
        .unwrap_or_else(|| panic!("{t:?}"));
    assert!(
        t.iter()
            .any(|(s, c, p)| s == "managers" && c == "had asked" && *p == Some(outer as u32)),
        "{t:?}"
    );
}

/// The subject of "was quoted as saying" is its source, not content.
#[test]
fn a_passive_quote_takes_its_subject_as_source() {
    let d = run("An unnamed executive was quoted as saying the merger would be delayed.");
    let a = by_cue(&d, "was quoted as saying");
    assert_eq!(source_text(&d, a), Some("An unnamed executive"));
    assert_eq!(content_texts(&d, a), ["the merger would be delayed"]);
}

/// "“QUOTE,” NP told X.": the noun phrase between the quotation and the cue is the source.
#[test]
fn a_quotation_then_its_source_and_told() {
    let d = run(
        "\u{201c}The numbers do not add up,\u{201d} two officials familiar with the plans told the Ledger.",
    );
    let a = by_cue(&d, "told");
    assert_eq!(
        source_text(&d, a),
        Some("two officials familiar with the plans")
    );
    assert_eq!(
        content_texts(&d, a),
        ["\u{201c}The numbers do not add up,\u{201d}"]
    );
}

#[test]
fn direct_quotes_and_a_follow_on_paragraph() {
    let d = run(
        "“We will not sign this deal,” union leader Marta Ruiz told reporters on Tuesday.\n\
                 “The workers deserve better, and we will keep striking until they get it.”\n\
                 The company declined to comment.",
    );
    let first = d
        .attributions
        .iter()
        .find(|a| {
            a.source
                .is_some_and(|s| d.span_text(s) == "union leader Marta Ruiz")
        })
        .unwrap_or_else(|| panic!("{:?}", triples(&d)));
    assert_eq!(first.kind, AttrKind::Direct);
    assert_eq!(d.span_text(first.cue.unwrap()), "told");
    // The cue-less paragraph is hers: either as another piece of her content (PolNeAR's way)
    // or as an attribution of its own with her as the source and no cue.
    let hers = |a: &hearsay::doc::Attribution| {
        a.source == first.source
            && a.content
                .iter()
                .any(|c| d.span_text(*c).contains("keep striking"))
    };
    assert!(d.attributions.iter().any(hers), "{:?}", triples(&d));
}

#[test]
fn according_to_and_indirect_kinds() {
    let d = run(
        "According to the city auditor, the bridge repairs will cost twice as much as \
                 planned. The mayor said the budget could absorb the increase.",
    );
    let kinds: Vec<AttrKind> = d.attributions.iter().map(|a| a.kind).collect();
    assert!(kinds.contains(&AttrKind::AccordingTo), "{:?}", triples(&d));
    let said = d
        .attributions
        .iter()
        .find(|a| a.cue.is_some_and(|c| d.span_text(c) == "said"))
        .unwrap_or_else(|| panic!("{:?}", triples(&d)));
    assert_eq!(said.kind, AttrKind::Indirect);
    assert_eq!(d.span_text(said.source.unwrap()), "The mayor");
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "\u{0}\u{1}\u{2}",
        "“““““ ”””” \" ' ‘ ’ « »",
        &"said that \" ".repeat(2000),
        &"He said. ".repeat(3000),
        "a\n\n\n\r\n\rb",
    ] {
        let d = run(text);
        for a in &d.attributions {
            for s in a.content.iter().chain(a.source.iter()).chain(a.cue.iter()) {
                assert!(s.end as usize <= d.tokens.len());
            }
        }
    }
}

#[test]
fn content_does_not_start_in_a_dateline() {
    let d = run("TARNOW, Poland (Baltic Wire) — Bus drivers in Tarnow will stop work for a second day on Friday after wage talks failed, union leaders said on Thursday.\n");
    let a = by_cue(&d, "said");
    let first = d.span_text(a.content[0]);
    assert!(
        first.starts_with("Bus drivers in Tarnow"),
        "content starts in the dateline: {first:?}"
    );
}

#[test]
fn an_inverted_source_after_the_content() {
    let d = run("The deal includes a further 6 million pounds in add-ons linked to appearances, a person familiar with the matter said.\n");
    let a = by_cue(&d, "said");
    assert_eq!(
        source_text(&d, a),
        Some("a person familiar with the matter")
    );
    assert_eq!(
        content_texts(&d, a),
        ["The deal includes a further 6 million pounds in add-ons linked to appearances"]
    );
}

#[test]
fn a_source_never_starts_with_the_contents_verb() {
    // The opening of corpus/demo/text/05_football_transfer.txt (our own invented article).
    let d = run("LONDON (Touchline Sports Service) — Ashworth United have agreed a fee of 48 million pounds with Dutch club SC Noordhaven for striker Kofi Adjei-Brandt, two people with knowledge of the negotiations said on Thursday.\n");
    let a = by_cue(&d, "said");
    assert_eq!(
        source_text(&d, a),
        Some("two people with knowledge of the negotiations")
    );
    assert_eq!(
        content_texts(&d, a),
        ["Ashworth United have agreed a fee of 48 million pounds with Dutch club SC Noordhaven for striker Kofi Adjei-Brandt"]
    );
}

#[test]
fn a_lost_source_is_the_cue_verbs_subject() {
    let d = run("HAMLIN, Feb 3 — Carmaker Veltro Motors said on Tuesday it would recall 80,000 electric cars.\n\
                 On Monday its chief executive, Daniel Moberg, told investors on a conference call that Veltro's own tests had found no defect.\n\
                 Owners' groups welcomed the recall but said it came too late.\n");
    let source_of = |cue: &str| {
        d.attributions
            .iter()
            .find(|a| a.cue.is_some_and(|c| d.span_text(c) == cue))
            .unwrap_or_else(|| panic!("an attribution for {cue:?}"))
            .source
            .map(|s| d.span_text(s).trim_end_matches(',').to_string())
    };
    assert_eq!(
        source_of("told").as_deref(),
        Some("its chief executive, Daniel Moberg")
    );
    assert_eq!(source_of("said").as_deref(), Some("Carmaker Veltro Motors"));
    let last = d.attributions.last().expect("attributions");
    assert_eq!(last.source.map(|s| d.span_text(s)), Some("Owners' groups"));
}

#[test]
fn said_then_an_anonymous_noun_phrase() {
    let d = run("TALLIN, Nov 2 — The coalition will replace the finance minister next week, said one official involved in the talks.\n");
    let a = by_cue(&d, "said");
    assert_eq!(
        source_text(&d, a),
        Some("one official involved in the talks")
    );
    assert_eq!(
        content_texts(&d, a),
        ["The coalition will replace the finance minister next week"]
    );
    assert!(a.anonymous.is_some());
}

/// The place of a dateline is nobody's source, also for a verb right after the dash
/// (invented text).
#[test]
fn a_dateline_is_no_source() {
    let d = run("BRISK, Jan. 9 — Ilves said she resigned after filing a complaint with the Civil Aviation Authority.\n");
    for a in &d.attributions {
        assert_ne!(source_text(&d, a), Some("BRISK"), "{a:?}");
    }
    assert_eq!(source_text(&d, by_cue(&d, "said")), Some("Ilves"));
}

/// A dateline is parsed apart from the sentence it opens: the story's verb is the root and
/// its subject the source ("LARRAC, Aug 18 — Residents … said", where the whole sentence
/// parsed together had "Aug" for its root and no source for "said"; invented text).
#[test]
fn a_dateline_does_not_break_the_lead_parse() {
    let text = "LARRAC, Aug 18 — Residents of this hillside town in southern Vantoria said on Monday that an evacuation order reached their phones two hours after the flames.\n";
    let d = run(text);
    assert_eq!(d.dateline_dash().map(|t| d.token_text(t)), Some("—"));
    let said = (0..d.tokens.len())
        .find(|&t| d.token_text(t as u32) == "said")
        .unwrap();
    assert_eq!(d.heads[said], hearsay::doc::NO_HEAD, "said is the root");
    let roots = (0..d.tokens.len())
        .filter(|&t| d.heads[t] == hearsay::doc::NO_HEAD)
        .count();
    assert_eq!(roots, 1);
    assert_eq!(
        source_text(&d, by_cue(&d, "said")),
        Some("Residents of this hillside town in southern Vantoria")
    );
    // A kicker is no dateline.
    let d = run("EXCLUSIVE – Roger Vane: the count was fair, the mayor said on Monday.\n");
    assert_eq!(d.dateline_dash(), None);
}

/// "wrote on X that …": the platform belongs to the cue, not to the content, even where the
/// tagger ends the cue at "on" (invented text).
#[test]
fn a_platform_ends_the_cue() {
    let d = run("Her spokeswoman, Mette Lind, later wrote on X that the minister \"has never proposed\" a fuel tax rise.\n");
    let a = by_cue(&d, "later wrote on X");
    assert_eq!(
        content_texts(&d, a),
        ["that the minister \"has never proposed\" a fuel tax rise"]
    );
}

/// "said her client "…" and accused prosecutors of …": the second verb's speaker is the
/// lawyer, not the client inside the first quotation (invented text).
#[test]
fn a_verb_after_a_closed_quotation_shares_the_first_source() {
    let d = run("His lawyer, Hanna Meyer, said her client \"looks forward to clearing his name\" and accused prosecutors of \"trying the case in the press.\"\n");
    let a = by_cue(&d, "accused");
    assert_eq!(source_text(&d, a), Some("His lawyer, Hanna Meyer,"));
    assert_eq!(a.parent, None);
}

/// "…, after a run of eight defeats, two people with knowledge of the decision said on
/// Monday.": a sentence-final "said" after a long clause still attributes the clause, even
/// where the parse hangs "said" on the clause's verb (invented text).
#[test]
fn a_sentence_final_said_after_a_long_clause() {
    let d = run("LUNDEBY, April 14 — Northfield Rovers have sacked their manager, Paul Dray, after a run of eight defeats, two people with knowledge of the decision said on Monday.\n");
    let a = by_cue(&d, "said");
    assert_eq!(
        source_text(&d, a),
        Some("two people with knowledge of the decision")
    );
    assert_eq!(
        content_texts(&d, a),
        ["Northfield Rovers have sacked their manager, Paul Dray, after a run of eight defeats"]
    );
    // Not a "said" with an object after it ("Mexico said enough.").
    let d =
        run("But when Congress cut funding for the program two years later, Mexico said enough.\n");
    assert!(
        d.attributions
            .iter()
            .all(|a| a.source.is_none_or(|s| d.span_text(s) != "Mexico")),
        "{:?}",
        d.attributions
    );
}

/// "A spokeswoman said no such memo existed. “The ministry has never …,” she wrote.": the
/// quotation is the second attribution's content only, and the first is indirect (invented
/// text).
#[test]
fn a_quotation_with_its_own_cue_is_not_the_sentence_befores_content() {
    let d = run("A ministry spokeswoman said no such memo existed. \"The ministry has never told any hospital what it may publish,\" she wrote.\n");
    let said = by_cue(&d, "said");
    assert_eq!(content_texts(&d, said), ["no such memo existed"]);
    assert_eq!(said.kind, AttrKind::Indirect);
    let wrote = by_cue(&d, "wrote");
    assert_eq!(
        content_texts(&d, wrote),
        ["\"The ministry has never told any hospital what it may publish,\""]
    );
}

/// "…, the harbour authority announced on Friday, a move that unions say will cost hundreds
/// of jobs.": the inverted "announced" the tagger misses is found, and "unions" (not "a move
/// that unions") say what the relative clause says (invented text).
#[test]
fn an_inverted_announced_and_a_relative_clause_source() {
    let d = run("KASTRO, May 2 — The port of Kastro will close its container terminal for three months from July, the harbour authority announced on Friday, a move that unions say will cost hundreds of jobs.\n");
    let a = by_cue(&d, "announced");
    assert_eq!(source_text(&d, a), Some("the harbour authority"));
    assert_eq!(
        content_texts(&d, a),
        ["The port of Kastro will close its container terminal for three months from July"]
    );
    let b = by_cue(&d, "say");
    assert_eq!(source_text(&d, b), Some("unions"));
    assert_eq!(
        content_texts(&d, b),
        ["a move that", "will cost hundreds of jobs"]
    );
}

/// "testified on Thursday that …": a verb of saying with a time phrase before its
/// that-clause is a cue even where the tagger, leaning on "testified that", misses it
/// (invented text).
#[test]
fn a_verb_of_saying_then_a_time_then_that() {
    let d = run("A former finance director of Brisk Logistics testified on Thursday that the founder ordered her to backdate invoices.\n");
    let a = by_cue(&d, "testified");
    assert_eq!(
        source_text(&d, a),
        Some("A former finance director of Brisk Logistics")
    );
    assert_eq!(
        content_texts(&d, a),
        ["that the founder ordered her to backdate invoices"]
    );
}

/// '"…," said prosecutor Nina Falk, in her opening statement on Monday.': the setting after
/// the comma is no part of the source; an appositive is (invented text).
#[test]
fn an_inverted_source_ends_before_its_setting() {
    let d = run("\"This was not a bookkeeping error,\" said prosecutor Nina Falk, in her opening statement on Monday.\n\
                 \"It was a plan,\" said Per Hallin, a lawyer for the company.\n");
    let a = by_cue(&d, "said");
    assert_eq!(source_text(&d, a), Some("prosecutor Nina Falk"));
    let b = d
        .attributions
        .iter()
        .find(|a| {
            a.source
                .is_some_and(|s| d.span_text(s).starts_with("Per Hallin"))
        })
        .expect("the lawyer's quote");
    assert_eq!(
        source_text(&d, b),
        Some("Per Hallin, a lawyer for the company")
    );
}

/// '"…," he was quoted as saying.': the pronoun between the quotation and the cue is the
/// source, not a piece of the content, and the attribution is direct (invented text).
#[test]
fn a_pronoun_after_a_quotation_is_its_source() {
    let d = run("\"Some of them will simply close,\" he was quoted as saying.\n");
    let a = by_cue(&d, "was quoted as saying");
    assert_eq!(source_text(&d, a), Some("he"));
    assert_eq!(
        content_texts(&d, a),
        ["\"Some of them will simply close,\""]
    );
    assert_eq!(a.kind, AttrKind::Direct);
}

/// "The men, aged 24 and 31, will appear in court on Wednesday, police spokesman Arne Holt
/// told a news conference.": the fronted content is the whole clause, not "The men"
/// (invented text).
#[test]
fn a_fronted_content_runs_to_the_comma_before_its_source() {
    let d = run("The men, aged 24 and 31, will appear in court on Wednesday, police spokesman Arne Holt told a news conference.\n");
    let a = by_cue(&d, "told");
    assert_eq!(source_text(&d, a), Some("police spokesman Arne Holt"));
    assert_eq!(
        content_texts(&d, a),
        ["The men, aged 24 and 31, will appear in court on Wednesday"]
    );
}

/// "…, the company confirmed on Monday.": a sentence-final cue attributes the whole clause
/// before the comma, with the attribution inside it nested (invented text).
#[test]
fn a_sentence_final_cue_takes_the_whole_clause() {
    let d = run("BRAMLEY, Sept. 30 — The chief executive of Aqualis has resigned after a leaked report found the firm had underreported sewage spills for three years, the company confirmed on Monday.\n");
    let a = by_cue(&d, "confirmed");
    assert_eq!(
        content_texts(&d, a),
        ["The chief executive of Aqualis has resigned after a leaked report found the firm had underreported sewage spills for three years"]
    );
    let found = by_cue(&d, "found");
    assert!(found.parent.is_some());
}

/// "That claim was contradicted by a veterinary union, which said …": the passive denial and
/// the relative "which said" are both attributions (invented text).
#[test]
fn a_passive_denial_and_a_relative_which_said() {
    let d = run("That claim was contradicted by a veterinary union, which said at least three workers at a farm near Dresk had been treated in hospital with flu symptoms last week.\n");
    let denial = by_cue(&d, "was contradicted");
    assert_eq!(source_text(&d, denial), Some("a veterinary union"));
    assert_eq!(content_texts(&d, denial), ["That claim"]);
    let said = by_cue(&d, "said");
    assert_eq!(source_text(&d, said), Some("which"));
    assert_eq!(
        content_texts(&d, said),
        ["at least three workers at a farm near Dresk had been treated in hospital with flu symptoms last week"]
    );
}

/// '"Leon never asked for a transfer," Okoye posted on Instagram.': a quotation, then its
/// source and a verb of posting on a platform, ends the sentence (invented text).
#[test]
fn a_quotation_posted_on_a_platform() {
    let d = run(
        "\"Leon never asked for a transfer,\" Okoye posted on Instagram. \"He loves this club.\"\n",
    );
    let a = by_cue(&d, "posted on Instagram");
    assert_eq!(source_text(&d, a), Some("Okoye"));
    assert_eq!(
        content_texts(&d, a).first().copied(),
        Some("\"Leon never asked for a transfer,\"")
    );
}

/// "The country's medicines regulator said …": the tagger took the rare noun *regulator*
/// for a verb between a noun and *said*, and the sentence lost its subject (invented text).
#[test]
fn a_noun_before_said_is_no_verb() {
    let d = run("The country’s medicines regulator said in a statement that the vaccine had been given to more than 90,000 children since January.\n");
    let a = by_cue(&d, "said in a statement");
    assert_eq!(
        source_text(&d, a),
        Some("The country’s medicines regulator")
    );
    assert_eq!(
        content_texts(&d, a),
        ["that the vaccine had been given to more than 90,000 children since January"]
    );
}

/// "In a statement posted on …, the owners, the Fenwick family, said …": a fronted setting,
/// then the subject with its appositive, then the cue (invented text).
#[test]
fn a_fronted_setting_is_no_content() {
    let d = run("In a statement posted on the club’s website, the owners, the Fenwick family, said reports of a sale were “pure speculation.”\n");
    let a = by_cue(&d, "said");
    assert_eq!(source_text(&d, a), Some("the owners, the Fenwick family"));
    assert_eq!(
        content_texts(&d, a),
        ["reports of a sale were “pure speculation.”"]
    );
}

/// "Ferenc said on Thursday, before the talks ended, that …": a clause between the cue and
/// its *that* is no attribution, and the content is the *that* clause (invented text).
#[test]
fn a_clause_between_said_and_that() {
    let d = run(
        "Ferenc said on Thursday, before the talks ended, that he was “cautiously optimistic.”\n",
    );
    assert_eq!(d.attributions.len(), 1, "{:?}", triples(&d));
    let a = by_cue(&d, "said");
    assert_eq!(source_text(&d, a), Some("Ferenc"));
    assert_eq!(
        content_texts(&d, a),
        ["that he was “cautiously optimistic.”"]
    );
    assert_eq!(a.kind, AttrKind::Mixed);
}

/// "Rescue teams … pulled 14 survivors …, the ministry said on Sunday, as the death toll
/// rose": the adverbial clause after the cue is not what the ministry said (invented text).
#[test]
fn an_adverbial_clause_after_the_cue_is_no_content() {
    let d = run("Rescue teams in northern Kestria pulled 14 more survivors from collapsed buildings overnight, the country’s emergency ministry said on Sunday, as the death toll from Friday’s earthquake rose to 212.\n");
    let a = by_cue(&d, "said");
    assert_eq!(source_text(&d, a), Some("the country’s emergency ministry"));
    assert_eq!(
        content_texts(&d, a),
        ["Rescue teams in northern Kestria pulled 14 more survivors from collapsed buildings overnight"]
    );
}

/// A participle inside a cue opens a relative clause: "said in a statement released by his
/// lawyers" ends with the statement (and the lawyers are no content); "rejected claims
/// circulating on social media that …" has the claims as content (invented text).
#[test]
fn a_participle_ends_the_cue() {
    let d = run("“Every allegation in this programme is false,” Anselm said in a statement released by his lawyers. “I will not allow my name to be dragged through the mud.”\n\nHealth officials on Tuesday rejected claims circulating on social media that a new vaccine had caused the deaths of three infants.\n");
    let a = by_cue(&d, "said in a statement");
    assert_eq!(source_text(&d, a), Some("Anselm"));
    assert!(
        content_texts(&d, a).iter().all(|c| !c.contains("lawyers")),
        "{:?}",
        content_texts(&d, a)
    );
    let r = by_cue(&d, "rejected");
    assert_eq!(
        content_texts(&d, r),
        ["claims circulating on social media that a new vaccine had caused the deaths of three infants"]
    );
}

/// "The Courier had reported that Reyk warned that …": the report's content holds the
/// nested warning with its own content, not just "that Reyk warned" (invented text).
#[test]
fn an_outer_content_holds_the_nested_content() {
    let d = run("The Courier had reported that Reyk warned that the government would review the bank’s mandate.\n");
    let outer = by_cue(&d, "had reported");
    assert_eq!(
        content_texts(&d, outer),
        ["that Reyk warned that the government would review the bank’s mandate"]
    );
    let inner = by_cue(&d, "warned");
    assert_eq!(
        content_texts(&d, inner),
        ["that the government would review the bank’s mandate"]
    );
}

/// "That estimate was questioned by Rafael Ostrow, an engineer who runs …": the appositive
/// after a passive cue's agent describes the agent, it is not what was questioned (invented
/// text).
#[test]
fn a_passive_agents_appositive_is_its_source() {
    let d = run("That estimate was questioned by Rafael Ostrow, an engineer who runs an owners’ forum with 30,000 members.\n");
    let a = by_cue(&d, "was questioned");
    assert_eq!(
        source_text(&d, a),
        Some("Rafael Ostrow, an engineer who runs an owners’ forum with 30,000 members")
    );
    assert_eq!(content_texts(&d, a), ["That estimate"]);
}

/// "… but was told by Lind to “leave it alone.”" inside a relayed account is one
/// attribution, not two of the same cue; "have been told not to drink" keeps the negation in
/// its content (invented text).
#[test]
fn one_attribution_per_cue_and_negated_instructions() {
    let d = run("According to court filings, Holm told investigators she had raised concerns about the loans in 2019 but was told by Lind to “leave it alone.”\n\nResidents of three villages have been told not to drink tap water after tests found a banned pesticide, the regional water authority said on Monday.\n");
    let told: Vec<_> = d
        .attributions
        .iter()
        .filter(|a| a.cue.is_some_and(|c| d.span_text(c) == "was told"))
        .collect();
    assert_eq!(told.len(), 1, "{:?}", triples(&d));
    let a = by_cue(&d, "have been told");
    assert_eq!(
        content_texts(&d, a),
        ["not to drink tap water after tests found a banned pesticide"]
    );
}

/// "… and that results were expected by Thursday": a lone weekday is never a source (invented
/// text).
#[test]
fn a_weekday_is_no_source() {
    let d = run("A spokeswoman for the environment ministry said inspectors had taken samples from streams near the villages and that results were expected by Thursday.\n");
    for a in &d.attributions {
        assert_ne!(source_text(&d, a), Some("Thursday"), "{:?}", triples(&d));
    }
}

/// After a headline, the story's first paragraph holds the dateline: a source never reaches
/// back into it, also past a parenthesised agency name (invented text).
#[test]
fn a_dateline_after_a_headline() {
    let d = run("Doping report rocks cycling team\n\nVARNO, March 3 (Meridian News) — The Halvek-Strand cycling team on Tuesday rejected a newspaper report that three of its riders had been given a banned drug.\n");
    assert_eq!(d.dateline_dash().map(|t| d.token_text(t)), Some("—"));
    assert_eq!(
        source_text(&d, by_cue(&d, "rejected")),
        Some("The Halvek-Strand cycling team")
    );
    // A headline that ends with a full stop is a sentence of the story: no dateline after it.
    let d = run("The team said it was innocent.\n\nVARNO — Riders trained as usual on Tuesday.\n");
    assert_eq!(d.dateline_dash(), None);
}

/// An outer content that the role tagger stopped right before a nested speech act's cue,
/// with the act's source inside it, runs on to the end of the act's content, and the act is
/// nested in it (invented text).
#[test]
fn an_outer_content_runs_over_a_nested_source() {
    let d = run("The newspaper said it had seen text messages in which a staff member told riders to keep the red bags out of sight.\n");
    let outer = by_cue(&d, "said");
    assert_eq!(
        content_texts(&d, outer),
        ["it had seen text messages in which a staff member told riders to keep the red bags out of sight"]
    );
    let told = d
        .attributions
        .iter()
        .position(|a| a.cue.is_some_and(|c| d.span_text(c) == "told"))
        .expect("the nested act");
    let said = d
        .attributions
        .iter()
        .position(|a| a.cue.is_some_and(|c| d.span_text(c) == "said"))
        .unwrap();
    assert_eq!(d.attributions[told].parent, Some(said as u32));
}

/// A quotation of two sentences with its own cue in the second ("… Judge me on the facts,”
/// he wrote.") is not also a piece of the earlier cue's content (invented text).
#[test]
fn a_quotation_of_two_sentences_keeps_its_own_cue() {
    let d = run("One of the riders, Jonas Feldt, wrote on Instagram late on Monday that he had “nothing to hide” and would publish his data. “I have been tested more than 40 times in two years. Judge me on the facts,” he wrote.\n");
    let outer = by_cue(&d, "wrote on Instagram");
    assert_eq!(
        content_texts(&d, outer),
        ["that he had “nothing to hide” and would publish his data"]
    );
}

/// Sources that neither the role tagger nor the parse found: after a fronted setting, in a
/// clause of time, a subject with a reduced relative clause, and the subject of a relative
/// clause whose object the tagger took (invented text).
#[test]
fn sources_left_of_the_cue() {
    let d = run("In an interview with Radio Wexcombe, another parent, Leila Hardcastle, said the school had assured her that the lunches were “perfectly safe”.\n\n\
                 Customers interviewed outside the bank's main branch in Caldermoor on Thursday said they had learned of the breach from the news.\n\n\
                 The crowd gathered after the Riverwatch Alliance, an environmental group, said in a post on its website on Friday evening that it expected a ruling within days.\n\n\
                 More than 60 pupils have fallen ill, health officials said on Friday, as the company that supplies the school’s lunches insisted its kitchen was not to blame.\n");
    let sources: Vec<(&str, &str)> = d
        .attributions
        .iter()
        .filter_map(|a| Some((d.span_text(a.cue?), a.source.map(|s| d.span_text(s))?)))
        .collect();
    for (cue, src) in [
        ("said", "another parent, Leila Hardcastle"),
        (
            "said",
            "Customers interviewed outside the bank's main branch in Caldermoor on Thursday",
        ),
        (
            "said in a post",
            "the Riverwatch Alliance, an environmental group",
        ),
        ("insisted", "the company that supplies the school’s lunches"),
    ] {
        assert!(sources.contains(&(cue, src)), "{cue} / {src}: {sources:?}");
    }
}
