/**
 * Runs a kernel generator inside the worker in time slices, so the worker's event loop turns
 * between slices: that is what lets a `cancel` message (or a superseding request) arrive while a
 * long solve is under way. Progress goes out through the caller's callback, throttled.
 */
import { faultArmed, fireFault } from './faults.ts';
import { TEST_BUILD } from './testBuild.ts';
import { createThrottle } from './throttle.ts';

/** Work done between event-loop turns, ms. Short enough that cancel lands within a frame or two. */
const SLICE_MS = 12;

/** Raised inside the worker when a job was cancelled; the client maps it to a 'cancelled' outcome. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

const cancelled = new Set<number>();

/** Marks a job as cancelled; the runner stops it at its next slice boundary. */
export function cancelJob(jobId: number): void {
  cancelled.add(jobId);
}

const stopRequests = new Set<number>();

/**
 * Asks a job to stop and keep what it has: a stoppable job (a training) sees `stopRequested` and
 * ends early with its current state as the result; any other job is cancelled at its next slice.
 */
export function requestStop(jobId: number): void {
  stopRequests.add(jobId);
}

/** Whether job `jobId` was asked to stop (stoppable jobs check this between steps). */
export function stopRequested(jobId: number): boolean {
  return stopRequests.has(jobId);
}

/** Forgets a stop request: a stoppable job calls this when its API call ends. */
export function forgetStop(jobId: number): void {
  stopRequests.delete(jobId);
}

/** Options of {@link runSteps}. */
export interface RunOptions {
  /**
   * The job ends itself early when `stopRequested` (it returns a result from its current state):
   * the runner keeps driving it after a stop request. Otherwise a stop request cancels it.
   */
  stoppable?: boolean;
}

/**
 * Yields one event-loop turn. A MessageChannel task rather than setTimeout(0): nested timeouts
 * are clamped to 4 ms, which would add a third to the time of a solve yielding every 12 ms.
 */
const nextTurn: () => Promise<void> = (() => {
  // Node (tests, CLI) has setImmediate, and an open MessageChannel port would keep it alive.
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const immediate = g.setImmediate;
    return () => new Promise<void>((resolve) => void immediate(resolve));
  }
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
})();

/**
 * Drives `steps` to completion.
 * @param toProgress maps a yielded value to the message sent to the client (or null to skip it)
 * @param onProgress the client's proxied callback; awaited never (fire and forget)
 */
export async function runSteps<Y, R, P>(
  jobId: number,
  steps: Generator<Y, R>,
  toProgress: (y: Y) => P | null,
  onProgress?: (p: P) => void,
  options: RunOptions = {},
): Promise<R> {
  const throttle = createThrottle();
  let sliceStart = performance.now();
  try {
    for (;;) {
      if (cancelled.has(jobId) || (!options.stoppable && stopRequests.has(jobId))) throw new CancelledError();
      const r = steps.next();
      if (r.done) return r.value;
      const now = performance.now();
      if (onProgress && throttle.ready(now)) {
        const p = toProgress(r.value);
        if (p !== null) void onProgress(p);
      }
      if (now - sliceStart > SLICE_MS) {
        await nextTurn();
        // In the test build, a fault armed during that turn fires here, in the middle of the solve
        // (faults.ts); production has no fault point.
        if (TEST_BUILD && faultArmed()) await fireFault();
        sliceStart = performance.now();
      }
    }
  } finally {
    cancelled.delete(jobId);
    if (!options.stoppable) stopRequests.delete(jobId);
  }
}
