import { setupServer } from '@distillery/mock/node';
import { Distillery, NotFoundError } from '@distillery/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { triage } from '../src/triage';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.mock.reset());
afterAll(() => server.close());

// Construct the client after MSW patched fetch (the SDK binds fetch when constructed).
const client = () => new Distillery({ baseUrl: 'http://localhost:8000', maxRetries: 0 });

/** The mock serves only models it holds: import one (a GGUF file is enough for the mock). */
async function servedModel(sdk: Distillery): Promise<string> {
  const model = await sdk.models.import({ archive: new File(['GGUF weights'], 'triage-q8_0.gguf') });
  return model.id;
}

describe('triage', () => {
  it('reads the verdict from the streamed answer, leaving as soon as it is clear', async () => {
    const sdk = client();
    const model = await servedModel(sdk);
    server.mock.scenarios.nextCompletion('spam, clearly a scam');
    expect(await triage(sdk, model, 'Cheap meds online')).toEqual({ label: 'spam', heard: 'spam,' });
    server.mock.scenarios.nextCompletion('Ham: meeting notes');
    expect((await triage(sdk, model, 'Meeting notes')).label).toBe('ham');
  });

  it('is unsure when the model says neither within its tokens', async () => {
    const sdk = client();
    const model = await servedModel(sdk);
    const verdict = await triage(sdk, model, 'Hello'); // the mock's lorem ipsum
    expect(verdict.label).toBe('unsure');
    expect(verdict.heard.split(' ')).toHaveLength(4);
  });

  it('is unsure, saying why, when the server fails mid-answer', async () => {
    const sdk = client();
    const model = await servedModel(sdk);
    server.mock.scenarios
      .nextCompletion('I would say')
      .failNextStream({ afterChunks: 3, code: 'overloaded' });
    expect(await triage(sdk, model, 'Cheap meds online')).toEqual({
      label: 'unsure',
      heard: 'I would',
      failure: 'overloaded',
    });
  });

  it('lets a model the server does not hold fail loudly', async () => {
    await expect(triage(client(), 'local/gone', 'Hello')).rejects.toBeInstanceOf(NotFoundError);
  });
});
