/**
 * JSONL dataset parsing with the server's rules: each non-blank line is one JSON object, either a
 * prompt row (`prompt`, `completion`?, `label`?) or a chat row (`messages`), and a file holds one
 * kind only. The first bad line is reported as `line N` (1-based), and nothing is stored.
 */
import { ApiError } from '../http/errors';
import type { Schemas } from '../spec';

export type DatasetFormat = 'prompt_completion' | 'messages';

export type PromptRow = Schemas['PromptRow'];
export interface MessagesRow {
  messages: Array<{ role: string; content: string }>;
}
export type Row = PromptRow | MessagesRow;

export interface ParsedDataset {
  format: DatasetFormat;
  rows: Row[];
  labelCounts?: Record<string, number>;
}

const ROLES = new Set(['system', 'user', 'assistant']);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function rowFormat(value: unknown): [DatasetFormat, Row] | string {
  if (!isObject(value)) return 'is not a JSON object';
  if ('messages' in value) {
    const extra = Object.keys(value).find((k) => k !== 'messages');
    if (extra) return `has an unknown field "${extra}"`;
    const messages = value.messages;
    if (!Array.isArray(messages) || messages.length === 0) return 'needs a non-empty "messages" array';
    for (const [i, m] of messages.entries()) {
      if (!isObject(m) || typeof m.content !== 'string' || typeof m.role !== 'string' || !ROLES.has(m.role)) {
        return `messages[${i}] needs a "role" (system, user or assistant) and a string "content"`;
      }
    }
    return ['messages', { messages: messages as MessagesRow['messages'] }];
  }
  const extra = Object.keys(value).find((k) => k !== 'prompt' && k !== 'completion' && k !== 'label');
  if (extra) return `has an unknown field "${extra}"`;
  if (typeof value.prompt !== 'string' || value.prompt.length === 0)
    return 'needs a non-empty string "prompt"';
  for (const key of ['completion', 'label'] as const) {
    if (key in value && typeof value[key] !== 'string') return `"${key}" must be a string`;
  }
  return ['prompt_completion', value as unknown as PromptRow];
}

export function parseJsonl(text: string): ParsedDataset {
  const rows: Row[] = [];
  let format: DatasetFormat | undefined;
  const labelCounts: Record<string, number> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ApiError(400, 'invalid_request', `${where} is not valid JSON`, { param: where });
    }
    const parsed = rowFormat(value);
    if (typeof parsed === 'string') {
      throw new ApiError(400, 'invalid_request', `${where} ${parsed}`, { param: where });
    }
    const [kind, row] = parsed;
    if (format && kind !== format) {
      throw new ApiError(400, 'invalid_request', `${where} is a ${kind} row in a ${format} dataset`, {
        param: where,
      });
    }
    format = kind;
    if ('label' in row && row.label !== undefined) labelCounts[row.label] = (labelCounts[row.label] ?? 0) + 1;
    rows.push(row);
  }
  if (!format) throw new ApiError(400, 'invalid_request', 'The dataset has no rows', { param: 'file' });
  return { format, rows, ...(Object.keys(labelCounts).length > 0 ? { labelCounts } : {}) };
}
