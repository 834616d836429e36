/**
 * The fuzz tests' per-call time bound (no input may take more than 100 ms). A bound against
 * hangs and blow-ups, not a benchmark: a normal call takes well under 1 ms. A call over the bound
 * is run once more and only fails when the repeat is slow too, so a garbage-collection pause or a
 * busy machine (CI runs test files in parallel) does not fail a deterministic input that is fast.
 * Only for pure, repeatable calls.
 */

/** Per-call bound, ms. */
export const MAX_CALL_MS = 100;

const slow = (ms: number) => ms >= MAX_CALL_MS;
const fail = (a: number, b: number): never => {
  throw new Error(`took ${a.toFixed(1)} ms, then ${b.toFixed(1)} ms on a repeat (bound ${MAX_CALL_MS} ms)`);
};

/** Runs `f` (again if the first run was slow); throws if both runs exceed MAX_CALL_MS. */
export function timed<T>(f: () => T): T {
  let t0 = performance.now();
  const r = f();
  const first = performance.now() - t0;
  if (!slow(first)) return r;
  t0 = performance.now();
  const again = f();
  const second = performance.now() - t0;
  return slow(second) ? fail(first, second) : again;
}

/** `timed` for an async call. */
export async function timedAsync<T>(f: () => Promise<T>): Promise<T> {
  let t0 = performance.now();
  const r = await f();
  const first = performance.now() - t0;
  if (!slow(first)) return r;
  t0 = performance.now();
  const again = await f();
  const second = performance.now() - t0;
  return slow(second) ? fail(first, second) : again;
}
