import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

it("the README's example runs and prints what its comments say", () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const example = readme.match(/```ts\n([\s\S]*?)```/)?.[1];
  expect(example).toBeDefined();
  // Inside the package, so that `@distillery/openapi` resolves as it does for the workspace.
  const dir = mkdtempSync(join(packageDir, '.readme-'));
  try {
    const file = join(dir, 'example.ts');
    writeFileSync(file, example!);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^true \{\n {2}epochs: 3,\n {2}learning_rate: 0\.001,/);
    expect(run.stdout).toContain("param: 'hyperparameters.epochs'");
    expect(run.stdout).toContain("message: 'hyperparameters.epochs must be between 1 and 100'");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
