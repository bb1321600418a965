"""Bringing a screenplay within the micro film form without a model, the one way it is done.

Drafting asks the model to fix what :func:`film.form.stage_issues` reports and repairs the
rest here (:func:`deterministic_repair`); a revision is held to the form here too
(:func:`within_form`). Both use the same two tools: every speaker gets a bible entry
(:func:`add_missing_speakers`), and an over-long film is cut by :func:`cut_to_length`
(:mod:`film.cut`). What a repair adds is written in the film's language, so a Chinese
film never gains an English role or place. Every repair is reported so the reply can say
what was done.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from film.cut import CutResult, cut_to_length, trim_to_fit
from film.form import FormIssue, estimate_runtime, validate_form, with_estimates
from film.screenplay import CharacterProfile, Screenplay
from film.speakers import (
    ADDED_WORDS,
    MAX_CHARACTERS,
    TooManyCharacters,
    add_missing_speakers,
    named_as_in_bible,
    unknown_speakers,
    without_place_speakers,
)

__all__ = [
    "MAX_CHARACTERS",
    "CutResult",
    "FormFit",
    "RepairNote",
    "TooManyCharacters",
    "add_missing_speakers",
    "cut_to_length",
    "deterministic_repair",
    "named_as_in_bible",
    "without_place_speakers",
    "trim_to_fit",
    "unknown_speakers",
    "within_form",
]


@dataclass(frozen=True)
class RepairNote:
    """What a repair did, as a code and its values: the agent says it in the user's language.

    Recorded (web app, 2026-12-02): a Chinese reply read "展示前我修正了剧本：added 店员 to
    the character bible", the domain's own English.
    """

    code: str
    values: dict[str, str] = field(default_factory=dict)


def deterministic_repair(
    screenplay: Screenplay, issues: list[FormIssue], *, limit_s: float
) -> tuple[Screenplay, list[RepairNote]]:
    """Fix every issue that can be fixed without a model; return notes on what changed."""
    notes: list[RepairNote] = []
    codes = {issue.code for issue in issues}
    words = ADDED_WORDS[screenplay.language]
    if "no-theme" in codes:
        theme = (screenplay.logline or screenplay.title)[:160]
        screenplay = screenplay.model_copy(update={"theme": theme})
        notes.append(RepairNote("theme_from_logline"))
    if "no-place" in codes:
        scenes = [
            s if s.place.strip() else s.model_copy(update={"place": words["place"]})
            for s in screenplay.scenes
        ]
        screenplay = screenplay.model_copy(update={"scenes": scenes})
        notes.append(RepairNote("places_given"))
    if "no-plot" in codes and screenplay.scenes:
        scenes = [
            s
            if (s.action or s.dialogue)
            else s.model_copy(
                update={"action": [s.visual or words["seen"].format(place=s.place.lower())]}
            )
            for s in screenplay.scenes
        ]
        screenplay = screenplay.model_copy(update={"scenes": scenes})
        notes.append(RepairNote("action_written"))
    if codes & {"unknown-speaker", "no-characters"}:
        screenplay, added = add_missing_speakers(screenplay)
        if added:
            notes.append(RepairNote("speakers_added", {"names": ", ".join(added)}))
        if not screenplay.characters:
            lead = CharacterProfile(name=words["narrator"], role=words["narrates"])
            screenplay = screenplay.model_copy(update={"characters": [lead]})
            notes.append(RepairNote("narrator_added"))
    if "too-long" in codes or estimate_runtime(screenplay) > limit_s:
        screenplay, cuts = trim_to_fit(screenplay, limit_s)
        if cuts:
            notes.append(RepairNote("trimmed", {"count": str(cuts), "seconds": f"{limit_s:.0f}"}))
    return with_estimates(screenplay), notes


@dataclass
class FormFit:
    """A revised screenplay held to the form, and what that took."""

    screenplay: Screenplay
    added_speakers: list[str] = field(default_factory=list)
    trimmed: bool = False


def within_form(screenplay: Screenplay, cap_s: float) -> FormFit:
    """Fresh estimates, every speaker in the bible, and the runtime under the cap.

    Unlike :func:`deterministic_repair`, which drops speakers the bible has no room for,
    this refuses: a revision either applies completely or not at all.

    Raises:
        TooManyCharacters: the bible cannot hold every speaker.
    """
    fit = FormFit(with_estimates(screenplay))
    codes = {issue.code for issue in validate_form(fit.screenplay, cap_s=cap_s)}
    if "unknown-speaker" in codes and fit.screenplay.characters:
        strangers = unknown_speakers(fit.screenplay)
        if len(fit.screenplay.characters) + len(strangers) > MAX_CHARACTERS:
            raise TooManyCharacters(", ".join(strangers))
        fit.screenplay, fit.added_speakers = add_missing_speakers(fit.screenplay)
    if "too-long" in codes:
        fit.screenplay, fit.trimmed = cut_to_length(fit.screenplay, cap_s).screenplay, True
    return fit
