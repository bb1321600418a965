"""A render's marker in its project folder: who renders, since when, and what was asked.

A render writes ``.renders/<id>.json`` when it starts and removes it when it ends, on
success or on a failure it handled. A marker whose process is gone (killed, crashed, the
machine restarted) or that was abandoned (the person pressed stop) is the trace of an
interrupted render: the studio says so when the conversation is reopened and offers to
resume, which renders only what is missing because finished reels stay in the segment
cache. A marker whose process still runs is a live render, whose files the sweep at the
next render's start leaves alone (:mod:`tools.assembly.sweep`).

Owners are recorded by pid *and* process start time, so a pid reused after a crash is not
mistaken for the render that died. A server process outlives the turns it runs, so for
markers of this very process the question is whether a step of that render still runs
here (:func:`working`): a turn that broke off between two steps leaves a marker whose
process lives on, and that render is interrupted all the same.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from film.paths import atomic_write_text
from tools.assembly.sweep import process_alive, process_start, sweep_debris

MARKERS_DIR = ".renders"
STEP_GAP_S = 60.0
"""How long a render of this process counts as live after its last step ended (the graph
starts the next step at once, but writes a checkpoint first, slowly on a busy machine)."""
log = logging.getLogger(__name__)
_steps: dict[str, list[float]] = {}  # render id -> [steps running here, when the last ended]
_steps_lock = threading.Lock()


@dataclass(frozen=True)
class RenderMarker:
    """One render of a project, as its marker file records it."""

    path: Path
    render_id: str
    pid: int
    process_started: float | None
    started: float
    details: dict[str, Any] = field(default_factory=dict)
    """What the caller recorded: the screenplay version, scenes, language, settings."""
    abandoned: bool = False
    resumes: int = 0
    """How many interrupted renders of this project this one took over (0: a fresh one)."""

    @property
    def live(self) -> bool:
        """Still rendering: not abandoned, and its process (the same one) still runs it."""
        if self.abandoned:
            return False
        if self.pid == os.getpid() and self.process_started == _THIS_PROCESS_STARTED:
            return _working_here(self.render_id)
        return process_alive(self.pid, self.process_started)

    def as_json(self) -> str:
        """The marker file's text."""
        return json.dumps(
            {
                "render_id": self.render_id,
                "pid": self.pid,
                "process_started": self.process_started,
                "started": self.started,
                "details": self.details,
                "abandoned": self.abandoned,
                "resumes": self.resumes,
            },
            ensure_ascii=False,
        )

    @classmethod
    def read(cls, path: Path) -> RenderMarker | None:
        """The marker at ``path``, or None when it is gone or unreadable."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            started = data.get("process_started")
            return cls(
                path=path,
                render_id=str(data["render_id"]),
                pid=int(data["pid"]),
                process_started=None if started is None else float(started),
                started=float(data["started"]),
                details=dict(data.get("details") or {}),
                abandoned=bool(data.get("abandoned")),
                resumes=int(data.get("resumes") or 0),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


@contextmanager
def working(render_id: str) -> Iterator[None]:
    """A step of render ``render_id`` runs in this process (or waits for its turn)."""
    if not render_id:
        yield
        return
    with _steps_lock:
        entry = _steps.setdefault(render_id, [0, time.monotonic()])
        entry[0] += 1
    try:
        yield
    finally:
        with _steps_lock:
            entry[0] -= 1
            entry[1] = time.monotonic()


def _working_here(render_id: str) -> bool:
    with _steps_lock:
        entry = _steps.get(render_id)
        return entry is not None and (entry[0] > 0 or time.monotonic() - entry[1] < STEP_GAP_S)


def markers_dir(project_dir: Path) -> Path:
    """Where a project's render markers live (one file per render in progress)."""
    return Path(project_dir) / MARKERS_DIR


def render_markers(project_dir: Path) -> list[RenderMarker]:
    """Every render marker of the project, oldest first."""
    found = [RenderMarker.read(p) for p in sorted(markers_dir(project_dir).glob("*.json"))]
    return sorted((m for m in found if m is not None), key=lambda m: m.started)


def interrupted_renders(project_dir: Path) -> list[RenderMarker]:
    """Renders of the project that started and neither finished nor run any more."""
    return [m for m in render_markers(project_dir) if not m.live]


def begin_render(project_dir: Path, details: Mapping[str, Any] | None = None) -> RenderMarker:
    """Start a render: sweep dead renders' debris, take over their markers, leave ours.

    A render of the same project still running elsewhere keeps its marker and its files.
    """
    project_dir = Path(project_dir)
    markers = render_markers(project_dir)
    others_live = any(m.live for m in markers)
    swept = sweep_debris(project_dir, others_live=others_live)
    if swept.entries:
        log.info(
            "swept %d leftovers (%.1f MB) of interrupted renders in %s",
            swept.entries,
            swept.bytes / 1e6,
            project_dir.name,
        )
    interrupted = [m for m in markers if not m.live]
    for old in interrupted:
        old.path.unlink(missing_ok=True)
    render_id = uuid.uuid4().hex[:12]
    with _steps_lock:
        _steps[render_id] = [0, time.monotonic()]  # live until its first step starts
    marker = RenderMarker(
        path=markers_dir(project_dir) / f"{render_id}.json",
        render_id=render_id,
        pid=os.getpid(),
        process_started=_THIS_PROCESS_STARTED,
        started=time.time(),
        details=dict(details or {}),
        resumes=len(interrupted),
    )
    marker.path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(marker.path, marker.as_json())
    return marker


def end_render(project_dir: Path, render_id: str) -> None:
    """The render finished, or failed in a way it reported: its marker goes."""
    with _steps_lock:
        _steps.pop(render_id, None)
    (markers_dir(project_dir) / f"{_safe_id(render_id)}.json").unlink(missing_ok=True)
    try:
        markers_dir(project_dir).rmdir()  # only when no other render's marker is left
    except OSError:
        pass


def abandon_render(project_dir: Path, render_id: str) -> None:
    """The render stopped part-way in a process that goes on (the stop button).

    Its marker stays, marked abandoned, so it reads as interrupted.
    """
    path = markers_dir(project_dir) / f"{_safe_id(render_id)}.json"
    marker = RenderMarker.read(path)
    if marker is not None and not marker.abandoned:
        atomic_write_text(path, replace(marker, abandoned=True).as_json())


_THIS_PROCESS_STARTED = process_start(os.getpid())


def _safe_id(render_id: str) -> str:
    """A render id as a file name (ids come back from saved state: never a path)."""
    return "".join(c for c in str(render_id) if c.isalnum())[:32] or "none"
