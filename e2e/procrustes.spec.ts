import { expect, test, type Page } from '@playwright/test';
import { AppPage, loadInto } from './pages/app.ts';
import { runCli, saveOpenScenario } from './pages/cli.ts';
import { numbersIn, ProcrustesPanel } from './pages/procrustesPanel.ts';

/** Opens the app with the Procrustes panel showing. */
async function openProcrustes(page: Page): Promise<{ app: AppPage; panel: ProcrustesPanel }> {
  const app = new AppPage(page);
  await app.open();
  const panel = new ProcrustesPanel(page);
  await panel.open();
  return { app, panel };
}

test.describe('procrustes', () => {
  test('recovers the angle of a turned copy, by index and without correspondences @phone', async ({
    page,
  }) => {
    const { app, panel } = await openProcrustes(page);
    await panel.loadSource('Letter F');
    await panel.copyAndTransform({ Angle: 40, 'Shift x': 1.5, 'Shift y': 0.5, Noise: 0.01 });
    await panel.expectAngle(40, 0.5);
    const [tx, ty] = numbersIn((await panel.readout('translation').textContent()) ?? '');
    expect(Math.abs(tx - 1.5)).toBeLessThan(0.05);
    expect(Math.abs(ty - 0.5)).toBeLessThan(0.05);
    await expect(panel.readout('reflected')).toHaveText('no');

    await panel.mode('None (Wasserstein-Procrustes)');
    const table = panel.region.getByRole('table');
    await expect(table).toBeVisible({ timeout: 20_000 });
    await panel.expectAngle(40, 0.5);
    // Eight restarts, the winner marked, and its objective the smallest.
    await expect(table.getByRole('row')).toHaveCount(9);
    const best = table.locator('tr[aria-current="true"]');
    await expect(best).toHaveCount(1);
    const objectives = (await table.locator('tbody tr td:nth-child(3)').allTextContents()).map(
      (t) => numbersIn(t)[0],
    );
    expect(numbersIn((await best.locator('td').nth(2).textContent()) ?? '')[0]).toBe(Math.min(...objectives));
    expect(app.consoleErrors).toEqual([]);
  });

  test('copy and transform is one undoable edit, and index mode explains different sizes', async ({
    page,
  }) => {
    const { app, panel } = await openProcrustes(page);
    const before = await app.count('target');
    await page.getByLabel('Points', { exact: true }).fill('150');
    await loadInto(page, 'target');
    await expect(
      panel.region.getByText(/both clouds need the same number of points \(now \d+ and 150\)/),
    ).toBeVisible();
    await expect(panel.readout('angle')).toHaveCount(0);
    await panel.copyAndTransform({ Angle: -25 });
    expect(await app.count('target')).toBe(await app.count('source'));
    await panel.expectAngle(-25, 0.5);
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await app.count('target')).toBe(150);
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await app.count('target')).toBe(before);
  });

  test('pressing Play moves the source along the motion', async ({ page }) => {
    const { app, panel } = await openProcrustes(page);
    await panel.copyAndTransform({ Angle: 60 });
    await panel.expectAngle(60, 1);
    const slider = page.getByRole('slider', { name: 'Time t' });
    await slider.fill('0');
    const t0 = await page.evaluate(() => window.__ot!.store.getState().t as number);
    expect(t0).toBe(0);
    const pixels = () =>
      app.stage.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let h = 0;
        for (let k = 0; k < d.length; k += 97) h = (h * 31 + d[k]) | 0;
        return h;
      });
    const still = await pixels();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => page.evaluate(() => window.__ot!.store.getState().t as number))
      .toBeGreaterThan(0.1);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(Number(await slider.inputValue())).toBeGreaterThan(0.1);
    // The stage drew the moving copy somewhere else.
    expect(await pixels()).not.toBe(still);
  });

  test('drawn pairs from the keyboard: Enter on the focused stage picks and pairs points', async ({
    page,
  }) => {
    const { app, panel } = await openProcrustes(page);
    await app.setClouds([0, 0, 1, 0], [0.5, 0.5, 1.5, 0.5]);
    await panel.mode('Drawn pairs');
    await panel.region.getByRole('button', { name: 'Pair tool' }).click();
    const announce = page.locator('[data-stage-announce]');
    await page.getByRole('group', { name: 'Drawing stage' }).focus();
    await app.keyboardCursorTo(0, 0);
    await page.keyboard.press('Enter');
    await expect(announce).toHaveText('Picked source point #0 at (0.00, 0.00); now pick a target point');
    await app.keyboardCursorTo(0.5, 0.5);
    await page.keyboard.press('Enter');
    await expect(announce).toHaveText('Paired with target point #0 at (0.50, 0.50); 1 pair');
    await expect(panel.region.getByText(/^1 pairs?\./)).toBeVisible();
    // Pairing edits no cloud.
    expect(await app.storeCounts()).toEqual({ source: 2, target: 2 });
  });

  test('drawn pairs: the pair tool makes pairs by clicking points; auto-pair and clear', async ({ page }) => {
    const { app, panel } = await openProcrustes(page);
    await panel.loadSource('Letter F');
    await panel.copyAndTransform({ Angle: 40, Noise: 0 });
    await panel.mode('Drawn pairs');
    await expect(panel.region.getByText(/No pairs yet/)).toBeVisible();
    await expect(panel.readout('angle')).toHaveCount(0);

    // The plane → screen map, measured with two points added by the Add point tool (then undone).
    const box = (await app.stage.boundingBox())!;
    await app.tool('Add point');
    const added: [number, number, number, number][] = [];
    for (const [fx, fy] of [
      [0.2, 0.2],
      [0.8, 0.7],
    ]) {
      await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
      const p = await page.evaluate(() => {
        const s = window.__ot!.store.getState();
        const pts = s.scenario.clouds[s.activeCloud as number].points;
        return [pts[pts.length - 2], pts[pts.length - 1]];
      });
      added.push([box.x + fx * box.width, box.y + fy * box.height, p[0], p[1]]);
    }
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    const [[px0, py0, x0, y0], [px1, py1, x1, y1]] = added;
    const toScreen = (x: number, y: number) => ({
      x: px0 + ((x - x0) * (px1 - px0)) / (x1 - x0),
      y: py0 + ((y - y0) * (py1 - py0)) / (y1 - y0),
    });

    await panel.region.getByRole('button', { name: 'Pair tool' }).click();
    await expect(panel.region.getByRole('button', { name: 'Pair tool' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const counts = await app.storeCounts();
    const pts = await page.evaluate(() => {
      const s = window.__ot!.store.getState().scenario;
      return { x: Array.from(s.clouds[0].points), y: Array.from(s.clouds[1].points) };
    });
    for (const k of [0, 60, 120]) {
      const a = toScreen(pts.x[2 * k], pts.x[2 * k + 1]);
      await page.mouse.click(a.x, a.y);
      await expect(panel.region.getByText('Now click a target point.')).toBeVisible();
      const b = toScreen(pts.y[2 * k], pts.y[2 * k + 1]);
      await page.mouse.click(b.x, b.y);
    }
    await expect(panel.region.getByText(/^3 pairs\./)).toBeVisible();
    // The clicks paired points, they did not add any.
    expect(await app.storeCounts()).toEqual(counts);
    // Three exact pairs of a noise-free copy give the motion exactly.
    await panel.expectAngle(40, 0.05);
    expect(numbersIn((await panel.readout('rmsd').textContent()) ?? '')[0]).toBeLessThan(1e-6);

    await panel.region.getByRole('button', { name: 'Clear pairs' }).click();
    await expect(panel.region.getByText(/No pairs yet/)).toBeVisible();
    await panel.region.getByRole('button', { name: 'Auto-pair by index' }).click();
    await expect(panel.region.getByText(/^\d+ pairs\./)).toContainText(`${counts.source} pairs`);
    await panel.expectAngle(40, 0.05);
    // Choosing another tool ends pairing.
    await app.tool('Brush');
    await expect(panel.region.getByRole('button', { name: 'Pair tool' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  test('the command line finds the same angle for the scenario the app shows', async ({ page }) => {
    const { panel } = await openProcrustes(page);
    await panel.loadSource('Letter F');
    await panel.copyAndTransform({ Angle: 75, Noise: 0.02 });
    await panel.expectAngle(75, 0.5);
    const shown = await panel.angle();
    const file = await saveOpenScenario(page, 'procrustes.json');
    const solve = (correspondence: string) => {
      const out = runCli(['solve', file, '--param', `correspondence=${correspondence}`]);
      expect(out.status, `exit status; stderr: ${out.stderr}`).toBe(0);
      return JSON.parse(out.stdout);
    };
    const byIndex = solve('index');
    expect(byIndex.method).toBe('procrustes');
    // The readout shows one decimal: the CLI's angle rounds to it.
    expect(Math.abs(byIndex.angleDegrees - shown)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(byIndex.rotation[0][0]).toBeCloseTo(Math.cos((byIndex.angleDegrees * Math.PI) / 180), 12);
    // Without the pairing the answer moves a little with the noise, but not far.
    const searched = solve('none');
    expect(searched.restarts).toHaveLength(8);
    expect(Math.abs(searched.angleDegrees - 75)).toBeLessThanOrEqual(0.5);
  });
});
