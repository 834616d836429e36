import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../../workers/api.ts';
import { parseCloudCsv } from '../scenario/csv.ts';
import { planToCsv, planToJson } from './exportPlan.ts';

const result = {
  n: 2,
  m: 3,
  plan: { i: Int32Array.of(0, 1, 1), j: Int32Array.of(2, 0, 1), mass: Float64Array.of(0.5, 0.25, 0.25) },
  cost: 1.5,
} as unknown as PlanResult;

describe('plan export', () => {
  it('CSV has a header and one line per entry at full precision', () => {
    expect(planToCsv(result)).toBe('i,j,mass\n0,2,0.5\n1,0,0.25\n1,1,0.25\n');
    // The CSV reader of clouds reads it as numbers too (a quick well-formedness check).
    expect(parseCloudCsv(planToCsv(result)).ok).toBe(true);
  });

  it('JSON carries the command line field names and the total mass', () => {
    const j = JSON.parse(planToJson(result, { name: 'A', method: 'exact', cost: 'sqeuclidean' }));
    expect(j).toEqual({
      format: 'ot-playground.plan',
      scenario: 'A',
      method: 'exact',
      groundCost: 'sqeuclidean',
      n: 2,
      m: 3,
      cost: 1.5,
      totalMass: 1,
      plan: { i: [0, 1, 1], j: [2, 0, 1], mass: [0.5, 0.25, 0.25] },
    });
  });
});
