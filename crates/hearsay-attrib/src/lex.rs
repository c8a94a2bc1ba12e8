//! Small lexical helpers: a cheap lemmatiser for verbs and nouns, and word classes that the
//! learned models use as features (they are hints, not rules: the weights decide).

/// Irregular verb forms common in reporting and belief verbs.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("thought", "think"),
    ("felt", "feel"),
    ("knew", "know"),
    ("known", "know"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("saw", "see"),
    ("seen", "see"),
    ("heard", "hear"),
    ("made", "make"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("held", "hold"),
    ("found", "find"),
    ("meant", "mean"),
    ("began", "begin"),
    ("begun", "begin"),
    ("put", "put"),
    ("was", "be"),
    ("were", "be"),
    ("is", "be"),
    ("are", "be"),
    ("am", "be"),
    ("been", "be"),
    ("'s", "be"),
    ("has", "have"),
    ("had", "have"),
    ("did", "do"),
    ("does", "do"),
    ("done", "do"),
    ("got", "get"),
    ("gotten", "get"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("became", "become"),
    ("led", "lead"),
    ("read", "read"),
    ("left", "leave"),
    ("shown", "show"),
    ("drew", "draw"),
    ("fought", "fight"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("foresaw", "foresee"),
    ("taught", "teach"),
    ("sought", "seek"),
    ("brought", "bring"),
    ("understood", "understand"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
];

/// A lower-cased lemma for a word, writing into `out` (cleared first). Verbs and plural nouns
/// lose their inflection by table or by simple suffix rules; everything else is lower-cased.
pub fn lemma_into(word: &str, is_verb: bool, is_plural_noun: bool, out: &mut String) {
    out.clear();
    for c in word.chars() {
        out.extend(c.to_lowercase());
    }
    let out_str = out.as_str();
    if let Some((_, l)) = IRREGULAR.iter().find(|(w, _)| *w == out_str) {
        out.clear();
        out.push_str(l);
        return;
    }
    if !(is_verb || is_plural_noun) || !out.is_ascii() || out.len() < 4 {
        return;
    }
    let b = out.as_bytes();
    let n = b.len();
    if is_verb && out.ends_with("ied") {
        out.truncate(n - 3);
        out.push('y');
    } else if is_verb && out.ends_with("ed") {
        // doubled consonant: "admitted" -> "admit"; silent e: "denied" handled above, "noted" -> "note"
        let stem = &out[..n - 2];
        let sb = stem.as_bytes();
        let sl = sb.len();
        if sl >= 4 && sb[sl - 1] == sb[sl - 2] && !matches!(sb[sl - 1], b'l' | b's' | b'e') {
            out.truncate(n - 3);
        } else if needs_e(stem) {
            out.truncate(n - 1);
        } else {
            out.truncate(n - 2);
        }
    } else if is_verb && out.ends_with("ing") && n > 5 {
        let stem = &out[..n - 3];
        let sb = stem.as_bytes();
        let sl = sb.len();
        if sl >= 4 && sb[sl - 1] == sb[sl - 2] && !matches!(sb[sl - 1], b'l' | b's') {
            out.truncate(n - 4);
        } else if needs_e(stem) {
            out.truncate(n - 3);
            out.push('e');
        } else {
            out.truncate(n - 3);
        }
    } else if out.ends_with("ies") {
        out.truncate(n - 3);
        out.push('y');
    } else if out.ends_with("sses") || out.ends_with("shes") || out.ends_with("ches") {
        out.truncate(n - 2);
    } else if out.ends_with('s') && !out.ends_with("ss") {
        out.truncate(n - 1);
    }
}

/// Whether a stem whose suffix was cut probably ended in a silent e ("not" -> "note").
fn needs_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return false;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    // consonant-vowel-consonant ending with a consonant among these usually took an e:
    // note, state, argue(d), describe, declare, claim (no), announce ...
    let last = b[n - 1];
    let prev = b[n - 2];
    last == b'u'
        || (matches!(
            last,
            b't' | b'v' | b'c' | b'z' | b'r' | b'b' | b'g' | b's' | b'u' | b'k'
        ) && vowel(prev)
            && !(n >= 3 && vowel(b[n - 3])))
        || matches!(
            &stem[n.saturating_sub(2)..],
            "nc" | "rg" | "rs" | "ls" | "dg" | "rv"
        )
}

/// Verbs of saying whose occurrence inside another attribution's content starts a nested
/// attribution (lemmas).
pub fn is_reporting_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "deny"
            | "claim"
            | "report"
            | "announce"
            | "confirm"
            | "insist"
            | "assert"
            | "state"
            | "warn"
            | "write"
            | "tweet"
            | "allege"
            | "declare"
            | "acknowledge"
            | "admit"
            | "argue"
            | "reveal"
            | "testify"
            | "inform"
            | "assure"
            | "promise"
            | "complain"
            | "explain"
            | "suggest"
            | "predict"
            | "concede"
            | "ask"
            | "show"
            | "urge"
            | "instruct"
            | "demand"
    )
}

/// Auxiliaries and adverbs that annotators include at the start of a cue ("had told",
/// "has also said").
pub fn is_cue_modifier(lower: &str) -> bool {
    matches!(
        lower,
        "had"
            | "has"
            | "have"
            | "was"
            | "were"
            | "is"
            | "are"
            | "'s"
            | "’s"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "also"
            | "earlier"
            | "already"
            | "reportedly"
            | "later"
            | "previously"
            | "repeatedly"
            | "publicly"
            | "privately"
    )
}

/// Verbs that deny or reject what someone said (*denied*, *rejects*, *dismissing*,
/// *disputed*, *refuted*, *rebutted*, *contradicts*, *contested*, *debunked*, *challenged*),
/// by prefix of the lower-cased word. The extractor cuts a reduced relative clause after
/// such a verb's claim object; the context layer reads such a cue as a denial.
pub fn is_denial_verb(lower: &str) -> bool {
    [
        "deni",
        "deny",
        "reject",
        "dismiss",
        "disput",
        "refut",
        "rebut",
        "contradict",
        "contest",
        "debunk",
        "challeng",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Nouns for what someone claimed (lower-cased): the object of a denial or a
/// characterisation (*rejected claims circulating online that …*, *called the report
/// “a fairy tale”*).
pub fn is_claim_noun(lower: &str) -> bool {
    matches!(
        lower,
        "story"
            | "stories"
            | "report"
            | "reports"
            | "reporting"
            | "article"
            | "account"
            | "accounts"
            | "claim"
            | "claims"
            | "allegation"
            | "allegations"
            | "accusation"
            | "accusations"
            | "suggestion"
            | "suggestions"
            | "rumour"
            | "rumours"
            | "rumor"
            | "rumors"
            | "charge"
            | "charges"
            | "figures"
            | "figure"
            | "analysis"
            | "study"
            | "version"
            | "theory"
            | "criticism"
            | "remarks"
            | "comments"
    )
}

/// Pronouns that are typical speakers.
pub fn is_subject_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she" | "it" | "they" | "we" | "i" | "you")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lem(w: &str, v: bool) -> String {
        let mut s = String::new();
        lemma_into(w, v, !v, &mut s);
        s
    }

    #[test]
    fn lemmas_of_reporting_verbs() {
        for (w, l) in [
            ("said", "say"),
            ("Says", "say"),
            ("told", "tell"),
            ("denied", "deny"),
            ("added", "add"),
            ("noted", "note"),
            ("stated", "state"),
            ("insisted", "insist"),
            ("admitted", "admit"),
            ("announced", "announce"),
            ("argued", "argue"),
            ("tweeted", "tweet"),
            ("claimed", "claim"),
            ("warned", "warn"),
            ("saying", "say"),
            ("telling", "tell"),
            ("writing", "write"),
            ("declared", "declare"),
            ("described", "describe"),
            ("reported", "report"),
            ("believes", "believe"),
            ("called", "call"),
        ] {
            assert_eq!(lem(w, true), l, "{w}");
        }
        assert_eq!(lem("officials", false), "official");
        assert_eq!(lem("agencies", false), "agency");
        assert_eq!(lem("Kremlin", false), "kremlin");
    }
}
