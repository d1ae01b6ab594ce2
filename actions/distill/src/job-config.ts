import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { InputError } from './inputs.js';

/** The job config fields of the `config` input's JSON or YAML file (YAML is a superset of JSON). */
export async function loadJobConfig(path: string | undefined): Promise<Record<string, unknown>> {
  if (path === undefined) return {};
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`Input \`config\`: cannot read ${path} (${error.code ?? error.message}).`);
  });
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new InputError(`Input \`config\`: ${path} is neither JSON nor YAML: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(`Input \`config\`: ${path} must hold an object of job config fields.`);
  }
  return parsed as Record<string, unknown>;
}
