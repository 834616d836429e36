/**
 * Keyboard access: Tab reaches every control group and each focused element shows a
 * focus indicator; the focused stage draws with the keyboard (arrows, Enter, Delete, undo); the
 * plan is summarised as text (a sentence and a table of the largest flows).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AppPage, chooseMethod } from './pages/app.ts';

/** What the page reports about the focused element after a Tab. */
interface Focused {
  /** Role (explicit or tag) and accessible-ish name, for messages. */
  what: string;
  name: string;
  indicator: boolean;
  inPalette: boolean;
  inMethods: boolean;
  inPanel: boolean;
  inPlayback: boolean;
}

/** Describes document.activeElement: its name and whether it shows an outline or a box-shadow. */
function describeFocus(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
    const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    const name =
      el.getAttribute('aria-label') ??
      labelled ??
      (el.closest('label')?.textContent || el.textContent || '').trim().slice(0, 40);
    const role = el.getAttribute('role') ?? el.tagName.toLowerCase();
    return {
      what: `${role} "${name}"`,
      name: name ?? '',
      indicator: outline || shadow,
      inPalette: !!el.closest('.tool-palette'),
      inMethods: !!el.closest('.method-menu'),
      inPanel: !!el.closest('aside'),
      inPlayback: !!el.closest('[role="group"][aria-label="Playback"]'),
    };
  });
}

/** Tabs from the top of the page until focus wraps around (or `max` presses), collecting what it lands on. */
async function tabThrough(page: Page, max = 200): Promise<Focused[]> {
  // Start from the top: a click on the brand moves the sequential focus starting point there.
  await page.getByRole('heading', { level: 1 }).click();
  const seen: Focused[] = [];
  for (let k = 0; k < max; k++) {
    await page.keyboard.press('Tab');
    const f = await describeFocus(page);
    if (!f) break; // past the last element: focus left the document
    if (seen.length > 0 && f.what === seen[0].what && k > 5) break; // wrapped around
    seen.push(f);
  }
  return seen;
}

test.describe('keyboard', () => {
  test('Tab reaches the tools, methods, panel and playback, each with a visible focus ring', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Exact');
    await expect(page.getByTestId('method-summary')).toBeVisible();
    const seen = await tabThrough(page);
    const names = seen.map((f) => f.what);
    expect(
      seen.some((f) => f.inMethods),
      names.join('\n'),
    ).toBe(true);
    expect(
      seen.some((f) => f.inPalette && f.name === 'Brush tool'),
      names.join('\n'),
    ).toBe(true);
    expect(
      seen.some((f) => f.name === 'Drawing stage'),
      names.join('\n'),
    ).toBe(true);
    expect(
      seen.some((f) => f.inPlayback && f.name === 'Play'),
      names.join('\n'),
    ).toBe(true);
    expect(
      seen.some((f) => f.inPlayback && f.name === 'Time t'),
      names.join('\n'),
    ).toBe(true);
    expect(
      seen.some((f) => f.inPanel && /Plan lines/.test(f.name)),
      names.join('\n'),
    ).toBe(true);
    expect(
      seen.some((f) => f.inPanel && /Plan as a table/.test(f.name)),
      names.join('\n'),
    ).toBe(true);
    const missing = seen.filter((f) => !f.indicator).map((f) => f.what);
    expect(missing, 'focused without a visible indicator').toEqual([]);
  });

  test('the focus ring shows in the dark theme too', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const app = new AppPage(page);
    await app.open();
    const seen = await tabThrough(page, 40);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((f) => !f.indicator).map((f) => f.what)).toEqual([]);
    await context.close();
  });

  for (const name of ['Gallery', 'Share'] as const) {
    test(`the ${name} dialog's controls show a focus ring`, async ({ page }) => {
      const app = new AppPage(page);
      await app.open();
      await page.getByRole('button', { name }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name });
      await expect(dialog).toBeVisible();
      const seen: Focused[] = [];
      for (let k = 0; k < 30; k++) {
        const f = await describeFocus(page);
        if (f && seen.some((g) => g.what === f.what)) break;
        if (f) seen.push(f);
        await page.keyboard.press('Tab');
      }
      expect(seen.length).toBeGreaterThan(1);
      expect(seen.filter((f) => !f.indicator).map((f) => f.what)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });
  }

  test('the File menu items show a focus ring', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'File' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    const seen: Focused[] = [];
    for (let k = 0; k < 12; k++) {
      const f = await describeFocus(page);
      if (f && seen.some((g) => g.what === f.what)) break;
      if (f) seen.push(f);
      await page.keyboard.press('ArrowDown');
    }
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.filter((f) => !f.indicator).map((f) => f.what)).toEqual([]);
  });

  test('with the Move tool, Enter picks up a point, arrows carry it, Enter drops it; Escape puts it back', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await app.editSide('source');
    // One point of each cloud at known places, away from each other.
    await app.setClouds([0, 0], [2, 2]);
    await app.tool('Move');
    const stage = page.getByRole('group', { name: 'Drawing stage' });
    const announce = page.locator('[data-stage-announce]');
    const source = () =>
      page.evaluate(() => Array.from(window.__ot!.store.getState().scenario.clouds[0].points));
    await stage.focus();
    await page.keyboard.press('Enter'); // the cursor starts at the centre of the view, near (0, 0)
    await expect(announce).toHaveText(/^Picked up Source point at \(0\.00, 0\.00\)/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(announce).toHaveText(/^Dropped Source point at /);
    const [x, y] = await source();
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    await page.keyboard.press('Control+z'); // the whole carry is one undo step
    expect(await source()).toEqual([0, 0]);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Escape');
    await expect(announce).toHaveText('Move cancelled: the Source point is back');
    expect(await source()).toEqual([0, 0]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('with the Select tool, Enter selects points one by one and Delete removes the selection', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await app.editSide('source');
    await app.setClouds([0, 0, 1, 0, 0, 1], [2, 2]);
    await app.tool('Select');
    const announce = page.locator('[data-stage-announce]');
    await page.getByRole('group', { name: 'Drawing stage' }).focus();
    await page.keyboard.press('Enter'); // the cursor starts at the centre, near (0, 0)
    await expect(announce).toHaveText('Selected Source point at (0.00, 0.00); 1 selected');
    // Walk right to (1, 0): steps are round numbers, so press until the announcement says so.
    for (let k = 0; k < 40; k++) {
      await page.keyboard.press('ArrowRight');
      if ((await announce.textContent()) === 'Cursor at (1.00, 0.00)') break;
    }
    await page.keyboard.press('Enter');
    await expect(announce).toHaveText('Selected Source point at (1.00, 0.00); 2 selected');
    await page.keyboard.press('Delete');
    expect(await app.count('source')).toBe(1);
    await page.keyboard.press('Control+z');
    expect(await app.count('source')).toBe(3);
  });

  test('the method menu works from the keyboard: open on the open method, arrows, Enter, Escape', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Exact');
    const button = page.getByRole('button', { name: 'Method: Exact' });
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Method' });
    await expect(menu.getByRole('menuitemradio', { name: 'Exact', exact: true })).toBeFocused();
    await expect(menu.getByRole('menuitemradio', { name: 'Exact', exact: true })).toBeChecked();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitemradio', { name: 'Sinkhorn', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Method: Sinkhorn' })).toBeFocused();
    await expect(menu).toHaveCount(0);
    await page.keyboard.press('ArrowDown');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Method: Sinkhorn' })).toBeFocused();
  });

  test('on the focused stage, arrows and Enter add a point, Delete removes it, Ctrl+Z undoes', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await app.editSide('source');
    await app.tool('Add point');
    const before = await app.count('source');
    const stage = page.getByRole('group', { name: 'Drawing stage' });
    await stage.focus();
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Enter');
    expect(await app.count('source')).toBe(before + 1);
    const announce = page.locator('[data-stage-announce]');
    await expect(announce).toHaveText(/^Added Source point at \(/);
    // The announced position is where the point went.
    const text = (await announce.textContent())!.replace(/−/g, '-');
    const [, ax, ay] = text.match(/\((-?[\d.]+), (-?[\d.]+)\)/)!.map(Number);
    const last = await page.evaluate(() => {
      const p = window.__ot!.store.getState().scenario.clouds[0].points;
      return [p[p.length - 2], p[p.length - 1]];
    });
    expect(last[0]).toBeCloseTo(ax, 6);
    expect(last[1]).toBeCloseTo(ay, 6);
    expect(ay).toBeGreaterThan(0); // Shift+Up: five steps up from the centre

    // Space adds too, and does not start playback while the stage has focus.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');
    expect(await app.count('source')).toBe(before + 2);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

    await page.keyboard.press('Control+z');
    expect(await app.count('source')).toBe(before + 1);
    await page.keyboard.press('Control+z');
    expect(await app.count('source')).toBe(before);

    // Delete removes the nearest point of the active cloud, one undo step.
    await page.keyboard.press('Enter');
    expect(await app.count('source')).toBe(before + 1);
    await page.keyboard.press('Delete');
    await expect(announce).toHaveText(/^Removed Source point at /);
    expect(await app.count('source')).toBe(before);
    await page.keyboard.press('Control+z');
    expect(await app.count('source')).toBe(before + 1);
    expect(app.consoleErrors).toEqual([]);
  });

  test('with the brush, Enter sprays a puff as one undo step; with the pan tool arrows pan', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    await app.editSide('target');
    await app.tool('Brush');
    const before = await app.count('target');
    await page.getByRole('group', { name: 'Drawing stage' }).focus();
    await page.keyboard.press('Enter');
    const after = await app.count('target');
    expect(after).toBeGreaterThan(before + 1);
    await expect(page.locator('[data-stage-announce]')).toHaveText(
      new RegExp(`^Sprayed ${after - before} Target points around`),
    );
    await page.keyboard.press('Control+z');
    expect(await app.count('target')).toBe(before);

    await app.tool('Pan');
    await page.getByRole('group', { name: 'Drawing stage' }).focus();
    await page.keyboard.press('Enter');
    expect(await app.count('target')).toBe(before);
  });
});

test.describe('results as text', () => {
  test('Exact shows a summary sentence and the 10 largest flows in decreasing mass', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    // Unequal weights (source ∝ i + 1, target ∝ (j + 1)²) so the plan's masses differ.
    await page.evaluate(() => {
      const st = window.__ot!.store.getState();
      const [source, target] = st.scenario.clouds;
      const a = Float64Array.from({ length: source.points.length / 2 }, (_, i) => i + 1);
      const b = Float64Array.from({ length: target.points.length / 2 }, (_, j) => (j + 1) ** 2);
      st.commit({
        ...st.scenario,
        clouds: [
          { ...source, weights: a },
          { ...target, weights: b },
        ],
      });
    });
    await chooseMethod(page, 'Exact');
    const n = await app.count('source');
    const m = await app.count('target');
    const sentence = page.getByTestId('method-summary');
    await expect(sentence).toContainText(`${n} source points send mass to`);
    await expect(sentence).toContainText(`${m} target points`);
    await expect(sentence).toContainText('the 10 largest flows carry');
    // The stage's description is this sentence.
    const described = await page
      .getByRole('group', { name: 'Drawing stage' })
      .evaluate((el) => el.getAttribute('aria-describedby'));
    expect(described?.split(' ')).toContain('method-summary');

    await page.getByText('Plan as a table').click();
    const table = page.getByRole('table', { name: /largest flows/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Mass' })).toBeVisible();
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(10);
    const masses = await rows.evaluateAll((trs) =>
      trs.map((tr) => Number(tr.querySelector('[data-mass]')!.getAttribute('data-mass'))),
    );
    // Largest first; masses equal up to rounding (1e-9 relative) are ordered by cost instead.
    for (let k = 1; k < masses.length; k++) expect(masses[k]).toBeLessThanOrEqual(masses[k - 1] * (1 + 1e-9));
    expect(masses[0]).toBeGreaterThan(masses[9] * 1.01); // the weights make them differ
    await expect(rows.first().getByRole('rowheader')).toHaveText(/^#\d+\s*\(/);
    // The open table passes axe too.
    const { violations } = await new AxeBuilder({ page }).include('.summary').analyze();
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('Brenier and Procrustes give a summary sentence, Brenier a table of sample points', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    const sentence = page.getByTestId('method-summary');
    await chooseMethod(page, 'Brenier');
    await expect(sentence).toHaveText(/^The entropic map moves the \d+ source points by [\d.]+ on average/);
    await page.getByText('Map as a table').click();
    const samples = page.getByRole('table', { name: /Where the entropic map/ }).locator('tbody tr');
    await expect(samples).toHaveCount(6);
    await chooseMethod(page, 'Procrustes');
    await expect(sentence).toHaveText(/^The source is (rotated by|mirrored across) .+ \(RMSD\)\.$/);
  });

  test('Flow says where its particles end', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Flow');
    const sentence = page.getByTestId('method-summary');
    // The first visit trains; stop it early (the network so far is kept and evaluated).
    const panel = page.getByRole('region', { name: 'Flow matching' });
    await expect(panel.getByTestId('flow-status')).toContainText(/step \d+ of/, { timeout: 20_000 });
    await panel.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(sentence).toHaveText(
      /^Model 1-RF: after \d+ Euler steps? the particles end at W₂² [\d.e−-]+ from the target/,
      { timeout: 60_000 },
    );
  });
});
