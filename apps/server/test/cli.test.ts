import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, removeDir, tempDir } from './support/harness.ts';

const COMMANDS = [
  'serve',
  'worker',
  'keys create',
  'keys list',
  'keys revoke',
  'jobs create',
  'jobs list',
  'jobs get',
  'jobs cancel',
  'jobs wait',
  'datasets upload',
  'models list',
  'models import',
  'models delete',
];

describe('distillery CLI', () => {
  it.each(COMMANDS)('%s --help prints usage and exits 0', (command) => {
    const r = cli([...command.split(' '), '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: distillery ${command}`);
  });

  it('is the command npm links (`npx distillery`), running the built CLI', () => {
    const bin = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'distillery');
    const r = spawnSync(bin, ['--help'], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: distillery <command>');
  });

  it('names an unknown flag and exits 2', () => {
    const r = cli(['serve', '--prot', '8000']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'--prot'");
    expect(r.stderr).toContain('distillery serve --help');
  });

  it('names a flag whose value is not a number', () => {
    const r = cli(['serve', '--port', 'eighty']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--port must be a number');
  });

  it('refuses an unknown command and a missing argument', () => {
    expect(cli(['frobnicate']).status).toBe(2);
    const r = cli(['jobs', 'get']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('<job-id>');
  });

  it('creates, lists and revokes keys, storing only their hash', () => {
    const dir = tempDir();
    try {
      const created = cli([
        'keys',
        'create',
        '--data-dir',
        dir,
        '--tenant',
        'acme',
        '--scopes',
        'jobs:read,admin',
        '--name',
        'ci',
      ]);
      expect(created.status, created.stderr).toBe(0);
      const { id, key, scopes } = JSON.parse(created.stdout);
      expect(scopes).toEqual(['jobs:read', 'admin']);
      const list = cli(['keys', 'list', '--data-dir', dir]);
      expect(list.stdout).toContain(id);
      expect(list.stdout).toContain(key.slice(0, 12));
      expect(list.stdout).not.toContain(key.slice(12));
      expect(cli(['keys', 'revoke', id, '--data-dir', dir]).status).toBe(0);
      expect(JSON.parse(cli(['keys', 'list', '--data-dir', dir]).stdout)[0].revoked_at).not.toBeNull();
      const bad = cli(['keys', 'create', '--data-dir', dir, '--scopes', 'jobs:fly']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--scopes: unknown scope jobs:fly');
    } finally {
      removeDir(dir);
    }
  });
});
