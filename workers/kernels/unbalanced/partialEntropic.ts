/**
 * Entropic partial optimal transport: the plan minimising
 *   <P, C> + ε Σ_ij P_ij (log P_ij − 1)  subject to P1 <= a, Pᵀ1 <= b, Σ P = m,
 * the limit of POT's `ot.partial.entropic_partial_wasserstein(a, b, C, reg=ε, m)` (Dykstra's
 * Bregman projections, Benamou et al. 2015). Dykstra on these three sets is block coordinate ascent
 * on the dual, P_ij = exp((α_i + β_j + γ − C_ij)/ε) with α, β <= 0:
 *   α_i ← min(0, ε log a_i − ε log Σ_j exp((β_j + γ − C_ij)/ε)),  β likewise,
 *   γ ← γ + ε log(m / Σ P),
 * in that order, the same iterates as POT's (which multiplies matrices; here written on
 * log-scalings over the stabilised, tiled kernel of `ruleScaling.ts`, so tiny ε stays finite).
 * POT's default runs a fixed 1000 iterations; this one stops when no log-scaling moves by more than
 * `tolerance` nats.
 */
import { checkPartialMass } from './partial.ts';
import { checkRuleProblem } from '../sinkhorn/ruleScaling.ts';
import { solveByRule, type RuleOutcome } from '../sinkhorn/ruleSolve.ts';

/** Options of {@link partialEntropic}. */
export interface PartialEntropicOptions {
  /** Transported mass m in (0, min(Σa, Σb)]. */
  mass: number;
  /** ε > 0, cost units. */
  epsilon: number;
  /** Stop when no log-scaling (nor γ/ε) moved by more than this in an iteration. Default 1e-9. */
  tolerance?: number;
  /** Default 10 000. */
  maxIterations?: number;
  sourceOrder?: Int32Array;
  targetOrder?: Int32Array;
  /** The generator yields every this many iterations. Default 10. */
  yieldEvery?: number;
}

/**
 * Result of {@link partialEntropic}: the n×m plan (row-major; Σ P = m to rounding, P1 <= a and
 * Pᵀ1 <= b to within the tolerance), its cost, mass, marginals, iterations, last change (nats).
 */
export type PartialEntropicResult = RuleOutcome;

/**
 * Generator form: yields `{ iteration, error }` every `yieldEvery` iterations.
 * @param a, b weights (lengths n, m; finite, >= 0); @param C n×m costs, row-major, finite
 * @throws RangeError on malformed input or a mass out of range
 */
export function* partialEntropicSteps(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  options: PartialEntropicOptions,
): Generator<{ iteration: number; error: number }, PartialEntropicResult> {
  const p = checkRuleProblem('partial', a, b, C, options.sourceOrder, options.targetOrder);
  checkPartialMass('partial', a, b, options.mass);
  const eps0 = options.epsilon;
  if (!(eps0 > 0 && eps0 < Infinity)) throw new RangeError('partial: epsilon must be finite and > 0');
  const tol = options.tolerance ?? 1e-9;
  if (!(tol > 0)) throw new RangeError('partial: tolerance must be > 0');
  const maxIterations = options.maxIterations ?? 10_000;
  const logMass = Math.log(options.mass);
  return yield* solveByRule(
    p,
    a,
    b,
    C,
    { epsilon: eps0, tolerance: tol, maxIterations, yieldEvery: options.yieldEvery ?? 10, andersonMemory: 0 },
    (S) => {
      const { K } = S;
      // γ/ε (nats). The kernel carries the total mass (a_i u_i K_ij v_j b_j is the plan itself, so
      // its truncation is measured against real masses): the row side holds α + γ, i.e.
      // α_i = ε log a_i + fA_i + ε log u_i − γ, and α <= 0 reads log u <= lwu + γ/ε; columns hold β.
      let lg = 0;
      // After the columns: Σ P = Σ_c b_c v_c Kᵀ(a∘u)_c; γ moves by ε·shift and every u by
      // e^shift, which scales the plan to mass m and leaves α unchanged.
      const massStep = (u: Float64Array, v: Float64Array) => {
        const shift = logMass - Math.log(dot(K.b, v, S.acc, K.m));
        lg += shift;
        const f = Math.exp(shift);
        for (let r = 0; r < K.n; r++) u[r] *= f;
        return Math.abs(shift);
      };
      return {
        rule: {
          row: (r, ls) => Math.min(S.lwu[r] + lg, -ls),
          col: (c, ls) => Math.min(S.lwv[c], -ls),
        },
        afterColumns: massStep,
        // The start: u = v = 1 scaled to mass m, as POT's K ← K m / Σ K (the first row update
        // projects onto α <= 0).
        start: () => void S.step({ row: () => 0, col: () => 0 }, massStep),
      };
    },
    // Potentials: α = min(0, ε log a − ε LSE_j((β_j + γ − C_ij)/ε)), β likewise, then γ.
    (e) => ({
      row: (r, lse) => Math.min(0, e * (Math.log(a[p.rows[r]]) - lse)),
      col: (c, lse) => Math.min(0, e * (Math.log(b[p.cols[c]]) - lse)),
      mass: options.mass,
    }),
  );
}

function dot(b: Float64Array, v: Float64Array, acc: Float64Array, m: number): number {
  let s = 0;
  for (let c = 0; c < m; c++) s += b[c] * v[c] * acc[c];
  return s;
}

/** Runs {@link partialEntropicSteps} to the end. */
export function partialEntropic(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  options: PartialEntropicOptions,
): PartialEntropicResult {
  const it = partialEntropicSteps(a, b, C, { ...options, yieldEvery: 0 });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
