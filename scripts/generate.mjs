// Regenerates every file derived from openapi/distillery.yaml: the TypeScript targets below, then the
// Python and Go SDKs through their own generators. With --check it writes nothing and exits non-zero
// when a committed generated file differs from what the spec produces now. `--typescript-only` skips
// Python and Go (their own test scripts check them too).
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = join(root, 'openapi', 'distillery.yaml');
const header = '// Generated from openapi/distillery.yaml by `npm run generate`. Do not edit.\n';

async function typescriptTypes() {
  const ast = await openapiTS(pathToFileURL(specPath), { alphabetize: false, exportType: true });
  return header + astToString(ast);
}

async function specJson() {
  const spec = parse(await readFile(specPath, 'utf8'));
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Each output file and the producer of its contents. Other languages' generators join this list. */
const targets = [
  ['packages/sdk/src/generated/openapi.ts', typescriptTypes],
  ['packages/mock/src/generated/openapi.ts', typescriptTypes],
  ['packages/mock/src/generated/openapi.json', specJson],
  ['apps/server/src/generated/openapi.ts', typescriptTypes],
  ['apps/server/src/generated/openapi.json', specJson],
];

const check = process.argv.includes('--check');
const cache = new Map();
const stale = [];

for (const [file, produce] of targets) {
  if (!cache.has(produce)) cache.set(produce, await produce());
  const expected = cache.get(produce);
  const path = join(root, file);
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === expected) continue;
  if (check) {
    stale.push(relative(root, path));
  } else {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, expected);
    console.log(`wrote ${file}`);
  }
}

const otherLanguages = process.argv.includes('--typescript-only')
  ? []
  : ['@distillery/sdk-python', '@distillery/sdk-go'];
// The nested npm keeps the configuration of the npm that started this script: under the repo's Node 24
// it would otherwise look for its global config next to that Node.
const npmConfig = ['globalconfig', 'userconfig'].flatMap((key) => {
  const value = process.env[`npm_config_${key}`];
  return value ? [`--${key}=${value}`] : [];
});
for (const workspace of otherLanguages) {
  const script = check ? 'generate:check' : 'generate';
  const run = spawnSync('npm', ['run', script, '--silent', '-w', workspace, ...npmConfig], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`${workspace}: \`npm run ${script}\` failed (exit ${run.status}).`);
    if (!check) process.exit(1);
    stale.push(`${workspace} generated code`);
  }
}

if (stale.length > 0) {
  console.error(
    `Generated files are out of date with openapi/distillery.yaml:\n  ${stale.join('\n  ')}\n` +
      'Run `npm run generate` and commit the result.',
  );
  process.exit(1);
}
if (check) console.log(`generated files are up to date (${targets.length} files)`);
