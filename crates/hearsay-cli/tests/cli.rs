//! End-to-end tests of the `hearsay` binary. All texts are invented for these tests.
//!
//! The attribution model may find nothing or something in these texts, so the tests check the
//! shape of the output, the handling of inputs and the exit codes, not what was found (the
//! span conversion itself is unit-tested in `src/output.rs` on hand-built documents).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const ARTICLE: &str = "Zoë Ødegård, the café’s owner, said on Tuesday that the bridge would \
reopen in März. “We are ready,” she told reporters. According to the city council, the works \
cost €2 million.\n\nOfficials believe the river will stay calm. “It is over,” said Ana.\n";

fn hearsay() -> Command {
    let mut c = Command::cargo_bin("hearsay").unwrap();
    c.timeout(Duration::from_secs(600));
    c.env_remove("HEARSAY_DEBUG_PANIC_ON");
    // With RUST_BACKTRACE set, panics are reported in full (for debugging), not in one line.
    c.env_remove("RUST_BACKTRACE");
    c
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, bytes).unwrap();
    p
}

/// Check one output record against the text it came from: code-point offsets, exact text,
/// ids 1-based in order, kinds and confidences in range.
fn check_record(v: &Value, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(v["text_chars"].as_u64().unwrap() as usize, chars.len());
    let attrs = v["attributions"].as_array().expect("attributions array");
    let check_span = |s: &Value| {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= chars.len(), "{s}");
        let sub: String = chars[start..end].iter().collect();
        assert_eq!(s["text"].as_str().unwrap(), sub);
    };
    for (k, a) in attrs.iter().enumerate() {
        assert_eq!(a["id"].as_u64().unwrap() as usize, k + 1);
        let kind = a["kind"].as_str().unwrap();
        assert!(
            [
                "direct",
                "indirect",
                "mixed",
                "according_to",
                "belief",
                "unknown"
            ]
            .contains(&kind),
            "{kind}"
        );
        let c = a["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        if !a["parent"].is_null() {
            let p = a["parent"].as_u64().unwrap() as usize;
            assert!(p >= 1 && p <= attrs.len() && p != k + 1, "{a}");
        }
        for role in ["source", "cue"] {
            if !a[role].is_null() {
                check_span(&a[role]);
            }
        }
        for piece in a["content"].as_array().unwrap() {
            check_span(piece);
        }
    }
}

#[test]
fn one_file_gives_one_pretty_object() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "article.txt", ARTICLE);
    let out = hearsay().arg("extract").arg(&p).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(s.starts_with("{\n"), "pretty JSON: {s}");
    let v: Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["path"], p.display().to_string());
    check_record(&v, ARTICLE);
    assert!(v.get("date").is_none());
}

#[test]
fn stdin_is_read_with_dash() {
    let out = hearsay()
        .args(["extract", "-", "--date", "2024-03-05"])
        .write_stdin(ARTICLE)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(v["path"], "<stdin>");
    assert_eq!(v["date"], "2024-03-05");
    check_record(&v, ARTICLE);
}

#[test]
fn directory_gives_jsonl_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "b.txt", "Second article. The mayor said no.");
    write(d, "a.txt", ARTICLE);
    write(d, "sub/c.txt", "«Non», a dit Péskov.");
    write(
        d,
        "a0/z.txt",
        "Nested before a.txt? No: a0 sorts after a.txt.",
    );
    write(d, "notes.md", "not an article");
    write(d, "sub/skip.TXT.bak", "not an article either");
    let out = hearsay()
        .args(["extract", "--threads", "3"])
        .arg(d)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    let lines: Vec<&str> = s.lines().collect();
    let paths: Vec<String> = lines
        .iter()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let p = PathBuf::from(v["path"].as_str().unwrap());
            let text = fs::read_to_string(&p).unwrap();
            check_record(&v, &text);
            p.strip_prefix(d).unwrap().display().to_string()
        })
        .collect();
    assert_eq!(paths, ["a.txt", "a0/z.txt", "b.txt", "sub/c.txt"]);
}

#[test]
fn many_files_keep_input_order_across_threads() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..120 {
        // Uneven sizes so documents finish out of order.
        let body = "The minister said the plan would work. ".repeat(1 + (i * 7919) % 50);
        write(dir.path(), &format!("doc{i:04}.txt"), body);
    }
    let out = hearsay()
        .args(["extract", "-j", "4"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let names: Vec<String> = stdout_of(&out)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            Path::new(v["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let expected: Vec<String> = (0..120).map(|i| format!("doc{i:04}.txt")).collect();
    assert_eq!(names, expected);
}

#[test]
fn json_format_for_several_inputs_is_an_array() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", ARTICLE);
    let b = write(dir.path(), "b.txt", "");
    let out = hearsay()
        .args(["extract", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    check_record(&arr[0], ARTICLE);
    check_record(&arr[1], "");
}

#[test]
fn tsv_has_a_header_and_one_row_per_attribution() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", ARTICLE);
    let json = hearsay().arg("extract").arg(&a).output().unwrap();
    let v: Value = serde_json::from_str(&stdout_of(&json)).unwrap();
    let n = v["attributions"].as_array().unwrap().len();

    let out = hearsay()
        .args(["extract", "--format", "tsv"])
        .arg(&a)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(
        lines[0],
        "path\tid\tkind\tsource\tspeaker\tcue\tcontent\tconfidence\tanonymous\tchannel\ttime"
    );
    assert_eq!(lines.len(), 1 + n);
    for l in &lines[1..] {
        assert_eq!(l.split('\t').count(), 11, "{l}");
    }
}

#[test]
fn brat_writes_one_ann_per_txt() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "a.txt", ARTICLE);
    write(&input, "sub/b.txt", "Ana said it would rain.");
    let single = write(dir.path(), "c.txt", "Nobody said anything.");
    let out_dir = dir.path().join("out/nested");
    let out = hearsay()
        .args(["extract", "--format", "brat", "--out"])
        .arg(&out_dir)
        .arg(&input)
        .arg(&single)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(out.stdout.is_empty());
    for rel in ["a.ann", "sub/b.ann", "c.ann"] {
        let ann = fs::read_to_string(out_dir.join(rel)).unwrap();
        // Whatever was found must be valid brat.
        hearsay_data::brat::parse_ann(&ann).unwrap();
    }
    // Two inputs with the same name would overwrite each other: the second is refused.
    let other = write(dir.path(), "x/c.txt", "Another c.");
    let out = hearsay()
        .args(["extract", "--format", "brat", "--out"])
        .arg(&out_dir)
        .arg(&single)
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("x/c.txt: skipped: an earlier input also writes"));
}

#[test]
fn brat_needs_out_and_out_needs_brat() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", ARTICLE);
    let out = hearsay()
        .args(["extract", "--format", "brat"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--format brat needs --out DIR"));
    let out = hearsay()
        .args(["extract", "--out"])
        .arg(dir.path())
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "1-good.txt", ARTICLE);
    write(
        d,
        "2-latin1.txt",
        b"Caf\xc3\xa9 ok, then na\xefve in Latin-1.",
    );
    write(d, "3-nul.txt", b"Looks like text\0but has a NUL byte.");
    write(d, "4-empty.txt", "");
    let mut control = b"ELF".to_vec();
    control.extend((0..300u32).map(|i| if i % 10 == 0 { 0x01 } else { b'x' }));
    write(d, "5-control.txt", control);
    write(d, "6-good.txt", "The mayor said yes.");
    let missing = d.join("does-not-exist.txt");
    let out = hearsay()
        .arg("extract")
        .arg(d)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(
        lines[0].ends_with("2-latin1.txt: not valid UTF-8 (byte offset 17)"),
        "{err}"
    );
    assert!(
        lines[1].ends_with("3-nul.txt: binary file, skipped"),
        "{err}"
    );
    assert!(
        lines[2].ends_with("5-control.txt: binary file, skipped"),
        "{err}"
    );
    assert!(lines[3].contains("does-not-exist.txt"), "{err}");
    assert_eq!(lines[4], "hearsay: 4 of 7 inputs failed");
    let s = stdout_of(&out);
    let ok: Vec<Value> = s
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(ok.len(), 3);
    assert!(ok[1]["path"].as_str().unwrap().ends_with("4-empty.txt"));
    assert_eq!(ok[1]["text_chars"], 0);
    assert_eq!(ok[1]["attributions"].as_array().unwrap().len(), 0);
}

#[test]
fn empty_file_is_a_valid_document() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "empty.txt", "");
    let out = hearsay().arg("extract").arg(&p).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(v["text_chars"], 0);
    assert_eq!(v["attributions"], Value::Array(vec![]));
}

#[test]
fn missing_path_is_named() {
    let out = hearsay()
        .args(["extract", "/nonexistent/hearsay-test/nope.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("/nonexistent/hearsay-test/nope.txt: no such file or directory"),
        "{err}"
    );
    assert!(err.contains("hearsay: 1 of 1 inputs failed"), "{err}");
    assert!(out.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "secret.txt", "The spokesman said nothing.");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&p).is_ok() {
        return; // running as root: permissions do not apply
    }
    let out = hearsay().arg("extract").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("secret.txt: permission denied"));
}

#[test]
fn huge_single_line_file_is_processed() {
    // One line of 50 MB in release builds (1 MB in debug builds, which are much slower), with an
    // attribution every few sentences, so that every stage sees one long document with many
    // of them (about 200,000). Anything worse than linear in the length of a document shows
    // here as a timeout.
    let target = if cfg!(debug_assertions) {
        1 << 20
    } else {
        50 << 20
    };
    let sentences = [
        "Officials said “the café in Zürich” would reopen, according to Ana Pérez. ",
        "The river rose by two metres overnight and the old bridge was closed to traffic. ",
        "Shops on both banks stayed open until late; the ferry ran every twenty minutes. ",
        "Engineers expect the repairs to take until the end of the month. ",
    ];
    let mut text = String::with_capacity(target + 100);
    for s in sentences.iter().cycle() {
        if text.len() >= target {
            break;
        }
        text.push_str(s);
    }
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "huge.txt", &text);
    let out = hearsay()
        .args(["extract", "--format", "jsonl"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // One line, one record; read its head rather than building a large JSON tree.
    let s = stdout_of(&out);
    assert_eq!(s.matches('\n').count(), 1);
    assert!(s.ends_with("]}\n"), "{}", &s[s.len().saturating_sub(200)..]);
    let head = format!(
        "{{\"path\":{},\"text_chars\":{},\"attributions\":[",
        serde_json::to_string(&p.display().to_string()).unwrap(),
        text.chars().count()
    );
    assert!(s.starts_with(&head), "{}", &s[..s.len().min(300)]);
}

#[test]
fn max_bytes_limit_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "big.txt", "The mayor said yes. ".repeat(100));
    let small = write(dir.path(), "small.txt", "The mayor said yes.");
    let out = hearsay()
        .args(["extract", "--max-bytes", "1K"])
        .arg(&big)
        .arg(&small)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("big.txt: larger than the --max-bytes limit of 1024 bytes"),
        "{err}"
    );
    assert_eq!(stdout_of(&out).lines().count(), 1);
    // The same limit on stdin.
    let out = hearsay()
        .args(["extract", "--max-bytes", "100", "-"])
        .write_stdin("x".repeat(101))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("<stdin>: larger than the --max-bytes limit"));
}

#[test]
fn thousands_of_unbalanced_quotes_are_fine() {
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(match i % 7 {
            0 => "“He said ",
            1 => "\"no ",
            2 => "” she said, ",
            3 => "‘maybe ",
            4 => "« non ",
            5 => "'' `` ",
            _ => "»\n",
        });
    }
    let out = hearsay()
        .args(["extract", "-"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    check_record(&v, &text);
}

#[test]
fn crlf_bom_and_odd_whitespace_keep_offsets() {
    let text = "\u{feff}Ana said:\r\n“Yes.”\u{00a0}\u{2028}Tab\there.\r\n";
    let out = hearsay()
        .args(["extract", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    check_record(&v, text);
}

#[test]
fn a_panicking_document_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "The mayor said yes.");
    write(dir.path(), "b.txt", "PANIC-HERE said the test.");
    write(dir.path(), "c.txt", "The mayor said no.");
    let out = hearsay()
        .env("HEARSAY_DEBUG_PANIC_ON", "PANIC-HERE")
        .arg("extract")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("b.txt: internal error: "), "{err}");
    assert_eq!(
        err.lines().count(),
        2,
        "one line per failure + summary: {err}"
    );
    assert_eq!(stdout_of(&out).lines().count(), 2);
}

/// Wait for a child whose stderr is piped: its exit status and everything it wrote there.
fn finish(mut child: std::process::Child) -> (std::process::ExitStatus, String) {
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap(), err)
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        write(dir.path(), &format!("f{i:05}.txt"), "The mayor said yes.");
    }
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_hearsay"))
        .arg("extract")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 10`
    let (status, err) = finish(child);
    assert!(status.success(), "{status:?} {err}");
    assert_eq!(err, "");
}

/// The report commands too: `hearsay eval … | head -0` used to panic on the closed pipe. The
/// output is dropped; the exit code is still the command's own (a failed ratchet fails).
#[test]
fn closed_stdout_ends_report_commands_quietly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let high = dir.path().join("high.json");
    fs::write(&high, r#"{"source": 100.0}"#).unwrap();
    for (ratchet, ok) in [(None, true), (Some(&high), false)] {
        let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_hearsay"));
        cmd.current_dir(&root)
            .args(["eval", "--gold", "corpus/demo"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(r) = ratchet {
            cmd.arg("--ratchet").arg(r);
        }
        let mut child = cmd.spawn().unwrap();
        drop(child.stdout.take()); // like `| head -0`, before anything is written
        let (status, err) = finish(child);
        assert_eq!(status.success(), ok, "{status:?} {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        vec!["extract"],
        vec!["extract", "--format", "xml", "a.txt"],
        vec!["extract", "--date", "05/03/2024", "a.txt"],
        vec!["extract", "--max-bytes", "lots", "a.txt"],
        vec!["extract", "-", "-"],
        vec!["frobnicate"],
        vec!["train", "everything"],
    ] {
        let out = hearsay().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
    }
}

#[test]
fn help_texts() {
    for cmd in ["extract", "eval", "bench", "demo", "train"] {
        let out = hearsay().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success());
        assert!(stdout_of(&out).contains("Usage: hearsay"), "{cmd}");
    }
    let out = hearsay().arg("--help").output().unwrap();
    let s = stdout_of(&out);
    for cmd in ["extract", "eval", "bench", "demo", "train"] {
        assert!(s.contains(cmd));
    }
}

/// A gold directory in PolNeAR layout with invented articles.
fn gold_dir(dir: &Path) {
    let text = "The mayor said the bridge would reopen. “Soon,” Ana told us.";
    write(dir, "text/one.txt", text);
    write(
        dir,
        "ann/one.ann",
        "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 38\tthe bridge would reopen\n\
T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
    );
    write(dir, "text/two.txt", "Nothing to see here.");
    write(dir, "ann/two.ann", "");
}

#[test]
fn eval_prints_a_table_and_json() {
    let dir = tempfile::tempdir().unwrap();
    gold_dir(dir.path());
    let out = hearsay()
        .args(["eval", "--gold"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(s.contains("2 documents"), "{s}");
    assert!(s.contains("Attribution"), "{s}");
    assert!(s.contains("time: "), "{s}");

    let out = hearsay()
        .args(["eval", "--json", "--threads", "2", "--gold"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(v["docs"], 2);
    let f1 = v["content"]["exact"]["f1"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&f1));
    assert_eq!(v["timing"]["threads"], 2);
}

#[test]
fn eval_ratchet_passes_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    gold_dir(&gold);
    let zero = write(
        dir.path(),
        "zero.json",
        r#"{"source": 0, "cue": 0, "content": 0, "attribution": 0}"#,
    );
    let out = hearsay()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--ratchet")
        .arg(&zero)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("ratchet source"));

    // Gold whose exact spans no model would produce: a role F1 of 100 is out of reach.
    let odd = dir.path().join("odd");
    write(&odd, "text/x.txt", "Rain fell all day in the valley.");
    write(
        &odd,
        "ann/x.ann",
        "T1\tSource 0 2\tRa\nT2\tCue 9 12\tall\nT3\tContent 20 24\t the\n\
T4\tAttribution 9 12\tall\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
    );
    let high = write(
        dir.path(),
        "high.json",
        r#"{"_note": "percent", "source": 100}"#,
    );
    let out = hearsay()
        .args(["eval", "--gold"])
        .arg(&odd)
        .arg("--ratchet")
        .arg(&high)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("ratchet failed: source exact F1 0.00 is more than 0.5 points below"),
        "{err}"
    );

    let bad = write(dir.path(), "bad.json", r#"{"sauce": 1}"#);
    let out = hearsay()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--ratchet")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("unknown key \"sauce\""));
}

#[test]
fn eval_names_a_broken_gold_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "text/a.txt", "Hello.");
    let out = hearsay()
        .args(["eval", "--gold"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("a.ann"), "{}", stderr_of(&out));
}

#[test]
fn bench_reports_throughput() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE);
    write(dir.path(), "b.txt", "The mayor said yes.");
    let out = hearsay()
        .args(["bench", "--repeat", "1", "--threads", "2"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(s.contains("2 articles"), "{s}");
    assert!(s.contains("model load"), "{s}");
    assert!(s.contains("articles/s") && s.contains("MB/s"), "{s}");
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| l.trim_start().starts_with(['1', '2']) && l.ends_with('x'))
        .collect();
    assert_eq!(rows.len(), 2, "{s}");
}

#[test]
fn demo_runs_from_any_directory() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/demo/text");
    let bundled = fs::read_dir(&corpus)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .count()
        })
        .unwrap_or(0);
    let elsewhere = tempfile::tempdir().unwrap();
    let out = hearsay()
        .arg("demo")
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    if bundled == 0 {
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr_of(&out).contains("no demo articles"));
        return;
    }
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(
        s.contains(&format!("{bundled} articles")) || s.contains("1 article,"),
        "{s}"
    );
    assert!(
        !s.contains('\x1b'),
        "no ANSI codes when stdout is not a terminal"
    );
    for line in s.lines() {
        assert!(line.chars().count() <= 100, "too long: {line}");
    }
}

/// A tiny invented PolNeAR-style split: `text/NAME.txt` and `conllu/NAME.conllu` with code-point
/// offsets, Penn tags and heads.
fn conllu_split(dir: &Path, name: &str, sentences: &[&[(&str, &str, usize, &str)]]) {
    let mut text = String::new();
    let mut conllu = String::new();
    for sent in sentences {
        for (i, (form, tag, head, rel)) in sent.iter().enumerate() {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.chars().count();
            text.push_str(form);
            let end = text.chars().count();
            conllu.push_str(&format!(
                "{}\t{form}\t{form}\t_\t{tag}\t_\t{head}\t{rel}\t_\tOffsets={start}-{end}|NER=O\n",
                i + 1
            ));
        }
        conllu.push('\n');
    }
    write(dir, &format!("text/{name}.txt"), text);
    write(dir, &format!("conllu/{name}.conllu"), conllu);
}

fn tiny_treebank(data: &Path) {
    let s1: &[(&str, &str, usize, &str)] = &[
        ("The", "DT", 2, "det"),
        ("mayor", "NN", 3, "nsubj"),
        ("said", "VBD", 0, "root"),
        ("no", "UH", 3, "dobj"),
        (".", ".", 3, "punct"),
    ];
    let s2: &[(&str, &str, usize, &str)] = &[
        ("Ana", "NNP", 2, "nsubj"),
        ("believes", "VBZ", 0, "root"),
        ("it", "PRP", 2, "dobj"),
        (".", ".", 2, "punct"),
    ];
    conllu_split(&data.join("train"), "a", &[s1, s2, s1]);
    conllu_split(&data.join("train"), "b", &[s2, s1]);
    conllu_split(&data.join("dev"), "c", &[s1, s2]);
}

#[test]
fn train_pos_writes_a_deterministic_model_and_scores_dev() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    tiny_treebank(&data);
    let run = |out: &Path| {
        let out = hearsay()
            .args([
                "train",
                "pos",
                "--iterations",
                "2",
                "--bits",
                "12",
                "--data",
            ])
            .arg(&data)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        stdout_of(&out)
    };
    let first = dir.path().join("models/one.bin");
    let s = run(&first);
    assert!(s.contains("wrote"), "{s}");
    assert!(s.contains("dev") && s.contains("accuracy"), "{s}");
    let bytes = fs::read(&first).unwrap();
    assert!(bytes.starts_with(b"HSAYMDL1"));
    let second = dir.path().join("two.bin");
    run(&second);
    assert_eq!(
        fs::read(&second).unwrap(),
        bytes,
        "training is deterministic"
    );
}

#[test]
fn train_parse_writes_a_model_and_scores_dev() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    tiny_treebank(&data);
    let model = dir.path().join("parse.bin");
    let out = hearsay()
        .args([
            "train",
            "parse",
            "--iterations",
            "2",
            "--bits",
            "12",
            "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&model)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = stdout_of(&out);
    assert!(s.contains("UAS") && s.contains("LAS"), "{s}");
    assert!(fs::read(&model).unwrap().starts_with(b"HSAYMDL1"));
}

#[test]
fn train_names_a_missing_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = hearsay()
        .args(["train", "pos", "--data"])
        .arg(dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("nowhere"), "{}", stderr_of(&out));
}

#[test]
fn train_attrib_without_gold_annotations_fails_and_writes_nothing() {
    // A treebank with text/ and conllu/ but no ann/: nothing to learn attributions from.
    let dir = tempfile::tempdir().unwrap();
    tiny_treebank(dir.path());
    let out = hearsay()
        .args(["train", "attrib", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("m.bin"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("m.bin").exists());
}

#[test]
fn stdout_write_errors_other_than_a_closed_pipe_fail() {
    // /dev/full returns ENOSPC on write.
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_hearsay"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"The mayor said yes.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("writing to standard output"));
}

#[test]
fn readme_json_sample_has_correct_offsets() {
    let readme = include_str!("../../../README.md");
    let text_block = readme
        .split("For this invented file `bridge.txt`:\n\n```text\n")
        .nth(1)
        .expect("README has the bridge.txt sample");
    let text = format!("{}\n", text_block.split("\n```").next().unwrap());
    let json_block = readme
        .split("```json\n{\n  \"path\": \"bridge.txt\"")
        .nth(1)
        .expect("README has the JSON sample");
    let json = format!(
        "{{\n  \"path\": \"bridge.txt\"{}",
        json_block.split("\n```").next().unwrap()
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    check_record(&v, &text);
    assert_eq!(v["attributions"].as_array().unwrap().len(), 2);
}
