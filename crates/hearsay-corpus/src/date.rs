//! Publication dates as the inputs write them, normalised to `YYYY-MM-DD`.

/// Read a date in one of the forms news metadata uses and return it as `YYYY-MM-DD`:
///
/// - ISO 8601 / RFC 3339 (`2016-09-12`, `2016-09-12T14:03:00Z`, `2016-09-12 14:03`),
///   `2016/09/12`, `20160912`;
/// - RFC 2822 as in HTTP and RSS (`Mon, 12 Sep 2016 14:03:00 GMT`);
/// - `September 12, 2016`, `Sept. 12, 2016`, `12 September 2016`.
///
/// The date is taken as written (no time-zone shift). `None` for anything else or an
/// impossible day.
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    let (y, m, d) = numeric(s).or_else(|| worded(s))?;
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1000..=9999).contains(&y) && (1..=days).contains(&d)
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `YYYY-MM-DD…`, `YYYY/MM/DD…`, `YYYYMMDD`.
fn numeric(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() == 8 {
        let all = digits(s)?;
        return Some(((all / 10000) as i32, all / 100 % 100, all % 100));
    }
    if b.len() < 10 || !(b[4] == b'-' && b[7] == b'-' || b[4] == b'/' && b[7] == b'/') {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    Some((
        digits(&s[0..4])? as i32,
        digits(&s[5..7])?,
        digits(&s[8..10])?,
    ))
}

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|n| *n == w || (n.starts_with(&w) && (w.len() == 3 || w == "sept")))
        .map(|i| i as u32 + 1)
}

/// Day, month name and year in either order, with an optional weekday and time around them.
fn worded(s: &str) -> Option<(i32, u32, u32)> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = month(w) else { continue };
        // "12 September 2016" / "Mon, 12 Sep 2016 …"
        if i >= 1 && i + 1 < words.len() {
            if let (Some(d), Some(y)) = (digits(words[i - 1]), digits(words[i + 1])) {
                if words[i + 1].len() == 4 {
                    return Some((y as i32, m, d));
                }
            }
        }
        // "September 12, 2016"
        if i + 2 < words.len() {
            let day = words[i + 1].trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if let (Some(d), Some(y)) = (digits(day), digits(words[i + 2])) {
                if words[i + 2].len() == 4 {
                    return Some((y as i32, m, d));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn forms() {
        let n = |s: &str| normalize(s);
        assert_eq!(n("2016-09-12").as_deref(), Some("2016-09-12"));
        assert_eq!(
            n(" 2016-09-12T14:03:00+02:00 ").as_deref(),
            Some("2016-09-12")
        );
        assert_eq!(n("2016-09-12 14:03").as_deref(), Some("2016-09-12"));
        assert_eq!(n("2016/09/12").as_deref(), Some("2016-09-12"));
        assert_eq!(n("20160912").as_deref(), Some("2016-09-12"));
        assert_eq!(
            n("Mon, 12 Sep 2016 14:03:00 GMT").as_deref(),
            Some("2016-09-12")
        );
        assert_eq!(n("September 12, 2016").as_deref(), Some("2016-09-12"));
        assert_eq!(n("Sept. 2, 2016").as_deref(), Some("2016-09-02"));
        assert_eq!(n("2nd March 2024").as_deref(), None);
        assert_eq!(n("March 2nd, 2024").as_deref(), Some("2024-03-02"));
        assert_eq!(n("12 September 2016").as_deref(), Some("2016-09-12"));
        assert_eq!(n("2024-02-29").as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn rejects() {
        for s in [
            "",
            "yesterday",
            "2023-02-29",
            "2016-13-01",
            "2016-09-12x",
            "12/09/2016",
            "May",
            "1462060800",
            "२०१६-09-12",
        ] {
            assert_eq!(normalize(s), None, "{s}");
        }
    }
}
