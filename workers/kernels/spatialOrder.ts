/**
 * A locality-preserving order of planar points (Hilbert curve), so that points consecutive in the
 * order are close in the plane. Solvers use it to group nearby rows and columns of a cost matrix
 * into tiles that can be skipped as a whole (see `sinkhornTiles.ts`); it never changes a result.
 */

/** Side of the Hilbert grid: 2^16 cells per axis (finer than any cloud the app draws). */
const ORDER_BITS = 16;

/**
 * Hilbert index of cell (x, y) on a 2^bits grid (the classic xy2d rotation walk).
 * @param x, y integer cell coordinates in [0, 2^bits)
 */
function hilbertIndex(x: number, y: number, bits: number): number {
  let d = 0;
  for (let s = 1 << (bits - 1); s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/**
 * Permutation of point indices sorted along a Hilbert curve over the points' bounding box.
 * Deterministic; ties (points in the same grid cell) keep their input order.
 * @param points interleaved [x0, y0, x1, y1, ...], length 2n, finite
 * @returns Int32Array of length n: `order[k]` is the index of the k-th point along the curve
 */
export function hilbertOrder(points: Float64Array): Int32Array {
  const n = points.length >> 1;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const px = points[2 * i];
    const py = points[2 * i + 1];
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
  }
  // One scale for both axes keeps cells square, so the curve's locality is isotropic.
  const span = Math.max(maxX - minX, maxY - minY);
  const cells = (1 << ORDER_BITS) - 1;
  const scale = span > 0 ? cells / span : 0;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cx = Math.min(cells, Math.floor((points[2 * i] - minX) * scale));
    const cy = Math.min(cells, Math.floor((points[2 * i + 1] - minY) * scale));
    keys[i] = hilbertIndex(cx, cy, ORDER_BITS);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((p, q) => keys[p] - keys[q] || p - q);
  return Int32Array.from(order);
}
