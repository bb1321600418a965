"""The real studio app in a subprocess, headless Chromium to drive it, and helpers.

The server is ``chainlit run app.py`` exactly as ``python3 dev.py studio`` starts it, with
a throwaway ``MICROFILM_HOME``, two test accounts, the low-memory embedded model and small
renders (720x1280, a short target length) so a whole film takes about a minute on two
cores. Chromium is Debian's package (``python3 dev.py test`` installs it); Playwright only
drives it and never downloads a browser of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from page_watch import WatchedBrowser
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
USERS = {"alice": "alice-pw-1", "bob": "bob-pw-2"}
START_TIMEOUT_S = 120


@dataclass
class Studio:
    """A running app: where to reach it and where it keeps its files."""

    url: str
    home: Path
    log: Path

    def log_tail(self, lines: int = 60) -> str:
        """The end of the server's output, for failure messages."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    """A port nobody listens on right now (127.0.0.1 only)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    """``chainlit run app.py --headless`` on a free port, stopped after the module."""
    home = tmp_path_factory.mktemp("studio-home")
    # These tests drive the web app, not the writing: a scripted model drafts in an
    # instant (the quality gate refuses most of what SmolLM2 writes, and the default model
    # takes minutes a draft on two cores). The default model's drafting is driven for real
    # by tests/agent/test_cli_slow.py; the render pipeline here is the real one.
    launcher = str(Path(__file__).with_name("failing_studio.py"))
    env = {"MICROFILM_TEST_FAILING_SCENE": "0"}
    yield from run_studio(home, [sys.executable, launcher], env)


def run_studio(home: Path, command: list[str], extra_env: dict[str, str]) -> Iterator[Studio]:
    """Start ``command`` (a ``chainlit run`` of the app) headless on a free port with a
    throwaway home, yield the running studio, then stop it."""
    log = home / "server.log"
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "MICROFILM_", "CHAINLIT_"))
    }
    env.update(
        MICROFILM_HOME=str(home),
        PYTHONUNBUFFERED="1",
        MICROFILM_USERS=",".join(f"{user}:{pw}" for user, pw in USERS.items()),
        MICROFILM_RESOLUTION="720x1280",
        MICROFILM_TARGET_SECONDS="20",
        **extra_env,
    )
    command = [*command, "--headless", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    studio = Studio(url=f"http://127.0.0.1:{port}", home=home, log=log)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if server.poll() is not None:
                pytest.fail(f"the studio exited with {server.returncode}:\n{studio.log_tail()}")
            try:
                if httpx.get(f"{studio.url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the studio did not start in {START_TIMEOUT_S} s:\n{studio.log_tail()}"
                )
            time.sleep(0.5)
        yield studio
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[WatchedBrowser]:
    """Debian's headless Chromium, driven by Playwright, its contexts watched: a request to
    another host or console noise fails the test (:mod:`page_watch`).

    Module scope, not session: Playwright's sync API keeps an event loop running in the main
    thread while it is open, which would break every async test collected after this module.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Chromium is missing: `python3 dev.py test` installs Debian's chromium "
            "package (or: apt-get install -y chromium)."
        )
    with sync_playwright() as playwright:
        chromium = _launch(playwright)
        yield WatchedBrowser(chromium)
        chromium.close()


def _launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``MICROFILM_SCREENSHOT_DIR`` (e.g. docs/screenshots) or a temp
    folder that pytest keeps for the last runs."""
    chosen = os.environ.get("MICROFILM_SCREENSHOT_DIR")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ffprobe_size(path: Path) -> tuple[int, int, float]:
    """Width, height and duration of a video, read by ffprobe from the real file."""
    exe = shutil.which("ffprobe")
    if not exe:
        pytest.fail("ffprobe is missing: `python3 dev.py test` installs Debian's ffmpeg.")
    result = subprocess.run(
        [
            exe,
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=width,height:format=duration",
            "-of",
            "default=nw=1",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    fields = dict(re.findall(r"(\w+)=([\d.]+)", result.stdout))
    return int(fields["width"]), int(fields["height"]), float(fields["duration"])


def log_in(page: Page, studio: Studio, user: str) -> None:
    """Open the studio and log in as ``user``."""
    page.goto(studio.url)
    page.fill("#email", user)
    page.fill("#password", USERS[user])
    page.click("button[type=submit]")
    page.wait_for_selector("#starters", timeout=30_000)


SENT = """(text) => {
    const box = document.querySelector('#chat-input');
    const typed = box ? (box.value ?? box.innerText ?? '') : '';
    return !typed.includes(text) && document.body.innerText.includes(text);
}"""
"""True once ``text`` has left the composer and shows in the conversation."""


def send(page: Page, text: str) -> None:
    """Type a message and press Enter; typed again if the chat was not ready for it.

    Sent means the composer emptied and the text shows in the conversation: the text in
    the composer alone does not count (a chat still connecting keeps it there).
    """
    for _attempt in range(3):
        box = page.locator("#chat-input")
        box.click()
        box.fill(text)
        page.keyboard.press("Enter")
        try:
            page.wait_for_function(SENT, arg=text, timeout=10_000)
            return
        except Exception:  # noqa: BLE001 - the socket was still connecting; type it again
            page.wait_for_timeout(1_000)
    raise AssertionError(f"the chat never showed the message {text!r}")


VIDEOS_READY = """(count) => {
    const videos = [...document.querySelectorAll('video')];
    return videos.length >= count &&
        videos.every(v => v.readyState >= 1 && v.duration > 0);
}"""
