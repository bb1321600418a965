"""Joining a byte-split GGUF from small fake parts: order, checks, rebuilds, concurrency.

The real 22 packages are read by the slow test in ``test_model_weights.py``.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from agent.model import split_gguf
from agent.model.split_gguf import SplitGgufError, SplitModel

PARTS = [b"GGUF" + b"a" * 300_000, b"b" * 1_500_000, b"c" * 7]


@pytest.fixture
def model() -> SplitModel:
    whole = b"".join(PARTS)
    return SplitModel(
        file_name="fake.gguf",
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
        packages=tuple(f"fake_part{n}" for n in range(1, len(PARTS) + 1)),
    )


class Parts:
    """A part locator over files in a folder; counts what it was asked for."""

    def __init__(self, folder: Path, contents: list[bytes]) -> None:
        self.files = {}
        for number, data in enumerate(contents, start=1):
            path = folder / f"part{number:02d}.bin"
            path.write_bytes(data)
            self.files[f"fake_part{number}"] = path
        self.calls: Counter[str] = Counter()

    def __call__(self, package: str) -> Path:
        self.calls[package] += 1
        return self.files[package]


@pytest.fixture
def parts(tmp_path: Path) -> Parts:
    (tmp_path / "site").mkdir()
    return Parts(tmp_path / "site", PARTS)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "models"
    made.mkdir()
    return made


def _must_not_be_called(*_: object) -> Path:
    raise AssertionError("this should not have been needed")


def test_parts_are_joined_in_order_with_progress_and_a_private_file(
    model: SplitModel, parts: Parts, folder: Path
) -> None:
    lines: list[str] = []
    path = split_gguf.ensure_model(model, folder, progress=lines.append, locate=parts)
    assert path == folder / "fake.gguf" and path.read_bytes() == b"".join(PARTS)
    assert [line for line in lines if line.startswith("assembling")] == [
        f"assembling the offline model: part {n}/3" for n in (1, 2, 3)
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [
        ".fake.gguf.lock",
        "fake.gguf",
        "fake.gguf.verified.json",
    ]


def test_a_normal_start_only_stats_the_file(
    model: SplitModel, parts: Parts, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    split_gguf.ensure_model(model, folder, progress=lambda _: None, locate=parts)
    monkeypatch.setattr(split_gguf, "_file_sha256", _must_not_be_called)
    lines: list[str] = []
    path = split_gguf.ensure_model(model, folder, progress=lines.append, locate=_must_not_be_called)
    assert path.read_bytes() == b"".join(PARTS) and lines == []


def test_a_corrupt_file_is_detected_and_rebuilt(
    model: SplitModel, parts: Parts, folder: Path
) -> None:
    path = split_gguf.ensure_model(model, folder, progress=lambda _: None, locate=parts)
    data = bytearray(path.read_bytes())
    data[1000] ^= 0xFF  # same size, one byte flipped
    path.write_bytes(bytes(data))
    lines: list[str] = []
    split_gguf.ensure_model(model, folder, progress=lines.append, locate=parts)
    assert path.read_bytes() == b"".join(PARTS)
    assert any("corrupt" in line for line in lines)
    assert parts.calls["fake_part1"] == 2


def test_a_partial_file_is_rebuilt_without_hashing_it(
    model: SplitModel, parts: Parts, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "fake.gguf"
    target.write_bytes(b"".join(PARTS)[:500_000])  # an interrupted copy, no stamp
    hashed: list[Path] = []
    monkeypatch.setattr(split_gguf, "_file_sha256", lambda p: hashed.append(p) or "")
    lines: list[str] = []
    split_gguf.ensure_model(model, folder, progress=lines.append, locate=parts)
    assert target.read_bytes() == b"".join(PARTS) and hashed == []
    assert any("wrong size" in line for line in lines)


def test_a_good_file_without_a_stamp_is_hashed_once_and_kept(
    model: SplitModel, folder: Path
) -> None:
    target = folder / "fake.gguf"
    target.write_bytes(b"".join(PARTS))
    lines: list[str] = []
    split_gguf.ensure_model(model, folder, progress=lines.append, locate=_must_not_be_called)
    assert any("sha256" in line for line in lines)
    assert (folder / "fake.gguf.verified.json").is_file()


def test_a_touched_file_is_re_verified(model: SplitModel, parts: Parts, folder: Path) -> None:
    path = split_gguf.ensure_model(model, folder, progress=lambda _: None, locate=parts)
    os.utime(path, ns=(1, 1))  # same bytes, but the stamp no longer vouches for them
    lines: list[str] = []
    split_gguf.ensure_model(model, folder, progress=lines.append, locate=_must_not_be_called)
    assert any("sha256" in line for line in lines)
    split_gguf.ensure_model(model, folder, progress=_must_not_be_called, locate=_must_not_be_called)


def test_parts_that_give_the_wrong_file_are_refused_and_nothing_is_left(
    model: SplitModel, tmp_path: Path, folder: Path
) -> None:
    (tmp_path / "bad").mkdir()
    tampered = Parts(tmp_path / "bad", [PARTS[0], b"x" * len(PARTS[1]), PARTS[2]])
    with pytest.raises(SplitGgufError, match="do not give the expected file"):
        split_gguf.ensure_model(model, folder, progress=lambda _: None, locate=tampered)
    assert sorted(p.name for p in folder.iterdir()) == [".fake.gguf.lock"]


def test_an_interrupted_copy_leaves_no_partial_file(
    model: SplitModel, parts: Parts, folder: Path
) -> None:
    def progress(line: str) -> None:
        assert not (folder / "fake.gguf").exists()  # only the temporary file grows
        if "part 3/3" in line:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        split_gguf.ensure_model(model, folder, progress=progress, locate=parts)
    assert sorted(p.name for p in folder.iterdir()) == [".fake.gguf.lock"]


def test_concurrent_starts_assemble_once(model: SplitModel, parts: Parts, folder: Path) -> None:
    results: list[Path] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            results.append(
                split_gguf.ensure_model(model, folder, progress=lambda _: None, locate=parts)
            )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and results == [folder / "fake.gguf"] * 4
    assert parts.calls["fake_part1"] == 1
    assert (folder / "fake.gguf").read_bytes() == b"".join(PARTS)


def test_too_little_disk_space_is_reported_before_writing(
    model: SplitModel, parts: Parts, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(split_gguf.shutil, "disk_usage", lambda _: SimpleNamespace(free=10))
    with pytest.raises(SplitGgufError, match="MiB free"):
        split_gguf.ensure_model(model, folder, progress=lambda _: None, locate=parts)
    assert not (folder / "fake.gguf").exists()


def test_a_missing_part_package_says_what_to_install() -> None:
    with pytest.raises(SplitGgufError, match="'no-such-part-package' is not installed"):
        split_gguf.locate_part("no_such_part_package")
