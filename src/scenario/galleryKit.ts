/**
 * What gallery entries are made of: the entry type and small builders over the seeded dataset
 * generators (the same points every time, in every browser). Each method's descriptor lists its
 * own entries (`src/methods/<id>/meta.ts`); `gallery.ts` gathers them.
 */
import { findDataset, type DatasetOptions } from './datasets.ts';
import { defaultsOf, type ParamSpec } from './paramSpec.ts';
import {
  defaultCloudName,
  type Cloud,
  type CostKind,
  type MethodId,
  type ParamValue,
  type Scenario,
} from './types.ts';

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

type GenOptions = Omit<DatasetOptions, 'noise'> & {
  noise?: number;
  /** Keep the dataset's parts as class labels (for methods that use classes); default false. */
  labels?: boolean;
};

/**
 * A cloud from the dataset table, named `name` (throws on an unknown dataset id: a programming
 * error, caught by the gallery tests). A dataset's parts become labels only when asked
 * (`labels: true`): elsewhere class markers would only clutter a plain transport picture.
 */
export function gen(id: string, o: GenOptions, name = 'Cloud'): Cloud {
  const spec = findDataset(id);
  if (!spec) throw new Error(`unknown dataset ${id}`);
  const { labels, ...options } = o;
  const d = spec.generate({ noise: 0, ...options });
  return { name, points: d.points, weights: null, labels: labels ? (d.labels ?? null) : null };
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

/**
 * A gallery scenario. Clouds without a distinct name are named by position (Source, Target,
 * Cloud 3, ...); `params` override the method's defaults (`specs`, the method's own list, so this
 * module needs no method registry).
 */
export function galleryScenario(o: {
  title: string;
  clouds: readonly Cloud[];
  method: MethodId;
  specs: readonly ParamSpec[];
  params?: Record<string, ParamValue>;
  cost?: CostKind;
}): Scenario {
  return {
    name: o.title,
    clouds: o.clouds.map((c, k) => (c.name === 'Cloud' ? { ...c, name: defaultCloudName(k) } : c)),
    cost: o.cost ?? 'sqeuclidean',
    method: o.method,
    params: { ...defaultsOf(o.specs), ...o.params },
    seed: 1,
  };
}
