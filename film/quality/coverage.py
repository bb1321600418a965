"""The idea is told: its key terms reach the logline and the scenes, and its people the cast.

Idea terms are English content words (no function, request or time words; light stemming)
and Chinese character bigrams without function characters (see
:func:`film.quality.text.cjk_terms`). A term is covered when the draft uses it anywhere.

Thresholds, and why:

* The logline must carry at least one term and a fifth of them in English (an eighth in
  Chinese), capped at 3 terms: one sentence can paraphrase, but a logline that shares
  nothing with the idea is a different film. The recorded failure ("The Best Ever" for a
  grandmother-and-dumplings idea) shares none.
* The whole screenplay must carry 40 % of the English terms (30 % of the Chinese
  bigrams), capped at 8 terms: a faithful draft repeats the idea's nouns (grandmother,
  dumplings, bus driver) in its logline, bible and scenes and clears this, while paraphrase,
  synonyms and bigrams across word boundaries (which never match) keep a faithful draft
  from reaching much more. The cap keeps a long, detailed idea from demanding every detail.
* The scenes alone must carry a fifth of the English terms (15 % of the Chinese), capped
  at 4: short scenes name people by name ("小明", not "儿子") and show rather than restate,
  so they carry less of the idea's wording than the logline does, but scenes that carry
  almost none are about something else, whatever the logline says.
* People come first: a kin or trade word of the idea (father, grandmother, bus driver, 爸爸,
  奶奶) must be somebody in the bible. The Chinese film about winning a father over once had
  no father at all, although its bigram coverage was fine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from film.quality.findings import Finding
from film.quality.genre import without_genre_names
from film.quality.people.words import PEOPLE, PERSON_WORDS
from film.quality.story.away import away_words
from film.quality.text import cjk_terms, content_words, latin_words, same_word, stem
from film.screenplay import Language

LOGLINE_SHARE = {"en": 0.2, "zh": 0.125}
LOGLINE_CAP = 3
FILM_SHARE = {"en": 0.4, "zh": 0.3}
FILM_CAP = 8
SCENES_SHARE = {"en": 0.2, "zh": 0.15}
SCENES_CAP = 4


def idea_terms(idea: str) -> list[str]:
    """The idea's key terms: English content stems, then Chinese bigrams, each once.

    Genre names are request, not story, so they are cut out first.
    """
    idea = without_genre_names(idea)
    terms: list[str] = []
    for term in [*content_words(idea), *cjk_terms(idea)]:
        if term not in terms:
            terms.append(term)
    return terms


def covered(terms: Sequence[str], text: str) -> list[str]:
    """The ``terms`` that ``text`` uses."""
    stems = {stem(w) for w in latin_words(text)}
    found: list[str] = []
    for term in terms:
        if term.isascii():
            if any(same_word(term, s) for s in stems):
                found.append(term)
        elif term in text:
            found.append(term)
    return found


def needed(count: int, share: float, cap: int) -> int:
    """How many of ``count`` terms a draft must carry: ``share`` of them, 1 to ``cap``."""
    return min(cap, max(1, math.ceil(count * share))) if count else 0


def _coverage_finding(
    check: str, path: str, where: str, terms: Sequence[str], found: Sequence[str], need: int
) -> Finding:
    missing = [t for t in terms if t not in found][:8]
    return Finding(
        check,
        path,
        "",
        f"The {where} does not tell the user's idea: it uses {len(found)} of its key words "
        f"and needs at least {need}. Build it from the idea itself; work in: "
        + ", ".join(missing)
        + ".",
    )


def _film_terms(idea: str, language: Language) -> list[str]:
    """The idea's terms a film in ``language`` can carry: a Chinese film has no English.

    An English idea asked for in Chinese (a Chinese interface) cannot have its English
    words on a Chinese screen, where the language mends strike them; offline there is no
    dictionary to say them in Chinese, so such a film is held to no terms.
    """
    terms = idea_terms(idea)
    return [t for t in terms if not t.isascii()] if language == "zh" else terms


def check_logline_coverage(idea: str, logline_text: str, language: Language) -> list[Finding]:
    """The title, logline and theme together carry the idea's key terms."""
    terms = _film_terms(idea, language)
    need = needed(len(terms), LOGLINE_SHARE[language], LOGLINE_CAP)
    found = covered(terms, logline_text)
    if len(found) >= need:
        return []
    return [_coverage_finding("coverage.logline", "logline", "logline", terms, found, need)]


def check_film_coverage(
    idea: str, film_text: str, scene_text: str, language: Language
) -> list[Finding]:
    """The screenplay as a whole, and its scenes on their own, carry the idea's key terms.

    ``film_text`` is every visible field; ``scene_text`` only the scenes' (places, action,
    dialogue, visuals). The second, lower bar catches a logline copied from the idea over
    scenes about something else.
    """
    terms = _film_terms(idea, language)
    findings: list[Finding] = []
    need = needed(len(terms), FILM_SHARE[language], FILM_CAP)
    found = covered(terms, film_text)
    if len(found) < need:
        findings.append(_coverage_finding("coverage.film", "", "screenplay", terms, found, need))
    need = needed(len(terms), SCENES_SHARE[language], SCENES_CAP)
    found = covered(terms, scene_text)
    if len(found) < need:
        findings.append(
            _coverage_finding("coverage.scenes", "scenes", "scenes", terms, found, need)
        )
    return findings


#: Words that hold a person word but name somebody else: 大妈 is no 妈 (mother), 老婆婆 no
#: 老婆 (wife), 老师傅 no 老师 (teacher), 孙女婿 no 孙女. They take their place in the text
#: (:func:`person_word_spans`) and are never a person word themselves.
NOT_PERSON_WORDS = tuple("大妈 姑妈 姨妈 舅妈 干妈 干爹 老婆婆 老公公 老师傅 孙女婿 孙媳妇".split())
_CJK_WORDS = frozenset(w for w in PERSON_WORDS if not w.isascii())
_NO_GENERAL = r"(?!\s+(?:store|shop|idea|sense|rule|meeting|election|public|purpose|knowledge"
_NO_GENERAL += r"|strike|hospital|practitioner|manager|assembly|audience|direction|feeling|plan))"
_A_GENERAL = re.compile(  # the person, or a bible line "Walter general …"; not "in general"
    rf"\b(?:the|a|an|old|young|great|his|her|exiled)\s+generals?\b{_NO_GENERAL}"
    rf"|(?-i:\bGeneral\s+[A-Z])|(?m:^(?!in\s)(?:\S+\s+)?generals?\b{_NO_GENERAL})",
    re.I,
)


@lru_cache(maxsize=1024)
def person_word_spans(text: str) -> tuple[tuple[int, str], ...]:
    """The Chinese person words ``text`` uses, as (start, word), in the order of the text.

    Longest first and never overlapping: a kin word inside a longer one at the same place
    is no person of its own. Recorded (a real draft): "外婆把织了一冬天的围巾寄给在北方读书
    的外孙女" asked for 外孙 and 孙女 besides the 外孙女, because both are inside her word.
    So 外孙女 is one granddaughter, 外孙子 one grandson, and "奶奶和孙女" still two people. On a
    tie in length the earlier word wins. :data:`NOT_PERSON_WORDS` hold their place and are
    left out.
    """
    found = []
    for word in (*_CJK_WORDS, *NOT_PERSON_WORDS):
        start = text.find(word)
        while start >= 0:
            found.append((start, word))
            start = text.find(word, start + 1)
    found.sort(key=lambda hit: (-len(hit[1]), hit[0]))
    taken: list[tuple[int, str]] = []
    for start, word in found:
        end = start + len(word)
        if all(end <= at or start >= at + len(held) for at, held in taken):
            taken.append((start, word))
    return tuple(sorted(hit for hit in taken if hit[1] in _CJK_WORDS))


def chinese_person_words(text: str) -> list[str]:
    """The Chinese person words ``text`` uses (see :func:`person_word_spans`), in order."""
    return [word for _start, word in person_word_spans(text)]


def mentions(text: str, word: str) -> bool:
    """Whether ``text`` uses the person word ``word``.

    Stems must be equal: the groups already list the variants, and a shared prefix would
    make a granddad of a granddaughter. A Chinese person word counts only where it is a
    word of its own (:func:`person_word_spans`): the 孙女 and 外孙 inside 外孙女 do not.
    """
    if word == "general":
        return bool(_A_GENERAL.search(text))
    if word.isascii():
        return any(stem(word) == stem(w) for w in latin_words(text))
    if word in _CJK_WORDS:
        return word in chinese_person_words(text)
    return word in text


def idea_people(idea: str) -> list[tuple[str, ...]]:
    """The people the idea names and shows (not the exiled or dead: ``story.away``)."""
    return [
        group
        for group in PEOPLE
        if (said := [word for word in group if mentions(idea, word)]) and not away_words(idea, said)
    ]


def idea_people_words(idea: str) -> list[str]:
    """The people the idea names, each in the word the idea itself uses ("孙子", "driver").

    The characters prompt names them up front: asked only after the fact, a small model
    kept leaving the idea's granddaughter or grandson out of the bible.
    """
    return [next(w for w in group if mentions(idea, w)) for group in idea_people(idea)]


def person_word_key(name: str) -> str:
    """One key for every kin or role word of one person ("Grandma", "Grandmother", "奶奶")."""
    plain = " ".join(name.lower().split())
    return next((group[0] for group in PEOPLE if plain in group), plain)


def check_people(idea: str, bible: Iterable[tuple[str, str]]) -> list[Finding]:
    """Every person the idea names is somebody in the bible (by name, role or look)."""
    cast_text = "\n".join(f"{name} {description}" for name, description in bible)
    findings: list[Finding] = []
    for group in idea_people(idea):
        if not any(mentions(cast_text, word) for word in group):
            native = "/".join(w for w in group if not w.isascii())
            message = (
                f"The idea is about a {group[0]} ({native}), but nobody in the character bible "
                "is one. Add them, with a name and a look, and say who they are in 'role'."
            )
            findings.append(Finding("coverage.missing-person", "characters", group[0], message))
    return findings
