"""Who "他" or "He" is, when a line of speech opens on a pronoun.

Recorded (the offline 1.5B model): "他把纸条递给张华，并说：“明天见。”" stayed an action
line, its quote lettered on the picture and never voiced. Speech leaves the action only
from a named speaker (:func:`film.quality.people.speech.speech_to_dialogue`), and
:func:`film.quality.people.pronouns.speakers_named` names "他" only when the scene has one
man in it. A reader knows more: the pronoun is the line's subject, so it is nobody the
line itself names (递给张华 makes 张华 the receiver, "hands Tom the note" Tom); it is the one
person the action line before names, or, when that names nobody who fits, the scene's one
possible speaker. Sex rules people out where name or role says it: 他 is no 奶奶, "He" no
Mia. Two who fit, or none, and the line stays as it is: a wrong speaker is worse than a
quote left in the action. A group (他们, 她们, They) is nobody's line.

The deed stays as action under its pronoun ("他把纸条递给张华。") and the words become the
speaker's dialogue line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from film.quality.gender import given_name_sex
from film.quality.people.sexes import FEMALE, MALE, own_sex, sex_of
from film.screenplay import DialogueLine, Scene

_OPENING = re.compile(r"^\s*(?:(?P<zh>[他她])(?![们俩人])|(?P<en>He|She)\b)")
_SEX = {"他": MALE, "He": MALE, "她": FEMALE, "She": FEMALE}

#: How a line of speech is read once its speaker is named: (what is left, the line).
Reader = Callable[[str, Sequence[str]], tuple[str, DialogueLine] | None]


def _mentions(text: str, names: Sequence[str]) -> list[str]:
    """The names ``text`` mentions, in order; a longer name hides a shorter one inside it."""
    found: list[tuple[int, str]] = []
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        pattern = re.escape(name) if not name.isascii() else rf"(?<!\w){re.escape(name)}(?!\w)"
        hit = re.search(pattern, text)
        if hit:
            found.append((hit.start(), name))
            text = re.sub(pattern, lambda m: "\0" * len(m.group(0)), text)
    return [name for _, name in sorted(found)]


def _sex(name: str, role: str) -> str:
    """The sex a person's name or role says ("f", "m"), or "" where it says none."""
    return own_sex(name, role) or sex_of(role) or given_name_sex(name)


def referent(
    line: str,
    before: Sequence[str],
    people: Sequence[tuple[str, str]],
    present: Sequence[str],
) -> tuple[str, str] | None:
    """(the pronoun ``line`` opens on, the one person it can be), or None.

    ``before``: the scene's action lines before ``line``, nearest last. ``people``: the
    film's people as (name, role); ``present``: the names in the scene. When the line
    before opens on the same pronoun, both lines have one subject, and it is looked for
    further back.
    """
    opening = _OPENING.match(line)
    if opening is None:
        return None
    pronoun = opening.group("zh") or opening.group("en")
    roles = dict(people)
    named_here = set(_mentions(line[opening.end() :], list(roles)))

    def fits(name: str) -> bool:
        return name not in named_here and _sex(name, roles.get(name, "")) in ("", _SEX[pronoun])

    if before:
        previous = _OPENING.match(before[-1])
        if previous and (previous.group("zh") or previous.group("en")) == pronoun:
            earlier = referent(before[-1], before[:-1], people, present)
            return earlier if earlier and fits(earlier[1]) else None
        named = [name for name in _mentions(before[-1], list(roles)) if fits(name)]
        if named:
            return (pronoun, named[0]) if len(named) == 1 else None
    alike = [name for name in dict.fromkeys(present) if name in roles and fits(name)]
    return (pronoun, alike[0]) if len(alike) == 1 else None


def pronoun_speech(
    scene: Scene, index: int, people: Sequence[str], roles: Sequence[str], read: Reader
) -> tuple[str, DialogueLine] | None:
    """Action line ``index`` of ``scene`` as (its deed, under its pronoun; the spoken line).

    None unless the line opens on a pronoun that is one person (:func:`referent`) and,
    that person named, ``read`` finds them speaking. ``roles`` are ``people``'s, in order
    (empty where unknown).
    """
    line = scene.action[index]
    opening = _OPENING.match(line)
    if opening is None:
        return None
    cast = [(name, roles[i] if i < len(roles) else "") for i, name in enumerate(people)]
    present = [*scene.characters, *(spoken.speaker for spoken in scene.dialogue)]
    found = referent(line, scene.action[:index], cast, present)
    if found is None:
        return None
    pronoun, name = found
    said = read(name + line[opening.end() :], people)
    if said is None or said[1].speaker != name:
        return None
    rest, spoken = said
    return (pronoun + rest[len(name) :] if rest.startswith(name) else rest), spoken
