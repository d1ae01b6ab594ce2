import { join } from 'node:path';
import type { Artifact, Distillery, FineTuningJob, Job } from '@distillery/sdk';
import { spamDatasets } from './datasets.ts';
import { progressPrinter } from './progress.ts';

export interface TriageOptions {
  /** A smaller run for tests: fewer rows and steps. */
  quick: boolean;
  /** Where the downloaded GGUF goes. */
  outDir: string;
  log: (line: string) => void;
}

export interface TriageResult {
  teacher: FineTuningJob;
  student: Job;
  majorityRate: number;
  naiveBayesRate: number;
  artifacts: Artifact[];
  downloaded: { format: string; path: string; sha256: string };
}

/**
 * The SpamAssassin task end to end through the SDK: a teacher fine-tuned on labelled mail, a much
 * smaller student distilled from it on unlabelled mail, both evaluated on the same held-out mail, the
 * student exported to GGUF and downloaded with its checksum verified.
 */
export async function runSpamTriage(client: Distillery, o: TriageOptions): Promise<TriageResult> {
  const data = spamDatasets(o.quick);
  o.log(
    `SpamAssassin: ${data.labelled.length} labelled, ${data.unlabelled.length} unlabelled, ${data.test.length} held-out mails`,
  );
  const [labelled, unlabelled, test] = await Promise.all([
    client.datasets.upload({ file: data.labelled, name: 'spam-labelled' }),
    client.datasets.upload({ file: data.unlabelled, name: 'spam-unlabelled' }),
    client.datasets.upload({ file: data.test, name: 'spam-held-out' }),
  ]);

  // The full run's teacher is 18× the student; the quick one's, for tests, a smaller preset.
  const teacherModel = o.quick ? 'distillery-nano' : 'distillery-micro';
  const seqLen = o.quick ? 48 : 96;
  o.log(`1/2 fine-tuning the teacher (${teacherModel}) on labelled mail`);
  const ft = await client.fineTuning.jobs.create({
    name: 'spam teacher',
    base_model: teacherModel,
    training_dataset: labelled.id,
    validation_dataset: test.id,
    hyperparameters: {
      epochs: o.quick ? 8 : 6,
      learning_rate: 3e-3,
      batch_size: 16,
      warmup_steps: 20,
      seq_len: seqLen,
      seed: 1,
    },
    suffix: 'spam-teacher',
    backend: 'cpu',
  });
  const teacherProgress = progressPrinter('teacher');
  const teacher = await client.fineTuning.jobs.waitForCompletion(ft.id, {
    pollInterval: 1_000,
    onProgress: teacherProgress.onProgress,
  });
  teacherProgress.done();

  o.log(`2/2 distilling ${teacher.result_model} into distillery-pico on unlabelled mail`);
  const created = await client.jobs.create({
    name: 'spam triage',
    config: {
      teacher_model: teacher.result_model!,
      student_model: 'distillery-pico',
      dataset_id: unlabelled.id,
      eval_dataset_id: test.id,
      n_samples: 2,
      temperature: 0.7,
      training_steps: o.quick ? 200 : 800,
      batch_size: 16,
      seq_len: seqLen,
      learning_rate: 5e-3,
      kd_weight: 0.5,
      kd_temperature: 2,
      seed: 2,
      backend: 'cpu',
      accuracy_threshold: -0.03,
      output_formats: ['safetensors', 'gguf'],
      quantization_types: ['q8_0', 'q4_k_m'],
    },
  });
  const studentProgress = progressPrinter('student');
  const student = await client.jobs.waitForCompletion(created.id, {
    pollInterval: 1_000,
    onProgress: studentProgress.onProgress,
  });
  studentProgress.done();

  const { artifacts = [] } = await client.jobs.artifacts.list(student.id);
  const path = join(o.outDir, 'spam-triage-q8_0.gguf');
  const file = await client.jobs.artifacts.download(student.id, 'gguf_q8_0', path);
  return {
    teacher,
    student,
    majorityRate: data.majorityRate,
    naiveBayesRate: data.naiveBayesRate,
    artifacts,
    downloaded: { format: 'gguf_q8_0', path, sha256: file.checksumSha256 },
  };
}
