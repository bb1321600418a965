"""The character sheets in the browser: shown as images, one regenerated, then approved.

The real app renders keyframe-first through the real ``openai-images`` backend against the
fake images API in this test process on 127.0.0.1 (free here, so no cost question comes
first); a scripted model drafts (:mod:`failing_studio`, with no failing scene). The sheets
appear in the chat with Approve, Regenerate <name> and Stop; regenerating draws one new sheet
and asks again; approving renders the film, every keyframe drawn from its characters' sheets.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import VIDEOS_READY, Studio, log_in, run_studio, send
from fake_media_server import API_KEY, FakeMediaServer
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP_TIMEOUT_MS = 300_000


@pytest.fixture(scope="module")
def image_server() -> Iterator[FakeMediaServer]:
    with FakeMediaServer() as fake:
        yield fake


@pytest.fixture(scope="module")
def sheet_studio(
    tmp_path_factory: pytest.TempPathFactory, image_server: FakeMediaServer
) -> Iterator[Studio]:
    home = tmp_path_factory.mktemp("sheet-studio-home")
    launcher = str(Path(__file__).with_name("failing_studio.py"))
    env = {
        "MICROFILM_TEST_FAILING_SCENE": "0",
        "MICROFILM_RENDER_BACKEND": "openai-images",
        "MICROFILM_CHARACTER_SHEETS": "on",
        "MICROFILM_IMAGE_BASE_URL": image_server.base_url,
        "MICROFILM_IMAGE_API_KEY": API_KEY,
        "MICROFILM_IMAGE_PRICE": "0",
    }
    yield from run_studio(home, [sys.executable, launcher], env)


def sheet_prompts(server: FakeMediaServer) -> int:
    return sum(
        1
        for r in server.requests
        if r.path == "/v1/images/generations"
        and str((r.json or {}).get("prompt", "")).startswith("Character reference sheet")
    )


def to_bottom(page: Page) -> None:
    page.mouse.move(600, 400)
    page.mouse.wheel(0, 5_000)


def test_sheets_are_shown_one_is_regenerated_and_approving_renders_the_film(
    sheet_studio: Studio, image_server: FakeMediaServer, browser: Browser, shots: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, sheet_studio, "alice")
    page.wait_for_timeout(1_000)
    send(page, "one-prompt: a 20-second film about a grandmother folding dumplings")

    approve = page.get_by_role("button", name="Approve", exact=True)
    approve.wait_for(timeout=STEP_TIMEOUT_MS)
    regenerate = page.get_by_role("button", name="Regenerate", exact=False)
    drawn = sheet_prompts(image_server)
    assert drawn >= 1 and regenerate.count() == drawn
    assert page.get_by_role("button", name="Stop", exact=True).count() == 1
    page.locator("img").last.wait_for(timeout=10_000)
    assert image_server.count("POST", "/v1/images/edits") == 0, "no keyframe before approval"
    to_bottom(page)
    page.wait_for_timeout(800)
    page.screenshot(path=str(shots / "sheets-question.png"))

    regenerate.first.click()
    page.get_by_text("(take 2)").first.wait_for(timeout=STEP_TIMEOUT_MS)
    assert sheet_prompts(image_server) == drawn + 1, "one new sheet, the others kept"
    approve = page.get_by_role("button", name="Approve", exact=True)
    approve.wait_for(timeout=60_000)
    approve.click()

    page.get_by_text("Your micro film").wait_for(timeout=STEP_TIMEOUT_MS)
    page.wait_for_function(VIDEOS_READY, arg=1, timeout=60_000)
    assert image_server.count("POST", "/v1/images/edits") >= 1, "keyframes from the sheets"
    assert sheet_prompts(image_server) == drawn + 1, "approving painted nothing again"
    assert sorted((sheet_studio.home / "projects").glob("alice*/*/film.mp4"))
    to_bottom(page)
    page.wait_for_timeout(800)
    page.screenshot(path=str(shots / "sheets-approved-film.png"))
    page.context.close()
