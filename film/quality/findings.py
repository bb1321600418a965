"""What the gate is given (a :class:`Brief`) and what it answers (:class:`Finding` s).

A finding names one defect precisely enough for a targeted retry: which check fired, which
field (a path such as ``scenes[2].dialogue[0].text``), the offending text, and a message
written to the model that says what to do instead. The caller decides what to retry and
when to give up; the gate only judges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from film.form import DEFAULT_CAP_S
from film.screenplay import Genre, Language

#: The drafting stages, named as in :data:`film.repair.STAGE_CODES`; "revision" is a whole
#: screenplay after a user's edit.
Stage = Literal["logline", "characters", "outline", "scenes", "revision"]

#: The check families, in the order the gate runs them.
CHECKS = (
    "debris",
    "names",
    "script",
    "coverage",
    "genre",
    "repetition",
    "copying",
    "completeness",
    "arc",
    "runtime",
)


@dataclass(frozen=True)
class Brief:
    """What the user asked for: the yardstick every draft is measured against.

    Attributes:
        idea: The user's idea, as typed.
        language: The film's language ("en" or "zh"); a Chinese idea or UI means "zh".
        genre: The genre the user named outright, if any (see
            :func:`film.quality.genre.genre_named_in`); None when the studio chose it.
        target_s: The requested length in seconds, if any.
        guidelines: Guideline texts shown to the model; their example phrases must not come
            back as story facts.
        cap_s: The longest film the studio makes.
    """

    idea: str
    language: Language = "en"
    genre: Genre | None = None
    target_s: float | None = None
    guidelines: tuple[str, ...] = field(default_factory=tuple)
    cap_s: float = DEFAULT_CAP_S


@dataclass(frozen=True)
class Finding:
    """One defect in a draft.

    Attributes:
        check: Dotted id, family first: "names.place-is-time", "debris.json".
        path: The field, e.g. "scenes[2].place" or "characters[0].name"; "" for the whole.
        text: The offending text (shortened), or "" when the defect is an absence.
        message: To the model, for a targeted retry: what is wrong and what to write instead.
    """

    check: str
    path: str
    text: str
    message: str

    @property
    def family(self) -> str:
        """The check family ("names" for "names.place-is-time"), one of :data:`CHECKS`."""
        return self.check.split(".", 1)[0]

    def __str__(self) -> str:
        return self.message


class BeatLike(Protocol):
    """An outline beat, as the drafting stage stores it (``BeatDraft`` fits).

    Read-only properties, so a pydantic model with narrower field types still matches.
    """

    @property
    def place(self) -> str:
        """Where the beat happens."""
        ...

    @property
    def time_of_day(self) -> str:
        """When, as a heading word (DAY, NIGHT...)."""
        ...

    @property
    def summary(self) -> str:
        """What happens, in a sentence."""
        ...

    @property
    def characters(self) -> Sequence[str]:
        """Who is in it, by bible name."""
        ...
