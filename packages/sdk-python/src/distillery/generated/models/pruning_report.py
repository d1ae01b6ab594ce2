from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_shape import ModelShape


T = TypeVar("T", bound="PruningReport")


@_attrs_define
class PruningReport:
    """How an `auto` student was derived from its teacher.

    Attributes:
        teacher_parameters (int):
        student_parameters (int):
        teacher_shape (ModelShape):
        student_shape (ModelShape):
        removed_layers (list[int]): Teacher layers dropped (least block importance first), by index.
    """

    teacher_parameters: int
    student_parameters: int
    teacher_shape: ModelShape
    student_shape: ModelShape
    removed_layers: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        teacher_parameters = self.teacher_parameters

        student_parameters = self.student_parameters

        teacher_shape = self.teacher_shape.to_dict()

        student_shape = self.student_shape.to_dict()

        removed_layers = self.removed_layers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "teacher_parameters": teacher_parameters,
                "student_parameters": student_parameters,
                "teacher_shape": teacher_shape,
                "student_shape": student_shape,
                "removed_layers": removed_layers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_shape import ModelShape

        d = dict(src_dict)
        teacher_parameters = d.pop("teacher_parameters")

        student_parameters = d.pop("student_parameters")

        teacher_shape = ModelShape.from_dict(d.pop("teacher_shape"))

        student_shape = ModelShape.from_dict(d.pop("student_shape"))

        removed_layers = cast(list[int], d.pop("removed_layers"))

        pruning_report = cls(
            teacher_parameters=teacher_parameters,
            student_parameters=student_parameters,
            teacher_shape=teacher_shape,
            student_shape=student_shape,
            removed_layers=removed_layers,
        )

        pruning_report.additional_properties = d
        return pruning_report

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
