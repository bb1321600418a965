"""``python3 dev.py studio`` stops everything it started, within 5 s of SIGTERM.

The fast test puts a stand-in ``uv`` first on PATH: a studio that ignores SIGTERM, with a
stubborn helper in its process group and a wedged model server in a session of its own
(its pid file in the data folder, as the real one leaves). dev.py must kill the group and
then sweep the orphaned server. The slow test does it for real: the README's command, a
login and a chat message so the embedded model server runs, then SIGTERM.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import httpx
import pytest

from agent.model import pid_files

ROOT = Path(__file__).resolve().parents[1]
STOP_LIMIT_S = 5.0

FAKE_UV = textwrap.dedent("""
    import json, os, signal, socket, subprocess, sys, time
    args = sys.argv[1:]
    if args[0] == "sync":
        sys.exit(0)
    port = int(args[args.index("--port") + 1])
    home = os.environ["MICROFILM_HOME"]
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a studio that will not stop by itself
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"
    helper = subprocess.Popen([sys.executable, "-c", stubborn])
    server_port = 1 + port
    server = subprocess.Popen(
        [sys.executable, "-c", MARKER + "\\n" + stubborn, str(os.getpid()), "llama_cpp.server",
         "--host", "127.0.0.1", "--port", str(server_port)],
        start_new_session=True,
    )
    log = os.path.join(home, "logs", "model-server-x.log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    open(log, "w").close()
    os.makedirs(os.path.join(home, "run"), exist_ok=True)
    with open(os.path.join(home, "run", "model-server-%d.json" % server.pid), "w") as out:
        json.dump({"pid": server.pid, "owner": os.getpid(), "port": server_port, "log": log}, out)
    listener = socket.socket()
    listener.bind(("127.0.0.1", port))
    listener.listen()
    print("READY", helper.pid, server.pid, flush=True)
    time.sleep(600)
""")


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie awaiting its reaper counts as gone)."""
    return pid_files.parent_of(pid) is not None


def descendants(root: int) -> set[int]:
    """Every process below ``root`` in the process tree, now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = pid_files.parent_of(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def port_open(port: int) -> bool:
    """True while something accepts connections on 127.0.0.1:``port``."""
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def studio_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean studio environment with a throwaway data folder."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MICROFILM_", "CHAINLIT_", "OPENAI_"))
    }
    env.update(MICROFILM_HOME=str(home), PYTHONUNBUFFERED="1", **extra)
    return env


def stop_and_time(studio: subprocess.Popen[str], port: int, pids: set[int]) -> float:
    """SIGTERM dev.py; seconds until it, ``pids`` and the port are all gone (or the limit)."""
    started = time.monotonic()
    studio.send_signal(signal.SIGTERM)
    while time.monotonic() - started < STOP_LIMIT_S + 5:
        if studio.poll() is not None and not port_open(port) and not any(map(alive, pids)):
            break
        time.sleep(0.05)
    return time.monotonic() - started


def kill_leftovers(pids: set[int]) -> None:
    """Never leave a test's processes behind, whatever the assertions said."""
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_sigterm_kills_a_stubborn_studio_and_sweeps_its_model_server(tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    uv = fake_bin / "uv"
    code = f"#!{sys.executable}\nMARKER = {pid_files.MARKER!r}\n{FAKE_UV}"
    uv.write_text(code, encoding="utf-8")
    uv.chmod(0o755)
    home = tmp_path / "home"
    port = free_port()
    env = studio_env(home, PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}")
    studio = subprocess.Popen(
        [sys.executable, str(ROOT / "dev.py"), "studio", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    pids: set[int] = set()
    try:
        assert studio.stdout is not None
        for line in studio.stdout:
            if line.startswith("READY"):
                helper, server = map(int, line.split()[1:])
                break
        else:
            pytest.fail(f"the stand-in studio never started (exit {studio.wait()})")
        pids = descendants(studio.pid) | {server}
        assert {helper, server} <= pids and port_open(port)
        elapsed = stop_and_time(studio, port, pids)
        left = sorted(pid for pid in pids if alive(pid))
        assert not left, f"still running after {elapsed:.1f} s: {left}"
        assert not port_open(port)
        assert elapsed < STOP_LIMIT_S, f"stopping took {elapsed:.1f} s"
        assert studio.wait(timeout=5) == 128 + signal.SIGTERM
        assert list((home / "run").iterdir()) == [] and list((home / "logs").iterdir()) == []
    finally:
        kill_leftovers(pids | {studio.pid})


def _log_in_and_chat(url: str, user: str, password: str, text: str) -> None:
    """Log in over HTTP and send one chat message over Chainlit's websocket."""
    import asyncio

    import socketio

    with httpx.Client(base_url=url, timeout=30) as client:
        client.post("/login", data={"username": user, "password": password}).raise_for_status()
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())

    async def chat() -> None:
        sio = socketio.AsyncClient()
        await sio.connect(
            url,
            socketio_path="/ws/socket.io",
            headers={"Cookie": cookie},
            auth={"clientType": "webapp", "sessionId": str(uuid.uuid4()), "userEnv": "{}"},
            transports=["websocket"],
        )
        await sio.emit("connection_successful")
        await asyncio.sleep(1)
        message = {
            "id": str(uuid.uuid4()),
            "name": user,
            "type": "user_message",
            "output": text,
            "createdAt": "2025-01-01T00:00:00Z",
        }
        await sio.emit("client_message", {"message": message, "fileReferences": None})
        await asyncio.sleep(1)
        await sio.disconnect()

    asyncio.run(chat())


@pytest.mark.slow
def test_sigterm_stops_the_real_studio_and_its_model_server_within_5_s(tmp_path: Path) -> None:
    home = tmp_path / "home"
    port = free_port()
    env = studio_env(home, MICROFILM_USERS="ann:pw-ann-1", MICROFILM_LOCAL_MODEL="smollm2")
    log = tmp_path / "studio.log"
    with log.open("w", encoding="utf-8") as out:
        studio = subprocess.Popen(
            [sys.executable, "dev.py", "studio", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    url = f"http://127.0.0.1:{port}"
    pids: set[int] = set()
    try:
        deadline = time.monotonic() + 180
        while not port_open(port):
            assert studio.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the studio did not start:\n" + log.read_text()
            time.sleep(0.5)
        _log_in_and_chat(url, "ann", "pw-ann-1", "A short film about a lighthouse keeper's cat.")
        while not list((home / "run").glob("model-server-*.json")):
            assert time.monotonic() < deadline, "no model server started:\n" + log.read_text()
            time.sleep(0.2)
        pids = descendants(studio.pid)
        records = [pid_files.read_record(p) for p in (home / "run").glob("*.json")]
        assert records and {r.pid for r in records if r} <= pids, "the studio's own server"
        assert all(r and Path(r.log).parent == home / "logs" for r in records), "log not in /tmp"
        elapsed = stop_and_time(studio, port, pids)
        left = sorted(pid for pid in pids if alive(pid))
        assert not left, f"still running after {elapsed:.1f} s: {left}"
        assert not port_open(port)
        assert elapsed < STOP_LIMIT_S, f"stopping took {elapsed:.1f} s"
        assert list((home / "run").glob("*.json")) == []
        assert list((home / "logs").glob("*.log")) == []
        private = [home, home / "chainlit.sqlite", home / "checkpoints.sqlite"]
        assert [oct(p.stat().st_mode & 0o777) for p in private] == ["0o700", "0o600", "0o600"]
    finally:
        kill_leftovers(pids | {studio.pid})
