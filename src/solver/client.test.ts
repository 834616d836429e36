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
});
