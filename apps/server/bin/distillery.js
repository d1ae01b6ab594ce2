#!/usr/bin/env node
// The `distillery` command. It runs the built CLI (dist/cli.js); this small file is committed so that
// npm links the command at install time, before a workspace build has made dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error(
    `distillery: the CLI is not built (${fileURLToPath(cli)} is missing).\n` +
      'In the Distillery repository, build it with `npx turbo run build --filter=@distillery/server`' +
      ' (scripts/setup.sh does this).',
  );
  process.exit(1);
}
await import(cli.href);
