import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const workflow = parse(readFileSync(join(import.meta.dirname, 'distill.yml'), 'utf8'));
const action = parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'actions', 'distill', 'action.yml'), 'utf8'),
);

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

const distillSteps: Step[] = Object.values(workflow.jobs as Record<string, { steps: Step[] }>)
  .flatMap((job) => job.steps)
  .filter((step) => step.uses?.includes('/actions/distill@'));

it('uses the distil action', () => {
  expect(distillSteps).toHaveLength(1);
});

it('passes only inputs the action declares, and every required one', () => {
  const declared = action.inputs as Record<string, { required?: boolean }>;
  const given = Object.keys(distillSteps[0]!.with ?? {});
  expect(given.filter((name) => !(name in declared))).toEqual([]);
  const required = Object.entries(declared)
    .filter(([, input]) => input.required)
    .map(([name]) => name);
  expect(required.filter((name) => !given.includes(name))).toEqual([]);
});

it('reads only outputs the action declares', () => {
  const text = readFileSync(join(import.meta.dirname, 'distill.yml'), 'utf8');
  const used = [...text.matchAll(/steps\.distill\.outputs\.([\w-]+)/g)].map((match) => match[1]!);
  expect(used.length).toBeGreaterThan(0);
  expect(used.filter((name) => !(name in action.outputs))).toEqual([]);
});
