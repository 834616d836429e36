/**
 * Dense linear assignment (Jonker–Volgenant, 1987): the exact-OT fast path for n×n problems with
 * uniform weights, whose optimal plans include a permutation (Birkhoff–von Neumann).
 *
 * Phases: column reduction, reduction transfer, two rounds of augmenting row reduction, then one
 * Dijkstra-style shortest augmenting path per row still free. Throughout, every assigned row's
 * column minimises C_ij − v_j over j: that invariant is what makes (u, v) dual feasible at the end.
 */

/** Outcome of {@link solveAssignment}. */
export interface AssignmentResult {
  /** rowToCol[i] = column assigned to row i (a permutation of 0..n−1). */
  rowToCol: Int32Array;
  /** Row duals u_i = min_j (C_ij − v_j), length n. */
  u: Float64Array;
  /** Column duals, length n. u_i + v_j <= C_ij, with equality on the assignment up to rounding. */
  v: Float64Array;
  /** Shortest augmenting paths run (rows the reductions left free). */
  iterations: number;
  /** False when `maxIterations` stopped the augmentations: the remaining rows got arbitrary free columns. */
  optimal: boolean;
}

/**
 * Minimises Σ_i C[i, σ(i)] over permutations σ.
 * @param C n×n cost matrix, row-major, finite
 * @param n size
 * @param maxIterations cap on augmenting paths (each costs O(n²) at worst)
 */
export function solveAssignment(C: Float64Array, n: number, maxIterations = Infinity): AssignmentResult {
  const rowToCol = new Int32Array(n).fill(-1);
  const colToRow = new Int32Array(n).fill(-1);
  const v = new Float64Array(n);
  const free = new Int32Array(n);
  let numFree = reduce(C, n, rowToCol, colToRow, v, free);
  numFree = augmentingRowReduction(C, n, rowToCol, colToRow, v, free, numFree);
  const iterations = Math.min(numFree, Math.max(0, Math.floor(maxIterations)));
  augmentAll(C, n, rowToCol, colToRow, v, free, iterations);
  const optimal = iterations === numFree;
  if (!optimal) {
    // Capped: give the rows still free the columns still free, in order, so the plan is feasible.
    let j = 0;
    for (let k = iterations; k < numFree; k++) {
      while (colToRow[j] >= 0) j++;
      rowToCol[free[k]] = j;
      colToRow[j] = free[k];
    }
  }
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let min = Infinity;
    for (let j = 0; j < n; j++) {
      const h = C[row + j] - v[j];
      if (h < min) min = h;
    }
    u[i] = min;
  }
  return { rowToCol, u, v, iterations, optimal };
}

/** Column reduction and reduction transfer; fills `free` with unassigned rows and returns their count. */
function reduce(
  C: Float64Array,
  n: number,
  rowToCol: Int32Array,
  colToRow: Int32Array,
  v: Float64Array,
  free: Int32Array,
): number {
  // Column minima in one row-major pass (cache friendly), ties to the lowest row.
  const argmin = new Int32Array(n);
  v.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (C[row + j] < v[j]) {
        v[j] = C[row + j];
        argmin[j] = i;
      }
    }
  }
  const matches = new Int32Array(n);
  for (let j = n - 1; j >= 0; j--) {
    const i = argmin[j];
    if (++matches[i] === 1) {
      rowToCol[i] = j;
      colToRow[j] = i;
    }
  }
  let numFree = 0;
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free[numFree++] = i;
    } else if (matches[i] === 1) {
      // Transfer the row's slack to its column: lower v so the row's second best ties its best.
      const j1 = rowToCol[i];
      const row = i * n;
      let min = Infinity;
      for (let j = 0; j < n; j++) {
        if (j !== j1) {
          const h = C[row + j] - v[j];
          if (h < min) min = h;
        }
      }
      if (min < Infinity) v[j1] -= min;
    }
  }
  return numFree;
}

/**
 * Two rounds of augmenting row reduction. A free row takes its best column, lowering that column's
 * price to the row's second best; the evicted row is retried at once when the price strictly
 * dropped. The step budget guards against long runs of tiny floating-point decrements.
 */
function augmentingRowReduction(
  C: Float64Array,
  n: number,
  rowToCol: Int32Array,
  colToRow: Int32Array,
  v: Float64Array,
  free: Int32Array,
  numFree: number,
): number {
  let steps = 0;
  const budget = 16 * n + 64;
  for (let round = 0; round < 2; round++) {
    let k = 0;
    const prevFree = numFree;
    numFree = 0;
    while (k < prevFree) {
      if (++steps > budget) {
        while (k < prevFree) free[numFree++] = free[k++];
        break;
      }
      const i = free[k++];
      const row = i * n;
      let umin = C[row] - v[0];
      let j1 = 0;
      let j2 = -1;
      let usubmin = Infinity;
      for (let j = 1; j < n; j++) {
        const h = C[row + j] - v[j];
        if (h < usubmin) {
          if (h >= umin) {
            usubmin = h;
            j2 = j;
          } else {
            usubmin = umin;
            umin = h;
            j2 = j1;
            j1 = j;
          }
        }
      }
      let i0 = colToRow[j1];
      const strict = umin < usubmin;
      if (strict) {
        if (usubmin < Infinity) v[j1] -= usubmin - umin;
      } else if (i0 >= 0) {
        j1 = j2;
        i0 = colToRow[j2];
      }
      if (i0 >= 0) rowToCol[i0] = -1;
      rowToCol[i] = j1;
      colToRow[j1] = i;
      if (i0 >= 0) {
        if (strict) free[--k] = i0;
        else free[numFree++] = i0;
      }
    }
  }
  return numFree;
}

/** Shortest augmenting paths (Dijkstra over reduced costs) for the first `count` free rows. */
function augmentAll(
  C: Float64Array,
  n: number,
  rowToCol: Int32Array,
  colToRow: Int32Array,
  v: Float64Array,
  free: Int32Array,
  count: number,
): void {
  const d = new Float64Array(n);
  const pred = new Int32Array(n);
  const cols = new Int32Array(n);
  for (let f = 0; f < count; f++) {
    const freeRow = free[f];
    const frow = freeRow * n;
    for (let j = 0; j < n; j++) {
      d[j] = C[frow + j] - v[j];
      pred[j] = freeRow;
      cols[j] = j;
    }
    // cols[0, low): scanned; cols[low, up): at the current minimum distance, to scan; cols[up, n): unreached.
    let low = 0;
    let up = 0;
    let last = 0;
    let min = 0;
    let endOfPath = -1;
    while (endOfPath < 0) {
      if (up === low) {
        last = low - 1;
        min = d[cols[up++]];
        for (let k = up; k < n; k++) {
          const j = cols[k];
          const h = d[j];
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            cols[k] = cols[up];
            cols[up++] = j;
          }
        }
        for (let k = low; k < up; k++) {
          if (colToRow[cols[k]] < 0) {
            endOfPath = cols[k];
            break;
          }
        }
      }
      if (endOfPath >= 0) break;
      const j1 = cols[low++];
      const i = colToRow[j1];
      const row = i * n;
      const h = C[row + j1] - v[j1] - min;
      for (let k = up; k < n; k++) {
        const j = cols[k];
        const dj = C[row + j] - v[j] - h;
        if (dj < d[j]) {
          pred[j] = i;
          d[j] = dj;
          if (dj <= min) {
            if (colToRow[j] < 0) {
              endOfPath = j;
              break;
            }
            cols[k] = cols[up];
            cols[up++] = j;
          }
        }
      }
    }
    // Price update on the scanned columns keeps the assigned rows' columns row-minimal.
    for (let k = 0; k <= last; k++) {
      const j = cols[k];
      v[j] += d[j] - min;
    }
    // Flip the alternating path.
    for (;;) {
      const i = pred[endOfPath];
      colToRow[endOfPath] = i;
      const next = rowToCol[i];
      rowToCol[i] = endOfPath;
      if (i === freeRow) break;
      endOfPath = next;
    }
  }
}
