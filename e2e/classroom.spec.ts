/**
 * Classroom links: hidden controls, larger type, keyboard playback control, embed mode, the
 * gallery's one-click scenarios, and reduced motion.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app.ts';

const t = (page: Page) => page.evaluate(() => window.__ot!.store.getState().t as number);
/** Rendered height of an element: CSS zoom scales it, so it shows the size the class sees. */
const renderedHeight = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      return el.getBoundingClientRect().height;
    });

test.describe('classroom mode', () => {
  test('hides the chosen controls and enlarges the chrome', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    // One button, not the whole toolbar: the toolbar's height also depends on how it wraps.
    const plainHeight = await renderedHeight(page, '.topbar button[aria-label="Undo"]');
    await app.open('#v=1&classroom=1&hide=datasets,tools,methods');
    await expect(page.locator('html')).toHaveClass(/classroom/);
    await expect(page.getByRole('group', { name: 'Stage tools' })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Datasets' })).toBeHidden();
    await expect(page.getByRole('button', { name: /^Method: / })).toBeHidden();
    // Not hidden: the stage, playback, sharing.
    await expect(app.stage).toBeVisible();
    await expect(page.getByRole('group', { name: 'Playback' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Share' })).toBeVisible();
    expect(await renderedHeight(page, '.topbar button[aria-label="Undo"]')).toBeGreaterThan(plainHeight);
    // The options stay in the address as the scenario changes.
    await page.getByRole('button', { name: 'Swap source and target' }).click();
    await expect
      .poll(() => page.evaluate(() => location.hash))
      .toMatch(/&classroom=1&hide=methods%2Ctools%2Cdatasets$/);
  });

  test('the keyboard steps, restarts and goes full screen', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#v=1&classroom=1');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await t(page)).toBeCloseTo(0.1, 9);
    await page.keyboard.press('ArrowLeft');
    expect(await t(page)).toBeCloseTo(0.05, 9);
    await page.keyboard.press('r');
    expect(await t(page)).toBe(0);
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  });

  test('the File menu turns classroom mode on and off, and the address follows', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Classroom mode' }).click();
    await expect(page.locator('html')).toHaveClass(/classroom/);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#v=2&classroom=1');
    await page.getByRole('button', { name: 'File' }).click();
    await expect(page.getByRole('menuitemcheckbox', { name: 'Classroom mode' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).not.toHaveClass(/classroom/);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#v=2');
  });

  test('embed mode shows the stage and the playback bar only @phone', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#v=1&embed=1');
    await expect(app.stage).toBeVisible();
    await expect(page.getByRole('group', { name: 'Playback' })).toBeVisible();
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('complementary', { name: 'Method and scenario' })).toBeHidden();
    await expect(page.getByRole('group', { name: 'Stage tools' })).toBeHidden();
    const open = page.getByRole('link', { name: /Open in OT Playground/ });
    await expect(open).toBeVisible();
    // The stage fills the frame.
    const box = (await app.stage.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.width).toBeGreaterThan(viewport.width * 0.9);
    expect(box.height).toBeGreaterThan(viewport.height * 0.6);
  });

  test('the Share dialog builds a classroom link that hides what was ticked', async ({ page, browser }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share' });
    await dialog.getByLabel('Classroom mode: larger type for a projector').check();
    await dialog.getByText('Hide controls').click();
    await dialog.getByLabel('Drawing tools').check();
    const link = await dialog.getByLabel('Link').inputValue();
    expect(link).toMatch(/#v=2&classroom=1&hide=tools$/);
    const context = await browser.newContext();
    const page2 = await context.newPage();
    await page2.goto(link);
    await expect(page2.locator('html')).toHaveClass(/classroom/);
    await expect(page2.getByRole('group', { name: 'Stage tools' })).toBeHidden();
    await context.close();
  });
});

test.describe('gallery', () => {
  test('a dialog named Gallery opens any scenario in one click @phone', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'Gallery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gallery' });
    const buttons = dialog.getByRole('button').filter({ hasNotText: /^$/ });
    // One button per scenario (the icon-only Close button has no text); the dialog is a lazy chunk.
    await expect(buttons.first()).toBeVisible();
    expect(await buttons.count()).toBeGreaterThanOrEqual(8);
    await dialog.getByRole('button', { name: 'Procrustes recovers a rotation' }).click();
    await expect(dialog).toBeHidden();
    const s = await page.evaluate(() => {
      const sc = window.__ot!.store.getState().scenario;
      return {
        name: sc.name,
        method: sc.method,
        n: sc.clouds[0].points.length / 2,
        m: sc.clouds[1].points.length / 2,
      };
    });
    expect(s).toEqual({ name: 'Procrustes recovers a rotation', method: 'procrustes', n: 80, m: 80 });
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('method=procrustes');
    // A method whose panel is not there yet still loads.
    await page.getByRole('button', { name: 'Gallery' }).click();
    await dialog.getByRole('button', { name: 'Reflow straightens' }).click();
    expect(await page.evaluate(() => window.__ot!.store.getState().scenario.params.reflow)).toBe(1);
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('reduced motion', () => {
  test('playback starts paused, and stepping still works', async ({ browser }) => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    // Without ?e2e: the app's own start-up decides whether to play.
    await page.goto('./#v=1');
    await expect(page.getByRole('img', { name: /^Stage/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText('t = 0.05')).toBeVisible();
    await context.close();
  });
});
