import { beforeAll, describe, expect, it } from 'vitest';
import { findParamSpec } from '../../src/scenario/params.ts';
import { DEFAULT_RELATIVE_EPSILON } from '../../workers/kernels/brenier/entropicMap.ts';
import reference from '../../workers/kernels/fixtures/brenier_00_gauss_400.json';
import { run, useTempDir, type Json } from '../testing.ts';

const { file } = useTempDir();
let scenarioFile = '';
let queryFile = '';
// The temporary folder exists only once the suite starts.
beforeAll(() => {
  scenarioFile = file('brenier-gauss.json', JSON.stringify(reference.scenario));
  queryFile = file('brenier-query.json', JSON.stringify(reference.expect.query));
});

/** RMS distance between two lists of [x, y], relative to `scale`. */
function rmsRel(got: number[][], want: number[][], scale: number): number {
  let s = 0;
  want.forEach(([x, y], k) => (s += (got[k][0] - x) ** 2 + (got[k][1] - y) ** 2));
  return Math.sqrt(s / want.length) / scale;
}

describe('ot solve --method brenier', () => {
  it('the app and the kernel agree on the default relative epsilon', () => {
    const spec = findParamSpec('brenier', 'epsilon');
    expect(spec?.kind === 'number' && spec.default).toBe(DEFAULT_RELATIVE_EPSILON);
  });

  it('entropic map with default parameters: within the reference RMS tolerance of the Gaussian map', async () => {
    const r = await run(['solve', scenarioFile, '--query', queryFile]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.method).toBe('brenier');
    expect(res.estimator).toBe('entropic');
    expect(res.mappedSource.length).toBe(reference.scenario.source.points.length);
    expect(res.mapAtQuery.length).toBe(reference.expect.query.length);
    expect(rmsRel(res.mapAtQuery, reference.expect.map_at_query, reference.scale)).toBeLessThan(
      reference.tolerance.map_rms_rel,
    );
    // The W₂² estimate from the map is near the population value (29.8); the blur lowers it a little.
    expect(res.w2).toBeGreaterThan(0.85 * reference.expect.population_w2_squared);
    expect(res.w2).toBeLessThan(1.1 * reference.expect.population_w2_squared);
    expect(res.sinkhornConverged).toBe(true);
  });

  it('omits mapAtQuery without --query; a larger epsilon shrinks the map towards the mean', async () => {
    const small = JSON.parse((await run(['solve', scenarioFile, '--param', 'epsilon=0.02'])).out);
    const large = JSON.parse((await run(['solve', scenarioFile, '--param', 'epsilon=2'])).out);
    expect('mapAtQuery' in small).toBe(false);
    expect(large.epsilon).toBeCloseTo(100 * small.epsilon, 9);
    expect(large.w2).toBeLessThan(small.w2);
  });

  it('icnn: trains from the seed (same seed, same map) and is near the reference', async () => {
    const args = [
      'solve',
      scenarioFile,
      '--param',
      'estimator=icnn',
      '--param',
      'icnnSteps=60',
      '--query',
      queryFile,
    ];
    const r1 = JSON.parse((await run(args)).out);
    const r2 = JSON.parse((await run(args)).out);
    expect(r1.estimator).toBe('icnn');
    expect(r1.trainSteps).toBe(60);
    expect(r1.mapAtQuery).toEqual(r2.mapAtQuery);
    expect(rmsRel(r1.mapAtQuery, reference.expect.map_at_query, reference.scale)).toBeLessThan(
      reference.tolerance.map_rms_rel,
    );
  });

  it('the Euclidean cost is a user error: exit 2, one error line naming the cost', async () => {
    const s: Json = { ...reference.scenario, cost: 'euclidean' };
    const r = await run(['solve', '-', '--method', 'brenier'], JSON.stringify(s));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: method brenier needs the squared Euclidean cost/);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('an unknown estimator is a user error naming the key', async () => {
    const r = await run(['solve', scenarioFile, '--param', 'estimator=kernel']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/estimator/);
  });
});
