/**
 * The results cache: large typed arrays (plans, grids, trajectories, histograms) keyed by lane,
 * beside the store. Entries are replaced whole, never mutated, so subscribers (canvas layers,
 * charts) compare by reference. Subscribing does not re-render React.
 *
 * Nothing non-finite reaches the stage: a result whose float arrays hold NaN or ±Infinity is
 * refused (the lane is emptied, so nothing stale is drawn either) and reported to the handler set
 * with `onRefusedResult`, which tells the user.
 */
import { firstNonFinite } from './finiteGuard.ts';

type Listener = () => void;
/** Called with the lane and where the bad number is (e.g. `result.plan.mass[3] = NaN`). */
export type RefusalHandler = (lane: string, where: string) => void;

const entries = new Map<string, { runId: number; value: unknown }>();
const listeners = new Set<Listener>();
let refusalHandler: RefusalHandler = (lane, where) =>
  console.error(`Result of "${lane}" refused: non-finite number at ${where}`);

const notifyListeners = () => {
  for (const l of listeners) l();
};

/**
 * Stores `value` as the lane's result for run `runId` and notifies subscribers. Returns false, and
 * stores nothing, when the value holds a non-finite number in a float array.
 */
export function putResult(lane: string, runId: number, value: unknown): boolean {
  if (!isDrawable(lane, value)) {
    entries.delete(lane);
    notifyListeners();
    return false;
  }
  entries.set(lane, { runId, value });
  notifyListeners();
  return true;
}

/**
 * True when `value`'s float arrays are all finite; otherwise reports it as refused (for `lane`) and
 * returns false. For data that reaches the stage without passing through the cache (a training's
 * live preview).
 */
export function isDrawable(lane: string, value: unknown): boolean {
  const bad = firstNonFinite(value);
  if (bad) refusalHandler(lane, bad);
  return bad === null;
}

/** Sets who hears about refused results (the app shows a notice); returns a function restoring the default. */
export function onRefusedResult(handler: RefusalHandler): () => void {
  const prev = refusalHandler;
  refusalHandler = handler;
  return () => {
    refusalHandler = prev;
  };
}

/** The lane's latest result, typed by the caller, or undefined. */
export function getResult<T>(lane: string): { runId: number; value: T } | undefined {
  return entries.get(lane) as { runId: number; value: T } | undefined;
}

/** Drops a lane's result (the scenario changed under it). */
export function clearResult(lane: string): void {
  if (entries.delete(lane)) notifyListeners();
}

/** Calls `listener` after every change; returns the unsubscribe function. */
export function subscribeResults(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
