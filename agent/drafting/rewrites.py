"""Beats that retell another, written anew on their own instead of refusing the outline.

A one-minute film has exactly three beats (a hook, a turn, an ending), so a repeated beat
cannot simply be dropped. In the craft bench the 1.5B model wrote the grandmother's
dumplings lesson as beat 1 and again as beat 3 through all three outline attempts, and the
whole draft was refused. Asked for only the repeated beat, told which part of the story it
plays and shown the other beats, it has one short answer to get right instead of a whole
outline to get right again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.beats import MIN_DISTINCT_BEATS
from agent.drafting.brief import cast_listing, facts_for, plan_role
from agent.drafting.schemas import BeatDraft, OutlineDraft, outline_schema
from agent.model.ask import StageFailure, ask_model, stage_messages
from agent.model.gate import GateFailure, GateRecord, blocks, record_gate
from agent.prompts import task
from agent.prompts.texts import EXAMPLE_NAMES, EXAMPLE_THING
from agent.state import State
from film.quality import Finding, fired, repeated_indices
from film.quality.copying import letters, likeness

log = logging.getLogger(__name__)


#: A finding's path inside one beat: "beats[3].summary".
_BEAT_PATH = re.compile(r"^beats\[(\d+)\]")
_REPEATS = frozenset({"repetition.scene", "repetition.line", "copying.guideline"})
#: Answers asked for one repeated beat before the outline is refused: the same task, the
#: same with the retelling named, then "what happens next" after the beat before.
BEAT_TRIES = 3


def repeated_beats(findings: Sequence[Finding]) -> list[int] | None:
    """The beats to rewrite (0-based), or None when something else is wrong as well.

    A beat that retells another is one, and so is a beat that copies the outline's worked
    example: short of story for its middle beats, the 1.5B model wrote "林晓把红雨伞递给
    浑身湿透的陌生人。" into the love-notes outline on two attempts of three (2026-12-01).
    """
    if any(f.check not in _REPEATS for f in findings if blocks(f)):
        return None
    return sorted(_blocked_beats(findings) or ()) or None


def copies_example(summary: str) -> bool:
    """Whether a beat's ``summary`` is the outline's worked example again, not this story."""
    folded = summary.casefold()
    return any(word in folded for word in EXAMPLE_NAMES) or bool(EXAMPLE_THING.search(summary))


#: How alike a new beat and the idea may be before the beat is the whole idea again.
WHOLE_IDEA = 0.75


def whole_idea(summary: str, idea: str) -> bool:
    """Whether a beat's ``summary`` is the whole idea said again, every step in one beat.

    Recorded (craft bench, the night market, 2026-12-04 21:16): beat 5 of six, written anew,
    came back "一个夜市摊位上的煎饼女孩，白天打工，晚上自学编程，想考进一家游戏公司。", and
    its scene repeated the film until the whole draft was refused.
    """
    said = bool(letters(summary) and letters(idea))
    return said and likeness(summary, idea) >= WHOLE_IDEA


def beat_text(beat: BeatDraft) -> str:
    """One beat as the prompt lists it."""
    return f"{beat.interior}. {beat.place} - {beat.time_of_day}: {beat.summary}"


def marked_listing(beats: Sequence[BeatDraft], index: int) -> str:
    """The outline as a rewrite prompt lists it, beat ``index`` (0-based) marked "<<<"."""
    return "\n".join(
        f"{n}. {beat_text(b)}" + ("  <<<" if n == index + 1 else "")
        for n, b in enumerate(beats, start=1)
    )


async def _rewrite_beats(
    runtime: Runtime[Context],
    state: State,
    beats: list[BeatDraft],
    targets: Sequence[int],
    language: str,
    cast: Sequence[str],
) -> list[BeatDraft]:
    """``beats`` with each beat at ``targets`` (0-based) asked for anew, one at a time.

    A beat still retelling an earlier middle beat (or, in a three-beat film, the hook) after
    its tries gets that beat rewritten instead: in the one-minute guard spoof the cat was
    found in beats 2 and 3 through every rewrite of beat 3, the ending the model kept
    reaching for; beat 2 was the one to move.

    Raises:
        StageFailure: the model failed.
    """
    for index in targets:
        beats = await _rewrite_beat(runtime, state, beats, index, language, cast)
    # The hook is kept while a middle beat can move; a three-beat film has none, and the
    # one-prompt street dance's ending retold its hook through every ask (refused,
    # 2026-12-02 04:46): there the hook is asked anew, for a film rather than a refusal.
    first = 0 if len(beats) <= MIN_DISTINCT_BEATS else 1
    for index in targets:
        summaries = [b.summary for b in beats]
        partner = next(
            (
                j
                for j in range(first, index)
                if repeated_indices([summaries[j], summaries[index]]) == [1]
            ),
            None,
        )
        if partner is not None and partner not in targets:
            beats = await _rewrite_beat(runtime, state, beats, partner, language, cast)
    return beats


async def ask_one_beat(runtime: Runtime[Context], language: str, prompt: str) -> BeatDraft:
    """One beat asked for with ``prompt`` (a one-beat outline schema, no gate of its own)."""
    answer = await ask_model(
        runtime,
        outline_schema(1),
        stage_messages(language, prompt),
        stage="outline",
        language=language,
    )
    return answer.beats[0]


async def _rewrite_beat(
    runtime: Runtime[Context],
    state: State,
    beats: list[BeatDraft],
    index: int,
    language: str,
    cast: Sequence[str],
) -> list[BeatDraft]:
    """``beats`` with beat ``index`` asked anew while it repeats (:data:`BEAT_TRIES` at most)."""
    role = plan_role(state, len(beats), index)
    listing = marked_listing(beats, index)
    people = cast_listing(cast, language)

    def asking(name: str, **values: object) -> str:
        """A beat task after the story facts the outline was written from."""
        return "\n\n".join([facts_for(state, "outline"), task(name, language, **values)])

    prompt = asking(
        "replace_beat",
        number=index + 1,
        beats=listing,
        role=role,
        before=max(1, index),
        cast=people,
    )
    asked = prompt
    for attempt in range(BEAT_TRIES):  # a new beat that still retells one is asked again
        beat = await ask_one_beat(runtime, language, asked)
        beats = [*beats[:index], beat, *beats[index + 1 :]]
        own = not copies_example(beat.summary) and not whole_idea(
            beat.summary, state.get("idea", "")
        )
        if index not in repeated_indices([b.summary for b in beats]) and own:
            break
        told = beat.summary
        if attempt == 0:
            # The same prompt gave the same retelling twice (the one-prompt street dance):
            # the next ask names what it must not write again.
            asked = f"{prompt}\n{task('beat_not_again', language, summary=told)}"
        else:
            # Shown every beat, the model copies one of them; the guard spoof's ending
            # retold its turn through every ask (2026-12-01). The last ask shows only the
            # beat before and asks what happens next.
            before = beats[index - 1].summary if index else state.get("idea", "")
            asked = asking(
                "next_beat",
                number=index + 1,
                role=role,
                before=before,
                summary=told,
                cast=people,
            )
    return beats


async def patch_repeated_beats(
    runtime: Runtime[Context],
    state: State,
    failure: GateFailure,
    check: Callable[[OutlineDraft], tuple[list[BeatDraft], list[Finding]]],
    language: str,
    cast: Sequence[str],
) -> list[BeatDraft]:
    """The refused outline with each repeated beat written anew; ``failure`` if that fails.

    Beats the new ones still retell are dropped, as a first answer's are
    (:func:`is_thin`): what is left stands when it passes the gate.

    Raises:
        GateFailure: ``failure`` itself when the outline had other faults, or the new
            beats still repeat or fail the gate.
        StageFailure: the model failed.
    """
    beats = failure.best
    targets = repeated_beats(failure.findings)
    if not isinstance(beats, list) or not beats or targets is None:
        raise failure
    beats = await _rewrite_beats(runtime, state, beats, targets, language, cast)
    patched, findings = check(OutlineDraft(beats=beats))
    # Fewer beats than asked, each its own, are a film; a refusal is none. The nurse and
    # the baker who swap notes all winter (craft bench, 2026-12-03) had three different
    # beats of six after the rewrite, and the whole draft had been refused for it. The
    # gate's beat-count check still blocks fewer than MIN_DISTINCT_BEATS.
    passed = len(patched) >= MIN_DISTINCT_BEATS and not any(blocks(f) for f in findings)
    record_gate(GateRecord("outline (beat rewrite)", tuple(fired(findings)), 1, passed))
    log.info(
        "quality gate outline: rewrote beat(s) %s; %s %s",
        targets,
        "passed" if passed else "refused:",
        "" if passed else "; ".join(f"{f.check} at {f.path}" for f in findings),
    )
    if not passed:
        raise failure
    return patched


#: Beats an outline may tell fewer than planned and still be accepted as it is (the
#: gate's ``runtime.beat-count`` allows the same). The three-minute drummer's outline told
#: 3 different steps in 8 beats; dropping the five repeats left three scenes of a minute
#: each, padded to 106 s with the drummer seeing his reflection four times. Below this the
#: repeats are written anew where they stood, instead of asking for a whole new outline.
BEATS_SHORT_OK = 1


def is_thin(distinct: int, count: int) -> bool:
    """Whether ``distinct`` different beats are too few for a film planned with ``count``."""
    return MIN_DISTINCT_BEATS <= distinct < count - BEATS_SHORT_OK


async def fill_thin_outline(
    runtime: Runtime[Context],
    state: State,
    accepted: list[BeatDraft],
    as_written: list[BeatDraft],
    check: Callable[[OutlineDraft], tuple[list[BeatDraft], list[Finding]]],
    language: str,
    cast: Sequence[str],
) -> list[BeatDraft]:
    """``accepted`` grown back towards its planned count by rewriting the dropped repeats.

    ``as_written`` is the same answer with every beat in its place (repeats kept). Each
    repeat is asked for anew where it stood; the grown outline goes through the gate again
    and replaces ``accepted`` only when it passes and is longer. The model failing here
    costs nothing: the accepted outline stands.
    """
    targets = repeated_indices([b.summary for b in as_written])
    if not targets or not is_thin(len(accepted), len(as_written)):
        return accepted
    try:
        beats = await _rewrite_beats(runtime, state, as_written, targets, language, cast)
    except StageFailure as exc:
        log.info("outline stays at %d beats: %s", len(accepted), exc)
        return accepted
    grown, findings = check(OutlineDraft(beats=beats))
    blocked = _blocked_beats(findings)
    if blocked and len(grown) - len(blocked) > len(accepted):
        # Only some new beats fail (the nurse's grew from 3 to 5 and was refused whole,
        # craft bench, 2026-12-04, and her film came out 18 % short): the rest still count.
        kept = [beat for n, beat in enumerate(grown) if n not in blocked]
        grown, findings = check(OutlineDraft(beats=kept))
    passed = len(grown) > len(accepted) and not any(blocks(f) for f in findings)
    record_gate(GateRecord("outline (thin fill)", tuple(fired(findings)), 1, passed))
    log.info(
        "quality gate outline: %d of %d beats told apart; wrote beat(s) %s anew, now %d (%s)",
        len(accepted),
        len(as_written),
        [t + 1 for t in targets],
        len(grown),
        "kept" if passed else "refused: " + "; ".join(fired([f for f in findings if blocks(f)])),
    )
    return grown if passed else accepted


def _blocked_beats(findings: Sequence[Finding]) -> set[int] | None:
    """The beats (0-based) the blocking ``findings`` are about, or None if one is not a beat's."""
    indices: set[int] = set()
    for finding in (f for f in findings if blocks(f)):
        match = _BEAT_PATH.match(finding.path)
        if match is None:
            return None
        indices.add(int(match.group(1)))
    return indices
