"""Exact repairs the gate makes itself, before it asks the model again.

Some defects have one obviously right fix that needs no writer: a dialogue line said
twice is said once, a phrase that loops inside a line is cut at its second turn, and a
visual note that is the worked example's palette ("Cold neon on wet glass") gives way to
the scene's own beat. In the craft bench these findings cost a whole scene call each
(40-60 s on two cores) and refused three drafts of nine after every retry, while an editor
would simply strike the line. A repair never invents story: it only removes, or falls
back to text the model already wrote for this scene.
"""

from __future__ import annotations

from film.quality.debris import without_heading
from film.quality.mend.arc import in_arc_order, scene_at_turn, scene_before_turn
from film.quality.mend.cast import cast_from_bible, with_seen_cast
from film.quality.mend.copied import drop_copied_lines
from film.quality.mend.edges import clean_edges, mend_edges, whole_clauses
from film.quality.mend.language import in_film_language
from film.quality.mend.lines import (
    cut_loop,
    drop_film_repeats,
    drop_repeats,
    keep_to_beat,
    without_loops,
)
from film.quality.mend.once import said_once_in_film
from film.quality.mend.replies import handed_over, no_answers_to_nobody
from film.quality.mend.shots.alone import alone_with_nobody
from film.quality.mend.shots.camera import without_camera_looks
from film.quality.mend.speeches import join_runs
from film.quality.mend.visual import (
    mend_visual,
    visual_of_its_own,
    visual_without_looks,
)

__all__ = [
    "alone_with_nobody",
    "cast_from_bible",
    "clean_edges",
    "cut_loop",
    "drop_copied_lines",
    "drop_film_repeats",
    "drop_repeats",
    "handed_over",
    "in_arc_order",
    "in_film_language",
    "join_runs",
    "said_once_in_film",
    "keep_to_beat",
    "mend_edges",
    "mend_visual",
    "no_answers_to_nobody",
    "scene_at_turn",
    "scene_before_turn",
    "visual_of_its_own",
    "without_camera_looks",
    "visual_without_looks",
    "whole_clauses",
    "with_seen_cast",
    "without_loops",
    "without_heading",
]
