/**
 * Drawn correspondences for Procrustes. The pairs are part of the scenario (the `pairs` parameter,
 * `[[i, j], ...]`: source point i ↔ target point j; used when `correspondence` is `pairs`), so
 * they are saved in files and links and every change is one undoable edit. The pair tool's session
 * state (whether it captures clicks, the half-made pair) is the method's part of the store.
 *
 * Pair lists are immutable and replaced whole, so users compare them by reference.
 */
import type { ParamValue, Scenario } from '../../scenario/types.ts';
import { defineMethodState } from '../../state/methodState.ts';

/** Source index i[k] ↔ target index j[k]; one-to-one (no index repeats on either side). */
export interface PointPairs {
  readonly i: Int32Array;
  readonly j: Int32Array;
}

/** Which cloud a picked point belongs to: 0 (source) or 1 (target). */
export type PairSide = 0 | 1;

/** A point picked by the pair tool, waiting for its partner in the other cloud. */
export interface PendingPick {
  readonly side: PairSide;
  readonly index: number;
}

/** The pair tool's session state. */
export interface PairToolState {
  /** The pair tool captures clicks on the stage. */
  readonly toolOn: boolean;
  readonly pending: PendingPick | null;
}

/** The pair tool's state in the store. */
export const pairTool = defineMethodState<PairToolState>('procrustes', { toolOn: false, pending: null });

export const NO_PAIRS: PointPairs = { i: new Int32Array(0), j: new Int32Array(0) };

/** Pair lists read from scenario params, by the params' list (so a scenario's pairs are read once). */
const fromParam = new WeakMap<object, PointPairs>();

/** The scenario's drawn pairs (all of them, valid or not for the current clouds). */
export function pairsOf(s: Pick<Scenario, 'params'>): PointPairs {
  const raw = s.params.pairs;
  if (!Array.isArray(raw) || raw.length === 0) return NO_PAIRS;
  let p = fromParam.get(raw);
  if (!p) {
    const list = raw as readonly (readonly [number, number])[];
    p = { i: Int32Array.from(list, (q) => q[0]), j: Int32Array.from(list, (q) => q[1]) };
    fromParam.set(raw, p);
  }
  return p;
}

/** The parameter value of a pair list. */
export function pairsParam(p: PointPairs): ParamValue {
  const out: [number, number][] = Array.from(p.i, (i, k) => [i, p.j[k]]);
  fromParam.set(out, p);
  return out;
}

/** The scenario with its drawn pairs replaced by `p`. */
export function withPairs(s: Scenario, p: PointPairs): Scenario {
  return { ...s, params: { ...s.params, pairs: pairsParam(p) } };
}

/** Adds the pair (i, j), dropping any pair that already uses source i or target j (pairs stay one-to-one). */
export function addPair(p: PointPairs, i: number, j: number): PointPairs {
  const I: number[] = [];
  const J: number[] = [];
  for (let k = 0; k < p.i.length; k++) {
    if (p.i[k] === i || p.j[k] === j) continue;
    I.push(p.i[k]);
    J.push(p.j[k]);
  }
  I.push(i);
  J.push(j);
  return { i: Int32Array.from(I), j: Int32Array.from(J) };
}

/** The pairs whose indices exist in clouds of n source and m target points (the same object when all do). */
export function validPairs(p: PointPairs, n: number, m: number): PointPairs {
  let ok = true;
  for (let k = 0; k < p.i.length && ok; k++) ok = p.i[k] < n && p.j[k] < m;
  if (ok) return p;
  const I: number[] = [];
  const J: number[] = [];
  for (let k = 0; k < p.i.length; k++) {
    if (p.i[k] < n && p.j[k] < m) {
      I.push(p.i[k]);
      J.push(p.j[k]);
    }
  }
  return { i: Int32Array.from(I), j: Int32Array.from(J) };
}

/** Point k ↔ point k for k < min(n, m). */
export function pairsByIndex(n: number, m: number): PointPairs {
  const i = Int32Array.from({ length: Math.min(n, m) }, (_, k) => k);
  return { i, j: i.slice() };
}

/**
 * What a click of the pair tool does. A click on a point picks it; a click on a point of the other
 * cloud than the picked one completes a pair; a click on the picked point again, or on empty space,
 * drops the pick; a click on another point of the same cloud picks that one instead.
 * @param hit the point under the click, or null
 */
export function pickPoint(
  s: { pairs: PointPairs; pending: PendingPick | null },
  hit: PendingPick | null,
): { pairs: PointPairs; pending: PendingPick | null } {
  const { pending } = s;
  if (!hit || (pending && pending.side === hit.side && pending.index === hit.index)) {
    return { pairs: s.pairs, pending: null };
  }
  if (!pending || pending.side === hit.side) return { pairs: s.pairs, pending: hit };
  const [i, j] = hit.side === 1 ? [pending.index, hit.index] : [hit.index, pending.index];
  return { pairs: addPair(s.pairs, i, j), pending: null };
}
