/** Chart helpers over the workers' interleaved histories. */

/**
 * Splits interleaved [x, y] pairs (a training history: [step, value, step, value, …]) into a
 * chart series' x and y (length n each for 2n entries; a trailing odd entry is ignored).
 */
export function seriesFromPairs(h: Float64Array): { x: Float64Array; y: Float64Array } {
  const n = h.length >> 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    x[k] = h[2 * k];
    y[k] = h[2 * k + 1];
  }
  return { x, y };
}
