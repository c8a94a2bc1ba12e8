//! The inference form of the weights: a compressed sparse row table of i16-quantised weights.
//!
//! A trained [`Weights`] table is dense (`2^bits` rows × classes, f32), but after pruning a
//! typical row holds a handful of non-zero classes. Such rows store only those (one `u32`
//! each: the quantised weight in the high half, the class in the low half), which makes the
//! table several times smaller than the dense one, so far more of it stays in cache. The few
//! rows with many non-zeros (tag features, which every transition reads) stay dense, as `i16`
//! pairs, so adding them is a short vectorisable loop rather than a long scatter. Scores are
//! summed as integers: argmax ignores the common scale.

use hearsay_ml::hash::{bytes_hash, str_hash};
use hearsay_ml::Weights;

/// Marks a dense row in [`Table::index`].
const DENSE: u32 = 1 << 31;

pub(crate) struct Table {
    bits: u32,
    /// Classes rounded up to even (dense rows hold two classes per `u32`).
    width: usize,
    /// `index[r] & !DENSE .. index[r + 1] & !DENSE` are row `r`'s entries; `DENSE` marks a
    /// dense row.
    index: Vec<u32>,
    /// Sparse rows: `(q as u16) << 16 | class`. Dense rows: `q[2k + 1] << 16 | q[2k]`.
    entries: Vec<u32>,
}

/// Builds a [`Table`] row by row, in increasing row order.
struct Builder {
    bits: u32,
    width: usize,
    index: Vec<u32>,
    entries: Vec<u32>,
}

impl Builder {
    fn new(bits: u32, n_classes: usize) -> Builder {
        let rows = 1usize << bits;
        Builder {
            bits,
            width: (n_classes + 1) & !1,
            index: Vec::with_capacity(rows + 1),
            entries: Vec::new(),
        }
    }

    /// Add row `self.index.len()` with quantised weights `q` (`width` of them).
    fn push_row(&mut self, q: &[i16]) {
        let nnz = q.iter().filter(|&&x| x != 0).count();
        if nnz > self.width / 4 {
            self.index.push(self.entries.len() as u32 | DENSE);
            self.entries.extend(
                q.chunks_exact(2)
                    .map(|p| ((p[1] as u16 as u32) << 16) | p[0] as u16 as u32),
            );
        } else {
            self.index.push(self.entries.len() as u32);
            for (c, &x) in q.iter().enumerate() {
                if x != 0 {
                    self.entries.push(((x as u16 as u32) << 16) | c as u32);
                }
            }
        }
    }

    /// Add empty rows up to (not including) `row`.
    fn skip_to(&mut self, row: usize) {
        let at = self.entries.len() as u32;
        while self.index.len() < row {
            self.index.push(at);
        }
    }

    /// `None` when the entries do not fit the 31-bit offsets.
    fn finish(mut self) -> Option<Table> {
        self.skip_to(1 << self.bits);
        if self.entries.len() >= DENSE as usize {
            return None;
        }
        self.index.push(self.entries.len() as u32);
        self.entries.shrink_to_fit();
        Some(Table {
            bits: self.bits,
            width: self.width,
            index: self.index,
            entries: self.entries,
        })
    }
}

impl Table {
    /// Quantise (as the model file does: `max |w|` maps to 32767) and compress. `None` for a
    /// table too large for 31-bit offsets.
    #[cfg(test)]
    pub fn from_weights(w: &Weights) -> Option<Table> {
        let rows = 1usize << w.bits();
        let max = (0..rows)
            .flat_map(|r| w.row_weights(r).iter())
            .fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut b = Builder::new(w.bits(), w.n_classes());
        let mut q = vec![0i16; b.width];
        for r in 0..rows {
            for (qc, &x) in q.iter_mut().zip(w.row_weights(r)) {
                *qc = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            b.push_row(&q);
        }
        b.finish()
    }

    /// Add the weights of every feature into `scores` (at least as many as the classes,
    /// rounded up to even). `spans` is a reused scratch buffer.
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

    /// Length of the score buffer [`Table::add_scores`] needs.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        4 * (self.index.len() + self.entries.len())
    }
}

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
        let rows = 1usize << w.bits();
        let max = (0..rows)
            .flat_map(|r| w.row_weights(r).iter())
            .fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut b = SplitBuilder::new(w.bits(), w.n_classes())?;
        let mut q = vec![0i16; w.n_classes()];
        for r in 0..rows {
            for (qc, &x) in q.iter_mut().zip(w.row_weights(r)) {
                *qc = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            if q.iter().any(|&x| x != 0) {
                b.push_row(r, &q);
            }
        }
        b.finish()
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
    trans: Vec<[i16; N_MOVES]>,
    labels: Builder,
    buf: Vec<i16>,
}

impl SplitBuilder {
    fn new(bits: u32, n_classes: usize) -> Option<SplitBuilder> {
        if n_classes < N_MOVES {
            return None;
        }
        let labels = Builder::new(bits, n_classes - N_MOVES);
        Some(SplitBuilder {
            trans: vec![[0; N_MOVES]; 1 << bits],
            buf: vec![0; labels.width],
            labels,
        })
    }

    /// Row `row` (after every row pushed before) with quantised weights `q` (one per class).
    fn push_row(&mut self, row: usize, q: &[i16]) {
        self.trans[row].copy_from_slice(&q[..N_MOVES]);
        let rest = &q[N_MOVES..];
        if rest.iter().any(|&x| x != 0) {
            self.buf.iter_mut().for_each(|x| *x = 0);
            self.buf[..rest.len()].copy_from_slice(rest);
            self.labels.skip_to(row);
            self.labels.push_row(&self.buf);
        }
    }

    fn finish(self) -> Option<Tables> {
        Some(Tables {
            bits: self.labels.bits,
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
/// model. `None` for anything unexpected: the caller then goes the long way, which reports
/// proper errors.
pub(crate) fn read_model(bytes: &[u8]) -> Option<Loaded> {
    const MAGIC: &[u8; 8] = b"HSAYMDL1";
    if bytes.len() < MAGIC.len() + 8 || &bytes[..8] != MAGIC {
        return None;
    }
    let (body, check) = bytes.split_at(bytes.len() - 8);
    if bytes_hash(str_hash(""), body) != u64::from_le_bytes(check.try_into().ok()?) {
        return None;
    }
    let mut r = Reader { b: body, i: 8 };
    let name = r.string()?;
    let meta = r.string()?;
    let n_labels = r.varint()? as usize;
    let mut labels = Vec::with_capacity(n_labels.min(1 << 16));
    for _ in 0..n_labels {
        labels.push(r.string()?);
    }
    let bits = r.varint()? as u32;
    let n = r.varint()? as usize;
    if !(1..=30).contains(&bits) || n == 0 || n > 1 << 16 {
        return None;
    }
    r.take(4)?; // the scale: scores only need the quantised values
    let mut b = SplitBuilder::new(bits, n)?;
    let mut q = vec![0i16; n];
    let count = r.varint()? as usize;
    let mut row = 0usize;
    for k in 0..count {
        let delta = r.varint()? as usize;
        if k > 0 && delta == 0 {
            return None;
        }
        row = row.checked_add(delta)?;
        if row >= 1 << bits {
            return None;
        }
        q.iter_mut().for_each(|x| *x = 0);
        for _ in 0..r.varint()? {
            let c = r.varint()? as usize;
            let v = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
            *q.get_mut(c).filter(|_| c < n)? = v;
        }
        b.push_row(row, &q);
    }
    if r.i != body.len() {
        return None;
    }
    Some(Loaded {
        name,
        meta,
        labels,
        n_classes: n,
        tables: b.finish()?,
    })
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.i.checked_add(n)?;
        let s = self.b.get(self.i..end)?;
        self.i = end;
        Some(s)
    }
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.i)?;
            self.i += 1;
            v |= ((byte & 0x7f) as u64) << shift;
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn string(&mut self) -> Option<String> {
        let n = self.varint()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearsay_ml::hash::f1;
    use hearsay_ml::Trainer;

    #[test]
    fn sparse_scores_match_dense_scores() {
        // rows with few and with many classes
        let classes = 9;
        let mut t = Trainer::new(6, classes);
        for i in 0..60u64 {
            let n = if i % 5 == 0 {
                classes
            } else {
                1 + (i % 3) as usize
            };
            for c in 0..n {
                t.update(
                    &[f1(1, i)],
                    (c + i as usize) % classes,
                    (i as f32 - 30.0) / 7.0,
                );
            }
        }
        let w = t.finish();
        let table = Table::from_weights(&w).unwrap();
        let max = (0..64)
            .flat_map(|r| w.row_weights(r).iter())
            .fold(0f32, |m, x| m.max(x.abs()));
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
        }
    }

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
            assert_eq!(direct.tables.labels.index, tables.labels.index);
            assert_eq!(direct.tables.labels.entries, tables.labels.entries);
            assert!(!tables.labels.entries.is_empty());
            // damage is refused
            let mut bad = bytes.clone();
            bad[20] ^= 1;
            assert!(read_model(&bad).is_none());
            assert!(read_model(&bytes[..bytes.len() - 1]).is_none());
        }
    }
}
