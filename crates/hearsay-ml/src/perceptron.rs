//! Dense hashed weights and the averaged perceptron that trains them.

/// A dense hashed weight table: `2^bits` rows of `n_classes` weights. A feature hash picks a
/// row by its top `bits` bits; collisions are tolerated (they cost a little accuracy).
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    bits: u32,
    n_classes: usize,
    w: Vec<f32>,
}

impl Weights {
    pub fn new(bits: u32, n_classes: usize) -> Self {
        assert!((1..=30).contains(&bits), "bits must be in 1..=30");
        assert!(n_classes > 0);
        Weights {
            bits,
            n_classes,
            w: vec![0.0; (1usize << bits) * n_classes],
        }
    }
    pub fn bits(&self) -> u32 {
        self.bits
    }
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }
    /// The row a feature hash maps to.
    #[inline]
    pub fn row(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }
    /// Weights of one row.
    #[inline]
    pub fn row_weights(&self, row: usize) -> &[f32] {
        &self.w[row * self.n_classes..(row + 1) * self.n_classes]
    }
    /// The step of i16 quantisation: `max |w| / 32767` (1 for an all-zero table), as model
    /// files and [`crate::compact::Table`] use it.
    pub fn quantisation_scale(&self) -> f32 {
        let max = self.w.iter().fold(0f32, |m, w| m.max(w.abs()));
        if max > 0.0 {
            max / 32767.0
        } else {
            1.0
        }
    }
    pub(crate) fn raw(&self) -> &[f32] {
        &self.w
    }
    pub(crate) fn raw_mut(&mut self) -> &mut [f32] {
        &mut self.w
    }
    /// Add the weights of every feature into `scores` (which must have `n_classes` entries).
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32]) {
        debug_assert_eq!(scores.len(), self.n_classes);
        for &f in features {
            let r = self.row(f);
            for (s, w) in scores.iter_mut().zip(self.row_weights(r)) {
                *s += *w;
            }
        }
    }
    /// Scores of all classes for a feature vector.
    pub fn scores(&self, features: &[u64]) -> Vec<f32> {
        let mut s = vec![0.0; self.n_classes];
        self.add_scores(features, &mut s);
        s
    }
    /// `self += other * scale` (tables must have the same shape).
    pub fn add_scaled(&mut self, other: &Weights, scale: f32) {
        assert_eq!((self.bits, self.n_classes), (other.bits, other.n_classes));
        for (a, b) in self.w.iter_mut().zip(&other.w) {
            *a += b * scale;
        }
    }

    /// Multiply every weight by `scale`.
    pub fn scale(&mut self, scale: f32) {
        for a in &mut self.w {
            *a *= scale;
        }
    }

    /// The weight of one feature for one class.
    #[inline]
    pub fn weight(&self, feature: u64, class: usize) -> f32 {
        self.w[self.row(feature) * self.n_classes + class]
    }
}

/// Averaged perceptron over a [`Weights`] table with lazy averaging (Daumé's trick: each weight
/// keeps a running total and the step of its last change).
///
/// Call [`Trainer::update`] for each feature vector that needs a correction, [`Trainer::tick`]
/// once per training instance, and [`Trainer::finish`] to get the averaged weights.
pub struct Trainer {
    current: Weights,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    pub fn new(bits: u32, n_classes: usize) -> Self {
        let current = Weights::new(bits, n_classes);
        let n = current.w.len();
        Trainer {
            current,
            totals: vec![0.0; n],
            stamps: vec![0; n],
            step: 0,
        }
    }
    /// The current (non-averaged) weights, for prediction during training.
    pub fn weights(&self) -> &Weights {
        &self.current
    }
    /// Advance the clock by one instance.
    pub fn tick(&mut self) {
        self.step += 1;
    }
    /// Add `delta` to the weight of every feature for `class`.
    pub fn update(&mut self, features: &[u64], class: usize, delta: f32) {
        for &f in features {
            let i = self.current.row(f) * self.current.n_classes + class;
            self.bump(i, delta);
        }
    }
    /// Add `delta` to one weight index directly (used for transition weights).
    fn bump(&mut self, i: usize, delta: f32) {
        let elapsed = self.step - self.stamps[i];
        self.totals[i] += elapsed as f64 * self.current.w[i] as f64;
        self.stamps[i] = self.step;
        self.current.w[i] += delta;
    }
    /// Standard multiclass update: reward `gold`, penalise `guess` (no-op when equal).
    pub fn correct(&mut self, features: &[u64], gold: usize, guess: usize) {
        if gold != guess {
            self.update(features, gold, 1.0);
            self.update(features, guess, -1.0);
        }
    }
    /// The averaged weights.
    pub fn finish(mut self) -> Weights {
        let step = self.step.max(1);
        for i in 0..self.current.w.len() {
            let elapsed = step - self.stamps[i];
            let total = self.totals[i] + elapsed as f64 * self.current.w[i] as f64;
            self.current.w[i] = (total / step as f64) as f32;
        }
        self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::{f1, str_hash};

    #[test]
    fn learns_a_separable_problem() {
        // Two classes decided by one word; another word is noise.
        let data: Vec<(Vec<u64>, usize)> = (0..200)
            .map(|i| {
                let cls = i % 2;
                let key = if cls == 0 { "red" } else { "blue" };
                let noise = ["a", "b", "c"][i % 3];
                (vec![f1(1, str_hash(key)), f1(2, str_hash(noise))], cls)
            })
            .collect();
        let mut t = Trainer::new(10, 2);
        for _ in 0..3 {
            for (f, gold) in &data {
                let guess = crate::argmax(&t.weights().scores(f));
                t.correct(f, *gold, guess);
                t.tick();
            }
        }
        let w = t.finish();
        for (f, gold) in &data {
            assert_eq!(crate::argmax(&w.scores(f)), *gold);
        }
    }

    #[test]
    fn tables_average() {
        let f = [f1(3, 9)];
        let mut a = Trainer::new(6, 2);
        a.update(&f, 1, 2.0);
        a.tick();
        let mut b = Trainer::new(6, 2);
        b.update(&f, 1, 4.0);
        b.tick();
        let mut w = a.finish();
        w.add_scaled(&b.finish(), 1.0);
        w.scale(0.5);
        assert!((w.weight(f[0], 1) - 3.0).abs() < 1e-6);
        assert_eq!(w.weight(f[0], 0), 0.0);
    }

    #[test]
    fn averaging_is_exact() {
        // One feature, class 0: +1 at step 0, then 3 more ticks -> average over 4 steps = 1.
        let mut t = Trainer::new(4, 1);
        let f = [f1(1, 7)];
        t.update(&f, 0, 1.0);
        for _ in 0..4 {
            t.tick();
        }
        t.update(&f, 0, 1.0); // now 2.0 from step 4 to 8
        for _ in 0..4 {
            t.tick();
        }
        let w = t.finish();
        assert!((w.weight(f[0], 0) - 1.5).abs() < 1e-6);
    }
}
