//! Speaker names: the normalised key that identifies an entity across documents, the key that
//! joins a surname to a full name, and the fallback speaker name read from a source span when
//! the pipeline gave no speaker.

/// Words that are never a speaker's name on their own.
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "one", "who", "which",
    "that", "this", "these", "those", "his", "its", "their", "our", "my",
];

/// Titles dropped from the front of a fallback name ("Mayor Ana Kovač" → "Ana Kovač").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "mayor",
    "minister",
    "prime",
    "secretary",
    "chancellor",
    "judge",
    "justice",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "sgt",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "reverend",
    "father",
    "sister",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "commissioner",
    "ambassador",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "coach",
    "manager",
    "officer",
    "inspector",
    "detective",
    "sheriff",
    "attorney",
    "lawyer",
    "deputy",
    "former",
    "foreign",
    "interior",
    "defense",
    "defence",
    "finance",
    "health",
    "state",
    "u.s.",
    "us",
];

/// Lowercase, whitespace collapsed, typographic apostrophes straightened, surrounding
/// punctuation and a possessive `'s` dropped: the key under which a name is one entity.
pub fn normalize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| match c {
            '’' | '‘' | '`' | '´' => '\'',
            c => c,
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
    let s = s.trim_matches(|c: char| c == '\'' || c == '"');
    let s = s.strip_suffix("'s").unwrap_or(s);
    s.to_lowercase()
}

/// True when a word looks like part of a proper name: it starts with an uppercase letter.
fn capitalised(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// How a name takes part in surname joining: `Some((key, full))` for a proper name of a
/// person (or of an entity of unknown type) whose first and last words are capitalised, with
/// `key` its normalised last word and `full` true when it has more than one word. "Dmitry
/// Peskov" is `("peskov", true)`, "Peskov" is `("peskov", false)`; "the ministry" and
/// organisations are `None`.
pub fn join_key(name: &str, etype: &str) -> Option<(String, bool)> {
    if !matches!(etype, "person" | "unknown") {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let (first, last) = (words.first()?, words.last()?);
    if !capitalised(first) || !capitalised(last) {
        return None;
    }
    let key = normalize(last);
    if key.is_empty() || key.chars().count() < 2 || PRONOUNS.contains(&key.as_str()) {
        return None;
    }
    Some((key, words.len() > 1))
}

/// True for a middle initial as [`normalize`] leaves it: "w", "w.", "h.w." (letters each
/// followed by a full stop).
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars().peekable();
    let mut letters = 0;
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() {
            return false;
        }
        letters += 1;
        match chars.next() {
            Some('.') => {}
            None => return letters == 1,
            Some(_) => return false,
        }
    }
    letters > 0
}

/// A normalised full name without its middle initials, and the initials' letters:
/// "george w. bush" → ("george bush", "w"), "george h. w. bush" and "george h.w. bush" →
/// ("george bush", "hw"), "dmitry peskov" → ("dmitry peskov", ""). The first and last words
/// are never initials.
pub fn split_initials(norm: &str) -> (String, String) {
    let words: Vec<&str> = norm.split(' ').collect();
    if words.len() < 3 {
        return (norm.to_string(), String::new());
    }
    let last = words.len() - 1;
    let mut base: Vec<&str> = Vec::with_capacity(words.len());
    let mut initials = String::new();
    for (i, w) in words.iter().enumerate() {
        if i != 0 && i != last && is_initial(w) {
            initials.extend(w.chars().filter(|c| c.is_alphabetic()));
        } else {
            base.push(w);
        }
    }
    (base.join(" "), initials)
}

/// The canonical entity of each name sharing one surname key ([`join_key`]), given as
/// `(id, normalised name, full)`; the result is in the same order. It depends only on the set
/// of names, not on their order:
///
/// - full names equal but for middle initials form a group ("george bush", "george w. bush",
///   "george w bush"). When the group's initials agree ("w"), all of it counts as the name with
///   initials (the smallest normalised form on a tie); when they do not ("w" and "hw"), each
///   set of initials is one entity and the name without initials stands alone;
/// - a one-word name ("bush") counts as the entity of the full names when they all count as
///   one, and stands alone otherwise.
pub fn canonical_names<'a>(names: impl Iterator<Item = (i64, &'a str, bool)>) -> Vec<i64> {
    use std::collections::{BTreeMap, BTreeSet};
    let names: Vec<(i64, &str, bool)> = names.collect();
    let split: Vec<(String, String)> = names
        .iter()
        .map(|&(_, norm, full)| {
            if full {
                split_initials(norm)
            } else {
                (norm.to_string(), String::new())
            }
        })
        .collect();
    // Per base name: per set of initials, the representative (smallest normalised form).
    let mut groups: BTreeMap<&str, BTreeMap<&str, (&str, i64)>> = BTreeMap::new();
    for (&(id, norm, full), (base, initials)) in names.iter().zip(&split) {
        if !full || initials.is_empty() {
            continue;
        }
        let rep = groups
            .entry(base.as_str())
            .or_default()
            .entry(initials.as_str())
            .or_insert((norm, id));
        if norm < rep.0 {
            *rep = (norm, id);
        }
    }
    let mut out: Vec<i64> = names
        .iter()
        .zip(&split)
        .map(|(&(id, _, full), (base, initials))| {
            let Some(group) = groups.get(base.as_str()).filter(|_| full) else {
                return id;
            };
            if initials.is_empty() {
                match group.values().collect::<Vec<_>>()[..] {
                    [only] => only.1,
                    _ => id,
                }
            } else {
                group[initials.as_str()].1
            }
        })
        .collect();
    let full_targets: BTreeSet<i64> = names
        .iter()
        .zip(&out)
        .filter(|((_, _, full), _)| *full)
        .map(|(_, &t)| t)
        .collect();
    if let [only] = full_targets.iter().collect::<Vec<_>>()[..] {
        for ((_, _, full), t) in names.iter().zip(out.iter_mut()) {
            if !full {
                *t = *only;
            }
        }
    }
    out
}

/// The speaker name to use when the pipeline resolved no speaker: the source text without
/// an appositive (", the café's owner"), without leading titles and descriptions when a name
/// follows ("Kremlin spokesman Dmitry Peskov" → "Dmitry Peskov"), or the whole description
/// when there is no name ("a senior official"). `None` for pronouns and empty text.
pub fn speaker_from_source(source: &str) -> Option<String> {
    let squashed = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let trim = |s: &str| {
        s.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’')
            .to_string()
    };
    let mut s = trim(&squashed);
    // "Ana Kovač, the city's mayor," → "Ana Kovač" (when the part before the comma is a name).
    if let Some((head, _)) = s.split_once(", ") {
        if head.split_whitespace().any(capitalised) {
            s = trim(head);
        }
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    // The run of capitalised words at the end, after the last lowercase word.
    let tail_start = words
        .iter()
        .rposition(|w| !capitalised(w))
        .map_or(0, |i| i + 1);
    let mut name: &[&str] = if tail_start < words.len() && tail_start > 0 {
        &words[tail_start..]
    } else {
        &words
    };
    // Drop leading titles while a name remains ("Mayor Ana Kovač", "President Putin").
    if name.iter().all(|w| capitalised(w)) {
        while name.len() > 1 {
            let w = name[0].trim_end_matches('.').to_lowercase();
            if TITLES.contains(&w.as_str()) {
                name = &name[1..];
            } else {
                break;
            }
        }
    }
    let out = trim(&name.join(" "));
    // "Trump's" → "Trump".
    let out = out
        .strip_suffix("'s")
        .or_else(|| out.strip_suffix("’s"))
        .map_or(out.clone(), str::to_string);
    let norm = normalize(&out);
    if norm.is_empty() || PRONOUNS.contains(&norm.as_str()) {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_keys() {
        assert_eq!(normalize("  Dmitry\n Peskov "), "dmitry peskov");
        assert_eq!(normalize("Peskov’s"), "peskov");
        assert_eq!(normalize("“Zoë Ødegård,”"), "zoë ødegård");
        assert_eq!(normalize("U.S. officials"), "u.s. officials");
        assert_eq!(normalize("—"), "");
    }

    #[test]
    fn join_keys() {
        assert_eq!(
            join_key("Dmitry Peskov", "person"),
            Some(("peskov".into(), true))
        );
        assert_eq!(
            join_key("Peskov", "unknown"),
            Some(("peskov".into(), false))
        );
        assert_eq!(
            join_key("Ursula von der Leyen", "person"),
            Some(("leyen".into(), true))
        );
        assert_eq!(join_key("the ministry", "unknown"), None);
        assert_eq!(join_key("Velder Works", "organization"), None);
        assert_eq!(join_key("He", "unknown"), None);
    }

    #[test]
    fn middle_initials() {
        let split = |s: &str| {
            let (b, i) = split_initials(s);
            (b, i)
        };
        assert_eq!(split("george w. bush"), ("george bush".into(), "w".into()));
        assert_eq!(
            split("george h. w. bush"),
            ("george bush".into(), "hw".into())
        );
        assert_eq!(
            split("george h.w. bush"),
            ("george bush".into(), "hw".into())
        );
        assert_eq!(split("george w bush"), ("george bush".into(), "w".into()));
        assert_eq!(split("george bush"), ("george bush".into(), "".into()));
        assert_eq!(split("j. k. rowling"), ("j. rowling".into(), "k".into()));
        assert_eq!(
            split("ursula von der leyen"),
            ("ursula von der leyen".into(), "".into())
        );
        assert_eq!(split("anna w.x bush"), ("anna w.x bush".into(), "".into()));
        assert_eq!(split("a b"), ("a b".into(), "".into()));
        assert_eq!(split(""), ("".into(), "".into()));
    }

    /// `canonical_names` over names given as (norm, full), answered as norms.
    fn canon(names: &[&str]) -> Vec<(String, String)> {
        let rows: Vec<(i64, &str, bool)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64 + 1, *n, n.contains(' ')))
            .collect();
        let out = canonical_names(rows.iter().copied());
        let mut pairs: Vec<(String, String)> = rows
            .iter()
            .zip(out)
            .map(|(r, t)| (r.1.to_string(), names[t as usize - 1].to_string()))
            .collect();
        pairs.sort();
        pairs
    }

    #[test]
    fn canonical_names_join_middle_initials_when_unambiguous() {
        let p = |a: &str, b: &str| (a.to_string(), b.to_string());
        // In any order, the same answer.
        let names = ["george w. bush", "george bush", "bush", "george w bush"];
        let expect = vec![
            p("bush", "george w bush"),
            p("george bush", "george w bush"),
            p("george w bush", "george w bush"),
            p("george w. bush", "george w bush"),
        ];
        let mut perm = names.to_vec();
        for _ in 0..4 {
            perm.rotate_left(1);
            assert_eq!(canon(&perm), expect);
        }
        perm.reverse();
        assert_eq!(canon(&perm), expect);
        // Two sets of initials: "George Bush" and "Bush" are ambiguous.
        assert_eq!(
            canon(&[
                "george h. w. bush",
                "george bush",
                "george w. bush",
                "bush",
                "george h.w. bush"
            ]),
            vec![
                p("bush", "bush"),
                p("george bush", "george bush"),
                p("george h. w. bush", "george h. w. bush"),
                p("george h.w. bush", "george h. w. bush"),
                p("george w. bush", "george w. bush"),
            ]
        );
        // Another first name: "Bush" is ambiguous, the Georges still join.
        assert_eq!(
            canon(&["jeb bush", "george bush", "bush", "george w. bush"]),
            vec![
                p("bush", "bush"),
                p("george bush", "george w. bush"),
                p("george w. bush", "george w. bush"),
                p("jeb bush", "jeb bush"),
            ]
        );
        // Without initials, as before: the one full name takes the surname.
        assert_eq!(
            canon(&["peskov", "dmitry peskov"]),
            vec![
                p("dmitry peskov", "dmitry peskov"),
                p("peskov", "dmitry peskov")
            ]
        );
        assert_eq!(canon(&["peskov"]), vec![p("peskov", "peskov")]);
    }

    #[test]
    fn fallback_speakers() {
        let f = |s: &str| speaker_from_source(s);
        assert_eq!(
            f("Kremlin spokesman Dmitry Peskov").as_deref(),
            Some("Dmitry Peskov")
        );
        assert_eq!(f("Mayor Ana Kovač").as_deref(), Some("Ana Kovač"));
        assert_eq!(f("President Varnik").as_deref(), Some("Varnik"));
        assert_eq!(
            f("Zoë Ødegård, the café’s owner,").as_deref(),
            Some("Zoë Ødegård")
        );
        assert_eq!(f("a senior official").as_deref(), Some("a senior official"));
        assert_eq!(f("the Kremlin").as_deref(), Some("Kremlin"));
        assert_eq!(f("Velder Works").as_deref(), Some("Velder Works"));
        assert_eq!(f("Trump’s").as_deref(), Some("Trump"));
        assert_eq!(f("He"), None);
        assert_eq!(f(" they "), None);
        assert_eq!(f("“"), None);
        assert_eq!(f("").as_deref(), None);
    }
}
