// docs/sdk-surface.md lists every public method of the three SDKs under one name per operation. This
// checks the TypeScript column against the client itself, both ways: each listed name is a method
// of `new Distillery()`, and each method of the client is listed (as a method or a deprecated alias).
// The Python and Go SDKs check their columns the same way (tests/test_surface.py, surface_test.go).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Distillery } from '../src/index.js';

const surfacePath = join(import.meta.dirname, '..', '..', '..', 'docs', 'sdk-surface.md');

/** The `column` cells of the table under `## heading`, backticks removed, `—` left out. */
function column(markdown: string, heading: string, name: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/sdk-surface.md has no "## ${heading}"`);
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  const [header, , ...body] = rows;
  const index = header?.indexOf(name) ?? -1;
  if (index < 0) throw new Error(`"## ${heading}" has no ${name} column`);
  return body
    .map((row) => row[index] ?? '')
    .filter((cell) => cell !== '—')
    .map((cell) => cell.replace(/^`|`$/g, ''));
}

/** Properties that hold the client's plumbing, not resources. */
const PLUMBING = new Set(['api', 'options', 'transport']);

/** Every method reachable from `value` through its resources, as `client.a.b.method`. */
function methodsOf(value: object, path: string): string[] {
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (PLUMBING.has(key) || child === null || (typeof child !== 'object' && typeof child !== 'function')) {
      continue;
    }
    // A callable resource (fineTuning.baseModels) is a method itself and holds methods.
    if (typeof child === 'function') found.push(`${path}.${key}`);
    found.push(...methodsOf(child, `${path}.${key}`));
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Function.prototype && prototype !== null) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') found.push(`${path}.${name}`);
    }
  }
  return found;
}

function resolve(client: Distillery, path: string): unknown {
  return path
    .split('.')
    .slice(1)
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], client);
}

const markdown = await readFile(surfacePath, 'utf8');
const listed = column(markdown, 'Methods', 'TypeScript');
const deprecated = column(markdown, 'Deprecated aliases', 'TypeScript');
const client = new Distillery({ baseUrl: 'http://distillery.test' });

describe('docs/sdk-surface.md, TypeScript column', () => {
  it('lists names that are all methods of the client', () => {
    expect(listed.length).toBeGreaterThan(30);
    const missing = [...listed, ...deprecated].filter((path) => typeof resolve(client, path) !== 'function');
    expect(missing).toEqual([]);
  });

  it('lists every method of the client, so that no name drifts from the other SDKs', () => {
    const unlisted = methodsOf(client, 'client').filter(
      (path) => !listed.includes(path) && !deprecated.includes(path),
    );
    expect(unlisted).toEqual([]);
  });

  it('has no name both current and deprecated', () => {
    expect(listed.filter((path) => deprecated.includes(path))).toEqual([]);
  });
});

describe('waitForCompletion documents pollInterval', () => {
  it('in the README and in the doc comments of both methods and of the option', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readme).toMatch(/polls `get` every `pollInterval`\s+milliseconds \(default 5 000/);
    for (const file of ['jobs.ts', 'fine-tuning.ts']) {
      const source = await readFile(join(import.meta.dirname, '..', 'src', 'resources', file), 'utf8');
      expect(source).toMatch(
        /\/\*\*(?:(?!\*\/)[\s\S])*`pollInterval` milliseconds(?:(?!\*\/)[\s\S])*\*\/\s+waitForCompletion\(/,
      );
    }
    const options = await readFile(
      join(import.meta.dirname, '..', 'src', 'lib', 'wait-for-completion.ts'),
      'utf8',
    );
    expect(options).toMatch(/Default 5 000\.[\s\S]*?\*\/\s+pollInterval\?:/);
  });
});
