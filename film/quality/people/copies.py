"""Bible entries copied from one another.

The 1.5B model filled a bible by copying the lead into every entry: an orange cat with the
guard's beard and police uniform, three people of an ancient-style film in one leather coat.
"""

from __future__ import annotations

from collections.abc import Sequence

from film.quality.findings import Finding
from film.quality.text import cjk_terms, content_words, normalise, shorten
from film.screenplay import CharacterProfile
from film.speakers import ADDED_WORDS


def check_copied_people(people: Sequence[tuple[str, str, str]]) -> list[Finding]:
    """A character whose look or wardrobe is another's: word for word, or the same words.

    ``people`` holds ``(name, look, wardrobe)`` in bible order.
    """
    findings: list[Finding] = []
    seen: dict[tuple[str, str], str] = {}
    for index, (name, look, wardrobe) in enumerate(people):
        for part, text in (("look", look), ("wardrobe", wardrobe)):
            key = (part, normalise(text))
            if not key[1]:
                continue
            # Or the whole of the other's, with a lead-in: Jamie's look was Alex's without
            # its "Alex has" (en-romance-lift, 2026-12-02).
            held = next((k for k in seen if k[0] == part and _holds_whole(k[1], key[1])), None)
            # Or the same words in another order: Jamie's "short brown hair, glasses, blue
            # shirt with black pants, black shoes" beside Alex's sentences of them (the same
            # bench, after the whole-copy check): two captains drawn as twins.
            held = held or next(
                (k for k in seen if k[0] == part and _same_words(k[1], key[1])), None
            )
            key = held or key
            if key in seen:
                findings.append(
                    Finding(
                        "repetition.character",
                        f"characters[{index}].{part}",
                        shorten(text),
                        f"{name}'s {part} copies {seen[key]}'s. Each person "
                        f"looks different: write {name}'s own {part}.",
                    )
                )
            else:
                seen[key] = name
    return findings


#: The shortest look or wardrobe (normalised characters) that is a copy when another's
#: holds it whole: "blue jeans" may be two people's, a whole sentence of looks is not.
_WHOLE_COPY = 24


def _holds_whole(first: str, second: str) -> bool:
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= _WHOLE_COPY and shorter in longer


#: How much of two looks' words must be shared (of all their words) to call them one look.
_SAME_WORDS = 0.7
#: The fewest words a look needs before its words alone say it is a copy.
_FEWEST_WORDS = 5


def _same_words(first: str, second: str) -> bool:
    """Whether two normalised looks are made of nearly the same words, in any order."""
    words = [set(content_words(t)) | set(cjk_terms(t)) for t in (first, second)]
    if min(len(w) for w in words) < _FEWEST_WORDS:
        return False
    return len(words[0] & words[1]) / len(words[0] | words[1]) >= _SAME_WORDS


def _mostly_theirs(mine: str, theirs: str) -> bool:
    """Whether nearly all of a text's words (five or more) are in another's."""
    words = [set(content_words(t)) | set(cjk_terms(t)) for t in (mine, theirs)]
    least = min(len(w) for w in words)
    return least >= _FEWEST_WORDS and len(words[0] & words[1]) >= 0.8 * least


def not_a_copy(
    newcomer: CharacterProfile, people: Sequence[CharacterProfile], language: str
) -> CharacterProfile:
    """``newcomer`` with the role, look or wardrobe it copied from ``people`` made plain.

    Recorded (craft bench, the scooter, 2026-12-04 21:42): the entry written for a
    "Customer" was the rider's own, role "food delivery rider", his beard and glasses, so the
    picture drew two of him. A copied field gets the plain words a form repair gives.
    """
    plain = ADDED_WORDS["zh" if language == "zh" else "en"]
    met = "someone they meet" if language != "zh" else "遇见的人"
    own = {"role": met, "look": plain["look"], "wardrobe": plain["wardrobe"]}

    def copies(field: str) -> bool:  # word for word, or nearly ("A small backpack…", 22:14)
        mine = normalise(str(getattr(newcomer, field)))
        theirs = [normalise(str(getattr(p, field))) for p in people]
        return bool(mine) and any(
            mine == t or _mostly_theirs(mine, t) or _holds_whole(mine, t) for t in theirs if t
        )

    copied = {field: text for field, text in own.items() if copies(field)}
    return newcomer.model_copy(update=copied) if copied else newcomer
