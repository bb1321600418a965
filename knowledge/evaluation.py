"""Retrieval evaluation: labelled questions, hit@k overall and per language.

Shared by the test that guards retrieval quality and by bench/bench_retrieval.py, so both
report the same figures. A question counts as a hit@k when the expected document is the
source of any of the first k passages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.corpus import GUIDELINES_DIR, LANGUAGES, guideline_files
from knowledge.search import Mode, Passage, search_guidelines

QUESTIONS_FILE = Path(__file__).resolve().parent / "eval" / "questions.yaml"


@dataclass(frozen=True)
class Question:
    """One labelled question."""

    q: str
    lang: str
    expect: str


@dataclass
class EvalReport:
    """hit@1 and hit@3 overall and per language, plus the misses for inspection."""

    total: int = 0
    hits1: dict[str, int] = field(default_factory=dict)
    hits3: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[Question, list[str]]] = field(default_factory=list)

    def rate(self, k: int, lang: str | None = None) -> float:
        """hit@k (k is 1 or 3) for one language, or overall when ``lang`` is None."""
        hits = self.hits1 if k == 1 else self.hits3
        if lang is None:
            return sum(hits.values()) / self.total if self.total else 0.0
        count = self.counts.get(lang, 0)
        return hits.get(lang, 0) / count if count else 0.0


def load_questions(
    path: Path = QUESTIONS_FILE, corpus_dir: Path = GUIDELINES_DIR
) -> list[Question]:
    """The labelled questions, checked against the corpus.

    Raises:
        ValueError: for a malformed entry or an expected document that does not exist.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = {p.name for p in guideline_files(corpus_dir)}
    questions: list[Question] = []
    for number, entry in enumerate(data.get("questions", []), start=1):
        question = Question(q=str(entry["q"]), lang=str(entry["lang"]), expect=str(entry["expect"]))
        if question.lang not in LANGUAGES:
            raise ValueError(f"Question {number}: lang must be one of {LANGUAGES}.")
        if question.expect not in known:
            raise ValueError(f"Question {number}: {question.expect} is not a guideline file.")
        questions.append(question)
    return questions


Searcher = Callable[[str], Sequence[Passage]]


def evaluate(
    questions: Sequence[Question], search: Searcher | None = None, *, mode: Mode = "hybrid"
) -> EvalReport:
    """Run every question through ``search`` (default: top-3 unfiltered search)."""

    def default(text: str) -> Sequence[Passage]:
        return search_guidelines(text, k=3, mode=mode)

    run = search or default
    report = EvalReport()
    for question in questions:
        sources = [p.source for p in run(question.q)][:3]
        report.total += 1
        report.counts[question.lang] = report.counts.get(question.lang, 0) + 1
        top1 = bool(sources) and sources[0] == question.expect
        top3 = question.expect in sources
        report.hits1[question.lang] = report.hits1.get(question.lang, 0) + int(top1)
        report.hits3[question.lang] = report.hits3.get(question.lang, 0) + int(top3)
        if not top3:
            report.misses.append((question, sources))
    return report
