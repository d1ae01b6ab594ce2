import { readFile } from 'node:fs/promises';
import type { Schemas } from '../openapi/spec.ts';
import { getDataset } from '../storage/datasets.ts';
import type { Db } from '../storage/db.ts';
import { JobFailure } from './failure.ts';

export type PromptRow = Schemas['PromptRow'];

interface ChatRow {
  messages: Array<{ role: string; content: string }>;
}

/** A chat row becomes a prompt (everything before the last assistant turn) and that turn as completion. */
function fromChat(row: ChatRow): PromptRow {
  const lastAssistant = row.messages.map((m) => m.role).lastIndexOf('assistant');
  const before = lastAssistant === -1 ? row.messages : row.messages.slice(0, lastAssistant);
  const prompt = before.map((m) => (m.role === 'user' ? m.content : `${m.role}: ${m.content}`)).join('\n');
  return lastAssistant === -1
    ? { prompt }
    : { prompt, completion: row.messages[lastAssistant]?.content ?? '' };
}

/** The rows of a tenant's dataset, as the engine takes them. */
export async function datasetRows(db: Db, tenantId: string, id: string): Promise<PromptRow[]> {
  const ds = await getDataset(db, tenantId, id);
  if (!ds) throw new JobFailure('dataset_not_found', `dataset ${id} no longer exists`);
  const text = await readFile(ds.path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const row = JSON.parse(l) as PromptRow | ChatRow;
      return 'messages' in row ? fromChat(row) : row;
    });
}
