import { type ClientOptions, type ResolvedOptions, resolveOptions } from './core/options.js';
import { type ApiClient, Transport } from './core/transport.js';
import { Webhooks } from './lib/webhooks.js';
import { Artifacts } from './resources/artifacts.js';
import { Chat } from './resources/chat.js';
import { Completions } from './resources/completions.js';
import { Datasets } from './resources/datasets.js';
import { Embeddings } from './resources/embeddings.js';
import { FineTuning } from './resources/fine-tuning.js';
import { Jobs } from './resources/jobs.js';
import { Models } from './resources/models.js';
import { Config, Hardware, Health, Stats } from './resources/system.js';

/**
 * The Distillery API client.
 *
 * ```ts
 * const client = new Distillery(); // DISTILLERY_BASE_URL, DISTILLERY_API_KEY
 * const job = await client.jobs.create({ config: { teacher_model: 'local/ft-spam-teacher', student_model: 'distillery-micro' } });
 * const done = await client.jobs.waitForCompletion(job.id, { onProgress: (j) => console.log(j.phase) });
 * await client.artifacts.download(done.id, 'gguf_q8_0', './student.gguf'); // sha256-verified
 * ```
 */
export class Distillery {
  /** Distillation jobs, their events, logs, metrics and artifacts. */
  readonly jobs: Jobs;
  /** A distillation job's exported files: `list(jobId)`, `download(jobId, format, path)`. */
  readonly artifacts: Artifacts;
  /** Fine-tuning jobs and the base models they start from. */
  readonly fineTuning: FineTuning;
  readonly datasets: Datasets;
  readonly models: Models;
  /** OpenAI-compatible chat completions of the tenant's models: `chat.completions.create`, streamed or not. */
  readonly chat: Chat;
  /** OpenAI-compatible text completions (`create`, streamed or not) and reference 004's `batch`. */
  readonly completions: Completions;
  readonly embeddings: Embeddings;
  readonly hardware: Hardware;
  /** Tenant totals (`get`) and serving figures (`decode`, `recentRequests`). */
  readonly stats: Stats;
  readonly config: Config;
  readonly health: Health;
  readonly webhooks: Webhooks;
  /** The typed openapi-fetch client underneath, for operations the resources do not wrap. */
  readonly api: ApiClient;
  readonly options: Readonly<ResolvedOptions>;

  constructor(options: ClientOptions = {}) {
    this.options = resolveOptions(options);
    const transport = new Transport(this.options);
    this.api = transport.api;
    this.artifacts = new Artifacts(transport);
    this.jobs = new Jobs(transport, this.artifacts);
    this.fineTuning = new FineTuning(transport);
    this.datasets = new Datasets(transport);
    this.models = new Models(transport);
    this.chat = new Chat(transport);
    this.completions = new Completions(transport);
    this.embeddings = new Embeddings(transport);
    this.hardware = new Hardware(transport);
    this.stats = new Stats(transport);
    this.config = new Config(transport);
    this.health = new Health(transport);
    this.webhooks = new Webhooks();
  }
}
