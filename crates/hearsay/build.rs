//! Embeds the model files under `models/` at the workspace root. A model file that is absent
//! (before its first `hearsay train`) becomes `None`, so the workspace still builds and the
//! pipeline runs without that stage.

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../models");
    let mut code = String::new();
    for (name, file) in [
        ("POS", "pos.bin"),
        ("PARSE", "parse.bin"),
        ("ATTRIB", "attrib.bin"),
        ("NER", "ner.bin"),
    ] {
        let path = root.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        if path.exists() {
            let p = path.canonicalize().unwrap();
            code.push_str(&format!(
                "/// Embedded `models/{file}`.\npub static {name}: Option<&[u8]> = Some(include_bytes!({:?}));\n",
                p.display().to_string()
            ));
        } else {
            code.push_str(&format!(
                "/// Embedded `models/{file}` (absent in this build).\npub static {name}: Option<&[u8]> = None;\n"
            ));
        }
    }
    println!("cargo:rerun-if-changed={}", root.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("models.rs");
    std::fs::write(out, code).unwrap();
}
