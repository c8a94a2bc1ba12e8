//! Learning primitives shared by hearsay's learned components.
//!
//! - [`hash`]: feature hashing. A feature is a `u64` made from a template id and values; no
//!   strings are kept, so feature extraction allocates nothing.
//! - [`Weights`]: a dense hashed weight table (`2^bits` rows × `n_classes`, f32), what training
//!   produces. Scoring a feature vector is one row addition per feature.
//! - [`compact::Table`]: the inference form of a trained table for the greedy taggers (POS,
//!   entities, the parser's labels): sparse rows of i16-quantised weights, several times
//!   smaller, so that it stays in cache; integer scores.
//! - [`dense::DenseTable`]: the inference form of the attribution taggers' nearly full tables:
//!   the model file's i16 weights in dense rows (half the f32 table), scored in f32 bit for bit
//!   as the dense table scores them.
//! - [`Trainer`]: an averaged perceptron over [`Weights`] with lazy averaging, usable for
//!   multiclass classification and (with the caller doing Viterbi) structured prediction.
//! - [`SplitMix`]: the deterministic random stream the trainers shuffle (and explore) with.
//! - [`Model`]: labels + weights + free-form metadata, serialised in a small versioned binary
//!   format (quantised, pruned, checksummed) that is committed under `models/` and embedded.

pub mod compact;
pub mod dense;
pub mod hash;
mod model;
mod perceptron;
mod rng;

pub use model::{read_rows, Header, Model, ModelError};
pub use perceptron::{Trainer, Weights};
pub use rng::SplitMix;

/// Index of the best score (first one on ties, so results are deterministic).
pub fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// Start loading the cache line holding `x` (a hint; does nothing off x86-64). Issued for a
/// table row as soon as a feature's hash is known, the cache miss overlaps with the rest of
/// feature extraction instead of stalling the scoring loop after it.
#[inline(always)]
pub fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is only a hint to the cache: it never faults and changes nothing
        // a program can observe; the pointer comes from a reference anyway.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(x as *const T as *const i8) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
