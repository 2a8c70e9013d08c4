//! The VM's sort: CPython's list sort (timsort with the powersort merge policy of CPython 3.11+,
//! as described in CPython's `Objects/listsort.txt`), re-implemented from that description so
//! that the VM performs exactly the `<` comparisons, in exactly the order, that the emitted Python
//! performs. Comparisons between ML values can fail (`'<' not supported between ...`, also deep
//! inside nested arrays) or be unordered (NaN), so the comparison sequence is observable: the
//! same sequence gives the same first error and the same order on both backends.
//!
//! Structure (names follow listsort.txt): the input is cut into natural runs (`count_run`:
//! weakly ascending, or strictly descending and then reversed), runs shorter than `minrun` are
//! extended with a binary insertion sort, each new run is pushed on a stack whose merges are
//! chosen by the run "powers" (powersort), and two runs are merged by `merge_lo`/`merge_hi`,
//! which switch to galloping (exponential then binary search) when one run keeps winning,
//! adapting the shared `min_gallop` threshold. The Python prelude first checks the kinds of each
//! adjacent pair (`items[i] < items[i-1]`); [`sort_permutation`] does the same check first.
//!
//! Invariants: the sort works on a permutation of indices into the keys (never on the values), so
//! it needs no heap access beyond the comparisons; when a comparison fails, the permutation is
//! left exactly as CPython leaves the list (every index present once), and the error returned.

use std::ops::ControlFlow::{self, Break, Continue};

use crate::error::RtResult;
use crate::heap::Heap;
use crate::ops;
use crate::value::Value;

/// Initial galloping threshold (listsort.txt "MIN_GALLOP").
const MIN_GALLOP: usize = 7;

/// One pending run on the merge stack: `perm[base..base + len]`, and the power of the boundary
/// between it and the run pushed after it.
#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// The merge state of one sort: the permutation being sorted, the merge buffer, the pending runs
/// and the adaptive galloping threshold; `lt(x, y)` compares the keys with indices `x` and `y`.
struct Merger<F> {
    perm: Vec<usize>,
    tmp: Vec<usize>,
    pending: Vec<Run>,
    min_gallop: usize,
    lt: F,
}

/// The smallest run length worth a merge for a list of `n` elements: `n` itself below 64, else
/// a number in 32..=64 such that `n / minrun` is a power of two or a little less.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The powersort power of the boundary between the runs `[s1, s1 + n1)` and `[s1 + n1, s1 + n1 +
/// n2)` in a list of `n`: the first bit position at which the binary expansions of the two runs'
/// midpoints (as fractions of `n`) differ.
fn power(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    // Twice the midpoints, so they are integers.
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    let mut result = 0;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            return result;
        }
        a <<= 1;
        b <<= 1;
    }
}

impl<E, F: FnMut(usize, usize) -> Result<bool, E>> Merger<F> {
    /// Length of the run starting at `lo` (at most `hi - lo`) and whether it is strictly
    /// descending.
    fn count_run(&mut self, lo: usize, hi: usize) -> Result<(usize, bool), E> {
        if lo + 1 == hi {
            return Ok((1, false));
        }
        let p = &self.perm;
        let descending = (self.lt)(p[lo + 1], p[lo])?;
        let mut i = lo + 2;
        while i < hi && (self.lt)(p[i], p[i - 1])? == descending {
            i += 1;
        }
        Ok((i - lo, descending))
    }

    /// Binary insertion sort of `perm[lo..hi]`, of which `perm[lo..start]` is already sorted.
    fn binary_sort(&mut self, lo: usize, hi: usize, start: usize) -> Result<(), E> {
        for start in start.max(lo + 1)..hi {
            let pivot = self.perm[start];
            let (mut l, mut r) = (lo, start);
            loop {
                let m = l + ((r - l) >> 1);
                if (self.lt)(pivot, self.perm[m])? {
                    r = m;
                } else {
                    l = m + 1;
                }
                if l >= r {
                    break;
                }
            }
            self.perm.copy_within(l..start, l + 1);
            self.perm[l] = pivot;
        }
        Ok(())
    }

    /// Merges pending runs `i` and `i + 1` (`i` is the second or third from the top).
    fn merge_at(&mut self, i: usize) -> Result<(), E> {
        let Run {
            base: mut pa,
            len: mut na,
            ..
        } = self.pending[i];
        let Run {
            base: pb, len: nb, ..
        } = self.pending[i + 1];
        self.pending[i].len = na + nb;
        self.pending.remove(i + 1);
        // Elements of a that are <= b[0] are already in place.
        let k = gallop_right(&mut self.lt, self.perm[pb], &self.perm[pa..pa + na], 0)?;
        pa += k;
        na -= k;
        if na == 0 {
            return Ok(());
        }
        // Elements of b that are >= a[last] are already in place.
        let last_a = self.perm[pa + na - 1];
        let nb = gallop_left(&mut self.lt, last_a, &self.perm[pb..pb + nb], nb - 1)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(pa, na, nb)
        } else {
            self.merge_hi(pa, na, nb)
        }
    }

    /// Merges the adjacent runs `perm[pa..pa + na]` and the `nb` elements after it, with
    /// `na <= nb`, `b[0] < a[0]` and `a[na-1] > b[nb-1]`: a goes to the buffer and the merge
    /// fills from the left. On error the rest of a is copied back, so `perm` stays a permutation.
    fn merge_lo(&mut self, pa: usize, na: usize, nb: usize) -> Result<(), E> {
        self.tmp.clear();
        self.tmp.extend_from_slice(&self.perm[pa..pa + na]);
        let mut m = Lo {
            dest: pa,
            ia: 0,
            ib: pa + na,
            na,
            nb,
        };
        let result = self.merge_loop(&mut m);
        match result {
            Ok(true) => {
                // Copy b's rest, then a's last element, which is the merge's largest.
                self.perm.copy_within(m.ib..m.ib + m.nb, m.dest);
                self.perm[m.dest + m.nb] = self.tmp[m.ia];
                Ok(())
            }
            Ok(false) | Err(_) => {
                let (dest, ia, na) = (m.dest, m.ia, m.na);
                self.perm[dest..dest + na].copy_from_slice(&self.tmp[ia..ia + na]);
                result.map(|_| ())
            }
        }
    }

    /// Merges the adjacent runs `perm[pa..pa + na]` and the `nb` elements after it, with
    /// `na > nb` (same preconditions as [`Merger::merge_lo`]): b goes to the buffer and the
    /// merge fills from the right. State: a's rest is `perm[pa..pa + na]`, b's rest is
    /// `tmp[..nb]`, and the next slot to fill is `pa + na + nb - 1`. On error b's rest is copied
    /// back into the gap.
    fn merge_hi(&mut self, pa: usize, na: usize, nb: usize) -> Result<(), E> {
        self.tmp.clear();
        self.tmp
            .extend_from_slice(&self.perm[pa + na..pa + na + nb]);
        let mut m = Hi { pa, na, nb };
        let result = self.merge_loop(&mut m);
        let Hi { pa, na, nb } = m;
        match result {
            Ok(true) => {
                // b's last element is the merge's smallest: a's rest moves right by one.
                self.perm.copy_within(pa..pa + na, pa + 1);
                self.perm[pa] = self.tmp[0];
                Ok(())
            }
            Ok(false) | Err(_) => {
                self.perm[pa + na..pa + na + nb].copy_from_slice(&self.tmp[..nb]);
                result.map(|_| ())
            }
        }
    }

    /// The merge loop shared by [`Merger::merge_lo`] and [`Merger::merge_hi`], in the direction
    /// `d`: one element at a time until one run wins `min_gallop` times in a row, then galloping
    /// until neither run wins [`MIN_GALLOP`] elements at a time, adapting `min_gallop`. Returns
    /// how the merge ended (see [`Direction`]).
    fn merge_loop(&mut self, d: &mut impl Direction) -> Result<bool, E> {
        /// The value of a move, or (from the enclosing function) the end of the merge.
        macro_rules! step {
            ($flow:expr) => {
                match $flow {
                    Continue(value) => value,
                    Break(end) => return Ok(end),
                }
            };
        }
        let (perm, tmp) = (&mut self.perm, &self.tmp);
        step!(d.start(perm, tmp));
        loop {
            let (mut acount, mut bcount) = (0, 0);
            loop {
                if d.b_wins(&mut self.lt, perm, tmp)? {
                    step!(d.take_b(perm, tmp));
                    (acount, bcount) = (0, bcount + 1);
                    if bcount >= self.min_gallop {
                        break;
                    }
                } else {
                    step!(d.take_a(perm, tmp));
                    (acount, bcount) = (acount + 1, 0);
                    if acount >= self.min_gallop {
                        break;
                    }
                }
            }
            self.min_gallop += 1;
            loop {
                self.min_gallop -= usize::from(self.min_gallop > 1);
                acount = step!(d.gallop_a(&mut self.lt, perm, tmp)?);
                step!(d.take_b(perm, tmp));
                bcount = step!(d.gallop_b(&mut self.lt, perm, tmp)?);
                step!(d.take_a(perm, tmp));
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            self.min_gallop += 1;
        }
    }

    /// A run of `n2` elements follows the top pending run: merge while the run below the top
    /// has a higher boundary power than the new boundary, then record the new power.
    fn found_new_run(&mut self, n2: usize) -> Result<(), E> {
        let Some(top) = self.pending.last() else {
            return Ok(());
        };
        let power = power(top.base, top.len, n2, self.perm.len());
        while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
            self.merge_at(self.pending.len() - 2)?;
        }
        if let Some(top) = self.pending.last_mut() {
            top.power = power;
        }
        Ok(())
    }

    /// Merges all pending runs, at the end.
    fn force_collapse(&mut self) -> Result<(), E> {
        while self.pending.len() > 1 {
            let mut i = self.pending.len() - 2;
            if i > 0 && self.pending[i - 1].len < self.pending[i + 1].len {
                i -= 1;
            }
            self.merge_at(i)?;
        }
        Ok(())
    }

    fn sort(&mut self) -> Result<(), E> {
        let n = self.perm.len();
        if n < 2 {
            return Ok(());
        }
        let minrun = compute_minrun(n);
        let mut lo = 0;
        while lo < n {
            let (mut run, descending) = self.count_run(lo, n)?;
            if descending {
                self.perm[lo..lo + run].reverse();
            }
            if run < minrun {
                let force = (n - lo).min(minrun);
                self.binary_sort(lo, lo + force, lo + run)?;
                run = force;
            }
            self.found_new_run(run)?;
            self.pending.push(Run {
                base: lo,
                len: run,
                power: 0,
            });
            lo += run;
        }
        self.force_collapse()
    }
}

/// A strict order on indices into the keys: `lt(x, y)` is whether key `x` < key `y`, or the
/// error of comparing them.
trait Lt<E>: FnMut(usize, usize) -> Result<bool, E> {}

impl<E, F: FnMut(usize, usize) -> Result<bool, E>> Lt<E> for F {}

/// What a gallop moved: the number of elements, or the end of the merge (see [`Direction`]).
type Moved<E> = Result<ControlFlow<bool, usize>, E>;

/// One direction of the merge of the adjacent runs a and b ([`Lo`]: from the left, a in the
/// buffer; [`Hi`]: from the right, b in the buffer): where each run's next element is and how
/// elements move to their place. Every move says whether the merge loop is over:
/// `Break(true)` when the buffered run is down to the one element that goes at the far end,
/// `Break(false)` when the run left in `perm` is exhausted (the buffered rest goes at the far
/// end), `Continue` otherwise (with the number of elements moved, for the gallops).
trait Direction {
    /// The first move, which needs no comparison (`b[0] < a[0]` and `a[na-1] > b[nb-1]`).
    fn start(&mut self, perm: &mut [usize], tmp: &[usize]) -> ControlFlow<bool>;
    /// Whether b's next element goes before a's next ("b wins"; one comparison, ties go to a).
    fn b_wins<E>(&self, lt: &mut impl Lt<E>, perm: &[usize], tmp: &[usize]) -> Result<bool, E>;
    /// Moves a's next element to its place.
    fn take_a(&mut self, perm: &mut [usize], tmp: &[usize]) -> ControlFlow<bool>;
    /// Moves b's next element to its place.
    fn take_b(&mut self, perm: &mut [usize], tmp: &[usize]) -> ControlFlow<bool>;
    /// Moves the elements of a that go before b's next element, found by galloping.
    fn gallop_a<E>(&mut self, lt: &mut impl Lt<E>, perm: &mut [usize], tmp: &[usize]) -> Moved<E>;
    /// Moves the elements of b that go before a's next element, found by galloping.
    fn gallop_b<E>(&mut self, lt: &mut impl Lt<E>, perm: &mut [usize], tmp: &[usize]) -> Moved<E>;
}

/// Ends the merge with `end` when `done`.
fn end_if(done: bool, end: bool) -> ControlFlow<bool> {
    if done {
        Break(end)
    } else {
        Continue(())
    }
}

/// State of [`Merger::merge_lo`]: next slot `dest`, a's rest at `tmp[ia..ia + na]`, b's rest
/// at `perm[ib..ib + nb]`.
struct Lo {
    dest: usize,
    ia: usize,
    ib: usize,
    na: usize,
    nb: usize,
}

impl Direction for Lo {
    fn start(&mut self, perm: &mut [usize], tmp: &[usize]) -> ControlFlow<bool> {
        self.take_b(perm, tmp)?;
        end_if(self.na == 1, true)
    }

    fn b_wins<E>(&self, lt: &mut impl Lt<E>, perm: &[usize], tmp: &[usize]) -> Result<bool, E> {
        lt(perm[self.ib], tmp[self.ia])
    }

    fn take_a(&mut self, perm: &mut [usize], tmp: &[usize]) -> ControlFlow<bool> {
        perm[self.dest] = tmp[self.ia];
        self.dest += 1;
        self.ia += 1;
        self.na -= 1;
        end_if(self.na == 1, true)
    }

    fn take_b(&mut self, perm: &mut [usize], _tmp: &[usize]) -> ControlFlow<bool> {
        perm[self.dest] = perm[self.ib];
        self.dest += 1;
        self.ib += 1;
        self.nb -= 1;
        end_if(self.nb == 0, false)
    }

    fn gallop_a<E>(&mut self, lt: &mut impl Lt<E>, perm: &mut [usize], tmp: &[usize]) -> Moved<E> {
        let (ia, na) = (self.ia, self.na);
        let k = gallop_right(lt, perm[self.ib], &tmp[ia..ia + na], 0)?;
        if k > 0 {
            perm[self.dest..self.dest + k].copy_from_slice(&tmp[ia..ia + k]);
            self.dest += k;
            self.ia += k;
            self.na -= k;
            // a down to its last element, or (impossible for a consistent order, but ML's order
            // need not be: NaN) exhausted.
            if self.na <= 1 {
                return Ok(Break(self.na == 1));
            }
        }
        Ok(Continue(k))
    }

    fn gallop_b<E>(&mut self, lt: &mut impl Lt<E>, perm: &mut [usize], tmp: &[usize]) -> Moved<E> {
        let (ib, nb) = (self.ib, self.nb);
        let k = gallop_left(lt, tmp[self.ia], &perm[ib..ib + nb], 0)?;
        if k > 0 {
            perm.copy_within(ib..ib + k, self.dest);
            self.dest += k;
            self.ib += k;
            self.nb -= k;
            if self.nb == 0 {
                return Ok(Break(false));
            }
        }
        Ok(Continue(k))
    }
}

/// State of [`Merger::merge_hi`]: a's rest at `perm[pa..pa + na]`, b's rest at `tmp[..nb]`,
/// next slot `pa + na + nb - 1`.
struct Hi {
    pa: usize,
    na: usize,
    nb: usize,
}

impl Direction for Hi {
    fn start(&mut self, perm: &mut [usize], tmp: &[usize]) -> ControlFlow<bool> {
        self.take_a(perm, tmp)?;
        end_if(self.nb == 1, true)
    }

    fn b_wins<E>(&self, lt: &mut impl Lt<E>, perm: &[usize], tmp: &[usize]) -> Result<bool, E> {
        // From the right, b's last goes next unless it is smaller than a's last.
        Ok(!lt(tmp[self.nb - 1], perm[self.pa + self.na - 1])?)
    }

    fn take_a(&mut self, perm: &mut [usize], _tmp: &[usize]) -> ControlFlow<bool> {
        perm[self.pa + self.na + self.nb - 1] = perm[self.pa + self.na - 1];
        self.na -= 1;
        end_if(self.na == 0, false)
    }

    fn take_b(&mut self, perm: &mut [usize], tmp: &[usize]) -> ControlFlow<bool> {
        perm[self.pa + self.na + self.nb - 1] = tmp[self.nb - 1];
        self.nb -= 1;
        end_if(self.nb == 1, true)
    }

    fn gallop_a<E>(&mut self, lt: &mut impl Lt<E>, perm: &mut [usize], tmp: &[usize]) -> Moved<E> {
        let a = &perm[self.pa..self.pa + self.na];
        let k = self.na - gallop_right(lt, tmp[self.nb - 1], a, self.na - 1)?;
        if k > 0 {
            let from = self.pa + self.na - k;
            perm.copy_within(from..from + k, from + self.nb);
            self.na -= k;
            if self.na == 0 {
                return Ok(Break(false));
            }
        }
        Ok(Continue(k))
    }

    fn gallop_b<E>(&mut self, lt: &mut impl Lt<E>, perm: &mut [usize], tmp: &[usize]) -> Moved<E> {
        let key = perm[self.pa + self.na - 1];
        let k = self.nb - gallop_left(lt, key, &tmp[..self.nb], self.nb - 1)?;
        if k > 0 {
            let to = self.pa + self.na + self.nb - k;
            perm[to..to + k].copy_from_slice(&tmp[self.nb - k..self.nb]);
            self.nb -= k;
            // b down to its first element, or (impossible for a consistent order, but ML's order
            // need not be: NaN) exhausted.
            if self.nb <= 1 {
                return Ok(Break(self.nb == 1));
            }
        }
        Ok(Continue(k))
    }
}

/// The position `k` in sorted `a` where `goes_before` turns false (it holds for `a[..k]` and
/// not for `a[k..]`), searched from `hint`: first by steps 1, 3, 7, 15, ... away from the hint,
/// then by bisection.
fn gallop<E>(
    a: &[usize],
    hint: usize,
    mut goes_before: impl FnMut(usize) -> Result<bool, E>,
) -> Result<usize, E> {
    let (mut lo, mut hi);
    let (mut last, mut ofs) = (0, 1);
    if goes_before(a[hint])? {
        // Gallop right until a[hint + last] goes before and a[hint + ofs] does not.
        let max = a.len() - hint;
        while ofs < max && goes_before(a[hint + ofs])? {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(max);
        (lo, hi) = (hint + last + 1, hint + ofs);
    } else {
        // Gallop left until a[hint - ofs] goes before and a[hint - last] does not.
        let max = hint + 1;
        while ofs < max && !goes_before(a[hint - ofs])? {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(max);
        (lo, hi) = (hint + 1 - ofs, hint - last);
    }
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if goes_before(a[m])? {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    Ok(hi)
}

/// The position `k` in sorted `a` with `a[k-1] < key <= a[k]` (before equal elements),
/// searched from `hint`.
fn gallop_left<E>(lt: &mut impl Lt<E>, key: usize, a: &[usize], hint: usize) -> Result<usize, E> {
    gallop(a, hint, |x| lt(x, key))
}

/// The position `k` in sorted `a` with `a[k-1] <= key < a[k]` (after equal elements),
/// searched from `hint`.
fn gallop_right<E>(lt: &mut impl Lt<E>, key: usize, a: &[usize], hint: usize) -> Result<usize, E> {
    gallop(a, hint, |x| Ok(!lt(key, x)?))
}

/// Sorts `perm` (indices) stably by `lt` on the indices, with CPython's comparison sequence
/// (`reverse`: CPython's reverse sort — reverse, sort, reverse back, also after an error). On
/// error, `perm` is left as CPython leaves the list.
fn timsort<E>(
    perm: Vec<usize>,
    reverse: bool,
    lt: impl FnMut(usize, usize) -> Result<bool, E>,
) -> (Vec<usize>, Result<(), E>) {
    let mut m = Merger {
        perm,
        tmp: Vec::new(),
        pending: Vec::new(),
        min_gallop: MIN_GALLOP,
        lt,
    };
    if reverse {
        m.perm.reverse();
    }
    let result = m.sort();
    if reverse {
        m.perm.reverse();
    }
    (m.perm, result)
}

/// Ordering class of a value for the pre-sort kind check: numbers (incl. bools), strings,
/// arrays and tuples each compare among themselves; other kinds compare with nothing.
fn order_class(v: Value) -> Option<u8> {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_) => Some(0),
        Value::Str(_) => Some(1),
        Value::Array(_) => Some(2),
        Value::Tuple(_) => Some(3),
        _ => None,
    }
}

/// The stable sort order of `keys` by ML `<` (Python `sorted(keys, reverse=...)`): the positions
/// of `keys` in sorted order, and the first comparison error if any. The emitted Python's check
/// comes first: the kinds of each adjacent pair `keys[i] < keys[i-1]`, in order.
fn sort_order(heap: &Heap, keys: &[Value], reverse: bool) -> (Vec<usize>, RtResult<()>) {
    let identity: Vec<usize> = (0..keys.len()).collect();
    for pair in keys.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        if order_class(next).is_none() || order_class(next) != order_class(prev) {
            // Different kinds: this comparison fails (`'<' not supported between ...`).
            if let Err(e) = ops::compare(heap, next, prev, "<") {
                return (identity, Err(e));
            }
        }
    }
    timsort(identity, reverse, |x, y| ops::lt(heap, keys[x], keys[y]))
}

/// The stable sort order of `keys` by ML `<`: the positions of `keys` in sorted order. The first
/// comparison error (e.g. `'<' not supported between instances of 'str' and 'int'`) is returned
/// as is; it is the one CPython's sort meets.
pub fn sort_permutation(heap: &Heap, keys: &[Value], reverse: bool) -> RtResult<Vec<usize>> {
    let (perm, result) = sort_order(heap, keys, reverse);
    result.map(|()| perm)
}

/// Sorts `items` in place, stably, by ML `<`. When a comparison fails, `items` is left in the
/// partly sorted order CPython's `list.sort` leaves (a permutation of the input) and the error
/// returned.
pub fn sort_values(heap: &Heap, items: &mut [Value], reverse: bool) -> RtResult<()> {
    let (perm, result) = sort_order(heap, items, reverse);
    let sorted: Vec<Value> = perm.iter().map(|&i| items[i]).collect();
    items.copy_from_slice(&sorted);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sorts `xs` with a comparison log, by the natural order of i64.
    fn sorted_with_log(xs: &[i64]) -> (Vec<i64>, Vec<(usize, usize)>) {
        let mut log = Vec::new();
        let (perm, r) = timsort((0..xs.len()).collect(), false, |a, b| {
            log.push((a, b));
            Ok::<bool, ()>(xs[a] < xs[b])
        });
        assert!(r.is_ok());
        (perm.iter().map(|&i| xs[i]).collect(), log)
    }

    #[test]
    fn sorts_stably_every_shape() {
        // Runs, reversed runs, plateaus and noise, at sizes across the minrun and galloping
        // thresholds.
        let mut state = 7u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for n in [0usize, 1, 2, 3, 31, 64, 65, 127, 500, 3000] {
            for shape in 0..5 {
                let xs: Vec<i64> = (0..n)
                    .map(|i| match shape {
                        0 => (next() % 1000) as i64,
                        1 => (next() % 4) as i64,
                        2 => i as i64 + (next() % 3) as i64,
                        3 => (n - i) as i64 * 2 - (next() % 5) as i64,
                        _ => ((i / 50) % 3) as i64 * 100 + (next() % 50) as i64,
                    })
                    .collect();
                let (sorted, _) = sorted_with_log(&xs);
                let mut want = xs.clone();
                want.sort();
                assert_eq!(sorted, want, "n={n} shape={shape}");
            }
        }
        // Stability: equal keys keep their order.
        let keys = [2i64, 1, 2, 1, 2, 1];
        let (perm, _) = timsort((0..6).collect(), false, |a, b| {
            Ok::<bool, ()>(keys[a] < keys[b])
        });
        assert_eq!(perm, [1, 3, 5, 0, 2, 4]);
        let (perm, _) = timsort((0..6).collect(), true, |a, b| {
            Ok::<bool, ()>(keys[a] < keys[b])
        });
        assert_eq!(perm, [0, 2, 4, 1, 3, 5]);
    }

    #[test]
    fn comparison_sequence_is_cpythons() {
        // CPython 3.11's `sorted` on objects logging `__lt__(self, other)` as (self, other)
        // by original position.
        let (_, log) = sorted_with_log(&[3, 1, 2]);
        assert_eq!(log, [(1, 0), (2, 1), (2, 0), (2, 1)]);
        let (_, log) = sorted_with_log(&[1, 2, 3, 0]);
        assert_eq!(log, [(1, 0), (2, 1), (3, 2), (3, 1), (3, 0)]);
    }

    #[test]
    fn a_failed_comparison_leaves_a_permutation() {
        let n = 300;
        let mut calls = 0;
        let (perm, r) = timsort((0..n).map(|i| i * 7919 % n).collect(), false, |a, b| {
            calls += 1;
            if calls == 400 {
                Err(())
            } else {
                Ok(a < b)
            }
        });
        assert!(r.is_err());
        let mut seen = perm.clone();
        seen.sort_unstable();
        assert_eq!(seen, (0..n).collect::<Vec<_>>());
    }
}
