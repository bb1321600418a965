"""What a Ray worker does with one scene: render it in a scratch project, send the files back.

Segments travel through Ray's object store, not shared storage: the worker renders into a
private scratch copy of the project (the spend ledger and the backend's paid clips are
carried in, so a paid job is never bought twice), and the task's last message carries
every file the render made. The driver writes them into the real segment cache
(:mod:`.landing`), which stays the single source of truth. This module is plain Python
(no Ray import), so the task's logic is tested without a cluster. A keyframe-first scene
gets a remote keyframe drawer (``draw_image``, nested Ray tasks from :mod:`.picture_tasks`):
its keyframes are drawn in parallel elsewhere but reserved, named and kept here, in the
scratch project, so they travel back with the segment; where each ran rides in the payload.

Messages, in order: ``("started", node_id, pid)``, exactly :data:`PROGRESS_SLOTS`
``("progress", message, fraction)`` (the surplus dropped, the rest filled with
``("progress", None, None)``), then ``("done", payload)``. The count is fixed because Ray
streams a generator's items by index: a retry after a dead worker replays from index 0 and
the driver only reads the indexes it has not read yet, so an attempt with fewer progress
messages than the dead one would end before the driver ever reached its ``done``.
"""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from film.paths import resolve_inside
from film.screenplay import Screenplay
from tools.assembly.production import SegmentResult, render_scene_segment
from tools.assembly.settings import ProductionSettings
from tools.assembly.sweep import SEGMENTS_DIR, WORK_DIR, process_alive
from tools.backends.openai.shot_keyframes import RemoteDraw, drawing_remotely

SCRATCH_PREFIX = "microfilm-ray-"
PROGRESS_SLOTS = 32
Message = tuple[Any, ...]


def scene_task(
    screenplay_json: dict[str, Any],
    number: int,
    settings_json: dict[str, Any],
    carried: dict[str, bytes],
    node_id: str = "",
    draw_image: RemoteDraw | None = None,
) -> Iterator[Message]:
    """Render scene ``number`` and yield its progress, then its result and files.

    ``draw_image`` draws the scene's keyframes elsewhere (a Ray task each); None: here.
    """
    screenplay = Screenplay.model_validate(screenplay_json)
    settings = ProductionSettings.model_validate(settings_json)
    yield ("started", node_id, os.getpid())
    sweep_scratch()
    prefix = f"{SCRATCH_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}-"
    scratch = Path(tempfile.mkdtemp(prefix=prefix)).resolve()
    try:
        for name, data in carried.items():
            target = resolve_inside(scratch, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        sheets = {n: str(resolve_inside(scratch, p)) for n, p in settings.character_sheets.items()}
        settings = settings.model_copy(update={"character_sheets": sheets})
        messages: queue.Queue[Message] = queue.Queue()

        def progress(message: str, fraction: float | None = None) -> None:
            messages.put(("progress", message, fraction))

        def render() -> None:
            try:
                with drawing_remotely(draw_image):
                    result = render_scene_segment(screenplay, number, scratch, settings, progress)
            except BaseException as exc:  # noqa: BLE001 - a bad scene number: a result
                result = SegmentResult(number, None, 0.0, False, str(exc), False, str(exc))
            messages.put(("result", result))

        threading.Thread(target=render, name=f"scene-{number}", daemon=True).start()
        sent = 0
        while True:
            message = messages.get()
            if message[0] == "result":
                for _ in range(PROGRESS_SLOTS - sent):
                    yield ("progress", None, None)
                payload = _payload(message[1], scratch, carried, node_id)
                payload["pictures"] = list(getattr(draw_image, "records", []))
                yield ("done", payload)
                return
            if sent < PROGRESS_SLOTS:
                sent += 1
                yield message
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _payload(
    result: SegmentResult, scratch: Path, carried: dict[str, bytes], node_id: str
) -> dict[str, Any]:
    """The result with every new or changed file of the scratch project (relative paths)."""
    files: dict[str, bytes] = {}
    for path in sorted(scratch.rglob("*")):
        relative = path.relative_to(scratch)
        if not path.is_file() or WORK_DIR in relative.parts or path.name.startswith("."):
            continue
        data = path.read_bytes()
        if carried.get(relative.as_posix()) != data:
            files[relative.as_posix()] = data
    body = None
    if result.path is not None:
        body = result.path.relative_to(scratch / SEGMENTS_DIR).as_posix()
    return {
        "scene": result.scene_number,
        "body": body,
        "duration_s": result.duration_s,
        "cached": result.cached,
        "error": result.error,
        "transient": result.transient,
        "reason": result.reason,
        "files": files,
        "node_id": node_id,
        "pid": os.getpid(),
    }


def sweep_scratch(root: Path | None = None) -> int:
    """Remove scratch projects of worker processes that died (a cancelled or killed task).

    A forced cancel ends the worker process at once, so its ``finally`` never runs; the
    next task on that machine removes what it left. Returns how many were removed.
    """
    removed = 0
    for folder in Path(root or tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        pid_text = folder.name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
        if folder.is_dir() and pid_text.isdigit() and not process_alive(int(pid_text)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
