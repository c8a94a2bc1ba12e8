//! `cargo run -p hearsay-attrib --example build_lexicon -- /usr/share/wordnet models/wordnet-classes.tsv`
fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or("/usr/share/wordnet".into());
    let out = std::env::args()
        .nth(2)
        .unwrap_or("models/wordnet-classes.tsv".into());
    let t = hearsay_attrib::lexicon::build(std::path::Path::new(&dir))?;
    std::fs::write(&out, t)?;
    Ok(())
}
