import { join } from 'node:path';
import type { Backend } from '../backends/backend.ts';
import { type LoadedModel, loadModel } from '../io/model-store.ts';
import type { LocalTeacherModel } from '../training/teachers.ts';
import type { RunOptions } from './context.ts';

export function modelsDir(o: RunOptions): string {
  return o.modelsDir ?? join(o.dataDir, 'models');
}

/** Loads `local/<id>` (or a bare id) from the models directory. */
export async function loadLocalModel(ref: string, o: RunOptions, backend: Backend): Promise<LoadedModel> {
  const id = ref.startsWith('local/') ? ref.slice('local/'.length) : ref;
  if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new Error(`invalid local model id '${id}'`);
  return loadModel(join(modelsDir(o), id), backend);
}

export function asLocalTeacherModel(l: LoadedModel): LocalTeacherModel {
  const meta = l.manifest.metadata as { prompt_budget?: number; answer_budget?: number };
  return {
    model: l.model,
    tokenizer: l.tokenizer,
    promptBudget: meta.prompt_budget ?? l.model.config.maxSeqLen - 18,
    answerBudget: meta.answer_budget ?? 16,
    weightsBytes: l.weightsBytes,
  };
}
