"""Nobody speaks of themself by name as of someone else: that line is the other's.

Recorded (craft bench, the painter, 2026-12-04): in a scene of the court painter and the
princess, 画师 said "我怀疑画师是不是在操纵我们？" and the princess answered "是的，我怀疑画
师。": the painter suspecting the painter. The 1.5B model loses track of who is talking when
the people are named by their roles, and the line is plainly the princess's. So, in a
scene of exactly two speakers, a line that says "I" and names its own speaker, but not as
a call ("画师，你看") or an introduction ("我是画师", "I'm Sam"), and not the other speaker,
is the other's. A kin word said of oneself is not ("奶奶给你包饺子").
"""

from __future__ import annotations

import re

from film.quality.people.speech.narration import TRADE_WORDS
from film.quality.people.words import PERSON_WORDS
from film.screenplay import Scene

_FIRST_ZH = re.compile(r"[我咱]")
_FIRST_EN = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|me|my|we|us|our)\b")


def _names_self(text: str, own: str) -> bool:
    """Whether ``text``, said by ``own``, speaks of ``own`` as of a third person.

    A kin word names oneself in speech ("奶奶我老了", "Grandma's here"): never so.
    """
    name = re.escape(own.strip())
    if not name or (own.strip().lower() in PERSON_WORDS and own.strip().lower() not in TRADE_WORDS):
        return False
    if own.isascii():
        found = re.search(rf"\b{name}\b(?!\s*[,!?])", text)
        intro = re.search(rf"\b(?:I'm|I am|my name is|call me|it's|this is)\s+{name}\b", text, re.I)
        return bool(found and not intro and not re.match(rf"\W*{name}\W*,", text))
    found = re.search(rf"{name}(?![，,！!？?])", text)
    intro = re.search(rf"(?:我是|我叫|我就是|本){name}", text)
    return bool(found and not intro and not text.lstrip().startswith(f"{own}，"))


def spoken_by_the_other(scene: Scene) -> Scene:
    """``scene`` whose lines of a speaker talking of themself by name are the other's."""
    speakers = list(dict.fromkeys(line.speaker for line in scene.dialogue))
    if len(speakers) != 2:
        return scene
    dialogue = []
    for line in scene.dialogue:
        other = speakers[1] if line.speaker == speakers[0] else speakers[0]
        first = _FIRST_EN if line.speaker.isascii() else _FIRST_ZH
        if (
            first.search(line.text)
            and _names_self(line.text, line.speaker)
            and other.strip() not in line.text
        ):
            line = line.model_copy(update={"speaker": other})
        dialogue.append(line)
    if dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue})
