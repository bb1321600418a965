"""The driver's side of a remote scene: what to send a worker, and filing what comes back.

The project's segment cache is the single source of truth. A scene whose reel is already
finished there is never sent (:func:`finished_segment`); a reel that comes back is written
piece by piece through temporary names and its manifest last, exactly as a local render
writes it, so a driver killed while filing leaves no half segment; and a reel some other
render finished meanwhile is left untouched (its files are not rewritten). The spend
ledger goes out with the task and the worker's new or changed paid jobs are recorded back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from film.paths import atomic_write_bytes, resolve_inside
from film.screenplay import Screenplay
from tools.assembly.production import SegmentResult
from tools.assembly.reels import spec_for_scene
from tools.assembly.segments import Manifest, segments_dir
from tools.assembly.settings import ProductionSettings
from tools.assembly.sweep import SEGMENTS_DIR
from tools.backends.base import get_backend
from tools.backends.ledger import LEDGER_NAME, PaidJob, SpendLedger

CLIPS_DIR = "clips"
SHEETS_DIR = "sheets"


def remote_settings(settings: ProductionSettings) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The settings a worker renders with, and the character sheet files they point to.

    A sheet is named by the worker's scratch path ``sheets/<file>``; the cache key reads
    only the file's (content-derived) name, so the worker's reel has the driver's key.
    """
    data = settings.model_dump(mode="json")
    files: dict[str, bytes] = {}
    sheets: dict[str, str] = {}
    for name, path in sorted(settings.character_sheets.items()):
        relative = f"{SHEETS_DIR}/{Path(path).name}"
        files[relative] = Path(path).read_bytes()
        sheets[name] = relative
    data["character_sheets"] = sheets
    return data, files


def finished_segment(
    screenplay: Screenplay, number: int, project_dir: Path, settings: ProductionSettings
) -> SegmentResult | None:
    """The scene's finished segment from the project's cache, or None if it must be made."""
    folder = segments_dir(project_dir)
    spec = spec_for_scene(screenplay, number, settings, get_backend(settings.backend))
    manifest = Manifest.load(folder, spec.stem)
    if manifest is None:
        return None
    return SegmentResult(number, folder / manifest.pieces["body"], manifest.duration_s, True)


def carried_files(project_dir: Path, backend: str) -> dict[str, bytes]:
    """What a worker needs from the project: the spend ledger and this backend's paid clips.

    The local animatic needs nothing (it buys no job), so its tasks carry no bytes.
    """
    carried: dict[str, bytes] = {}
    ledger = project_dir / LEDGER_NAME
    if ledger.is_file():
        carried[LEDGER_NAME] = ledger.read_bytes()
    clips = project_dir / SEGMENTS_DIR / CLIPS_DIR
    if clips.is_dir():
        for clip in sorted(clips.glob(f"{backend}-*")):
            if clip.is_file():
                carried[f"{SEGMENTS_DIR}/{CLIPS_DIR}/{clip.name}"] = clip.read_bytes()
    return carried


def land_segment(
    project_dir: Path, payload: dict[str, Any], carried: dict[str, bytes]
) -> SegmentResult:
    """Write a worker's files into the project and return the scene's result from there."""
    project_dir = Path(project_dir)
    files: dict[str, bytes] = dict(payload.get("files") or {})
    new_ledger = files.pop(LEDGER_NAME, None)
    if new_ledger is not None:
        record_paid_jobs(project_dir, carried.get(LEDGER_NAME), new_ledger)
    folder = segments_dir(project_dir)
    manifests = {n: d for n, d in files.items() if _is_manifest(n)}
    for name, data in files.items():  # pieces and paid clips first, manifests last
        target = resolve_inside(project_dir, name)
        if name in manifests or target.exists():
            continue
        atomic_write_bytes(target, data)
    for name, data in manifests.items():
        target = resolve_inside(project_dir, name)
        if Manifest.load(folder, target.stem) is None:
            atomic_write_bytes(target, data)
    scene = int(payload["scene"])
    if payload.get("error") or not payload.get("body"):
        return SegmentResult(
            scene,
            None,
            0.0,
            False,
            payload.get("error") or f"Scene {scene} could not be rendered: no segment came back",
            bool(payload.get("transient")),
            payload.get("reason") or "no segment came back",
        )
    body = resolve_inside(folder, str(payload["body"]))
    return SegmentResult(scene, body, float(payload["duration_s"]), bool(payload.get("cached")))


def _is_manifest(name: str) -> bool:
    parts = name.split("/")
    return len(parts) == 2 and parts[0] == SEGMENTS_DIR and parts[1].endswith(".json")


def record_paid_jobs(project_dir: Path, before: bytes | None, after: bytes) -> int:
    """Record in the project's ledger the jobs a worker reserved or changed; how many."""
    old = _jobs(before) if before is not None else []
    ledger = SpendLedger(project_dir)
    changed = [job for job in _jobs(after) if job not in old]
    for job in changed:
        ledger.record(job)
    return len(changed)


def _jobs(data: bytes) -> list[PaidJob]:
    names = set(PaidJob.__dataclass_fields__)
    raw = json.loads(data.decode("utf-8"))
    return [PaidJob(**{k: v for k, v in job.items() if k in names}) for job in raw["jobs"]]
