//! Transcript turns and quoted paragraphs end to end, on invented text written for this
//! test: a speaker's name in capitals and a colon opens a turn ("DAHL: …"), quoted or not;
//! the name resolves to the person named before ("Mayor Henrik Dahl"); an interviewer never
//! named elsewhere still speaks when the label opens several turns; a section label
//! ("UPDATE:") does not; stage directions, quoted subheadings and sign-offs are no one's
//! follow-on quotation.

use hearsay::doc::{Doc, EntityType};

const ARTICLE: &str = "\
MARLOW, Oct 3 \u{2014} Mayor Henrik Dahl defended the town's flood sirens on Sunday in an interview with the broadcaster NRK. A partial transcript follows.
\"VOSS: The sirens in the lower town did not sound. Why not?
\"DAHL: They did sound. The agency's own log shows it, and I have asked them to publish it.
\"VOSS: Residents say they heard nothing until two in the morning.
\"DAHL: I understand their anger. But the record is clear, and we will release every page of it.
UPDATE: The agency published its log on Monday.
";

fn doc() -> Doc {
    let p = hearsay::Pipeline::load().unwrap();
    p.process_with_date(ARTICLE.to_string(), Some("2026-10-03"))
}

/// (source, content, speaker name, speaker type) of each attribution whose cue is a colon.
fn turns(d: &Doc) -> Vec<(String, String, String, EntityType)> {
    d.attributions
        .iter()
        .filter(|a| a.cue.is_some_and(|c| d.span_text(c) == ":"))
        .map(|a| {
            let e = &d.entities[a.speaker.expect("a turn has a speaker") as usize];
            (
                d.span_text(a.source.expect("a turn has a source"))
                    .to_string(),
                a.content
                    .iter()
                    .map(|c| d.span_text(*c))
                    .collect::<Vec<_>>()
                    .join(" | "),
                d.span_text(e.name).to_string(),
                e.etype,
            )
        })
        .collect()
}

#[test]
fn capitalised_labels_open_turns() {
    let d = doc();
    let t = turns(&d);
    let sources: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(sources, ["VOSS", "DAHL", "VOSS", "DAHL"], "{t:#?}");
    assert_eq!(
        t[1].1,
        "They did sound. The agency's own log shows it, and I have asked them to publish it."
    );
    assert_eq!(
        t[2].1,
        "Residents say they heard nothing until two in the morning."
    );
    // The label resolves to the mayor; the interviewer is a person of her own.
    assert_eq!(t[1].2, "Henrik Dahl");
    assert_eq!(t[3].2, "Henrik Dahl");
    assert_eq!(t[0].2, "VOSS");
    assert!(t.iter().all(|x| x.3 == EntityType::Person));
    // No attribution's content swallows a label, and "UPDATE" speaks for no one.
    for a in &d.attributions {
        for c in &a.content {
            let text = d.span_text(*c);
            assert!(!text.contains("VOSS:") && !text.contains("DAHL:"), "{text}");
        }
        if let Some(s) = a.source {
            assert_ne!(d.span_text(s), "UPDATE");
        }
    }
}

/// A quoted paragraph after someone's quotation is theirs only when it can be speech: not a
/// stage direction, a subheading in quotation marks or a sign-off (invented text).
#[test]
fn follow_on_quotes_skip_directions_headings_and_sign_offs() {
    let p = hearsay::Pipeline::load().unwrap();
    let d = p.process_with_date(
        "Councillor Ines Varga said the budget was \u{201c}a disgrace.\u{201d}\n\
         \u{201c}We were promised a new library, and we got a car park.\u{201d}\n\
         \u{201c}(CROSSTALK.)\u{201d}\n\
         \u{201c}Follow Ines Varga on Twitter @ivarga.\u{201d}\n\
         \u{201c}Promises and Car Parks.\u{201d}\n\
         The mayor did not respond.\n"
            .to_string(),
        Some("2026-05-02"),
    );
    let contents: Vec<String> = d
        .attributions
        .iter()
        .flat_map(|a| a.content.iter().map(|c| d.span_text(*c).to_string()))
        .collect();
    assert!(
        contents
            .iter()
            .any(|c| c.contains("We were promised a new library")),
        "{contents:#?}"
    );
    for bad in ["CROSSTALK", "Follow Ines", "Promises and Car Parks"] {
        assert!(
            contents.iter().all(|c| !c.contains(bad)),
            "{bad} in {contents:#?}"
        );
    }
}
