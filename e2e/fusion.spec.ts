/**
 * Model fusion in the browser: the gallery's three spirals train two networks on opening; averaging
 * their weights as they are breaks the model in the middle of the path, aligning the hidden units by
 * optimal transport first does not.
 */
import { expect, test } from '@playwright/test';
import { AppPage, chooseMethod, loadInto, openGalleryEntry } from './pages/app.ts';

/** Opens the gallery's three spirals and waits for the first fusion (trained on opening); returns the panel. */
async function openSpirals(app: AppPage) {
  await app.open();
  await openGalleryEntry(app.page, 'Three spirals: align, then average');
  const panel = app.page.getByRole('region', { name: 'Model fusion' });
  await expect(panel.getByTestId('fusion-status')).toHaveText(/^Fused/, { timeout: 120_000 });
  return panel;
}

test.describe('model fusion', () => {
  test('three spirals: the aligned midpoint keeps the skill the naive midpoint loses', async ({ page }) => {
    test.setTimeout(150_000);
    const app = new AppPage(page);
    const panel = await openSpirals(app);
    const readouts = panel.getByTestId('fusion-readouts');
    const pair = async (term: string) => {
      const text =
        (await readouts
          .locator('dt', { hasText: term })
          .locator('xpath=following-sibling::dd[1]')
          .textContent()) ?? '';
      return text.split('/').map((v) => Number.parseFloat(v));
    };
    const [naive, aligned] = await pair('Midpoint accuracy');
    expect(aligned).toBeGreaterThan(naive + 0.1);
    const [barrierNaive, barrierAligned] = await pair('Barrier');
    expect(barrierAligned).toBeLessThan(barrierNaive);
    await expect(page.getByTestId('method-summary')).toBeVisible();
    // Each hidden layer's alignment as a heatmap: a real shuffle, not the identity.
    for (const layer of [1, 2]) {
      const map = panel.getByRole('img', {
        name: new RegExp(`^Hidden layer ${layer}: .* (\\d+) of 64 in the same place$`),
      });
      const label = (await map.getAttribute('aria-label')) ?? '';
      expect(Number(/(\d+) of 64 in the same place/.exec(label)![1])).toBeLessThan(32);
    }
    // Many models: three clients on class chunks; the aligned average beats FedAvg.
    await panel.getByRole('button', { name: 'Merge clients' }).click();
    await expect(panel.getByTestId('fusion-many-status')).toHaveText(/^Merged 3 clients/, {
      timeout: 120_000,
    });
    const table = panel.getByRole('table', { name: /each client and of both merges/ });
    const accuracy = async (row: string) =>
      Number.parseFloat(
        (await table
          .getByRole('row', { name: new RegExp(`^${row}`) })
          .locator('td')
          .nth(1)
          .textContent()) ?? '',
      );
    expect(await accuracy('Aligned average')).toBeGreaterThan((await accuracy('FedAvg')) + 10);
    expect(app.consoleErrors).toEqual([]);
  });

  test('model B a shuffled copy of A: alignment undoes the shuffle, the aligned barrier is zero', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const app = new AppPage(page);
    const panel = await openSpirals(app);
    await panel.getByLabel('Model B').selectOption({ label: 'A with shuffled units' });
    await panel.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(panel.getByTestId('fusion-status')).toHaveText(/^Fused/, { timeout: 120_000 });
    const barrier = await panel
      .getByTestId('fusion-readouts')
      .locator('dt', { hasText: 'Barrier' })
      .locator('xpath=following-sibling::dd[1]')
      .textContent();
    const [naive, aligned] = (barrier ?? '').split('/').map((v) => Number.parseFloat(v));
    expect(naive).toBeGreaterThan(0.1);
    expect(Math.abs(aligned)).toBeLessThan(1e-9);
    // The stage can show model A or model B alone.
    await panel.getByLabel('Stage shows').selectOption({ label: 'Model B alone' });
    expect(await page.evaluate(() => window.__ot!.store.getState().scenario.params.show)).toBe('b');
    expect(app.consoleErrors).toEqual([]);
  });

  test('an unlabelled cloud: a message saying what to load, Train disabled; labelled moons train', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Model fusion');
    const panel = page.getByRole('region', { name: 'Model fusion' });
    await expect(panel.getByTestId('fusion-status')).toHaveText(/has no labels: load a dataset with parts/);
    await expect(panel.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
    // Guidance, not a failure: no error badge, and no training was sent to the worker.
    await expect(panel.getByText('Error', { exact: true })).toHaveCount(0);
    expect(await page.evaluate(() => window.__ot!.store.getState().runs.fusion?.id ?? 0)).toBe(0);
    await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Two moons' });
    await loadInto(page, 'source');
    await expect(panel.getByTestId('fusion-status')).toHaveText(/^Fused/, { timeout: 120_000 });
    expect(app.consoleErrors).toEqual([]);
  });
});
