"""A fast OpenAI-compatible model for the load bench, run as its own process.

Run: ``python bench/load/fake_model.py PORT_FILE``: it serves on a free port of 127.0.0.1
and writes the ``/v1`` base URL to PORT_FILE once it listens. It is the tests' real HTTP
fake (:mod:`fake_openai`) answering every draft schema with the tests' gate-passing film
(:func:`fake_film.default_answer`), whose hero is renamed to the conversation's own name
found in the prompt (:data:`bench.load.script.NAME_PATTERN`). The answer depends on the
prompt alone, so a prompt built from another user's state gives that user's name back,
and the bench sees the cross-talk in the chat and in the files.

It runs apart from the bench's clients and the studio so its own work never lands on
their event loops; what it costs is a few milliseconds a request.
"""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_film import default_answer  # noqa: E402
from fake_openai import FakeOpenAI, Reply, _completion, _forced_tool  # noqa: E402

from bench.load.script import NAME_PATTERN, funny_beat  # noqa: E402

_DEFAULT_HEROES = {"en": "Ming", "zh": "小明"}
_CJK = re.compile("[\u4e00-\u9fff]")


def _prompt(body: dict[str, Any]) -> str:
    parts = []
    for message in body.get("messages") or []:
        content = message.get("content")
        parts.append(content if isinstance(content, str) else json.dumps(content))
    return "\n".join(parts)


def answer(body: dict[str, Any]) -> Reply:
    """The reply to one chat request: the schema's answer, with the conversation's hero."""
    prompt = _prompt(body)
    schema = _forced_tool(body)  # the studio asks OpenAI-compatible models through tools
    if schema is None:
        return Reply("A short answer from the load bench's model.", as_tool=False)
    content = default_answer(schema, prompt)
    hero = NAME_PATTERN.search(prompt)
    name = hero.group(0) if hero else ""
    language = "zh" if name.startswith("祁") or (not name and _CJK.search(prompt)) else "en"
    if schema == "SceneRewrite":
        _own_rewrite(content, prompt, language, name)
    text = json.dumps(content, ensure_ascii=False)
    if name:
        text = text.replace(_DEFAULT_HEROES[language], name)
    return Reply(text)


def _own_rewrite(content: dict[str, Any], prompt: str, language: str, name: str) -> None:
    """Swap the tests' one fixed rewrite for this scene's own (see ``funny_beat``)."""
    number = re.search(r"(?:^|\n)(?:Scene (\d+), |第(\d+)场，)", prompt)
    scene = int(next(g for g in number.groups() if g)) if number else 1
    beat, line = funny_beat(scene, language, name or _DEFAULT_HEROES[language])
    if content.get("action"):
        content["action"][-1] = beat
    if content.get("dialogue"):
        content["dialogue"][-1]["text"] = line


class LoadModel(FakeOpenAI):
    """:class:`fake_openai.FakeOpenAI` answering from the prompt instead of a script."""

    def start(self) -> LoadModel:
        super().start()
        assert self._httpd is not None
        self._httpd.RequestHandlerClass = _handler(self._httpd.RequestHandlerClass)
        return self


def _handler(base: Any) -> Any:
    class Handler(base):  # type: ignore[misc, valid-type]
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send_json(404, {"error": {"message": "not found"}})
                return
            completion = _completion(body, answer(body))
            try:
                if body.get("stream"):
                    self._stream(completion)
                else:
                    self._send_json(200, completion)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the studio gave up on this request (a stopped turn)

    return Handler


def main() -> int:
    """Serve until SIGTERM or SIGINT; announce the base URL through the port file."""
    port_file = Path(sys.argv[1])
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with LoadModel() as model:
        temporary = port_file.with_suffix(".tmp")
        temporary.write_text(model.base_url, encoding="utf-8")
        temporary.replace(port_file)
        stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
