"""A fake ComfyUI server on 127.0.0.1 that speaks ComfyUI's own protocol, for offline tests.

One port serves what ComfyUI's ``server.py`` serves: ``POST /prompt`` (validated like
ComfyUI: unknown node classes answer ``missing_node_type``, a model file that is not
installed answers ``prompt_outputs_failed_validation`` with ``node_errors``), ``GET /queue``,
``GET /history/{prompt_id}``, ``GET /view``, ``POST /upload/image`` (multipart) and the
``/ws?clientId=`` WebSocket (RFC 6455, written out here with the standard library) with
``status``, ``execution_start``, ``execution_cached``, ``executing``, ``progress``,
``executed``, ``execution_success``, ``execution_error`` and binary preview frames.

A worker thread runs the queue in order. Its results are real media made with the bundled
ffmpeg: an image-to-video job returns a VP9 WebM panning over the uploaded start frame, at
the graph's size, frame count and fps; an image job returns a PNG at the graph's size.

:class:`Scenario` makes it misbehave on demand: other people's jobs queued ahead, missing
nodes or models, a job that fails with out-of-memory, a job that never ends, a server
restart in the middle of a job (sockets dropped, connections refused for a moment, the
history kept or lost), a slow answer to ``POST /prompt``, an old server that picks its own
prompt ids. Every request is recorded for assertions.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import io
import json
import socket
import struct
import subprocess
import tempfile
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import imageio_ffmpeg
from PIL import Image, ImageDraw

KNOWN_NODES = {
    "UNETLoader",
    "CLIPLoader",
    "VAELoader",
    "CheckpointLoaderSimple",
    "ModelSamplingSD3",
    "CLIPTextEncode",
    "LoadImage",
    "WanImageToVideo",
    "KSamplerAdvanced",
    "KSampler",
    "VAEDecode",
    "SaveWEBM",
    "SaveVideo",
    "CreateVideo",
    "SaveAnimatedWEBP",
    "SaveImage",
    "LTXVImgToVideo",
    "LTXVConditioning",
    "LTXVScheduler",
    "KSamplerSelect",
    "SamplerCustom",
    "FluxGuidance",
    "EmptySD3LatentImage",
    "VHS_VideoCombine",
    "DualCLIPLoader",
    "FluxKontextImageScale",
    "VAEEncode",
    "ReferenceLatent",
    "ConditioningZeroOut",
}
VIDEO_OUTPUTS = {"SaveWEBM", "SaveVideo", "SaveAnimatedWEBP", "VHS_VideoCombine"}
OUTPUT_NODES = VIDEO_OUTPUTS | {"SaveImage"}
MODEL_INPUTS = ("unet_name", "ckpt_name", "clip_name", "vae_name")
_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


@dataclass
class Scenario:
    """How the fake behaves; tests change it freely, even while a job runs."""

    queue_ahead: int = 0  # other clients' jobs queued before each new one
    steps: int = 3  # progress messages per sampler node
    step_s: float = 0.01
    missing_nodes: set[str] = field(default_factory=set)
    missing_models: set[str] = field(default_factory=set)
    fail_with: str | None = None  # an execution_error at the first sampler
    fail_type: str = "torch.OutOfMemoryError"
    stall: bool = False  # jobs hang at their first sampler until this turns False
    restart_at_step: int | None = None  # restart once, after this many progress steps
    down_s: float = 0.3
    forget_on_restart: bool = False  # the restart loses the queue and the running job
    slow_submit_s: float = 0.0  # queue the job, then answer POST /prompt this late
    ignore_prompt_id: bool = False  # an old ComfyUI that picks its own prompt ids
    previews: bool = True  # binary preview images on the socket


@dataclass
class Recorded:
    """One HTTP request as the fake received it."""

    method: str
    path: str
    query: dict[str, str]
    json: Any = None


@dataclass
class _Job:
    prompt_id: str
    number: int
    graph: dict[str, Any]
    client_id: str


class _Socket:
    """One accepted WebSocket: thread-safe sends, abrupt close for a 'restart'."""

    def __init__(self, conn: socket.socket, client_id: str) -> None:
        self.conn = conn
        self.client_id = client_id
        self._lock = threading.Lock()

    def send(self, payload: bytes, opcode: int = 0x1) -> None:
        header = bytes([0x80 | opcode])
        size = len(payload)
        if size < 126:
            header += bytes([size])
        elif size < 65536:
            header += bytes([126]) + struct.pack(">H", size)
        else:
            header += bytes([127]) + struct.pack(">Q", size)
        with self._lock:
            try:
                self.conn.sendall(header + payload)
            except OSError:
                pass

    def send_json(self, kind: str, data: dict[str, Any]) -> None:
        self.send(json.dumps({"type": kind, "data": data}).encode())

    def drop(self) -> None:
        try:
            self.conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class FakeComfyUI:
    """The server; a context manager that starts on enter and stops on exit."""

    def __init__(self, scenario: Scenario | None = None) -> None:
        self.scenario = scenario or Scenario()
        self.requests: list[Recorded] = []
        self.uploads: dict[str, bytes] = {}
        self.files: dict[tuple[str, str, str], bytes] = {}
        self.history: dict[str, dict[str, Any]] = {}
        self.restarts = 0
        self._queue: deque[_Job] = deque()
        self._running: _Job | None = None
        self._sockets: list[_Socket] = []
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._number = 0
        self._counter = 0
        self._port = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._serve: threading.Thread | None = None
        self._worker = threading.Thread(target=self._work, daemon=True)

    # -- life cycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL to hand to MICROFILM_COMFYUI_URL."""
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> FakeComfyUI:
        """Bind a free port and start serving and working."""
        self._listen(0)
        self._worker.start()
        return self

    def stop(self) -> None:
        """Stop serving and working; open sockets are dropped."""
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        self._unlisten()
        self._worker.join(timeout=5)

    def __enter__(self) -> FakeComfyUI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _listen(self, port: int) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._port = self._httpd.server_address[1]
        self._serve = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._serve.start()

    def _unlisten(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for ws in sockets:
            ws.drop()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def restart(self) -> None:
        """Go away for ``scenario.down_s`` (sockets dropped, connections refused), come back.

        With ``forget_on_restart`` the queue and the running job are lost, as a real restart
        loses them; otherwise the executor finishes its job while the server is away, and the
        client must find it in the history once it is back.
        """
        self.restarts += 1
        with self._lock:
            if self.scenario.forget_on_restart:
                self._queue.clear()
                self._running = None
        self._unlisten()
        threading.Thread(target=self._come_back, daemon=True).start()

    def _come_back(self) -> None:
        time.sleep(self.scenario.down_s)
        if not self._stop.is_set():
            self._listen(self._port)

    # -- what tests look at -------------------------------------------------------------------

    def count(self, method: str, path: str) -> int:
        """How many requests of ``method`` to ``path`` arrived."""
        return sum(1 for r in self.requests if r.method == method and r.path == path)

    def prompts(self) -> list[dict[str, Any]]:
        """Bodies of every POST /prompt."""
        return [r.json for r in self.requests if r.method == "POST" and r.path == "/prompt"]

    # -- the queue ----------------------------------------------------------------------------

    def submit(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Validate and queue a POST /prompt body, answering as ComfyUI does."""
        graph = body.get("prompt")
        if not isinstance(graph, dict):
            error = {
                "type": "no_prompt",
                "message": "No prompt provided",
                "details": "",
                "extra_info": {},
            }
            return 400, {"error": error, "node_errors": {}}
        refusal = self._validate(graph)
        if refusal is not None:
            return 400, refusal
        with self._wake:
            for _ in range(self.scenario.queue_ahead):
                self._queue.append(_Job(str(uuid.uuid4()), self._next(), graph, "someone-else"))
            wanted = body.get("prompt_id")
            prompt_id = str(wanted) if wanted and not self.scenario.ignore_prompt_id else None
            job = _Job(
                prompt_id or str(uuid.uuid4()), self._next(), graph, body.get("client_id", "")
            )
            self._queue.append(job)
            self._broadcast_status()
            self._wake.notify_all()
        return 200, {"prompt_id": job.prompt_id, "number": job.number, "node_errors": {}}

    def queue_state(self) -> dict[str, Any]:
        with self._lock:
            running = [self._entry(self._running)] if self._running else []
            return {
                "queue_running": running,
                "queue_pending": [self._entry(j) for j in self._queue],
            }

    def _next(self) -> int:
        self._number += 1
        return self._number

    @staticmethod
    def _entry(job: _Job) -> list[Any]:
        return [job.number, job.prompt_id, job.graph, {"client_id": job.client_id}, []]

    def _validate(self, graph: dict[str, Any]) -> dict[str, Any] | None:
        known = KNOWN_NODES - self.scenario.missing_nodes
        for node_id, node in graph.items():
            if node.get("class_type") not in known:
                title = node.get("_meta", {}).get("title", node.get("class_type"))
                return {
                    "error": {
                        "type": "missing_node_type",
                        "message": (
                            f"Node '{title}' not found. The custom node may not be installed."
                        ),
                        "details": f"Node ID '#{node_id}'",
                        "extra_info": {
                            "node_id": node_id,
                            "class_type": node.get("class_type"),
                            "node_title": title,
                        },
                    },
                    "node_errors": {},
                }
        errors: dict[str, Any] = {}
        for node_id, node in graph.items():
            problems = []
            for name, value in node.get("inputs", {}).items():
                if name in MODEL_INPUTS and value in self.scenario.missing_models:
                    problems.append(
                        {
                            "type": "value_not_in_list",
                            "message": "Value not in list",
                            "details": f"{name}: '{value}' not in ['other.safetensors']",
                            "extra_info": {
                                "input_name": name,
                                "input_config": None,
                                "received_value": value,
                            },
                        }
                    )
                if (
                    node["class_type"] == "LoadImage"
                    and name == "image"
                    and value not in self.uploads
                ):
                    problems.append(
                        {
                            "type": "custom_validation_failed",
                            "message": "Custom validation failed for node",
                            "details": f"image - Invalid image file: {value}",
                            "extra_info": {"input_name": "image"},
                        }
                    )
            if problems:
                errors[node_id] = {
                    "errors": problems,
                    "dependent_outputs": [],
                    "class_type": node["class_type"],
                }
        if errors:
            error = {
                "type": "prompt_outputs_failed_validation",
                "message": "Prompt outputs failed validation",
                "details": "",
                "extra_info": {},
            }
            return {"error": error, "node_errors": errors}
        return None

    # -- the worker ---------------------------------------------------------------------------

    def _work(self) -> None:
        while not self._stop.is_set():
            with self._wake:
                while not self._queue and not self._stop.is_set():
                    self._wake.wait(0.1)
                if self._stop.is_set():
                    return
                job = self._queue.popleft()
                self._running = job
                self._broadcast_status()
            self._execute(job)
            with self._lock:
                if self._running is job:
                    self._running = None
                self._broadcast_status()

    def _execute(self, job: _Job) -> None:
        started = time.time()
        messages: list[list[Any]] = [["execution_start", {"prompt_id": job.prompt_id}]]
        self._send(job, "execution_start", {"prompt_id": job.prompt_id, "timestamp": started})
        self._send(job, "execution_cached", {"nodes": [], "prompt_id": job.prompt_id})
        steps_done = 0
        outputs: dict[str, Any] = {}
        for node_id, node in job.graph.items():
            if self._lost(job):
                return
            self._send(
                job,
                "executing",
                {"node": node_id, "display_node": node_id, "prompt_id": job.prompt_id},
            )
            kind = node["class_type"]
            if "Sampler" in kind and kind != "KSamplerSelect":
                while self.scenario.stall and not self._stop.is_set():
                    time.sleep(0.01)
                if self.scenario.fail_with:
                    self._fail(job, node_id, kind, messages)
                    return
                for step in range(1, self.scenario.steps + 1):
                    time.sleep(self.scenario.step_s)
                    self._send(
                        job,
                        "progress",
                        {
                            "value": step,
                            "max": self.scenario.steps,
                            "prompt_id": job.prompt_id,
                            "node": node_id,
                        },
                    )
                    if self.scenario.previews:
                        self._preview(job)
                    steps_done += 1
                    if steps_done == self.scenario.restart_at_step:
                        self.scenario.restart_at_step = None  # one restart per scenario
                        self.restart()
                        if self._lost(job):
                            return
            if kind in OUTPUT_NODES:
                outputs[node_id] = self._save(job, node_id, node)
                self._send(
                    job,
                    "executed",
                    {
                        "node": node_id,
                        "display_node": node_id,
                        "output": outputs[node_id],
                        "prompt_id": job.prompt_id,
                    },
                )
        done = {"prompt_id": job.prompt_id, "timestamp": time.time()}
        messages.append(["execution_success", done])
        with self._lock:
            self.history[job.prompt_id] = {
                "prompt": self._entry(job),
                "outputs": outputs,
                "status": {"status_str": "success", "completed": True, "messages": messages},
                "meta": {},
            }
        self._send(job, "executing", {"node": None, "prompt_id": job.prompt_id})
        self._send(job, "execution_success", done)

    def _lost(self, job: _Job) -> bool:
        with self._lock:
            return self._running is not job or self._stop.is_set()

    def _fail(self, job: _Job, node_id: str, kind: str, messages: list[list[Any]]) -> None:
        error = {
            "prompt_id": job.prompt_id,
            "node_id": node_id,
            "node_type": kind,
            "executed": [],
            "exception_message": self.scenario.fail_with,
            "exception_type": self.scenario.fail_type,
            "traceback": ["Traceback (most recent call last):", "..."],
            "current_inputs": {},
            "current_outputs": {},
        }
        messages.append(["execution_error", error])
        with self._lock:
            self.history[job.prompt_id] = {
                "prompt": self._entry(job),
                "outputs": {},
                "status": {"status_str": "error", "completed": False, "messages": messages},
                "meta": {},
            }
        self._send(job, "execution_error", error)

    def _save(self, job: _Job, node_id: str, node: dict[str, Any]) -> dict[str, Any]:
        inputs = node["inputs"]
        prefix = str(inputs.get("filename_prefix", "ComfyUI"))
        subfolder, _, stem = prefix.rpartition("/")
        self._counter += 1
        if node["class_type"] == "SaveImage":
            width, height = (
                _graph_value(job.graph, "width", 64),
                _graph_value(job.graph, "height", 64),
            )
            data = tiny_png(int(width), int(height), self._counter)
            name, key = f"{stem}_{self._counter:05d}_.png", "images"
        else:
            start = self.uploads.get(str(_graph_value(job.graph, "image", "")), b"")
            data = tiny_clip(
                start,
                int(_graph_value(job.graph, "width", 64)),
                int(_graph_value(job.graph, "height", 112)),
                int(_graph_value(job.graph, "length", 17)),
                float(inputs.get("fps", inputs.get("frame_rate", 16))),
            )
            name, key = f"{stem}_{self._counter:05d}_.webm", "images"
        self.files[("output", subfolder, name)] = data
        return {
            key: [{"filename": name, "subfolder": subfolder, "type": "output"}],
            "animated": [node["class_type"] != "SaveImage"],
        }

    # -- the sockets --------------------------------------------------------------------------

    def attach(self, ws: _Socket) -> None:
        with self._lock:
            self._sockets = [s for s in self._sockets if s.client_id != ws.client_id] + [ws]
            remaining = len(self._queue) + (1 if self._running else 0)
        ws.send_json(
            "status", {"status": {"exec_info": {"queue_remaining": remaining}}, "sid": ws.client_id}
        )

    def detach(self, ws: _Socket) -> None:
        with self._lock:
            if ws in self._sockets:
                self._sockets.remove(ws)

    def _send(self, job: _Job, kind: str, data: dict[str, Any]) -> None:
        with self._lock:
            targets = [s for s in self._sockets if s.client_id == job.client_id]
        for ws in targets:
            ws.send_json(kind, data)

    def _preview(self, job: _Job) -> None:
        with self._lock:
            targets = [s for s in self._sockets if s.client_id == job.client_id]
        for ws in targets:
            ws.send(struct.pack(">II", 1, 1) + tiny_png(8, 8, 0), opcode=0x2)

    def _broadcast_status(self) -> None:
        remaining = len(self._queue) + (1 if self._running else 0)
        for ws in list(self._sockets):
            ws.send_json("status", {"status": {"exec_info": {"queue_remaining": remaining}}})


def _graph_value(graph: dict[str, Any], name: str, default: Any) -> Any:
    """The first literal value of an input called ``name`` anywhere in the graph."""
    for node in graph.values():
        value = node.get("inputs", {}).get(name)
        if value is not None and not isinstance(value, list):
            return value
    return default


@cache
def tiny_png(width: int, height: int, shade: int) -> bytes:
    """A gradient still with a yellow disc, different per ``shade``."""
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=((shade * 40) % 256, 255 * y // max(1, height), 160))
    draw.ellipse([width // 3, height // 3, 2 * width // 3, height // 2], fill=(250, 240, 20))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


@cache
def tiny_clip(start: bytes, width: int, height: int, frames: int, fps: float) -> bytes:
    """A real VP9 WebM of ``frames`` frames that pans slowly across the start frame."""
    with tempfile.TemporaryDirectory() as folder:
        still = Path(folder) / "start.png"
        still.write_bytes(start or tiny_png(width, height, 3))
        target = Path(folder) / "clip.webm"
        wide, high = width + width // 8 * 2, height + height // 8 * 2
        cover = f"scale={wide}:{high}:force_original_aspect_ratio=increase"
        pan = f"crop={width}:{height}:x='(iw-{width})*n/{max(1, frames - 1)}':y='(ih-{height})/2'"
        subprocess.run(
            [
                imageio_ffmpeg.get_ffmpeg_exe(),
                "-y",
                "-v",
                "error",
                "-loop",
                "1",
                "-framerate",
                f"{fps:g}",
                "-i",
                str(still),
                "-vf",
                f"{cover},{pan},format=yuv420p",
                "-frames:v",
                str(frames),
                "-c:v",
                "libvpx-vp9",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-b:v",
                "0",
                "-crf",
                "40",
                str(target),
            ],
            check=True,
            timeout=120,
        )
        return target.read_bytes()


def _handler_for(fake: FakeComfyUI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # a WebSocket handshake must answer in HTTP/1.1

        def log_message(self, *args: object) -> None:
            pass

        def _record(self, body: Any = None) -> tuple[str, dict[str, str]]:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            fake.requests.append(Recorded(self.command, parts.path, query, body))
            return parts.path, query

        def _reply(self, status: int, body: Any, kind: str = "application/json") -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")  # a restart must really cut clients off
            self.end_headers()
            self.close_connection = True
            self.wfile.write(data)

        def do_GET(self) -> None:
            path, query = self._record()
            if path == "/ws" and self.headers.get("Upgrade", "").lower() == "websocket":
                self._websocket(query.get("clientId") or uuid.uuid4().hex)
            elif path == "/queue":
                self._reply(200, fake.queue_state())
            elif path.startswith("/history/"):
                prompt_id = path.removeprefix("/history/")
                entry = fake.history.get(prompt_id)
                self._reply(200, {prompt_id: entry} if entry else {})
            elif path == "/view":
                key = (
                    query.get("type", "output"),
                    query.get("subfolder", ""),
                    query.get("filename", ""),
                )
                data = fake.files.get(key)
                if data:
                    self._reply(200, data, "video/webm")
                else:
                    self._reply(404, b"", "text/plain")
            else:
                self._reply(404, {"error": "not found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            if self.path.startswith("/upload/image"):
                self._record()
                self._upload(raw)
                return
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = None
            path, _ = self._record(body)
            if path != "/prompt" or not isinstance(body, dict):
                self._reply(404, {"error": "not found"})
                return
            status, answer = fake.submit(body)
            if fake.scenario.slow_submit_s:
                time.sleep(fake.scenario.slow_submit_s)
            self._reply(status, answer)

        def _upload(self, raw: bytes) -> None:
            head = f"Content-Type: {self.headers.get('Content-Type')}\r\n\r\n".encode()
            message = email.message_from_bytes(head + raw, policy=email.policy.HTTP)
            name, data, fields = "", b"", {}
            for part in message.iter_parts():
                field_name = part.get_param("name", header="content-disposition")
                if part.get_filename():
                    name, data = part.get_filename(), part.get_payload(decode=True)
                else:
                    fields[field_name] = part.get_content()
            if not name or not data:
                self._reply(400, b"", "text/plain")
                return
            fake.uploads[name] = data
            self._reply(200, {"name": name, "subfolder": "", "type": fields.get("type", "input")})

        def _websocket(self, client_id: str) -> None:
            key = self.headers.get("Sec-WebSocket-Key", "")
            accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
            self.send_response(101, "Switching Protocols")
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", accept)
            self.end_headers()
            self.wfile.flush()
            ws = _Socket(self.connection, client_id)
            fake.attach(ws)
            try:
                _read_until_closed(self.rfile, ws)
            finally:
                fake.detach(ws)
                self.close_connection = True

    return Handler


def _read_until_closed(stream: Any, ws: _Socket) -> None:
    """Read the client's frames (masked, RFC 6455): answer pings, stop at close or EOF."""
    while True:
        head = stream.read(2)
        if len(head) < 2:
            return
        opcode, size = head[0] & 0x0F, head[1] & 0x7F
        if size == 126:
            size = struct.unpack(">H", stream.read(2))[0]
        elif size == 127:
            size = struct.unpack(">Q", stream.read(8))[0]
        mask = stream.read(4) if head[1] & 0x80 else b"\0\0\0\0"
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(stream.read(size)))
        if opcode == 0x8:
            ws.send(payload[:2], opcode=0x8)
            return
        if opcode == 0x9:
            ws.send(payload, opcode=0xA)
