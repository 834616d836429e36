import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_IDS } from '../src/methods/index.ts';
import { SOLVERS } from './solvers/index.ts';
import { ROOT, run, small, smallText, useTempDir } from './testing.ts';

const { file, path: inTemp } = useTempDir();

/** Malformed input: [what, argv (built once the temp folder exists), expected text in the message]. */
const MALFORMED: [string, () => string[], string][] = [
  ['not JSON', () => ['validate', file('notjson.json', '{"format": ')], 'not valid JSON'],
  ['empty file', () => ['solve', file('empty.json', '')], 'not valid JSON'],
  [
    'wrong format name',
    () => [
      'validate',
      file(
        'format.json',
        smallText((x) => (x.format = 'ot.scenario')),
      ),
    ],
    'format must be "ot-playground.scenario"',
  ],
  [
    'version 3',
    () => [
      'solve',
      file(
        'v3.json',
        smallText((x) => (x.version = 3)),
      ),
    ],
    'version 3 was written by a newer version of the playground',
  ],
  [
    'NaN as text',
    () => ['validate', file('nan.json', smallText(() => {}).replace('[0,0]', '[NaN,0]'))],
    'not valid JSON',
  ],
  [
    'Infinity as text',
    () => ['solve', file('inf.json', smallText(() => {}).replace('[0,0]', '[Infinity,0]'))],
    'not valid JSON',
  ],
  [
    '1e999 (overflows to Infinity)',
    () => ['validate', file('huge.json', smallText(() => {}).replace('[0,0]', '[1e999,0]'))],
    'source.points[0][0] must be finite',
  ],
  [
    'string as a coordinate',
    () => [
      'validate',
      file(
        'str.json',
        smallText((x) => (x.target.points[1] = ['2', 1])),
      ),
    ],
    'target.points[1][0] must be a number',
  ],
  [
    'string as a weight',
    () => [
      'solve',
      file(
        'strw.json',
        smallText((x) => (x.source.weights[0] = '1')),
      ),
    ],
    'source.weights[0] must be a number',
  ],
  [
    'negative weight',
    () => [
      'solve',
      file(
        'neg.json',
        smallText((x) => (x.source.weights[2] = -1)),
      ),
    ],
    'source.weights[2] must be >= 0',
  ],
  [
    'all-zero weights',
    () => [
      'validate',
      file(
        'zero.json',
        smallText((x) => (x.source.weights = [0, 0, 0])),
      ),
    ],
    'source.weights must not all be zero',
  ],
  [
    '20,001 points',
    () => [
      'validate',
      file(
        'big.json',
        smallText((x) => (x.target.points = Array.from({ length: 20_001 }, (_, i) => [i, 0]))),
      ),
    ],
    'target.points must hold at most 20000 points',
  ],
  [
    'empty cloud',
    () => [
      'solve',
      file(
        'emptycloud.json',
        smallText((x) => (x.target.points = [])),
      ),
    ],
    'target.points must hold at least one point',
  ],
  [
    'point with 3 coordinates',
    () => [
      'validate',
      file(
        'xyz.json',
        smallText((x) => (x.source.points[0] = [0, 0, 0])),
      ),
    ],
    'source.points[0] must be an [x, y] pair',
  ],
  [
    'unknown method in the file',
    () => [
      'validate',
      file(
        'meth.json',
        smallText((x) => (x.method = 'magic')),
      ),
    ],
    'method must be one of exact, sinkhorn',
  ],
  [
    'unknown cost in the file',
    () => [
      'solve',
      file(
        'cost.json',
        smallText((x) => (x.cost = 'l1')),
      ),
    ],
    'cost must be "sqeuclidean" or "euclidean"',
  ],
  [
    'epsilon negative in the file',
    () => [
      'solve',
      file(
        'epsneg.json',
        smallText((x) => (x.params.epsilon = -1)),
      ),
    ],
    'params.epsilon must be > 0',
  ],
  [
    'unknown method by --method',
    () => [
      'solve',
      file(
        'ok1.json',
        smallText(() => {}),
      ),
      '--method',
      'magic',
    ],
    'unknown method "magic" (expected one of exact, sinkhorn',
  ],
  [
    'epsilon 0 by --param',
    () => [
      'solve',
      file(
        'ok2.json',
        smallText(() => {}),
      ),
      '--param',
      'epsilon=0',
    ],
    '--param "epsilon=0": params.epsilon must be > 0',
  ],
  [
    'epsilon negative by --param',
    () => [
      'solve',
      file(
        'ok3.json',
        smallText(() => {}),
      ),
      '--param=epsilon=-0.5',
    ],
    'params.epsilon must be > 0 and <= 1000000 (got -0.5)',
  ],
  [
    'bad param value',
    () => [
      'solve',
      file(
        'ok4.json',
        smallText(() => {}),
      ),
      '--param',
      'maxIterations=lots',
    ],
    'params.maxIterations must be a finite number',
  ],
  [
    'fractional integer param',
    () => [
      'solve',
      file(
        'ok5.json',
        smallText(() => {}),
      ),
      '--param',
      'maxIterations=2.5',
    ],
    'params.maxIterations must be an integer',
  ],
  [
    'unknown param key',
    () => [
      'solve',
      file(
        'ok6.json',
        smallText(() => {}),
      ),
      '--param',
      'lambda=1',
    ],
    'unknown parameter "lambda" for method sinkhorn (allowed: epsilon, tolerance, maxIterations)',
  ],
  [
    'param of another method',
    () => [
      'solve',
      file(
        'ok7.json',
        smallText(() => {}),
      ),
      '--method',
      'exact',
      '--param',
      'epsilon=1',
    ],
    'unknown parameter "epsilon" for method exact (it takes no parameters)',
  ],
  [
    '--param without =',
    () => [
      'solve',
      file(
        'ok8.json',
        smallText(() => {}),
      ),
      '--param',
      'epsilon',
    ],
    '--param "epsilon" must be written key=value',
  ],
  [
    '--param with an empty key',
    () => [
      'solve',
      file(
        'ok9.json',
        smallText(() => {}),
      ),
      '--param',
      '=1',
    ],
    '--param "=1" must be written key=value',
  ],
  [
    '--method without a value',
    () => [
      'solve',
      file(
        'ok10.json',
        smallText(() => {}),
      ),
      '--method',
    ],
    '--method needs a value',
  ],
  [
    'unknown option',
    () => [
      'solve',
      file(
        'ok11.json',
        smallText(() => {}),
      ),
      '--epsilon',
      '1',
    ],
    'unknown option "--epsilon"',
  ],
  ['missing file', () => ['solve', inTemp('nowhere.json')], 'no such file'],
  ['a folder as FILE', () => ['validate', inTemp('folder')], 'it is a directory'],
  ['missing FILE for solve', () => ['solve'], 'solve needs a scenario FILE'],
  ['missing FILE for validate', () => ['validate'], 'validate needs a scenario FILE'],
  ['two FILEs for solve', () => ['solve', 'a.json', 'b.json'], 'unexpected argument "b.json"'],
  ['two FILEs for validate', () => ['validate', 'a.json', 'b.json'], 'unexpected argument "b.json"'],
  ['unknown command', () => ['frobnicate'], 'unknown command "frobnicate"'],
  ['a newline in a command', () => ['bad\ncommand'], 'unknown command "bad\\ncommand"'],
  [
    '--query not JSON',
    () => [
      'solve',
      file(
        'q1.json',
        smallText(() => {}),
      ),
      '--query',
      file('query1.json', '[[0, 0],'),
    ],
    '--query',
  ],
  [
    '--query not an array',
    () => [
      'solve',
      file(
        'q2.json',
        smallText(() => {}),
      ),
      '--query',
      file('query2.json', '{"x": 1}'),
    ],
    'must be a JSON array of [x, y] points',
  ],
  [
    '--query bad point',
    () => [
      'solve',
      file(
        'q3.json',
        smallText(() => {}),
      ),
      '--query',
      file('query3.json', '[[0, 0], [1, "a"]]'),
    ],
    'point [1] must be an [x, y] pair',
  ],
  [
    '--query missing file',
    () => [
      'solve',
      file(
        'q4.json',
        smallText(() => {}),
      ),
      '--query',
      inTemp('noquery.json'),
    ],
    'no such file',
  ],
  ['FILE and --query both stdin', () => ['solve', '-', '--query', '-'], 'cannot both be standard input'],
];

/** A method the dispatch table has no solver for yet (none once every method has one). */
const MISSING = METHOD_IDS.find((m) => !(m in SOLVERS));

describe('malformed files and arguments', () => {
  it('has at least 20 cases', () => expect(MALFORMED.length).toBeGreaterThanOrEqual(20));

  it('every method of the scenario format has a solver', () => expect(MISSING).toBeUndefined());

  it.each(MALFORMED)(
    '%s: exit 2, one error line naming the problem, no stack trace',
    async (_what, argv, expected) => {
      const r = await run(argv());
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^error: [^\n]+\n$/);
      expect(r.err).toContain(expected);
      expect(r.err).not.toMatch(/\bat .*:\d+:\d+|internal/);
    },
  );

  it('reads standard input for -, and names it in messages', async () => {
    const bad = await run(['validate', '-'], '{"format": "ot-playground.scenario", "version": 3}');
    expect(bad).toEqual({
      code: 2,
      out: '',
      err: 'error: <stdin>: version 3 was written by a newer version of the playground (this app reads versions 1 and 2)\n',
    });
    const good = await run(['validate', '-'], JSON.stringify(small()));
    expect(good).toEqual({
      code: 0,
      out: 'ok: "Small" — 2 clouds (Source 3 points, Target 2 points), method sinkhorn, cost sqeuclidean\n',
      err: '',
    });
  });

  it('reports an unexpected failure as one "error: internal:" line with exit 1', async () => {
    const r = await run(['validate', '-'], async () => {
      throw new TypeError('stdin exploded\n    at somewhere (x.js:1:2)');
    });
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'error: internal: TypeError: stdin exploded at somewhere (x.js:1:2)\n',
    });
  });
});

describe('a leading UTF-8 byte-order mark (as Windows editors save files)', () => {
  const BOM = '\uFEFF';
  const summary =
    'ok: "Small" — 2 clouds (Source 3 points, Target 2 points), method sinkhorn, cost sqeuclidean\n';

  it('the file starts with the bytes EF BB BF', () => {
    const p = file('bom-check.json', BOM + '{}');
    expect([...readFileSync(p).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('validates a scenario file and standard input that start with one', async () => {
    const p = file('bom.json', BOM + JSON.stringify(small()));
    expect(await run(['validate', p])).toEqual({ code: 0, out: summary, err: '' });
    expect(await run(['validate', '-'], BOM + JSON.stringify(small()))).toEqual({
      code: 0,
      out: summary,
      err: '',
    });
  });

  it('solves the same as without it, with a query file that starts with one too', async () => {
    const plain = await run(['solve', file('plain.json', JSON.stringify(small())), '--method', 'exact']);
    const bom = await run([
      'solve',
      file('bom-solve.json', BOM + JSON.stringify(small())),
      '--method',
      'exact',
    ]);
    expect(bom.err).toBe('');
    expect(bom.code).toBe(0);
    const [a, b] = [JSON.parse(plain.out), JSON.parse(bom.out)];
    expect(b.cost).toBe(a.cost);
    expect(b.plan).toEqual(a.plan);

    const query = file('bom-query.json', BOM + '[[0.5, 0.5]]');
    const scenario = file('bom-brenier.json', BOM + JSON.stringify(small()));
    const mapped = await run(['solve', scenario, '--method', 'brenier', '--query', query]);
    expect(mapped.err).toBe('');
    expect(JSON.parse(mapped.out).mapAtQuery).toHaveLength(1);
  });
});

describe('help', () => {
  it.each([[[]], [['help']], [['--help']]])('%j prints usage and exits 0', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run -s ot -- <command>/);
    expect(r.out).toContain('solve FILE');
    expect(r.err).toBe('');
  });
});

describe('the real entry point', () => {
  const scenario = () => file('spawn.json', JSON.stringify(small()));

  it('npx tsx cli/main.ts validate FILE exits 0 with the summary', () => {
    const r = spawnSync('npx', ['tsx', 'cli/main.ts', 'validate', scenario()], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'ok: "Small" — 2 clouds (Source 3 points, Target 2 points), method sinkhorn, cost sqeuclidean\n',
    );
  });

  it('exits 2 with exactly one error line on a bad file (tsx binary, so npm adds no warnings)', () => {
    const bad = file(
      'spawn-bad.json',
      smallText((x) => (x.version = 3)),
    );
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const r = spawnSync(tsx, ['cli/main.ts', 'validate', bad], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error: ${JSON.stringify(bad)}: version 3 was written by a newer version of the playground (this app reads versions 1 and 2)\n`,
    );
  });
});
