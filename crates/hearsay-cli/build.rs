//! Embeds the invented demo corpus (`corpus/demo/text/*.txt` and `corpus/demo/metadata.tsv` at
//! the workspace root) into the binary, so `hearsay demo` works from any directory.
//!
//! Generates `$OUT_DIR/demo_corpus.rs` with one `include_str!` per article, sorted by file name.
//! A missing folder gives an empty corpus (the demo then says so) rather than a build failure.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let demo = manifest.join("../../corpus/demo");
    let text_dir = demo.join("text");
    let metadata = demo.join("metadata.tsv");

    // A directory is watched recursively; a path that does not exist makes cargo rerun this
    // script on every build, which is what we want until the corpus appears.
    println!("cargo:rerun-if-changed={}", text_dir.display());
    println!("cargo:rerun-if-changed={}", metadata.display());
    println!("cargo:rerun-if-changed=build.rs");

    let mut articles: Vec<(String, PathBuf)> = Vec::new();
    if let Ok(entries) = fs::read_dir(&text_dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") && path.is_file() {
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    articles.push((stem.to_string(), abs(&path)));
                }
            }
        }
    }
    articles.sort();

    let mut out = String::new();
    out.push_str("/// `(name, text)` of each bundled demo article, sorted by name.\n");
    out.push_str("pub static ARTICLES: &[(&str, &str)] = &[\n");
    for (name, path) in &articles {
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.to_string_lossy()
        );
    }
    out.push_str("];\n\n");
    out.push_str("/// The demo corpus's `metadata.tsv`, empty when the corpus has none.\n");
    if metadata.is_file() {
        let _ = writeln!(
            out,
            "pub static METADATA: &str = include_str!({:?});",
            abs(&metadata).to_string_lossy()
        );
    } else {
        out.push_str("pub static METADATA: &str = \"\";\n");
    }

    let dest = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR")).join("demo_corpus.rs");
    fs::write(&dest, out).expect("writing demo_corpus.rs");
}

fn abs(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}
