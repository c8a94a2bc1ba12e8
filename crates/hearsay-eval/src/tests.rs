use super::*;

/// The code-point span of the `nth` (0-based) occurrence of `needle` in `text`.
fn find_nth(text: &str, needle: &str, nth: usize) -> CharSpan {
    let chars: Vec<char> = text.chars().collect();
    let n: Vec<char> = needle.chars().collect();
    let start = (0..chars.len())
        .filter(|&i| chars[i..].starts_with(&n))
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"));
    CharSpan::new(start, start + n.len())
}

fn find(text: &str, needle: &str) -> CharSpan {
    find_nth(text, needle, 0)
}

fn attr(text: &str, source: &[&str], cue: &[&str], content: &[&str]) -> AnnAttribution {
    let f = |v: &[&str]| v.iter().map(|s| find(text, s)).collect();
    AnnAttribution {
        source: f(source),
        cue: f(cue),
        content: f(content),
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> Prf {
    Prf { tp, fp, fn_ }
}

#[test]
fn trim_chars() {
    for c in ".,;:!?\"'“”‘’«»()[]{}-–—… \n\t„‹›".chars() {
        assert!(is_trim_char(c), "{c:?}");
    }
    for c in "aZ9é$%&@#/".chars() {
        assert!(!is_trim_char(c), "{c:?}");
    }
}

#[test]
fn exact_match_ignores_boundary_quotes_and_punctuation() {
    let text = "Ms. Pérez said: “We will win — always,” before she left. (Reuters) «Non…»";
    let gold = vec![AnnAttribution {
        source: vec![find(text, "Ms. Pérez")],
        cue: vec![find(text, "said:")],
        content: vec![find(text, "“We will win — always,”")],
    }];
    let pred = vec![AnnAttribution {
        // "Ms. Pérez" keeps its inner period; a trailing space is trimmed.
        source: vec![find(text, "Ms. Pérez ")],
        cue: vec![find(text, "said")],
        content: vec![find(text, "We will win — always")],
    }];
    let s = score_doc(text, &gold, &pred);
    for m in [s.source, s.cue, s.content, s.attribution] {
        assert_eq!(m.exact, prf(1, 0, 0));
        assert_eq!(m.overlap, prf(1, 0, 0));
    }
    // Brackets, guillemets and the ellipsis.
    let g = vec![attr(text, &[], &[], &["(Reuters)", "«Non…»"])];
    let p = vec![attr(text, &[], &[], &["Reuters", "Non"])];
    assert_eq!(score_doc(text, &g, &p).content.exact, prf(2, 0, 0));
    // An inner difference is not trimmed away.
    let p = vec![attr(text, &[], &[], &["We will win"])];
    let s = score_doc(text, &gold, &p);
    assert_eq!(s.content.exact, prf(0, 1, 1));
}

#[test]
fn pieces_that_trim_to_nothing_are_dropped() {
    let text = "He said — “” yes.";
    let gold = vec![AnnAttribution {
        source: vec![find(text, "He")],
        cue: vec![find(text, "said")],
        content: vec![find(text, "—"), find(text, "yes")],
    }];
    let pred = vec![AnnAttribution {
        source: vec![find(text, "He")],
        cue: vec![find(text, "said")],
        content: vec![find(text, "“”"), find(text, "yes.")],
    }];
    let s = score_doc(text, &gold, &pred);
    assert_eq!(s.content.exact, prf(1, 0, 0));
    assert_eq!(s.attribution.exact, prf(1, 0, 0));
    // A whole attribution of punctuation is ignored.
    let junk = vec![AnnAttribution {
        source: vec![],
        cue: vec![find(text, "—")],
        content: vec![],
    }];
    let s = score_doc(text, &[], &junk);
    assert_eq!(s.attribution.exact, prf(0, 0, 0));
    assert_eq!(s.cue.exact, prf(0, 0, 0));
}

#[test]
fn discontinuous_pieces_count_one_by_one() {
    let text = "“The plan is dead,” the senator said, “and everyone knows it.”";
    let gold = vec![attr(
        text,
        &["the senator"],
        &["said"],
        &["“The plan is dead,”", "“and everyone knows it.”"],
    )];
    // The prediction finds only the first piece.
    let pred = vec![attr(
        text,
        &["the senator"],
        &["said"],
        &["The plan is dead"],
    )];
    let s = score_doc(text, &gold, &pred);
    assert_eq!(s.content.exact, prf(1, 0, 1));
    assert_eq!(s.content.overlap, prf(1, 0, 1));
    // Whole attribution: content piece sets differ, so no exact match; for overlap the
    // concatenated content has 4 of 8 tokens in common: Jaccard exactly 0.5.
    assert_eq!(s.attribution.exact, prf(0, 1, 1));
    assert_eq!(s.attribution.overlap, prf(1, 0, 0));
    // Both pieces found: exact attribution match, in either order.
    let pred = vec![attr(
        text,
        &["the senator"],
        &["said,"],
        &["and everyone knows it.", "The plan is dead,"],
    )];
    let s = score_doc(text, &gold, &pred);
    assert_eq!(s.content.exact, prf(2, 0, 0));
    assert_eq!(s.attribution.exact, prf(1, 0, 0));
}

#[test]
fn one_to_one_with_duplicates() {
    let text = "Officials said the bridge was closed and the road was open.";
    let said = || attr(text, &["Officials"], &["said"], &["the bridge was closed"]);
    // Gold has the attribution twice; the prediction three times.
    let gold = vec![said(), said()];
    let pred = vec![said(), said(), said()];
    let s = score_doc(text, &gold, &pred);
    for m in [s.source, s.cue, s.content, s.attribution] {
        assert_eq!(m.exact, prf(2, 1, 0));
        assert_eq!(m.overlap, prf(2, 1, 0));
    }
    let s = score_doc(text, &gold, &pred[..1]);
    assert_eq!(s.cue.exact, prf(1, 0, 1));
    assert_eq!(s.attribution.overlap, prf(1, 0, 1));
    // One prediction overlapping two gold spans matches only one of them.
    let gold = vec![attr(
        text,
        &[],
        &["said"],
        &["the bridge was closed", "the road was open"],
    )];
    let pred = vec![attr(
        text,
        &[],
        &["said"],
        &["the bridge was closed and the road was open"],
    )];
    // 4 of 9 tokens each: below the threshold anyway; use a wider gold to cross it.
    assert_eq!(score_doc(text, &gold, &pred).content.overlap, prf(0, 1, 2));
    let gold = vec![attr(
        text,
        &[],
        &["said"],
        &["the bridge was closed and the", "the road was open"],
    )];
    // 6/9 and 4/9 Jaccard: one match only.
    assert_eq!(score_doc(text, &gold, &pred).content.overlap, prf(1, 0, 1));
}

#[test]
fn overlap_threshold_is_inclusive_at_one_half() {
    let text = "alpha beta gamma delta epsilon";
    let one = |g: &str, p: &str| {
        let gold = vec![attr(text, &[], &[], &[g])];
        let pred = vec![attr(text, &[], &[], &[p])];
        score_doc(text, &gold, &pred).content.overlap.tp
    };
    assert_eq!(one("alpha beta gamma delta", "alpha beta"), 1); // 2/4
    assert_eq!(one("alpha beta gamma", "beta gamma delta"), 1); // 2/4
    assert_eq!(one("alpha beta gamma delta", "alpha"), 0); // 1/4
    assert_eq!(one("alpha beta gamma", "gamma delta"), 0); // 1/4
    assert_eq!(one("alpha beta gamma", "gamma delta epsilon"), 0); // 1/5
    assert_eq!(one("alpha beta", "alpha beta gamma delta epsilon"), 0); // 2/5
                                                                        // A span cut inside a word still touches the whole token.
    assert_eq!(one("alpha beta", "pha beta"), 1);
}

#[test]
fn overlap_matching_prefers_the_best_pairs() {
    let text = "one two three four";
    // g0 = 4 tokens, g1 = last 2; p0 = last 2, p1 = all 4. Greedy by Jaccard pairs g0-p1 and
    // g1-p0 (both 1.0) rather than g0-p0 (0.5) first.
    let gold = vec![
        attr(text, &[], &[], &["one two three four"]),
        attr(text, &[], &[], &["three four"]),
    ];
    let pred = vec![
        attr(text, &[], &[], &["three four"]),
        attr(text, &[], &[], &["one two three four"]),
    ];
    let s = score_doc(text, &gold, &pred);
    assert_eq!(s.content.overlap, prf(2, 0, 0));
    assert_eq!(s.attribution.overlap, prf(2, 0, 0));
}

#[test]
fn attributions_without_source() {
    let text = "It is believed that taxes will rise, the minister warned.";
    let gold = vec![
        attr(text, &[], &["is believed"], &["that taxes will rise"]),
        attr(text, &["the minister"], &["warned"], &["taxes will rise"]),
    ];
    let pred_same = vec![
        attr(text, &[], &["is believed"], &["that taxes will rise"]),
        attr(text, &["the minister"], &["warned"], &["taxes will rise,"]),
    ];
    let s = score_doc(text, &gold, &pred_same);
    assert_eq!(s.attribution.exact, prf(2, 0, 0));
    assert_eq!(s.source.exact, prf(1, 0, 0));
    // A source where gold has none (and none where gold has one) breaks the match.
    let pred_swapped = vec![
        attr(text, &["It"], &["is believed"], &["that taxes will rise"]),
        attr(text, &[], &["warned"], &["taxes will rise"]),
    ];
    let s = score_doc(text, &gold, &pred_swapped);
    assert_eq!(s.attribution.exact, prf(0, 2, 2));
    assert_eq!(s.attribution.overlap, prf(0, 2, 2));
    assert_eq!(s.cue.exact, prf(2, 0, 0));
    assert_eq!(s.source.exact, prf(0, 1, 1));
    // Absent cues on both sides are equal too.
    let no_cue = vec![attr(text, &["the minister"], &[], &["taxes will rise"])];
    assert_eq!(
        score_doc(text, &no_cue, &no_cue).attribution.exact,
        prf(1, 0, 0)
    );
}

#[test]
fn attribution_overlap_needs_every_present_role() {
    let text =
        "The White House press secretary told reporters on Monday that the talks had failed.";
    let gold = vec![attr(
        text,
        &["The White House press secretary"],
        &["told"],
        &["the talks had failed"],
    )];
    // Source 2/5 tokens: below the threshold even though cue and content are exact.
    let pred = vec![attr(
        text,
        &["press secretary"],
        &["told"],
        &["the talks had failed"],
    )];
    assert_eq!(
        score_doc(text, &gold, &pred).attribution.overlap,
        prf(0, 1, 1)
    );
    // Source 3/5, content 4/5: overlap match, no exact match.
    let pred = vec![attr(
        text,
        &["White House press"],
        &["told"],
        &["talks had failed"],
    )];
    let s = score_doc(text, &gold, &pred);
    assert_eq!(s.attribution.overlap, prf(1, 0, 0));
    assert_eq!(s.attribution.exact, prf(0, 1, 1));
    assert_eq!(s.source.overlap, prf(1, 0, 0));
    assert_eq!(s.source.exact, prf(0, 1, 1));
}

#[test]
fn multibyte_offsets_are_code_points() {
    let text = "«Ça suffit», a déclaré Zoë 😀 Müller à Genève.";
    let gold = vec![attr(
        text,
        &["Zoë 😀 Müller"],
        &["a déclaré"],
        &["«Ça suffit»"],
    )];
    let pred = vec![attr(text, &["Zoë 😀 Müller"], &["déclaré"], &["Ça suffit"])];
    let s = score_doc(text, &gold, &pred);
    assert_eq!(s.source.exact, prf(1, 0, 0));
    assert_eq!(s.content.exact, prf(1, 0, 0));
    assert_eq!(s.cue.exact, prf(0, 1, 1));
    assert_eq!(s.cue.overlap, prf(1, 0, 0)); // 1/2
}

#[test]
fn empty_inputs_and_out_of_range_spans() {
    let s = score_doc("", &[], &[]);
    assert_eq!(s, DocScores::default());
    let p = s.content.exact;
    assert_eq!((p.precision(), p.recall(), p.f1()), (1.0, 1.0, 1.0));

    let text = "Bob said hi.";
    let gold = vec![attr(text, &["Bob"], &["said"], &["hi"])];
    let s = score_doc(text, &gold, &[]);
    let p = s.attribution.exact;
    assert_eq!(p, prf(0, 0, 1));
    assert_eq!((p.precision(), p.recall(), p.f1()), (0.0, 0.0, 0.0));
    let s = score_doc(text, &[], &gold);
    let p = s.cue.overlap;
    assert_eq!(p, prf(0, 1, 0));
    assert_eq!((p.precision(), p.recall(), p.f1()), (0.0, 0.0, 0.0));

    // Spans past the end are clamped, never a panic.
    let wild = vec![AnnAttribution {
        source: vec![CharSpan::new(100, 200)],
        cue: vec![CharSpan::new(4, 999)],
        content: vec![CharSpan::new(9, 3)],
    }];
    let s = score_doc(text, &gold, &wild);
    assert_eq!(s.source.exact, prf(0, 0, 1));
    assert_eq!(s.cue.exact, prf(0, 1, 1));
    assert_eq!(s.content.exact, prf(0, 0, 1));
    // "said hi." clamped and trimmed to "said hi": 1/2 of the tokens of "said".
    assert_eq!(s.cue.overlap, prf(1, 0, 0));
    let _ = score_doc("", &wild, &wild);
}

#[test]
fn prf_arithmetic() {
    let p = prf(3, 1, 2);
    assert_eq!(p.gold(), 5);
    assert_eq!(p.pred(), 4);
    assert!((p.precision() - 0.75).abs() < 1e-12);
    assert!((p.recall() - 0.6).abs() < 1e-12);
    assert!((p.f1() - 6.0 / 9.0).abs() < 1e-12);
    assert_eq!(Prf::from_counts(2, 3, 5), prf(2, 3, 1));
}

#[test]
fn report_sums_displays_and_serializes() {
    let text = "Bob said hi. Ann said bye.";
    let gold = vec![
        attr(text, &["Bob"], &["said"], &["hi"]),
        AnnAttribution {
            source: vec![find(text, "Ann")],
            cue: vec![find_nth(text, "said", 1)],
            content: vec![find(text, "bye")],
        },
    ];
    let pred = vec![attr(text, &["Bob"], &["said"], &["hi"])];
    let mut report = EvalReport::new();
    report.add(&score_doc(text, &gold, &pred));
    report.add(&score_doc(text, &gold, &gold));
    assert_eq!(report.docs, 2);
    assert_eq!(report.cue.exact, prf(3, 0, 1));
    assert_eq!(report.attribution.overlap, prf(3, 0, 1));

    let mut merged = EvalReport::new();
    merged.merge(&report);
    merged.merge(&EvalReport::new());
    assert_eq!(merged, report);

    let shown = report.to_string();
    assert!(shown.starts_with("2 documents"), "{shown}");
    for row in ["Source", "Cue", "Content", "Attribution"] {
        assert!(shown.lines().any(|l| l.starts_with(row)), "{shown}");
    }
    assert!(shown.contains("100.0"), "{shown}");
    assert!(shown.contains("75.0"), "{shown}");
    assert!(shown.contains("85.7"), "{shown}");

    let j = report.to_json();
    assert_eq!(j["docs"], 2);
    assert_eq!(j["cue"]["exact"]["tp"], 3);
    assert_eq!(j["cue"]["exact"]["fn"], 1);
    assert_eq!(j["cue"]["exact"]["precision"], 1.0);
    assert_eq!(j["cue"]["exact"]["recall"], 0.75);
    assert!(j["attribution"]["overlap"]["f1"].as_f64().unwrap() > 0.85);

    // An empty report shows and serializes without dividing by zero.
    let empty = EvalReport::new();
    assert!(empty.to_string().starts_with("0 documents"));
    assert_eq!(empty.to_json()["source"]["exact"]["f1"], 1.0);
}
