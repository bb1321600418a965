#!/usr/bin/env python3
"""Set up and run Micro Film Studio with nothing but Python 3.11 on the machine.

``python3 dev.py studio`` and ``python3 dev.py test`` are the README's two commands. Each
one bootstraps uv (with pip, into a private folder) if it is missing, syncs the locked
environment from ``uv.lock`` and then does its job, so a fresh clone needs no other step.
Standard library only: this file runs before any dependency exists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BOOTSTRAP = ROOT / ".bootstrap"
PACKAGES = ("film", "agent", "tools", "knowledge", "webapp")
TEST_SYSTEM_TOOLS = {"ffprobe": "ffmpeg", "pdftoppm": "poppler-utils", "chromium": "chromium"}


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


def sync_environment(uv: str) -> None:
    """Create or update .venv exactly as uv.lock says."""
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
        [uv, "sync", "--locked", "--python", sys.executable], cwd=ROOT, env=env, check=True
    )
    say(f"Environment ready in {time.monotonic() - started:.0f} s.")


def ensure_system_tools() -> None:
    """Install the Debian tools the tests use to inspect real output (ffprobe, pdftoppm...)."""
    missing = sorted({pkg for tool, pkg in TEST_SYSTEM_TOOLS.items() if not shutil.which(tool)})
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


def run_in_env(uv: str, *command: str) -> int:
    """Run ``command`` inside the synced environment and return its exit code."""
    return subprocess.run([uv, "run", "--locked", "--no-sync", *command], cwd=ROOT).returncode


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
    sync_environment(uv)
    if args.job == "test":
        ensure_system_tools()
        return run_in_env(uv, "python", "-m", "pytest", *extra)
    if args.job == "lint":
        return lint(uv)
    say(f"Starting the studio on http://localhost:{args.port} (Ctrl+C stops it)...")
    return run_in_env(
        uv, "chainlit", "run", "app.py", "--host", "127.0.0.1", "--port", args.port, "--headless"
    )


if __name__ == "__main__":
    sys.exit(main())
