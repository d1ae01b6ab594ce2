import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createValidator, escapePointer, spec } from './load-spec.js';

const validate = createValidator();
const fixtures = join(import.meta.dirname, 'fixtures', 'reference-000');
const readFixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const schemaOf = (name: string) => `/components/schemas/${name}`;

/** The list example in reference 000 elides its jobs with a comment saying they are GET-shaped. */
function referenceListBody() {
  const text = readFixture('list-response.jsonc').replace(
    '/* same shape as GET /{id} */',
    readFixture('get-response.json'),
  );
  return JSON.parse(text);
}

describe('reference 000 bodies validate unchanged', () => {
  const cases: Array<[string, string, () => unknown]> = [
    [
      'create request',
      schemaOf('CreateDistillationJobRequest'),
      () => JSON.parse(readFixture('create-request.json')),
    ],
    [
      'curl create request',
      schemaOf('CreateDistillationJobRequest'),
      () => JSON.parse(readFixture('curl-create-request.json')),
    ],
    ['create response', schemaOf('DistillationJob'), () => JSON.parse(readFixture('create-response.json'))],
    ['get response', schemaOf('DistillationJob'), () => JSON.parse(readFixture('get-response.json'))],
    ['list response', schemaOf('DistillationJobList'), referenceListBody],
    [
      'artifacts response',
      schemaOf('JobArtifacts'),
      () => JSON.parse(readFixture('artifacts-response.json')),
    ],
  ];
  it.each(cases)('%s', (_name, pointer, body) => {
    const result = validate(pointer, body());
    expect(result.errors).toEqual([]);
  });

  const referenceDoc = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference');
  it.runIf(existsSync(referenceDoc))('fixtures are verbatim copies of the reference document', () => {
    const file = readdirSync(referenceDoc).find((name) => name.startsWith('000_'));
    const squash = (text: string) => text.replace(/\s+/g, '');
    const reference = squash(readFileSync(join(referenceDoc, file!), 'utf8'));
    for (const name of readdirSync(fixtures)) {
      expect(reference, `${name} differs from reference 000`).toContain(squash(readFixture(name)));
    }
  });

  it('rejects a body that breaks the contract', () => {
    const body = { ...JSON.parse(readFixture('create-request.json')) };
    body.config = { ...body.config, bond_beta: 2, colour: 'red' };
    const result = validate(schemaOf('CreateDistillationJobRequest'), body);
    expect(result.ok).toBe(false);
    expect(result.errors).toContain('bond_beta');
    expect(result.errors).toContain('additional properties');
  });
});

type Json = Record<string, unknown>;
const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

function resolve(node: Json, pointer: string): [Json, string] {
  const ref = node.$ref as string | undefined;
  if (!ref) return [node, pointer];
  const target = ref
    .slice(2)
    .split('/')
    .reduce<Json>((at, key) => at[key.replaceAll('~1', '/').replaceAll('~0', '~')] as Json, spec);
  return [target, ref.slice(1)];
}

interface ExampleCase {
  where: string;
  schemaPointer: string;
  value: unknown;
}

/** Every example of every request body, response and parameter, with the schema it must satisfy. */
function collectExamples(): ExampleCase[] {
  const found: ExampleCase[] = [];
  const fromContent = (where: string, holder: Json, holderPointer: string) => {
    const content = (holder.content ?? {}) as Record<string, Json>;
    for (const [mediaType, media] of Object.entries(content)) {
      const mediaPointer = `${holderPointer}/content/${escapePointer(mediaType)}`;
      for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, Json>)) {
        const [resolved] = resolve(example, '');
        const value = resolved.value;
        if (mediaType === 'application/json' || mediaType === 'multipart/form-data') {
          found.push({
            where: `${where} ${mediaType} example ${name}`,
            schemaPointer: `${mediaPointer}/schema`,
            value,
          });
        } else if (mediaType === 'application/x-ndjson') {
          (value as string)
            .trim()
            .split('\n')
            .forEach((line, i) => {
              found.push({
                where: `${where} JSONL example ${name} line ${i + 1}`,
                schemaPointer: schemaOf('PromptRow'),
                value: JSON.parse(line),
              });
            });
        } else if (mediaType === 'text/event-stream') {
          // An SSE example is one event, as its schema is; its `data` is JSON of the event schema's
          // `contentSchema` (a JobEvent, a chat completion chunk).
          const [eventSchema] = resolve(media.schema as Json, '');
          const data = (eventSchema.properties as Record<string, Json> | undefined)?.data;
          const dataSchema = (data?.contentSchema as Json | undefined)?.$ref as string | undefined;
          found.push({
            where: `${where} SSE example ${name}`,
            schemaPointer: `${mediaPointer}/schema`,
            value,
          });
          found.push({
            where: `${where} SSE example ${name} data`,
            schemaPointer: dataSchema ? dataSchema.slice(1) : schemaOf('JobEvent'),
            value: JSON.parse((value as { data: string }).data),
          });
        }
      }
    }
  };
  const visitOperations = (items: Record<string, Json>, base: string) => {
    for (const [path, item] of Object.entries(items)) {
      const itemPointer = `${base}/${escapePointer(path)}`;
      for (const method of methods) {
        const operation = item[method] as Json | undefined;
        if (!operation) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const opPointer = `${itemPointer}/${method}`;
        const parameters = [
          ...((item.parameters ?? []) as Json[]),
          ...((operation.parameters ?? []) as Json[]),
        ];
        for (const parameter of parameters) {
          const [resolved, pointer] = resolve(parameter, '');
          if (resolved.example !== undefined && pointer) {
            found.push({
              where: `${where} parameter ${resolved.name}`,
              schemaPointer: `${pointer}/schema`,
              value: resolved.example,
            });
          }
        }
        if (operation.requestBody) {
          const [body, pointer] = resolve(operation.requestBody as Json, `${opPointer}/requestBody`);
          fromContent(`${where} request`, body, pointer);
        }
        for (const [status, response] of Object.entries(
          (operation.responses ?? {}) as Record<string, Json>,
        )) {
          const [resolved, pointer] = resolve(response, `${opPointer}/responses/${status}`);
          fromContent(`${where} ${status}`, resolved, pointer);
        }
      }
    }
  };
  visitOperations(spec.paths, '/paths');
  visitOperations(spec.webhooks, '/webhooks');
  return found;
}

describe('every example in the spec validates against its schema', () => {
  const examples = collectExamples();

  it('finds examples on every operation', () => {
    const operations = Object.values(spec.paths as Record<string, Json>).flatMap((item) =>
      methods.filter((m) => item[m]),
    );
    expect(operations.length).toBeGreaterThan(35);
    expect(examples.length).toBeGreaterThan(120);
  });

  it.each(examples.map((e) => [e.where, e] as const))('%s', (_where, example) => {
    const result = validate(example.schemaPointer, example.value);
    expect(result.errors).toEqual([]);
  });
});
