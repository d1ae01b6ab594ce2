/**
 * Scenario controls: one-shot twists a consumer's test arms before it acts, so it can check how
 * its code copes with a failing job, a poor student, a slow run, rate limiting or a server error.
 * Job scenarios apply to the next job created (distillation or fine-tuning) and then clear; completion
 * scenarios to the next inference request.
 */
import type { Phase } from './state/timeline';

export interface NextJobScenario {
  /** The phase the job fails in (halfway through it). */
  failIn?: Phase;
  /** `error.code` of the failed job (default `training_error`). */
  errorCode?: string;
  errorMessage?: string;
  /** Student minus teacher accuracy the evaluation reports. */
  accuracyDelta?: number;
  teacherAccuracy?: number;
  /** Multiplies every phase's duration. */
  slowdown?: number;
  /**
   * `false`: the job could not be evaluated (no held-out row had a label or completion), so its
   * results are `{evaluated: false, eval_rows: 0, threshold_passed: false}` with no accuracies.
   */
  evaluated?: boolean;
}

export interface RateLimitScenario {
  /** How many of the next requests answer 429. */
  requests: number;
  /** `Retry-After` in seconds. */
  retryAfter: number;
}

export interface StreamFailureScenario {
  /** Chunks sent before the error event (default 1). */
  afterChunks: number;
  /** The error's code: `internal_error` (500, the default), `overloaded` (503) or `timeout` (504). */
  code: 'internal_error' | 'overloaded' | 'timeout';
}

export class Scenarios {
  private job: NextJobScenario = {};
  private completions: string[] | undefined;
  private streamFailure: StreamFailureScenario | undefined;
  private rateLimit: RateLimitScenario | undefined;
  private internalErrors = 0;
  private unhealthyCheck: 'database' | 'queue' | undefined;

  /** The next job fails in `phase`; its `error` carries `code` (default `training_error`). */
  failNextJob(phase: Phase, options: { code?: string; message?: string } = {}): this {
    this.job.failIn = phase;
    this.job.errorCode = options.code ?? 'training_error';
    this.job.errorMessage = options.message ?? `Simulated failure during ${phase}`;
    return this;
  }

  /** The next job's evaluation reports this accuracy delta (and, optionally, teacher accuracy). */
  nextJobAccuracy(accuracyDelta: number, teacherAccuracy?: number): this {
    if (teacherAccuracy !== undefined && (teacherAccuracy < 0 || teacherAccuracy > 1)) {
      throw new RangeError('teacherAccuracy must be between 0 and 1');
    }
    this.job.accuracyDelta = accuracyDelta;
    if (teacherAccuracy !== undefined) this.job.teacherAccuracy = teacherAccuracy;
    return this;
  }

  /**
   * The next job completes without an evaluation, as when none of its held-out rows has a label
   * or completion to score: `results` is `{evaluated: false, eval_rows: 0, threshold_passed: false}`
   * (plus the parameter counts and sizes), with no accuracies, delta or interval; a fine-tuning
   * job's `metrics` has no `validation_accuracy`. Overrides `nextJobAccuracy`.
   */
  nextJobNotEvaluated(): this {
    this.job.evaluated = false;
    return this;
  }

  /** The next job takes `factor` times as long in every phase (default 10). */
  slowNextJob(factor = 10): this {
    if (!(factor > 0)) throw new RangeError('slowdown factor must be > 0');
    this.job.slowdown = factor;
    return this;
  }

  /** The next `requests` API requests answer 429 `rate_limited` with `Retry-After: retryAfter`. */
  rateLimitNext(requests = 1, options: { retryAfter?: number } = {}): this {
    this.rateLimit = { requests, retryAfter: options.retryAfter ?? 1 };
    return this;
  }

  /** The next `requests` API requests answer 500 `internal_error`. */
  failNextRequests(requests = 1): this {
    this.internalErrors = requests;
    return this;
  }

  /** `/health` answers 503 with this check in error, until `reset()`. */
  unhealthy(check: 'database' | 'queue' = 'database'): this {
    this.unhealthyCheck = check;
    return this;
  }

  /**
   * The next chat completion, completion or batch answers these texts instead of lorem ipsum: choice
   * i gets `texts[i % texts.length]`, still cut by `max_tokens` and `stop` (a token is a word with
   * the whitespace before it).
   */
  nextCompletion(...texts: string[]): this {
    if (texts.length === 0) throw new RangeError('nextCompletion needs at least one text');
    this.completions = texts;
    return this;
  }

  /**
   * The next streamed completion (chat or text) sends `afterChunks` chunks, then the error event
   * `data: {"error": {…}}` the server sends when generation fails after the stream started, and
   * ends without `[DONE]`.
   */
  failNextStream(options: { afterChunks?: number; code?: StreamFailureScenario['code'] } = {}): this {
    const afterChunks = options.afterChunks ?? 1;
    if (!Number.isInteger(afterChunks) || afterChunks < 0)
      throw new RangeError('afterChunks must be an integer ≥ 0');
    this.streamFailure = { afterChunks, code: options.code ?? 'internal_error' };
    return this;
  }

  /** Consumed by the next inference request. */
  takeCompletions(): string[] | undefined {
    const texts = this.completions;
    this.completions = undefined;
    return texts;
  }

  /** Consumed by the next streamed inference request. */
  takeStreamFailure(): StreamFailureScenario | undefined {
    const failure = this.streamFailure;
    this.streamFailure = undefined;
    return failure;
  }

  /** Consumed by job creation. */
  takeNextJob(): NextJobScenario {
    const job = this.job;
    this.job = {};
    return job;
  }

  /** Consumed per request; the `Retry-After` to answer with, when this request is to be limited. */
  takeRateLimit(): number | undefined {
    if (!this.rateLimit || this.rateLimit.requests <= 0) return undefined;
    this.rateLimit.requests -= 1;
    return this.rateLimit.retryAfter;
  }

  takeInternalError(): boolean {
    if (this.internalErrors <= 0) return false;
    this.internalErrors -= 1;
    return true;
  }

  get failingCheck() {
    return this.unhealthyCheck;
  }

  reset() {
    this.job = {};
    this.completions = undefined;
    this.streamFailure = undefined;
    this.rateLimit = undefined;
    this.internalErrors = 0;
    this.unhealthyCheck = undefined;
  }
}
