// Run against a server: `npx distillery serve` in another terminal, then `npm start`.
// DISTILLERY_BASE_URL and DISTILLERY_API_KEY configure the client (default http://localhost:8000).
import { join } from 'node:path';
import { Distillery, type Job } from '@distillery/sdk';

/** A toy labelled task small enough to train in seconds: the temperature of a colour. */
const COLOURS = { red: 'warm', orange: 'warm', yellow: 'warm', blue: 'cold', teal: 'cold', grey: 'cold' };
const rows = Object.entries(COLOURS).flatMap(([colour, label]) =>
  ['a', 'the', 'my', 'one', 'this', 'that', 'your', 'our'].map((word) => ({
    prompt: `${word} ${colour} thing`,
    label,
  })),
);

export async function quickstart(client: Distillery, outDir: string): Promise<Job> {
  const dataset = await client.datasets.upload({ file: rows, name: 'colours' });

  // A teacher first: fine-tune the nano preset on the labelled rows.
  const tuning = await client.fineTuning.jobs.create({
    name: 'colour teacher',
    base_model: 'distillery-nano',
    training_dataset: dataset.id,
    hyperparameters: { epochs: 8, learning_rate: 5e-3, batch_size: 8, seq_len: 24 },
  });
  const teacher = await client.fineTuning.jobs.waitForCompletion(tuning.id, { pollInterval: 500 });
  console.log(`teacher ready: ${teacher.result_model}`);

  // Then distil it into the pico preset, watching progress.
  const job = await client.jobs.create({
    name: 'colour student',
    config: {
      teacher_model: teacher.result_model!,
      student_model: 'distillery-pico',
      dataset_id: dataset.id,
      training_steps: 60,
      batch_size: 8,
      seq_len: 24,
      learning_rate: 5e-3,
      eval_split: 0.25,
      quantization_types: ['q8_0'],
    },
  });
  const done = await client.jobs.waitForCompletion(job.id, {
    pollInterval: 500,
    onProgress: (j) =>
      console.log(
        `${j.status} ${j.phase} step ${j.progress.training_step ?? 0}/${j.progress.training_steps_total ?? '?'}`,
      ),
  });
  const { teacher_accuracy, student_accuracy, accuracy_delta } = done.results;
  // A job the server could not evaluate has no accuracies (null or absent).
  console.log(
    teacher_accuracy == null || student_accuracy == null || accuracy_delta == null
      ? 'accuracy: not evaluated'
      : `teacher ${teacher_accuracy}, student ${student_accuracy}, delta ${accuracy_delta}`,
  );

  // The GGUF lands on disk only once its sha256 matches what the server reports.
  const file = await client.jobs.artifacts.download(
    done.id,
    'gguf_q8_0',
    join(outDir, 'colour-student.gguf'),
  );
  console.log(`downloaded ${file.path} (${file.sizeBytes} bytes, sha256 ${file.checksumSha256})`);
  return done;
}

if (import.meta.main) {
  await quickstart(new Distillery(), join(import.meta.dirname, '..', 'out'));
}
