// The mock's presets are the engine's (and so the reference server's): the published mock carries a
// generated copy (src/state/presets.ts) instead of depending on the engine, and this fails when that
// copy drifts from packages/engine/src/model. Fix: `npm run presets -w @distillery/mock`.
import { describe, expect, it } from 'vitest';
import { engineCatalogue } from '../scripts/presets.ts';
import { ENGINE_PRESETS, OPEN_ARCHITECTURE_PARAMETERS } from '../src/state/presets';
import { apiJson, useMockServer } from './support/harness';

useMockServer();

const engine = engineCatalogue();
const hint = 'src/state/presets.ts is stale: run `npm run presets -w @distillery/mock`';

describe('presets', () => {
  it('are the engine presets and open architectures, as the engine says now', () => {
    expect(ENGINE_PRESETS, hint).toEqual(engine.presets);
    expect(OPEN_ARCHITECTURE_PARAMETERS, hint).toEqual(engine.open);
  });

  it('are what /v1/models and /v1/fine-tuning/base-models list, as on the reference server', async () => {
    const models = await apiJson<{ data: Array<Record<string, unknown>> }>('/v1/models');
    expect(models.body.data.filter((m) => m.kind === 'preset')).toEqual(
      engine.presets.map(({ id, parameters, context_length, architecture }) => ({
        id,
        object: 'model',
        created: 1776600000,
        owned_by: 'distillery',
        kind: 'preset',
        parameters,
        context_length,
        architecture,
      })),
    );
    const base = await apiJson<{ models: unknown[] }>('/v1/fine-tuning/base-models');
    expect(base.body.models).toEqual(
      engine.presets.map(({ id, parameters, context_length, description }) => ({
        id,
        parameters,
        context_length,
        description,
      })),
    );
  });

  it.each([...engine.presets.map((p) => p.id), ...Object.keys(engine.open)])(
    'accept %s as a student, with its parameter count',
    async (student) => {
      const { status, body } = await apiJson<{ student_parameters: number }>('/v1/distillation/estimate', {
        method: 'POST',
        json: { config: { teacher_model: 'local/distillery-nano', student_model: student } },
      });
      expect(status).toBe(200);
      expect(body.student_parameters).toBe(
        engine.presets.find((p) => p.id === student)?.parameters ?? engine.open[student],
      );
    },
  );
});
