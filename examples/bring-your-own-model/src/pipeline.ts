import { loadSpamAssassin, majorityRate } from '@distillery/engine';
import type { Distillery, FineTuningJob, Job, Model } from '@distillery/sdk';

export interface ByomOptions {
  /** A Hugging Face folder, a .gguf or a tar of either. */
  checkpoint: string;
  /** A smaller run for tests: fewer mails and steps. */
  quick: boolean;
  log: (line: string) => void;
}

export interface ByomResult {
  imported: Model;
  teacher: FineTuningJob;
  student: Job;
  majorityRate: number;
}

/**
 * A checkpoint from outside through the SDK: imported, fine-tuned on labelled mail (training
 * continues from its weights, with its own tokenizer), then distilled on unlabelled mail into an
 * `auto` student, the fine-tuned model itself pruned to a quarter of its parameters, both scored on
 * the same held-out mail.
 */
export async function runBringYourOwnModel(client: Distillery, o: ByomOptions): Promise<ByomResult> {
  const splits = loadSpamAssassin(
    o.quick ? { bodyChars: 120, limit: { labelled: 400, unlabelled: 400, test: 300 } } : { bodyChars: 200 },
  );
  const test = splits.test.map(({ prompt, label }) => ({ prompt, label }));
  const [labelled, unlabelled, heldOut] = await Promise.all([
    client.datasets.upload({
      file: splits.labelled.map(({ prompt, label }) => ({ prompt, label })),
      name: 'labelled',
    }),
    client.datasets.upload({ file: splits.unlabelled.map(({ prompt }) => ({ prompt })), name: 'unlabelled' }),
    client.datasets.upload({ file: test, name: 'held-out' }),
  ]);

  o.log(`1/3 importing ${o.checkpoint}`);
  const imported = await client.models.import({ path: o.checkpoint, name: 'byom' });
  o.log(
    `    ${imported.id}: ${imported.architecture?.name}, ${imported.parameters?.toLocaleString('en')} parameters, ${imported.dtype}, ${imported.tokenizer_type} tokenizer of ${imported.vocab_size} tokens`,
  );

  const seqLen = o.quick ? 48 : 96;
  o.log('2/3 fine-tuning it on labelled mail');
  const ft = await client.fineTuning.jobs.create({
    name: 'byom teacher',
    base_model: imported.id,
    training_dataset: labelled.id,
    validation_dataset: heldOut.id,
    hyperparameters: {
      epochs: o.quick ? 6 : 4,
      learning_rate: 3e-3,
      batch_size: 16,
      warmup_steps: 20,
      seq_len: seqLen,
      seed: 1,
    },
    suffix: 'byom-spam',
    backend: 'cpu',
  });
  const teacher = await client.fineTuning.jobs.waitForCompletion(ft.id, { pollInterval: 1_000 });

  const target = Math.floor((imported.parameters ?? 0) / 4);
  o.log(
    `3/3 distilling ${teacher.result_model} into an auto student of at most ${target.toLocaleString('en')} parameters`,
  );
  const created = await client.jobs.create({
    name: 'byom student',
    config: {
      teacher_model: teacher.result_model!,
      student_model: 'auto',
      target_params: String(target),
      dataset_id: unlabelled.id,
      eval_dataset_id: heldOut.id,
      n_samples: 1,
      temperature: 0,
      training_steps: o.quick ? 150 : 600,
      batch_size: 16,
      seq_len: seqLen,
      learning_rate: 3e-3,
      kd_weight: 0.5,
      kd_temperature: 2,
      seed: 2,
      backend: 'cpu',
      output_formats: ['safetensors', 'gguf'],
      quantization_types: ['q8_0'],
    },
  });
  const student = await client.jobs.waitForCompletion(created.id, { pollInterval: 1_000 });
  return { imported, teacher, student, majorityRate: majorityRate(test) };
}
