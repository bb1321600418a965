"""The login page in headless Chromium: it asks for a username, and refusals read as
sentences in the browser's language, never as HTTP words or Chainlit's error codes."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import pytest
from browser_kit import USERS, Studio
from page_watch import expect_http_error
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser]

HTTP_WORDS = re.compile(r"Unauthorized|Too Many Requests|credentialssignin", re.IGNORECASE)


def submit(page: Page, username: str, password: str) -> int:
    """Fill the form, press Sign In and return the HTTP status the login got."""
    page.fill("#email", username)
    page.fill("#password", password)
    with page.expect_response(lambda reply: reply.url.endswith("/login")) as answer:
        page.click("button[type=submit]")
    return answer.value.status


def toast_texts(page: Page, showing: str) -> list[str]:
    """The texts of the toasts on the page, once one showing ``showing`` is up (the page
    script tidies a toast as soon as it appears)."""
    titles = page.locator("[data-sonner-toast] [data-title]")
    titles.filter(has_text=showing).first.wait_for(timeout=5_000)
    page.wait_for_timeout(300)
    texts = titles.all_text_contents()
    assert not [text for text in texts if HTTP_WORDS.search(text)], texts
    return texts


def guess_until_a_long_wait(studio: Studio, user: str, failures: int) -> None:
    """Send wrong passwords for ``user`` until ``failures`` have counted, waiting out each
    refusal as it asks, so the account is left with a wait long enough to see."""
    counted = 1  # the browser's own wrong try
    with httpx.Client(base_url=studio.url, timeout=30) as client:
        while counted < failures:
            reply = client.post("/login", data={"username": user, "password": "guess"})
            if reply.status_code == 429:
                time.sleep(float(reply.headers["retry-after"]))
                continue
            assert reply.status_code == 401, reply.text
            counted += 1


def test_login_page_says_username_and_refusals_in_plain_words(
    studio: Studio, browser: Browser, shots: Path
) -> None:
    expect_http_error("/login", 401)
    expect_http_error("/login", 429)

    english = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 760})
    page = english.new_page()
    page.goto(f"{studio.url}/login")
    page.wait_for_selector("#email")
    assert page.locator("label[for=email]").inner_text() == "Username"
    assert not page.get_attribute("#email", "placeholder")
    assert submit(page, "alice", "not-her-password") == 401
    page.get_by_text("Wrong username or password.").first.wait_for(timeout=5_000)
    assert "Wrong username or password." in toast_texts(page, "Wrong username")
    page.screenshot(path=str(shots / "login-wrong-password-en.png"))
    english.close()

    chinese = browser.new_context(locale="zh-CN", viewport={"width": 1100, "height": 760})
    page = chinese.new_page()
    page.goto(f"{studio.url}/login")
    page.wait_for_selector("#email")
    assert page.locator("label[for=email]").inner_text() == "用户名"
    assert submit(page, "bob", "not-his-password") == 401
    assert "用户名或密码错误。" in toast_texts(page, "用户名或密码错误")
    guess_until_a_long_wait(studio, "bob", failures=7)  # the 7th leaves an 8 s wait
    assert submit(page, "bob", USERS["bob"]) == 429, "the right password waits too"
    page.get_by_text("登录失败次数过多，请稍候再试。").first.wait_for(timeout=5_000)
    waiting = [text for text in toast_texts(page, "请等待") if "请等待" in text]
    named = re.fullmatch(r"登录失败次数过多，请等待([1-8])秒后再试。", waiting[0])
    assert named, waiting
    page.screenshot(path=str(shots / "login-throttled-zh.png"))

    page.wait_for_timeout(int(named.group(1)) * 1000 + 500)  # the wait the toast named
    assert submit(page, "bob", USERS["bob"]) == 200
    page.wait_for_selector("#starters", timeout=60_000)
    chinese.close()
