"""Model answers through the quality gate: ask, judge, and retry with the failure named.

Every drafting stage and every creative revision runs its answers through
:func:`answer_checked` before anything is shown, saved as a version or rendered. A finding
triggers a targeted retry that tells the model exactly what was wrong
(:func:`film.quality.retry_note`); after the last attempt the best answer comes back with
what is still wrong, and :func:`ask_checked` (the drafting stages' entry) turns blocking
findings into a :class:`GateFailure` that carries the honest message for the user
(:func:`film.quality.refusal_message`), never the junk itself.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from langchain_core.messages import BaseMessage, HumanMessage
from langgraph.runtime import Runtime
from pydantic import BaseModel

from agent.context import Context
from agent.model.ask import StageFailure, ask_model
from agent.prompts import without_guidance
from film.quality import Finding, Stage, fired, refusal_message, retry_note
from film.screenplay import Language

log = logging.getLogger(__name__)
SchemaT = TypeVar("SchemaT", bound=BaseModel)
ResultT = TypeVar("ResultT")

#: The language instruction repeated with every retry note, in the film's language: the
#: note itself is English, and a small model follows the language it read last.
REMINDERS = {
    "en": "Write everything in English.",
    "zh": "全部用简体中文重写：人名、地点、动作和台词都用中文。",
}


GATE_RETRIES = 2
"""Targeted retries after the quality gate finds a defect. The first usually fixes it; the
second catches a fix that broke something else. More rarely helps a small model, and each
costs a whole answer's time."""

SOFT_CHECKS = frozenset(
    {
        "coverage.missing-person",
        "coverage.grandchild-look",
        "copying.logline-is-idea",
        "copying.title-is-idea",
        "coverage.logline-step",
        "coverage.implied-person",
        "coverage.idea-sex",
        "completeness.vague-time",
        "completeness.theme-is-genre",
        "coverage.idea-action",
        "arc.turn-early",
        "arc.turn-missing",
        "arc.turn-pasted",
        "arc.never",
        "arc.logline",
        "arc.title-spoils",
        "arc.goal-missing",
        "repetition.character",
        "runtime.too-short",
        "runtime.too-long",
        "runtime.beat-count",
    }
)
"""Checks that earn a retry but do not block once the retries are spent.

``coverage.missing-person`` is strict by design (an idea that merely mentions "the general
who exiled her father" fires it), so a bible that still lacks such a person after the
retries is kept rather than refused: missing a side character is a weaker film, not junk on
screen; ``coverage.implied-person`` (the driver of "his granddaughter" never called her
grandfather) likewise, as is ``coverage.idea-sex`` (the bible's exact fix casts the idea's
girl whenever a person's role leaves their sex open, so only a bible of fathers and sons
for a girl's idea is left to it), and so are a vague setting time ("a season") and a theme
that is the genre's name: weak words on the title page, not a broken film.
``coverage.idea-action`` too: the outline is asked for the idea's action and the rewrite
told where to show it, but a film that only talks about the bike ride is a weaker film, not
a broken one. The idea's arc (``arc.*``: its turn told first, its goal never reached, or
what it forbids happening) likewise: a film told out of order is weaker, and the retry
names the beat to move it to.
``repetition.character`` (a person in another's wardrobe) is asked only of the drafting
stage, never of a finished film, so after the retries three courtiers in the same robes are
kept: the 1.5B model refused a whole five-minute bible on it. Length is fitted after the
scenes by lengthening, the smart cut and form repair, so a runtime finding on one answer is
only advice; an outline with fewer beats than planned (repeats dropped) gets longer scenes,
which is a film, where a refusal is not. The idea pasted as the logline or title, a turn
told only by its paste and a logline silent on a step are asked once (:data:`ASK_ONCE`)."""

_ONCE = "copying.logline-is-idea copying.title-is-idea arc.turn-pasted coverage.logline-step"
ASK_ONCE = frozenset(_ONCE.split())
"""Soft checks asked about once: after one retry names them, no answer is judged on them.

Each asks for the model's own words where a paste says it (the idea as the logline or title,
the turn as a scene's last line), or for a step left out; a second ask rarely helped, and
each costs an answer. Once, not on the first answer only: the scooter's second logline
dropped the karaoke after its first was refused for a copied guide (CLI, 2026-12-04)."""


def blocks(finding: Finding) -> bool:
    """Whether ``finding`` stops a draft from being shown once its retries are spent."""
    return finding.check not in SOFT_CHECKS


@dataclass
class Checked(Generic[ResultT]):
    """The best answer the gate saw, what is still wrong with it, and what fired on the way.

    Attributes:
        result: The answer after the caller's deterministic fixes.
        findings: What the gate still finds in it (soft findings only, when it passed).
        fired: Every check id that fired on any attempt (for logs and the bench).
        attempts: How many answers were asked for.
    """

    result: ResultT
    findings: list[Finding]
    fired: list[str] = field(default_factory=list)
    attempts: int = 1

    @property
    def blocking(self) -> list[Finding]:
        """The findings that keep this answer from being shown."""
        return [f for f in self.findings if blocks(f)]


def _rank(findings: Sequence[Finding]) -> tuple[int, int]:
    return sum(1 for f in findings if blocks(f)), len(findings)


async def answer_checked(
    ask: Callable[[list[BaseMessage]], Awaitable[SchemaT]],
    messages: Sequence[BaseMessage],
    check: Callable[[SchemaT], tuple[ResultT, list[Finding]]],
    *,
    retries: int = GATE_RETRIES,
    reminder: str = "",
) -> Checked[ResultT]:
    """Ask, judge with ``check``, and retry with the findings named, keeping the best answer.

    ``check`` applies the exact deterministic fixes first (a place's stray "- DAY", a
    speaker's spelling) and returns the fixed result with what the gate still finds. A
    retry asks afresh: the same prompt with :func:`film.quality.retry_note` (plus
    ``reminder``, e.g. the language instruction in the film's language) added to its end,
    so the shared prompt prefix stays cached. The rejected answer is not shown again: the
    note quotes what was wrong, and in the craft bench a 1.5B model shown its own answer
    copied it back through every retry (the same borrowed wardrobe, the same repeated
    beats, the same ``”}, {``). Model errors propagate.
    """
    conversation = list(messages)
    best: Checked[ResultT] | None = None
    seen: list[str] = []
    asked: set[str] = set()  # an ASK_ONCE check is asked about once, whichever answer fired it
    attempt = 0
    while attempt <= retries:
        attempt += 1
        answer = await ask(conversation)
        result, findings = check(answer)
        findings = [f for f in findings if not (f.check in ASK_ONCE and f.check in asked)]
        seen += [check_id for check_id in fired(findings) if check_id not in seen]
        if best is None or _rank(findings) < _rank(best.findings):
            best = Checked(result, findings)
        if not findings or attempt > retries:
            break
        log.info(
            "quality gate: asking again after %s",
            "; ".join(f"{f.check} at {f.path or 'the whole'}: {f.text!r}" for f in findings),
        )
        asked.update(f.check for f in findings)
        note = retry_note(findings) + (f"\n{reminder}" if reminder else "")
        copied = any(f.family == "copying" for f in findings)
        conversation = _with_note(messages, note, keep_guidance=not copied)
    assert best is not None
    best.fired, best.attempts = seen, attempt
    return best


def _with_note(
    messages: Sequence[BaseMessage], note: str, *, keep_guidance: bool = True
) -> list[BaseMessage]:
    """``messages`` with ``note`` added to the end of the last request (its task).

    After a copied guideline example the retry goes without the guidance: told not to,
    the 1.5B model still wrote the spoof guide's "takeaway rider receives a quest scroll"
    three times while the guide sat in its prompt.
    """
    if not messages or not isinstance(messages[-1], HumanMessage):
        return [*messages, HumanMessage(note)]
    request = str(messages[-1].content)
    request = request if keep_guidance else without_guidance(request)
    return [*messages[:-1], HumanMessage(f"{request}\n\n{note}")]


@dataclass(frozen=True)
class GateRecord:
    """What one gated stage answer (or whole-film review) went through, for the craft bench.

    Attributes:
        stage: The drafting stage that asked ("scenes (whole film)" for the review).
        fired: Every check id that fired on any attempt, in first-seen order.
        attempts: How many answers were asked for (reviews: how many times it was judged).
        passed: No blocking finding remained (fired checks, if any, were repaired).
    """

    stage: str
    fired: tuple[str, ...]
    attempts: int
    passed: bool


_recording: ContextVar[list[GateRecord] | None] = ContextVar("gate_records", default=None)


@contextlib.contextmanager
def recording_gate() -> Iterator[list[GateRecord]]:
    """Collect a :class:`GateRecord` for every gated answer and review inside the block.

    A context variable rather than a global list, so two conversations (or two tests)
    never see each other's records; graph nodes run in tasks that copy the caller's
    context, so they append to the caller's list. Outside the block nothing is kept.
    """
    records: list[GateRecord] = []
    token = _recording.set(records)
    try:
        yield records
    finally:
        _recording.reset(token)


def record_gate(record: GateRecord) -> None:
    """Hand ``record`` to the :func:`recording_gate` block around this run, if any."""
    records = _recording.get()
    if records is not None:
        records.append(record)


class GateFailure(StageFailure):
    """A stage's answers kept failing the gate; ``str(exc)`` is the honest message.

    A :class:`StageFailure`, so the stage stops the way it does when the model is
    unreachable: nothing is shown or saved, and "try again" resumes the same stage.
    """

    def __init__(self, message: str, findings: Sequence[Finding], best: Any = None) -> None:
        super().__init__(message)
        self.findings = list(findings)
        self.best = best
        """The best answer the gate saw (after the exact fixes), for a targeted repair."""


async def ask_checked(
    runtime: Runtime[Context],
    schema: type[SchemaT],
    messages: Sequence[BaseMessage],
    *,
    check: Callable[[SchemaT], tuple[ResultT, list[Finding]]],
    stage: Stage,
    language: str,
    retries: int = GATE_RETRIES,
    retry_inline: bool = False,
    fresh_round: bool = False,
) -> Checked[ResultT]:
    """One gated answer for a drafting ``stage`` (:func:`answer_checked` over ask_model).

    With ``fresh_round``, answers that still fail after the retries are not yet the end:
    the stage is asked once more from its plain prompt, with its own retries, and the
    better of the two rounds counts. The retry notes steer a small model along one path,
    and on a bad path every retry fails alike (the guard's scene kept one English word
    through three answers, 2026-12-01); a fresh start samples another. It costs time
    only where the alternative is a refusal.

    Raises:
        GateFailure: blocking findings remain after the last retry.
        StageFailure: the model itself failed (see :func:`ask_model`).
    """

    async def ask(conversation: list[BaseMessage]) -> SchemaT:
        return await ask_model(
            runtime,
            schema,
            conversation,
            stage=stage,
            language=language,
            retry_inline=retry_inline,
        )

    reminder = REMINDERS["zh" if language == "zh" else "en"]
    checked = await answer_checked(ask, messages, check, retries=retries, reminder=reminder)
    if checked.blocking and fresh_round:
        log.info(
            "quality gate %s: starting afresh after %s",
            stage,
            "; ".join(f"{f.check} at {f.path or 'the whole'}" for f in checked.blocking),
        )
        again = await answer_checked(ask, messages, check, retries=retries, reminder=reminder)
        fired_ids = [*checked.fired, *(c for c in again.fired if c not in checked.fired)]
        attempts = checked.attempts + again.attempts
        if _rank(again.findings) < _rank(checked.findings):
            checked = again
        checked.fired, checked.attempts = fired_ids, attempts
    record_gate(GateRecord(stage, tuple(checked.fired), checked.attempts, not checked.blocking))
    if checked.fired:
        log.info(
            "quality gate %s: fired %s; %s after %d attempt(s)",
            stage,
            ", ".join(checked.fired),
            "refused" if checked.blocking else "passed",
            checked.attempts,
        )
    if checked.blocking:
        lang: Language = "zh" if language == "zh" else "en"
        message = refusal_message(checked.blocking, lang, stage)
        raise GateFailure(message, checked.blocking, checked.result)
    return checked
