#!/usr/bin/env python3
"""The peers scripts/bench.ts prints beside the engine: numpy (OpenBLAS) matmul, PyTorch CPU eager
training and llama.cpp decoding, on the same shapes, batch, model file and thread count, in the same
run.

  python3 bench-peers.py '{"threads": 2, "matmul": [[N, C, OC], ...], "train": [{...}], "decode": [{...}]}'

prints one JSON object: {"matmul": [{"shape", "gflops"}], "train": [{"preset", "tokens_per_second"}],
"decode": [{"preset", "tokens_per_second"}]}, and for a peer that is not installed {"skipped": "why"}
in its place. Each train entry carries the engine's model config (ModelConfig field names), batch
B × T and the AdamW settings the engine used; each decode entry the f32 GGUF the engine exported,
the prompt's token ids and how many tokens to decode greedily at batch 1. Threads are set through
the environment before numpy, torch or llama.cpp is loaded, as a user would.
"""

import json
import os
import sys
import time

request = json.loads(sys.argv[1])
threads = str(request["threads"])
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = threads


def time_it(run, min_seconds):
    run()
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < min_seconds:
        run()
        n += 1
    return (time.perf_counter() - t0) / n


def matmul(shapes):
    try:
        import numpy as np
    except ImportError:
        return {"skipped": "numpy is not installed"}
    rng = np.random.default_rng(1)
    rows = []
    for n, c, oc in shapes:
        x = rng.standard_normal((n, c), dtype=np.float32)
        w = rng.standard_normal((oc, c), dtype=np.float32)
        seconds = time_it(lambda: x @ w.T, 1.0)
        rows.append({"shape": [n, c, oc], "gflops": 2 * n * c * oc / seconds / 1e9})
    return rows


def train(entries):
    try:
        import torch
        from transformers import LlamaConfig, LlamaForCausalLM
    except ImportError:
        return {"skipped": "torch and transformers are not installed"}
    torch.set_num_threads(int(threads))
    torch.manual_seed(0)
    rows = []
    for entry in entries:
        cfg = entry["config"]
        model = LlamaForCausalLM(
            LlamaConfig(
                vocab_size=cfg["vocabSize"],
                hidden_size=cfg["dim"],
                intermediate_size=cfg["hiddenDim"],
                num_hidden_layers=cfg["nLayers"],
                num_attention_heads=cfg["nHeads"],
                num_key_value_heads=cfg["nKvHeads"],
                max_position_embeddings=cfg["maxSeqLen"],
                rope_theta=cfg["ropeTheta"],
                rms_norm_eps=cfg["normEps"],
                tie_word_embeddings=cfg["tieEmbeddings"],
                attn_implementation="eager",
            )
        ).float()
        opt = entry["optimizer"]
        adamw = torch.optim.AdamW(
            model.parameters(),
            lr=opt["learningRate"],
            betas=(opt["beta1"], opt["beta2"]),
            eps=opt["eps"],
            weight_decay=opt["weightDecay"],
        )
        b, t = entry["batch"]
        tokens = torch.randint(0, cfg["vocabSize"], (b, t))

        def step():
            adamw.zero_grad(set_to_none=True)
            loss = model(input_ids=tokens, labels=tokens).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), opt["gradClip"])
            adamw.step()

        seconds = time_it(step, 2.0)
        rows.append({"preset": entry["preset"], "tokens_per_second": b * t / seconds})
    return rows


def decode(entries):
    try:
        import numpy as np
        from llama_cpp import Llama
    except ImportError:
        return {"skipped": "llama-cpp-python (and numpy) are not installed"}
    rows = []
    for entry in entries:
        llm = Llama(model_path=entry["gguf"], n_ctx=0, n_threads=int(threads), n_threads_batch=int(threads), verbose=False)
        llm.eval(entry["prompt"])
        t0 = time.perf_counter()
        for _ in range(entry["tokens"]):
            llm.eval([int(np.argmax(llm.scores[llm.n_tokens - 1]))])
        rows.append({"preset": entry["preset"], "tokens_per_second": entry["tokens"] / (time.perf_counter() - t0)})
    return rows


out = {
    "matmul": matmul(request.get("matmul", [])),
    "train": train(request.get("train", [])),
    "decode": decode(request.get("decode", [])),
}
print(json.dumps(out))
