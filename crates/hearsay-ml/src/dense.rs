//! The inference form of a weight table whose rows are nearly all in use: dense rows of the
//! model file's i16-quantised weights, scored in f32 exactly as the dense [`Weights`] table
//! that [`crate::Model::from_bytes`] builds would score them.
//!
//! The attribution taggers' tables (2^18 rows of 3 and 5 classes) have a non-zero weight in
//! more than 90% of their rows, so a sparse [`crate::compact::Table`] would not be smaller;
//! keeping the file's `i16` weights instead of expanding them to `f32` halves the table, so
//! more of it stays in cache. Each weight is dequantised on the fly with the same product
//! (`q as f32 * scale`) that [`crate::Model::from_bytes`] stores, and added in the same
//! feature order as [`Weights::add_scores`], so the scores are bit-for-bit the dense table's:
//! decisions, and anything computed from the scores (posteriors), are unchanged.

use crate::model::{read_rows, Header};
use crate::{ModelError, Weights};

/// A dense, read-only table of i16 weights. Cheap to share between threads.
#[derive(Clone, Debug, PartialEq)]
pub struct DenseTable {
    bits: u32,
    n_classes: usize,
    /// `weight = q * scale`.
    scale: f32,
    /// Row `r` is `q[r * n_classes..(r + 1) * n_classes]`.
    q: Vec<i16>,
}

impl DenseTable {
    /// Read a model file (format in [`crate::Model`]) straight into a table, with its header.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Header, DenseTable), ModelError> {
        read_rows(
            bytes,
            |h| {
                Ok(DenseTable {
                    bits: h.bits,
                    n_classes: h.n_classes,
                    scale: h.scale,
                    q: vec![0; h.n_classes << h.bits],
                })
            },
            |t, r, q| {
                let n = t.n_classes;
                t.q[r * n..(r + 1) * n].copy_from_slice(&q[..n]);
            },
        )
    }

    /// log2 of the number of rows.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        2 * self.q.len()
    }

    /// The row a feature hash maps to (as in [`Weights::row`]).
    #[inline]
    pub fn row(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// Start loading a feature's row into the cache (see [`crate::prefetch`]): the taggers
    /// call it for the next token's features while the current token is scored.
    #[inline(always)]
    pub fn prefetch(&self, feature: u64) {
        crate::prefetch(&self.q[self.row(feature) * self.n_classes]);
    }

    /// The dequantised weights of one feature's row: what [`Weights::row_weights`] holds.
    pub fn weights(&self, feature: u64) -> Vec<f32> {
        let r = self.row(feature);
        let n = self.n_classes;
        self.q[r * n..(r + 1) * n]
            .iter()
            .map(|&q| q as f32 * self.scale)
            .collect()
    }

    /// Add the weights of every feature into `scores` (which must have `n_classes` entries),
    /// equal bit for bit to [`Weights::add_scores`] on the dequantised table.
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32]) {
        match self.n_classes {
            3 => self.add_n::<3>(features, scores),
            5 => self.add_n::<5>(features, scores),
            n => {
                let scores = &mut scores[..n];
                for &f in features {
                    let r = self.row(f);
                    for (s, &q) in scores.iter_mut().zip(&self.q[r * n..(r + 1) * n]) {
                        *s += q as f32 * self.scale;
                    }
                }
            }
        }
    }

    #[inline]
    fn add_n<const N: usize>(&self, features: &[u64], scores: &mut [f32]) {
        let scores: &mut [f32; N] = (&mut scores[..N]).try_into().expect("N scores");
        let mut acc = *scores;
        for &f in features {
            let r = self.row(f);
            let row: &[i16; N] = self.q[r * N..(r + 1) * N].try_into().expect("N weights");
            for (s, &q) in acc.iter_mut().zip(row) {
                *s += q as f32 * self.scale;
            }
        }
        *scores = acc;
    }
}

/// The dense f32 table that [`crate::Model::from_bytes`] builds from the same file (for tests
/// and tools).
pub fn dequantised(t: &DenseTable) -> Weights {
    let mut w = Weights::new(t.bits, t.n_classes);
    for (x, &q) in w.raw_mut().iter_mut().zip(&t.q) {
        *x = q as f32 * t.scale;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::f1;
    use crate::{Model, Trainer};

    fn model(classes: usize) -> Model {
        let mut t = Trainer::new(7, classes);
        for i in 0..200u64 {
            for c in 0..1 + (i % classes as u64) as usize {
                t.update(
                    &[f1(1, i), f1(2, i / 3)],
                    (c * 3 + i as usize) % classes,
                    (i as f32 - 90.0) / 7.0,
                );
            }
            t.tick();
        }
        Model {
            name: "m".into(),
            meta: "{}".into(),
            labels: (0..classes).map(|c| c.to_string()).collect(),
            weights: t.finish(),
        }
    }

    #[test]
    fn scores_equal_the_dense_tables_bit_for_bit() {
        for classes in [3, 4, 5] {
            let m = model(classes);
            for prune in [0.0, 2.0] {
                let bytes = m.to_bytes(prune);
                let long = Model::from_bytes(&bytes).unwrap();
                let (h, t) = DenseTable::from_bytes(&bytes).unwrap();
                assert_eq!((h.bits, h.n_classes), (7, classes));
                assert_eq!(dequantised(&t), long.weights);
                for i in 0..300u64 {
                    let feats = [f1(1, i), f1(2, i / 3), f1(1, i * 7), f1(3, 0)];
                    let mut s = vec![0.25f32; classes];
                    t.add_scores(&feats, &mut s);
                    let mut d = vec![0.25f32; classes];
                    long.weights.add_scores(&feats, &mut d);
                    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&s), bits(&d));
                    assert_eq!(
                        t.weights(feats[0]),
                        long.weights.row_weights(t.row(feats[0]))
                    );
                }
                assert_eq!(t.heap_bytes(), (2 * classes) << 7);
                let mut bad = bytes.clone();
                bad[20] ^= 1;
                assert!(DenseTable::from_bytes(&bad).is_err());
            }
        }
    }
}
