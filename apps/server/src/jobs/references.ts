import { isStudentModel, STUDENT_MODELS } from '@distillery/engine';
import type { Services } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { findPreset } from '../services/catalog.ts';
import { type DatasetRow, getDataset } from '../storage/datasets.ts';
import type { DistillationJobConfig, FineTuningJobConfig } from '../storage/jobs.ts';
import { getModel } from '../storage/models.ts';
import { distillationRowCount } from './billing.ts';

/** What a job's config names must exist for the tenant: checked when it is created or estimated. */

/**
 * Checks what the schema cannot: the student must be a shape the engine knows, referenced datasets
 * and local teachers must exist for the tenant, and a local teacher needs rows left to train on.
 */
export async function checkDistillationReferences(
  s: Services,
  tenantId: string,
  config: DistillationJobConfig,
): Promise<number> {
  for (const field of ['dataset_id', 'eval_dataset_id'] as const) {
    const id = config[field];
    if (id && !(await getDataset(s.db, tenantId, id)))
      throw new ApiError(400, 'invalid_config', `config.${field}: no dataset ${id}`, {
        param: `config.${field}`,
      });
  }
  const rows = await distillationRowCount(s.db, tenantId, config);
  if (config.dataset_id && config.prompts) {
    throw new ApiError(400, 'invalid_config', 'config.prompts cannot be combined with config.dataset_id', {
      param: 'config.prompts',
    });
  }
  await checkStudent(s, tenantId, config);
  const teacher = config.teacher_model;
  if (
    teacher.startsWith('local/') &&
    !findPreset(teacher.slice(6)) &&
    !(await getModel(s.db, tenantId, teacher))
  ) {
    throw new ApiError(400, 'invalid_config', `config.teacher_model: no model ${teacher} on this server`, {
      param: 'config.teacher_model',
    });
  }
  // Reference 000 creates hosted-teacher jobs from `num_prompts` alone, so only a local teacher,
  // which answers given prompts, is refused here for having none.
  if (rows === 0 && config.teacher_model.startsWith('local/')) {
    throw new ApiError(
      400,
      'invalid_config',
      'config.dataset_id: a local teacher needs rows to answer; set config.dataset_id or config.prompts',
      { param: 'config.dataset_id' },
    );
  }
  // The engine holds out round(rows × eval_split) rows unless an evaluation dataset is named; too few
  // held out is reported as `results.evaluated: false`, none left to train on is undistillable.
  if (rows > 0 && !config.eval_dataset_id && Math.round(rows * config.eval_split) === rows) {
    throw new ApiError(
      400,
      'invalid_config',
      `config.eval_split: ${config.eval_split} of ${rows} rows leaves nothing to train on; add rows, lower eval_split or set config.eval_dataset_id`,
      { param: 'config.eval_split' },
    );
  }
  return rows;
}

/**
 * The student is a shape the engine knows, a model of the tenant's, or `auto` (the local teacher
 * pruned to `target_params`, which only it takes).
 */
async function checkStudent(s: Services, tenantId: string, config: DistillationJobConfig): Promise<void> {
  const invalid = (param: string, message: string) =>
    new ApiError(400, 'invalid_config', `${param}: ${message}`, { param });
  const student = config.student_model;
  if (student === 'auto') {
    if (!config.teacher_model.startsWith('local/'))
      throw invalid(
        'config.student_model',
        'auto prunes the teacher, so it needs a local teacher (local/<id>)',
      );
    if (config.target_params === undefined)
      throw invalid('config.target_params', 'is required with student_model auto');
    return;
  }
  if (config.target_params !== undefined)
    throw invalid('config.target_params', 'applies only to student_model auto');
  if (student.startsWith('local/')) {
    if (!(await getModel(s.db, tenantId, student)))
      throw invalid('config.student_model', `no model ${student} on this server`);
    return;
  }
  if (!isStudentModel(student))
    throw invalid(
      'config.student_model',
      `unknown model ${student}; expected auto, local/<model-id> or one of ${STUDENT_MODELS.join(', ')}`,
    );
}

/** The datasets and base model a fine-tuning request names must exist for the tenant. */
export async function checkFineTuningReferences(
  s: Services,
  tenantId: string,
  body: Pick<FineTuningJobConfig, 'base_model' | 'training_dataset' | 'validation_dataset'>,
): Promise<DatasetRow> {
  const training = await getDataset(s.db, tenantId, body.training_dataset);
  if (!training)
    throw notFound('dataset_not_found', `No dataset ${body.training_dataset}`, 'training_dataset');
  if (body.validation_dataset && !(await getDataset(s.db, tenantId, body.validation_dataset))) {
    throw notFound('dataset_not_found', `No dataset ${body.validation_dataset}`, 'validation_dataset');
  }
  const base = body.base_model;
  if (!findPreset(base) && !(base.startsWith('local/') && (await getModel(s.db, tenantId, base)))) {
    throw new ApiError(
      400,
      'invalid_config',
      `base_model: no base model ${base}; see /v1/fine-tuning/base-models`,
      { param: 'base_model' },
    );
  }
  return training;
}
