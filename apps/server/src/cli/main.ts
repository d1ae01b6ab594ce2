import { type Command, parse, UsageError } from './args.ts';
import { describeError } from './client.ts';
import { COMMANDS } from './commands.ts';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `distillery: distil and fine-tune language models on your own machine

Usage: distillery <command> [flags]   (every command takes --help)

${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}
`;
}

/** Finds the longest command name the arguments start with ("keys create" before "keys"). */
function match(argv: string[]): { cmd: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const cmd = COMMANDS.find((c) => c.name === name);
    if (cmd) return { cmd, rest: argv.slice(words) };
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(overview());
    return argv.length === 0 ? 2 : 0;
  }
  const found = match(argv);
  if (!found) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length && (argv.length === 1 || argv[1] === '--help' || argv[1] === '-h')) {
      process.stdout.write(
        `${group.map((c) => `  distillery ${c.name.padEnd(16)} ${c.summary}`).join('\n')}\n`,
      );
      return argv.length === 1 ? 2 : 0;
    }
    process.stderr.write(
      `distillery: unknown command '${argv.slice(0, group.length ? 2 : 1).join(' ')}'\n\n${overview()}`,
    );
    return 2;
  }
  const { cmd, rest } = found;
  try {
    const { values, positionals } = parse(cmd, rest);
    if (values.help) {
      process.stdout.write(`${cmd.summary}\n\nUsage: ${cmd.usage}\n  -h, --help          show this help\n`);
      return 0;
    }
    await cmd.run(values, positionals);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(
        `distillery ${cmd.name}: ${err.message}\nRun 'distillery ${cmd.name} --help' for usage.\n`,
      );
      return 2;
    }
    process.stderr.write(`distillery ${cmd.name}: ${describeError(err) ?? (err as Error).message}\n`);
    return 1;
  }
}
