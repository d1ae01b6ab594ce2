import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const actionDir = join(import.meta.dirname, '..');

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  outputs: Record<string, string>;
  env: Record<string, string>;
  summary: string;
  mock: {
    jobs: Array<{ id: string; status: string; metadata: Record<string, string> }>;
    datasets: number;
  } | null;
}

/** GitHub's file-command format: `name<<DELIMITER`, value lines, `DELIMITER`. */
function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const [, name, delimiter] = match;
    const end = lines.indexOf(delimiter!, i + 1);
    values[name!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return values;
}

/** Runs the bundled dist/index.js as GitHub does: inputs as INPUT_* variables, file commands in temp files. */
export async function runAction(
  inputs: Record<string, string>,
  options: { scenario?: object; mock?: boolean; interruptWhen?: string; cwd?: string } = {},
): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'distill-action-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_ENV: join(dir, 'env'),
    DISTILLERY_MOCK_STATE_FILE: join(dir, 'mock-state.json'),
  };
  await Promise.all(
    [files.GITHUB_OUTPUT, files.GITHUB_STEP_SUMMARY, files.GITHUB_ENV].map((f) => writeFile(f, '')),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...files,
    GITHUB_REPOSITORY: 'acme/spam-filter',
    GITHUB_SHA: '9f3c2ab0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6',
    GITHUB_RUN_ID: '4242',
    DISTILLERY_MOCK_SCENARIO: JSON.stringify(options.scenario ?? {}),
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const preload = options.mock === false ? [] : ['--import', join(actionDir, 'test', 'mock-preload.ts')];
  const child = spawn(process.execPath, [...preload, join(actionDir, 'dist', 'index.js')], {
    env,
    cwd: options.cwd ?? actionDir,
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    // What GitHub does when a workflow is cancelled: SIGINT to the step's process.
    if (options.interruptWhen && stdout.includes(options.interruptWhen)) {
      child.kill('SIGINT');
      options.interruptWhen = undefined;
    }
  });
  child.stderr.on('data', (chunk) => {
    stdout += chunk;
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));

  const read = (file: string) => readFile(file, 'utf8').catch(() => '');
  const mockState = await read(files.DISTILLERY_MOCK_STATE_FILE);
  return {
    exitCode,
    stdout,
    outputs: parseFileCommands(await read(files.GITHUB_OUTPUT)),
    env: parseFileCommands(await read(files.GITHUB_ENV)),
    summary: await read(files.GITHUB_STEP_SUMMARY),
    mock: mockState ? JSON.parse(mockState) : null,
  };
}
