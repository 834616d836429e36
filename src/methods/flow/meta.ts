/** Rectified flow / flow matching: the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec, type ParamSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

export const FLOW_PARAMS: readonly ParamSpec[] = [
  {
    kind: 'choice',
    key: 'coupling',
    label: 'Coupling',
    help: 'How training pairs (x0, x1) are drawn: independently, or by exact OT inside each minibatch.',
    options: ['independent', 'minibatch-ot'],
    default: 'independent',
  },
  numberSpec({
    key: 'trainSteps',
    label: 'Training steps',
    help: 'Adam steps of each training (the first and every Reflow round).',
    min: 1,
    max: 1e6,
    integer: true,
    default: 2000,
    control: { min: 50, max: 20000, log: true },
  }),
  numberSpec({
    key: 'eulerSteps',
    label: 'Euler steps',
    help: 'Steps of the ODE solver, for the particles on the stage and the training previews.',
    min: 1,
    max: 200,
    integer: true,
    default: 50,
  }),
  numberSpec({
    key: 'reflow',
    label: 'Reflow rounds',
    help: 'Rounds of Reflow after the first training.',
    min: 0,
    max: 10,
    integer: true,
    default: 0,
  }),
  {
    kind: 'choice',
    key: 'source',
    label: 'Source',
    help: 'Start from the source cloud (blurred by the bandwidth) or from standard Gaussian noise N(0, I).',
    options: ['cloud', 'gaussian'],
    default: 'cloud',
  },
  numberSpec({
    key: 'bandwidth',
    label: 'Bandwidth',
    help: 'Standard deviation of the Gaussian blur around each cloud point when sampling, in plane units.',
    min: 0,
    max: 10,
    default: 0.03,
    control: { min: 0.001, max: 1, log: true },
  }),
  {
    kind: 'choice',
    key: 'integrator',
    label: 'Integrator',
    help: 'ODE scheme that pushes the source through the learned flow.',
    options: ['euler', 'heun'],
    default: 'euler',
  },
  numberSpec({
    key: 'learningRate',
    label: 'Learning rate',
    help: 'Peak Adam step size; it decays by a cosine to 5% of this over the training.',
    min: 0,
    minInclusive: false,
    max: 1,
    default: 0.01,
    control: { min: 1e-4, max: 0.1, log: true },
  }),
  numberSpec({
    key: 'batchSize',
    label: 'Batch size',
    help: 'Pairs (x0, x1) per training step.',
    min: 8,
    max: 2048,
    integer: true,
    default: 256,
    control: { min: 8, max: 2048, log: true },
  }),
  numberSpec({
    key: 'width',
    label: 'Width',
    help: 'Units per hidden layer of the velocity network.',
    min: 4,
    max: 256,
    integer: true,
    default: 64,
    control: { min: 4, max: 256, log: true },
  }),
  numberSpec({
    key: 'depth',
    label: 'Depth',
    help: 'Hidden layers of the velocity network.',
    min: 1,
    max: 6,
    integer: true,
    default: 3,
  }),
];

/** Clouds shared by the three flow entries, so they differ only in the method's settings. */
const clouds = () => [
  gen('gaussian', { count: 150, seed: 11, center: [-1.6, 0], scale: 0.8 }),
  gen('moons', { count: 150, seed: 12, center: [1.4, 0], scale: 0.8, noise: 0.04 }),
];

const entry = (id: string, title: string, idea: string, params: Record<string, string | number>) => ({
  id,
  title,
  idea,
  build: () => galleryScenario({ title, clouds: clouds(), method: 'flow', specs: FLOW_PARAMS, params }),
});

export const flowMeta = defineMethod({
  id: 'flow',
  title: 'Flow',
  group: 'maps',
  blurb: 'Rectified flow and flow matching: a velocity field learned from paired samples.',
  params: FLOW_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    entry(
      'flow-independent',
      'Independent coupling: paths cross',
      'Flow matching learns a velocity field from pairs (x₀, x₁). With independent pairs, straight lines from ' +
        'source to target cross all over the plane; the learned field averages them, so the particles follow ' +
        'curved paths. Compare with the minibatch-OT coupling, whose pairs come from an optimal plan.',
      { coupling: 'independent' },
    ),
    entry(
      'flow-ot',
      'OT coupling: paths do not cross',
      'The same clouds, but training pairs are drawn from exact OT inside each minibatch. Optimal pairs do not ' +
        'cross, so the velocity field has little to average: particles travel along nearly straight lines, and ' +
        'few Euler steps are enough.',
      { coupling: 'minibatch-ot' },
    ),
    entry(
      'reflow',
      'Reflow straightens',
      'Start from independent pairs, then retrain once on the pairs the first flow produces (one round of ' +
        'Reflow). Those pairs no longer cross, so the second flow is straighter than the first — the idea ' +
        'behind rectified flow, which makes one-step sampling possible.',
      { coupling: 'independent', reflow: 1 },
    ),
  ],
  sweep: [
    {
      label: 'flow',
      params: {
        trainSteps: 2,
        batchSize: 8,
        width: 4,
        depth: 1,
        eulerSteps: 2,
        coupling: 'minibatch-ot',
        reflow: 1,
      },
    },
  ],
  e2e: {
    lane: 'flow-train',
    runButton: 'Train',
    heavy: { points: 300, params: { trainSteps: 5000 } },
    yields: true,
    done: /^Trained/,
  },
});
