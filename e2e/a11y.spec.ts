/**
 * Accessibility scans with axe-core: the app with each method's panel, and the Gallery and Share
 * dialogs open. No violation of impact "serious" or "critical" is allowed; the message lists the
 * rule ids and the elements they hit.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app';

const METHODS = ['Exact', 'Sinkhorn', 'Brenier', 'Flow', 'Procrustes'] as const;

/** Runs axe on the page and asserts no serious or critical violations. */
async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
  expect(serious, `${where}:\n${report}`).toEqual([]);
}

test.describe('accessibility (axe)', () => {
  test('each method panel has no serious or critical violations', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    const methods = page.getByRole('radiogroup', { name: 'Method' });
    for (const name of METHODS) {
      await methods.getByRole('radio', { name }).click();
      await expect(methods.getByRole('radio', { name })).toBeChecked();
      // Let the panel mount and the first run report its status.
      await page.waitForTimeout(400);
      await expectNoSeriousViolations(page, `method ${name}`);
    }
  });

  for (const name of ['Gallery', 'Share'] as const) {
    test(`the ${name} dialog has no serious or critical violations`, async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      await page.getByRole('button', { name }).click();
      await expect(page.getByRole('dialog', { name })).toBeVisible();
      await expectNoSeriousViolations(page, `${name} dialog`);
    });
  }
});
