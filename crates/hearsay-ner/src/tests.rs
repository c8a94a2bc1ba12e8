use super::*;
use hearsay_doc::{ByteSpan, QuoteRole, Sentence, Token, TokenKind};

use EntityKind::{Date, Location as Loc, Organization as Org, Person as Per};

/// Invented sentences, labelled by hand.
fn toy() -> Vec<NerSentence> {
    type T = (&'static str, &'static str, Option<EntityKind>);
    let raw: &[&[T]] = &[
        &[
            ("Maria", "NNP", Some(Per)),
            ("Lopez", "NNP", Some(Per)),
            ("said", "VBD", None),
            ("the", "DT", None),
            ("Harbor", "NNP", Some(Org)),
            ("Authority", "NNP", Some(Org)),
            ("would", "MD", None),
            ("close", "VB", None),
            ("on", "IN", None),
            ("Tuesday", "NNP", Some(Date)),
            (".", ".", None),
        ],
        &[
            ("Officials", "NNS", None),
            ("in", "IN", None),
            ("Westport", "NNP", Some(Loc)),
            ("met", "VBD", None),
            ("Tom", "NNP", Some(Per)),
            ("Akers", "NNP", Some(Per)),
            ("last", "JJ", Some(Date)),
            ("week", "NN", Some(Date)),
            (".", ".", None),
        ],
        &[
            ("The", "DT", None),
            ("Greenfield", "NNP", Some(Org)),
            ("Council", "NNP", Some(Org)),
            ("voted", "VBD", None),
            ("in", "IN", None),
            ("Lakeview", "NNP", Some(Loc)),
            (".", ".", None),
        ],
    ];
    raw.iter()
        .map(|s| NerSentence::from_triples(s).unwrap())
        .collect()
}

fn toy_tagger() -> Tagger {
    let opts = TrainOptions {
        iterations: 10,
        bits: 14,
        seed: 7,
        ensemble: 1,
        prune: 0.0,
    };
    let model = train_sentences(&toy(), &opts, |_| {}).unwrap();
    Tagger::from_bytes(&model.to_bytes(opts.prune)).unwrap()
}

#[test]
fn labels_round_trip() {
    assert_eq!(N_LABELS, 11);
    for i in 0..N_LABELS {
        assert_eq!(Label::from_index(i).index(), i);
    }
    assert_eq!(Label::from_index(99), Label::O);
    assert_eq!(label_names()[..3], ["O", "B-PER", "I-PER"]);
    assert!(Label::I(Per).can_follow(Some(Label::B(Per))));
    assert!(Label::I(Per).can_follow(Some(Label::I(Per))));
    assert!(!Label::I(Per).can_follow(Some(Label::B(Org))));
    assert!(!Label::I(Per).can_follow(None));
    assert!(!Label::I(Per).can_follow(Some(Label::O)));
    assert!(Label::B(Per).can_follow(Some(Label::B(Per))));
    assert_eq!(EntityKind::from_corenlp("TIME"), Some(Date));
    assert_eq!(EntityKind::from_corenlp("MONEY"), None);
    assert_eq!(EntityKind::from_corenlp("O"), None);
}

#[test]
fn mentions_from_labels() {
    let l = [
        Label::B(Per),
        Label::I(Per),
        Label::O,
        Label::I(Org),
        Label::B(Loc),
        Label::B(Loc),
        Label::I(Date),
    ];
    let m = mentions_of(&l);
    let spans: Vec<(u32, u32, EntityKind)> = m
        .iter()
        .map(|m| (m.tokens.start, m.tokens.end, m.kind))
        .collect();
    assert_eq!(
        spans,
        [
            (0, 2, Per),
            (3, 4, Org),
            (4, 5, Loc),
            (5, 6, Loc),
            (6, 7, Date)
        ]
    );
    assert!(mentions_of(&[]).is_empty());
}

#[test]
fn tiny_training_run_learns_its_sentences() {
    let tagger = toy_tagger();
    for s in toy() {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        assert_eq!(tagger.tag_words(&words, &s.tags), s.labels, "{words:?}");
    }
    let scores = evaluate_sentences(&tagger, &toy(), None);
    assert_eq!(scores.overall().f1(), 1.0);
    assert_eq!(scores.kind(Date).f1(), 1.0);
    assert_eq!(scores.tokens, 27);
}

#[test]
fn training_is_deterministic() {
    let opts = TrainOptions {
        iterations: 3,
        bits: 12,
        seed: 1,
        ensemble: 1,
        prune: 0.0,
    };
    let a = train_sentences(&toy(), &opts, |_| {})
        .unwrap()
        .to_bytes(0.0);
    let b = train_sentences(&toy(), &opts, |_| {})
        .unwrap()
        .to_bytes(0.0);
    assert_eq!(a, b);
}

/// A doc with whitespace/period tokens and the given sentences.
fn doc_of(text: &str) -> Doc {
    let mut doc = Doc::new(text);
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if let (true, Some(s)) = (c == ' ' || c == '.', start) {
            doc.tokens.push(tok(s, i, TokenKind::Word));
            start = None;
        }
        if c == '.' {
            doc.tokens.push(tok(i, i + 1, TokenKind::Punct));
        } else if c != ' ' && start.is_none() {
            start = Some(i);
        }
    }
    doc
}

fn tok(a: usize, b: usize, kind: TokenKind) -> Token {
    Token {
        span: ByteSpan::new(a, b),
        kind,
        quote: QuoteRole::None,
        in_quote: false,
        space_before: true,
        sentence: 0,
    }
}

fn sent(a: usize, b: usize) -> Sentence {
    Sentence {
        span: ByteSpan::default(),
        tokens: TokenSpan::new(a, b),
        paragraph: 0,
    }
}

#[test]
fn tags_a_doc_by_sentence_and_never_panics() {
    let tagger = toy_tagger();
    let text = "Maria Lopez said the Harbor Authority would close on Tuesday. The Greenfield Council voted in Lakeview.";
    let mut doc = doc_of(text);
    assert_eq!(doc.tokens.len(), 18);
    doc.sentences = vec![sent(0, 11), sent(11, 18)];
    doc.pos = toy()
        .iter()
        .flat_map(|s| s.tags.clone())
        .collect::<Vec<_>>();
    doc.pos.drain(11..20);
    let found: Vec<(&str, EntityKind)> = tagger
        .tag(&doc)
        .iter()
        .map(|m| (doc.span_text(m.tokens), m.kind))
        .collect();
    assert_eq!(
        found,
        [
            ("Maria Lopez", Per),
            ("Harbor Authority", Org),
            ("Tuesday", Date),
            ("Greenfield Council", Org),
            ("Lakeview", Loc)
        ]
    );
    // Without POS, unsegmented, odd sentences and bad spans: no panic, mentions in range.
    doc.pos.clear();
    doc.sentences.clear();
    let n = doc.tokens.len() as u32;
    assert!(tagger.tag(&doc).iter().all(|m| m.tokens.end <= n));
    doc.sentences = vec![sent(0, 5), sent(3, 30), sent(40, 50)];
    doc.sentences.push(Sentence {
        span: ByteSpan::default(),
        tokens: TokenSpan { start: 9, end: 2 },
        paragraph: 0,
    });
    doc.tokens[2].span = ByteSpan {
        start: 1000,
        end: 2000,
    };
    assert!(tagger
        .tag(&doc)
        .iter()
        .all(|m| m.tokens.end <= n && m.tokens.start < m.tokens.end));
    assert!(tagger.tag(&Doc::new("")).is_empty());
    assert!(tagger.tag_words(&[], &[]).is_empty());
    assert_eq!(
        tagger.tag_words(&["", "\u{0}", "😀", "Ünïcödé"], &[]).len(),
        4
    );
}

#[test]
fn rejects_other_models() {
    let opts = TrainOptions {
        iterations: 1,
        bits: 10,
        seed: 1,
        ensemble: 1,
        prune: 0.0,
    };
    let mut m = train_sentences(&toy(), &opts, |_| {}).unwrap();
    m.name = "something-else".into();
    assert!(matches!(
        Tagger::from_model(m.clone()),
        Err(TaggerError::WrongModel(_))
    ));
    m.name = MODEL_NAME.into();
    let mut bad = m.clone();
    bad.meta = "features 999\n".into();
    assert!(matches!(
        Tagger::from_model(bad),
        Err(TaggerError::BadMeta(_))
    ));
    let mut bad = m.clone();
    bad.meta = String::new();
    assert!(Tagger::from_model(bad).is_err());
    let mut bad = m;
    bad.labels[1] = "B-X".into();
    assert!(matches!(
        Tagger::from_model(bad),
        Err(TaggerError::BadLabels(_))
    ));
    assert!(Tagger::from_bytes(b"garbage").is_err());
}

fn repo_model(name: &str) -> Vec<u8> {
    let path = format!("{}/../../models/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

#[test]
fn committed_model_finds_people_and_organisations() {
    let ner = Tagger::from_bytes(&repo_model("ner.bin")).expect("models/ner.bin loads");
    let pos = hearsay_tag::Tagger::from_bytes(&repo_model("pos.bin")).unwrap();
    let text = "Maria Lopez, a spokeswoman for the Harbor Authority, said on Tuesday that \
                the ferry terminal in Westport would reopen.";
    let mut doc = hearsay_text::segment_text(text);
    pos.tag(&mut doc);
    let found: Vec<(&str, EntityKind)> = ner
        .tag(&doc)
        .iter()
        .map(|m| (doc.span_text(m.tokens), m.kind))
        .collect();
    assert!(found.contains(&("Maria Lopez", Per)), "{found:?}");
    assert!(
        found.contains(&("Harbor Authority", Org))
            || found.contains(&("the Harbor Authority", Org)),
        "{found:?}"
    );
    assert!(found.contains(&("Tuesday", Date)), "{found:?}");
}

/// The tagger makes each token's label-independent features one token ahead (to prefetch their
/// rows); its labels must be those of decoding with [`features::extract`] token by token.
#[test]
fn prefetching_tagger_decodes_as_extract_does() {
    let ner = Tagger::from_bytes(&repo_model("ner.bin")).unwrap();
    let pos = hearsay_tag::Tagger::from_bytes(&repo_model("pos.bin")).unwrap();
    let sentences = [
        "Maria Lopez, a spokeswoman for the Harbor Authority, said on Tuesday that the ferry \
         terminal in Westport would reopen.",
        "Mayor Vows To Rebuild Old Bridge In Westport By March",
        "“We will not back down,” NATO Secretary General Jens Olsen told reporters in Brussels.",
        "x",
    ];
    for text in sentences {
        let doc = hearsay_text::segment_text(text);
        let words: Vec<&str> = doc.tokens.iter().map(|t| &text[t.span.range()]).collect();
        let tags = pos.tag_words(&words);
        let got = ner.tag_words(&words, &tags);
        let mut padded = Vec::new();
        features::fill_padded(
            &mut padded,
            words.iter().copied(),
            (0..words.len()).map(|i| tags.get(i).copied()),
        );
        let (mut feats, mut spans) = (features::Features::default(), Vec::new());
        let mut scores = vec![0i32; ner.table.width()];
        let (mut p1, mut p2) = (None, None);
        for (i, &label) in got.iter().enumerate() {
            features_at(&padded, i, p1, p2, &mut feats);
            scores.fill(0);
            ner.table
                .add_scores(feats.as_slice(), &mut scores, &mut spans);
            let want = best_label(&scores, p1);
            assert_eq!(label, want, "{text:?} token {i}");
            p2 = p1;
            p1 = Some(want);
        }
    }
}
