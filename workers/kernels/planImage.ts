/**
 * The plan as a picture: an r×c matrix image of P with rows and columns ordered to show its
 * structure, downsampled by summing mass into cells. Ordering: source points by their position
 * along the principal axis of the source cloud; target points by the mean rank of the source
 * points they receive mass from (a barycentric ordering), so a monotone plan shows as a diagonal
 * band and a permutation between equal clouds as the diagonal itself.
 */
import type { SparsePlan } from './exact/exact.ts';

export interface PlanImage {
  /** Row-major rows×cols, mass per cell (sums to the plan's total mass). */
  cells: Float32Array;
  rows: number;
  cols: number;
  /** Largest cell value, for colour scaling. */
  max: number;
}

/** Order of points along the principal axis of the cloud (interleaved, length 2n). */
export function principalOrder(points: Float64Array): Int32Array {
  const n = points.length >> 1;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += points[2 * k];
    my += points[2 * k + 1];
  }
  mx /= n || 1;
  my /= n || 1;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const dx = points[2 * k] - mx;
    const dy = points[2 * k + 1] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  // Angle of the leading eigenvector of the 2×2 covariance.
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const ux = Math.cos(theta);
  const uy = Math.sin(theta);
  const proj = new Float64Array(n);
  for (let k = 0; k < n; k++) proj[k] = points[2 * k] * ux + points[2 * k + 1] * uy;
  return Int32Array.from({ length: n }, (_, k) => k).sort((p, q) => proj[p] - proj[q] || p - q);
}

/** Calls `visit(i, j, mass)` for every entry of a plan with positive mass. */
type EntryVisitor = (visit: (i: number, j: number, mass: number) => void) => void;

function imageFromEntries(forEach: EntryVisitor, x: Float64Array, m: number, maxSize: number): PlanImage {
  const n = x.length >> 1;
  const rowOrder = principalOrder(x);
  const rankOfRow = new Float64Array(n);
  for (let r = 0; r < n; r++) rankOfRow[rowOrder[r]] = r;
  // Mean source rank per target, weighted by mass; targets with no mass go last.
  const sum = new Float64Array(m);
  const weight = new Float64Array(m);
  forEach((i, j, mass) => {
    sum[j] += mass * rankOfRow[i];
    weight[j] += mass;
  });
  const key = new Float64Array(m);
  for (let j = 0; j < m; j++) key[j] = weight[j] > 0 ? sum[j] / weight[j] : Infinity;
  const colOrder = Int32Array.from({ length: m }, (_, k) => k).sort((p, q) => key[p] - key[q] || p - q);
  const rankOfCol = new Float64Array(m);
  for (let c = 0; c < m; c++) rankOfCol[colOrder[c]] = c;

  const rows = Math.min(n, maxSize);
  const cols = Math.min(m, maxSize);
  const cells = new Float32Array(rows * cols);
  let max = 0;
  forEach((i, j, mass) => {
    const r = Math.floor((rankOfRow[i] * rows) / n);
    const c = Math.floor((rankOfCol[j] * cols) / m);
    const v = (cells[r * cols + c] += mass);
    if (v > max) max = v;
  });
  return { cells, rows, cols, max };
}

/**
 * Builds the ordered, downsampled image of a sparse plan.
 * @param plan entries (i, j, mass); entries with indices out of range are ignored
 * @param x source points (length 2n), used for the row order; m: number of target points
 * @param maxSize largest number of rows or columns of the image
 */
export function planImage(plan: SparsePlan, x: Float64Array, m: number, maxSize = 200): PlanImage {
  const n = x.length >> 1;
  return imageFromEntries(
    (visit) => {
      for (let k = 0; k < plan.mass.length; k++) {
        if (plan.i[k] < n && plan.j[k] < m && plan.mass[k] > 0) visit(plan.i[k], plan.j[k], plan.mass[k]);
      }
    },
    x,
    m,
    maxSize,
  );
}

/** The same image from a dense n×m row-major plan. */
export function planImageDense(plan: Float64Array, x: Float64Array, m: number, maxSize = 200): PlanImage {
  const n = x.length >> 1;
  return imageFromEntries(
    (visit) => {
      for (let i = 0; i < n; i++) {
        const row = i * m;
        for (let j = 0; j < m; j++) if (plan[row + j] > 0) visit(i, j, plan[row + j]);
      }
    },
    x,
    m,
    maxSize,
  );
}
