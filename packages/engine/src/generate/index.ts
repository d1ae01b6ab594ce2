export {
  BatchDecoder,
  type DecoderStats,
  type SequenceResult,
  type TokenEvent,
} from './batch-decoder.ts';
export { type ChatMessage, chatPrompt } from './chat.ts';
export { embed } from './embed.ts';
export type { SamplingParams } from './sampling.ts';
