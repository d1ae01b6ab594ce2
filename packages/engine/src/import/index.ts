export { CheckpointError } from './checkpoint-error.ts';
export type { CheckpointSource, CheckpointSummary } from './checkpoint-source.ts';
export { GgufFile, type GgufHeader, type GgufMetaValue, type GgufTensorInfo } from './gguf-reader.ts';
export { hfLlamaConfig } from './hf-config.ts';
export {
  type ImportedModel,
  importCheckpoint,
  loadCheckpoint,
  loadHfWeights,
  openCheckpoint,
} from './import-model.ts';
export { type SafetensorsEntry, SafetensorsFile } from './safetensors-reader.ts';
