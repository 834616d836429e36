/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (or those whose name contains the first
 * argument) and prints their figures. Benchmarks print; they never fail on a timing.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
for (const f of files) {
  console.log(`\n## ${f}`);
  // One benchmark that fails (a peer's odd output, a bug) is reported, and the others still run.
  try {
    await import(pathToFileURL(join(here, f)).href);
  } catch (e) {
    console.log(`  this benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
