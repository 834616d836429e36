/** Helpers for specs that compare the app with the command line on the same scenario. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** Writes the app's open scenario (read through the test hook) to a temporary v2 file. */
export async function saveOpenScenario(page: Page, name = 'scenario.json'): Promise<string> {
  const scenario = await page.evaluate(() => {
    const s = window.__ot!.store.getState().scenario;
    const cloud = (c: { name: string; points: Float64Array; weights: Float64Array | null }) => ({
      name: c.name,
      points: Array.from({ length: c.points.length / 2 }, (_, k) => [c.points[2 * k], c.points[2 * k + 1]]),
      ...(c.weights ? { weights: Array.from(c.weights) } : {}),
    });
    return {
      format: 'ot-playground.scenario',
      version: 2,
      name: s.name,
      clouds: s.clouds.map(cloud),
      cost: s.cost,
      method: s.method,
      params: s.params,
      seed: 1,
    };
  });
  const file = join(mkdtempSync(join(tmpdir(), 'ot-e2e-')), name);
  writeFileSync(file, JSON.stringify(scenario));
  return file;
}

/** Runs `ot <args>` through the tsx binary (no npm start-up); returns status, stdout and stderr. */
export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const out = spawnSync('node_modules/.bin/tsx', ['cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}
