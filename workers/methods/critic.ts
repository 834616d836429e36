/**
 * Worker methods of the W1 critic.
 * - `trainCritic`: exact W1 and its potential first (so the chart's line and the exact view are
 *   there from the first message), then the critic's training with live previews of it on the
 *   stage's lattice, then (with `contrast`) the sigmoid discriminator on the same clouds. The
 *   `stop` control ends training early and keeps the critic so far (the contrast is then
 *   skipped: the discriminator would have to be trained for as long).
 * - `trainWgan`: generator mode (WGAN-GP): progress carries the generator's samples.
 * Both run through `runSteps`: time-sliced, cancellable, throttled progress.
 */
import * as Comlink from 'comlink';
import type { JobProgress } from '../api.ts';
import { brenierGridSpec, type Box } from '../kernels/brenier/brenierGrid.ts';
import { transportRays, w1Exact } from '../kernels/critic/criticExact.ts';
import { criticGrid, criticGridSteps, potentialGrid, type CriticGrid } from '../kernels/critic/criticGrid.ts';
import type { CriticModel } from '../kernels/critic/criticModel.ts';
import { criticTrainingSteps, type CriticTrainResult } from '../kernels/critic/criticTrain.ts';
import { discriminatorTrainer, generatorGradients } from '../kernels/critic/discriminator.ts';
import { wganSteps, type WganResult } from '../kernels/critic/wganGenerator.ts';
import { forgetStop, runSteps, stopRequested } from '../runner.ts';
import type {
  CriticContrast,
  CriticExact,
  CriticLive,
  CriticRequest,
  CriticResult,
  WganLive,
  WganRequest,
  WganRunResult,
} from './criticTypes.ts';

/** A live preview of the critic on the lattice at most this often, ms. */
const PREVIEW_EVERY_MS = 250;

/** The stage's lattice box: both clouds, padded (as the Brenier lattice). */
function latticeBox(x: Float64Array, y: Float64Array): Box {
  return brenierGridSpec(x, y).lattice;
}

function gridBuffers(g: CriticGrid): ArrayBuffer[] {
  return [g.values.buffer, g.gradients.buffer] as ArrayBuffer[];
}

/** What the job yields: the latest model (for previews) and the phase. */
interface Tick {
  step: number;
  steps: number;
  model: CriticModel | null;
  phase: CriticLive['phase'];
}

/** Throttled previews of the latest model on the lattice. */
function previewer(box: Box, size: number) {
  let last = -Infinity;
  return (model: CriticModel | null): CriticGrid | null => {
    const now = performance.now();
    if (!model || now - last < PREVIEW_EVERY_MS) return null;
    last = now;
    return criticGrid(model, box, size);
  };
}

export const criticMethods = {
  /** Trains a critic between the request's clouds; see the module comment. Stoppable. */
  async trainCritic(
    req: CriticRequest,
    onProgress?: (p: JobProgress<CriticLive>) => void,
  ): Promise<CriticResult> {
    const t0 = performance.now();
    const box = latticeBox(req.x, req.y);
    const size = req.gridSize;
    const solved = w1Exact(req.x, req.a, req.y, req.b);
    const exact: CriticExact = {
      w1: solved.w1,
      grid: potentialGrid(solved.potential, box, size),
      rays: transportRays(req.x, req.y, solved.plan),
      rayMass: Float64Array.from(solved.plan.mass),
    };
    const { a, b } = solved;
    const options = { ...req.options, snapshotEvery: 10, reportEvery: 10 };
    const history: number[] = [];
    let trained: CriticTrainResult | null = null;
    let stopped = false;
    let contrast: CriticContrast | null = null;
    function* job(): Generator<Tick, CriticGrid> {
      const train = criticTrainingSteps(req.x, a, req.y, b, options);
      for (;;) {
        const r = train.next();
        if (r.done) {
          trained = r.value;
          break;
        }
        const p = r.value;
        if (history.length === 0) history.push(0, p.result().history[1]);
        history.push(p.step, p.estimate);
        if (stopRequested(req.jobId) && p.step < p.steps) {
          trained = p.result();
          stopped = true;
          break;
        }
        yield { step: p.step, steps: p.steps, model: p.snapshot, phase: 'critic' };
      }
      if (req.contrast && !stopped) {
        const disc = discriminatorTrainer(req.x, a, req.y, b, options);
        const steps = disc.options.trainSteps;
        while (!disc.done) {
          disc.trainStep();
          if (disc.step % 10 === 0) yield { step: disc.step, steps, model: null, phase: 'discriminator' };
        }
        const g = generatorGradients(trained.params, disc.model(), req.x, a, req.y, b);
        contrast = {
          critic: g.critic.normalizedMean,
          discriminator: g.discriminator.normalizedMean,
          meanDSource: g.meanDSource,
          meanDTarget: g.meanDTarget,
        };
      }
      return yield* drain(criticGridSteps(trained.params, box, size));
    }
    const preview = previewer(box, size);
    const toProgress = (t: Tick): JobProgress<CriticLive> => {
      const grid = t.phase === 'critic' ? preview(t.model) : null;
      const data: CriticLive = { ...t, history: Float64Array.from(history), grid, exact };
      const text =
        t.phase === 'critic'
          ? `step ${t.step} of ${t.steps}`
          : t.phase === 'discriminator'
            ? `discriminator step ${t.step} of ${t.steps}`
            : 'evaluating the critic';
      const buffers = [data.history.buffer as ArrayBuffer, ...(grid ? gridBuffers(grid) : [])];
      return Comlink.transfer({ fraction: t.steps > 0 ? t.step / t.steps : 1, text, data }, buffers);
    };
    try {
      const grid = await runSteps(req.jobId, job(), toProgress, onProgress, { stoppable: true });
      const r = trained as unknown as CriticTrainResult;
      const out: CriticResult = {
        w1Estimate: r.w1Estimate,
        gradientNorm: r.gradientNorm,
        history: r.history,
        steps: r.steps,
        trainSteps: options.trainSteps ?? 500,
        stopped,
        grid,
        exact,
        contrast,
        timeMs: performance.now() - t0,
      };
      return Comlink.transfer(out, [...gridBuffers(grid), r.history.buffer as ArrayBuffer]);
    } finally {
      forgetStop(req.jobId);
    }
  },

  /** Trains a WGAN-GP generator toward the target cloud; progress carries its samples. Stoppable. */
  async trainWgan(req: WganRequest, onProgress?: (p: JobProgress<WganLive>) => void): Promise<WganRunResult> {
    const t0 = performance.now();
    const box = latticeBox(req.x, req.y);
    let stopped = false;
    function* job(): Generator<WganLive, WganResult> {
      const it = wganSteps(req.y, req.b, req.options);
      for (;;) {
        const r = it.next();
        if (r.done) return r.value;
        const p = r.value;
        if (stopRequested(req.jobId) && p.step < p.steps) {
          stopped = true;
          return p.result();
        }
        yield { step: p.step, steps: p.steps, samples: p.samples, history: new Float64Array(0) };
      }
    }
    const toProgress = (p: WganLive): JobProgress<WganLive> =>
      Comlink.transfer({ fraction: p.step / p.steps, text: `step ${p.step} of ${p.steps}`, data: p }, [
        p.samples.buffer as ArrayBuffer,
      ]);
    try {
      const r = await runSteps(req.jobId, job(), toProgress, onProgress, { stoppable: true });
      const grid = criticGrid(r.critic, box, req.gridSize);
      const out: WganRunResult = {
        step: r.steps,
        steps: req.options.generatorSteps,
        samples: r.samples,
        history: r.history,
        stopped,
        grid,
        timeMs: performance.now() - t0,
      };
      return Comlink.transfer(out, [
        ...gridBuffers(grid),
        r.samples.buffer,
        r.history.buffer,
      ] as ArrayBuffer[]);
    } finally {
      forgetStop(req.jobId);
    }
  },
};

/** Runs an inner generator inside the job, yielding a tick for each of its steps (slice points). */
function* drain<R>(inner: Generator<unknown, R>): Generator<Tick, R> {
  for (;;) {
    const r = inner.next();
    if (r.done) return r.value;
    yield { step: 1, steps: 1, model: null, phase: 'grid' };
  }
}
