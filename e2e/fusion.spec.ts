/**
 * Model fusion in the browser: the gallery's three spirals train two networks on opening; averaging
 * their weights as they are breaks the model in the middle of the path, aligning the hidden units by
 * optimal transport first does not.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app.ts';

test.describe('model fusion', () => {
  test('three spirals: the aligned midpoint keeps the skill the naive midpoint loses', async ({ page }) => {
    test.setTimeout(150_000);
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'Gallery' }).click();
    await page
      .getByRole('dialog', { name: 'Gallery' })
      .getByRole('button', { name: 'Three spirals: align, then average' })
      .click();
    const panel = page.getByRole('region', { name: 'Model fusion' });
    await expect(panel.getByTestId('fusion-status')).toHaveText(/^Fused/, { timeout: 120_000 });
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
    expect(app.consoleErrors).toEqual([]);
  });
});
