/**
 * What the serving thread takes from the engine, from one place: the model store, the CPU backends,
 * and generate/ (continuous batching, embeddings, chat prompts).
 *
 * generate/ is not exported by `@distillery/engine`'s index yet, so this reads the engine's source
 * (which Node runs as it is, and tsup bundles into the serving thread). Every engine class the thread
 * uses must come from this one copy: chatPrompt recognises a pretrained tokenizer by its class.
 */

export { CpuBackend } from '../../../../packages/engine/src/backends/cpu/cpu-backend.ts';
export { WasmCpuBackend } from '../../../../packages/engine/src/backends/cpu/wasm-cpu-backend.ts';
export {
  BatchDecoder,
  chatPrompt,
  type DecoderStats,
  embed,
  type SamplingParams,
  type SequenceResult,
  type TokenEvent,
} from '../../../../packages/engine/src/generate/index.ts';
export { type LoadedModel, loadModel } from '../../../../packages/engine/src/io/model-store.ts';
export { headDim } from '../../../../packages/engine/src/model/config.ts';
export { PretrainedTokenizer } from '../../../../packages/engine/src/tokenizer/pretrained-tokenizer.ts';
export type { Tokenizer } from '../../../../packages/engine/src/tokenizer/tokenizer.ts';
