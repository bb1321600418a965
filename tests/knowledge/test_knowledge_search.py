"""Retrieval over the packaged guidelines: filters, citations, errors and the labelled eval."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from guides_kit import guideline_home

from film.screenplay import Genre
from knowledge import Passage, search_guidelines
from knowledge.evaluation import evaluate, load_questions


@pytest.fixture(scope="module", autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with guideline_home(tmp_path_factory, "knowledge-home") as folder:
        yield folder


def test_passages_carry_source_heading_and_citation() -> None:
    found = search_guidelines("What makes a good ancient-style ending?")
    assert len(found) == 4 and all(isinstance(p, Passage) for p in found)
    best = found[0]
    assert best.source == "genre-ancient-style.md" and best.heading == "Endings (结尾)"
    assert best.citation() == "genre-ancient-style.md › Endings (结尾)"
    assert best.genre == "ancient-style" and best.topic == "genre-guide"
    assert "fate" in best.text and best.title.startswith("Ancient Style")
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


def test_chinese_question_finds_the_chinese_term() -> None:
    # The English guides carry the Chinese terms in their headings; the Chinese guide says them.
    found = search_guidelines("古风微电影的结尾怎么写？", k=3, language="en")
    assert ("genre-ancient-style.md", "Endings (结尾)") in [(p.source, p.heading) for p in found]
    best = search_guidelines("古风微电影的结尾怎么写？", genre="ancient-style", k=1)[0]
    assert (best.source, best.heading) == ("genre-ancient-style.zh.md", "结尾 (Endings)")


@pytest.mark.parametrize("genre", list(Genre))
def test_language_keeps_to_that_languages_guides(genre: Genre) -> None:
    chinese = search_guidelines("台词风格：人物怎么说话", genre=genre.value, k=3, language="zh")
    assert {(p.source, p.language) for p in chinese} == {(f"genre-{genre.value}.zh.md", "zh")}
    assert chinese[0].heading == "台词风格 (Dialogue voice)"
    english = search_guidelines("how characters talk, dialogue", genre=genre.value, language="en")
    assert {(p.source, p.language) for p in english} == {(f"genre-{genre.value}.md", "en")}
    assert english[0].heading == "Dialogue voice (台词风格)"


def test_language_reads_a_locale_and_applies_to_the_form_guides() -> None:
    found = search_guidelines("结尾 反转", genre="all", k=4, language="zh-CN")
    assert found and {p.language for p in found} == {"zh"}
    assert found[0].source == "form-endings.zh.md"
    either = {p.language for p in search_guidelines("ending 结尾", k=20)}
    assert either == {"en", "zh"}  # no language: every guide


def test_a_language_without_the_guide_falls_back_to_any_language() -> None:
    found = search_guidelines("场景标题怎么写", topic="screenplay-format", k=2, language="zh")
    assert found and {(p.source, p.language) for p in found} == {("screenplay-fountain.md", "en")}
    # A genre and topic no guide shares stays empty rather than dropping the genre.
    assert search_guidelines("字幕", genre="ancient-style", topic="subtitles", language="zh") == []


@pytest.mark.parametrize("genre", list(Genre))
def test_genre_filter_keeps_to_that_genre(genre: Genre) -> None:
    found = search_guidelines("how should the music feel", genre=genre.value, k=5)
    assert found and {p.genre for p in found} == {genre.value}
    assert found[0].heading.startswith("Music")


def test_genre_filter_accepts_names_and_all() -> None:
    by_name = search_guidelines("dialogue", genre="古风", k=2)
    assert {p.source for p in by_name} == {"genre-ancient-style.md"}
    assert search_guidelines("dialogue", genre="Ancient Style", k=2) == by_name
    general = search_guidelines("dialogue", genre="all", k=6)
    assert general and all(p.genre == "all" for p in general)


def test_topic_filter_and_combined_filters() -> None:
    found = search_guidelines("how long", topic="subtitles", k=3)
    assert {p.topic for p in found} == {"subtitles"} and found[0].source == "subtitles.md"
    assert search_guidelines("how long", genre="youth-romance", topic="subtitles") == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"query": "   "}, "query was empty"),
        ({"query": "x", "k": 0}, "k must be between"),
        ({"query": "x", "k": 99}, "k must be between"),
        ({"query": "x", "genre": "horror"}, "Choose one of: grassroots-spoof"),
        ({"query": "x", "topic": "casting"}, "Unknown topic 'casting'. Choose one of:"),
        ({"query": "x", "language": "fr"}, "Unknown language 'fr'. Choose one of: en, zh"),
    ],
)
def test_bad_arguments_get_clear_messages(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        search_guidelines(**kwargs)  # type: ignore[arg-type]


def test_very_long_query_is_accepted() -> None:
    assert search_guidelines("subtitle " * 2000, k=1)[0].source == "subtitles.md"


def test_labelled_questions_hit_at_3_at_least_90_percent() -> None:
    questions = load_questions()
    assert len(questions) >= 40
    assert {q.lang for q in questions} == {"en", "zh"}
    assert {f"genre-{g.value}.md" for g in Genre} <= {q.expect for q in questions}
    assert {f"genre-{g.value}.zh.md" for g in Genre} <= {q.expect for q in questions}
    report = evaluate(questions)
    misses = [(q.q, q.expect, got) for q, got in report.misses]
    assert report.rate(3) >= 0.9, misses
    assert report.rate(3, "zh") >= 0.85 and report.rate(3, "en") >= 0.85, misses


def test_hybrid_beats_dense_alone_on_chinese() -> None:
    questions = [q for q in load_questions() if q.lang == "zh"]
    assert evaluate(questions).rate(3) > evaluate(questions, mode="dense").rate(3) + 0.2
