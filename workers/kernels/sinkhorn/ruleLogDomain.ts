/**
 * The log-domain fallback of `ruleScaling.ts`: the same coordinate updates written on the full
 * potentials with a log-sum-exp per row and column, P_ij = exp((F_i + G_j + γ − C_ij)/ε). It
 * cannot over- or underflow at any ε or cost scale (each log-sum-exp subtracts its maximum), but
 * costs an exp per entry per half-iteration, so `unbalanced.ts` and `partialEntropic.ts` use it
 * only when the stabilised scaling fails (costs near 1e24 against ε, or ε below the truncation's
 * reach, where a scaling leaves the floating-point range within one update).
 */

/** Row (column) update on potentials: the new F_i from lse = LSE_j((G_j + γ − C_ij)/ε), nats. */
export interface PotentialRule {
  row(i: number, lse: number): number;
  col(j: number, lse: number): number;
  /** Whether the total mass is rescaled to `mass` after each iteration (the γ update). */
  readonly mass?: number;
}

/** Dense log-domain state over the positive-weight rows `rows` and columns `cols`. */
export class LogDomainScaling {
  readonly F: Float64Array;
  readonly G: Float64Array;
  gamma = 0;
  private readonly z: Float64Array;

  /** @param C n×m costs, row-major, finite; @param eps ε > 0, cost units */
  constructor(
    private readonly C: Float64Array,
    private readonly m: number,
    private readonly rows: Int32Array,
    private readonly cols: Int32Array,
    readonly eps: number,
  ) {
    this.F = new Float64Array(rows.length);
    this.G = new Float64Array(cols.length);
    this.z = new Float64Array(Math.max(rows.length, cols.length));
  }

  /** One iteration (rows, columns, then the mass if the rule has one); the largest change, nats. */
  step(rule: PotentialRule): number {
    const { C, m, rows, cols, F, G, eps, z } = this;
    let change = 0;
    for (let r = 0; r < rows.length; r++) {
      const base = rows[r] * m;
      for (let c = 0; c < cols.length; c++) z[c] = (G[c] + this.gamma - C[base + cols[c]]) / eps;
      const f = rule.row(r, logSumExp(z, cols.length));
      change = Math.max(change, Math.abs(f - F[r]) / eps);
      F[r] = f;
    }
    for (let c = 0; c < cols.length; c++) {
      for (let r = 0; r < rows.length; r++) z[r] = (F[r] + this.gamma - C[rows[r] * m + cols[c]]) / eps;
      const g = rule.col(c, logSumExp(z, rows.length));
      change = Math.max(change, Math.abs(g - G[c]) / eps);
      G[c] = g;
    }
    if (rule.mass !== undefined) {
      const shift = Math.log(rule.mass) - this.logMass();
      this.gamma += eps * shift;
      change = Math.max(change, Math.abs(shift));
    }
    return change;
  }

  /** log Σ P. */
  logMass(): number {
    const { C, m, rows, cols, F, G, eps } = this;
    let mx = -Infinity;
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < cols.length; c++) {
        const x = (F[r] + G[c] + this.gamma - C[rows[r] * m + cols[c]]) / eps;
        if (x > mx) mx = x;
      }
    }
    let s = 0;
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < cols.length; c++)
        s += Math.exp((F[r] + G[c] + this.gamma - C[rows[r] * m + cols[c]]) / eps - mx);
    }
    return mx + Math.log(s);
  }

  /** The plan (n×m original order), its cost and marginals. */
  plan(n: number): { plan: Float64Array; cost: number; rowMass: Float64Array; colMass: Float64Array } {
    const { C, m, rows, cols, F, G, eps } = this;
    const plan = new Float64Array(n * m);
    const rowMass = new Float64Array(n);
    const colMass = new Float64Array(m);
    let cost = 0;
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < cols.length; c++) {
        const k = rows[r] * m + cols[c];
        const p = Math.exp((F[r] + G[c] + this.gamma - C[k]) / eps);
        plan[k] = p;
        cost += p * C[k];
        rowMass[rows[r]] += p;
        colMass[cols[c]] += p;
      }
    }
    return { plan, cost, rowMass, colMass };
  }
}

function logSumExp(z: Float64Array, len: number): number {
  let mx = -Infinity;
  for (let k = 0; k < len; k++) if (z[k] > mx) mx = z[k];
  if (mx === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < len; k++) s += Math.exp(z[k] - mx);
  return mx + Math.log(s);
}
