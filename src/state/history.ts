/**
 * Undo/redo over immutable values. Pure functions over a small record, so the rules (a new edit
 * clears the redo stack, the stack is bounded, a no-op edit is not recorded) are unit-tested
 * without a store.
 */

/** Past and future states around the present one; index 0 of `past` is the oldest. */
export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
}

/** Undo depth kept; older entries are dropped. */
export const HISTORY_LIMIT = 200;

export const emptyHistory = <T>(): History<T> => ({ past: [], future: [] });

/** Records `present` as the state before an edit. A no-op edit (`next === present`) is not recorded. */
export function record<T>(h: History<T>, present: T, next: T): History<T> {
  if (next === present) return h;
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(1) : h.past.slice();
  past.push(present);
  return { past, future: [] };
}

/** Steps back: returns the new present and history, or null when there is nothing to undo. */
export function undo<T>(h: History<T>, present: T): { present: T; history: History<T> } | null {
  if (h.past.length === 0) return null;
  const prev = h.past[h.past.length - 1];
  return { present: prev, history: { past: h.past.slice(0, -1), future: [present, ...h.future] } };
}

/** Steps forward: the inverse of `undo`. */
export function redo<T>(h: History<T>, present: T): { present: T; history: History<T> } | null {
  if (h.future.length === 0) return null;
  const [next, ...rest] = h.future;
  return { present: next, history: { past: [...h.past, present], future: rest } };
}
