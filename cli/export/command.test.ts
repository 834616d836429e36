/** `ot export`'s arguments and messages, and every method on every degenerate case (no Python needed). */
import { describe, expect, it } from 'vitest';
import { METHOD_ID_LIST } from '../../src/methods/index.ts';
import { CASES } from '../../workers/kernels/degenerate/cases.ts';
import { degenerateScenario, run, smallText, useTempDir } from '../testing.ts';

const tmp = useTempDir();

describe('ot export', () => {
  it('writes a script to standard output with the scenario, its overrides and the method', async () => {
    const file = tmp.file(
      'small.ot.json',
      smallText(() => {}),
    );
    const r = await run(['export', file, '--to', 'python', '--param', 'epsilon=0.3']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(
      r.out.startsWith('#!/usr/bin/env python3\nr"""Small: Sinkhorn, exported from OT Playground.'),
    ).toBe(true);
    expect(r.out).toContain('METHOD = "sinkhorn"');
    expect(r.out).toMatch(/PARAMS = \{"epsilon": 0\.3, "tolerance": 0\.000001, "maxIterations": 10000\}/);
    expect(r.out).toContain('"weights": np.array([1, 1, 2], dtype=float)');
    expect(r.out.trimEnd().endsWith('if __name__ == "__main__":\n    main()')).toBe(true);
  });

  it('takes --method, and writes a notebook with --to notebook', async () => {
    const file = tmp.file(
      'small2.ot.json',
      smallText(() => {}),
    );
    const r = await run(['export', file, '--to', 'notebook', '--method', 'exact']);
    expect(r.code).toBe(0);
    const nb = JSON.parse(r.out);
    expect(nb).toMatchObject({ nbformat: 4, nbformat_minor: 5 });
    const code = nb.cells.map((c: { source: string[] }) => c.source.join('')).join('\n');
    expect(code).toContain('METHOD = "exact"');
    expect(code).toContain('ot.emd(');
  });

  it.each([
    [['--to', 'pdf'], '--to "pdf": expected python or notebook'],
    [[], 'export needs --to python or --to notebook'],
    [['--to', 'python', '--param', 'epsilon=-1'], '--param "epsilon=-1"'],
    [['--to', 'python', '--method', 'nope'], 'unknown method "nope"'],
    [
      ['--to', 'python', '--query', 'q.json'],
      'unknown option "--query" (export takes --method, --param, --to, --out)',
    ],
  ])('exits 2 with one line for %j', async (args, message) => {
    const file = tmp.file(
      'small3.ot.json',
      smallText(() => {}),
    );
    const r = await run(['export', file, ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err.split('\n')).toHaveLength(2);
  });

  it('exits 2 for a bad scenario file, naming it', async () => {
    const file = tmp.file('bad.ot.json', '{"format": "ot-playground.scenario", "version": 2}');
    const r = await run(['export', file, '--to', 'python']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: ".*bad\.ot\.json": clouds/);
  });

  it('exits 2 naming the path when --out cannot be written', async () => {
    const file = tmp.file(
      'small4.ot.json',
      smallText(() => {}),
    );
    const r = await run(['export', file, '--to', 'python', '--out', tmp.path('no-such-folder/x.py')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: cannot write ".*no-such-folder\/x\.py" \(ENOENT\)\n$/);
  });

  it('is listed in the usage', async () => {
    const r = await run(['help']);
    expect(r.out).toContain('export FILE [options]');
    expect(r.out).toContain('--to python|notebook');
  });
});

describe.each(CASES)('ot export on the degenerate case "$name"', (c) => {
  it.each(METHOD_ID_LIST)('%s: a script and a notebook, exit 0, the clouds embedded', async (method) => {
    const path = tmp.file(`${c.name.replace(/\W+/g, '-')}.json`, JSON.stringify(degenerateScenario(c)));
    const script = await run(['export', path, '--method', method, '--to', 'python']);
    expect({ code: script.code, err: script.err }).toEqual({ code: 0, err: '' });
    expect(script.out).toContain(`METHOD = "${method}"`);
    expect(script.out.match(/"name": "(Source|Target)"/g)).toHaveLength(2);
    const notebook = await run(['export', path, '--method', method, '--to', 'notebook']);
    expect(notebook.code).toBe(0);
    expect(JSON.parse(notebook.out).nbformat).toBe(4);
  });
});
