import { ApiError } from '../errors.ts';
import { findUnstorableText } from '../openapi/validate.ts';

export interface ParsedDataset {
  format: 'prompt_completion' | 'messages';
  rows: number;
  labelCounts: Record<string, number> | null;
}

const ROW_KEYS = new Set(['prompt', 'completion', 'label']);

function bad(line: number, message: string): ApiError {
  return new ApiError(400, 'invalid_request', `line ${line}: ${message}`, { param: `line ${line}` });
}

/**
 * Checks a JSONL upload row by row: `{prompt, completion?, label?}` or `{messages: [{role, content}]}`,
 * one format per file. The first bad row is a 400 naming its line; blank lines are skipped.
 */
export function parseJsonl(text: string): ParsedDataset {
  let format: ParsedDataset['format'] | undefined;
  // A Map, since labels are user text: `__proto__` or `constructor` must count like any other name.
  const labels = new Map<string, number>();
  let rows = 0;
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (!raw.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      throw bad(line, 'is not valid JSON');
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw bad(line, 'must be a JSON object');
    const r = row as Record<string, unknown>;
    const unstorable = findUnstorableText(r);
    if (unstorable) throw bad(line, `${unstorable.field} must not contain ${unstorable.reason}`);
    const rowFormat = 'messages' in r ? 'messages' : 'prompt_completion';
    if (format && rowFormat !== format) throw bad(line, `mixes ${rowFormat} rows into a ${format} dataset`);
    format = rowFormat;
    if (rowFormat === 'messages') {
      const messages = r.messages;
      if (!Array.isArray(messages) || messages.length === 0)
        throw bad(line, 'messages must be a non-empty array');
      for (const m of messages) {
        if (!m || typeof m !== 'object' || typeof m.role !== 'string' || typeof m.content !== 'string') {
          throw bad(line, 'each message needs a string role and content');
        }
      }
    } else {
      for (const k of Object.keys(r))
        if (!ROW_KEYS.has(k))
          throw bad(line, `unknown field ${k}; rows are {prompt, completion?, label?} or {messages}`);
      if (typeof r.prompt !== 'string' || r.prompt.length === 0)
        throw bad(line, 'prompt must be a non-empty string');
      if (r.completion !== undefined && typeof r.completion !== 'string')
        throw bad(line, 'completion must be a string');
      if (r.label !== undefined && typeof r.label !== 'string') throw bad(line, 'label must be a string');
      if (typeof r.label === 'string') labels.set(r.label, (labels.get(r.label) ?? 0) + 1);
    }
    rows++;
  }
  if (!format) throw new ApiError(400, 'invalid_request', 'The dataset has no rows', { param: 'file' });
  return { format, rows, labelCounts: labels.size ? Object.fromEntries(labels) : null };
}
