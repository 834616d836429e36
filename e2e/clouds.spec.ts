/**
 * The clouds editor: a scenario holds one to eight named clouds; each can be added, renamed,
 * reordered and removed, every step undoable, and the toolbar's chips follow.
 */
import { expect, test } from '@playwright/test';
import { decodeLink } from '../src/scenario/link.ts';
import { AppPage } from './pages/app.ts';

test.describe('clouds', () => {
  test('add, rename, reorder and remove clouds; undo restores each step; a link keeps them', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.open();
    const chips = page.getByRole('radiogroup', { name: 'Active cloud' }).getByRole('radio');
    await expect(chips).toHaveCount(2);

    await page.getByRole('button', { name: 'Add a cloud' }).click();
    await expect(chips).toHaveCount(3);
    // The new cloud is the active one, so the tools draw into it.
    await expect(page.getByTestId('cloud-count-2')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('cloud-count-2')).toContainText('Cloud 3 · 0 points');
    await app.mouseStroke([0.2, 0.2], [0.3, 0.3]);
    await expect.poll(() => app.count(2)).toBeGreaterThan(0);

    const name = page.getByRole('textbox', { name: 'Name of cloud 3' });
    await name.fill('Circle');
    await name.press('Enter');
    await expect(page.getByTestId('cloud-count-2')).toContainText('Circle');
    // A name another cloud has is refused with a message; the old name stays.
    await name.fill('Source');
    await name.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Another cloud is already named “Source”.');
    await expect(page.getByTestId('cloud-count-2')).toContainText('Circle');

    await page.getByRole('button', { name: 'Move Circle up' }).click();
    await expect(page.getByTestId('cloud-count-1')).toContainText('Circle');
    await page.getByRole('button', { name: 'Remove Circle' }).click();
    await expect(chips).toHaveCount(2);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(chips).toHaveCount(3);
    await expect(page.getByTestId('cloud-count-1')).toContainText('Circle');

    // The link carries the three named clouds: a fresh page opens them as they are. The address
    // is rewritten 250 ms after the last edit, so wait until it holds the undone scenario.
    const linkedNames = async () => {
      const link = decodeLink(await page.evaluate(() => location.hash));
      return link.scenario?.ok ? link.scenario.scenario.clouds.map((c) => c.name) : null;
    };
    await expect.poll(linkedNames).toEqual(['Source', 'Circle', 'Target']);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#v=2&/);
    const fresh = await page.context().newPage();
    const other = new AppPage(fresh);
    await other.open(hash);
    const names = await fresh.evaluate(() =>
      window.__ot!.store.getState().scenario.clouds.map((c) => c.name),
    );
    expect(names).toEqual(['Source', 'Circle', 'Target']);
    expect(await other.count(1)).toBe(await app.count(1));
    expect(app.consoleErrors).toEqual([]);
  });
});
