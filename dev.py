#!/usr/bin/env python3
"""Set up and run Micro Film Studio with nothing but Python 3.11 on the machine.

``python3 dev.py studio`` and ``python3 dev.py test`` are the README's two commands. Each
one bootstraps uv (with pip, into a private folder) if it is missing, syncs the locked
environment from ``uv.lock`` and then does its job, so a fresh clone needs no other step.
Standard library only: this file runs before any dependency exists.

``studio`` runs chainlit (through ``uv run``) in a process group of its own and owns its
stopping: Ctrl+C, SIGTERM and SIGHUP are forwarded to the whole group, anything still
there after a few seconds is killed, and an embedded model server left without its owner
is stopped, so the port and every process are gone within 5 s of the signal.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BOOTSTRAP = ROOT / ".bootstrap"
PACKAGES = ("film", "agent", "tools", "knowledge", "webapp")
TEST_SYSTEM_TOOLS = {
    "ffprobe": "ffmpeg",
    "pdftoppm": "poppler-utils",
    "chromium": "chromium",
    "initdb": "postgresql",
}
TOOL_FOLDERS = {"initdb": "/usr/lib/postgresql/*/bin"}
"""Where Debian puts a tool off the PATH (postgresql's server programs)."""
SCALE_VARIABLES = ("MICROFILM_DATABASE_URL", "MICROFILM_RAY_ADDRESS")
"""A studio with one of these set runs on the `scale` extra (Postgres drivers, Ray)."""
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_GRACE_S = 3.0
"""How long the studio may take to shut down cleanly before its process group is killed."""
SERVER_GRACE_S = 1.0
"""How long an orphaned model server gets after SIGTERM before SIGKILL."""
PRIVATE_UMASK = 0o077
"""The studio writes chat histories, logins and films: nothing it creates is for others."""


def say(message: str) -> None:
    """Print a set-up step so a long first run never looks stuck."""
    print(f"[microfilm] {message}", flush=True)


def find_uv() -> str:
    """Path to a uv binary, installing one privately with pip when none is available."""
    found = shutil.which("uv")
    if found:
        return found
    private = BOOTSTRAP / "bin" / "uv"
    if private.exists():
        return str(private)
    say("uv not found: installing it with pip into .bootstrap/ (a few seconds)...")
    subprocess.run([sys.executable, "-m", "venv", str(BOOTSTRAP)], check=True)
    subprocess.run(
        [str(BOOTSTRAP / "bin" / "python"), "-m", "pip", "install", "--quiet", "uv"],
        check=True,
    )
    return str(private)


def sync_environment(uv: str, *, scale: bool = False) -> None:
    """Create or update .venv exactly as uv.lock says; ``scale`` adds the `scale` extra."""
    first = not (ROOT / ".venv" / "bin" / "python").exists()
    if first:
        say(
            "First set-up: installing the locked environment. It compiles the embedded "
            "model runtime (llama.cpp) from source, which takes 5-15 minutes on 2 cores; "
            "later runs reuse uv's cache and start in seconds."
        )
    started = time.monotonic()
    env = dict(os.environ, UV_PYTHON_DOWNLOADS="never")
    subprocess.run(
        [
            uv,
            "sync",
            "--locked",
            "--python",
            sys.executable,
            *(["--extra", "scale"] if scale else []),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    say(f"Environment ready in {time.monotonic() - started:.0f} s.")


def ensure_system_tools() -> None:
    """Install the Debian tools the tests use to inspect real output (ffprobe, pdftoppm...)."""
    missing = sorted({pkg for tool, pkg in TEST_SYSTEM_TOOLS.items() if not have_tool(tool)})
    if not missing:
        return
    apt = shutil.which("apt-get")
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            say(f"Please install these Debian packages first: {' '.join(missing)}")
            raise SystemExit(2)
        prefix = ["sudo", "-n"]
    if not apt:
        say(f"No apt-get here: install {' '.join(missing)} with your package manager.")
        raise SystemExit(2)
    say(f"Installing test tools from Debian: {' '.join(missing)} ...")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, apt, "-qq", "update"], check=True, env=env)
    subprocess.run(
        [*prefix, apt, "-qq", "install", "-y", "--no-install-recommends", *missing],
        check=True,
        env=env,
    )


def have_tool(tool: str) -> bool:
    """True when ``tool`` is on the PATH or in the folder its Debian package uses."""
    folder = TOOL_FOLDERS.get(tool)
    return bool(shutil.which(tool) or (folder and glob.glob(f"{folder}/{tool}")))


def run_in_env(uv: str, *command: str) -> int:
    """Run ``command`` inside the synced environment and return its exit code."""
    return subprocess.run([uv, "run", "--locked", "--no-sync", *command], cwd=ROOT).returncode


def data_folder() -> Path:
    """The studio's data folder as the app resolves it (chainlit runs in ROOT)."""
    folder = Path(os.environ.get("MICROFILM_HOME", "data")).expanduser()
    return (folder if folder.is_absolute() else ROOT / folder).resolve()


def stop_orphaned_model_servers() -> None:
    """Stop embedded model servers whose studio is gone (see agent/model/pid_files.py).

    That module is standard library only, so it is loaded by path: the environment (and
    with it the ``agent`` package's dependencies) may not exist yet.
    """
    source = ROOT / "agent" / "model" / "pid_files.py"
    spec = importlib.util.spec_from_file_location("microfilm_pid_files", source)
    if spec is None or spec.loader is None:
        return
    records = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = records  # dataclasses look their module up there
    spec.loader.exec_module(records)
    stopped = records.stop_orphans(data_folder(), grace_s=SERVER_GRACE_S)
    if stopped:
        say(f"Stopped {len(stopped)} model server(s) left behind by an earlier run.")


def group_alive(group: int) -> bool:
    """True while any process of the process group ``group`` exists."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def signal_group(group: int, signum: int) -> None:
    """Send ``signum`` to the whole process group (gone already is fine)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signum)


def run_studio(uv: str, port: str) -> int:
    """Run the studio until it exits or a stop signal arrives; leave nothing running.

    The child gets its own process group, so a signal reaches uv, chainlit and anything
    they started at once (a terminal's Ctrl+C now reaches only this process, which
    forwards it). A second signal, or a group still alive after ``STOP_GRACE_S``, gets
    SIGKILL. The embedded model server runs in a session of its own (so Ctrl+C in the CLI
    never reaches it mid-answer): it follows its owner out, and the final sweep stops it
    if it did not.
    """
    stop_orphaned_model_servers()
    command = ["chainlit", "run", "app.py", "--host", "127.0.0.1", "--port", port, "--headless"]
    child = subprocess.Popen(
        [uv, "run", "--locked", "--no-sync", *command],
        cwd=ROOT,
        process_group=0,
        umask=PRIVATE_UMASK,
    )
    group = child.pid
    stops: list[int] = []
    stop_started = 0.0

    def forward(signum: int, _frame: object) -> None:
        nonlocal stop_started
        stops.append(signum)
        if len(stops) == 1:
            stop_started = time.monotonic()
            signal_group(group, signum)
        else:
            signal_group(group, signal.SIGKILL)

    previous = {signum: signal.signal(signum, forward) for signum in STOP_SIGNALS}
    try:
        while child.poll() is None:
            if stops and time.monotonic() - stop_started > STOP_GRACE_S:
                signal_group(group, signal.SIGKILL)
            time.sleep(0.1)
        deadline = (stop_started + STOP_GRACE_S) if stops else time.monotonic() + 0.5
        while group_alive(group) and time.monotonic() < deadline:
            time.sleep(0.05)  # chainlit may outlive uv by a moment
        if group_alive(group):
            signal_group(group, signal.SIGKILL)
        stop_orphaned_model_servers()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if stops:
        say("Studio stopped.")
        return 128 + stops[0]
    return child.returncode


LINT_STEPS = (
    ("ruff check", ("ruff", "check", ".")),
    ("ruff format", ("ruff", "format", "--check", ".")),
    ("mypy", ("mypy", *PACKAGES, "app.py")),
    ("import layers", ("lint-imports",)),
)


def lint(uv: str) -> int:
    """Every static check CI runs before the tests; all run, the first failure decides."""
    failed = []
    for name, command in LINT_STEPS:
        say(f"lint: {name}")
        if run_in_env(uv, *command) != 0:
            failed.append(name)
    if failed:
        say(f"lint failed: {', '.join(failed)}")
        return 1
    say("lint passed")
    return 0


def main() -> int:
    """Entry point: ``studio`` (default), ``test`` or ``lint`` (ruff, mypy, import layers)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", nargs="?", default="studio", choices=["studio", "test", "lint"])
    parser.add_argument("--port", default=os.environ.get("MICROFILM_PORT", "8000"))
    args, rest = parser.parse_known_args()
    extra = [a for a in rest if a != "--"]  # everything else goes to pytest
    uv = find_uv()
    # Tests and lint cover the scale-out code; a studio needs it only when configured for it.
    scale = args.job != "studio" or any(os.environ.get(name) for name in SCALE_VARIABLES)
    sync_environment(uv, scale=scale)
    if args.job == "test":
        ensure_system_tools()
        return run_in_env(uv, "python", "-m", "pytest", *extra)
    if args.job == "lint":
        return lint(uv)
    say(f"Starting the studio on http://localhost:{args.port} (Ctrl+C stops it)...")
    return run_studio(uv, args.port)


if __name__ == "__main__":
    sys.exit(main())
