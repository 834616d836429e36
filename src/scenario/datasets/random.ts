/**
 * Seeded random streams for the dataset generators. Everything goes through d3-random's
 * `randomLcg`, whose integer arithmetic is exact in IEEE doubles, so a seed gives the same
 * numbers in Node and in the browser. Normal deviates use `Math.log`/`Math.sqrt`, which V8
 * (Node and Chromium) computes identically; other engines agree to the last bit or two.
 */
import { randomLcg, randomNormal } from 'd3-random';

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * Mixes a seed and a stream number into a 32-bit integer (a murmur3-style finaliser). Plain
 * `randomLcg(seed)` gives neighbouring seeds nearly equal first draws; mixing decorrelates them
 * and gives each generator independent streams (shape and noise) from one seed.
 */
export function mixSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // randomLcg treats seeds in [0, 1) as fractions; an integer >= 1 is taken as the state.
  return h >>> 0 || 1;
}

/** Uniform stream number `stream` of `seed`. */
export function uniformStream(seed: number, stream: number): Uniform {
  return randomLcg(mixSeed(seed, stream));
}

/**
 * Standard normal deviates from `uniform`, truncated to |z| <= `limit` by redrawing (so that
 * generated points stay inside a documented box; at limit 4 about 1 draw in 16,000 is redrawn).
 */
export function truncatedNormal(uniform: Uniform, limit = 4): () => number {
  const normal = randomNormal.source(uniform)(0, 1);
  return () => {
    for (;;) {
      const z = normal();
      if (Math.abs(z) <= limit) return z;
    }
  };
}
