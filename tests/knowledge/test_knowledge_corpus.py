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


#: Form-wide guides that must exist in Chinese: the micro film basics the drafting stages ground on.
DRAFTING_FORM_TOPICS = {"duration-pacing", "vertical-framing", "story-elements", "hooks", "endings"}
#: Latin words a Chinese guide may use as they are: file formats and a font family.
LATIN_NAMES = {"SRT", "PDF", "Noto", "Sans", "Serif", "SC"}
_GLOSSED = re.compile(r"^([\u4e00-\u9fff].*) \(([A-Za-z][^()]*)\)$")


def docs(language: str | None = None) -> list[GuidelineDoc]:
    found = [parse_document(p) for p in guideline_files()]
    return [d for d in found if language is None or d.language == language]


def twin_name(doc: GuidelineDoc) -> str:
    """The English guide a Chinese one retells: ``genre-x.zh.md`` for ``genre-x.md``."""
    return doc.source.removesuffix(".zh.md") + ".md"


@pytest.mark.parametrize(("language", "suffix"), [("en", ".md"), ("zh", ".zh.md")])
def test_every_genre_has_exactly_one_guide_per_language_with_all_sections(
    language: str, suffix: str
) -> None:
    guides = [d for d in docs(language) if d.genre != "all"]
    assert sorted(d.genre for d in guides) == sorted(g.value for g in Genre)
    for doc in guides:
        assert doc.topic == "genre-guide"
        assert doc.source == f"genre-{doc.genre}{suffix}"
        assert Genre(doc.genre).chinese in doc.title and Genre(doc.genre).english in doc.title
        headings = re.findall(r"^## (.+)$", doc.body, flags=re.MULTILINE)
        for wanted in GENRE_SECTIONS:
            assert any(wanted in h for h in headings), (doc.source, wanted)


def test_form_documents_cover_every_topic() -> None:
    assert {d.topic for d in docs("en") if d.genre == "all"} == FORM_TOPICS
    chinese = {d.topic for d in docs("zh") if d.genre == "all"}
    assert DRAFTING_FORM_TOPICS <= chinese <= FORM_TOPICS


def test_english_documents_are_substantive_and_bilingual() -> None:
    for doc in docs("en"):
        assert not doc.source.endswith(".zh.md")
        words = len(re.findall(r"[A-Za-z']+", doc.body))
        assert words >= 400, (doc.source, words)
        headings = re.findall(r"^## (.+)$", doc.body, flags=re.MULTILINE)
        assert len(headings) >= 5, doc.source
        # Every heading carries its Chinese term, which is what Chinese questions match.
        assert all(re.search(r"[\u4e00-\u9fff]", h) for h in headings), doc.source


def test_chinese_documents_retell_their_english_twin_section_by_section() -> None:
    english = {d.source: d for d in docs("en")}
    chinese = docs("zh")
    assert chinese
    for doc in chinese:
        twin = english[twin_name(doc)]
        assert (doc.genre, doc.topic) == (twin.genre, twin.topic)
        # A Chinese heading glosses its English twin's ("台词风格 (Dialogue voice)"): the gloss
        # is what the stages' English keywords match; the prompt notes show only the Chinese.
        glossed = [_GLOSSED.match(c.heading) for c in chunk_document(doc)]
        assert all(glossed), [c.heading for c in chunk_document(doc)]
        sections = {m.group(2) for m in glossed if m} - {"Overview"}
        assert sections == {h.split(" (")[0] for h in re.findall(r"^## (.+)$", twin.body, re.M)}
        characters = len(re.findall(r"[\u4e00-\u9fff]", doc.body))
        assert characters >= 600, (doc.source, characters)
        # Chinese throughout: the only Latin words outside a gloss are names of things.
        latin = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\([^()]*\)", "", doc.body)))
        assert latin <= LATIN_NAMES, (doc.source, latin - LATIN_NAMES)


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
