from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.create_fine_tuning_job_request_backend import (
    CreateFineTuningJobRequestBackend,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fine_tuning_hyperparameters import FineTuningHyperparameters
    from ..models.metadata import Metadata


T = TypeVar("T", bound="CreateFineTuningJobRequest")


@_attrs_define
class CreateFineTuningJobRequest:
    """A fine-tuning job to create.

    Attributes:
        name (str):
        base_model (str): A base model from `/v1/fine-tuning/base-models`, or a model of this server (`local/<id>`).
        training_dataset (str): Dataset id of labelled rows.
        validation_dataset (str | Unset): Dataset id for validation loss and accuracy; without one, the job reports no
            validation figures.
        description (str | Unset):
        hyperparameters (FineTuningHyperparameters | Unset): Training hyperparameters; defaults are filled in responses.
            The defaults (3 epochs at 1e-3) are chosen so that a preset trained from scratch learns a simple labelled rule
            from a few hundred rows; a pretrained base usually wants a lower learning rate.
        suffix (str | Unset): Appended to the result model's name.
        backend (CreateFineTuningJobRequestBackend | Unset):  Default: CreateFineTuningJobRequestBackend.AUTO.
        metadata (Metadata | Unset): Your key-value pairs, returned unchanged.
        webhook_url (str | Unset): Receives signed job events; the same rules as a distillation's `webhook_url`.
    """

    name: str
    base_model: str
    training_dataset: str
    validation_dataset: str | Unset = UNSET
    description: str | Unset = UNSET
    hyperparameters: FineTuningHyperparameters | Unset = UNSET
    suffix: str | Unset = UNSET
    backend: CreateFineTuningJobRequestBackend | Unset = (
        CreateFineTuningJobRequestBackend.AUTO
    )
    metadata: Metadata | Unset = UNSET
    webhook_url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        base_model = self.base_model

        training_dataset = self.training_dataset

        validation_dataset = self.validation_dataset

        description = self.description

        hyperparameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hyperparameters, Unset):
            hyperparameters = self.hyperparameters.to_dict()

        suffix = self.suffix

        backend: str | Unset = UNSET
        if not isinstance(self.backend, Unset):
            backend = self.backend.value

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "base_model": base_model,
                "training_dataset": training_dataset,
            }
        )
        if validation_dataset is not UNSET:
            field_dict["validation_dataset"] = validation_dataset
        if description is not UNSET:
            field_dict["description"] = description
        if hyperparameters is not UNSET:
            field_dict["hyperparameters"] = hyperparameters
        if suffix is not UNSET:
            field_dict["suffix"] = suffix
        if backend is not UNSET:
            field_dict["backend"] = backend
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.fine_tuning_hyperparameters import FineTuningHyperparameters
        from ..models.metadata import Metadata

        d = dict(src_dict)
        name = d.pop("name")

        base_model = d.pop("base_model")

        training_dataset = d.pop("training_dataset")

        validation_dataset = d.pop("validation_dataset", UNSET)

        description = d.pop("description", UNSET)

        _hyperparameters = d.pop("hyperparameters", UNSET)
        hyperparameters: FineTuningHyperparameters | Unset
        if isinstance(_hyperparameters, Unset):
            hyperparameters = UNSET
        else:
            hyperparameters = FineTuningHyperparameters.from_dict(_hyperparameters)

        suffix = d.pop("suffix", UNSET)

        _backend = d.pop("backend", UNSET)
        backend: CreateFineTuningJobRequestBackend | Unset
        if isinstance(_backend, Unset):
            backend = UNSET
        else:
            backend = CreateFineTuningJobRequestBackend(_backend)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        webhook_url = d.pop("webhook_url", UNSET)

        create_fine_tuning_job_request = cls(
            name=name,
            base_model=base_model,
            training_dataset=training_dataset,
            validation_dataset=validation_dataset,
            description=description,
            hyperparameters=hyperparameters,
            suffix=suffix,
            backend=backend,
            metadata=metadata,
            webhook_url=webhook_url,
        )

        return create_fine_tuning_job_request
