"""The embedded model server killed mid-turn: a friendly message, nothing lost, a restart.

The graph runs for real against a real :class:`LocalModelServer` child process whose
entry is a stand-in: it answers each draft schema with the fake film's valid answer, and
SIGKILLs itself on a request for the schema named in a flag file (a server killed while
answering). The studio must tell the user in their language, keep every finished stage,
and start a fresh server for the "try again" turn.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import Studio
from langgraph.types import Command

from agent.messages import say, stage_label
from agent.model import providers
from agent.model.local_server import LocalModelServer, LocalModelSettings
from film.screenplay import Project

TESTS = Path(__file__).resolve().parents[2]
STAND_IN = textwrap.dedent(f"""
    import argparse, json, os, signal, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    sys.path.insert(0, {str(TESTS)!r})
    from fake_film import default_answer
    from fake_openai import Reply, _chunks, _completion
    SCHEMAS = ("GenrePitchesDraft", "LoglineDraft", "CastDraft", "OutlineDraft", "SceneDraft")
    parser = argparse.ArgumentParser()
    for name in ("--model", "--model_alias", "--host", "--port", "--api_key", "--crash_flag"):
        parser.add_argument(name)
    args, _ = parser.parse_known_args()

    def schema_of(body):
        blob = json.dumps(body.get("response_format") or {{}}) + json.dumps(body["messages"])
        found = [(blob.find(name), name) for name in SCHEMAS if name in blob]
        return min(found)[1] if found else "unknown"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass
        def send(self, payload):
            data = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def do_GET(self):
            self.send({{"object": "list", "data": [{{"id": args.model_alias}}]}})
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            schema = schema_of(body)
            flag = os.environ.get("CRASH_FLAG", "")
            if flag and os.path.exists(flag) and open(flag).read().strip() == schema:
                os.kill(os.getpid(), signal.SIGKILL)  # killed while answering
            prompt = "\\n".join(str(m.get("content")) for m in body["messages"])
            text = json.dumps(default_answer(schema, prompt), ensure_ascii=False)
            completion = _completion(body, Reply(text, as_tool=False))
            if not body.get("stream"):
                self.send(completion)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for chunk in _chunks(completion):
                self.wfile.write(("data: " + json.dumps(chunk) + "\\n\\n").encode())
            self.wfile.write(b"data: [DONE]\\n\\n")
            self.close_connection = True

    ThreadingHTTPServer((args.host, int(args.port)), Handler).serve_forever()
""")

IDEAS = {
    "en": "a film about a grandma teaching her grandson to make dumplings",
    "zh": "一部关于奶奶教孙子包饺子的短片",
}


@pytest.fixture
def crash_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    flag = tmp_path / "crash-on"
    monkeypatch.setenv("CRASH_FLAG", str(flag))
    monkeypatch.setenv("MICROFILM_HOME", str(tmp_path / "home"))
    return flag


@pytest.fixture
def server(tmp_path: Path, crash_flag: Path) -> Iterator[LocalModelServer]:
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN, encoding="utf-8")
    (tmp_path / "m.gguf").write_bytes(b"GGUF")
    made = LocalModelServer(
        tmp_path / "m.gguf",
        LocalModelSettings(entry=str(script), ready_timeout_s=30),
        home=tmp_path / "home",
    )
    yield made
    made.stop()


@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("zh", marks=pytest.mark.slow)],  # ~30 s each on 2 cores
)
async def test_a_server_killed_mid_turn_loses_nothing_and_restarts(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    server: LocalModelServer,
    crash_flag: Path,
    language: str,
) -> None:
    studio = Studio(monkeypatch, tmp_path, providers.embedded_chat_model(server))
    asked = await studio.say(IDEAS[language])
    assert asked.interrupt is not None, asked.error
    first_server = server.pid
    assert first_server is not None

    crash_flag.write_text("CastDraft")  # every answer for the characters dies with its server
    failed = await studio.say(Command(resume="touching-family"))
    expected = say("model_crashed", language, stage=stage_label("characters", language))
    assert failed.error == expected
    assert failed.messages[-1].content == expected
    assert "http" not in expected and "/" not in expected
    assert failed.values["resume_stage"] == "write_characters"
    assert failed.values["genre"] == "touching-family"
    kept = failed.values["draft"]["logline"]
    assert kept["title"] and kept["logline"], "the finished logline stage is kept"
    assert not failed.values.get("project")

    crash_flag.unlink()
    done = await studio.say("重试" if language == "zh" else "try again")
    assert done.error is None
    assert server.pid not in (None, first_server), "a fresh server answered"
    screenplay = Project.model_validate(done.values["project"]).screenplay
    assert screenplay.genre == "touching-family" and screenplay.scenes
    assert screenplay.title == kept["title"]
    logs = list((tmp_path / "home" / "logs").glob("*.log"))
    pid_files = list((tmp_path / "home" / "run").glob("*.json"))
    assert len(logs) == 1 and len(pid_files) == 1, "dead servers leave no files behind"
