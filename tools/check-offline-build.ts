/**
 * The offline part of `npm run test:build` (tools/check-production-build.ts): the built app has its
 * service worker and web manifest (build/pwa.ts), and the worker precaches every file the page can
 * ask for — above all every JavaScript chunk, so a lazily loaded method panel or the solver worker
 * is never missing offline. The precache list is read from `sw.js` itself, where Workbox wrote it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files of `assets/` the worker must precache: code, styles and the fonts browsers use. */
const MUST_PRECACHE = /\.(js|css|woff2)$/;

/** The URLs (relative to the worker) of the precache list in a generated `sw.js`. */
export function precacheUrls(sw: string): string[] {
  return [...sw.matchAll(/\{url:"([^"]+)",revision:/g)].map((m) => m[1]);
}

/** What is wrong with the offline app in the build at `dist`, one line each; empty when all is well. */
export function offlineProblems(dist: string): string[] {
  const problems: string[] = [];
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  if (!/<link rel="manifest" href="[^"]*manifest\.webmanifest"/.test(html))
    problems.push('index.html does not link the web manifest');

  const manifestPath = join(dist, 'manifest.webmanifest');
  if (!existsSync(manifestPath)) problems.push('manifest.webmanifest is missing');
  else {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name?: string;
      short_name?: string;
      icons?: { src: string }[];
    };
    if (!manifest.name || !manifest.short_name) problems.push('the web manifest has no name or short_name');
    if (!manifest.icons?.length) problems.push('the web manifest lists no icons');
    for (const icon of manifest.icons ?? [])
      if (!existsSync(join(dist, icon.src))) problems.push(`the manifest's icon ${icon.src} is missing`);
  }

  const swPath = join(dist, 'sw.js');
  if (!existsSync(swPath)) return [...problems, 'sw.js (the service worker) is missing'];
  const urls = new Set(precacheUrls(readFileSync(swPath, 'utf8')));
  for (const must of ['index.html', 'manifest.webmanifest'])
    if (!urls.has(must)) problems.push(`sw.js does not precache ${must}`);
  for (const url of urls)
    if (!existsSync(join(dist, url))) problems.push(`sw.js precaches ${url}, which the build does not have`);
  const assets = readdirSync(join(dist, 'assets')).filter((f) => MUST_PRECACHE.test(f));
  if (!assets.some((f) => f.endsWith('.js')))
    problems.push('no JavaScript in assets/: the check would miss chunks');
  for (const f of assets)
    if (!urls.has(`assets/${f}`))
      problems.push(`sw.js does not precache assets/${f}: it would be missing offline`);
  return problems;
}
