"""Contract test: every read operation and the creates, through the SDK, against Prism mocking the spec.
Prism validates each request against the spec and answers with the spec's examples, so this checks
both that the SDK sends what the contract allows and that it parses what the contract promises."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from processes import NODE_BIN, free_port, missing, running

import distillery
from distillery.generated.api.system import get_hardware, get_health, get_server_config, get_stats, get_v1_health


@pytest.fixture(scope="module")
def prism(tmp_path_factory) -> Iterator[str]:
    if not (NODE_BIN / "prism").exists():
        missing("Prism is not installed: run `npm ci` at the repository root")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(NODE_BIN / "prism"), "mock", "openapi/distillery.yaml", "--host", "127.0.0.1", "--port", str(port)]
    with running(command, f"{url}/health", tmp_path_factory.mktemp("prism") / "prism.log"):
        yield url


@pytest.fixture
def client(prism) -> Iterator[distillery.Distillery]:
    with distillery.Distillery(base_url=prism, max_retries=0) as c:
        yield c


def test_distillation_reads(client):
    # Prism answers every page with the same example, whose has_more is true: take a few pages' worth.
    jobs = list(itertools.islice(client.jobs.list(status="completed"), 3))
    assert len(jobs) == 3 and jobs[0].results.student_accuracy == 0.948
    job = client.jobs.get("job_abc123")
    assert job.id == "job_abc123"
    assert client.jobs.logs("job_abc123", lines=10).lines[0].message
    assert client.jobs.metrics("job_abc123").points[0].step == 10
    artifacts = client.artifacts.list("job_abc123")
    assert artifacts.items[0].checksum_sha256 and artifacts.has_more is False
    estimate = client.jobs.estimate(config={"teacher_model": "local/ft-spam-teacher", "student_model": "distillery-micro"})
    assert estimate.within_budget is True


def test_distillation_create(client):
    job = client.jobs.create(
        name="ticket-triage v1",
        config={"teacher_model": "openai/gpt-4o", "student_model": "llama-3.2-1b", "training_steps": 100},
        metadata={"git_sha": "9f3c2ab"},
    )
    assert str(job.status) == "pending" and str(job.phase) == "initializing"


def test_an_invalid_config_is_refused_before_it_reaches_a_server(client):
    # Prism validates the request body: a string where the spec wants a number is a 4xx.
    with pytest.raises(distillery.APIError):
        client.jobs.create(config={"teacher_model": "local/t", "student_model": "s", "bond_beta": "high"})


def test_fine_tuning(client):
    assert next(iter(client.fine_tuning.jobs.list())).id == "ftjob_abc123"
    assert client.fine_tuning.jobs.get("ftjob_abc123").result_model
    assert client.fine_tuning.jobs.logs("ftjob_abc123").lines
    assert client.fine_tuning.jobs.metrics("ftjob_abc123").points
    assert client.fine_tuning.base_models.list().items[0].id == "distillery-nano"
    assert client.fine_tuning.stats().total == 15
    assert client.fine_tuning.jobs.estimate(name="t", base_model="distillery-small", training_dataset="ds_2b7f1c9e4a")
    created = client.fine_tuning.jobs.create(
        name="spam teacher", base_model="distillery-small", training_dataset="ds_2b7f1c9e4a", hyperparameters={"epochs": 2}
    )
    assert str(created.status) == "pending"


def test_datasets_and_models(client, tmp_path):
    assert next(iter(client.datasets.list())).id == "ds_2b7f1c9e4a"
    assert client.datasets.get("ds_2b7f1c9e4a").row_count > 0
    rows = tmp_path / "spam.jsonl"
    rows.write_text('{"prompt": "Subject: cheap meds", "label": "spam"}\n')
    assert client.datasets.upload(rows).id
    models = client.models.list().items
    assert models[0].id == "distillery-micro" and models[0].architecture.n_layers == 4
    assert client.models.get("local/ft-spam-teacher").id


def test_hardware_stats_config_and_health(client):
    assert client.hardware.get().default_backend
    assert client.stats.get().datasets == 6
    assert client.config.get().auth_mode
    assert str(client.health.get().status) == "ok"


def test_system_reads_through_the_generated_client(client):
    # The generated functions reach every operation, /health included.
    generated = client._core.client
    assert get_hardware.sync(client=generated).default_backend
    assert get_stats.sync(client=generated).datasets == 6
    assert get_server_config.sync(client=generated).auth_mode
    assert str(get_health.sync(client=generated).status) == "ok"
    assert str(get_v1_health.sync(client=generated).status) == "ok"


def test_models_import_and_delete(client):
    # Prism cannot check a multipart body of repeated `file` parts (it reads them as one value, not the
    # array the spec declares), so the multipart forms are checked by the fake and the real server.
    imported = client.models.import_(source_url="https://models.example.com/smollm2.gguf", name="smollm2")
    assert imported.id.startswith("local/mdl_") and imported.architecture.name == "LlamaForCausalLM"
    client.models.delete("local/mdl_7k2m9x4q1c8v")


def test_inference(client):
    # Prism answers the JSON examples; the event streams are checked against the mock and the real server.
    messages = [{"role": "user", "content": "Subject: Cheap meds online, no prescription"}]
    chat = client.chat.completions.create(model="local/ft-spam-teacher", messages=messages, max_tokens=8, temperature=0)
    assert chat.choices[0].message.content == "spam" and str(chat.choices[0].finish_reason) == "stop"
    text = client.completions.create(model="local/mdl_7k2m9x4q1c8v", prompt="The quick brown fox", max_tokens=16)
    assert text.choices[0].text == " jumps over the lazy dog." and text.usage.total_tokens == 11
    batch = client.completions.batch(prompts=["Name a warm color.", "Name a cool color."], max_tokens=32, seed=7)
    assert [c.prompt_index for c in batch.choices] == [0, 1]
    vectors = client.embeddings.create(model="local/mdl_7k2m9x4q1c8v", input=["Cheap meds online", "Meeting notes"])
    assert [len(d.embedding) for d in vectors.data] == [4, 4]
    assert client.stats.decode().tokens_per_second == 412.5
    assert str(client.stats.recent_requests(limit=10).data[0].endpoint) == "chat.completions"
