/**
 * Page object for the whole app: opens the test build with the test hook, collects console
 * errors, and offers the stage gestures (mouse and touch) and common readouts.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** A cloud by index, or the first two by their two-cloud roles. */
export type CloudRef = number | 'source' | 'target';
const cloudIndex = (c: CloudRef): number => (c === 'source' ? 0 : c === 'target' ? 1 : c);

/** Makes the first ('source') or second ('target') cloud active and loads the Scenario panel's dataset into it. */
export async function loadInto(page: Page, cloud: 'source' | 'target'): Promise<void> {
  const chip = page.getByTestId(`cloud-count-${cloud === 'source' ? 0 : 1}`);
  await chip.click();
  await expect(chip).toHaveAttribute('aria-checked', 'true');
  const name = (await chip.locator('.cloud-chip-name').textContent()) ?? '';
  await page.getByRole('button', { name: `Load into ${name}` }).click();
}

/** Opens the Gallery and the entry whose button is named `title` (the scenario replaces the open one). */
export async function openGalleryEntry(page: Page, title: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Gallery' }).click();
  await page.getByRole('dialog', { name: 'Gallery' }).getByRole('button', { name: title }).click();
}

/**
 * Opens the toolbar's method menu and chooses the method titled `title` (e.g. 'Sinkhorn'); returns
 * once the switcher names it. Uses no `expect`, so `npm run bench:ui` drives the app with it too.
 */
export async function chooseMethod(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: /^Method: / }).click();
  await page
    .getByRole('menu', { name: 'Method' })
    .getByRole('menuitemradio', { name: title, exact: true })
    .click();
  await page.getByRole('button', { name: `Method: ${title}` }).waitFor();
}

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

  /**
   * Opens the app (with `?e2e` so animations start paused and the test hook exists). `query` adds
   * search parameters, e.g. '&sw' to register the service worker (src/app/serviceWorker.ts).
   */
  async open(hash = '', query = ''): Promise<void> {
    await this.page.goto(`./?e2e${query}${hash}`);
    await expect(this.stage).toBeVisible();
  }

  /**
   * Waits until the page has drawn `n` more animation frames. Canvas layers draw in
   * requestAnimationFrame from the store, so after a store change two frames show it on the stage.
   */
  async frames(n = 2): Promise<void> {
    await this.page.evaluate(async (count) => {
      for (let k = 0; k < count; k++) await new Promise((r) => requestAnimationFrame(r));
    }, n);
  }

  /**
   * Waits until the open method's panel is in (its lazy chunk replaced the "Loading…" placeholder)
   * and its run, if one has started, has reported (the badge beside the panel's title no longer
   * says "Solving…" without progress; a long training need not end), then until the fonts the page
   * now uses have loaded.
   */
  async settled(): Promise<void> {
    await expect(this.page.locator('aside.side section[aria-busy="true"]')).toHaveCount(0);
    const title = this.page.locator('aside.side .panel-title').first();
    await expect(title).toBeAttached();
    await expect(title.getByText('Solving…', { exact: true })).toHaveCount(0);
    // Reading a layout property lays the page out, which starts loading any font it now uses.
    await this.page.evaluate(() => {
      void document.body.offsetHeight;
      return document.fonts.ready.then(() => undefined);
    });
  }

  /** The stage's picture (a PNG data URL of the canvas). */
  snapshot(): Promise<string> {
    return this.stage.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  }

  /** Waits until the stage's picture differs from `previous`, and returns the new one. */
  async changedSnapshot(previous: string): Promise<string> {
    let now = previous;
    await expect
      .poll(async () => {
        now = await this.snapshot();
        return now !== previous;
      })
      .toBe(true);
    return now;
  }

  /** Number of points shown in the toolbar chip of a cloud (its index, or 'source' = 0, 'target' = 1). */
  async count(cloud: CloudRef): Promise<number> {
    const text = (await this.page.getByTestId(`cloud-count-${cloudIndex(cloud)}`).textContent()) ?? '';
    const m = text.replace(/,/g, '').match(/(\d+)\s+points?/);
    if (!m) throw new Error(`no count in "${text}"`);
    return Number(m[1]);
  }

  /**
   * Replaces the clouds (interleaved x, y coordinates, unit weights; named Source, Target, Cloud 3,
   * …) as one edit, through the store as the file and gallery loaders do.
   */
  async setClouds(...clouds: number[][]): Promise<void> {
    await this.page.evaluate((list) => {
      const st = window.__ot!.store.getState();
      const names = (k: number) => (k === 0 ? 'Source' : k === 1 ? 'Target' : `Cloud ${k + 1}`);
      st.commit({
        ...st.scenario,
        clouds: list.map((pts, k) => ({
          name: names(k),
          points: Float64Array.from(pts),
          weights: null,
          labels: null,
        })),
      });
    }, clouds);
  }

  /** Opens the method menu and chooses the method titled `title`. */
  async method(title: string): Promise<void> {
    await chooseMethod(this.page, title);
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

  /** Point counts of the first two clouds, read from the store through the test hook. */
  async storeCounts(): Promise<{ source: number; target: number }> {
    return this.page.evaluate(() => {
      const c = window.__ot!.store.getState().scenario.clouds;
      return { source: (c[0]?.points.length ?? 0) / 2, target: (c[1]?.points.length ?? 0) / 2 };
    });
  }

  async tool(name: 'Brush' | 'Add point' | 'Move' | 'Eraser' | 'Select' | 'Pan'): Promise<void> {
    await this.page.getByRole('button', { name: `${name} tool` }).click();
  }

  /** Makes a cloud (its index, or 'source' = 0, 'target' = 1) the one the tools edit. */
  async editSide(cloud: CloudRef): Promise<void> {
    await this.page.getByTestId(`cloud-count-${cloudIndex(cloud)}`).click();
  }

  /**
   * A mouse stroke across the stage from one fraction of its box to another. Before the button is
   * released the page draws a frame, so a tool that works per frame while held (the brush sprays)
   * has worked at least once.
   */
  async mouseStroke(from: [number, number], to: [number, number], steps = 20): Promise<void> {
    const box = (await this.stage.boundingBox())!;
    const at = (f: [number, number]) => [box.x + f[0] * box.width, box.y + f[1] * box.height] as const;
    const [x0, y0] = at(from);
    const [x1, y1] = at(to);
    await this.page.mouse.move(x0, y0);
    await this.page.mouse.down();
    for (let k = 1; k <= steps; k++) {
      await this.page.mouse.move(x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps);
    }
    await this.frames(1);
    await this.page.mouse.up();
  }

  /**
   * A one-finger touch stroke through the DevTools protocol (real touch events, so pointerType
   * 'touch'), with a frame drawn before the finger lifts as for the mouse.
   */
  async touchStroke(from: [number, number], to: [number, number], steps = 20): Promise<void> {
    const box = (await this.stage.boundingBox())!;
    const at = (f: [number, number]) => ({ x: box.x + f[0] * box.width, y: box.y + f[1] * box.height });
    const cdp = await this.page.context().newCDPSession(this.page);
    const p0 = at(from);
    const p1 = at(to);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [p0] });
    for (let k = 1; k <= steps; k++) {
      const p = { x: p0.x + ((p1.x - p0.x) * k) / steps, y: p0.y + ((p1.y - p0.y) * k) / steps };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
    }
    await this.frames(1);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }
}
