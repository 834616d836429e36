/**
 * Unbalanced and partial transport in the browser: the outlier gallery entry opens and solves
 * unbalanced, the ρ slider changes the transported mass (its right end, ∞, moves all of it), and
 * the partial entry's m slider changes the mass moved.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage, openGalleryEntry } from './pages/app.ts';

async function openEntry(page: Page, title: string, method: string): Promise<Locator> {
  await openGalleryEntry(page, title);
  await expect(page.getByRole('button', { name: `Method: ${method}` })).toBeVisible();
  return page.getByRole('region', { name: method });
}

const numberIn = async (l: Locator) => Number(await l.textContent());

test.describe('unbalanced and partial transport', () => {
  test('outliers: unbalanced solves and lets them go; ρ → ∞ moves all the mass', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    const panel = await openEntry(page, 'Outliers: unbalanced lets them go', 'Unbalanced');
    const status = panel.getByTestId('mass-status');
    await expect(status).toHaveText(/^Solved/, { timeout: 30_000 });
    const mass = panel.getByTestId('transported-mass');
    const before = await numberIn(mass);
    expect(before).toBeGreaterThan(0.3);
    expect(before).toBeLessThan(0.99);
    expect(await numberIn(panel.getByTestId('unmoved-target'))).toBeGreaterThan(0.01);
    await expect(page.getByTestId('method-summary')).toContainText('destroyed');
    await expect(panel.getByText(/Reach √ρ = 1.41 plane units/)).toBeVisible();

    const picture = await app.snapshot();
    const rho = panel.getByRole('slider', { name: 'Rho' });
    await rho.focus();
    await page.keyboard.press('End');
    await expect(rho).toHaveAttribute('aria-valuetext', 'ρ = ∞ (balanced)');
    await expect.poll(() => numberIn(mass), { timeout: 30_000 }).toBeGreaterThan(0.999);
    await expect(status).toHaveText(/^Solved/);
    await app.changedSnapshot(picture);
    expect(app.consoleErrors).toEqual([]);
  });

  test('partial: the m slider changes the moved mass; the exact and entropic solvers both solve', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    const panel = await openEntry(page, 'Partial: move half the mass', 'Partial');
    const status = panel.getByTestId('mass-status');
    await expect(status).toHaveText(/^Solved/, { timeout: 30_000 });
    const mass = panel.getByTestId('transported-mass');
    await expect(mass).toHaveText('0.5');
    const m = panel.getByRole('slider', { name: 'Mass' });
    await m.focus();
    await page.keyboard.press('End');
    await expect(mass).toHaveText('1', { timeout: 30_000 });
    expect(await numberIn(panel.getByTestId('unmoved-source'))).toBeLessThan(1e-9);
    await page.keyboard.press('Home');
    await expect(mass).toHaveText('0.01', { timeout: 30_000 });

    await panel.getByLabel('Solver', { exact: true }).selectOption('entropic');
    await expect(panel.getByRole('slider', { name: 'Epsilon' })).toBeVisible();
    await expect(status).toHaveText(/^Solved/, { timeout: 30_000 });
    await expect(mass).toHaveText('0.01');
    expect(app.consoleErrors).toEqual([]);
  });
});
