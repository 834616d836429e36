/**
 * The results cache: large typed arrays (plans, grids, trajectories, histograms) keyed by lane,
 * beside the store. Entries are replaced whole, never mutated, so subscribers (canvas layers,
 * charts) compare by reference. Subscribing does not re-render React.
 */

type Listener = () => void;

const entries = new Map<string, { runId: number; value: unknown }>();
const listeners = new Set<Listener>();

/** Stores `value` as the lane's result for run `runId` and notifies subscribers. */
export function putResult(lane: string, runId: number, value: unknown): void {
  entries.set(lane, { runId, value });
  for (const l of listeners) l();
}

/** The lane's latest result, typed by the caller, or undefined. */
export function getResult<T>(lane: string): { runId: number; value: T } | undefined {
  return entries.get(lane) as { runId: number; value: T } | undefined;
}

/** Drops a lane's result (the scenario changed under it). */
export function clearResult(lane: string): void {
  if (entries.delete(lane)) for (const l of listeners) l();
}

/** Calls `listener` after every change; returns the unsubscribe function. */
export function subscribeResults(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
