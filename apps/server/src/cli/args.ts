import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A usage error: printed with the command's help hint, exit code 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  /** Positional arguments it takes (names, for help and checks). */
  positionals?: string[];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>;
}

export const CLIENT_OPTIONS: Options = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
};

export const CLIENT_HELP = `  --url URL          server URL (DISTILLERY_URL, default http://127.0.0.1:8000)
  --api-key KEY      API key (DISTILLERY_API_KEY); not needed for a loopback server without keys`;

/** Parses flags strictly: an unknown flag or a missing value names the flag. */
export function parse(cmd: Command, argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const expected = cmd.positionals ?? [];
    if (!values.help && positionals.length !== expected.length) {
      throw new UsageError(
        expected.length
          ? `${cmd.name} takes ${expected.map((p) => `<${p}>`).join(' ')}`
          : `${cmd.name} takes no arguments, got '${positionals.join(' ')}'`,
      );
    }
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as Error & { code?: string };
    // node:util names the flag in its message, e.g. "Unknown option '--prot'".
    throw new UsageError(e.message.split('. ')[0] ?? e.message);
  }
}

export function numberFlag(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number, got '${String(raw)}'`);
  return n;
}
