"""Shared pieces for the ComfyUI backend tests: fast settings and a job against the fake."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fake_comfyui import FakeComfyUI, tiny_png

from tools.backends.comfyui.client import ComfyClient
from tools.backends.comfyui.job import ComfyJob, JobSpec, Patience
from tools.backends.comfyui.settings import ComfySettings
from tools.backends.comfyui.workflow import Workflow, shipped

FAST = Patience(timeout_s=20.0, poll_s=0.1, reconnect_s=0.05)


def fast_settings(url: str, **overrides: object) -> ComfySettings:
    """Settings for the fake: short waits, the Wan template unless told otherwise."""
    settings = ComfySettings(
        url=url, video=shipped("wan22_i2v"), poll_s=0.1, reconnect_s=0.05, request_timeout_s=5.0
    )
    return replace(settings, **overrides)  # type: ignore[arg-type]


def wan_graph(fake: FakeComfyUI, *, frames: int = 17, size: tuple[int, int] = (64, 112)) -> dict:
    """A filled Wan graph whose start frame is already uploaded to the fake."""
    fake.uploads["start.png"] = tiny_png(*size, 5)
    workflow: Workflow = shipped("wan22_i2v")
    return workflow.fill(
        {
            "prompt": "Mei runs up the stairs.",
            "negative_prompt": "text",
            "image": "start.png",
            "seed": 7,
            "width": size[0],
            "height": size[1],
            "frames": frames,
            "fps": 16,
        }
    )


def run_job(
    client: ComfyClient,
    graph: dict,
    target: Path,
    *,
    patience: Patience = FAST,
    events: list[tuple[str, float]] | None = None,
) -> ComfyJob:
    """Run one video job to ``target``, collecting its progress in ``events``."""
    spec = JobSpec(graph, "wan22_i2v", "14", "video", target, "Scene 1, shot 1")
    job = ComfyJob(
        client, spec, patience, lambda m, f: events.append((m, f)) if events is not None else None
    )
    job.run()
    return job
