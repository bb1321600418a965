"""The idea's steps kept at their beats: exact fixes to an outline, in the user's words.

The plan gives each beat its clause of the idea (:mod:`film.quality.story.steps`), and the
1.5B model still wrote its own order. Recorded (craft bench, 2026-12-03): the dumplings'
first beat folded the unspoken words into the dumplings, the second had the grandson
watch from the door, and the last had him decide to stay home. So, as with the idea's
turn (:mod:`film.quality.mend.arc`), the outline is fixed where the fix is certain:

* a beat that does not tell its step becomes that step, in the idea's words; what the
  model wrote in its place is dropped, since it is what the viewer would have got
  instead of the idea;
* a sentence that tells a later beat's step before its time goes, while the beat keeps
  a sentence.

Whoever the step names is cast in that beat (:func:`named_in`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from film.language import has_cjk
from film.quality.coverage import PERSON_WORDS
from film.quality.story.arc import has_terms
from film.quality.story.steps import plan_steps
from film.quality.text import cjk_terms, content_words, same_word

_SENTENCE = re.compile(r"[^。！？.!?]+[。！？.!?”\"]*")


def step_terms(step: str) -> tuple[str, ...]:
    """The words a beat needs to tell ``step``: Chinese bigrams or English stems."""
    return tuple(dict.fromkeys(cjk_terms(step) if has_cjk(step) else content_words(step)))


def tells_step(text: str, step: str) -> bool:
    """Whether ``text`` (a beat's summary) tells ``step``: two of its words, or its one."""
    terms = step_terms(step)
    if not terms or has_cjk(step):
        return bool(terms) and has_terms(text, terms)
    # Verb forms count as one word: "watches" tells "watching the sea".
    words = content_words(text)
    found = sum(any(same_word(term, word) for word in words) for term in terms)
    return found >= min(2, len(terms))


def in_step_order(
    summaries: Sequence[str], idea: str, *, ending_free: bool, limit: int = 200
) -> list[str]:
    """Outline summaries that tell the idea's steps at their beats (see the module notes)."""
    plan = plan_steps(idea, len(summaries), ending_free)
    fixed = list(summaries)
    for index, step in enumerate(plan):
        if step and not tells_step(fixed[index], step):
            fixed[index] = _as_sentence(step)[:limit]
            continue
        later = [s for s in plan[index + 1 :] if s]
        said = _SENTENCE.findall(fixed[index])
        kept = [s for s in said if not any(tells_step(s, later_step) for later_step in later)]
        if kept and len(kept) < len(said):
            fixed[index] = ("" if has_cjk(fixed[index]) else " ").join(s.strip() for s in kept)
    return fixed


def named_in(text: str, people: Iterable[tuple[str, str]]) -> list[str]:
    """The bible's people (name, role) that ``text`` names: by name, role or kin word.

    "孙子明天就要去外地上大学" names 李孙子 (role 儿子) by the word his name is made of.
    """
    folded = text.casefold()
    found = []
    for name, role in people:
        words = {name.casefold(), role.casefold()} - {""}
        words |= {w for w in PERSON_WORDS if w in name and len(w) >= 2 and not w.isascii()}
        if any(
            re.search(rf"\b{re.escape(w)}\b", folded) if w.isascii() else w in folded for w in words
        ):
            found.append(name)
    return found


def _as_sentence(step: str) -> str:
    step = step.strip()
    step = step[:1].upper() + step[1:]
    stop = "。" if has_cjk(step) else "."
    return step if step[-1:] in ("。", "！", "？", ".", "!", "?") else step + stop
