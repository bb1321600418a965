"""What the craft bench keeps about one idea: its request, its timings, its gate and its film.

Pure data and pure measures, so the report can be checked on synthetic records without a
model: :class:`StageClock` turns the typed turn events (with the time each arrived) into
seconds per stage and the time to the first visible text, and :func:`measure` reads length,
language and idea coverage off a finished screenplay with the studio's own helpers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

from agent.events import Progress, ReplyToken, StageEnded, StageStarted, TurnEvent
from agent.model.gate import GateRecord
from film.form import estimate_runtime
from film.language import detect_language
from film.quality.coverage import covered, idea_terms
from film.quality.fields import joined, scene_fields, screenplay_fields
from film.quality.runtime import TOLERANCE, within
from film.screenplay import Genre, Screenplay

IDEAS_PATH = Path(__file__).with_name("ideas.yaml")
LENGTH_TOLERANCE = TOLERANCE
"""The issue's bar, as the gate applies it: the estimated runtime within ±15 % of the request."""


class Idea(BaseModel):
    """One benchmark idea, as ``ideas.yaml`` writes it."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    language: Literal["en", "zh"]
    genre: Genre | None = None
    """What the user asks for; None lets the studio choose."""
    seconds: int = Field(ge=20, le=600)
    idea: str = Field(min_length=1)


def load_ideas(path: Path = IDEAS_PATH) -> list[Idea]:
    """The ideas in ``path`` (a YAML list), validated."""
    return [Idea.model_validate(item) for item in yaml.safe_load(path.read_text("utf-8"))]


def pick_ideas(ideas: Sequence[Idea], wanted: Sequence[str], limit: int | None) -> list[Idea]:
    """The ``wanted`` ids in file order (all when empty), at most ``limit`` of them.

    Raises:
        ValueError: an id is not in the set (the message lists the known ones).
    """
    known = {idea.id for idea in ideas}
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise ValueError(f"unknown idea ids {unknown}; known: {', '.join(sorted(known))}")
    chosen = [idea for idea in ideas if not wanted or idea.id in wanted]
    return chosen[:limit] if limit is not None else chosen


@dataclass
class StageTiming:
    """One graph stage: its wall seconds and how long the user waited to see anything."""

    name: str
    seconds: float = 0.0
    first_visible_s: float | None = None
    """Seconds from the stage's start to its first reply token or progress event."""
    first_token_s: float | None = None
    """Seconds from the stage's start to its first streamed reply token."""
    longest_silence_s: float = 0.0
    """The longest wait inside the stage with nothing new shown (start, tokens, progress
    and end are what a user sees). A progress line at the start and one at the end of a
    50 s stage is a 50 s silence, however quickly the first line came."""


@dataclass
class _Run:
    name: str
    started: float
    last_seen: float


class StageClock:
    """Seconds per stage, from the events of one or more turns and the times they arrived.

    Stages run one at a time while drafting, so a token or progress event belongs to the
    stage that started last and has not ended. A stage run twice (a retry, a resumed
    turn) adds up; its first visible text is the first one seen.
    """

    def __init__(self) -> None:
        self.stages: dict[str, StageTiming] = {}
        self._open: dict[str, _Run] = {}  # by task id

    def _silence(self, run: _Run, now: float) -> None:
        timing = self.stages[run.name]
        timing.longest_silence_s = max(timing.longest_silence_s, now - run.last_seen)
        run.last_seen = now

    def see(self, event: TurnEvent, now: float) -> None:
        """Account for ``event``, which arrived at ``now`` (any monotonic clock)."""
        if isinstance(event, StageStarted):
            self._open[event.task_id] = _Run(event.name, now, now)
            self.stages.setdefault(event.name, StageTiming(event.name))
        elif isinstance(event, StageEnded) and event.task_id in self._open:
            run = self._open.pop(event.task_id)
            self._silence(run, now)
            self.stages[run.name].seconds += now - run.started
        elif isinstance(event, ReplyToken | Progress) and self._open:
            run = list(self._open.values())[-1]
            self._silence(run, now)
            timing = self.stages[run.name]
            if timing.first_visible_s is None:
                timing.first_visible_s = now - run.started
            if isinstance(event, ReplyToken) and timing.first_token_s is None:
                timing.first_token_s = now - run.started

    def timings(self) -> list[StageTiming]:
        """The stages in the order they first started."""
        return list(self.stages.values())


@dataclass(frozen=True)
class Measures:
    """What the bench reads off a finished screenplay."""

    title: str
    genre: str
    scenes: int
    runtime_s: float
    language: str
    """The language :func:`film.language.detect_language` finds in the visible fields."""
    terms: int
    """The idea's key terms (:func:`film.quality.coverage.idea_terms`)."""
    covered_film: int
    """How many of them the whole screenplay uses."""
    covered_scenes: int
    """How many of them the scenes alone use."""


def measure(screenplay: Screenplay, idea: str) -> Measures:
    """Length, language and idea coverage of ``screenplay``, with the studio's own helpers."""
    visible = screenplay_fields(screenplay)
    scenes = [f for i, s in enumerate(screenplay.scenes) for f in scene_fields(s, i)]
    terms = idea_terms(idea)
    return Measures(
        title=screenplay.title,
        genre=screenplay.genre.value,
        scenes=len(screenplay.scenes),
        runtime_s=estimate_runtime(screenplay),
        language=detect_language(joined(visible)),
        terms=len(terms),
        covered_film=len(covered(terms, joined(visible))),
        covered_scenes=len(covered(terms, joined(scenes))),
    )


@dataclass
class IdeaResult:
    """Everything the bench learnt from drafting one idea."""

    idea: Idea
    seconds: float
    """Wall seconds of the whole draft, genre answer included."""
    stages: list[StageTiming] = field(default_factory=list)
    gate: list[GateRecord] = field(default_factory=list)
    measures: Measures | None = None
    """None when no version 1 came back."""
    screenplay: Screenplay | None = None
    """Version 1, when it was saved."""
    error: str | None = None
    """The turn's failure message (a refusal, a model failure) or a crash."""
    scores: dict[str, int] | None = None
    """The LLM judge's 0-5 marks per criterion, when a judge ran."""
    reasons: dict[str, str] = field(default_factory=dict)
    judge_error: str | None = None

    @property
    def drafted(self) -> bool:
        """A version 1 exists and no stage failed: the gate let the whole film through."""
        return self.measures is not None and self.error is None

    @property
    def length_error(self) -> float | None:
        """Estimated runtime against the request, as a signed share (-0.1 is 10 % short)."""
        if self.measures is None:
            return None
        return self.measures.runtime_s / self.idea.seconds - 1

    @property
    def length_ok(self) -> bool:
        """Within :data:`LENGTH_TOLERANCE` of the requested length."""
        return self.measures is not None and within(self.measures.runtime_s, self.idea.seconds)

    @property
    def language_ok(self) -> bool:
        """The visible text is in the idea's language."""
        return self.measures is not None and self.measures.language == self.idea.language

    @property
    def coverage(self) -> float | None:
        """Share of the idea's key terms the screenplay uses."""
        if self.measures is None or not self.measures.terms:
            return None
        return self.measures.covered_film / self.measures.terms
