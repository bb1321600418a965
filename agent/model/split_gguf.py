"""A GGUF shipped as a byte split across data-only packages: joined once, verified, kept.

Why: no registry we may use ships a capable instruct GGUF in one piece, but some publish
one as raw byte parts, one package each (see :mod:`agent.model.weights` for the one the
studio uses). The publisher may be anonymous, so the joined file must match a sha256
recorded in our code before llama.cpp ever reads it.

Why this shape:
- The parts are located with ``importlib.util.find_spec`` and read as data: their code is
  never imported or run, and nothing touches the network.
- The copy streams through a 1 MiB buffer (never 1 GB in memory) into a temporary file in
  the same folder, which replaces the target only after size and hash match; a crash or a
  full disk leaves either the old file or none, never a partial one under the real name.
- Hashing 1.1 GB costs seconds, too much for every start. A small sidecar stamp records the
  size, the modification time and the hash that was verified; a normal start only stats the
  file. Any mismatch (a truncated, edited or replaced file) means a full re-check, and a
  failed re-check means a rebuild.
- Two studio processes starting at once take an advisory lock, so one assembles and the
  other finds the finished file.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
PartLocator = Callable[[str], Path]

_CHUNK = 1 << 20
_DISK_MARGIN = 64 << 20


class SplitGgufError(RuntimeError):
    """The parts are missing or do not give the expected file; ``str(exc)`` says why."""


@dataclass(frozen=True)
class SplitModel:
    """A GGUF shipped as a byte split across several data-only packages."""

    file_name: str
    size: int
    sha256: str
    packages: tuple[str, ...]
    """Import names of the part packages, in the order their bytes are joined."""


def locate_part(package: str) -> Path:
    """The ``data/partNN.bin`` file of an installed part package, without importing it.

    Raises:
        SplitGgufError: when the package or its data file is missing.
    """
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(folder, "data").glob("part*.bin"))
        if len(found) == 1:
            return found[0]
    raise SplitGgufError(
        f"The offline model part '{package.replace('_', '-')}' is not installed. Install the "
        "project's dependencies (uv sync), or set OPENAI_API_KEY / OPENAI_BASE_URL to use "
        "another model."
    )


def default_progress(line: str) -> None:
    """Log the line, or print it when nothing is set up to show logs (the CLI)."""
    if log.hasHandlers():
        log.info("%s", line)
    else:
        print(line, file=sys.stderr, flush=True)


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified.json")


def _stamp_matches(model: SplitModel, target: Path) -> bool:
    """True when the sidecar stamp vouches for the file as it is now (stat only)."""
    try:
        stamp = json.loads(_stamp_path(target).read_text(encoding="utf-8"))
        stat = target.stat()
    except (OSError, ValueError):
        return False
    return (
        isinstance(stamp, dict)
        and stamp.get("sha256") == model.sha256
        and stamp.get("size") == stat.st_size == model.size
        and stamp.get("mtime_ns") == stat.st_mtime_ns
    )


def _write_stamp(model: SplitModel, target: Path) -> None:
    stat = target.stat()
    payload = {"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    stamp = _stamp_path(target)
    fd, temporary = tempfile.mkstemp(prefix=".stamp-", dir=stamp.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle)
    os.replace(temporary, stamp)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _verified(model: SplitModel, target: Path, progress: Progress) -> bool:
    """Full check of an existing file (size, then hash); stamps it when it passes."""
    try:
        if target.stat().st_size != model.size:
            progress(f"the offline model file {target.name} has the wrong size; rebuilding it")
            return False
    except FileNotFoundError:
        return False
    progress(f"checking the offline model file {target.name} (sha256, once)")
    if _file_sha256(target) != model.sha256:
        progress(f"the offline model file {target.name} is corrupt; rebuilding it")
        return False
    _write_stamp(model, target)
    return True


def assemble(
    model: SplitModel,
    target: Path,
    *,
    progress: Progress = default_progress,
    locate: PartLocator = locate_part,
) -> None:
    """Join the parts into ``target`` through a temporary file, verified before it is kept.

    Raises:
        SplitGgufError: a part is missing, the disk is too full, or the result's size or
            hash is wrong (the temporary file is then removed).
    """
    parts = [locate(package) for package in model.packages]
    free = shutil.disk_usage(target.parent).free
    if free < model.size + _DISK_MARGIN:
        raise SplitGgufError(
            f"Assembling the offline model needs {model.size >> 20} MiB free in "
            f"{target.parent}, but only {free >> 20} MiB are free."
        )
    fd, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )  # mkstemp creates it 0600
    digest, written = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            for number, part in enumerate(parts, start=1):
                progress(f"assembling the offline model: part {number}/{len(parts)}")
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        written += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        if written != model.size or digest.hexdigest() != model.sha256:
            raise SplitGgufError(
                f"The installed offline model parts do not give the expected file "
                f"({written} bytes, sha256 {digest.hexdigest()}; expected {model.size} bytes, "
                f"sha256 {model.sha256}). Reinstall them (uv sync --reinstall)."
            )
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _write_stamp(model, target)
    progress(f"the offline model is ready: {target}")


@contextlib.contextmanager
def _exclusive(target: Path) -> Iterator[None]:
    """Hold an advisory lock beside ``target`` (other processes and threads wait)."""
    lock_path = target.with_name(f".{target.name}.lock")
    with os.fdopen(os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600), "r+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_model(
    model: SplitModel,
    folder: Path,
    *,
    progress: Progress = default_progress,
    locate: PartLocator = locate_part,
) -> Path:
    """Path of the verified model file, assembling it first when it is missing or bad.

    A normal start costs one ``stat`` (the stamp vouches for the file); the first start
    assembles, and a file whose stamp no longer matches is re-hashed and rebuilt if bad.

    Raises:
        SplitGgufError: the parts are missing or do not give the expected file.
    """
    target = folder / model.file_name
    if _stamp_matches(model, target):
        return target
    with _exclusive(target):
        if _stamp_matches(model, target):  # another process finished while we waited
            return target
        if not _verified(model, target, progress):
            assemble(model, target, progress=progress, locate=locate)
    return target
