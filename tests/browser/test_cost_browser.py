"""The cost of a paid render, seen in the browser: Confirm renders, Decline spends nothing.

The real app renders through the real ``openai-videos`` backend against the fake
OpenAI-compatible video server, which runs in this test process on 127.0.0.1 and counts
every job it is asked to create; a scripted model drafts (:mod:`failing_studio`, with no
failing scene). The studio's budget (``MICROFILM_BUDGET``) reaches the first scene of a
20-second film but not the second, so confirming shows the budget being reached too: the
second scene is named as not rendered for that reason, and the film is stitched without it
only when the person chooses so, with no further job bought.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import VIDEOS_READY, Studio, log_in, run_studio, send
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP_TIMEOUT_MS = 300_000
BUDGET = "1.50 USD"


@pytest.fixture(scope="module")
def video_server() -> Iterator[FakeMediaServer]:
    """The paid video service, here and counting."""
    with FakeMediaServer(Scenario(mode="slow", polls_before_done=3)) as fake:
        yield fake


@pytest.fixture(scope="module")
def paid_studio(
    tmp_path_factory: pytest.TempPathFactory, video_server: FakeMediaServer
) -> Iterator[Studio]:
    """The app rendering with ``openai-videos`` at 0.10 USD a second, within 1.50 USD."""
    home = tmp_path_factory.mktemp("paid-studio-home")
    launcher = str(Path(__file__).with_name("failing_studio.py"))
    env = {
        "MICROFILM_TEST_FAILING_SCENE": "0",
        "MICROFILM_RENDER_BACKEND": "openai-videos",
        "MICROFILM_VIDEO_BASE_URL": video_server.root,
        "MICROFILM_VIDEO_API_KEY": API_KEY,
        "MICROFILM_VIDEO_PRICE_PER_S": "0.1",
        "MICROFILM_VIDEO_THUMBNAIL": "off",
        "MICROFILM_POLL_INTERVAL_S": "0.05",
        "MICROFILM_BUDGET": "1.5",
    }
    yield from run_studio(home, [sys.executable, launcher], env)


def shot(page: Page, folder: Path, name: str) -> None:
    page.wait_for_timeout(800)
    page.screenshot(path=str(folder / f"{name}.png"))


def to_bottom(page: Page) -> None:
    page.mouse.move(600, 400)
    page.mouse.wheel(0, 5_000)


def films(studio: Studio, user: str) -> list[Path]:
    return sorted((studio.home / "projects").glob(f"{user}*/*/film.mp4"))


def test_confirming_renders_within_the_budget_and_names_the_scene_past_it(
    paid_studio: Studio, video_server: FakeMediaServer, browser: Browser, shots: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, paid_studio, "alice")
    page.wait_for_timeout(1_000)
    send(page, "one-prompt: a 20-second film about a grandmother folding dumplings")

    confirm = page.get_by_role("button", name="Confirm", exact=True)
    confirm.wait_for(timeout=STEP_TIMEOUT_MS)
    assert page.get_by_role("button", name="Decline", exact=True).count() == 1
    page.get_by_text(re.compile(r"with openai-videos is paid work")).wait_for(timeout=10_000)
    assert page.get_by_text(re.compile(r"^Scene 1: \d+\.\d\d USD \(\d+ s of video\)$")).count()
    assert page.get_by_text(re.compile(r"^Scene 2: .*past the budget: not rendered$")).count()
    page.get_by_text(re.compile(rf"Budget: {BUDGET}\. Total within the budget")).wait_for(
        timeout=10_000
    )
    assert video_server.jobs == {}, "nothing is bought before Confirm"
    assert films(paid_studio, "alice") == []
    to_bottom(page)
    shot(page, shots, "cost-question")

    confirm.click()
    stitch = page.get_by_role("button", name="Stitch without scene 2")
    stitch.wait_for(timeout=STEP_TIMEOUT_MS)
    page.get_by_text(
        f"The film is not finished: scene 2 could not be rendered (the budget of {BUDGET} is "
        "reached). The other scenes are kept."
    ).wait_for(timeout=10_000)
    assert page.get_by_text(f"Scene 2: failed: the budget of {BUDGET} is reached").count() >= 1
    assert page.get_by_role("button", name="Confirm", exact=True).count() == 0, "answered"
    bought = dict(video_server.jobs)
    assert bought and video_server.count("POST", "/v1/videos") == len(bought)
    assert films(paid_studio, "alice") == [], "no film is stitched with a scene missing"
    to_bottom(page)
    shot(page, shots, "cost-budget-reached")

    stitch.click()
    page.get_by_text("Your micro film").wait_for(timeout=STEP_TIMEOUT_MS)
    page.wait_for_function(VIDEOS_READY, arg=1, timeout=60_000)
    assert video_server.jobs == bought, "the cut without scene 2 bought nothing more"
    assert len(films(paid_studio, "alice")) == 1
    page.context.close()


def test_declining_in_chinese_renders_nothing_and_spends_nothing(
    paid_studio: Studio, video_server: FakeMediaServer, browser: Browser, shots: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, paid_studio, "bob")
    page.wait_for_timeout(1_000)
    before = video_server.count("POST", "/v1/videos")
    send(page, "一键成片：一部二十秒的温情短片，外婆教外孙包饺子")

    decline = page.get_by_role("button", name="取消", exact=True)
    decline.wait_for(timeout=STEP_TIMEOUT_MS)
    assert page.get_by_role("button", name="确认", exact=True).count() == 1
    page.get_by_text(re.compile(r"^用 openai-videos 渲染《.+》需要付费")).wait_for(timeout=10_000)
    assert page.get_by_text(re.compile(r"^第1场：\d+\.\d\d USD（\d+秒视频）$")).count() == 1
    assert page.get_by_text(re.compile(r"^第2场：.*超出预算：不渲染$")).count() == 1
    to_bottom(page)
    shot(page, shots, "cost-question-zh")

    decline.click()
    page.get_by_text("已取消：没有渲染，也没有花费。需要影片时回复“渲染”。").wait_for(
        timeout=60_000
    )
    assert page.get_by_role("button", name="确认", exact=True).count() == 0
    assert video_server.count("POST", "/v1/videos") == before, "nothing was bought"
    assert films(paid_studio, "bob") == []
    assert not list((paid_studio.home / "projects").glob("bob*/*/segments/*.json"))
    to_bottom(page)
    shot(page, shots, "cost-declined-zh")
    page.context.close()
