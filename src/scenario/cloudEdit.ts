/**
 * Pure edits of a point cloud (no DOM): the stage's tools are thin wrappers around these.
 *
 * Every edit returns a new `Cloud` (with the input's name) and never mutates its input (clouds are immutable and shared
 * between undo entries). Arrays an edit does not change (weights and labels under a move) are
 * shared with the input cloud. An edit that changes nothing returns the input object itself, so
 * the undo history does not record a no-op.
 *
 * Shapes: `points` interleaved `[x0, y0, x1, y1, ...]` (length 2n, plane units); `weights` and
 * `labels` length n or null. Index lists are `Int32Array`s of point indices, sorted ascending and
 * distinct unless a function says otherwise.
 */
import type { Cloud } from './types.ts';

/** `cloud` emptied: no points, uniform weights, no labels; its name kept. */
const emptied = (cloud: Cloud): Cloud => ({
  name: cloud.name,
  points: new Float64Array(0),
  weights: null,
  labels: null,
});

/** Returns the cloud with no points (weights and labels dropped). Returns `cloud` if already empty. */
export function clearCloud(cloud: Cloud): Cloud {
  return cloud.points.length === 0 && !cloud.weights && !cloud.labels ? cloud : emptied(cloud);
}

/** Mean of the cloud's weights (1 for uniform clouds or empty weight arrays). */
export function meanWeight(cloud: Cloud): number {
  const w = cloud.weights;
  if (!w || w.length === 0) return 1;
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i];
  return s / w.length;
}

/**
 * Appends points (interleaved `[x0, y0, ...]`, even length) to the cloud.
 * Appended points get the mean weight of the cloud (weights stay null when uniform). Their class:
 * `label` when given (an unlabelled cloud then becomes labelled, its existing points class 0),
 * else 0 when the cloud is labelled. Returns `cloud` itself when `pts` is empty.
 */
export function appendPoints(cloud: Cloud, pts: ArrayLike<number>, label: number | null = null): Cloud {
  const add = pts.length >> 1;
  if (add === 0) return cloud;
  const n = cloud.points.length >> 1;
  const points = new Float64Array(2 * (n + add));
  points.set(cloud.points);
  for (let k = 0; k < 2 * add; k++) points[2 * n + k] = pts[k];
  let weights: Float64Array | null = null;
  if (cloud.weights && n > 0) {
    weights = new Float64Array(n + add);
    weights.set(cloud.weights);
    weights.fill(meanWeight(cloud), n);
  }
  let labels: Int32Array | null = null;
  if ((cloud.labels && n > 0) || label !== null) {
    labels = new Int32Array(n + add); // existing points without labels are class 0
    if (cloud.labels && n > 0) labels.set(cloud.labels);
    labels.fill(label ?? 0, n);
  }
  return { name: cloud.name, points, weights, labels };
}

/**
 * Sets the class of the points at `sortedIdx` (out-of-range indices are ignored) to `label`
 * (0–9); an unlabelled cloud becomes labelled, its other points class 0. Returns `cloud` itself
 * when no class changes.
 */
export function setClass(cloud: Cloud, sortedIdx: ArrayLike<number>, label: number): Cloud {
  const n = cloud.points.length >> 1;
  const labels =
    cloud.labels && cloud.labels.length === n ? Int32Array.from(cloud.labels) : new Int32Array(n);
  let changed = !cloud.labels && n > 0;
  for (let k = 0; k < sortedIdx.length; k++) {
    const i = sortedIdx[k];
    if (i >= 0 && i < n && labels[i] !== label) {
      labels[i] = label;
      changed = true;
    }
  }
  return changed ? { ...cloud, labels } : cloud;
}

/**
 * Removes the points at `sortedIdx` (ascending, distinct; out-of-range indices are ignored).
 * Weights and labels are removed alongside. When the remaining weights sum to zero (or no point
 * remains) the weights become null (uniform), keeping the "not all zero" invariant; an empty cloud
 * also drops its labels. Returns `cloud` itself when nothing is removed.
 */
export function removeIndices(cloud: Cloud, sortedIdx: ArrayLike<number>): Cloud {
  const n = cloud.points.length >> 1;
  const drop = new Uint8Array(n);
  let removed = 0;
  for (let k = 0; k < sortedIdx.length; k++) {
    const i = sortedIdx[k];
    if (i >= 0 && i < n && !drop[i]) {
      drop[i] = 1;
      removed++;
    }
  }
  if (removed === 0) return cloud;
  const m = n - removed;
  if (m === 0) return emptied(cloud);
  const points = new Float64Array(2 * m);
  const weights = cloud.weights ? new Float64Array(m) : null;
  const labels = cloud.labels ? new Int32Array(m) : null;
  let j = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    if (drop[i]) continue;
    points[2 * j] = cloud.points[2 * i];
    points[2 * j + 1] = cloud.points[2 * i + 1];
    if (weights) wsum += weights[j] = cloud.weights![i];
    if (labels) labels[j] = cloud.labels![i];
    j++;
  }
  return { name: cloud.name, points, weights: weights && wsum > 0 ? weights : null, labels };
}

/**
 * Translates the points at `idx` (any order; duplicates are moved once; out-of-range ignored) by
 * (dx, dy) plane units. Weights and labels are shared with the input. Returns `cloud` itself when
 * the displacement is zero or no index is in range.
 */
export function moveIndices(cloud: Cloud, idx: ArrayLike<number>, dx: number, dy: number): Cloud {
  const n = cloud.points.length >> 1;
  if ((dx === 0 && dy === 0) || idx.length === 0) return cloud;
  const points = cloud.points.slice();
  const moved = new Uint8Array(n);
  let any = false;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (i < 0 || i >= n || moved[i]) continue;
    moved[i] = 1;
    any = true;
    points[2 * i] += dx;
    points[2 * i + 1] += dy;
  }
  return any ? { ...cloud, points } : cloud;
}

/** Indices (ascending) of points inside the axis-aligned rectangle with corners (x0, y0), (x1, y1), edges included; corners in any order. */
export function pointsInRect(cloud: Cloud, x0: number, y0: number, x1: number, y1: number): Int32Array {
  const xa = Math.min(x0, x1);
  const xb = Math.max(x0, x1);
  const ya = Math.min(y0, y1);
  const yb = Math.max(y0, y1);
  const p = cloud.points;
  return collect(p.length >> 1, (i) => {
    const x = p[2 * i];
    const y = p[2 * i + 1];
    return x >= xa && x <= xb && y >= ya && y <= yb;
  });
}

/**
 * Indices (ascending) of points inside the polygon `poly` (interleaved vertices `[x0, y0, ...]`,
 * implicitly closed), by the even-odd rule. Fewer than 3 vertices select nothing.
 */
export function pointsInPolygon(cloud: Cloud, poly: ArrayLike<number>): Int32Array {
  const v = poly.length >> 1;
  if (v < 3) return new Int32Array(0);
  // Bounding box first: most points of a large cloud are rejected without the edge loop.
  let xa = Infinity,
    xb = -Infinity,
    ya = Infinity,
    yb = -Infinity;
  for (let k = 0; k < v; k++) {
    xa = Math.min(xa, poly[2 * k]);
    xb = Math.max(xb, poly[2 * k]);
    ya = Math.min(ya, poly[2 * k + 1]);
    yb = Math.max(yb, poly[2 * k + 1]);
  }
  const p = cloud.points;
  return collect(p.length >> 1, (i) => {
    const x = p[2 * i];
    const y = p[2 * i + 1];
    if (x < xa || x > xb || y < ya || y > yb) return false;
    let inside = false;
    for (let a = 0, b = v - 1; a < v; b = a++) {
      const xi = poly[2 * a],
        yi = poly[2 * a + 1],
        xj = poly[2 * b],
        yj = poly[2 * b + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  });
}

/** Indices (ascending) of points at Euclidean distance <= r from (x, y). */
export function pointsWithinRadius(cloud: Cloud, x: number, y: number, r: number): Int32Array {
  const p = cloud.points;
  const r2 = r * r;
  return collect(p.length >> 1, (i) => {
    const dx = p[2 * i] - x;
    const dy = p[2 * i + 1] - y;
    return dx * dx + dy * dy <= r2;
  });
}

/**
 * The point nearest to (x, y) within `maxDist` (inclusive), or null. Ties go to the lower index.
 * `distance` is Euclidean, plane units.
 */
export function nearestPoint(
  cloud: Cloud,
  x: number,
  y: number,
  maxDist: number,
): { index: number; distance: number } | null {
  const p = cloud.points;
  const n = p.length >> 1;
  let best = -1;
  let bestD2 = maxDist * maxDist;
  for (let i = 0; i < n; i++) {
    const dx = p[2 * i] - x;
    const dy = p[2 * i + 1] - y;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2 || (best < 0 && d2 === bestD2)) {
      best = i;
      bestD2 = d2;
    }
  }
  return best < 0 ? null : { index: best, distance: Math.sqrt(bestD2) };
}

/**
 * Re-indexes a sorted index list after `removedSorted` were removed from the cloud: indices that
 * were removed are dropped, the others shift down. Both inputs ascending and distinct.
 */
export function remapAfterRemoval(
  sortedIdx: ArrayLike<number>,
  removedSorted: ArrayLike<number>,
): Int32Array {
  const out: number[] = [];
  let r = 0;
  for (let k = 0; k < sortedIdx.length; k++) {
    const i = sortedIdx[k];
    while (r < removedSorted.length && removedSorted[r] < i) r++;
    if (r < removedSorted.length && removedSorted[r] === i) continue;
    out.push(i - r);
  }
  return Int32Array.from(out);
}

function collect(n: number, keep: (i: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
  return Int32Array.from(out);
}
