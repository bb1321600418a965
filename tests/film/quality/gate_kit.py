"""Fixtures for the quality gate: one good short film per genre, with the brief it answers.

The good films guard against false positives: the gate must pass each of them untouched,
with every guideline text in the corpus passed in as "do not copy" material. The corpus's
Fountain guide is left out for :func:`media_kit.english_film`, which is that guide's own
worked example (see ``test_gate_films.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from film.form import estimate_runtime, with_estimates
from film.quality import Brief
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay

GUIDELINES_DIR = Path(__file__).resolve().parents[3] / "knowledge" / "guidelines"


def guideline_texts(*, skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every guideline file's text, except those whose name contains a ``skip`` word."""
    return tuple(
        path.read_text(encoding="utf-8")
        for path in sorted(GUIDELINES_DIR.glob("*.md"))
        if not any(word in path.name for word in skip)
    )


@dataclass(frozen=True)
class Beat:
    """An outline beat, shaped like the drafting stage's ``BeatDraft``."""

    place: str
    time_of_day: str
    summary: str
    characters: tuple[str, ...] = ()


def beats_of(screenplay: Screenplay) -> list[Beat]:
    """The outline a screenplay was written from: one beat per scene."""
    return [
        Beat(s.place, s.time_of_day, s.action[0] if s.action else s.visual, tuple(s.characters))
        for s in screenplay.scenes
    ]


def brief_for(
    screenplay: Screenplay,
    idea: str,
    *,
    target_s: float | None = None,
    genre: Genre | None = None,
    skip: tuple[str, ...] = (),
) -> Brief:
    """The brief a good film answers: its language, its genre, its own length by default."""
    return Brief(
        idea=idea,
        language=screenplay.language,
        genre=genre or screenplay.genre,
        target_s=target_s if target_s is not None else estimate_runtime(screenplay),
        guidelines=guideline_texts(skip=skip),
    )


def _line(speaker: str, text: str, parenthetical: str = "") -> DialogueLine:
    return DialogueLine(speaker=speaker, text=text, parenthetical=parenthetical)


def _film(**fields: object) -> Screenplay:
    return with_estimates(Screenplay.model_validate(fields))


def spoof_film() -> tuple[Screenplay, str]:
    """Grassroots spoof, English, about 36 s."""
    idea = (
        "A spoof: a clumsy delivery rider pretends to be a celebrity chef at a village "
        "cooking contest."
    )
    return _film(
        title="Chef on a Scooter",
        genre=Genre.GRASSROOTS_SPOOF,
        language="en",
        logline="A clumsy delivery rider bluffs his way into a village cooking contest as a "
        "famous chef.",
        theme="Being yourself beats pretending",
        setting_time="A hot summer Saturday",
        characters=[
            CharacterProfile(
                name="Dong",
                role="delivery rider",
                look="late 20s, spiky hair, round glasses",
                wardrobe="yellow rider jacket, borrowed chef hat",
            ),
            CharacterProfile(
                name="Auntie Fang",
                role="contest judge",
                look="60s, grey perm",
                wardrobe="flowered apron",
            ),
        ],
        scenes=[
            Scene(
                number=1,
                interior="EXT",
                place="Village square",
                time_of_day="MORNING",
                action=[
                    "Dong skids his scooter into a stack of cooking pots.",
                    "A banner reads the cooking contest has begun.",
                ],
                dialogue=[
                    _line("Auntie Fang", "Are you the famous chef from the city?"),
                    _line("Dong", "Yes. Obviously. Very famous."),
                ],
                characters=["Dong", "Auntie Fang"],
            ),
            Scene(
                number=2,
                interior="EXT",
                place="Contest stove",
                time_of_day="DAY",
                action=[
                    "Dong flips a pancake; it lands on the judge's table.",
                    "Smoke rises from his wok.",
                ],
                dialogue=[
                    _line("Auntie Fang", "Is the smoke part of the recipe?"),
                    _line("Dong", "It is called the cloud technique."),
                ],
                characters=["Dong", "Auntie Fang"],
            ),
            Scene(
                number=3,
                interior="EXT",
                place="Village square",
                time_of_day="EVENING",
                action=[
                    "Dong hands out the noodles he was meant to deliver.",
                    "The whole village eats and cheers.",
                ],
                dialogue=[
                    _line("Dong", "Fine, I am only the delivery rider."),
                    _line("Auntie Fang", "Then deliver more of these tomorrow!"),
                ],
                characters=["Dong", "Auntie Fang"],
            ),
        ],
    ), idea


def romance_film() -> tuple[Screenplay, str]:
    """Youth romance, Chinese, about 24 s."""
    idea = "青春爱情：高三女生在图书馆的旧书里发现一张纸条，开始和一个陌生男生互相留言。"
    return _film(
        title="书里的纸条",
        genre=Genre.YOUTH_ROMANCE,
        language="zh",
        logline="高三女生在图书馆旧书里发现纸条，和陌生男生互相留言，终于在毕业前见面。",
        theme="青春里说不出口的喜欢",
        setting_time="高三的最后一个春天",
        characters=[
            CharacterProfile(
                name="林小雨",
                role="高三女生",
                look="十八岁，马尾辫，圆脸",
                wardrobe="蓝白校服，白色帆布鞋",
            ),
            CharacterProfile(
                name="陈阳",
                role="高三男生",
                look="十八岁，短发，戴眼镜",
                wardrobe="蓝白校服，黑色书包",
            ),
        ],
        scenes=[
            Scene(
                number=1,
                interior="INT",
                place="学校图书馆",
                time_of_day="DAY",
                action=["林小雨翻开一本旧诗集，一张纸条掉了出来。"],
                dialogue=[_line("林小雨", "“今天的云很好看”，是谁写的？")],
                characters=["林小雨"],
            ),
            Scene(
                number=2,
                interior="INT",
                place="图书馆书架之间",
                time_of_day="DUSK",
                action=["她在纸条背面写下回信，夹回书里。", "第二天，书里多了一张新的纸条。"],
                dialogue=[_line("林小雨", "你也喜欢这本诗集吗？我每天都会来看。")],
                characters=["林小雨"],
            ),
            Scene(
                number=3,
                interior="EXT",
                place="操场看台",
                time_of_day="EVENING",
                action=["毕业典礼后，陈阳拿着那本诗集站在看台上。"],
                dialogue=[_line("陈阳", "纸条是我写的。"), _line("林小雨", "我早就猜到了，笨蛋。")],
                characters=["林小雨", "陈阳"],
            ),
        ],
    ), idea


def struggle_film() -> tuple[Screenplay, str]:
    """Inspirational struggle, English, about 27 s."""
    idea = "An inspirational story: a 50-year-old welder goes to night school to learn to read."
    return _film(
        title="Letters After Midnight",
        genre=Genre.INSPIRATIONAL_STRUGGLE,
        language="en",
        logline="A 50-year-old welder who never learned to read goes to night school so he "
        "can read his daughter's letter.",
        theme="It is never too late to learn",
        setting_time="One winter, today",
        characters=[
            CharacterProfile(
                name="Frank",
                role="welder",
                look="50, broad shoulders, burn scars on his hands",
                wardrobe="grey overalls, wool cap",
            ),
            CharacterProfile(
                name="Ms. Okafor",
                role="night school teacher",
                look="40s, braided hair, warm smile",
                wardrobe="green cardigan",
            ),
        ],
        scenes=[
            Scene(
                number=1,
                interior="INT",
                place="Workshop",
                time_of_day="NIGHT",
                action=[
                    "Frank finishes a weld and pulls an unopened letter from his pocket.",
                    "He stares at the words he cannot read.",
                ],
                characters=["Frank"],
            ),
            Scene(
                number=2,
                interior="INT",
                place="Night school classroom",
                time_of_day="EVENING",
                action=[
                    "Frank sits at a tiny desk among teenagers.",
                    "He traces the alphabet with a thick finger.",
                ],
                dialogue=[
                    _line("Ms. Okafor", "Slowly, Frank. Every letter is a small weld."),
                    _line("Frank", "Then I can do this."),
                ],
                characters=["Frank", "Ms. Okafor"],
            ),
            Scene(
                number=3,
                interior="INT",
                place="Frank's kitchen",
                time_of_day="NIGHT",
                action=["Frank opens the letter at last."],
                dialogue=[
                    _line("Frank", "Dear Dad, I am proud of you.", "reading slowly"),
                    _line("Frank", "She is proud of me."),
                ],
                characters=["Frank"],
            ),
        ],
    ), idea


def ancient_film() -> tuple[Screenplay, str]:
    """Ancient style, Chinese, about 16 s."""
    idea = "古风：落魄书生在渡口等一位侠女归来，只为还她一把伞。"
    return _film(
        title="渡口的伞",
        genre=Genre.ANCIENT_STYLE,
        language="zh",
        logline="落魄书生在渡口苦等三年，只为把一把油纸伞还给救过他的侠女。",
        theme="一诺千金",
        setting_time="江南，烟雨三月",
        characters=[
            CharacterProfile(
                name="沈书生",
                role="落魄书生",
                look="二十出头，清瘦，眉目温和",
                wardrobe="洗旧的青布长衫",
                props=["油纸伞"],
            ),
            CharacterProfile(
                name="苏侠女",
                role="侠女",
                look="二十岁，英气，眼神明亮",
                wardrobe="黑色劲装，红色束发带",
                props=["长剑"],
            ),
        ],
        scenes=[
            Scene(
                number=1,
                interior="EXT",
                place="江南渡口",
                time_of_day="MORNING",
                action=["细雨中，沈书生抱着一把油纸伞望向江面。"],
                dialogue=[_line("沈书生", "三年了，她会回来吗？")],
                characters=["沈书生"],
            ),
            Scene(
                number=2,
                interior="EXT",
                place="江上小船",
                time_of_day="DAY",
                action=["一叶小舟靠岸，苏侠女提剑走下船。"],
                dialogue=[_line("苏侠女", "你还在等？")],
                characters=["苏侠女", "沈书生"],
            ),
            Scene(
                number=3,
                interior="EXT",
                place="江南渡口",
                time_of_day="DUSK",
                action=["沈书生把伞递给她，两人并肩走进雨里。"],
                dialogue=[_line("沈书生", "伞还你，人也跟你走。")],
                characters=["沈书生", "苏侠女"],
            ),
        ],
    ), idea


def family_film() -> tuple[Screenplay, str]:
    """Touching family, English, about 31 s: the bus driver idea told right."""
    idea = (
        "A retired bus driver drives his old route one last time so his granddaughter "
        "can see the city he served."
    )
    return _film(
        title="The Number 9 Route",
        genre=Genre.TOUCHING_FAMILY,
        language="en",
        logline="On his last day with the company, a retired bus driver takes his "
        "granddaughter along his old route.",
        theme="The quiet pride of a life's work",
        setting_time="An autumn Sunday",
        characters=[
            CharacterProfile(
                name="Grandpa Joe",
                role="retired bus driver",
                look="70, white moustache, kind eyes",
                wardrobe="faded blue driver's uniform",
            ),
            CharacterProfile(
                name="Lily",
                role="his granddaughter",
                look="9, two braids, freckles",
                wardrobe="red raincoat",
            ),
        ],
        scenes=[
            Scene(
                number=1,
                interior="EXT",
                place="Bus depot",
                time_of_day="DAWN",
                action=["Grandpa Joe polishes the steering wheel of an old green bus."],
                dialogue=[
                    _line("Lily", "Is this really your bus, Grandpa?"),
                    _line("Grandpa Joe", "For thirty years, every single morning."),
                ],
                characters=["Grandpa Joe", "Lily"],
            ),
            Scene(
                number=2,
                interior="INT",
                place="Old green bus",
                time_of_day="MORNING",
                action=[
                    "The bus rolls past the bakery, the school and the river.",
                    "Lily waves at every stop.",
                ],
                dialogue=[
                    _line("Grandpa Joe", "That baker gave me bread every Friday."),
                    _line("Lily", "You know the whole city!"),
                ],
                characters=["Grandpa Joe", "Lily"],
            ),
            Scene(
                number=3,
                interior="EXT",
                place="Last stop by the river",
                time_of_day="EVENING",
                action=["Grandpa Joe lets Lily ring the bell one last time."],
                dialogue=[
                    _line("Lily", "When I grow up, I will drive this route."),
                    _line("Grandpa Joe", "Then the city is in good hands."),
                ],
                characters=["Grandpa Joe", "Lily"],
            ),
        ],
    ), idea


def scenery_film() -> tuple[Screenplay, str]:
    """Aesthetic scenery, Chinese, about 16 s."""
    idea = "唯美风景：一个摄影师在洱海边等待日出，想拍下最美的一刻。"
    return _film(
        title="洱海的日出",
        genre=Genre.AESTHETIC_SCENERY,
        language="zh",
        logline="年轻摄影师在洱海边等了一夜，终于等到湖面被日出点亮的一刻。",
        theme="等待本身也是风景",
        setting_time="深秋的清晨",
        characters=[
            CharacterProfile(
                name="阿远",
                role="摄影师",
                look="二十八岁，长发扎起，皮肤黝黑",
                wardrobe="灰色冲锋衣，旧相机挂在胸前",
            ),
        ],
        scenes=[
            Scene(
                number=1,
                interior="EXT",
                place="洱海边的石滩",
                time_of_day="NIGHT",
                action=["阿远支起三脚架，湖面一片漆黑。"],
                characters=["阿远"],
            ),
            Scene(
                number=2,
                interior="EXT",
                place="洱海边的石滩",
                time_of_day="DAWN",
                action=["天边泛起淡紫色，水鸟从芦苇中飞起。"],
                dialogue=[_line("阿远", "再等一下，就快来了。")],
                characters=["阿远"],
            ),
            Scene(
                number=3,
                interior="EXT",
                place="洱海湖面",
                time_of_day="MORNING",
                action=["第一缕阳光铺满湖面，阿远按下快门。"],
                dialogue=[_line("阿远", "原来最美的是等待的这一夜。")],
                characters=["阿远"],
            ),
        ],
    ), idea


GOOD_FILMS = {
    "spoof": spoof_film,
    "romance": romance_film,
    "struggle": struggle_film,
    "ancient": ancient_film,
    "family": family_film,
    "scenery": scenery_film,
}


def fired_ids(findings: object) -> set[str]:
    """The check ids in a list of findings."""
    return {f.check for f in findings}  # type: ignore[attr-defined]
