import { expect, test } from '@playwright/test';
import { AppPage, chooseMethod, loadInto } from './pages/app.ts';
import { runCli, saveOpenScenario } from './pages/cli.ts';

test.describe('exact OT and Sinkhorn', () => {
  test('Sinkhorn on the example solves, with the convergence chart and the cost', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Sinkhorn');
    await expect(page.getByRole('status').filter({ hasText: /Converged in \d+ iterations/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Convergence: L1 marginal error/ })).toBeVisible();
    const cost = Number(await page.getByTestId('plan-cost').textContent());
    expect(cost).toBeGreaterThan(0);
    // The gap to the exact cost is shown and is positive (entropy blurs the plan, so it costs more),
    // and smaller than the cost itself.
    const gapText = page.getByTestId('plan-gap');
    await expect(gapText).toHaveText(/^-?\d/);
    const gap = Number(await gapText.textContent());
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(cost);
    expect(app.consoleErrors).toEqual([]);
  });

  test('epsilon changes the plan: a larger epsilon costs more', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Sinkhorn');
    await expect(page.getByRole('status').filter({ hasText: /Converged/ })).toBeVisible();
    const before = Number(await page.getByTestId('plan-cost').textContent());
    const slider = page.getByRole('slider', { name: 'Epsilon' });
    await slider.focus();
    for (let k = 0; k < 40; k++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('plan-cost')).not.toHaveText(String(before));
    await expect(page.getByRole('status').filter({ hasText: /Converged/ })).toBeVisible();
    const after = Number(await page.getByTestId('plan-cost').textContent());
    expect(after).toBeGreaterThan(before);
  });

  test('Stop cancels a long Sinkhorn solve', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Sinkhorn');
    // A large problem at a small epsilon and a tight tolerance: seconds of work.
    await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Uniform square' });
    await page.getByLabel('Points', { exact: true }).fill('1500');
    await loadInto(page, 'source');
    await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Two moons' });
    await loadInto(page, 'target');
    await page.getByRole('combobox', { name: 'Tolerance' }).selectOption({ label: '1e-9' });
    await page.getByRole('combobox', { name: 'Max iterations' }).selectOption({ label: '100,000' });
    // Changing a parameter re-solves by itself (Solve is for re-running by hand).
    await page.evaluate(() =>
      (window.__ot!.store.getState() as unknown as { setParam: (k: string, v: number) => void }).setParam(
        'epsilon',
        0.0005,
      ),
    );
    await expect(page.getByRole('button', { name: 'Solve' })).toBeDisabled();
    const stop = page.getByRole('button', { name: 'Stop' });
    await expect(stop).toBeEnabled();
    await stop.click();
    await expect(page.getByRole('status').filter({ hasText: 'Stopped' })).toBeVisible();
    expect(await page.evaluate(() => window.__ot!.store.getState().runs.plan?.status)).toBe('cancelled');
    // The page stayed responsive and the scenario is intact.
    expect((await app.storeCounts()).source).toBe(1500);
  });

  test('the exact cost in the app equals the command line’s on the same scenario', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Exact');
    await expect(page.getByTestId('plan-cost')).toHaveText(/^\d/);
    const shown = Number(await page.getByTestId('plan-cost').textContent());
    const file = await saveOpenScenario(page, 'exact.json');
    const out = runCli(['solve', file, '--method', 'exact']);
    expect(out.status, out.stderr).toBe(0);
    const cli = JSON.parse(out.stdout) as { cost: number };
    // The readout shows 6 significant digits.
    expect(Number(cli.cost.toPrecision(6))).toBe(shown);
  });

  test('the displacement interpolation plays', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Exact');
    await expect(page.getByTestId('plan-cost')).toHaveText(/^\d/);
    const storeT = () => page.evaluate(() => window.__ot!.store.getState().t as number);
    const t0 = await storeT();
    await app.frames();
    const before = await app.snapshot();
    await page.getByRole('button', { name: 'Play' }).click();
    // Playing advances t, and the stage redraws the moving mass.
    await expect.poll(storeT).not.toBe(t0);
    await app.changedSnapshot(before);
    await page.getByRole('button', { name: 'Pause' }).click();
    // Scrubbing sets t directly.
    await page.getByRole('slider', { name: 'Time t' }).fill('1');
    expect(await page.evaluate(() => window.__ot!.store.getState().t as number)).toBe(1);
  });
});
