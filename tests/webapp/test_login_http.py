"""Logins over HTTP against the real app: throttled, worded for people, in their language.

The app is imported the way ``chainlit run`` loads it, in a fresh process (it reads the
environment and registers Chainlit callbacks at import), and Chainlit's own ASGI app is
driven in that process with clients at chosen addresses. Start-up hooks (the model, the
guideline index) are not run: a login never needs them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from app_driver import run_app_driver

from webapp.auth import preferred_language

DRIVER = r"""
import json, sys, time
import app
from chainlit.server import app as server
from fastapi.testclient import TestClient

def client(address, language="en-GB,en;q=0.9"):
    return TestClient(server, client=(address, 40000), headers={"Accept-Language": language})

def login(who, username, password):
    reply = who.post("/login", data={"username": username, "password": password})
    try:
        body = reply.json()
    except ValueError:
        body = reply.text
    return {"status": reply.status_code, "retry_after": reply.headers.get("retry-after"),
            "body": body, "cookie": "access_token" in reply.cookies}

a, b = client("203.0.113.7"), client("198.51.100.9")
zh = client("203.0.113.7", "zh-CN,zh;q=0.9,en;q=0.8")
steps = {}
steps["wrong"] = [login(a, "alice", "nope") for _ in range(5)]
steps["right_while_throttled"] = login(a, "alice", "alice-pw")
steps["right_while_throttled_zh"] = login(zh, "alice", "alice-pw")
steps["right_from_another_address"] = login(b, "alice", "alice-pw")
steps["other_account_same_address"] = login(a, "bob", "bob-pw")
c, d = client("192.0.2.50"), client("192.0.2.51")
steps["spray"] = [login(c, f"guess{n}", "nope") for n in range(20)]
steps["sprayer_right_password"] = login(c, "bob", "bob-pw")
steps["neighbour_right_password"] = login(d, "bob", "bob-pw")
time.sleep(float(steps["right_while_throttled"]["retry_after"]) + 0.2)
steps["right_after_the_wait"] = login(a, "alice", "alice-pw")
steps["wrong_after_success"] = login(a, "alice", "nope")
page = client("127.0.0.1")
steps["page"] = page.get("/login").text
steps["script"] = page.get("/studio-login.js").text
steps["words_zh"] = page.get("/project/translations?language=zh-CN").json()
steps["words_en"] = page.get("/project/translations?language=en-US").json()
print("RESULT " + json.dumps(steps, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the real app answered to the driver's logins, step by step."""
    home = tmp_path_factory.mktemp("login-home")
    return run_app_driver(DRIVER, home, timeout=600)


def test_wrong_passwords_get_a_sentence_and_then_a_wait(steps: dict[str, Any]) -> None:
    wrong = steps["wrong"]
    assert [step["status"] for step in wrong] == [401] * 5
    assert wrong[0]["body"] == {"detail": "Wrong username or password."}
    assert wrong[4]["body"]["detail"] == (
        "Wrong username or password. Too many failed sign-ins: wait 2 seconds before the next try."
    )
    assert "credentialssignin" not in json.dumps(steps, ensure_ascii=False)


def test_the_right_password_is_refused_while_the_account_waits(steps: dict[str, Any]) -> None:
    for name in ("right_while_throttled", "right_from_another_address"):
        step = steps[name]
        assert step["status"] == 429 and not step["cookie"], name
        assert step["retry_after"] in ("1", "2")
        assert step["body"]["detail"].startswith("Too many failed sign-ins. Wait ")
    chinese = steps["right_while_throttled_zh"]
    assert chinese["status"] == 429
    assert chinese["body"]["detail"] in (
        "登录失败次数过多，请等待1秒后再试。",
        "登录失败次数过多，请等待2秒后再试。",
    )


def test_the_wait_is_per_account_and_per_address(steps: dict[str, Any]) -> None:
    assert steps["other_account_same_address"]["status"] == 200
    assert [step["status"] for step in steps["spray"]] == [401] * 20
    assert steps["sprayer_right_password"]["status"] == 429
    assert steps["neighbour_right_password"]["status"] == 200


def test_after_the_wait_the_right_password_gets_in_and_resets_the_count(
    steps: dict[str, Any],
) -> None:
    assert steps["right_after_the_wait"]["status"] == 200
    assert steps["right_after_the_wait"]["cookie"]
    assert steps["wrong_after_success"]["body"] == {"detail": "Wrong username or password."}


def test_the_login_page_asks_for_a_username_in_both_languages(steps: dict[str, Any]) -> None:
    for language, label, wrong in (
        ("en", "Username", "Wrong username or password."),
        ("zh", "用户名", "用户名或密码错误。"),
    ):
        login = steps[f"words_{language}"]["translation"]["auth"]["login"]
        assert login["form"]["email"]["label"] == label
        assert login["form"]["email"]["placeholder"] == ""
        assert login["errors"]["unauthorized"] == wrong
        assert login["errors"]["too many requests"]
    assert '<script src="/studio-login.js"' in steps["page"]
    assert "Too Many Requests" in steps["script"]


def test_the_reader_language_comes_from_accept_language() -> None:
    assert preferred_language("zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert preferred_language("en-US,en;q=0.9,zh-CN;q=0.8") == "en"
    assert preferred_language("fr-FR,fr;q=0.9,zh-TW;q=0.5") == "zh"
    assert preferred_language("de-DE") == "en"
    assert preferred_language("") == "en"
