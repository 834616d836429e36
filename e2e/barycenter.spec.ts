/**
 * Wasserstein barycenters in the browser: the gallery's three shapes solve, the λ triangle moves by
 * keyboard as one undoable edit and the barycenter follows, and the grid solver draws a density.
 */
import { expect, test } from '@playwright/test';
import { AppPage, openGalleryEntry } from './pages/app.ts';

test.describe('barycenter', () => {
  test('three shapes: solves, the λ triangle moves by keyboard, undo restores, the grid solver solves', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const app = new AppPage(page);
    await app.open();
    await openGalleryEntry(page, 'The average of a circle, a square and a cross');
    await expect(page.getByRole('button', { name: 'Method: Barycenter' })).toBeVisible();
    const panel = page.getByRole('region', { name: 'Barycenter' });
    const status = panel.getByTestId('barycenter-status');
    await expect(status).toHaveText(/^Solved/, { timeout: 30_000 });
    const objective = Number(await panel.getByTestId('barycenter-objective').textContent());
    expect(objective).toBeGreaterThan(0);
    // Equal weights: the three W₂² readouts are named after the clouds.
    const readouts = panel.getByRole('definition');
    await expect(panel.getByText(/W₂² to Circle \(λ = 0\.33\)/)).toBeVisible();
    await expect(readouts.first()).toBeVisible();
    await expect(page.getByTestId('method-summary')).toContainText('Circle, Square and Cross');

    // Three presses towards the Circle corner: λ leans to the circle, and its W₂² shrinks.
    const before = Number(await panel.getByTestId('barycenter-cost-0').textContent());
    const handle = panel.getByRole('slider', { name: 'Weights λ' });
    await handle.focus();
    const valueBefore = await handle.getAttribute('aria-valuetext');
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowLeft');
    await expect(handle).not.toHaveAttribute('aria-valuetext', valueBefore!);
    await expect(status).toHaveText(/^Solved/, { timeout: 30_000 });
    const lambdas = await page.evaluate(
      () => window.__ot!.store.getState().scenario.params.lambdas as unknown as number[],
    );
    expect(lambdas[0]).toBeGreaterThan(lambdas[1]);
    await expect
      .poll(async () => Number(await panel.getByTestId('barycenter-cost-0').textContent()))
      .toBeLessThan(before);

    // Each key press is one edit: three undos go back to equal weights.
    for (let k = 0; k < 3; k++) await page.getByRole('button', { name: 'Undo' }).click();
    await expect(handle).toHaveAttribute('aria-valuetext', valueBefore!);

    // The grid solver: a density on a grid, drawn on the stage.
    const picture = await app.snapshot();
    await panel.getByLabel('Solver', { exact: true }).selectOption('grid');
    await expect(status).toHaveText(/^Solved/, { timeout: 60_000 });
    await app.changedSnapshot(picture);
    expect(app.consoleErrors).toEqual([]);
  });

  test('with one non-empty cloud the panel says what is missing', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.setClouds([0, 0, 1, 1], []);
    await page.getByRole('button', { name: /^Method: / }).click();
    await page.getByRole('menuitemradio', { name: 'Barycenter', exact: true }).click();
    await expect(
      page.getByRole('region', { name: 'Barycenter' }).getByTestId('barycenter-problem'),
    ).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });
});
