"""The README's example, as written, against the real reference server: its first ```python block is
run unchanged in a fresh folder, with DISTILLERY_BASE_URL pointing at the server the test started."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from fakes import Reply, Request, job

README = Path(__file__).resolve().parents[1] / "README.md"


def first_block(language: str) -> str:
    match = re.search(rf"^```{language}\n(.*?)^```$", README.read_text("utf-8"), re.DOTALL | re.MULTILINE)
    assert match, f"README.md has no ```{language} block"
    return match[1]


def test_the_readme_example_runs_as_written(reference_server: str, tmp_path: Path):
    script = tmp_path / "readme_example.py"
    script.write_text(first_block("python"), "utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DISTILLERY_")}
    env["DISTILLERY_BASE_URL"] = reference_server
    run = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    output = run.stdout
    assert run.returncode == 0, f"exit {run.returncode}\n{output}\n{run.stderr}"
    assert "None" not in output and "Unset" not in output, output

    assert re.search(r"^Teacher: local/\S+$", output, re.MULTILINE), output
    assert re.search(r"^Job created: job_\w+ \(pending, initializing\)$", output, re.MULTILINE), output
    # on_progress prints each change it sees (polling once a second may miss a short phase); the last is done.
    progress = re.findall(r"^([a-z_]+): step (\d+)/(\d+|\?)$", output, re.MULTILINE)
    assert progress and progress[-1] == ("done", "60", "60"), output
    # The example's labelled rows and eval_split give the job held-out rows to evaluate on.
    assert re.search(
        r"^Teacher accuracy \d\.\d\d, student \d\.\d\d, delta [+-]\d\.\d\d \(threshold passed: (True|False)\)$",
        output,
        re.MULTILINE,
    ), output

    saved = re.search(r"^Saved (\S+) \((\d+) bytes, sha256 ([0-9a-f]{12})…\)$", output, re.MULTILINE)
    assert saved, output
    file = tmp_path / saved[1]
    data = file.read_bytes()
    assert data[:4] == b"GGUF" and len(data) == int(saved[2])
    assert hashlib.sha256(data).hexdigest().startswith(saved[3])


def test_the_readme_example_says_when_a_job_was_not_evaluated(server, tmp_path: Path):
    """The same block against a scripted server whose job has no accuracies (`evaluated: false`):
    it must say so, not crash formatting a missing number."""
    weights = b"GGUF scripted weights"
    stamp = {"created_at": "2026-04-19T12:00:00Z", "updated_at": "2026-04-19T12:00:00Z"}
    tuning = {
        "id": "ftjob_abc123",
        "tenant_id": "default",
        "name": "colour teacher",
        "base_model": "distillery-nano",
        "training_dataset": "ds_abc123",
        **stamp,
    }

    def route(request: Request) -> Reply:
        match request.method, request.path:
            case "POST", "/v1/datasets":
                dataset = {"id": "ds_abc123", "tenant_id": "default", "name": "colours", "format": "prompt_completion"}
                sizes = {"row_count": 48, "size_bytes": 2000, "checksum_sha256": "0" * 64}
                return Reply(201, {**dataset, **sizes, "created_at": stamp["created_at"]})
            case "POST", "/v1/fine-tuning/jobs":
                return Reply(201, {**tuning, "status": "pending", "phase": "initializing"})
            case "GET", "/v1/fine-tuning/jobs/ftjob_abc123":
                return Reply(200, {**tuning, "status": "completed", "phase": "done", "result_model": "local/ft-x"})
            case "POST", "/v1/distillation":
                return Reply(201, job())
            case "GET", "/v1/distillation/job_abc123":
                unknown = {"teacher_accuracy": None, "student_accuracy": None, "accuracy_delta": None}
                results = {"evaluated": False, **unknown}
                return Reply(200, job(status="completed", phase="done", results=results))
            case "GET", "/v1/distillation/job_abc123/artifacts/gguf_q8_0/download":
                headers = {
                    "x-checksum-sha256": hashlib.sha256(weights).hexdigest(),
                    "content-disposition": 'attachment; filename="model-q8_0.gguf"',
                }
                return Reply(200, weights, headers)
        return Reply(404, {"error": {"code": "not_scripted", "message": request.path}})

    server.handler = route
    script = tmp_path / "readme_example.py"
    script.write_text(first_block("python"), "utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DISTILLERY_")}
    env["DISTILLERY_BASE_URL"] = server.url
    run = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, f"exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    assert "Accuracy: not evaluated\n" in run.stdout
    assert (tmp_path / "model-q8_0.gguf").read_bytes() == weights
