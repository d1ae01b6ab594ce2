import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Services } from '../context.ts';
import { openapi } from '../openapi/spec.ts';
import type { TrainingMessage } from '../queue/queue.ts';
import { jobDir } from '../routes/job-actions.ts';
import type { FineTuningConfigRow } from '../routes/present.ts';
import { findPreset } from '../services/catalog.ts';
import { hardware } from '../services/hardware.ts';
import { configuredSecrets, redactor } from '../services/redact.ts';
import { queueWebhook } from '../services/webhooks.ts';
import { appendEvent, appendLog, type LogLevel, recordMetric } from '../storage/job-records.ts';
import {
  claimJob,
  finishJob,
  getJobById,
  type JobError,
  type JobRow,
  updateRunningJob,
} from '../storage/jobs.ts';
import { upsertModel } from '../storage/models.ts';
import { type ManifestEntry, recordArtifacts, recordManifest } from './artifacts.ts';
import type { EngineRequest, ThreadMessage } from './protocol.ts';
import { datasetRows, type PromptRow } from './rows.ts';

// The thread entry sits beside this module: src/worker/*.ts in development, dist/*.js when built.
const THREAD_URL = new URL(
  import.meta.url.endsWith('.ts') ? './engine-thread.ts' : './engine-thread.js',
  import.meta.url,
);
/** How often a running job checks whether it was cancelled. */
const CANCEL_POLL_MS = 1000;
/** How long the engine gets to stop on its own after an abort before its thread is terminated. */
const ABORT_GRACE_MS = 10_000;
/** A phase's place in the pipeline: the spec lists them in order. */
const PHASES = (openapi.components.schemas.JobPhase as { enum: string[] }).enum;
const phaseRank = (phase: string) => PHASES.indexOf(phase);

/** Progress is written at most this often; phases, logs and metrics are written as they come. */
const PROGRESS_EVERY_MS = 500;

class JobFailure extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * `auto` becomes a concrete backend here, from the adapters this process probed once: an engine
 * thread then loads Dawn only when it really trains on WebGPU. (A thread terminated while Dawn is
 * loaded, as a cancelled job's thread can be, takes the whole process down with it.)
 */
async function concreteBackend(requested: unknown): Promise<'cpu' | 'webgpu'> {
  if (requested === 'cpu' || requested === 'webgpu') return requested;
  return (await hardware()).default_backend;
}

/** What the engine needs for this job: its config and the rows, read from the tenant's datasets. */
async function engineRequest(s: Services, job: JobRow, workDir: string): Promise<EngineRequest> {
  const modelsDir = join(s.settings.dataDir, 'models', job.tenant_id);
  if (job.kind === 'fine_tuning') {
    const c = job.config as unknown as FineTuningConfigRow;
    const rows = await datasetRows(s.db, job.tenant_id, c.training_dataset);
    const validationRows = c.validation_dataset
      ? await datasetRows(s.db, job.tenant_id, c.validation_dataset)
      : undefined;
    return {
      kind: 'fine_tuning',
      config: {
        base_model: c.base_model,
        hyperparameters: c.hyperparameters,
        seq_len: c.hyperparameters.seq_len,
        seed: c.hyperparameters.seed,
        backend: await concreteBackend(c.backend),
        result_model: `ft-${c.suffix ?? job.id.replace(/^ftjob_/, '')}`,
      },
      options: { dataDir: workDir, modelsDir, rows, validationRows },
    };
  }
  const c = job.config as Record<string, unknown> & {
    teacher_model: string;
    dataset_id?: string;
    eval_dataset_id?: string;
    prompts?: Array<string | PromptRow>;
  };
  if (c.teacher_model.startsWith('openai/') && !s.settings.openaiBaseUrl) {
    throw new JobFailure(
      'teacher_unreachable',
      `teacher ${c.teacher_model}: no OpenAI-compatible endpoint is configured on this server (set OPENAI_BASE_URL and OPENAI_API_KEY), so no teacher samples can be generated`,
    );
  }
  const rows: PromptRow[] = c.dataset_id
    ? await datasetRows(s.db, job.tenant_id, c.dataset_id)
    : (c.prompts ?? []).map((p) => (typeof p === 'string' ? { prompt: p } : p));
  if (rows.length === 0)
    throw new JobFailure(
      'invalid_config',
      'config has neither dataset_id nor prompts: there is nothing to distil on',
    );
  const evalRows = c.eval_dataset_id ? await datasetRows(s.db, job.tenant_id, c.eval_dataset_id) : undefined;
  const { dataset_id: _d, eval_dataset_id: _e, prompts: _p, ...config } = c;
  return {
    kind: 'distillation',
    config: { ...config, backend: await concreteBackend(c.backend) },
    options: {
      dataDir: workDir,
      modelsDir,
      rows,
      ...(evalRows ? { evalRows } : {}),
      ...(s.settings.openaiBaseUrl
        ? { openai: { baseUrl: s.settings.openaiBaseUrl, apiKey: s.settings.openaiApiKey } }
        : {}),
    },
  };
}

/**
 * Runs one queued job through the engine, writing its status, phase, progress, logs, metrics,
 * results and artifacts as they happen. Returns normally whatever the job's outcome (the outcome
 * lives on the job row); throws only when this worker could not finish it, so pg-boss retries.
 */
export async function runJob(s: Services, msg: TrainingMessage, queueSignal: AbortSignal): Promise<void> {
  queueSignal.throwIfAborted();
  const before = await getJobById(s.db, msg.job_id);
  if (
    !before ||
    before.attempt !== msg.attempt ||
    (before.status !== 'pending' && before.status !== 'running')
  )
    return;
  const resumed = before.status === 'running';
  let job = await claimJob(s.db, msg.job_id, msg.attempt);
  if (!job) return;
  const log = (level: LogLevel, message: string) =>
    appendLog(s.db, msg.job_id, level, job?.phase ?? null, scrub(s)(message));
  await log(
    'info',
    resumed
      ? `resumed on ${hostname()} (pid ${process.pid}) after its worker stopped`
      : `started on ${hostname()} (pid ${process.pid})`,
  );
  if (!resumed) await appendEvent(s.db, job, 'status');

  const dir = jobDir(s, job);
  const workDir = join(dir, 'work');
  await mkdir(workDir, { recursive: true });
  await writeFile(
    join(dir, 'train_config.json'),
    `${JSON.stringify({ kind: job.kind, config: job.config }, null, 2)}\n`,
  );
  await recordArtifacts(s.db, job.id, dir);
  s.metrics.training.set(job.id, { step: 0, loss: undefined, tokensPerSecond: undefined });

  // Messages from the engine thread are applied in order, one at a time.
  let chain: Promise<unknown> = Promise.resolve();
  const apply = (fn: () => Promise<unknown>) => {
    chain = chain
      .then(fn)
      .catch((err) => s.logger.error({ err, job_id: msg.job_id }, 'recording job progress failed'));
    return chain;
  };

  let stopReason: string | null = null;
  let thread: Worker | null = null;
  try {
    const request = await engineRequest(s, job, workDir);
    const outcome = await new Promise<
      { result: Record<string, unknown> } | { error: Extract<ThreadMessage, { type: 'error' }> }
    >((resolve, reject) => {
      const t = new Worker(THREAD_URL, { workerData: request });
      thread = t;
      let lastProgress = 0;
      let pendingProgress: Record<string, number> | null = null;
      const flushProgress = () => {
        const progress = pendingProgress;
        pendingProgress = null;
        if (!progress) return;
        apply(async () => {
          const current = job as JobRow;
          const merged = { ...current.progress, ...progress };
          const fraction = merged.training_steps_total
            ? (merged.training_step ?? 0) / merged.training_steps_total
            : 0;
          const updated = await updateRunningJob(s.db, current.id, current.attempt, {
            progress: merged,
            cost_accrued: Math.round(current.estimated_cost * fraction * 1e4) / 1e4,
          });
          if (updated) {
            job = updated;
            await appendEvent(s.db, updated, 'progress');
          }
        });
      };
      const stop = (reason: string) => {
        if (stopReason) return;
        stopReason = reason;
        t.postMessage({ type: 'abort', reason });
        setTimeout(() => void t.terminate(), ABORT_GRACE_MS).unref();
      };
      const poll = setInterval(() => {
        // A failed read (a busy or closing database) only delays the check: it must never become an
        // unhandled rejection, which would bring the whole server down.
        getJobById(s.db, msg.job_id).then(
          (now) => {
            if (!now) stop('the job was deleted');
            else if (now.status !== 'running' || now.attempt !== msg.attempt)
              stop(`the job was ${now.status}`);
          },
          (err) => s.logger.warn({ err, job_id: msg.job_id }, 'cancellation check failed'),
        );
      }, CANCEL_POLL_MS);
      const onQueueAbort = () => stop('the worker is shutting down');
      queueSignal.addEventListener('abort', onQueueAbort, { once: true });
      const cleanup = () => {
        clearInterval(poll);
        queueSignal.removeEventListener('abort', onQueueAbort);
      };

      t.on('message', (m: ThreadMessage) => {
        switch (m.type) {
          case 'phase':
            flushProgress();
            apply(async () => {
              const current = job as JobRow;
              // `done` is the server's to set, once results and artifacts are recorded: a job must
              // never read `running` in phase `done`. A resumed attempt replays the phases before its
              // checkpoint, which must not move the job backwards.
              if (m.phase === 'done' || phaseRank(m.phase) <= phaseRank(current.phase)) return;
              const updated = await updateRunningJob(s.db, current.id, current.attempt, { phase: m.phase });
              if (!updated) return;
              job = updated;
              await appendEvent(s.db, updated, 'phase');
              await appendLog(s.db, updated.id, 'info', m.phase, `phase ${m.phase}`);
              await queueWebhook(s.boss, updated, 'job.phase_changed');
            });
            break;
          case 'progress': {
            pendingProgress = { ...(pendingProgress ?? {}), ...m.progress };
            const g = s.metrics.training.get(msg.job_id);
            if (g && m.progress.training_step !== undefined) g.step = m.progress.training_step;
            if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
              lastProgress = Date.now();
              flushProgress();
            }
            break;
          }
          case 'log':
            apply(() => appendLog(s.db, msg.job_id, 'info', (job as JobRow).phase, scrub(s)(m.message)));
            break;
          case 'metric': {
            const g = s.metrics.training.get(msg.job_id);
            if (g)
              Object.assign(g, {
                step: m.metric.step,
                loss: m.metric.loss,
                tokensPerSecond: m.metric.tokens_per_second,
              });
            const { grad_norm: _g, ...point } = m.metric;
            apply(() =>
              recordMetric(s.db, msg.job_id, {
                ...(point as { step: number; loss: number }),
                timestamp: new Date().toISOString(),
              }),
            );
            break;
          }
          case 'done':
            flushProgress();
            cleanup();
            resolve({ result: m.result });
            break;
          case 'error':
            flushProgress();
            cleanup();
            resolve({ error: m });
            break;
        }
      });
      t.on('error', (err) => {
        cleanup();
        reject(err);
      });
      t.on('exit', (code) => {
        cleanup();
        // Terminated after an abort that the engine did not honour in time.
        if (stopReason)
          resolve({ error: { type: 'error', name: 'AbortError', message: stopReason, aborted: true } });
        else reject(new Error(`engine thread exited with code ${code}`));
      });
    });
    await chain;
    if ('result' in outcome) await complete(s, job, outcome.result, dir);
    else if (outcome.error.aborted || stopReason)
      await stopped(s, job, stopReason ?? outcome.error.message, dir);
    else await fail(s, job, { code: errorCode(outcome.error), message: outcome.error.message }, dir);
  } catch (err) {
    await chain;
    if (queueSignal.aborted) throw err;
    const e = err as Error & { code?: string };
    if (err instanceof JobFailure && err.code === 'teacher_unreachable') {
      // The teacher is first needed to generate samples: that is the phase that failed.
      const current = job as JobRow;
      const moved = await updateRunningJob(s.db, current.id, current.attempt, { phase: 'data_generation' });
      if (moved) {
        job = moved;
        await appendEvent(s.db, moved, 'phase');
      }
    }
    await fail(
      s,
      job,
      { code: err instanceof JobFailure ? err.code : (e.code ?? 'training_error'), message: e.message },
      dir,
    );
  } finally {
    s.metrics.training.delete(msg.job_id);
    await (thread as Worker | null)?.terminate();
  }
  // Leave the job to another worker when this one is shutting down mid-run: it resumes from its checkpoint.
  if (stopReason === 'the worker is shutting down') throw new Error('worker stopped before the job finished');
}

function errorCode(e: { name: string; message: string; param?: string }): string {
  if (e.name === 'ConfigError' || e.param) return 'invalid_config';
  if (/teacher .*(unreachable|no OpenAI-compatible endpoint)/.test(e.message)) return 'teacher_unreachable';
  return 'training_error';
}

async function complete(
  s: Services,
  job: JobRow,
  result: Record<string, unknown>,
  dir: string,
): Promise<void> {
  await recordArtifacts(s.db, job.id, dir);
  // The engine's own manifest, when it returns one, is authoritative: it hashed the files as it wrote them.
  if (Array.isArray(result.artifacts))
    await recordManifest(s.db, job.id, result.artifacts as ManifestEntry[]);
  const r = result as Record<string, number | boolean | string | null>;
  if (Number(r.resumed_from_step) > 0) {
    await appendLog(
      s.db,
      job.id,
      'info',
      job.phase,
      `resumed from the checkpoint at step ${r.resumed_from_step}`,
    );
  }
  if (job.kind === 'distillation') {
    const pick = [
      'teacher_accuracy',
      'student_accuracy',
      'accuracy_delta',
      'agreement_rate',
      'compression_ratio',
      'teacher_parameters',
      'student_parameters',
      'teacher_perplexity',
      'student_perplexity',
      'size_compression_ratio',
      'teacher_size_bytes',
      'student_size_bytes',
      'evaluated',
      'threshold_passed',
      'eval_rows',
      'accuracy_delta_ci95',
    ];
    const results = Object.fromEntries(
      pick.filter((k) => r[k] !== null && r[k] !== undefined).map((k) => [k, r[k]]),
    );
    const updated = await updateRunningJob(s.db, job.id, job.attempt, {
      results,
      cost_accrued: job.estimated_cost,
      phase: 'export',
    });
    if (!updated) return;
    const preset = findPreset(String(r.student_model));
    // Linked into the tenant's models directory, the student can be the teacher of a later job.
    const modelsDir = join(s.settings.dataDir, 'models', job.tenant_id);
    await mkdir(modelsDir, { recursive: true });
    await rm(join(modelsDir, job.id), { force: true, recursive: true });
    await symlink(String(r.student_model_dir), join(modelsDir, job.id), 'dir');
    await upsertModel(s.db, {
      tenant_id: job.tenant_id,
      id: `local/${job.id}`,
      kind: 'distilled',
      base_model: String(r.student_model),
      source_job_id: job.id,
      parameters: Number(r.student_parameters),
      context_length: preset?.context_length ?? null,
      architecture: preset?.architecture ?? null,
      path: String(r.student_model_dir),
    });
    await appendEvent(s.db, updated, 'results');
  } else {
    const modelId = `local/${r.model_id}`;
    const metrics = {
      training_loss: Number(r.final_loss),
      ...(r.validation_accuracy !== null ? { validation_accuracy: Number(r.validation_accuracy) } : {}),
      ...(r.validation_loss !== null ? { validation_loss: Number(r.validation_loss) } : {}),
    };
    const steps = Number(r.training_steps);
    const c = job.config as unknown as FineTuningConfigRow;
    const updated = await updateRunningJob(s.db, job.id, job.attempt, {
      metrics,
      result_model: modelId,
      trained_tokens: steps * (c.hyperparameters.batch_size ?? 8) * (c.hyperparameters.seq_len ?? 128),
      cost_accrued: job.estimated_cost,
    });
    if (!updated) return;
    const preset = findPreset(c.base_model);
    await upsertModel(s.db, {
      tenant_id: job.tenant_id,
      id: modelId,
      kind: 'fine_tuned',
      base_model: c.base_model,
      source_job_id: job.id,
      parameters: Number(r.parameters),
      context_length: preset?.context_length ?? null,
      architecture: null,
      path: String(r.model_dir),
    });
  }
  const done = await finishJob(s.db, job.id, job.attempt, 'completed', { phase: 'done' });
  if (!done) return;
  await appendLog(s.db, job.id, 'info', 'done', 'completed');
  await appendEvent(s.db, done, 'status');
  await queueWebhook(s.boss, done, 'job.completed');
}

/**
 * Removes credentials from text the engine or a library produced before it is stored, logged or
 * sent: a teacher's error quotes its base URL (userinfo and query included) and its answer could
 * quote the key.
 */
function scrub(s: Services): (text: string) => string {
  return redactor(configuredSecrets(s.settings));
}

async function fail(s: Services, job: JobRow, raw: JobError, dir: string): Promise<void> {
  const error = { ...raw, message: scrub(s)(raw.message) };
  await recordArtifacts(s.db, job.id, dir);
  const current = (await getJobById(s.db, job.id)) ?? job;
  const failed = await finishJob(s.db, job.id, job.attempt, 'failed', {
    error: { ...error, phase: current.phase },
  });
  if (!failed) return;
  await appendLog(s.db, job.id, 'error', failed.phase, `failed (${error.code}): ${error.message}`);
  await appendEvent(s.db, failed, 'status');
  await queueWebhook(s.boss, failed, 'job.failed');
}

/** Cancelled (or deleted) while running: keep what was exported so far. */
async function stopped(s: Services, job: JobRow, reason: string, dir: string): Promise<void> {
  if (await getJobById(s.db, job.id)) {
    await recordArtifacts(s.db, job.id, dir);
    await appendLog(s.db, job.id, 'info', job.phase, scrub(s)(`engine stopped: ${reason}`));
  }
}
