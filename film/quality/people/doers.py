"""Who does the idea's deed: a clause of the idea, retold, keeps the person who does it.

A Chinese idea often says its deed in a clause with no subject of its own, after the
clause that names who does it: in "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出
口的叮嘱都包进了饺子里" the advice is wrapped by 奶奶. The 1.5B model copies such a clause
whole and puts it after someone else: its logline was "孙子在厨房里包饺子，把没说出口的叮嘱
都包进了饺子里", so the grandson wrapped the advice, and the scenes followed the logline (the
dumplings, 2026-12-05, and 21:36 before it). The exact fix names the idea's doer before the
copied clause; nothing else of the sentence changes.
"""

from __future__ import annotations

import re

from film.quality.mend.steps import with_subject
from film.quality.text import cjk_count

#: Where a Chinese clause ends.
_CLAUSE_END = re.compile(r"[，,；;。！？!?]")
#: Where a Chinese sentence ends.
_SENTENCE_END = re.compile(r"[。！？!?]")
#: The shortest clause worth matching: shorter ones ("包饺子") are any story's words.
_SHORTEST = 6


def idea_deeds(idea: str) -> list[tuple[str, str]]:
    """(clause, doer) for each clause of ``idea`` that names nobody, and who does it.

    The doer is read as :func:`film.quality.mend.steps.with_subject` reads a step: the
    person the nearest clause before it names.
    """
    clauses = [c.strip() for c in _CLAUSE_END.split(idea)]
    deeds = []
    for index, clause in enumerate(clauses):
        if cjk_count(clause) < _SHORTEST:
            continue
        done = with_subject(clause, clauses[:index], [])
        if done != clause and done.endswith(clause):
            deeds.append((clause, done[: len(done) - len(clause)]))
    return deeds


def with_idea_doers(text: str, idea: str) -> str:
    """``text`` in which each clause copied from ``idea`` is done by the idea's doer.

    Only where ``text`` puts someone else before it, or nobody in its own sentence: a
    logline that gives the deed to its doer already ("奶奶教孙子包饺子，把…") is left alone.
    """
    for clause, doer in idea_deeds(idea):
        at = text.find(clause)
        if at < 0:
            continue
        before = text[:at]
        opening = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
        own = with_subject(clause, [before[opening:]], [])
        if own[: len(own) - len(clause)] == doer or before.rstrip("，, ").endswith(doer):
            continue
        text = f"{before}{doer}{text[at:]}"
    return text
