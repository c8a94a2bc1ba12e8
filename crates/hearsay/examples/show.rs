//! Print the attributions of one text file: `cargo run -p hearsay --example show -- FILE`.
fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("FILE");
    let p = hearsay::Pipeline::load()?;
    let d = p.process(std::fs::read_to_string(path)?);
    for (i, a) in d.attributions.iter().enumerate() {
        let s = a.source.map(|s| d.span_text(s)).unwrap_or("-");
        let c = a.cue.map(|s| d.span_text(s)).unwrap_or("-");
        let content: Vec<&str> = a.content.iter().map(|s| d.span_text(*s)).collect();
        let parent = a
            .parent
            .map(|p| format!(" (inside #{})", p + 1))
            .unwrap_or_default();
        println!(
            "#{} [{}] {s} | {c} | {} ({:.2}){parent}",
            i + 1,
            a.kind.as_str(),
            content.join(" … "),
            a.confidence
        );
    }
    Ok(())
}
