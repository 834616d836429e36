/**
 * Drawn correspondences for Procrustes: the list of (source i, target j) pairs, whether the panel
 * uses them ("Drawn pairs" mode), whether the pair tool is on, and the half-made pair. This is
 * session state of the Procrustes panel, outside the zustand store and outside the scenario: the
 * scenario format v1 has no place for pairs, so drawn pairs are not saved in files or links (a
 * saved scenario records `correspondence: index`).
 *
 * State objects are immutable and replaced whole, so listeners compare by reference.
 */
import type { Side } from '../../scenario/types.ts';

/** Source index i[k] ↔ target index j[k]; one-to-one (no index repeats on either side). */
export interface PointPairs {
  readonly i: Int32Array;
  readonly j: Int32Array;
}

/** A point picked by the pair tool, waiting for its partner on the other side. */
export interface PendingPick {
  readonly side: Side;
  readonly index: number;
}

export interface PairState {
  readonly pairs: PointPairs;
  /** The panel's "Drawn pairs" correspondence mode. */
  readonly drawnMode: boolean;
  /** The pair tool captures clicks on the stage. */
  readonly toolOn: boolean;
  readonly pending: PendingPick | null;
}

export const NO_PAIRS: PointPairs = { i: new Int32Array(0), j: new Int32Array(0) };

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
 * side than the picked one completes a pair; a click on the picked point again, or on empty space,
 * drops the pick; a click on another point of the same side picks that one instead.
 * @param hit the point under the click, or null
 */
export function pickPoint(
  s: Pick<PairState, 'pairs' | 'pending'>,
  hit: PendingPick | null,
): Pick<PairState, 'pairs' | 'pending'> {
  const { pending } = s;
  if (!hit || (pending && pending.side === hit.side && pending.index === hit.index)) {
    return { pairs: s.pairs, pending: null };
  }
  if (!pending || pending.side === hit.side) return { pairs: s.pairs, pending: hit };
  const [i, j] = hit.side === 'target' ? [pending.index, hit.index] : [hit.index, pending.index];
  return { pairs: addPair(s.pairs, i, j), pending: null };
}

type Listener = (state: PairState, previous: PairState) => void;

let state: PairState = { pairs: NO_PAIRS, drawnMode: false, toolOn: false, pending: null };
const listeners = new Set<Listener>();

/** The current state (replaced whole on every change). */
export function getPairState(): PairState {
  return state;
}

/** Merges `patch` into the state and notifies listeners (nothing happens when no field changes). */
export function updatePairState(patch: Partial<PairState>): void {
  const next = { ...state, ...patch };
  if ((Object.keys(patch) as (keyof PairState)[]).every((k) => next[k] === state[k])) return;
  const previous = state;
  state = next;
  for (const l of listeners) l(state, previous);
}

/** Calls `listener` after every change; returns the unsubscribe function. */
export function subscribePairs(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
