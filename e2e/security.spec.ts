import { expect, test } from '@playwright/test';
import { METHODS } from '../src/methods/index.ts';
import { AppPage, chooseMethod } from './pages/app.ts';

test.describe('security and offline', () => {
  test('the built page carries a strict CSP and using every method requests nothing from another origin', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(30_000 * METHODS.length);
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
    // The server sends the same policy as a header, with the other hardening headers.
    const headers = (await page.request.get(baseURL!)).headers();
    expect(headers['content-security-policy']).toBe(csp);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    // Every method of the registry is in the menu.
    await page.getByRole('button', { name: /^Method: / }).click();
    const items = page.getByRole('menu', { name: 'Method' }).getByRole('menuitemradio');
    expect((await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).sort()).toEqual(
      METHODS.map((m) => m.title).sort(),
    );
    await page.keyboard.press('Escape');
    for (const m of METHODS.map((x) => x.title)) {
      await chooseMethod(page, m);
      await app.settled();
      // Open the explanation too, which loads KaTeX's fonts: settled again once they are in.
      const details = page.locator('details.explain').first();
      if (await details.count()) await details.locator('summary').click();
      await app.settled();
    }
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
  });
});
