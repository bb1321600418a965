"""The real studio server and the fake model, as processes the bench starts and watches.

The studio is ``chainlit run app.py --headless`` with a throwaway ``MICROFILM_HOME`` and its
own test accounts, as ``tests/browser/browser_kit.py`` starts it for the browser tests,
but with the real app module (no patched model or retrieval): the only fake is the model
behind ``OPENAI_BASE_URL``, a separate process on 127.0.0.1. Memory and open files are
read from ``/proc`` for the studio's whole process tree.

One difference from a plain start: ``CHAINLIT_APP_ROOT`` points at a private folder that
links to the checkout's ``.chainlit``, ``public`` and ``chainlit*.md``. Chainlit keeps each
session's element files in ``<app root>/.files`` and deletes that whole folder when a
server stops, so two studios started from one checkout (this bench and a browser test,
say) break each other's messages ("No such file or directory: '.files/<session>'"); a
private app root keeps the bench's long runs apart from whatever else runs.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 600.0
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class StudioError(RuntimeError):
    """The studio or the fake model would not start; the message carries the log's end."""


def free_port() -> int:
    """A port nobody listens on right now (127.0.0.1 only)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def accounts(count: int) -> dict[str, str]:
    """``count`` test accounts: user01 .. userNN, each with its own password."""
    return {f"user{i:02d}": f"load-pw-{i:02d}" for i in range(1, count + 1)}


@dataclass
class Running:
    """The started processes and where they keep their files."""

    studio: subprocess.Popen[bytes]
    model: subprocess.Popen[bytes]
    url: str
    home: Path
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        """The end of the studio's output, for error messages."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def _start_model(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port_file = home / "fake-model.url"
    model = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("fake_model.py")), str(port_file)],
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while not port_file.exists():
        if model.poll() is not None or time.monotonic() > deadline:
            _stop(model)
            raise StudioError("the fake model did not start")
        time.sleep(0.1)
    return model, port_file.read_text(encoding="utf-8").strip()


def private_app_root(folder: Path) -> Path:
    """A Chainlit app root whose settings, assets and readme are the checkout's own."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in [ROOT / ".chainlit", ROOT / "public", *ROOT.glob("chainlit*.md")]:
        if source.exists() and not (folder / source.name).exists():
            (folder / source.name).symlink_to(source)
    return folder


def start(home: Path, users: dict[str, str]) -> Running:
    """Start the fake model, then the studio on a free port; wait until it answers."""
    home.mkdir(parents=True, exist_ok=True)
    app_root = private_app_root(home.with_name(home.name + "-app"))
    model, base_url = _start_model(home)
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "MICROFILM_", "CHAINLIT_"))
    }
    env.update(
        MICROFILM_HOME=str(home),
        CHAINLIT_APP_ROOT=str(app_root),
        PYTHONUNBUFFERED="1",
        MICROFILM_USERS=",".join(f"{user}:{pw}" for user, pw in users.items()),
        OPENAI_BASE_URL=base_url,
        OPENAI_API_KEY="load-bench",
        MICROFILM_MODEL="fake-model",
        MICROFILM_TARGET_SECONDS="60",
    )
    log = home / "server.log"
    chainlit = Path(sys.executable).with_name("chainlit")
    command = [str(chainlit), "run", "app.py", "--headless", "--host", "127.0.0.1"]
    with log.open("w", encoding="utf-8") as out:
        studio = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Running(studio, model, f"http://127.0.0.1:{port}", home, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if studio.poll() is not None:
            stop(running)
            raise StudioError(f"the studio exited with {studio.returncode}:\n{running.log_tail()}")
        try:
            if httpx.get(f"{running.url}/health", timeout=2).status_code == 200:
                return running
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            stop(running)
            raise StudioError(f"the studio did not start in {START_TIMEOUT_S:.0f} s")
        time.sleep(0.5)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def stop(running: Running) -> None:
    """Stop the studio, then the model (each in its own process group)."""
    _stop(running.studio)
    _stop(running.model)


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants that are alive now."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            queue.extend(int(child) for child in children)
    return found


@dataclass(frozen=True)
class Footprint:
    """The studio tree's resident memory and open file descriptors at one moment."""

    turns: int
    rss_mb: float
    open_files: int
    processes: int
    cpu_s: float
    """User and system CPU time the tree's live processes have used since they started."""
    data_mb: float = 0.0
    """The size of the data folder (MICROFILM_HOME)."""


def folder_mb(folder: Path) -> float:
    """The bytes of every file under ``folder``, in MB."""
    total = 0
    for base, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.stat(os.path.join(base, name)).st_size
            except OSError:
                continue  # a temporary file that went away while it was counted
    return total / 2**20


def footprint(pid: int, turns: int, home: Path | None = None) -> Footprint:
    """Resident memory (statm), ``/proc/<pid>/fd`` entries and CPU time, summed over the tree."""
    rss_pages = files = alive = ticks = 0
    for member in process_tree(pid):
        try:
            rss_pages += int(Path(f"/proc/{member}/statm").read_text().split()[1])
            files += len(os.listdir(f"/proc/{member}/fd"))
            stat = Path(f"/proc/{member}/stat").read_text()
            ticks += sum(int(v) for v in stat.rsplit(")", 1)[1].split()[11:13])
            alive += 1
        except (OSError, ValueError, IndexError):
            continue  # a child that ended while it was being read
    data = folder_mb(home) if home else 0.0
    return Footprint(turns, rss_pages * PAGE_SIZE / 2**20, files, alive, ticks / CLOCK_TICKS, data)
