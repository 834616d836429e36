/**
 * Test helpers for the adaptation kernels: the rotated-moons and three-blobs reference fixtures
 * as typed arrays, and small comparisons.
 */
import { expect } from 'vitest';
import exactRef from '../fixtures/adaptation_00_moons_exact.json';

/** A labelled cloud as the fixtures store it (scenario format v2). */
export interface FixtureCloud {
  points: number[][];
  weights?: number[];
  labels?: number[];
}

/** A cloud as the kernels take it. */
export interface LabelledCloud {
  points: Float64Array;
  labels: Int32Array;
  weights: Float64Array | null;
  n: number;
}

export function cloudOf(c: FixtureCloud): LabelledCloud {
  return {
    points: Float64Array.from(c.points.flat()),
    labels: Int32Array.from(c.labels ?? []),
    weights: c.weights ? Float64Array.from(c.weights) : null,
    n: c.points.length,
  };
}

/**
 * The rotated moons (adaptation_NN fixtures): a labelled source (100 points, two moons) and a
 * target (110 points, the moons rotated by 40° and shifted) whose labels are for scoring only.
 */
export function rotatedMoons(): { source: LabelledCloud; target: LabelledCloud } {
  const [source, target] = exactRef.scenario.clouds;
  return { source: cloudOf(source), target: cloudOf(target) };
}

/** Largest |p_k − q_k| (asserts equal lengths). */
export function maxAbsDiff(p: ArrayLike<number>, q: ArrayLike<number>): number {
  expect(p.length).toBe(q.length);
  let d = 0;
  for (let k = 0; k < p.length; k++) d = Math.max(d, Math.abs(p[k] - q[k]));
  return d;
}
