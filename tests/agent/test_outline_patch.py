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
