import { describe, expect, it } from 'vitest';
import { METHOD_IDS, METHODS, type MethodId } from '../methods/index.ts';
import {
  checkParam,
  defaultParams,
  findParamSpec,
  parseParamText,
  paramSpecs,
  resolveParams,
  type ParamSpec,
} from './params.ts';

const spec = (method: MethodId, key: string): ParamSpec => {
  const s = findParamSpec(method, key);
  if (!s) throw new Error(`no spec ${method}.${key}`);
  return s;
};

describe("the methods' parameter specs", () => {
  it('covers every method, with unique keys and defaults that pass their own checks', () => {
    for (const method of METHOD_IDS) {
      const specs = paramSpecs(method);
      expect(new Set(specs.map((s) => s.key)).size).toBe(specs.length);
      for (const s of specs) {
        expect(checkParam(s, s.default)).toEqual({ ok: true, value: s.default });
        expect(s.help).toMatch(/\.$/);
      }
    }
  });

  it('names the keys DESIGN.md section 2 lists', () => {
    const keys = (m: MethodId) => paramSpecs(m).map((s) => s.key);
    expect(keys('exact')).toEqual([]);
    expect(keys('sinkhorn')).toEqual(['epsilon', 'tolerance', 'maxIterations']);
    expect(keys('brenier')).toEqual(['estimator', 'epsilon', 'icnnWidth', 'icnnSteps', 'icnnLearningRate']);
    expect(keys('procrustes')).toEqual(['correspondence', 'scaling', 'reflection', 'pairs']);
    expect(keys('flow')).toEqual([
      'coupling',
      'trainSteps',
      'eulerSteps',
      'reflow',
      'source',
      'bandwidth',
      'integrator',
      'learningRate',
      'batchSize',
      'width',
      'depth',
    ]);
  });

  it('a slider range (control) lies within the valid range, and a log control starts above 0', () => {
    for (const m of METHODS)
      for (const s of m.params) {
        if (s.kind !== 'number' || !s.control) continue;
        expect(s.control.min, `${m.id}.${s.key}`).toBeGreaterThanOrEqual(s.min);
        expect(s.control.max, `${m.id}.${s.key}`).toBeLessThanOrEqual(s.max);
        expect(s.control.min).toBeLessThan(s.control.max);
        if (s.control.log) expect(s.control.min).toBeGreaterThan(0);
        expect(checkParam(s, s.control.min).ok && checkParam(s, s.control.max).ok).toBe(true);
      }
  });

  it('gives defaults per method and finds specs by key', () => {
    expect(defaultParams('sinkhorn')).toEqual({ epsilon: 0.05, tolerance: 1e-6, maxIterations: 10000 });
    expect(defaultParams('exact')).toEqual({});
    expect(findParamSpec('sinkhorn', 'epsilon')?.kind).toBe('number');
    expect(findParamSpec('exact', 'epsilon')).toBeUndefined();
  });
});

describe('checkParam', () => {
  const eps = spec('sinkhorn', 'epsilon');
  const iters = spec('sinkhorn', 'maxIterations');
  const reflow = spec('flow', 'reflow');

  it('numbers: exclusive and inclusive bounds, integers, finiteness', () => {
    expect(checkParam(eps, 1e-9)).toEqual({ ok: true, value: 1e-9 });
    expect(checkParam(eps, 1e6)).toEqual({ ok: true, value: 1e6 });
    expect(checkParam(eps, 0)).toEqual({
      ok: false,
      error: 'params.epsilon must be > 0 and <= 1000000 (got 0)',
    });
    expect(checkParam(eps, 1e6 + 1)).toEqual({
      ok: false,
      error: 'params.epsilon must be > 0 and <= 1000000 (got 1000001)',
    });
    expect(checkParam(eps, NaN)).toEqual({ ok: false, error: 'params.epsilon must be a finite number' });
    expect(checkParam(eps, Infinity)).toEqual({ ok: false, error: 'params.epsilon must be a finite number' });
    expect(checkParam(eps, '0.1')).toEqual({ ok: false, error: 'params.epsilon must be a finite number' });
    expect(checkParam(reflow, 0)).toEqual({ ok: true, value: 0 });
    expect(checkParam(reflow, -1)).toEqual({
      ok: false,
      error: 'params.reflow must be >= 0 and <= 10 (got -1)',
    });
    expect(checkParam(iters, 1)).toEqual({ ok: true, value: 1 });
    expect(checkParam(iters, 0)).toEqual({
      ok: false,
      error: 'params.maxIterations must be >= 1 and <= 10000000 (got 0)',
    });
    expect(checkParam(iters, 2.5)).toEqual({
      ok: false,
      error: 'params.maxIterations must be an integer (got 2.5)',
    });
  });

  it('choices and booleans', () => {
    const est = spec('brenier', 'estimator');
    expect(checkParam(est, 'icnn')).toEqual({ ok: true, value: 'icnn' });
    expect(checkParam(est, 'ICNN')).toEqual({
      ok: false,
      error: 'params.estimator must be one of entropic, icnn',
    });
    expect(checkParam(est, 1)).toEqual({
      ok: false,
      error: 'params.estimator must be one of entropic, icnn',
    });
    const scaling = spec('procrustes', 'scaling');
    expect(checkParam(scaling, false)).toEqual({ ok: true, value: false });
    expect(checkParam(scaling, 'false')).toEqual({
      ok: false,
      error: 'params.scaling must be true or false',
    });
    expect(checkParam(scaling, 0)).toEqual({ ok: false, error: 'params.scaling must be true or false' });
  });
});

describe('resolveParams', () => {
  it('fills missing keys with defaults, keeps given values, drops unknown keys', () => {
    expect(resolveParams('sinkhorn', { epsilon: 0.5, extra: 1, scaling: true })).toEqual({
      ok: true,
      params: { epsilon: 0.5, tolerance: 1e-6, maxIterations: 10000 },
    });
    expect(resolveParams('sinkhorn', { epsilon: undefined })).toEqual({
      ok: true,
      params: defaultParams('sinkhorn'),
    });
    expect(resolveParams('exact', { epsilon: -5 })).toEqual({ ok: true, params: {} });
  });

  it('reports the first bad value by key', () => {
    expect(resolveParams('flow', { trainSteps: 0 })).toEqual({
      ok: false,
      error: 'params.trainSteps must be >= 1 and <= 1000000 (got 0)',
    });
    expect(resolveParams('procrustes', { reflection: 'yes' })).toEqual({
      ok: false,
      error: 'params.reflection must be true or false',
    });
  });
});

describe('parseParamText (command line and link values)', () => {
  it('parses numbers, rejecting blanks and words through checkParam', () => {
    const eps = spec('sinkhorn', 'epsilon');
    expect(parseParamText(eps, '0.1')).toBe(0.1);
    expect(parseParamText(eps, ' 1e-3 ')).toBe(0.001);
    expect(parseParamText(eps, '')).toBeNaN();
    expect(parseParamText(eps, '  ')).toBeNaN();
    expect(parseParamText(eps, 'abc')).toBeNaN();
    expect(checkParam(eps, parseParamText(eps, 'abc'))).toEqual({
      ok: false,
      error: 'params.epsilon must be a finite number',
    });
    expect(checkParam(eps, parseParamText(eps, 'Infinity'))).toEqual({
      ok: false,
      error: 'params.epsilon must be a finite number',
    });
  });

  it('parses booleans only from "true" and "false"', () => {
    const scaling = spec('procrustes', 'scaling');
    expect(parseParamText(scaling, 'true')).toBe(true);
    expect(parseParamText(scaling, 'false')).toBe(false);
    expect(checkParam(scaling, parseParamText(scaling, 'yes'))).toEqual({
      ok: false,
      error: 'params.scaling must be true or false',
    });
    expect(checkParam(scaling, parseParamText(scaling, 'TRUE')).ok).toBe(false);
  });

  it('passes choices through as text', () => {
    const coupling = spec('flow', 'coupling');
    expect(parseParamText(coupling, 'minibatch-ot')).toBe('minibatch-ot');
    expect(checkParam(coupling, parseParamText(coupling, 'ot')).ok).toBe(false);
  });
});
