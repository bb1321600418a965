"""Choosing where conversations live: SQLite by default, Postgres only when configured.

Quick tests, no server: the default stays the private SQLite file and loads no Postgres
driver; a bad or unreachable ``MICROFILM_DATABASE_URL`` is a clear error that never shows
the password; the history tables get Postgres types.
"""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from postgres_server import free_port

from agent import checkpoints
from agent.checkpoints import (
    DatabaseUnavailable,
    database_url,
    masked_url,
    open_checkpointer,
    uses_postgres,
)
from webapp.persistence import ensure_postgres_schema, postgres_definition, postgres_statements

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cret-Pa55"


def test_the_password_is_masked_and_a_url_without_one_is_unchanged() -> None:
    assert masked_url(f"postgresql://studio:{SECRET}@db.internal:5432/films") == (
        "postgresql://studio:***@db.internal:5432/films"
    )
    assert masked_url("postgresql://studio@db/films") == "postgresql://studio@db/films"


def test_without_the_variable_checkpoints_stay_in_the_private_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MICROFILM_DATABASE_URL", raising=False)
    monkeypatch.setenv("MICROFILM_HOME", str(tmp_path))
    assert database_url() is None and not uses_postgres()

    async def open_and_close() -> str:
        async with open_checkpointer() as saver:
            return type(saver).__name__

    assert asyncio.run(open_and_close()) == "AsyncSqliteSaver"
    database = tmp_path / "checkpoints.sqlite"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_a_named_file_wins_over_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROFILM_DATABASE_URL", "postgresql://u@127.0.0.1/db")
    assert uses_postgres() and not uses_postgres("chat.sqlite")


def test_a_url_that_is_not_postgres_is_refused_without_its_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MICROFILM_DATABASE_URL", f"mysql://studio:{SECRET}@db/films")
    with pytest.raises(DatabaseUnavailable, match="must be a postgresql:// URL") as refused:
        database_url()
    assert SECRET not in str(refused.value)


def test_an_unreachable_server_is_a_clear_error_without_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"postgresql://studio:{SECRET}@127.0.0.1:{free_port()}/films"
    monkeypatch.setenv("MICROFILM_DATABASE_URL", url)
    monkeypatch.setattr(checkpoints, "CONNECT_TIMEOUT_S", 1.0)

    async def open_it() -> None:
        async with open_checkpointer():
            pass

    with pytest.raises(DatabaseUnavailable, match="conversation database") as refused:
        asyncio.run(open_it())
    assert SECRET not in str(refused.value) and "studio:***@127.0.0.1" in str(refused.value)
    with pytest.raises(DatabaseUnavailable, match="chat-history database") as history:
        ensure_postgres_schema(url)
    assert SECRET not in str(history.value)


def test_history_columns_take_postgres_types() -> None:
    assert postgres_definition("tags", "TEXT") == "TEXT[]"
    assert postgres_definition("metadata", "TEXT NOT NULL DEFAULT '{}'") == (
        "JSONB NOT NULL DEFAULT '{}'"
    )
    assert postgres_definition("streaming", "BOOLEAN NOT NULL DEFAULT 0") == (
        "BOOLEAN NOT NULL DEFAULT false"
    )
    statements = postgres_statements()
    assert all("IF NOT EXISTS" in statement for statement in statements)
    assert any(s.startswith("CREATE TABLE IF NOT EXISTS steps (") for s in statements)


def test_the_default_studio_loads_no_postgres_driver(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROFILM_")}
    env["MICROFILM_HOME"] = str(tmp_path)
    script = (
        "import asyncio, sys\n"
        "from agent.session import open_graph\n"
        "from webapp.engine import SharedGraph\n"
        "async def main():\n"
        "    async with SharedGraph().session():\n"
        "        pass\n"
        "asyncio.run(main())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'asyncpg', "
        "'psycopg_pool') or m.startswith('langgraph.checkpoint.postgres')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "checkpoints.sqlite").exists()
