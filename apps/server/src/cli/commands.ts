import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Distillery, Job, JobCreateParams, JobStatus } from '@distillery/sdk';
import { startWorker } from '../jobs/worker.ts';
import { createLogger } from '../logger.ts';
import type { Schemas } from '../openapi/spec.ts';
import { closeServices, openServices, startServer } from '../server.ts';
import { type Settings, settingsFromEnv } from '../settings.ts';
import { DataDirLockedError, openDb } from '../storage/db.ts';
import { createKey, DEFAULT_SCOPES, listKeys, revokeKey, SCOPES, type Scope } from '../storage/keys.ts';
import { migrate } from '../storage/migrations.ts';
import { setTenantBudget } from '../storage/tenants.ts';
import { CLIENT_HELP, CLIENT_OPTIONS, type Command, numberFlag, UsageError } from './args.ts';
import { sdkClient, unfinishedJob } from './client.ts';
import { progressLine } from './progress.ts';

const STORAGE_HELP = `  --data-dir DIR      data directory (DISTILLERY_DATA_DIR, default ./distillery-data)
  --database-url URL  PostgreSQL instead of the embedded PGlite (DATABASE_URL)`;
const STORAGE_OPTIONS = { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } as const;

function storageSettings(values: Record<string, unknown>, extra: Partial<Settings> = {}): Settings {
  return settingsFromEnv({
    ...(values['data-dir'] ? { dataDir: String(values['data-dir']) } : {}),
    ...(values['database-url'] ? { databaseUrl: String(values['database-url']) } : {}),
    ...extra,
  });
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Runs until SIGINT/SIGTERM, then closes cleanly. A stray promise rejection is logged as an error
 * instead of ending a server that other jobs and clients depend on.
 */
function untilSignal(close: () => Promise<void>): Promise<void> {
  const logger = createLogger();
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection'));
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const serve: Command = {
  name: 'serve',
  summary: 'run the API and one worker',
  usage: `distillery serve [--host H] [--port P] [--no-worker]
  --host HOST         listen address (DISTILLERY_HOST, default 127.0.0.1; another address needs an API key)
  --port PORT         listen port (PORT, default 8000; 0 picks a free one)
  --no-worker         API only; run \`distillery worker\` elsewhere
${STORAGE_HELP}`,
  options: {
    ...STORAGE_OPTIONS,
    host: { type: 'string' },
    port: { type: 'string' },
    'no-worker': { type: 'boolean' },
  },
  async run(v) {
    const port = numberFlag(v, 'port');
    const settings = storageSettings(v, {
      ...(v.host ? { host: String(v.host) } : {}),
      ...(port !== undefined ? { port } : {}),
    });
    const server = await startServer(settings, { worker: !v['no-worker'] });
    await untilSignal(server.close);
  },
};

const worker: Command = {
  name: 'worker',
  summary: 'run training workers only (share a PostgreSQL database between machines)',
  usage: `distillery worker [--concurrency N]
  --concurrency N     jobs at once in this process (DISTILLERY_WORKER_CONCURRENCY, default 1)
${STORAGE_HELP}`,
  options: { ...STORAGE_OPTIONS, concurrency: { type: 'string' } },
  async run(v) {
    const concurrency = numberFlag(v, 'concurrency');
    const s = await openServices(
      storageSettings(v, concurrency !== undefined ? { maxJobsPerWorker: concurrency } : {}),
    );
    const w = await startWorker(s);
    await untilSignal(async () => {
      await w.stop();
      await closeServices(s);
    });
  },
};

/** The error of a PGlite directory that a running server holds, pointed at the API instead. */
function lockedHint(err: unknown): never {
  if (err instanceof DataDirLockedError) {
    throw new Error(
      `${err.message}. To manage the keys of that running server, use its API: --url http://HOST:PORT (or DISTILLERY_URL) with an admin --api-key`,
    );
  }
  throw err;
}

async function withDb<T>(
  v: Record<string, unknown>,
  fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>,
): Promise<T> {
  const settings = storageSettings(v);
  const db = await openDb({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir }).catch(lockedHint);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

const KEY_OPTIONS = { ...STORAGE_OPTIONS, ...CLIENT_OPTIONS } as const;
const KEY_HELP = `${STORAGE_HELP}
  --url URL           a running server (DISTILLERY_URL): manage its keys through its API instead
  --api-key KEY       an admin key for --url (DISTILLERY_API_KEY); a loopback server that never had
                      a key needs none`;

/**
 * The API client when the command names a server (--url, or DISTILLERY_URL without a storage
 * flag), else undefined: storage is opened directly.
 */
function keysClient(v: Record<string, unknown>): Distillery | undefined {
  const storage = Boolean(v['data-dir'] || v['database-url']);
  if (v.url && storage)
    throw new UsageError(
      '--url manages a running server through its API; drop --data-dir and --database-url',
    );
  if (v.url || (!storage && process.env.DISTILLERY_URL)) return sdkClient(v);
  return undefined;
}

const keysCreate: Command = {
  name: 'keys create',
  summary: 'create an API key (printed once)',
  usage: `distillery keys create [--tenant T] [--name N] [--scopes a,b] [--test] [--budget CREDITS]
  --tenant T          the key's tenant (default "default")
  --scopes LIST       comma-separated, from ${SCOPES.join(', ')} (default all but admin)
  --test              a dk_test_ key instead of dk_live_
  --budget CREDITS    set the tenant's credit budget
${KEY_HELP}`,
  options: {
    ...KEY_OPTIONS,
    tenant: { type: 'string' },
    name: { type: 'string' },
    scopes: { type: 'string' },
    test: { type: 'boolean' },
    budget: { type: 'string' },
  },
  async run(v) {
    const tenantId = String(v.tenant ?? 'default');
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(tenantId))
      throw new UsageError(`--tenant must match ^[a-z0-9][a-z0-9_-]{0,62}$, got '${tenantId}'`);
    const scopes = v.scopes
      ? String(v.scopes)
          .split(',')
          .map((s) => s.trim())
      : DEFAULT_SCOPES;
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length)
      throw new UsageError(`--scopes: unknown scope ${unknown.join(', ')}; expected ${SCOPES.join(', ')}`);
    const budget = numberFlag(v, 'budget');
    const api = keysClient(v);
    if (api) {
      const { data: created } = await api.api.POST('/v1/keys', {
        body: {
          tenant_id: tenantId,
          ...(v.name ? { name: String(v.name) } : {}),
          scopes: scopes as Scope[],
          mode: v.test ? 'test' : 'live',
          ...(budget !== undefined ? { budget } : {}),
        },
      });
      if (!created) throw new Error('the server answered without the created key');
      print({ id: created.id, key: created.key, tenant_id: created.tenant_id, scopes: created.scopes });
      process.stderr.write('Store this key now: only its hash is kept.\n');
      return;
    }
    await withDb(v, async (db) => {
      const { key, row } = await createKey(db, {
        tenantId,
        name: v.name as string | undefined,
        scopes: scopes as Scope[],
        mode: v.test ? 'test' : 'live',
      });
      if (budget !== undefined) await setTenantBudget(db, tenantId, budget);
      print({ id: row.id, key, tenant_id: row.tenant_id, scopes: row.scopes });
      process.stderr.write('Store this key now: only its hash is kept.\n');
    });
  },
};

const keysList: Command = {
  name: 'keys list',
  summary: 'list API keys (never the secrets)',
  usage: `distillery keys list [--tenant T]
  --tenant T          only this tenant's keys
${KEY_HELP}`,
  options: { ...KEY_OPTIONS, tenant: { type: 'string' } },
  async run(v) {
    const tenantId = v.tenant ? String(v.tenant) : undefined;
    const api = keysClient(v);
    if (api) {
      const keys: Schemas['ApiKey'][] = [];
      for (let offset = 0; ; ) {
        const { data: page } = await api.api.GET('/v1/keys', {
          params: { query: { limit: 100, offset, ...(tenantId ? { tenant_id: tenantId } : {}) } },
        });
        if (!page) throw new Error('the server answered without a page of keys');
        keys.push(...page.keys);
        offset += page.keys.length;
        if (!page.has_more || page.keys.length === 0) break;
      }
      print(keys);
      return;
    }
    await withDb(v, async (db) => print((await listKeys(db, { tenantId })).rows));
  },
};

const keysRevoke: Command = {
  name: 'keys revoke',
  summary: 'revoke an API key by id (refused from the next request on)',
  usage: `distillery keys revoke <key-id>\n${KEY_HELP}`,
  options: KEY_OPTIONS,
  positionals: ['key-id'],
  async run(v, [id]) {
    const api = keysClient(v);
    if (api) {
      await api.api.DELETE('/v1/keys/{key_id}', { params: { path: { key_id: String(id) } } });
      process.stdout.write(`revoked ${id}\n`);
      return;
    }
    await withDb(v, async (db) => {
      const r = await revokeKey(db, String(id));
      if (!r) throw new Error(`no key ${id}`);
      process.stdout.write(
        r.changed ? `revoked ${id}\n` : `revoked ${id} (already, at ${r.row.revoked_at?.toISOString()})\n`,
      );
    });
  },
};

const jobsCreate: Command = {
  name: 'jobs create',
  summary: 'create a distillation job',
  usage: `distillery jobs create (--file request.json | --teacher T --student S [flags])
  --file PATH         the whole request body as JSON
  --name NAME         job name
  --teacher MODEL     config.teacher_model, e.g. local/ft-spam-teacher
  --student MODEL     config.student_model, e.g. distillery-micro
  --dataset ID        config.dataset_id
  --steps N           config.training_steps
${CLIENT_HELP}`,
  options: {
    ...CLIENT_OPTIONS,
    file: { type: 'string' },
    name: { type: 'string' },
    teacher: { type: 'string' },
    student: { type: 'string' },
    dataset: { type: 'string' },
    steps: { type: 'string' },
  },
  async run(v) {
    let body: JobCreateParams;
    // The server validates the file's request body and names what is wrong with it.
    if (v.file) body = JSON.parse(await readFile(String(v.file), 'utf8')) as JobCreateParams;
    else {
      if (!v.teacher || !v.student)
        throw new UsageError('jobs create needs --file, or --teacher and --student');
      const steps = numberFlag(v, 'steps');
      body = {
        ...(v.name ? { name: String(v.name) } : {}),
        config: {
          teacher_model: String(v.teacher),
          student_model: String(v.student),
          ...(v.dataset ? { dataset_id: String(v.dataset) } : {}),
          ...(steps ? { training_steps: steps } : {}),
        },
      };
    }
    print(await sdkClient(v).jobs.create(body));
  },
};

const jobsList: Command = {
  name: 'jobs list',
  summary: 'list distillation jobs',
  usage: `distillery jobs list [--status S] [--limit N]\n${CLIENT_HELP}`,
  options: { ...CLIENT_OPTIONS, status: { type: 'string' }, limit: { type: 'string' } },
  async run(v) {
    const limit = numberFlag(v, 'limit');
    const page = await sdkClient(v).jobs.list({
      ...(v.status ? { status: String(v.status) as JobStatus } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    for (const j of page.items) process.stdout.write(`${j.id}\t${j.status}\t${j.phase}\t${j.name ?? ''}\n`);
    process.stdout.write(`${page.items.length} of ${page.total}\n`);
  },
};

const jobsGet: Command = {
  name: 'jobs get',
  summary: 'show a distillation job',
  usage: `distillery jobs get <job-id>\n${CLIENT_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: ['job-id'],
  async run(v, [id]) {
    print(await sdkClient(v).jobs.get(String(id)));
  },
};

const jobsCancel: Command = {
  name: 'jobs cancel',
  summary: 'cancel a distillation job',
  usage: `distillery jobs cancel <job-id>\n${CLIENT_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: ['job-id'],
  async run(v, [id]) {
    print(await sdkClient(v).jobs.cancel(String(id)));
  },
};

const jobsWait: Command = {
  name: 'jobs wait',
  summary: 'wait for a job to finish, with a live progress bar; exits 1 unless it completed',
  usage: `distillery jobs wait <job-id> [--interval SECONDS]\n${CLIENT_HELP}`,
  options: { ...CLIENT_OPTIONS, interval: { type: 'string' } },
  positionals: ['job-id'],
  async run(v, [id]) {
    const interval = (numberFlag(v, 'interval') ?? 1) * 1000;
    const tty = process.stderr.isTTY;
    const show = (job: Job) =>
      process.stderr.write(tty ? `\r\x1b[2K${progressLine(job)}` : `${progressLine(job)}\n`);
    let job: Job;
    try {
      // The SDK's waiter: it follows the job's event stream and polls when there is none.
      job = await sdkClient(v).jobs.waitForCompletion(String(id), {
        pollInterval: interval,
        onProgress: show,
      });
    } catch (err) {
      const unfinished = unfinishedJob(err);
      if (!unfinished) throw err;
      job = unfinished as Job;
      process.exitCode = 1;
    }
    if (tty) process.stderr.write('\n');
    print(job);
  },
};

const datasetsUpload: Command = {
  name: 'datasets upload',
  summary: 'upload a JSONL dataset',
  usage: `distillery datasets upload <file.jsonl> [--name NAME]\n${CLIENT_HELP}`,
  options: { ...CLIENT_OPTIONS, name: { type: 'string' } },
  positionals: ['file'],
  async run(v, [file]) {
    const name = String(v.name ?? basename(String(file)).replace(/\.jsonl?$/, ''));
    print(await sdkClient(v).datasets.upload({ file: String(file), name }));
  },
};

const modelsList: Command = {
  name: 'models list',
  summary: 'list presets, fine-tuned, distilled and imported models',
  usage: `distillery models list\n${CLIENT_HELP}`,
  options: CLIENT_OPTIONS,
  async run(v) {
    const list = await sdkClient(v).models.list();
    for (const m of list.items) process.stdout.write(`${m.id}\t${m.kind}\t${m.parameters ?? '-'}\n`);
  },
};

const modelsImport: Command = {
  name: 'models import',
  summary:
    'import a pretrained model: a Hugging Face folder, a .gguf, a .tar[.gz], or a URL the server fetches',
  usage: `distillery models import <path-or-url> [--name NAME]
  <path-or-url>      a Hugging Face folder (config.json, model.safetensors, tokenizer.json, …), a .gguf
                     file, a .tar or .tar.gz of a folder, or an http(s) URL of a .gguf or archive
                     that the server fetches (only from hosts in its DISTILLERY_IMPORT_HOSTS)
  --name NAME        the model's name (default: the folder's or file's name)
${CLIENT_HELP}`,
  options: { ...CLIENT_OPTIONS, name: { type: 'string' } },
  positionals: ['path-or-url'],
  async run(v, [source]) {
    const target = String(source);
    const name = v.name === undefined ? undefined : String(v.name);
    if (name === '') throw new UsageError('--name must not be empty');
    const isUrl = /^https?:\/\//i.test(target);
    process.stderr.write(`importing ${target}…\n`);
    const model = await sdkClient(v).models.import({
      ...(isUrl ? { source_url: target } : { path: target }),
      ...(name ? { name } : {}),
    });
    print(model);
  },
};

const modelsDelete: Command = {
  name: 'models delete',
  summary: 'delete an imported, fine-tuned or distilled model',
  usage: `distillery models delete <model-id>\n${CLIENT_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: ['model-id'],
  async run(v, [id]) {
    await sdkClient(v).models.delete(String(id));
    process.stdout.write(`deleted ${id}\n`);
  },
};

export const COMMANDS: Command[] = [
  serve,
  worker,
  keysCreate,
  keysList,
  keysRevoke,
  jobsCreate,
  jobsList,
  jobsGet,
  jobsCancel,
  jobsWait,
  datasetsUpload,
  modelsList,
  modelsImport,
  modelsDelete,
];
