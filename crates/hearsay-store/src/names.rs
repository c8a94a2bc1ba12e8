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
