/**
 * The iteration loop shared by unbalanced Sinkhorn and entropic partial transport: the
 * stabilised, tiled scaling (`ruleScaling.ts`) until the change falls below the tolerance, with a
 * switch to the log-domain form (`ruleLogDomain.ts`) if the scalings over- or underflow anyway.
 */
import { LogDomainScaling, type PotentialRule } from './ruleLogDomain.ts';
import { RuleScaling, type RuleProblem, type RuleStop, type ScalingRule } from './ruleScaling.ts';

/** How a method drives the fast path: its rule, an optional step after the columns and a start. */
export interface FastRule {
  rule: ScalingRule;
  afterColumns?: (uNext: Float64Array, vNext: Float64Array) => number;
  start?: () => void;
}

export interface RuleSolveOptions {
  epsilon: number;
  tolerance: number;
  maxIterations: number;
  yieldEvery: number;
  andersonMemory: number;
}

/** What {@link solveByRule} returns: the plan and how the solve went. */
export interface RuleOutcome {
  /** n×m plan, row-major, original order, in the units of a and b. */
  plan: Float64Array;
  /** <P, C>, cost units. */
  cost: number;
  /** Σ P, the transported mass. */
  mass: number;
  /** P1 (length n) and Pᵀ1 (length m): where they fall below a, b, mass is destroyed (or left). */
  rowMass: Float64Array;
  colMass: Float64Array;
  iterations: number;
  /** Last change of a log-scaling (nats). */
  error: number;
  converged: boolean;
  stop: RuleStop;
  /** The ε the plan has (raised to 1e-13 × max |C| if the requested one was below). */
  epsilon: number;
  /** Whether the log-domain fallback produced the plan (the scalings left the float range). */
  logDomain: boolean;
}

/**
 * Runs the iterations; yields `{ iteration, error }` every `yieldEvery` iterations.
 * @param fast builds the fast path's rule over the scaling state
 * @param slow builds the log-domain rule (on full potentials) for the fallback
 */
export function* solveByRule(
  p: RuleProblem,
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  o: RuleSolveOptions,
  fast: (S: RuleScaling) => FastRule,
  slow: (eps: number) => PotentialRule,
): Generator<{ iteration: number; error: number }, RuleOutcome> {
  const S = new RuleScaling(p, a, b, C, o.epsilon, o.tolerance, o.andersonMemory);
  const f = fast(S);
  f.start?.();
  let L: LogDomainScaling | null = null;
  let rule: PotentialRule | null = null;
  let iterations = 0;
  let error = Infinity;
  let stop: RuleStop = 'max-iterations';
  let failures = 0;
  while (iterations < o.maxIterations) {
    const change = L && rule ? L.step(rule) : S.step(f.rule, f.afterColumns);
    if (!(change === change && change < Infinity)) {
      if (L) {
        stop = 'non-finite';
        break;
      }
      if (++failures <= 3) {
        S.recover();
        continue;
      }
      // The scalings keep leaving the floating-point range: go on in the log domain.
      L = new LogDomainScaling(C, p.m, p.rows, p.cols, S.eps);
      rule = slow(S.eps);
      continue;
    }
    failures = 0;
    iterations++;
    error = change;
    if (change < o.tolerance && (L || S.settled())) {
      stop = 'converged';
      break;
    }
    if (o.yieldEvery > 0 && iterations % o.yieldEvery === 0) yield { iteration: iterations, error };
  }
  const out = L ? L.plan(p.n) : S.plan(p.n, p.m);
  let mass = 0;
  for (const x of out.rowMass) mass += x;
  return {
    ...out,
    mass,
    iterations,
    error,
    converged: stop === 'converged',
    stop,
    epsilon: S.eps,
    logDomain: L !== null,
  };
}
