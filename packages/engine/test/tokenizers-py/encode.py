#!/usr/bin/env python3
"""The Hugging Face `tokenizers` library's own encodings and decodings, for src/tokenizer/hf's live test.

Usage: encode.py TOKENIZER_JSON INPUT_JSON OUTPUT_JSON

INPUT_JSON is a JSON list of texts, or {"texts": [...], "id_lists": [[id, ...], ...], "pre_tokenize":
[...]} to decode id lists as given and to pre-tokenize texts (the pre-tokenizer alone) as well.
OUTPUT_JSON receives:

  {"tokenizers": version,
   "texts": [{"ids": encode(text, add_special_tokens=False).ids,
              "ids_with_special": encode(text, add_special_tokens=True).ids,
              "decoded": decode(ids_with_special, skip_special_tokens=False),
              "decoded_skipping_special": decode(ids_with_special, skip_special_tokens=True)}, ...],
   "id_lists": [{"decoded": ..., "decoded_skipping_special": ...}, ...],
   "pre_tokens": [[piece, ...], ...]}  (null without a pre-tokenizer)
"""

import json
import sys

import tokenizers
from tokenizers import Tokenizer


def decodes(tokenizer, id_lists):
    return [
        {"decoded": plain, "decoded_skipping_special": skipping}
        for plain, skipping in zip(
            tokenizer.decode_batch(id_lists, skip_special_tokens=False),
            tokenizer.decode_batch(id_lists, skip_special_tokens=True),
        )
    ]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    tokenizer = Tokenizer.from_file(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        request = json.load(f)
    if isinstance(request, list):
        request = {"texts": request}
    texts = request.get("texts", [])
    plain = tokenizer.encode_batch(texts, add_special_tokens=False)
    special = tokenizer.encode_batch(texts, add_special_tokens=True)
    with_special = [e.ids for e in special]
    result = {
        "tokenizers": tokenizers.__version__,
        "texts": [
            {"ids": p.ids, "ids_with_special": ids, **d}
            for p, ids, d in zip(plain, with_special, decodes(tokenizer, with_special))
        ],
        "id_lists": decodes(tokenizer, request.get("id_lists", [])),
        "pre_tokens": None
        if tokenizer.pre_tokenizer is None
        else [[piece for piece, _ in tokenizer.pre_tokenizer.pre_tokenize_str(t)] for t in request.get("pre_tokenize", [])],
    }
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
