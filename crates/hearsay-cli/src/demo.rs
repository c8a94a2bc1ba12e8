//! `hearsay demo`: who said what in the bundled (invented) demo articles.

use std::collections::HashMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{bail, Context};
use hearsay::Pipeline;
use rayon::prelude::*;

use crate::output::{self, AttrOut, DocOut, PIECE_SEPARATOR};
use crate::parallel;

mod corpus {
    include!(concat!(env!("OUT_DIR"), "/demo_corpus.rs"));
}

/// Longest content shown, in characters, before it is cut with "…".
const MAX_CONTENT_CHARS: usize = 240;

/// Longest speaker shown in the summary, in characters.
const MAX_SPEAKER_CHARS: usize = 40;

/// How many speakers the summary lists.
const TOP_SPEAKERS: usize = 6;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
The demo articles are invented for this project and built into the binary, so this works from
any directory. Each attribution is shown as

  SPEAKER — cue — “quoted content” (kind; channel, to whom, when), or paraphrased content
  without quotation marks

where SPEAKER is the resolved speaker (\"Maria Olsen (“she”)\") and anonymous sources are marked
with what the text says of them. Attributions nested in another's words, and sources cited by
another (\"via\"), are indented under it. Each article ends with its disputes (who denies whom),
and the report with a summary: attributions by kind, anonymous sources, disputes, and the most
frequent speakers.")]
pub struct DemoArgs {
    /// Wrap lines at this many columns (0 = $COLUMNS, or 88).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub width: usize,

    /// Worker threads (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

/// Title, date and publisher of an article, from `metadata.tsv` when it has them.
#[derive(Default, Debug, PartialEq)]
struct Meta {
    title: Option<String>,
    date: Option<String>,
    publisher: Option<String>,
}

/// Read a metadata table: a header row naming the columns, then one row per article. The
/// article is found by a `filename`/`name`/`id`/`file` column (with or without `.txt`).
fn parse_metadata(tsv: &str) -> HashMap<String, Meta> {
    let mut lines = tsv.lines();
    let Some(header) = lines.next() else {
        return HashMap::new();
    };
    let cols: Vec<String> = header
        .split('\t')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let find = |names: &[&str]| cols.iter().position(|c| names.contains(&c.as_str()));
    let Some(key) = find(&["filename", "name", "id", "file", "article"]) else {
        return HashMap::new();
    };
    let title = find(&["title", "headline"]);
    let date = find(&["publication_date", "date", "published"]);
    let publisher = find(&["publisher", "outlet", "source", "publication"]);
    let mut out = HashMap::new();
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let get = |i: Option<usize>| {
            i.and_then(|i| fields.get(i))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty() && *s != "None")
                .map(str::to_string)
        };
        if let Some(name) = get(Some(key)) {
            let name = name.strip_suffix(".txt").unwrap_or(&name).to_string();
            out.insert(
                name,
                Meta {
                    title: get(title),
                    date: get(date),
                    publisher: get(publisher),
                },
            );
        }
    }
    out
}

/// Terminal styling: bold only on a terminal and when NO_COLOR is unset.
struct Style {
    bold: bool,
}

impl Style {
    fn bold(&self, s: &str) -> String {
        if self.bold {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Greedy word wrap of `text` to `width` columns (counted in characters): the first line
/// starts with `first`, later lines with `rest`.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut line_len = first.chars().count();
    let mut empty = true;
    let rest_len = rest.chars().count();
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && line_len + 1 + w > width {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            line_len = rest_len;
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += w;
        empty = false;
    }
    lines.push(line);
    lines
}

/// Wrap a list of items separated by " · ", breaking lines only between items.
fn wrap_items(items: &[String], width: usize, first: &str, rest: &str) -> Vec<String> {
    // A private-use character holds each item together through `wrap`.
    const GLUE: char = '\u{E000}';
    let glued: Vec<String> = items
        .iter()
        .map(|i| squash(i).replace(' ', "\u{E000}"))
        .collect();
    // The separator sticks to the item before it, so lines end with "·", never start with it.
    wrap(&glued.join("\u{E000}· "), width, first, rest)
        .into_iter()
        .map(|l| l.replace(GLUE, " "))
        .collect()
}

/// `s` cut to at most `max` characters (the last one "…") at a word boundary when possible.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Collapse runs of whitespace and trim.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const QUOTE_CHARS: &[char] = &['"', '“', '”', '„', '‘', '’', '\'', '«', '»', '`'];

/// The content of an attribution as shown: pieces joined, outer quotation marks dropped (the
/// report adds its own), cut at [`MAX_CONTENT_CHARS`].
fn content_text(a: &AttrOut) -> String {
    let joined = a
        .content
        .iter()
        .map(|s| squash(s.text))
        .collect::<Vec<_>>()
        .join(PIECE_SEPARATOR);
    // Direct speech gets its quotation marks back from the report; other kinds keep theirs.
    let direct = a.kind == "direct";
    let trimmed = joined
        .trim_matches(|c: char| c.is_whitespace() || (direct && QUOTE_CHARS.contains(&c)))
        .to_string();
    shorten(&trimmed, MAX_CONTENT_CHARS)
}

/// The source as written: whitespace collapsed, trailing commas dropped.
fn source_text(a: &AttrOut) -> Option<String> {
    let s = a.source.as_ref()?;
    let t = squash(s.text);
    let t = t.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '—' | '–' | '-' | ' '));
    (!t.is_empty()).then(|| t.to_string())
}

/// The speaker as counted in the summary: the resolved entity's name, else the source.
fn speaker_text(a: &AttrOut) -> Option<String> {
    match &a.speaker {
        Some(s) if !a.anonymous && !s.name.is_empty() => Some(s.name.clone()),
        _ => source_text(a),
    }
}

/// The speaker as shown on an attribution's line: the source as written, with the resolved
/// name when the source does not contain it ("Maria Olsen (“she”)"), and anonymous sources
/// marked ("anonymous: a person close to the ministry").
fn speaker_shown(a: &AttrOut) -> Option<String> {
    let src = source_text(a)?;
    if a.anonymous {
        let d = a
            .descriptor
            .as_ref()
            .map(|d| squash(d.text))
            .unwrap_or(src.clone());
        let mut s = format!("anonymous: {d}");
        if let Some(aff) = &a.affiliation {
            if !d.contains(&aff.name) {
                s.push_str(&format!(" [{}]", aff.name));
            }
        }
        return Some(s);
    }
    match &a.speaker {
        Some(sp) if !sp.name.is_empty() && !src.contains(&sp.name) => {
            Some(format!("{} (“{src}”)", sp.name))
        }
        _ => Some(src),
    }
}

/// Pronouns are real speakers but say little in a "top speakers" list.
fn is_pronoun(s: &str) -> bool {
    matches!(
        s.to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "him" | "her" | "them" | "us" | "one"
    )
}

/// One attribution as wrapped lines.
/// Attributions in reading order with each nested one right after the one it is nested in,
/// and its depth (0 for outer ones). A parent that is missing or part of a cycle is ignored.
fn nested_order<'x, 'a>(attrs: &'x [AttrOut<'a>]) -> Vec<(&'x AttrOut<'a>, usize)> {
    let n = attrs.len();
    let index_of_id = |id: usize| (1..=n).contains(&id).then(|| id - 1);
    // Follow parents from each attribution; one that does not reach an outer one in n steps
    // is in a cycle and treated as outer.
    let reaches_root = |mut i: usize| {
        for _ in 0..=n {
            match attrs[i].parent.or(attrs[i].via).and_then(index_of_id) {
                None => return true,
                Some(p) => i = p,
            }
        }
        false
    };
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, a) in attrs.iter().enumerate() {
        match a.parent.or(a.via).and_then(index_of_id) {
            Some(p) if p != i && reaches_root(i) => children[p].push(i),
            _ => roots.push(i),
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        out.push((&attrs[i], depth));
        stack.extend(children[i].iter().rev().map(|&c| (c, depth + 1)));
    }
    out
}

fn attribution_lines(a: &AttrOut, depth: usize, width: usize, style: &Style) -> Vec<String> {
    let speaker = speaker_shown(a);
    let speaker_shown = speaker.clone().unwrap_or_else(|| "(no source)".to_string());
    let cue = a.cue.as_ref().map(|c| {
        squash(c.text)
            .trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | '—' | '–' | ' '))
            .to_string()
    });
    let content = content_text(a);
    let mut text = speaker_shown.clone();
    text.push_str(" — ");
    text.push_str(cue.as_deref().unwrap_or("(no cue)"));
    text.push_str(" — ");
    if content.is_empty() {
        text.push_str("(no content)");
    } else if a.kind == "direct" {
        // Direct speech reads as a quotation; paraphrase is shown as it stands, so the
        // report never puts words in quotation marks that the speaker did not say.
        text.push('“');
        text.push_str(&content);
        text.push('”');
    } else {
        text.push_str(&content);
    }
    let mut tags = vec![a.kind.to_string()];
    tags.extend(a.channel.map(str::to_string));
    if let Some(to) = &a.addressee {
        tags.push(format!("to {}", squash(to.text)));
    }
    if let Some(t) = &a.time {
        let when = match (&t.date, &t.range) {
            (Some(d), _) => format!("{} = {d}", squash(t.text)),
            (None, Some([x, y])) => format!("{} = {x}..{y}", squash(t.text)),
            _ => squash(t.text),
        };
        tags.push(when);
    }
    text.push_str(&format!(" ({})", tags.join("; ")));
    // Attributions nested in another's content are indented under it.
    let pad = "    ".repeat(depth.min(3));
    let (bullet, rest) = if depth > 0 && a.via.is_some() {
        (format!("  {pad}◦ via: "), format!("      {pad}"))
    } else if depth > 0 {
        (format!("  {pad}◦ "), format!("      {pad}"))
    } else {
        ("  • ".to_string(), "      ".to_string())
    };
    let (bullet, rest) = (bullet.as_str(), rest.as_str());
    let mut lines = wrap(&text, width, bullet, rest);
    // Bold the speaker when it sits whole on the first line.
    if speaker.is_some() {
        let prefix = format!("{bullet}{speaker_shown}");
        if lines[0].starts_with(&prefix) {
            lines[0] = format!(
                "{bullet}{}{}",
                style.bold(&speaker_shown),
                &lines[0][prefix.len()..]
            );
        }
    }
    lines
}

/// Write the report for all documents.
fn report(
    out: &mut impl Write,
    docs: &[(String, DocOut, Option<&Meta>, &str)],
    width: usize,
    style: &Style,
) -> io::Result<()> {
    let rule: String = "─".repeat(width.min(100));
    let mut by_kind: Vec<(&'static str, usize)> = Vec::new();
    let mut speakers: HashMap<String, (String, usize, usize)> = HashMap::new();
    let mut total = 0;
    let (mut anonymous, mut disputes) = (0usize, 0usize);
    for (k, (name, doc, meta, text)) in docs.iter().enumerate() {
        let title = meta
            .and_then(|m| m.title.clone())
            .or_else(|| {
                text.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .map(|l| l.chars().take(120).collect())
            })
            .unwrap_or_else(|| name.clone());
        if k > 0 {
            writeln!(out)?;
        }
        for line in wrap(&title, width, "", "") {
            writeln!(out, "{}", style.bold(&line))?;
        }
        let mut facts = vec![name.clone()];
        if let Some(m) = meta {
            facts.extend(m.publisher.clone());
            facts.extend(m.date.clone());
        }
        writeln!(out, "{}", facts.join(" · "))?;
        writeln!(out, "{}", "─".repeat(title.chars().count().clamp(8, width)))?;
        if doc.attributions.is_empty() {
            writeln!(out, "  (no attributions found)")?;
        }
        for (a, depth) in nested_order(&doc.attributions) {
            total += 1;
            for line in attribution_lines(a, depth, width, style) {
                writeln!(out, "{line}")?;
            }
            match by_kind.iter_mut().find(|(k, _)| *k == a.kind) {
                Some((_, n)) => *n += 1,
                None => by_kind.push((a.kind, 1)),
            }
            if a.anonymous {
                anonymous += 1;
            } else if let Some(s) = speaker_text(a).filter(|s| !is_pronoun(s)) {
                let order = speakers.len();
                let e = speakers.entry(s.to_lowercase()).or_insert((s, 0, order));
                e.1 += 1;
            }
        }
        // Who disputes whom.
        let by_id = |id: usize| doc.attributions.iter().find(|a| a.id == id);
        for (i, d) in doc.disputes.iter().enumerate() {
            let (Some(by), Some(target)) = (by_id(d.by), by_id(d.target)) else {
                continue;
            };
            disputes += 1;
            if i == 0 {
                writeln!(out, "  disputes:")?;
            }
            let who = speaker_text(by).unwrap_or_else(|| "(no source)".into());
            let whom = speaker_text(target).unwrap_or_else(|| "(unattributed claim)".into());
            let words = d.cue.as_ref().map(|c| squash(c.text)).unwrap_or_default();
            let claim = shorten(&content_text(target), 90);
            let basis = d.basis.replace('_', " ");
            let text = format!("{who} disputes {whom} (“{words}”; {basis}): {claim}");
            for line in wrap(&text, width, "  ✗ ", "      ") {
                writeln!(out, "{line}")?;
            }
        }
    }

    writeln!(out)?;
    writeln!(out, "{rule}")?;
    writeln!(
        out,
        "{} article{}, {} attribution{}",
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        total,
        if total == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "anonymous sources: {anonymous} of {total} attributions; disputes: {disputes}"
    )?;
    if !by_kind.is_empty() {
        by_kind.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        for line in wrap_items(&kinds, width, "by kind: ", "         ") {
            writeln!(out, "{line}")?;
        }
    }
    if !speakers.is_empty() {
        let mut top: Vec<(String, usize, usize)> = speakers.into_values().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let names: Vec<String> = top
            .iter()
            .take(TOP_SPEAKERS)
            .map(|(s, n, _)| format!("{} ({n})", shorten(s, MAX_SPEAKER_CHARS)))
            .collect();
        for line in wrap_items(&names, width, "top speakers: ", "              ") {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// A temporary directory removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> io::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("hearsay-demo-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The word the corpus report searches for.
const DEMO_QUERY: &str = "recall";

/// Store the demo articles in a temporary database, as `hearsay ingest` does, and report
/// what the corpus queries see.
fn corpus_report(
    out: &mut impl Write,
    docs: &[(String, DocOut, Option<&Meta>, &str)],
    width: usize,
    style: &Style,
) -> io::Result<()> {
    let store_err = |e: hearsay_store::Error| io::Error::other(format!("corpus store: {e}"));
    let tmp = TempDir::new()?;
    let started = std::time::Instant::now();
    let mut store = hearsay_store::Store::open(tmp.0.join("demo.db")).map_err(store_err)?;
    let mut batch = store.batch().map_err(store_err)?;
    for (name, rec, meta, text) in docs {
        let article = hearsay_corpus::Article {
            text: text.to_string(),
            id: Some(name.clone()),
            title: meta.and_then(|m| m.title.clone()),
            published: meta.and_then(|m| m.date.clone()),
            outlet: meta.and_then(|m| m.publisher.clone()),
            ..Default::default()
        };
        let new = hearsay_store::NewDocument {
            ext_id: article.id.as_deref(),
            title: article.title.as_deref(),
            published: article.published.as_deref(),
            outlet: article.outlet.as_deref(),
            ..hearsay_store::NewDocument::new(article.content_hash(), name, text, rec)
        };
        batch.insert(&new).map_err(store_err)?;
    }
    batch.commit().map_err(store_err)?;
    let took = started.elapsed();
    let c = store.counts().map_err(store_err)?;
    let joined = c.entity_names - c.entities;
    let top = store.top_speakers(TOP_SPEAKERS).map_err(store_err)?;
    let outlets = store.sources(1, true).map_err(store_err)?;
    let anonymous: u64 = outlets.iter().map(|o| o.anonymous).sum();
    let who = store.who(DEMO_QUERY, false, 4, 1).map_err(store_err)?;

    writeln!(out)?;
    writeln!(out, "{}", style.bold("Corpus store"))?;
    let lines = [
        format!(
            "The same {} articles ingested into a temporary database ({} ms), as `hearsay \
             ingest` does: {} attributions, {} entities ({} short names joined to a full \
             name), {} disputes.",
            c.documents,
            took.as_millis(),
            c.attributions,
            c.entities,
            joined,
            c.disputes
        ),
        format!(
            "Anonymous sources: {anonymous} of {} attributions{}.",
            c.attributions,
            match outlets.first() {
                Some(o) if o.anonymous > 0 => format!(
                    ", most often in {} ({:.0}%)",
                    o.outlet.as_deref().unwrap_or("(no outlet)"),
                    100.0 * o.anonymous_share
                ),
                _ => String::new(),
            }
        ),
    ];
    for l in lines {
        for line in wrap(&l, width, "", "") {
            writeln!(out, "{line}")?;
        }
    }
    if !top.is_empty() {
        let names: Vec<String> = top
            .iter()
            .map(|s| {
                let docs = if s.documents > 1 {
                    format!(", {} articles", s.documents)
                } else {
                    String::new()
                };
                format!(
                    "{} ({}{docs})",
                    shorten(&s.entity.name, MAX_SPEAKER_CHARS),
                    s.attributions
                )
            })
            .collect();
        for line in wrap_items(&names, width, "most quoted: ", "             ") {
            writeln!(out, "{line}")?;
        }
    }
    let speakers: Vec<String> = who
        .groups
        .iter()
        .map(|g| {
            let name = g
                .speaker
                .as_ref()
                .map_or("(no named speaker)", |s| s.name.as_str());
            format!("{} ({})", shorten(name, MAX_SPEAKER_CHARS), g.count)
        })
        .collect();
    let head = format!("hearsay who {DEMO_QUERY}: {} attributions by ", who.total);
    for line in wrap_items(&speakers, width, &head, "    ") {
        writeln!(out, "{line}")?;
    }
    for line in wrap(
        "Your own articles: hearsay ingest DIR --db news.db, then hearsay who, speaker, sources, \
         disputes and show with --db news.db.",
        width,
        "",
        "",
    ) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

pub fn run(args: DemoArgs) -> anyhow::Result<ExitCode> {
    if corpus::ARTICLES.is_empty() {
        bail!(
            "this build has no demo articles (corpus/demo/text was missing or empty when it was \
             built); rebuild from a full checkout"
        );
    }
    let meta = parse_metadata(corpus::METADATA);
    let pipeline = Pipeline::load().context("loading the models")?;
    let pool = parallel::pool(args.threads)?;
    let docs: Vec<(String, hearsay_doc::Doc)> = pool.install(|| {
        corpus::ARTICLES
            .par_iter()
            .map(|(name, text)| {
                // The publication date anchors relative dates ("on Tuesday").
                let date = meta.get(*name).and_then(|m| m.date.as_deref());
                (
                    name.to_string(),
                    pipeline.process_with_date(text.to_string(), date),
                )
            })
            .collect()
    });
    let records: Vec<(String, DocOut, Option<&Meta>, &str)> = docs
        .iter()
        .map(|(name, doc)| {
            let rec = output::doc_out(name, doc);
            (
                name.clone(),
                rec,
                meta.get(name.as_str()),
                doc.text.as_str(),
            )
        })
        .collect();

    let stdout = io::stdout();
    let tty = stdout.is_terminal();
    let width = match args.width {
        0 => std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<usize>().ok())
            .filter(|&c| c >= 40)
            .map(|c| c.min(120))
            .unwrap_or(88),
        w => w.max(20),
    };
    let style = Style {
        bold: tty && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = BufWriter::new(stdout.lock());
    let result = report(&mut out, &records, width, &style)
        .and_then(|()| corpus_report(&mut out, &records, width, &style))
        .and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("writing to standard output"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::sample_doc;

    #[test]
    fn metadata_columns_by_name() {
        let tsv = "filename\tpublisher\tpublication_date\ttitle\n\
                   a\tThe Gazette\t2024-01-02\tA bridge too far\n\
                   b.txt\tNone\t\tSecond\n";
        let m = parse_metadata(tsv);
        assert_eq!(
            m["a"],
            Meta {
                title: Some("A bridge too far".into()),
                date: Some("2024-01-02".into()),
                publisher: Some("The Gazette".into())
            }
        );
        assert_eq!(m["b"].publisher, None);
        assert_eq!(m["b"].date, None);
        assert!(parse_metadata("").is_empty());
        assert!(parse_metadata("x\ty\n1\t2\n").is_empty());
    }

    #[test]
    fn wrapping() {
        let lines = wrap("one two three four five six", 12, "* ", "  ");
        assert_eq!(lines, ["* one two", "  three four", "  five six"]);
        for l in &lines {
            assert!(l.chars().count() <= 12);
        }
        // A word longer than the width gets its own line rather than being cut.
        assert_eq!(
            wrap("a supercalifragilistic b", 8, "", ""),
            ["a", "supercalifragilistic", "b"]
        );
        assert_eq!(wrap("", 8, "> ", ""), ["> "]);
        let items = [
            "Ana Pérez (3)".to_string(),
            "the mayor (2)".into(),
            "Bo (1)".into(),
        ];
        assert_eq!(
            wrap_items(&items, 20, "top: ", "     "),
            [
                "top: Ana Pérez (3) ·",
                "     the mayor (2) ·",
                "     Bo (1)"
            ]
        );
    }

    #[test]
    fn report_reads_well() {
        let doc = sample_doc();
        let rec = output::doc_out("", &doc);
        let meta = Meta {
            title: Some("Café reopens".into()),
            date: Some("2024-03-01".into()),
            publisher: None,
        };
        let docs = vec![("demo-1".to_string(), rec, Some(&meta), doc.text.as_str())];
        let mut buf = Vec::new();
        report(&mut buf, &docs, 60, &Style { bold: false }).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.starts_with("Café reopens\ndemo-1 · 2024-03-01\n"), "{s}");
        assert!(
            s.contains("  • Zoë Ødegård, the café’s owner — said — “We will"),
            "{s}"
        );
        assert!(s.contains("(direct)"), "{s}");
        assert!(
            s.contains("  • Varnik — disagreed — (no content) (belief)"),
            "{s}"
        );
        assert!(s.contains("2 attributions"), "{s}");
        assert!(s.contains("by kind: belief 1 · direct 1"), "{s}");
        assert!(
            s.contains("top speakers: Zoë Ødegård, the café’s owner (1) · Varnik (1)"),
            "{s}"
        );
        for line in s.lines() {
            assert!(line.chars().count() <= 60, "too long: {line}");
        }
    }

    #[test]
    fn corpus_report_stores_and_queries() {
        let doc = sample_doc();
        let rec = output::doc_out("", &doc);
        let meta = Meta {
            title: Some("Café reopens".into()),
            date: Some("2024-03-01".into()),
            publisher: Some("Valley Post".into()),
        };
        let docs = vec![("demo-1".to_string(), rec, Some(&meta), doc.text.as_str())];
        let mut buf = Vec::new();
        corpus_report(&mut buf, &docs, 80, &Style { bold: false }).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(
            s.contains("\nCorpus store\nThe same 1 articles ingested"),
            "{s}"
        );
        assert!(s.contains(": 2 attributions, 2 entities"), "{s}");
        assert!(
            s.contains("most quoted: Varnik (1) · Zoë Ødegård (1)"),
            "{s}"
        );
        assert!(s.contains("hearsay who recall: 0 attributions"), "{s}");
    }

    #[test]
    fn nested_attributions_follow_their_parent() {
        let mk = |id: usize, parent: Option<usize>| AttrOut {
            id,
            kind: "indirect",
            source: None,
            cue: None,
            content: vec![],
            confidence: 1.0,
            parent,
            speaker: None,
            anonymous: false,
            descriptor: None,
            affiliation: None,
            via: None,
            channel: None,
            addressee: None,
            time: None,
        };
        // 1 is nested in 3, 4 in 1; 2 is outer; 5 and 6 point at each other (a cycle).
        let attrs = vec![
            mk(1, Some(3)),
            mk(2, None),
            mk(3, None),
            mk(4, Some(1)),
            mk(5, Some(6)),
            mk(6, Some(5)),
        ];
        let order: Vec<(usize, usize)> = nested_order(&attrs)
            .into_iter()
            .map(|(a, d)| (a.id, d))
            .collect();
        assert_eq!(order, [(2, 0), (3, 0), (1, 1), (4, 2), (5, 0), (6, 0)]);
    }

    #[test]
    fn long_content_is_cut() {
        let long = "word ".repeat(200);
        let mut doc = crate::output::tests::tokenized(&long);
        doc.attributions.push(hearsay_doc::Attribution {
            content: vec![hearsay_doc::TokenSpan::new(0, 200)],
            ..Default::default()
        });
        let rec = output::doc_out("", &doc);
        let shown = content_text(&rec.attributions[0]);
        assert!(shown.ends_with('…'));
        assert!(shown.chars().count() <= MAX_CONTENT_CHARS);
        assert_eq!(
            shorten("Rosa Delgado, who runs a diner", 20),
            "Rosa Delgado, who…"
        );
        assert_eq!(shorten("short", 20), "short");
    }
}
