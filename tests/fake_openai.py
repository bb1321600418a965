"""A scripted OpenAI-compatible chat server on 127.0.0.1 for offline tests.

Real HTTP, so tests exercise the true client stack (``langchain-openai`` -> ``openai`` ->
``httpx``) including timeouts, retries and status codes. Usage::

    with FakeOpenAI([Reply('{"title": "x"}'), Reply(status=500)]) as server:
        model = ChatOpenAI(base_url=server.base_url, api_key="test", model="fake-model")

Each chat request takes the next queued :class:`Reply` (``default`` when the queue is
empty). A reply's text becomes a forced tool call when the request forces a tool
(``tool_choice`` naming a function, as ``bind_tools``/``with_structured_output`` send), so
one script of JSON strings works in either mode. ``stream=true`` requests get SSE chunks.
Every request body is kept in ``requests`` for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer.

    Attributes:
        text: Message content, or tool-call arguments when a tool is forced.
        status: HTTP status; anything but 200 sends an OpenAI-style error body.
        delay_s: Seconds to wait before answering (to trigger client timeouts).
        as_tool: True/False forces tool-call/plain content; None decides from the request.
    """

    text: str = ""
    status: int = 200
    delay_s: float = 0.0
    as_tool: bool | None = None


def _forced_tool(body: dict[str, Any]) -> str | None:
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        return str(choice.get("function", {}).get("name") or "") or None
    tools = body.get("tools") or []
    if choice in ("required", "any") and tools:
        return str(tools[0]["function"]["name"])
    return None


class FakeOpenAI:
    """The server; a context manager that starts on enter and stops on exit."""

    def __init__(
        self,
        replies: Iterable[Reply | str] = (),
        *,
        default: Reply | str | None = None,
        models: Iterable[str] = ("fake-model",),
    ) -> None:
        self._queue: deque[Reply] = deque(self._as_reply(r) for r in replies)
        self.default = self._as_reply(default) if default is not None else None
        self.models = list(models)
        self.requests: list[dict[str, Any]] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @staticmethod
    def _as_reply(reply: Reply | str) -> Reply:
        return reply if isinstance(reply, Reply) else Reply(reply)

    @property
    def base_url(self) -> str:
        """The ``/v1`` base URL to hand to ChatOpenAI or OPENAI_BASE_URL."""
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def chat_requests(self) -> list[dict[str, Any]]:
        """Bodies of the chat completion requests received so far."""
        return [r for r in self.requests if "messages" in r]

    def queue(self, *replies: Reply | str) -> None:
        """Add replies to the end of the script."""
        with self._lock:
            self._queue.extend(self._as_reply(r) for r in replies)

    def _next_reply(self) -> Reply:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.default is None:
            return Reply(json.dumps({"error": "the fake server's script is empty"}), status=500)
        return self.default

    def start(self) -> FakeOpenAI:
        """Bind a free port on 127.0.0.1 and serve in a daemon thread."""
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; delayed replies are abandoned."""
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _completion(body: dict[str, Any], reply: Reply) -> dict[str, Any]:
    tool = _forced_tool(body) if reply.as_tool is not False else None
    if reply.as_tool and tool is None and body.get("tools"):
        tool = str(body["tools"][0]["function"]["name"])
    message: dict[str, Any] = {"role": "assistant", "content": reply.text}
    finish = "stop"
    if tool:
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": f"call_{int(time.time() * 1e6)}",
                    "type": "function",
                    "function": {"name": tool, "arguments": reply.text},
                }
            ],
        }
        finish = "tool_calls"
    words = max(1, len(reply.text.split()))
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 10, "completion_tokens": words, "total_tokens": 10 + words},
    }


def _chunks(completion: dict[str, Any]) -> list[dict[str, Any]]:
    message = completion["choices"][0]["message"]
    base = {k: completion[k] for k in ("id", "created", "model")} | {
        "object": "chat.completion.chunk"
    }
    deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
    if message.get("tool_calls"):
        call = message["tool_calls"][0]
        deltas.append({"tool_calls": [{"index": 0, **call}]})
    else:
        text = message["content"] or ""
        deltas += [{"content": text[i : i + 8]} for i in range(0, len(text), 8)]
    chunks = [base | {"choices": [{"index": 0, "delta": d, "finish_reason": None}]} for d in deltas]
    finish = completion["choices"][0]["finish_reason"]
    chunks.append(base | {"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    return chunks


def _handler_for(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

        def _send_json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                self._send_json(
                    200,
                    {
                        "object": "list",
                        "data": [
                            {"id": m, "object": "model", "owned_by": "fake"} for m in server.models
                        ],
                    },
                )
            else:
                self._send_json(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            with server._lock:
                server.requests.append(body)
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send_json(404, {"error": {"message": "not found"}})
                return
            reply = server._next_reply()
            if reply.delay_s and server._stopping.wait(reply.delay_s):
                return
            try:
                if reply.status != 200:
                    self._send_json(
                        reply.status,
                        {
                            "error": {
                                "message": reply.text or f"scripted HTTP {reply.status}",
                                "type": "server_error",
                                "code": None,
                            }
                        },
                    )
                elif body.get("stream"):
                    self._stream(_completion(body, reply))
                else:
                    self._send_json(200, _completion(body, reply))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout); that is the point of delayed replies

        def _stream(self, completion: dict[str, Any]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for chunk in _chunks(completion):
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")
            self.close_connection = True

    return Handler
