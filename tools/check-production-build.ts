/**
 * `npm run test:build`: proves that the production build (`dist/`, from `npm run build`) carries
 * neither the end-to-end test hook (src/app/testHook.ts: `window.__ot`) nor the worker's fault
 * injection (workers/faults.ts), which only the e2e build (`vite build --mode e2e`) compiles in.
 *
 * It searches every built JavaScript file (the main bundle, the lazy chunks and the worker chunk)
 * for strings that only that code contains. Each marker is first looked up in its source file, so
 * a renamed message cannot make the check pass by searching for text that no longer exists.
 * It also checks the offline app (tools/check-offline-build.ts): the service worker, the web
 * manifest, and a precache list that holds every chunk.
 *
 * Exits 1 with one line per finding; prints one summary line when the build is clean.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { offlineProblems, precacheUrls } from './check-offline-build.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');

/** Strings found only in test-only code, and the source file each comes from. */
const MARKERS: { text: string; source: string }[] = [
  { text: '__ot', source: 'src/app/testHook.ts' },
  { text: 'supersedeProbe', source: 'src/app/testHook.ts' },
  { text: 'injected test fault', source: 'workers/faults.ts' },
  { text: 'injected crash', source: 'workers/faults.ts' },
];

/** Every `.js` file under `dir`, recursively. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return jsFiles(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

const problems: string[] = [];
for (const m of MARKERS) {
  if (!readFileSync(join(ROOT, m.source), 'utf8').includes(m.text))
    problems.push(`marker ${JSON.stringify(m.text)} is no longer in ${m.source}: update this check`);
}

if (!existsSync(join(DIST, 'index.html'))) {
  problems.push('dist/index.html is missing: run `npm run build` first');
} else {
  const files = jsFiles(DIST);
  if (!files.some((f) => /solver\.worker[-.].*\.js$/.test(f)))
    problems.push('no worker chunk (solver.worker-*.js) in dist/: the check would miss the worker');
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of MARKERS) {
      if (text.includes(m.text))
        problems.push(`${relative(ROOT, f)} contains ${JSON.stringify(m.text)} (from ${m.source})`);
    }
  }
  problems.push(...offlineProblems(DIST).map((p) => `dist/: ${p}`));
  if (problems.length === 0) {
    console.log(
      `production build is free of the test hook and fault injection: ${files.length} JavaScript files, ${MARKERS.length} markers`,
    );
    const precached = precacheUrls(readFileSync(join(DIST, 'sw.js'), 'utf8')).length;
    console.log(
      `it works offline: sw.js precaches all ${precached} files the page uses, manifest.webmanifest is linked`,
    );
  }
}

for (const p of problems) console.error(`error: ${p}`);
process.exitCode = problems.length === 0 ? 0 : 1;
