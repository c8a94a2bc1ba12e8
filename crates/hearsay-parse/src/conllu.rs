//! A minimal reader for the PolNeAR CoNLL-U exports (silver CoreNLP annotation).
//!
//! Lines are `ID FORM LEMMA _ XPOS _ HEAD DEPREL _ Offsets=B-E|NER=TAG`; offsets are Unicode
//! code points into `../text/NAME.txt`. The word form used is the surface text the offsets
//! cover (so quotes and brackets look like what our tokenizer produces, not `` or -LRB-),
//! falling back to FORM when the text is missing or the offsets do not fit.

use std::path::Path;

use anyhow::{bail, Context, Result};
use hearsay_doc::{DepRel, Pos};

use crate::NONE;

/// One gold (silver) sentence. `heads` are 0-based indices within the sentence, [`NONE`] for
/// the root.
#[derive(Clone, Debug, Default)]
pub(crate) struct GoldSentence {
    pub words: Vec<String>,
    pub tags: Vec<Pos>,
    pub heads: Vec<u32>,
    pub labels: Vec<DepRel>,
}

/// Read every sentence of every `.conllu` file of a split directory (`DIR/conllu/*.conllu`, or
/// `DIR/*.conllu` when there is no `conllu` folder), in sorted file order, with the article text
/// of `NAME.conllu` from `../text/NAME.txt` when it exists
/// ([`hearsay_data::corpus::visit_conllu_dir`]).
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<GoldSentence>> {
    let mut out = Vec::new();
    let (files, _) = hearsay_data::corpus::visit_conllu_dir(dir, |conllu, text| {
        out.extend(parse_conllu(conllu, text)?);
        Ok(0)
    })?;
    if files == 0 {
        bail!("no .conllu files under {}", dir.display());
    }
    Ok(out)
}

/// Parse CoNLL-U text; `text` is the article the `Offsets=` refer to, when known.
pub(crate) fn parse_conllu(conllu: &str, text: Option<&str>) -> Result<Vec<GoldSentence>> {
    // code point -> byte offset
    let cp: Vec<usize> = match text {
        Some(t) => t
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(t.len()))
            .collect(),
        None => Vec::new(),
    };
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    let mut raw_heads: Vec<usize> = Vec::new();
    let flush = |cur: &mut GoldSentence, raw: &mut Vec<usize>, out: &mut Vec<GoldSentence>| {
        if cur.words.is_empty() {
            return Ok(());
        }
        let n = cur.words.len();
        for &h in raw.iter() {
            if h > n {
                bail!("head {h} out of range in a sentence of {n} tokens");
            }
            cur.heads.push(if h == 0 { NONE } else { (h - 1) as u32 });
        }
        raw.clear();
        out.push(std::mem::take(cur));
        Ok(())
    };
    for (ln, line) in conllu.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut cur, &mut raw_heads, &mut out)?;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 {
            bail!("line {}: expected 10 columns", ln + 1);
        }
        // multiword-token ranges and empty nodes do not occur in the exports; skip them anyway
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let id: usize = cols[0]
            .parse()
            .with_context(|| format!("line {}: bad id", ln + 1))?;
        if id != cur.words.len() + 1 {
            bail!("line {}: token ids not consecutive", ln + 1);
        }
        let head: usize = cols[6]
            .parse()
            .with_context(|| format!("line {}: bad head", ln + 1))?;
        let surface = cols
            .get(9)
            .and_then(|m| offsets(m))
            .and_then(|(b, e)| {
                let (b, e) = (*cp.get(b)?, *cp.get(e)?);
                text?.get(b..e)
            })
            .filter(|s| !s.is_empty());
        cur.words
            .push(surface.map_or_else(|| cols[1].to_string(), str::to_string));
        cur.tags.push(Pos::from_name(cols[4]).unwrap_or_default());
        cur.labels.push(
            DepRel::from_name(cols[7])
                .unwrap_or_else(|| DepRel::from_name("dep").expect("dep is a label")),
        );
        raw_heads.push(head);
    }
    flush(&mut cur, &mut raw_heads, &mut out)?;
    Ok(out)
}

/// `Offsets=B-E|NER=...` -> (B, E).
fn offsets(misc: &str) -> Option<(usize, usize)> {
    let v = misc.split('|').find_map(|kv| kv.strip_prefix("Offsets="))?;
    let (b, e) = v.split_once('-')?;
    let (b, e) = (b.parse().ok()?, e.parse().ok()?);
    (b <= e).then_some((b, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_surface_forms_from_text() {
        let text = "“Hi,” she said (twice).";
        let conllu = "# sent_id = 1\n\
            1\t``\t``\t_\t``\t_\t5\tpunct\t_\tOffsets=0-1|NER=O\n\
            2\tHi\thi\t_\tUH\t_\t5\tdiscourse\t_\tOffsets=1-3|NER=O\n\
            3\t,\t,\t_\t,\t_\t5\tpunct\t_\tOffsets=3-4|NER=O\n\
            4\t''\t''\t_\t''\t_\t5\tpunct\t_\tOffsets=4-5|NER=O\n\
            5\tshe\tshe\t_\tPRP\t_\t6\tnsubj\t_\tOffsets=6-9|NER=O\n\
            6\tsaid\tsay\t_\tVBD\t_\t0\troot\t_\tOffsets=10-14|NER=O\n\
            7\t-LRB-\t-lrb-\t_\t-LRB-\t_\t8\tpunct\t_\tOffsets=15-16|NER=O\n\
            8\ttwice\ttwice\t_\tRB\t_\t6\tadvmod\t_\tOffsets=16-21|NER=O\n\
            9\t-RRB-\t-rrb-\t_\t-RRB-\t_\t8\tpunct\t_\tOffsets=21-22|NER=O\n\
            10\t.\t.\t_\t.\t_\t6\tpunct\t_\tOffsets=22-23|NER=O\n\n";
        let s = parse_conllu(conllu, Some(text)).unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(
            s.words,
            ["“", "Hi", ",", "”", "she", "said", "(", "twice", ")", "."]
        );
        assert_eq!(s.heads[5], NONE);
        assert_eq!(s.heads[4], 5);
        assert_eq!(s.labels[4].name(), "nsubj");
        assert_eq!(s.tags[0].name(), "``");
        // without the text, FORM is used
        let s = parse_conllu(conllu, None).unwrap();
        assert_eq!(s[0].words[0], "``");
    }
}
