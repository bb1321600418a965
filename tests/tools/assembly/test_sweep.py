"""The sweep at a render's start: a dead render's debris goes, a live render's files stay.

Debris is laid out the way the pipeline writes it (``segments/.work/<stem>.<pid>.<id>``
scratch folders, hidden ``atomic_output`` temp files, pieces whose manifest never came);
owners are real processes, dead (started, then reaped) or alive (a sleeping child).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.assembly.sweep import process_alive, process_start, sweep_debris

KEY = "0123456789abcdef"
OLD = time.time() - 3600


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    """A live process that is not this one (another render's owner)."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child
    child.kill()
    child.wait()


def _write(path: Path, size: int = 1000, *, old: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    if old:
        os.utime(path, (OLD, OLD))
    return path


def _scratch(segments: Path, name: str, size: int = 1000) -> Path:
    """A render's scratch folder with a WAV in it, as ``work_folder`` makes them."""
    folder = segments / ".work" / name
    _write(folder / "body.wav", size)
    return folder


def _project(root: Path) -> dict[str, Path]:
    """A project folder with finished work and the debris of a render killed by SIGKILL."""
    seg = root / "segments"
    return {
        # finished: a reel with its manifest, a dissolve, a paid clip and its kept job parts
        "finished": _write(seg / f"scene-01-{KEY}.mp4"),
        "finished_tail": _write(seg / f"scene-01-{KEY}.tail.mp4"),
        "manifest": _write(seg / f"scene-01-{KEY}.json"),
        "dissolve": _write(seg / "dissolve-fedcba9876543210.mp4"),
        "clip": _write(seg / "clips" / "openai-videos-abc.mp4"),
        "job_parts": _write(seg / "clips" / ".openai-videos-abc.parts" / "part-1.job.json"),
        "film": _write(root / "film.mp4"),
        "screenplay_temp": _write(root / ".screenplay.k2j4h5g6.json"),
        # debris of the killed render
        "dead_scratch": _scratch(seg, f"scene-02-{KEY}.{_dead_pid()}.deadbeef", 22_000),
        "temp_piece": _write(seg / f".scene-02-{KEY}.a1b2c3d4.mp4", 5000),
        "temp_manifest": _write(seg / f".scene-02-{KEY}.zz99yy88.json"),
        "orphan_head": _write(seg / f"scene-03-{KEY[::-1]}.head.mp4"),
        "temp_clip": _write(seg / "clips" / ".local-abc.qq11ww22.mp4"),
        "temp_film": _write(root / ".film.abcd_123.mp4"),
        "temp_list": _write(root / ".film.abcd_123.mp4.txt"),
        "temp_bundle": _write(root / ".the-last-bus-bundle.xy12zt34.zip"),
    }


KEPT = ("finished", "finished_tail", "manifest", "dissolve", "clip", "job_parts", "film")
DEBRIS = (
    "dead_scratch",
    "temp_piece",
    "temp_manifest",
    "orphan_head",
    "temp_clip",
    "temp_film",
    "temp_list",
    "temp_bundle",
)


def test_debris_of_a_killed_render_goes_and_finished_segments_stay(tmp_path: Path) -> None:
    files = _project(tmp_path)
    swept = sweep_debris(tmp_path, others_live=False)
    assert [name for name in DEBRIS if files[name].exists()] == []
    assert [name for name in KEPT if not files[name].exists()] == []
    assert files["screenplay_temp"].exists(), "only render outputs' temp files are its debris"
    assert not (tmp_path / "segments" / ".work").exists()
    assert swept.entries == len(DEBRIS) and swept.bytes >= 22_000 + 5000


def test_a_live_render_keeps_its_scratch_and_fresh_files(
    tmp_path: Path, sleeper: subprocess.Popen[bytes]
) -> None:
    files = _project(tmp_path)
    seg = tmp_path / "segments"
    live_scratch = _scratch(seg, f"scene-04-{KEY}.{sleeper.pid}.cafe0001")
    own_scratch = _scratch(seg, f"dissolve.{os.getpid()}.cafe0002")
    stale_temp = _write(seg / f".scene-05-{KEY}.oldold12.mp4", old=True)
    stale_piece = _write(seg / f"scene-06-{KEY}.mp4", old=True)

    sweep_debris(tmp_path, others_live=True)

    assert live_scratch.exists() and own_scratch.exists(), "a running process's scratch stays"
    fresh = ("temp_piece", "temp_manifest", "orphan_head", "temp_clip", "temp_film")
    assert all(files[name].exists() for name in fresh), "what a live render writes stays"
    assert not files["dead_scratch"].exists(), "a dead process's scratch goes at once"
    assert not stale_temp.exists() and not stale_piece.exists(), "abandoned long ago"
    assert all(files[name].exists() for name in KEPT)

    sleeper.kill()
    sleeper.wait()
    sweep_debris(tmp_path, others_live=False)
    assert not live_scratch.exists() and own_scratch.exists()


def test_a_reused_pid_does_not_keep_a_dead_renders_scratch(tmp_path: Path) -> None:
    """Our pid is alive, but we started after this folder was last written: not ours."""
    started = process_start(os.getpid())
    assert started is not None and abs(started - time.time()) < 7 * 86400
    scratch = _scratch(tmp_path / "segments", f"scene-01-{KEY}.{os.getpid()}.00aa11bb")
    before = started - 3600
    os.utime(scratch, (before, before))
    sweep_debris(tmp_path, others_live=True)
    assert not scratch.exists()


def test_process_identity_tells_alive_dead_zombie_and_reused() -> None:
    me = os.getpid()
    started = process_start(me)
    assert process_alive(me) and process_alive(me, started)
    if started is not None:
        assert not process_alive(me, started + 100), "same pid, another process"
    assert not process_alive(_dead_pid())
    assert not process_alive(0) and not process_alive(-5)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert process_alive(child.pid)
        os.kill(child.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while process_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not process_alive(child.pid), "killed and not yet reaped (a zombie) is gone"
    finally:
        child.wait()
