//! Print each token with its POS tag, head and label, then the tagged names: `cargo run -p hearsay --example tags -- FILE`.
fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("FILE");
    let p = hearsay::Pipeline::load()?;
    let d = p.process(std::fs::read_to_string(path)?);
    for (i, t) in d.tokens.iter().enumerate() {
        let pos = d.pos.get(i).map(|p| p.name()).unwrap_or("-");
        let head = d.heads.get(i).copied().unwrap_or(u32::MAX);
        let rel = d.deprels.get(i).map(|r| r.name()).unwrap_or("-");
        println!("{i}\t{}\t{pos}\t{head}\t{rel}", &d.text[t.span.range()]);
    }
    for n in &d.names {
        println!("name {:?} {:?}", d.span_text(n.span), n.kind);
    }
    Ok(())
}
