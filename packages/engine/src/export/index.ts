export {
  type ArtifactEntry,
  type ArtifactFormat,
  type ExportOptions,
  exportModel,
  exportTensors,
} from './export-model.ts';
export { type GgufExportOptions, writeLlamaGguf } from './gguf-llama.ts';
export { type GgufTensorSpec, GgufType, type GgufValue, writeGguf } from './gguf-writer.ts';
export type { WrittenFile } from './hashed-file.ts';
export { hfConfig, hfTokenizer, hfTokenizerConfig } from './hf-files.ts';
export { QUANTIZATION_TYPES, type QuantizationType, tensorCodec } from './quant-mix.ts';
export { type BlockCodec, CODECS_BY_ID } from './quantize/index.ts';
export { ropeToHalfSplit, ropeToInterleaved } from './rope-permute.ts';
export { writeSafetensors } from './safetensors.ts';
export { ggufToHf, hfToGguf } from './tensor-names.ts';
export { modelTensorSource, type TensorSource } from './tensor-source.ts';
