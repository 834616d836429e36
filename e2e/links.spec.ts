/**
 * Share links: a scenario built in one browser opens identically in another; the address follows
 * edits (Back and Forward step through them, reload keeps them); hostile links show a message and
 * the example scenario, and never run anything.
 */
import { deflateSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { BURST_MS } from '../src/app/urlSync.ts';
import { toBase64Url } from '../src/scenario/linkClouds.ts';
import { AppPage, loadInto } from './pages/app.ts';

interface Snapshot {
  name: string;
  method: string;
  cost: string;
  params: Record<string, number | string | boolean>;
  source: number[];
  target: number[];
}

/** The open scenario as plain arrays. */
function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const s = window.__ot!.store.getState().scenario;
    return {
      name: s.name,
      method: s.method,
      cost: s.cost,
      params: { ...s.params },
      source: Array.from(s.clouds[0].points),
      target: Array.from(s.clouds[1].points),
    };
  });
}

/** Store actions the specs call (the test hook exposes the whole store). */
type Actions = {
  setMethod(m: string): void;
  setParam(k: string, v: unknown): void;
  commit(s: unknown): void;
};

async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share' });
  await expect(dialog).toBeVisible();
  const link = await dialog.getByLabel('Link').inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}

const hash = (page: Page) => page.evaluate(() => location.hash);

test.describe('share links', () => {
  test('a built scenario opens in a fresh browser with the same clouds, method and parameters', async ({
    page,
    browser,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Two moons' });
    await page.getByLabel('Points', { exact: true }).fill('400');
    await loadInto(page, 'source');
    await app.editSide('target');
    await app.tool('Brush');
    await app.mouseStroke([0.3, 0.3], [0.7, 0.6]);
    await page.evaluate(() => {
      const st = window.__ot!.store.getState() as unknown as Actions;
      st.setMethod('sinkhorn');
      st.setParam('epsilon', 0.123);
      st.setParam('maxIterations', 777);
    });
    const before = await snapshot(page);
    expect(before.source.length).toBe(800);

    const link = await shareLink(page);
    expect(link).toMatch(/#v=2&/);
    expect(link).toContain('epsilon=0.123');

    const context = await browser.newContext();
    const page2 = await context.newPage();
    const app2 = new AppPage(page2);
    await page2.goto(link);
    await expect(app2.stage).toBeVisible();
    const after = await snapshot(page2);
    expect(after.method).toBe('sinkhorn');
    expect(after.params).toEqual(before.params);
    expect(after.params.epsilon).toBe(0.123);
    expect(after.name).toBe(before.name);
    expect(after.cost).toBe(before.cost);
    expect(after.source.length).toBe(before.source.length);
    expect(after.target.length).toBe(before.target.length);
    expect(await app2.count('target')).toBe(before.target.length / 2);
    // Coordinates within half a 16-bit step of the clouds' bounding box.
    const all = [...before.source, ...before.target];
    const xs = all.filter((_, i) => i % 2 === 0);
    const ys = all.filter((_, i) => i % 2 === 1);
    const tol = [xs, ys].map((v) => (Math.max(...v) - Math.min(...v)) / (2 * 65535) + 1e-12);
    for (const side of ['source', 'target'] as const) {
      before[side].forEach((v, i) => expect(Math.abs(after[side][i] - v)).toBeLessThanOrEqual(tol[i % 2]));
    }
    expect(app2.consoleErrors).toEqual([]);
    await context.close();
  });

  test('the address follows edits; Back and Forward step through them; reload keeps them', async ({
    page,
  }) => {
    // The page's clock, so the test can step past the window that groups edits into one entry.
    await page.clock.install();
    const app = new AppPage(page);
    await app.open();
    await expect.poll(() => hash(page)).toBe('#v=2');
    await page.getByLabel('Points', { exact: true }).fill('300');
    await loadInto(page, 'source');
    await expect.poll(() => hash(page)).toContain('&d=');
    const first = await hash(page);
    // A second edit after a pause is a new history entry.
    await page.clock.fastForward(BURST_MS);
    await page.getByLabel('Points', { exact: true }).fill('100');
    await loadInto(page, 'target');
    await expect.poll(() => hash(page)).not.toBe(first);
    expect(await app.storeCounts()).toEqual({ source: 300, target: 100 });

    await page.goBack();
    await expect.poll(() => app.storeCounts()).toEqual({ source: 300, target: 200 });
    expect(await hash(page)).toBe(first);
    await page.goBack();
    await expect.poll(() => app.storeCounts()).toEqual({ source: 200, target: 200 });
    await page.goForward();
    await expect.poll(() => app.storeCounts()).toEqual({ source: 300, target: 200 });
    // Back did not push entries of its own: Forward still reaches the last edit.
    await page.goForward();
    await expect.poll(() => app.storeCounts()).toEqual({ source: 300, target: 100 });

    await page.reload();
    await expect(app.stage).toBeVisible();
    expect(await app.storeCounts()).toEqual({ source: 300, target: 100 });
    expect(app.consoleErrors).toEqual([]);
  });

  test('a burst of edits (a slider drag) is one history entry', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await expect.poll(() => hash(page)).toBe('#v=2');
    const length = await page.evaluate(() => history.length);
    await page.evaluate(async () => {
      const st = window.__ot!.store.getState() as unknown as Actions;
      for (let k = 1; k <= 20; k++) {
        st.setParam('epsilon', 0.05 + k / 100);
        await new Promise((r) => setTimeout(r, 30));
      }
    });
    await expect.poll(() => hash(page)).toBe('#v=2&epsilon=0.25');
    expect(await page.evaluate(() => history.length)).toBe(length + 1);
  });
});

test.describe('hostile and broken links', () => {
  const f64 = (v: number) => Array.from(new Uint8Array(Float64Array.of(v).buffer));
  // A valid layout header claiming a billion points in the source cloud.
  const hugeCount = toBase64Url(
    deflateSync(
      Uint8Array.from([1, 16, ...f64(0), ...f64(1), ...f64(0), ...f64(1), 0x80, 0x94, 0xeb, 0xdc, 0x03, 0]),
    ),
  );
  const cases: [string, string, RegExp][] = [
    ['garbage point data', '#v=1&d=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /damaged/],
    ['truncated point data', '#v=1&d=7ZJBDoIwEEX3nKLpvkSjJq', /damaged|cut short/],
    ['a huge point count', `#v=1&d=${hugeCount}`, /1000000000 points/],
    ['an out-of-range parameter', '#v=1&epsilon=-5', /params\.epsilon must be > 0/],
    ['a newer version', '#v=9&method=exact', /newer version/],
  ];
  for (const [what, fragment, message] of cases) {
    test(`${what}: a message and the example scenario`, async ({ page }) => {
      const app = new AppPage(page);
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await app.open(fragment);
      const alert = page.getByRole('alert').filter({ hasText: 'This link could not be opened' });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(message);
      await expect(alert).toContainText('Showing the example scenario instead');
      expect(await app.storeCounts()).toEqual({ source: 200, target: 200 });
      expect((await snapshot(page)).name).toBe('Gaussian to eight Gaussians');
      // The bad link is replaced by the example's, so a reload does not repeat the error.
      await expect.poll(() => hash(page)).toBe('#v=2');
      expect(dialogs).toBe(0);
      expect(app.consoleErrors).toEqual([]);
    });
  }

  test('a script in the name is shown as text and never runs', async ({ page }) => {
    const app = new AppPage(page);
    const name = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await app.open(`#v=1&name=${encodeURIComponent(name)}`);
    expect((await snapshot(page)).name).toBe(name);
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.getByLabel('Scenario name')).toHaveValue(name);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Saved scenarios…' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Saved scenarios' })).toContainText(name);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);
  });
});
