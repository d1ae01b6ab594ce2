from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_results_distillation_mode import JobResultsDistillationMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pruning_report import PruningReport


T = TypeVar("T", bound="JobResults")


@_attrs_define
class JobResults:
    """Evaluation results; present once the evaluation phase has run.

    Attributes:
        evaluated (bool | Unset): Whether the held-out rows could be scored. `false` when none of them has a `label` or
            `completion` to compare answers with: then there are no accuracies, no delta and `threshold_passed` is `false`,
            since nothing shows the student kept the teacher's accuracy.
        teacher_accuracy (float | Unset):
        student_accuracy (float | Unset):
        accuracy_delta (float | Unset): Student minus teacher accuracy on the same held-out rows.
        accuracy_delta_ci95 (list[float] | Unset): 95% confidence interval of the delta: normal approximation over the
            paired per-row differences (both models answer the same rows).
        eval_rows (int | Unset): Held-out rows evaluated.
        agreement_rate (float | Unset): Fraction of rows where student and teacher answer alike.
        compression_ratio (float | Unset): Teacher parameters over student parameters.
        teacher_parameters (int | Unset):
        student_parameters (int | Unset):
        teacher_perplexity (float | Unset): Perplexity of the held-out answers given their prompts (exp of the mean log-
            loss per answer token). Local teachers only: a hosted teacher gives no log-probabilities.
        student_perplexity (float | Unset): The student's perplexity on the same answers; in the teacher's tokens when
            the student shares its tokenizer (local teachers), so the two compare directly.
        teacher_size_bytes (int | Unset): Bytes of the teacher's stored weights (f32). Local teachers only.
        student_size_bytes (int | Unset): Bytes of the smallest exported student model file (a GGUF or the safetensors).
        size_compression_ratio (float | Unset): `teacher_size_bytes / student_size_bytes`: how much smaller the file you
            ship is.
        threshold_passed (bool | Unset): `accuracy_delta >= config.accuracy_threshold`; `false` when not `evaluated`.
        distillation_mode (JobResultsDistillationMode | Unset): `logit` when the student learnt the teacher's token
            distributions (a local teacher whose vocabulary the student shares), `sequence` when it learnt from the
            teacher's text only (a hosted teacher, or a student with a tokenizer of its own). Distillation jobs only.
        pruning (PruningReport | Unset): How an `auto` student was derived from its teacher.
    """

    evaluated: bool | Unset = UNSET
    teacher_accuracy: float | Unset = UNSET
    student_accuracy: float | Unset = UNSET
    accuracy_delta: float | Unset = UNSET
    accuracy_delta_ci95: list[float] | Unset = UNSET
    eval_rows: int | Unset = UNSET
    agreement_rate: float | Unset = UNSET
    compression_ratio: float | Unset = UNSET
    teacher_parameters: int | Unset = UNSET
    student_parameters: int | Unset = UNSET
    teacher_perplexity: float | Unset = UNSET
    student_perplexity: float | Unset = UNSET
    teacher_size_bytes: int | Unset = UNSET
    student_size_bytes: int | Unset = UNSET
    size_compression_ratio: float | Unset = UNSET
    threshold_passed: bool | Unset = UNSET
    distillation_mode: JobResultsDistillationMode | Unset = UNSET
    pruning: PruningReport | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        evaluated = self.evaluated

        teacher_accuracy = self.teacher_accuracy

        student_accuracy = self.student_accuracy

        accuracy_delta = self.accuracy_delta

        accuracy_delta_ci95: list[float] | Unset = UNSET
        if not isinstance(self.accuracy_delta_ci95, Unset):
            accuracy_delta_ci95 = self.accuracy_delta_ci95

        eval_rows = self.eval_rows

        agreement_rate = self.agreement_rate

        compression_ratio = self.compression_ratio

        teacher_parameters = self.teacher_parameters

        student_parameters = self.student_parameters

        teacher_perplexity = self.teacher_perplexity

        student_perplexity = self.student_perplexity

        teacher_size_bytes = self.teacher_size_bytes

        student_size_bytes = self.student_size_bytes

        size_compression_ratio = self.size_compression_ratio

        threshold_passed = self.threshold_passed

        distillation_mode: str | Unset = UNSET
        if not isinstance(self.distillation_mode, Unset):
            distillation_mode = self.distillation_mode.value

        pruning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pruning, Unset):
            pruning = self.pruning.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if evaluated is not UNSET:
            field_dict["evaluated"] = evaluated
        if teacher_accuracy is not UNSET:
            field_dict["teacher_accuracy"] = teacher_accuracy
        if student_accuracy is not UNSET:
            field_dict["student_accuracy"] = student_accuracy
        if accuracy_delta is not UNSET:
            field_dict["accuracy_delta"] = accuracy_delta
        if accuracy_delta_ci95 is not UNSET:
            field_dict["accuracy_delta_ci95"] = accuracy_delta_ci95
        if eval_rows is not UNSET:
            field_dict["eval_rows"] = eval_rows
        if agreement_rate is not UNSET:
            field_dict["agreement_rate"] = agreement_rate
        if compression_ratio is not UNSET:
            field_dict["compression_ratio"] = compression_ratio
        if teacher_parameters is not UNSET:
            field_dict["teacher_parameters"] = teacher_parameters
        if student_parameters is not UNSET:
            field_dict["student_parameters"] = student_parameters
        if teacher_perplexity is not UNSET:
            field_dict["teacher_perplexity"] = teacher_perplexity
        if student_perplexity is not UNSET:
            field_dict["student_perplexity"] = student_perplexity
        if teacher_size_bytes is not UNSET:
            field_dict["teacher_size_bytes"] = teacher_size_bytes
        if student_size_bytes is not UNSET:
            field_dict["student_size_bytes"] = student_size_bytes
        if size_compression_ratio is not UNSET:
            field_dict["size_compression_ratio"] = size_compression_ratio
        if threshold_passed is not UNSET:
            field_dict["threshold_passed"] = threshold_passed
        if distillation_mode is not UNSET:
            field_dict["distillation_mode"] = distillation_mode
        if pruning is not UNSET:
            field_dict["pruning"] = pruning

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pruning_report import PruningReport

        d = dict(src_dict)
        evaluated = d.pop("evaluated", UNSET)

        teacher_accuracy = d.pop("teacher_accuracy", UNSET)

        student_accuracy = d.pop("student_accuracy", UNSET)

        accuracy_delta = d.pop("accuracy_delta", UNSET)

        accuracy_delta_ci95 = cast(list[float], d.pop("accuracy_delta_ci95", UNSET))

        eval_rows = d.pop("eval_rows", UNSET)

        agreement_rate = d.pop("agreement_rate", UNSET)

        compression_ratio = d.pop("compression_ratio", UNSET)

        teacher_parameters = d.pop("teacher_parameters", UNSET)

        student_parameters = d.pop("student_parameters", UNSET)

        teacher_perplexity = d.pop("teacher_perplexity", UNSET)

        student_perplexity = d.pop("student_perplexity", UNSET)

        teacher_size_bytes = d.pop("teacher_size_bytes", UNSET)

        student_size_bytes = d.pop("student_size_bytes", UNSET)

        size_compression_ratio = d.pop("size_compression_ratio", UNSET)

        threshold_passed = d.pop("threshold_passed", UNSET)

        _distillation_mode = d.pop("distillation_mode", UNSET)
        distillation_mode: JobResultsDistillationMode | Unset
        if isinstance(_distillation_mode, Unset):
            distillation_mode = UNSET
        else:
            distillation_mode = JobResultsDistillationMode(_distillation_mode)

        _pruning = d.pop("pruning", UNSET)
        pruning: PruningReport | Unset
        if isinstance(_pruning, Unset):
            pruning = UNSET
        else:
            pruning = PruningReport.from_dict(_pruning)

        job_results = cls(
            evaluated=evaluated,
            teacher_accuracy=teacher_accuracy,
            student_accuracy=student_accuracy,
            accuracy_delta=accuracy_delta,
            accuracy_delta_ci95=accuracy_delta_ci95,
            eval_rows=eval_rows,
            agreement_rate=agreement_rate,
            compression_ratio=compression_ratio,
            teacher_parameters=teacher_parameters,
            student_parameters=student_parameters,
            teacher_perplexity=teacher_perplexity,
            student_perplexity=student_perplexity,
            teacher_size_bytes=teacher_size_bytes,
            student_size_bytes=student_size_bytes,
            size_compression_ratio=size_compression_ratio,
            threshold_passed=threshold_passed,
            distillation_mode=distillation_mode,
            pruning=pruning,
        )

        job_results.additional_properties = d
        return job_results

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
