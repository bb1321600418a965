"""The guidelines' example phrases, and the finding for a draft field that copies one.

A copy is a run of three content words in the same order inside one clause of a guideline
and of a draft field (see :mod:`film.quality.copying`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from film.language import CJK_RUN
from film.quality.fields import VisibleText, scene_label
from film.quality.findings import Finding
from film.quality.text import CLAUSE_BREAK, content_words, shorten

RUN_WORDS = 3
RUN_CJK = 5
#: An unquoted guideline clause this long is prose (advice), not a menu item.
PROSE_WORDS = 6
PROSE_CJK = 12
#: A worked example in a code fence (the Fountain guide's "The Last Bus Home").
FENCED = re.compile(r"```[^\n]*\n(.*?)```", re.DOTALL)
#: A quoted example may wrap onto the next line of the guide, never across a paragraph.
QUOTED = re.compile(
    r'"((?:[^"\n]|\n(?!\s*\n)){3,200})"|“([^”]{2,200})”|「([^」]{2,200})」|『([^』]{2,200})』'
)
#: Settings the guides list are suggestions to use ("the old family kitchen"), not facts.
_SUGGESTED = frozenset({"place"})


def _word_runs(text: str) -> set[tuple[str, ...]]:
    """Every run of :data:`RUN_WORDS` content words inside one clause of ``text``."""
    runs: set[tuple[str, ...]] = set()
    for clause in CLAUSE_BREAK.split(text):
        words = content_words(clause)
        runs.update(tuple(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1))
    return runs


def _cjk_runs(text: str) -> set[str]:
    """Every run of :data:`RUN_CJK` Chinese characters in ``text``."""
    return {
        run[i : i + RUN_CJK] for run in CJK_RUN.findall(text) for i in range(len(run) - RUN_CJK + 1)
    }


def _examples(guideline: str) -> list[str]:
    """The parts of ``guideline`` that are examples: quoted spans and long prose clauses."""
    fenced = FENCED.findall(guideline)
    guideline = FENCED.sub(" ", guideline)
    quoted = ["".join(groups) for groups in QUOTED.findall(guideline)]
    prose = [
        clause
        for clause in CLAUSE_BREAK.split(QUOTED.sub(" ", guideline))
        if len(content_words(clause)) >= PROSE_WORDS
        or sum(len(run) for run in CJK_RUN.findall(clause)) >= PROSE_CJK
    ]
    return fenced + quoted + prose


@functools.lru_cache(maxsize=16)
def _indexed(guidelines: tuple[str, ...]) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """The word runs and Chinese runs of the guidelines' examples, kept: stages share them."""
    examples = [part for guideline in guidelines for part in _examples(guideline)]
    words: set[tuple[str, ...]] = set().union(*(_word_runs(e) for e in examples))
    cjk: set[str] = set().union(*(_cjk_runs(e) for e in examples))
    return frozenset(words), frozenset(cjk)


class GuidelinePhrases:
    """The phrases of some guideline texts, minus those the user's idea also uses."""

    def __init__(self, guidelines: Sequence[str], idea: str = "") -> None:
        words, cjk = _indexed(tuple(guidelines))
        self.words = words - _word_runs(idea)
        self.cjk = cjk - _cjk_runs(idea)

    def copied(self, text: str) -> str:
        """The first guideline phrase ``text`` copies (its content words as written), or ""."""
        for clause in CLAUSE_BREAK.split(text):
            words = content_words(clause)
            for i in range(len(words) - RUN_WORDS + 1):
                if tuple(words[i : i + RUN_WORDS]) in self.words:
                    return " ".join(content_words(clause, stemmed=False)[i : i + RUN_WORDS])
        for run in CJK_RUN.findall(text):
            for i in range(len(run) - RUN_CJK + 1):
                if run[i : i + RUN_CJK] in self.cjk:
                    return run[i : i + RUN_CJK]
        return ""


def _from_idea(title: str, idea: str) -> bool:
    """Whether most of the title's words are the idea's own.

    "The Last Bus Home" for a driver's last ride on his bus route is the idea's title, even
    though the Fountain guide's example film has the same name; refusing it refused a whole
    draft in the craft bench.
    """
    words = content_words(title)
    ideas = set(content_words(idea))
    if words:
        return sum(w in ideas for w in words) * 2 >= len(words)
    runs = [title[i : i + 2] for i in range(len(title) - 1)]
    return bool(runs) and sum(r in idea for r in runs) * 2 >= len(runs)


def check_copying(
    fields: Iterable[VisibleText], guidelines: Sequence[str], idea: str = ""
) -> list[Finding]:
    """One finding per field that repeats a guideline's example phrase."""
    if not guidelines:
        return []
    phrases = GuidelinePhrases(guidelines, idea)
    findings: list[Finding] = []
    for field in fields:
        if field.kind in _SUGGESTED or (field.kind == "title" and _from_idea(field.text, idea)):
            continue
        phrase = phrases.copied(field.text)
        if phrase:
            findings.append(
                Finding(
                    "copying.guideline",
                    field.path,
                    shorten(field.text),
                    f"{scene_label(field.path)}: the {field.kind.replace('_', ' ')} copies the "
                    f"writing guide's example ({phrase!r}). The guide is advice, not story: "
                    "describe this film's own people, places and things in your own words.",
                )
            )
    return findings
