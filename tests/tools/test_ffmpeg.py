"""The one ffmpeg runner: readable failures, time limits, owned processes, and no other caller."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from tools.ffmpeg import (
    EncodeFormat,
    FFmpegError,
    FFmpegProcess,
    FFmpegTimeout,
    FrameEncoder,
    decode_audio,
    run_ffmpeg,
)

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def test_a_failure_names_the_step_and_quotes_ffmpeg(tmp_path):
    with pytest.raises(FFmpegError, match="ffmpeg failed while probing nothing") as caught:
        run_ffmpeg(["-i", str(tmp_path / "missing.wav"), "-f", "null", "-"], what="probing nothing")
    assert "missing.wav" in caught.value.log


def test_a_command_past_its_time_limit_is_killed():
    with pytest.raises(FFmpegTimeout, match="longer than 0.5 s while making noise"):
        run_ffmpeg(
            ["-f", "lavfi", "-i", "anoisesrc", "-f", "null", "-"],
            what="making noise",
            timeout_s=0.5,
        )


def test_stdout_comes_back_as_bytes(tmp_path):
    data = run_ffmpeg(
        ["-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "0.1", "-f", "s16le", "pipe:1"],
        what="making silence",
    )
    assert data == bytes(1600)


def test_decoding_audio_that_is_not_there_says_so(tmp_path):
    junk = tmp_path / "notes.wav"
    junk.write_text("not audio")
    with pytest.raises(FFmpegError, match="could not read audio from notes.wav"):
        decode_audio(junk)


def test_a_process_is_killed_when_its_block_fails(tmp_path):
    args = ["-f", "lavfi", "-i", "anoisesrc", "-f", "s16le", "pipe:1"]
    with (
        pytest.raises(RuntimeError, match="stop"),
        FFmpegProcess(args, what="making noise", read=True) as noise,
    ):
        assert noise.stdout.read(64)
        raise RuntimeError("stop")
    assert noise._proc.returncode is not None  # no ffmpeg left running


def test_a_failed_process_raises_when_finished(tmp_path):
    with (
        pytest.raises(FFmpegError, match="ffmpeg failed while reading nothing"),
        FFmpegProcess(
            ["-i", str(tmp_path / "none.mp4"), "-f", "null", "-"], what="reading nothing"
        ),
    ):
        pass


def test_the_encoder_refuses_frames_of_the_wrong_shape(tmp_path):
    fmt = EncodeFormat(16, 16, 10)
    with (
        pytest.raises(ValueError, match="not an I420 16x16 frame"),
        FrameEncoder(tmp_path / "x.mp4", fmt, None) as encoder,
    ):
        encoder.write(np.zeros((16, 16), np.uint8))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_runner_starts_processes_or_finds_the_binary():
    starters = {
        str(p.relative_to(TOOLS))
        for p in TOOLS.rglob("*.py")
        if _imports(p) & {"subprocess", "imageio_ffmpeg"}
    }
    # The one other starter runs `ray start`/`ray stop` for a local two-node cluster (the
    # scale tests and bench/bench_scale.py); it never touches ffmpeg.
    assert starters == {"ffmpeg/process.py", "distributed/local_cluster.py"}
    assert "ffmpeg" not in (TOOLS / "distributed/local_cluster.py").read_text(encoding="utf-8")
