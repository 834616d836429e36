/**
 * An input-convex neural network (ICNN, Amos et al. 2017) on the plane, with hand-written first-
 * and second-order derivatives, for neural optimal transport (Makkuva et al. 2020, `icnnTrain.ts`).
 *
 *   z_0 = σ(W_0 x + b_0)
 *   z_l = σ(A_l z_{l−1} + W_l x + b_l),  l = 1 … depth−1,   A_l >= 0
 *   F(x) = aᵀ z_{depth−1} + cᵀ x + ½ |Bᵀ x|²,              a >= 0
 *
 * σ(h) = ½ (h + √(h² + δ²)) with δ = 0.1, a smoothed ReLU: convex and non-decreasing
 * (σ' = ½(1 + h/r) ∈ (0, 1), σ'' = δ²/(2r³) > 0 with r = √(h² + δ²)), like softplus but one
 * square root instead of an exp and a log, which matters because activations dominate the cost
 * of a network this narrow. The small δ keeps kinks sharp enough to carve a cloud into clusters
 * (with δ = 1, training on a Gaussian-to-eight-Gaussians problem stalls near a linear map). With non-negative A_l and a every z_l is convex in x (a non-negative sum
 * of convex functions, composed with a convex non-decreasing σ); the quadratic ½ xᵀ B Bᵀ x is
 * convex for any B. `initIcnn` sets B = I, c = 0 and tiny output
 * weights a, so F starts as |x|²/2 (plus a term whose gradient is below 1e-3) and ∇F ≈ identity.
 * Non-negativity is kept by projection (`clampIcnn`) after each optimiser step.
 *
 * Derivatives (all per sample, d = 2):
 * - `inputGradient`: ∇_x F(x) by reverse mode;
 * - `forward` with a direction v also propagates the tangent ḟ = ∇_x F(x) · v (forward mode);
 * - `backward` accumulates α ∂F/∂θ + β ∂ḟ/∂θ (reverse mode over the primal *and* tangent
 *   computation): the parameter gradient of a directional derivative, the second-order term that
 *   training the map ∇g needs. Checked against finite differences in `icnn.test.ts`.
 *
 * Parameters are one flat Float64Array (layout in `IcnnLayout`), so Adam and snapshots see a
 * single buffer. An `Icnn` object holds preallocated work buffers: reuse it, do not share it
 * between concurrent evaluations.
 */

/** Shape of an ICNN. */
export interface IcnnSpec {
  /** Units per hidden layer, >= 1. */
  readonly width: number;
  /** Hidden layers, >= 1. */
  readonly depth: number;
}

/** Offsets into the flat parameter array. Matrices are row-major. */
export interface IcnnLayout {
  readonly width: number;
  readonly depth: number;
  /** Per hidden layer l: W_l (width×2), b_l (width), and A_l (width×width, l >= 1; −1 for l = 0). */
  readonly W: readonly number[];
  readonly b: readonly number[];
  readonly A: readonly number[];
  /** Output weights a (width), linear term c (2), quadratic factor B (2×2, row-major). */
  readonly a: number;
  readonly c: number;
  readonly B: number;
  /** Total number of parameters. */
  readonly size: number;
}

/** The parameter layout of `spec`. @throws RangeError for a width or depth below 1 */
export function icnnLayout(spec: IcnnSpec): IcnnLayout {
  const { width: H, depth: D } = spec;
  if (!(Number.isInteger(H) && H >= 1 && Number.isInteger(D) && D >= 1)) {
    throw new RangeError(`icnn: width and depth must be integers >= 1 (got ${H}, ${D})`);
  }
  const W: number[] = [];
  const b: number[] = [];
  const A: number[] = [];
  let o = 0;
  for (let l = 0; l < D; l++) {
    if (l === 0) A.push(-1);
    else {
      A.push(o);
      o += H * H;
    }
    W.push(o);
    o += 2 * H;
    b.push(o);
    o += H;
  }
  const a = o;
  const c = a + H;
  const B = c + 2;
  return { width: H, depth: D, W, b, A, a, c, B, size: B + 4 };
}

/**
 * Fresh parameters: W_l ~ U(±1/√fanIn), A_l ~ U(0, 1/width) (non-negative), b_l ~ U(±1),
 * a ~ U(0, 1e-3/width), c = 0, B = I. Consumes `rand` in layout order.
 * @param rand uniform [0, 1) generator, e.g. d3-random's `randomLcg(seed)`
 */
export function initIcnn(spec: IcnnSpec, rand: () => number): Float64Array {
  const L = icnnLayout(spec);
  const H = L.width;
  const p = new Float64Array(L.size);
  for (let l = 0; l < L.depth; l++) {
    if (l > 0) for (let k = 0; k < H * H; k++) p[L.A[l] + k] = rand() / H;
    const s = l === 0 ? 1 / Math.SQRT2 : 1 / Math.sqrt(H);
    for (let k = 0; k < 2 * H; k++) p[L.W[l] + k] = (2 * rand() - 1) * s;
    // Spread biases put the units' kinks at different places in the (normalised) data; with all
    // biases 0 every kink passes through the origin and, for symmetric clouds, the gradients of
    // f and g cancel by symmetry: training then stalls at the best linear map.
    for (let k = 0; k < H; k++) p[L.b[l] + k] = 2 * rand() - 1;
  }
  for (let k = 0; k < H; k++) p[L.a + k] = (rand() * 1e-3) / H;
  p[L.B] = 1;
  p[L.B + 3] = 1;
  return p;
}

/** Projects onto the convex networks: A_l and a clamped at 0 (in place). */
export function clampIcnn(layout: IcnnLayout, params: Float64Array): void {
  const H = layout.width;
  for (let l = 1; l < layout.depth; l++) {
    const o = layout.A[l];
    for (let k = 0; k < H * H; k++) if (params[o + k] < 0) params[o + k] = 0;
  }
  for (let k = 0; k < H; k++) if (params[layout.a + k] < 0) params[layout.a + k] = 0;
}

/** δ² of the activation σ(h) = ½(h + √(h² + δ²)), δ = 0.1. */
const D2 = 0.01;

/** Evaluator of one ICNN shape with preallocated buffers (see the module comment). */
export class Icnn {
  readonly layout: IcnnLayout;
  // Per layer: pre-activation h, σ'(h), σ''(h), activation z, tangents ḣ and ż.
  private readonly h: Float64Array[];
  private readonly s1: Float64Array[];
  private readonly s2: Float64Array[];
  private readonly z: Float64Array[];
  private readonly hd: Float64Array[];
  private readonly zd: Float64Array[];
  // Adjoints of z and ż for the layer being back-propagated, and of h and ḣ.
  private readonly zb: Float64Array;
  private readonly zdb: Float64Array;
  private readonly hb: Float64Array;
  private readonly hdb: Float64Array;
  private readonly zbNext: Float64Array;
  private readonly zdbNext: Float64Array;
  // Point and direction of the last `forward`.
  private x0 = 0;
  private x1 = 0;
  private v0 = 0;
  private v1 = 0;
  private withTangent = false;

  constructor(spec: IcnnSpec) {
    this.layout = icnnLayout(spec);
    const { width: H, depth: D } = this.layout;
    const make = () => Array.from({ length: D }, () => new Float64Array(H));
    this.h = make();
    this.s1 = make();
    this.s2 = make();
    this.z = make();
    this.hd = make();
    this.zd = make();
    this.zb = new Float64Array(H);
    this.zdb = new Float64Array(H);
    this.hb = new Float64Array(H);
    this.hdb = new Float64Array(H);
    this.zbNext = new Float64Array(H);
    this.zdbNext = new Float64Array(H);
  }

  /**
   * Evaluates F at x and stores the intermediate values for `backward`. With a direction v
   * (`tangent` true) also the directional derivative ∇F(x) · v (see `tangent`), in `out[1]`.
   * @returns F(x) (and writes [F, ∇F·v or 0] to `out` when given)
   */
  forward(
    p: Float64Array,
    x0: number,
    x1: number,
    v0 = 0,
    v1 = 0,
    tangent = false,
    out?: Float64Array,
  ): number {
    const L = this.layout;
    const H = L.width;
    this.x0 = x0;
    this.x1 = x1;
    this.withTangent = false;
    for (let l = 0; l < L.depth; l++) {
      const h = this.h[l];
      const Wo = L.W[l];
      const bo = L.b[l];
      for (let k = 0; k < H; k++) h[k] = p[Wo + 2 * k] * x0 + p[Wo + 2 * k + 1] * x1 + p[bo + k];
      if (l > 0) {
        const Ao = L.A[l];
        const zp = this.z[l - 1];
        for (let k = 0; k < H; k++) {
          const row = Ao + k * H;
          let s = 0;
          for (let q = 0; q < H; q++) s += p[row + q] * zp[q];
          h[k] += s;
        }
      }
      const z = this.z[l];
      const s1 = this.s1[l];
      const s2 = this.s2[l];
      for (let k = 0; k < H; k++) {
        const hk = h[k];
        const r = Math.sqrt(hk * hk + D2);
        // For h << 0, h + r cancels: use the equal forms with r − h (> 0 always).
        z[k] = hk >= 0 ? 0.5 * (hk + r) : (0.5 * D2) / (r - hk);
        s1[k] = hk >= 0 ? 0.5 * (1 + hk / r) : (0.5 * D2) / (r * (r - hk));
        s2[k] = (0.5 * D2) / (r * r * r);
      }
    }
    const zL = this.z[L.depth - 1];
    let F = p[L.c] * x0 + p[L.c + 1] * x1;
    for (let k = 0; k < H; k++) F += p[L.a + k] * zL[k];
    // Bᵀx (B row-major: B[i][j] at B + 2i + j).
    const B = L.B;
    const bx0 = p[B] * x0 + p[B + 2] * x1;
    const bx1 = p[B + 1] * x0 + p[B + 3] * x1;
    F += 0.5 * (bx0 * bx0 + bx1 * bx1);
    const Fd = tangent ? this.tangent(p, v0, v1) : 0;
    if (out) {
      out[0] = F;
      out[1] = Fd;
    }
    return F;
  }

  /**
   * Forward mode along v at the point of the last `forward`: propagates ḣ, ż and returns
   * ∇F(x) · v; afterwards `backward` may use β ≠ 0. Cheaper than a second `forward`.
   */
  tangent(p: Float64Array, v0: number, v1: number): number {
    const L = this.layout;
    const H = L.width;
    this.v0 = v0;
    this.v1 = v1;
    this.withTangent = true;
    for (let l = 0; l < L.depth; l++) {
      const hd = this.hd[l];
      const Wo = L.W[l];
      for (let k = 0; k < H; k++) hd[k] = p[Wo + 2 * k] * v0 + p[Wo + 2 * k + 1] * v1;
      if (l > 0) {
        const Ao = L.A[l];
        const zdp = this.zd[l - 1];
        for (let k = 0; k < H; k++) {
          const row = Ao + k * H;
          let s = 0;
          for (let q = 0; q < H; q++) s += p[row + q] * zdp[q];
          hd[k] += s;
        }
      }
      const s1 = this.s1[l];
      const zd = this.zd[l];
      for (let k = 0; k < H; k++) zd[k] = s1[k] * hd[k];
    }
    const zdL = this.zd[L.depth - 1];
    let Fd = p[L.c] * v0 + p[L.c + 1] * v1;
    for (let k = 0; k < H; k++) Fd += p[L.a + k] * zdL[k];
    const B = L.B;
    const { x0, x1 } = this;
    const bx0 = p[B] * x0 + p[B + 2] * x1;
    const bx1 = p[B + 1] * x0 + p[B + 3] * x1;
    const bv0 = p[B] * v0 + p[B + 2] * v1;
    const bv1 = p[B + 1] * v0 + p[B + 3] * v1;
    return Fd + bx0 * bv0 + bx1 * bv1;
  }

  /**
   * ∇_x F at the point of the last `forward` (reverse mode), written to `out[0..1]`.
   * Call `forward` at x first.
   */
  inputGradient(p: Float64Array, out: Float64Array): void {
    const L = this.layout;
    const H = L.width;
    const x0 = this.x0;
    const x1 = this.x1;
    let g0 = p[L.c];
    let g1 = p[L.c + 1];
    // ∇ ½|Bᵀx|² = B Bᵀ x.
    const B = L.B;
    const bx0 = p[B] * x0 + p[B + 2] * x1;
    const bx1 = p[B + 1] * x0 + p[B + 3] * x1;
    g0 += p[B] * bx0 + p[B + 1] * bx1;
    g1 += p[B + 2] * bx0 + p[B + 3] * bx1;
    let zb = this.zb;
    let next = this.zbNext;
    for (let k = 0; k < H; k++) zb[k] = p[L.a + k];
    for (let l = L.depth - 1; l >= 0; l--) {
      const e = this.hb;
      const s1 = this.s1[l];
      for (let k = 0; k < H; k++) e[k] = zb[k] * s1[k];
      const Wo = L.W[l];
      for (let k = 0; k < H; k++) {
        g0 += p[Wo + 2 * k] * e[k];
        g1 += p[Wo + 2 * k + 1] * e[k];
      }
      if (l > 0) {
        const Ao = L.A[l];
        next.fill(0);
        for (let k = 0; k < H; k++) {
          const ek = e[k];
          if (ek === 0) continue;
          const row = Ao + k * H;
          for (let q = 0; q < H; q++) next[q] += p[row + q] * ek;
        }
        const t = zb;
        zb = next;
        next = t;
      }
    }
    out[0] = g0;
    out[1] = g1;
  }

  /**
   * Accumulates α ∂F/∂θ + β ∂(∇F·v)/∂θ at the point and direction of the last `forward` into
   * `grad` (same layout as the parameters). With β ≠ 0, `forward` must have run with a tangent.
   */
  backward(p: Float64Array, alpha: number, beta: number, grad: Float64Array): void {
    const L = this.layout;
    const H = L.width;
    const { x0, x1, v0, v1 } = this;
    const tangent = this.withTangent && beta !== 0;
    if (beta !== 0 && !this.withTangent) throw new Error('icnn.backward: forward ran without a tangent');
    const zL = this.z[L.depth - 1];
    const zdL = this.zd[L.depth - 1];
    let zb = this.zb;
    let zdb = this.zdb;
    for (let k = 0; k < H; k++) {
      const ak = p[L.a + k];
      grad[L.a + k] += alpha * zL[k] + (tangent ? beta * zdL[k] : 0);
      zb[k] = alpha * ak;
      zdb[k] = tangent ? beta * ak : 0;
    }
    grad[L.c] += alpha * x0 + (tangent ? beta * v0 : 0);
    grad[L.c + 1] += alpha * x1 + (tangent ? beta * v1 : 0);
    // ½|Bᵀx|²: ∂/∂B_ij = x_i (Bᵀx)_j.  (Bᵀx)·(Bᵀv): ∂/∂B_ij = x_i (Bᵀv)_j + v_i (Bᵀx)_j.
    const B = L.B;
    const bx0 = p[B] * x0 + p[B + 2] * x1;
    const bx1 = p[B + 1] * x0 + p[B + 3] * x1;
    const bv0 = p[B] * v0 + p[B + 2] * v1;
    const bv1 = p[B + 1] * v0 + p[B + 3] * v1;
    grad[B] += alpha * x0 * bx0 + (tangent ? beta * (x0 * bv0 + v0 * bx0) : 0);
    grad[B + 1] += alpha * x0 * bx1 + (tangent ? beta * (x0 * bv1 + v0 * bx1) : 0);
    grad[B + 2] += alpha * x1 * bx0 + (tangent ? beta * (x1 * bv0 + v1 * bx0) : 0);
    grad[B + 3] += alpha * x1 * bx1 + (tangent ? beta * (x1 * bv1 + v1 * bx1) : 0);
    const hb = this.hb;
    const hdb = this.hdb;
    let zbNext = this.zbNext;
    let zdbNext = this.zdbNext;
    for (let l = L.depth - 1; l >= 0; l--) {
      const s1 = this.s1[l];
      const s2 = this.s2[l];
      const hd = this.hd[l];
      // z = σ(h), ż = σ'(h) ḣ  ⇒  h̄ = z̄ σ' + ż̄ ḣ σ'',  ḣ̄ = ż̄ σ'.
      for (let k = 0; k < H; k++) {
        hb[k] = zb[k] * s1[k] + (tangent ? zdb[k] * hd[k] * s2[k] : 0);
        hdb[k] = tangent ? zdb[k] * s1[k] : 0;
      }
      const Wo = L.W[l];
      const bo = L.b[l];
      for (let k = 0; k < H; k++) {
        grad[Wo + 2 * k] += hb[k] * x0 + hdb[k] * v0;
        grad[Wo + 2 * k + 1] += hb[k] * x1 + hdb[k] * v1;
        grad[bo + k] += hb[k];
      }
      if (l === 0) break;
      const Ao = L.A[l];
      const zp = this.z[l - 1];
      const zdp = this.zd[l - 1];
      zbNext.fill(0);
      zdbNext.fill(0);
      for (let k = 0; k < H; k++) {
        const e = hb[k];
        const ed = hdb[k];
        const row = Ao + k * H;
        if (tangent) {
          for (let q = 0; q < H; q++) {
            const w = p[row + q];
            grad[row + q] += e * zp[q] + ed * zdp[q];
            zbNext[q] += w * e;
            zdbNext[q] += w * ed;
          }
        } else {
          for (let q = 0; q < H; q++) {
            grad[row + q] += e * zp[q];
            zbNext[q] += p[row + q] * e;
          }
        }
      }
      let t = zb;
      zb = zbNext;
      zbNext = t;
      t = zdb;
      zdb = zdbNext;
      zdbNext = t;
    }
  }

  /** F and ∇F at one point: writes ∇F to `grad2` and returns F. */
  valueAndGradient(p: Float64Array, x0: number, x1: number, grad2: Float64Array): number {
    const F = this.forward(p, x0, x1);
    this.inputGradient(p, grad2);
    return F;
  }
}
