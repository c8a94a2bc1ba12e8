//! Paragraph and sentence splitting. All sentences are invented for these tests.

mod common;

use common::{seg, sents};

#[test]
fn the_example_from_the_brief() {
    let text = "Gov. Smith told reporters on Tuesday that the U.S. economy was \"strong.\" He added: “We’re not done.”";
    assert_eq!(
        sents(text),
        [
            "Gov. Smith told reporters on Tuesday that the U.S. economy was \"strong.\"",
            "He added: “We’re not done.”",
        ]
    );
}

#[test]
fn splits_after_terminal_punctuation() {
    assert_eq!(
        sents("The vote passed. Was it fair? Nobody knows! Maybe… Later"),
        [
            "The vote passed.",
            "Was it fair?",
            "Nobody knows!",
            "Maybe…",
            "Later"
        ]
    );
}

#[test]
fn closing_quotes_and_brackets_stay_with_the_sentence() {
    assert_eq!(
        sents("He said \"Stop.\" Then he left."),
        ["He said \"Stop.\"", "Then he left."]
    );
    assert_eq!(
        sents("“This is wrong.” He added that it was late."),
        ["“This is wrong.”", "He added that it was late."]
    );
    assert_eq!(
        sents("She called it ‘a mistake.’ Then she left."),
        ["She called it ‘a mistake.’", "Then she left."]
    );
    assert_eq!(
        sents("(He left early.) Then it rained."),
        ["(He left early.)", "Then it rained."]
    );
}

#[test]
fn a_lowercase_continuation_does_not_split() {
    assert_eq!(
        sents("“Stop!” he said. “Now?” she asked."),
        ["“Stop!” he said.", "“Now?” she asked."]
    );
    assert_eq!(
        sents("\"Really?\", she asked."),
        ["\"Really?\", she asked."]
    );
    assert_eq!(
        sents("He paused... and then spoke."),
        ["He paused... and then spoke."]
    );
}

#[test]
fn never_after_titles() {
    assert_eq!(
        sents("Mr. Smith met Dr. Jones, Gov. Lee, Sen. Park and Gen. Ruiz. They talked."),
        [
            "Mr. Smith met Dr. Jones, Gov. Lee, Sen. Park and Gen. Ruiz.",
            "They talked."
        ]
    );
    assert_eq!(sents("He spoke to Mr. The"), ["He spoke to Mr. The"]);
}

#[test]
fn not_after_initials() {
    assert_eq!(
        sents("Donald J. Trump spoke. George W. Bush listened."),
        ["Donald J. Trump spoke.", "George W. Bush listened."]
    );
}

#[test]
fn acronyms_and_company_suffixes() {
    assert_eq!(
        sents(
            "He praised the U.S. economy and the U.S. Senate. It grew in the U.S. The rest fell."
        ),
        [
            "He praised the U.S. economy and the U.S. Senate.",
            "It grew in the U.S.",
            "The rest fell."
        ]
    );
    assert_eq!(
        sents("He works for Acme Inc. He likes it. She works for Zeta Corp. But not for long."),
        [
            "He works for Acme Inc.",
            "He likes it.",
            "She works for Zeta Corp.",
            "But not for long."
        ]
    );
    assert_eq!(
        sents("The talk was given by John Smith Jr. In it he argued for change."),
        [
            "The talk was given by John Smith Jr.",
            "In it he argued for change."
        ]
    );
    // `Jr.` before a name-like word does not end the sentence.
    assert_eq!(
        sents("Smith Jr. Industries grew."),
        ["Smith Jr. Industries grew."]
    );
}

#[test]
fn times_and_etc_end_before_capitals() {
    assert_eq!(
        sents("The vote ended at 9 p.m. Officials counted all night."),
        ["The vote ended at 9 p.m.", "Officials counted all night."]
    );
    assert_eq!(sents("at 9 p.m. on Friday"), ["at 9 p.m. on Friday"]);
    assert_eq!(
        sents("Bring food, water, etc. Leave early."),
        ["Bring food, water, etc.", "Leave early."]
    );
}

#[test]
fn months_and_numbers() {
    assert_eq!(
        sents("On Sept. 12 it rose 3.5 percent to No. 2 in the list. It fell later."),
        [
            "On Sept. 12 it rose 3.5 percent to No. 2 in the list.",
            "It fell later."
        ]
    );
}

#[test]
fn ellipsis_before_a_capital_splits() {
    assert_eq!(
        sents("We waited... Nothing happened."),
        ["We waited...", "Nothing happened."]
    );
}

#[test]
fn paragraphs_split_on_every_line_break_style() {
    let text = "First one.\nSecond one.\r\nThird one.\rFourth one.";
    let doc = seg(text);
    let paras: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|p| &text[p.span.range()])
        .collect();
    assert_eq!(
        paras,
        ["First one.", "Second one.", "Third one.", "Fourth one."]
    );
}

#[test]
fn blank_lines_are_not_paragraphs_and_spans_are_trimmed() {
    let text = "\n\n   Indented line.  \n \t \n\r\nLast line\t\n\n";
    let doc = seg(text);
    let paras: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|p| &text[p.span.range()])
        .collect();
    assert_eq!(paras, ["Indented line.", "Last line"]);
    let s: Vec<&str> = doc
        .sentences
        .iter()
        .map(|s| &text[s.span.range()])
        .collect();
    assert_eq!(s, ["Indented line.", "Last line"]);
}

#[test]
fn sentences_never_cross_paragraphs() {
    let text = "A line without a period\nand a lowercase next line.\nMr.\nSmith";
    let doc = seg(text);
    assert_eq!(doc.sentences.len(), 4);
    for (p, par) in doc.paragraphs.iter().enumerate() {
        assert_eq!(par.sentences.len(), 1);
        assert_eq!(
            doc.sentences[par.sentences.start as usize].paragraph,
            p as u32
        );
    }
}

#[test]
fn paragraph_sentence_ranges_cover_everything() {
    let doc = seg("One. Two.\n\nThree? Four!\nFive");
    let ranges: Vec<_> = doc.paragraphs.iter().map(|p| p.sentences.clone()).collect();
    assert_eq!(ranges, [0..2, 2..4, 4..5]);
    for (i, s) in doc.sentences.iter().enumerate() {
        for t in s.tokens.range() {
            assert_eq!(doc.tokens[t].sentence as usize, i);
        }
    }
}

#[test]
fn sentence_inside_a_multi_sentence_quotation() {
    assert_eq!(
        sents("“We won. We will win again,” she said. Nobody cheered."),
        [
            "“We won.",
            "We will win again,” she said.",
            "Nobody cheered."
        ]
    );
}
