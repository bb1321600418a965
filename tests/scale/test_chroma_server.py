"""The guidelines on a shared ``chroma run`` server: indexed once, reused by every replica.

A real Chroma server (the ``chroma`` program chromadb installs) on a free port, and two
studio replicas as two separate processes with their own data folders and only
``CHROMA_HOST``/``CHROMA_PORT`` in common. The first builds the index on the server; the
second finds it finished (same collection, same fingerprint, nothing rebuilt) and both
answer ``search_guidelines`` from it, dense retrieval included. Neither writes a local index.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from postgres_server import free_port

pytestmark = [pytest.mark.slow, pytest.mark.scale]
ROOT = Path(__file__).resolve().parents[2]
QUESTION = "How many characters may one subtitle line hold?"
STARTUP_TIMEOUT_S = 300.0
"""Generous: on a loaded 2-core machine the chroma program alone took over a minute to start."""

REPLICA = """
import json
import knowledge
from knowledge.index import default_index

messages = []
stats = knowledge.ensure_index(log=messages.append)
collection = default_index().loaded().collection
dense = knowledge.search_guidelines({question!r}, k=3, mode="dense")
hybrid = knowledge.search_guidelines({question!r}, k=3)
print("RESULT " + json.dumps({{
    "reused": stats.reused,
    "reason": stats.reason,
    "location": stats.location,
    "collection": str(collection.id),
    "fingerprint": (collection.metadata or {{}}).get("fingerprint"),
    "passages": collection.count(),
    "dense": [p.source for p in dense],
    "hybrid": [p.source for p in hybrid],
    "log": messages,
}}))
"""


@pytest.fixture
def chroma_port(tmp_path: Path) -> Iterator[int]:
    """A ``chroma run`` server on 127.0.0.1, stopped (and its folder left to tmp_path) after."""
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    log = (tmp_path / "chroma.log").open("w")
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "chroma-data")]
        + ["--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            assert server.poll() is None, (tmp_path / "chroma.log").read_text()[-2000:]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "chroma run did not answer"
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def run_replica(home: Path, port: int) -> dict[str, Any]:
    """One studio replica's view of the index, from a fresh process with its own folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MICROFILM_", "CHROMA_"))}
    env.update(MICROFILM_HOME=str(home), CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(port))
    done = subprocess.run(
        [sys.executable, "-c", REPLICA.format(question=QUESTION)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(lines[-1].removeprefix("RESULT "))
    return result


def test_the_index_is_built_once_on_the_server_and_reused_by_a_second_replica(
    chroma_port: int, tmp_path: Path
) -> None:
    first = run_replica(tmp_path / "replica-1", chroma_port)
    second = run_replica(tmp_path / "replica-2", chroma_port)

    assert first["location"] == second["location"] == f"http://127.0.0.1:{chroma_port}"
    assert not first["reused"] and first["reason"] == "new index"
    assert any(line.startswith("Indexing ") for line in first["log"])
    assert second["reused"] and second["reason"] == "reused"
    assert not any(line.startswith("Indexing ") for line in second["log"])
    # Building replaces the collection, so an unchanged id proves nothing was rebuilt.
    assert second["collection"] == first["collection"]
    assert second["fingerprint"] == first["fingerprint"] != "building"
    assert second["passages"] == first["passages"] > 20
    for replica in (first, second):
        assert replica["dense"][0] == replica["hybrid"][0] == "subtitles.md", replica
    for home in (tmp_path / "replica-1", tmp_path / "replica-2"):
        assert not (home / "index").exists(), "a replica wrote a local index"
