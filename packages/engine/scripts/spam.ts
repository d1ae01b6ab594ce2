/**
 * SpamAssassin end to end: fine-tune a teacher (distillery-micro) on labelled mail, distil a 12×
 * smaller student (distillery-pico) from it on unlabelled mail, train the same student size on the
 * labelled rows alone, and print multinomial naive Bayes on the same split beside them.
 * Usage: npm run spam -w @distillery/engine [-- --quick]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpamAssassin, majorityRate, NaiveBayes, runDistillation, runFineTuning } from '../src/index.ts';

const quick = process.argv.includes('--quick');
// The whole corpus (1,799 labelled, 2,959 unlabelled, 1,288 held-out mails) as subject + 200 body
// characters in 96 tokens of a 2,048-token BPE; --quick takes a sample and the short form.
const seqLen = quick ? 48 : 96;
const vocabSize = quick ? 512 : 2048;
const data = loadSpamAssassin({
  bodyChars: quick ? 120 : 200,
  limit: quick ? { labelled: 400, unlabelled: 600, test: 300 } : {},
});
const dataDir = await mkdtemp(join(tmpdir(), 'distillery-spam-'));
const log = (m: string) => console.log(`  ${m}`);
const t0 = performance.now();
console.log(
  `SpamAssassin: ${data.labelled.length} labelled, ${data.unlabelled.length} unlabelled, ${data.test.length} test mails`,
);

console.log('1/3 fine-tuning the teacher on labelled mail');
const tTeacher = performance.now();
const teacher = await runFineTuning(
  {
    base_model: 'distillery-micro',
    result_model: 'spam-teacher',
    vocab_size: vocabSize,
    seq_len: seqLen,
    seed: 1,
    backend: 'cpu',
    hyperparameters: {
      epochs: quick ? 3 : 5,
      learning_rate: quick ? 2e-3 : 3e-3,
      batch_size: 16,
      warmup_steps: 20,
    },
  },
  { dataDir, rows: data.labelled, onLog: log },
);
const teacherWall = (performance.now() - tTeacher) / 1000;

console.log('2/3 distilling the student from the teacher on unlabelled mail');
const tStudent = performance.now();
const distilled = await runDistillation(
  {
    teacher_model: 'local/spam-teacher',
    student_model: 'distillery-pico',
    n_samples: 2,
    temperature: 0.7,
    training_steps: quick ? 300 : 800,
    batch_size: 16,
    seq_len: seqLen,
    learning_rate: 5e-3,
    kd_weight: 0.5,
    kd_temperature: 2,
    bond_beta: 0.5,
    bond_gamma: 0.1,
    seed: 2,
    backend: 'cpu',
  },
  {
    dataDir: join(dataDir, 'distill'),
    modelsDir: join(dataDir, 'models'),
    rows: data.unlabelled.map((r) => ({ prompt: r.prompt })),
    evalRows: data.test,
    onLog: log,
  },
);
const studentWall = (performance.now() - tStudent) / 1000;

console.log('3/3 the same student size trained on the labelled rows alone');
const tBase = performance.now();
const baseline = await runFineTuning(
  {
    base_model: 'distillery-pico',
    result_model: 'spam-student-labels-only',
    vocab_size: vocabSize,
    seq_len: seqLen,
    seed: 2,
    backend: 'cpu',
    hyperparameters: {
      epochs: Math.max(1, Math.round((distilled.training_steps * 16) / data.labelled.length)),
      learning_rate: 3e-3,
      batch_size: 16,
      warmup_steps: 20,
    },
  },
  {
    dataDir: join(dataDir, 'baseline'),
    rows: data.labelled,
    validationRows: data.test,
    onLog: log,
  },
);
const baseWall = (performance.now() - tBase) / 1000;

const tBayes = performance.now();
const bayes = new NaiveBayes(data.labelled).accuracy(data.test);
const bayesWall = (performance.now() - tBayes) / 1000;

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
console.log('');
console.log(`majority-class rate on the test mail: ${pct(majorityRate(data.test))}`);
console.table([
  {
    model: 'teacher (fine-tuned, labelled mail)',
    parameters: teacher.parameters,
    accuracy: pct(distilled.teacher_accuracy),
    wall_s: teacherWall.toFixed(1),
  },
  {
    model: 'student (distilled, unlabelled mail)',
    parameters: distilled.student_parameters,
    accuracy: pct(distilled.student_accuracy),
    wall_s: studentWall.toFixed(1),
  },
  {
    model: 'student size, labelled rows only',
    parameters: baseline.parameters,
    accuracy: pct(baseline.validation_accuracy),
    wall_s: baseWall.toFixed(1),
  },
  {
    model: 'multinomial naive Bayes, labelled mail (baseline)',
    parameters: 'n/a',
    accuracy: pct(bayes),
    wall_s: bayesWall.toFixed(1),
  },
]);
console.log(
  `delta (student − teacher): ${distilled.accuracy_delta === null ? 'n/a' : (100 * distilled.accuracy_delta).toFixed(1)} points; ` +
    `agreement ${pct(distilled.agreement_rate)}; compression ${distilled.compression_ratio?.toFixed(1)}× in parameters, ` +
    `${distilled.size_compression_ratio?.toFixed(1)}× in file bytes; perplexity teacher ${distilled.teacher_perplexity?.toFixed(2)}, ` +
    `student ${distilled.student_perplexity?.toFixed(2)}; ` +
    `total wall time ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
await rm(dataDir, { recursive: true, force: true });
