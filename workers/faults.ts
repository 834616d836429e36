/**
 * Test-only fault injection inside the worker (a worker that fails in the middle of a real
 * solve started by the UI). The end-to-end hook (`?e2e`, src/app/testHook.ts) arms a fault with
 * the `armFault` message; the worker then fails at its next *fault point*:
 *
 * - a slice boundary of `runSteps` (workers/runner.ts): the runner yields to the event loop between
 *   slices, which is when the `armFault` message is handled, so a sliced solve (Sinkhorn, the
 *   entropic Brenier map, ICNN and flow training, Wasserstein-Procrustes) fails in the middle, one
 *   slice after the message;
 * - the end of a job call (`withFaultPoints`), after its computation and before its answer. Exact
 *   OT is one synchronous call that never yields, so no message can reach the worker during it:
 *   the test arms the fault while the lane is idle and the next job consumes it, dying after it
 *   computed and before it answered — for the client, in the middle of the job.
 *
 * Nothing happens unless a fault is armed: a fault point costs one comparison.
 */

/** 'throw': the job fails with an error (the worker lives on); 'crash': the worker dies (its
 * `error` event); 'hang': the worker spins forever without yielding (only terminate stops it);
 * 'nan': the next job answers normally but with a NaN in its result's first float array (only at
 * the end of a job), which the app's results cache must refuse rather than draw. */
export type FaultKind = 'throw' | 'crash' | 'hang' | 'nan';

/** The message of an injected 'throw', as the user sees it. */
export const INJECTED_THROW_MESSAGE = 'The solver failed in the middle of the solve (injected test fault).';

let armed: FaultKind | null = null;

/** Arms `kind`: the next fault point fires it (once). */
export function armFault(kind: FaultKind): void {
  armed = kind;
}

/** True while a fault waits for the next fault point (a slice boundary or the end of a job). */
export function faultArmed(): boolean {
  return armed !== null && armed !== 'nan';
}

/** Puts a NaN in the first non-empty float array found in `value` (depth first); returns `value`. */
function poisonFirstFloatArray(value: unknown): unknown {
  const visit = (v: unknown): boolean => {
    if ((v instanceof Float64Array || v instanceof Float32Array) && v.length > 0) {
      v[0] = NaN;
      return true;
    }
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return false;
    return Object.values(v).some(visit);
  };
  visit(value);
  return value;
}

/**
 * Fires and disarms the armed fault; call only when `faultArmed()`. Rejects for 'throw'; never
 * settles for 'crash' (the worker's `error` event ends the job) nor returns for 'hang'.
 */
export function fireFault(): Promise<never> {
  const kind = armed;
  armed = null;
  if (kind === 'throw') return Promise.reject(new Error(INJECTED_THROW_MESSAGE));
  if (kind === 'crash') {
    // An uncaught error outside any request is what a real crash looks like to the client.
    setTimeout(() => {
      throw new Error('injected crash');
    }, 0);
    return new Promise<never>(() => {});
  }
  // 'hang': code that never yields, so only terminate-and-respawn can stop it.
  for (;;) {
    /* spin */
  }
}

/** A job request carries a numeric `jobId` (workers/api.ts `JobRequest`); control calls do not. */
function isJobRequest(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && typeof (arg as { jobId?: unknown }).jobId === 'number';
}

/**
 * Adds a fault point at the end of every job call of `methods` (calls whose first argument is a
 * job request); other calls (cancel, stop, arm) pass through untouched. Returns an object of the
 * same type, so `SolverApi` does not change.
 */
export function withFaultPoints<T extends object>(methods: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(methods)) {
    if (typeof value !== 'function') {
      out[name] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    out[name] = (...args: unknown[]): unknown => {
      if (!isJobRequest(args[0])) return fn.apply(methods, args);
      return (async () => {
        const result = await fn.apply(methods, args);
        if (armed === 'nan') {
          armed = null;
          return poisonFirstFloatArray(result);
        }
        if (faultArmed()) await fireFault();
        return result;
      })();
    };
  }
  return out as T;
}
