/**
 * Accessibility scans with axe-core: the app with each method's panel, and the Gallery and Share
 * dialogs open. No violation of impact "serious" or "critical" is allowed; the message lists the
 * rule ids and the elements they hit.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { METHODS } from '../src/methods/index.ts';
import { AppPage, chooseMethod } from './pages/app.ts';

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
    // One pass per method of the registry: the budget grows with the number of methods.
    test.setTimeout(30_000 * METHODS.length);
    const app = new AppPage(page);
    await app.open();
    for (const name of METHODS.map((m) => m.title)) {
      await chooseMethod(page, name);
      // The panel is mounted and its first run has reported.
      await app.settled();
      await expectNoSeriousViolations(page, `method ${name}`);
    }
  });

  test('the open method menu has no serious or critical violations', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: /^Method: / }).click();
    await expect(page.getByRole('menu', { name: 'Method' })).toBeVisible();
    await expectNoSeriousViolations(page, 'method menu');
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
