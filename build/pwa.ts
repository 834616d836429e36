/**
 * The offline app: vite-plugin-pwa (Workbox's generateSW) writes `sw.js`, which precaches the whole
 * build, and `manifest.webmanifest`, which makes the page installable. The page registers the
 * worker itself (src/app/serviceWorker.ts) and asks before switching to a new deployment
 * (src/app/UpdatePrompt.tsx), so the plugin injects no registration script: the CSP forbids
 * inline script anyway.
 */
import { readFileSync } from 'node:fs';
import { VitePWA, type VitePWAOptions } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

/**
 * What the service worker precaches: every file of the build the app can ask for — the entry, every
 * lazily loaded chunk (method panels `assets/method-<id>-*.js`, dialogs, the solver worker), the
 * CSS, KaTeX's fonts, the icons, data files. Source maps are left out (megabytes nobody needs
 * offline), and so are KaTeX's `.woff` and `.ttf` fonts: its CSS lists `.woff2` first, and every
 * browser with service workers reads `.woff2`, so those copies would never be used. The plugin adds
 * the web manifest itself.
 */
export const PRECACHE_GLOBS = ['**/*.{html,js,css,woff2,svg,png,json}'];

/**
 * A custom property's value in the light theme (the first `:root` block of the app's stylesheet),
 * so the manifest's colours follow src/app/theme.css rather than a copy.
 * @throws Error when the stylesheet no longer declares it.
 */
export function themeColor(css: string, name: string): string {
  const value = css.match(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{3,8})\\s*;`))?.[1];
  if (!value) throw new Error(`src/app/theme.css declares no --${name} colour for the web manifest`);
  return value;
}

/** The plugin options; `css` is the app's stylesheet (for the manifest's colours). */
export function pwaOptions(css: string): Partial<VitePWAOptions> {
  return {
    // 'prompt': a new worker waits until the user reloads (skipWaiting only on the page's
    // message), so one page never mixes chunks of two deployments.
    registerType: 'prompt',
    injectRegister: false,
    // The icons are PNGs in public/, which PRECACHE_GLOBS already lists: no second entry for each.
    includeManifestIcons: false,
    manifest: {
      name: 'OT Playground',
      short_name: 'OT Playground',
      // description: the plugin's default, package.json's.
      display: 'standalone',
      theme_color: themeColor(css, 'accent'),
      background_color: themeColor(css, 'bg'),
      icons: [
        { src: 'pwa-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'pwa-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'pwa-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: PRECACHE_GLOBS,
      // The first worker takes the page that installed it at once, so the panels that page loads
      // later already come from the cache: offline works from the first visit on. Later workers
      // still wait for the user ('prompt' above); a claim only ever adopts pages with no worker.
      clientsClaim: true,
      // The entry chunk is ~400 KB; the limit guards against precaching something huge by mistake.
      maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
    },
  };
}

/** The plugin, with the colours read from src/app/theme.css. */
export function pwa(): PluginOption {
  return VitePWA(pwaOptions(readFileSync(new URL('../src/app/theme.css', import.meta.url), 'utf8')));
}
