"""Run a driver script against the real app in a fresh process and read what it saw.

The app reads its accounts, home and providers from the environment at import, so each
HTTP-level test imports it in a child process with a clean environment: the studio's own
variables, Chainlit's and any provider's are dropped, two test accounts are set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
USERS = "alice:alice-pw,bob:bob-pw"


def run_app_driver(driver: str, home: Path, *, timeout: float) -> dict[str, Any]:
    """The JSON the ``driver`` source printed on its last ``RESULT `` line."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MICROFILM_", "CHAINLIT_", "OPENAI_"))
    }
    env.update(MICROFILM_HOME=str(home), MICROFILM_USERS=USERS)
    done = subprocess.run(
        [sys.executable, "-c", driver],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(lines[-1].removeprefix("RESULT "))
    return result
