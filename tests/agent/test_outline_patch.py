"""A rewritten outline with fewer beats than asked is a film, not a refusal.

Recorded (craft bench, 2026-12-03): the nurse and the baker who swap notes all winter had
three different beats of six after each repeat was written anew, and the whole draft was
refused as "kept repeating itself". Fewer beats than :data:`MIN_DISTINCT_BEATS` still are.
"""

from __future__ import annotations

from typing import Any

import pytest

from agent.drafting import rewrites
from agent.drafting.schemas import BeatDraft, OutlineDraft
from agent.model.gate import GateFailure
from film.quality import Finding


def _beat(summary: str) -> BeatDraft:
    return BeatDraft(
        place="Bakery window", interior="EXT", time_of_day="NIGHT", summary=summary, characters=[]
    )


SIX = [_beat(f"Beat {n}: Sam tapes a note to the bakery glass.") for n in range(6)]
REPEAT = Finding("repetition.line", "beats[2].summary", "Sam tapes", "Said twice.")


async def _patched(monkeypatch: pytest.MonkeyPatch, told: int, findings: list[Finding]) -> Any:
    async def rewrite(*args: Any) -> list[BeatDraft]:
        return SIX

    monkeypatch.setattr(rewrites, "_rewrite_beats", rewrite)

    def check(outline: OutlineDraft) -> tuple[list[BeatDraft], list[Finding]]:
        return outline.beats[:told], findings

    failure = GateFailure("kept repeating itself", [REPEAT], best=SIX)
    return await rewrites.patch_repeated_beats(
        None,  # type: ignore[arg-type]
        {},  # type: ignore[typeddict-item]
        failure,
        check,
        "en",
        ["Sam", "Alex"],
    )


async def test_three_different_beats_of_six_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    beats = await _patched(monkeypatch, 3, [])
    assert beats == SIX[:3]


async def test_two_beats_or_a_blocking_finding_are_still_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(GateFailure, match="kept repeating itself"):
        await _patched(monkeypatch, 2, [])
    with pytest.raises(GateFailure):
        await _patched(monkeypatch, 4, [REPEAT])


async def _filled(monkeypatch: pytest.MonkeyPatch, check: Any) -> list[BeatDraft]:
    """A thin outline of three beats (seven as written) grown by two new beats."""

    async def rewrite(*args: Any) -> list[BeatDraft]:
        return GROWN

    monkeypatch.setattr(rewrites, "_rewrite_beats", rewrite)
    return await rewrites.fill_thin_outline(
        None,  # type: ignore[arg-type]
        {},  # type: ignore[typeddict-item]
        SIX[:3],
        [*SIX[:3], *SIX[:3], SIX[0]],
        check,
        "en",
        ["Sam", "Alex"],
    )


GROWN = [*SIX[:3], _beat("Alex finds the note at dawn."), _beat("Sam bakes bread for the ward.")]


async def test_a_thin_outline_keeps_the_new_beats_that_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Recorded (craft bench, 2026-12-04): the nurse's outline told 3 beats of 7 apart, its
    repeats written anew gave 5, and one failing beat had all 5 refused: 124 s of 150."""
    bad_beat = Finding("debris.prompt", "beats[4].summary", "beat 4", "Task words.")
    seen: list[list[BeatDraft]] = []

    def check(outline: OutlineDraft) -> tuple[list[BeatDraft], list[Finding]]:
        seen.append(list(outline.beats))
        return list(outline.beats), [bad_beat] if outline.beats == GROWN else []

    assert await _filled(monkeypatch, check) == GROWN[:4]  # the refused beat goes, not all
    assert seen == [GROWN, GROWN[:4]]


async def test_a_thin_outline_grown_with_a_fault_of_the_whole_stays_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = Finding("debris.prompt", "title", "JSON", "Debris.")

    def check(outline: OutlineDraft) -> tuple[list[BeatDraft], list[Finding]]:
        return list(outline.beats), [whole]

    assert await _filled(monkeypatch, check) == SIX[:3]


def test_a_new_beat_that_is_the_whole_idea_again_is_no_beat() -> None:
    """Recorded (craft bench, the night market, 2026-12-04 21:16): beat 5 written anew was
    the idea itself, and its scene repeated the film until the draft was refused."""
    from agent.drafting.rewrites import whole_idea

    idea = "一个在夜市摆摊卖煎饼的女孩，白天打工，晚上自学编程，想考进一家游戏公司。"
    assert whole_idea(
        "一个夜市摊位上的煎饼女孩，白天打工，晚上自学编程，想考进一家游戏公司。", idea
    )
    assert not whole_idea("夜市女孩终于考进一家游戏公司。", idea)
    assert not whole_idea("夜市女孩晚上在摊位旁自学编程。", idea)
