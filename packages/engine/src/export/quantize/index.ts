import type { BlockCodec } from './codec.ts';
import { BF16, F16, F32 } from './plain.ts';
import { Q4_0 } from './q4_0.ts';
import { Q4_K } from './q4_k.ts';
import { Q5_0 } from './q5_0.ts';
import { Q6_K } from './q6_k.ts';
import { Q8_0 } from './q8_0.ts';

export { type BlockCodec, byteSize } from './codec.ts';
export { BF16, F16, F32, Q4_0, Q4_K, Q5_0, Q6_K, Q8_0 };

/** Every tensor type we write or read, by ggml_type id. */
export const CODECS_BY_ID: ReadonlyMap<number, BlockCodec> = new Map(
  [F32, F16, BF16, Q4_0, Q5_0, Q8_0, Q4_K, Q6_K].map((c) => [c.id, c]),
);
