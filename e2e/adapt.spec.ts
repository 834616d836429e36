/**
 * Domain adaptation and decorrelation in the browser, from their gallery entries: the classifier
 * trained on the transported source does better on the shifted target than the one trained on the
 * source as it is; decorrelation brings the classes' distance to the pooled cloud close to zero.
 */
import { expect, test } from '@playwright/test';
import { AppPage, chooseMethod, openGalleryEntry } from './pages/app.ts';

const percent = (text: string | null) => Number((text ?? '').replace('%', ''));

test.describe('domain adaptation', () => {
  test('rotated moons: accuracy after adapting beats accuracy before; the labels have a legend', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await openGalleryEntry(page, /^Rotated moons/);
    const panel = page.getByRole('region', { name: 'Domain adaptation' });
    await expect(panel.getByTestId('adapt-status')).toHaveText(/^Adapted/, { timeout: 30_000 });
    const before = percent(await panel.getByTestId('adapt-accuracy-before').textContent());
    const after = percent(await panel.getByTestId('adapt-accuracy-after').textContent());
    expect(after).toBeGreaterThan(before + 10);
    await expect(page.getByTestId('method-summary')).toBeVisible();
    // Exact transport solves too, and is announced the same way.
    await panel.getByLabel('Transport', { exact: true }).selectOption('exact');
    await expect(panel.getByTestId('adapt-status')).toHaveText(/^Adapted/, { timeout: 30_000 });
    expect(app.consoleErrors).toEqual([]);
  });

  test('classes drawn by hand: the brush gives a class, the legend names it, adaptation runs on them', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await app.editSide('source');
    await page.getByLabel('Class of new points').selectOption({ label: 'Class 1' });
    await app.tool('Brush');
    // Below the brush settings, which open at the stage's top-left corner.
    await app.mouseStroke([0.45, 0.8], [0.55, 0.85]);
    // The example's clouds are unlabelled: the legend appears with the drawn class.
    const legend = page.getByTestId('class-legend');
    await expect(legend).toContainText('Class 0');
    await expect(legend).toContainText('Class 1');
    await expect(legend).not.toContainText('Class 2');
    const labels = await page.evaluate(() =>
      Array.from(window.__ot!.store.getState().scenario.clouds[0].labels!),
    );
    expect(labels.slice(0, 200).every((l) => l === 0)).toBe(true);
    expect(labels.length).toBeGreaterThan(200);
    expect(labels.slice(200).every((l) => l === 1)).toBe(true);
    await chooseMethod(page, 'Domain adaptation');
    const panel = page.getByRole('region', { name: 'Domain adaptation' });
    await expect(panel.getByTestId('adapt-status')).toHaveText(/^Adapted/, { timeout: 30_000 });
    // The target has no labels: no accuracy is claimed.
    await expect(panel.getByTestId('adapt-accuracy-after')).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });

  test('decorrelation: the classes end near the pooled cloud', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await openGalleryEntry(page, /^Decorrelation/);
    const panel = page.getByRole('region', { name: 'Decorrelation' });
    await expect(panel.getByTestId('decorrelate-status')).toHaveText(/^Decorrelated/, { timeout: 30_000 });
    const before = Number(await panel.getByTestId('decorrelate-before').textContent());
    const after = Number(await panel.getByTestId('decorrelate-after').textContent());
    expect(after).toBeLessThan(0.05 * before);
    expect(app.consoleErrors).toEqual([]);
  });
});
