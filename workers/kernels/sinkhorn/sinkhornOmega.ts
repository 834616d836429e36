/**
 * Adaptive over-relaxation for Sinkhorn (SOR on the dual; Thibault et al. 2021, Lehmann et al.
 * 2022): u ← u^(1−ω) (1/Kv)^ω with ω in [1, 2).
 *
 * Near the solution Sinkhorn is a linear two-block Gauss–Seidel iteration whose error shrinks by
 * λ² per pass (λ: second singular value of the normalised plan). Over-relaxed, its rate μ obeys
 * Young's relation (μ + ω − 1)² = ω² λ² μ, which is smallest, μ = ω − 1, at
 * ω* = 2 / (1 + √(1 − λ²)). λ² is not known in advance and approaches 1 as ε shrinks (thousands
 * of plain passes at ε = 1% of the mean cost), so the controller measures the rate over windows
 * of passes, inverts Young's relation for λ², and raises ω towards ω*. It only raises ω (estimates
 * made early, while faster modes still decay, are low, so they approach ω* from below, as in
 * Hageman & Young's adaptive SOR), and halves ω − 1 when the error grows (the nonlinear regime).
 */

/** Tuning of {@link OmegaController}. */
export interface OmegaOptions {
  /** Largest ω used, < 2. */
  max: number;
  /** Passes at ω = 1 after a reset, and passes to let a change settle before measuring. */
  settle: number;
  /** Passes per rate measurement. */
  window: number;
}

export const DEFAULT_OMEGA_OPTIONS: OmegaOptions = { max: 1.98, settle: 4, window: 8 };

/** Chooses ω before each pass from the marginal errors seen so far (see the module comment). */
export class OmegaController {
  omega = 1;
  private readonly opts: OmegaOptions;
  /** Errors since the last change of ω. */
  private errs: number[] = [];
  private best = Infinity;

  constructor(opts: OmegaOptions = DEFAULT_OMEGA_OPTIONS) {
    this.opts = opts;
  }

  /** Back to ω = 1 (a new ε stage, or after a recovery). */
  reset(): void {
    this.omega = 1;
    this.errs = [];
    this.best = Infinity;
  }

  /** Records the error of the pass just made and returns ω for the next one. */
  next(err: number): number {
    const { max, settle, window } = this.opts;
    if (!(err < Infinity)) {
      this.change(1);
      return this.omega;
    }
    // Blowing up (the nonlinear regime, far from the solution): back off at once. A change of ω
    // itself makes the error jump for a few passes, so milder growth is judged by the window.
    if (err > 1e3 * this.best && this.omega > 1) {
      this.best = err;
      this.change(1 + (this.omega - 1) / 2);
      return this.omega;
    }
    if (err < this.best) this.best = err;
    this.errs.push(err);
    const k = this.errs.length;
    if (k < settle + window + 1 || (k - settle - 1) % window !== 0) return this.omega;
    const mu = Math.pow(this.errs[k - 1] / this.errs[k - 1 - window], 1 / window);
    const w = this.omega;
    if (!(mu < 1)) {
      if (w > 1) this.change(1 + (w - 1) / 2);
    } else if (mu > w - 1 + 1e-3) {
      const lambda2 = Math.min(1 - 1e-9, ((mu + w - 1) * (mu + w - 1)) / (w * w * mu));
      const target = Math.min(max, 2 / (1 + Math.sqrt(1 - lambda2)));
      if (target > w + 1e-3) this.change(target);
    }
    return this.omega;
  }

  private change(w: number): void {
    this.omega = w;
    this.errs = [];
  }
}
