import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE, run, useTempDir, type Json } from './testing.ts';

const { file } = useTempDir();

/** Weights of a JSON cloud normalised to mass 1 (uniform when absent), as the solvers use them. */
function normalized(w: number[] | undefined, k: number): number[] {
  const v = w ?? new Array(k).fill(1);
  const t = v.reduce((p, q) => p + q, 0);
  return v.map((q) => q / t);
}

// The reference cases of the methods checked here (the folder also holds other kernels' fixtures,
// tested beside those kernels). An empty folder fails the count below instead of skipping.
const referenceFiles = readdirSync(REFERENCE).filter((f) =>
  /^(exact|sinkhorn|procrustes|brenier)_\d\d_.*\.json$/.test(f),
);
const readCase = (name: string): Json => JSON.parse(readFileSync(join(REFERENCE, name), 'utf8'));

describe('valid runs on the shared reference cases', () => {
  it('validates every reference scenario (a case file, and its bare scenario)', async () => {
    expect(referenceFiles.length).toBeGreaterThanOrEqual(10);
    for (const name of referenceFiles) {
      const s = readCase(name).scenario;
      const expected = `ok: ${JSON.stringify(s.name)} — 2 clouds (Source ${s.source.points.length} points, Target ${s.target.points.length} points), method ${s.method}, cost ${s.cost}\n`;
      expect(await run(['validate', join(REFERENCE, name)])).toEqual({ code: 0, out: expected, err: '' });
      expect(await run(['validate', '-'], JSON.stringify(s))).toEqual({ code: 0, out: expected, err: '' });
    }
  });

  const exactCases = referenceFiles.filter((f) => f.startsWith('exact_'));
  it.each(exactCases)('solve exact %s: reference cost, feasible plan, duals', async (name) => {
    const ref = readCase(name);
    const r = await run(['solve', join(REFERENCE, name)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.endsWith('\n') && r.out.indexOf('\n') === r.out.length - 1).toBe(true);
    const res = JSON.parse(r.out);
    expect(res.method).toBe('exact');
    expect(res.timeMs).toBeGreaterThanOrEqual(0);
    expect(Math.abs(res.cost - ref.expect.cost)).toBeLessThanOrEqual(
      ref.tolerance.cost_rel * Math.abs(ref.expect.cost),
    );
    const s = ref.scenario;
    const n = s.source.points.length;
    const m = s.target.points.length;
    const a = normalized(s.source.weights, n);
    const b = normalized(s.target.weights, m);
    const rows = new Array(n).fill(0);
    const cols = new Array(m).fill(0);
    let cost = 0;
    const C = (i: number, j: number) => {
      const d2 =
        (s.source.points[i][0] - s.target.points[j][0]) ** 2 +
        (s.source.points[i][1] - s.target.points[j][1]) ** 2;
      return s.cost === 'euclidean' ? Math.sqrt(d2) : d2;
    };
    res.plan.mass.forEach((mass: number, k: number) => {
      expect(mass).toBeGreaterThan(0);
      rows[res.plan.i[k]] += mass;
      cols[res.plan.j[k]] += mass;
      cost += mass * C(res.plan.i[k], res.plan.j[k]);
    });
    rows.forEach((v, i) => expect(Math.abs(v - a[i])).toBeLessThan(1e-12));
    cols.forEach((v, j) => expect(Math.abs(v - b[j])).toBeLessThan(1e-12));
    expect(cost).toBeCloseTo(res.cost, 12);
    // Dual feasibility f_i + g_j <= C_ij and strong duality.
    expect(res.f.length).toBe(n);
    expect(res.g.length).toBe(m);
    let dual = 0;
    for (let i = 0; i < n; i++) {
      dual += a[i] * res.f[i];
      for (let j = 0; j < m; j++) expect(res.f[i] + res.g[j]).toBeLessThanOrEqual(C(i, j) + 1e-9);
    }
    for (let j = 0; j < m; j++) dual += b[j] * res.g[j];
    expect(dual).toBeCloseTo(res.cost, 9);
  });

  it('solve: --method exact overrides a Sinkhorn scenario; stdin and --query work', async () => {
    const name = 'sinkhorn_02_uniform_eps0.05.json';
    const text = JSON.stringify(readCase(name).scenario);
    const q = file('query-ok.json', '[[0, 0], [1.5, -2]]');
    const r = await run(['solve', '-', '--method=exact', '--query', q], text);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.method).toBe('exact');
    // The exact cost is below the entropic plan's transport cost.
    expect(res.cost).toBeLessThan(readCase(name).expect.cost);
  });

  const sinkhornCases = referenceFiles.filter((f) => f.startsWith('sinkhorn_'));
  it.each(sinkhornCases)('solve sinkhorn %s: reference cost, plan and barycentric map', async (name) => {
    const ref = readCase(name);
    const r = await run([
      'solve',
      join(REFERENCE, name),
      '--param',
      'tolerance=1e-12',
      '--param',
      'maxIterations=1000000',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.method).toBe('sinkhorn');
    expect(res.converged).toBe(true);
    expect(res.marginalError).toBeLessThan(1e-12);
    expect(res.iterations).toBeGreaterThan(0);
    expect(Math.abs(res.cost - ref.expect.cost)).toBeLessThanOrEqual(
      ref.tolerance.cost_rel * Math.abs(ref.expect.cost),
    );
    const P: number[][] = ref.expect.plan;
    const seen = new Set<number>();
    res.plan.mass.forEach((mass: number, k: number) => {
      expect(mass).toBeGreaterThanOrEqual(1e-15);
      expect(Math.abs(mass - P[res.plan.i[k]][res.plan.j[k]])).toBeLessThanOrEqual(ref.tolerance.plan_abs);
      seen.add(res.plan.i[k] * P[0].length + res.plan.j[k]);
    });
    // Entries left out are below the threshold in the reference too (up to its tolerance).
    P.forEach((row, i) =>
      row.forEach(
        (v, j) => seen.has(i * row.length + j) || expect(v).toBeLessThan(1e-15 + ref.tolerance.plan_abs),
      ),
    );
    expect(res.barycentricMap.length).toBe(ref.scenario.source.points.length);
    res.barycentricMap.forEach(([x, y]: [number, number], i: number) => {
      expect(Math.abs(x - ref.expect.barycentric_map[i][0])).toBeLessThanOrEqual(ref.tolerance.map_abs);
      expect(Math.abs(y - ref.expect.barycentric_map[i][1])).toBeLessThanOrEqual(ref.tolerance.map_abs);
    });
    // The potentials reproduce the plan: P_ij = a_i b_j exp((f_i + g_j − C_ij) / ε).
    const s = ref.scenario;
    const [n, m] = [s.source.points.length, s.target.points.length];
    expect(res.f.length).toBe(n);
    expect(res.g.length).toBe(m);
    const eps = s.params.epsilon;
    const [a, b] = [normalized(s.source.weights, n), normalized(s.target.weights, m)];
    res.plan.mass.forEach((mass: number, k: number) => {
      const [i, j] = [res.plan.i[k], res.plan.j[k]];
      const C =
        (s.source.points[i][0] - s.target.points[j][0]) ** 2 +
        (s.source.points[i][1] - s.target.points[j][1]) ** 2;
      const model = a[i] * b[j] * Math.exp((res.f[i] + res.g[j] - C) / eps);
      expect(Math.abs(model - mass)).toBeLessThanOrEqual(1e-9 * mass + 1e-300);
    });
  });
});

describe('solve sinkhorn on small scenarios', () => {
  const scenario = (edit: (x: Json) => void = () => {}) => {
    const x: Json = {
      format: 'ot-playground.scenario',
      version: 1,
      source: {
        points: [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        weights: [1, 0, 1, 2],
      },
      target: {
        points: [
          [3, 0],
          [3, 1],
          [4, 0.5],
        ],
      },
      method: 'sinkhorn',
      params: { epsilon: 0.5 },
    };
    edit(x);
    return file('small-sinkhorn.json', JSON.stringify(x));
  };

  it('gives null as the barycentric image of a point without mass, and no plan row for it', async () => {
    const r = await run(['solve', scenario()]);
    expect(r.err).toBe('');
    const res = JSON.parse(r.out);
    expect(res.converged).toBe(true);
    expect(res.marginalError).toBeLessThan(1e-6);
    expect(res.barycentricMap[1]).toBeNull();
    for (const k of [0, 2, 3]) {
      const [x, y] = res.barycentricMap[k];
      // Averages of the target points lie in their bounding box.
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(4);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }
    expect(res.plan.i).not.toContain(1);
    const total = res.plan.mass.reduce((p: number, q: number) => p + q, 0);
    expect(total).toBeCloseTo(1, 6);
  });

  it('prints a capped solve with converged: false rather than failing', async () => {
    const r = await run(['solve', scenario(), '--param', 'maxIterations=1', '--param', 'tolerance=1e-12']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.converged).toBe(false);
    expect(res.stop).toBe('max-iterations');
    expect(res.iterations).toBe(1);
    expect(res.marginalError).toBeGreaterThan(1e-12);
  });

  it('takes epsilon from --param, and a larger epsilon gives a blurrier (higher-entropy) plan', async () => {
    const solve = async (eps: string) =>
      JSON.parse((await run(['solve', scenario(), '--param', `epsilon=${eps}`])).out);
    const sharp = await solve('0.05');
    const blurry = await solve('5');
    expect(blurry.entropy).toBeGreaterThan(sharp.entropy);
    expect(blurry.cost).toBeGreaterThan(sharp.cost);
    // The output says which epsilon the plan has (the requested one, above the kernel's floor).
    expect([sharp.epsilon, blurry.epsilon]).toEqual([0.05, 5]);
  });
});
