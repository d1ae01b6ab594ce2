import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('generated code matches the spec (else run `npm run generate`)', () => {
  const script = join(import.meta.dirname, '..', '..', 'scripts', 'generate.mjs');
  const run = spawnSync(process.execPath, [script, '--check', '--typescript-only'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}, 60_000);
