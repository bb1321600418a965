"""Panels a client would be shown: framing that changes, lettering that fits, nothing internal."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw

from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay
from tools.assembly.reel_keys import scene_cast
from tools.backends.base import RenderRequest, Shot
from tools.picture.figures import COLOR_WORDS, appearance
from tools.picture.lettering import Lettering, fit
from tools.picture.looks import font, look_for
from tools.picture.storyboard import ScenePainter

W, H = 360, 640
DEBUG = re.compile(r"\bSC\b|SHOT|\bWIDE\b|\bMEDIUM\b|\bCLOSE\b|\bINT\.|\bEXT\.|\d+\.\d+s\b")


def _painter(screenplay: Screenplay, index: int = 0) -> ScenePainter:
    scene = screenplay.scenes[index]
    return ScenePainter(
        RenderRequest(
            screenplay=screenplay,
            scene=scene,
            shots=(),
            bible=scene_cast(screenplay, scene),
            width=W,
            height=H,
            fps=30,
            duration_s=3.0,
        )
    )


def _shot(index: int, *names: str, said: tuple[DialogueLine, ...] = ()) -> Shot:
    return Shot(
        index=index, description="Mia waits.", duration_s=3.0, characters=names, dialogue=said
    )


def _recording_text(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string lettered from now on, in order (ImageDraw.text still draws it)."""
    drawn: list[str] = []
    original = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(str(text))
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    return drawn


def test_no_slate_or_internal_data_is_lettered(english_screenplay, chinese_screenplay, monkeypatch):
    drawn = _recording_text(monkeypatch)
    for screenplay in (english_screenplay, chinese_screenplay):
        painter = _painter(screenplay, 1)
        scene = screenplay.scenes[1]
        for index in range(3):
            painter.panel(_shot(index, *scene.characters, said=tuple(scene.dialogue)))
    assert drawn and not [t for t in drawn if DEBUG.search(t)], drawn
    # The place line is tracked out letter by letter, each letter drawn with its shadow.
    tracked = "".join(t for t in drawn if len(t) == 1)[::2]
    assert "NIGHT BUS · Night" in tracked and "村口 · 夜" in tracked
    assert "Mia waits." in drawn


def test_a_later_part_of_one_moment_is_not_captioned_again(english_screenplay, monkeypatch):
    """The second reader (2026-12-04): a caption said again with "(continued)" after it."""
    drawn = _recording_text(monkeypatch)
    painter = _painter(english_screenplay, 1)
    painter.panel(_shot(1, "Mia"))
    assert "Mia waits." in drawn
    drawn.clear()
    painter.panel(replace(_shot(2, "Mia"), continued=True))
    assert "Mia waits." not in drawn and not any("continued" in t for t in drawn)


def test_shot_sizes_really_change_the_framing(english_screenplay):
    painter = _painter(english_screenplay, 0)  # Mia, red scarf, white uniform
    red = np.array(COLOR_WORDS["red"])

    def scarf_pixels(index: int) -> int:
        panel = np.asarray(painter.panel(_shot(index, "Mia"))).astype(int)
        return int((np.abs(panel - red).sum(axis=2) < 6).sum())

    wide, medium, close = scarf_pixels(0), scarf_pixels(1), scarf_pixels(2)
    assert 0 < wide < medium < close
    assert close > 6 * wide


def test_a_character_looks_the_same_in_every_scene(english_screenplay):
    mia = english_screenplay.characters[0]
    assert appearance("Mia", mia) == appearance("Mia", mia.model_copy())
    looks = appearance("Mia", mia)
    assert looks.clothes == COLOR_WORDS["white"] and looks.accent == COLOR_WORDS["red"]
    assert looks.hair == COLOR_WORDS["black"] and looks.hair_style == "bob" and looks.scarf


@pytest.mark.parametrize(
    "profile, expect",
    [
        (
            CharacterProfile(name="小雨", look="七岁，扎马尾", wardrobe="黄色连衣裙"),
            {"hair_style": "ponytail", "skirt": "dress"},
        ),
        (
            CharacterProfile(name="Wu", look="70s, white hair, glasses", wardrobe="grey coat"),
            {"hair": COLOR_WORDS["white"], "glasses": True},
        ),
        (
            CharacterProfile(name="侠客", look="高大，长发", wardrobe="青色长袍，斗笠"),
            {"skirt": "robe", "hat": True, "hair_style": "long"},
        ),
        (
            CharacterProfile(name="Jo", look="tall, bald", wardrobe="denim jacket, black jeans"),
            {"hair_style": "bald", "legs": COLOR_WORDS["black"]},
        ),
    ],
)
def test_the_bible_sets_hair_cut_and_extras(profile, expect):
    looks = appearance(profile.name, profile)
    for field, value in expect.items():
        assert getattr(looks, field) == value, field


def test_hair_is_coloured_by_the_hair_phrase_never_by_the_clothes():
    """The recorded granddaughter: "a young girl ... long, curly hair ... a white dress"."""
    lucy = CharacterProfile(
        name="Lucy",
        role="Granddaughter",
        look="Lucy is a young girl with bright eyes and long, curly hair. She wears a white dress.",
        wardrobe="A simple white dress and blue shoes",
    )
    looks = appearance("Lucy", lucy)
    assert looks.hair != COLOR_WORDS["white"] and looks.hair_style == "long"
    assert looks.height < 0.7  # drawn a child, not a grown woman
    grandpa = CharacterProfile(name="老王", look="七十岁，头发花白，穿蓝色中山装")
    assert appearance("老王", grandpa).hair == COLOR_WORDS["白"]


def test_a_retired_mans_brown_hair_is_drawn_salt_and_pepper():
    """The recorded driver: "retired bus driver", "short brown hair" (drawn a young man)."""
    driver = CharacterProfile(
        name="James", role="retired bus driver", look="He has short brown hair."
    )
    looks = appearance("James", driver)
    assert looks.height < 1.0  # drawn old
    assert sum(looks.hair) > sum(COLOR_WORDS["brown"]) + 150  # greyed, not plain brown
    young = appearance("Tom", CharacterProfile(name="Tom", look="He has short brown hair."))
    assert young.hair == COLOR_WORDS["brown"]


def test_an_elder_in_a_hat_or_with_blond_hair_still_reads_as_old():
    """Recorded (2026-12-03): 爷爷 in a black hat and a retired teacher "in her 50s, blonde
    hair" were both drawn as young: the hat hid the grey, and blond was kept as it was."""
    from tools.picture.cast import Placement, paste_figure

    teacher = CharacterProfile(
        name="Mrs. Thompson", role="retired piano teacher", look="50s, blonde hair"
    )
    blond = appearance("Mrs. Thompson", teacher)
    assert blond.old and max(blond.hair) - min(blond.hair) < 40  # silvered, no longer gold
    grandpa = CharacterProfile(name="许言", role="爷爷", look="瘦削身材", wardrobe="黑色帽子")
    young = CharacterProfile(name="林夏", role="快递员", look="黑色短发", wardrobe="黑色帽子")
    drawn = []
    for person in (grandpa, young):
        panel = Image.new("RGB", (300, 500), (235, 225, 205))
        paste_figure(panel, appearance(person.name, person), Placement(x=150, foot=480, height=440))
        drawn.append(np.asarray(panel).astype(int))
    grey = np.array((200, 200, 204))
    # Grey shows beside the face, below the hat's brim, on the elder alone.
    greyish = [int((np.abs(image - grey).sum(axis=2) < 30).sum()) for image in drawn]
    assert greyish[0] > 40 and greyish[1] == 0


def test_a_grandchild_with_no_age_is_drawn_young_and_a_grandparent_is_not():
    """Recorded (by-hand 爷爷的自行车, 18:55): 孙女 with no age stood taller than 爷爷."""
    girl = CharacterProfile(name="孙女", role="在村口骑自行车的孙女", look="年轻，身材苗条")
    grandpa = CharacterProfile(name="爷爷", role="教孙女骑自行车的祖父", look="年长，戴着眼镜")
    grandma = CharacterProfile(name="奶奶", role="孙子的奶奶", look="七十岁")
    student = CharacterProfile(name="小明", role="孙子", look="18岁，短发")
    assert appearance("孙女", girl).height < appearance("爷爷", grandpa).height
    assert appearance("奶奶", grandma).height == appearance("爷爷", grandpa).height
    assert appearance("小明", student).height == 1.0  # an age stated wins


def test_height_comes_from_age_and_build():
    child = appearance("Kid", CharacterProfile(name="Kid", look="8-year-old boy"))
    adult = appearance("Ann", CharacterProfile(name="Ann", look="30s"))
    tall = appearance("Tom", CharacterProfile(name="Tom", look="tall, 40s"))
    elder = appearance("奶奶", CharacterProfile(name="奶奶", look="八十岁"))
    assert child.height < elder.height < adult.height < tall.height
    teen = appearance("小雨", CharacterProfile(name="小雨", look="12岁左右，黑发"))
    assert child.height < teen.height < adult.height


@pytest.mark.parametrize(
    "text",
    [
        "The bus crosses the frozen bridge at sunrise while the whole city is still asleep and "
        "snow keeps falling on the river below, slow and silent, like a held breath.",
        "小明拖着行李箱跑进村子，雪下得很大，他一路跑到家门口，却发现妈妈已经站在门口等了他一整夜。",
        "Supercalifragilisticexpialidocious-antidisestablishmentarianism",
    ],
)
def test_text_is_wrapped_and_shrunk_to_its_box(text):
    face, lines = fit(text, 46, 300, 3)
    assert 1 <= len(lines) <= 3
    assert all(face.getlength(line) <= 300 for line in lines)
    short_face, short_lines = fit("一句话", 46, 300, 1)
    assert short_face.size == 46 and short_lines == ["一句话"]  # no shrinking when it fits


def test_a_long_line_shrinks_before_it_is_cut():
    text = "A line just a little too long for one line at full size"
    face, lines = fit(text, 40, int(font(40).getlength(text) * 0.85), 1)
    assert lines == [text] and face.size < 40


def test_name_tags_never_overlap():
    image = Image.new("RGB", (W + 40, H + 60))
    letters = Lettering(image, (20, 30), (W, H), look_for(Genre.YOUTH_ROMANCE), "en")
    names = ["Alexandra Konstantinopoulou", "Bartholomew", "欧阳娜娜娜娜娜", "Li"]
    boxes = letters.name_tags([(n, 0.2 + 0.2 * i) for i, n in enumerate(names)], 0.72)
    assert len(boxes) == 4
    for a, b in zip(boxes, boxes[1:], strict=False):
        assert a[2] < b[0], (a, b)
    assert boxes[0][0] >= 20 and boxes[-1][2] <= 20 + W


def test_every_genre_keeps_its_palette_on_the_same_scene(english_screenplay):
    means = set()
    for genre in Genre:
        screenplay = english_screenplay.model_copy(update={"genre": genre})
        panel = np.asarray(_painter(screenplay, 2).panel(_shot(0, "Mia", "Leo")))
        means.add(tuple(int(c) for c in panel.reshape(-1, 3).mean(axis=0)))
    assert len(means) == len(Genre)
    assert look_for(Genre.AESTHETIC_SCENERY) != look_for(Genre.GRASSROOTS_SPOOF)


def test_scenes_at_different_places_and_hours_differ(english_screenplay):
    base = english_screenplay.scenes[0]
    pictures = []
    for place, when in (
        ("Kitchen", "DAY"),
        ("Kitchen", "NIGHT"),
        ("Beach", "DUSK"),
        ("教室", "DAWN"),
    ):
        scene = Scene(
            number=1,
            interior="INT" if place != "Beach" else "EXT",
            place=place,
            time_of_day=when,
            characters=list(base.characters),
        )
        screenplay = english_screenplay.model_copy(update={"scenes": [scene]})
        pictures.append(np.asarray(_painter(screenplay).panel(_shot(0, "Mia"))).astype(int))
    for i, a in enumerate(pictures):
        for b in pictures[i + 1 :]:
            assert np.abs(a - b).mean() > 8


def test_voices_things_and_animals_are_not_drawn_as_people(english_screenplay, monkeypatch):
    from tools.picture import storyboard

    sea = CharacterProfile(name="The sea", role="")
    cat = CharacterProfile(name="Ginger", role="the orange cat", look="orange tabby")
    river = CharacterProfile(name="River", role="a young fisherman", look="tanned, 20s")
    screenplay = english_screenplay.model_copy(
        update={"characters": [*english_screenplay.characters, sea, cat, river]}
    )
    scene = screenplay.scenes[0].model_copy(
        update={"characters": ["Mia", "The sea", "Ginger", "River"]}
    )
    screenplay = screenplay.model_copy(update={"scenes": [scene, *screenplay.scenes[1:]]})
    painter = ScenePainter(
        RenderRequest(
            screenplay=screenplay,
            scene=scene,
            shots=(),
            bible=tuple(screenplay.characters),
            width=W,
            height=H,
            fps=30,
            duration_s=3.0,
        )
    )
    pasted: list[object] = []
    monkeypatch.setattr(storyboard, "paste_figure", lambda image, who, spot: pasted.append(who))
    tagged: list[list[str]] = []
    monkeypatch.setattr(
        Lettering, "name_tags", lambda self, tags, y: tagged.append([n for n, _ in tags])
    )
    said = (DialogueLine(speaker="The sea", text="Forty years, old friend."),)
    painter.panel(_shot(0, "Mia", "The sea", "Ginger", "River", said=said))
    # Ginger is drawn as the cat she is (tools.picture.animals), at the people's feet.
    assert len(pasted) == 2 and tagged == [["Mia", "River", "Ginger"]]
    pasted.clear()
    painter.panel(_shot(2, "The sea", said=said))  # a close on a voice: the set, no person
    assert pasted == []


def test_a_line_cut_for_width_leaves_no_comma_to_start_the_next():
    """Recorded (web app, 2026-12-02): a card's last line read "，的"."""
    from tools.picture.typeset import wrap

    face = font(60)
    plain = "下雨天快递小哥把自己的伞让给了等公交的小学生第二天收到一张手写的感谢卡心里暖暖的"
    for at in range(3, 40):
        text = plain[:at] + "，" + plain[at:]
        for width in range(300, 900, 37):
            lines = wrap(text, face, width)
            assert "".join(lines) == text
            assert not any(line[0] in "，。" for line in lines[1:]), (width, lines)
            assert not any(line.endswith("“") for line in wrap("他说“" + plain, face, width))
