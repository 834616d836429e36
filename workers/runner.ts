/**
 * Runs a kernel generator inside the worker in time slices, so the worker's event loop turns
 * between slices: that is what lets a `cancel` message (or a superseding request) arrive while a
 * long solve is under way. Progress goes out through the caller's callback, throttled.
 */
import { faultArmed, fireFault } from './faults.ts';
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
): Promise<R> {
  const throttle = createThrottle();
  let sliceStart = performance.now();
  try {
    for (;;) {
      if (cancelled.has(jobId)) throw new CancelledError();
      const r = steps.next();
      if (r.done) return r.value;
      const now = performance.now();
      if (onProgress && throttle.ready(now)) {
        const p = toProgress(r.value);
        if (p !== null) void onProgress(p);
      }
      if (now - sliceStart > SLICE_MS) {
        await nextTurn();
        // A test-only fault armed during that turn fires here, in the middle of the solve (faults.ts).
        if (faultArmed()) await fireFault();
        sliceStart = performance.now();
      }
    }
  } finally {
    cancelled.delete(jobId);
  }
}
