"""Pid files of embedded model servers: orphans are stopped, nobody else ever is."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.model import pid_files
from agent.model.pid_files import ServerRecord

SLEEPER = "import time\ntime.sleep(120)"


def alive(pid: int) -> bool:
    return pid_files.parent_of(pid) is not None


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[bytes]]]:
    processes: list[subprocess.Popen[bytes]] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=5)


def launch(started: list[subprocess.Popen[bytes]], code: str, *args: str) -> int:
    process = subprocess.Popen([sys.executable, "-c", code, *args])
    started.append(process)
    while not pid_files.command_line(process.pid):  # exec has not finished yet
        time.sleep(0.01)
    return process.pid


def server_code() -> str:
    return pid_files.MARKER + "\n" + SLEEPER


def test_an_orphaned_server_is_stopped_and_its_files_removed(
    tmp_path: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    # The owner is a pid that exited: its server now has another parent.
    gone_owner = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    owner = int(gone_owner.stdout)
    pid = launch(started, server_code(), str(owner), "llama_cpp.server", "--port", "4242")
    log = pid_files.log_folder(tmp_path) / "model-server-1.log"
    log.write_text("loading...")
    pid_files.write_record(tmp_path, ServerRecord(pid, owner, 4242, str(log)))
    assert pid_files.stop_orphans(tmp_path, grace_s=1) == [pid]
    started[0].wait(timeout=5)
    assert not alive(pid)
    assert list((tmp_path / "run").iterdir()) == [] and not log.exists()


def test_a_server_whose_owner_is_alive_is_left_alone(
    tmp_path: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    pid = launch(started, server_code(), str(os.getpid()), "llama_cpp.server", "--port", "4243")
    pid_files.write_record(tmp_path, ServerRecord(pid, os.getpid(), 4243, "x.log"))
    assert pid_files.stop_orphans(tmp_path) == []
    assert alive(pid) and pid_files.record_path(tmp_path, pid).exists()


@pytest.mark.parametrize("why", ["another program", "another port", "another owner"])
def test_a_stranger_with_a_recorded_pid_is_never_touched(
    tmp_path: Path, started: list[subprocess.Popen[bytes]], why: str
) -> None:
    code = SLEEPER if why == "another program" else server_code()
    port = "9999" if why == "another port" else "4244"
    owner = "1" if why == "another owner" else "424242"
    pid = launch(started, code, owner, "llama_cpp.server", "--port", port)
    pid_files.write_record(tmp_path, ServerRecord(pid, 424242, 4244, "x.log"))
    assert pid_files.stop_orphans(tmp_path) == []
    time.sleep(0.2)
    assert alive(pid), "a process that is not our server must never be signalled"
    assert not pid_files.record_path(tmp_path, pid).exists(), "the stale file is tidied"


def test_unreadable_and_stale_pid_files_are_tidied(tmp_path: Path) -> None:
    folder = pid_files.run_folder(tmp_path)
    (folder / "model-server-1.json").write_text("{not json")
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(finished.stdout)
    pid_files.write_record(tmp_path, ServerRecord(dead, 1, 1, "x.log"))
    assert pid_files.stop_orphans(tmp_path) == []
    assert list(folder.iterdir()) == []
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
