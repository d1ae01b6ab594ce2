/**
 * The models a tenant sees: presets, configured teacher endpoints, and the models its completed
 * fine-tuning and distillation jobs produced (OpenAI-style, with parameter counts and source job).
 */
import type { MockContext } from '../context';
import type { Schemas } from '../spec';
import { OPENAI_TEACHERS, PRESETS, presetParameters } from './catalogue';
import type { AnyJob } from './store';

type Model = Schemas['Model'];

export function tenantModels(ctx: MockContext, tenant: string, now: number): Model[] {
  const models: Model[] = [...PRESETS];
  if (ctx.options.openaiTeacher) {
    for (const id of OPENAI_TEACHERS) {
      models.push({
        id,
        object: 'model',
        created: 1776600000,
        owned_by: 'openai',
        kind: 'teacher_endpoint',
        parameters: null,
      });
    }
  }
  const produced = [
    ...ctx.state.tenantJobs('fine_tuning', tenant, now),
    ...ctx.state.tenantJobs('distillation', tenant, now),
  ].filter((job) => job.last.status === 'completed');
  produced.sort((a, b) => (a.last.finishedAt ?? 0) - (b.last.finishedAt ?? 0));
  for (const job of produced) models.push(producedModel(job));
  for (const record of ctx.state.importedModels.values())
    if (record.tenant === tenant) models.push(record.model);
  return models.filter((m) => !ctx.state.deletedModels.has(`${tenant}/${m.id}`));
}

function producedModel(job: AnyJob): Model {
  const base = job.kind === 'fine_tuning' ? job.baseModel : job.config.student_model;
  const preset = PRESETS.find((m) => m.id === base.replace(/^local\//, ''));
  const parameters = job.kind === 'fine_tuning' ? job.baseParameters : job.studentParameters;
  return {
    id: job.resultModel,
    object: 'model',
    created: Math.floor((job.last.finishedAt ?? job.createdAt) / 1000),
    owned_by: job.tenant,
    kind: job.kind === 'fine_tuning' ? 'fine_tuned' : 'distilled',
    parameters: parameters ?? null,
    ...(preset?.context_length ? { context_length: preset.context_length } : {}),
    base_model: base,
    source_job_id: job.id,
    ...(preset?.architecture ? { architecture: preset.architecture } : {}),
  };
}

/** Parameters of a model this tenant can name as `local/<id>`, or undefined when unknown. */
export function localModelParameters(ctx: MockContext, tenant: string, id: string, now: number) {
  const model = tenantModels(ctx, tenant, now).find((m) => m.id === id || `local/${m.id}` === id);
  if (!model) return { known: false as const };
  return { known: true as const, parameters: model.parameters ?? presetParameters(id) };
}

/** `local/<slug>` for a new job's product, unique among the tenant's jobs. */
export function resultModelId(ctx: MockContext, tenant: string, stem: string): string {
  const slug =
    stem
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'model';
  const taken = new Set(
    [...ctx.state.jobs.values()].filter((j) => j.tenant === tenant).map((j) => j.resultModel),
  );
  let id = `local/${slug}`;
  for (let n = 2; taken.has(id); n++) id = `local/${slug}-${n}`;
  return id;
}
