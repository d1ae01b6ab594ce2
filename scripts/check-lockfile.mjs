// Fails when package-lock.json lacks an optional dependency that a locked package declares: npm
// drops other platforms' binaries (biome, rollup, turbo, deno...) when it rewrites the lockfile over
// an existing node_modules (npm/cli#4828), and `npm ci` on those platforms then refuses the lockfile.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packages } = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

/** Where Node would find `name` from the package at `location`: its own node_modules, then each parent's. */
function resolves(location, name) {
  for (let base = location; ; ) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

const missing = [];
for (const [location, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(location, name)) missing.push(`${location || '(root)'} -> ${name}`);
  }
}
if (missing.length > 0) {
  console.error(
    `package-lock.json lacks ${missing.length} optional dependencies:\n  ${missing.join('\n  ')}\n` +
      'Run `npm install --package-lock-only`. For a package still listed (npm does not revisit the\n' +
      "dependencies of workspaces), delete its entry and its platform packages' entries from\n" +
      'package-lock.json and run it again. Then check with `git diff` that no locked version changed.',
  );
  process.exit(1);
}
console.log(`package-lock.json records every platform's optional dependencies`);
