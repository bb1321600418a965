"""Small, bounded "draft" schemas the model fills in at each drafting stage.

The domain models in :mod:`film.screenplay` describe a finished screenplay; these describe
what one model call may return. Every string and array is bounded and every choice is a
``Literal`` because small local models only emit valid JSON reliably under tight bounds
(see stack-facts). :mod:`agent.drafting.converters` turns them into domain objects.
"""

from __future__ import annotations

import functools
from typing import Annotated, Literal

from pydantic import BaseModel, Field, create_model

from film.screenplay import Genre

GenreSlug = Literal[
    "grassroots-spoof",
    "youth-romance",
    "inspirational-struggle",
    "ancient-style",
    "touching-family",
    "aesthetic-scenery",
]
LINE_CHARS = 160
Line = Annotated[str, Field(min_length=1, max_length=LINE_CHARS)]
Name = Annotated[str, Field(min_length=1, max_length=30)]
PROP_CHARS = 40
VOICE_CHARS = 60
LOOK_CHARS = 160
Prop = Annotated[str, Field(min_length=1, max_length=PROP_CHARS)]


#: One pitch: the prompt asks for 25 words, which an English answer can spend 170 letters on;
#: a tighter bound cut pitches off mid-phrase (2026-12-04).
PITCH_CHARS = 180


class GenrePitchesDraft(BaseModel):
    """One line per genre on how the idea would play in it, plus a recommendation."""

    grassroots_spoof: str = Field(min_length=1, max_length=PITCH_CHARS)
    youth_romance: str = Field(min_length=1, max_length=PITCH_CHARS)
    inspirational_struggle: str = Field(min_length=1, max_length=PITCH_CHARS)
    ancient_style: str = Field(min_length=1, max_length=PITCH_CHARS)
    touching_family: str = Field(min_length=1, max_length=PITCH_CHARS)
    aesthetic_scenery: str = Field(min_length=1, max_length=PITCH_CHARS)
    recommended: GenreSlug
    reason: str = Field(default="", max_length=160)

    def pitch(self, genre: Genre) -> str:
        """The pitch for ``genre``."""
        return str(getattr(self, genre.value.replace("-", "_"))).strip()


class LoglineDraft(BaseModel):
    """Stage 1: what the film is called and what it is about."""

    title: str = Field(min_length=1, max_length=60)
    logline: str = Field(min_length=1, max_length=240)
    theme: str = Field(min_length=1, max_length=120)
    setting_time: str = Field(default="", max_length=60)


class CharacterDraft(BaseModel):
    """One bible entry, with the look pinned for visual consistency."""

    name: Name
    role: str = Field(min_length=2, max_length=100)
    look: str = Field(min_length=3, max_length=LOOK_CHARS)
    wardrobe: str = Field(min_length=3, max_length=LOOK_CHARS)
    props: list[Prop] = Field(default_factory=list, max_length=4)
    voice: str = Field(default="", max_length=VOICE_CHARS)


class CastDraft(BaseModel):
    """Stage 2: the character bible."""

    characters: list[CharacterDraft] = Field(min_length=1, max_length=5)


#: The longest beat summary: one or two sentences, as the outline asks.
SUMMARY_CHARS = 200


class BeatDraft(BaseModel):
    """One beat of the outline; it becomes one scene."""

    place: str = Field(min_length=1, max_length=60)
    interior: Literal["INT", "EXT"] = "INT"
    time_of_day: Literal["DAY", "NIGHT", "MORNING", "EVENING", "DUSK", "DAWN"] = "DAY"
    summary: str = Field(min_length=1, max_length=SUMMARY_CHARS)
    characters: list[Name] = Field(default_factory=list, max_length=4)


class OutlineDraft(BaseModel):
    """Stage 3: the beat outline."""

    beats: list[BeatDraft] = Field(min_length=1, max_length=12)


class LineDraft(BaseModel):
    """One spoken line."""

    speaker: Name
    text: Line
    parenthetical: str = Field(default="", max_length=40)


class SceneDraft(BaseModel):
    """Stage 4: what happens and what is said in one scene."""

    action: list[Line] = Field(min_length=1, max_length=5)
    dialogue: list[LineDraft] = Field(default_factory=list, max_length=8)
    visual: str = Field(default="", max_length=240)


@functools.lru_cache(maxsize=32)
def outline_schema(count: int) -> type[OutlineDraft]:
    """An outline schema asking for exactly ``count`` beats.

    Constrained decoding enforces array sizes, so the size of the film is decided here,
    not left to a small model's judgement.
    """
    return create_model(  # type: ignore[no-any-return, call-overload]
        "OutlineDraft",
        __base__=OutlineDraft,
        __doc__=OutlineDraft.__doc__,
        beats=(list[BeatDraft], Field(min_length=count, max_length=count)),
    )


class SpokenLine(BaseModel):
    """One spoken line as a first draft asks for it: who says what, no acting note.

    The 1.5B model filled every parenthetical it was offered, mostly with stage directions
    or the same note for both speakers ("(He looks at his phone.)"); a parenthetical is
    optional in a screenplay, and leaving it out saves tokens on every line.
    """

    speaker: Name
    text: Line


@functools.lru_cache(maxsize=64)
def scene_schema(actions: int, lines: int) -> type[SceneDraft]:
    """A scene schema asking for at least ``actions`` action and ``lines`` dialogue lines.

    The lower bounds are exact and the grammar enforces them: offered one fewer, the real
    model wrote one fewer in every scene, and films came out a quarter short. One or two
    more are allowed.
    """
    return create_model(  # type: ignore[no-any-return, call-overload]
        "SceneDraft",
        __base__=SceneDraft,
        __doc__=SceneDraft.__doc__,
        action=(list[Line], Field(min_length=max(1, actions), max_length=max(5, actions + 1))),
        dialogue=(
            list[SpokenLine],
            Field(default_factory=list, min_length=max(0, lines), max_length=max(8, lines + 2)),
        ),
    )


class SceneMore(BaseModel):
    """Stage 4's lengthening: only the lines that come next in a scene already written."""

    action: list[Line] = Field(default_factory=list, max_length=3)
    dialogue: list[SpokenLine] = Field(default_factory=list, max_length=8)


@functools.lru_cache(maxsize=32)
def more_schema(actions: int, lines: int) -> type[SceneMore]:
    """A schema for exactly ``actions`` more action and ``lines`` more dialogue lines.

    Rewriting a whole scene to lengthen it cost a full scene's tokens and often gained
    nothing (the craft bench logged "scene 2 lengthened from 14.6 s to 14.6 s"); asked
    only for what is missing, the answer is a third as long and can only add.
    """
    return create_model(  # type: ignore[no-any-return, call-overload]
        "SceneMore",
        __base__=SceneMore,
        __doc__=SceneMore.__doc__,
        action=(list[Line], Field(min_length=actions, max_length=actions)),
        dialogue=(list[SpokenLine], Field(min_length=lines, max_length=lines + 1)),
    )
