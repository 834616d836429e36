import { expect, test, type Page } from '@playwright/test';
import { AppPage, chooseMethod } from './pages/app.ts';

/** The parts of a Brenier result the spec reads (see workers/methods/brenierTypes.ts). */
interface MapResult {
  estimator: string;
  view: { grid: Float64Array; gridMapped: Float64Array; mappedSource: Float64Array; w2: number };
  training?: { step: number; steps: number; stopped: boolean };
}

/** Largest |T(p) − p| over the grid points of a lane's map, or null when the lane has no map. */
const maxDisplacement = (page: Page, lane: string) =>
  page.evaluate((l) => {
    const r = window.__ot!.getResult(l)?.value as MapResult | undefined;
    if (!r) return null;
    let max = 0;
    const { grid, gridMapped } = r.view;
    for (let k = 0; k < grid.length; k++) max = Math.max(max, Math.abs(gridMapped[k] - grid[k]));
    return max;
  }, lane);

test.describe('brenier', () => {
  test('the grid warps with t, layers toggle, and the neural map trains with progress and stops', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Brenier');
    const panel = page.getByRole('region', { name: 'Brenier map' });
    await expect(panel).toBeVisible();

    // The entropic map is solved on opening: a grid whose images differ from the grid.
    await expect.poll(() => maxDisplacement(page, 'brenier'), { timeout: 20_000 }).toBeGreaterThan(0.1);
    await expect(panel.getByTestId('brenier-w2-entropic')).not.toHaveText('—');

    // Scrubbing Time t moves the grid: t = 0 (identity), 0.5 and 1 draw three different pictures.
    const time = page.getByRole('slider', { name: 'Time t' });
    const storeT = () => page.evaluate(() => window.__ot!.store.getState().t);
    await time.focus();
    await page.keyboard.press('Home');
    await expect.poll(storeT).toBe(0);
    await app.frames();
    const at0 = await app.snapshot();
    await time.fill('0.5');
    const atHalf = await app.changedSnapshot(at0);
    await page.keyboard.press('End');
    await expect(page.getByText('t = 1.00')).toBeVisible();
    const at1 = await app.changedSnapshot(atHalf);
    expect(at1).not.toBe(at0);

    // The layer toggles are checkboxes that change the picture.
    const arrows = panel.getByRole('checkbox', { name: 'Arrows' });
    const grid = panel.getByRole('checkbox', { name: 'Grid' });
    await arrows.check();
    const withArrows = await app.changedSnapshot(at1);
    await arrows.uncheck();
    const withoutArrows = await app.changedSnapshot(withArrows);
    await grid.uncheck();
    const withoutGrid = await app.changedSnapshot(withoutArrows);
    expect(withoutGrid).not.toBe(at1);
    await grid.check();

    // The neural estimator: Train shows progress and a live preview; Stop keeps the map so far.
    await panel.getByRole('combobox', { name: 'Estimator' }).selectOption('icnn');
    const status = panel.getByTestId('brenier-icnn-status');
    await expect(status).toHaveText('Not trained yet: press Train.');
    await page.evaluate(() =>
      (window.__ot!.store.getState() as unknown as { setParam(k: string, v: number): void }).setParam(
        'icnnSteps',
        5000,
      ),
    );
    await panel.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).toContainText(/Step \d+ of 5000/, { timeout: 20_000 });
    const progress = panel.getByRole('progressbar', { name: 'Training progress' });
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const live = window.__ot!.getResult('brenier-icnn-live')?.value as
              { preview?: MapResult } | undefined;
            return live?.preview?.view.mappedSource.length ?? 0;
          }),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(status).toContainText(/Stopped at step \d+ of 5000; the map so far is kept/);
    const stopped = await page.evaluate(() => {
      const r = window.__ot!.getResult('brenier-icnn')?.value as MapResult | undefined;
      return r ? { estimator: r.estimator, ...r.training! } : null;
    });
    expect(stopped).toMatchObject({ estimator: 'icnn', stopped: true, steps: 5000 });
    expect(stopped!.step).toBeGreaterThan(0);
    expect(stopped!.step).toBeLessThan(5000);
    await expect(panel.getByTestId('brenier-w2-icnn')).not.toHaveText('not trained');
    await expect(panel.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    expect(await maxDisplacement(page, 'brenier-icnn')).toBeGreaterThan(0.1);

    // An edit of the clouds drops the trained map (it belonged to the old clouds).
    await page.evaluate(() => {
      const s = window.__ot!.store.getState();
      const [src, ...rest] = s.scenario.clouds;
      s.commit({ ...s.scenario, clouds: [{ ...src, points: src.points.map((v) => v * 0.9) }, ...rest] });
    });
    await expect(status).toHaveText('Not trained yet: press Train.');

    expect(app.consoleErrors).toEqual([]);
  });

  test('the Euclidean cost explains itself and offers the squared cost', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Brenier');
    const panel = page.getByRole('region', { name: 'Brenier map' });
    await page.getByRole('combobox', { name: 'Ground cost' }).selectOption('euclidean');
    await expect(panel.getByText(/Brenier maps need the squared Euclidean cost/)).toBeVisible();
    await panel.getByRole('button', { name: 'Use |x − y|²' }).click();
    await expect(panel.getByRole('combobox', { name: 'Estimator' })).toBeVisible();
    await expect.poll(() => maxDisplacement(page, 'brenier'), { timeout: 20_000 }).toBeGreaterThan(0.1);
    expect(app.consoleErrors).toEqual([]);
  });
});
