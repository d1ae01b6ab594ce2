#!/usr/bin/env python3
"""Runs Distillery GGUF exports in llama.cpp (through llama-cpp-python) and compares with the engine.

Not part of CI: llama-cpp-python compiles llama.cpp when pip installs it. Driven by
scripts/llama-cpp-check.ts, which writes CASES.json:

  {"cases": [{"gguf": PATH, "max_new_tokens": N,
              "prompts": [{"text": STR, "ids": [...], "greedy": [...], "first_logits": [...]}]}]}

For each file and prompt it checks that llama.cpp's tokenizer (from the GGUF metadata) gives our ids,
feeds our ids, decodes greedily and compares the tokens and the first-step logits with the engine's.
Prints one line per prompt. Exits 1 when the tokenizers disagree or an f32 / f16 file's greedy tokens
differ; for quantised files llama.cpp also quantises activations (Q8 dot products), so their greedy
paths may part after a few tokens and only the length of the common prefix is reported.
"""

import json
import sys

import numpy as np
from llama_cpp import Llama


def run_case(case):
    # logits_all: llama-cpp-python keeps scores only then; n_ctx=0 takes the model's context length.
    llm = Llama(model_path=case["gguf"], n_ctx=0, n_threads=2, logits_all=True, verbose=False)
    ok = True
    for p in case["prompts"]:
        ids = p["ids"]
        tok_ids = llm.tokenize(p["text"].encode("utf-8"), add_bos=False, special=True)
        llm.reset()
        llm.eval(ids)
        first = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float32)
        ours_first = np.array(p["first_logits"], dtype=np.float32)
        logit_err = float(np.linalg.norm(first - ours_first) / np.linalg.norm(ours_first))
        greedy = []
        for _ in range(case["max_new_tokens"]):
            nxt = int(np.argmax(llm.scores[llm.n_tokens - 1]))
            greedy.append(nxt)
            llm.eval([nxt])
        same = greedy == p["greedy"]
        prefix = next((i for i, (a, b) in enumerate(zip(greedy, p["greedy"])) if a != b), len(greedy))
        exact_type = case["quantization"] in ("f32", "f16")
        ok &= tok_ids == ids and (same or not exact_type)
        print(
            f"{'same' if same else 'DIFF'} {case['gguf'].split('/')[-1]} prompt={p['text']!r}: "
            f"common prefix {prefix}/{len(greedy)}, "
            f"tokenizer {'same' if tok_ids == ids else 'differs'}, "
            f"first-step logits rel. RMS {logit_err:.2e}, "
            f"llama.cpp {greedy} engine {p['greedy']}"
        )
    return ok


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    results = [run_case(c) for c in cases]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
