// Response bodies taken from the examples in openapi/distillery.yaml.
import type { Dataset, FineTuningJob, Job } from '../src/index.js';

export const BASE_URL = 'http://distillery.test';

export const pendingJob: Job = {
  id: 'job_abc123',
  tenant_id: 'default',
  name: 'ticket-triage v1',
  status: 'pending',
  phase: 'initializing',
  progress: {},
  results: {},
  error: null,
  cost_accrued: 0,
  created_at: '2026-04-19T12:00:00Z',
  updated_at: '2026-04-19T12:00:00Z',
};

export function jobIn(status: Job['status'], phase: Job['phase'], progress: Job['progress'] = {}): Job {
  return { ...pendingJob, status, phase, progress };
}

export const completedJob: Job = {
  ...jobIn('completed', 'done', { training_step: 100, training_steps_total: 100, loss: 0.412 }),
  results: {
    teacher_accuracy: 0.962,
    student_accuracy: 0.948,
    accuracy_delta: -0.014,
    threshold_passed: true,
  },
  finished_at: '2026-04-19T12:41:09Z',
};

export const pendingFineTuningJob: FineTuningJob = {
  id: 'ftjob_abc123',
  tenant_id: 'default',
  name: 'spam teacher',
  base_model: 'distillery-small',
  training_dataset: 'ds_2b7f1c9e4a',
  status: 'pending',
  phase: 'initializing',
  progress: {},
  created_at: '2026-04-19T11:50:00Z',
  updated_at: '2026-04-19T11:50:00Z',
};

export const dataset: Dataset = {
  id: 'ds_2b7f1c9e4a',
  tenant_id: 'default',
  name: 'spam-labelled',
  format: 'prompt_completion',
  row_count: 2,
  size_bytes: 120,
  checksum_sha256: '9b2f5b0d7c6a3e41f8d92a0c5e7b1f6d4a3c2b1e0f9d8c7b6a5e4d3c2b1a0f9e',
  created_at: '2026-04-19T11:45:00Z',
};

export function errorBody(status: number, code: string, message: string, param?: string) {
  return { error: { code, message, status, param, request_id: 'req_8f2c1d9a7b3e' } };
}

/** A `text/event-stream` body from `[event type, data]` pairs, ids counting from `firstId`. */
export function eventStream(events: [string, object][], firstId = 1): string {
  return events
    .map(([type, data], i) => `id: ${firstId + i}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`)
    .join('');
}
