// Refuses a package-lock.json that `npm ci` on a fresh machine could choke on: every package
// entry needs a `version`, and an `integrity` hash unless npm bundles it inside another package
// (`inBundle`) or it is a link to a local folder. A versionless entry once passed CI here and then
// broke every fresh install with `npm error Invalid Version:`. Run by `npm test` and `.ci/run`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A path argument checks another lockfile (the checker's own test uses it).
const lockPath = process.argv[2] ?? path.join(root, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));

/** What is wrong with one `packages` entry, or undefined when npm ci will accept it. */
function problemOf(entry) {
  if (entry.link) return undefined;
  if (typeof entry.version !== 'string' || entry.version === '') return 'has no version';
  if (!entry.inBundle && typeof entry.integrity !== 'string') return 'has no integrity hash';
  return undefined;
}

const problems = [];
if (!(lock.lockfileVersion >= 2) || typeof lock.packages !== 'object' || lock.packages === null) {
  problems.push(`lockfileVersion ${lock.lockfileVersion} has no "packages" map`);
} else {
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '') continue; // the project itself
    const problem = problemOf(entry);
    if (problem) problems.push(`${location} ${problem}`);
  }
}

if (problems.length > 0) {
  console.error(`package-lock.json is incomplete (${problems.length} ${problems.length === 1 ? 'entry' : 'entries'}):`);
  for (const problem of problems.slice(0, 20)) console.error(`  ${problem}`);
  if (problems.length > 20) console.error(`  ... and ${problems.length - 20} more`);
  console.error(
    'Regenerate it: delete the entries above (or the whole file), run `npm install --package-lock-only`,\n' +
      'check that no installed version changed (`git diff package-lock.json`), then `npm ci` to prove it.\n' +
      'Never hand-edit or stub entries.',
  );
  process.exit(1);
}
console.log(`package-lock.json: ${Object.keys(lock.packages).length - 1} entries, each with a version and an integrity hash`);
