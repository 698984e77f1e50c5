// Run after any `npm install` that changes package-lock.json: `node scripts/fix-lockfile.cjs`.
// The registry reachable here lacks some other-platform builds at the versions our packages pin
// (e.g. @tailwindcss/oxide-android-arm64@4.3.5), so `npm install` leaves them out of the lock
// and `npm ci` then refuses that same lock as "out of sync" (npm/cli #9846). Adding an
// optional, versionless entry where npm's ideal tree expects one makes the lock acceptable to
// `npm ci`; such packages are never installed on Linux x64 anyway.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const npmRoot = path.resolve(fs.realpathSync(execFileSync('which', ['npm']).toString().trim()), '../..');
const Arborist = require(path.join(npmRoot, 'node_modules/@npmcli/arborist'));
const root = path.resolve(__dirname, '..');
const lockPath = path.join(root, 'package-lock.json');

(async () => {
  const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
  const ideal = await new Arborist({ path: root }).buildIdealTree({});
  let added = 0;
  for (const [location, node] of ideal.inventory.entries()) {
    if (!location || lock.packages[location] || node.version) continue;
    lock.packages[location] = { dev: node.dev, optional: true };
    added += 1;
  }
  fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: ${added} unavailable optional packages recorded`);
})();
