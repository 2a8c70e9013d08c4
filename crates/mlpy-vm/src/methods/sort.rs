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
        let result = self.merge_lo_loop(&mut m);
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

    /// The body of [`Merger::merge_lo`]: `Ok(true)` when a is down to its last element (which
    /// goes last), `Ok(false)` when b is exhausted (a's rest goes last).
    fn merge_lo_loop(&mut self, m: &mut Lo) -> Result<bool, E> {
        let (perm, tmp) = (&mut self.perm, &self.tmp);
        perm[m.dest] = perm[m.ib];
        m.dest += 1;
        m.ib += 1;
        m.nb -= 1;
        if m.nb == 0 {
            return Ok(false);
        }
        if m.na == 1 {
            return Ok(true);
        }
        loop {
            let (mut acount, mut bcount) = (0, 0);
            // One element at a time until one run wins min_gallop times in a row.
            loop {
                if (self.lt)(perm[m.ib], tmp[m.ia])? {
                    perm[m.dest] = perm[m.ib];
                    m.dest += 1;
                    m.ib += 1;
                    m.nb -= 1;
                    bcount += 1;
                    acount = 0;
                    if m.nb == 0 {
                        return Ok(false);
                    }
                    if bcount >= self.min_gallop {
                        break;
                    }
                } else {
                    perm[m.dest] = tmp[m.ia];
                    m.dest += 1;
                    m.ia += 1;
                    m.na -= 1;
                    acount += 1;
                    bcount = 0;
                    if m.na == 1 {
                        return Ok(true);
                    }
                    if acount >= self.min_gallop {
                        break;
                    }
                }
            }
            // Galloping, until neither run wins MIN_GALLOP elements at a time.
            self.min_gallop += 1;
            loop {
                self.min_gallop -= usize::from(self.min_gallop > 1);
                let k = gallop_right(&mut self.lt, perm[m.ib], &tmp[m.ia..m.ia + m.na], 0)?;
                acount = k;
                if k > 0 {
                    perm[m.dest..m.dest + k].copy_from_slice(&tmp[m.ia..m.ia + k]);
                    m.dest += k;
                    m.ia += k;
                    m.na -= k;
                    if m.na == 1 {
                        return Ok(true);
                    }
                    // Impossible for a consistent order, but ML's order need not be (NaN).
                    if m.na == 0 {
                        return Ok(false);
                    }
                }
                perm[m.dest] = perm[m.ib];
                m.dest += 1;
                m.ib += 1;
                m.nb -= 1;
                if m.nb == 0 {
                    return Ok(false);
                }
                let k = gallop_left(&mut self.lt, tmp[m.ia], &perm[m.ib..m.ib + m.nb], 0)?;
                bcount = k;
                if k > 0 {
                    perm.copy_within(m.ib..m.ib + k, m.dest);
                    m.dest += k;
                    m.ib += k;
                    m.nb -= k;
                    if m.nb == 0 {
                        return Ok(false);
                    }
                }
                perm[m.dest] = tmp[m.ia];
                m.dest += 1;
                m.ia += 1;
                m.na -= 1;
                if m.na == 1 {
                    return Ok(true);
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            self.min_gallop += 1;
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
        let result = self.merge_hi_loop(&mut m);
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

    /// The body of [`Merger::merge_hi`]: `Ok(true)` when b is down to its first element (which
    /// goes first), `Ok(false)` when a is exhausted (b's rest goes first).
    fn merge_hi_loop(&mut self, m: &mut Hi) -> Result<bool, E> {
        let (perm, tmp) = (&mut self.perm, &self.tmp);
        perm[m.pa + m.na + m.nb - 1] = perm[m.pa + m.na - 1];
        m.na -= 1;
        if m.na == 0 {
            return Ok(false);
        }
        if m.nb == 1 {
            return Ok(true);
        }
        loop {
            let (mut acount, mut bcount) = (0, 0);
            loop {
                let dest = m.pa + m.na + m.nb - 1;
                if (self.lt)(tmp[m.nb - 1], perm[m.pa + m.na - 1])? {
                    perm[dest] = perm[m.pa + m.na - 1];
                    m.na -= 1;
                    acount += 1;
                    bcount = 0;
                    if m.na == 0 {
                        return Ok(false);
                    }
                    if acount >= self.min_gallop {
                        break;
                    }
                } else {
                    perm[dest] = tmp[m.nb - 1];
                    m.nb -= 1;
                    bcount += 1;
                    acount = 0;
                    if m.nb == 1 {
                        return Ok(true);
                    }
                    if bcount >= self.min_gallop {
                        break;
                    }
                }
            }
            self.min_gallop += 1;
            loop {
                self.min_gallop -= usize::from(self.min_gallop > 1);
                let a = &perm[m.pa..m.pa + m.na];
                let k = m.na - gallop_right(&mut self.lt, tmp[m.nb - 1], a, m.na - 1)?;
                acount = k;
                if k > 0 {
                    let from = m.pa + m.na - k;
                    perm.copy_within(from..from + k, from + m.nb);
                    m.na -= k;
                    if m.na == 0 {
                        return Ok(false);
                    }
                }
                perm[m.pa + m.na + m.nb - 1] = tmp[m.nb - 1];
                m.nb -= 1;
                if m.nb == 1 {
                    return Ok(true);
                }
                let key = perm[m.pa + m.na - 1];
                let k = m.nb - gallop_left(&mut self.lt, key, &tmp[..m.nb], m.nb - 1)?;
                bcount = k;
                if k > 0 {
                    let to = m.pa + m.na + m.nb - k;
                    perm[to..to + k].copy_from_slice(&tmp[m.nb - k..m.nb]);
                    m.nb -= k;
                    if m.nb == 1 {
                        return Ok(true);
                    }
                    // Impossible for a consistent order, but ML's order need not be (NaN).
                    if m.nb == 0 {
                        return Ok(false);
                    }
                }
                perm[m.pa + m.na + m.nb - 1] = perm[m.pa + m.na - 1];
                m.na -= 1;
                if m.na == 0 {
                    return Ok(false);
                }
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

/// State of [`Merger::merge_lo`]: next slot `dest`, a's rest at `tmp[ia..ia + na]`, b's rest
/// at `perm[ib..ib + nb]`.
struct Lo {
    dest: usize,
    ia: usize,
    ib: usize,
    na: usize,
    nb: usize,
}

/// State of [`Merger::merge_hi`] (see there).
struct Hi {
    pa: usize,
    na: usize,
    nb: usize,
}

/// The position `k` in sorted `a` with `a[k-1] < key <= a[k]`, searched from `hint`: first
/// by steps 1, 3, 7, 15, ... away from the hint, then by bisection.
fn gallop_left<E>(
    lt: &mut impl FnMut(usize, usize) -> Result<bool, E>,
    key: usize,
    a: &[usize],
    hint: usize,
) -> Result<usize, E> {
    let (mut lo, mut hi);
    let (mut last, mut ofs) = (0, 1);
    if lt(a[hint], key)? {
        // a[hint] < key: gallop right until a[hint + last] < key <= a[hint + ofs].
        let max = a.len() - hint;
        while ofs < max && lt(a[hint + ofs], key)? {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(max);
        (lo, hi) = (hint + last + 1, hint + ofs);
    } else {
        // key <= a[hint]: gallop left until a[hint - ofs] < key <= a[hint - last].
        let max = hint + 1;
        while ofs < max && !lt(a[hint - ofs], key)? {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(max);
        (lo, hi) = (hint + 1 - ofs, hint - last);
    }
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if lt(a[m], key)? {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    Ok(hi)
}

/// The position `k` in sorted `a` with `a[k-1] <= key < a[k]` (after equal elements), searched
/// from `hint` like [`gallop_left`].
fn gallop_right<E>(
    lt: &mut impl FnMut(usize, usize) -> Result<bool, E>,
    key: usize,
    a: &[usize],
    hint: usize,
) -> Result<usize, E> {
    let (mut lo, mut hi);
    let (mut last, mut ofs) = (0, 1);
    if lt(key, a[hint])? {
        // key < a[hint]: gallop left until a[hint - ofs] <= key < a[hint - last].
        let max = hint + 1;
        while ofs < max && lt(key, a[hint - ofs])? {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(max);
        (lo, hi) = (hint + 1 - ofs, hint - last);
    } else {
        // a[hint] <= key: gallop right until a[hint + last] <= key < a[hint + ofs].
        let max = a.len() - hint;
        while ofs < max && !lt(key, a[hint + ofs])? {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(max);
        (lo, hi) = (hint + last + 1, hint + ofs);
    }
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if lt(key, a[m])? {
            hi = m;
        } else {
            lo = m + 1;
        }
    }
    Ok(hi)
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
