"""A fake OpenAI-compatible media API on 127.0.0.1, for testing the API backends offline.

It speaks the same protocols as the real services (``/v1/videos`` jobs with polling and
content download, ``/v1/images/generations`` with base64 or URL images, ``/v1/images/edits``
with reference images as repeated multipart ``image[]`` parts, and ``/v1/audio/speech``)
and can misbehave on demand: rate limits, server errors, ``failed``
jobs, stalls, malformed JSON and non-media bytes. Every request is recorded so tests can
assert what was sent, how often, and that retries stopped when they should.

Media are real: clips come from the bundled ffmpeg, stills from Pillow and speech from the
``wave`` module, made once per size and reused.
"""

from __future__ import annotations

import base64
import email
import email.policy
import io
import json
import math
import struct
import subprocess
import tempfile
import threading
import wave
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import imageio_ffmpeg
from PIL import Image, ImageDraw

API_KEY = "sk-fake-0123456789abcdef-secret"
MODES = (
    "success",  # everything works
    "slow",  # jobs stay in progress for scenario.polls_before_done polls
    "rate_limit",  # the first scenario.rate_limited requests get 429 + Retry-After
    "server_error",  # every request gets HTTP 500
    "failed",  # video jobs end `failed`; image/speech requests get a 400 moderation error
    "timeout",  # every request stalls scenario.stall_s before answering
    "malformed_json",  # JSON endpoints answer 200 with a broken body
    "not_media",  # downloads, images and speech are HTML instead of media
    "url",  # images come back as a URL on this server instead of base64
    "stream_wav",  # speech is a WAV with placeholder (streaming) header sizes
    "expired",  # video jobs complete but their content download answers 404
)


@dataclass
class Scenario:
    """How the fake behaves; tests change it freely, even between requests."""

    mode: str = "success"
    rate_limited: int = 1
    retry_after: str | None = "0"
    polls_before_done: int = 2
    poll_after_ms: int = 1
    stall_s: float = 1.0
    failure_message: str = "Your request was blocked by our moderation system."


@dataclass
class RecordedRequest:
    """One request as the fake received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    parts: list[tuple[str, str, bytes]] = field(default_factory=list)
    """Every file part in order as (field name, file name, bytes): repeated names kept."""

    def images(self) -> list[bytes]:
        """The reference images an ``/v1/images/edits`` request carried, in order."""
        return [data for name, _, data in self.parts if name in ("image[]", "image")]


@cache
def tiny_mp4(seconds: float, size: str = "64x112", fps: int = 10) -> bytes:
    """A real H.264 test-pattern clip of ``seconds``, made once with the bundled ffmpeg."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "clip.mp4"
        subprocess.run(
            [
                imageio_ffmpeg.get_ffmpeg_exe(),
                "-y",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"testsrc2=size={size}:rate={fps}",
                "-t",
                f"{seconds:g}",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                str(target),
            ],
            check=True,
            timeout=60,
        )
        return target.read_bytes()


@cache
def tiny_png(width: int, height: int, shade: int = 0) -> bytes:
    """A small gradient PNG with a marker, so Ken Burns frames visibly differ."""
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=(shade % 256, 255 * y // max(1, height), 160))
    draw.ellipse([width // 3, height // 3, 2 * width // 3, height // 2], fill=(250, 240, 20))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


@cache
def tiny_wav(seconds: float = 0.5, rate: int = 24000) -> bytes:
    """A mono 16-bit sine tone, as a speech API would send for a short line."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        samples = (
            int(8000 * math.sin(2 * math.pi * 220 * i / rate)) for i in range(int(seconds * rate))
        )
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return buffer.getvalue()


def streaming_wav(data: bytes) -> bytes:
    """``data`` with the RIFF and data sizes set to the 0xFFFFFFFF placeholders of a stream."""
    patched = bytearray(data)
    patched[4:8] = b"\xff\xff\xff\xff"
    marker = patched.find(b"data")
    patched[marker + 4 : marker + 8] = b"\xff\xff\xff\xff"
    return bytes(patched)


class FakeMediaServer:
    """The fake API; use as a context manager so it always shuts down."""

    def __init__(self, scenario: Scenario | None = None, *, api_key: str = API_KEY) -> None:
        self.scenario = scenario or Scenario()
        self.api_key = api_key
        self.requests: list[RecordedRequest] = []
        self.jobs: dict[str, dict[str, Any]] = {}
        self.idempotent: dict[str, str] = {}
        """Idempotency-Key -> the job it created: a repeated create gets the same job back,
        as providers that honour the header do (and is not billed again)."""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._server.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def root(self) -> str:
        """``http://127.0.0.1:PORT`` (no version suffix)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL, ending in ``/v1``."""
        return f"{self.root}/v1"

    def __enter__(self) -> FakeMediaServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def count(self, method: str, prefix: str) -> int:
        """How many requests with ``method`` hit a path starting with ``prefix``."""
        with self._lock:
            return sum(1 for r in self.requests if r.method == method and r.path.startswith(prefix))

    def record(self, request: RecordedRequest) -> int:
        """Store a request; returns how many came before it."""
        with self._lock:
            self.requests.append(request)
            return len(self.requests) - 1

    def stall(self, seconds: float) -> None:
        """Wait, but stop at once when the server shuts down."""
        self._stop.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep test output quiet."""

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    # --- plumbing -------------------------------------------------------------------------

    def _read(self, method: str) -> RecordedRequest:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = RecordedRequest(
            method=method,
            path=parts.path,
            query={k: v[0] for k, v in parse_qs(parts.query).items()},
            headers=headers,
            body=body,
        )
        kind = headers.get("content-type", "")
        if kind.startswith("application/json") and body:
            request.json = json.loads(body)
        elif kind.startswith("multipart/form-data"):
            message = email.message_from_bytes(
                f"Content-Type: {kind}\r\n\r\n".encode() + body, policy=email.policy.HTTP
            )
            for part in message.iter_parts():  # type: ignore[attr-defined]
                name = str(part.get_param("name", header="content-disposition"))
                raw = part.get_payload(decode=True)
                payload = raw if isinstance(raw, bytes) else b""
                if part.get_filename():
                    request.files[name] = payload
                    request.parts.append((name, str(part.get_filename()), payload))
                else:
                    request.form[name] = payload.decode()
        return request

    def _send(
        self, code: int, body: bytes, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests): nothing to answer

    def _json(self, code: int, data: Any, headers: dict[str, str] | None = None) -> None:
        self._send(code, json.dumps(data).encode(), "application/json", headers)

    def _error(self, code: int, message: str, kind: str = "invalid_request_error") -> None:
        self._json(code, {"error": {"message": message, "type": kind, "code": None}})

    def _dispatch(self, method: str) -> None:
        fake: FakeMediaServer = self.server.fake
        request = self._read(method)
        index = fake.record(request)
        scenario = fake.scenario
        if request.path.startswith("/files/"):  # image URLs handed out in "url" mode
            self._send(200, tiny_png(64, 96, 7), "image/png")
            return
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if fake.api_key and given != fake.api_key:
            self._error(401, f"Incorrect API key provided: {given}.")
            return
        if scenario.mode == "timeout":
            fake.stall(scenario.stall_s)
        if scenario.mode == "server_error":
            self._error(500, "The server had an error while processing your request.", "server")
            return
        if scenario.mode == "rate_limit" and index < scenario.rate_limited:
            headers = {"Retry-After": scenario.retry_after} if scenario.retry_after else {}
            self._json(429, {"error": {"message": "Rate limit reached.", "code": "rate"}}, headers)
            return
        route = _route(method, request.path)
        if route is None:
            self._error(404, f"No route for {method} {request.path}.")
            return
        route(self, fake, request)


def _route(method: str, path: str) -> Any:
    parts = path.strip("/").split("/")
    if method == "POST" and path == "/v1/videos":
        return _create_video
    if method == "GET" and len(parts) == 3 and parts[:2] == ["v1", "videos"]:
        return _get_video
    if method == "GET" and len(parts) == 4 and parts[1:4:2] == ["videos", "content"]:
        return _video_content
    if method == "POST" and path == "/v1/images/generations":
        return _create_image
    if method == "POST" and path == "/v1/images/edits":
        return _edit_image
    if method == "POST" and path == "/v1/audio/speech":
        return _speech
    return None


def _create_video(handler: _Handler, fake: FakeMediaServer, request: RecordedRequest) -> None:
    if fake.scenario.mode == "malformed_json":
        handler._send(200, b'{"id": "video_1", "status": ', "application/json")
        return
    fields = request.json if request.json is not None else request.form
    key = request.headers.get("idempotency-key", "")
    with fake._lock:  # scenes create jobs at once: each gets its own id
        known = fake.idempotent.get(key) if key else None
        job = fake.jobs[known] if known else None
        if job is None:
            job_id = f"video_{len(fake.jobs) + 1:04d}"
            job = {
                "id": job_id,
                "object": "video",
                "model": fields.get("model", "sora-2"),
                "seconds": str(fields.get("seconds", "4")),
                "size": fields.get("size", "720x1280"),
                "status": "queued",
                "progress": 0,
                "polls": 0,
            }
            fake.jobs[job_id] = job
            if key:
                fake.idempotent[key] = job_id
    handler._json(200, _public(job))


def _public(job: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in job.items() if k != "polls"}


def _get_video(handler: _Handler, fake: FakeMediaServer, request: RecordedRequest) -> None:
    job = fake.jobs.get(request.path.rsplit("/", 1)[-1])
    if job is None:
        handler._error(404, "Video not found.")
        return
    if fake.scenario.mode == "malformed_json":
        handler._send(200, b"<html>gateway error</html>", "text/html")
        return
    job["polls"] += 1
    done_after = max(1, fake.scenario.polls_before_done)
    if fake.scenario.mode == "failed" and job["polls"] >= done_after:
        error = {"code": "moderation_blocked", "message": fake.scenario.failure_message}
        job.update(status="failed", error=error)
    elif job["polls"] >= done_after:
        job.update(status="completed", progress=100)
    else:
        job.update(status="in_progress", progress=int(100 * job["polls"] / done_after))
    handler._json(200, _public(job), {"openai-poll-after-ms": str(fake.scenario.poll_after_ms)})


def _video_content(handler: _Handler, fake: FakeMediaServer, request: RecordedRequest) -> None:
    job = fake.jobs.get(request.path.split("/")[3])
    if job is None or job["status"] != "completed":
        handler._error(404, "Video is not ready.")
        return
    if fake.scenario.mode == "not_media":
        handler._send(200, b"<html><body>Service unavailable</body></html>", "text/html")
        return
    if fake.scenario.mode == "expired":
        handler._error(404, "The video content has expired.")
        return
    if request.query.get("variant") == "thumbnail":
        handler._send(200, tiny_png(32, 56), "image/png")
        return
    handler._send(200, tiny_mp4(float(job["seconds"])), "video/mp4")


def _create_image(handler: _Handler, fake: FakeMediaServer, request: RecordedRequest) -> None:
    mode = fake.scenario.mode
    if mode == "malformed_json":
        handler._send(200, b'{"data": [{"b64_json": "iVBOR', "application/json")
        return
    if mode == "failed":
        handler._error(400, fake.scenario.failure_message, "image_generation_user_error")
        return
    width, _, height = str((request.json or {}).get("size", "1024x1024")).partition("x")
    small = (max(2, int(width) // 16), max(2, int(height) // 16))
    if mode == "url":
        item = {"url": f"{fake.root}/files/image-{len(fake.requests)}.png"}
    else:
        shade = len(fake.requests) * 40
        data = b"<html>not an image</html>" if mode == "not_media" else tiny_png(*small, shade)
        item = {"b64_json": base64.b64encode(data).decode()}
    handler._json(200, {"created": 1700000000, "data": [item]})


def _edit_image(handler: _Handler, fake: FakeMediaServer, request: RecordedRequest) -> None:
    """An edit: the references pasted in a row over a gradient, so a keyframe shows its sheets.

    A request without a reference image is refused as the real endpoint refuses it (400).
    """
    mode = fake.scenario.mode
    if mode == "failed":
        handler._error(400, fake.scenario.failure_message, "image_generation_user_error")
        return
    references = request.images()
    if not references:
        handler._error(400, "image[] is required for an edit.")
        return
    width, _, height = str(request.form.get("size", "1024x1024")).partition("x")
    size = (max(8, int(width) // 8), max(8, int(height) // 8))
    with Image.open(io.BytesIO(tiny_png(*size, len(fake.requests) * 40))) as background:
        picture = background.convert("RGB")
    cell = size[0] // len(references)
    for i, data in enumerate(references):
        with Image.open(io.BytesIO(data)) as sheet:
            sheet.thumbnail((cell, size[1] // 2))
            picture.paste(sheet.convert("RGB"), (i * cell, size[1] - sheet.height))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    handler._json(
        200,
        {
            "created": 1700000000,
            "data": [{"b64_json": base64.b64encode(buffer.getvalue()).decode()}],
        },
    )


def _speech(handler: _Handler, fake: FakeMediaServer, request: RecordedRequest) -> None:
    mode = fake.scenario.mode
    if mode == "failed":
        handler._error(400, fake.scenario.failure_message)
    elif mode == "not_media":
        handler._send(200, b"<html>busy</html>", "text/html")
    elif mode == "stream_wav":
        handler._send(200, streaming_wav(tiny_wav()), "audio/wav")
    else:
        handler._send(200, tiny_wav(), "audio/wav")
