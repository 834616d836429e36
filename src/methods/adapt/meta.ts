/** OT domain adaptation: the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario, rotated } from '../../scenario/galleryKit.ts';
import { numberSpec, type ParamSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

export const ADAPT_PARAMS: readonly ParamSpec[] = [
  {
    kind: 'choice',
    key: 'transport',
    label: 'Transport',
    help: 'Exact OT, or entropic OT (Sinkhorn) with regularisation ε.',
    options: ['exact', 'entropic'],
    default: 'entropic',
  },
  numberSpec({
    key: 'epsilon',
    label: 'Epsilon',
    help: 'Entropic regularisation in cost units (squared plane units), as for Sinkhorn.',
    min: 0,
    minInclusive: false,
    max: 100,
    default: 0.2,
    control: { min: 1e-3, max: 2, log: true },
  }),
  {
    kind: 'choice',
    key: 'regularization',
    label: 'Class penalty',
    help: 'None, or Courty’s ℓ½-ℓ1 group penalty: a target point should receive mass from one source class.',
    options: ['none', 'class'],
    default: 'none',
  },
  numberSpec({
    key: 'eta',
    label: 'Eta',
    help: 'Weight η of the class penalty, cost units.',
    min: 0,
    max: 1000,
    default: 0.1,
    control: { min: 1e-3, max: 10, log: true },
  }),
  {
    kind: 'choice',
    key: 'classifier',
    label: 'Classifier',
    help: 'Trained on the (mapped) source: one nearest neighbour (the paper’s protocol) or a small softmax MLP.',
    options: ['1nn', 'mlp'],
    default: '1nn',
  },
  numberSpec({
    key: 'outerIterations',
    label: 'Outer iterations',
    help: 'Majorisation–minimisation steps of the class penalty (POT’s numItermax).',
    min: 1,
    max: 100,
    integer: true,
    default: 10,
  }),
  numberSpec({
    key: 'innerIterations',
    label: 'Inner iterations',
    help: 'Cap on each inner Sinkhorn solve of the class penalty (POT’s numInnerItermax).',
    min: 1,
    max: 100000,
    integer: true,
    default: 200,
    control: { min: 10, max: 10000, log: true },
  }),
];

/** Two moons, labelled by moon (the source), and the same moons rotated and shifted (the target). */
function rotatedMoons(count: number, degrees: number) {
  const source = gen('moons', { count, seed: 91, center: [0, 0], scale: 0.9, labels: true }, 'Source');
  const target = rotated(
    gen('moons', { count, seed: 92, center: [0, 0], scale: 0.9, labels: true }, 'Target'),
    degrees,
    0.4,
    0.2,
  );
  return [source, target];
}

export const adaptMeta = defineMethod({
  id: 'adapt',
  title: 'Domain adaptation',
  group: 'distributions',
  blurb: 'Carry a labelled source onto an unlabelled target, so a classifier trained on it works there.',
  params: ADAPT_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'rotated-moons',
      title: 'Rotated moons: adapt a classifier to a shifted domain',
      idea:
        'A classifier trained on the labelled moons fails on the same moons rotated by 40°: the shift moves ' +
        'points across its boundary. Transport carries each source point onto the target, and a classifier ' +
        'trained on the carried points labels the target far better. The target’s labels are ground truth ' +
        'used only to score the two classifiers, never to fit them. Press play to move the source along the map.',
      build: () =>
        galleryScenario({
          title: 'Rotated moons: adapt a classifier to a shifted domain',
          clouds: rotatedMoons(120, 40),
          method: 'adapt',
          specs: ADAPT_PARAMS,
          params: { transport: 'entropic', epsilon: 0.2 },
        }),
    },
    {
      id: 'class-regularised',
      title: 'A class penalty keeps the classes apart',
      idea:
        'Plain transport lets a target point receive mass from both moons, where the shift brings them close. ' +
        'Courty’s group penalty charges a target point for every class it receives from, so the plan sends ' +
        'each target point mass from one class only: compare the class purity with the penalty off (η small) ' +
        'and on.',
      build: () =>
        galleryScenario({
          title: 'A class penalty keeps the classes apart',
          clouds: rotatedMoons(120, 55),
          method: 'adapt',
          specs: ADAPT_PARAMS,
          params: { transport: 'entropic', epsilon: 0.2, regularization: 'class', eta: 1 },
        }),
    },
  ],
  sweep: [{ label: 'adapt', params: {}, refuses: 'unlabelled' }],
  e2e: {
    lane: 'adapt',
    heavy: { points: 1500, params: { regularization: 'class', innerIterations: 2000 } },
    yields: true,
    done: /^Adapted/,
  },
});
