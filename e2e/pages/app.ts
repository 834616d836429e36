/**
 * Page object for the whole app: opens the production build with the test hook, collects console
 * errors, and offers the stage gestures (mouse and touch) and common readouts.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  readonly consoleErrors: string[] = [];
  readonly stage: Locator;

  constructor(readonly page: Page) {
    this.stage = page.getByRole('img', { name: /^Stage/ });
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
  }

  /** Opens the app (with `?e2e` so animations start paused and the test hook exists). */
  async open(hash = ''): Promise<void> {
    await this.page.goto(`./?e2e${hash}`);
    await expect(this.stage).toBeVisible();
  }

  /** Number of points shown in the toolbar count for a cloud. */
  async count(side: 'source' | 'target'): Promise<number> {
    const text = (await this.page.getByTestId(`${side}-count`).textContent()) ?? '';
    const m = text.replace(/,/g, '').match(/(\d+)\s+points?/);
    if (!m) throw new Error(`no count in "${text}"`);
    return Number(m[1]);
  }

  /**
   * Replaces both clouds (interleaved x, y coordinates, unit weights) as one edit, through the
   * store as the file and gallery loaders do.
   */
  async setClouds(source: number[], target: number[]): Promise<void> {
    await this.page.evaluate(
      ([src, tgt]) => {
        const st = window.__ot!.store.getState() as unknown as {
          scenario: Record<string, unknown>;
          commit(s: unknown): void;
        };
        const cloud = (pts: number[]) => ({ points: Float64Array.from(pts), weights: null, labels: null });
        st.commit({ ...st.scenario, source: cloud(src), target: cloud(tgt) });
      },
      [source, target],
    );
  }

  /**
   * Moves the stage's keyboard cursor to plane position (x, y) with the arrow keys (the stage must
   * have focus), reading the cursor from its announcements. (x, y) must lie on the cursor's step
   * grid (multiples of 0.5 always do at the default zoom).
   */
  async keyboardCursorTo(x: number, y: number): Promise<void> {
    const announce = this.page.locator('[data-stage-announce]');
    const read = async () => {
      const m = ((await announce.textContent()) ?? '').replace(/−/g, '-').match(/\((-?[\d.]+), (-?[\d.]+)\)/);
      if (!m) throw new Error('no cursor position announced');
      return [Number(m[1]), Number(m[2])];
    };
    await this.page.keyboard.press('ArrowRight');
    const [x0] = await read();
    await this.page.keyboard.press('ArrowRight');
    const [x1, y1] = await read();
    const step = x1 - x0;
    const go = async (key: string, n: number) => {
      for (let k = 0; k < n; k++) await this.page.keyboard.press(key);
    };
    const dx = Math.round((x - x1) / step);
    const dy = Math.round((y - y1) / step);
    await go(dx < 0 ? 'ArrowLeft' : 'ArrowRight', Math.abs(dx));
    await go(dy < 0 ? 'ArrowDown' : 'ArrowUp', Math.abs(dy));
    const [cx, cy] = await read();
    expect(cx).toBeCloseTo(x, 6);
    expect(cy).toBeCloseTo(y, 6);
  }

  /** Point counts read from the store through the test hook. */
  async storeCounts(): Promise<{ source: number; target: number }> {
    return this.page.evaluate(() => {
      const s = window.__ot!.store.getState().scenario;
      return { source: s.source.points.length / 2, target: s.target.points.length / 2 };
    });
  }

  async tool(name: 'Brush' | 'Add point' | 'Move' | 'Eraser' | 'Select' | 'Pan'): Promise<void> {
    await this.page.getByRole('button', { name: `${name} tool` }).click();
  }

  async editSide(side: 'source' | 'target'): Promise<void> {
    await this.page.getByRole('button', { name: side === 'source' ? 'Edit source' : 'Edit target' }).click();
  }

  /** A mouse stroke across the stage from one fraction of its box to another. */
  async mouseStroke(from: [number, number], to: [number, number], steps = 20, holdMs = 300): Promise<void> {
    const box = (await this.stage.boundingBox())!;
    const at = (f: [number, number]) => [box.x + f[0] * box.width, box.y + f[1] * box.height] as const;
    const [x0, y0] = at(from);
    const [x1, y1] = at(to);
    await this.page.mouse.move(x0, y0);
    await this.page.mouse.down();
    for (let k = 1; k <= steps; k++) {
      await this.page.mouse.move(x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps);
      await this.page.waitForTimeout(holdMs / steps);
    }
    await this.page.mouse.up();
  }

  /** A one-finger touch stroke through the DevTools protocol (real touch events, so pointerType 'touch'). */
  async touchStroke(from: [number, number], to: [number, number], steps = 20, holdMs = 300): Promise<void> {
    const box = (await this.stage.boundingBox())!;
    const at = (f: [number, number]) => ({ x: box.x + f[0] * box.width, y: box.y + f[1] * box.height });
    const cdp = await this.page.context().newCDPSession(this.page);
    const p0 = at(from);
    const p1 = at(to);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [p0] });
    for (let k = 1; k <= steps; k++) {
      const p = { x: p0.x + ((p1.x - p0.x) * k) / steps, y: p0.y + ((p1.y - p0.y) * k) / steps };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
      await this.page.waitForTimeout(holdMs / steps);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }
}
