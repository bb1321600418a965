"""The quality gate between the model and everything a person sees.

Deterministic checks, run after every drafting stage and every revision, before anything
is shown, saved as a version or rendered: no debris, names that are names and places that
are places, the film's language in every field, the idea told, the named genre honoured,
no repetition, no guideline examples copied in, a complete story, and the right length.
Each :class:`Finding` carries a message for a targeted retry; :func:`refusal_message` is
the honest answer when the last attempt still fails.
"""

from film.quality.coverage import idea_people_words, person_word_key
from film.quality.findings import CHECKS, BeatLike, Brief, Finding, Stage
from film.quality.gate import (
    check_beats,
    check_bible,
    check_logline,
    check_scene,
    check_scenes,
    check_screenplay,
    check_stage,
)
from film.quality.genre import genre_named_in
from film.quality.repetition import repeated_indices
from film.quality.summary import fired, refusal_message, retry_note

__all__ = [
    "CHECKS",
    "BeatLike",
    "Brief",
    "Finding",
    "Stage",
    "check_beats",
    "check_bible",
    "check_logline",
    "check_scene",
    "check_scenes",
    "check_screenplay",
    "check_stage",
    "fired",
    "genre_named_in",
    "idea_people_words",
    "person_word_key",
    "refusal_message",
    "repeated_indices",
    "retry_note",
]
