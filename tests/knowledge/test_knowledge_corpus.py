"""The guideline corpus: front matter, coverage of genres and form topics, chunking, hashing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from film.screenplay import Genre
from knowledge.corpus import (
    GUIDELINES_DIR,
    MAX_CHUNK_WORDS,
    CorpusError,
    GuidelineDoc,
    chunk_document,
    corpus_fingerprint,
    guideline_files,
    load_chunks,
    parse_document,
)

FORM_TOPICS = {
    "duration-pacing",
    "vertical-framing",
    "story-elements",
    "hooks",
    "endings",
    "screenplay-format",
    "generated-video",
    "subtitles",
}
GENRE_SECTIONS = (
    "Emotional promise",
    "Characters and settings",
    "Beat structure for 1 minute",
    "Beat structure for 3 minutes",
    "Beat structure for 5 minutes",
    "Beat structure for 10 minutes",
    "Dialogue voice",
    "Visual palette",
    "Music",
    "Endings",
    "Pitfalls",
)


def docs() -> list[GuidelineDoc]:
    return [parse_document(p) for p in guideline_files()]


def test_every_genre_has_exactly_one_guide_with_all_sections() -> None:
    guides = [d for d in docs() if d.genre != "all"]
    assert sorted(d.genre for d in guides) == sorted(g.value for g in Genre)
    for doc in guides:
        assert doc.topic == "genre-guide"
        assert doc.source == f"genre-{doc.genre}.md"
        assert Genre(doc.genre).chinese in doc.title and Genre(doc.genre).english in doc.title
        headings = re.findall(r"^## (.+)$", doc.body, flags=re.MULTILINE)
        for wanted in GENRE_SECTIONS:
            assert any(h.startswith(wanted) for h in headings), (doc.source, wanted)


def test_form_documents_cover_every_topic() -> None:
    general = [d for d in docs() if d.genre == "all"]
    assert {d.topic for d in general} == FORM_TOPICS


def test_documents_are_substantive_and_bilingual() -> None:
    for doc in docs():
        words = len(re.findall(r"[A-Za-z']+", doc.body))
        assert words >= 400, (doc.source, words)
        headings = re.findall(r"^## (.+)$", doc.body, flags=re.MULTILINE)
        assert len(headings) >= 5, doc.source
        # Every heading carries its Chinese term, which is what Chinese questions match.
        assert all(re.search(r"[\u4e00-\u9fff]", h) for h in headings), doc.source
        assert doc.language == "en"


def test_chunks_follow_headings_with_stable_unique_ids() -> None:
    chunks = load_chunks()
    assert len({c.id for c in chunks}) == len(chunks)
    assert all(c.id.isascii() for c in chunks)
    doc = parse_document(GUIDELINES_DIR / "genre-ancient-style.md")
    headings = [c.heading for c in chunk_document(doc)]
    assert headings[0] == "Overview" and "Endings (结尾)" in headings
    assert chunk_document(doc) == chunk_document(doc)


def test_long_sections_are_split_at_paragraphs_keeping_the_heading() -> None:
    paragraph = " ".join(["word"] * 60)
    body = "Intro line.\n\n## Long part (长)\n\n" + "\n\n".join([paragraph] * 5)
    doc = GuidelineDoc(source="x.md", title="X", genre="all", topic="x", language="en", body=body)
    parts = [c for c in chunk_document(doc) if c.heading == "Long part (长)"]
    assert len(parts) >= 2
    assert all(len(c.text.split()) <= MAX_CHUNK_WORDS for c in parts)
    assert sum(len(c.text.split()) for c in parts) == 300


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("", "front matter"),
        ("---\ngenre: horror\ntopic: x\nlanguage: en\n---\n", "genre 'horror'"),
        ("---\ngenre: all\ntopic: Bad Topic\nlanguage: en\n---\n", "topic"),
        ("---\ngenre: all\ntopic: x\nlanguage: fr\n---\n", "language 'fr'"),
        ("---\ngenre: [unclosed\n---\n", "not valid YAML"),
    ],
)
def test_malformed_front_matter_names_the_file(tmp_path: Path, front: str, message: str) -> None:
    page = tmp_path / "broken.md"
    page.write_text(front + "# Title\n\nBody.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as caught:
        parse_document(page)
    assert "broken.md" in str(caught.value)


def test_missing_or_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        guideline_files(tmp_path / "nowhere")
    with pytest.raises(CorpusError, match="no .md files"):
        guideline_files(tmp_path)


def test_fingerprint_follows_content_not_timestamps(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    shutil.copytree(GUIDELINES_DIR, folder)
    before = corpus_fingerprint(folder)
    assert corpus_fingerprint(GUIDELINES_DIR) == before
    page = folder / "subtitles.md"
    page.touch()
    assert corpus_fingerprint(folder) == before
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert corpus_fingerprint(folder) != before
    assert corpus_fingerprint(folder, model_id="other") != corpus_fingerprint(folder)
