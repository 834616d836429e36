/**
 * Helpers shared by the CLI tests: run `main` in-process capturing its output, a small valid
 * scenario to break in various ways, and a temporary folder for input files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { DegenerateCase } from '../workers/kernels/degenerate/cases.ts';
import { main } from './cli.ts';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The reference cases (POT / SciPy), committed in workers/kernels/fixtures/ so the tests need
 * nothing outside the repository (`npm run fixtures:sync` refreshes them from ../shared/reference).
 */
export const REFERENCE = resolve(ROOT, 'workers/kernels/fixtures');

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process; `stdin` is what `-` reads (a function to make it fail). */
export async function run(argv: string[], stdin: string | (() => Promise<string>) = ''): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readStdin: typeof stdin === 'string' ? async () => stdin : stdin,
  });
  return { code, out, err };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function small(): Json {
  return {
    format: 'ot-playground.scenario',
    version: 1,
    name: 'Small',
    source: {
      points: [
        [0, 0],
        [1, 0],
        [0, 1],
      ],
      weights: [1, 1, 2],
    },
    target: {
      points: [
        [2, 0],
        [2, 1],
      ],
    },
    cost: 'sqeuclidean',
    method: 'sinkhorn',
    params: { epsilon: 0.1 },
  };
}
export const smallText = (edit: (x: Json) => void): string => {
  const x = small();
  edit(x);
  return JSON.stringify(x);
};

/** Files in a test file's temporary folder. */
export interface TempDir {
  /** Writes a file and returns its path. */
  file(name: string, text: string): string;
  /** The path a name would have, without writing it (for missing-file cases). */
  path(name: string): string;
}

/** Registers a temporary folder (holding an empty sub-folder `folder`) for the calling test file. */
export function useTempDir(): TempDir {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ot-cli-test-'));
    mkdirSync(join(dir, 'folder'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    file(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    path: (name) => join(dir, name),
  };
}

/** Interleaved points as [[x, y], ...]. */
export const pairs = (p: Float64Array) =>
  Array.from({ length: p.length >> 1 }, (_, k) => [p[2 * k], p[2 * k + 1]]);

/** A degenerate case (workers/kernels/degenerate/cases.ts) as a v1 scenario file's JSON. */
export function degenerateScenario(c: DegenerateCase, extra: Partial<Json> = {}): Json {
  return {
    format: 'ot-playground.scenario',
    version: 1,
    name: c.name,
    source: { points: pairs(c.x), ...(c.a ? { weights: Array.from(c.a) } : {}) },
    target: { points: pairs(c.y), ...(c.b ? { weights: Array.from(c.b) } : {}) },
    cost: 'sqeuclidean',
    method: 'exact',
    params: {},
    seed: 3,
    ...extra,
  };
}
