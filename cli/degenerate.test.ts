/**
 * Degenerate scenarios through the command line: every method on every case of
 * `workers/kernels/degenerate/cases.ts`, written as scenario files, plus extreme parameters.
 * The contract (DESIGN.md section 4): exit 0 with one JSON object whose numbers are all finite,
 * or exit 2 with exactly one `error:` line naming the problem. Never exit 1 (an internal failure
 * or a non-finite result), never a stack trace.
 *
 * Every method of the registry runs with the small settings of its descriptor's `sweep` (a few
 * training steps, tiny networks), so a new method is swept without editing this file.
 */
import { describe, expect, it } from 'vitest';
import { CASES } from '../workers/kernels/degenerate/cases.ts';
import { METHODS } from '../src/methods/index.ts';
import type { SweepRun } from '../src/methods/types.ts';
import { degenerateScenario as scenarioOf, pairs, run, useTempDir, type Json } from './testing.ts';

const { file } = useTempDir();

/** Method runs, from every method's descriptor (`sweep`): arguments after FILE. */
const RUNS: [string, string[], SweepRun['refuses']][] = METHODS.flatMap((m) =>
  m.sweep.map((r): [string, string[], SweepRun['refuses']] => [
    r.label,
    ['--method', m.id, ...Object.entries(r.params).flatMap(([k, v]) => ['--param', `${k}=${String(v)}`])],
    r.refuses,
  ]),
);

/** Where null is a documented value: a source point without mass; Procrustes without a subsample. */
const NULLABLE = [/^result\.barycentricMap\[\d+\]$/, /^result\.sample$/];

/**
 * Throws unless every number in the parsed output is finite. JSON has no NaN: a non-finite number
 * would have been printed as null, so nulls are refused too, except where they are documented
 * (`NULLABLE`).
 */
function checkJson(value: unknown, path: string): void {
  if (value === null) {
    if (!NULLABLE.some((re) => re.test(path))) throw new Error(`${path} is null`);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, k) => checkJson(v, `${path}[${k}]`));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkJson(v, `${path}.${k}`);
  }
}

/** Runs `solve` and checks the contract; returns the parsed result, or null after an exit 2. */
async function solve(path: string, args: string[]): Promise<Json | null> {
  const r = await run(['solve', path, ...args]);
  expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  if (r.code === 2) {
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: \S/);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    return null;
  }
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
  const out = JSON.parse(r.out);
  checkJson(out, 'result');
  return out;
}

describe.each(CASES)('ot solve on "$name"', (c) => {
  it.each(RUNS)(
    '%s: exit 0 with finite numbers, or exit 2 with one error line',
    async (_, args, refuses) => {
      const path = file(`${c.name.replace(/\W+/g, '-')}.json`, JSON.stringify(scenarioOf(c)));
      const out = await solve(path, args);
      const n = c.x.length >> 1;
      const m = c.y.length >> 1;
      // The refusals a method declares by design; every other case must solve.
      const refused = refuses === 'unlabelled' || (refuses === 'unequal-sizes' && n !== m);
      if (refused) expect(out).toBeNull();
      else if (refuses !== 'fine-blur') expect(out).not.toBeNull();
      if (out && args.includes('exact') && c.identical) expect(out.cost).toBe(0);
    },
    30_000,
  );
});

describe('ot solve on extreme inputs', () => {
  const base = CASES[0];

  it('weights near the float maximum solve like their ratios', async () => {
    const s = scenarioOf(base);
    s.source.weights = pairs(base.x).map((_, k) => (k % 2 === 0 ? 1e308 : 5e307));
    s.target.weights = pairs(base.y).map(() => 1.7e308);
    const path = file('huge-weights.json', JSON.stringify(s));
    for (const [, args] of RUNS) await solve(path, args);
    const ratio = scenarioOf(base);
    ratio.source.weights = pairs(base.x).map((_, k) => (k % 2 === 0 ? 2 : 1));
    const a = await solve(path, ['--method', 'exact']);
    const b = await solve(file('ratio-weights.json', JSON.stringify(ratio)), ['--method', 'exact']);
    expect(a.cost).toBeCloseTo(b.cost, 12);
  }, 30_000);

  it('the Euclidean cost: exact and Sinkhorn solve; Brenier is refused with one error line', async () => {
    const path = file('euclidean.json', JSON.stringify(scenarioOf(base, { cost: 'euclidean' })));
    expect(await solve(path, ['--method', 'exact'])).not.toBeNull();
    expect(await solve(path, ['--method', 'sinkhorn', '--param', 'epsilon=1e-9'])).not.toBeNull();
    expect(await solve(path, ['--method', 'brenier'])).toBeNull();
  });

  it.each([
    ['maxIterations=0', /maxIterations/],
    ['maxIterations=100000000', /maxIterations/],
    ['epsilon=0', /epsilon/],
    ['epsilon=-1', /epsilon/],
    ['epsilon=NaN', /epsilon/],
    ['tolerance=0', /tolerance/],
  ])('sinkhorn --param %s is refused naming the parameter', async (param, pattern) => {
    const r = await run([
      'solve',
      file('p.json', JSON.stringify(scenarioOf(base))),
      '--method',
      'sinkhorn',
      '--param',
      param,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(pattern);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('all-zero weights are refused naming the weights', async () => {
    const s = scenarioOf(base);
    s.source.weights = pairs(base.x).map(() => 0);
    const r = await run(['solve', file('zero.json', JSON.stringify(s))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .*weights/);
  });
});
