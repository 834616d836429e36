import { describe, expect, it } from 'vitest';
import { exampleScenario } from '../../scenario/examples.ts';
import { parseScenario, scenarioToJson } from '../../scenario/schema.ts';
import {
  addPair,
  NO_PAIRS,
  pairsByIndex,
  pairsOf,
  pickPoint,
  validPairs,
  withPairs,
  type PointPairs,
} from './pairs.ts';

const list = (p: PointPairs) => Array.from(p.i, (i, k) => [i, p.j[k]]);

describe('addPair', () => {
  it('appends a pair and keeps pairs one-to-one on both sides', () => {
    let p = addPair(NO_PAIRS, 0, 5);
    p = addPair(p, 1, 6);
    expect(list(p)).toEqual([
      [0, 5],
      [1, 6],
    ]);
    expect(list(addPair(p, 0, 7))).toEqual([
      [1, 6],
      [0, 7],
    ]);
    expect(list(addPair(p, 2, 5))).toEqual([
      [1, 6],
      [2, 5],
    ]);
    expect(list(addPair(p, 1, 5))).toEqual([[1, 5]]);
  });
});

describe('validPairs and pairsByIndex', () => {
  it('drops pairs that point past the end of a cloud, and returns the same object when none do', () => {
    const p = { i: Int32Array.of(0, 4, 2), j: Int32Array.of(1, 1, 3) };
    expect(validPairs(p, 5, 4)).toBe(p);
    expect(list(validPairs(p, 4, 4))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(list(validPairs(p, 5, 3))).toEqual([
      [0, 1],
      [4, 1],
    ]);
  });

  it('pairs k with k up to the smaller cloud', () => {
    expect(list(pairsByIndex(3, 5))).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(pairsByIndex(0, 5).i.length).toBe(0);
  });
});

describe('pickPoint', () => {
  const start = { pairs: NO_PAIRS, pending: null };

  it('source then target makes a pair; target then source makes the same pair', () => {
    const a = pickPoint(pickPoint(start, { side: 0, index: 3 }), { side: 1, index: 8 });
    expect(list(a.pairs)).toEqual([[3, 8]]);
    expect(a.pending).toBeNull();
    const b = pickPoint(pickPoint(start, { side: 1, index: 8 }), { side: 0, index: 3 });
    expect(list(b.pairs)).toEqual([[3, 8]]);
  });

  it('a second point of the same side replaces the pick; the same point or empty space drops it', () => {
    const s1 = pickPoint(start, { side: 0, index: 3 });
    expect(pickPoint(s1, { side: 0, index: 4 }).pending).toEqual({ side: 0, index: 4 });
    expect(pickPoint(s1, { side: 0, index: 3 }).pending).toBeNull();
    const none = pickPoint(s1, null);
    expect(none.pending).toBeNull();
    expect(none.pairs).toBe(NO_PAIRS);
  });
});

describe('pairs in the scenario', () => {
  it('are read from and written to the `pairs` parameter, and survive a file round trip', () => {
    const base = {
      ...exampleScenario(),
      method: 'procrustes' as const,
      params: { correspondence: 'pairs', pairs: [] },
    };
    expect(pairsOf(base)).toBe(NO_PAIRS);
    const s = withPairs(base, addPair(addPair(NO_PAIRS, 0, 5), 2, 1));
    expect(s.params.pairs).toEqual([
      [0, 5],
      [2, 1],
    ]);
    // Read once per parameter value: the same list object gives the same pairs object.
    expect(pairsOf(s)).toBe(pairsOf(s));
    const back = parseScenario(scenarioToJson(s));
    expect(back.ok && list(pairsOf(back.scenario))).toEqual([
      [0, 5],
      [2, 1],
    ]);
  });
});
