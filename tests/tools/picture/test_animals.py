"""An animal of the cast is drawn as the animal, never as a person and never left out."""

from __future__ import annotations

import numpy as np

from film.screenplay import CharacterProfile, Genre, Scene, Screenplay
from tools.backends.base import RenderRequest, Shot
from tools.picture.animals import animal_of
from tools.picture.storyboard import ScenePainter

_CLERK = CharacterProfile(name="店员", role="值班的店员", look="中年男性，短发", wardrobe="白衬衫")
_CAT = CharacterProfile(name="流浪猫", role="一只流浪猫", look="橘色的毛，体型较小")


def _panel(characters: tuple[str, ...], index: int = 0) -> np.ndarray:
    scene = Scene(number=1, place="便利店", time_of_day="NIGHT", characters=list(characters))
    film = Screenplay(
        title="猫",
        logline="l",
        genre=Genre.TOUCHING_FAMILY,
        language="zh",
        characters=[_CLERK, _CAT],
        scenes=[scene],
    )
    request = RenderRequest(
        screenplay=film,
        scene=scene,
        shots=(),
        bible=(_CLERK, _CAT),
        width=270,
        height=480,
        fps=24,
        duration_s=2,
    )
    shot = Shot(index=index, description="", duration_s=2, characters=characters)
    panel = ScenePainter(request).panel(shot, lettered=False)
    return np.asarray(panel).astype(int)


def test_the_bibles_animals_are_drawn_as_their_kind_in_their_fur() -> None:
    cat = animal_of(_CAT)
    assert cat is not None and cat.kind == "cat" and cat.fur == (222, 142, 62)
    dog = animal_of(CharacterProfile(name="Rex", role="Mia's dog", look="black fur"))
    assert dog is not None and dog.kind == "dog" and dog.fur == (58, 54, 58)
    assert animal_of(_CLERK) is None


def test_a_wide_shot_shows_the_stray_cat_at_the_clerks_feet() -> None:
    """By hand (2026-12-02): a film about a stray cat never showed a cat."""
    alone, with_cat = _panel(("店员",)), _panel(("店员", "流浪猫"))
    changed = np.abs(alone - with_cat).sum(axis=2) > 30
    rows, cols = np.nonzero(changed)
    assert rows.size > 200, "the cat was not drawn"
    height, width = changed.shape
    assert rows.min() > height * 0.5  # on the ground, not a standing figure
    assert cols.max() - cols.min() < width * 0.25  # a small animal, not a person
    orange = (np.abs(with_cat - np.array([222, 142, 62])).sum(axis=2) < 40) & changed
    assert orange.sum() > 100


def test_a_close_shot_of_the_cat_alone_shows_it_large_and_one_of_a_person_does_not() -> None:
    empty = _panel((), index=2)
    cat_alone = _panel(("流浪猫",), index=2)
    assert (np.abs(empty - cat_alone).sum(axis=2) > 30).sum() > 2000
    person = _panel(("店员",), index=2)
    assert np.array_equal(person, _panel(("店员", "流浪猫"), index=2))
