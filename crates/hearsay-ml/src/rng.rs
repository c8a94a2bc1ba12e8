//! The random stream of training: splitmix64, small, fixed and portable, so that the same seed
//! shuffles (and explores) the same way on every machine and training stays deterministic.

/// A splitmix64 generator; the state is the seed.
#[derive(Clone, Debug)]
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::hash::mix(self.0)
    }

    /// A number in `0..n` (`n > 0`; by modulo, so very slightly biased).
    #[inline]
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `[0, 1)` (53 random bits).
    #[inline]
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffle `v` in place (Fisher–Yates from the last element down, one [`SplitMix::below`]
    /// per position: the order every committed model was trained with).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_stream_and_shuffle() {
        let mut a = SplitMix(1);
        let mut b = SplitMix(1);
        for _ in 0..10 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(SplitMix(1).next_u64(), SplitMix(2).next_u64());
        // The first value is the splitmix64 finaliser of seed + golden gamma.
        assert_eq!(
            SplitMix(0).next_u64(),
            crate::hash::mix(0x9e37_79b9_7f4a_7c15)
        );
        let mut v: Vec<usize> = (0..50).collect();
        SplitMix(7).shuffle(&mut v);
        let mut w: Vec<usize> = (0..50).collect();
        SplitMix(7).shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
        v.sort_unstable();
        assert_eq!(v, (0..50).collect::<Vec<_>>());
        let mut r = SplitMix(3);
        for _ in 0..100 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(5) < 5);
        }
        SplitMix(1).shuffle::<u8>(&mut []);
    }
}
