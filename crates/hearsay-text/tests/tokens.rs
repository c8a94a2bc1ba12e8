//! Tokenization rules, one test per rule. All sentences are invented for these tests.

mod common;

use common::{kinds, seg, toks};
use hearsay_doc::TokenKind;

#[test]
fn words_and_punctuation() {
    assert_eq!(
        toks("The mayor, smiling, left (quickly); nobody followed."),
        [
            "The", "mayor", ",", "smiling", ",", "left", "(", "quickly", ")", ";", "nobody",
            "followed", "."
        ]
    );
}

#[test]
fn numbers() {
    let k = kinds("It cost $5, then 1,000 or 3.5 or .75 units on 9/11 and 2016-09-12 at 10:30, up 12% in the 1990s.");
    let nums: Vec<&str> = k
        .iter()
        .filter(|(_, k)| *k == TokenKind::Number)
        .map(|(s, _)| *s)
        .collect();
    assert_eq!(
        nums,
        [
            "5",
            "1,000",
            "3.5",
            ".75",
            "9/11",
            "2016-09-12",
            "10:30",
            "12",
            "1990s"
        ]
    );
    assert!(k.contains(&("$", TokenKind::Symbol)));
    assert!(k.contains(&("%", TokenKind::Symbol)));
    // A sentence-final period after a number is punctuation, not a decimal point.
    assert_eq!(toks("It rose in 2016."), ["It", "rose", "in", "2016", "."]);
    assert_eq!(toks("$1.2 billion"), ["$", "1.2", "billion"]);
    assert_eq!(toks("an 18-year-old"), ["an", "18-year-old"]);
}

#[test]
fn clitics_straight_apostrophe() {
    assert_eq!(
        toks("don't it's Trump's they're we've I'll he'd I'm can't won't Let's"),
        [
            "do", "n't", "it", "'s", "Trump", "'s", "they", "'re", "we", "'ve", "I", "'ll", "he",
            "'d", "I", "'m", "ca", "n't", "wo", "n't", "Let", "'s"
        ]
    );
}

#[test]
fn clitics_curly_apostrophe() {
    assert_eq!(
        toks("didn’t it’s Trump’s they’re we’ve I’ll she’d I’m can’t won’t isn’t"),
        [
            "did", "n’t", "it", "’s", "Trump", "’s", "they", "’re", "we", "’ve", "I", "’ll", "she",
            "’d", "I", "’m", "ca", "n’t", "wo", "n’t", "is", "n’t"
        ]
    );
}

#[test]
fn clitics_uppercase_and_stacked() {
    assert_eq!(toks("DON'T IT'S"), ["DO", "N'T", "IT", "'S"]);
    assert_eq!(toks("I'd've"), ["I", "'d", "'ve"]);
    assert_eq!(toks("the U.S.'s role"), ["the", "U.S.", "'s", "role"]);
    assert_eq!(toks("in the 1990's"), ["in", "the", "1990", "'s"]);
}

#[test]
fn clitics_are_words_not_quotes() {
    for (s, k) in kinds("it’s didn’t Trump's") {
        assert_eq!(k, TokenKind::Word, "{s}");
    }
}

#[test]
fn inner_apostrophes_stay() {
    assert_eq!(
        toks("O'Brien's dog at five o'clock, ma’am"),
        ["O'Brien", "'s", "dog", "at", "five", "o'clock", ",", "ma’am"]
    );
}

#[test]
fn possessive_plural_apostrophe_is_split_as_a_word() {
    assert_eq!(
        kinds("the voters’ trust and the states' rights"),
        [
            ("the", TokenKind::Word),
            ("voters", TokenKind::Word),
            ("’", TokenKind::Word),
            ("trust", TokenKind::Word),
            ("and", TokenKind::Word),
            ("the", TokenKind::Word),
            ("states", TokenKind::Word),
            ("'", TokenKind::Word),
            ("rights", TokenKind::Word),
        ]
    );
}

#[test]
fn years_keep_their_apostrophe() {
    assert_eq!(
        kinds("the ’90s and '16"),
        [
            ("the", TokenKind::Word),
            ("’90s", TokenKind::Number),
            ("and", TokenKind::Word),
            ("'16", TokenKind::Number),
        ]
    );
}

#[test]
fn ptb_fused_forms() {
    assert_eq!(toks("I cannot say"), ["I", "can", "not", "say"]);
    assert_eq!(
        toks("gonna wanna gotta"),
        ["gon", "na", "wan", "na", "got", "ta"]
    );
    assert_eq!(
        toks("tell 'em, rock ’n’ roll"),
        ["tell", "'em", ",", "rock", "’n’", "roll"]
    );
}

#[test]
fn hyphenated_words_stay_whole() {
    assert_eq!(
        toks("a well-known, Russian-made, U.S.-led, COVID-19 mother-in-law's plan"),
        [
            "a",
            "well-known",
            ",",
            "Russian-made",
            ",",
            "U.S.-led",
            ",",
            "COVID-19",
            "mother-in-law",
            "'s",
            "plan"
        ]
    );
    // A hyphen between spaces, or trailing, is punctuation.
    assert_eq!(
        toks("pre- and post-war - ok"),
        ["pre", "-", "and", "post-war", "-", "ok"]
    );
}

#[test]
fn abbreviations_keep_their_period() {
    let text =
        "Mr. Mrs. Dr. Gov. Sen. Rep. Gen. Lt. Col. Sgt. Sept. Jan. Feb. Aug. Oct. Nov. Dec. \
                Acme Inc. Corp. Co. Ltd. Jr. Sr. St. Louis vs. etc. No. 1";
    let t = toks(text);
    for a in [
        "Mr.", "Mrs.", "Dr.", "Gov.", "Sen.", "Rep.", "Gen.", "Lt.", "Col.", "Sgt.", "Sept.",
        "Jan.", "Feb.", "Aug.", "Oct.", "Nov.", "Dec.", "Inc.", "Corp.", "Co.", "Ltd.", "Jr.",
        "Sr.", "St.", "vs.", "etc.", "No.",
    ] {
        assert!(t.contains(&a), "{a} missing from {t:?}");
    }
    assert!(!t.contains(&"."), "{t:?}");
}

#[test]
fn no_only_before_a_number() {
    assert_eq!(toks("No. 1 seed"), ["No.", "1", "seed"]);
    assert_eq!(toks("He said No. Then"), ["He", "said", "No", ".", "Then"]);
    assert_eq!(toks("he said no."), ["he", "said", "no", "."]);
}

#[test]
fn initials_and_acronyms() {
    assert_eq!(toks("Donald J. Trump"), ["Donald", "J.", "Trump"]);
    assert_eq!(toks("J.R.R. Tolkien"), ["J.R.R.", "Tolkien"]);
    assert_eq!(
        toks("the U.S. and the U.N. met in D.C. at 9 a.m. and 5 p.m., e.g. today"),
        [
            "the", "U.S.", "and", "the", "U.N.", "met", "in", "D.C.", "at", "9", "a.m.", "and",
            "5", "p.m.", ",", "e.g.", "today"
        ]
    );
    assert_eq!(toks("a Ph.D. student"), ["a", "Ph.D.", "student"]);
    assert_eq!(
        toks("Sen. Jones (R-Ariz.) said"),
        ["Sen.", "Jones", "(", "R-Ariz.", ")", "said"]
    );
}

#[test]
fn ordinary_words_lose_their_period() {
    assert_eq!(
        toks("The end. The FBI."),
        ["The", "end", ".", "The", "FBI", "."]
    );
    // Missing space after a period.
    assert_eq!(toks("It ended.Then"), ["It", "ended", ".", "Then"]);
}

#[test]
fn ellipsis_and_dashes() {
    assert_eq!(toks("Wait... what… no"), ["Wait", "...", "what", "…", "no"]);
    assert_eq!(toks("etc... fine"), ["etc", "...", "fine"]);
    assert_eq!(
        toks("yes—no – maybe -- fine"),
        ["yes", "—", "no", "–", "maybe", "--", "fine"]
    );
    assert_eq!(toks("Really?! Yes!!"), ["Really", "?!", "Yes", "!!"]);
    for (s, k) in kinds("… — – -- ...") {
        assert_eq!(k, TokenKind::Punct, "{s}");
    }
}

#[test]
fn every_quotation_mark_is_its_own_quote_token() {
    let text = "\"a\" “b” ‘c’ «d» „e“ ‹f› 'g'";
    let k = kinds(text);
    let quotes: Vec<&str> = k
        .iter()
        .filter(|(_, k)| *k == TokenKind::Quote)
        .map(|(s, _)| *s)
        .collect();
    assert_eq!(
        quotes,
        ["\"", "\"", "“", "”", "‘", "’", "«", "»", "„", "“", "‹", "›", "'", "'"]
    );
    let words: Vec<&str> = k
        .iter()
        .filter(|(_, k)| *k == TokenKind::Word)
        .map(|(s, _)| *s)
        .collect();
    assert_eq!(words, ["a", "b", "c", "d", "e", "f", "g"]);
    assert_eq!(toks("``PTB''"), ["``", "PTB", "''"]);
}

#[test]
fn quotes_glued_to_words_and_punctuation() {
    assert_eq!(
        toks("He said \"Stop.\" Then “go,” she said."),
        [
            "He", "said", "\"", "Stop", ".", "\"", "Then", "“", "go", ",", "”", "she", "said", "."
        ]
    );
    // A single quote used as a quote, not an apostrophe.
    assert_eq!(
        toks("'Fake,' he said"),
        ["'", "Fake", ",", "'", "he", "said"]
    );
    assert_eq!(toks("‘Fake’ news"), ["‘", "Fake", "’", "news"]);
}

#[test]
fn urls_emails_handles_hashtags() {
    assert_eq!(
        toks("See https://example.com/a?b=1, or www.example.org. Mail press@example.gov or jane.doe@mail.example.co.uk!"),
        ["See", "https://example.com/a?b=1", ",", "or", "www.example.org", ".", "Mail", "press@example.gov", "or", "jane.doe@mail.example.co.uk", "!"]
    );
    assert_eq!(
        toks("(see http://en.example.org/wiki/Thing_(idea))"),
        ["(", "see", "http://en.example.org/wiki/Thing_(idea)", ")"]
    );
    assert_eq!(
        toks("on example.com and Acme.com's site"),
        ["on", "example.com", "and", "Acme.com", "'s", "site"]
    );
    assert_eq!(
        toks("at nytimes.com/politics."),
        ["at", "nytimes.com/politics", "."]
    );
    assert_eq!(
        kinds("@jane_doe #Vote2016 #1"),
        [
            ("@jane_doe", TokenKind::Word),
            ("#Vote2016", TokenKind::Word),
            ("#", TokenKind::Symbol),
            ("1", TokenKind::Number),
        ]
    );
    assert_eq!(
        toks("“https://example.com/x”"),
        ["“", "https://example.com/x", "”"]
    );
}

#[test]
fn ampersands_and_slashes() {
    assert_eq!(
        toks("AT&T and S&P, and/or Q&A"),
        ["AT&T", "and", "S&P", ",", "and/or", "Q&A"]
    );
    assert_eq!(toks("rock & roll"), ["rock", "&", "roll"]);
}

#[test]
fn space_before_is_set() {
    let doc = seg("He said \"no.\"\n(Yes)");
    let sb: Vec<(&str, bool)> = (0..doc.tokens.len())
        .map(|t| (doc.token_text(t as u32), doc.tokens[t].space_before))
        .collect();
    assert_eq!(
        sb,
        [
            ("He", false),
            ("said", true),
            ("\"", true),
            ("no", false),
            (".", false),
            ("\"", false),
            ("(", true),
            ("Yes", false),
            (")", false),
        ]
    );
}

#[test]
fn token_kinds() {
    assert_eq!(
        kinds("Acme's 3 “x” , @ © 😀"),
        [
            ("Acme", TokenKind::Word),
            ("'s", TokenKind::Word),
            ("3", TokenKind::Number),
            ("“", TokenKind::Quote),
            ("x", TokenKind::Word),
            ("”", TokenKind::Quote),
            (",", TokenKind::Punct),
            ("@", TokenKind::Symbol),
            ("©", TokenKind::Symbol),
            ("😀", TokenKind::Symbol),
        ]
    );
}
