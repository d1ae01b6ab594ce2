"""What the resources send: bodies exactly as written (unknown keys included, so that the server's 400
names them), and uploads from a path that cannot be read."""

from __future__ import annotations

import json

import pytest
from fakes import Reply, error, job

import distillery
from distillery.types import DistillationConfig, PromptRow, QuantizationType


def test_a_config_is_sent_as_written_unknown_keys_included(server, client):
    server.script(Reply(201, job()))
    client.jobs.create(
        name="typo",
        config={"teacher_model": "local/t", "student_model": "distillery-pico", "trainig_steps": 5},
    )
    body = json.loads(server.requests[0].body)
    assert body == {
        "name": "typo",
        "config": {"teacher_model": "local/t", "student_model": "distillery-pico", "trainig_steps": 5},
    }


def test_models_enums_and_nested_rows_become_json(server, client):
    server.script(Reply(201, job()))
    config = {
        "teacher_model": "local/t",
        "student_model": "distillery-pico",
        "quantization_types": [QuantizationType.Q8_0],
        "prompts": ["plain", PromptRow(prompt="Subject: hi", label="ham"), {"prompt": "x", "labl": "typo"}],
    }
    client.jobs.create(config=config)
    sent = json.loads(server.requests[0].body)["config"]
    assert sent["quantization_types"] == ["q8_0"]
    assert sent["prompts"] == ["plain", {"prompt": "Subject: hi", "label": "ham"}, {"prompt": "x", "labl": "typo"}]

    client.jobs.create(config=DistillationConfig(teacher_model="local/t", student_model="distillery-pico"))
    typed = json.loads(server.requests[1].body)["config"]
    assert typed["student_model"] == "distillery-pico" and typed["training_steps"] == 100


def test_fine_tuning_hyperparameters_are_sent_as_written(server, client):
    message = "hyperparameters.epoch is not a known field"
    server.script(error(400, "invalid_config", message, param="hyperparameters.epoch"))
    with pytest.raises(distillery.BadRequestError):
        client.fine_tuning.jobs.create(
            name="t", base_model="distillery-nano", training_dataset="ds_x", hyperparameters={"epoch": 2}
        )
    assert json.loads(server.requests[0].body)["hyperparameters"] == {"epoch": 2}


def test_the_servers_invalid_config_names_the_key(server, client):
    message = "config.trainig_steps is not a known field"
    server.script(error(400, "invalid_config", message, param="config.trainig_steps"))
    with pytest.raises(distillery.BadRequestError) as caught:
        client.jobs.create(config={"teacher_model": "local/t", "student_model": "s", "trainig_steps": 5})
    assert caught.value.param == "config.trainig_steps"
    assert str(caught.value) == "400 config.trainig_steps is not a known field"


@pytest.mark.parametrize("make_path", [lambda tmp: tmp / "no-such-file.jsonl", lambda tmp: tmp])
def test_an_unreadable_upload_path_is_a_distillery_error_naming_it(server, client, tmp_path, make_path):
    path = make_path(tmp_path)
    with pytest.raises(distillery.DistilleryError) as caught:
        client.datasets.upload(path)
    assert str(path) in str(caught.value)
    assert (caught.value.code, caught.value.param) == ("file_unreadable", "file")
    assert isinstance(caught.value.__cause__, OSError)
    assert server.requests == []


def test_a_file_that_is_not_utf8_is_a_distillery_error_naming_it(server, client, tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"prompt": "caf\xe9"}\n'.encode("latin-1"))
    with pytest.raises(distillery.DistilleryError, match="latin1.jsonl"):
        client.datasets.upload(str(path))
    assert server.requests == []
