/**
 * Progress throttling for the worker boundary: at most one message per `intervalMs` (default
 * 40 ms, i.e. 25 a second), and the final state always gets through. Pure, with an injectable
 * clock, so the rule is unit-tested.
 */

/** Decides, for each progress event, whether to send it now. */
export interface Throttle {
  /** True when a message may be sent at time `now` (ms); records the send. */
  ready(now: number): boolean;
}

/** Minimum spacing between progress messages, ms (about 25 messages a second). */
export const PROGRESS_INTERVAL_MS = 40;

export function createThrottle(intervalMs = PROGRESS_INTERVAL_MS): Throttle {
  let last = -Infinity;
  return {
    ready(now) {
      if (now - last < intervalMs) return false;
      last = now;
      return true;
    },
  };
}
