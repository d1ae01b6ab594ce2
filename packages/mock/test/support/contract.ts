/**
 * Judges an HTTP response by the spec alone: the operation must exist, the status must be
 * declared, every header the response declares must be present and well-typed, the body must
 * match its schema (each SSE `data` against JobEvent, or a completion stream's chunks against their
 * `contentSchema` up to `[DONE]`), and error envelopes must quote the
 * response's `x-request-id`. Used on every response of the MSW mock and of Prism.
 */

import { spec } from '@distillery/openapi';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { matchOperation } from '../../src/spec';

type Json = Record<string, unknown>;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(spec as object, 'spec.json');

const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
const at = (pointer: string): Json =>
  pointer
    .slice(1)
    .split('/')
    .reduce<Json>((node, key) => node[key.replaceAll('~1', '/').replaceAll('~0', '~')] as Json, spec as Json);

function schemaErrors(pointer: string, value: unknown): string | undefined {
  const validate = ajv.getSchema(`spec.json#${pointer}`) ?? ajv.compile({ $ref: `spec.json#${pointer}` });
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}

/** The pointer of a declared response object, following a `$ref` to components/responses. */
function responsePointer(path: string, method: string, status: number): string | undefined {
  const base = `/paths/${escapePointer(path)}/${method}/responses/${status}`;
  let node: Json;
  try {
    node = at(base);
  } catch {
    return undefined;
  }
  if (!node) return undefined;
  return typeof node.$ref === 'string' ? node.$ref.slice(1) : base;
}

export interface Checked {
  operationId: string;
  status: number;
  problems: string[];
}

export async function checkResponse(method: string, url: string, response: Response): Promise<Checked> {
  const { pathname } = new URL(url);
  const where = `${method} ${pathname} → ${response.status}`;
  const op = matchOperation(method, pathname);
  if (!op)
    return {
      operationId: '?',
      status: response.status,
      problems: [`${where}: no such operation in the spec`],
    };
  const problems: string[] = [];
  const pointer = responsePointer(op.path, op.method, response.status);
  if (!pointer) {
    return {
      operationId: op.operationId,
      status: response.status,
      problems: [`${where}: status not declared`],
    };
  }
  const declared = at(pointer);
  const requestId = response.headers.get('x-request-id');
  if (!requestId) problems.push(`${where}: no x-request-id header`);

  for (const [name, header] of Object.entries((declared.headers ?? {}) as Record<string, Json>)) {
    const value = response.headers.get(name);
    if (value === null) {
      problems.push(`${where}: declared header ${name} missing`);
      continue;
    }
    const resolved = typeof header.$ref === 'string' ? at(header.$ref.slice(1)) : header;
    const type = (resolved.schema as Json | undefined)?.type;
    if (type === 'integer' && !/^\d+$/.test(value))
      problems.push(`${where}: header ${name}=${value} is not an integer`);
  }

  const content = (declared.content ?? {}) as Record<string, Json>;
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (Object.keys(content).length === 0) {
    const text = await response.text();
    if (text !== '') problems.push(`${where}: a body where the spec declares none`);
    return { operationId: op.operationId, status: response.status, problems };
  }
  if (!content[contentType]) {
    problems.push(`${where}: content type ${contentType || '(none)'} not declared (${Object.keys(content)})`);
    return { operationId: op.operationId, status: response.status, problems };
  }
  const schemaPointer = `${pointer}/content/${escapePointer(contentType)}/schema`;
  if (contentType === 'application/json') {
    const body = await response.json();
    const errors = schemaErrors(schemaPointer, body);
    if (errors) problems.push(`${where}: body breaks the schema: ${errors}`);
    const envelope = (body as { error?: { request_id?: string } }).error;
    if (response.status >= 400 && envelope && envelope.request_id !== requestId) {
      problems.push(`${where}: error.request_id ${envelope.request_id} is not the x-request-id ${requestId}`);
    }
  } else if (contentType === 'text/event-stream') {
    const data = ((at(schemaPointer).properties ?? {}) as Json).data as Json | undefined;
    const chunkSchema = (data?.contentSchema as Json | undefined)?.$ref;
    problems.push(
      ...(typeof chunkSchema === 'string' && chunkSchema !== '#/components/schemas/JobEvent'
        ? await checkCompletionStream(where, response, chunkSchema.slice(1))
        : await checkEventStream(where, response)),
    );
  } else {
    await response.arrayBuffer();
  }
  return { operationId: op.operationId, status: response.status, problems };
}

/** Each frame needs a numeric `id`, an `event` equal to its data's `type`, and JobEvent `data`. */
async function checkEventStream(where: string, response: Response): Promise<string[]> {
  const problems: string[] = [];
  const text = await response.text();
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    const fields = Object.fromEntries(
      block.split('\n').map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i), line.slice(i + 1).trim()];
      }),
    );
    if (!/^\d+$/.test(fields.id ?? '')) problems.push(`${where}: event without a numeric id: ${block}`);
    let data: Json;
    try {
      data = JSON.parse(fields.data ?? '');
    } catch {
      problems.push(`${where}: event data is not JSON: ${block}`);
      continue;
    }
    if (data.type !== fields.event)
      problems.push(`${where}: event ${fields.event} carries data.type ${data.type}`);
    const errors = schemaErrors('/components/schemas/JobEvent', data);
    if (errors) problems.push(`${where}: event data breaks JobEvent: ${errors}`);
  }
  return problems;
}

/**
 * A completion stream: `data:` events only, each a chunk of `chunkPointer`'s schema, ending with
 * `data: [DONE]`, or with one error envelope when generation failed after the stream started.
 */
async function checkCompletionStream(
  where: string,
  response: Response,
  chunkPointer: string,
): Promise<string[]> {
  const problems: string[] = [];
  const requestId = response.headers.get('x-request-id');
  const blocks = (await response.text()).split('\n\n').filter((b) => b.trim() !== '');
  let ended: 'done' | 'error' | undefined;
  for (const block of blocks) {
    if (ended) {
      problems.push(`${where}: an event after the stream ended (${ended}): ${block}`);
      break;
    }
    if (!block.startsWith('data: ') || block.includes('\n')) {
      problems.push(`${where}: not one data line: ${block}`);
      continue;
    }
    const text = block.slice('data: '.length);
    if (text === '[DONE]') {
      ended = 'done';
      continue;
    }
    let data: Json;
    try {
      data = JSON.parse(text);
    } catch {
      problems.push(`${where}: event data is not JSON: ${block}`);
      continue;
    }
    if ('error' in data) {
      ended = 'error';
      const errors = schemaErrors('/components/schemas/ErrorResponse', data);
      if (errors) problems.push(`${where}: error event breaks ErrorResponse: ${errors}`);
      const envelope = data.error as { request_id?: string };
      if (envelope.request_id !== requestId)
        problems.push(`${where}: error event's request_id ${envelope.request_id} is not ${requestId}`);
      continue;
    }
    const errors = schemaErrors(chunkPointer, data);
    if (errors) problems.push(`${where}: chunk breaks ${chunkPointer}: ${errors}`);
  }
  if (!ended) problems.push(`${where}: the stream ended without data: [DONE] or an error event`);
  return problems;
}
