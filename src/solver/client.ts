/**
 * The client side of the worker boundary. Work runs in lanes (one per kind of job: cost
 * statistics, the method's solve, ...), each with its own worker instance, so a hung or crashed
 * solve never takes unrelated work down with it.
 *
 * Rules (DESIGN.md section 3):
 * - A newer request on a lane supersedes the older one: the older is cancelled cooperatively
 *   (`api.cancel`, honoured at the kernel's next slice) and settles as `cancelled`.
 * - Stop (`stop`) asks the lane's job to end and keep what it has (`api.stop`): a training answers
 *   with its network so far, any other job is cancelled at its next slice (its last drawn state
 *   stays). A job that has not settled `graceMs` later is cancelled.
 * - If the older job does not settle within `hangTimeoutMs` after the cancel (a kernel that never
 *   yields), the lane's worker is terminated and respawned, and the newer request re-sent.
 * - A worker that crashes (its `error` event) fails its jobs with a message and is respawned on
 *   the next request.
 * - A watchdog pings the worker of a lane with a running job (`pingMs`). A job whose worker has
 *   answered a ping while it ran is time-sliced, so it answers within a slice; if it then stays
 *   silent for `silentMs`, its worker is stuck (a kernel looping without yielding): it is
 *   terminated and respawned, and the job fails with a message. A job that never answered (one
 *   long synchronous call, like exact OT) is left alone: silence is its normal state.
 * - Tests (the `?e2e` hook only) can make a lane's worker fail in the middle of its running job
 *   with `injectFault`, which reaches the worker beside the job instead of superseding it.
 */
import type { JobProgress, SolverApi } from '../../workers/api.ts';
import type { FaultKind } from '../../workers/faults.ts';

/** How a job ended. Cancellation and errors are values, not exceptions, so callers can't forget them. */
export type Outcome<R> =
  { status: 'done'; value: R } | { status: 'cancelled' } | { status: 'error'; message: string };

/** One worker as the client sees it; `createWorkerHandle` makes real ones, tests make fakes. */
export interface WorkerHandle {
  api: Pick<SolverApi, 'cancel' | 'stop' | 'armFault' | 'ping'> & Record<string, unknown>;
  terminate(): void;
  /** Registers the crash callback (the worker's `error` event). */
  onCrash(cb: (message: string) => void): void;
}

/** The call a job makes: given the lane's API and the job id, start the request. */
export type JobCall<R> = (api: SolverApi, jobId: number, onProgress: (p: JobProgress) => void) => Promise<R>;

interface Job {
  id: number;
  call: JobCall<unknown>;
  onProgress: (p: JobProgress) => void;
  settle: (o: Outcome<unknown>) => void;
  settled: boolean;
  /** When the worker last answered a ping sent while this job ran (ms, Date.now), if ever. */
  lastPong?: number;
}

interface Lane {
  handle: WorkerHandle | null;
  current: Job | null;
  /** Superseded jobs whose cancel the worker has not yet honoured. */
  cancelling: Set<Job>;
  hangTimer: ReturnType<typeof setTimeout> | null;
  /** Called when the lane's worker is terminated (so a pending `injectFault` does not wait forever). */
  onKill: Set<() => void>;
  /** The watchdog's ping interval, while a job runs. */
  pingTimer: ReturnType<typeof setInterval> | null;
}

export interface SolverClientOptions {
  createHandle: () => WorkerHandle;
  /** Grace period for a cancelled job before its worker is terminated, ms. */
  hangTimeoutMs?: number;
  /** The watchdog: ping period and the silence after which a time-sliced job's worker is stuck, ms. */
  watchdog?: WatchdogOptions;
}

/** Watchdog timing, ms (see the class comment). */
export interface WatchdogOptions {
  pingMs: number;
  silentMs: number;
}

/**
 * Fifteen seconds of silence from a job that yields between steps: far longer than one step of any
 * solver on thousands of points, even on a loaded machine. (A single step on clouds near the size
 * limit could in principle run longer; the cost is a false alarm there, never a hang unnoticed.)
 */
const DEFAULT_WATCHDOG: WatchdogOptions = { pingMs: 1000, silentMs: 15_000 };

let nextJobId = 1;

export class SolverClient {
  private lanes = new Map<string, Lane>();
  private readonly createHandle: () => WorkerHandle;
  private readonly hangTimeoutMs: number;
  private watchdog: WatchdogOptions;

  constructor(opts: SolverClientOptions) {
    this.createHandle = opts.createHandle;
    this.hangTimeoutMs = opts.hangTimeoutMs ?? 400;
    this.watchdog = opts.watchdog ?? DEFAULT_WATCHDOG;
  }

  /** Test-only (the `?e2e` hook): changes the watchdog's timing, for running jobs too. */
  setWatchdog(w: WatchdogOptions): void {
    this.watchdog = w;
    // A lane's interval keeps its timing while jobs keep the lane busy: restart the running ones.
    for (const l of this.lanes.values()) {
      if (!l.pingTimer) continue;
      clearInterval(l.pingTimer);
      l.pingTimer = null;
      this.watch(l);
    }
  }

  /**
   * Runs `call` on `lane`, superseding whatever runs there. Progress reaches `onProgress` only
   * while this job is the lane's current one.
   */
  run<R>(
    lane: string,
    call: JobCall<R>,
    onProgress: (p: JobProgress) => void = () => {},
  ): Promise<Outcome<R>> {
    const l = this.lane(lane);
    const previous = l.current;
    return new Promise<Outcome<R>>((resolve) => {
      const job: Job = {
        id: nextJobId++,
        call: call as JobCall<unknown>,
        onProgress,
        settled: false,
        settle: (o) => {
          if (job.settled) return;
          job.settled = true;
          if (l.current === job) l.current = null;
          l.cancelling.delete(job);
          resolve(o as Outcome<R>);
        },
      };
      l.current = job;
      if (previous && !previous.settled) this.supersede(l, previous);
      this.start(l, job);
      this.watch(l);
    });
  }

  /**
   * Asks the lane's current job to stop and keep what it has (see the class comment); cancels it if
   * it has not settled `graceMs` later. Nothing happens on an idle lane.
   */
  stop(lane: string, graceMs = 2000): void {
    const l = this.lanes.get(lane);
    const job = l?.current;
    if (!l || !job) return;
    try {
      void (l.handle?.api.stop(job.id) as Promise<void> | undefined)?.catch(() => {});
    } catch {
      /* the worker may already be gone; the grace timer cancels the job */
    }
    setTimeout(() => {
      if (!job.settled && l.current === job) this.cancel(lane);
    }, graceMs);
  }

  /** Cancels the lane's current job, if any. */
  cancel(lane: string): void {
    const l = this.lanes.get(lane);
    if (l?.current) {
      const job = l.current;
      l.current = null;
      this.supersede(l, job);
    }
  }

  /**
   * Test-only (installed by the `?e2e` hook, never called by the app): arms a fault in `lane`'s
   * worker without superseding or cancelling its job. A running time-sliced job fails at its next
   * slice boundary; otherwise the next job call on the lane fails when it ends (see
   * workers/faults.ts). The lane's worker is spawned if it has none, so a fault armed on an idle
   * lane reaches the worker its next job runs on. Resolves with 'armed' once the worker has the
   * fault armed, or with 'replaced' if the worker was terminated first (a hung or superseded
   * job's worker: it will never answer, and the fault went with it).
   */
  injectFault(lane: string, kind: FaultKind): Promise<'armed' | 'replaced'> {
    const l = this.lane(lane);
    const api = this.ensureHandle(l).api;
    return new Promise((resolve, reject) => {
      const replaced = () => resolve('replaced');
      l.onKill.add(replaced);
      api
        .armFault(kind)
        .then(
          () => resolve('armed'),
          (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
        )
        .finally(() => l.onKill.delete(replaced));
    });
  }

  /** True while a job runs on `lane`. */
  busy(lane: string): boolean {
    return !!this.lanes.get(lane)?.current;
  }

  /** Terminates every worker (page teardown, tests). */
  dispose(): void {
    for (const l of this.lanes.values()) {
      const job = l.current;
      l.current = null;
      this.kill(l);
      job?.settle({ status: 'cancelled' });
    }
    for (const l of this.lanes.values()) if (l.pingTimer) clearInterval(l.pingTimer);
    this.lanes.clear();
  }

  private lane(name: string): Lane {
    let l = this.lanes.get(name);
    if (!l) {
      l = {
        handle: null,
        current: null,
        cancelling: new Set(),
        hangTimer: null,
        onKill: new Set(),
        pingTimer: null,
      };
      this.lanes.set(name, l);
    }
    return l;
  }

  private ensureHandle(l: Lane): WorkerHandle {
    if (!l.handle) {
      const h = this.createHandle();
      h.onCrash((message) => {
        if (l.handle !== h) return;
        const job = l.current;
        l.current = null;
        this.kill(l);
        job?.settle({
          status: 'error',
          message: `The solver stopped unexpectedly (${message}). It has been restarted.`,
        });
      });
      l.handle = h;
    }
    return l.handle;
  }

  private start(l: Lane, job: Job): void {
    const api = this.ensureHandle(l).api as unknown as SolverApi;
    const progress = (p: JobProgress) => {
      if (!job.settled && l.current === job) job.onProgress(p);
    };
    job.call(api, job.id, progress).then(
      (value) => job.settle({ status: 'done', value }),
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        job.settle(message === 'cancelled' ? { status: 'cancelled' } : { status: 'error', message });
      },
    );
  }

  private supersede(l: Lane, old: Job): void {
    const handle = l.handle;
    if (!handle) return old.settle({ status: 'cancelled' });
    l.cancelling.add(old);
    try {
      handle.api.cancel(old.id);
    } catch {
      /* the worker may already be gone; the hang timer handles it */
    }
    // The timer starts at the first unanswered cancel and is not pushed back by later ones:
    // a stream of superseding requests must not hide a hung worker.
    if (l.hangTimer) return;
    l.hangTimer = setTimeout(() => {
      l.hangTimer = null;
      if (l.cancelling.size === 0) return;
      // A cancelled job ignored the cancel: its worker is stuck in code that never yields.
      const stuck = [...l.cancelling];
      const pending = l.current;
      l.current = null;
      this.kill(l);
      for (const job of stuck) job.settle({ status: 'cancelled' });
      if (pending && !pending.settled) {
        l.current = pending;
        this.start(l, pending);
      }
    }, this.hangTimeoutMs);
  }

  /** Starts the lane's watchdog if it is not running; it stops itself when the lane is idle. */
  private watch(l: Lane): void {
    if (l.pingTimer) return;
    const { pingMs, silentMs } = this.watchdog;
    l.pingTimer = setInterval(() => {
      const job = l.current;
      const handle = l.handle;
      if (!job || !handle) {
        clearInterval(l.pingTimer!);
        l.pingTimer = null;
        return;
      }
      if (job.lastPong !== undefined && Date.now() - job.lastPong > silentMs) {
        l.current = null;
        this.kill(l);
        job.settle({
          status: 'error',
          message: `The solver stopped responding for ${Math.round(silentMs / 1000)} s and has been restarted. Your scenario is unchanged.`,
        });
        return;
      }
      void handle.api.ping().then(
        () => {
          if (l.current === job && l.handle === handle) job.lastPong = Date.now();
        },
        () => {},
      );
    }, pingMs);
  }

  /** Terminates the lane's worker; the next job spawns a fresh one. Settles no job. */
  private kill(l: Lane): void {
    if (l.hangTimer) clearTimeout(l.hangTimer);
    l.hangTimer = null;
    const h = l.handle;
    l.handle = null;
    h?.terminate();
    const waiting = [...l.onKill];
    l.onKill.clear();
    for (const cb of waiting) cb();
  }
}
