"""The page asks no other host for anything, and a thread that is not yours says so.

The app is imported the way ``chainlit run`` loads it, in a fresh process (it reads the
environment and registers Chainlit callbacks at import), and Chainlit's own ASGI app is
driven in that process. Start-up hooks (the model, the guideline index) are not run.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from app_driver import run_app_driver

from webapp.fonts import local_only
from webapp.summaries import step_title, summarize_input, summarize_output
from webapp.threads import NOT_YOURS, open_foreign_links_as_new_chats

ROOT = Path(__file__).resolve().parents[2]

DRIVER = r"""
import json, sqlite3, sys
import app
from chainlit.server import app as server
from fastapi.testclient import TestClient

def client(user, language="en-GB,en;q=0.9"):
    who = TestClient(server, headers={"Accept-Language": language})
    if user:
        signed_in = who.post("/login", data={"username": user, "password": user + "-pw"})
        assert signed_in.status_code == 200, signed_in.text
    return who

alice, bob = client("alice"), client("bob")
bob_zh = client("bob", "zh-CN,zh;q=0.9,en;q=0.8")
with sqlite3.connect(app.HOME / "chainlit.sqlite") as db:
    [(alice_id,)] = db.execute("SELECT id FROM users WHERE identifier = 'alice'").fetchall()
    db.execute(
        'INSERT INTO threads (id, "createdAt", name, "userId", "userIdentifier", tags, metadata) '
        "VALUES ('t-alice', '2026-01-01T00:00:00Z', 'dumplings', ?, 'alice', '[]', '{}')",
        (alice_id,),
    )
steps = {"pages": {path: client(None).get(path).text for path in ("/", "/login", "/thread/x")}}
for name, who, thread in (
    ("owner", alice, "t-alice"),
    ("other", bob, "t-alice"),
    ("other_zh", bob_zh, "t-alice"),
    ("missing", alice, "t-none"),
    ("anonymous", client(None), "t-alice"),
):
    reply = who.get(f"/project/thread/{thread}")
    steps[name] = {"status": reply.status_code, "body": reply.json()}
page = client(None)
steps["font"] = page.get("/public/fonts/inter-latin-400-normal.woff2").status_code
steps["css"] = page.get("/public/studio.css").text
print("RESULT " + json.dumps(steps, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the real app answered, step by step."""
    home = tmp_path_factory.mktemp("offline-home")
    return run_app_driver(DRIVER, home, timeout=240)


def test_the_page_names_no_other_host_and_keeps_its_own_assets(steps: dict[str, Any]) -> None:
    for path, html in steps["pages"].items():
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        assert "jsdelivr" not in html and "katex" not in html.lower(), path
        assert not re.search(r"""<(?:link|script)\b[^>]*(?:href|src)=["'](?:https?:)?//""", html)
        assert 'href="/public/studio.css"' in html, path
        assert re.search(r'<script type="module" crossorigin src="/assets/index-\w+\.js">', html)
        assert "<title>Micro Film Studio</title>" in html


def test_inter_is_served_by_the_studio(steps: dict[str, Any]) -> None:
    assert steps["font"] == 200
    fonts = re.findall(r'url\("/public/fonts/([^"]+)"\)', steps["css"])
    assert {"inter-latin-400-normal.woff2", "inter-latin-ext-700-normal.woff2"} <= set(fonts)
    assert all((ROOT / "public" / "fonts" / name).is_file() for name in fonts)
    assert "SIL OPEN FONT LICENSE" in (ROOT / "public/fonts/OFL.txt").read_text().upper()
    assert "https://" not in steps["css"] and "http://" not in steps["css"]


def test_local_only_removes_remote_links_and_keeps_local_ones() -> None:
    page = (
        '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin />\n'
        '<link\n  href="https://fonts.googleapis.com/css2?family=Inter" rel="stylesheet"\n/>\n'
        "<link rel='stylesheet' href='//cdn.example.org/x.css'>"
        '<link rel="stylesheet" href="/public/studio.css">'
    )
    assert local_only(page) == '<link rel="stylesheet" href="/public/studio.css">'


def test_a_thread_that_is_not_yours_reads_not_in_your_history(steps: dict[str, Any]) -> None:
    assert steps["owner"]["status"] == 200 and steps["owner"]["body"]["id"] == "t-alice"
    for name in ("other", "missing"):
        assert steps[name] == {"status": 404, "body": {"detail": NOT_YOURS["en"]}}, name
    assert steps["other_zh"] == {"status": 404, "body": {"detail": NOT_YOURS["zh"]}}
    assert steps["anonymous"]["status"] == 401


class _Sockets:
    """Chainlit's socket server as far as connecting goes, recording what it did."""

    def __init__(self, refuse: Any) -> None:
        self.calls: list[Any] = []
        self.emitted: list[tuple[str, Any, str]] = []

        async def connect(sid: str, environ: dict[str, Any], auth: Any) -> bool:
            self.calls.append(auth.get("threadId"))
            if refuse(auth):
                raise ConnectionRefusedError("authorization failed")
            return True

        async def connection_successful(sid: str) -> None:
            self.emitted.append(("chat_start", None, sid))

        self.handlers = {"/": {"connect": connect, "connection_successful": connection_successful}}

    async def emit(self, event: str, data: Any = None, to: str = "") -> None:
        self.emitted.append((event, data, to))


def test_a_socket_refused_for_a_foreign_thread_gets_a_new_chat_and_the_reason() -> None:
    sockets = _Sockets(refuse=lambda auth: auth.get("threadId") == "t-alice")
    open_foreign_links_as_new_chats(sockets)  # type: ignore[arg-type]
    connect = sockets.handlers["/"]["connect"]
    connected = sockets.handlers["/"]["connection_successful"]

    chinese = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
    assert asyncio.run(connect("s1", chinese, {"threadId": "t-alice", "sessionId": "x"}))
    assert sockets.calls == ["t-alice", None], "tried with the thread, then without it"
    asyncio.run(connected("s1"))
    assert sockets.emitted == [
        ("resume_thread_error", NOT_YOURS["zh"], "s1"),
        ("chat_start", None, "s1"),
    ]
    assert asyncio.run(connect("s2", {}, {"threadId": "t-mine"}))
    asyncio.run(connected("s2"))
    assert sockets.calls[-1] == "t-mine" and sockets.emitted[-1] == ("chat_start", None, "s2")

    logged_out = _Sockets(refuse=lambda auth: True)  # the login check fails whatever the thread
    open_foreign_links_as_new_chats(logged_out)  # type: ignore[arg-type]
    with pytest.raises(ConnectionRefusedError):
        asyncio.run(logged_out.handlers["/"]["connect"]("s3", {}, {"threadId": "t-alice"}))
    with pytest.raises(ConnectionRefusedError):
        asyncio.run(logged_out.handlers["/"]["connect"]("s4", {}, {"sessionId": "y"}))
    assert logged_out.calls == ["t-alice", None, None]


def test_steps_are_named_in_the_conversation_language() -> None:
    scene = {"scene_number": 3}
    assert step_title("render_scene", scene) == "Scene 3 render"
    assert step_title("render_scene", scene, "zh") == "第3场渲染"
    assert step_title("guard_input", None, "en") == "Message check"
    assert step_title("guard_input", None, "zh") == "消息检查"
    assert step_title("write_scenes", None, "zh") == "分场和对白"
    assert step_title("new_stage", None, "zh") == "New stage"


def test_step_summaries_show_no_server_path() -> None:
    folder = "/srv/studio-home/projects/alice-1f2e/the-last-dumpling"
    out = summarize_output({"project_dir": folder, "stage": "ready", "exported_version": 1})
    assert "project_dir: the-last-dumpling" in out and "/srv" not in out
    assert "stage: ready" in out and "exported_version: 1" in out
    started = summarize_input("export_current", {"project_dir": folder, "request": folder})
    assert "/srv" not in started and "request: the-last-dumpling" in started
