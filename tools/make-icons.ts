/**
 * `npx tsx tools/make-icons.ts`: draws the installed app's PNG icons (public/pwa-*.png, listed in
 * the web manifest by build/pwa.ts) from the favicon, public/favicon.svg, in headless Chromium, so
 * the home-screen icon is the tab's icon. The PNGs are committed: the build needs no browser. Run
 * it again after changing the favicon.
 *
 * - `pwa-192.png`, `pwa-512.png`: the favicon as it is (rounded corners, transparent outside).
 * - `pwa-maskable-512.png`: for launchers that crop icons to their own shape (a circle, a squircle):
 *   the favicon's dark square fills the whole image and the favicon is drawn at 85 % in its middle,
 *   so the dots (within 37 % of the favicon's size from its centre) stay inside the central circle
 *   of radius 40 % that a launcher never crops.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const PUBLIC = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'public');
const svg = readFileSync(join(PUBLIC, 'favicon.svg'), 'utf8');
/** The favicon's background square, which a maskable icon extends to the edges. */
const background = svg.match(/<rect[^>]*fill="(#[0-9a-fA-F]{3,8})"/)?.[1];
if (!background) throw new Error('public/favicon.svg has no filled <rect> background');

/** A page whose only content is the icon, `size` pixels square. */
function page(size: number, maskable: boolean): string {
  const inner = maskable ? Math.round(size * 0.85) : size;
  const img = `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${inner}" height="${inner}">`;
  return `<!doctype html><html><body style="margin:0">
    <div id="icon" style="width:${size}px;height:${size}px;display:grid;place-items:center;
      background:${maskable ? background : 'transparent'}">${img}</div></body></html>`;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const tab = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [file, size, maskable] of [
    ['pwa-192.png', 192, false],
    ['pwa-512.png', 512, false],
    ['pwa-maskable-512.png', 512, true],
  ] as const) {
    await tab.setContent(page(size, maskable));
    await tab.locator('#icon img').evaluate((img: HTMLImageElement) => img.decode());
    await tab.locator('#icon').screenshot({ path: join(PUBLIC, file), omitBackground: !maskable });
    console.log(`public/${file}`);
  }
} finally {
  await browser.close();
}
