"""Every scene answer's exact fixes, in one pipeline (agent.drafting.scenes.mends)."""

from __future__ import annotations

from agent.drafting.scenes.mends import FilmAround, mended_scene
from agent.drafting.schemas import BeatDraft
from film.quality import Brief
from film.screenplay import DialogueLine, Genre, Scene

NURSE = (
    "A night-shift nurse and the baker across the street swap notes on the bakery window for "
    "a whole winter without ever meeting."
)


def _film(summaries: list[str]) -> FilmAround:
    return FilmAround(
        brief=Brief(idea=NURSE, language="en"),
        cast=["Sam", "Alex"],
        roles=["The night-shift nurse", "The baker across the street"],
        wardrobes=["white blouse", "white apron"],
        sexes=["f", "m"],
        language="en",
        genre=Genre.YOUTH_ROMANCE,
        summaries=summaries,
    )


def test_a_never_meet_scene_keeps_one_person_whatever_its_beat_lists() -> None:
    """Rerun (2026-12-03): a scene added before the ending listed both, and the nurse and
    the baker stood at the window "looking at each other"."""
    summaries = ["Sam tapes a note to the glass.", "Alex reads it.", "Sam finds the reply."]
    beat = BeatDraft(
        place="Bakery window",
        interior="EXT",
        time_of_day="NIGHT",
        summary="Sam and Alex stand at the window.",
        characters=["Sam", "Alex"],
    )
    scene = Scene(
        number=2,
        place="Bakery window",
        characters=["Sam", "Alex"],
        action=["Sam tapes a note to the glass.", "Alex reads the note and smiles."],
        dialogue=[
            DialogueLine(speaker="Sam", text="I hope the baker likes the drawing."),
            DialogueLine(speaker="Alex", text="She draws like a child."),
        ],
    )
    mended = mended_scene(scene, _film(summaries), 1, beat)
    speakers = {line.speaker for line in mended.dialogue}
    assert len(speakers) == 1 and mended.characters == sorted(speakers)
