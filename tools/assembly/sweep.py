"""What a killed render leaves behind, and whether the process that wrote it still runs.

Every render writes through temporary names (hidden ``atomic_output`` files, scratch
folders under ``segments/.work`` named after their process) and marks a reel finished only
by writing its manifest last, so a render killed with SIGKILL leaves debris but never a
half segment that counts: scratch WAVs, hidden temporary pieces, and pieces of a reel
whose manifest never came. :func:`sweep_debris` removes that debris when the next render
starts. A render still running in another process (or thread) is never touched: its
scratch folders name a live process, and while any render of the project is live only
debris old enough to be abandoned goes. Finished reels (with a manifest), the cached
dissolves and the paid clips under ``segments/clips`` (with the ``.parts`` folders that
hold a paid job's pieces) are never removed.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

SEGMENTS_DIR = "segments"
WORK_DIR = ".work"
STALE_AFTER_S = 900  # debris untouched this long is abandoned even while a render is live
START_TOLERANCE_S = 2.0  # /proc start times are rounded to a clock tick and the boot second

# tempfile.mkstemp names (prefix ".<stem>.", eight random characters, the suffix); the
# film's concat list adds ".txt" to its temporary name.
_ATOMIC_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.[A-Za-z0-9]+(?:\.txt)?$")
# A reel piece: scene-03-<key>.mp4, title-<key>.head.mp4, end-<key>.tail.mp4 (keys: 16 hex).
_REEL_PIECE = re.compile(r"^(?P<stem>(?:scene-\d+|title|end)-[0-9a-f]{16})(?:\.head|\.tail)?\.mp4$")
# Render outputs written into the project folder itself: film, subtitles, cover, bundle.
_PROJECT_TEMP = re.compile(r"^\.(?:film|subtitles|cover|.+-bundle)\.[a-z0-9_]{8}\.")


@dataclass
class Swept:
    """What a sweep removed: entries and bytes (for the log and the tests)."""

    entries: int = 0
    bytes: int = 0


def process_start(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), or None where /proc cannot say.

    A pid alone is not an identity: after a crash the number can be reused by an unrelated
    process, so owners are recorded with their start time too.
    """
    stat = _proc_stat(pid)
    if stat is None:
        return None
    try:
        boot = next(
            line.split()[1]
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return int(boot) + int(stat[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, StopIteration, ValueError, IndexError):
        return None


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first), if readable."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[-1].split()


def process_alive(pid: int, started: float | None = None) -> bool:
    """Whether process ``pid`` runs, and is the one that started at ``started`` (if given).

    A zombie (killed, not yet reaped by its parent) counts as gone.
    """
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    except OSError:
        return False
    stat = _proc_stat(pid)
    if stat is not None and stat[0] == "Z":
        return False
    if started is None:
        return True
    actual = process_start(pid)
    return actual is None or abs(actual - started) <= START_TOLERANCE_S


def sweep_debris(
    project_dir: Path, *, others_live: bool, older_than_s: float = STALE_AFTER_S
) -> Swept:
    """Remove what killed renders of this project left; see the module docstring.

    Args:
        project_dir: the project folder (its ``segments`` folder holds most of the debris).
        others_live: another render of this project is running now; then hidden temporary
            files and manifest-less pieces go only when older than ``older_than_s``
            (anything being written is touched continuously). Scratch folders go whenever
            the process named in them is gone.
        older_than_s: how long debris must lie untouched to go while a render is live.
    """
    swept = Swept()
    cutoff = time.time() - older_than_s
    segments = Path(project_dir) / SEGMENTS_DIR
    work = segments / WORK_DIR
    for scratch in _entries(work):
        owner = _scratch_owner_alive(scratch)
        if owner is False or (owner is None and (not others_live or _older(scratch, cutoff))):
            _remove(scratch, swept)
    candidates = [p for p in _entries(segments) if _is_debris_file(p, segments)]
    candidates += [p for p in _entries(segments / "clips") if _is_temp_file(p)]
    candidates += [
        p for p in _entries(Path(project_dir)) if _PROJECT_TEMP.match(p.name) and _is_temp_file(p)
    ]
    for path in candidates:
        if not others_live or _older(path, cutoff):
            _remove(path, swept)
    if not others_live:
        try:
            work.rmdir()  # only when empty: the next scratch folder makes it again
        except OSError:
            pass
    return swept


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _is_temp_file(path: Path) -> bool:
    return bool(_ATOMIC_TEMP.match(path.name)) and path.is_file()


def _is_debris_file(path: Path, segments: Path) -> bool:
    """A hidden temporary file, or a piece of a reel whose manifest was never written."""
    if _is_temp_file(path):
        return True
    piece = _REEL_PIECE.match(path.name)
    return piece is not None and not (segments / f"{piece['stem']}.json").is_file()


def _scratch_owner_alive(scratch: Path) -> bool | None:
    """Whether the process named in a scratch folder (``<stem>.<pid>.<id>``) still runs.

    None when the name names no process. A live process that started after the folder was
    last written is a reused pid, so the folder's owner is gone.
    """
    parts = scratch.name.split(".")
    if len(parts) < 3 or not parts[-2].isdigit():
        return None
    pid = int(parts[-2])
    if not process_alive(pid):
        return False
    started = process_start(pid)
    try:
        written = scratch.stat().st_mtime
    except OSError:
        return False
    return started is None or started <= written + START_TOLERANCE_S


def _older(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime < cutoff
    except OSError:
        return False


def _remove(path: Path, swept: Swept) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            swept.bytes += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            shutil.rmtree(path, ignore_errors=True)
        else:
            swept.bytes += path.stat().st_size
            path.unlink(missing_ok=True)
        swept.entries += 1
    except OSError:
        return
