"""ComfyUI's HTTP API: queue a workflow, read the queue and history, fetch and upload files.

The calls are ComfyUI's own (``server.py``): ``POST /prompt`` with the API-format graph, a
``client_id`` (whose ``/ws`` socket gets the job's progress) and our own ``prompt_id`` (current
ComfyUI keeps a prompt id the client chooses, which lets a crashed render find its job again
before the answer ever arrived); ``GET /queue``; ``GET /history/{prompt_id}``; ``GET /view``
with ``filename``, ``subfolder`` and ``type``; ``POST /upload/image`` as multipart form data.

A server that is not there is :class:`ServerDown` (final for a new job: start ComfyUI first;
a job already queued waits it out, since a restarting server comes back with its history).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from tools.backends.base import RenderError
from tools.backends.comfyui.errors import as_dict, public, refusal

# Uploads and downloads of video can be large; everything else answers at once.
_TRANSFER_TIMEOUT_S = 600.0


class ServerDown(RenderError):
    """Nothing answers at the server's address (refused, unreachable or reset)."""

    def __init__(self, url: str) -> None:
        super().__init__(
            f"No ComfyUI server is running at {url}: start ComfyUI (python main.py --port 8188) "
            "or set MICROFILM_COMFYUI_URL to where it runs.",
            final=True,
        )


@dataclass(frozen=True)
class OutputFile:
    """A file a job saved, as ``/view`` wants it named."""

    filename: str
    subfolder: str
    kind: str  # "output" or "temp"

    @property
    def suffix(self) -> str:
        """The lower-case extension (``.webm``, ``.png``...)."""
        return "." + self.filename.rsplit(".", 1)[-1].lower() if "." in self.filename else ""


@dataclass(frozen=True)
class QueueState:
    """The prompt ids running now and waiting, in order."""

    running: tuple[str, ...]
    pending: tuple[str, ...]

    def holds(self, prompt_id: str) -> bool:
        """Whether ``prompt_id`` is running or waiting."""
        return prompt_id in self.running or prompt_id in self.pending

    def ahead_of(self, prompt_id: str) -> int:
        """Jobs that run before ``prompt_id`` (the running one included)."""
        if prompt_id in self.running:
            return 0
        before = self.pending.index(prompt_id) if prompt_id in self.pending else len(self.pending)
        return len(self.running) + before


class ComfyClient:
    """A synchronous client for one server; use it as a context manager."""

    def __init__(self, url: str, *, timeout_s: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.url, timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0))
        )

    def __enter__(self) -> ComfyClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool."""
        self._http.close()

    def socket_url(self, client_id: str) -> str:
        """The ``/ws`` address that streams ``client_id``'s progress (ws:// or wss://)."""
        parts = urlsplit(self.url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        path = parts.path.rstrip("/") + "/ws"
        return urlunsplit((scheme, parts.netloc, path, f"clientId={client_id}", ""))

    def submit(
        self, graph: dict[str, Any], *, prompt_id: str, client_id: str, workflow: str
    ) -> str:
        """Queue ``graph``; the prompt id the server uses (ours, on a current ComfyUI).

        Raises:
            RenderError: final when ComfyUI refused the workflow (naming what to install).
            ServerDown: when no server answers.
        """
        body = {"prompt": graph, "client_id": client_id, "prompt_id": prompt_id}
        response = self._request("POST", "/prompt", json=body)
        data = _json(response)
        if response.status_code == 400:
            raise refusal(data, workflow)
        _check(response, "queue the workflow")
        queued = data.get("prompt_id")
        if not isinstance(queued, str) or not queued:
            raise RenderError("ComfyUI queued the workflow but returned no prompt id.")
        return queued

    def history(self, prompt_id: str) -> dict[str, Any] | None:
        """The job's history entry once it has ended (or failed), else None."""
        response = self._request("GET", f"/history/{prompt_id}")
        _check(response, "read the job history")
        entry = _json(response).get(prompt_id)
        return entry if isinstance(entry, dict) else None

    def queue(self) -> QueueState:
        """What runs now and what waits."""
        response = self._request("GET", "/queue")
        _check(response, "read the queue")
        data = _json(response)
        return QueueState(_ids(data.get("queue_running")), _ids(data.get("queue_pending")))

    def view(self, output: OutputFile) -> bytes:
        """The bytes of a file a job saved."""
        params = {"filename": output.filename, "subfolder": output.subfolder, "type": output.kind}
        response = self._request("GET", "/view", params=params, timeout=_TRANSFER_TIMEOUT_S)
        _check(response, f"download {output.filename}")
        return response.content

    def upload_image(self, data: bytes, name: str) -> str:
        """Put an image in ComfyUI's input folder; the value a ``LoadImage`` node takes.

        Re-uploading the same name overwrites it, so a name derived from the content makes
        retries free and leaves one copy.
        """
        response = self._request(
            "POST",
            "/upload/image",
            files={"image": (name, data, "image/png")},
            data={"type": "input", "overwrite": "true"},
            timeout=_TRANSFER_TIMEOUT_S,
        )
        _check(response, f"upload {name}")
        answer = _json(response)
        stored = str(answer.get("name") or name)
        folder = str(answer.get("subfolder") or "")
        return f"{folder}/{stored}" if folder else stored

    def _request(
        self, method: str, path: str, *, timeout: float | None = None, **kwargs: Any
    ) -> httpx.Response:
        try:
            if timeout is None:
                return self._http.request(method, path, **kwargs)
            return self._http.request(method, path, timeout=timeout, **kwargs)
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            if isinstance(exc, httpx.ConnectError) or method == "GET":
                raise ServerDown(self.url) from None
            raise RenderError(f"ComfyUI dropped the connection ({type(exc).__name__}).") from None
        except httpx.TimeoutException:
            raise RenderError(
                f"ComfyUI at {self.url} did not answer {method} {path} in time; it may be "
                "busy loading a model: try again."
            ) from None


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _check(response: httpx.Response, what: str) -> None:
    if response.status_code < 400:
        return
    text = public(response.text[:200]) or response.reason_phrase
    raise RenderError(
        f"ComfyUI could not {what} (HTTP {response.status_code}): {text}",
        final=400 <= response.status_code < 500 and response.status_code != 429,
    )


def _ids(items: object) -> tuple[str, ...]:
    """Prompt ids from queue entries ``[number, prompt_id, prompt, extra_data, outputs]``."""
    if not isinstance(items, list):
        return ()
    return tuple(str(item[1]) for item in items if isinstance(item, list) and len(item) > 1)


_VIDEO = (".mp4", ".webm", ".mkv", ".mov", ".webp", ".gif")
_IMAGE = (".png", ".jpg", ".jpeg", ".webp")


def pick_output(entry: dict[str, Any], node: str | None, kind: str) -> OutputFile | None:
    """The file to collect: the mapped output node's best file, else the first node's."""
    outputs = as_dict(entry.get("outputs"))
    order = ([node] if node in outputs else []) + [n for n in outputs if n != node]
    wanted = _VIDEO if kind == "video" else _IMAGE
    for name in order:
        files = _files(outputs[name])
        for suffix in wanted:
            found = next((f for f in files if f.suffix == suffix and f.kind != "input"), None)
            if found is not None:
                return found
    return None


def _files(node_output: object) -> list[OutputFile]:
    """The files one node saved (under ``images``, ``gifs``, ``videos``... alike)."""
    if not isinstance(node_output, dict):
        return []
    return [
        OutputFile(str(i["filename"]), str(i.get("subfolder", "")), str(i.get("type", "output")))
        for items in node_output.values()
        if isinstance(items, list)
        for i in items
        if isinstance(i, dict) and i.get("filename")
    ]
