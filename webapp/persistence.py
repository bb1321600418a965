"""Chat history on SQLite: the tables Chainlit's SQLAlchemy data layer expects.

Chainlit documents its schema for PostgreSQL and leaves creating it to the app. SQLite
takes the same statements once the PostgreSQL-only types are spelled as SQLite affinities
(UUID and JSONB as TEXT, arrays as JSON text), so the studio creates the tables itself on
first start, and adds any column a newer Chainlit writes, without a migration tool.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient

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
    """Chainlit's SQLAlchemy data layer on ``home/chainlit.sqlite``, tables ready."""
    db_path = home / DB_FILE
    ensure_schema(db_path)
    return SQLAlchemyDataLayer(conninfo=f"sqlite+aiosqlite:///{db_path}", storage_provider=storage)
