#!/usr/bin/env python3
"""Checks Distillery's GGUF exports with llama.cpp's own Python reader (gguf-py).

Usage: check_gguf.py SPEC.json

SPEC lists GGUF files with, for each, the metadata it must carry, every tensor it must hold (GGUF name,
ggml type name, numpy shape) and, per tensor, two raw little-endian f32 files in GGUF row order: the
original weights and our own dequantisation. gguf-py dequantises each tensor independently of our
code; its values must equal ours (the byte layout is read the same way) and be within the tensor
type's relative RMS bound of the original (the quantisation is as good as claimed). For F16, Q8_0,
Q4_0 and Q5_0, whose gguf-py quantisers port ggml's reference ones, our bytes must equal theirs.

Prints one line per file and exits 1 on any failure.
"""

import json
import sys

import numpy as np
from gguf import GGUFReader, GGMLQuantizationType
from gguf.quants import dequantize, quantize

# Types whose gguf-py quantiser is a port of ggml's reference one: our bytes must equal its bytes.
REFERENCE_QUANTIZERS = {"F16", "Q8_0", "Q4_0", "Q5_0"}


def field_value(reader, key):
    field = reader.get_field(key)
    if field is None:
        return None
    return field.contents()


def check_file(spec, failures):
    path = spec["path"]
    reader = GGUFReader(path)
    problems = []

    for key, want in spec["metadata"].items():
        got = field_value(reader, key)
        if got is None:
            problems.append(f"metadata {key} is missing")
        elif isinstance(want, float):
            if not np.isclose(got, want, rtol=1e-6):
                problems.append(f"metadata {key} = {got}, expected {want}")
        elif got != want:
            problems.append(f"metadata {key} = {got!r}, expected {want!r}")
    tokens = field_value(reader, "tokenizer.ggml.tokens")
    if tokens is None or len(tokens) != spec["vocab_size"]:
        problems.append(f"tokenizer.ggml.tokens has {None if tokens is None else len(tokens)} entries")
    merges = field_value(reader, "tokenizer.ggml.merges")
    if merges is None or len(merges) != spec["n_merges"]:
        problems.append("tokenizer.ggml.merges is missing or of the wrong length")

    tensors = {t.name: t for t in reader.tensors}
    expected = spec["tensors"]
    if set(tensors) != set(expected):
        problems.append(f"tensor names differ: extra {sorted(set(tensors) - set(expected))}, "
                        f"missing {sorted(set(expected) - set(tensors))}")
    worst = {}
    for name, want in expected.items():
        t = tensors.get(name)
        if t is None:
            continue
        if t.tensor_type != GGMLQuantizationType[want["type"]]:
            problems.append(f"{name}: type {t.tensor_type.name}, expected {want['type']}")
            continue
        if t.data_offset % spec["alignment"] != 0:
            problems.append(f"{name}: data offset {t.data_offset} is not {spec['alignment']}-aligned")
        theirs = dequantize(t.data, t.tensor_type).reshape(-1).astype(np.float32)
        ours = np.fromfile(want["ours"], dtype="<f4")
        ref = np.fromfile(want["reference"], dtype="<f4")
        if theirs.size != int(np.prod(want["shape"])):
            problems.append(f"{name}: {theirs.size} values, expected shape {want['shape']}")
            continue
        scale = float(np.abs(ref).max()) or 1.0
        if not np.allclose(theirs, ours, rtol=0, atol=1e-6 * scale):
            problems.append(f"{name}: gguf-py and Distillery dequantise differently "
                            f"(max |Δ| {np.abs(theirs - ours).max():.3g})")
        if want["type"] in REFERENCE_QUANTIZERS:
            expected_bytes = quantize(ref.reshape(want["shape"]), t.tensor_type).reshape(-1).view(np.uint8)
            if not np.array_equal(expected_bytes, np.asarray(t.data).reshape(-1).view(np.uint8)):
                problems.append(f"{name}: bytes differ from gguf-py's reference {want['type']} quantiser")
        err = float(np.linalg.norm(theirs - ref) / (np.linalg.norm(ref) or 1.0))
        worst[want["type"]] = max(worst.get(want["type"], 0.0), err)
        if err > want["bound"]:
            problems.append(f"{name} ({want['type']}): relative RMS error {err:.3g} > {want['bound']}")

    summary = ", ".join(f"{k} {v:.2e}" for k, v in sorted(worst.items()))
    status = "ok" if not problems else "FAIL"
    print(f"{status} {path}: {len(tensors)} tensors, {len(reader.fields)} fields; worst rel. RMS: {summary}")
    for p in problems:
        print(f"  - {p}")
    failures.extend(problems)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    failures = []
    for file_spec in spec["files"]:
        check_file(file_spec, failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
