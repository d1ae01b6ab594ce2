// Regenerates every file derived from openapi/distillery.yaml: the TypeScript targets below, then the
// Python and Go SDKs through their own generators. With --check it writes nothing and exits non-zero
// when a committed generated file differs from what the spec produces now. `--typescript-only` skips
// Python and Go (their own test scripts check them too).
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = join(root, 'openapi', 'distillery.yaml');
const header = '// Generated from openapi/distillery.yaml by `npm run generate`. Do not edit.\n';

async function typescriptTypes() {
  const ast = await openapiTS(pathToFileURL(specPath), {
    alphabetize: false,
    exportType: true,
    // A defaulted field of a component schema is present in every response (the server fills it in),
    // so its type is required. openapi-typescript does this except under a path containing
    // "parameters", meant for operation parameters, which also catches a schema named
    // `FineTuningHyperparameters`; this applies the one rule to every component schema.
    transformProperty(property, schema, options) {
      if (!property.questionToken || !('default' in schema)) return undefined;
      if (!options.path?.startsWith('#/components/schemas/')) return undefined;
      return ts.factory.updatePropertySignature(
        property,
        property.modifiers,
        property.name,
        undefined,
        property.type,
      );
    },
  });
  return header + astToString(ast);
}

async function specJson() {
  const spec = parse(await readFile(specPath, 'utf8'));
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * The schemas of the engine's run configs, `$ref`s inlined and prose left out: the engine fills the
 * API's defaults and checks its bounds from these, so that neither is written down twice.
 */
async function engineConfigSchemas() {
  const spec = parse(await readFile(specPath, 'utf8'));
  const schemas = spec.components.schemas;
  const inline = (node) => {
    if (Array.isArray(node)) return node.map(inline);
    if (!node || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      const { $ref, ...siblings } = node;
      return { ...inline(schemas[$ref.split('/').pop()]), ...inline(siblings) };
    }
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'description' || k === 'examples' || k === 'example') continue;
      out[k] =
        k === 'properties'
          ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, inline(s)]))
          : inline(v);
    }
    return out;
  };
  const picked = Object.fromEntries(
    ['DistillationConfig', 'CreateFineTuningJobRequest'].map((name) => [name, inline(schemas[name])]),
  );
  return `${header}\nexport const configSchemas = ${JSON.stringify(picked, null, 2)} as const;\n`;
}

/**
 * Per operation, the query and header parameters with a default in the spec: the server's
 * validation fills them in, so a handler's typed input has them (openapi-typescript types
 * parameters as the client sends them, where they are optional).
 */
async function defaultedParameters() {
  const spec = parse(await readFile(specPath, 'utf8'));
  const resolve = (p) => (p.$ref ? spec.components.parameters[p.$ref.split('/').pop()] : p);
  const union = (names) => (names.length ? names.map((n) => `'${n}'`).join(' | ') : 'never');
  const lines = [];
  for (const item of Object.values(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
      const defaulted = (where) =>
        params.filter((p) => p.in === where && p.schema && 'default' in p.schema).map((p) => p.name);
      lines.push(
        `  ${op.operationId}: { query: ${union(defaulted('query'))}; header: ${union(defaulted('header'))} };`,
      );
    }
  }
  return `${header}\nexport interface DefaultedParameters {\n${lines.join('\n')}\n}\n`;
}

/** Each output file and the producer of its contents. Other languages' generators join this list. */
const targets = [
  ['openapi/src/generated/openapi.ts', typescriptTypes],
  ['openapi/src/generated/openapi.json', specJson],
  ['openapi/src/generated/defaulted-parameters.ts', defaultedParameters],
  ['packages/engine/src/generated/config-schemas.ts', engineConfigSchemas],
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
