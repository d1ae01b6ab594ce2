export { GgufFile, type GgufHeader, type GgufMetaValue, type GgufTensorInfo } from './gguf-reader.ts';
export { type ImportedModel, importGguf, importSafetensors } from './import-model.ts';
export { type SafetensorsEntry, SafetensorsFile } from './safetensors-reader.ts';
