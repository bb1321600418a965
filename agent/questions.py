"""The questions a graph run stops to ask: an ``interrupt()`` value with a ``type``, typed.

:func:`agent.session.stream_turn` reads the state snapshot's interrupts into one of these
(:data:`QUESTION_KINDS`, in order); the chat app, the CLI and the terminal chat answer it
with ``Command(resume=...)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self


@dataclass(frozen=True)
class InterruptQuestion:
    """A question the graph stopped to ask (an ``interrupt()`` value with a ``type``).

    Subclasses name their ``KIND``; answer with ``Command(resume=...)``.
    """

    payload: dict[str, Any]

    KIND: ClassVar[str] = ""

    @classmethod
    def from_interrupt(cls, value: Any) -> Self | None:
        """The question an interrupt's value asks, or None if it is another kind."""
        if isinstance(value, Mapping) and value.get("type") == cls.KIND:
            return cls(dict(value))
        return None


@dataclass(frozen=True)
class GenreQuestion(InterruptQuestion):
    """The graph stopped to ask for the genre.

    ``payload`` is the interrupt's value as docs/ARCHITECTURE.md fixes it: ``question``,
    ``recommended`` and six ``options`` (genre, label, pitch).
    """

    KIND: ClassVar[str] = "choose_genre"

    @property
    def options(self) -> list[dict[str, Any]]:
        """The genres offered, in order."""
        return list(self.payload.get("options") or [])


@dataclass(frozen=True)
class CostQuestion(InterruptQuestion):
    """The graph stopped before a paid render to ask whether to spend it.

    ``payload``: :func:`agent.production.spending.cost_payload` (docs/ARCHITECTURE.md).
    Answer ``{"approve": True}``, or words ("yes" / "确认").
    """

    KIND: ClassVar[str] = "confirm_cost"


@dataclass(frozen=True)
class SheetQuestion(InterruptQuestion):
    """The graph stopped before a keyframe-first render to have the character sheets approved.

    ``payload``: :func:`agent.production.sheets.sheet_payload` (``sheets``: name, path, take).
    Answer ``{"approve": True}``, ``{"regenerate": name}``, or words ("yes", "redo Mia",
    "重画 Mia"); anything else stops the render.
    """

    KIND: ClassVar[str] = "approve_sheets"

    @property
    def names(self) -> list[str]:
        """The characters whose sheets are shown, in order."""
        return [str(sheet.get("name")) for sheet in self.payload.get("sheets") or []]


Question = GenreQuestion | CostQuestion | SheetQuestion
QUESTION_KINDS: tuple[type[Question], ...] = (GenreQuestion, CostQuestion, SheetQuestion)


def read_question(value: Any) -> Question | None:
    """The typed question an interrupt's value asks, or None for an unknown kind."""
    for kind in QUESTION_KINDS:
        question = kind.from_interrupt(value)
        if question is not None:
            return question
    return None
