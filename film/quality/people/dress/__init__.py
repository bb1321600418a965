"""Clothes: who may wear what (:mod:`.children`), and what a wardrobe line is (:mod:`.worn`).

A wardrobe or a prop says nothing is absent (:mod:`.absent`); what a look holds is a prop
(:mod:`.held`); a face is not hidden (:mod:`.face`).
"""

from film.presence import is_animal
from film.quality.people.dress.absent import props_without_absent, without_absent
from film.quality.people.dress.children import (
    child_look,
    child_wardrobe,
    grandchild_look,
    grown_for_idea,
    is_child,
    is_grandchild,
    mens_wear,
)
from film.quality.people.dress.face import face_shown
from film.quality.people.dress.held import held_as_props
from film.quality.people.dress.worn import (
    scene_without_carried_wardrobe,
    wardrobe_of,
    without_carried_wardrobe,
)

__all__ = [
    "child_look",
    "child_wardrobe",
    "face_shown",
    "grandchild_look",
    "grown_for_idea",
    "held_as_props",
    "is_animal",
    "is_child",
    "is_grandchild",
    "mens_wear",
    "props_without_absent",
    "scene_without_carried_wardrobe",
    "wardrobe_of",
    "without_absent",
    "without_carried_wardrobe",
]
