import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app.ts';

test.describe('security and offline', () => {
  test('the built page carries a strict CSP and using every method requests nothing from another origin', async ({
    page,
    baseURL,
  }) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) foreign.push(r.url());
    });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const app = new AppPage(page);
    await app.open();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const methods = await page
      .getByRole('radiogroup', { name: 'Method' })
      .getByRole('radio')
      .allTextContents();
    expect(methods.length).toBeGreaterThanOrEqual(3);
    for (const m of methods) {
      await page.getByRole('radio', { name: m }).click();
      // Open the explanation too, which loads KaTeX and its fonts.
      const details = page.locator('details.explain').first();
      if (await details.count()) await details.locator('summary').click();
      await page.waitForTimeout(700);
    }
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
  });
});
