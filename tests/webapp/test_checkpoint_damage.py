"""A damaged checkpoints.sqlite: set aside with a timestamp, a fresh start, projects kept,
and each user told once in their language, with no server path in the message.
"""

from __future__ import annotations

import re
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from agent.messages import say
from webapp.engine import SharedGraph, damage_in

CONFIG = {"configurable": {"thread_id": "t1"}}


async def remembered_idea(database: Path) -> str | None:
    """Open the studio graph on ``database`` and read thread t1's idea."""
    shared = SharedGraph(database=database)
    async with shared.session() as graph:
        return (await graph.aget_state(CONFIG)).values.get("idea")


async def make_history(database: Path) -> None:
    """A real checkpoint database holding one conversation with a few checkpoints."""
    async with SharedGraph(database=database).session() as graph:
        for n in range(30):
            await graph.aupdate_state(CONFIG, {"idea": f"a kite, take {n} " + "x" * 400}, "intake")


def not_a_database(database: Path) -> None:
    database.write_bytes(b"this is not a database " * 200)


def torn_pages(database: Path) -> None:
    data = bytearray(database.read_bytes())
    page = 4096
    assert len(data) > 4 * page, "the history spans several pages"
    data[2 * page : 4 * page] = b"\xff" * (2 * page)  # two pages of b-tree overwritten
    database.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [not_a_database, torn_pages])
async def test_a_damaged_history_is_set_aside_and_the_studio_starts_fresh(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    database = tmp_path / "checkpoints.sqlite"
    await make_history(database)
    assert (await remembered_idea(database) or "").startswith("a kite, take 29")
    project = tmp_path / "projects" / "ann-1234" / "t1"
    project.mkdir(parents=True)
    (project / "screenplay.json").write_text('{"title": "Kite"}', encoding="utf-8")
    damage(database)
    original = database.read_bytes()
    assert damage_in(database)

    shared = SharedGraph(database=database)
    graph = await shared.get()
    assert (await graph.aget_state(CONFIG)).values == {}, "a fresh, working history"
    await graph.aupdate_state(CONFIG, {"idea": "a new start"}, as_node="intake")
    await shared.close()

    moved = shared.set_aside_as
    assert moved is not None and moved.read_bytes() == original
    assert re.fullmatch(r"checkpoints\.sqlite\.damaged-\d{8}-\d{6}", moved.name)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert damage_in(database) is None
    assert (project / "screenplay.json").read_text(encoding="utf-8") == '{"title": "Kite"}'

    for language in ("en", "zh"):
        user = f"user-{language}"
        notice = shared.reset_notice(user, language)
        assert notice == say("memory_reset", language)
        assert "/" not in notice and "sqlite" not in notice
        assert shared.reset_notice(user, language) is None, "told once"
    assert "记录" in say("memory_reset", "zh")


async def test_a_healthy_history_is_kept_and_nobody_is_told(tmp_path: Path) -> None:
    database = tmp_path / "checkpoints.sqlite"
    await make_history(database)
    shared = SharedGraph(database=database)
    async with shared.session():
        pass
    assert shared.set_aside_as is None and shared.reset_notice("ann", "en") is None
    assert (await remembered_idea(database) or "").startswith("a kite")
    assert list(tmp_path.glob("*.damaged-*")) == []


def test_an_empty_or_missing_file_is_not_damage(tmp_path: Path) -> None:
    assert damage_in(tmp_path / "missing.sqlite") is None
    (tmp_path / "empty.sqlite").write_bytes(b"")
    assert damage_in(tmp_path / "empty.sqlite") is None
    with sqlite3.connect(tmp_path / "good.sqlite") as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert damage_in(tmp_path / "good.sqlite") is None
