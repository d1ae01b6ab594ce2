// Writes src/state/presets.ts, the model presets and open student architectures the mock simulates,
// from the engine's own tables (packages/engine/src/model), so that the mock lists what the reference
// server lists. The engine is read here only: the published mock carries the numbers in its bundle
// and does not depend on it. `npm run presets -w @distillery/mock` rewrites the file (then formats
// it); test/presets.test.ts fails when the committed file says something else than the engine.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MODEL_PRESETS, type ModelConfig, OPEN_ARCHITECTURES } from '../../engine/src/model/config.ts';
import { countParameters } from '../../engine/src/model/layout.ts';

export const PRESETS_FILE = join(import.meta.dirname, '..', 'src', 'state', 'presets.ts');

function architecture(c: ModelConfig) {
  return {
    n_layers: c.nLayers,
    d_model: c.dim,
    n_heads: c.nHeads,
    n_kv_heads: c.nKvHeads,
    d_ff: c.hiddenDim,
    vocab_size: c.vocabSize,
  };
}

/** What the engine says now, in the shapes of apps/server/src/services/catalog.ts. */
export function engineCatalogue() {
  const presets = Object.entries(MODEL_PRESETS).map(([id, c]) => ({
    id,
    parameters: countParameters(c),
    context_length: c.maxSeqLen,
    architecture: architecture(c),
    description: `${c.nLayers} layers, ${c.dim} wide, ${c.vocabSize}-token vocabulary.`,
  }));
  const open = Object.fromEntries(
    Object.entries(OPEN_ARCHITECTURES).map(([id, c]) => [id, countParameters(c)]),
  );
  return { presets, open };
}

function render(): string {
  const { presets, open } = engineCatalogue();
  return `// Generated from packages/engine/src/model by \`npm run presets -w @distillery/mock\`. Do not edit.
import type { Schemas } from '../spec';

export interface Preset {
  id: string;
  parameters: number;
  context_length: number;
  architecture: Schemas['ModelArchitecture'];
  description: string;
}

/** The engine's presets (MODEL_PRESETS), in its order, as the reference server describes them. */
export const ENGINE_PRESETS: readonly Preset[] = ${JSON.stringify(presets, null, 2)};

/** Parameters of the open Llama-architecture shapes a student may take (OPEN_ARCHITECTURES). */
export const OPEN_ARCHITECTURE_PARAMETERS: Readonly<Record<string, number>> = ${JSON.stringify(open, null, 2)};
`;
}

if (import.meta.main) {
  await writeFile(PRESETS_FILE, render());
  console.log(`wrote ${PRESETS_FILE}`);
}
