/**
 * The gallery: built-in scenarios, each showing one idea, with a title and a paragraph a teacher
 * can read aloud. Built in code from the seeded dataset generators (the same points every time,
 * in every browser), not stored as point lists.
 */
import { findDataset, type DatasetOptions } from './datasets.ts';
import { defaultParams } from './params.ts';
import type { Cloud, CostKind, MethodId, ParamValue, Scenario } from './types.ts';

/** One gallery entry. */
export interface GalleryEntry {
  /** Stable id (used in tests and for thumbnails). */
  readonly id: string;
  /** Short title; also the scenario's name. */
  readonly title: string;
  /** One paragraph: what to look at and why it happens. */
  readonly idea: string;
  /** Builds the scenario (deterministic). */
  build(): Scenario;
}

type GenOptions = Omit<DatasetOptions, 'noise'> & { noise?: number };

/** A cloud from the dataset table (throws on an unknown id: a programming error, caught by the tests). */
function gen(id: string, o: GenOptions): Cloud {
  const spec = findDataset(id);
  if (!spec) throw new Error(`unknown dataset ${id}`);
  const d = spec.generate({ noise: 0, ...o });
  return { points: d.points, weights: null, labels: null };
}

/** The cloud rotated by `degrees` about the origin, then shifted by (dx, dy). */
export function rotated(c: Cloud, degrees: number, dx = 0, dy = 0): Cloud {
  const a = (degrees * Math.PI) / 180;
  const [cs, sn] = [Math.cos(a), Math.sin(a)];
  const p = c.points;
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i += 2) {
    out[i] = cs * p[i] - sn * p[i + 1] + dx;
    out[i + 1] = sn * p[i] + cs * p[i + 1] + dy;
  }
  return { ...c, points: out };
}

function scenario(
  title: string,
  source: Cloud,
  target: Cloud,
  method: MethodId,
  params: Record<string, ParamValue> = {},
  cost: CostKind = 'sqeuclidean',
): Scenario {
  return {
    name: title,
    source,
    target,
    cost,
    method,
    params: { ...defaultParams(method), ...params },
    seed: 1,
  };
}

/** Clouds shared by the three flow entries, so they differ only in the method's settings. */
const flowClouds = () => ({
  source: gen('gaussian', { count: 150, seed: 11, center: [-1.6, 0], scale: 0.8 }),
  target: gen('moons', { count: 150, seed: 12, center: [1.4, 0], scale: 0.8, noise: 0.04 }),
});

/** Clouds shared by the two Sinkhorn entries. */
const sinkhornClouds = () => ({
  source: gen('square', { count: 60, seed: 3, center: [-1.5, 0], scale: 0.6 }),
  target: gen('mixture8', { count: 60, seed: 4, center: [1.5, 0], scale: 0.6 }),
});

/** The gallery, in the order the dialog lists it. */
export const GALLERY: readonly GalleryEntry[] = [
  {
    id: 'epsilon-blur',
    title: 'Epsilon blurs the plan',
    idea:
      'Entropic regularisation (Sinkhorn) trades accuracy for speed and smoothness. At epsilon = 0.5 every ' +
      'source point spreads its mass over a wide neighbourhood of targets — the blur length is about √ε ≈ 0.7 — ' +
      'so the plan lines fan out. Lower epsilon in the panel and watch the fan narrow towards the exact plan.',
    build: () => {
      const c = sinkhornClouds();
      return scenario('Epsilon blurs the plan', c.source, c.target, 'sinkhorn', { epsilon: 0.5 });
    },
  },
  {
    id: 'epsilon-sharp',
    title: 'Small epsilon is almost exact',
    idea:
      'The same clouds at epsilon = 0.01: the blur (√ε = 0.1) is smaller than the gaps between points, so ' +
      'each source point sends nearly all its mass to one or two targets and the cost is close to the exact ' +
      'one. Sinkhorn needs more iterations to get there — compare the iteration counts of the two scenarios.',
    build: () => {
      const c = sinkhornClouds();
      return scenario('Small epsilon is almost exact', c.source, c.target, 'sinkhorn', { epsilon: 0.01 });
    },
  },
  {
    id: 'permutation',
    title: 'Equal clouds: the plan is a permutation',
    idea:
      'With the same number of points on both sides and equal weights, an optimal plan never needs to split a ' +
      'point: some optimal plan is a permutation (Birkhoff–von Neumann), and the exact solver finds one. Every ' +
      'source point has exactly one line, and the plan matrix has one entry in each row and column.',
    build: () =>
      scenario(
        'Equal clouds: the plan is a permutation',
        gen('square', { count: 30, seed: 21, center: [-1.3, 0], scale: 0.7 }),
        gen('heart', { count: 30, seed: 22, center: [1.3, 0], scale: 0.7 }),
        'exact',
      ),
  },
  {
    id: 'no-crossing',
    title: 'Optimal paths never cross',
    idea:
      'If two segments x₁→y₁ and x₂→y₂ of a plan crossed, swapping their targets would make both shorter ' +
      '(the triangle inequality), so an optimal plan has no crossings — even when the clouds overlap. Move a ' +
      'point with the Move tool and watch the lines re-pair rather than cross.',
    build: () =>
      scenario(
        'Optimal paths never cross',
        gen('disc', { count: 40, seed: 31, center: [-0.5, 0], scale: 1 }),
        gen('square', { count: 40, seed: 32, center: [0.6, 0.3], scale: 0.9 }),
        'exact',
        {},
        'euclidean',
      ),
  },
  {
    id: 'mass-splits',
    title: 'Unequal clouds: mass splits',
    idea:
      'Twelve source points and thirty-six targets, all with equal weights: each source point holds three ' +
      "times a target's mass, so it must split, into three or four lines to nearby targets. Transport moves " +
      'mass, not points, which is why a plan is a matrix rather than a matching.',
    build: () =>
      scenario(
        'Unequal clouds: mass splits',
        gen('grid', { count: 12, seed: 41, center: [-1.4, 0], scale: 0.5 }),
        gen('disc', { count: 36, seed: 42, center: [1.4, 0], scale: 0.9 }),
        'exact',
      ),
  },
  {
    id: 'flow-independent',
    title: 'Independent coupling: paths cross',
    idea:
      'Flow matching learns a velocity field from pairs (x₀, x₁). With independent pairs, straight lines from ' +
      'source to target cross all over the plane; the learned field averages them, so the particles follow ' +
      'curved paths. Compare with the minibatch-OT coupling, whose pairs come from an optimal plan.',
    build: () => {
      const c = flowClouds();
      return scenario('Independent coupling: paths cross', c.source, c.target, 'flow', {
        coupling: 'independent',
      });
    },
  },
  {
    id: 'flow-ot',
    title: 'OT coupling: paths do not cross',
    idea:
      'The same clouds, but training pairs are drawn from exact OT inside each minibatch. Optimal pairs do not ' +
      'cross, so the velocity field has little to average: particles travel along nearly straight lines, and ' +
      'few Euler steps are enough.',
    build: () => {
      const c = flowClouds();
      return scenario('OT coupling: paths do not cross', c.source, c.target, 'flow', {
        coupling: 'minibatch-ot',
      });
    },
  },
  {
    id: 'reflow',
    title: 'Reflow straightens',
    idea:
      'Start from independent pairs, then retrain once on the pairs the first flow produces (one round of ' +
      'Reflow). Those pairs no longer cross, so the second flow is straighter than the first — the idea ' +
      'behind rectified flow, which makes one-step sampling possible.',
    build: () => {
      const c = flowClouds();
      return scenario('Reflow straightens', c.source, c.target, 'flow', {
        coupling: 'independent',
        reflow: 1,
      });
    },
  },
  {
    id: 'procrustes-rotation',
    title: 'Procrustes recovers a rotation',
    idea:
      'The target is the source letter turned by 60 degrees and moved. Orthogonal Procrustes finds the ' +
      'rotation and translation that best align corresponding points, in closed form from a 2×2 SVD: the ' +
      'aligned letter lands exactly on the target, with zero residual.',
    build: () => {
      const f = gen('letter-f', { count: 80, seed: 51, scale: 0.8, center: [-1, 0] });
      return scenario('Procrustes recovers a rotation', f, rotated(f, 60, 1.2, 0.4), 'procrustes', {
        correspondence: 'index',
      });
    },
  },
  {
    id: 'brenier-gaussians',
    title: 'Between Gaussians the Brenier map is linear',
    idea:
      'For the squared distance, the optimal map between two Gaussians is affine, x ↦ Ax + b with A symmetric ' +
      'positive definite: it stretches and shifts the round blob into the elongated one, and straight lines ' +
      'stay straight. From 200 samples the estimated map is only nearly affine (the grid wiggles where data is ' +
      'sparse, at the edges); between other shapes the Brenier map is the gradient of a convex function, and it bends.',
    build: () =>
      scenario(
        'Between Gaussians the Brenier map is linear',
        gen('gaussian', { count: 200, seed: 61, center: [-1.3, 0], scale: 0.7 }),
        gen('anisotropic', { count: 200, seed: 62, center: [1.3, 0.2], scale: 0.8 }),
        'brenier',
      ),
  },
];

/** Looks an entry up by id. */
export function findGalleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((e) => e.id === id);
}
