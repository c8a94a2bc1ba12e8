//! First-name gender, learned from coreference: which first names are referred to by *he*
//! and which by *she*.
//!
//! [`train`] reads CoreNLP's silver coreference chains in PolNeAR's CoNLL-U files (the
//! `# coref = …` line). In each chain whose gendered pronouns (*he/him/his/himself* versus
//! *she/her/hers/herself*) agree at least 90%, every mention of two or more words whose first
//! token the silver NER tags `PERSON` votes that first word's gender. A name enters the table
//! when it has at least two votes, all but at most 10% for one gender. The table
//! (`models/first-names.tsv`: `name<TAB>m|f<TAB>votes`, sorted by name) is embedded; the
//! speaker resolver uses it when a title or an earlier pronoun has not fixed a person's gender.
//!
//! A name the coreference table does not know is looked up in a second table built by
//! [`build_census`] from the US Census Bureau's 1990 first-name frequency lists (public domain;
//! the files `dist.male.first` and `dist.female.first`, shipped for instance in the PyPI
//! package `names` 0.3.0): `models/census-first-names.tsv`, `name<TAB>m|f<TAB>per mille of
//! that gender's population`. A name on both lists counts only when one gender is at least
//! ten times as frequent.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;

static TABLE: &str = include_str!("../../../models/first-names.tsv");
static CENSUS: &str = include_str!("../../../models/census-first-names.tsv");

/// A person's gender as the text reveals it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// How many coreference chains a name's gender must come from to overrule the census.
/// The chains are silver and a name seen once or twice is often misread ("Anne", "Barbara"
/// and "Liz" came out male), while the census counts millions of people.
const OVERRULE_CENSUS: u32 = 5;

/// The gender of a first name (case-insensitive), when an embedded table knows it: the
/// coreference table first, then the census one; where both know the name and disagree,
/// the census, unless the coreference table saw the name in [`OVERRULE_CENSUS`] chains.
pub fn of_first_name(name: &str) -> Option<Gender> {
    let lower = name.to_lowercase();
    let find = |table: &'static [(String, Gender, u32)]| {
        table
            .binary_search_by(|(n, _, _)| n.as_str().cmp(lower.as_str()))
            .ok()
            .map(|i| &table[i])
    };
    match (find(table()), find(census())) {
        (Some(&(_, g, n)), Some(&(_, c, _))) if g != c && n < OVERRULE_CENSUS => Some(c),
        (Some(&(_, g, _)), _) => Some(g),
        (None, c) => c.map(|c| c.1),
    }
}

fn table() -> &'static [(String, Gender, u32)] {
    static T: std::sync::OnceLock<Vec<(String, Gender, u32)>> = std::sync::OnceLock::new();
    T.get_or_init(|| parse_table(TABLE))
}

fn census() -> &'static [(String, Gender, u32)] {
    static T: std::sync::OnceLock<Vec<(String, Gender, u32)>> = std::sync::OnceLock::new();
    T.get_or_init(|| parse_table(CENSUS))
}

/// `name<TAB>m|f<TAB>count…` lines, sorted by name; other lines are skipped. The count (a
/// whole number of chains in the coreference table) is 0 where it is not a whole number.
fn parse_table(tsv: &str) -> Vec<(String, Gender, u32)> {
    let mut v: Vec<(String, Gender, u32)> = tsv
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let n = f.next()?.to_string();
            let g = match f.next()? {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => return None,
            };
            let count = f.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            Some((n, g, count))
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Build the census table from a directory holding the Census Bureau's `dist.male.first`
/// and `dist.female.first` (lines `NAME  FREQ  CUMULATIVE  RANK`, FREQ in percent of that
/// gender's population). Deterministic: sorted output.
pub fn build_census(dir: &Path) -> anyhow::Result<String> {
    let read = |file: &str| -> anyhow::Result<BTreeMap<String, f64>> {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut out = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let mut f = line.split_whitespace();
            let (Some(name), Some(freq)) = (f.next(), f.next()) else {
                continue;
            };
            let freq: f64 = freq.parse().with_context(|| {
                format!(
                    "{}:{}: frequency {freq:?} is not a number",
                    path.display(),
                    i + 1
                )
            })?;
            if name.chars().all(char::is_alphabetic) {
                out.insert(name.to_lowercase(), freq);
            }
        }
        Ok(out)
    };
    let male = read("dist.male.first")?;
    let female = read("dist.female.first")?;
    let mut names: Vec<&String> = male.keys().chain(female.keys()).collect();
    names.sort();
    names.dedup();
    let mut out = String::new();
    for name in names {
        let (m, f) = (
            male.get(name).copied().unwrap_or(0.0),
            female.get(name).copied().unwrap_or(0.0),
        );
        let (g, freq) = if m >= 10.0 * f {
            ("m", m)
        } else if f >= 10.0 * m {
            ("f", f)
        } else {
            continue;
        };
        out.push_str(&format!("{name}\t{g}\t{:.3}\n", freq * 10.0));
    }
    Ok(out)
}

#[derive(serde::Deserialize)]
struct ChainMention {
    sent: usize,
    start: usize,
    text: String,
}

/// Build the table from a directory of CoNLL-U files (or DIR/conllu). Deterministic: the
/// same files give the same bytes.
pub fn train(dir: &Path) -> anyhow::Result<String> {
    let mut votes: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    hearsay_data::corpus::visit_conllu_dir(dir, |conllu, _text| {
        let doc = hearsay_data::conllu::parse_conllu(conllu)?;
        let Some(json) = doc.coref_json.as_deref() else {
            return Ok(0);
        };
        let chains: Vec<Vec<ChainMention>> =
            serde_json::from_str(json).context("the # coref line is not chains of mentions")?;
        for chain in chains {
            let (mut m, mut f) = (0u32, 0u32);
            for x in &chain {
                match x.text.to_lowercase().as_str() {
                    "he" | "him" | "his" | "himself" => m += 1,
                    "she" | "her" | "hers" | "herself" => f += 1,
                    _ => {}
                }
            }
            let g = if m > 0 && f * 9 <= m {
                0
            } else if f > 0 && m * 9 <= f {
                1
            } else {
                continue;
            };
            for x in &chain {
                let words: Vec<&str> = x.text.split_whitespace().collect();
                if words.len() < 2 {
                    continue;
                }
                // CoNLL-U sentence ids and token positions are 1-based.
                let tok = doc
                    .sentences
                    .get(x.sent.wrapping_sub(1))
                    .and_then(|s| s.tokens.get(x.start.wrapping_sub(1)));
                let Some(tok) = tok else { continue };
                if tok.ner != "PERSON" || !words[0].chars().all(char::is_alphabetic) {
                    continue;
                }
                let e = votes.entry(words[0].to_lowercase()).or_default();
                if g == 0 {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        Ok(0)
    })?;
    let mut out = String::new();
    for (name, (m, f)) in votes {
        let n = m + f;
        if n < 1 {
            continue;
        }
        let g = if f * 10 <= n {
            "m"
        } else if m * 10 <= n {
            "f"
        } else {
            continue;
        };
        out.push_str(&format!("{name}\t{g}\t{n}\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_census_overrules_a_name_seen_in_few_chains() {
        // The coreference table read "Anne" as male from one chain; the census knows better.
        assert!(TABLE.lines().any(|l| l.starts_with("anne\tm\t1")));
        assert_eq!(of_first_name("Anne"), Some(Gender::Female));
        // A name seen in many chains keeps the coreference table's gender.
        assert!(TABLE.lines().any(|l| l.starts_with("christie\tm\t20")));
        assert_eq!(of_first_name("Christie"), Some(Gender::Male));
    }

    #[test]
    fn census_names_fill_in_what_coreference_does_not_know() {
        // Not in the coreference table, in the census one.
        assert!(TABLE.lines().all(|l| !l.starts_with("ingrid\t")));
        assert_eq!(of_first_name("Ingrid"), Some(Gender::Female));
        assert_eq!(of_first_name("TOBIAS"), Some(Gender::Male));
        assert_eq!(of_first_name("Qwzxv"), None);
    }

    #[test]
    fn build_census_keeps_names_one_gender_dominates() {
        let dir = std::env::temp_dir().join(format!("hearsay-census-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("dist.male.first"),
            "JAMES          3.318  3.318      1\nJEAN           0.100  3.418      2\nRILEY          0.010  3.428      3\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("dist.female.first"),
            "MARY           2.629  2.629      1\nJEAN           0.300  2.929      2\nRILEY          0.200  3.129      3\n",
        )
        .unwrap();
        let table = build_census(&dir).unwrap();
        assert_eq!(
            table,
            "james\tm\t33.180\nmary\tf\t26.290\nriley\tf\t2.000\n"
        );
        std::fs::write(dir.join("dist.male.first"), "JAMES x 1 1\n").unwrap();
        let err = build_census(&dir).unwrap_err();
        assert!(format!("{err:#}").contains("dist.male.first:1"), "{err:#}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
