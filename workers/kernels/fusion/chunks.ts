/**
 * Splitting one labelled cloud into K chunks, one per model or client, as in OTFusion's
 * skill-transfer experiment (each model sees mostly its own classes) and federated learning's
 * heterogeneous clients:
 *  - 'classes': the distinct classes, in increasing order, are dealt to the chunks in turn (class
 *    number k goes to chunk k mod K); a chunk holds every point of its classes plus each other
 *    point with probability `mix` (seeded), so every model sees a little of every class;
 *  - 'half-plane': points sorted by their projection on the direction (cos angle, sin angle) and
 *    cut into K slabs of equal count (K = 2: the two sides of the median line);
 *  - 'random': a seeded shuffle cut into K parts of equal count (±1).
 */
import { randomLcg } from 'd3-random';
import { subSeed } from '../flow/flow.ts';
import { checkLabels, checkPoints, MAX_CLASSES } from '../nets/classifier.ts';

/** How a cloud is split. */
export type ChunkSplit = 'classes' | 'half-plane' | 'random';

/** Options of {@link splitChunks}. */
export interface ChunkOptions {
  split: ChunkSplit;
  /** Number of chunks K, integer in 2..8 (default 2). */
  chunks?: number;
  /** Seed of the random choices ('classes' mixing, 'random'), integer >= 0 (default 0). */
  seed?: number;
  /** 'classes': probability that a point of another chunk's classes is shared too, in [0, 1] (default 0.1). */
  mix?: number;
  /** 'half-plane': angle of the direction the cut is across, radians (default 0: left | right). */
  angle?: number;
}

/** Points and labels of one chunk. */
export interface Chunk {
  /** Indices into the original cloud, ascending. */
  indices: Int32Array;
  /** The chunk's points, interleaved. */
  points: Float64Array;
  labels: Int32Array;
}

/**
 * Splits a labelled cloud into K chunks (see the module comment). Every chunk holds at least one
 * point; for 'half-plane' and 'random' the chunks partition the cloud.
 * @param points interleaved, length 2n, finite
 * @param labels n integers in 0..9
 * @throws RangeError on malformed input, fewer points than chunks, or (for 'classes') fewer
 *   distinct classes than chunks
 */
export function splitChunks(points: Float64Array, labels: ArrayLike<number>, options: ChunkOptions): Chunk[] {
  const n = checkPoints(points, 'splitChunks', 1);
  checkLabels(labels, n, MAX_CLASSES, 'splitChunks');
  const K = options.chunks ?? 2;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(K) || K < 2 || K > 8)
    throw new RangeError(`splitChunks: chunks must be an integer in 2..8 (got ${K})`);
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`splitChunks: seed must be an integer >= 0 (got ${seed})`);
  if (n < K) throw new RangeError(`splitChunks: ${K} chunks need at least ${K} points (got ${n})`);
  const rand = randomLcg(subSeed(seed, 0));
  const member: number[][] = Array.from({ length: K }, () => []);
  if (options.split === 'classes') {
    const mix = options.mix ?? 0.1;
    if (!(mix >= 0 && mix <= 1)) throw new RangeError(`splitChunks: mix must be in [0, 1] (got ${mix})`);
    const classes = [...new Set(Array.from({ length: n }, (_, i) => labels[i]))].sort((p, q) => p - q);
    if (classes.length < K) {
      throw new RangeError(
        `splitChunks: splitting by class needs at least ${K} classes (the cloud has ${classes.length})`,
      );
    }
    const owner = new Int32Array(MAX_CLASSES);
    classes.forEach((c, k) => (owner[c] = k % K));
    for (let i = 0; i < n; i++) {
      const own = owner[labels[i]];
      for (let k = 0; k < K; k++) if (k === own || rand() < mix) member[k].push(i);
    }
  } else if (options.split === 'half-plane') {
    const angle = options.angle ?? 0;
    if (!Number.isFinite(angle)) throw new RangeError('splitChunks: angle must be finite');
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const proj = Float64Array.from({ length: n }, (_, i) => c * points[2 * i] + s * points[2 * i + 1]);
    const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => proj[p] - proj[q] || p - q);
    order.forEach((i, r) => member[Math.floor((r * K) / n)].push(i));
  } else if (options.split === 'random') {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(rand() * (i + 1)));
      [order[i], order[j]] = [order[j], order[i]];
    }
    order.forEach((i, r) => member[Math.floor((r * K) / n)].push(i));
  } else {
    throw new RangeError(
      `splitChunks: split must be 'classes', 'half-plane' or 'random' (got ${String(options.split)})`,
    );
  }
  return member.map((list) => {
    const indices = Int32Array.from(list).sort();
    const cp = new Float64Array(2 * indices.length);
    const cl = new Int32Array(indices.length);
    indices.forEach((i, r) => {
      cp[2 * r] = points[2 * i];
      cp[2 * r + 1] = points[2 * i + 1];
      cl[r] = labels[i];
    });
    return { indices, points: cp, labels: cl };
  });
}
