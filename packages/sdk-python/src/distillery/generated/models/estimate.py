from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.estimate_backend import EstimateBackend
from ..types import UNSET, Unset

T = TypeVar("T", bound="Estimate")


@_attrs_define
class Estimate:
    """Predicted cost and time of a job on this server.

    Attributes:
        estimated_cost (float):
        currency (Literal['credits']):
        estimated_seconds (float):
        flops (float): Training plus generation FLOPs.
        tokens (int): Tokens the student trains on.
        backend (EstimateBackend):
        within_budget (bool): Whether the tenant's remaining budget covers the estimate.
        teacher_parameters (int | Unset):
        student_parameters (int | Unset):
    """

    estimated_cost: float
    currency: Literal["credits"]
    estimated_seconds: float
    flops: float
    tokens: int
    backend: EstimateBackend
    within_budget: bool
    teacher_parameters: int | Unset = UNSET
    student_parameters: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        estimated_cost = self.estimated_cost

        currency = self.currency

        estimated_seconds = self.estimated_seconds

        flops = self.flops

        tokens = self.tokens

        backend = self.backend.value

        within_budget = self.within_budget

        teacher_parameters = self.teacher_parameters

        student_parameters = self.student_parameters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "estimated_cost": estimated_cost,
                "currency": currency,
                "estimated_seconds": estimated_seconds,
                "flops": flops,
                "tokens": tokens,
                "backend": backend,
                "within_budget": within_budget,
            }
        )
        if teacher_parameters is not UNSET:
            field_dict["teacher_parameters"] = teacher_parameters
        if student_parameters is not UNSET:
            field_dict["student_parameters"] = student_parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        estimated_cost = d.pop("estimated_cost")

        currency = cast(Literal["credits"], d.pop("currency"))
        if currency != "credits":
            raise ValueError(f"currency must match const 'credits', got '{currency}'")

        estimated_seconds = d.pop("estimated_seconds")

        flops = d.pop("flops")

        tokens = d.pop("tokens")

        backend = EstimateBackend(d.pop("backend"))

        within_budget = d.pop("within_budget")

        teacher_parameters = d.pop("teacher_parameters", UNSET)

        student_parameters = d.pop("student_parameters", UNSET)

        estimate = cls(
            estimated_cost=estimated_cost,
            currency=currency,
            estimated_seconds=estimated_seconds,
            flops=flops,
            tokens=tokens,
            backend=backend,
            within_budget=within_budget,
            teacher_parameters=teacher_parameters,
            student_parameters=student_parameters,
        )

        estimate.additional_properties = d
        return estimate

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
