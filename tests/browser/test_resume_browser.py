"""A studio killed mid-render, seen in the browser: the reopened thread offers to resume.

The real app (scripted model, real renderer, one scene at a time) starts a one-prompt film;
the server is killed with SIGKILL once a scene is finished. A second server on the same
data folder shows the reopened thread's "Resume render" button, which finishes the film
rendering only the scenes that were missing.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest
from browser_kit import VIDEOS_READY, log_in, run_studio, send
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP_TIMEOUT_MS = 300_000
IDEA = "one-prompt: a 40-second film about a grandmother folding dumplings"


def _manifests(home: Path) -> dict[Path, int]:
    found = (home / "projects").glob("*/*/segments/scene-*.json")
    return {p: p.stat().st_mtime_ns for p in found}


def _markers(home: Path) -> list[dict[str, object]]:
    found = (home / "projects").glob("*/*/.renders/*.json")
    return [json.loads(p.read_text(encoding="utf-8")) for p in found]


def _shot(page: Page, folder: Path, name: str) -> None:
    page.wait_for_timeout(800)
    page.screenshot(path=str(folder / f"{name}.png"))


def test_a_render_killed_with_the_server_is_resumed_from_the_reopened_thread(
    browser: Browser, shots: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    launcher = [sys.executable, str(Path(__file__).with_name("failing_studio.py"))]
    env = {"MICROFILM_TEST_FAILING_SCENE": "0", "MICROFILM_RENDER_CONCURRENCY": "1"}

    first = run_studio(home, launcher, env)
    studio = next(first)
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, studio, "alice")
    page.wait_for_timeout(1_000)
    send(page, IDEA)
    deadline = time.monotonic() + STEP_TIMEOUT_MS / 1000
    while not _manifests(home) and time.monotonic() < deadline:
        time.sleep(0.05)
    page.context.close()  # first, so the page does not log the lost connection
    [marker] = _markers(home)
    os.kill(int(str(marker["pid"])), signal.SIGKILL)  # the server, mid-render
    first.close()
    before = _manifests(home)
    assert before and not list((home / "projects").glob("*/*/film.mp4"))

    second = run_studio(home, launcher, env)
    studio = next(second)
    try:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        log_in(page, studio, "alice")
        page.locator("a[href*='/thread/']").first.click()
        resume = page.get_by_role("button", name="Resume render")
        resume.wait_for(timeout=60_000)
        page.get_by_text(re.compile(r"was interrupted before the film was finished")).wait_for(
            timeout=10_000
        )
        assert str(home) not in page.content(), "no server path is shown"
        _shot(page, shots, "resume-offered")

        resume.click()
        page.get_by_text(re.compile("Resuming the interrupted render")).wait_for(timeout=60_000)
        page.get_by_text("Your micro film").wait_for(timeout=STEP_TIMEOUT_MS)
        page.wait_for_function(VIDEOS_READY, arg=1, timeout=60_000)
        assert page.get_by_role("button", name="Resume render").count() == 0
        _shot(page, shots, "resume-finished")
        after = _manifests(home)
        assert {p: after[p] for p in before} == before, "finished scenes are reused"
        assert len(after) > len(before) and _markers(home) == []
        page.context.close()
    finally:
        second.close()
