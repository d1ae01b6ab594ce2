/**
 * Multinomial naive Bayes over word counts with Laplace smoothing: the classical spam filter, as the
 * baseline a distilled classifier is measured against on the same rows. Words are lower-cased runs
 * of letters, digits, `$`, `!` and `'`.
 */
export interface LabelledText {
  prompt: string;
  label: string;
}

const WORD = /[\p{L}\p{N}$!']+/gu;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export class NaiveBayes {
  private readonly labels: string[];
  private readonly logPrior: number[];
  private readonly counts: Map<string, number>[];
  private readonly totals: number[];
  private readonly vocabulary: number;
  private readonly alpha: number;

  constructor(rows: readonly LabelledText[], alpha = 1) {
    if (rows.length === 0) throw new Error('naive Bayes: no training rows');
    this.labels = [...new Set(rows.map((r) => r.label))].sort();
    this.counts = this.labels.map(() => new Map());
    this.totals = this.labels.map(() => 0);
    const docs = this.labels.map(() => 0);
    const vocabulary = new Set<string>();
    for (const row of rows) {
      const c = this.labels.indexOf(row.label);
      docs[c]!++;
      for (const w of words(row.prompt)) {
        this.counts[c]!.set(w, (this.counts[c]!.get(w) ?? 0) + 1);
        this.totals[c]!++;
        vocabulary.add(w);
      }
    }
    this.vocabulary = vocabulary.size;
    this.logPrior = docs.map((d) => Math.log(d / rows.length));
    this.alpha = alpha;
  }

  predict(text: string): string {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    const ws = words(text);
    for (let c = 0; c < this.labels.length; c++) {
      const denominator = Math.log(this.totals[c]! + this.alpha * (this.vocabulary + 1));
      let score = this.logPrior[c]!;
      for (const w of ws) score += Math.log((this.counts[c]!.get(w) ?? 0) + this.alpha) - denominator;
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return this.labels[best]!;
  }

  /** Share of `rows` whose label it predicts. */
  accuracy(rows: readonly LabelledText[]): number {
    if (rows.length === 0) return 0;
    return rows.filter((r) => this.predict(r.prompt) === r.label).length / rows.length;
  }
}
