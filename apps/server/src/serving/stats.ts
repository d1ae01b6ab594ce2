import type { Schemas } from '../openapi/spec.ts';

/** Seconds over which `tokens_per_second` is reckoned. */
export const WINDOW_SECONDS = 60;
const RECENT = 256;
const SAMPLES = 4096;
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export type RecentRequest = Schemas['RecentRequest'] & { tenant_id: string };

/** The latest `size` values, oldest overwritten first. */
class Ring {
  private readonly values: number[] = [];
  private next = 0;
  private readonly size: number;
  constructor(size: number) {
    this.size = size;
  }
  push(v: number): void {
    if (this.values.length < this.size) this.values.push(v);
    else this.values[this.next] = v;
    this.next = (this.next + 1) % this.size;
  }
  percentiles(): Schemas['LatencyPercentiles'] {
    const sorted = [...this.values].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted.length
        ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10
        : null;
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99), samples: sorted.length };
  }
}

class Histogram {
  readonly counts = BUCKETS.map(() => 0);
  sum = 0;
  count = 0;
  observe(seconds: number): void {
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) this.counts[i]! += 1;
    });
    this.sum += seconds;
    this.count += 1;
  }
  render(name: string, help: string): string[] {
    const out = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
    for (const [i, b] of BUCKETS.entries()) out.push(`${name}_bucket{le="${b}"} ${this.counts[i]}`);
    out.push(
      `${name}_bucket{le="+Inf"} ${this.count}`,
      `${name}_sum ${this.sum}`,
      `${name}_count ${this.count}`,
    );
    return out;
  }
}

/**
 * Serving figures kept in memory: a bounded ring of recent requests (per tenant when read), latency
 * samples, tokens per second over the last minute, and Prometheus counters and histograms. Nothing
 * here names a model or a tenant in /metrics, which any client may read.
 */
export class ServingStats {
  private readonly recent: RecentRequest[] = [];
  private readonly ttft = new Ring(SAMPLES);
  private readonly itl = new Ring(SAMPLES);
  private readonly ttftHistogram = new Histogram();
  private readonly itlHistogram = new Histogram();
  private readonly durationHistogram = new Histogram();
  /** Tokens generated per second of the clock, for the last WINDOW_SECONDS. */
  private readonly perSecond = new Map<number, number>();
  generatedTokens = 0;
  promptTokens = 0;
  requests = 0;
  private readonly requestCounts = new Map<string, number>();

  /** A generated token arrived `gapMs` after the previous one of its sequence (null: its first). */
  token(gapMs: number | null): void {
    this.generatedTokens += 1;
    const second = Math.floor(Date.now() / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    if (this.perSecond.size > WINDOW_SECONDS + 5)
      for (const s of this.perSecond.keys()) if (s <= second - WINDOW_SECONDS) this.perSecond.delete(s);
    if (gapMs !== null) {
      this.itl.push(gapMs);
      this.itlHistogram.observe(gapMs / 1000);
    }
  }

  firstToken(ms: number): void {
    this.ttft.push(ms);
    this.ttftHistogram.observe(ms / 1000);
  }

  finished(r: RecentRequest): void {
    this.requests += 1;
    this.promptTokens += r.prompt_tokens;
    const key = `endpoint="${r.endpoint}",status="${r.status}"`;
    this.requestCounts.set(key, (this.requestCounts.get(key) ?? 0) + 1);
    this.durationHistogram.observe(r.duration_ms / 1000);
    this.recent.push(r);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  recentOf(tenantId: string, limit: number): Schemas['RecentRequest'][] {
    const out: Schemas['RecentRequest'][] = [];
    for (let i = this.recent.length - 1; i >= 0 && out.length < limit; i--) {
      const { tenant_id, ...r } = this.recent[i]!;
      if (tenant_id === tenantId) out.push(r);
    }
    return out;
  }

  tokensPerSecond(): number {
    const now = Math.floor(Date.now() / 1000);
    let sum = 0;
    for (const [s, n] of this.perSecond) if (s > now - WINDOW_SECONDS && s <= now) sum += n;
    return Math.round((sum / WINDOW_SECONDS) * 10) / 10;
  }

  latency(): { ttft: Schemas['LatencyPercentiles']; itl: Schemas['LatencyPercentiles'] } {
    return { ttft: this.ttft.percentiles(), itl: this.itl.percentiles() };
  }

  /** Prometheus lines: counters and histograms; the gauges (queue depth, batch) are the caller's. */
  render(): string[] {
    const out = [
      '# HELP distillery_serving_requests_total Inference requests answered, by endpoint and status.',
      '# TYPE distillery_serving_requests_total counter',
      ...[...this.requestCounts].map(([k, v]) => `distillery_serving_requests_total{${k}} ${v}`),
      '# HELP distillery_serving_prompt_tokens_total Prompt tokens of inference requests.',
      '# TYPE distillery_serving_prompt_tokens_total counter',
      `distillery_serving_prompt_tokens_total ${this.promptTokens}`,
      '# HELP distillery_serving_generated_tokens_total Tokens generated by the serving decoders.',
      '# TYPE distillery_serving_generated_tokens_total counter',
      `distillery_serving_generated_tokens_total ${this.generatedTokens}`,
      ...this.ttftHistogram.render(
        'distillery_serving_time_to_first_token_seconds',
        'Time from an inference request to its first generated token.',
      ),
      ...this.itlHistogram.render(
        'distillery_serving_inter_token_latency_seconds',
        'Time between consecutive tokens of a sequence.',
      ),
      ...this.durationHistogram.render(
        'distillery_serving_request_duration_seconds',
        'Inference request latency, to the last token.',
      ),
    ];
    return out;
  }
}
