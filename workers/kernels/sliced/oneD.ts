/**
 * Optimal transport on the line. In 1-D the optimal plan for any convex cost is the monotone
 * (north-west corner) coupling: sort both samples and match them in order, splitting mass where
 * the cumulative weights cross. With weights that is the merge of the two quantile functions:
 * W_p^p = ∫₀¹ |F⁻¹(q) − G⁻¹(q)|^p dq, a sum over the pieces between consecutive breakpoints of
 * the two cumulative sums (as POT's `wasserstein_1d`, whose quantiles are left-continuous: on the
 * piece (t, t'] the quantile is the first value whose cumulative weight reaches t').
 *
 * Weights are taken as given (callers normalise them to mass 1, `normalizeWeights`); zero weights
 * are allowed and carry nothing. Everything is O((n + m) log(n + m)) for the sorts plus
 * O(n + m) for the merge.
 */

/** One sample on the line, sorted. */
export interface Sorted1d {
  /** Values, ascending, length n. */
  readonly values: Float64Array;
  /** Cumulative weights of the sorted values, length n (the last is the total mass). */
  readonly cumulative: Float64Array;
  /** `order[k]` is the original index of the k-th smallest value (ties in some fixed order). */
  readonly order: Uint32Array;
}

/**
 * Sorts a weighted sample. With uniform weights (`weights` null) cumulative weights are (k+1)/n.
 * @param values length n, finite
 * @param weights length n, >= 0, or null for uniform 1/n
 */
export function sort1d(values: Float64Array, weights: Float64Array | null): Sorted1d {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  const sorted = values.slice();
  // Ties keep no particular order (the cost does not depend on it).
  sortPairs(sorted, order, 0, n - 1);
  const cumulative = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += weights ? weights[order[k]] : 1 / n;
    cumulative[k] = acc;
  }
  return { values: sorted, cumulative, order };
}

/** Below this length a range is sorted by insertion. */
const INSERTION = 16;

/**
 * Sorts `keys[lo..hi]` ascending in place and applies the same permutation to `idx`: a quicksort
 * (median of three, insertion sort for short ranges) over the two typed arrays, about three
 * times faster than `Uint32Array.prototype.sort` with a comparator, which calls back into JS
 * for every comparison. Keys must not be NaN.
 */
function sortPairs(keys: Float64Array, idx: Uint32Array, lo: number, hi: number): void {
  while (hi - lo > INSERTION) {
    const mid = (lo + hi) >> 1;
    // Median of three to keys[mid], then partition around it (Hoare).
    if (keys[mid] < keys[lo]) swap(keys, idx, mid, lo);
    if (keys[hi] < keys[lo]) swap(keys, idx, hi, lo);
    if (keys[hi] < keys[mid]) swap(keys, idx, hi, mid);
    const pivot = keys[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) swap(keys, idx, i++, j--);
    }
    // Recurse into the smaller side, loop on the larger: stack depth O(log n).
    if (j - lo < hi - i) {
      sortPairs(keys, idx, lo, j);
      lo = i;
    } else {
      sortPairs(keys, idx, i, hi);
      hi = j;
    }
  }
  for (let k = lo + 1; k <= hi; k++) {
    const key = keys[k];
    const id = idx[k];
    let m = k - 1;
    while (m >= lo && keys[m] > key) {
      keys[m + 1] = keys[m];
      idx[m + 1] = idx[m];
      m--;
    }
    keys[m + 1] = key;
    idx[m + 1] = id;
  }
}

/** `sortPairs` without the indices (uniform weights need no order): faster than the native sort. */
function sortKeys(keys: Float64Array, lo: number, hi: number): void {
  while (hi - lo > INSERTION) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < keys[lo]) swapKeys(keys, mid, lo);
    if (keys[hi] < keys[lo]) swapKeys(keys, hi, lo);
    if (keys[hi] < keys[mid]) swapKeys(keys, hi, mid);
    const pivot = keys[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) swapKeys(keys, i++, j--);
    }
    if (j - lo < hi - i) {
      sortKeys(keys, lo, j);
      lo = i;
    } else {
      sortKeys(keys, i, hi);
      hi = j;
    }
  }
  for (let k = lo + 1; k <= hi; k++) {
    const key = keys[k];
    let m = k - 1;
    while (m >= lo && keys[m] > key) keys[m + 1] = keys[m--];
    keys[m + 1] = key;
  }
}

function swapKeys(keys: Float64Array, a: number, b: number): void {
  const k = keys[a];
  keys[a] = keys[b];
  keys[b] = k;
}

function swap(keys: Float64Array, idx: Uint32Array, a: number, b: number): void {
  const k = keys[a];
  keys[a] = keys[b];
  keys[b] = k;
  const i = idx[a];
  idx[a] = idx[b];
  idx[b] = i;
}

/** Cumulative weights (k+1)/n of n uniform weights, shared by `sortUniform` calls of one size. */
export function uniformCumulative(n: number): Float64Array {
  const c = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) c[k] = acc += 1 / n;
  return c;
}

/**
 * Sorts a uniformly weighted sample without tracking the order (`order` is empty), for costs
 * only: moving keys alone is faster than moving keys and indices.
 * @param cumulative `uniformCumulative(values.length)`
 */
export function sortUniform(values: Float64Array, cumulative: Float64Array): Sorted1d {
  const sorted = values.slice();
  sortKeys(sorted, 0, sorted.length - 1);
  return { values: sorted, cumulative, order: new Uint32Array(0) };
}

/**
 * Visits the pieces of the monotone coupling of two sorted samples: `visit(k, l, mass)` for each
 * piece where the k-th smallest source value meets the l-th smallest target value with mass > 0,
 * in increasing quantile order. Ends when either side's mass is used up (with equal totals, both).
 */
export function mergeQuantiles(
  u: Sorted1d,
  v: Sorted1d,
  visit: (k: number, l: number, mass: number) => void,
): void {
  const n = u.values.length;
  const m = v.values.length;
  const cu = u.cumulative;
  const cv = v.cumulative;
  let k = 0;
  let l = 0;
  let t = 0;
  while (k < n && l < m) {
    const next = cu[k] < cv[l] ? cu[k] : cv[l];
    if (next > t) {
      visit(k, l, next - t);
      t = next;
    }
    // Both advance on a shared breakpoint; a zero weight is a breakpoint equal to the last one.
    if (cu[k] <= t) k++;
    if (cv[l] <= t) l++;
  }
}

/**
 * W2² of two weighted samples on the line: Σ over the coupling's pieces of mass·(u − v)².
 * Matches POT 0.8.2 `ot.wasserstein_1d(u, v, a, b, p=2)` to rounding (1e-12 relative on the
 * reference cases).
 */
export function w2Sorted(u: Sorted1d, v: Sorted1d): number {
  // The merge inlined (not `mergeQuantiles`): this is the inner loop of the sliced estimate.
  const n = u.values.length;
  const m = v.values.length;
  const cu = u.cumulative;
  const cv = v.cumulative;
  const xu = u.values;
  const xv = v.values;
  let k = 0;
  let l = 0;
  let t = 0;
  let cost = 0;
  while (k < n && l < m) {
    const next = cu[k] < cv[l] ? cu[k] : cv[l];
    if (next > t) {
      const d = xu[k] - xv[l];
      cost += (next - t) * d * d;
      t = next;
    }
    if (cu[k] <= t) k++;
    if (cv[l] <= t) l++;
  }
  return cost;
}

/**
 * Exact 1-D W2² between `u` (weights `a`) and `v` (weights `b`).
 * @param u length n; @param v length m (finite values)
 * @param a, b weights (>= 0, normalised to the same total by the caller) or null for uniform
 */
export function wasserstein1d(
  u: Float64Array,
  v: Float64Array,
  a: Float64Array | null,
  b: Float64Array | null,
): number {
  return w2Sorted(sort1d(u, a), sort1d(v, b));
}

/** A sparse plan: entry k sends `mass[k]` from source point `i[k]` to target point `j[k]`. */
export interface Plan1d {
  i: Int32Array;
  j: Int32Array;
  mass: Float64Array;
  /** Σ mass·(u_i − v_j)²: the W2² of the coupling. */
  cost: number;
}

/**
 * The monotone coupling (POT's `ot.emd_1d`, as sparse entries in original indices): at most
 * n + m − 1 entries, each with mass > 0, ordered by quantile. Its marginals are `a` and `b` (to
 * rounding, when they have the same total). Among tied values the split is one optimal plan of
 * several; the cost is the same for all.
 */
export function monotonePlan1d(
  u: Float64Array,
  v: Float64Array,
  a: Float64Array | null,
  b: Float64Array | null,
): Plan1d {
  const su = sort1d(u, a);
  const sv = sort1d(v, b);
  const cap = u.length + v.length;
  const i = new Int32Array(cap);
  const j = new Int32Array(cap);
  const mass = new Float64Array(cap);
  let count = 0;
  let cost = 0;
  mergeQuantiles(su, sv, (k, l, w) => {
    i[count] = su.order[k];
    j[count] = sv.order[l];
    mass[count] = w;
    const d = su.values[k] - sv.values[l];
    cost += w * d * d;
    count++;
  });
  return { i: i.slice(0, count), j: j.slice(0, count), mass: mass.slice(0, count), cost };
}
