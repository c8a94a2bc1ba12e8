//! The speakers-and-context gold format of `corpus/speakers` (see its `FORMAT.md`): entities,
//! attributions with speaker, anonymity, parent/via, channel, addressee and time, and
//! disputes, with spans in Unicode code points.

use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

/// A span of the gold: code-point offsets `[start, end)` and the text.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub mentions: Vec<Span>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Anonymous {
    pub descriptor: Span,
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Time {
    pub text: Span,
    pub date: Option<String>,
    pub range: Option<[String; 2]>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Attribution {
    pub id: String,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Vec<Span>,
    pub kind: String,
    pub speaker: Option<String>,
    pub anonymous: Option<Anonymous>,
    pub parent: Option<String>,
    pub via: Option<String>,
    pub channel: Option<String>,
    pub addressee: Option<Span>,
    pub time: Option<Time>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Dispute {
    pub by: String,
    pub target: String,
    pub cue: Span,
}

/// One annotated article.
#[derive(Clone, Debug, Deserialize)]
pub struct Annotation {
    pub date: String,
    pub entities: Vec<Entity>,
    pub attributions: Vec<Attribution>,
    pub disputes: Vec<Dispute>,
}

/// One gold article: its name (file stem), text and annotation.
#[derive(Clone, Debug)]
pub struct GoldArticle {
    pub name: String,
    pub text: String,
    pub ann: Annotation,
}

/// Whether `dir` holds this format (`dir/ann/*.json`).
pub fn is_speakers_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir.join("ann"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == "json"))
        })
        .unwrap_or(false)
}

/// Read every `dir/text/NAME.txt` with its `dir/ann/NAME.json`, sorted by name.
pub fn load_dir(dir: &Path) -> anyhow::Result<Vec<GoldArticle>> {
    let ann_dir = dir.join("ann");
    let mut names: Vec<String> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("cannot read {}", ann_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let tp = dir.join("text").join(format!("{name}.txt"));
        let ap = ann_dir.join(format!("{name}.json"));
        let text = std::fs::read_to_string(&tp)
            .with_context(|| format!("cannot read {}", tp.display()))?;
        let raw = std::fs::read_to_string(&ap)
            .with_context(|| format!("cannot read {}", ap.display()))?;
        let ann: Annotation = serde_json::from_str(&raw)
            .with_context(|| format!("{}: not speakers gold JSON", ap.display()))?;
        out.push(GoldArticle { name, text, ann });
    }
    Ok(out)
}
