//! Quotation pairing. All sentences are invented for these tests.

mod common;

use common::{quoted_tokens, quotes, roles, seg};
use hearsay_doc::{QuoteRole, TokenKind};

#[test]
fn curly_double_quotes() {
    let doc = seg("She said “we are ready” and left.");
    assert_eq!(quotes(&doc), ["we are ready"]);
    assert_eq!(roles(&doc), "oc");
    assert_eq!(quoted_tokens(&doc), ["we", "are", "ready"]);
}

#[test]
fn straight_double_quotes_by_context() {
    let doc = seg("\"We will win,\" he said, calling it \"a sure thing\" and \"easy.\"");
    assert_eq!(quotes(&doc), ["We will win,", "a sure thing", "easy."]);
    assert_eq!(roles(&doc), "ocococ");
}

#[test]
fn straight_quotes_alternate_when_ambiguous() {
    // Spaces on both sides of every mark: open, close, open, close.
    let doc = seg("he said \" yes \" and \" no \" today");
    assert_eq!(roles(&doc), "ococ");
    assert_eq!(quotes(&doc), ["yes", "no"]);
    // Glued on both sides: the first opens, the second closes.
    let doc = seg("a\"b\"c");
    assert_eq!(roles(&doc), "oc");
}

#[test]
fn nested_single_inside_double() {
    let doc = seg("“He told me ‘never again’ twice,” she said.");
    assert_eq!(
        quotes(&doc),
        ["He told me ‘never again’ twice,", "never again"]
    );
    assert_eq!(roles(&doc), "oocc");
    // The nested marks are inside the outer quotation.
    assert_eq!(
        quoted_tokens(&doc),
        ["He", "told", "me", "‘", "never", "again", "’", "twice", ","]
    );
    let doc = seg("\"He told me 'never again' twice,\" she said.");
    assert_eq!(
        quotes(&doc),
        ["He told me 'never again' twice,", "never again"]
    );
}

#[test]
fn headline_single_quotes() {
    let doc = seg("Mayor calls plan 'a disaster' as council votes");
    assert_eq!(quotes(&doc), ["a disaster"]);
    let doc = seg("Mayor calls plan ‘a disaster’ as council votes");
    assert_eq!(quotes(&doc), ["a disaster"]);
    let doc = seg("'We will fight,' says union leader");
    assert_eq!(quotes(&doc), ["We will fight,"]);
}

#[test]
fn apostrophes_are_not_quotes() {
    let doc = seg("It’s the voters’ choice, and O'Brien's too; they didn’t care about the ’90s.");
    assert!(doc.quotations.is_empty());
    assert!(doc.tokens.iter().all(|t| t.kind != TokenKind::Quote));
    assert!(doc
        .tokens
        .iter()
        .all(|t| t.quote == QuoteRole::None && !t.in_quote));
}

#[test]
fn apostrophes_inside_quotations_do_not_close_them() {
    let doc = seg("“It’s the workers’ money, and they’re angry,” he said.");
    assert_eq!(
        quotes(&doc),
        ["It’s the workers’ money, and they’re angry,"]
    );
    let doc = seg("‘It’s the workers’ money,’ he said.");
    assert_eq!(quotes(&doc), ["It’s the workers’ money,"]);
}

#[test]
fn possessive_apostrophe_can_close_a_single_quotation() {
    let doc = seg("He called the plan ‘a win for workers’.");
    assert_eq!(quotes(&doc), ["a win for workers"]);
    let close = doc.quotations[0].close.unwrap();
    assert_eq!(doc.tokens[close as usize].kind, TokenKind::Quote);
    // Two single quotations in one paragraph, both ending in s.
    let doc = seg("‘Fake news’ was the cry, and ‘sad days’ the reply.");
    assert_eq!(quotes(&doc), ["Fake news", "sad days"]);
    // Without an open single quotation it stays a possessive word.
    let doc = seg("The workers’ union met.");
    assert!(doc.quotations.is_empty());
}

#[test]
fn multi_paragraph_quotation_curly() {
    let text = "“The first part runs on.\n“The second part runs on too.\n“The third part ends,” she said.\nShe left.";
    let doc = seg(text);
    assert_eq!(doc.quotations.len(), 1);
    let q = doc.quotations[0];
    assert_eq!(q.open, 0);
    assert_eq!(doc.token_text(q.close.unwrap()), "”");
    assert_eq!(
        doc.span_text(q.tokens),
        "The first part runs on.\n“The second part runs on too.\n“The third part ends,"
    );
    // The re-opening marks open but start no quotation, and are not in_quote.
    assert_eq!(roles(&doc), "oooc");
    for p in 1..3 {
        let first = doc.sentences[doc.paragraphs[p].sentences.start as usize]
            .tokens
            .start as usize;
        assert_eq!(doc.tokens[first].quote, QuoteRole::Open);
        assert!(!doc.tokens[first].in_quote);
        assert!(doc.tokens[first + 1].in_quote);
    }
    // Nothing after the close is quoted.
    let close = q.close.unwrap() as usize;
    assert!(doc.tokens[close + 1..].iter().all(|t| !t.in_quote));
}

#[test]
fn multi_paragraph_quotation_straight() {
    let doc = seg("\"We came here to work.\n\n\"And we will stay,\" he said.");
    assert_eq!(
        quotes(&doc),
        ["We came here to work.\n\n\"And we will stay,"]
    );
    assert_eq!(roles(&doc), "ooc");
}

#[test]
fn multi_paragraph_quotation_never_closed() {
    let doc = seg("“It goes on.\n“And on.\nThe reporter wrote this.");
    assert_eq!(quotes(&doc), ["It goes on.\n“And on.…"]);
    assert!(doc.quotations[0].close.is_none());
    let last = doc.paragraphs[2].sentences.start as usize;
    assert!(doc.sentence_tokens(last).iter().all(|t| !t.in_quote));
}

#[test]
fn unclosed_quotation_ends_with_its_paragraph() {
    let doc = seg("He said “this never closes.\nThe next paragraph is not quoted.\nNor this one.");
    assert_eq!(quotes(&doc), ["this never closes.…"]);
    assert_eq!(doc.quotations[0].close, None);
    assert_eq!(quoted_tokens(&doc), ["this", "never", "closes", "."]);
}

#[test]
fn stray_closing_marks() {
    let doc = seg("This was wrong.” He left. It was “fine.”” Really.");
    assert_eq!(roles(&doc), "socs");
    assert_eq!(quotes(&doc), ["fine."]);
    let doc = seg("He said it was over.\" Then he left.");
    assert_eq!(roles(&doc), "s");
    assert!(doc.quotations.is_empty());
    assert!(doc.tokens.iter().all(|t| !t.in_quote));
}

#[test]
fn stray_opening_mark_at_paragraph_end() {
    let doc = seg("He said “\nNext paragraph.");
    assert_eq!(roles(&doc), "s");
    assert!(doc.quotations.is_empty());
}

#[test]
fn unclosed_single_quotes_are_stray() {
    let doc = seg("He said 'maybe and left.\nThen 'twas over.");
    assert_eq!(roles(&doc), "ss");
    assert!(doc.quotations.is_empty());
}

#[test]
fn single_quotes_do_not_continue_across_paragraphs() {
    let doc = seg("‘It goes on.\n‘And on,’ he said.");
    assert_eq!(quotes(&doc), ["And on,"]);
    assert_eq!(roles(&doc), "soc");
}

#[test]
fn guillemets_and_low_quotes() {
    let doc = seg("Il a dit «non» et „nein“ und ‹ja›.");
    assert_eq!(quotes(&doc), ["non", "nein", "ja"]);
    assert_eq!(roles(&doc), "ocococ");
}

#[test]
fn miscurled_marks() {
    // A closing mark used to open, an opening mark used to close.
    let doc = seg("He said ”no way“ and left.");
    assert_eq!(quotes(&doc), ["no way"]);
}

#[test]
fn double_close_strands_open_singles() {
    let doc = seg("“He said ‘no and left,” she wrote.");
    assert_eq!(quotes(&doc), ["He said ‘no and left,"]);
    assert_eq!(roles(&doc), "osc");
}

#[test]
fn single_close_never_breaks_a_double_quotation() {
    let doc = seg("‘He said “no’ and left,” she wrote.");
    // The ’ cannot close ‘ across the open “, so it is stray; the double pair holds.
    assert_eq!(quotes(&doc), ["no’ and left,"]);
}

#[test]
fn quotations_are_sorted_and_consistent() {
    let doc = seg("“A ‘b’ c.\n“D ‘e’ f,” he said. “G.”");
    let opens: Vec<u32> = doc.quotations.iter().map(|q| q.open).collect();
    let mut sorted = opens.clone();
    sorted.sort();
    assert_eq!(opens, sorted);
    assert_eq!(quotes(&doc), ["A ‘b’ c.\n“D ‘e’ f,", "b", "e", "G."]);
}

#[test]
fn many_unbalanced_marks_are_linear() {
    for mark in ["\"", "“", "”", "'", "‘", "’", "«", "„", "``", "''"] {
        let text = mark.repeat(10_000);
        let doc = seg(&text);
        assert!(doc.tokens.iter().all(|t| t.kind == TokenKind::Quote));
        let text = format!("{} word ", mark).repeat(10_000);
        seg(&text);
    }
    let text = "“‘".repeat(10_000) + &"”".repeat(10_000);
    seg(&text);
    let text = "“ a\n".repeat(10_000);
    let doc = seg(&text);
    // Every paragraph re-opens: one quotation over the whole run, never closed.
    assert_eq!(doc.quotations.len(), 1);
}
