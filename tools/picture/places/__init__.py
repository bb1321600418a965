"""Illustrated places for the animatic: the set a scene plays on, drawn procedurally.

:mod:`kinds` reads the kind of place from the scene heading (English and Chinese words),
:mod:`light` turns the time of day into a sky and a light, :mod:`canvas` draws in frame
coordinates with anti-aliasing, and :mod:`outdoor` and :mod:`indoor` paint the places.
:func:`paint_place` is the one entry point.
"""

from tools.picture.places.paint import PlaceSpec, paint_place, place_spec, poster_spec

__all__ = ["PlaceSpec", "paint_place", "place_spec", "poster_spec"]
