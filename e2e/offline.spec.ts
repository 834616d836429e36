/**
 * The offline app (build/pwa.ts, src/app/serviceWorker.ts): after one visit the service worker
 * serves the whole build, so with the network gone the page reloads and every method of the
 * registry still loads its panel and solves; and a new deployment's worker waits behind the
 * "A new version is available" prompt until the user reloads.
 *
 * Under automation the app registers its worker only when the URL asks (`&sw`), so the other specs
 * never meet one. Each test has its own browser context: a worker never outlives its test.
 */
import { expect, test, type Page } from '@playwright/test';
import { METHODS } from '../src/methods/index.ts';
import { AppPage, chooseMethod } from './pages/app.ts';

/** Opens the app with its service worker and waits until the worker controls the page. */
async function openControlled(app: AppPage): Promise<void> {
  await app.open('', '&sw');
  await app.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The first worker claims the page that installed it (clientsClaim): no reload needed.
  await expect.poll(() => app.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

const updatePrompt = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'A new version is available.' });

test.describe('offline', () => {
  test('after one visit the page reloads with no network and every method loads and solves', async ({
    page,
    context,
  }) => {
    test.setTimeout(60_000);
    const app = new AppPage(page);
    await openControlled(app);
    // A first visit has nothing to update.
    await expect(updatePrompt(page)).toHaveCount(0);

    await context.setOffline(true);
    // Playwright's offline mode may not reach the worker's own fetches, so the test also checks
    // that what the page fetched was answered by the worker from its precache.
    const fetched: { url: string; fromWorker: boolean }[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.includes('/assets/'))
        fetched.push({ url: r.url(), fromWorker: r.fromServiceWorker() });
    });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(app.stage).toBeVisible();

    for (const meta of METHODS) {
      await chooseMethod(page, meta.title);
      // Every explanation open, so the formulas' KaTeX fonts are asked for too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await app.settled();
      await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toHaveCount(0);
      expect(
        fetched.some((f) => f.url.includes(`/assets/method-${meta.id}-`)),
        `${meta.id}'s panel chunk`,
      ).toBe(true);
    }
    // A quick method solves: the solver worker's chunk came from the cache as well.
    await chooseMethod(page, 'Exact');
    await expect(page.getByTestId('plan-cost')).toHaveText(/^\d/);

    expect(failed).toEqual([]);
    expect(
      fetched.some((f) => f.url.endsWith('.woff2')),
      'KaTeX fonts were asked for',
    ).toBe(true);
    expect(fetched.filter((f) => !f.fromWorker)).toEqual([]);
    const cached = await page.evaluate(
      (urls) => Promise.all(urls.map(async (u) => ((await caches.match(u)) ? null : u))),
      fetched.map((f) => f.url),
    );
    expect(cached.filter(Boolean), 'fetched but not precached').toEqual([]);
    const brokenFonts = await page.evaluate(() => {
      const broken: string[] = [];
      document.fonts.forEach((f) => f.status === 'error' && broken.push(f.family));
      return broken;
    });
    expect(brokenFonts).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('a new deployment waits behind "A new version is available" until the user reloads', async ({
    page,
  }) => {
    const app = new AppPage(page);
    // The deployment the user has: a worker from another script URL (the same build), so that
    // the app's own `sw.js` is, in the browser's eyes, exactly what a new deployment is — a changed
    // worker script for the same scope — and goes through the same code as in production.
    await app.open();
    await page.evaluate(() =>
      navigator.serviceWorker
        .register('./sw.js?previous-deployment')
        .then(() => navigator.serviceWorker.ready),
    );
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL))
      .toContain('previous-deployment');
    // The next visit registers the new worker, which installs and waits: the prompt.
    await app.open('', '&sw');
    const prompt = updatePrompt(page);
    await expect(prompt).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toContain(
      'previous-deployment',
    );

    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await expect(app.stage).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
    // The new deployment is in charge and nothing more waits, so there is nothing to offer.
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: !!r?.waiting, installing: !!r?.installing };
    });
    expect(registration).toEqual({ waiting: false, installing: false });
    await expect(updatePrompt(page)).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });
});
