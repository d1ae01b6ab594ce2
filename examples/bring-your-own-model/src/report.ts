import type { ByomResult } from './pipeline.ts';

const pct = (x: number | null | undefined) => (x == null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const count = (x: number | null | undefined) => (x == null ? 'n/a' : x.toLocaleString('en'));

/** The closing table: what was imported, and both models' held-out accuracy and size. */
export function resultsTable(r: ByomResult, wallSeconds: number): string {
  const res = r.student.results;
  const shape = res.pruning?.student_shape;
  const rows: Array<[string, string]> = [
    [
      'imported',
      `${r.imported.id} (${r.imported.architecture?.name}, ${r.imported.dtype}, ${r.imported.tokenizer_type})`,
    ],
    ['held-out mails', String(res.eval_rows ?? 'n/a')],
    ['majority-class rate', pct(r.majorityRate)],
    [`fine-tuned accuracy (${count(res.teacher_parameters)} params)`, pct(res.teacher_accuracy)],
    [`auto student accuracy (${count(res.student_parameters)} params)`, pct(res.student_accuracy)],
    ['distillation mode', res.distillation_mode ?? 'n/a'],
    [
      'pruned shape (layers, hidden, intermediate, heads/kv)',
      shape
        ? `${shape.layers}, ${shape.hidden_size}, ${shape.intermediate_size}, ${shape.attention_heads}/${shape.kv_heads}; removed layers [${res.pruning!.removed_layers.join(', ')}]`
        : 'n/a',
    ],
    [
      'compression (parameters)',
      res.compression_ratio == null ? 'n/a' : `${res.compression_ratio.toFixed(1)}x`,
    ],
    ['wall time', `${wallSeconds.toFixed(0)} s`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
