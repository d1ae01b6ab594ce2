/**
 * The TypeScript SDK against the mock, the test driving the clock while the SDK waits: what a
 * consumer's test does. (Real-time mode is covered in clock.test.ts.)
 */
import { Distillery, JobFailedError } from '@distillery/sdk';
import { describe, expect, it } from 'vitest';
import { useMockServer } from './support/harness';

const server = useMockServer();
const mock = server.mock;
const config = { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-micro', training_steps: 30 };

// The client binds fetch when constructed, so construct it after MSW has patched fetch.
const client = () => new Distillery({ baseUrl: 'http://localhost:8000', maxRetries: 0 });

/** Resolves once the SDK has opened the job's event stream, so no transition happens before it. */
function streamOpened(jobId: string) {
  return new Promise<void>((resolve) => {
    const listener = ({ request }: { request: Request }) => {
      if (!request.url.endsWith(`/v1/distillation/${jobId}/events`)) return;
      server.events.removeListener('request:start', listener);
      resolve();
    };
    server.events.on('request:start', listener);
  });
}

/** Steps the clock through the job's transitions while `waiting` is pending, as a test's driver loop. */
async function drive<T>(waiting: Promise<T>): Promise<T> {
  let settled = false;
  const settle = () => {
    settled = true;
  };
  waiting.then(settle, settle);
  while (!settled) {
    mock.tick();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return waiting;
}

describe('the SDK against the mock', () => {
  it('waits for a job through its event stream until completed, seeing every phase', async () => {
    const sdk = client();
    const job = await sdk.jobs.create({ name: 'sdk', config });
    const phases: string[] = [];
    const opened = streamOpened(job.id);
    const waiting = sdk.jobs.waitForCompletion(job.id, {
      onProgress: (j) => {
        if (phases.at(-1) !== j.phase) phases.push(j.phase);
      },
    });
    await opened;
    const done = await drive(waiting);
    expect(done.status).toBe('completed');
    expect(done.results.accuracy_delta).toBeTypeOf('number');
    expect(phases).toEqual([
      'initializing',
      'data_generation',
      'curation',
      'training',
      'evaluation',
      'export',
      'done',
    ]);
  });

  it('waits by polling when asked not to use events', async () => {
    const sdk = client();
    const job = await sdk.jobs.create({ config });
    const done = await drive(sdk.jobs.waitForCompletion(job.id, { useEvents: false, pollInterval: 1 }));
    expect(done).toMatchObject({ status: 'completed', phase: 'done' });
  });

  it('rejects with JobFailedError naming the phase when the job fails', async () => {
    server.mock.scenarios.failNextJob('training', {
      code: 'teacher_unreachable',
      message: 'no route to teacher',
    });
    const sdk = client();
    const job = await sdk.jobs.create({ config });
    const failure = await drive(sdk.jobs.waitForCompletion(job.id)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(JobFailedError);
    expect((failure as JobFailedError).job.error).toMatchObject({
      code: 'teacher_unreachable',
      phase: 'training',
    });
  });

  it('downloads an artifact whose checksum the SDK verifies', async () => {
    const sdk = client();
    const job = await sdk.jobs.create({ config });
    mock.runUntilIdle();
    await sdk.jobs.waitForCompletion(job.id);
    const download = await sdk.jobs.artifacts.download(job.id, 'gguf_q8_0');
    const bytes = await download.bytes();
    expect(bytes.byteLength).toBe(download.sizeBytes);
    expect(download.filename).toBe('model-q8_0.gguf');
  });
});
