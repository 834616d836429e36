/**
 * Worker faults in the middle of a real solve, for every method: the UI starts a solve
 * (or a training) large enough to be still running, the test hook makes the lane's worker fail
 * beside the job (`window.__ot.injectFault`, no superseding request), and the spec checks that the
 * user sees a message, the scenario is untouched, no run is left "running", and the next solve works.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage, chooseMethod, loadInto } from './pages/app.ts';

/** Message of a crashed worker (src/solver/client.ts). */
const CRASH_MESSAGE = /The solver stopped unexpectedly \(.*injected crash.*\)\. It has been restarted\./;
/** Message of an injected throw (workers/faults.ts). */
const THROW_MESSAGE = 'The solver failed in the middle of the solve (injected test fault).';

/** Everything of the scenario a fault must not touch, as one comparable string. */
const scenarioDigest = (page: Page) =>
  page.evaluate(() => {
    const s = window.__ot!.store.getState().scenario;
    const sum = (a: Float64Array) => a.reduce((t, v) => t + v, 0);
    return JSON.stringify({
      name: s.name,
      method: s.method,
      cost: s.cost,
      params: s.params,
      source: [s.clouds[0].points.length / 2, sum(s.clouds[0].points)],
      target: [s.clouds[1].points.length / 2, sum(s.clouds[1].points)],
    });
  });

const runOf = (page: Page, lane: string) =>
  page.evaluate((l) => window.__ot!.store.getState().runs[l] ?? null, lane);

/**
 * Sets parameters of the scenario's method through the store (as the panel's controls would), in
 * one task: the solve they trigger starts once, for all of them.
 */
const setParams = (page: Page, params: Record<string, number | string>) =>
  page.evaluate((p) => {
    const store = window.__ot!.store.getState() as unknown as {
      setParam(k: string, v: number | string): void;
    };
    for (const [k, v] of Object.entries(p)) store.setParam(k, v);
  }, params);

/**
 * Injects `kind` into `lane`'s running job (the caller saw it running in the UI) and returns that
 * run's id. `expectRunEnded(…, id, 'error')` then shows the fault hit this very run: had the
 * problem been too small, the run would have ended 'done' first and the test would prove nothing.
 */
async function injectMidRun(page: Page, lane: string, kind: 'throw' | 'crash' | 'hang'): Promise<number> {
  const before = await runOf(page, lane);
  expect(before?.status, `a ${lane} run is under way`).toBe('running');
  expect(await page.evaluate(([l, k]) => window.__ot!.injectFault(l, k), [lane, kind] as const)).toBe(
    'armed',
  );
  return before!.id;
}

/** Waits for run `id` on `lane` to end with `status` (and no other run to take the lane first). */
async function expectRunEnded(page: Page, lane: string, id: number, status: string): Promise<void> {
  await expect.poll(async () => (await runOf(page, lane))?.status).not.toBe('running');
  expect(await runOf(page, lane)).toMatchObject({ id, status });
}

/** No lane is left in 'running' once the fault has been handled. */
async function expectNothingRunning(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() =>
        Object.entries(window.__ot!.store.getState().runs)
          .filter(([, r]) => r?.status === 'running')
          .map(([lane]) => lane),
      ),
    )
    .toEqual([]);
}

/** Loads two datasets of `points` points each through the scenario panel. */
async function loadClouds(page: Page, points: number): Promise<void> {
  const dataset = page.getByLabel('Dataset', { exact: true });
  await dataset.selectOption({ label: 'Uniform square' });
  await page.getByLabel('Points', { exact: true }).fill(String(points));
  await loadInto(page, 'source');
  await dataset.selectOption({ label: 'Two moons' });
  await loadInto(page, 'target');
}

const method = chooseMethod;

/**
 * Waits until `lane`'s latest run (one started after run `afterId`) is done and its result is the
 * one shown.
 */
async function expectSettled(page: Page, lane: string, afterId = 0): Promise<void> {
  await expect
    .poll(
      async () => {
        const run = await runOf(page, lane);
        const shown = await page.evaluate((l) => window.__ot!.getResult(l)?.runId, lane);
        return !!run && run.id > afterId && run.status === 'done' && shown === run.id;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

/**
 * Sinkhorn on 1000 × 1000 points at a tiny ε and a tight tolerance: seconds of time-sliced work.
 * The lane settles first, so the long solve is its only job: a superseded job still waiting for
 * its cancel would let the client's hang timer replace the worker under the test's feet.
 */
async function startLongSinkhorn(page: Page): Promise<void> {
  await method(page, 'Sinkhorn');
  await loadClouds(page, 1000);
  await expectSettled(page, 'plan');
  await setParams(page, { tolerance: 1e-9, maxIterations: 100_000, epsilon: 0.0002 });
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(page.getByRole('status').filter({ hasText: /^Iteration \d+/ })).toBeVisible();
}

/**
 * After a fault in Sinkhorn run `id`: the run ended with `status`, the scenario is still `digest`,
 * no lane is left running, and a fresh solve (a larger ε) converges on the lane.
 */
async function expectSinkhornRecovered(
  page: Page,
  id: number,
  status: string,
  digest: string,
): Promise<void> {
  await expectRunEnded(page, 'plan', id, status);
  expect(await scenarioDigest(page)).toBe(digest);
  await expectNothingRunning(page);
  await expect(page.getByRole('button', { name: 'Solve' })).toBeEnabled();
  await setParams(page, { epsilon: 0.05 });
  await expectSettled(page, 'plan', id);
  await expect(page.getByRole('status').filter({ hasText: /^Converged in \d+ iterations/ })).toBeVisible();
}

test.describe('worker faults mid-solve', () => {
  test('exact OT: a worker that dies during the solve', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await method(page, 'Exact');
    await loadClouds(page, 2000);
    const panel = page.getByRole('region', { name: 'Exact optimal transport' });
    await expectSettled(page, 'plan');
    await expect(panel.getByText('Solved', { exact: true })).toBeVisible();
    // Exact OT is one call that never yields: the fault is armed on the idle lane and the next
    // solve consumes it when its computation ends (workers/faults.ts).
    expect(await page.evaluate(() => window.__ot!.injectFault('plan', 'crash'))).toBe('armed');
    await page.getByRole('combobox', { name: 'Ground cost' }).selectOption('euclidean');
    await expect(panel.getByRole('status')).toHaveText(/^Solving/);
    const id = (await runOf(page, 'plan'))!.id;
    const digest = await scenarioDigest(page);
    await expect(page.getByRole('alert').filter({ hasText: CRASH_MESSAGE })).toBeVisible();
    await expectRunEnded(page, 'plan', id, 'error');
    expect(await scenarioDigest(page)).toBe(digest);
    await expectNothingRunning(page);
    // The next solve runs on a fresh worker.
    await page.getByRole('combobox', { name: 'Ground cost' }).selectOption('sqeuclidean');
    await expectSettled(page, 'plan', id);
    await expect(panel.getByText('Solved', { exact: true })).toBeVisible();
    await expect(page.getByTestId('plan-cost')).toHaveText(/^\d/);
  });

  test('Sinkhorn: crash, then the next solve converges', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await startLongSinkhorn(page);
    const digest = await scenarioDigest(page);
    const id = await injectMidRun(page, 'plan', 'crash');
    await expect(page.getByRole('alert').filter({ hasText: CRASH_MESSAGE })).toBeVisible();
    await expectSinkhornRecovered(page, id, 'error', digest);
  });

  test('Sinkhorn: an error thrown mid-solve is reported; the same lane solves again', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await startLongSinkhorn(page);
    const digest = await scenarioDigest(page);
    const id = await injectMidRun(page, 'plan', 'throw');
    await expect(page.getByRole('alert').filter({ hasText: THROW_MESSAGE })).toBeVisible();
    await expectSinkhornRecovered(page, id, 'error', digest);
  });

  test('Sinkhorn: a worker hung mid-solve is replaced when the user stops it', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await startLongSinkhorn(page);
    const digest = await scenarioDigest(page);
    const id = await injectMidRun(page, 'plan', 'hang');
    // Hung: the run stays "running" and its progress freezes. A live solve reports several times a
    // second, so two readings half a second apart agree only once the worker has stopped answering.
    const live = page.getByRole('status').filter({ hasText: /^Iteration \d+/ });
    let last = await live.textContent();
    await expect
      .poll(
        async () => {
          const now = await live.textContent();
          const same = now === last;
          last = now;
          return same;
        },
        { intervals: [500] },
      )
      .toBe(true);
    expect((await runOf(page, 'plan'))?.status).toBe('running');
    // Stop: the cancel goes unanswered, so the client terminates the worker after its grace
    // period (400 ms, src/solver/client.ts).
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Stopped' })).toBeVisible();
    // A hung worker would never answer: a result proves the lane has a new one.
    await expectSinkhornRecovered(page, id, 'cancelled', digest);
  });

  test('Sinkhorn: a worker hung mid-solve with nobody watching is replaced by the watchdog', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    // A short watchdog for the test (the app waits 15 s of silence from a time-sliced job).
    await page.evaluate(() => window.__ot!.setWatchdog(200, 1500));
    await startLongSinkhorn(page);
    const digest = await scenarioDigest(page);
    const id = await injectMidRun(page, 'plan', 'hang');
    await expect(
      page.getByRole('alert').filter({ hasText: /^The solver stopped responding for 2 s/ }),
    ).toBeVisible({
      timeout: 5000,
    });
    await expectSinkhornRecovered(page, id, 'error', digest);
  });

  test('Brenier, entropic map: crash during the fit', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await method(page, 'Brenier');
    const panel = page.getByRole('region', { name: 'Brenier map' });
    await loadClouds(page, 2000);
    // Settled first, so that the fit below is the lane's only job (no superseded one pending).
    await expectSettled(page, 'brenier');
    // A small ε on 2000 × 2000 points: a time-sliced Sinkhorn fit of a second or two.
    await setParams(page, { epsilon: 0.0001 });
    await expect(panel.getByRole('status').filter({ hasText: /^Solving/ })).toBeVisible();
    const digest = await scenarioDigest(page);
    const id = await injectMidRun(page, 'brenier', 'crash');
    await expect(page.getByRole('alert').filter({ hasText: CRASH_MESSAGE })).toBeVisible();
    await expectRunEnded(page, 'brenier', id, 'error');
    expect(await scenarioDigest(page)).toBe(digest);
    await expectNothingRunning(page);
    await setParams(page, { epsilon: 0.1 });
    await expectSettled(page, 'brenier', id);
    await expect(panel.getByTestId('brenier-w2-entropic')).toHaveText(/^\d/);
  });

  test('Brenier, neural map: crash during training', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await method(page, 'Brenier');
    const panel = page.getByRole('region', { name: 'Brenier map' });
    await panel.getByRole('combobox', { name: 'Estimator' }).selectOption('icnn');
    await setParams(page, { icnnSteps: 5000 });
    await panel.getByRole('button', { name: 'Train', exact: true }).click();
    const status = panel.getByTestId('brenier-icnn-status');
    await expect(status).toContainText(/Step \d+ of 5000/, { timeout: 20_000 });
    await expect(panel.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
    const digest = await scenarioDigest(page);
    const id = await injectMidRun(page, 'brenier-icnn', 'crash');
    await expect(page.getByRole('alert').filter({ hasText: CRASH_MESSAGE })).toBeVisible();
    await expectRunEnded(page, 'brenier-icnn', id, 'error');
    expect(await scenarioDigest(page)).toBe(digest);
    await expectNothingRunning(page);
    await expect(status).toHaveText(CRASH_MESSAGE);
    await setParams(page, { icnnSteps: 50 });
    await panel.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).toHaveText('Trained: 50 steps.', { timeout: 20_000 });
    await expectSettled(page, 'brenier-icnn', id);
  });

  test('flow matching: crash during training', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await method(page, 'Flow');
    const panel = page.getByRole('region', { name: 'Flow matching' });
    const status = panel.getByTestId('flow-status');
    // Opening the panel trains once (2000 steps) by itself.
    await expect(status).toContainText(/step \d+ of 2000/, { timeout: 20_000 });
    await expect(panel.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
    const digest = await scenarioDigest(page);
    const id = await injectMidRun(page, 'flow-train', 'crash');
    await expect(page.getByRole('alert').filter({ hasText: CRASH_MESSAGE })).toBeVisible();
    await expectRunEnded(page, 'flow-train', id, 'error');
    expect(await scenarioDigest(page)).toBe(digest);
    await expectNothingRunning(page);
    // No half-trained network is listed as a model.
    await expect(panel.getByRole('table', { name: 'Trained models' })).toHaveCount(0);
    await setParams(page, { trainSteps: 100 });
    await panel.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).toContainText('trained, 100 steps', { timeout: 30_000 });
    await expectSettled(page, 'flow-train', id);
  });

  test('Procrustes: crash during the Wasserstein-Procrustes restarts', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await method(page, 'Procrustes');
    const panel = page.getByRole('region', { name: 'Procrustes alignment' });
    await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Letter F' });
    await page.getByLabel('Points', { exact: true }).fill('2000');
    await loadInto(page, 'source');
    await panel.getByRole('slider', { name: 'Angle', exact: true }).fill('40');
    await panel.getByRole('button', { name: 'Copy and transform' }).click();
    await expect(panel.getByTestId('procrustes-angle')).toHaveText('40.0°', { timeout: 20_000 });
    await panel
      .getByLabel('Correspondence', { exact: true })
      .selectOption({ label: 'None (Wasserstein-Procrustes)' });
    await expect(panel.getByRole('status').filter({ hasText: /^Solving/ })).toBeVisible();
    const digest = await scenarioDigest(page);
    const id = await injectMidRun(page, 'procrustes', 'crash');
    await expect(page.getByRole('alert').filter({ hasText: CRASH_MESSAGE })).toBeVisible();
    await expectRunEnded(page, 'procrustes', id, 'error');
    expect(await scenarioDigest(page)).toBe(digest);
    await expectNothingRunning(page);
    await panel
      .getByLabel('Correspondence', { exact: true })
      .selectOption({ label: 'By index (point k ↔ point k)' });
    await expectSettled(page, 'procrustes', id);
    await expect(panel.getByTestId('procrustes-angle')).toHaveText('40.0°');
  });

  test('a result with NaN is refused: a message, nothing drawn, the scenario intact', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await method(page, 'Exact');
    await expectSettled(page, 'plan');
    // The next exact solve answers with a NaN in its plan (workers/faults.ts, 'nan').
    expect(await page.evaluate(() => window.__ot!.injectFault('plan', 'nan'))).toBe('armed');
    await page.getByRole('combobox', { name: 'Ground cost' }).selectOption('euclidean');
    const digest = await scenarioDigest(page);
    await expect(page.getByRole('alert').filter({ hasText: /^Nothing drawn: .*= NaN/ })).toBeVisible();
    await expect.poll(async () => (await runOf(page, 'plan'))?.status).toBe('error');
    expect(await page.evaluate(() => window.__ot!.getResult('plan'))).toBeUndefined();
    expect(await scenarioDigest(page)).toBe(digest);
    // The next solve draws again.
    const id = (await runOf(page, 'plan'))!.id;
    await page.getByRole('combobox', { name: 'Ground cost' }).selectOption('sqeuclidean');
    await expectSettled(page, 'plan', id);
    await expect(page.getByTestId('plan-cost')).toHaveText(/^\d/);
  });
});
