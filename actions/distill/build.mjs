// Bundles the action into the single committed dist/index.js that GitHub runs with no install.
// With --check it bundles in memory and fails when the committed file is stale.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'dist', 'index.js');

const result = await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  write: false,
  legalComments: 'none',
  // From the SDK's source, so the bundle depends on committed files only, not on a local SDK build.
  alias: { '@distillery/sdk': join(here, '..', '..', 'packages', 'sdk', 'src', 'index.ts') },
  // Some bundled CommonJS dependencies call require() on Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  outfile,
});
const bundled = result.outputFiles[0].text;

if (process.argv.includes('--check')) {
  const committed = await readFile(outfile, 'utf8').catch(() => '');
  if (committed !== bundled) {
    console.error(
      'actions/distill/dist/index.js is stale: run `npm run bundle -w @distillery/action-distill` and commit it.',
    );
    process.exit(1);
  }
  console.log('dist/index.js is up to date');
} else {
  await mkdir(dirname(outfile), { recursive: true });
  await writeFile(outfile, bundled);
  console.log(`wrote ${outfile} (${bundled.length} bytes)`);
}
