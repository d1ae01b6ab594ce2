#!/usr/bin/env python3
"""Loads Distillery safetensors exports in Hugging Face transformers and compares with the engine.

Not part of CI (needs torch and transformers). Driven by scripts/transformers-check.ts, which writes
CASES.json:

  {"cases": [{"name": STR, "dir": EXPORT_DIR, "vocab_size": V, "logits_path": RAW_F32,
              "sequences": [{"ids": [...], "greedy": [...], "logits_offset": N, "length": T}],
              "texts": [{"text": STR, "ids": [...]}]}]}

For each export folder it loads AutoModelForCausalLM (float32, offline) and AutoTokenizer, then:
  - per sequence: logits at every position against the engine's ([T, V] f32 at logits_offset floats
    into logits_path): max abs difference and relative RMS (||hf - ours|| / ||ours||), whether the argmax
    agrees at every position, and whether a greedy continuation (full forward per step, no cache)
    equals the engine's (which used its KV-cache decode);
  - per text: whether the tokenizer's ids (no special tokens added) equal the engine tokenizer's.
Exits 1 when a relative RMS exceeds REL_RMS_BOUND, an argmax or greedy token differs, or ids differ.
"""

import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before transformers reads it; the folder is local

import numpy as np  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

# Both sides are f32; they differ only in summation order (and torch's SDPA / RoPE formulation).
REL_RMS_BOUND = 1e-4


def run_case(case):
    print(f"== {case['name']}: {case['dir']}")
    # transformers >= 4.56 names the argument dtype (torch_dtype is deprecated there).
    new_api = tuple(int(x) for x in transformers.__version__.split(".")[:2]) >= (4, 56)
    dtype_arg = {"dtype" if new_api else "torch_dtype": torch.float32}
    model = AutoModelForCausalLM.from_pretrained(case["dir"], **dtype_arg)
    model.eval()
    tok = AutoTokenizer.from_pretrained(case["dir"])
    V = case["vocab_size"]
    ours_all = np.fromfile(case["logits_path"], dtype="<f4")
    ok = True
    for s in case["sequences"]:
        ids, T = s["ids"], s["length"]
        ours = ours_all[s["logits_offset"] : s["logits_offset"] + T * V].reshape(T, V)
        with torch.no_grad():
            hf = model(torch.tensor([ids])).logits[0].float().numpy()
        max_abs = float(np.max(np.abs(hf - ours)))
        rel_rms = float(np.linalg.norm(hf - ours) / np.linalg.norm(ours))
        argmax_same = int(np.sum(hf.argmax(-1) == ours.argmax(-1)))
        seq = list(ids)
        greedy = []
        with torch.no_grad():
            for _ in range(len(s["greedy"])):
                nxt = int(model(torch.tensor([seq])).logits[0, -1].argmax())
                greedy.append(nxt)
                seq.append(nxt)
        same = greedy == s["greedy"]
        good = rel_rms <= REL_RMS_BOUND and argmax_same == T and same
        ok &= good
        print(
            f"{'ok  ' if good else 'FAIL'} T={T:3d} logits max abs {max_abs:.2e} rel. RMS {rel_rms:.2e} "
            f"(|logit| max {float(np.max(np.abs(ours))):.1f}), argmax {argmax_same}/{T} positions, "
            f"greedy {len(greedy)} tokens {'same' if same else 'DIFF'}"
            + ("" if same else f": transformers {greedy} engine {s['greedy']}")
        )
    n_same = 0
    for t in case["texts"]:
        got = tok(t["text"], add_special_tokens=False)["input_ids"]
        if got == t["ids"]:
            n_same += 1
        else:
            ok = False
            print(f"FAIL tokenizer {t['text']!r}: transformers {got} engine {t['ids']}")
    roundtrip = all(tok.decode(t["ids"]) == t["text"] for t in case["texts"])
    print(
        f"{'ok  ' if n_same == len(case['texts']) else 'FAIL'} tokenizer ({type(tok).__name__}): "
        f"{n_same}/{len(case['texts'])} strings encode to the engine's ids; "
        f"decode(ids) == text for all: {roundtrip}"
    )
    return ok


def main():
    torch.set_num_threads(2)
    transformers.utils.logging.disable_progress_bar()
    print(f"torch {torch.__version__}, transformers {transformers.__version__}, bound rel. RMS {REL_RMS_BOUND:g}")
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    results = [run_case(c) for c in cases]
    print("all checks passed" if all(results) else "some checks FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
