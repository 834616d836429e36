/**
 * Files and saved scenarios: the scenario file and CSV clouds re-import, PNG/SVG/plan/WebM exports
 * produce real files, the Python script and notebook download, and saved scenarios survive a reload and open from the list.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { AppPage, chooseMethod, loadInto } from './pages/app.ts';

/** Clicks a File menu entry and returns the download it starts. */
async function downloadFromMenu(page: Page, item: string, timeout = 15_000) {
  await page.getByRole('button', { name: 'File' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  return download;
}

/** Clicks a File menu entry that opens a file chooser and picks `path`. */
async function chooseFromMenu(page: Page, item: string, path: string) {
  await page.getByRole('button', { name: 'File' }).click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  await chooser.setFiles(path);
}

/**
 * Waits for the exact plan itself: right after switching to Exact the plan lane can still report
 * the example's Sinkhorn run as done while the exact solve has not delivered its result yet.
 */
async function waitForExactPlan(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const state = window.__ot!.store.getState();
        const result = window.__ot!.getResult('plan')?.value as { algorithm?: string } | undefined;
        return state.runs.plan?.status === 'done' && result?.algorithm !== undefined;
      }),
    )
    .toBe(true);
}

const scenarioName = (page: Page) => page.evaluate(() => window.__ot!.store.getState().scenario.name);

test.describe('files and exports', () => {
  test('the scenario file downloads and opens again', async ({ page }, info) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Exact');
    const download = await downloadFromMenu(page, 'Save scenario file');
    expect(download.suggestedFilename()).toBe('gaussian-to-eight-gaussians.ot.json');
    const path = info.outputPath('scenario.ot.json');
    await download.saveAs(path);
    const json = JSON.parse(await readFile(path, 'utf8'));
    expect(json).toMatchObject({ format: 'ot-playground.scenario', version: 2, method: 'exact' });
    expect(json.clouds.map((c: { name: string }) => c.name)).toEqual(['Source', 'Target']);
    expect(json.clouds[0].points).toHaveLength(200);

    // Change everything, then open the file: the saved scenario comes back.
    await page.getByLabel('Points', { exact: true }).fill('50');
    await loadInto(page, 'source');
    await chooseMethod(page, 'Sinkhorn');
    await chooseFromMenu(page, 'Open scenario file…', path);
    await expect(
      page.getByRole('status').filter({ hasText: 'Opened “Gaussian to eight Gaussians”' }),
    ).toBeVisible();
    expect(await app.storeCounts()).toEqual({ source: 200, target: 200 });
    expect(await page.evaluate(() => window.__ot!.store.getState().scenario.method)).toBe('exact');
  });

  test('a broken scenario file is a message and changes nothing', async ({ page }, info) => {
    const app = new AppPage(page);
    await app.open();
    const path = info.outputPath('broken.ot.json');
    await writeFile(path, '{"format":"ot-playground.scenario","version":1,"source":{"points":[[0,"x"]]}}');
    await chooseFromMenu(page, 'Open scenario file…', path);
    await expect(page.getByRole('alert')).toContainText('Could not open the file: broken.ot.json:');
    expect(await app.storeCounts()).toEqual({ source: 200, target: 200 });
  });

  test('CSV import replaces one cloud; a bad row is named by its line', async ({ page }, info) => {
    const app = new AppPage(page);
    await app.open();
    const good = info.outputPath('cloud.csv');
    await writeFile(good, 'x,y,weight\n0,0,1\n1,0,1\n0,1,2\n1,1,1\n0.5,0.5,3\n');
    await app.editSide('target');
    await chooseFromMenu(page, 'Import CSV into Target…', good);
    await expect.poll(() => app.storeCounts()).toEqual({ source: 200, target: 5 });
    const weights = await page.evaluate(() =>
      Array.from(window.__ot!.store.getState().scenario.clouds[1].weights!),
    );
    expect(weights).toEqual([1, 1, 2, 1, 3]);

    const bad = info.outputPath('bad.csv');
    await writeFile(bad, 'x,y\n1,2\n3,4\n5,five\n');
    await app.editSide('source');
    await chooseFromMenu(page, 'Import CSV into Source…', bad);
    await expect(page.getByRole('alert')).toContainText('bad.csv: line 4: y is not a number ("five")');
    expect(await app.storeCounts()).toEqual({ source: 200, target: 5 });

    // A cloud exported as CSV imports back unchanged.
    await app.editSide('target');
    const exported = await downloadFromMenu(page, 'Export Target as CSV');
    const path = info.outputPath('target.csv');
    await exported.saveAs(path);
    await app.editSide('source');
    await chooseFromMenu(page, 'Import CSV into Source…', path);
    await expect.poll(() => app.storeCounts()).toEqual({ source: 5, target: 5 });
  });

  test('the stage exports as PNG and SVG', async ({ page }, info) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Exact');
    await waitForExactPlan(page);

    const png = await downloadFromMenu(page, 'Export image (PNG)');
    expect(png.suggestedFilename()).toBe('gaussian-to-eight-gaussians.png');
    const pngPath = info.outputPath('stage.png');
    await png.saveAs(pngPath);
    const bytes = await readFile(pngPath);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The PNG decodes in the browser to the canvas's size.
    const size = await page.evaluate(async (b64) => {
      // Decoded here rather than fetched: the page's CSP allows no fetch of data: addresses.
      const raw = atob(b64);
      const blob = new Blob([Uint8Array.from(raw, (ch) => ch.charCodeAt(0))], { type: 'image/png' });
      const img = await createImageBitmap(blob);
      const c = document.querySelector<HTMLCanvasElement>('canvas[aria-label^="Stage"]')!;
      return { img: [img.width, img.height], canvas: [c.width, c.height] };
    }, bytes.toString('base64'));
    expect(size.img).toEqual(size.canvas);

    const svg = await downloadFromMenu(page, 'Export image (SVG)');
    expect(svg.suggestedFilename()).toBe('gaussian-to-eight-gaussians.svg');
    const svgPath = info.outputPath('stage.svg');
    await svg.saveAs(svgPath);
    const text = await readFile(svgPath, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const group = (cls: string) =>
      text.match(new RegExp(`<g class="${cls}"[^>]*>([\\s\\S]*?)</g>`))?.[1] ?? '';
    expect(group('cloud cloud-0').match(/<circle /g)).toHaveLength(200);
    expect(group('cloud cloud-1').match(/<circle /g)).toHaveLength(200);
    expect(group('plan')).toContain('<path');
    // The SVG parses as a document.
    const ok = await page.evaluate(
      (t) => new DOMParser().parseFromString(t, 'image/svg+xml').querySelector('parsererror') === null,
      text,
    );
    expect(ok).toBe(true);
  });

  test('the plan exports as CSV and JSON with every entry of the solved plan', async ({ page }, info) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Exact');
    await waitForExactPlan(page);
    const entries = await page.evaluate(
      () => (window.__ot!.getResult('plan')!.value as { plan: { mass: Float64Array } }).plan.mass.length,
    );
    const csv = await downloadFromMenu(page, 'Export plan (CSV)');
    const csvPath = info.outputPath('plan.csv');
    await csv.saveAs(csvPath);
    const lines = (await readFile(csvPath, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('i,j,mass');
    expect(lines).toHaveLength(entries + 1);

    const json = await downloadFromMenu(page, 'Export plan (JSON)');
    const jsonPath = info.outputPath('plan.json');
    await json.saveAs(jsonPath);
    const plan = JSON.parse(await readFile(jsonPath, 'utf8'));
    expect(plan).toMatchObject({ method: 'exact', n: 200, m: 200 });
    expect(plan.plan.i).toHaveLength(entries);
    expect(plan.totalMass).toBeCloseTo(1, 9);
  });

  test('the scenario exports as a Python script and a Jupyter notebook', async ({ page }, info) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Sinkhorn');
    const script = await downloadFromMenu(page, 'Export Python script');
    expect(script.suggestedFilename()).toBe('gaussian-to-eight-gaussians.py');
    await expect(page.getByRole('status').filter({ hasText: 'it needs NumPy and POT' })).toBeVisible();
    const scriptPath = info.outputPath('scenario.py');
    await script.saveAs(scriptPath);
    const text = await readFile(scriptPath, 'utf8');
    // The open scenario, embedded: its method, its parameters, both clouds of 200 points.
    expect(text).toContain('METHOD = "sinkhorn"');
    expect(text).toContain('method="sinkhorn_log"');
    expect(text.match(/"name": "(Source|Target)"/g)).toHaveLength(2);
    expect(text.match(/^ {12}\[/gm)?.length).toBeGreaterThan(0);
    expect(text).toContain('def save_scenario(');

    const notebook = await downloadFromMenu(page, 'Export Jupyter notebook');
    expect(notebook.suggestedFilename()).toBe('gaussian-to-eight-gaussians.ipynb');
    const notebookPath = info.outputPath('scenario.ipynb');
    await notebook.saveAs(notebookPath);
    const nb = JSON.parse(await readFile(notebookPath, 'utf8'));
    expect(nb).toMatchObject({ nbformat: 4, nbformat_minor: 5 });
    expect(nb.cells[0].cell_type).toBe('markdown');
    expect(nb.cells.some((c: { source: string[] }) => c.source.join('').includes('ot.sinkhorn('))).toBe(true);
  });

  test('the running animation records as WebM', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await chooseMethod(page, 'Exact');
    const video = await downloadFromMenu(page, 'Record video (WebM)', 30_000);
    expect(video.suggestedFilename()).toBe('gaussian-to-eight-gaussians.webm');
    const path = await video.path();
    const bytes = await readFile(path!);
    // EBML magic number of a WebM/Matroska file.
    expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(bytes.length).toBeGreaterThan(1000);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  });
});

test.describe('saved scenarios', () => {
  test('save, reload, open from the list; rename, duplicate, delete', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByLabel('Points', { exact: true }).fill('120');
    await loadInto(page, 'source');
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Saved scenarios…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Saved scenarios' });
    await dialog.getByLabel('Save the open scenario as').fill('Lesson 1');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const list = dialog.getByRole('list', { name: 'Saved scenarios' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('Lesson 1');
    await expect(list.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);

    // A fresh page (no link) shows the example; the saved scenario is still in the list.
    await page.goto('./?e2e');
    await expect(app.stage).toBeVisible();
    expect(await app.storeCounts()).toEqual({ source: 200, target: 200 });
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Saved scenarios…' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);

    await dialog.getByRole('button', { name: 'Rename Lesson 1' }).click();
    await dialog.getByLabel('New name for Lesson 1').fill('Lesson one');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await expect(list).toContainText('Lesson one');
    await dialog.getByRole('button', { name: 'Duplicate Lesson one' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list).toContainText('Lesson one (copy)');
    await dialog.getByRole('button', { name: 'Delete Lesson one (copy)' }).click();
    await dialog.getByRole('button', { name: 'Really delete Lesson one (copy)?' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);

    await dialog.getByRole('button', { name: 'Open Lesson one' }).click();
    await expect(dialog).toBeHidden();
    expect(await app.storeCounts()).toEqual({ source: 120, target: 200 });
    expect(await scenarioName(page)).toBe('Lesson one');
    // Opening is an edit like any other: Undo brings the example back.
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await app.storeCounts()).toEqual({ source: 200, target: 200 });
    expect(app.consoleErrors).toEqual([]);
  });

  test('blocked storage is a clear message in the dialog', async ({ page }) => {
    await page.addInitScript(() => {
      // Simulate a browser that refuses IndexedDB (private mode in some browsers).
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
    });
    const app = new AppPage(page);
    await app.open();
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Saved scenarios…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Saved scenarios' });
    await expect(dialog.getByRole('alert')).toContainText('does not allow saved scenarios');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('Save the scenario as a file instead');
  });
});
