"""Every field a viewer sees is in the film's language (Chinese idea, Chinese screenplay).

A grandmother-and-dumplings idea once came back as "The Best Ever" starring Mike and Liam.
Each field is judged on its own by counting scripts: a Chinese word is about two characters,
so a field is "mostly English" when its Latin words outnumber half its CJK characters, and
the other way round. Short capitalised tokens (DJ, KTV, VIP) and brand-like words inside
Chinese text ("买了一部iPhone") are normal Chinese usage and pass; a Chinese film's people
need Chinese names, while a lone Latin brand may stand for a place or a prop ("KTV").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from film.quality.fields import PERSON, VisibleText, scene_label
from film.quality.findings import Finding
from film.quality.text import cjk_count, latin_words, shorten
from film.screenplay import Language

_ACRONYM = re.compile(r"^[A-Z]{1,5}$")
#: A lower-case English word this long inside a Chinese line is English, not a name.
_SLIP_LETTERS = 5
_LANGUAGE_NAMES = {"en": "English", "zh": "Simplified Chinese"}
#: The voice hint only picks a synthetic voice; nobody reads it.
_UNREAD = frozenset({"voice"})


def _story_words(text: str) -> list[str]:
    """Latin words that are not acronyms (DJ, KTV) and not single letters."""
    return [w for w in latin_words(text) if len(w) > 1 and not _ACRONYM.match(w)]


def wrong_script(text: str, language: Language, kind: str = "line") -> bool:
    """Whether ``text`` is mostly in the other language than ``language``.

    ``kind`` is the field kind (see :data:`film.quality.fields.Kind`): names, speakers and
    casts must be written in the film's script; a single Latin word elsewhere (a brand used
    as a place or prop) is allowed in Chinese, but not a plain lower-case English word.
    """
    cjk = cjk_count(text)
    if language == "zh":
        words = _story_words(text)
        if cjk == 0:
            if kind in PERSON:
                return bool(words)
            return len(words) >= (2 if kind in ("place", "prop") else 1)
        # "学会这么 complicated的东西": a plain English word inside Chinese is a slip; a
        # name or brand (Python, iPhone, KTV) is written with a capital and is kept.
        slip = len(words) <= 2 and any(w.islower() and len(w) >= _SLIP_LETTERS for w in words)
        return len(words) > cjk / 2 or (slip and kind not in ("place", "prop"))
    return cjk > 0 and cjk / 2 > len(latin_words(text))


def check_script(fields: Iterable[VisibleText], language: Language) -> list[Finding]:
    """One finding per viewer-visible field written in the wrong language."""
    name = _LANGUAGE_NAMES[language]
    findings: list[Finding] = []
    for field in fields:
        if field.kind in _UNREAD or not wrong_script(field.text, language, field.kind):
            continue
        what = "name" if field.kind in PERSON else field.kind.replace("_", " ")
        example = "a Chinese name" if language == "zh" else "an English name"
        advice = (
            f"Write it in {name}, with {example}."
            if field.kind in PERSON
            else f"Write it in {name}; the whole film is in {name}."
        )
        findings.append(
            Finding(
                "script.wrong-language",
                field.path,
                shorten(field.text),
                f"{scene_label(field.path)}: the {what} {field.text!r} is not in {name}. {advice}",
            )
        )
    return findings


def check_language_tag(tagged: Language, language: Language) -> list[Finding]:
    """The screenplay's own language tag must be the film's language."""
    if tagged == language:
        return []
    return [
        Finding(
            "script.wrong-language",
            "language",
            tagged,
            f"The film must be in {_LANGUAGE_NAMES[language]}, not {_LANGUAGE_NAMES[tagged]}.",
        )
    ]
