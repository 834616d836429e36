import { expect, test } from '@playwright/test';
import { METHODS } from '../src/methods/index.ts';
import { AppPage, chooseMethod, loadInto, openGalleryEntry } from './pages/app.ts';

test.describe('foundation', () => {
  test('the page loads with the example drawn and no console error @phone', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    expect(await app.count('source')).toBeGreaterThan(0);
    expect(await app.count('target')).toBeGreaterThan(0);
    await expect(app.stage).toHaveAttribute('aria-label', /Source \d+ points, Target \d+ points/);
    // The canvas has pixels in both cloud colours: it is not blank.
    const coloured = await app.stage.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let k = 0; k < d.length; k += 4) if (Math.abs(d[k] - d[k + 2]) > 80) n++;
      return n;
    });
    expect(coloured).toBeGreaterThan(100);
    // The example's first solve has ended: an error it raised would be in the console by now.
    await expect(page.locator('aside.side .panel-title .badge')).toHaveText('Solved');
    expect(app.consoleErrors).toEqual([]);
  });

  test('the File menu opens inside the screen, every entry reachable @phone', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'File' }).click();
    const menu = page.getByRole('menu', { name: 'File' });
    const box = (await menu.boundingBox())!;
    const width = page.viewportSize()!.width;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await expect(menu.getByRole('menuitem', { name: 'Export Jupyter notebook' })).toBeInViewport();
  });

  test('the method menu shows every method at once on a desktop, and fits a tablet', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: /^Method: / }).click();
    const menu = page.getByRole('menu', { name: 'Method' });
    const box = (await menu.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    const items = menu.getByRole('menuitemradio');
    await expect(items).toHaveCount(METHODS.length);
    for (const item of await items.all()) {
      const b = (await item.boundingBox())!;
      // Within the menu's visible box: nothing hides below a scroll.
      expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height);
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
    }
    // On a tablet the wide menu spans the window rather than running off its right edge.
    await page.setViewportSize({ width: 768, height: 1024 });
    const narrow = (await menu.boundingBox())!;
    expect(narrow.x).toBeGreaterThanOrEqual(0);
    expect(narrow.x + narrow.width).toBeLessThanOrEqual(768);
  });

  test('the Gallery lists its entries under the method groups, as the method menu does', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'Gallery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gallery' });
    await expect(dialog.getByRole('heading', { level: 3 })).toHaveText([
      'Distributions',
      'Maps',
      'Representations',
      'Models',
      'Learning',
    ]);
    const maps = dialog.getByRole('region', { name: 'Maps' });
    await expect(
      maps.getByRole('button', { name: /^Between Gaussians the Brenier map is linear/ }),
    ).toBeVisible();
    await expect(maps.getByRole('button', { name: /^Outliers/ })).toHaveCount(0);
  });

  test('opening gallery entries one after another leaves one notice, naming the last', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await openGalleryEntry(page, /^Optimal paths never cross/);
    await openGalleryEntry(page, /^Epsilon blurs the plan/);
    const opened = page.getByRole('status').filter({ hasText: 'from the gallery' });
    await expect(opened).toHaveCount(1);
    await expect(opened).toContainText('Epsilon blurs the plan');
  });

  test('brushing with the mouse adds points to the active cloud', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.editSide('target');
    await app.tool('Brush');
    const before = await app.storeCounts();
    await app.mouseStroke([0.3, 0.3], [0.7, 0.6]);
    const after = await app.storeCounts();
    expect(after.target).toBeGreaterThan(before.target);
    expect(after.source).toBe(before.source);
    expect(await app.count('target')).toBe(after.target);
  });

  test('brushing with touch adds points to the active cloud', async ({ browser }) => {
    const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const app = new AppPage(page);
    await app.open();
    await app.editSide('source');
    await app.tool('Brush');
    const before = await app.storeCounts();
    await app.touchStroke([0.4, 0.4], [0.6, 0.5]);
    const after = await app.storeCounts();
    expect(after.source).toBeGreaterThan(before.source);
    expect(after.target).toBe(before.target);
    await context.close();
  });

  test('a dataset applies, and undo and redo restore', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    const before = await app.count('source');
    await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Two moons' });
    await page.getByLabel('Points', { exact: true }).fill('400');
    await loadInto(page, 'source');
    await expect(page.getByTestId('cloud-count-0')).toContainText('400 points');
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await app.count('source')).toBe(before);
    await page.keyboard.press('Control+Shift+Z');
    expect(await app.count('source')).toBe(400);
    await page.keyboard.press('Control+Z');
    expect(await app.count('source')).toBe(before);
  });

  test('cost statistics come from the worker and follow the scenario', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    const mean = page.getByTestId('cost-mean');
    await expect(mean).toHaveText(/^\d/);
    const first = await mean.textContent();
    // The expected mean, computed here from the same points, agrees with the worker's.
    const expected = await page.evaluate(() => {
      const s = window.__ot!.store.getState().scenario;
      const x = s.clouds[0].points;
      const y = s.clouds[1].points;
      let sum = 0;
      for (let i = 0; i < x.length; i += 2)
        for (let j = 0; j < y.length; j += 2) sum += (x[i] - y[j]) ** 2 + (x[i + 1] - y[j + 1]) ** 2;
      return sum / ((x.length / 2) * (y.length / 2));
    });
    expect(Number(first)).toBeCloseTo(expected, 2);
    await page.getByRole('button', { name: 'Swap source and target' }).click();
    await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Uniform square' });
    await loadInto(page, 'target');
    await expect(mean).not.toHaveText(first!);
  });

  test('a second request supersedes the first', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    const statuses = await page.evaluate(() => window.__ot!.supersedeProbe());
    expect(statuses).toEqual(['cancelled', 'done']);
  });

  test('the brush settings open from the palette and close again', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    const brushSettings = page.getByRole('group', { name: 'Brush settings' });
    // Closed on first visit: they would cover the stage's corner.
    await expect(brushSettings).toHaveCount(0);
    await page.getByRole('button', { name: 'Brush tool' }).click();
    await expect(brushSettings.getByRole('slider', { name: 'Brush spread' })).toBeVisible();
    await brushSettings.getByRole('slider', { name: 'Brush spread' }).focus();
    await page.keyboard.press('Escape');
    await expect(brushSettings).toHaveCount(0);
    await page.getByRole('button', { name: 'Eraser tool' }).click();
    await expect(page.getByRole('group', { name: 'Eraser settings' })).toBeVisible();
    await page.getByRole('button', { name: 'Close eraser settings' }).click();
    await expect(page.getByRole('group', { name: 'Eraser settings' })).toHaveCount(0);
  });

  test('a panel whose code cannot be fetched says so, and the rest of the app keeps working', async ({
    page,
  }) => {
    // As if offline before the Flow method's chunk was fetched.
    await page.route(/method-flow-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Flow');
    await expect(page.getByRole('alert').filter({ hasText: 'This panel could not be loaded' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect(app.stage).toBeVisible();
    await chooseMethod(page, 'Exact');
    await expect(page.getByTestId('plan-cost')).toHaveText(/^\d/);
  });

  test('a dialog whose code cannot be fetched is a notice, and the app keeps working', async ({ page }) => {
    await page.route(/GalleryDialog-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'Gallery' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'That dialog could not be loaded' }),
    ).toBeVisible();
    await expect(app.stage).toBeVisible();
    // The other dialogs still open.
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.getByRole('dialog', { name: 'Share' })).toBeVisible();
  });

  test('on a desktop the page itself never scrolls: the side panel scrolls inside', async ({ page }) => {
    // One pass per method of the registry: the budget grows with the number of methods.
    test.setTimeout(30_000 * METHODS.length);
    const app = new AppPage(page);
    await app.open();
    for (const name of METHODS.map((m) => m.title)) {
      await chooseMethod(page, name);
      // The panel is in (it is a lazy chunk) with its results: nothing left to lay out.
      await app.settled();
      // Open every explanation, so hidden text and formulas are laid out too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const [scroll, view] = await page.evaluate(() => [
        document.scrollingElement!.scrollHeight,
        innerHeight,
      ]);
      expect(scroll, name).toBeLessThanOrEqual(view);
    }
  });
});
