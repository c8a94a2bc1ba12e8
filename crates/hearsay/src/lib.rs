//! The hearsay pipeline: text layer → tag layer (POS, dependencies, named entities) →
//! attribution layer → context layer (speakers, anonymity, relays, channel, time, disputes),
//! with the models embedded in the binary.
//!
//! ```
//! let pipeline = hearsay::Pipeline::load().unwrap();
//! let doc = pipeline.process("The mayor said on Monday that the bridge would reopen.".to_string());
//! assert!(!doc.tokens.is_empty());
//! ```

pub use hearsay_attrib as attrib;
pub use hearsay_doc as doc;

pub mod record;

use hearsay_attrib::Extractor;
use hearsay_doc::Doc;
use hearsay_parse::Parser;
use hearsay_tag::Tagger;

/// The model files embedded at build time (`None` where `models/NAME.bin` was absent).
pub mod models {
    include!(concat!(env!("OUT_DIR"), "/models.rs"));
}

/// A good number of news articles for one [`Pipeline::process_batch`]: on 5 KB articles, 16 of
/// them are about 80 KB of text, and their layers stay in the second-level cache while one
/// stage's tables are read.
pub const BATCH: usize = 16;
/// The most text worth putting in one batch beyond its first document (bytes): larger batches
/// only hold more memory.
pub const BATCH_BYTES: u64 = 1 << 20;

/// All stages with their models loaded. Immutable after loading: share one `Pipeline` between
/// threads (`&Pipeline` is `Sync`).
pub struct Pipeline {
    tagger: Option<Tagger>,
    parser: Option<Parser>,
    ner: Option<hearsay_ner::Tagger>,
    extractor: Option<Extractor>,
    context: bool,
}

impl Pipeline {
    /// Load the models embedded in the binary. A stage whose model was absent at build time is
    /// skipped (the attribution layer then stays empty).
    pub fn load() -> anyhow::Result<Pipeline> {
        let tagger = models::POS.map(Tagger::from_bytes).transpose()?;
        let parser = models::PARSE.map(Parser::from_bytes).transpose()?;
        let extractor = models::ATTRIB.map(Extractor::from_bytes).transpose()?;
        let ner = models::NER
            .map(hearsay_ner::Tagger::from_bytes)
            .transpose()?;
        Ok(Pipeline {
            tagger,
            parser,
            ner,
            extractor,
            context: true,
        })
    }

    /// Load only the stages before the attribution layer (tagger and parser): what training a
    /// new attribution model needs, even when the embedded one is missing or outdated.
    pub fn load_preparation() -> anyhow::Result<Pipeline> {
        let tagger = models::POS.map(Tagger::from_bytes).transpose()?;
        let parser = models::PARSE.map(Parser::from_bytes).transpose()?;
        Ok(Pipeline {
            tagger,
            parser,
            ner: None,
            extractor: None,
            context: false,
        })
    }

    /// Replace the attribution model (used when training and evaluating a new one).
    pub fn with_extractor(mut self, extractor: Option<Extractor>) -> Pipeline {
        self.extractor = extractor;
        self
    }

    /// Switch the context layer (speakers, relays, channel, time, disputes) on or off.
    pub fn with_context(mut self, on: bool) -> Pipeline {
        self.context = on;
        self
    }

    /// Replace the POS tagger.
    pub fn with_tagger(mut self, tagger: Option<Tagger>) -> Pipeline {
        self.tagger = tagger;
        self
    }

    /// Replace the dependency parser.
    pub fn with_parser(mut self, parser: Option<Parser>) -> Pipeline {
        self.parser = parser;
        self
    }

    /// Which stages are present, for diagnostics: `(tagger, parser, extractor)`.
    pub fn stages(&self) -> (bool, bool, bool) {
        (
            self.tagger.is_some(),
            self.parser.is_some(),
            self.extractor.is_some(),
        )
    }

    /// Run the stages before the attribution layer: segmentation, tagging, parsing.
    pub fn prepare(&self, text: String) -> Doc {
        let mut doc = Doc::new(text);
        hearsay_text::segment(&mut doc);
        if let Some(t) = &self.tagger {
            t.tag(&mut doc);
            if let Some(p) = &self.parser {
                p.parse(&mut doc);
            }
        }
        doc
    }

    /// Run every stage over one document's text.
    pub fn process(&self, text: String) -> Doc {
        self.process_with_date(text, None)
    }

    /// Run every stage; `date` (`YYYY-MM-DD`) is the publication date that relative times
    /// ("on Tuesday") are resolved against.
    pub fn process_with_date(&self, text: String, date: Option<&str>) -> Doc {
        let mut doc = self.prepare(text);
        doc.meta.date = date.map(str::to_string);
        if let Some(x) = &self.extractor {
            x.extract(&mut doc);
        }
        self.contextualise(&mut doc);
        doc
    }

    /// Run every stage over several documents, stage by stage: the same documents as
    /// [`Pipeline::process_with_date`] on each, faster, because each stage's tables (several MB
    /// each) stay in cache for the whole batch instead of being evicted by the next stage at
    /// every document. Batches of about [`BATCH`] news articles are a good size.
    pub fn process_batch(&self, items: Vec<(String, Option<&str>)>) -> Vec<Doc> {
        let mut docs: Vec<Doc> = items
            .into_iter()
            .map(|(text, date)| {
                let mut doc = Doc::new(text);
                hearsay_text::segment(&mut doc);
                doc.meta.date = date.map(str::to_string);
                doc
            })
            .collect();
        if let Some(t) = &self.tagger {
            docs.iter_mut().for_each(|d| t.tag(d));
            if let Some(p) = &self.parser {
                docs.iter_mut().for_each(|d| p.parse(d));
            }
        }
        if let Some(x) = &self.extractor {
            docs.iter_mut().for_each(|d| x.extract(d));
        }
        docs.iter_mut().for_each(|d| self.contextualise(d));
        docs
    }

    /// Run the entity tagger and the context layer over a document whose attribution layer is
    /// filled (by the extractor, or from gold annotation).
    pub fn contextualise(&self, doc: &mut Doc) {
        if !self.context {
            return;
        }
        if let Some(n) = &self.ner {
            // Names matter to the context layer in paragraphs with an attribution and in the
            // paragraph before each (antecedents); the others are not tagged, which saves
            // about a third of the tagger's time on news.
            let mut want = vec![false; doc.paragraphs.len()];
            for a in &doc.attributions {
                for s in a.source.iter().chain(a.cue.iter()).chain(a.content.iter()) {
                    let Some(t) = doc.tokens.get(s.start as usize) else {
                        continue;
                    };
                    if let Some(sent) = doc.sentences.get(t.sentence as usize) {
                        let p = sent.paragraph as usize;
                        if p < want.len() {
                            want[p] = true;
                        }
                    }
                }
            }
            let keep_para: Vec<bool> = (0..want.len())
                .map(|p| want[p] || want.get(p + 1).copied().unwrap_or(false))
                .collect();
            let sentence_para: Vec<u32> = doc.sentences.iter().map(|s| s.paragraph).collect();
            let keep = |i: usize| {
                sentence_para
                    .get(i)
                    .and_then(|&p| keep_para.get(p as usize))
                    .copied()
                    .unwrap_or(true)
            };
            n.tag_doc_where(doc, keep);
        }
        hearsay_context::resolve(doc);
    }

    /// Train a new attribution model on a gold directory (`DIR/text`, `DIR/ann`) with this
    /// pipeline's text and tag stages. Returns the model file bytes and a report.
    pub fn train_attrib(
        &self,
        train_dir: &std::path::Path,
        opts: &hearsay_attrib::TrainOptions,
        progress: &mut dyn FnMut(&str),
    ) -> anyhow::Result<(Vec<u8>, hearsay_attrib::TrainReport)> {
        let docs = hearsay_data::corpus::load_gold_dir(train_dir)?;
        let prepare = |text: &str| self.prepare(text.to_string());
        hearsay_attrib::train(&docs, &prepare, opts, progress)
    }
}
