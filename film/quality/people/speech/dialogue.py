"""Speech written as action moves to the dialogue, in its place (see the package notes)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.people.speech.attributed import crowd_speaking, tagged_exchange, tagged_turns
from film.quality.people.speech.narration import narration_to_action
from film.quality.people.speech.reading import (
    ONLY_PUNCTUATION,
    en_exchange,
    labelled_line,
    read_speech,
    speaker_at_start,
    zh_exchange,
)
from film.quality.story.referents import pronoun_speech
from film.screenplay import DialogueLine, Scene


def speech_to_dialogue(scene: Scene, people: Sequence[str], roles: Sequence[str] = ()) -> Scene:
    """``scene`` with speech written as action moved into its dialogue, in its place.

    The other way too: a line that narrates its own speaker is action (:func:`narration_to_action`).
    Speech under "他"/"He" is its one referent's (:mod:`film.quality.story.referents`).
    """
    # Who speaks in the scene is someone, bible or not: "突然，一个程序员走过来，对她说：…" (12-03).
    people = [*people, *(name for name in scene.characters if name not in people)]
    scene = narration_to_action(scene, people)
    answered = [
        part
        for line in scene.dialogue
        for reply in _answered_within(line, people)
        for part in tagged_turns(reply, people)
    ]
    if answered != scene.dialogue:
        scene = scene.model_copy(update={"dialogue": answered})
    actions: list[str] = []
    dialogue = list(scene.dialogue)
    moved, total = 0, max(1, len(scene.action))
    for index, action in enumerate(scene.action):
        if ONLY_PUNCTUATION.sub("", action) in people or crowd_speaking(action):
            continue  # "保安大爷。": a cue's name left alone as action (the guard, 2026-12-03)
        exchange = (
            zh_exchange(action, people)
            or en_exchange(action, people)
            or tagged_exchange(action, people, speaker_at_start(action, people))
        )
        found = (
            labelled_line(action, people)
            or read_speech(action, people)
            or pronoun_speech(scene, index, people, roles, read_speech)
        )
        if exchange is not None:
            rest, said = exchange
        elif found is not None:
            rest, said = found[0], [found[1]]
        else:
            actions.append(action)
            continue
        if rest:
            actions.append(rest)
        after: int | None = None  # an exchange goes on after the line it shares
        for line in said:
            same = [i for i, existing in enumerate(dialogue) if existing.text == line.text]
            if same:
                after = same[0] + 1
                continue  # already said as dialogue: the action only repeated it
            at = min(len(dialogue), round(index / total * len(scene.dialogue)) + moved)
            at = at if after is None else after
            dialogue.insert(at, line)
            after, moved = at + 1, moved + 1
    if actions == list(scene.action) and not moved:
        return scene
    if not actions:
        actions = [scene.visual.strip() or scene.place]
    return scene.model_copy(update={"action": actions, "dialogue": dialogue})


#: Another's reply written into a line: "Do you think I can win?', and Taylor says 'Of
#: course! See you then." (craft bench, the lift, 2026-12-04 18:27), quote marks and all.
_REPLY_WITHIN = re.compile(
    r"^(?P<said>.+?[.!?])['’\"”]?,?\s+and\s+(?P<who>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)\s+"
    r"(?:says|replies|answers|asks|adds|responds)\s*,?\s*['‘\"“](?P<reply>.+?)['’\"”]?$"
)


def _answered_within(line: DialogueLine, people: Sequence[str]) -> list[DialogueLine]:
    """``line``, or its own words and the reply by one of ``people`` written into it."""
    found = _REPLY_WITHIN.match(line.text.strip())
    if found is None or found["who"] not in people or found["who"] == line.speaker:
        return [line]
    own = line.model_copy(update={"text": found["said"].strip()})
    return [own, DialogueLine(speaker=found["who"], text=found["reply"].strip())]
