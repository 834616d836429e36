/**
 * `npm run bench:ui`: how the production build feels, measured in headless Chromium at 1280×800
 * (prints figures; never fails on them). Builds nothing: run `npm run build` first.
 * - main-thread long tasks (> 50 ms) while Sinkhorn solves 2000 + 2000 points and while a flow trains;
 * - frames per second while the displacement interpolation plays with 2000 + 2000 points and plan lines;
 * - JavaScript transferred before the first render (gzip) and the time to the first stage render.
 *   The solver worker's chunk is reported apart: the page starts the worker early, so whether its
 *   download lands before or after the first render is a race, and the render never waits for it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { chooseMethod } from '../e2e/pages/app.ts';

const PORT = Number(process.env.BENCH_UI_PORT ?? 4199);
const APP_URL = `http://127.0.0.1:${PORT}/`;
// Its own process group, so that stopping it stops vite too (npx leaves its child running).
const server = spawn(
  'npx',
  ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
  { stdio: 'ignore', detached: true },
);
const stopServer = () => {
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
};
await new Promise((r) => setTimeout(r, 2500));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
});

/** Starts collecting long tasks in the page. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}
const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __long: number[] }).__long);

/** Loads a dataset of `count` points into a cloud through the UI (its chip, then "Load into"). */
async function load(page: Page, label: string, count: number, side: 'source' | 'target') {
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label });
  await page.getByLabel('Points', { exact: true }).fill(String(count));
  const chip = page.getByTestId(`cloud-count-${side === 'source' ? 0 : 1}`);
  await chip.click();
  const name = (await chip.locator('.cloud-chip-name').textContent()) ?? '';
  await page.getByRole('button', { name: `Load into ${name}` }).click();
}

try {
  // 1. First render and initial JavaScript.
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js') && r.request().resourceType() === 'script')
      scripts.push(new URL(r.url()).pathname);
  });
  const t0 = Date.now();
  await page.goto(APP_URL);
  await page.getByRole('img', { name: /^Stage/ }).waitFor();
  await page.waitForFunction(() => document.querySelector('canvas[aria-label^="Stage"]') !== null);
  const firstRender = Date.now() - t0;
  // What the first render needed; chunks preloaded afterwards, when the browser is idle, don't count.
  const initialScripts = [...scripts];
  const dist = join(process.cwd(), 'dist', 'assets');
  const isWorker = (f: string) => f.startsWith('solver.worker-');
  let gz = 0;
  let workerGz = 0;
  for (const f of readdirSync(dist)) {
    if (!f.endsWith('.js')) continue;
    const size = () => gzipSync(readFileSync(join(dist, f))).length;
    if (isWorker(f)) workerGz = size();
    else if (initialScripts.some((s) => s.endsWith(f))) gz += size();
  }
  console.log(`scripts before the first render: ${initialScripts.map((s) => s.split('/').pop()).join(', ')}`);
  console.log(`initial JavaScript (gzip), page          ${(gz / 1024).toFixed(1)} KB   target <= 200 KB`);
  console.log(`solver worker chunk (gzip), loads aside  ${(workerGz / 1024).toFixed(1)} KB`);
  console.log(`time to first stage render               ${firstRender} ms    target < 1000 ms`);

  // 2. Long tasks while Sinkhorn solves 2000 + 2000.
  await chooseMethod(page, 'Sinkhorn');
  await load(page, 'Gaussian', 2000, 'source');
  await load(page, '8 Gaussians', 2000, 'target');
  await page.waitForTimeout(500);
  await watchLongTasks(page);
  await page.getByRole('button', { name: 'Solve' }).click({ timeout: 60_000 });
  await page
    .getByRole('status')
    .filter({ hasText: /Converged|Not converged/ })
    .waitFor({ timeout: 120_000 });
  const sk = await longTasks(page);
  console.log(
    `long tasks during Sinkhorn 2000+2000     ${sk.filter((d) => d > 50).length} over 50 ms (longest ${Math.max(0, ...sk).toFixed(0)} ms)   target 0`,
  );

  // 3. FPS while the interpolation plays with plan lines (exact plan, 2000 + 2000).
  await chooseMethod(page, 'Exact');
  await page.getByTestId('plan-cost').waitFor({ timeout: 120_000 });
  // Playback starts on its own in the production build (no test hook to pause it).
  const play = page.getByRole('button', { name: 'Play' });
  if (await play.isVisible()) await play.click();
  // A string, not a function: tsx would wrap named closures in a helper the page does not have.
  const fps = (await page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const tick = () => {
      frames++;
      if (performance.now() - start < 3000) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (performance.now() - start));
    };
    requestAnimationFrame(tick);
  })`)) as number;
  await page.getByRole('button', { name: 'Pause' }).click();
  console.log(`frames per second, interpolation + plan  ${fps.toFixed(1)}   target >= 55 (headless, no GPU)`);

  // 4. Long tasks while a flow trains.
  const flowPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await flowPage.goto(APP_URL);
  await watchLongTasks(flowPage);
  await chooseMethod(flowPage, 'Flow');
  await flowPage.waitForTimeout(8000);
  const fl = await longTasks(flowPage);
  console.log(
    `long tasks during 8 s of flow training   ${fl.filter((d) => d > 50).length} over 50 ms (longest ${Math.max(0, ...fl).toFixed(0)} ms)   target 0`,
  );
} finally {
  await browser.close();
  stopServer();
}
