"""Studio replicas for the Postgres tests: real ``chainlit run app.py`` processes.

Each replica is the studio as a deployment runs it: its own port, the shared data folder
(``MICROFILM_HOME``) and the shared Postgres server (``MICROFILM_DATABASE_URL``). Each
gets a private Chainlit app root (Chainlit deletes ``<app root>/.files`` when a server
stops, which would break the other replica's messages). The model is the load bench's
fast fake (``bench/load/fake_model.py``), so every second is the studio's own.

:class:`ResumedConversation` is the load bench's scripted browser user, able to reopen a
thread from the history as the browser's sidebar does (the socket's ``threadId``).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from postgres_server import free_port

from bench.load.client import CONNECT_TIMEOUT_S, Conversation
from bench.load.studio import private_app_root

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 600.0
"""Generous: a studio start took minutes on the 2-core machine while a benchmark ran."""
USERS = {"alice": "alice-pw"}


@dataclass
class Replica:
    """One running studio process."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def log_text(self) -> str:
        """Everything the studio printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_model(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The fake model on a free port; returns the process and its ``/v1`` URL."""
    port_file = folder / "fake-model.url"
    model = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "load" / "fake_model.py"), str(port_file)],
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while not port_file.exists():
        if model.poll() is not None or time.monotonic() > deadline:
            stop(model)
            raise AssertionError("the fake model did not start")
        time.sleep(0.1)
    return model, port_file.read_text(encoding="utf-8").strip()


def start_replica(
    name: str, home: Path, database_url: str, model_url: str, *, port: int | None = None
) -> Replica:
    """Start one studio replica and wait until it answers ``/health``."""
    port = port or free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "MICROFILM_", "CHAINLIT_", "CHROMA_"))
    }
    env.update(
        MICROFILM_HOME=str(home),
        MICROFILM_DATABASE_URL=database_url,
        CHAINLIT_APP_ROOT=str(private_app_root(home.parent / f"app-{name}")),
        PYTHONUNBUFFERED="1",
        MICROFILM_USERS=",".join(f"{user}:{pw}" for user, pw in USERS.items()),
        OPENAI_BASE_URL=model_url,
        OPENAI_API_KEY="scale-test",
        MICROFILM_MODEL="fake-model",
        MICROFILM_TARGET_SECONDS="60",
    )
    log = home.parent / f"{name}-{port}.log"
    chainlit = Path(sys.executable).with_name("chainlit")
    command = [str(chainlit), "run", "app.py", "--headless", "--host", "127.0.0.1"]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    replica = Replica(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if httpx.get(f"{replica.url}/health", timeout=2).status_code == 200:
                return replica
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop(process)  # a studio that never answered is not left running
    raise AssertionError(f"studio {name} did not start:\n{replica.log_text()[-3000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process group started here (SIGTERM, then SIGKILL after 20 s)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class ResumedConversation(Conversation):
    """A chat that may reopen an existing thread; keeps the history the server sends back."""

    def __init__(self, url: str, user: str, cookie: str, name: str) -> None:
        super().__init__(url, user, cookie, name)
        self.history: dict[str, Any] = {}
        self.resumed = asyncio.Event()
        self.client.on("resume_thread", self._resumed)

    async def _resumed(self, thread: dict[str, Any]) -> None:
        self.history = thread
        self.resumed.set()

    async def open_thread(self, thread_id: str = "") -> None:
        """Connect as the browser does: a new chat, or ``thread_id`` from the history."""
        self.thread_id = thread_id or None
        auth = {
            "clientType": "webapp",
            "sessionId": str(uuid.uuid4()),
            "threadId": thread_id,
            "userEnv": "{}",
            "chatProfile": "",
        }
        await self.client.connect(
            self.url,
            headers={"Cookie": self.cookie},
            auth=auth,
            transports=["websocket"],
            socketio_path="/ws/socket.io",
            wait_timeout=CONNECT_TIMEOUT_S,
        )
        await self.client.emit("connection_successful")
        await asyncio.wait_for(self.ready.wait(), CONNECT_TIMEOUT_S)
        if thread_id:
            await asyncio.wait_for(self.resumed.wait(), CONNECT_TIMEOUT_S)

    def history_text(self) -> str:
        """Every step of the reopened thread as the server stored it (inputs and outputs)."""
        return "\n".join(
            f"{step.get('input') or ''}\n{step.get('output') or ''}"
            for step in self.history.get("steps") or []
        )
