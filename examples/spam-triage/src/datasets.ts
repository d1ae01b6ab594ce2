import { loadSpamAssassin, majorityRate, NaiveBayes } from '@distillery/engine';

export interface SpamDatasets {
  /** Mail with its label, for the teacher. */
  labelled: Array<{ prompt: string; label: string }>;
  /** The same kind of mail without labels: all the student's distillation ever sees. */
  unlabelled: Array<{ prompt: string }>;
  /** Held-out labelled mail on which teacher and student are compared. */
  test: Array<{ prompt: string; label: string }>;
  /** Accuracy of always answering the most common label on the test rows. */
  majorityRate: number;
  /** Accuracy on the test rows of multinomial naive Bayes trained on the labelled rows: the classic filter. */
  naiveBayesRate: number;
}

/**
 * The SpamAssassin corpus (6,046 real mails) split deterministically, as subject + start of body:
 * all of it (1,799 labelled, 2,959 unlabelled, 1,288 held-out mails, 200 body characters), or for
 * `quick` a sample with 120.
 */
export function spamDatasets(quick: boolean): SpamDatasets {
  const splits = loadSpamAssassin(
    quick ? { bodyChars: 120, limit: { labelled: 400, unlabelled: 500, test: 300 } } : { bodyChars: 200 },
  );
  const labelled = splits.labelled.map(({ prompt, label }) => ({ prompt, label }));
  const test = splits.test.map(({ prompt, label }) => ({ prompt, label }));
  return {
    labelled,
    unlabelled: splits.unlabelled.map(({ prompt }) => ({ prompt })),
    test,
    majorityRate: majorityRate(test),
    naiveBayesRate: new NaiveBayes(labelled).accuracy(test),
  };
}
