"""What a look holds is a prop (the second reader, 2026-12-03)."""

from __future__ import annotations

from film.quality.people.dress import held_as_props
from film.screenplay import CharacterProfile


def test_a_thing_in_the_hand_moves_from_the_look_to_the_props() -> None:
    grandma = CharacterProfile(
        name="李奶奶", look="七十岁，头发花白，手里拿着擀面杖和揉面桶", props=["饺子皮"]
    )
    moved = held_as_props(grandma)
    assert moved.look == "七十岁，头发花白。"
    assert moved.props == ["饺子皮", "擀面杖", "揉面桶"]
    drummer = held_as_props(
        CharacterProfile(name="Alex", look="Tall, short brown hair. He carries a drum kit.")
    )
    assert drummer.look == "Tall, short brown hair." and drummer.props == ["drum kit"]


def test_a_look_that_is_only_a_held_thing_is_left_for_the_gate() -> None:
    only = CharacterProfile(name="Alex", look="He carries a drum kit.")
    assert held_as_props(only) == only
    plain = CharacterProfile(name="Ann", look="Tall, with grey eyes")
    assert held_as_props(plain) == plain
