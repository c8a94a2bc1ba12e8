//! Segmentation throughput on 50 MB of invented news-style text (a benchmark, not a test):
//! `cargo run --release -p hearsay-text --example throughput`.

use std::time::Instant;

use hearsay_text::segment_text;

/// About `mb` megabytes of invented news-style text.
fn corpus(mb: usize) -> String {
    let paras = [
        "Gov. Jane Smith told reporters on Tuesday that the U.S. economy was \"strong.\" She added: “We’re not done, and we won’t stop until every family in the state feels it.”",
        "The company, Acme Widgets Inc., said in a statement that it had hired 1,200 workers since Sept. 12 and expected revenue of $3.5 billion, up 12% from last year.",
        "“It’s a disaster for the voters’ trust,” said Sen. Tom Jones, R-Ariz., who has criticised the plan. “They didn’t ask anyone. They just did it.",
        "“And now they want us to pay for it,” he said, adding that the well-known program was “not going anywhere” before the Nov. 8 election.",
        "Critics called the move ‘a gift to donors’ and said the administration's officials hadn't read the 300-page report, published at 10:30 a.m. on the agency's website, example.gov/report.",
    ];
    let mut s = String::with_capacity(mb << 20);
    let mut i = 0;
    while s.len() < mb << 20 {
        s.push_str(paras[i % paras.len()]);
        s.push_str("\n\n");
        i += 1;
    }
    s
}

fn main() {
    let text = corpus(50);
    let len = text.len();
    let t = Instant::now();
    let doc = segment_text(text);
    let dt = t.elapsed().as_secs_f64();
    println!(
        "{} MB in {:.3} s: {:.1} MB/s, {} tokens, {} sentences, {} quotations",
        len >> 20,
        dt,
        len as f64 / dt / 1e6,
        doc.tokens.len(),
        doc.sentences.len(),
        doc.quotations.len()
    );
}
