/**
 * What the stage draws of a transport map, evaluated in one place for any estimator:
 * - a warped grid: lines of a square grid over the source region, sampled finely along each line,
 *   and their images T(p) (the stage draws (1 − t) p + t T(p));
 * - the convex potential φ (∇φ = T) on a lattice over both clouds, for contour lines;
 * - the source points' images T(x_i), and the W₂² estimate Σ a_i |T(x_i) − x_i|².
 *
 * An estimator plugs in as a `PlaneMapEvaluator`. Grid lines and the potential's lattice are
 * lattices of points (x_i, y_k), which an estimator may evaluate faster than point by point (the
 * entropic map does, `entropicMapLattice.ts`). Evaluation is chunked (a generator), so a long
 * evaluation in the worker can be cancelled between chunks.
 */

/** An axis-aligned box, plane units. */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Where a lattice's values go: point (x_i, y_k) is written at `offset + i·strideX + k·strideY`. */
export interface LatticeLayout {
  offset: number;
  strideX: number;
  strideY: number;
}

/**
 * Writes T and/or φ at the lattice points (xs[i], ys[k]) for rows k in [kFrom, kTo) (default all);
 * `outMap` takes T interleaved (two numbers at 2 × the layout's index), `outPotential` φ (one
 * number per point); either may be null.
 */
export type LatticeRows = (
  ys: Float64Array,
  outMap: Float64Array | null,
  outPotential: Float64Array | null,
  layout: LatticeLayout,
  kFrom?: number,
  kTo?: number,
) => void;

/** Writes T (interleaved) and/or φ at points `from` … `to − 1` of `points`; either output may be null. */
export type PointsEvaluator = (
  points: Float64Array,
  outMap: Float64Array | null,
  outPotential: Float64Array | null,
  from: number,
  to: number,
) => void;

/**
 * A map as the view needs it: at any points, and optionally a faster path for the lattice with
 * columns `xs`. `entropicMapLattice.ts` and `icnnMap.ts` provide these.
 */
export interface PlaneMapEvaluator {
  points: PointsEvaluator;
  lattice?: (xs: Float64Array) => LatticeRows;
}

/** The lattice evaluated point by point, one row at a time (for estimators without a faster way). */
export function pointwiseRows(points: PointsEvaluator, xs: Float64Array): LatticeRows {
  const nx = xs.length;
  const pts = new Float64Array(2 * nx);
  const map = new Float64Array(2 * nx);
  const pot = new Float64Array(nx);
  for (let i = 0; i < nx; i++) pts[2 * i] = xs[i];
  return (ys, outMap, outPotential, layout, kFrom = 0, kTo = ys.length) => {
    for (let k = kFrom; k < kTo; k++) {
      for (let i = 0; i < nx; i++) pts[2 * i + 1] = ys[k];
      points(pts, outMap ? map : null, outPotential ? pot : null, 0, nx);
      for (let i = 0; i < nx; i++) {
        const at = layout.offset + i * layout.strideX + k * layout.strideY;
        if (outMap) {
          outMap[2 * at] = map[2 * i];
          outMap[2 * at + 1] = map[2 * i + 1];
        }
        if (outPotential) outPotential[at] = pot[i];
      }
    }
  };
}

/** n evenly spaced values from lo to hi (both included). */
function ticks(lo: number, hi: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1 || 1));
}

/**
 * Where the grid and the lattice lie. Grid points are laid out line by line: first `rows`
 * horizontal lines (bottom to top), each `rowSamples` points from left to right, then `cols`
 * vertical lines (left to right), each `colSamples` points from bottom to top. Along a line,
 * every `samplesPerCell`-th point is a grid node (a crossing).
 */
export interface BrenierGridSpec {
  readonly grid: Box;
  /** Horizontal lines and points per horizontal line. */
  readonly rows: number;
  readonly rowSamples: number;
  /** Vertical lines and points per vertical line. */
  readonly cols: number;
  readonly colSamples: number;
  readonly samplesPerCell: number;
  /** The potential's lattice: `nx` × `ny` values over `lattice`, row-major, row 0 at y0. */
  readonly lattice: Box;
  readonly nx: number;
  readonly ny: number;
}

/** Options of {@link brenierGridSpec}. */
export interface BrenierGridOptions {
  /** Grid cells along the source region's longer side. Default 14. */
  cells?: number;
  /** Samples per cell along each line (smooth curves). Default 6. */
  samplesPerCell?: number;
  /** Lattice points along the longer side of both clouds' box. Default 64. */
  latticeSize?: number;
  /** Padding of both boxes, fraction of their extent, each side. Default 0.08 (grid), 0.2 (lattice). */
  gridPad?: number;
  latticePad?: number;
}

/**
 * The padded bounding box of `p` (joined with `into`). A box without width or height (a line of
 * points, or one point) is widened to 10% of its longer side, or when it has none to `minHalf`
 * each way, and to at least 1e-9 of its centre's coordinates (narrower, it would round to zero
 * width): the boxes scale with the clouds, so clouds at 1e-9 or 1e6 get the same grid.
 */
function bounds(p: Float64Array, pad: number, minHalf: number, into?: Box): Box {
  let x0 = into ? into.x0 : Infinity;
  let y0 = into ? into.y0 : Infinity;
  let x1 = into ? into.x1 : -Infinity;
  let y1 = into ? into.y1 : -Infinity;
  for (let k = 0; k < p.length; k += 2) {
    x0 = Math.min(x0, p[k]);
    x1 = Math.max(x1, p[k]);
    y0 = Math.min(y0, p[k + 1]);
    y1 = Math.max(y1, p[k + 1]);
  }
  if (!(x0 <= x1)) return { x0: -1, y0: -1, x1: 1, y1: 1 };
  const extent = Math.max(x1 - x0, y1 - y0);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // Never below 1e-9 of the coordinates: a box narrower than their rounding has zero width.
  const half = Math.max(extent > 0 ? 0.05 * extent : minHalf, 1e-9 * Math.max(Math.abs(cx), Math.abs(cy)));
  const hx = Math.max((x1 - x0) / 2, half) * (1 + 2 * pad);
  const hy = Math.max((y1 - y0) / 2, half) * (1 + 2 * pad);
  return { x0: cx - hx, y0: cy - hy, x1: cx + hx, y1: cy + hy };
}

/**
 * The bounding box [x0, y0, x1, y1] of several interleaved point arrays together (plane units);
 * [∞, ∞, −∞, −∞] when they hold no point.
 */
export function jointBox(...clouds: Float64Array[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of clouds) {
    for (let k = 0; k < p.length; k += 2) {
      x0 = Math.min(x0, p[k]);
      x1 = Math.max(x1, p[k]);
      y0 = Math.min(y0, p[k + 1]);
      y1 = Math.max(y1, p[k + 1]);
    }
  }
  return [x0, y0, x1, y1];
}

/** The longer side of the bounding box of both clouds together (0 when all points coincide). */
function jointExtent(x: Float64Array, y: Float64Array): number {
  const [x0, y0, x1, y1] = jointBox(x, y);
  return x0 <= x1 ? Math.max(x1 - x0, y1 - y0) : 0;
}

/**
 * The grid over the source's bounding box (padded) with square cells, and the lattice over both
 * clouds' box (padded).
 * @param x source points, interleaved; @param y target points, interleaved
 */
export function brenierGridSpec(
  x: Float64Array,
  y: Float64Array,
  options: BrenierGridOptions = {},
): BrenierGridSpec {
  const cells = options.cells ?? 14;
  const k = options.samplesPerCell ?? 6;
  const size = options.latticeSize ?? 64;
  // A collapsed cloud borrows its size from both clouds (5% of their joint extent); when both
  // collapse onto one point nothing has a size, and the box is 0.5 units.
  const extent = jointExtent(x, y);
  const minHalf = extent > 0 ? 0.05 * extent : 0.25;
  const g = bounds(x, options.gridPad ?? 0.08, minHalf);
  const w = g.x1 - g.x0;
  const h = g.y1 - g.y0;
  const cell = Math.max(w, h) / cells;
  const cx = Math.max(1, Math.round(w / cell));
  const cy = Math.max(1, Math.round(h / cell));
  // Re-centre so the cells stay square.
  const mx = (g.x0 + g.x1) / 2;
  const my = (g.y0 + g.y1) / 2;
  const grid = {
    x0: mx - (cx * cell) / 2,
    x1: mx + (cx * cell) / 2,
    y0: my - (cy * cell) / 2,
    y1: my + (cy * cell) / 2,
  };
  const both = bounds(y, options.latticePad ?? 0.2, minHalf, bounds(x, 0, minHalf));
  const lw = both.x1 - both.x0;
  const lh = both.y1 - both.y0;
  const step = Math.max(lw, lh) / (size - 1);
  return {
    grid,
    rows: cy + 1,
    rowSamples: cx * k + 1,
    cols: cx + 1,
    colSamples: cy * k + 1,
    samplesPerCell: k,
    lattice: both,
    nx: Math.max(2, Math.round(lw / step) + 1),
    ny: Math.max(2, Math.round(lh / step) + 1),
  };
}

/** The grid's points in the layout of {@link BrenierGridSpec}, interleaved. */
export function gridPoints(spec: BrenierGridSpec): Float64Array {
  const { grid, rows, rowSamples, cols, colSamples } = spec;
  const out = new Float64Array(2 * (rows * rowSamples + cols * colSamples));
  let o = 0;
  for (let r = 0; r < rows; r++) {
    const yv = grid.y0 + ((grid.y1 - grid.y0) * r) / (rows - 1 || 1);
    for (let s = 0; s < rowSamples; s++) {
      out[o++] = grid.x0 + ((grid.x1 - grid.x0) * s) / (rowSamples - 1);
      out[o++] = yv;
    }
  }
  for (let c = 0; c < cols; c++) {
    const xv = grid.x0 + ((grid.x1 - grid.x0) * c) / (cols - 1 || 1);
    for (let s = 0; s < colSamples; s++) {
      out[o++] = xv;
      out[o++] = grid.y0 + ((grid.y1 - grid.y0) * s) / (colSamples - 1);
    }
  }
  return out;
}

/**
 * The lattice's points, row-major (row 0 at y0, left to right), interleaved. Needs only the
 * lattice's box and size, so any `nx` × `ny` lattice over a box can use it.
 */
export function latticePoints(spec: Pick<BrenierGridSpec, 'lattice' | 'nx' | 'ny'>): Float64Array {
  const { lattice: b, nx, ny } = spec;
  const out = new Float64Array(2 * nx * ny);
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      out[2 * (r * nx + c)] = b.x0 + ((b.x1 - b.x0) * c) / (nx - 1);
      out[2 * (r * nx + c) + 1] = b.y0 + ((b.y1 - b.y0) * r) / (ny - 1);
    }
  }
  return out;
}

/** Everything the stage draws of one map. */
export interface BrenierView {
  spec: BrenierGridSpec;
  /** Grid points (identity), interleaved, layout of the spec. */
  grid: Float64Array;
  /** T at the grid points, same layout. */
  gridMapped: Float64Array;
  /** φ on the lattice, nx·ny, row-major, cost units (up to a constant). */
  potential: Float64Array;
  /** T(x_i), interleaved, length 2n. */
  mappedSource: Float64Array;
  /** Σ a_i |T(x_i) − x_i|², cost units. */
  w2: number;
}

/**
 * Evaluates the view; yields the fraction done after each chunk of about `chunk` points.
 * @param x source points, interleaved, length 2n; @param a source weights, length n, sum 1
 */
export function* evaluateBrenierViewSteps(
  evaluate: PlaneMapEvaluator,
  x: Float64Array,
  a: Float64Array,
  spec: BrenierGridSpec,
  chunk = 256,
): Generator<number, BrenierView> {
  const { grid: g, lattice: b } = spec;
  const grid = gridPoints(spec);
  const gridMapped = new Float64Array(grid.length);
  const potential = new Float64Array(spec.nx * spec.ny);
  const mappedSource = new Float64Array(x.length);
  const n = x.length >> 1;
  const total = n + (grid.length >> 1) + potential.length;
  let done = 0;
  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    evaluate.points(x, mappedSource, null, from, to);
    done += to - from;
    yield done / total;
  }
  // Horizontal lines: x along the line, one row per line; vertical lines: the transpose.
  const rowsBase = spec.rows * spec.rowSamples;
  const lattices: [Float64Array, Float64Array, LatticeLayout, Float64Array | null, Float64Array | null][] = [
    [
      ticks(g.x0, g.x1, spec.rowSamples),
      ticks(g.y0, g.y1, spec.rows),
      { offset: 0, strideX: 1, strideY: spec.rowSamples },
      gridMapped,
      null,
    ],
    [
      ticks(g.x0, g.x1, spec.cols),
      ticks(g.y0, g.y1, spec.colSamples),
      { offset: rowsBase, strideX: spec.colSamples, strideY: 1 },
      gridMapped,
      null,
    ],
    [
      ticks(b.x0, b.x1, spec.nx),
      ticks(b.y0, b.y1, spec.ny),
      { offset: 0, strideX: 1, strideY: spec.nx },
      null,
      potential,
    ],
  ];
  for (const [xs, ys, layout, outMap, outPot] of lattices) {
    const rows = evaluate.lattice ? evaluate.lattice(xs) : pointwiseRows(evaluate.points, xs);
    const step = Math.max(1, Math.floor(chunk / xs.length));
    for (let k = 0; k < ys.length; k += step) {
      const kTo = Math.min(ys.length, k + step);
      rows(ys, outMap, outPot, layout, k, kTo);
      done += (kTo - k) * xs.length;
      yield done / total;
    }
  }
  let w2 = 0;
  for (let i = 0; i < a.length; i++) {
    w2 += a[i] * ((mappedSource[2 * i] - x[2 * i]) ** 2 + (mappedSource[2 * i + 1] - x[2 * i + 1]) ** 2);
  }
  return { spec, grid, gridMapped, potential, mappedSource, w2 };
}

/** Runs {@link evaluateBrenierViewSteps} to completion. */
export function evaluateBrenierView(
  evaluate: PlaneMapEvaluator,
  x: Float64Array,
  a: Float64Array,
  spec: BrenierGridSpec,
): BrenierView {
  const it = evaluateBrenierViewSteps(evaluate, x, a, spec);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
