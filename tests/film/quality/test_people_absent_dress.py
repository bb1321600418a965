"""A wardrobe or a prop lists what a person has, not what they lack.

Recorded (a real draft of the scarf idea below): a wardrobe read "手套：黑色，无手套".
"""

from __future__ import annotations

import pytest

from film.quality.people.bible import mended_bible
from film.quality.people.dress import props_without_absent, without_absent
from film.screenplay import CharacterProfile

SCARF = "外婆把织了一冬天的围巾寄给在北方读书的外孙女，附了一张写错字的纸条"


@pytest.mark.parametrize(
    ("wardrobe", "kept"),
    [
        ("手套：黑色，无手套", ""),
        ("上衣：白色羽绒服，手套：黑色，无手套", "上衣：白色羽绒服"),
        ("gloves: black, no gloves", ""),
        ("none", ""),
        ("N/A", ""),
        ("无", ""),
        ("手套：无，围巾：红色", "围巾：红色"),
        ("Hat: none, scarf: red wool", "scarf: red wool"),
        ("外套：黑色羽绒服，红色围巾，无手套", "外套：黑色羽绒服，红色围巾"),
        ("黑色外套，没有围巾。", "黑色外套。"),
        ("不戴帽子，蓝色棉袄", "蓝色棉袄"),
        ("Black coat, no gloves.", "Black coat."),
        ("white shirt; no tie; jeans", "white shirt; jeans"),
        # A garment that only lacks a part is worn: sleeveless, rimless.
        ("无袖连衣裙、无框眼镜", "无袖连衣裙、无框眼镜"),
        ("蓝色棉袄、黑色手套", "蓝色棉袄、黑色手套"),
        ("a no-nonsense grey suit", "a no-nonsense grey suit"),
    ],
)
def test_an_absent_item_goes(wardrobe: str, kept: str) -> None:
    assert without_absent(wardrobe) == kept


def test_an_absent_prop_goes() -> None:
    assert props_without_absent(["无", "围巾", "no umbrella", "None", "手机"]) == ["围巾", "手机"]


def test_the_recorded_wardrobe_is_mended_in_the_bible() -> None:
    grandma = CharacterProfile(
        name="外婆", role="外婆", look="七十岁，头发花白", wardrobe="蓝色棉袄", props=["毛线针"]
    )
    granddaughter = CharacterProfile(
        name="林小雨",
        role="外孙女",
        look="二十岁，黑色长发",
        wardrobe="上衣：白色羽绒服，手套：黑色，无手套",
        props=["无", "围巾"],
    )
    alone = granddaughter.model_copy(update={"wardrobe": "手套：黑色，无手套"})
    mended = mended_bible(SCARF, [grandma, granddaughter], "zh")
    assert [(p.wardrobe, p.props) for p in mended] == [
        ("蓝色棉袄", ["毛线针"]),
        ("上衣：白色羽绒服", ["围巾"]),
    ]
    # Nothing left: the wardrobe is empty, as a bible's wardrobe of copied sentences is.
    assert mended_bible(SCARF, [grandma, alone], "zh")[1].wardrobe == ""


def test_an_english_wardrobe_loses_its_absent_gloves() -> None:
    idea = "A grandmother mails her granddaughter the scarf she knitted all winter"
    girl = CharacterProfile(
        name="Lily",
        role="granddaughter",
        look="19, long black hair",
        wardrobe="coat: navy wool, gloves: black, no gloves",
        props=["none", "the scarf"],
    )
    (mended,) = mended_bible(idea, [girl], "en")
    assert (mended.wardrobe, mended.props) == ("coat: navy wool", ["the scarf"])


def test_the_ideas_grandchild_is_not_middle_aged() -> None:
    from film.quality.people.bible import mended_bible

    # Recorded (the web app, 2026-12-03): the granddaughter at university, "中年妇女".
    idea = "外婆把织了一冬天的围巾寄给在北方读书的外孙女，附了一张写错字的纸条"
    bible = [
        CharacterProfile(name="外婆", role="外婆", look="六十多岁的妇女，头发白了"),
        CharacterProfile(name="外孙女", role="外孙女", look="中年妇女，穿着一件白色衬衫"),
    ]
    looks = [p.look for p in mended_bible(idea, bible, "zh")]
    assert looks == ["六十多岁的妇女，头发白了", "年轻姑娘，穿着一件白色衬衫"]
    # "孙子的奶奶" is his grandmother, not a grandchild: her age is not made young.
    from film.quality.people.dress import grandchild_look

    assert grandchild_look("王奶奶", "孙子的奶奶", "中年妇女") == "中年妇女"


def test_an_action_line_tells_no_one_what_they_wear() -> None:
    """Recorded (craft bench, the bus, 2026-12-04 21:25): "Grandfather looks at the building
    with a long curly hair, wearing a white dress and shoes.", his granddaughter's look."""
    from film.quality.people.dress.worn import scene_without_carried_wardrobe
    from film.screenplay import Scene

    scene = Scene(
        number=4,
        place="City",
        characters=["Grandfather", "Lily"],
        action=[
            "Grandfather looks at the building with a long curly hair, wearing a white dress.",
            "Sam, wearing his lucky jersey, runs onto the court.",
            "A man wearing a hat enters.",
        ],
    )
    mended = scene_without_carried_wardrobe(scene, [])
    assert mended.action == [
        "Grandfather looks at the building.",
        "Sam runs onto the court.",
        "A man wearing a hat enters.",
    ]


def test_a_newcomers_entry_copied_from_the_lead_is_made_plain() -> None:
    """Recorded (craft bench, the scooter, 2026-12-04 21:42): "Customer" was written as the
    rider himself, role, beard and all, and the picture drew two of him."""
    from film.quality.people.copies import not_a_copy
    from film.screenplay import CharacterProfile

    rider = CharacterProfile(
        name="John", role="food delivery rider", look="a man with a beard", wardrobe="jeans"
    )
    customer = rider.model_copy(update={"name": "Customer", "wardrobe": "a red coat"})
    plain = not_a_copy(customer, [rider], "en")
    assert (plain.role, plain.look, plain.wardrobe) == (
        "someone they meet",
        "average build, neat dark hair",
        "a red coat",
    )
    ann = rider.model_copy(update={"name": "Ann", "role": "cook", "look": "tall"})
    assert not_a_copy(ann, [rider], "en").look == "tall"
    # Nearly his (microfilm draft, the scooter, 2026-12-04 22:14): the Ghost.
    walter = rider.model_copy(
        update={"look": "A 20-year-old man with dark hair, glasses, a long beard, a black jacket"}
    )
    ghost = walter.model_copy(
        update={
            "name": "Ghost",
            "look": "a dark-haired man with glasses, a long beard, a black jacket",
        }
    )
    assert not_a_copy(ghost, [walter], "en").look == "average build, neat dark hair"
