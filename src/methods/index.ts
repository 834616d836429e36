/**
 * The method registry: every method's descriptor, in the switcher's order within each group.
 * Adding a method adds its folder and one line here (plus its worker module in
 * `workers/solver.worker.ts` and its solver in `cli/solvers/index.ts`); the schema, the link, the
 * CLI's parameter checks, the switcher, the gallery and the end-to-end suites all read this list.
 */
import { adaptMeta } from './adapt/meta.ts';
import { barycenterMeta } from './barycenter/meta.ts';
import { brenierMeta } from './brenier/meta.ts';
import { criticMeta } from './critic/meta.ts';
import { decorrelateMeta } from './decorrelate/meta.ts';
import { exactMeta } from './exact/meta.ts';
import { flowMeta } from './flow/meta.ts';
import { fusionMeta } from './fusion/meta.ts';
import { procrustesMeta } from './procrustes/meta.ts';
import { partialMeta } from './partial/meta.ts';
import { sinkhornMeta } from './sinkhorn/meta.ts';
import { slicedMeta } from './sliced/meta.ts';
import { unbalancedMeta } from './unbalanced/meta.ts';
import { METHOD_GROUPS, type MethodMeta } from './types.ts';

/**
 * Every method id, as a literal list (the scenario schema's enum); each needs its descriptor in
 * `LIST` below (TypeScript checks the descriptors' ids against it, a test checks the reverse).
 */
export const METHOD_ID_LIST = [
  'exact',
  'sinkhorn',
  'unbalanced',
  'partial',
  'sliced',
  'barycenter',
  'adapt',
  'decorrelate',
  'brenier',
  'flow',
  'procrustes',
  'critic',
  'fusion',
] as const;
export type MethodId = (typeof METHOD_ID_LIST)[number];

const LIST: readonly MethodMeta<MethodId>[] = [
  exactMeta,
  sinkhornMeta,
  unbalancedMeta,
  partialMeta,
  slicedMeta,
  barycenterMeta,
  adaptMeta,
  decorrelateMeta,
  brenierMeta,
  flowMeta,
  procrustesMeta,
  criticMeta,
  fusionMeta,
];

/** The descriptors, sorted by group (the switcher's order), then as listed. */
export const METHODS: readonly MethodMeta<MethodId>[] = [...LIST].sort(
  (a, b) => METHOD_GROUPS.indexOf(a.group) - METHOD_GROUPS.indexOf(b.group),
);

/** Every method id, in switcher order. */
export const METHOD_IDS: readonly MethodId[] = METHODS.map((m) => m.id);

const BY_ID = new Map<string, MethodMeta<MethodId>>(METHODS.map((m) => [m.id, m]));

/** The descriptor of `id`; throws for an id that is not a method (callers hold validated ids). */
export function methodMeta(id: MethodId): MethodMeta<MethodId> {
  const m = BY_ID.get(id);
  if (!m) throw new Error(`unknown method ${id}`);
  return m;
}

/** Whether `text` names a method. */
export function isMethodId(text: unknown): text is MethodId {
  return typeof text === 'string' && BY_ID.has(text);
}
