"""An accepted outline's beats that leave the idea, asked for again inside it.

The gate passes a beat told somewhere else than the idea (a real place, real people, no
repeat), but a viewer loses the film there: the retired bus driver's ride with his
granddaughter had two beats of six at home, eating dinner in front of the TV (craft
bench, 2026-12-03). :func:`film.quality.story.focus.off_idea_beats` finds them; each is
asked for once more, shown the idea and the other beats. A new beat stands only where it
is inside the idea, retells no other beat and the whole outline still passes the gate.
Where none is, the beats off the idea are dropped while three remain and the rest pass
(:func:`_without`); anything else keeps the outline as the gate accepted it, a film.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.brief import cast_listing, facts_for, film_language, plan_role
from agent.drafting.rewrites import ask_one_beat, copies_example, marked_listing
from agent.drafting.schemas import BeatDraft, OutlineDraft
from agent.model.ask import StageFailure
from agent.model.gate import GateRecord, blocks, record_gate
from agent.prompts import task
from agent.state import State
from film.language import has_cjk
from film.quality import Finding, fired, repeated_indices
from film.quality.coverage import covered
from film.quality.story.focus import anchor_words, off_idea_beats
from film.quality.text import cjk_terms, content_words

log = logging.getLogger(__name__)

#: Beats asked for again at most: each is a model call (about 10 s on two cores).
MOST_REWRITTEN = 2
#: Answers asked for one beat before it is left as it was.
TRIES = 2


#: How much of a new beat's words another beat may already hold before it retells that one.
HELD = 0.7


def held_in(summary: str, other: str) -> bool:
    """Whether most of ``summary``'s words are in ``other``: the same event again.

    Recorded (craft bench, the scooter, 2026-12-03): beat 2, asked again inside the idea,
    came back "Sam notices his second-hand scooter playing karaoke every time he runs a red
    light.", every word of it in beat 1; the repeat check compares whole beats, and beat 1
    was three times longer.
    """
    terms = list(dict.fromkeys(cjk_terms(summary) if has_cjk(summary) else content_words(summary)))
    return bool(terms) and len(covered(terms, other)) >= HELD * len(terms)


def _off(beats: Sequence[BeatDraft], idea: str, cast: Sequence[str]) -> list[int]:
    return off_idea_beats([(b.place, b.summary) for b in beats], idea, cast)


async def _anew(
    runtime: Runtime[Context], state: State, beats: list[BeatDraft], index: int, cast: Sequence[str]
) -> list[BeatDraft]:
    """``beats`` with beat ``index`` inside the idea, or as they were after :data:`TRIES`."""
    language, idea = film_language(state), state.get("idea", "")
    prompt = "\n\n".join(
        [
            facts_for(state, "outline"),
            task(
                "off_idea_beat",
                language,
                number=index + 1,
                idea=idea,
                things=f" ({', '.join(words)})" if (words := anchor_words(idea)) else "",
                beats=marked_listing(beats, index),
                role=plan_role(state, len(beats), index),
                before=max(1, index),
                cast=cast_listing(cast, language),
            ),
        ]
    )
    for _try in range(TRIES):
        beat = await ask_one_beat(runtime, language, prompt)
        trial = [*beats[:index], beat, *beats[index + 1 :]]
        inside = index not in _off(trial, idea, cast)
        others = [b.summary for n, b in enumerate(trial) if n != index]
        retells = index in repeated_indices([b.summary for b in trial]) or any(
            held_in(beat.summary, other) for other in others
        )
        if inside and not retells and not copies_example(beat.summary):
            return trial
    return beats


async def beats_on_idea(
    runtime: Runtime[Context],
    state: State,
    beats: list[BeatDraft],
    check: Callable[[OutlineDraft], tuple[list[BeatDraft], list[Finding]]],
    cast: Sequence[str],
) -> list[BeatDraft]:
    """``beats`` with up to :data:`MOST_REWRITTEN` beats that leave the idea told inside it.

    The hook and the ending carry the idea's own first and last clauses
    (:mod:`film.quality.story.steps`), so the middle beats are asked first.
    """
    idea = state.get("idea", "")
    off = _off(beats, idea, cast)
    middle_first = sorted(off, key=lambda i: (i in (0, len(beats) - 1), i))[:MOST_REWRITTEN]
    if not middle_first:
        return beats
    try:
        trial = beats
        for index in sorted(middle_first):
            trial = await _anew(runtime, state, trial, index, cast)
    except StageFailure as exc:
        log.info("outline kept: a beat off the idea could not be asked again: %s", exc)
        return beats
    if trial == beats:
        log.info(
            "outline: beat(s) %s left the idea; no answer was inside it",
            [i + 1 for i in middle_first],
        )
        return _without(beats, middle_first, check)
    checked, findings = check(OutlineDraft(beats=trial))
    passed = len(checked) == len(beats) and not any(blocks(f) for f in findings)
    record_gate(GateRecord("outline (beats off the idea)", tuple(fired(findings)), 1, passed))
    log.info(
        "quality gate outline: beat(s) %s left the idea; asked again, %s",
        [i + 1 for i in middle_first],
        "kept" if passed else "refused",
    )
    return checked if passed else _without(beats, middle_first, check)


#: The fewest beats an outline keeps when beats that leave the idea are dropped.
LEAST_KEPT = 3


def _without(
    beats: list[BeatDraft],
    off: Sequence[int],
    check: Callable[[OutlineDraft], tuple[list[BeatDraft], list[Finding]]],
) -> list[BeatDraft]:
    """``beats`` without the middle beats ``off`` the idea, where the rest still pass.

    Recorded (craft bench, the bus, 2026-12-04 20:49): beats 2 and 4 of the driver's last
    ride had the granddaughter watch TV at home, no answer asked again came back inside
    the idea, and the film spent half its scenes on the sofa. As with a repeated beat, the
    beats left share the film's length; the plan is made again for their number.
    """
    kept = [beat for index, beat in enumerate(beats) if index not in off]
    if len(kept) < LEAST_KEPT or len(kept) == len(beats):
        return beats
    checked, findings = check(OutlineDraft(beats=kept))
    if len(checked) != len(kept) or any(blocks(f) for f in findings):
        log.info("outline kept whole: without beat(s) %s it fails the gate", [i + 1 for i in off])
        return beats
    log.info("outline: beat(s) %s dropped, off the idea", [i + 1 for i in off])
    return checked
