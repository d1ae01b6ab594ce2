/**
 * A small Prometheus registry in the text exposition format: HTTP counters and latency histogram
 * kept in memory, job, queue and training gauges collected at scrape time.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function labels(obj: Record<string, string>): string {
  const parts = Object.entries(obj).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return parts.length ? `{${parts.join(',')}}` : '';
}

export interface TrainingGauge {
  step: number;
  loss: number | undefined;
  tokensPerSecond: number | undefined;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, { buckets: number[]; sum: number; count: number }>();
  /** Jobs this process is training now, by job id. */
  readonly training = new Map<string, TrainingGauge>();

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const key = labels({ method, route, status: String(status) });
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const dKey = labels({ method, route });
    let d = this.durations.get(dKey);
    if (!d) {
      d = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(dKey, d);
    }
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) (d.buckets[i] as number)++;
    });
    d.sum += seconds;
    d.count++;
  }

  render(
    gauges: {
      name: string;
      help: string;
      samples: Array<{ labels?: Record<string, string>; value: number }>;
    }[],
  ): string {
    const out: string[] = [];
    out.push(
      '# HELP distillery_http_requests_total HTTP requests served.',
      '# TYPE distillery_http_requests_total counter',
    );
    for (const [k, v] of this.requests) out.push(`distillery_http_requests_total${k} ${v}`);
    out.push(
      '# HELP distillery_http_request_duration_seconds HTTP request latency.',
      '# TYPE distillery_http_request_duration_seconds histogram',
    );
    for (const [k, d] of this.durations) {
      const inner = k.slice(1, -1);
      for (const [i, b] of BUCKETS.entries())
        out.push(`distillery_http_request_duration_seconds_bucket{${inner},le="${b}"} ${d.buckets[i]}`);
      out.push(`distillery_http_request_duration_seconds_bucket{${inner},le="+Inf"} ${d.count}`);
      out.push(
        `distillery_http_request_duration_seconds_sum${k} ${d.sum}`,
        `distillery_http_request_duration_seconds_count${k} ${d.count}`,
      );
    }
    const training = [
      {
        name: 'distillery_training_step',
        help: 'Current optimizer step of a job training in this process.',
        pick: (g: TrainingGauge) => g.step,
      },
      {
        name: 'distillery_training_loss',
        help: 'Latest training loss of a job training in this process.',
        pick: (g: TrainingGauge) => g.loss,
      },
      {
        name: 'distillery_training_tokens_per_second',
        help: 'Training throughput of a job in this process.',
        pick: (g: TrainingGauge) => g.tokensPerSecond,
      },
    ];
    for (const t of training) {
      gauges.push({
        name: t.name,
        help: t.help,
        samples: [...this.training].flatMap(([job_id, g]) => {
          const value = t.pick(g);
          return value === undefined ? [] : [{ labels: { job_id }, value }];
        }),
      });
    }
    for (const g of gauges) {
      out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const s of g.samples) out.push(`${g.name}${labels(s.labels ?? {})} ${s.value}`);
    }
    return `${out.join('\n')}\n`;
  }
}
