//! The corpus queries: `who`, `speaker`, `sources`, `disputes`, `show`. Each prints a table
//! for people or, with `--json`, the query's result object.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use hearsay_store::query::{Lookup, Said};
use hearsay_store::Store;
use serde::Serialize;

/// Options every query takes.
#[derive(clap::Args, Debug)]
pub struct DbArgs {
    /// The database file (made by `hearsay ingest`).
    #[arg(long, value_name = "FILE", default_value = "hearsay.db")]
    pub db: PathBuf,

    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,

    /// Table width (0 = $COLUMNS, or 100).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub width: usize,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  hearsay who frigate order            attributions whose content has both words
  hearsay who --fts 'strike NEAR/3 port'   an FTS5 expression
  hearsay who recall --json

Matching ignores case and accents. Snippets show matches in [brackets].")]
pub struct WhoArgs {
    /// Words the content must contain (all of them).
    #[arg(value_name = "TEXT", required = true)]
    pub text: Vec<String>,

    /// Take TEXT as an SQLite FTS5 query (phrases, OR, NEAR, prefix*).
    #[arg(long)]
    pub fts: bool,

    /// Speakers to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub speakers: usize,

    /// Attributions to list per speaker (the most recent).
    #[arg(long, short = 'n', value_name = "N", default_value_t = 3)]
    pub limit: usize,

    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  hearsay speaker \"Ana Kovač\"          everything she is reported to have said, oldest first
  hearsay speaker Kovač               a surname finds the one full name it belongs to
  hearsay speaker                     the most quoted speakers")]
pub struct SpeakerArgs {
    /// The speaker's name (leave out for a list of the most quoted).
    #[arg(value_name = "NAME")]
    pub name: Vec<String>,

    /// Attributions (or speakers) to list at most.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 200)]
    pub limit: usize,

    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args, Debug)]
pub struct SourcesArgs {
    /// Order outlets by their share of anonymous attributions and list the commonest
    /// descriptions of anonymous sources.
    #[arg(long)]
    pub anonymous: bool,

    /// Speakers (or descriptions) to list per outlet.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub top: usize,

    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args, Debug)]
pub struct DisputesArgs {
    /// Disputes to list (the most recent).
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Only disputes found by these signals, most reliable first: characterisation,
    /// denial_verb, rebuttal, side, negation (comma-separated).
    #[arg(long, value_name = "BASIS", value_delimiter = ',', value_parser = parse_basis)]
    pub basis: Vec<String>,

    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "DOC is the document's number in the database (as the other queries \
print it), its own id (JSONL \"id\"), its URL, or where it was read from (file, file:line)."
)]
pub struct ShowArgs {
    /// The document.
    #[arg(value_name = "DOC")]
    pub doc: String,

    /// Also print the text.
    #[arg(long)]
    pub text: bool,

    #[command(flatten)]
    pub db: DbArgs,
}

fn open(db: &Path) -> anyhow::Result<Store> {
    Store::open_existing(db).with_context(|| format!("{}", db.display()))
}

fn width(w: usize) -> usize {
    match w {
        0 => std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<usize>().ok())
            .filter(|&c| c >= 40)
            .unwrap_or(100),
        w => w.max(40),
    }
}

/// Write to stdout; a closed pipe ends quietly.
fn emit(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("writing to standard output"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn json(value: &impl Serialize) -> anyhow::Result<ExitCode> {
    emit(|out| {
        serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
        writeln!(out)
    })
}

/// `s` in at most `max` characters, cut with "…".
fn fit(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// A plain table: columns padded to their widest cell (each capped), the last column takes
/// what is left of `width`.
fn table(
    out: &mut dyn Write,
    head: &[&str],
    rows: &[Vec<String>],
    caps: &[usize],
    width: usize,
) -> io::Result<()> {
    let n = head.len();
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(c.chars().count().min(caps[i]));
        }
    }
    let used: usize = widths[..n - 1].iter().map(|w| w + 2).sum();
    widths[n - 1] = widths[n - 1].min(width.saturating_sub(used).max(12));
    let line = |cells: Vec<String>| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let c = fit(c, widths[i]);
            if i + 1 < n {
                let pad = widths[i] - c.chars().count();
                s.push_str(&c);
                s.push_str(&" ".repeat(pad + 2));
            } else {
                s.push_str(&c);
            }
        }
        s.trim_end().to_string()
    };
    writeln!(
        out,
        "{}",
        line(head.iter().map(|h| h.to_string()).collect())
    )?;
    for r in rows {
        writeln!(out, "{}", line(r.clone()))?;
    }
    Ok(())
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "—".to_string())
}

fn said_rows(said: &[Said], with_source: bool) -> Vec<Vec<String>> {
    said.iter()
        .map(|s| {
            let mut r = vec![opt(&s.published), opt(&s.outlet)];
            if with_source {
                r.push(opt(&s.source));
            }
            r.push(opt(&s.cue));
            r.push(format!("#{}", s.document));
            r.push(s.content.clone());
            r
        })
        .collect()
}

pub fn who(args: WhoArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let text = args.text.join(" ");
    let who = store
        .who(&text, args.fts, args.speakers, args.limit)
        .with_context(|| format!("searching for {text:?}"))?;
    if args.db.json {
        return json(&who);
    }
    let w = width(args.db.width);
    emit(|out| {
        let speakers = who.groups.len();
        writeln!(
            out,
            "{:?}: {} attribution{} ({} speaker group{} shown)",
            who.query,
            who.total,
            if who.total == 1 { "" } else { "s" },
            speakers,
            if speakers == 1 { "" } else { "s" }
        )?;
        for g in &who.groups {
            writeln!(out)?;
            let name = g
                .speaker
                .as_ref()
                .map_or("(no named speaker)".to_string(), |s| s.name.clone());
            writeln!(
                out,
                "{name} — {} match{}",
                g.count,
                if g.count == 1 { "" } else { "es" }
            )?;
            table(
                out,
                &["date", "outlet", "as written", "cue", "doc", "said"],
                &said_rows(&g.said, true),
                &[10, 22, 24, 14, 8, 200],
                w,
            )?;
        }
        Ok(())
    })
}

pub fn speaker(args: SpeakerArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let w = width(args.db.width);
    if args.name.is_empty() {
        let top = store.top_speakers(args.limit)?;
        if args.db.json {
            return json(&top);
        }
        let rows: Vec<Vec<String>> = top
            .iter()
            .map(|s| {
                vec![
                    s.entity.name.clone(),
                    s.entity.etype.clone(),
                    s.attributions.to_string(),
                    s.documents.to_string(),
                    s.aliases.join(", "),
                ]
            })
            .collect();
        return emit(|out| {
            table(
                out,
                &[
                    "speaker",
                    "type",
                    "attributions",
                    "documents",
                    "also written",
                ],
                &rows,
                &[36, 12, 12, 9, 60],
                w,
            )
        });
    }
    let name = args.name.join(" ");
    match store.find_speaker(&name)? {
        Lookup::Found(summary) => {
            let said = store.said_by(summary.entity.id, args.limit)?;
            if args.db.json {
                #[derive(Serialize)]
                struct Out<'a> {
                    #[serde(flatten)]
                    summary: &'a hearsay_store::query::EntitySummary,
                    said: &'a [Said],
                }
                return json(&Out {
                    summary: &summary,
                    said: &said,
                });
            }
            let dates: Vec<&str> = said.iter().filter_map(|s| s.published.as_deref()).collect();
            emit(|out| {
                write!(
                    out,
                    "{} ({}): {} attribution{} in {} document{}",
                    summary.entity.name,
                    summary.entity.etype,
                    summary.attributions,
                    if summary.attributions == 1 { "" } else { "s" },
                    summary.documents,
                    if summary.documents == 1 { "" } else { "s" },
                )?;
                if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
                    write!(out, ", {first} to {last}")?;
                }
                writeln!(out)?;
                if !summary.aliases.is_empty() {
                    writeln!(out, "also written: {}", summary.aliases.join(", "))?;
                }
                writeln!(out)?;
                table(
                    out,
                    &["date", "outlet", "cue", "doc", "said"],
                    &said_rows(&said, false),
                    &[10, 22, 14, 8, 400],
                    w,
                )
            })
        }
        Lookup::Ambiguous(list) => {
            eprintln!("hearsay: {name:?} could be any of:");
            for s in &list {
                eprintln!(
                    "  {} ({}, {} attributions)",
                    s.entity.name, s.entity.etype, s.attributions
                );
            }
            eprintln!("hearsay: give the full name");
            Ok(ExitCode::FAILURE)
        }
        Lookup::NotFound => {
            eprintln!(
                "hearsay: no speaker named {name:?} in {}",
                args.db.db.display()
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

pub fn sources(args: SourcesArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let stats = store.sources(args.top, args.anonymous)?;
    if args.db.json {
        return json(&stats);
    }
    let w = width(args.db.width);
    let rows: Vec<Vec<String>> = stats
        .iter()
        .map(|o| {
            let list = if args.anonymous {
                &o.top_anonymous
            } else {
                &o.top_speakers
            };
            vec![
                o.outlet.clone().unwrap_or_else(|| "(no outlet)".into()),
                o.documents.to_string(),
                o.attributions.to_string(),
                format!("{:.1}%", 100.0 * o.anonymous_share),
                list.iter()
                    .map(|c| format!("{} ({})", c.name, c.count))
                    .collect::<Vec<_>>()
                    .join(" · "),
            ]
        })
        .collect();
    let last = if args.anonymous {
        "commonest anonymous sources"
    } else {
        "most quoted"
    };
    emit(|out| {
        table(
            out,
            &["outlet", "docs", "attributions", "anonymous", last],
            &rows,
            &[28, 6, 12, 9, 300],
            w,
        )
    })
}

fn parse_basis(s: &str) -> Result<String, String> {
    match hearsay::doc::DisputeBasis::parse(s) {
        Some(b) => Ok(b.as_str().to_string()),
        None => Err(format!(
            "unknown dispute basis {s:?}; one of: {}",
            hearsay::doc::DisputeBasis::ALL
                .map(|b| b.as_str())
                .join(", ")
        )),
    }
}

pub fn disputes(args: DisputesArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let basis: Vec<&str> = args.basis.iter().map(String::as_str).collect();
    let d = store.disputes(args.limit, &basis)?;
    if args.db.json {
        return json(&d);
    }
    let w = width(args.db.width);
    emit(|out| {
        writeln!(
            out,
            "{} dispute{} recorded",
            d.total,
            if d.total == 1 { "" } else { "s" }
        )?;
        if d.total == 0 {
            return Ok(());
        }
        writeln!(out)?;
        let who = |s: &Option<String>| s.clone().unwrap_or_else(|| "(unnamed)".into());
        let rows: Vec<Vec<String>> = d
            .pairs
            .iter()
            .map(|p| vec![who(&p.by), who(&p.target), p.count.to_string()])
            .collect();
        table(
            out,
            &["who disputes", "whom", "times"],
            &rows,
            &[36, 36, 6],
            w,
        )?;
        writeln!(out)?;
        let rows: Vec<Vec<String>> = d
            .recent
            .iter()
            .map(|r| {
                vec![
                    opt(&r.published),
                    opt(&r.outlet),
                    format!("#{}", r.document),
                    format!(
                        "{} ({}{}) — {}: {}",
                        who(&r.by.speaker),
                        r.cue.clone().or(r.by.cue.clone()).unwrap_or_default(),
                        r.basis
                            .as_ref()
                            .map(|b| format!("; {}", b.replace('_', " ")))
                            .unwrap_or_default(),
                        who(&r.target.speaker),
                        r.target.content
                    ),
                ]
            })
            .collect();
        table(
            out,
            &["date", "outlet", "doc", "dispute"],
            &rows,
            &[10, 22, 8, 400],
            w,
        )
    })
}

pub fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db.db)?;
    let Some(id) = store.find_document(&args.doc)? else {
        eprintln!(
            "hearsay: no document {:?} in {}",
            args.doc,
            args.db.db.display()
        );
        return Ok(ExitCode::FAILURE);
    };
    let doc = store.show(id)?;
    if args.db.json {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            doc: &'a hearsay_store::query::ShownDoc,
            #[serde(skip_serializing_if = "Option::is_none")]
            text: Option<&'a str>,
        }
        return json(&Out {
            doc: &doc,
            text: args.text.then_some(doc.text.as_str()),
        });
    }
    let w = width(args.db.width);
    emit(|out| {
        writeln!(out, "{}", doc.title.as_deref().unwrap_or("(untitled)"))?;
        let mut facts = vec![format!("#{}", doc.id)];
        facts.extend(doc.outlet.clone());
        facts.extend(doc.published.clone());
        facts.extend(doc.url.clone());
        facts.push(doc.origin.clone());
        writeln!(out, "{}", facts.join(" · "))?;
        writeln!(out)?;
        for a in &doc.attributions {
            let speaker = a
                .speaker
                .as_ref()
                .map(|s| s.name.clone())
                .or(a.source.as_ref().map(|s| s.text.clone()))
                .unwrap_or_else(|| "(no source)".into());
            let content: Vec<String> = a.content.iter().map(|c| c.text.clone()).collect();
            let indent = if a.parent.is_some() {
                "    ◦"
            } else {
                "  •"
            };
            let mut line = format!(
                "{indent} [{}] {} — {} — {} ({})",
                a.id,
                speaker,
                a.cue
                    .as_ref()
                    .map_or("(no cue)".to_string(), |c| c.text.clone()),
                content.join(" … "),
                a.kind
            );
            let mut notes = Vec::new();
            if a.anonymous {
                notes.push(match &a.affiliation {
                    Some(o) => format!("anonymous, close to {o}"),
                    None => "anonymous".to_string(),
                });
            }
            if let Some(v) = a.via {
                notes.push(format!("via [{v}]"));
            }
            if let Some(c) = &a.channel {
                notes.push(c.clone());
            }
            if let Some(to) = &a.addressee {
                notes.push(format!("to {}", to.text));
            }
            if let Some(t) = &a.time {
                notes.push(match &a.time_date {
                    Some(d) => format!("{} = {d}", t.text),
                    None => t.text.clone(),
                });
            }
            if !notes.is_empty() {
                line.push_str(&format!(" [{}]", notes.join("; ")));
            }
            let indent_len = indent.len();
            writeln!(out, "{indent}{}", fit(&line[indent_len..], w.max(60) * 3))?;
        }
        if doc.attributions.is_empty() {
            writeln!(out, "  (no attributions)")?;
        }
        for d in &doc.disputes {
            writeln!(
                out,
                "  ✗ [{}] disputes [{}]{}",
                d.by,
                d.target,
                match (&d.cue, &d.basis) {
                    (Some(c), Some(b)) => format!(" ({c}; {})", b.replace('_', " ")),
                    (Some(c), None) => format!(" ({c})"),
                    (None, Some(b)) => format!(" ({})", b.replace('_', " ")),
                    (None, None) => String::new(),
                }
            )?;
        }
        if args.text {
            writeln!(out)?;
            writeln!(out, "{}", doc.text)?;
        }
        Ok(())
    })
}
