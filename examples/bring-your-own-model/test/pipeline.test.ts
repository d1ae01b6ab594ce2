import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const dataDir = await mkdtemp(join(tmpdir(), 'byom-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** A row's value in the results table. */
function row(table: string, label: string): string {
  const match = new RegExp(`^\\s+${label}.*?\\s{2,}(.+)$`, 'm').exec(table);
  if (!match) throw new Error(`no "${label}" row in:\n${table}`);
  return match[1]!;
}

it(
  'imports a transformers checkpoint, fine-tunes it, and distils a student pruned to a quarter of it',
  async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['src/main.ts', '--quick'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, DISTILLERY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      // The run's work is fixed: the limit only stops a hung run, however loaded the machine is.
      timeout: 30 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const table = stdout.slice(stdout.indexOf('\nResults\n'));
    expect(row(table, 'imported')).toMatch(/LlamaForCausalLM, F32, byte-level-bpe/);
    const majority = Number(row(table, 'majority-class rate').replace('%', ''));
    expect(Number(row(table, 'fine-tuned accuracy').replace('%', ''))).toBeGreaterThan(majority + 5);
    expect(Number(row(table, 'auto student accuracy').replace('%', ''))).toBeGreaterThan(majority);
    expect(row(table, 'distillation mode')).toBe('logit');
    expect(Number(row(table, 'compression').replace('x', ''))).toBeGreaterThanOrEqual(4);
  },
  31 * 60_000,
);
