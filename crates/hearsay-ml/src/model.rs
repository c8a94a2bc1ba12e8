//! The model file format.
//!
//! ```text
//! magic    8 bytes  "HSAYMDL1"
//! name     varint length + UTF-8
//! meta     varint length + UTF-8 (free-form, e.g. JSON with training facts)
//! labels   varint count, each varint length + UTF-8
//! bits     varint; n_classes varint
//! scale    f32 LE: weight = q * scale
//! rows     varint count; per non-empty row: varint row delta, varint nnz, nnz × (varint class, i16 LE q)
//! check    u64 LE FNV-1a of every byte before it
//! ```
//! Weights are quantised to i16 and weights whose magnitude is below the pruning threshold are
//! dropped, which keeps files small. [`Model::from_bytes`] expands them into a dense [`Weights`]
//! table in one pass (for training and tools); inference reads them straight into a
//! [`crate::compact::Table`] ([`read_rows`] serves both).

use crate::hash::{bytes_hash, str_hash};
use crate::Weights;

const MAGIC: &[u8; 8] = b"HSAYMDL1";

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a hearsay model file (bad magic)")]
    BadMagic,
    #[error("model file is truncated")]
    Truncated,
    #[error("model file is corrupt (checksum mismatch)")]
    Checksum,
    #[error("model file is corrupt: {0}")]
    Corrupt(&'static str),
}

/// A trained model: a name, class labels, free-form metadata and the weight table.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub name: String,
    pub meta: String,
    pub labels: Vec<String>,
    pub weights: Weights,
}

impl Model {
    /// Serialise, dropping weights with `|w| < prune` and quantising the rest to i16.
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let raw = self.weights.raw();
        let scale = self.weights.quantisation_scale();
        let n = self.weights.n_classes();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_str(&mut out, &self.name);
        put_str(&mut out, &self.meta);
        put_varint(&mut out, self.labels.len() as u64);
        for l in &self.labels {
            put_str(&mut out, l);
        }
        put_varint(&mut out, self.weights.bits() as u64);
        put_varint(&mut out, n as u64);
        out.extend_from_slice(&scale.to_le_bytes());
        let keep = |w: f32| w.abs() >= prune && (w / scale).round() != 0.0;
        let rows: Vec<usize> = (0..raw.len() / n)
            .filter(|&r| raw[r * n..(r + 1) * n].iter().any(|&w| keep(w)))
            .collect();
        put_varint(&mut out, rows.len() as u64);
        let mut prev = 0usize;
        for r in rows {
            put_varint(&mut out, (r - prev) as u64);
            prev = r;
            let row = &raw[r * n..(r + 1) * n];
            let nnz = row.iter().filter(|&&w| keep(w)).count();
            put_varint(&mut out, nnz as u64);
            for (c, &w) in row.iter().enumerate() {
                if keep(w) {
                    put_varint(&mut out, c as u64);
                    let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                    out.extend_from_slice(&q.to_le_bytes());
                }
            }
        }
        let check = bytes_hash(str_hash(""), &out);
        out.extend_from_slice(&check.to_le_bytes());
        out
    }

    /// Parse a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let (h, (weights, _)) = read_rows(
            bytes,
            |h| Ok((Weights::new(h.bits, h.n_classes), h.scale)),
            |(w, scale), row, q| {
                let n = w.n_classes();
                for (x, &q) in w.raw_mut()[row * n..(row + 1) * n].iter_mut().zip(q) {
                    *x = q as f32 * *scale;
                }
            },
        )?;
        Ok(Model {
            name: h.name,
            meta: h.meta,
            labels: h.labels,
            weights,
        })
    }
}

/// The fields of a model file before its weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub name: String,
    pub meta: String,
    pub labels: Vec<String>,
    /// log2 of the number of rows.
    pub bits: u32,
    pub n_classes: usize,
    /// `weight = q * scale`.
    pub scale: f32,
}

/// Read a model file row by row, without building a dense table: `start` makes the consumer
/// from the header (an error there stops the read), then `row(consumer, r, q)` sees each
/// non-empty row `r` in increasing order with its quantised weights (`q`: one per class, zero
/// where pruned). [`Model::from_bytes`] and [`crate::compact::Table::from_bytes`] are built
/// on it.
pub fn read_rows<S>(
    bytes: &[u8],
    start: impl FnOnce(&Header) -> Result<S, ModelError>,
    mut row: impl FnMut(&mut S, usize, &[i16]),
) -> Result<(Header, S), ModelError> {
    if bytes.len() < MAGIC.len() + 8 || &bytes[..8] != MAGIC {
        return Err(ModelError::BadMagic);
    }
    let (body, check) = bytes.split_at(bytes.len() - 8);
    let want = u64::from_le_bytes(check.try_into().expect("8 bytes"));
    if bytes_hash(str_hash(""), body) != want {
        return Err(ModelError::Checksum);
    }
    let mut r = Reader {
        b: body,
        i: MAGIC.len(),
    };
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
        return Err(ModelError::Corrupt("bad table shape"));
    }
    let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
    let header = Header {
        name,
        meta,
        labels,
        bits,
        n_classes: n,
        scale,
    };
    let mut sink = start(&header)?;
    let n_rows = 1usize << bits;
    let count = r.varint()? as usize;
    let mut q = vec![0i16; n];
    let mut at = 0usize;
    for k in 0..count {
        let delta = r.varint()? as usize;
        if k > 0 && delta == 0 {
            return Err(ModelError::Corrupt("rows out of order"));
        }
        at = at
            .checked_add(delta)
            .filter(|&a| a < n_rows)
            .ok_or(ModelError::Corrupt("row out of range"))?;
        q.fill(0);
        let nnz = r.varint()? as usize;
        for _ in 0..nnz {
            let c = r.varint()? as usize;
            if c >= n {
                return Err(ModelError::Corrupt("class out of range"));
            }
            q[c] = i16::from_le_bytes(r.take(2)?.try_into().expect("2 bytes"));
        }
        row(&mut sink, at, &q);
    }
    if r.i != body.len() {
        return Err(ModelError::Corrupt("trailing bytes"));
    }
    Ok((header, sink))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self.i.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.b.get(self.i..end).ok_or(ModelError::Truncated)?;
        self.i = end;
        Ok(s)
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.b.get(self.i).ok_or(ModelError::Truncated)?;
            self.i += 1;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt("varint too long"))
    }
    fn string(&mut self) -> Result<String, ModelError> {
        let n = self.varint()? as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| ModelError::Corrupt("label not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::f1;
    use crate::Trainer;

    fn model() -> Model {
        let mut t = Trainer::new(8, 3);
        t.update(&[f1(1, 1), f1(1, 2)], 0, 2.5);
        t.update(&[f1(1, 3)], 2, -1.25);
        t.update(&[f1(1, 4)], 1, 0.0001);
        Model {
            name: "test".into(),
            meta: "{\"x\":1}".into(),
            labels: vec!["A".into(), "B".into(), "C".into()],
            weights: t.finish(),
        }
    }

    #[test]
    fn round_trips_with_quantisation_and_pruning() {
        let m = model();
        let bytes = m.to_bytes(0.001);
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.name, "test");
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.meta, m.meta);
        for f in [f1(1, 1), f1(1, 2), f1(1, 3)] {
            for c in 0..3 {
                let (a, b) = (m.weights.weight(f, c), back.weights.weight(f, c));
                assert!((a - b).abs() < 1e-3, "{a} vs {b}");
            }
        }
        // pruned
        assert_eq!(back.weights.weight(f1(1, 4), 1), 0.0);
        // deterministic bytes
        assert_eq!(bytes, model().to_bytes(0.001));
    }

    #[test]
    fn rejects_damage() {
        let bytes = model().to_bytes(0.0);
        assert!(matches!(
            Model::from_bytes(b"nope"),
            Err(ModelError::BadMagic)
        ));
        let mut bad = bytes.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0xff;
        assert!(matches!(Model::from_bytes(&bad), Err(ModelError::Checksum)));
        for cut in [9, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err());
        }
    }
}
