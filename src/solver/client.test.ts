import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobProgress, SolverApi } from '../../workers/api.ts';
import { SolverClient, type WorkerHandle } from './client.ts';

/**
 * A fake worker: each request is a deferred the test resolves; `cancel` rejects the job
 * cooperatively unless the fake is "hung" (a kernel that never yields).
 */
function fakeFactory() {
  const made: FakeWorker[] = [];
  class FakeWorker implements WorkerHandle {
    terminated = false;
    hung = false;
    /** Faults armed through `injectFault`, in order. */
    armed: string[] = [];
    /** Busy in one synchronous call: pings wait until `unblock`. */
    blocking = false;
    queued: (() => void)[] = [];
    pings = 0;
    stops: number[] = [];
    unblock() {
      this.blocking = false;
      for (const r of this.queued.splice(0)) r();
    }
    crash: (m: string) => void = () => {};
    jobs = new Map<
      number,
      { resolve: (v: unknown) => void; reject: (e: Error) => void; progress: (p: JobProgress) => void }
    >();
    api = {
      cancel: (id: number) => {
        if (this.hung) return;
        this.jobs.get(id)?.reject(new Error('cancelled'));
      },
      /** Stop requests received (the test decides whether the job answers). */
      stop: (id: number) => {
        this.stops.push(id);
        return Promise.resolve();
      },
      armFault: (kind: 'throw' | 'crash' | 'hang') => {
        // A hung worker handles no message.
        if (this.hung) return new Promise<void>(() => {});
        this.armed.push(kind);
        // A real worker spins from its next slice on: it no longer honours cancel.
        if (kind === 'hang') this.hung = true;
        return Promise.resolve();
      },
      ping: () => {
        this.pings++;
        if (this.hung) return new Promise<void>(() => {});
        if (this.blocking) return new Promise<void>((r) => this.queued.push(r));
        return Promise.resolve();
      },
      work: (id: number, progress: (p: JobProgress) => void) =>
        new Promise((resolve, reject) => this.jobs.set(id, { resolve, reject, progress })),
    };
    terminate() {
      this.terminated = true;
    }
    onCrash(cb: (m: string) => void) {
      this.crash = cb;
    }
  }
  return {
    made,
    create: () => {
      const w = new FakeWorker();
      made.push(w);
      return w;
    },
  };
}

const work = (api: SolverApi, id: number, p: (x: JobProgress) => void) =>
  (api as unknown as { work: (id: number, p: (x: JobProgress) => void) => Promise<unknown> }).work(id, p);

describe('SolverClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves a job with its value', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create });
    const out = c.run('lane', work);
    [...f.made[0].jobs.values()][0].resolve(42);
    await expect(out).resolves.toEqual({ status: 'done', value: 42 });
  });

  it('a newer request supersedes the older one, which settles as cancelled', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create });
    const first = c.run('lane', work);
    const second = c.run('lane', work);
    await expect(first).resolves.toEqual({ status: 'cancelled' });
    const jobs = [...f.made[0].jobs.values()];
    jobs[1].resolve('new');
    await expect(second).resolves.toEqual({ status: 'done', value: 'new' });
    expect(f.made.length).toBe(1); // cooperative cancel: same worker kept
  });

  it('stop asks the job to end; a job that answers keeps its result, the lane is not cancelled', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create });
    const out = c.run('lane', work);
    c.stop('lane', 2000);
    const [id] = [...f.made[0].jobs.keys()];
    expect(f.made[0].stops).toEqual([id]);
    // A training answers with what it has.
    f.made[0].jobs.get(id)!.resolve('so far');
    await expect(out).resolves.toEqual({ status: 'done', value: 'so far' });
    await vi.advanceTimersByTimeAsync(2500);
    expect(f.made[0].terminated).toBe(false);
  });

  it('stop cancels a job that has not settled after the grace period', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create });
    const out = c.run('lane', work);
    c.stop('lane', 2000);
    await vi.advanceTimersByTimeAsync(1999);
    expect(c.busy('lane')).toBe(true);
    await vi.advanceTimersByTimeAsync(2);
    await expect(out).resolves.toEqual({ status: 'cancelled' });
    // Stopping an idle lane does nothing.
    c.stop('lane', 10);
    expect(f.made[0].stops).toHaveLength(1);
  });

  it('progress of a superseded job is dropped', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create });
    const seen: string[] = [];
    void c.run('lane', work, () => seen.push('first'));
    void c.run('lane', work, () => seen.push('second'));
    const jobs = [...f.made[0].jobs.values()];
    jobs[0].progress({ fraction: 0.5 });
    jobs[1].progress({ fraction: 0.5 });
    expect(seen).toEqual(['second']);
  });

  it('terminates and respawns a worker that ignores cancel, then re-sends the newer request', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create, hangTimeoutMs: 300 });
    const first = c.run('lane', work);
    f.made[0].hung = true;
    const second = c.run('lane', work);
    await vi.advanceTimersByTimeAsync(299);
    expect(f.made[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(f.made[0].terminated).toBe(true);
    await expect(first).resolves.toEqual({ status: 'cancelled' });
    expect(f.made.length).toBe(2);
    const jobs = [...f.made[1].jobs.values()];
    expect(jobs.length).toBe(1);
    jobs[0].resolve('again');
    await expect(second).resolves.toEqual({ status: 'done', value: 'again' });
  });

  it('a chain of superseding requests does not postpone terminating a hung worker', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create, hangTimeoutMs: 300 });
    const hung = c.run('lane', work);
    f.made[0].hung = true;
    await vi.advanceTimersByTimeAsync(200);
    const middle = c.run('lane', work);
    await vi.advanceTimersByTimeAsync(200);
    const last = c.run('lane', work);
    await vi.advanceTimersByTimeAsync(150);
    expect(f.made[0].terminated).toBe(true);
    await expect(hung).resolves.toEqual({ status: 'cancelled' });
    await expect(middle).resolves.toEqual({ status: 'cancelled' });
    const jobs = [...f.made[1].jobs.values()];
    expect(jobs.length).toBe(1);
    jobs[0].resolve('last');
    await expect(last).resolves.toEqual({ status: 'done', value: 'last' });
  });

  it('a crash fails the job with a message and the next request gets a fresh worker', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create });
    const out = c.run('lane', work);
    f.made[0].crash('boom');
    const o = await out;
    expect(o.status).toBe('error');
    expect(o.status === 'error' && o.message).toMatch(/stopped unexpectedly.*boom/);
    expect(f.made[0].terminated).toBe(true);
    const next = c.run('lane', work);
    expect(f.made.length).toBe(2);
    [...f.made[1].jobs.values()][0].resolve(1);
    await expect(next).resolves.toEqual({ status: 'done', value: 1 });
  });

  it('lanes are independent', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create });
    const a = c.run('a', work);
    const b = c.run('b', work);
    expect(f.made.length).toBe(2);
    [...f.made[1].jobs.values()][0].resolve('b');
    await expect(b).resolves.toEqual({ status: 'done', value: 'b' });
    c.cancel('a');
    await expect(a).resolves.toEqual({ status: 'cancelled' });
  });

  it('a worker error other than cancel is an error outcome', async () => {
    const f = fakeFactory();
    const c = new SolverClient({ createHandle: f.create });
    const out = c.run('lane', work);
    [...f.made[0].jobs.values()][0].reject(new Error('bad input: epsilon'));
    await expect(out).resolves.toEqual({ status: 'error', message: 'bad input: epsilon' });
  });

  describe('injectFault (test-only)', () => {
    /** Resolves to the outcome if `p` has settled, else 'pending' (after pending microtasks run). */
    const peek = async <T>(p: Promise<T>) => {
      let out: T | 'pending' = 'pending';
      void p.then((v) => (out = v));
      await vi.advanceTimersByTimeAsync(0);
      return out;
    };

    it('reaches the running job’s worker without superseding the job', async () => {
      const f = fakeFactory();
      const c = new SolverClient({ createHandle: f.create });
      const out = c.run('lane', work);
      await expect(c.injectFault('lane', 'crash')).resolves.toBe('armed');
      expect(f.made.length).toBe(1);
      expect(f.made[0].armed).toEqual(['crash']);
      expect(await peek(out)).toBe('pending');
      expect(c.busy('lane')).toBe(true);
      // The worker then dies at its next slice: the job fails with a message, the lane recovers.
      f.made[0].crash('Uncaught Error: injected crash');
      const o = await out;
      expect(o.status === 'error' && o.message).toMatch(/stopped unexpectedly.*injected crash.*restarted/);
      expect(c.busy('lane')).toBe(false);
      const next = c.run('lane', work);
      expect(f.made.length).toBe(2);
      [...f.made[1].jobs.values()][0].resolve('ok');
      await expect(next).resolves.toEqual({ status: 'done', value: 'ok' });
    });

    it('on an idle lane, arms the worker that the next job then runs on', async () => {
      const f = fakeFactory();
      const c = new SolverClient({ createHandle: f.create });
      await c.injectFault('lane', 'throw');
      expect(f.made.length).toBe(1);
      expect(f.made[0].armed).toEqual(['throw']);
      const out = c.run('lane', work);
      expect(f.made.length).toBe(1);
      expect(f.made[0].jobs.size).toBe(1);
      [...f.made[0].jobs.values()][0].reject(new Error('injected'));
      await expect(out).resolves.toEqual({ status: 'error', message: 'injected' });
    });

    it('a job hung mid-solve keeps running until stopped; Stop then replaces its worker', async () => {
      const f = fakeFactory();
      const c = new SolverClient({ createHandle: f.create, hangTimeoutMs: 300 });
      const out = c.run('lane', work);
      await c.injectFault('lane', 'hang');
      // No timer runs on its own: a hang is noticed only when a cancel goes unanswered.
      await vi.advanceTimersByTimeAsync(5000);
      expect(await peek(out)).toBe('pending');
      expect(f.made[0].terminated).toBe(false);
      c.cancel('lane');
      await vi.advanceTimersByTimeAsync(301);
      expect(f.made[0].terminated).toBe(true);
      await expect(out).resolves.toEqual({ status: 'cancelled' });
      const next = c.run('lane', work);
      expect(f.made.length).toBe(2);
      [...f.made[1].jobs.values()][0].resolve(7);
      await expect(next).resolves.toEqual({ status: 'done', value: 7 });
    });

    it('resolves "replaced" when the lane’s worker is terminated before it armed the fault', async () => {
      const f = fakeFactory();
      const c = new SolverClient({ createHandle: f.create, hangTimeoutMs: 300 });
      const first = c.run('lane', work);
      f.made[0].hung = true;
      const injected = c.injectFault('lane', 'crash');
      expect(await peek(injected)).toBe('pending');
      // A newer request: the hung worker ignores the cancel and is terminated.
      const second = c.run('lane', work);
      await vi.advanceTimersByTimeAsync(301);
      await expect(injected).resolves.toBe('replaced');
      await expect(first).resolves.toEqual({ status: 'cancelled' });
      expect(f.made[1].armed).toEqual([]); // the fault did not follow to the new worker
      [...f.made[1].jobs.values()][0].resolve('fresh');
      await expect(second).resolves.toEqual({ status: 'done', value: 'fresh' });
    });
  });

  describe('watchdog', () => {
    const watchdog = { pingMs: 1000, silentMs: 5000 };

    it('a time-sliced job whose worker stops answering fails with a message; the lane respawns', async () => {
      const f = fakeFactory();
      const c = new SolverClient({ createHandle: f.create, watchdog });
      const out = c.run('lane', work);
      await vi.advanceTimersByTimeAsync(2500); // answered: the job yields between slices
      f.made[0].hung = true; // then a kernel loops without yielding
      await vi.advanceTimersByTimeAsync(6000);
      await expect(out).resolves.toEqual({
        status: 'error',
        message: 'The solver stopped responding for 5 s and has been restarted. Your scenario is unchanged.',
      });
      expect(f.made[0].terminated).toBe(true);
      const next = c.run('lane', work);
      expect(f.made).toHaveLength(2);
      [...f.made[1].jobs.values()][0].resolve('ok');
      await expect(next).resolves.toEqual({ status: 'done', value: 'ok' });
    });

    it('leaves alone a job that never answered (one long synchronous call)', async () => {
      const f = fakeFactory();
      const c = new SolverClient({ createHandle: f.create, watchdog });
      const out = c.run('lane', work);
      f.made[0].blocking = true;
      await vi.advanceTimersByTimeAsync(30_000);
      expect(f.made[0].terminated).toBe(false);
      [...f.made[0].jobs.values()][0].resolve('slow but fine');
      f.made[0].unblock();
      await expect(out).resolves.toEqual({ status: 'done', value: 'slow but fine' });
    });

    it('pings only while a job runs', async () => {
      const f = fakeFactory();
      const c = new SolverClient({ createHandle: f.create, watchdog });
      const out = c.run('lane', work);
      await vi.advanceTimersByTimeAsync(3500);
      expect(f.made[0].pings).toBe(3);
      [...f.made[0].jobs.values()][0].resolve(1);
      await out;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(f.made[0].pings).toBe(3);
    });

    it('a new timing applies to a job already running', async () => {
      const f = fakeFactory();
      const c = new SolverClient({ createHandle: f.create, watchdog: { pingMs: 1000, silentMs: 60_000 } });
      const out = c.run('lane', work);
      await vi.advanceTimersByTimeAsync(1500);
      c.setWatchdog(watchdog);
      f.made[0].hung = true;
      await vi.advanceTimersByTimeAsync(7000);
      await expect(out).resolves.toMatchObject({ status: 'error' });
    });
  });
});
