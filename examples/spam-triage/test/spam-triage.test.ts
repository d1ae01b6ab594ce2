import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const dataDir = await mkdtemp(join(tmpdir(), 'spam-triage-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** A percentage row of the results table, e.g. `teacher accuracy (…)  89.3%`. */
function percent(table: string, label: string): number {
  const match = new RegExp(`^\\s+${label}.*?\\s(\\d+\\.\\d)%$`, 'm').exec(table);
  if (!match) throw new Error(`no "${label}" row in:\n${table}`);
  return Number(match[1]) / 100;
}

it(
  'distils a spam filter that learns the task, gated on the held-out delta',
  async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['src/main.ts', '--quick'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, DISTILLERY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      // The run's work is fixed: the limit only stops a hung run, however loaded the machine is.
      timeout: 30 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const table = stdout.slice(stdout.indexOf('\nResults\n'));
    const majority = percent(table, 'majority-class rate');
    expect(percent(table, 'teacher accuracy')).toBeGreaterThan(majority + 0.1);
    expect(percent(table, 'student accuracy')).toBeGreaterThan(majority + 0.08);
    expect(percent(table, 'naive Bayes baseline')).toBeGreaterThan(majority + 0.1);
    expect(table).toMatch(/accuracy delta\s+-?\d+\.\d pp \(95% CI -?\d+\.\d to -?\d+\.\d\)/);
    expect(table).toMatch(/compression \(parameters\)\s+\d+\.\dx/);
    // The teacher's f32 weights against the smallest GGUF: more than the parameter ratio.
    expect(table).toMatch(/compression \(file bytes\)\s+\d+\.\dx \(\d+\.\d KiB \/ \d+\.\d KiB\)/);
    expect(table).toMatch(/perplexity \(teacher \/ student\)\s+\d+\.\d\d \/ \d+\.\d\d/);
    expect(table).toMatch(/artifact gguf_q4_k_m\s+\S+model-q4_k_m\.gguf/);
    const gguf = await readFile(join(import.meta.dirname, '..', 'out', 'spam-triage-q8_0.gguf'));
    expect(gguf.subarray(0, 4).toString()).toBe('GGUF');
  },
  31 * 60_000,
);
