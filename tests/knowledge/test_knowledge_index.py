"""The guideline index: built once, reused, rebuilt on change, deletion and corruption.

These tests index a three-document copy of the corpus in a temporary MICROFILM_HOME, so
they are quick and never touch ./data or the packaged guidelines.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import IndexStats, ensure_index, search_guidelines
from knowledge.collection import SQLITE_NAME
from knowledge.corpus import GUIDELINES_DIR, load_chunks
from knowledge.embeddings import _cached_encoder
from knowledge.index import GuidelineIndex, close_all, default_index
from knowledge.integrity import sqlite_problem

SMALL = ("genre-ancient-style.md", "form-endings.md", "subtitles.md")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MICROFILM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    monkeypatch.delenv("CHROMA_PORT", raising=False)
    yield tmp_path / "home"
    close_all()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "guidelines"
    folder.mkdir()
    for name in SMALL:
        shutil.copy(GUIDELINES_DIR / name, folder / name)
    return folder


def build(corpus: Path) -> tuple[IndexStats, list[str]]:
    lines: list[str] = []
    stats = ensure_index(log=lines.append, corpus_dir=corpus)
    return stats, lines


def test_first_start_builds_then_reuses(home: Path, corpus: Path) -> None:
    stats, lines = build(corpus)
    assert not stats.reused and stats.reason == "new index"
    assert stats.chunks == len(load_chunks(corpus)) and stats.documents == len(SMALL)
    assert (home / "index" / SQLITE_NAME).is_file()
    assert sqlite_problem(home / "index" / SQLITE_NAME) is None
    assert any("Indexing" in line for line in lines)

    again, lines = build(corpus)
    assert again.reused and again.chunks == stats.chunks
    assert lines == [line for line in lines if line.startswith("Reused")]

    # A new process (fresh object, nothing cached) reuses the stored index too.
    fresh = GuidelineIndex(corpus)
    assert fresh.ensure(log=lambda _: None).reused
    fresh.close()
    assert search_guidelines("ending", k=1, corpus_dir=corpus)  # the shared index still works
    # chromadb rebuilt the embedding function from its config on every open; one model loaded.
    assert _cached_encoder.cache_info().misses == 1


def test_index_lives_under_microfilm_home(home: Path, corpus: Path) -> None:
    stats, _ = build(corpus)
    assert stats.location == str(home / "index")
    assert default_index(corpus).index_dir == home / "index"


def test_changing_one_guideline_reindexes(home: Path, corpus: Path) -> None:
    build(corpus)
    page = corpus / "subtitles.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + (
            "\n## Karaoke captions (卡拉OK字幕)\n\nHighlight each word in turquoise as it is sung, "
            "so a music video's lyrics can be followed along.\n"
        ),
        encoding="utf-8",
    )

    stats, lines = build(corpus)
    assert not stats.reused and stats.reason == "the guidelines changed"
    assert any("the guidelines changed" in line for line in lines)
    found = search_guidelines("turquoise karaoke lyrics highlight", k=1, corpus_dir=corpus)
    assert found[0].heading == "Karaoke captions (卡拉OK字幕)"
    assert build(corpus)[0].reused


def test_removing_a_guideline_reindexes(home: Path, corpus: Path) -> None:
    build(corpus)
    (corpus / "form-endings.md").unlink()
    stats, _ = build(corpus)
    assert not stats.reused and stats.documents == len(SMALL) - 1
    sources = {p.source for p in search_guidelines("endings twist", k=10, corpus_dir=corpus)}
    assert "form-endings.md" not in sources


def test_deleted_index_folder_is_rebuilt(home: Path, corpus: Path) -> None:
    build(corpus)
    shutil.rmtree(home / "index")
    stats, _ = build(corpus)
    assert not stats.reused and stats.reason == "new index"
    assert search_guidelines("字幕位置", k=1, corpus_dir=corpus)[0].source == "subtitles.md"


def test_search_after_folder_deleted_rebuilds_lazily(home: Path, corpus: Path) -> None:
    search_guidelines("ending", k=1, corpus_dir=corpus)
    shutil.rmtree(home / "index")
    found = search_guidelines("古风 结尾", k=1, corpus_dir=corpus)
    assert found[0].source == "genre-ancient-style.md"
    assert (home / "index" / SQLITE_NAME).is_file()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "garbage-header"])
def test_corrupted_index_is_detected_and_rebuilt(home: Path, corpus: Path, damage: str) -> None:
    build(corpus)
    database = home / "index" / SQLITE_NAME
    size = database.stat().st_size
    if damage == "garbage":
        database.write_bytes(b"\x13garbage, not a database\x00" * (size // 25))
    elif damage == "truncated":
        with database.open("r+b") as handle:
            handle.truncate(size // 2)
    elif damage == "empty":
        database.write_bytes(b"")
    else:
        with database.open("r+b") as handle:
            handle.write(b"not sqlite at all")

    stats, lines = build(corpus)
    assert not stats.reused and stats.reason == "rebuilt after corruption"
    assert any("corrupted" in line and "rebuilding" in line for line in lines), lines
    assert sqlite_problem(database) is None
    assert search_guidelines("subtitle line length", k=1, corpus_dir=corpus)[0].source == (
        "subtitles.md"
    )
    assert build(corpus)[0].reused


def test_corruption_found_by_a_search_is_rebuilt_not_raised(home: Path, corpus: Path) -> None:
    search_guidelines("ending", k=1, corpus_dir=corpus)
    (home / "index" / SQLITE_NAME).write_bytes(b"garbage" * 1000)
    found = search_guidelines("how should an ancient style film end", k=1, corpus_dir=corpus)
    assert found[0].source == "genre-ancient-style.md"


def test_stray_files_without_database_are_treated_as_damage(home: Path, corpus: Path) -> None:
    (home / "index").mkdir(parents=True)
    (home / "index" / "leftover.bin").write_bytes(b"\0" * 64)
    stats, lines = build(corpus)
    assert stats.reason == "rebuilt after corruption"
    assert not (home / "index" / "leftover.bin").exists()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_chroma_host_switches_to_a_server(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chroma = shutil.which("chroma") or str(Path(__import__("sys").executable).with_name("chroma"))
    port = _free_port()
    server = subprocess.Popen(
        [
            chroma,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import httpx

        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "chroma server did not start"
            time.sleep(0.2)
        monkeypatch.setenv("MICROFILM_HOME", str(tmp_path / "home"))
        monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
        monkeypatch.setenv("CHROMA_PORT", str(port))
        stats, _ = build(corpus)
        assert not stats.reused and stats.location == f"http://127.0.0.1:{port}"
        assert build(corpus)[0].reused
        assert not (tmp_path / "home" / "index").exists()
        found = search_guidelines("字幕每行字数", k=1, corpus_dir=corpus)
        assert found[0].source == "subtitles.md"
    finally:
        close_all()
        server.terminate()
        server.wait(timeout=10)


def test_bad_chroma_port_is_a_clear_error(
    home: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", "eighty")
    with pytest.raises(RuntimeError, match="CHROMA_PORT must be a port number"):
        build(corpus)
