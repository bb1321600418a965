"""A scene that fails to render, seen in the browser: failed (never ticked), then retried.

The real app runs with a backend that fails scene 2 of each film once
(:mod:`failing_studio`) and a scripted model, so the time goes to rendering. The person
sees the film is not finished, which scene failed and why, in their language, with a
"retry failed scenes" button that renders only that scene again, or a button to stitch
the film without it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import VIDEOS_READY, Studio, ffprobe_size, log_in, run_studio, send
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP_TIMEOUT_MS = 300_000
CROP_ERROR = "box offset can't be negative"


@pytest.fixture(scope="module")
def failing_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    """The app with the failing backend and the scripted model."""
    home = tmp_path_factory.mktemp("failing-studio-home")
    launcher = str(Path(__file__).with_name("failing_studio.py"))
    yield from run_studio(home, [sys.executable, launcher], {})


def shot(page: Page, folder: Path, name: str) -> None:
    page.wait_for_timeout(800)
    page.screenshot(path=str(folder / f"{name}.png"))


def to_bottom(page: Page) -> None:
    """Scroll the chat to its newest message (the choices), as a person would see it."""
    page.mouse.move(600, 400)
    page.mouse.wheel(0, 5_000)


def films(studio: Studio) -> list[Path]:
    return sorted((studio.home / "projects").glob("*/*/film.mp4"))


def test_a_failed_scene_is_shown_failed_and_retrying_it_finishes_the_film(
    failing_studio: Studio, browser: Browser, shots: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, failing_studio, "alice")
    page.wait_for_timeout(1_000)
    send(page, "one-prompt: a 20-second film about a grandmother folding dumplings")

    retry = page.get_by_role("button", name="Retry failed scenes")
    retry.wait_for(timeout=STEP_TIMEOUT_MS)
    page.get_by_text(
        f"The film is not finished: scene 2 could not be rendered ({CROP_ERROR})"
    ).wait_for(timeout=10_000)
    assert page.get_by_role("button", name="Stitch without scene 2").count() == 1
    assert page.get_by_text(f"Scene 2: failed: {CROP_ERROR}").count() >= 1, "the task list"
    assert page.get_by_text("Your micro film").count() == 0
    assert page.get_by_text(re.compile("The film is ready")).count() == 0
    assert str(failing_studio.home) not in page.content(), "no server path is shown"
    assert films(failing_studio) == [], "no film is stitched with a scene missing"
    to_bottom(page)
    shot(page, shots, "failures-failed")

    retry.click()
    page.get_by_text("Rendering scene 2 again; the finished scenes are reused.").wait_for(
        timeout=30_000
    )
    page.get_by_text("Your micro film").wait_for(timeout=STEP_TIMEOUT_MS)
    page.wait_for_function(VIDEOS_READY, arg=1, timeout=60_000)
    assert page.get_by_role("button", name="Retry failed scenes").count() == 0
    assert page.get_by_text(re.compile(r"The film is ready: .*, all 2 scenes\.")).count() == 1
    previews = page.get_by_text(re.compile(r"^Scene \d preview$"))
    assert previews.all_inner_texts() == ["Scene 1 preview", "Scene 2 preview"], (
        "the retry previews only the scene it rendered"
    )
    page.get_by_text("Your micro film").evaluate("el => el.scrollIntoView({block: 'start'})")
    shot(page, shots, "failures-retried")
    [film] = films(failing_studio)
    width, height, seconds = ffprobe_size(film)
    assert (width, height) == (720, 1280) and seconds > 15
    page.context.close()


def test_a_chinese_film_offers_the_cut_without_the_failed_scene(
    failing_studio: Studio, browser: Browser, shots: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, failing_studio, "bob")
    page.wait_for_timeout(1_000)
    send(page, "一键成片：一部二十秒的温情短片，外婆教外孙包饺子")

    cut = page.get_by_role("button", name="不含第2场，直接合成")
    cut.wait_for(timeout=STEP_TIMEOUT_MS)
    assert page.get_by_role("button", name="重新渲染失败的场景").count() == 1
    page.get_by_text(f"影片未完成：第2场渲染失败（{CROP_ERROR}）。其余场景已保留。").wait_for(
        timeout=10_000
    )
    assert page.get_by_text(f"第2场：渲染失败：{CROP_ERROR}").count() >= 1, "the task list"
    assert page.get_by_text("影片完成").count() == 0
    to_bottom(page)
    shot(page, shots, "failures-failed-zh")

    cut.click()
    page.get_by_text("按你的选择，不含第2场合成影片。").wait_for(timeout=30_000)
    page.get_by_text("你的微电影").wait_for(timeout=STEP_TIMEOUT_MS)
    page.wait_for_function(VIDEOS_READY, arg=1, timeout=60_000)
    page.get_by_text(re.compile("影片完成（按你的选择，不含第2场）")).wait_for(timeout=10_000)
    page.get_by_text("你的微电影").evaluate("el => el.scrollIntoView({block: 'start'})")
    shot(page, shots, "failures-cut-zh")
    page.context.close()
