//! Walking a gold directory laid out like PolNeAR's splits:
//!
//! ```text
//! DIR/text/NAME.txt      article text
//! DIR/ann/NAME.ann       brat standoff gold (code-point offsets)
//! DIR/conllu/NAME.conllu CoreNLP silver parse (missing for a few articles)
//! ```
//!
//! Files are visited in sorted name order so that everything built from a directory is
//! deterministic.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::{brat, AnnAttribution};

/// One article of a gold directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldDoc {
    /// The file stem shared by the `.txt`, `.ann` and `.conllu` files.
    pub name: String,
    /// The article text (`DIR/text/NAME.txt`).
    pub text: String,
    /// The gold attributions (`DIR/ann/NAME.ann`), in file order.
    pub attributions: Vec<AnnAttribution>,
    /// `DIR/conllu/NAME.conllu` when that file exists.
    pub conllu_path: Option<PathBuf>,
}

/// Sorted paths of the files directly in `dir` whose name ends with `.ext`.
fn files_with_ext(dir: &Path, ext: &str) -> anyhow::Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == ext) && path.is_file() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Load every article of `dir` (`dir/text/*.txt` with its `dir/ann/NAME.ann`), sorted by name.
///
/// Errors name the file: an unreadable or non-UTF-8 file, a missing `.ann`, a malformed
/// `.ann` (with its line number), or a span that ends past the end of the text.
pub fn load_gold_dir(dir: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    let mut docs = Vec::new();
    for txt_path in files_with_ext(&dir.join("text"), "txt")? {
        let name = txt_path
            .file_stem()
            .and_then(|s| s.to_str())
            .with_context(|| format!("{}: file name is not UTF-8", txt_path.display()))?
            .to_string();
        let text = fs::read_to_string(&txt_path)
            .with_context(|| format!("reading {}", txt_path.display()))?;
        let ann_path = dir.join("ann").join(format!("{name}.ann"));
        let ann = fs::read_to_string(&ann_path)
            .with_context(|| format!("reading {}", ann_path.display()))?;
        let attributions =
            brat::parse_ann(&ann).with_context(|| format!("parsing {}", ann_path.display()))?;
        let n_chars = text.chars().count();
        for a in &attributions {
            for s in a.source.iter().chain(&a.cue).chain(&a.content) {
                if s.end > n_chars {
                    bail!(
                        "{}: span {} {} ends past the end of the text ({} code points)",
                        ann_path.display(),
                        s.start,
                        s.end,
                        n_chars
                    );
                }
            }
        }
        let conllu = dir.join("conllu").join(format!("{name}.conllu"));
        let conllu_path = conllu.is_file().then_some(conllu);
        docs.push(GoldDoc {
            name,
            text,
            attributions,
            conllu_path,
        });
    }
    Ok(docs)
}

/// Sorted list of the `*.conllu` paths in `dir/conllu`, or in `dir` itself when it has no
/// `conllu/` subdirectory (so both a split folder and its `conllu/` folder are accepted).
pub fn conllu_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let sub = dir.join("conllu");
    files_with_ext(if sub.is_dir() { &sub } else { dir }, "conllu")
}

/// Visit every `*.conllu` file of `dir` (see [`conllu_files`]) in name order, with the article
/// text of `NAME.conllu` read from `../text/NAME.txt` when it exists. `visit` returns a count
/// (e.g. of skipped sentences) that is summed. Returns `(files visited, summed counts)`; every
/// error names its file.
pub fn visit_conllu_dir(
    dir: &Path,
    mut visit: impl FnMut(&str, Option<&str>) -> anyhow::Result<usize>,
) -> anyhow::Result<(usize, usize)> {
    let (mut files, mut total) = (0, 0);
    for path in conllu_files(dir)? {
        let conllu =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let text_path = path
            .parent()
            .and_then(Path::parent)
            .zip(path.file_stem())
            .map(|(p, stem)| p.join("text").join(stem).with_extension("txt"));
        let text = match text_path {
            Some(p) if p.is_file() => {
                Some(fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?)
            }
            _ => None,
        };
        total += visit(&conllu, text.as_deref())
            .with_context(|| format!("parsing {}", path.display()))?;
        files += 1;
    }
    Ok((files, total))
}

/// Sentences read from the `*.conllu` files of one directory (what the taggers train on).
#[derive(Clone, Debug)]
pub struct TaggedCorpus<S> {
    /// Sentences in file order (files sorted by name), then sentence order.
    pub sentences: Vec<S>,
    /// Number of `.conllu` files read.
    pub files: usize,
    /// Sentences dropped for a POS tag outside the Penn tag set.
    pub skipped: usize,
}

impl<S> Default for TaggedCorpus<S> {
    fn default() -> Self {
        TaggedCorpus {
            sentences: Vec::new(),
            files: 0,
            skipped: 0,
        }
    }
}

impl<S> TaggedCorpus<S> {
    /// Read every `*.conllu` file of `dir` with [`visit_conllu_dir`]: `read` appends a file's
    /// sentences and returns how many it skipped.
    pub fn read_dir(
        dir: &Path,
        mut read: impl FnMut(&str, Option<&str>, &mut Vec<S>) -> anyhow::Result<usize>,
    ) -> anyhow::Result<Self> {
        let mut corpus = TaggedCorpus::default();
        let (files, skipped) = visit_conllu_dir(dir, |conllu, text| {
            read(conllu, text, &mut corpus.sentences)
        })?;
        corpus.files = files;
        corpus.skipped = skipped;
        Ok(corpus)
    }

    /// The sentences, for training on them: `progress` gets one line saying what was read
    /// (`words` counts a sentence's tokens), and a corpus without sentences is an error naming
    /// `dir`, the directory it was read from.
    pub fn into_training(
        self,
        dir: &Path,
        words: impl Fn(&S) -> usize,
        progress: &mut impl FnMut(&str),
    ) -> anyhow::Result<Vec<S>> {
        let tokens: usize = self.sentences.iter().map(words).sum();
        progress(&format!(
            "read {} files: {} sentences, {} tokens ({} sentences skipped for unknown tags)",
            self.files,
            self.sentences.len(),
            tokens,
            self.skipped
        ));
        if self.sentences.is_empty() {
            bail!("no tagged sentences under {}", dir.display());
        }
        Ok(self.sentences)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CharSpan;

    /// A fresh scratch directory under the target dir's temp area.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "hearsay-data-{}-{}-{}",
            name,
            std::process::id(),
            std::thread::current()
                .name()
                .unwrap_or("t")
                .replace("::", "_")
        ));
        let _ = fs::remove_dir_all(&dir);
        for sub in ["text", "ann", "conllu"] {
            fs::create_dir_all(dir.join(sub)).unwrap();
        }
        dir
    }

    fn write(dir: &Path, rel: &str, body: &str) {
        fs::write(dir.join(rel), body).unwrap();
    }

    #[test]
    fn loads_sorted_with_optional_conllu() {
        let dir = scratch("ok");
        write(&dir, "text/b.txt", "Zoë said no.");
        write(
            &dir,
            "ann/b.ann",
            "T1\tSource 0 3\tZoë\nT2\tCue 4 8\tsaid\nT3\tContent 9 11\tno\n\
T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
        );
        write(&dir, "text/a.txt", "Nothing here.");
        write(&dir, "ann/a.ann", "");
        write(&dir, "conllu/a.conllu", "");
        write(&dir, "conllu/notes.txt", "");
        let docs = load_gold_dir(&dir).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].name, "a");
        assert!(docs[0].attributions.is_empty());
        assert_eq!(docs[0].conllu_path, Some(dir.join("conllu/a.conllu")));
        assert_eq!(docs[1].name, "b");
        assert_eq!(docs[1].conllu_path, None);
        assert_eq!(docs[1].attributions[0].source, vec![CharSpan::new(0, 3)]);
        assert_eq!(
            conllu_files(&dir).unwrap(),
            vec![dir.join("conllu/a.conllu")]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn errors_name_the_file() {
        let dir = scratch("missing");
        write(&dir, "text/a.txt", "Hi.");
        let err = format!("{:#}", load_gold_dir(&dir).unwrap_err());
        assert!(err.contains("a.ann"), "{err}");

        write(&dir, "ann/a.ann", "T1\tCue 0 x\tHi\n");
        let err = format!("{:#}", load_gold_dir(&dir).unwrap_err());
        assert!(err.contains("a.ann") && err.contains("line 1"), "{err}");

        write(
            &dir,
            "ann/a.ann",
            "T1\tCue 0 9\tHi\nT2\tAttribution 0 9\tHi\nE1\tAttribution-no-source:T2 Cue:T1\n",
        );
        let err = format!("{:#}", load_gold_dir(&dir).unwrap_err());
        assert!(
            err.contains("a.ann") && err.contains("past the end"),
            "{err}"
        );

        let err = format!("{:#}", load_gold_dir(&dir.join("nope")).unwrap_err());
        assert!(err.contains("nope"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn visits_conllu_files_with_their_text_from_either_folder() {
        let dir = scratch("visit");
        fs::write(dir.join("conllu/b.conllu"), "B").unwrap();
        fs::write(dir.join("conllu/a.conllu"), "A").unwrap();
        fs::write(dir.join("text/a.txt"), "text of a").unwrap();
        for root in [dir.clone(), dir.join("conllu")] {
            let mut seen = Vec::new();
            let (files, total) = visit_conllu_dir(&root, |c, t| {
                seen.push((c.to_string(), t.map(str::to_string)));
                Ok(1)
            })
            .unwrap();
            assert_eq!((files, total), (2, 2));
            assert_eq!(
                seen,
                [
                    ("A".to_string(), Some("text of a".to_string())),
                    ("B".to_string(), None)
                ]
            );
        }
        let err = visit_conllu_dir(&dir, |_, _| anyhow::bail!("bad")).unwrap_err();
        assert!(format!("{err:#}").contains("a.conllu"), "{err:#}");
        let _ = fs::remove_dir_all(&dir);
    }
}
