"""The data folder is private (0700) and its databases and secrets owner-only (0600),
created that way: with the most permissive umask, and without a chmod after the fact.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.session import open_graph
from film.paths import data_dir
from webapp import auth, persistence


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """umask 0: whatever is private here is private because it was created so."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def no_chmod(monkeypatch: pytest.MonkeyPatch) -> None:
    """Creating a file wide and narrowing it afterwards leaves a window: forbid it."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("created with wider permissions, then narrowed")

    monkeypatch.setattr(os, "chmod", refuse)


def test_a_new_data_folder_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None, no_chmod: None
) -> None:
    monkeypatch.setenv("MICROFILM_HOME", str(tmp_path / "home"))
    assert mode(data_dir()) == 0o700


def test_an_old_wide_data_folder_and_database_are_narrowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    history = home / persistence.DB_FILE
    history.write_bytes(b"")
    history.chmod(0o644)
    monkeypatch.setenv("MICROFILM_HOME", str(home))
    assert mode(data_dir()) == 0o700
    persistence.ensure_schema(history)
    assert mode(history) == 0o600


def test_the_chat_history_database_and_its_journal_are_owner_only(
    tmp_path: Path, open_umask: None, no_chmod: None
) -> None:
    history = tmp_path / persistence.DB_FILE
    persistence.ensure_schema(history)
    assert mode(history) == 0o600
    with sqlite3.connect(history) as writer:  # WAL mode: -wal and -shm exist while open
        writer.execute("INSERT INTO users (id, identifier) VALUES ('1', 'ann')")
        companions = [history.with_name(history.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in companions)
        assert [mode(p) for p in companions] == [0o600, 0o600]
    writer.close()


async def test_the_checkpoint_database_and_its_journal_are_owner_only(
    tmp_path: Path, open_umask: None, no_chmod: None
) -> None:
    database = tmp_path / "checkpoints.sqlite"
    async with open_graph(database) as graph:
        config = {"configurable": {"thread_id": "t1"}}
        await graph.aupdate_state(config, {"idea": "a kite"}, as_node="intake")
        files = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
        assert all(p.exists() for p in files)
        assert [mode(p) for p in files] == [0o600, 0o600, 0o600]


def test_the_login_and_session_secret_are_owner_only(
    tmp_path: Path, open_umask: None, no_chmod: None
) -> None:
    accounts = auth.load_accounts(tmp_path, env={})
    assert accounts.created_password
    auth.ensure_auth_secret(tmp_path, env={})
    assert mode(tmp_path / auth.LOGIN_FILE) == 0o600
    assert mode(tmp_path / auth.SECRET_FILE) == 0o600
