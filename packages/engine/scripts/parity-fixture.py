#!/usr/bin/env python3
"""Writes the whole-model parity fixture that test/transformers-parity.test.ts checks the engine against.

As llm.c's test_gpt2.c reads the state its PyTorch script wrote, the heavy judge (torch and Hugging
Face transformers) runs here once, and the test command only reads the small files it leaves:

  config.json, model.safetensors   the model, as LlamaForCausalLM.save_pretrained writes it (F32)
  batch.json                       token ids, next-token targets and loss weights [B][T]; the loss;
                                   versions, seed, and how far torch's own f32 run is from the reference
  logits.safetensors               `logits` [B, T, V], F32
  gradients.safetensors            d loss / d parameter for every parameter, under its HF name, F32

The model is a small Llama with grouped KV heads (4 query heads over 2 KV heads), untied embeddings,
rope_theta 1000 and rms_norm_eps 1e-5, seeded. Weights are not transformers' N(0, 0.02) defaults
everywhere: the projections are wider (std 0.15) so attention is far from uniform and logits have
margins, which makes RoPE and the causal mask matter, while the embeddings keep std 0.02 so the
first RMSNorm's epsilon matters too; the norm gains are 1 + N(0, 0.2) rather than ones, so a swapped
or mis-read gain shows.

The loss is the engine's: cross-entropy averaged over the positions whose weight is 1 (row 0 masks
its first four positions, a prompt; row 1 its last three, padding), i.e. transformers' causal-LM loss
with those targets set to -100. The reference logits, loss and gradients come from the same
transformers model cast to float64 (eager attention), so what the test measures is the engine's own
f32 error (transformers still builds RoPE's cos/sin tables and normalises in RMSNorm in f32); the
same batch through the f32 model, with transformers' own `loss` (labels shifted by `shift_labels`),
is compared too and its distance to the reference recorded in batch.json as a yardstick for the
test's tolerances.

Usage (see the README's "Parity with transformers"):
  python3 -m venv /tmp/parity-venv
  /tmp/parity-venv/bin/pip install -r scripts/parity-fixture.requirements.txt
  /tmp/parity-venv/bin/python scripts/parity-fixture.py [--out test/fixtures/transformers-parity]
"""

import argparse
import copy
import json
import os
import sys

import numpy as np
import safetensors
import torch
import transformers
from safetensors.numpy import save_file
from transformers import LlamaConfig, LlamaForCausalLM

SEED = 20240601
B, T = 2, 24
CONFIG = dict(
    vocab_size=320,
    hidden_size=64,
    intermediate_size=172,
    num_hidden_layers=2,
    num_attention_heads=4,
    num_key_value_heads=2,
    max_position_embeddings=64,
    rope_theta=1000.0,
    rms_norm_eps=1e-5,
    tie_word_embeddings=False,
    hidden_act="silu",
    attention_bias=False,
    mlp_bias=False,
)
IGNORE = -100


def rel_rms(a, ref):
    a = np.asarray(a, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    return float(np.linalg.norm(a - ref) / max(np.linalg.norm(ref), 1e-300))


def build_model():
    torch.manual_seed(SEED)
    config = LlamaConfig(**CONFIG)
    model = LlamaForCausalLM(config).float()
    g = torch.Generator().manual_seed(SEED + 1)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight") or name.endswith("layernorm.weight"):
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=g))
            elif name == "model.embed_tokens.weight":
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.15 * torch.randn(p.shape, generator=g))
    return model


def build_batch(V):
    g = torch.Generator().manual_seed(SEED + 2)
    seq = torch.randint(0, V, (B, T + 1), generator=g)
    tokens, targets = seq[:, :T].contiguous(), seq[:, 1:].contiguous()
    weights = torch.ones(B, T)
    weights[0, :4] = 0  # a prompt: no loss on its first positions
    weights[1, T - 3 :] = 0  # padding at the end of the second row
    return tokens, targets, weights


def run(model, tokens, labels, use_hf_loss):
    model.zero_grad(set_to_none=True)
    if use_hf_loss:
        # `shift_labels` are the per-position targets as given (the engine's, including the last
        # position's); `labels` must be non-None for the loss to be computed and is then unused.
        out = model(input_ids=tokens, labels=labels, shift_labels=labels)
    else:
        out = model(input_ids=tokens)
    if use_hf_loss:
        loss = out.loss
    else:
        V = out.logits.shape[-1]
        loss = torch.nn.functional.cross_entropy(
            out.logits.reshape(-1, V), labels.reshape(-1), ignore_index=IGNORE, reduction="mean"
        )
    loss.backward()
    grads = {n: p.grad.detach().clone() for n, p in model.named_parameters()}
    return out.logits.detach().clone(), loss.detach().clone(), grads


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "..", "test", "fixtures", "transformers-parity"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    transformers.utils.logging.disable_progress_bar()
    torch.use_deterministic_algorithms(True)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)

    model = build_model()
    names = [n for n, _ in model.named_parameters()]
    V = model.config.vocab_size
    tokens, targets, weights = build_batch(V)
    labels = torch.where(weights > 0, targets, torch.full_like(targets, IGNORE))

    # The reference: the same weights in float64, eager attention, the loss written out.
    ref_model = copy.deepcopy(model).double()
    ref_model.config._attn_implementation = "eager"
    logits, loss, grads = run(ref_model, tokens, labels, use_hf_loss=False)
    # transformers as shipped: f32, its default attention, its own causal-LM loss.
    logits32, loss32, grads32 = run(model, tokens, labels, use_hf_loss=True)

    # The engine's definition, by hand: sum(weight * ce) / sum(weight).
    logp = torch.log_softmax(logits, dim=-1)
    ce = -logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    by_hand = float((weights.double() * ce).sum() / weights.double().sum())
    assert abs(by_hand - float(loss)) < 1e-12, (by_hand, float(loss))

    model.save_pretrained(out, safe_serialization=True)
    for extra in ("generation_config.json",):
        if os.path.exists(os.path.join(out, extra)):
            os.remove(os.path.join(out, extra))
    with safetensors.safe_open(os.path.join(out, "model.safetensors"), "np") as f:
        saved = set(f.keys())
        assert saved == set(names), sorted(saved ^ set(names))
        assert all(f.get_tensor(k).dtype == np.float32 for k in saved)

    f32 = lambda t: np.ascontiguousarray(t.detach().float().numpy())  # noqa: E731
    save_file({"logits": f32(logits)}, os.path.join(out, "logits.safetensors"))
    save_file({n: f32(grads[n]) for n in names}, os.path.join(out, "gradients.safetensors"))

    worst = max(names, key=lambda n: rel_rms(grads32[n].double(), grads[n]))
    yardstick = {
        "logits_max_abs": float((logits32.double() - logits).abs().max()),
        "logits_rel_rms": rel_rms(logits32.double(), logits),
        "loss_abs": abs(float(loss32) - float(loss)),
        "worst_gradient": worst,
        "worst_gradient_rel_rms": rel_rms(grads32[worst].double(), grads[worst]),
    }
    batch = {
        "B": B,
        "T": T,
        "tokens": tokens.tolist(),
        "targets": targets.tolist(),
        "weights": weights.int().tolist(),
        "loss": float(loss),
        "reference": "transformers LlamaForCausalLM in float64 (eager attention); mean CE over weight-1 positions",
        "torch_f32_vs_reference": yardstick,
        "seed": SEED,
        "versions": {
            "python": sys.version.split()[0],
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "safetensors": safetensors.__version__,
            "numpy": np.__version__,
        },
    }
    with open(os.path.join(out, "batch.json"), "w", encoding="utf-8") as f:
        json.dump(batch, f, indent=2)
        f.write("\n")

    att = None
    with torch.no_grad():
        att = ref_model(input_ids=tokens, output_attentions=True).attentions
    # How peaked attention is (1 = uniform over the causal prefix): RoPE and the mask must matter.
    peak = float(np.mean([a[..., 4:, :].max(-1).values.mean() for a in att]))
    print(f"torch {torch.__version__}, transformers {transformers.__version__}")
    print(f"wrote {out}: {sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))} bytes")
    print(
        f"loss {float(loss):.8f} (transformers f32 loss {float(loss32):.8f}); |logits| max "
        f"{float(logits.abs().max()):.2f}; mean max attention probability {peak:.2f}"
    )
    print("torch f32 vs reference:", json.dumps(yardstick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
