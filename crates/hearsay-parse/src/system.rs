//! The arc-eager transition system (Nivre 2003) with the root token at the end of the buffer
//! (Ballesteros & Nivre 2013), the tree constraint, and the dynamic-oracle costs of Goldberg &
//! Nivre (2012).
//!
//! Words are `0..n`; the artificial root is `n`. A configuration is a stack, a buffer that is
//! always the contiguous range `b..=n`, and the arcs built so far.
//!
//! - `SHIFT`: push `b` (never the root).
//! - `REDUCE`: pop `s0`, which has a head.
//! - `LEFT(l)`: arc `b -> s0`, pop `s0` (which has no head). With `b` the root, `l` is `root`
//!   and `s0` must be the last headless word on the stack, so a sentence gets exactly one root.
//! - `RIGHT(l)`: arc `s0 -> b`, push `b` (`b` not the root).
//!
//! Once only the root is left in the buffer, headless words left on the stack (the fragments
//! of a greedy parse) are joined by the model rather than by a heuristic, in the spirit of
//! Nivre & Fernández-González (2014): while two or more are headless, `RIGHT(l)` attaches a
//! headless `s0` to `s1` and pops it, and `LEFT(l)` (`l` not `root`) attaches a headless `s1`
//! to `s0` and removes `s1`, and `REDUCE` may also remove an attached `s1` from under a
//! headless `s0`. Every output is a single-rooted projective tree.
//!
//! A sentence of `n` words takes `2n` transitions.
use hearsay_doc::DepRel;

use crate::NONE;

/// The label `root` (index 0 of `DEPRELS`).
pub(crate) const ROOT_LABEL: DepRel = DepRel(0);

/// A transition type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Move {
    Shift,
    Reduce,
    Left,
    Right,
}

/// A transition with its label (the label is ignored for `Shift`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Action {
    pub mv: Move,
    pub label: DepRel,
}

/// A parser configuration, with the per-token child information the features need. All
/// vectors are reused between sentences (see [`State::reset`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    /// Number of words; the root is token `n`.
    pub n: u32,
    pub stack: Vec<u32>,
    /// Front of the buffer; the buffer is `b..=n`.
    pub b: u32,
    /// Number of stack items without a head.
    pub headless: u32,
    /// Whether each token is on the stack.
    pub in_stack: Vec<bool>,
    /// Head of each token (`n` = attached to the root), [`NONE`] while unattached.
    pub heads: Vec<u32>,
    pub labels: Vec<DepRel>,
    /// Leftmost and second-leftmost left child, rightmost and second-rightmost right child.
    pub l1: Vec<u32>,
    pub l2: Vec<u32>,
    pub r1: Vec<u32>,
    pub r2: Vec<u32>,
    /// Number of left / right children.
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Bit sets of the labels of left / right children.
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
}

impl State {
    /// Start configuration for a sentence of `n` words (buffer `0..=n`, empty stack).
    pub fn reset(&mut self, n: usize) {
        let m = n + 1;
        self.n = n as u32;
        self.stack.clear();
        self.b = 0;
        self.headless = 0;
        self.in_stack.clear();
        self.in_stack.resize(m, false);
        for v in [
            &mut self.heads,
            &mut self.l1,
            &mut self.l2,
            &mut self.r1,
            &mut self.r2,
        ] {
            v.clear();
            v.resize(m, NONE);
        }
        self.labels.clear();
        self.labels.resize(m, DepRel(0));
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(m, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(m, 0);
        }
    }

    /// The `i`-th stack item from the top, [`NONE`] if the stack is shorter.
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i]
        } else {
            NONE
        }
    }

    /// Head of a token, [`NONE`] for none or for [`NONE`] itself.
    #[inline]
    pub fn head(&self, i: u32) -> u32 {
        if i == NONE {
            NONE
        } else {
            self.heads[i as usize]
        }
    }

    /// True when parsing is finished.
    #[inline]
    pub fn is_terminal(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    /// Whether the top of the stack has a head (false for an empty stack).
    #[inline]
    fn s0_has_head(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|&s| self.heads[s as usize] != NONE)
    }

    /// Whether an action (with its label) is allowed in this configuration.
    #[inline]
    pub fn valid(&self, a: Action) -> bool {
        if self.stack.is_empty() {
            return a.mv == Move::Shift && self.b < self.n;
        }
        let at_root = self.b >= self.n;
        let has_head = self.s0_has_head();
        match a.mv {
            Move::Shift => !at_root,
            // at the root, REDUCE also takes an attached s1 from under a headless s0
            Move::Reduce => {
                has_head || (at_root && self.stack.len() >= 2 && self.head(self.s(1)) != NONE)
            }
            Move::Left => {
                !has_head
                    && if !at_root {
                        a.label != ROOT_LABEL
                    } else if a.label == ROOT_LABEL {
                        self.headless == 1
                    } else {
                        self.headless >= 2 && self.head(self.s(1)) == NONE
                    }
            }
            Move::Right => a.label != ROOT_LABEL && (!at_root || (!has_head && self.headless >= 2)),
        }
    }

    /// Apply an action; the caller guarantees it is valid.
    #[inline]
    pub fn apply(&mut self, a: Action) {
        match a.mv {
            Move::Shift => {
                self.push(self.b);
                self.headless += 1;
                self.b += 1;
            }
            Move::Reduce if self.s0_has_head() => {
                self.pop();
            }
            Move::Reduce => {
                let l = self.stack.len();
                let t = self.stack.remove(l - 2);
                self.in_stack[t as usize] = false;
            }
            Move::Left if self.b < self.n || a.label == ROOT_LABEL => {
                let d = self.pop();
                self.headless -= 1;
                self.add_arc(self.b, d, a.label);
            }
            Move::Left => {
                // at the root: attach headless s1 to s0 and take it off the stack
                let l = self.stack.len();
                let (d, h) = (self.stack[l - 2], self.stack[l - 1]);
                self.stack.remove(l - 2);
                self.in_stack[d as usize] = false;
                self.headless -= 1;
                self.add_arc(h, d, a.label);
            }
            Move::Right if self.b < self.n => {
                let d = self.b;
                let h = *self.stack.last().expect("RIGHT needs a stack");
                self.add_arc(h, d, a.label);
                self.push(d);
                self.b += 1;
            }
            Move::Right => {
                // at the root: attach headless s0 to s1
                let d = self.pop();
                self.headless -= 1;
                let h = *self
                    .stack
                    .last()
                    .expect("RIGHT at the root needs two stack items");
                self.add_arc(h, d, a.label);
            }
        }
    }

    #[inline]
    fn push(&mut self, t: u32) {
        self.stack.push(t);
        self.in_stack[t as usize] = true;
    }

    #[inline]
    fn pop(&mut self) -> u32 {
        let t = self.stack.pop().expect("pop needs a stack");
        self.in_stack[t as usize] = false;
        t
    }

    #[inline]
    fn add_arc(&mut self, h: u32, d: u32, l: DepRel) {
        let (hi, di) = (h as usize, d as usize);
        self.heads[di] = h;
        self.labels[di] = l;
        let bit = 1u64 << (l.0 & 63);
        // Left children arrive nearest first, right children leftmost first, so the newest
        // child is always the outermost one.
        if d < h {
            self.l2[hi] = self.l1[hi];
            self.l1[hi] = d;
            self.nl[hi] = self.nl[hi].saturating_add(1);
            self.lset[hi] |= bit;
        } else {
            self.r2[hi] = self.r1[hi];
            self.r1[hi] = d;
            self.nr[hi] = self.nr[hi].saturating_add(1);
            self.rset[hi] |= bit;
        }
    }

    /// The action a move stands for when the label is still to be chosen: `Left` at the root
    /// with a single headless word is the root attachment (label `root`); every other arc
    /// gets a placeholder non-root label.
    #[inline]
    pub fn unlabelled(&self, mv: Move) -> Action {
        let root = mv == Move::Left && self.b >= self.n && self.headless == 1;
        Action {
            mv,
            label: if root { ROOT_LABEL } else { DepRel(1) },
        }
    }

    /// Whether a move is allowed (with some label).
    #[inline]
    pub fn valid_move(&self, mv: Move) -> bool {
        self.valid(self.unlabelled(mv))
    }

    /// The arc `(head, dependent)` a valid `Left` / `Right` move builds, `None` for the other
    /// moves and for the root attachment (whose label is always `root`).
    #[inline]
    pub fn labelled_arc(&self, mv: Move) -> Option<(u32, u32)> {
        let at_root = self.b >= self.n;
        match mv {
            Move::Left if !at_root => Some((self.b, self.s(0))),
            Move::Left if self.headless == 1 => None,
            Move::Left => Some((self.s(0), self.s(1))),
            Move::Right if !at_root => Some((self.s(0), self.b)),
            Move::Right => Some((self.s(1), self.s(0))),
            _ => None,
        }
    }

    /// Unlabelled cost of a valid move given [`State::costs`].
    #[inline]
    pub fn move_cost(&self, mv: Move, unl: [u32; 4], gold: &[u32]) -> u32 {
        match mv {
            Move::Shift => unl[SHIFT],
            Move::Reduce if self.s0_has_head() => unl[REDUCE],
            Move::Reduce => u32::from(gold[self.s(0) as usize] == self.s(1)),
            Move::Left if self.b < self.n || self.headless == 1 => unl[LEFT],
            Move::Left => u32::from(gold[self.s(1) as usize] != self.s(0)),
            Move::Right => unl[RIGHT],
        }
    }

    /// Unlabelled dynamic-oracle costs `[shift, reduce, left, right]`: how many gold arcs
    /// each move makes unreachable. `gold` holds the gold head of each word, `n` for the root.
    /// Costs of moves that are not allowed are meaningless.
    pub fn costs(&self, gold: &[u32]) -> [u32; 4] {
        let (b, n) = (self.b, self.n);
        let reachable = |h: u32| h != NONE && (h >= b || self.in_stack[h as usize]);
        let mut c = [0u32; 4];
        let Some(&s0) = self.stack.last() else {
            return c;
        };
        // dependents of s0 still in the buffer (the root has no head: stop before it)
        let s0_deps = (b..n).filter(|&k| gold[k as usize] == s0).count() as u32;
        c[REDUCE] = s0_deps;
        let g0 = gold[s0 as usize];
        if b >= n {
            // only the root is left: LEFT attaches s0 to it, RIGHT to s1
            c[LEFT] = u32::from(g0 != n);
            c[RIGHT] = u32::from(g0 != self.s(1));
            return c;
        }
        // LEFT: s0 loses a head further in the buffer and its buffer dependents
        c[LEFT] = s0_deps + u32::from(g0 > b && g0 <= n);
        // dependents of b among headless stack items
        let b_deps = self
            .stack
            .iter()
            .filter(|&&k| gold[k as usize] == b && self.heads[k as usize] == NONE)
            .count() as u32;
        let gb = gold[b as usize];
        // RIGHT: b takes s0 as head, losing any other reachable head and its stack dependents
        c[RIGHT] = b_deps + u32::from(gb != s0 && reachable(gb));
        // SHIFT: b loses a head on the stack and its stack dependents
        c[SHIFT] = b_deps + u32::from(gb != NONE && gb < b && self.in_stack[gb as usize]);
        c
    }

    /// Labelled cost of an action given the unlabelled costs from [`State::costs`].
    #[inline]
    pub fn action_cost(
        &self,
        a: Action,
        unl: [u32; 4],
        gold: &[u32],
        gold_labels: &[DepRel],
    ) -> u32 {
        match a.mv {
            Move::Shift => unl[SHIFT],
            Move::Reduce if self.s0_has_head() => unl[REDUCE],
            // removing an attached s1 loses only a gold arc s1 -> s0
            Move::Reduce => u32::from(gold[self.s(0) as usize] == self.s(1)),
            Move::Left if self.b < self.n || a.label == ROOT_LABEL => {
                let s0 = self.s(0) as usize;
                unl[LEFT] + u32::from(gold[s0] == self.b && gold_labels[s0] != a.label)
            }
            Move::Left => {
                let (d, h) = (self.s(1), self.s(0));
                let g = gold[d as usize];
                u32::from(g != h) + u32::from(g == h && gold_labels[d as usize] != a.label)
            }
            Move::Right => {
                let (h, d) = if self.b < self.n {
                    (self.s(0), self.b)
                } else {
                    (self.s(1), self.s(0))
                };
                unl[RIGHT] + u32::from(gold[d as usize] == h && gold_labels[d as usize] != a.label)
            }
        }
    }
}

/// Indices into the cost array of [`State::costs`].
pub(crate) const SHIFT: usize = 0;
pub(crate) const REDUCE: usize = 1;
pub(crate) const LEFT: usize = 2;
pub(crate) const RIGHT: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    /// Follow zero-cost actions (preferring attachments) from the start; return the tree.
    fn oracle_parse(gold: &[u32], labels: &[DepRel], prefer_shift: bool) -> Option<Vec<u32>> {
        let n = gold.len();
        let mut actions = vec![
            Action {
                mv: Move::Shift,
                label: DepRel(0),
            },
            Action {
                mv: Move::Reduce,
                label: DepRel(0),
            },
        ];
        for l in 0..hearsay_doc::DEPRELS.len() {
            for mv in [Move::Left, Move::Right] {
                actions.push(Action {
                    mv,
                    label: DepRel(l as u8),
                });
            }
        }
        if !prefer_shift {
            actions.rotate_left(2);
        }
        let mut st = State::default();
        st.reset(n);
        while !st.is_terminal() {
            let unl = st.costs(gold);
            let a = actions
                .iter()
                .copied()
                .find(|&a| st.valid(a) && st.action_cost(a, unl, gold, labels) == 0)?;
            st.apply(a);
        }
        if st.labels[..n] != *labels {
            return None;
        }
        Some(st.heads[..n].to_vec())
    }

    fn tree(heads: &[i32]) -> (Vec<u32>, Vec<DepRel>) {
        // -1 = root
        let n = heads.len() as u32;
        let g: Vec<u32> = heads
            .iter()
            .map(|&h| if h < 0 { n } else { h as u32 })
            .collect();
        let l = g
            .iter()
            .enumerate()
            .map(|(i, &h)| {
                if h == n {
                    ROOT_LABEL
                } else {
                    DepRel(1 + (i % 30) as u8)
                }
            })
            .collect();
        (g, l)
    }

    #[test]
    fn oracle_reproduces_projective_trees() {
        let trees: &[&[i32]] = &[
            &[-1],
            &[1, -1],
            &[-1, 0],
            // The senator said that she would vote .
            &[1, 2, -1, 6, 6, 6, 2, 2],
            // long right branch and left branch
            &[-1, 0, 1, 2, 3, 4],
            &[1, 2, 3, 4, 5, -1],
            // centre embedding
            &[3, 3, 3, -1, 6, 6, 3, 3, 9, 7],
            &[2, 2, 5, 4, 5, -1, 5, 8, 6, 5],
        ];
        for t in trees {
            let (g, l) = tree(t);
            for prefer_shift in [false, true] {
                let got = oracle_parse(&g, &l, prefer_shift);
                assert_eq!(got.as_deref(), Some(&g[..]), "tree {t:?}");
            }
        }
    }

    #[test]
    fn oracle_costs_are_exact_on_all_small_projective_trees() {
        // Every head assignment of up to 5 words: the oracle reproduces exactly the
        // projective single-rooted trees.
        for n in 1..=5usize {
            let mut heads = vec![0i32; n];
            let total = (n + 1).pow(n as u32);
            for code in 0..total {
                let mut c = code;
                for h in heads.iter_mut() {
                    *h = (c % (n + 1)) as i32 - 1;
                    c /= n + 1;
                }
                if !is_projective_tree(&heads) {
                    continue;
                }
                let (g, l) = tree(&heads);
                let got = oracle_parse(&g, &l, false);
                assert_eq!(got.as_deref(), Some(&g[..]), "tree {heads:?}");
            }
        }
    }

    fn is_projective_tree(heads: &[i32]) -> bool {
        let n = heads.len();
        if heads.iter().filter(|&&h| h < 0).count() != 1 {
            return false;
        }
        // acyclic
        for i in 0..n {
            let (mut k, mut steps) = (i as i32, 0);
            while k >= 0 {
                if heads[k as usize] == k {
                    return false;
                }
                k = heads[k as usize];
                steps += 1;
                if steps > n {
                    return false;
                }
            }
        }
        let dominates = |h: usize, mut k: i32| {
            while k >= 0 {
                if k as usize == h {
                    return true;
                }
                k = heads[k as usize];
            }
            false
        };
        for (d, &h) in heads.iter().enumerate() {
            if h < 0 {
                continue;
            }
            let (a, b) = (d.min(h as usize), d.max(h as usize));
            if (a + 1..b).any(|k| !dominates(h as usize, k as i32)) {
                return false;
            }
        }
        true
    }

    #[test]
    fn moves_build_arcs_and_children() {
        let mut st = State::default();
        st.reset(3);
        let a = |mv, l| Action {
            mv,
            label: DepRel(l),
        };
        assert!(st.valid(a(Move::Shift, 0)));
        assert!(!st.valid(a(Move::Left, 4)) && !st.valid(a(Move::Right, 4)));
        assert!(!st.valid(a(Move::Reduce, 0)));
        st.apply(a(Move::Shift, 0));
        st.apply(a(Move::Left, 4)); // 1 -> 0
        st.apply(a(Move::Shift, 0));
        assert!(!st.valid(a(Move::Reduce, 0)));
        st.apply(a(Move::Right, 8)); // 1 -> 2
        assert!(!st.valid(a(Move::Shift, 0)));
        assert!(st.valid(a(Move::Reduce, 0)));
        assert!(!st.valid(a(Move::Left, 0)));
        st.apply(a(Move::Reduce, 0));
        assert!(!st.valid(a(Move::Left, 4)));
        assert!(!st.valid(a(Move::Right, 4)));
        assert!(st.valid(a(Move::Left, 0)));
        st.apply(a(Move::Left, 0)); // root -> 1
        assert!(st.is_terminal());
        assert_eq!(&st.heads[..3], &[1, 3, 1]);
        assert_eq!((st.l1[1], st.r1[1], st.nl[1], st.nr[1]), (0, 2, 1, 1));
        assert_eq!(st.lset[1], 1 << 4);
        assert_eq!(st.rset[1], 1 << 8);
    }

    #[test]
    fn every_action_sequence_ends_in_a_single_rooted_tree() {
        // Random valid actions (a fixed pseudo-random stream) always terminate in 2n steps
        // with every word attached and exactly one root.
        let mut acts = vec![
            Action {
                mv: Move::Shift,
                label: DepRel(0),
            },
            Action {
                mv: Move::Reduce,
                label: DepRel(0),
            },
        ];
        for l in 0..3u8 {
            acts.push(Action {
                mv: Move::Left,
                label: DepRel(l),
            });
            acts.push(Action {
                mv: Move::Right,
                label: DepRel(l),
            });
        }
        let mut x = 12345u64;
        let mut st = State::default();
        for n in 1..40usize {
            for _ in 0..50 {
                st.reset(n);
                let mut steps = 0;
                while !st.is_terminal() {
                    let valid: Vec<Action> =
                        acts.iter().copied().filter(|&a| st.valid(a)).collect();
                    assert!(!valid.is_empty());
                    x = hearsay_ml::hash::mix(x.wrapping_add(1));
                    st.apply(valid[(x % valid.len() as u64) as usize]);
                    steps += 1;
                }
                assert_eq!(steps, 2 * n);
                assert!(st.heads[..n].iter().all(|&h| h != NONE));
                assert_eq!(st.heads[..n].iter().filter(|&&h| h == n as u32).count(), 1);
                assert!(st.heads[..n]
                    .iter()
                    .zip(&st.labels[..n])
                    .all(|(&h, &l)| (h == n as u32) == (l == ROOT_LABEL)));
            }
        }
    }
}
