/**
 * Sliced Wasserstein in the browser: turning θ with the keyboard (the θ slider) changes the 1-D
 * W₂² readout and the estimate settles; the sliced flow gallery entry runs and its fit improves.
 */
import { expect, test } from '@playwright/test';
import { AppPage, openGalleryEntry } from './pages/app.ts';

async function openEntry(app: AppPage, title: string) {
  const page = app.page;
  await openGalleryEntry(page, title);
  await expect(page.getByRole('button', { name: 'Method: Sliced' })).toBeVisible();
  return page.getByRole('region', { name: 'Sliced Wasserstein' });
}

test.describe('sliced', () => {
  test('turning θ by keyboard changes the 1-D W₂² readout; the estimate and max-sliced are shown', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    const panel = await openEntry(app, 'Turn the direction: one slice sees a little, many see it all');
    await expect(panel.getByTestId('sliced-status')).toHaveText('Sliced W₂² over 100 directions', {
      timeout: 30_000,
    });
    const readout = panel.getByTestId('sliced-w2-angle');
    await expect(readout).toHaveText(/^\d/);
    const before = await readout.textContent();
    const slider = panel.getByRole('slider', { name: 'Direction θ' });
    await expect(slider).toHaveAttribute('aria-valuetext', 'θ = 0°');
    await slider.focus();
    for (let k = 0; k < 30; k++) await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveAttribute('aria-valuetext', 'θ = 15°');
    await expect(readout).not.toHaveText(before!);
    await expect(readout).toHaveText(/^\d/);
    // The stage's description says the slice it shows.
    await expect(page.getByTestId('method-summary')).toContainText('Along θ = 15°');
    const sw2 = Number((await panel.getByTestId('sliced-sw2').textContent())!.split(' ')[0]);
    const max = Number((await panel.getByTestId('sliced-max').textContent())!.split(' ')[0]);
    expect(sw2).toBeGreaterThan(0);
    expect(max).toBeGreaterThanOrEqual(sw2);
    // Turning to max-sliced puts θ on the worst direction: its 1-D W₂² is the max-sliced value.
    await panel.getByRole('button', { name: 'Turn θ to max-sliced' }).click();
    await expect.poll(async () => Number(await readout.textContent())).toBeGreaterThanOrEqual(max * 0.999);
  });

  test('the sliced flow gallery entry runs and the fit improves', async ({ page }) => {
    test.setTimeout(90_000);
    const app = new AppPage(page);
    await app.open();
    const panel = await openEntry(app, 'A sliced Wasserstein flow carries a Gaussian onto two moons');
    await panel.getByRole('button', { name: 'Run flow' }).click();
    await expect(panel.getByTestId('sliced-flow-status')).toHaveText('Flow done: 300 steps', {
      timeout: 60_000,
    });
    const start = Number(await panel.getByTestId('sliced-fit-start').textContent());
    const now = Number(await panel.getByTestId('sliced-fit-now').textContent());
    expect(start).toBeGreaterThan(1);
    expect(now).toBeLessThan(0.01 * start);
    await expect(page.getByTestId('method-summary')).toContainText('The sliced flow ran 300 steps');
  });

  test('Stop ends a long flow and keeps where the particles got to', async ({ page }) => {
    test.setTimeout(90_000);
    const app = new AppPage(page);
    await app.open();
    const panel = await openEntry(app, 'A sliced Wasserstein flow carries a Gaussian onto two moons');
    // 1000 steps of 1000 directions each: seconds of work, so Stop lands mid-flow.
    const steps = panel.getByRole('slider', { name: 'Flow steps' });
    await steps.focus();
    await page.keyboard.press('End');
    await expect(steps).toHaveAttribute('aria-valuetext', '1000 steps');
    const directions = panel.getByRole('slider', { name: 'Directions L' });
    await directions.focus();
    await page.keyboard.press('End');
    await expect(directions).toHaveAttribute('aria-valuetext', 'L = 1000');
    await panel.getByRole('button', { name: 'Run flow' }).click();
    const status = panel.getByTestId('sliced-flow-status');
    await expect(status).toHaveText(/^Flowing: step \d+ of 1000$/, { timeout: 30_000 });
    await panel.getByRole('button', { name: 'Stop flow' }).click();
    await expect(status).toHaveText(/^Flow stopped at step \d+ of 1000$/, { timeout: 30_000 });
    const start = Number(await panel.getByTestId('sliced-fit-start').textContent());
    const now = Number(await panel.getByTestId('sliced-fit-now').textContent());
    expect(now).toBeLessThan(start);
    await expect(page.getByTestId('method-summary')).toContainText('The sliced flow was stopped after');
    await expect(panel.getByRole('button', { name: 'Run flow' })).toBeEnabled();
  });
});
