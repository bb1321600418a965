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


def test_a_prop_that_only_joins_others_listed_goes() -> None:
    """Recorded (the dumplings, 2026-12-04): "Props: 擀面杖和揉面桶; 擀面杖; 揉面桶"."""
    from film.quality.people.dress.held import one_of_each

    assert one_of_each(["擀面杖和揉面桶", "擀面杖", "揉面桶"]) == ["擀面杖", "揉面桶"]
    assert one_of_each(["a pen and paper", "pen", "paper"]) == ["pen", "paper"]
    # One of its parts is not listed on its own: it is a thing of its own ("salt and pepper").
    assert one_of_each(["salt and pepper", "salt"]) == ["salt and pepper", "salt"]


def test_one_thing_under_a_shorter_and_a_longer_name_is_listed_once() -> None:
    """Recorded (the video call, 2026-12-04): "Props: 手机; 一部智能手机", one phone."""
    from film.quality.people.dress.held import one_of_each

    assert one_of_each(["手机", "一部智能手机"]) == ["一部智能手机"]
    assert one_of_each(["lantern", "old lantern", "flashlight"]) == ["old lantern", "flashlight"]
    # A word that begins like a measure word is no count of anything: 本子, 个人电脑.
    assert one_of_each(["本子", "笔", "个人电脑"]) == ["本子", "笔", "个人电脑"]
    assert one_of_each(["a pen", "pen", "a pen holder"]) == ["a pen", "a pen holder"]
