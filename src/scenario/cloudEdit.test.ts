import { describe, expect, it } from 'vitest';
import {
  appendPoints,
  clearCloud,
  meanWeight,
  moveIndices,
  nearestPoint,
  pointsInPolygon,
  pointsInRect,
  pointsWithinRadius,
  remapAfterRemoval,
  removeIndices,
  setClass,
} from './cloudEdit.ts';
import type { Cloud } from './types.ts';

const cloud = (pts: number[], weights?: number[], labels?: number[]): Cloud => ({
  name: 'Cloud',
  points: Float64Array.from(pts),
  weights: weights ? Float64Array.from(weights) : null,
  labels: labels ? Int32Array.from(labels) : null,
});

/** Deep copy, to check that an edit left its input untouched. */
const snapshot = (c: Cloud) => ({
  points: Array.from(c.points),
  weights: c.weights && Array.from(c.weights),
  labels: c.labels && Array.from(c.labels),
});

// Three points on the x axis at 0, 1, 2 with weights 1, 2, 3 and labels 7, 8, 9.
const weighted = () => cloud([0, 0, 1, 0, 2, 0], [1, 2, 3], [7, 8, 9]);

/** A cloud with no points (the state of a cleared cloud). */
const EMPTY_CLOUD = Object.freeze({
  name: 'Empty',
  points: new Float64Array(0),
  weights: null,
  labels: null,
});

describe('appendPoints', () => {
  it('keeps uniform clouds uniform and unlabelled', () => {
    const c = cloud([0, 0]);
    const out = appendPoints(c, [1, 2, 3, 4]);
    expect(Array.from(out.points)).toEqual([0, 0, 1, 2, 3, 4]);
    expect(out.weights).toBeNull();
    expect(out.labels).toBeNull();
  });

  it('gives appended points the mean weight and label 0, aligned with the points', () => {
    const c = weighted();
    const before = snapshot(c);
    const out = appendPoints(c, [5, 5, 6, 6]);
    expect(out.points.length / 2).toBe(5);
    expect(Array.from(out.weights!)).toEqual([1, 2, 3, 2, 2]);
    expect(Array.from(out.labels!)).toEqual([7, 8, 9, 0, 0]);
    expect(snapshot(c)).toEqual(before);
  });

  it('returns the same cloud when nothing is appended', () => {
    const c = weighted();
    expect(appendPoints(c, [])).toBe(c);
  });

  it('appends to an empty cloud', () => {
    const out = appendPoints(EMPTY_CLOUD, [1, 1]);
    expect(Array.from(out.points)).toEqual([1, 1]);
    expect(out.weights).toBeNull();
    expect(EMPTY_CLOUD.points.length).toBe(0);
  });
});

describe('removeIndices', () => {
  it('removes points with their weights and labels', () => {
    const c = weighted();
    const before = snapshot(c);
    const out = removeIndices(c, [1]);
    expect(Array.from(out.points)).toEqual([0, 0, 2, 0]);
    expect(Array.from(out.weights!)).toEqual([1, 3]);
    expect(Array.from(out.labels!)).toEqual([7, 9]);
    expect(snapshot(c)).toEqual(before);
  });

  it('removing all points gives an empty cloud without weights or labels', () => {
    const out = removeIndices(weighted(), [0, 1, 2]);
    expect(out.points.length).toBe(0);
    expect(out.weights).toBeNull();
    expect(out.labels).toBeNull();
  });

  it('falls back to uniform weights when the remaining weights are all zero', () => {
    const out = removeIndices(cloud([0, 0, 1, 1], [0, 1]), [1]);
    expect(out.points.length).toBe(2);
    expect(out.weights).toBeNull();
  });

  it('ignores out-of-range and repeated indices and returns the same cloud for no-ops', () => {
    const c = weighted();
    expect(removeIndices(c, [])).toBe(c);
    expect(removeIndices(c, [5, -1])).toBe(c);
    expect(Array.from(removeIndices(c, [2, 2]).points)).toEqual([0, 0, 1, 0]);
    expect(removeIndices(EMPTY_CLOUD, [0])).toBe(EMPTY_CLOUD);
  });
});

describe('moveIndices', () => {
  it('moves only the listed points and shares weights and labels', () => {
    const c = weighted();
    const before = snapshot(c);
    const out = moveIndices(c, [2, 0, 2], 0.5, -1);
    expect(Array.from(out.points)).toEqual([0.5, -1, 1, 0, 2.5, -1]);
    expect(out.weights).toBe(c.weights);
    expect(out.labels).toBe(c.labels);
    expect(snapshot(c)).toEqual(before);
  });

  it('returns the same cloud for a zero move or no valid index', () => {
    const c = weighted();
    expect(moveIndices(c, [0], 0, 0)).toBe(c);
    expect(moveIndices(c, [9], 1, 1)).toBe(c);
    expect(moveIndices(c, [], 1, 1)).toBe(c);
  });
});

describe('queries', () => {
  // A 3×3 grid: index i at (i % 3, floor(i / 3)).
  const grid = cloud([0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1, 0, 2, 1, 2, 2, 2]);

  it('pointsInRect includes edges and accepts corners in any order', () => {
    expect(Array.from(pointsInRect(grid, 1, 1, 2, 2))).toEqual([4, 5, 7, 8]);
    expect(Array.from(pointsInRect(grid, 2, 2, 1, 1))).toEqual([4, 5, 7, 8]);
    expect(Array.from(pointsInRect(grid, 0.1, 0.1, 0.9, 0.9))).toEqual([]);
    expect(pointsInRect(EMPTY_CLOUD, -1, -1, 1, 1).length).toBe(0);
  });

  it('pointsInPolygon selects inside a triangle and handles a concave polygon', () => {
    // Triangle around (0,0), (1,0), (0,1) with a margin.
    expect(Array.from(pointsInPolygon(grid, [-0.1, -0.1, 1.5, -0.1, -0.1, 1.5]))).toEqual([0, 1, 3]);
    // An L shape (concave) covering the bottom row and the left column, not the centre.
    const L = [-0.5, -0.5, 2.5, -0.5, 2.5, 0.5, 0.5, 0.5, 0.5, 2.5, -0.5, 2.5];
    expect(Array.from(pointsInPolygon(grid, L))).toEqual([0, 1, 2, 3, 6]);
    expect(pointsInPolygon(grid, [0, 0, 1, 1]).length).toBe(0);
  });

  it('pointsWithinRadius is inclusive', () => {
    expect(Array.from(pointsWithinRadius(grid, 1, 1, 1))).toEqual([1, 3, 4, 5, 7]);
    expect(Array.from(pointsWithinRadius(grid, 1, 1, 0.5))).toEqual([4]);
  });

  it('nearestPoint finds the nearest within the limit, or null', () => {
    const hit = nearestPoint(grid, 1.9, 0.2, 0.5)!;
    expect(hit.index).toBe(2);
    expect(hit.distance).toBeCloseTo(Math.hypot(0.1, 0.2), 12);
    expect(nearestPoint(grid, 0.5, 0.5, 0.2)).toBeNull();
    expect(nearestPoint(EMPTY_CLOUD, 0, 0, 10)).toBeNull();
    // Equidistant from 0 and 1: the lower index wins.
    expect(nearestPoint(grid, 0.5, 0, 1)!.index).toBe(0);
  });
});

describe('helpers', () => {
  it('clearCloud empties any cloud', () => {
    const out = clearCloud(weighted());
    expect(out.points.length).toBe(0);
    expect(out.weights).toBeNull();
    expect(clearCloud(EMPTY_CLOUD)).toBe(EMPTY_CLOUD);
    expect(clearCloud({ ...EMPTY_CLOUD, points: Float64Array.of(1, 2), name: 'Ring' })).toEqual({
      ...EMPTY_CLOUD,
      name: 'Ring',
    });
  });

  it('meanWeight is 1 for uniform clouds', () => {
    expect(meanWeight(cloud([0, 0]))).toBe(1);
    expect(meanWeight(weighted())).toBe(2);
  });

  it('remapAfterRemoval drops removed indices and shifts the rest', () => {
    expect(Array.from(remapAfterRemoval([0, 2, 3, 6], [1, 3, 4]))).toEqual([0, 1, 3]);
    expect(Array.from(remapAfterRemoval([], [1]))).toEqual([]);
    expect(Array.from(remapAfterRemoval([1, 2], []))).toEqual([1, 2]);
  });
});

describe('classes by hand', () => {
  it('appendPoints with a class labels the new points; an unlabelled cloud becomes labelled (class 0 before)', () => {
    const plain = cloud([0, 0, 1, 1]);
    const next = appendPoints(plain, [2, 2, 3, 3], 4);
    expect(Array.from(next.labels!)).toEqual([0, 0, 4, 4]);
    const labelled = appendPoints(cloud([0, 0], undefined, [7]), [1, 1], 2);
    expect(Array.from(labelled.labels!)).toEqual([7, 2]);
    // Without a class, an unlabelled cloud stays unlabelled and a labelled one appends class 0.
    expect(appendPoints(plain, [5, 5]).labels).toBeNull();
    expect(Array.from(appendPoints(cloud([0, 0], undefined, [7]), [1, 1]).labels!)).toEqual([7, 0]);
  });

  it('setClass changes only the selected points, and returns the cloud itself when nothing changes', () => {
    const c = cloud([0, 0, 1, 1, 2, 2], undefined, [1, 1, 1]);
    const next = setClass(c, Int32Array.from([0, 2, 9]), 3);
    expect(Array.from(next.labels!)).toEqual([3, 1, 3]);
    expect(Array.from(c.labels!)).toEqual([1, 1, 1]); // the input is not mutated
    expect(setClass(next, Int32Array.from([0]), 3)).toBe(next);
    const plain = setClass(cloud([0, 0, 1, 1]), Int32Array.from([1]), 5);
    expect(Array.from(plain.labels!)).toEqual([0, 5]);
  });
});
