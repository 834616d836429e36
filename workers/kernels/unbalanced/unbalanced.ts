/**
 * Entropic unbalanced optimal transport: the plan P >= 0 minimising
 *   <P, C> + ε Σ_ij P_ij (log P_ij − 1) + ρ KL(P1 | a) + ρ KL(Pᵀ1 | b),
 * the fixed point of POT's `ot.unbalanced.sinkhorn_unbalanced(a, b, C, reg=ε, reg_m=ρ)`
 * (u = (a / Kv)^φ, v = (b / Kᵀu)^φ, φ = ρ/(ρ + ε), P = diag(u) K diag(v), K = e^(−C/ε)).
 * Mass may be destroyed or created where moving it costs more than the KL penalty: with the
 * squared Euclidean cost, mass is rarely moved farther than about √ρ (the "reach").
 *
 * The iteration runs in the stabilised, tiled form of the balanced solver (`ruleScaling.ts`): the
 * update is the same as POT's, written on log-scalings, log u ← φ (log a − log Kv), so tiny ε
 * stays finite (scalings are absorbed into potentials long before they would overflow) and each
 * iteration is one fused sweep of the (truncated) kernel. The plain iteration converges linearly
 * with rate ≤ φ², fast for small ρ/ε but as slowly as balanced Sinkhorn as ρ/ε grows, so the
 * column update is Anderson-accelerated (as the balanced solver's): 35 iterations where POT's plain
 * loop takes 143 on the 2000-point benchmark (bench/unbalanced.bench.ts), to a closer plan. Should
 * the scalings still leave the floating-point range (costs near 1e24, or ε and ρ both tiny), the
 * solve goes on in the log domain (`ruleLogDomain.ts`). ρ = ∞ is balanced entropic OT (which needs
 * Σa = Σb): it is solved by `sinkhorn`.
 */
import { checkRuleProblem } from '../sinkhorn/ruleScaling.ts';
import { solveByRule, type RuleOutcome } from '../sinkhorn/ruleSolve.ts';
import { planMarginals } from '../plan.ts';
import { sinkhorn } from '../sinkhorn/sinkhorn.ts';

/** Options of {@link unbalancedSinkhorn}. */
export interface UnbalancedOptions {
  /** Entropic regularisation ε > 0, cost units (raised to 1e-13 × max |C| if below). */
  epsilon: number;
  /** Marginal relaxation ρ > 0, cost units; Infinity: balanced (Σa must equal Σb). */
  rho: number;
  /**
   * Stop when no log-scaling moved by more than this (nats, i.e. relative change of the
   * scalings) in one iteration. Default 1e-9. (Balanced, ρ = ∞: the L1 marginal error instead.)
   */
  tolerance?: number;
  /** Cap on iterations. Default 10 000. */
  maxIterations?: number;
  /** Spatial order hints (permutations, e.g. `hilbertOrder`): same result, faster at small ε. */
  sourceOrder?: Int32Array;
  targetOrder?: Int32Array;
  /** The generator yields every this many iterations. Default 10. */
  yieldEvery?: number;
  /** Anderson acceleration of the column update, memory (0: plain POT iteration). Default 8. */
  andersonMemory?: number;
}

/**
 * Result of {@link unbalancedSinkhorn}: the rule solve's outcome (for ρ = ∞, solved by `sinkhorn`,
 * `error` is the L1 marginal error instead of the last change of a log-scaling).
 */
export type UnbalancedResult = RuleOutcome;

/** What {@link unbalancedSteps} yields. */
export interface UnbalancedProgress {
  iteration: number;
  error: number;
}

/**
 * Generator form: yields progress every `yieldEvery` iterations, returns the result.
 * @param a source weights, length n, finite, >= 0, positive sum
 * @param b target weights, length m, likewise (any total: the masses need not match unless ρ = ∞)
 * @param C n×m costs, row-major, finite
 * @throws RangeError on malformed input or options
 */
export function* unbalancedSteps(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  options: UnbalancedOptions,
): Generator<UnbalancedProgress, UnbalancedResult> {
  const p = checkRuleProblem('unbalanced', a, b, C, options.sourceOrder, options.targetOrder);
  const { epsilon: eps, rho } = options;
  if (!(eps > 0 && eps < Infinity)) throw new RangeError('unbalanced: epsilon must be finite and > 0');
  if (!(rho > 0)) throw new RangeError('unbalanced: rho must be > 0 (Infinity: balanced)');
  const tol = options.tolerance ?? 1e-9;
  if (!(tol > 0)) throw new RangeError('unbalanced: tolerance must be > 0');
  const maxIterations = options.maxIterations ?? 10_000;
  if (rho === Infinity) return balanced(a, b, C, options, tol, maxIterations);
  const phi = (eps: number) => rho / (rho + eps);
  return yield* solveByRule(
    p,
    a,
    b,
    C,
    {
      epsilon: eps,
      tolerance: tol,
      maxIterations,
      yieldEvery: options.yieldEvery ?? 10,
      andersonMemory: options.andersonMemory ?? 8,
    },
    // log u = φ (log a − log Kv) on full potentials, i.e. (1 − φ)(−log a − fA/ε) − φ log s.
    (S) => {
      const f = phi(S.eps);
      return {
        rule: {
          row: (r, ls) => (1 - f) * S.lwu[r] - f * ls,
          col: (c, ls) => (1 - f) * S.lwv[c] - f * ls,
        },
      };
    },
    (e) => {
      const f = phi(e);
      return {
        row: (r, lse) => f * e * (Math.log(a[p.rows[r]]) - lse),
        col: (c, lse) => f * e * (Math.log(b[p.cols[c]]) - lse),
      };
    },
  );
}

/** ρ = ∞: balanced entropic OT. */
function balanced(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  options: UnbalancedOptions,
  tol: number,
  maxIterations: number,
): UnbalancedResult {
  const r = sinkhorn(a, b, C, {
    epsilon: options.epsilon,
    tolerance: tol,
    maxIterations,
    sourceOrder: options.sourceOrder,
    targetOrder: options.targetOrder,
  });
  const { rows: rowMass, cols: colMass } = planMarginals(r.plan, a.length, b.length);
  return {
    plan: r.plan,
    cost: r.cost,
    mass: sum(rowMass),
    rowMass,
    colMass,
    iterations: r.iterations,
    error: r.marginalError,
    converged: r.converged,
    stop: r.stop,
    epsilon: r.epsilon,
    logDomain: false,
  };
}

function sum(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s;
}

/** Runs {@link unbalancedSteps} to the end (see there). */
export function unbalancedSinkhorn(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  options: UnbalancedOptions,
): UnbalancedResult {
  const it = unbalancedSteps(a, b, C, { ...options, yieldEvery: 0 });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
