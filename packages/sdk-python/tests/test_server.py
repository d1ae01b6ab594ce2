"""End to end against the reference server (apps/server, built): upload a dataset, distil a tiny
student on the CPU, wait, read its results and download an artifact whose sha256 must match.
Skipped when the server is not built, except in CI, where that is a failure."""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path

import pytest

import distillery


@pytest.fixture
def server(reference_server: str) -> str:
    return reference_server


def mail(n: int) -> bytes:
    subjects = {"spam": ["Cheap meds online", "You won a free cruise"], "ham": ["Re: build script patch", "Meeting notes"]}
    rows = []
    for i in range(n):
        label = "spam" if i % 2 else "ham"
        rows.append(json.dumps({"prompt": f"Subject: {subjects[label][i % 2]} #{i}", "label": label}))
    return ("\n".join(rows) + "\n").encode()


def test_distil_wait_read_and_download(server, tmp_path: Path):
    with distillery.Distillery(base_url=server) as client:
        dataset = client.datasets.upload(mail(30), name="sdk-python mail")
        assert dataset.row_count == 30 and client.datasets.get(dataset.id).id == dataset.id

        # A teacher first: fine-tune the smallest preset on the dataset.
        tuning = client.fine_tuning.jobs.create(
            name="sdk-python teacher",
            base_model="distillery-nano",
            training_dataset=dataset.id,
            suffix="sdk-python-teacher",
            hyperparameters={"epochs": 1, "batch_size": 8, "seq_len": 32},
        )
        teacher = client.fine_tuning.jobs.wait_for_completion(tuning.id, poll_interval=0.5, timeout=240)
        assert teacher.result_model

        job = client.jobs.create(
            name="sdk-python e2e",
            config={
                "teacher_model": teacher.result_model,
                "student_model": "distillery-nano",
                "dataset_id": dataset.id,
                "training_steps": 4,
                "n_samples": 1,
                "batch_size": 4,
                "seq_len": 32,
                "eval_split": 0.2,
                "export_gguf": False,
            },
        )
        assert job.id in {j.id for j in client.jobs.list()}
        phases: list[str] = []
        done = client.jobs.wait_for_completion(
            job.id, poll_interval=0.5, timeout=240, on_progress=lambda j: phases.append(str(j.phase))
        )
        assert str(done.phase) == "done" and phases[-1] == "done"
        assert done.results.student_parameters > 0
        assert isinstance(done.results.threshold_passed, bool)
        assert len(client.jobs.metrics(job.id).points) == 4
        assert client.jobs.logs(job.id).lines

        artifacts = client.artifacts.list(job.id).items
        config = next(a for a in artifacts if str(a.format_) == "config")
        saved = client.artifacts.download(job.id, "config", tmp_path)
        data = Path(saved.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == config.checksum_sha256 == saved.checksum_sha256
        assert len(data) == config.size_bytes

        with pytest.raises(distillery.ConflictError) as caught:
            client.jobs.cancel(job.id)
        assert caught.value.code == "job_terminal"
        client.jobs.delete(job.id)
        with pytest.raises(distillery.NotFoundError):
            client.jobs.get(job.id)


def test_an_unknown_config_key_is_the_servers_400_naming_it(server):
    # The SDK sends the config as written: a misspelt key is refused, never dropped for a default.
    with distillery.Distillery(base_url=server, max_retries=0) as client:
        with pytest.raises(distillery.BadRequestError) as caught:
            client.jobs.create(
                config={"teacher_model": "local/distillery-nano", "student_model": "distillery-pico", "trainig_steps": 5}
            )
        assert (caught.value.code, caught.value.param) == ("invalid_config", "config.trainig_steps")
        assert "trainig_steps" in str(caught.value)
        with pytest.raises(distillery.BadRequestError) as caught:
            client.fine_tuning.jobs.create(
                name="typo", base_model="distillery-nano", training_dataset="ds_nope", hyperparameters={"epoch": 2}
            )
        assert caught.value.param == "hyperparameters.epoch"


FIXTURES = Path(__file__).resolve().parents[2] / "engine" / "test" / "fixtures" / "import"


def test_import_a_checkpoint_use_it_by_id_and_delete_it(server, tmp_path: Path):
    folder = tmp_path / "smollm"
    folder.mkdir()
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"):
        (folder / name).write_bytes((FIXTURES / "smollm-f32" / name).read_bytes())
    with distillery.Distillery(base_url=server) as client:
        model = client.models.import_(folder)
        assert model.id.startswith("local/mdl_") and model.name == "smollm"
        assert str(model.kind) == "imported" and str(model.source.format_) == "safetensors"
        assert model.architecture.name == "LlamaForCausalLM" and model.vocab_size == model.architecture.vocab_size
        gguf = client.models.import_(FIXTURES / "gguf" / "smollm-q8_0.gguf", name="smollm-q8")
        assert gguf.dtype == "Q8_0" and str(gguf.source.format_) == "gguf"
        assert {model.id, gguf.id} <= {m.id for m in client.models.list()}
        broken = folder / "config.json"
        broken.write_text(broken.read_text().replace('"llama"', '"gpt2"'))
        with pytest.raises(distillery.BadRequestError, match="config.json"):
            client.models.import_(folder)
        for imported in (model, gguf):
            client.models.delete(imported.id)
        assert not {model.id, gguf.id} & {m.id for m in client.models.list()}


def test_chat_with_a_fine_tuned_model_whole_and_streamed(server):
    """The model a fine-tuning job produced is served at once: greedy decoding answers the same text
    whole and streamed, the stream ending at [DONE] with the usage chunk last, sync and async."""
    with distillery.Distillery(base_url=server) as client:
        dataset = client.datasets.upload(mail(16), name="sdk-python chat mail")
        tuning = client.fine_tuning.jobs.create(
            name="sdk-python chat",
            base_model="distillery-nano",
            training_dataset=dataset.id,
            hyperparameters={"epochs": 1, "batch_size": 8, "seq_len": 32},
        )
        model = client.fine_tuning.jobs.wait_for_completion(tuning.id, poll_interval=0.5, timeout=240).result_model
        messages = [{"role": "user", "content": "Subject: Cheap meds online"}]
        whole = client.chat.completions.create(model=model, messages=messages, max_tokens=5, temperature=0)
        assert whole.model == model and str(whole.object_) == "chat.completion"
        assert 1 <= whole.usage.completion_tokens <= 5
        with client.chat.completions.create(
            model=model, messages=messages, max_tokens=5, temperature=0, stream=True, stream_options={"include_usage": True}
        ) as stream:
            chunks = list(stream)
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == whole.choices[0].message.content
        assert chunks[-1].choices == [] and chunks[-1].usage.to_dict() == whole.usage.to_dict()
        assert str(chunks[-2].choices[0].finish_reason) == str(whole.choices[0].finish_reason)
        with pytest.raises(distillery.BadRequestError) as caught:
            client.chat.completions.create(model="distillery-nano", messages=messages)
        assert caught.value.param == "model"
        recent = client.stats.recent_requests(limit=3).data
        assert [str(r.endpoint) for r in recent][:2] == ["chat.completions", "chat.completions"]

    async def streamed() -> str:
        async with distillery.AsyncDistillery(base_url=server) as client:
            stream = await client.chat.completions.create(model=model, messages=messages, max_tokens=5, temperature=0, stream=True)
            return "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])

    assert asyncio.run(streamed()) == whole.choices[0].message.content
