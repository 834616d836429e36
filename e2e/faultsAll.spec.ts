/**
 * A worker crash for every method of the registry (src/methods/index.ts), so a new method is
 * covered without editing this file: the method's first Gallery entry is opened and its first
 * run settles; a crash is armed on the method's lane (`meta.e2e.lane`), a new run is started (its
 * run button, or an edit of the first cloud), and the user must see the restart message, the
 * scenario untouched, and no lane left running. The hand-written cases of faults.spec.ts go
 * further for the first methods (throws, hangs, Stop, NaN results, recovery).
 */
import { expect, test, type Page } from '@playwright/test';
import { METHODS } from '../src/methods/index.ts';
import { AppPage, openGalleryEntry } from './pages/app.ts';

const CRASH_MESSAGE = /The solver stopped unexpectedly \(.*injected crash.*\)\. It has been restarted\./;

const runOf = (page: Page, lane: string) =>
  page.evaluate((l) => window.__ot!.store.getState().runs[l] ?? null, lane);

const digest = (page: Page) =>
  page.evaluate(() => {
    const s = window.__ot!.store.getState().scenario;
    return JSON.stringify({
      method: s.method,
      params: s.params,
      clouds: s.clouds.map((c) => [c.name, c.points.length, c.points.reduce((t, v) => t + v, 0)]),
    });
  });

test.describe('a worker crash, for every method', () => {
  for (const meta of METHODS) {
    test(`${meta.title}: the crash is reported, the scenario kept, nothing left running`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const app = new AppPage(page);
      await app.open();
      await openGalleryEntry(page, meta.gallery[0].title);
      await expect(page.getByRole('button', { name: `Method: ${meta.title}` })).toBeVisible();
      const lane = meta.e2e.lane;
      // The first run (a solve, or a first training) has ended: the lane's worker exists and is idle.
      await expect
        .poll(async () => (await runOf(page, lane))?.status, { timeout: 90_000 })
        .toMatch(/^(done|cancelled)$/);
      const before = (await runOf(page, lane))!.id;
      expect(await page.evaluate((l) => window.__ot!.injectFault(l, 'crash'), lane)).toBe('armed');
      if (meta.e2e.runButton) {
        await page.getByRole('button', { name: meta.e2e.runButton, exact: true }).click();
      } else {
        // An edit the method re-solves on: the first cloud moved by a hair.
        await page.evaluate(() => {
          const st = window.__ot!.store.getState();
          const [first, ...rest] = st.scenario.clouds;
          st.commit({
            ...st.scenario,
            clouds: [{ ...first, points: first.points.map((v) => v * 1.001) }, ...rest],
          });
        });
      }
      const kept = await digest(page);
      await expect(page.getByRole('alert').filter({ hasText: CRASH_MESSAGE })).toBeVisible({
        timeout: 30_000,
      });
      await expect.poll(async () => (await runOf(page, lane))?.status).toBe('error');
      expect((await runOf(page, lane))!.id).toBeGreaterThan(before);
      expect(await digest(page)).toBe(kept);
      await expect
        .poll(() =>
          page.evaluate(() =>
            Object.entries(window.__ot!.store.getState().runs)
              .filter(([, r]) => r?.status === 'running')
              .map(([l]) => l),
          ),
        )
        .toEqual([]);
    });
  }
});
