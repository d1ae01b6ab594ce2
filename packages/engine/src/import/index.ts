export { GgufFile, type GgufHeader, type GgufMetaValue, type GgufTensorInfo } from './gguf-reader.ts';
export {
  hfLlamaConfig,
  type ImportedModel,
  importGguf,
  importHfLlamaWeights,
  importSafetensors,
  loadSafetensorsWeights,
} from './import-model.ts';
export { type SafetensorsEntry, SafetensorsFile } from './safetensors-reader.ts';
