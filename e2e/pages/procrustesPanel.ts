/** Page object for the Procrustes panel: its controls by accessible name, and its readouts as numbers. */
import { expect, type Locator, type Page } from '@playwright/test';
import { chooseMethod, loadInto } from './app.ts';

/** Parses a readout such as "−40.0°" or "(1.5, −0.502)" into numbers (true minus signs included). */
export function numbersIn(text: string): number[] {
  return [...text.replace(/−/g, '-').matchAll(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)].map((m) => Number(m[0]));
}

export class ProcrustesPanel {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Procrustes alignment' });
  }

  /** Switches the method to Procrustes and waits for the panel. */
  async open(): Promise<void> {
    await chooseMethod(this.page, 'Procrustes');
    await expect(this.region).toBeVisible();
  }

  /** Loads one of the scenario panel's datasets as the source. */
  async loadSource(datasetLabel: string): Promise<void> {
    await this.page.getByLabel('Dataset', { exact: true }).selectOption({ label: datasetLabel });
    await loadInto(this.page, 'source');
  }

  slider(name: 'Angle' | 'Scale' | 'Shift x' | 'Shift y' | 'Noise'): Locator {
    return this.region.getByRole('slider', { name, exact: true });
  }

  /** Sets the copy-and-transform controls and presses "Copy and transform". */
  async copyAndTransform(o: Partial<Record<'Angle' | 'Scale' | 'Shift x' | 'Shift y' | 'Noise', number>>) {
    for (const [name, value] of Object.entries(o)) await this.slider(name as 'Angle').fill(String(value));
    await this.region.getByRole('button', { name: 'Copy and transform' }).click();
  }

  async mode(label: 'By index (point k ↔ point k)' | 'Drawn pairs' | 'None (Wasserstein-Procrustes)') {
    await this.region.getByLabel('Correspondence', { exact: true }).selectOption({ label });
  }

  readout(name: 'angle' | 'scale' | 'translation' | 'rmsd' | 'reflected'): Locator {
    return this.region.getByTestId(`procrustes-${name}`);
  }

  /** The angle readout in degrees, or NaN while there is none (poll it: the fit runs after each edit). */
  async angle(): Promise<number> {
    const readout = this.readout('angle');
    if ((await readout.count()) === 0) return NaN;
    return numbersIn((await readout.textContent()) ?? '')[0] ?? NaN;
  }

  /** Waits until the angle readout is within `tolerance` degrees of `degrees`. */
  async expectAngle(degrees: number, tolerance: number): Promise<void> {
    await expect
      .poll(async () => Math.abs((await this.angle()) - degrees), { timeout: 20_000 })
      .toBeLessThanOrEqual(tolerance);
  }
}
