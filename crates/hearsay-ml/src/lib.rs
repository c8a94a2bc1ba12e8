//! Learning primitives shared by hearsay's learned components.
//!
//! - [`hash`]: feature hashing. A feature is a `u64` made from a template id and values; no
//!   strings are kept, so feature extraction allocates nothing.
//! - [`Weights`]: a dense hashed weight table (`2^bits` rows × `n_classes`), the inference form
//!   of every model. Scoring a feature vector is one row addition per feature.
//! - [`Trainer`]: an averaged perceptron over [`Weights`] with lazy averaging, usable for
//!   multiclass classification and (with the caller doing Viterbi) structured prediction.
//! - [`Model`]: labels + weights + free-form metadata, serialised in a small versioned binary
//!   format (quantised, pruned, checksummed) that is committed under `models/` and embedded.

pub mod hash;
mod model;
mod perceptron;

pub use model::{Model, ModelError};
pub use perceptron::{Trainer, Weights};

/// Index of the best score (first one on ties, so results are deterministic).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}
