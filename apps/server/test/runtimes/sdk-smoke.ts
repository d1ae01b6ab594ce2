/**
 * The SDK's published build driven through a job's whole life by another runtime (Bun, Deno):
 * run by `sdk-runtimes.test.ts` with DISTILLERY_BASE_URL set, it prints one JSON line of what it saw.
 * Only web-standard APIs and `node:fs/promises`, which every runtime the SDK supports provides.
 */
import { readFile } from 'node:fs/promises';
import { BadRequestError, Distillery } from '@distillery/sdk';

const client = new Distillery(); // base URL from the environment, as a user's script would
const colours = { red: 'warm', green: 'natural', blue: 'cold' } as const;
const rows = Array.from({ length: 24 }, (_, i) => {
  const colour = (['red', 'green', 'blue'] as const)[i % 3]!;
  return { prompt: `item ${i} colour ${colour}`, label: colours[colour] };
});

const dataset = await client.datasets.upload({ file: rows, name: 'colours' });
let progressCalls = 0;
const tuning = await client.fineTuning.jobs.create({
  name: 'teacher',
  base_model: 'distillery-pico',
  training_dataset: dataset.id,
  hyperparameters: { epochs: 2, batch_size: 8, seq_len: 24 },
});
const teacher = await client.fineTuning.jobs.waitForCompletion(tuning.id, {
  onProgress: () => progressCalls++,
});
const job = await client.jobs.create({
  name: 'student',
  config: {
    teacher_model: teacher.result_model!,
    student_model: 'distillery-pico',
    dataset_id: dataset.id,
    training_steps: 5,
    batch_size: 4,
    seq_len: 24,
  },
});
const done = await client.jobs.waitForCompletion(job.id, { onProgress: () => progressCalls++ });

// A second job, cancelled at once, so that the listing below spans two pages.
const second = await client.jobs.create({
  name: 'cancelled',
  config: { ...job.config!, training_steps: 500 },
});
const cancelled = await client.jobs.cancel(second.id);
const listed: string[] = [];
for await (const j of await client.jobs.list({ limit: 1 })) listed.push(j.id);

const { artifacts = [] } = await client.jobs.artifacts.list(job.id);
const gguf = artifacts.find((a) => a.format === 'gguf_q8_0')!;
const path = `${process.env.SMOKE_DIR}/student-q8_0.gguf`;
await client.jobs.artifacts.download(job.id, 'gguf_q8_0', path);
const digest = await crypto.subtle.digest('SHA-256', await readFile(path));
const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');

const badParam = await client.jobs
  .create({ name: 'bad', config: { teacher_model: teacher.result_model!, student_model: 'no-such-model' } })
  .then(
    () => null,
    (error) => (error instanceof BadRequestError ? error.param : `unexpected ${error}`),
  );

// A Standard Webhooks signature made with WebCrypto, checked by the SDK, then a tampered copy.
const secretBytes = crypto.getRandomValues(new Uint8Array(24));
const secret = `whsec_${btoa(String.fromCharCode(...secretBytes))}`;
const payload = JSON.stringify({ type: 'job.completed', data: { job_id: job.id } });
const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
const key = await crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
  'sign',
]);
const mac = await crypto.subtle.sign(
  'HMAC',
  key,
  new TextEncoder().encode(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${payload}`),
);
const signature = `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
const verified = await client.webhooks.verify(
  payload,
  { ...headers, 'webhook-signature': signature },
  secret,
);
const tampered = await client.webhooks
  .verify(`${payload} `, { ...headers, 'webhook-signature': signature }, secret)
  .then(
    () => 'accepted',
    () => 'rejected',
  );

console.log(
  JSON.stringify({
    teacherStatus: teacher.status,
    status: done.status,
    jobId: done.id,
    cancelledId: second.id,
    cancelledStatus: cancelled.status,
    studentAccuracy: done.results.student_accuracy,
    progressCalls,
    listed,
    sha256,
    expectedSha256: gguf.checksum_sha256,
    badParam,
    verifiedType: verified.type,
    tampered,
  }),
);
