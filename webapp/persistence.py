"""Chat history: the tables Chainlit's SQLAlchemy data layer expects, on SQLite or Postgres.

Chainlit documents its schema for PostgreSQL and leaves creating it to the app. SQLite
takes the same statements once the PostgreSQL-only types are spelled as SQLite affinities
(UUID and JSONB as TEXT, arrays as JSON text), so the studio creates the tables itself on
first start, and adds any column a newer Chainlit writes, without a migration tool.

With ``MICROFILM_DATABASE_URL`` the history goes to that Postgres server (asyncpg), next to
the conversations' checkpoints, so every studio replica shows the same threads. The same
column list is created there with Postgres types (JSONB, TEXT[]), on first start too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import LiteralString, cast
from urllib.parse import urlsplit

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import sessionmaker

from agent.checkpoints import DatabaseUnavailable, database_url, masked_url
from film.paths import private_database

DB_FILE = "chainlit.sqlite"

# Column lists follow chainlit's StepDict / ElementDict / Feedback (chainlit 2.12).
TABLES: dict[str, list[tuple[str, str]]] = {
    "users": [
        ("id", "TEXT PRIMARY KEY"),
        ("identifier", "TEXT NOT NULL UNIQUE"),
        ("metadata", "TEXT NOT NULL DEFAULT '{}'"),
        ("createdAt", "TEXT"),
    ],
    "threads": [
        ("id", "TEXT PRIMARY KEY"),
        ("createdAt", "TEXT"),
        ("name", "TEXT"),
        ("userId", "TEXT REFERENCES users(id) ON DELETE CASCADE"),
        ("userIdentifier", "TEXT"),
        ("tags", "TEXT"),
        ("metadata", "TEXT"),
    ],
    "steps": [
        ("id", "TEXT PRIMARY KEY"),
        ("name", "TEXT NOT NULL"),
        ("type", "TEXT NOT NULL"),
        ("threadId", "TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE"),
        ("parentId", "TEXT"),
        ("streaming", "BOOLEAN NOT NULL DEFAULT 0"),
        ("waitForAnswer", "BOOLEAN"),
        ("isError", "BOOLEAN"),
        ("metadata", "TEXT"),
        ("tags", "TEXT"),
        ("input", "TEXT"),
        ("output", "TEXT"),
        ("createdAt", "TEXT"),
        ("command", "TEXT"),
        ("modes", "TEXT"),
        ("start", "TEXT"),
        ("end", "TEXT"),
        ("generation", "TEXT"),
        ("showInput", "TEXT"),
        ("language", "TEXT"),
        ("indent", "INTEGER"),
        ("defaultOpen", "BOOLEAN"),
        ("autoCollapse", "BOOLEAN"),
        ("icon", "TEXT"),
    ],
    "elements": [
        ("id", "TEXT PRIMARY KEY"),
        ("threadId", "TEXT REFERENCES threads(id) ON DELETE CASCADE"),
        ("type", "TEXT"),
        ("url", "TEXT"),
        ("chainlitKey", "TEXT"),
        ("name", "TEXT NOT NULL DEFAULT ''"),
        ("display", "TEXT"),
        ("objectKey", "TEXT"),
        ("size", "TEXT"),
        ("page", "INTEGER"),
        ("language", "TEXT"),
        ("forId", "TEXT"),
        ("mime", "TEXT"),
        ("props", "TEXT"),
        ("autoPlay", "BOOLEAN"),
        ("playerConfig", "TEXT"),
    ],
    "feedbacks": [
        ("id", "TEXT PRIMARY KEY"),
        ("forId", "TEXT NOT NULL"),
        ("threadId", "TEXT REFERENCES threads(id) ON DELETE CASCADE"),
        ("value", "INTEGER NOT NULL"),
        ("comment", "TEXT"),
    ],
}

INDEXES = [
    'CREATE INDEX IF NOT EXISTS steps_thread ON steps("threadId")',
    'CREATE INDEX IF NOT EXISTS elements_thread ON elements("threadId")',
    'CREATE INDEX IF NOT EXISTS threads_user ON threads("userId")',
]


def _add_column_type(definition: str) -> str:
    """A column definition SQLite accepts in ALTER TABLE (no keys, no NOT NULL)."""
    return definition.split()[0]


def ensure_schema(db_path: Path) -> None:
    """Create the history tables, or add the columns a newer Chainlit writes.

    The file holds every user's conversations, so it is created owner-only (0600) before
    SQLite opens it; SQLite gives its -wal and -shm files the same mode.
    """
    private_database(db_path)
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        for table, columns in TABLES.items():
            body = ", ".join(f'"{name}" {definition}' for name, definition in columns)
            connection.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
            present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
            for name, definition in columns:
                if name not in present:
                    connection.execute(
                        f'ALTER TABLE {table} ADD COLUMN "{name}" {_add_column_type(definition)}'
                    )
        for statement in INDEXES:
            connection.execute(statement)
    connection.close()


def make_data_layer(home: Path, storage: BaseStorageClient) -> SQLAlchemyDataLayer:
    """Chainlit's SQLAlchemy data layer, tables ready.

    On ``home/chainlit.sqlite``, or on the Postgres server of ``MICROFILM_DATABASE_URL``.
    """
    url = database_url()
    if url is not None:
        ensure_postgres_schema(url)
        return PostgresDataLayer(url, storage)
    db_path = home / DB_FILE
    ensure_schema(db_path)
    return SQLAlchemyDataLayer(conninfo=f"sqlite+aiosqlite:///{db_path}", storage_provider=storage)


JSON_COLUMNS = {"metadata", "generation", "props", "playerConfig"}
"""Chainlit writes these as JSON text; Postgres keeps them as JSONB, as Chainlit documents."""
HISTORY_SETUP_LOCK = 715_015
"""A Postgres advisory-lock key (the checkpoints' is 715_014)."""


def postgres_definition(name: str, definition: str) -> str:
    """A column of :data:`TABLES` in Postgres types (tags are arrays, JSON is JSONB)."""
    words = definition.split()
    if name == "tags":
        words[0] = "TEXT[]"
    elif name in JSON_COLUMNS:
        words[0] = "JSONB"
    return " ".join(words).replace("DEFAULT 0", "DEFAULT false")


def postgres_statements() -> list[str]:
    """The DDL for the history tables on Postgres; each statement may run again safely."""
    statements = []
    for table, columns in TABLES.items():
        typed = [(name, postgres_definition(name, definition)) for name, definition in columns]
        body = ", ".join(f'"{name}" {definition}' for name, definition in typed)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
        statements += [
            f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{name}" {_add_column_type(definition)}'
            for name, definition in typed
        ]
    return statements + INDEXES


def ensure_postgres_schema(url: str) -> None:
    """Create the history tables on the server, or add the columns a newer Chainlit writes.

    Runs once per process when Chainlit first asks for its data layer; the advisory lock
    lets replicas that start together create the tables one at a time.
    """
    # Imported here: the Postgres driver is the optional `scale` extra.
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=30) as connection:
            connection.execute("SELECT pg_advisory_lock(%s)", (HISTORY_SETUP_LOCK,))
            for statement in postgres_statements():
                connection.execute(cast(LiteralString, statement))  # our DDL, no user text
            connection.execute("SELECT pg_advisory_unlock(%s)", (HISTORY_SETUP_LOCK,))
    except psycopg.OperationalError as error:
        password = urlsplit(url).password
        reason = str(error).replace(password, "***") if password else str(error)
        raise DatabaseUnavailable(
            f"Cannot use the chat-history database at {masked_url(url)}: {reason}"
        ) from None


def asyncpg_url(url: str) -> str:
    """``postgresql://...`` as SQLAlchemy names the asyncpg driver."""
    return "postgresql+asyncpg://" + url.split("://", 1)[1]


class PostgresDataLayer(SQLAlchemyDataLayer):
    """Chainlit's data layer on Postgres, whose pooled connections survive a server restart.

    Chainlit's engine lends pooled connections unchecked: after a Postgres restart each
    one fails once. The engine here pings a connection before lending it (``pool_pre_ping``),
    so the first turn after a restart is saved like any other.
    """

    def __init__(self, url: str, storage: BaseStorageClient) -> None:
        super().__init__(conninfo=asyncpg_url(url), storage_provider=storage)
        self.engine = create_async_engine(asyncpg_url(url), pool_pre_ping=True)
        self.async_session = sessionmaker(  # type: ignore[call-overload]
            bind=self.engine, expire_on_commit=False, class_=AsyncSession
        )
