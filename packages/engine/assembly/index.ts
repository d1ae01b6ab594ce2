// The CPU backend's WebAssembly kernels (SIMD, shared memory), each run by every thread on its share
// (the last two arguments: this thread's index and the thread count). Built into
// src/backends/cpu/wasm/generated/kernels.ts by `npm run kernels -w @distillery/engine`.
export { attentionBackward, attentionForward } from './attention';
export { adamw, SQUARES_CHUNK, scale, sumOfSquares, swigluBackward, swigluForward } from './elementwise';
export { gemm, gemmScratchBytes } from './gemm';
export { crossEntropyBackward, crossEntropyForward } from './loss';
