"""A drafted scene kept to the film's own people, before the gate judges it.

The 1.5B model borrows people: a relative the film does not have (爷爷 in a grandmother's
film), the worked example's Nora, or a mother thanked in a kitchen where only the
grandmother stands. Each fix here is certain, so none costs a retry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.drafting.schemas import LineDraft, SceneDraft
from agent.prompts.texts import EXAMPLE_NAMES
from film.language import has_cjk
from film.quality.people.names.naming import numbered_base
from film.quality.people.slips import call_for, calls_to_listener, film_relatives, with_told_kin
from film.quality.text import sentences
from film.screenplay import mentions


def names_any(text: str, names: frozenset[str]) -> bool:
    """Whether ``text`` names one of ``names`` (lower case), as a word of its own."""
    folded = text.casefold()
    return any(mentions(folded, name) for name in names if name)


def _as_lead(line: str, names: frozenset[str], lead: str) -> str:
    """``line`` with the worked example's person called by the lead's name."""
    for name in names:
        line = re.sub(re.escape(name), lead, line, flags=re.IGNORECASE)
    return line


def own_people(
    draft: SceneDraft, idea: str, cast: Sequence[str], roles: Sequence[str], language: str
) -> SceneDraft:
    """``draft`` with relatives the film lacks swapped for those it has (爷爷 → 奶奶).

    See :func:`film.quality.people.slips.with_told_kin`: the speaker too, so the line goes
    to the bible's person instead of a stand-in the form repair would cast. A line spoken
    by the worked example's own person (Nora, 林晓), who is not in the bible, is struck:
    the form repair would otherwise cast her. So are the action lines and visual sentences
    that name her ("Nora approaches him from behind with her umbrella").
    """
    told = film_relatives(idea, zip(cast, roles, strict=False))
    words = " ".join([idea, *cast, *roles])  # the film's own kin words (外婆, not 奶奶)
    copied = EXAMPLE_NAMES - {name.casefold() for name in cast}
    action = [line for line in draft.action if not names_any(line, copied)]
    if not action and cast:  # every line names her: she stands in for the lead (快递小哥's
        action = [_as_lead(line, copied, cast[0]) for line in draft.action]  # 林晓, 12-02)
    visual = draft.visual
    if names_any(visual, copied):
        kept = [part for part in sentences(visual) if not names_any(part, copied)]
        visual = ("" if has_cjk(visual) else " ").join(kept)
    dialogue = [
        line.model_copy(
            update={"speaker": with_told_kin(_unnumbered(line.speaker, cast), told, words)}
        )
        for line in draft.dialogue
        if not names_any(line.speaker, copied)  # "林晓老师" is 林晓 too (night market, 12-02)
    ]
    # The listener first: "谢谢妈妈" said to 爷爷 is his thanks, not a grandmother's.
    dialogue = _called_as_listener(dialogue, told, dict(zip(cast, roles, strict=False)), language)
    return draft.model_copy(
        update={
            "action": [with_told_kin(line, told, words) for line in action],
            "dialogue": [
                line.model_copy(update={"text": with_told_kin(line.text, told, words)})
                for line in dialogue
            ],
            "visual": with_told_kin(visual, told, words),
        }
    )


def _unnumbered(speaker: str, cast: Sequence[str]) -> str:
    """``speaker``, or the bible's name it numbers ("顾客1" is the bible's 顾客).

    Recorded (craft bench, zh-struggle-night-market, 2026-12-02): two scenes gave lines to
    "顾客1" and "顾客2" beside the bible's 顾客, and each was asked three times and started
    afresh before it passed. A numbered name the bible lacks ("陌生人1") is left to the gate.
    """
    base = numbered_base(speaker)
    if not base or speaker in cast:
        return speaker
    return next((name for name in cast if name.casefold() == base.casefold()), speaker)


def _called_as_listener(
    dialogue: list[LineDraft], told: set[str], roles: dict[str, str], language: str
) -> list[LineDraft]:
    """In a scene of two speakers, an elder the film lacks called by name is the listener.

    See :func:`film.quality.people.slips.calls_to_listener` ("谢谢妈妈" said to 奶奶).
    """
    speakers = list(dict.fromkeys(line.speaker for line in dialogue))
    if len(speakers) != 2:
        return dialogue
    calls = {name: call_for(name, roles.get(name, ""), language) for name in speakers}
    return [
        line.model_copy(
            update={
                "text": calls_to_listener(
                    line.text, calls[speakers[1 - speakers.index(line.speaker)]], told
                )
            }
        )
        for line in dialogue
    ]
