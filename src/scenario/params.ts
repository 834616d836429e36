/**
 * One declarative table of every method's parameters: name, kind, range, default and the words
 * a control shows. Validation, the CLI's `--param key=value`, the share link and the panels all
 * read this table, so a parameter is defined in exactly one place.
 */
import type { MethodId, ParamValue } from './types.ts';

interface BaseSpec {
  /** Key in `params`. */
  readonly key: string;
  /** Short label for a control. */
  readonly label: string;
  /** One sentence a tooltip or help line shows. */
  readonly help: string;
}
export interface NumberSpec extends BaseSpec {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is allowed (false for strictly positive quantities such as epsilon). */
  readonly minInclusive: boolean;
  readonly integer: boolean;
  readonly default: number;
}
export interface ChoiceSpec extends BaseSpec {
  readonly kind: 'choice';
  readonly options: readonly string[];
  readonly default: string;
}
export interface BooleanSpec extends BaseSpec {
  readonly kind: 'boolean';
  readonly default: boolean;
}
export type ParamSpec = NumberSpec | ChoiceSpec | BooleanSpec;

const num = (s: Omit<NumberSpec, 'kind' | 'minInclusive' | 'integer'> & Partial<NumberSpec>): NumberSpec => ({
  kind: 'number',
  minInclusive: true,
  integer: false,
  ...s,
});

/** The parameter table, per method (DESIGN.md section 2). */
export const PARAM_SPECS: Readonly<Record<MethodId, readonly ParamSpec[]>> = {
  exact: [],
  sinkhorn: [
    num({
      key: 'epsilon',
      label: 'Epsilon',
      help: 'Entropic regularisation, in cost units. Larger blurs the plan; the blur length is sqrt(epsilon).',
      min: 0,
      minInclusive: false,
      max: 1e6,
      default: 0.05,
    }),
    num({
      key: 'tolerance',
      label: 'Tolerance',
      help: 'Stop when the L1 marginal error, both sides summed, is below this.',
      min: 0,
      minInclusive: false,
      max: 1,
      default: 1e-6,
    }),
    num({
      key: 'maxIterations',
      label: 'Max iterations',
      help: 'Give up after this many Sinkhorn iterations.',
      min: 1,
      max: 1e7,
      integer: true,
      default: 10000,
    }),
  ],
  brenier: [
    {
      kind: 'choice',
      key: 'estimator',
      label: 'Estimator',
      help: 'Entropic map from Sinkhorn potentials, or a neural map from input-convex networks.',
      options: ['entropic', 'icnn'],
      default: 'entropic',
    },
    num({
      key: 'epsilon',
      label: 'Epsilon (relative)',
      help: "Entropic blur relative to the data: absolute epsilon = this × the clouds' mean squared spread.",
      min: 0,
      minInclusive: false,
      max: 100,
      default: 0.1,
    }),
    num({
      key: 'icnnWidth',
      label: 'Network width',
      help: 'Units per hidden layer of both convex networks.',
      min: 2,
      max: 128,
      integer: true,
      default: 16,
    }),
    num({
      key: 'icnnSteps',
      label: 'Training steps',
      help: 'Training steps, each one step on f after four on g.',
      min: 1,
      max: 100000,
      integer: true,
      default: 600,
    }),
    num({
      key: 'icnnLearningRate',
      label: 'Learning rate',
      help: 'Initial Adam step size; it decays to 5% of this by the end.',
      min: 0,
      minInclusive: false,
      max: 1,
      default: 0.02,
    }),
  ],
  procrustes: [
    {
      kind: 'choice',
      key: 'correspondence',
      label: 'Correspondence',
      help: 'Pair points by index, or find the pairing by optimal transport (Wasserstein-Procrustes).',
      options: ['index', 'none'],
      default: 'index',
    },
    { kind: 'boolean', key: 'scaling', label: 'Scaling', help: 'Allow a uniform scale.', default: false },
    {
      kind: 'boolean',
      key: 'reflection',
      label: 'Reflection',
      help: 'Allow a mirror image.',
      default: false,
    },
  ],
  flow: [
    {
      kind: 'choice',
      key: 'coupling',
      label: 'Coupling',
      help: 'How training pairs (x0, x1) are drawn: independently, or by exact OT inside each minibatch.',
      options: ['independent', 'minibatch-ot'],
      default: 'independent',
    },
    num({
      key: 'trainSteps',
      label: 'Training steps',
      help: 'Adam steps of each training (the first and every Reflow round).',
      min: 1,
      max: 1e6,
      integer: true,
      default: 2000,
    }),
    num({
      key: 'eulerSteps',
      label: 'Euler steps',
      help: 'Steps of the ODE solver.',
      min: 1,
      max: 200,
      integer: true,
      default: 50,
    }),
    num({
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
    num({
      key: 'bandwidth',
      label: 'Bandwidth',
      help: 'Standard deviation of the Gaussian blur around each cloud point when sampling, in plane units.',
      min: 0,
      max: 10,
      default: 0.03,
    }),
    {
      kind: 'choice',
      key: 'integrator',
      label: 'Integrator',
      help: 'ODE scheme that pushes the source through the learned flow.',
      options: ['euler', 'heun'],
      default: 'euler',
    },
    num({
      key: 'learningRate',
      label: 'Learning rate',
      help: 'Peak Adam step size; it decays by a cosine to 5% of this over the training.',
      min: 0,
      minInclusive: false,
      max: 1,
      default: 0.01,
    }),
    num({
      key: 'batchSize',
      label: 'Batch size',
      help: 'Pairs (x0, x1) per training step.',
      min: 8,
      max: 2048,
      integer: true,
      default: 256,
    }),
    num({
      key: 'width',
      label: 'Width',
      help: 'Units per hidden layer of the velocity network.',
      min: 4,
      max: 256,
      integer: true,
      default: 64,
    }),
    num({
      key: 'depth',
      label: 'Depth',
      help: 'Hidden layers of the velocity network.',
      min: 1,
      max: 6,
      integer: true,
      default: 3,
    }),
  ],
};

/** The defaults of a method's parameters. */
export function defaultParams(method: MethodId): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const spec of PARAM_SPECS[method]) out[spec.key] = spec.default;
  return out;
}

/** Looks a parameter up by method and key. */
export function findParamSpec(method: MethodId, key: string): ParamSpec | undefined {
  return PARAM_SPECS[method].find((s) => s.key === key);
}

/**
 * Checks one value against its spec. Returns the value (numbers as numbers) or a message that
 * names the key and the allowed range.
 */
export function checkParam(
  spec: ParamSpec,
  value: unknown,
): { ok: true; value: ParamValue } | { ok: false; error: string } {
  const where = `params.${spec.key}`;
  switch (spec.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { ok: false, error: `${where} must be a finite number` };
      }
      const tooLow = spec.minInclusive ? value < spec.min : value <= spec.min;
      if (tooLow || value > spec.max) {
        const lo = spec.minInclusive ? `>= ${spec.min}` : `> ${spec.min}`;
        return { ok: false, error: `${where} must be ${lo} and <= ${spec.max} (got ${value})` };
      }
      if (spec.integer && !Number.isInteger(value))
        return { ok: false, error: `${where} must be an integer (got ${value})` };
      return { ok: true, value };
    }
    case 'choice':
      if (typeof value !== 'string' || !spec.options.includes(value)) {
        return { ok: false, error: `${where} must be one of ${spec.options.join(', ')}` };
      }
      return { ok: true, value };
    case 'boolean':
      if (typeof value !== 'boolean') return { ok: false, error: `${where} must be true or false` };
      return { ok: true, value };
  }
}

/**
 * Completes and checks a method's params: unknown keys are dropped (DESIGN.md: ignored), missing
 * keys take their default, a bad value is an error naming the key.
 */
export function resolveParams(
  method: MethodId,
  given: Readonly<Record<string, unknown>>,
): { ok: true; params: Record<string, ParamValue> } | { ok: false; error: string } {
  const params = defaultParams(method);
  for (const spec of PARAM_SPECS[method]) {
    if (!(spec.key in given) || given[spec.key] === undefined) continue;
    const r = checkParam(spec, given[spec.key]);
    if (!r.ok) return r;
    params[spec.key] = r.value;
  }
  return { ok: true, params };
}

/** Parses a command-line or link string into the spec's value type (`"0.1"`, `"true"`, `"icnn"`). */
export function parseParamText(spec: ParamSpec, text: string): unknown {
  if (spec.kind === 'number') {
    const t = text.trim();
    return t === '' ? NaN : Number(t);
  }
  if (spec.kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}
