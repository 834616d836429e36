/**
 * `npm run fixtures:sync`: refreshes the committed reference cases in `workers/kernels/fixtures/`
 * from the shared reference folder beside the repository (`../shared/reference/*.json`, computed
 * with POT / SciPy), when that folder exists. The tests read only the committed copies, so a clone
 * without `../shared` tests the same numbers; run this after the shared cases change, review the
 * diff and commit it. Fixtures that exist only here (written by `tools/reference/*.py`) are left
 * alone. Without `../shared/reference` it says so and changes nothing.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(ROOT, '../shared/reference');
const FIXTURES = join(ROOT, 'workers/kernels/fixtures');

if (!existsSync(SHARED)) {
  console.log(
    `${SHARED} does not exist: nothing to sync; the committed fixtures in ${relative(ROOT, FIXTURES)}/ stay as they are`,
  );
} else {
  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const name of readdirSync(SHARED)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const from = join(SHARED, name);
    const to = join(FIXTURES, name);
    const kind = !existsSync(to)
      ? 'added'
      : readFileSync(to).equals(readFileSync(from))
        ? 'unchanged'
        : 'updated';
    counts[kind]++;
    if (kind === 'unchanged') continue;
    copyFileSync(from, to);
    console.log(`${kind} ${relative(ROOT, to)}`);
  }
  console.log(
    `synced ${relative(ROOT, FIXTURES)}/ from ${SHARED}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged`,
  );
}
