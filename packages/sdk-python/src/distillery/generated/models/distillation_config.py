from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.distillation_config_backend import DistillationConfigBackend
from ..models.distillation_config_output_formats_item import (
    DistillationConfigOutputFormatsItem,
)
from ..models.quantization_type import QuantizationType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.prompt_row import PromptRow


T = TypeVar("T", bound="DistillationConfig")


@_attrs_define
class DistillationConfig:
    """What to distil and how. Unknown fields and out-of-range values are a 400 `invalid_config`
    naming the field. Responses return it with every default filled in.

        Attributes:
            teacher_model (str): Provider-prefixed teacher: `local/<model-id>` (a model on this server; logit-level
                distillation) or `openai/<model>` (an OpenAI-compatible endpoint configured on the server;
                text only).
            student_model (str): Student: a preset (`distillery-pico`, `-nano`, `-micro`, `-mini`, `-small`, `-base`) or the
                shape of an open Llama-architecture model (`smollm2-135m`, `smollm2-360m`, `llama-3.2-1b`, `llama-3.2-3b`),
                trained from scratch with the teacher's tokenizer (a local teacher) or the job's own; `local/<model-id>`, a
                model of this server (imported or trained) that training starts from, with its own tokenizer; or `auto`, the
                teacher itself pruned to `target_params` in depth and width by activation importance on the job's rows
                (Minitron-style), sharing its tokenizer (local teachers only). Anything else is a 400 naming
                `config.student_model`.
            target_params (str | Unset): Parameter budget of an `auto` student (required with it, refused without it): a
                count with an optional K, M or B suffix, as reference 001 writes it. The student has at most this many
                parameters.
            num_prompts (int | Unset): Cap on the dataset rows used for data generation.
            n_samples (int | Unset): Best-of-N teacher samples per prompt. Default: 4.
            training_steps (int | Unset): Optimizer steps. Default: 100.
            bond_beta (float | Unset): BOND mix of forward (1) and reverse (0) KL in the curated-sample weighting. Default:
                0.5.
            bond_gamma (float | Unset): KL regularisation strength towards the teacher. Default: 0.1.
            temperature (float | Unset): Teacher sampling temperature (0 is greedy). Default: 0.8.
            export_gguf (bool | Unset): Also export GGUF files in `quantization_types`. Default: True.
            quantization_types (list[QuantizationType] | Unset): GGUF tensor types to export.
            dataset_id (str | Unset): Dataset of prompts to distil on.
            prompts (list[PromptRow | str] | Unset): Inline prompts, instead of `dataset_id`.
            eval_dataset_id (str | Unset): Held-out evaluation dataset (default a split of the training rows).
            eval_split (float | Unset): Fraction of rows held out for evaluation when no `eval_dataset_id` is given.
                Default: 0.1.
            learning_rate (float | Unset): Peak AdamW learning rate. Default: 0.0003.
            batch_size (int | Unset): Sequences per optimizer step. Default: 8.
            seq_len (int | Unset): Tokens per training sequence. Default: 128.
            seed (int | Unset): Seed for data order, sampling and initialisation. Default: 0.
            kd_temperature (float | Unset): Softmax temperature of the KD loss (scaled by T²). Default: 2.0.
            kd_weight (float | Unset): Weight of the KD loss; `1 - kd_weight` goes to cross-entropy on curated completions.
                Default: 0.5.
            output_formats (list[DistillationConfigOutputFormatsItem] | Unset): Artifact families to export.
            accuracy_threshold (float | Unset): Least acceptable `accuracy_delta` (student minus teacher), e.g. -0.02.
                Default: -0.02.
            backend (DistillationConfigBackend | Unset): Compute backend; `auto` prefers a hardware GPU and falls back to
                the CPU. Default: DistillationConfigBackend.AUTO.
    """

    teacher_model: str
    student_model: str
    target_params: str | Unset = UNSET
    num_prompts: int | Unset = UNSET
    n_samples: int | Unset = 4
    training_steps: int | Unset = 100
    bond_beta: float | Unset = 0.5
    bond_gamma: float | Unset = 0.1
    temperature: float | Unset = 0.8
    export_gguf: bool | Unset = True
    quantization_types: list[QuantizationType] | Unset = UNSET
    dataset_id: str | Unset = UNSET
    prompts: list[PromptRow | str] | Unset = UNSET
    eval_dataset_id: str | Unset = UNSET
    eval_split: float | Unset = 0.1
    learning_rate: float | Unset = 0.0003
    batch_size: int | Unset = 8
    seq_len: int | Unset = 128
    seed: int | Unset = 0
    kd_temperature: float | Unset = 2.0
    kd_weight: float | Unset = 0.5
    output_formats: list[DistillationConfigOutputFormatsItem] | Unset = UNSET
    accuracy_threshold: float | Unset = -0.02
    backend: DistillationConfigBackend | Unset = DistillationConfigBackend.AUTO

    def to_dict(self) -> dict[str, Any]:
        from ..models.prompt_row import PromptRow

        teacher_model = self.teacher_model

        student_model = self.student_model

        target_params = self.target_params

        num_prompts = self.num_prompts

        n_samples = self.n_samples

        training_steps = self.training_steps

        bond_beta = self.bond_beta

        bond_gamma = self.bond_gamma

        temperature = self.temperature

        export_gguf = self.export_gguf

        quantization_types: list[str] | Unset = UNSET
        if not isinstance(self.quantization_types, Unset):
            quantization_types = []
            for quantization_types_item_data in self.quantization_types:
                quantization_types_item = quantization_types_item_data.value
                quantization_types.append(quantization_types_item)

        dataset_id = self.dataset_id

        prompts: list[dict[str, Any] | str] | Unset = UNSET
        if not isinstance(self.prompts, Unset):
            prompts = []
            for prompts_item_data in self.prompts:
                prompts_item: dict[str, Any] | str
                if isinstance(prompts_item_data, PromptRow):
                    prompts_item = prompts_item_data.to_dict()
                else:
                    prompts_item = prompts_item_data
                prompts.append(prompts_item)

        eval_dataset_id = self.eval_dataset_id

        eval_split = self.eval_split

        learning_rate = self.learning_rate

        batch_size = self.batch_size

        seq_len = self.seq_len

        seed = self.seed

        kd_temperature = self.kd_temperature

        kd_weight = self.kd_weight

        output_formats: list[str] | Unset = UNSET
        if not isinstance(self.output_formats, Unset):
            output_formats = []
            for output_formats_item_data in self.output_formats:
                output_formats_item = output_formats_item_data.value
                output_formats.append(output_formats_item)

        accuracy_threshold = self.accuracy_threshold

        backend: str | Unset = UNSET
        if not isinstance(self.backend, Unset):
            backend = self.backend.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "teacher_model": teacher_model,
                "student_model": student_model,
            }
        )
        if target_params is not UNSET:
            field_dict["target_params"] = target_params
        if num_prompts is not UNSET:
            field_dict["num_prompts"] = num_prompts
        if n_samples is not UNSET:
            field_dict["n_samples"] = n_samples
        if training_steps is not UNSET:
            field_dict["training_steps"] = training_steps
        if bond_beta is not UNSET:
            field_dict["bond_beta"] = bond_beta
        if bond_gamma is not UNSET:
            field_dict["bond_gamma"] = bond_gamma
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if export_gguf is not UNSET:
            field_dict["export_gguf"] = export_gguf
        if quantization_types is not UNSET:
            field_dict["quantization_types"] = quantization_types
        if dataset_id is not UNSET:
            field_dict["dataset_id"] = dataset_id
        if prompts is not UNSET:
            field_dict["prompts"] = prompts
        if eval_dataset_id is not UNSET:
            field_dict["eval_dataset_id"] = eval_dataset_id
        if eval_split is not UNSET:
            field_dict["eval_split"] = eval_split
        if learning_rate is not UNSET:
            field_dict["learning_rate"] = learning_rate
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if seq_len is not UNSET:
            field_dict["seq_len"] = seq_len
        if seed is not UNSET:
            field_dict["seed"] = seed
        if kd_temperature is not UNSET:
            field_dict["kd_temperature"] = kd_temperature
        if kd_weight is not UNSET:
            field_dict["kd_weight"] = kd_weight
        if output_formats is not UNSET:
            field_dict["output_formats"] = output_formats
        if accuracy_threshold is not UNSET:
            field_dict["accuracy_threshold"] = accuracy_threshold
        if backend is not UNSET:
            field_dict["backend"] = backend

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.prompt_row import PromptRow

        d = dict(src_dict)
        teacher_model = d.pop("teacher_model")

        student_model = d.pop("student_model")

        target_params = d.pop("target_params", UNSET)

        num_prompts = d.pop("num_prompts", UNSET)

        n_samples = d.pop("n_samples", UNSET)

        training_steps = d.pop("training_steps", UNSET)

        bond_beta = d.pop("bond_beta", UNSET)

        bond_gamma = d.pop("bond_gamma", UNSET)

        temperature = d.pop("temperature", UNSET)

        export_gguf = d.pop("export_gguf", UNSET)

        _quantization_types = d.pop("quantization_types", UNSET)
        quantization_types: list[QuantizationType] | Unset = UNSET
        if _quantization_types is not UNSET:
            quantization_types = []
            for quantization_types_item_data in _quantization_types:
                quantization_types_item = QuantizationType(quantization_types_item_data)

                quantization_types.append(quantization_types_item)

        dataset_id = d.pop("dataset_id", UNSET)

        _prompts = d.pop("prompts", UNSET)
        prompts: list[PromptRow | str] | Unset = UNSET
        if _prompts is not UNSET:
            prompts = []
            for prompts_item_data in _prompts:

                def _parse_prompts_item(data: object) -> PromptRow | str:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        prompts_item_type_1 = PromptRow.from_dict(data)

                        return prompts_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(PromptRow | str, data)

                prompts_item = _parse_prompts_item(prompts_item_data)

                prompts.append(prompts_item)

        eval_dataset_id = d.pop("eval_dataset_id", UNSET)

        eval_split = d.pop("eval_split", UNSET)

        learning_rate = d.pop("learning_rate", UNSET)

        batch_size = d.pop("batch_size", UNSET)

        seq_len = d.pop("seq_len", UNSET)

        seed = d.pop("seed", UNSET)

        kd_temperature = d.pop("kd_temperature", UNSET)

        kd_weight = d.pop("kd_weight", UNSET)

        _output_formats = d.pop("output_formats", UNSET)
        output_formats: list[DistillationConfigOutputFormatsItem] | Unset = UNSET
        if _output_formats is not UNSET:
            output_formats = []
            for output_formats_item_data in _output_formats:
                output_formats_item = DistillationConfigOutputFormatsItem(
                    output_formats_item_data
                )

                output_formats.append(output_formats_item)

        accuracy_threshold = d.pop("accuracy_threshold", UNSET)

        _backend = d.pop("backend", UNSET)
        backend: DistillationConfigBackend | Unset
        if isinstance(_backend, Unset):
            backend = UNSET
        else:
            backend = DistillationConfigBackend(_backend)

        distillation_config = cls(
            teacher_model=teacher_model,
            student_model=student_model,
            target_params=target_params,
            num_prompts=num_prompts,
            n_samples=n_samples,
            training_steps=training_steps,
            bond_beta=bond_beta,
            bond_gamma=bond_gamma,
            temperature=temperature,
            export_gguf=export_gguf,
            quantization_types=quantization_types,
            dataset_id=dataset_id,
            prompts=prompts,
            eval_dataset_id=eval_dataset_id,
            eval_split=eval_split,
            learning_rate=learning_rate,
            batch_size=batch_size,
            seq_len=seq_len,
            seed=seed,
            kd_temperature=kd_temperature,
            kd_weight=kd_weight,
            output_formats=output_formats,
            accuracy_threshold=accuracy_threshold,
            backend=backend,
        )

        return distillation_config
