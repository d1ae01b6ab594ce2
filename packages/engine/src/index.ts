export type { AdamWParams, Backend, DType, Rope, RopeScaling, Tensor } from './backends/backend.ts';
export { CpuBackend } from './backends/cpu/cpu-backend.ts';
export { WasmCpuBackend, type WasmCpuBackendOptions } from './backends/cpu/wasm-cpu-backend.ts';
export { type BackendKind, createBackend } from './backends/index.ts';
export { type AdapterInfo, detectAdapters } from './backends/webgpu/select.ts';
export { type LabelledText, NaiveBayes } from './data/naive-bayes.ts';
export {
  loadSpamAssassin,
  majorityRate,
  type SpamOptions,
  type SpamRow,
  type SpamSplits,
  summarizeMail,
} from './data/spam-assassin.ts';
export * from './export/index.ts';
export { QUANTIZATION_TYPES, type QuantizationType } from './export/quant-mix.ts';
export {
  BatchDecoder,
  type ChatMessage,
  chatPrompt,
  type DecoderStats,
  embed,
  type SamplingParams,
  type SequenceResult,
  type TokenEvent,
} from './generate/index.ts';
export * from './import/index.ts';
export {
  type LoadedModel,
  loadModel,
  type StoredModelManifest,
  saveModel,
  writeModelStreaming,
} from './io/model-store.ts';
export {
  isStudentModel,
  MODEL_PRESETS,
  type ModelConfig,
  OPEN_ARCHITECTURES,
  type PresetName,
  presetConfig,
  STUDENT_MODELS,
  validateModelConfig,
} from './model/config.ts';
export { type GenerateOptions, type Generation, generate, sampleToken } from './model/generate.ts';
export { buildLayout, countParameters, type ParamEntry, type ParamLayout } from './model/layout.ts';
export {
  type Batch,
  type LayerActivations,
  LlamaModel,
  type Objective,
  type OptimizerSettings,
} from './model/model.ts';
export {
  type Calibration,
  choosePrunedShape,
  importanceOf,
  type LayerImportance,
  type PrunedShape,
  type PruneOptions,
  type PruneReport,
  prunedConfig,
  pruneModel,
  pruneToShape,
} from './model/prune.ts';
export { learningRateAt } from './model/schedule.ts';
export {
  type DistillationConfig,
  type DistillationConfigInput,
  type FineTuningConfig,
  type FineTuningConfigInput,
  type FineTuningHyperparameters,
  type OutputFormat,
  type PromptRow,
  resolveDistillationConfig,
  resolveFineTuningConfig,
} from './runs/config.ts';
export type { Metric, Phase, Progress, RunOptions } from './runs/context.ts';
export {
  type DistillationResult,
  type DistillationRunOptions,
  distil,
  runDistillation,
} from './runs/distillation.ts';
export { ConfigError, EngineError, type EngineErrorCode, engineErrorCode } from './runs/errors.ts';
export { perplexity } from './runs/evaluate.ts';
export {
  type FineTuningResult,
  type FineTuningRunOptions,
  fineTune,
  runFineTuning,
} from './runs/fine-tuning.ts';
export { type DistillationMode, type PruningReport, parseParameterCount } from './runs/student.ts';
export { BpeTokenizer, DEFAULT_SPECIAL_TOKENS, type TokenizerJSON } from './tokenizer/bpe-tokenizer.ts';
export { HfTokenizer, type HfTokenizerKind, UnsupportedTokenizerError } from './tokenizer/hf/index.ts';
export { PretrainedTokenizer } from './tokenizer/pretrained-tokenizer.ts';
export {
  type PretrainedTokenizerJSON,
  type StoredTokenizer,
  type Tokenizer,
  tokenizerFromJSON,
} from './tokenizer/tokenizer.ts';
export { bestOfN, consistencyScorer, normalizeAnswer, type Scorer } from './training/curation.ts';
export {
  type OpenAiTeacherOptions,
  openAiTeacher,
  type Teacher,
  type TeacherSample,
} from './training/teachers.ts';
export { type TrainOptions, train } from './training/trainer.ts';
export { Rng } from './util/rng.ts';
