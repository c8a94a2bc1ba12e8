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

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;

static TABLE: &str = include_str!("../../../models/first-names.tsv");

/// A person's gender as the text reveals it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// The gender of a first name (case-insensitive), when the embedded table knows it.
pub fn of_first_name(name: &str) -> Option<Gender> {
    let lower = name.to_lowercase();
    let table = table();
    table
        .binary_search_by(|(n, _)| n.as_str().cmp(lower.as_str()))
        .ok()
        .map(|i| table[i].1)
}

fn table() -> &'static [(String, Gender)] {
    static T: std::sync::OnceLock<Vec<(String, Gender)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<(String, Gender)> = TABLE
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let n = f.next()?.to_string();
                let g = match f.next()? {
                    "m" => Gender::Male,
                    "f" => Gender::Female,
                    _ => return None,
                };
                Some((n, g))
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    })
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
