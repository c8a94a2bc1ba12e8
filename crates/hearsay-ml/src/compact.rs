//! The inference form of a weight table: compressed sparse rows of i16-quantised weights.
//!
//! A trained [`Weights`] table is dense (`2^bits` rows × classes, f32: 47 MB for the POS
//! tagger), but after pruning a typical row holds a handful of non-zero classes. Such rows
//! store only those (one `u32` each: the quantised weight in the high half, the class in the
//! low half), which makes the table several times smaller than the dense one, so far more of it
//! stays in cache. The few rows with many non-zeros (bias and tag features, which every
//! decision reads) stay dense, as `i16` pairs, so adding them is a short vectorisable loop
//! rather than a long scatter. Scores are summed as integers: argmax ignores the common scale,
//! and integer sums are exact, so decisions equal the dense table's up to float rounding in
//! near-ties.
//!
//! [`Table::from_bytes`] reads a model file straight into a table (the file's own quantised
//! weights, no dense table in between); [`Table::from_weights`] quantises a trained table the
//! way [`crate::Model::to_bytes`] does, without pruning.

use crate::model::{read_rows, Header};
use crate::{ModelError, Weights};

/// Marks a dense row in [`Table::index`].
const DENSE: u32 = 1 << 31;

/// A compact, read-only weight table. Cheap to share between threads.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    bits: u32,
    n_classes: usize,
    /// Classes rounded up to even (dense rows hold two classes per `u32`).
    width: usize,
    /// `index[r] & !DENSE .. index[r + 1] & !DENSE` are row `r`'s entries; `DENSE` marks a
    /// dense row.
    index: Vec<u32>,
    /// Sparse rows: `(q as u16) << 16 | class`. Dense rows: `q[2k + 1] << 16 | q[2k]`.
    entries: Vec<u32>,
}

/// Builds a [`Table`] row by row, in increasing row order.
pub struct Builder {
    bits: u32,
    n_classes: usize,
    width: usize,
    index: Vec<u32>,
    entries: Vec<u32>,
    /// A row padded to `width`.
    buf: Vec<i16>,
}

impl Builder {
    /// A builder for a table of `2^bits` rows of `n_classes` classes (`bits` in `1..=30`).
    pub fn new(bits: u32, n_classes: usize) -> Builder {
        assert!((1..=30).contains(&bits), "bits must be in 1..=30");
        let width = (n_classes + 1) & !1;
        Builder {
            bits,
            n_classes,
            width,
            index: Vec::with_capacity((1 << bits) + 1),
            entries: Vec::new(),
            buf: vec![0; width],
        }
    }

    /// Set row `row` (after every row pushed before; rows not pushed are empty) to the
    /// quantised weights `q` (one per class; extra ones are ignored).
    pub fn push_row(&mut self, row: usize, q: &[i16]) {
        debug_assert!(row >= self.index.len() && row < 1 << self.bits);
        let at = self.entries.len() as u32;
        while self.index.len() < row {
            self.index.push(at);
        }
        let q = &q[..q.len().min(self.n_classes)];
        let nnz = q.iter().filter(|&&x| x != 0).count();
        if nnz > self.width / 4 {
            self.index.push(at | DENSE);
            self.buf.fill(0);
            self.buf[..q.len()].copy_from_slice(q);
            self.entries.extend(
                self.buf
                    .chunks_exact(2)
                    .map(|p| ((p[1] as u16 as u32) << 16) | p[0] as u16 as u32),
            );
        } else {
            self.index.push(at);
            for (c, &x) in q.iter().enumerate() {
                if x != 0 {
                    self.entries.push(((x as u16 as u32) << 16) | c as u32);
                }
            }
        }
    }

    /// The table; `None` when the entries do not fit the 31-bit offsets.
    pub fn finish(mut self) -> Option<Table> {
        let at = self.entries.len();
        if at >= DENSE as usize {
            return None;
        }
        self.index.resize((1 << self.bits) + 1, at as u32);
        self.entries.shrink_to_fit();
        Some(Table {
            bits: self.bits,
            n_classes: self.n_classes,
            width: self.width,
            index: self.index,
            entries: self.entries,
        })
    }
}

/// Call `f(row, q)` for every row of `w` that has a non-zero weight after quantising as
/// [`crate::Model::to_bytes`] does (`max |w|` maps to 32767), in increasing row order.
pub fn quantised_rows(w: &Weights, mut f: impl FnMut(usize, &[i16])) {
    let scale = w.quantisation_scale();
    let mut q = vec![0i16; w.n_classes()];
    for r in 0..1usize << w.bits() {
        for (qc, &x) in q.iter_mut().zip(w.row_weights(r)) {
            *qc = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
        }
        if q.iter().any(|&x| x != 0) {
            f(r, &q);
        }
    }
}

impl Table {
    /// Quantise (as the model file does, without pruning) and compress. `None` for a table
    /// too large for 31-bit offsets.
    pub fn from_weights(w: &Weights) -> Option<Table> {
        let mut b = Builder::new(w.bits(), w.n_classes());
        quantised_rows(w, |r, q| b.push_row(r, q));
        b.finish()
    }

    /// Read a model file (format in [`crate::Model`]) straight into a table, with its header.
    /// The weights are the file's own quantised ones, so the table equals
    /// [`Table::from_weights`] of [`crate::Model::from_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<(Header, Table), ModelError> {
        let (h, b) = read_rows(
            bytes,
            |h| Ok(Builder::new(h.bits, h.n_classes)),
            |b, r, q| b.push_row(r, q),
        )?;
        let t = b
            .finish()
            .ok_or(ModelError::Corrupt("weight table too large"))?;
        Ok((h, t))
    }

    /// Start loading a feature's row extent into the cache (see [`crate::prefetch`]): call it
    /// while features are still being made, before [`Table::add_scores`].
    #[inline(always)]
    pub fn prefetch(&self, feature: u64) {
        crate::prefetch(&self.index[(feature >> (64 - self.bits)) as usize]);
    }

    /// Add the weights of every feature into `scores`, which must hold at least
    /// [`Table::width`] entries. `spans` is a reused scratch buffer.
    ///
    /// Three passes, so that cache misses overlap instead of queueing one after another: look
    /// up every row's extent, touch every row's first entry, then add.
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [i32], spans: &mut Vec<(u32, u32)>) {
        let shift = 64 - self.bits;
        spans.clear();
        spans.extend(features.iter().map(|&f| {
            let r = (f >> shift) as usize;
            (self.index[r], self.index[r + 1] & !DENSE)
        }));
        let mut touch = 0u32;
        for &(a, b) in spans.iter() {
            let a = a & !DENSE;
            if a < b {
                touch ^= self.entries[a as usize];
            }
        }
        std::hint::black_box(touch);
        let dense_scores = &mut scores[..self.width];
        for &(a, b) in spans.iter() {
            if a & DENSE != 0 {
                let row = &self.entries[(a & !DENSE) as usize..b as usize];
                for (s, &e) in dense_scores.chunks_exact_mut(2).zip(row) {
                    s[0] += e as u16 as i16 as i32;
                    s[1] += (e >> 16) as u16 as i16 as i32;
                }
            } else {
                for &e in &self.entries[a as usize..b as usize] {
                    if let Some(s) = dense_scores.get_mut((e & 0xffff) as usize) {
                        *s += (e as i32) >> 16;
                    }
                }
            }
        }
    }

    /// log2 of the number of rows.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Length of the score buffer [`Table::add_scores`] needs: the classes rounded up to even.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        4 * (self.index.len() + self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::f1;
    use crate::{Model, Trainer};

    fn trained(bits: u32, classes: usize, rows: u64) -> Weights {
        // rows with few and with many classes
        let mut t = Trainer::new(bits, classes);
        for i in 0..rows {
            let n = if i % 5 == 0 {
                classes
            } else {
                1 + (i % 3) as usize
            };
            for c in 0..n {
                t.update(
                    &[f1(1, i)],
                    (c * 3 + i as usize) % classes,
                    (i as f32 - rows as f32 / 2.0) / 7.0,
                );
            }
        }
        t.finish()
    }

    #[test]
    fn sparse_scores_match_dense_scores() {
        for classes in [9, 12] {
            let w = trained(6, classes, 60);
            let table = Table::from_weights(&w).unwrap();
            assert_eq!(table.width(), (classes + 1) & !1);
            let max = w.quantisation_scale() * 32767.0;
            let mut spans = Vec::new();
            for i in 0..60u64 {
                let feats = [f1(1, i), f1(1, i + 3), f1(1, i * 7)];
                let dense = w.scores(&feats);
                let mut sparse = vec![0i32; table.width()];
                table.add_scores(&feats, &mut sparse, &mut spans);
                for c in 0..classes {
                    let back = sparse[c] as f32 * max / 32767.0;
                    assert!((back - dense[c]).abs() <= max * 1e-3, "{back} {}", dense[c]);
                }
                assert!(sparse[classes..].iter().all(|&s| s == 0));
            }
        }
    }

    #[test]
    fn direct_read_equals_the_long_way() {
        let classes = 7;
        let model = Model {
            name: "m".into(),
            meta: "{}".into(),
            labels: (0..classes).map(|c| c.to_string()).collect(),
            weights: trained(8, classes, 300),
        };
        for prune in [0.0, 5.0] {
            let bytes = model.to_bytes(prune);
            let (h, direct) = Table::from_bytes(&bytes).unwrap();
            let long = Model::from_bytes(&bytes).unwrap();
            assert_eq!((h.name.as_str(), h.meta.as_str()), ("m", "{}"));
            assert_eq!(h.labels, model.labels);
            assert_eq!((h.bits, h.n_classes), (8, classes));
            assert_eq!(direct, Table::from_weights(&long.weights).unwrap());
            assert!(direct.index.iter().any(|&i| i & DENSE != 0));
            assert!(direct.entries.len() > 10);
            // damage is refused
            let mut bad = bytes.clone();
            bad[20] ^= 1;
            assert!(Table::from_bytes(&bad).is_err());
            assert!(Table::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        }
    }

    #[test]
    fn empty_table_scores_nothing() {
        let w = Weights::new(4, 3);
        let t = Table::from_weights(&w).unwrap();
        let mut s = vec![0i32; t.width()];
        t.add_scores(&[f1(1, 1), u64::MAX, 0], &mut s, &mut Vec::new());
        assert_eq!(s, [0; 4]);
        assert_eq!(t.heap_bytes(), 4 * 17);
    }
}
