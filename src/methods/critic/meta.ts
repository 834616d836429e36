/** The W1 critic (Kantorovich–Rubinstein duality, WGAN): the descriptor (parameters, gallery, tests). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec, type ParamSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

/** The critic's parameters; the names match the kernel's `CriticTrainOptions`. */
export const CRITIC_PARAMS: readonly ParamSpec[] = [
  {
    kind: 'choice',
    key: 'mode',
    label: 'Mode',
    help: 'Train a critic between the two clouds, or a generator (WGAN-GP) whose samples move toward the target.',
    options: ['critic', 'generator'],
    default: 'critic',
  },
  {
    kind: 'choice',
    key: 'lipschitz',
    label: 'Lipschitz constraint',
    help: 'Gradient penalty λ(‖∇f‖ − 1)², one-sided penalty λ max(0, ‖∇f‖ − 1)², or weight clipping to [−c, c].',
    options: ['penalty', 'one-sided', 'clip'],
    default: 'penalty',
  },
  numberSpec({
    key: 'lambda',
    label: 'Penalty λ',
    help: 'Weight of the gradient penalty (penalty and one-sided).',
    min: 0,
    max: 1000,
    default: 10,
    control: { min: 0.1, max: 100, log: true },
  }),
  numberSpec({
    key: 'clip',
    label: 'Clip c',
    help: 'Weight clipping bound: every weight stays in [−c, c] (clip only).',
    min: 0,
    minInclusive: false,
    max: 10,
    default: 0.01,
    control: { min: 0.001, max: 1, log: true },
  }),
  numberSpec({
    key: 'width',
    label: 'Width',
    help: 'Units per hidden layer of the critic.',
    min: 16,
    max: 256,
    integer: true,
    default: 64,
  }),
  numberSpec({
    key: 'depth',
    label: 'Depth',
    help: 'Hidden layers of the critic.',
    min: 1,
    max: 4,
    integer: true,
    default: 2,
  }),
  {
    kind: 'choice',
    key: 'activation',
    label: 'Activation',
    help: 'ReLU, or leaky ReLU (slope 0.2).',
    options: ['relu', 'leaky-relu'],
    default: 'relu',
  },
  numberSpec({
    key: 'trainSteps',
    label: 'Training steps',
    help: 'Optimiser steps of the critic (generator mode: generator steps, five critic steps each).',
    min: 0,
    max: 100000,
    integer: true,
    default: 500,
    control: { min: 50, max: 5000, log: true },
  }),
  numberSpec({
    key: 'learningRate',
    label: 'Learning rate',
    help: 'Step size; 0 picks the default: Adam 1e-3 with β = (0.5, 0.9) for the penalties, RMSProp 5e-5 for clipping.',
    min: 0,
    max: 1,
    default: 0,
    control: { min: 1e-5, max: 1e-2, log: true },
  }),
  {
    kind: 'boolean',
    key: 'contrast',
    label: 'Discriminator contrast',
    help: 'Also train a sigmoid / cross-entropy discriminator and compare its gradient at the source points with the critic’s.',
    default: false,
  },
  {
    kind: 'choice',
    key: 'show',
    label: 'Stage shows',
    help: 'The learned critic, or the exact Kantorovich potential from the exact solver’s dual.',
    options: ['critic', 'exact'],
    default: 'critic',
  },
  {
    kind: 'boolean',
    key: 'arrows',
    label: 'Gradient arrows',
    help: 'Arrows of ∇f on a coarse grid.',
    default: true,
  },
  {
    kind: 'boolean',
    key: 'rays',
    label: 'Transport rays',
    help: 'The exact plan’s segments, along which the exact potential grows at slope 1.',
    default: false,
  },
];

export const criticMeta = defineMethod({
  id: 'critic',
  title: 'W1 critic',
  group: 'learning',
  blurb: 'A network trained as the Kantorovich–Rubinstein dual: W1 estimated, and why WGANs use it.',
  params: CRITIC_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'critic-far-apart',
      title: 'Two clouds far apart: the critic’s gradient does not vanish',
      idea:
        'A classic GAN discriminator learns the ratio of densities: once the clouds do not overlap it is 0 on ' +
        'one and 1 on the other, flat in between, and the gradient it gives a generator vanishes. The W1 ' +
        'critic is a 1-Lipschitz function that rises by the transport distance from source to target: its ' +
        'slope stays near 1 however far apart the clouds are. Train, then drag the target further away and ' +
        'train again: the discriminator’s gradient shrinks, the critic’s does not.',
      build: () =>
        galleryScenario({
          title: 'Two clouds far apart: the critic’s gradient does not vanish',
          clouds: [
            gen('gaussian', { count: 150, seed: 91, center: [-1.9, 0], scale: 0.4 }),
            gen('moons', { count: 150, seed: 92, center: [1.9, 0], scale: 0.5 }),
          ],
          method: 'critic',
          specs: CRITIC_PARAMS,
          params: { contrast: true },
        }),
    },
    {
      id: 'critic-eight-gaussians',
      title: 'Eight Gaussians',
      idea:
        'The classic WGAN-GP toy: a small generator turns Gaussian noise into samples, and a critic trained ' +
        'alongside tells it where to move them. The samples start bunched at the centre and spread toward ' +
        'the eight modes; the critic’s estimate of W1 between the samples and the target falls as they do.',
      build: () =>
        galleryScenario({
          title: 'Eight Gaussians',
          clouds: [
            gen('gaussian', { count: 200, seed: 93, center: [0, 0], scale: 0.3 }),
            gen('mixture8', { count: 400, seed: 94, center: [0, 0], scale: 1 }),
          ],
          method: 'critic',
          specs: CRITIC_PARAMS,
          params: { mode: 'generator', trainSteps: 600 },
        }),
    },
  ],
  sweep: [
    { label: 'critic penalty', params: { trainSteps: 2, width: 16, depth: 1 } },
    { label: 'critic clipping', params: { trainSteps: 2, width: 16, depth: 1, lipschitz: 'clip' } },
  ],
  e2e: {
    lane: 'critic',
    runButton: 'Train',
    heavy: { points: 1000, params: { trainSteps: 20000 } },
    yields: true,
    done: /^Trained/,
  },
});
