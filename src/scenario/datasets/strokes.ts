/**
 * Polylines ("strokes") and uniform sampling along them by arc length: the outline shapes (letters,
 * heart, smiley) are strokes, so their noise-free points lie exactly on the drawn lines.
 */
import type { Uniform } from './random.ts';

/** A polyline: flat vertices `[x0, y0, x1, y1, ...]` (at least two vertices), and a group label. */
export interface Stroke {
  readonly points: readonly number[];
  /** Label given to points sampled on this stroke (a letter index, a face part). */
  readonly group: number;
}

/**
 * Vertices of an elliptical arc from angle `a0` to `a1` (radians, counter-clockwise when a1 > a0),
 * as a flat list with `segments + 1` vertices.
 */
export function arcVertices(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  a0: number,
  a1: number,
  segments: number,
): number[] {
  const out: number[] = [];
  for (let k = 0; k <= segments; k++) {
    const a = a0 + ((a1 - a0) * k) / segments;
    out.push(cx + rx * Math.cos(a), cy + ry * Math.sin(a));
  }
  return out;
}

/**
 * Samples `count` points uniformly by arc length over all strokes together.
 * @returns `points` interleaved (length 2·count) and `labels` (the stroke's group, length count)
 */
export function sampleStrokes(
  strokes: readonly Stroke[],
  count: number,
  uniform: Uniform,
): { points: Float64Array; labels: Int32Array } {
  // Cumulative segment lengths over every stroke, so one uniform number picks a position.
  const segX: number[] = [];
  const segY: number[] = [];
  const segDx: number[] = [];
  const segDy: number[] = [];
  const segGroup: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const s of strokes) {
    const p = s.points;
    for (let k = 0; k + 3 < p.length; k += 2) {
      const dx = p[k + 2] - p[k];
      const dy = p[k + 3] - p[k + 1];
      const len = Math.hypot(dx, dy);
      if (len === 0) continue;
      segX.push(p[k]);
      segY.push(p[k + 1]);
      segDx.push(dx);
      segDy.push(dy);
      segGroup.push(s.group);
      total += len;
      cumulative.push(total);
    }
  }
  const points = new Float64Array(2 * count);
  const labels = new Int32Array(count);
  const last = cumulative.length - 1;
  for (let i = 0; i < count; i++) {
    const u = uniform() * total;
    // First segment whose cumulative length exceeds u (binary search).
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    const start = lo === 0 ? 0 : cumulative[lo - 1];
    const len = cumulative[lo] - start;
    const t = Math.min(1, Math.max(0, (u - start) / len));
    points[2 * i] = segX[lo] + t * segDx[lo];
    points[2 * i + 1] = segY[lo] + t * segDy[lo];
    labels[i] = segGroup[lo];
  }
  return { points, labels };
}

/** Euclidean distance from (x, y) to the nearest point of any stroke (used by tests and hit checks). */
export function distanceToStrokes(strokes: readonly Stroke[], x: number, y: number): number {
  let best = Infinity;
  for (const s of strokes) {
    const p = s.points;
    for (let k = 0; k + 3 < p.length; k += 2) {
      const ax = p[k];
      const ay = p[k + 1];
      const dx = p[k + 2] - ax;
      const dy = p[k + 3] - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2));
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
  }
  return best;
}

/** Applies `x -> s·x + (tx, ty)` to every stroke. */
export function transformStrokes(strokes: readonly Stroke[], s: number, tx: number, ty: number): Stroke[] {
  return strokes.map((st) => ({
    group: st.group,
    points: st.points.map((v, k) => s * v + (k % 2 === 0 ? tx : ty)),
  }));
}
