"""A visual note of style words alone shows nothing, and goes."""

from __future__ import annotations

from film.quality.mend.visual import style_only, visual_of_its_own
from film.screenplay import Scene


def test_a_note_of_light_colour_and_framing_alone_goes() -> None:
    """Recorded (craft bench, 2026-12-04): "光线柔和，色彩清淡，构图简洁。" was the night
    market's fourth note, and "宫殿内光线柔和，色彩淡雅，构图紧凑。" the painter's."""
    scene = Scene(
        number=4,
        place="夜市",
        characters=["张华"],
        action=["张华拿出手机开始调试自己的代码。"],
        visual="光线柔和，色彩清淡，构图简洁。",
    )
    assert visual_of_its_own(scene).visual == ""
    assert style_only("宫殿内光线柔和，色彩淡雅，构图紧凑。", "宫殿")
    assert style_only("Soft warm light, muted colours, tight framing.")


def test_a_note_that_shows_something_keeps_its_light() -> None:
    scene = Scene(
        number=6,
        place="夜市",
        characters=["张华"],
        action=["张华站在摊位旁。"],
        visual="夜市摊位旁的灯光柔和，画面明亮。",
    )
    assert visual_of_its_own(scene) == scene
    assert not style_only("A dimly lit restaurant with a man by the door.")


def test_a_guides_advice_cut_short_in_a_note_goes() -> None:
    """Recorded (craft bench, the bus, 2026-12-04 20:50): "Static, patient framing suits."
    as a note, the family guide's "Static, patient framing suits the genre" cut off."""
    from film.quality.mend.visual import mend_visual

    guide = (
        "Faces, wrinkles and empty chairs. Static, patient framing suits the genre; slow push-ins."
    )
    scene = Scene(
        number=1,
        place="Bus",
        characters=["Grandfather"],
        action=["Grandfather starts the bus."],
        visual="Soft light on the seats. Static, patient framing suits 2. Static, patient framing.",
    )
    assert mend_visual(scene, (guide,), "A retired bus driver", "beat").visual == (
        "Soft light on the seats."
    )


def test_a_note_does_not_dress_anyone() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04 21:11): "李奶奶穿着校服，孙子穿着校服。"
    put the grandmother in her grandson's school uniform; the bible dresses everyone."""
    from film.quality.mend.visual import visual_without_looks

    scene = Scene(
        number=1,
        place="厨房",
        characters=["李奶奶", "李默"],
        action=["李奶奶包饺子。"],
        visual="李奶奶穿着校服，孙子穿着校服。光线柔和，画面宁静。",
    )
    people = [("李奶奶", "60多岁，头发花白 长袍"), ("李默", "18岁 校服")]
    assert visual_without_looks(scene, people).visual == "光线柔和，画面宁静。"


def test_a_note_does_not_call_itself_a_picture() -> None:
    """Recorded (craft bench, 2026-12-04): "A picture of Walter sitting at the watchtower…"
    (the lighthouse) and "画面中可以看到宫廷画师…" (the painter), a second reader's prompt text."""
    keeper = Scene(
        number=1,
        place="Lighthouse",
        characters=["Walter"],
        action=["Walter sits."],
        visual="A picture of Walter sitting at the watchtower, looking out over the sea.",
    )
    assert visual_of_its_own(keeper).visual == (
        "Walter sitting at the watchtower, looking out over the sea."
    )
    painter = keeper.model_copy(update={"visual": "画面中可以看到宫廷画师正在作画。"})
    assert visual_of_its_own(painter).visual == "宫廷画师正在作画。"


def test_a_note_says_one_thing_once() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04 21:39)."""
    scene = Scene(
        number=1,
        place="厨房",
        characters=["奶奶", "孙子"],
        action=["孙子包饺子。"],
        visual="奶奶和孙子正在一起忙碌地包着饺子。奶奶和孙子在厨房里忙碌地包着饺子。",
    )
    assert visual_of_its_own(scene).visual == "奶奶和孙子正在一起忙碌地包着饺子。"


def test_the_prompts_facets_said_back_go_and_the_shot_after_them_stays() -> None:
    """Recorded (craft bench, 2026-12-05): the letter's "Light, color, framing with a
    close-up on Leo and Isabella.", the drummer's "Light, warm, and framed." and "Lighting
    and color on the gym floor, clear framing.", the painter's "光线充足，构图合理"."""

    def note(place: str, visual: str) -> str:
        scene = Scene(number=1, place=place, action=["He waits."], visual=visual)
        return visual_of_its_own(scene).visual

    assert note("Mountain road", "Light, color, framing with a close-up on Leo and Isabella.") == (
        "A close-up on Leo and Isabella."
    )
    assert note("School gym", "Light and colour framing with a close-up of Ben playing drums.") == (
        "A close-up of Ben playing drums."
    )
    for place, said in [
        ("Gym floor", "Light, warm, and framed."),
        ("Gym floor", "Lighting and color on the gym floor, clear framing."),
        ("Gym floor", "Light, monochrome, close-up"),
        ("皇宫", "光线充足，构图合理"),
        ("皇宫", "光线柔和，色彩丰富，构图清晰。"),
    ]:
        assert note(place, said) == "", said
    # A light that is part of the shot stays: a list of facets is what goes.
    kept = "Warm light spills from the bakery onto wet snow."
    assert note("Street", kept) == kept
    assert note("厨房", "暖黄的灯光照在面板上，近景。") == "暖黄的灯光照在面板上，近景。"
