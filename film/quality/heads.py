"""A role's head noun: who a person is, said in one word.

"The baker across the street" is a baker, "food delivery rider" a rider, and "The meeting
at the bakery window" is a meeting, which is no person at all. The name checks and the
bible's mends ask the same question of a role, so the answer lives here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from film.quality.text import latin_words

#: Words after which an English role stops naming the person and starts placing them.
_AFTER_HEAD = re.compile(
    r"\b(?:across|at|from|of|in|on|with|who|whose|that|which|next|by|for|near|to|behind|"
    r"beside|under|over|around|inside|outside)\b|[,;(（]",
    re.I,
)
_ARTICLE = re.compile(r"^(?:a|an|the|this|that|one)\s+", re.I)

#: Family words that English scripts use as names ("DAD", "GRANDMA"): not a job.
_KIN_NAMES = frozenset(
    "mom mum mother dad father grandma grandpa granny grandmother grandfather nana son "
    "daughter brother sister aunt uncle".split()
)

#: Person nouns that end like a gerund: a king is somebody, a meeting is not.
_PEOPLE_IN_ING = frozenset(
    "king darling sibling viking underling weakling foundling earthling youngling "
    "duckling nestling offspring being".split()
)
#: Heads that are an event, a time or a thing a model cast as a character.
_NOT_PEOPLE = frozenset(
    "encounter reunion farewell moment scene event ceremony festival party night day "
    "winter summer spring autumn letter note notes window story memory dream".split()
)


def role_head(role: str) -> str:
    """The head noun of an English ``role``, lower-cased ("" for a Chinese or empty one).

    The head is the last word before the role starts placing the person: "The baker
    across the street" is "baker", "a retired piano teacher who lost her hearing" is
    "teacher".
    """
    words = latin_words(_head_phrase(role))
    return words[-1].lower() if words else ""


def _head_phrase(role: str) -> str:
    """An English ``role`` up to where it starts placing the person ("" for a Chinese one)."""
    return _AFTER_HEAD.split(role.strip(), maxsplit=1)[0].strip() if role.isascii() else ""


def job_as_name(name: str, role: str) -> bool:
    """An English name that is only the role's own job word.

    "Rider" for a "food delivery rider"; "Baker" for "The baker across the street" (the
    nurse and the baker, 2026-12-03: her cues read BAKER through the film, since the
    role's last word, "street", was all this compared).
    """
    words = latin_words(name)
    if len(words) != 1 or words[0].lower() in _KIN_NAMES:
        return False
    heads = {role_head(role)}
    plain = latin_words(role)
    if plain:
        heads.add(plain[-1].lower())
    return words[0].lower() in heads - {""}


def names_no_person(role: str) -> bool:
    """Whether an English ``role`` is an event, a time or a thing, not somebody.

    Recorded (the nurse and the baker, 2026-12-03): beside the two of them, the bible
    cast "Meeting", role "The meeting at the bakery window", whose look was "The
    characters are standing at the window". A head ending in -ing that is said as a common
    noun (after an article or in lower case) is an event; "Xiaoming" is a name.
    """
    head = role_head(role)
    if not head:
        return False
    common = bool(_ARTICLE.match(_head_phrase(role))) or re.search(rf"\b{head}\b", role) is not None
    if head in _NOT_PEOPLE:
        return common
    return common and head.endswith("ing") and len(head) > 5 and head not in _PEOPLE_IN_ING


def owned_label(name: str, names: Iterable[str]) -> bool:
    """Whether ``name`` only says whose someone is: "Sam's friend", 小明的朋友.

    Recorded (craft bench, the drummer, 2026-12-04): "Sam's friend" was a bible name, cued
    as SAM'S FRIEND; a reader took it for a label, not a person. Only where the owner is
    another of ``names``.
    """
    for owner in names:
        if (
            owner
            and owner != name
            and (
                re.fullmatch(rf"{re.escape(owner)}['’]s\s+[a-z][a-z ]*", name.strip())
                or re.fullmatch(rf"{re.escape(owner)}的[\u4e00-\u9fff]{{1,4}}", name.strip())
            )
        ):
            return True
    return False
