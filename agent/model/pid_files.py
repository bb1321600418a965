"""Which embedded model servers run from this data folder, and stopping the orphaned ones.

Each model server the studio starts leaves a pid file in ``<data folder>/run/``: the
server's pid, the pid of the studio (or CLI) process that owns it, its port and its log.
A server normally dies with its owner (a watchdog inside it polls its parent), but a
crash can still leave one behind holding ~2 GB and a core: its watchdog cannot run while
the process is stopped or wedged in native code. The next start (``dev.py studio``, and
every start of a model server) finds such orphans here and stops them; ``dev.py`` also
sweeps after stopping the studio, so nothing it started outlives it.

A pid file is trusted only as far as the process table confirms it: a process is signalled
only when ``/proc`` shows the command line the studio launched (the bootstrap's marker line,
the owner's pid and the port), so a pid that a stranger reused is never touched. Where there
is no ``/proc``, nothing is signalled.

Standard library only: ``dev.py`` loads this file before the environment exists.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from dataclasses import asdict, dataclass
from pathlib import Path

RUN_FOLDER = "run"
LOG_FOLDER = "logs"
MARKER = "# microfilm embedded model server"
"""The first line of the code every model server runs; how a pid is recognised as ours."""
_PREFIX = "model-server-"


@dataclass(frozen=True)
class ServerRecord:
    """What the pid file of one running model server says."""

    pid: int
    owner: int
    port: int
    log: str


def run_folder(home: Path) -> Path:
    """Where the pid files live (created owner-only)."""
    folder = home / RUN_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def log_folder(home: Path) -> Path:
    """Where model-server logs live (created owner-only): the data folder, never /tmp."""
    folder = home / LOG_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def record_path(home: Path, pid: int) -> Path:
    """The pid file of the server ``pid``."""
    return run_folder(home) / f"{_PREFIX}{pid}.json"


def write_record(home: Path, record: ServerRecord) -> Path:
    """Write the pid file of a server that just started (owner-only, replaced atomically)."""
    path = record_path(home, record.pid)
    partial = path.with_suffix(".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(record), handle)
    os.replace(partial, path)
    return path


def read_record(path: Path) -> ServerRecord | None:
    """The record in ``path``, or None when it is unreadable or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ServerRecord(
            pid=int(data["pid"]), owner=int(data["owner"]), port=int(data["port"]), log=data["log"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def command_line(pid: int) -> list[str] | None:
    """The arguments ``pid`` was started with, or None when it is gone (or no /proc)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return raw.decode("utf-8", errors="replace").split("\0") if raw else None


def parent_of(pid: int) -> int | None:
    """The parent pid of a live ``pid``; None when it is gone or a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] == "Z" else int(fields[1])


def is_our_server(record: ServerRecord) -> bool:
    """True when ``record.pid`` runs the model server that this record describes."""
    words = command_line(record.pid)
    if not words or len(words) < 4 or words[1] != "-c" or not words[2].startswith(MARKER):
        return False
    if words[3] != str(record.owner) or "--port" not in words[:-1]:
        return False
    return words[words.index("--port") + 1] == str(record.port)


def forget(home: Path, record: ServerRecord, path: Path | None = None) -> None:
    """Delete a server's pid file and, when it lies in the data folder's logs, its log."""
    (path or record_path(home, record.pid)).unlink(missing_ok=True)
    log = Path(record.log)
    if log.parent.resolve() == (home / LOG_FOLDER).resolve():
        log.unlink(missing_ok=True)


def _stop(pid: int, grace_s: float) -> None:
    """SIGTERM, then SIGKILL if ``pid`` is still there after ``grace_s``."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while parent_of(pid) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    if parent_of(pid) is not None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def stop_orphans(home: Path, *, grace_s: float = 2.0) -> list[int]:
    """Stop every model server of this data folder whose owner is gone; tidy stale files.

    A server whose owner is alive and still its parent belongs to a running studio or CLI
    and is left alone. Returns the pids that were stopped.
    """
    folder = home / RUN_FOLDER
    if not folder.is_dir():
        return []
    stopped = []
    for path in sorted(folder.glob(f"{_PREFIX}*.json")):
        record = read_record(path)
        if record is None:
            path.unlink(missing_ok=True)
            continue
        if parent_of(record.pid) is None:  # gone
            forget(home, record, path)
            continue
        if not command_line(record.pid):
            continue  # between fork and exec (or exiting): judge it at the next start
        if not is_our_server(record):  # the pid now belongs to a stranger
            forget(home, record, path)
            continue
        if parent_of(record.pid) == record.owner:
            continue  # its owner is alive: a running studio or CLI
        _stop(record.pid, grace_s)
        stopped.append(record.pid)
        forget(home, record, path)
    return stopped
