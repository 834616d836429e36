/** Hit-testing for the pointer tools: pure functions over clouds, plane units unless noted. */
import { nearestPoint } from '../scenario/cloudEdit.ts';
import type { Cloud } from '../scenario/types.ts';
import type { Bounds } from './view.ts';

/** Hit radius in CSS pixels for a fine pointer (mouse, pen) and for touch. */
export const HIT_RADIUS_PX = { fine: 10, coarse: 22 } as const;

/** The hit radius (CSS px) for a pointer type ('mouse', 'pen', 'touch', or '' when unknown). */
export function hitRadiusFor(pointerType: string, coarseDevice = false): number {
  return pointerType === 'touch' || (pointerType === '' && coarseDevice)
    ? HIT_RADIUS_PX.coarse
    : HIT_RADIUS_PX.fine;
}

/** A point of one of the scenario's clouds. */
export interface PointRef {
  /** Index of the cloud. */
  side: number;
  index: number;
  /** Distance to the query point, plane units. */
  distance: number;
}

/**
 * The point nearest to (x, y) within `maxDist` across every cloud (nearest wins; on an exact tie
 * the `prefer` cloud wins, then the lower index), or null.
 */
export function nearestInClouds(
  clouds: readonly Cloud[],
  x: number,
  y: number,
  maxDist: number,
  prefer: number,
): PointRef | null {
  let best: PointRef | null = null;
  const order = [prefer, ...clouds.keys()].filter((k, at, all) => k < clouds.length && all.indexOf(k) === at);
  for (const k of order) {
    const hit = nearestPoint(clouds[k], x, y, maxDist);
    if (hit && (!best || hit.distance < best.distance))
      best = { side: k, index: hit.index, distance: hit.distance };
  }
  return best;
}

/** Bounding box of the points `indices` of `cloud` (out-of-range indices skipped), or null if none. */
export function boundsOfIndices(cloud: Cloud, indices: ArrayLike<number>): Bounds | null {
  const n = cloud.points.length >> 1;
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (i < 0 || i >= n) continue;
    const x = cloud.points[2 * i];
    const y = cloud.points[2 * i + 1];
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  return x0 > x1 ? null : { x0, y0, x1, y1 };
}

/** True when (x, y) lies in `b` grown by `pad` on every side. */
export function inBounds(b: Bounds, x: number, y: number, pad = 0): boolean {
  return x >= b.x0 - pad && x <= b.x1 + pad && y >= b.y0 - pad && y <= b.y1 + pad;
}

/** True when the sorted index list contains `i` (binary search). */
export function sortedIncludes(sorted: ArrayLike<number>, i: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === i) return true;
    if (v < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Indices in `sorted` that are valid for a cloud of `n` points (drops stale ones after an undo). */
export function validIndices(sorted: Int32Array, n: number): Int32Array {
  let k = sorted.length;
  while (k > 0 && sorted[k - 1] >= n) k--;
  return k === sorted.length ? sorted : sorted.subarray(0, k);
}
