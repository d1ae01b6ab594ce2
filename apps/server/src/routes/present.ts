import type { Schemas } from '../openapi/spec.ts';
import type { ArtifactRow } from '../storage/artifacts.ts';
import type { DatasetRow } from '../storage/datasets.ts';
import type { DistillationJobRow, FineTuningJobRow } from '../storage/jobs.ts';

/** Storage rows → the spec's response shapes. */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function distillationJob(j: DistillationJobRow): Schemas['DistillationJob'] {
  return {
    id: j.id,
    tenant_id: j.tenant_id,
    name: j.name ?? undefined,
    description: j.description,
    status: j.status,
    phase: j.phase,
    config: j.config,
    progress: j.progress,
    results: j.results,
    error: j.error,
    cost_accrued: j.cost_accrued,
    metadata: j.metadata,
    webhook_url: j.webhook_url,
    created_at: j.created_at.toISOString(),
    updated_at: j.updated_at.toISOString(),
    started_at: iso(j.started_at),
    finished_at: iso(j.finished_at),
  };
}

export function fineTuningJob(j: FineTuningJobRow): Schemas['FineTuningJob'] {
  const c = j.config;
  return {
    id: j.id,
    tenant_id: j.tenant_id,
    name: j.name ?? '',
    description: j.description,
    base_model: c.base_model,
    training_dataset: c.training_dataset,
    validation_dataset: c.validation_dataset ?? null,
    hyperparameters: c.hyperparameters,
    suffix: c.suffix ?? null,
    backend: c.backend,
    result_model: j.result_model,
    status: j.status,
    phase: j.phase,
    progress: j.progress,
    metrics: j.metrics,
    trained_tokens: j.trained_tokens,
    error: j.error,
    cost_accrued: j.cost_accrued,
    metadata: j.metadata,
    webhook_url: j.webhook_url,
    created_at: j.created_at.toISOString(),
    updated_at: j.updated_at.toISOString(),
    started_at: iso(j.started_at),
    finished_at: iso(j.finished_at),
  };
}

export function dataset(d: DatasetRow): Schemas['Dataset'] {
  return {
    id: d.id,
    tenant_id: d.tenant_id,
    name: d.name,
    format: d.format,
    row_count: d.row_count,
    size_bytes: d.size_bytes,
    checksum_sha256: d.checksum_sha256,
    ...(d.label_counts ? { label_counts: d.label_counts } : {}),
    created_at: d.created_at.toISOString(),
  };
}

export function jobArtifacts(
  jobId: string,
  rows: ArtifactRow[],
  downloadBase: string,
): Schemas['JobArtifacts'] {
  const by = new Map(rows.map((r) => [r.format, r]));
  const safetensors = by.get('safetensors')?.path ?? null;
  const gguf: Record<string, string> = {};
  for (const r of rows) if (r.format.startsWith('gguf_') && r.quantization) gguf[r.quantization] = r.path;
  const tokenizer = by.get('tokenizer')?.path ?? null;
  return {
    job_id: jobId,
    adapter_path: safetensors
      ? safetensors.slice(0, safetensors.lastIndexOf('/') + 1)
      : tokenizer
        ? tokenizer.slice(0, tokenizer.lastIndexOf('/') + 1)
        : null,
    safetensors_path: safetensors,
    gguf_paths: gguf,
    tokenizer_path: tokenizer,
    config_path: by.get('config')?.path ?? null,
    artifacts: rows.map((r) => ({
      format: r.format as Schemas['ArtifactFormat'],
      path: r.path,
      size_bytes: r.size_bytes,
      checksum_sha256: r.checksum_sha256,
      download_url: `${downloadBase}/${r.format}/download`,
      ...(r.quantization ? { quantization: r.quantization as Schemas['QuantizationType'] } : {}),
    })),
  };
}
