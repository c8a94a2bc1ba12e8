//! Feature hashing: deterministic 64-bit hashes of feature templates and values.
//!
//! Hashes are stable across runs and platforms (model files depend on them): FNV-1a over the
//! bytes, finished with a splitmix64 mix so that the high bits (used to pick a row) are good.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A fixed-capacity buffer of feature hashes: one token's features in a greedy tagger, written
/// without allocating. Pushing more than `N` features panics.
pub struct Features<const N: usize> {
    buf: [u64; N],
    n: usize,
}

impl<const N: usize> Default for Features<N> {
    fn default() -> Self {
        Features { buf: [0; N], n: 0 }
    }
}

impl<const N: usize> Features<N> {
    /// Forget the features written so far.
    #[inline]
    pub fn clear(&mut self) {
        self.n = 0;
    }
    /// Append one feature.
    #[inline]
    pub fn push(&mut self, f: u64) {
        self.buf[self.n] = f;
        self.n += 1;
    }
    /// The features written so far.
    #[inline]
    pub fn as_slice(&self) -> &[u64] {
        &self.buf[..self.n]
    }
}

/// splitmix64 finaliser.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash of a string's bytes (FNV-1a, unmixed).
#[inline]
pub fn str_hash(s: &str) -> u64 {
    bytes_hash(FNV_OFFSET, s.as_bytes())
}

/// Continue an FNV-1a hash over more bytes.
#[inline]
pub fn bytes_hash(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Hash of a string with ASCII letters lower-cased, without allocating.
#[inline]
pub fn lower_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in s.as_bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// A feature from a template id and one value hash.
#[inline]
pub fn f1(template: u32, a: u64) -> u64 {
    mix(a ^ (template as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A feature from a template id and two value hashes (a conjunction).
#[inline]
pub fn f2(template: u32, a: u64, b: u64) -> u64 {
    mix(f1(template, a) ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f))
}

/// A feature from a template id and three value hashes.
#[inline]
pub fn f3(template: u32, a: u64, b: u64, c: u64) -> u64 {
    mix(f2(template, a, b) ^ c.wrapping_mul(0x1656_67b1_9e37_79f9))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_buffer_keeps_what_was_pushed_since_clear() {
        let mut f = Features::<3>::default();
        assert!(f.as_slice().is_empty());
        f.push(7);
        f.push(9);
        assert_eq!(f.as_slice(), [7, 9]);
        f.clear();
        f.push(1);
        assert_eq!(f.as_slice(), [1]);
    }

    #[test]
    fn stable_and_distinct() {
        // Model files depend on these values never changing.
        assert_eq!(str_hash(""), FNV_OFFSET);
        assert_eq!(str_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(lower_hash("Said"), str_hash("said"));
        assert_ne!(f1(1, str_hash("said")), f1(2, str_hash("said")));
        assert_ne!(f2(1, 1, 2), f2(1, 2, 1));
        assert_ne!(f3(1, 1, 2, 3), f3(1, 1, 3, 2));
    }
}
