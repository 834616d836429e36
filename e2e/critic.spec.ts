/**
 * The W1 critic in the browser: the gallery's far-apart clouds train on opening; the penalty critic
 * estimates W1 near the exact value and its gradient at the source is far larger than a sigmoid
 * discriminator's; weight clipping, trained next, underestimates.
 */
import { expect, test } from '@playwright/test';
import { AppPage, openGalleryEntry } from './pages/app.ts';

test.describe('W1 critic', () => {
  test('far-apart clouds: the penalty critic finds W1 and keeps its gradient; clipping falls short', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const app = new AppPage(page);
    await app.open();
    await openGalleryEntry(page, /^Two clouds far apart/);
    const panel = page.getByRole('region', { name: 'W1 critic' });
    const status = panel.getByTestId('critic-status');
    await expect(status).toHaveText(/^Trained/, { timeout: 60_000 });
    const num = async (id: string) => Number(await panel.getByTestId(id).textContent());
    const penalty = await num('critic-ratio');
    expect(penalty).toBeGreaterThan(0.85);
    expect(penalty).toBeLessThan(1.15);
    // The Wasserstein view keeps a slope of about 1 where the discriminator's has all but vanished.
    expect(await num('critic-contrast-critic')).toBeGreaterThan(
      10 * (await num('critic-contrast-discriminator')),
    );

    await panel.getByLabel('Lipschitz constraint', { exact: true }).selectOption('clip');
    await panel.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).toHaveText(/^Trained/, { timeout: 60_000 });
    await expect.poll(() => num('critic-ratio')).toBeLessThan(penalty);
    expect(app.consoleErrors).toEqual([]);
  });

  test('generator mode (WGAN-GP): the generator’s samples move toward the eight Gaussians', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const app = new AppPage(page);
    await app.open();
    await openGalleryEntry(page, 'Eight Gaussians');
    /** Mean distance from each generated sample to its nearest target point (null before any sample). */
    const spread = (lane: string) =>
      page.evaluate((l) => {
        const r = window.__ot!.getResult(l)?.value as { samples: Float64Array } | undefined;
        if (!r) return null;
        const y = window.__ot!.store.getState().scenario.clouds[1].points;
        let total = 0;
        for (let i = 0; i < r.samples.length; i += 2) {
          let best = Infinity;
          for (let j = 0; j < y.length; j += 2)
            best = Math.min(best, Math.hypot(r.samples[i] - y[j], r.samples[i + 1] - y[j + 1]));
          total += best;
        }
        return total / (r.samples.length / 2);
      }, lane);
    await expect.poll(() => spread('critic-wgan-live'), { timeout: 60_000 }).not.toBeNull();
    const first = (await spread('critic-wgan-live'))!;
    const panel = page.getByRole('region', { name: 'W1 critic' });
    await expect(panel.getByTestId('critic-status')).toHaveText(/^Trained/, { timeout: 120_000 });
    const last = (await spread('critic-wgan'))!;
    expect(last).toBeLessThan(0.85 * first);
    expect(app.consoleErrors).toEqual([]);
  });
});
