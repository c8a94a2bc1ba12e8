//! The parser's inference tables: the transition classifier as a dense `4 × i16` row per hash
//! row, the arc-label classifier as a [`hearsay_ml::compact::Table`], both split out of one
//! model table and read straight from the model file.

use hearsay_ml::compact::{quantised_rows, Builder, Table};
use hearsay_ml::{read_rows, ModelError, Weights};

/// Number of transition classes (`S`, `D`, `L`, `R`): the first classes of a parser model.
pub(crate) const N_MOVES: usize = 4;

/// The parser's two classifiers, split out of one model table: the transition classifier's
/// classes `0..N_MOVES` as a dense `4 × i16` row per hash row (one 8-byte load per feature,
/// no index), and the arc-label classifier's classes `N_MOVES..` as a sparse [`Table`].
pub(crate) struct Tables {
    bits: u32,
    trans: Vec<[i16; N_MOVES]>,
    pub labels: Table,
}

impl Tables {
    /// Quantise (as the model file does: `max |w|` maps to 32767) and split. `None` for
    /// fewer than [`N_MOVES`] classes or a table too large for 31-bit offsets.
    pub fn from_weights(w: &Weights) -> Option<Tables> {
        let mut b = SplitBuilder::new(w.bits(), w.n_classes())?;
        quantised_rows(w, |r, q| b.push_row(r, q));
        b.finish()
    }

    /// Start loading a feature's transition row into the cache (see [`hearsay_ml::prefetch`]).
    #[inline(always)]
    pub fn prefetch(&self, feature: u64) {
        hearsay_ml::prefetch(&self.trans[(feature >> (64 - self.bits)) as usize]);
    }

    /// Transition scores (`S`, `D`, `L`, `R`) of a feature vector.
    #[inline]
    pub fn move_scores(&self, features: &[u64]) -> [i32; N_MOVES] {
        let shift = 64 - self.bits;
        let mut s = [0i32; N_MOVES];
        for &f in features {
            let row = self.trans[(f >> shift) as usize];
            for (a, &x) in s.iter_mut().zip(&row) {
                *a += x as i32;
            }
        }
        s
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        8 * self.trans.len() + self.labels.heap_bytes()
    }
}

/// Builds [`Tables`] from full-width quantised rows, in increasing row order.
struct SplitBuilder {
    bits: u32,
    trans: Vec<[i16; N_MOVES]>,
    labels: Builder,
}

impl SplitBuilder {
    fn new(bits: u32, n_classes: usize) -> Option<SplitBuilder> {
        if n_classes < N_MOVES || !(1..=30).contains(&bits) {
            return None;
        }
        Some(SplitBuilder {
            bits,
            trans: vec![[0; N_MOVES]; 1 << bits],
            labels: Builder::new(bits, n_classes - N_MOVES),
        })
    }

    /// Row `row` (after every row pushed before) with quantised weights `q` (one per class).
    fn push_row(&mut self, row: usize, q: &[i16]) {
        self.trans[row].copy_from_slice(&q[..N_MOVES]);
        let rest = &q[N_MOVES..];
        if rest.iter().any(|&x| x != 0) {
            self.labels.push_row(row, rest);
        }
    }

    fn finish(self) -> Option<Tables> {
        Some(Tables {
            bits: self.bits,
            trans: self.trans,
            labels: self.labels.finish()?,
        })
    }
}

/// A model file read straight into [`Tables`].
pub(crate) struct Loaded {
    pub name: String,
    pub meta: String,
    pub labels: Vec<String>,
    pub n_classes: usize,
    pub tables: Tables,
}

/// Read a `hearsay-ml` model file (format `HSAYMDL1`, documented in `hearsay_ml::Model`)
/// directly into [`Tables`], without expanding the dense `2^bits × classes` f32 table that
/// [`hearsay_ml::Model::from_bytes`] builds (hundreds of MB for a parser). The quantised
/// weights are the file's own, so the result equals [`Tables::from_weights`] of the loaded
/// model.
pub(crate) fn read_model(bytes: &[u8]) -> Result<Loaded, ModelError> {
    let (h, b) = read_rows(
        bytes,
        |h| {
            SplitBuilder::new(h.bits, h.n_classes)
                .ok_or(ModelError::Corrupt("fewer classes than transitions"))
        },
        |b, r, q| b.push_row(r, q),
    )?;
    Ok(Loaded {
        name: h.name,
        meta: h.meta,
        labels: h.labels,
        n_classes: h.n_classes,
        tables: b
            .finish()
            .ok_or(ModelError::Corrupt("weight table too large"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearsay_ml::hash::f1;
    use hearsay_ml::Trainer;

    #[test]
    fn direct_read_equals_the_long_way() {
        let classes = 7;
        let mut t = Trainer::new(8, classes);
        for i in 0..300u64 {
            let n = if i % 9 == 0 {
                classes
            } else {
                1 + (i % 2) as usize
            };
            for c in 0..n {
                t.update(
                    &[f1(2, i)],
                    (c * 3 + i as usize) % classes,
                    (i as f32 - 150.0) / 9.0,
                );
            }
        }
        let model = hearsay_ml::Model {
            name: "m".into(),
            meta: "{}".into(),
            labels: (0..classes).map(|c| c.to_string()).collect(),
            weights: t.finish(),
        };
        for prune in [0.0, 5.0] {
            let bytes = model.to_bytes(prune);
            let direct = read_model(&bytes).unwrap();
            let long = hearsay_ml::Model::from_bytes(&bytes).unwrap();
            let tables = Tables::from_weights(&long.weights).unwrap();
            assert_eq!((direct.name.as_str(), direct.meta.as_str()), ("m", "{}"));
            assert_eq!(direct.labels, model.labels);
            assert_eq!(direct.n_classes, classes);
            assert_eq!(direct.tables.trans, tables.trans);
            assert!(tables.trans.iter().any(|r| r.iter().any(|&x| x != 0)));
            assert_eq!(direct.tables.labels, tables.labels);
            assert!(tables.labels.heap_bytes() > 4 << 8);
            // damage is refused
            let mut bad = bytes.clone();
            bad[20] ^= 1;
            assert!(read_model(&bad).is_err());
            assert!(read_model(&bytes[..bytes.len() - 1]).is_err());
        }
        // too few classes for the transitions
        let mut few = model.clone();
        few.weights = Trainer::new(8, 3).finish();
        assert!(read_model(&few.to_bytes(0.0)).is_err());
    }
}
