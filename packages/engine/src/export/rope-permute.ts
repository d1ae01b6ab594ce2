/**
 * The trainer rotates dimension i of each head with dimension i + D/2 (Hugging Face's rotate_half);
 * llama.cpp's LLAMA_ROPE_TYPE_NORM rotates adjacent pairs (2i, 2i + 1). Reordering the output rows of
 * the Q and K projections within each head turns one into the other, because attention scores only
 * depend on q·k, which is invariant under a common permutation of head dimensions. This is the
 * `permute` of llama.cpp's convert_hf_to_gguf.py: GGUF row 2i + s of a head is HF row s·D/2 + i.
 */
export function ropeToInterleaved(w: Float32Array, nHeads: number, cols: number): Float32Array {
  return permuteRows(w, nHeads, cols, false);
}

/** Inverse of `ropeToInterleaved`, for reading a GGUF back into the engine's layout. */
export function ropeToHalfSplit(w: Float32Array, nHeads: number, cols: number): Float32Array {
  return permuteRows(w, nHeads, cols, true);
}

function permuteRows(w: Float32Array, nHeads: number, cols: number, inverse: boolean): Float32Array {
  const rows = w.length / cols;
  const hd = rows / nHeads;
  if (!Number.isInteger(hd) || hd % 2 !== 0)
    throw new Error(`rope permute: ${rows} rows do not split into ${nHeads} heads of even size`);
  const out = new Float32Array(w.length);
  const half = hd / 2;
  for (let h = 0; h < nHeads; h++) {
    for (let s = 0; s < 2; s++) {
      for (let i = 0; i < half; i++) {
        const hf = h * hd + s * half + i;
        const gg = h * hd + 2 * i + s;
        const [from, to] = inverse ? [gg, hf] : [hf, gg];
        out.set(w.subarray(from * cols, (from + 1) * cols), to * cols);
      }
    }
  }
  return out;
}
