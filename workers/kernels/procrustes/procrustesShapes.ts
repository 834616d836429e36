/**
 * A seeded sampler of an asymmetric planar shape, the letter "F", for tests and benchmarks of the
 * Procrustes kernels: with no rotational or mirror symmetry, its alignment onto a rotated copy has
 * one right answer.
 */

/** The "F" as axis-aligned rectangles [x0, y0, x1, y1] (non-overlapping), inside [0, 0.7] × [0, 1]. */
const LETTER_F: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 0.2, 1], // stem
  [0.2, 0.8, 0.7, 1], // top bar
  [0.2, 0.42, 0.52, 0.6], // middle bar, shorter
];

/**
 * n points uniformly distributed on the letter "F" (area-weighted over its three strokes).
 * @param random a seeded uniform generator on [0, 1), e.g. d3-random's `randomLcg(seed)`
 * @returns interleaved points, length 2n, in [0, 0.7] × [0, 1]
 */
export function sampleLetterF(n: number, random: () => number): Float64Array {
  const areas = LETTER_F.map(([x0, y0, x1, y1]) => (x1 - x0) * (y1 - y0));
  const total = areas.reduce((s, a) => s + a, 0);
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    let u = random() * total;
    let r = 0;
    while (r < LETTER_F.length - 1 && u >= areas[r]) u -= areas[r++];
    const [x0, y0, x1, y1] = LETTER_F[r];
    out[2 * k] = x0 + (x1 - x0) * random();
    out[2 * k + 1] = y0 + (y1 - y0) * random();
  }
  return out;
}
