"""What the app says and does at start-up about logins, run as a fresh process each time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Import app.py the way ``chainlit run`` does, with a clean studio environment."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MICROFILM_", "CHAINLIT_", "OPENAI_"))
    }
    clean.update(MICROFILM_HOME=str(home), **env)
    return subprocess.run(
        [sys.executable, "-c", "import app"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_first_start_without_accounts_prints_a_generated_login_once(tmp_path: Path) -> None:
    first = start(tmp_path)
    assert first.returncode == 0, first.stderr
    login = (tmp_path / "studio-login.txt").read_text().strip()
    user, password = login.split(":", 1)
    assert user == "studio" and len(password) >= 12
    assert f"Password:  {password}" in first.stdout
    assert (tmp_path / "chainlit-auth-secret").read_text().strip()

    second = start(tmp_path)
    assert second.returncode == 0, second.stderr
    assert password not in second.stdout
    assert "studio-login.txt" in second.stdout


def test_unreadable_accounts_stop_the_start_with_a_clear_message(tmp_path: Path) -> None:
    result = start(tmp_path, MICROFILM_USERS="alice")
    assert result.returncode == 2
    assert "needs the form name:password" in result.stderr
    assert not (tmp_path / "studio-login.txt").exists()
