import { expect, test } from '@playwright/test';
import { AppPage, chooseMethod, openGalleryEntry } from './pages/app.ts';

/** The store's actions the spec uses, beyond the typed test hook. */
interface FlowStoreActions {
  setParam(key: string, value: number | string): void;
  setT(t: number): void;
  t: number;
}

test.describe('flow', () => {
  test('trains with progress, stops keeping the network, animates, and follows the Euler steps', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Flow');
    const panel = page.getByRole('region', { name: 'Flow matching' });
    const status = panel.getByTestId('flow-status');
    const progress = panel.getByRole('progressbar', { name: 'Training progress' });

    // First opening trains once on its own, with progress.
    await expect(status).toContainText(/step \d+ of 2000/, { timeout: 20_000 });
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);

    // Stop keeps the network trained so far.
    await panel.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(status).toContainText(/stopped at step \d+ of 2000; the network so far is kept/);
    const models = panel.getByRole('table', { name: 'Trained models' });
    await expect(models.getByRole('row')).toHaveCount(2);
    await expect(panel.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

    // A short training; an edit shows the hint, Train clears it.
    await page.evaluate(() =>
      (window.__ot!.store.getState() as unknown as FlowStoreActions).setParam('trainSteps', 300),
    );
    await expect(panel.getByTestId('flow-hint')).toBeVisible();
    await panel.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).toContainText('1-RF #2: trained, 300 steps', { timeout: 60_000 });
    await expect(panel.getByTestId('flow-hint')).toHaveCount(0);
    await expect(models.getByRole('row')).toHaveCount(3);
    await expect(panel.getByTestId('flow-model')).toHaveText('1-RF #2');
    await expect(panel.getByTestId('flow-w2-1')).not.toHaveText('—', { timeout: 30_000 });

    // Particles move while playing: t advances and the stage changes.
    await expect
      .poll(() =>
        page.evaluate(
          () => (window.__ot!.getResult('flow-paths')?.value as { steps: number } | undefined)?.steps,
        ),
      )
      .toBe(50);
    await page.evaluate(() => (window.__ot!.store.getState() as unknown as FlowStoreActions).setT(0));
    await app.frames();
    const before = await app.stage.screenshot();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => page.evaluate(() => (window.__ot!.store.getState() as unknown as FlowStoreActions).t))
      .toBeGreaterThan(0.2);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect((await app.stage.screenshot()).equals(before)).toBe(false);

    // The Euler steps slider re-integrates: one step gives a 2-point trajectory and another readout.
    const w2k = panel.getByTestId('flow-w2-k');
    const w2At50 = await w2k.textContent();
    const slider = panel.getByRole('slider', { name: 'Euler steps' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect
      .poll(() =>
        page.evaluate(
          () => (window.__ot!.getResult('flow-paths')?.value as { steps: number } | undefined)?.steps,
        ),
      )
      .toBe(1);
    await expect(panel.getByTestId('flow-w2-k-label')).toHaveText('W₂² at 1 step');
    await expect(w2k).not.toHaveText(w2At50 ?? '');

    // Reflow from the selected model makes a 2-RF.
    await panel.getByRole('button', { name: 'Reflow', exact: true }).click();
    await expect(status).toContainText(/2-RF: trained, 300 steps/, { timeout: 60_000 });
    await expect(models.getByRole('row')).toHaveCount(4);

    // Remove a model.
    await panel.getByRole('button', { name: 'Remove 1-RF', exact: true }).click();
    await expect(models.getByRole('row')).toHaveCount(3);
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('flow and other methods', () => {
  test('a training that ends after another method was opened raises no error; back on Flow its model is evaluated', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Flow');
    const panel = page.getByRole('region', { name: 'Flow matching' });
    await expect(panel.getByTestId('flow-status')).toContainText(/step \d+ of 2000/, { timeout: 20_000 });
    // The training goes on in the worker; when it ended it used to start the model's evaluation
    // from Procrustes' scenario (no bandwidth there): "CloudDistribution: bandwidth must be finite".
    await chooseMethod(page, 'Procrustes');
    await expect
      .poll(() => page.evaluate(() => window.__ot!.store.getState().runs['flow-train']?.status), {
        timeout: 60_000,
      })
      .toBe('done');
    await page.waitForTimeout(1000);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await chooseMethod(page, 'Flow');
    await expect(panel.getByTestId('flow-w2-1')).not.toHaveText('—', { timeout: 30_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
    // With a model listed, a switch used to re-integrate its paths from the new method's scenario
    // (the store's listeners hear the switch before Flow's runs stop).
    await chooseMethod(page, 'Brenier');
    await page.waitForTimeout(1500);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('flow from the gallery', () => {
  test('“Reflow straightens” trains, runs its Reflow round and shows the 2-RF model', async ({ page }) => {
    test.setTimeout(180_000);
    const app = new AppPage(page);
    await app.open();
    await openGalleryEntry(page, 'Reflow straightens');
    const panel = page.getByRole('region', { name: 'Flow matching' });
    const status = panel.getByTestId('flow-status');
    // The scenario asks for reflow = 1: a 1-RF training, then one Reflow round from it.
    await expect(status).toContainText(/^2-RF/, { timeout: 80_000 });
    await expect(status).toContainText(/^2-RF: trained/, { timeout: 80_000 });
    const models = panel.getByRole('table', { name: 'Trained models' });
    await expect(models.getByRole('row')).toHaveCount(3);
  });
});
