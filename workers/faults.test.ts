import { afterEach, describe, expect, it, vi } from 'vitest';
import { armFault, faultArmed, INJECTED_THROW_MESSAGE, withFaultPoints } from './faults.ts';
import { runSteps } from './runner.ts';

/** One real turn of Node's event loop (setImmediate: not faked below, and not in the WebWorker lib). */
const turn = () =>
  new Promise<void>((r) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(r));

/** Busy-waits `ms` so a run of steps crosses the runner's slice boundaries (12 ms). */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* work */
  }
}

/**
 * `total` steps of about 1 ms; at step `armAt` a fault is armed, as if the worker had just handled
 * an `armFault` message. `ran.count` counts the steps actually run.
 */
function* steps(total: number, ran: { count: number }, armAt = -1, kind: 'throw' | 'crash' = 'throw') {
  for (let k = 0; k < total; k++) {
    if (k === armAt) armFault(kind);
    spin(1);
    ran.count++;
    yield k;
  }
  return 'finished';
}

describe('injected faults in the runner', () => {
  afterEach(() => {
    vi.useRealTimers();
    expect(faultArmed()).toBe(false);
  });

  it('a fault armed during a solve fails it at the next slice boundary, before it finishes', async () => {
    const ran = { count: 0 };
    await expect(runSteps(1, steps(400, ran, 5), () => null)).rejects.toThrow(INJECTED_THROW_MESSAGE);
    // Fired within a slice or two of arming, far from the end.
    expect(ran.count).toBeGreaterThan(5);
    expect(ran.count).toBeLessThan(400);
  });

  it('fires once: the next solve runs to the end', async () => {
    const ran = { count: 0 };
    await expect(runSteps(2, steps(100, ran, 0), () => null)).rejects.toThrow(INJECTED_THROW_MESSAGE);
    const again = { count: 0 };
    await expect(runSteps(3, steps(100, again), () => null)).resolves.toBe('finished');
    expect(again.count).toBe(100);
  });

  it("'crash' leaves the job unsettled and throws, uncaught, from a timer (the worker's error event)", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const ran = { count: 0 };
    let settled = false;
    void runSteps(4, steps(400, ran, 0, 'crash'), () => null).finally(() => (settled = true));
    // Real turns of the event loop (setImmediate is not faked) until the runner reaches a boundary.
    while (vi.getTimerCount() === 0) await turn();
    const at = ran.count;
    expect(at).toBeLessThan(400);
    expect(() => vi.runOnlyPendingTimers()).toThrow('injected crash');
    for (let k = 0; k < 5; k++) await turn();
    expect(settled).toBe(false);
    expect(ran.count).toBe(at); // the solve does not go on
  });
});

describe('withFaultPoints', () => {
  const methods = {
    async solve(req: { jobId: number; x: number }): Promise<number> {
      return req.x * 2;
    },
    cancel(jobId: number): number {
      return jobId + 1;
    },
  };
  const api = withFaultPoints(methods);

  it('passes results through while nothing is armed', async () => {
    await expect(api.solve({ jobId: 1, x: 21 })).resolves.toBe(42);
    expect(api.cancel(1)).toBe(2);
  });

  it('an armed fault fails the next job call when it ends; control calls do not consume it', async () => {
    armFault('throw');
    expect(api.cancel(4)).toBe(5);
    expect(faultArmed()).toBe(true);
    await expect(api.solve({ jobId: 2, x: 1 })).rejects.toThrow(INJECTED_THROW_MESSAGE);
    expect(faultArmed()).toBe(false);
    await expect(api.solve({ jobId: 3, x: 1 })).resolves.toBe(2);
  });
});

describe("the 'nan' fault", () => {
  it('leaves slices alone and poisons the next job result once, then disarms', async () => {
    const api = withFaultPoints({
      solve: async (req: { jobId: number }) => ({
        id: req.jobId,
        plan: { mass: new Float64Array([0.5, 0.5]) },
      }),
    });
    armFault('nan');
    expect(faultArmed()).toBe(false); // not a slice-boundary fault
    const poisoned = await api.solve({ jobId: 1 });
    expect(Number.isNaN(poisoned.plan.mass[0])).toBe(true);
    expect(poisoned.plan.mass[1]).toBe(0.5);
    const clean = await api.solve({ jobId: 2 });
    expect(Array.from(clean.plan.mass)).toEqual([0.5, 0.5]);
  });
});
