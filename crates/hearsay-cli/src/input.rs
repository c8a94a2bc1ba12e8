//! Finding inputs (files, directories, stdin) and turning their bytes into text.
//!
//! Every check that can reject an input lives here, before the pipeline: a size limit, binary
//! detection and UTF-8 validation. Every string that passes is a valid document.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// What to read for one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file. `rel` is its path relative to the directory argument it was found under (used
    /// to name brat output), `None` when it was named directly.
    File { path: PathBuf, rel: Option<PathBuf> },
    /// A path that could not be listed (missing, unreadable directory); reported in its turn.
    Broken(String),
}

/// One input document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// How the input is named in output records and messages.
    pub name: String,
    pub source: Source,
}

impl Input {
    /// The stem used for brat output: `rel` without `.txt`, or the file stem.
    pub fn ann_relative_path(&self) -> Option<PathBuf> {
        match &self.source {
            Source::File { path, rel } => {
                let base = match rel {
                    Some(r) => r.clone(),
                    None => PathBuf::from(path.file_name()?),
                };
                Some(base.with_extension("ann"))
            }
            _ => None,
        }
    }
}

/// The name stdin goes by in output and messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Expand the command-line paths into inputs, in argument order; a directory contributes all
/// `*.txt` files below it, sorted by path. Paths that cannot be read become [`Source::Broken`]
/// inputs so that they are reported, in order, with the rest.
pub fn collect(args: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Input {
                name: STDIN_NAME.to_string(),
                source: Source::Stdin,
            });
            continue;
        }
        let name = arg.display().to_string();
        match fs::metadata(arg) {
            Err(e) => out.push(Input {
                name,
                source: Source::Broken(io_message(&e)),
            }),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                walk(arg, &mut files, &mut out);
                files.sort();
                for path in files {
                    let rel = path.strip_prefix(arg).ok().map(Path::to_path_buf);
                    out.push(Input {
                        name: path.display().to_string(),
                        source: Source::File { path, rel },
                    });
                }
            }
            Ok(_) => out.push(Input {
                name,
                source: Source::File {
                    path: arg.clone(),
                    rel: None,
                },
            }),
        }
    }
    out
}

/// All `*.txt` files under `dir` (recursively, not following directory symlinks). Unreadable
/// directories are pushed to `broken`.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, broken: &mut Vec<Input>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            broken.push(Input {
                name: dir.display().to_string(),
                source: Source::Broken(io_message(&e)),
            });
            return;
        }
    };
    let mut subdirs = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            subdirs.push(path);
        } else if path.extension().is_some_and(|e| e == "txt") {
            // A symlink to a file counts; a symlink to a directory is not followed.
            if ft.is_file() || fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                files.push(path);
            }
        }
    }
    subdirs.sort();
    for d in subdirs {
        walk(&d, files, broken);
    }
}

/// Why an input was rejected.
#[derive(Debug, PartialEq, Eq)]
pub enum InputError {
    /// Could not open or read it.
    Io(String),
    /// Larger than `--max-bytes`.
    TooLarge { limit: u64 },
    /// NUL bytes or many control characters near the start.
    Binary,
    /// Not UTF-8; the offset of the first bad byte.
    NotUtf8 { offset: usize },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(m) => f.write_str(m),
            InputError::TooLarge { limit } => write!(
                f,
                "larger than the --max-bytes limit of {limit} bytes, skipped (raise the limit with --max-bytes)"
            ),
            InputError::Binary => f.write_str("binary file, skipped"),
            InputError::NotUtf8 { offset } => {
                write!(f, "not valid UTF-8 (byte offset {offset})")
            }
        }
    }
}

pub use hearsay_corpus::text::io_message;

/// Read one input's bytes (at most `max_bytes`) and decode it.
pub fn read_text(source: &Source, max_bytes: u64) -> Result<String, InputError> {
    let io = |e: io::Error| InputError::Io(io_message(&e));
    let bytes = match source {
        Source::Broken(m) => return Err(InputError::Io(m.clone())),
        Source::Stdin => read_limited(io::stdin().lock(), max_bytes).map_err(io)?,
        Source::File { path, .. } => {
            let file = fs::File::open(path).map_err(io)?;
            let meta = file.metadata().map_err(io)?;
            if meta.is_dir() {
                return Err(InputError::Io("is a directory".to_string()));
            }
            if meta.len() > max_bytes {
                return Err(InputError::TooLarge { limit: max_bytes });
            }
            read_limited(file, max_bytes).map_err(io)?
        }
    };
    match bytes {
        Some(b) => decode(b),
        None => Err(InputError::TooLarge { limit: max_bytes }),
    }
}

/// Read everything, or `None` when there is more than `max` bytes.
fn read_limited(r: impl Read, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= max).then_some(buf))
}

/// Bytes to text (binary detection and UTF-8 validation are `hearsay_corpus::text`'s, shared
/// with `hearsay ingest`), with the error as an [`InputError`].
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    hearsay_corpus::text::decode(bytes).map_err(|e| match e {
        hearsay_corpus::text::TextError::Binary => InputError::Binary,
        hearsay_corpus::text::TextError::NotUtf8 { offset } => InputError::NotUtf8 { offset },
    })
}

/// Parse a size such as `64M`, `64MiB`, `1G`, `500k` or `1000000` (K/M/G are powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a size (examples: 1000000, 500K, 64M, 1G)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("{s:?}: unknown unit (use K, M or G)")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_accepts_text_and_rejects_the_rest() {
        assert_eq!(decode(b"".to_vec()).unwrap(), "");
        assert_eq!(
            decode("Zoë said\r\n\tno.".into()).unwrap(),
            "Zoë said\r\n\tno."
        );
        assert_eq!(decode(b"abc\0def".to_vec()), Err(InputError::Binary));
        let mut ctrl = vec![b'a'; 1000];
        ctrl[10] = 0x01;
        ctrl[20] = 0x1b;
        assert!(decode(ctrl.clone()).is_ok(), "0.2% control bytes is text");
        for i in 0..20 {
            ctrl[100 + i] = 0x02;
        }
        assert_eq!(decode(ctrl), Err(InputError::Binary));
        let bad = b"caf\xc3\xa9 ok \xff more".to_vec();
        assert_eq!(decode(bad), Err(InputError::NotUtf8 { offset: 9 }));
        // A NUL after the first 8 KiB is not sniffed; it is valid UTF-8.
        let mut late = vec![b'x'; 8 * 1024 + 10];
        late[8 * 1024 + 5] = 0;
        assert!(decode(late).is_ok());
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            InputError::NotUtf8 { offset: 12 }.to_string(),
            "not valid UTF-8 (byte offset 12)"
        );
        assert_eq!(InputError::Binary.to_string(), "binary file, skipped");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1000").unwrap(), 1000);
        assert_eq!(parse_size("64M").unwrap(), 64 << 20);
        assert_eq!(parse_size("64MiB").unwrap(), 64 << 20);
        assert_eq!(parse_size("2k").unwrap(), 2048);
        assert_eq!(parse_size("1G").unwrap(), 1 << 30);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5X").is_err());
    }

    #[test]
    fn ann_names() {
        let named = Input {
            name: "x/y.txt".into(),
            source: Source::File {
                path: "x/y.txt".into(),
                rel: None,
            },
        };
        assert_eq!(named.ann_relative_path(), Some(PathBuf::from("y.ann")));
        let found = Input {
            name: "d/sub/z.txt".into(),
            source: Source::File {
                path: "d/sub/z.txt".into(),
                rel: Some("sub/z.txt".into()),
            },
        };
        assert_eq!(found.ann_relative_path(), Some(PathBuf::from("sub/z.ann")));
    }
}
