//! Word lists: abbreviations, sentence starters, top-level domains.
//!
//! All lookups are `match`es on short strings, which the compiler turns into a length switch plus
//! a few byte comparisons: no hashing, no allocation.

/// Titles and other abbreviations that are (practically) never the last word of a sentence: a
/// sentence never ends after them.
pub(crate) fn is_title(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Mx"
            | "Messrs"
            | "Mmes"
            | "Dr"
            | "Drs"
            | "Gov"
            | "Govs"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gen"
            | "Gens"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Cmdr"
            | "Cmdt"
            | "Adm"
            | "Maj"
            | "Cpl"
            | "Pvt"
            | "Pfc"
            | "Spc"
            | "Prof"
            | "Profs"
            | "Rev"
            | "Hon"
            | "Msgr"
            | "Fr"
            | "St"
            | "Ste"
            | "Mt"
            | "Ft"
            | "Pres"
            | "Supt"
            | "Det"
            | "Insp"
            | "Atty"
            | "No"
            | "Nos"
            | "Vol"
            | "Vols"
            | "Fig"
            | "Figs"
            | "vs"
            | "v"
            | "cf"
            | "viz"
    )
}

/// Abbreviations that may end a sentence (company suffixes, generational suffixes, months, days,
/// US states in AP style, a few others). A sentence ends after them only when the next word is a
/// usual sentence starter (see [`is_starter`]).
fn is_end_abbrev(w: &str) -> bool {
    matches!(
        w,
        "Jr" | "Sr"
            | "Esq"
            | "Inc"
            | "Corp"
            | "Co"
            | "Cos"
            | "Ltd"
            | "Bros"
            | "Assn"
            | "Dept"
            | "Univ"
            | "Ave"
            | "Blvd"
            | "Rd"
            | "Hwy"
            | "al"
            | "approx"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Mon"
            | "Tue"
            | "Tues"
            | "Wed"
            | "Thu"
            | "Thur"
            | "Thurs"
            | "Fri"
            | "Sat"
            | "Sun"
            | "Ala"
            | "Ariz"
            | "Ark"
            | "Calif"
            | "Colo"
            | "Conn"
            | "Del"
            | "Fla"
            | "Ga"
            | "Ill"
            | "Ind"
            | "Kan"
            | "Kans"
            | "Ky"
            | "La"
            | "Md"
            | "Mass"
            | "Mich"
            | "Minn"
            | "Miss"
            | "Mo"
            | "Mont"
            | "Neb"
            | "Nev"
            | "Okla"
            | "Ore"
            | "Pa"
            | "Tenn"
            | "Tex"
            | "Va"
            | "Vt"
            | "Wash"
            | "Wis"
            | "Wyo"
    )
}

/// Abbreviations after which a capitalised word always starts a new sentence.
fn is_strong_end_abbrev(w: &str) -> bool {
    matches!(w, "etc" | "a.m" | "p.m" | "A.M" | "P.M")
}

/// Whether `w` (without its period) is a known abbreviation that keeps its period.
pub(crate) fn is_abbrev(w: &str) -> bool {
    is_title(w) || is_end_abbrev(w) || is_strong_end_abbrev(w)
}

/// Abbreviations that only take their period before a number (`No. 1`).
pub(crate) fn needs_digit(w: &str) -> bool {
    matches!(w, "No" | "Nos")
}

/// A single capital letter: an initial (`Donald J. Trump`).
pub(crate) fn is_initial(w: &str) -> bool {
    let mut it = w.chars();
    matches!((it.next(), it.next()), (Some(c), None) if c.is_uppercase())
}

/// How a word token that ends with its own period behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbbrClass {
    /// Titles: never ends a sentence.
    Never,
    /// Ends a sentence before any capitalised word (`3 p.m. Police said`).
    Strong,
    /// Ends a sentence only before a usual sentence starter (`Acme Inc. The company`).
    Weak,
}

/// Classifies a word token that ends with a period (`Mr.`, `U.S.`, `J.`, `Inc.`, `R-Ariz.`).
pub(crate) fn abbr_class(tok: &str) -> AbbrClass {
    let base = tok.strip_suffix('.').unwrap_or(tok);
    let seg = base.rsplit('-').next().unwrap_or(base);
    if is_title(seg) || matches!(base, "e.g" | "i.e" | "E.g" | "I.e") {
        AbbrClass::Never
    } else if is_strong_end_abbrev(seg) {
        AbbrClass::Strong
    } else {
        AbbrClass::Weak
    }
}

/// Capitalised words that usually begin a new clause: after an abbreviation that may end a
/// sentence, one of these starts a new sentence.
pub(crate) fn is_starter(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "Our"
            | "My"
            | "Your"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Here"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "Nor"
            | "In"
            | "On"
            | "At"
            | "As"
            | "After"
            | "Before"
            | "When"
            | "While"
            | "If"
            | "Although"
            | "Though"
            | "Because"
            | "Since"
            | "For"
            | "To"
            | "By"
            | "With"
            | "Without"
            | "From"
            | "During"
            | "Under"
            | "Over"
            | "Also"
            | "However"
            | "Meanwhile"
            | "Still"
            | "Now"
            | "Then"
            | "Today"
            | "Yesterday"
            | "Tomorrow"
            | "Last"
            | "Next"
            | "Earlier"
            | "Later"
            | "What"
            | "Why"
            | "How"
            | "Who"
            | "Where"
            | "Which"
            | "Some"
            | "Many"
            | "Most"
            | "Few"
            | "All"
            | "Both"
            | "Each"
            | "Every"
            | "Another"
            | "Other"
            | "Such"
            | "No"
            | "Not"
            | "None"
            | "One"
            | "According"
            | "Instead"
            | "Despite"
            | "Asked"
    )
}

/// Top-level domains accepted for bare domain names (`example.com`). Lowercase only, and no
/// two-letter domain that is also an English word, so `it.It` stays three tokens.
pub(crate) fn is_tld(w: &[u8]) -> bool {
    matches!(
        w,
        b"com"
            | b"org"
            | b"net"
            | b"gov"
            | b"edu"
            | b"mil"
            | b"int"
            | b"info"
            | b"biz"
            | b"news"
            | b"io"
            | b"ai"
            | b"tv"
            | b"ly"
            | b"uk"
            | b"ca"
            | b"de"
            | b"fr"
            | b"ru"
            | b"cn"
            | b"jp"
            | b"au"
            | b"eu"
            | b"es"
            | b"nl"
            | b"ch"
            | b"se"
            | b"il"
            | b"ua"
            | b"pl"
            | b"br"
            | b"mx"
            | b"nz"
            | b"ie"
            | b"za"
            | b"kr"
            | b"tw"
            | b"hk"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_classes() {
        assert_eq!(abbr_class("Mr."), AbbrClass::Never);
        assert_eq!(abbr_class("ex-Gov."), AbbrClass::Never);
        assert_eq!(abbr_class("e.g."), AbbrClass::Never);
        assert_eq!(abbr_class("p.m."), AbbrClass::Strong);
        assert_eq!(abbr_class("etc."), AbbrClass::Strong);
        assert_eq!(abbr_class("U.S."), AbbrClass::Weak);
        assert_eq!(abbr_class("R-Ariz."), AbbrClass::Weak);
        assert_eq!(abbr_class("J."), AbbrClass::Weak);
    }

    #[test]
    fn initials_and_lists() {
        assert!(is_initial("J") && is_initial("\u{c9}") && !is_initial("j") && !is_initial("JR"));
        assert!(is_abbrev("Sept") && is_abbrev("Inc") && !is_abbrev("Trump"));
        assert!(is_starter("The") && !is_starter("Trump"));
        assert!(is_tld(b"com") && !is_tld(b"it") && !is_tld(b"COM"));
    }
}
