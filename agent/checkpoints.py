"""Where conversations are kept: a private SQLite file, or a shared Postgres server.

One studio on one machine keeps its checkpoints in ``data_dir()/checkpoints.sqlite``
(owner-only). Several studio replicas behind a load balancer must share them, so that a
thread started on one replica continues on another: ``MICROFILM_DATABASE_URL``
(``postgresql://user:password@host:5432/db``) moves the checkpoints to that server through
``langgraph-checkpoint-postgres``; the web app's chat history follows it
(:mod:`webapp.persistence`). Without the variable nothing here imports a Postgres driver.

The Postgres checkpointer runs on a connection pool that checks each connection before
lending it, so a Postgres restart between two turns costs one reconnect, not a failed
turn. The password comes only from the environment and is masked in every message.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from film.paths import data_dir, private_database

DATABASE_URL_VARIABLE = "MICROFILM_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql", "postgres")
POOL_SIZE = 10
"""Connections one studio process may hold; each running turn uses one at a time."""
CONNECT_TIMEOUT_S = 30.0
"""How long the first connection may take before the studio says the server is unreachable."""
SETUP_LOCK = 715_014
"""A Postgres advisory-lock key: replicas starting together create the tables one at a time."""
log = logging.getLogger("microfilm.checkpoints")


class DatabaseUnavailable(RuntimeError):
    """The configured conversation database cannot be used; the message says why (no password)."""


def database_url() -> str | None:
    """The Postgres URL from ``MICROFILM_DATABASE_URL``, or None for the SQLite default.

    Raises:
        DatabaseUnavailable: the variable is set but is not a ``postgresql://`` URL.
    """
    raw = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if not raw:
        return None
    if urlsplit(raw).scheme not in POSTGRES_SCHEMES:
        raise DatabaseUnavailable(
            f"{DATABASE_URL_VARIABLE} must be a postgresql:// URL, not {masked_url(raw)!r}."
        )
    return raw


def masked_url(url: str) -> str:
    """``url`` with its password replaced by ``***``, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def checkpoint_path(db_path: Path | str | None = None) -> Path:
    """The SQLite file holding conversations (``data_dir()/checkpoints.sqlite`` by default).

    It is created readable by its owner only: it holds every user's conversations.
    """
    return private_database(Path(db_path) if db_path else data_dir() / "checkpoints.sqlite")


def uses_postgres(db_path: Path | str | None = None) -> bool:
    """True when checkpoints go to Postgres: the variable is set and no file was named."""
    return db_path is None and database_url() is not None


@contextlib.asynccontextmanager
async def open_checkpointer(
    db_path: Path | str | None = None,
) -> AsyncIterator[BaseCheckpointSaver[Any]]:
    """The checkpointer, tables ready; closes its database on exit.

    An explicit ``db_path`` (the CLI's ``--db``, tests) is always a SQLite file.
    """
    url = database_url() if db_path is None else None
    if url is None:
        async with AsyncSqliteSaver.from_conn_string(str(checkpoint_path(db_path))) as saver:
            await saver.setup()
            yield saver
        return
    async with _postgres_saver(url) as saver:
        yield saver


@contextlib.asynccontextmanager
async def _postgres_saver(url: str) -> AsyncIterator[BaseCheckpointSaver[Any]]:
    # Imported here: the Postgres drivers are the optional `scale` extra, and a
    # single-machine studio must start without them.
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    from psycopg import OperationalError
    from psycopg.rows import dict_row
    from psycopg_pool import AsyncConnectionPool, PoolTimeout

    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        url,
        min_size=1,
        max_size=POOL_SIZE,
        open=False,
        # What AsyncPostgresSaver.from_conn_string sets on its single connection.
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        # A connection that died with a restarted server is replaced before it is lent.
        check=AsyncConnectionPool.check_connection,
    )
    try:
        await pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        saver = AsyncPostgresSaver(pool)
        async with pool.connection() as connection:
            await connection.execute("SELECT pg_advisory_lock(%s)", (SETUP_LOCK,))
            try:
                await saver.setup()
            finally:
                await connection.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK,))
    except (OperationalError, PoolTimeout) as error:
        await pool.close()
        raise DatabaseUnavailable(
            f"Cannot use the conversation database at {masked_url(url)}: "
            f"{_without(url, str(error))}"
        ) from None
    log.info("conversations are kept in Postgres at %s", masked_url(url))
    try:
        yield saver
    finally:
        await pool.close()


def _without(url: str, text: str) -> str:
    """``text`` with the URL's password removed, should a driver message repeat it."""
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text
