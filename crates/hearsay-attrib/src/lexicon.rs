//! WordNet lexicographer classes as word features.
//!
//! The cue tagger must recognise reporting, belief and intention verbs it never saw in training
//! ("vowed", "lamented"). WordNet files every verb and noun sense under a lexicographer class
//! (`verb.communication`, `verb.cognition`, `noun.person`, …); those classes are the features.
//!
//! The table is built from WordNet 3.0's database files (Debian package `wordnet-base`,
//! `/usr/share/wordnet`) by `hearsay train lexicon` and committed as
//! `models/wordnet-classes.tsv`: one line per word form, `word<TAB>first verb class<TAB>verb
//! class mask<TAB>first noun class<TAB>noun class mask` (classes are WordNet lex file numbers,
//! masks in hex; 0 / 0 where the word has no such sense). WordNet 3.0 Copyright 2006 by
//! Princeton University; see `models/WORDNET-LICENSE`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use hearsay_ml::hash::str_hash;

/// Noun classes kept in the table (the others carry no signal for attribution).
const NOUN_CLASSES: &[u8] = &[4, 9, 10, 12, 14, 18];

/// What WordNet says about one word form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordClasses {
    /// Lex file number of the most frequent verb sense (0 = not a verb).
    pub verb_first: u8,
    /// Bit `n - 29` set for every verb lex file `n` among the word's senses.
    pub verb_mask: u16,
    /// Lex file number of the most frequent noun sense, if among the kept classes.
    pub noun_first: u8,
    /// Bit `n` set for every kept noun lex file `n` among the word's senses.
    pub noun_mask: u32,
}

/// Word form (lower-case) → classes, looked up by hash.
pub struct Lexicon {
    map: HashMap<u64, WordClasses>,
}

/// The committed table, embedded.
static TABLE: &str = include_str!("../../../models/wordnet-classes.tsv");

impl Lexicon {
    /// The embedded table.
    pub fn embedded() -> &'static Lexicon {
        static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(TABLE))
    }

    /// Parse a table in the format described in the module docs. Bad lines are skipped.
    pub fn parse(tsv: &str) -> Lexicon {
        let mut map = HashMap::with_capacity(tsv.len() / 24);
        for line in tsv.lines() {
            let mut f = line.split('\t');
            let (Some(w), Some(vf), Some(vm), Some(nf), Some(nm)) =
                (f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let e = WordClasses {
                verb_first: vf.parse().unwrap_or(0),
                verb_mask: u16::from_str_radix(vm, 16).unwrap_or(0),
                noun_first: nf.parse().unwrap_or(0),
                noun_mask: u32::from_str_radix(nm, 16).unwrap_or(0),
            };
            map.insert(str_hash(w), e);
        }
        Lexicon { map }
    }

    /// Classes of a lower-case word form or lemma.
    pub fn get(&self, lower: &str) -> WordClasses {
        self.map.get(&str_hash(lower)).copied().unwrap_or_default()
    }
}

/// Build the table from a WordNet 3.0 `dict` directory (`index.verb`, `data.verb`,
/// `index.noun`, `data.noun`, `verb.exc`, `noun.exc`). Deterministic: sorted output.
pub fn build(wordnet_dir: &Path) -> anyhow::Result<String> {
    let read = |name: &str| -> anyhow::Result<String> {
        let p = wordnet_dir.join(name);
        std::fs::read_to_string(&p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
    };
    let mut table: std::collections::BTreeMap<String, WordClasses> = Default::default();
    for (pos, is_verb) in [("verb", true), ("noun", false)] {
        // synset offset -> lex file number
        let data = read(&format!("data.{pos}"))?;
        let mut lexfile: HashMap<&str, u8> = HashMap::new();
        for line in data.lines().filter(|l| !l.starts_with(' ')) {
            let mut f = line.split(' ');
            if let (Some(off), Some(lf)) = (f.next(), f.next()) {
                lexfile.insert(off, lf.parse().unwrap_or(0));
            }
        }
        let index = read(&format!("index.{pos}"))?;
        for line in index.lines().filter(|l| !l.starts_with(' ')) {
            let f: Vec<&str> = line.split(' ').filter(|s| !s.is_empty()).collect();
            if f.len() < 4 || f[0].contains('_') {
                continue;
            }
            // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
            let p_cnt: usize = f[3].parse().unwrap_or(0);
            let offsets = f.get(4 + p_cnt + 2..).unwrap_or(&[]);
            let classes: Vec<u8> = offsets
                .iter()
                .filter_map(|o| lexfile.get(o).copied())
                .collect();
            let Some(&first) = classes.first() else {
                continue;
            };
            let e = table.entry(f[0].to_string()).or_default();
            if is_verb {
                e.verb_first = first;
                for c in &classes {
                    e.verb_mask |= 1 << (c.saturating_sub(29) & 15);
                }
            } else {
                let kept: Vec<u8> = classes
                    .iter()
                    .copied()
                    .filter(|c| NOUN_CLASSES.contains(c))
                    .collect();
                if kept.is_empty() {
                    continue;
                }
                e.noun_first = if NOUN_CLASSES.contains(&first) {
                    first
                } else {
                    0
                };
                for c in kept {
                    e.noun_mask |= 1 << c;
                }
            }
        }
        table.retain(|_, e| e.verb_first != 0 || e.noun_mask != 0);
        // Irregular inflections inherit their lemma's classes.
        let exc = read(&format!("{pos}.exc"))?;
        for line in exc.lines() {
            let mut f = line.split(' ');
            if let (Some(form), Some(lemma)) = (f.next(), f.next()) {
                if form.contains('_') {
                    continue;
                }
                if let Some(&l) = table.get(lemma) {
                    let e = table.entry(form.to_string()).or_default();
                    if is_verb {
                        e.verb_first = l.verb_first;
                        e.verb_mask |= l.verb_mask;
                    } else if e.noun_mask == 0 {
                        e.noun_first = l.noun_first;
                        e.noun_mask |= l.noun_mask;
                    }
                }
            }
        }
    }
    let mut out = String::new();
    for (w, e) in &table {
        let _ = writeln!(
            out,
            "{w}\t{}\t{:x}\t{}\t{:x}",
            e.verb_first, e.verb_mask, e.noun_first, e.noun_mask
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_knows_reporting_verbs() {
        let lex = Lexicon::embedded();
        // 32 = verb.communication, 31 = verb.cognition (WordNet lex file numbers).
        for w in ["say", "said", "tell", "told", "deny", "vow", "assert"] {
            let c = lex.get(w);
            assert!(c.verb_mask & (1 << (32 - 29)) != 0, "{w}: {c:?}");
        }
        assert!(lex.get("believe").verb_mask & (1 << (31 - 29)) != 0);
        assert_eq!(lex.get("spokesman").noun_first, 18);
        assert_eq!(lex.get("qwzx"), WordClasses::default());
    }

    #[test]
    fn parse_skips_bad_lines() {
        let lex = Lexicon::parse("say\t32\t8\t10\t400\nbroken line\nx\ty\tz\tw\tv\n");
        assert_eq!(lex.get("say").verb_first, 32);
        assert_eq!(lex.get("say").noun_mask, 0x400);
        assert_eq!(lex.get("x"), WordClasses::default());
    }
}
