/**
 * Min–max ("M4") decimation of a polyline for drawing: of each run of consecutive points that
 * fall in one bucket of screen x, keep the first, the lowest, the highest and the last, in their
 * order. Drawn at the
 * bucket's resolution the line looks the same as with every point (each bucket's vertical extent
 * and its joins to the neighbours are kept), and a 10,000-step loss curve becomes a few hundred
 * points: the chart re-renders on every progress message while a model trains.
 */

/**
 * @param idx indices of the points to draw, in drawing order (normally increasing screen x)
 * @param px screen x of point k (any units); @param py screen y of point k
 * @param bucket bucket width in px's units (e.g. half a viewBox unit)
 * @returns the kept indices, a subsequence of idx (idx itself when there is nothing to drop)
 */
export function decimateMinMax(
  idx: readonly number[],
  px: (k: number) => number,
  py: (k: number) => number,
  bucket: number,
): number[] {
  if (idx.length <= 4) return idx as number[];
  const out: number[] = [];
  let start = 0;
  while (start < idx.length) {
    const b = Math.floor(px(idx[start]) / bucket);
    let end = start + 1;
    let lo = start;
    let hi = start;
    while (end < idx.length && Math.floor(px(idx[end]) / bucket) === b) {
      if (py(idx[end]) < py(idx[lo])) lo = end;
      if (py(idx[end]) > py(idx[hi])) hi = end;
      end++;
    }
    // First, extremes in order, last; each once.
    for (const p of [start, Math.min(lo, hi), Math.max(lo, hi), end - 1]) {
      if (out.length === 0 || out[out.length - 1] !== idx[p]) out.push(idx[p]);
    }
    start = end;
  }
  return out.length < idx.length ? out : (idx as number[]);
}
