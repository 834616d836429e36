/**
 * Anderson acceleration (type II, Walker & Ni 2011) of a fixed-point iteration x ← T(x): the next
 * iterate is Σ α_k T(x_k) over the last few iterates, with Σ α_k = 1 chosen to minimise
 * ‖Σ α_k (T(x_k) − x_k)‖₂. On a linear map it is a windowed GMRES, so it converges like a Krylov
 * method: a few slow modes (the isolated points that make small-ε Sinkhorn crawl) each cost one
 * slot of memory instead of dictating the rate as they do for plain or over-relaxed Sinkhorn.
 * Used by `sinkhorn.ts` on x = log v; O(memory × dim) work per step, no allocation.
 */

/** Mixes iterates of a fixed-point map; see the module comment. */
export class AndersonMixer {
  private readonly dim: number;
  private readonly memory: number;
  /** Ring buffers of map values T(x_k) and residuals T(x_k) − x_k. */
  private readonly values: Float64Array[];
  private readonly residuals: Float64Array[];
  /** Gram matrix of the stored residuals, (memory) × (memory), by ring slot. */
  private readonly gram: Float64Array;
  private count = 0;
  private head = 0;
  private readonly sys: Float64Array;
  private readonly rhs: Float64Array;
  private readonly weights: Float64Array;

  /** @param dim length of x; @param memory iterates mixed (>= 1) */
  constructor(dim: number, memory: number) {
    this.dim = dim;
    this.memory = memory;
    this.values = Array.from({ length: memory }, () => new Float64Array(dim));
    this.residuals = Array.from({ length: memory }, () => new Float64Array(dim));
    this.gram = new Float64Array(memory * memory);
    this.sys = new Float64Array(memory * memory);
    this.rhs = new Float64Array(memory);
    this.weights = new Float64Array(memory);
  }

  /** Forgets the history (after the map changed: a new ε, a rebuilt kernel). */
  reset(): void {
    this.count = 0;
    this.head = 0;
  }

  /**
   * Re-expresses the history after the caller changed variables x ← x − delta (absorbing v into
   * the potentials conjugates the map the same way, so residuals are unchanged).
   */
  shift(delta: Float64Array): void {
    for (let q = 0; q < this.count; q++) {
      const v = this.values[q];
      for (let k = 0; k < this.dim; k++) v[k] -= delta[k];
    }
  }

  /**
   * Records the pair (x, T(x)) and writes the next iterate into `out` (may alias `tx`).
   * @param x current iterate, length dim; @param tx T(x), length dim
   */
  step(x: Float64Array, tx: Float64Array, out: Float64Array): void {
    const { dim, memory } = this;
    const slot = this.head;
    const val = this.values[slot];
    const res = this.residuals[slot];
    for (let k = 0; k < dim; k++) {
      val[k] = tx[k];
      res[k] = tx[k] - x[k];
    }
    this.head = (slot + 1) % memory;
    if (this.count < memory) this.count++;
    const count = this.count;
    for (let q = 0; q < count; q++) {
      const other = this.residuals[q];
      let d = 0;
      for (let k = 0; k < dim; k++) d += res[k] * other[k];
      this.gram[slot * memory + q] = d;
      this.gram[q * memory + slot] = d;
    }
    if (count === 1) {
      out.set(tx);
      return;
    }
    const alpha = this.solveWeights(count);
    if (!alpha) {
      out.set(tx);
      this.reset();
      return;
    }
    out.fill(0);
    for (let q = 0; q < count; q++) {
      const w = alpha[q];
      const v = this.values[q];
      for (let k = 0; k < dim; k++) out[k] += w * v[k];
    }
  }

  /** Weights α (Σ α = 1) minimising the mixed residual: (G + λI) z = 1, α = z / Σ z. */
  private solveWeights(count: number): Float64Array | null {
    const { memory, sys, rhs, gram } = this;
    let trace = 0;
    for (let q = 0; q < count; q++) trace += gram[q * memory + q];
    // Tikhonov term: residuals grow nearly parallel near convergence, making G singular.
    const reg = 1e-10 * trace + 1e-300;
    for (let p = 0; p < count; p++) {
      for (let q = 0; q < count; q++) sys[p * count + q] = gram[p * memory + q] + (p === q ? reg : 0);
      rhs[p] = 1;
    }
    // Gaussian elimination with partial pivoting on the small symmetric system.
    for (let col = 0; col < count; col++) {
      let piv = col;
      for (let r = col + 1; r < count; r++) {
        if (Math.abs(sys[r * count + col]) > Math.abs(sys[piv * count + col])) piv = r;
      }
      if (!(Math.abs(sys[piv * count + col]) > 0)) return null;
      if (piv !== col) {
        for (let q = 0; q < count; q++) {
          const t = sys[col * count + q];
          sys[col * count + q] = sys[piv * count + q];
          sys[piv * count + q] = t;
        }
        const t = rhs[col];
        rhs[col] = rhs[piv];
        rhs[piv] = t;
      }
      const d = sys[col * count + col];
      for (let r = col + 1; r < count; r++) {
        const f = sys[r * count + col] / d;
        if (f === 0) continue;
        for (let q = col; q < count; q++) sys[r * count + q] -= f * sys[col * count + q];
        rhs[r] -= f * rhs[col];
      }
    }
    const z = this.weights;
    let sum = 0;
    for (let r = count - 1; r >= 0; r--) {
      let s = rhs[r];
      for (let q = r + 1; q < count; q++) s -= sys[r * count + q] * z[q];
      z[r] = s / sys[r * count + r];
      sum += z[r];
    }
    if (!(Math.abs(sum) > 0) || !Number.isFinite(sum)) return null;
    for (let q = 0; q < count; q++) z[q] /= sum;
    return z;
  }
}

/** Largest move of a log-scaling by Anderson beyond the plain step (nats): farther is not trusted. */
const MAX_EXTRAPOLATION = 10;

/**
 * The Sinkhorn solvers' Anderson acceleration of x = log v (`sinkhornIterate.ts`, and
 * `ruleScaling.ts` for unbalanced transport), with two guards: the history restarts when the error
 * is over 10× the best seen (a nonlinear regime, where it misleads), and an extrapolation more
 * than MAX_EXTRAPOLATION nats from the plain step is replaced by the plain step (the history
 * restarted).
 */
export class GuardedAnderson {
  private readonly mixer: AndersonMixer;
  private best = Infinity;

  /** @param dim length of x; @param memory iterates mixed (>= 1) */
  constructor(dim: number, memory: number) {
    this.mixer = new AndersonMixer(dim, memory);
  }

  /** Forgets the history and the best error (a new ε stage, a rebuilt kernel, a recovery). */
  reset(): void {
    this.mixer.reset();
    this.best = Infinity;
  }

  /** See {@link AndersonMixer.shift}. */
  shift(delta: Float64Array): void {
    this.mixer.shift(delta);
  }

  /**
   * Writes the next iterate into `out` (length dim).
   * @param error the fixed-point error of x (any consistent measure); @param x current log v;
   * @param plain the plain step T(x)
   */
  step(error: number, x: Float64Array, plain: Float64Array, out: Float64Array): void {
    if (error > 10 * this.best) this.mixer.reset();
    if (error < this.best) this.best = error;
    this.mixer.step(x, plain, out);
    let far = false;
    for (let k = 0; k < plain.length; k++)
      if (!(Math.abs(out[k] - plain[k]) <= MAX_EXTRAPOLATION)) far = true;
    if (far) {
      out.set(plain);
      this.mixer.reset();
    }
  }
}

/** v_k = exp(logV_k) for k < logV.length; false if one is 0 or not finite (v is then not to be used). */
export function expScalings(logV: Float64Array, v: Float64Array): boolean {
  let ok = true;
  for (let k = 0; k < logV.length; k++) {
    const x = Math.exp(logV[k]);
    if (!(x > 0 && x < Infinity)) ok = false;
    v[k] = x;
  }
  return ok;
}
