/**
 * The harness of the Python-export tests, the only tests that run Python: export a scenario with
 * `ot export`, run the script (or the notebook's code cells) with Debian's Python, and compare its
 * JSON with `ot solve`. Python comes from `OT_PYTHON` or /usr/bin/python3 (Debian's, where
 * python3-pot and python3-torch install; a pyenv `python3` on PATH would not see them). When it is
 * missing, the suites report themselves skipped with the install command — except on CI, where a
 * missing Python is a failure (`.ci/run` installs it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { methodMeta, type MethodId } from '../../src/methods/index.ts';
import { scenarioToJson } from '../../src/scenario/schema.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { run, useTempDir, type Json } from '../testing.ts';

/** The Python that runs exported scripts. */
export const PYTHON = process.env.OT_PYTHON ?? '/usr/bin/python3';
/** What a fresh Debian machine needs for these tests. */
export const INSTALL =
  'apt-get install -y python3-pot python3-torch python3-scipy python3-matplotlib python3-nbformat';

function pythonProblem(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import numpy, ot, scipy, torch, matplotlib, nbformat'], {
    encoding: 'utf8',
  });
  if (r.error) return `${PYTHON} not found`;
  if (r.status !== 0) return `${PYTHON} lacks a package (${r.stderr.trim().split('\n').pop()})`;
  return null;
}

/** Why Python cannot run the exports here, or null when it can. Checked once per test file. */
export const PYTHON_PROBLEM = pythonProblem();

/**
 * `describe` for a suite that runs Python: skipped with the install command when Python or a
 * package is missing, a failing test instead on CI.
 */
export function describePython(title: string, body: () => void): void {
  if (PYTHON_PROBLEM === null) describe(title, body);
  else if (process.env.CI)
    describe(title, () =>
      it('has Python with POT and PyTorch', () => {
        throw new Error(`${PYTHON_PROBLEM}; install with: ${INSTALL}`);
      }),
    );
  else describe.skip(`${title} (skipped: ${PYTHON_PROBLEM}; install with: ${INSTALL})`, body);
}

/** A temporary folder for one test file (`useTempDir`'s), removed after it. */
export function exportFolder(): () => string {
  const tmp = useTempDir();
  return () => tmp.path('');
}

/** The gallery scenarios of a method (what the export tests run over). */
export function galleryScenarios(id: MethodId): { id: string; scenario: Scenario }[] {
  return methodMeta(id).gallery.map((g) => ({ id: g.id, scenario: g.build() }));
}

/** `--param key=value` arguments. */
const paramArgs = (params: Readonly<Record<string, string | number>>) =>
  Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`]);

let counter = 0;

/** Writes `s` as a scenario file in `dir`; returns its path. */
function writeScenario(dir: string, s: Scenario): string {
  const path = join(dir, `scenario-${++counter}.ot.json`);
  writeFileSync(path, JSON.stringify(scenarioToJson(s)));
  return path;
}

/** `ot solve` of `s` with `params` overrides: the printed JSON. */
export async function solveJson(
  dir: string,
  s: Scenario,
  params: Readonly<Record<string, string | number>> = {},
): Promise<Json> {
  const r = await run(['solve', writeScenario(dir, s), ...paramArgs(params)]);
  if (r.code !== 0) throw new Error(`ot solve failed: ${r.err}`);
  return JSON.parse(r.out);
}

/** Runs a Python file in `dir`; returns its stdout. Throws with Python's stderr on failure. */
export function runPython(
  dir: string,
  file: string,
  args: readonly string[] = [],
  timeoutMs = 120_000,
): string {
  const r = spawnSync(PYTHON, [file, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeoutMs,
    // Plots go to a non-interactive backend; one thread keeps two test files from oversubscribing.
    env: { ...process.env, MPLBACKEND: 'Agg', OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python ${file} exited ${r.status}:\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

/** The last line of `stdout` that is a JSON object (the script's result). */
export function resultJson(stdout: string): Json {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON object in the output:\n${stdout.slice(-2000)}`);
  return JSON.parse(line);
}

/** The files `ot export` wrote, and the run's standard error. */
export interface Exported {
  readonly path: string;
  readonly err: string;
}

/** `ot export` of `s` to `<dir>/<name>`; throws when the export fails. */
export async function exportTo(
  dir: string,
  s: Scenario,
  to: 'python' | 'notebook',
  name: string,
  params: Readonly<Record<string, string | number>> = {},
): Promise<Exported> {
  const path = join(dir, name);
  const r = await run(['export', writeScenario(dir, s), '--to', to, '--out', path, ...paramArgs(params)]);
  if (r.code !== 0) throw new Error(`ot export failed: ${r.err}`);
  return { path, err: r.err };
}

/**
 * Exports `s` as a script and runs it: the JSON it prints.
 * @param args the script's own options (`--backend torch`, `--steps 5`)
 */
export async function scriptJson(
  dir: string,
  s: Scenario,
  params: Readonly<Record<string, string | number>> = {},
  args: readonly string[] = [],
): Promise<Json> {
  const { path } = await exportTo(dir, s, 'python', `script-${++counter}.py`, params);
  return resultJson(runPython(dir, path, args));
}

/**
 * Exports `s` as a notebook, checks it with nbformat's validator, runs its code cells in order
 * (as one program: they use no magics) and returns the JSON they print.
 * @param setup Python run before the cells (e.g. to cap training steps in `args`)
 */
export async function notebookJson(
  dir: string,
  s: Scenario,
  params: Readonly<Record<string, string | number>> = {},
  rewrite: (code: string) => string = (c) => c,
): Promise<Json> {
  const { path } = await exportTo(dir, s, 'notebook', `notebook-${++counter}.ipynb`, params);
  runPython(dir, '-c', [
    `import nbformat, sys; nbformat.validate(nbformat.read(${JSON.stringify(path)}, as_version=4))`,
  ]);
  const notebook = JSON.parse(readFileSync(path, 'utf8'));
  const cells: string[] = notebook.cells
    .filter((c: Json) => c.cell_type === 'code')
    .map((c: Json) => (c.source as string[]).join(''));
  const program = join(dir, `notebook-${counter}.py`);
  writeFileSync(program, rewrite(cells.join('\n\n')));
  return resultJson(runPython(dir, program));
}

/**
 * `ot solve` and the exported script on the same scenario and parameters, run side by side:
 * [ours, theirs]. `args` are the script's own options.
 */
export function solveAndScript(
  dir: string,
  s: Scenario,
  params: Readonly<Record<string, string | number>> = {},
  args: readonly string[] = [],
): Promise<[Json, Json]> {
  return Promise.all([solveJson(dir, s, params), scriptJson(dir, s, params, args)]);
}

/** `ot solve` and the exported notebook on the same scenario and parameters: [ours, theirs]. */
export function solveAndNotebook(
  dir: string,
  s: Scenario,
  params: Readonly<Record<string, string | number>> = {},
): Promise<[Json, Json]> {
  return Promise.all([solveJson(dir, s, params), notebookJson(dir, s, params)]);
}

/** Relative difference |a − b| / max(|b|, floor). */
export function relDiff(a: number, b: number, floor = 1e-12): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}

/** The largest absolute difference between two equally shaped nested arrays of numbers. */
export function maxAbsDiff(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
    return a.reduce((worst: number, x, k) => Math.max(worst, maxAbsDiff(x, b[k])), 0);
  }
  throw new Error(
    `cannot compare ${JSON.stringify(a)?.slice(0, 40)} with ${JSON.stringify(b)?.slice(0, 40)}`,
  );
}

/** A plan as `ot solve` prints it: the entries above a threshold, in some order. */
export interface PlanEntries {
  readonly i: readonly number[];
  readonly j: readonly number[];
  readonly mass: readonly number[];
}

/**
 * The largest |P_ij − Q_ij| over the entries of two printed plans (an entry one of them leaves
 * out counts as 0 there), so plans listed in different orders compare entry by entry.
 */
export function planGap(p: PlanEntries, q: PlanEntries): number {
  const dense = (plan: PlanEntries) => {
    const out = new Map<string, number>();
    plan.i.forEach((i, k) =>
      out.set(`${i},${plan.j[k]}`, (out.get(`${i},${plan.j[k]}`) ?? 0) + plan.mass[k]),
    );
    return out;
  };
  const a = dense(p);
  const b = dense(q);
  let worst = 0;
  for (const key of new Set([...a.keys(), ...b.keys()]))
    worst = Math.max(worst, Math.abs((a.get(key) ?? 0) - (b.get(key) ?? 0)));
  return worst;
}

/**
 * Checks that a learned method's script printed every field `ot solve` prints, with the same JSON
 * shape: the same types, arrays of the same length (`ragged` names arrays whose length may differ),
 * objects with the same keys, every number finite. Returns the number of values compared.
 */
export function expectSameShape(theirs: Json, ours: Json, ragged: readonly string[] = [], path = ''): number {
  const where = path || 'the output';
  if (ours === null) return 1;
  if (typeof ours === 'number') {
    if (typeof theirs !== 'number' || !Number.isFinite(theirs))
      throw new Error(`${where}: expected a finite number, got ${JSON.stringify(theirs)}`);
    return 1;
  }
  if (Array.isArray(ours)) {
    if (!Array.isArray(theirs)) throw new Error(`${where}: expected an array`);
    const key =
      path
        .replace(/\[\d+\]/g, '')
        .split('.')
        .pop() ?? '';
    if (!ragged.includes(key) && theirs.length !== ours.length)
      throw new Error(`${where}: expected ${ours.length} entries, got ${theirs.length}`);
    let n = 0;
    const count = Math.min(ours.length, theirs.length);
    for (let k = 0; k < count; k++) n += expectSameShape(theirs[k], ours[k], ragged, `${path}[${k}]`);
    return n;
  }
  if (typeof ours === 'object') {
    if (typeof theirs !== 'object' || theirs === null || Array.isArray(theirs))
      throw new Error(`${where}: expected an object`);
    let n = 0;
    for (const k of Object.keys(ours)) {
      if (k === 'timeMs') continue;
      if (!(k in theirs)) throw new Error(`${where}: the field ${k} is missing`);
      n += expectSameShape(theirs[k], ours[k], ragged, path ? `${path}.${k}` : k);
    }
    return n;
  }
  if (typeof theirs !== typeof ours)
    throw new Error(`${where}: expected a ${typeof ours}, got ${typeof theirs}`);
  return 1;
}

/** Rewrites a notebook program's `steps=None` (the app's full recipe) to a cap of `steps`. */
export const capSteps =
  (steps: number) =>
  (code: string): string => {
    if (!code.includes('steps=None')) throw new Error('the notebook has no steps=None to cap');
    return code.replace('steps=None', `steps=${steps}`);
  };
