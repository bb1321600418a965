"""A child is dressed as a child.

The 1.5B model dresses every woman alike: the granddaughter who learns to ride a bike in
the village came back in high heels, and a schoolgirl with lipstick. A child's wardrobe
loses what only grown-ups wear, as an exact fix before the gate; the rest of it stays.
A child is a person whose look gives an age under 13, or whose name, role or look says
child (小女孩, schoolboy), or a grandchild with no age given: in a micro film the
grandchild beside a grandparent is nearly always a child, and a grown one in flat shoes
is no loss.
"""

from __future__ import annotations

import re

from film.language import CJK_RUN, has_cjk
from film.presence import is_animal
from film.quality.coverage import idea_people_words
from film.quality.people.ages import own_role, stated_age
from film.screenplay import Scene

#: Under this stated age a person is a child.
CHILD_UNDER = 13
_GRANDCHILD = re.compile(r"\bgrand(?:daughter|son|child|kid)s?\b|孙女|孙子|外孙", re.I)
_CHILD = re.compile(
    r"\b(?:child|kid|little (?:girl|boy)|young (?:girl|boy)|toddler|schoolgirl|schoolboy)s?\b"
    r"|孩子|小孩|儿童|小女孩|小男孩|小姑娘|小学生",
    re.I,
)
_GROWN_UP_ONLY = re.compile(
    r"high[- ]heel(?:ed)?s?|\bheels\b|stilettos?|lipstick|make-?up|cocktail dress|evening gown"
    r"|stockings|business suit|高跟鞋?|口红|浓妆|化妆|晚礼服|丝袜|西装|领带",
    re.I,
)
#: The joins between a list's pieces. A comma and the word after it ("a dress, with her
#: hair") are one join: split apart, they left an empty piece whose join was dropped, and
#: the look read "a dresswith her hair" (craft bench, en-family-bus, 2026-12-01).
_JOINS = re.compile(
    r"(\s*(?:[,，、;；/](?:\s*(?:and|with)\b)?|\band\b|\bwith\b|和|与|配|搭配)\s*)", re.I
)
_PLAIN = {"en": "T-shirt, shorts and trainers", "zh": "T恤、短裤和运动鞋"}
#: What only small children wear, and what a grown person wears instead.
_CHILDREN_ONLY = re.compile(
    r"\b(?:toddler|baby|infant|kids?['’]?|children['’]?s?)\b[\w\s-]*|童装|婴儿服|连体衣", re.I
)
_PLAIN_GROWN = {"en": "everyday clothes", "zh": "日常便装"}
_GROWN = 18


def is_grandchild(name: str, role: str) -> bool:
    """Whether the name or the role's own words (not "孙子的奶奶") make them a grandchild."""
    own_zh, own_en = own_role(role)
    return bool(_GRANDCHILD.search(f"{name} {own_zh if '的' in role else own_en}"))


def is_child(name: str, role: str, look: str) -> bool:
    """Whether the person is a child: a stated age first, then their words, then kin."""
    age = stated_age(look)
    if age is not None:
        return age < CHILD_UNDER
    own_zh, own_en = own_role(role)
    words = f"{name} {own_zh if '的' in role else own_en} {look}"
    return bool(_CHILD.search(words)) or is_grandchild(name, role)


#: What the studio's men do not wear unless a story says so: the delivery man of 外卖小哥
#: (2026-12-01) came back "穿着灰色或白色毛衣、裤子和高跟鞋", the grandmother's own clothes.
_WOMEN_ONLY = re.compile(
    r"high[- ]heel(?:ed)?s?|\bheels\b|stilettos?|lipstick|\bskirts?\b|\bgowns?\b|"
    r"\b(?:a|an|the|her|his|white|black|red|blue|long|short|floral|silk|summer) dress\b|"
    r"高跟鞋?|口红|裙|旗袍|耳环|\bearrings?\b",
    re.I,
)


def _without_pieces(text: str, unworn: re.Pattern[str]) -> str:
    """``text`` without the pieces ``unworn`` names ("" when nothing else is left).

    The pieces are the parts of a list ("毛衣、裤子和高跟鞋"): what only grown-ups wear, for a
    child; women's things, for a man.
    """
    parts = _JOINS.split(text)
    kept = ""
    for index in range(0, len(parts), 2):
        piece = parts[index].strip()
        if not piece or unworn.search(piece):
            continue
        kept += (parts[index - 1] if kept and index else "") + piece
    return kept


def child_wardrobe(name: str, role: str, look: str, wardrobe: str) -> str:
    """``wardrobe`` without grown-ups' things when the person is a child; none for an animal.

    Recorded (抓偷外卖的橘猫, 2026-12-01): the cat came back in a white sweater and trousers.
    """
    if is_animal(name, role):
        return ""
    plain = _PLAIN["zh" if has_cjk(wardrobe) else "en"]
    age = stated_age(look)
    if age is not None and age >= _GROWN and _CHILDREN_ONLY.search(wardrobe):
        # Recorded (The Last Bus Home, 2026-12-01): the granddaughter, "age 25", wore a
        # "toddler outfit, pink hat".
        return (
            _without_pieces(wardrobe, _CHILDREN_ONLY)
            or _PLAIN_GROWN["zh" if has_cjk(wardrobe) else "en"]
        )
    if not is_child(name, role, look) or not _GROWN_UP_ONLY.search(wardrobe):
        return wardrobe
    return _without_pieces(wardrobe, _GROWN_UP_ONLY) or plain


def child_look(name: str, role: str, look: str) -> str:
    """A child's ``look`` without grown-ups' things (街舞爸爸's 12-year-old: "一双高跟鞋")."""
    if not is_child(name, role, look) or not _GROWN_UP_ONLY.search(look):
        return look
    return _without_pieces(look, _GROWN_UP_ONLY) or look


#: An idea that sends a person to university makes them grown: "孙子明天就要去外地上大学"
#: came back as a 10-year-old grandson in the dumplings film.
_UNIVERSITY = re.compile(r"上大学|读大学|大学生|考上大学|去大学|\buniversity\b|\bcollege\b", re.I)
_CLAUSES = re.compile(r"[，,。；;！!？?]|\band\b|\bwhile\b|\bwho\b", re.I)
GROWN_AGE = 18


def grown_for_idea(idea: str, name: str, role: str, look: str) -> str:
    """``look`` with a child's age made :data:`GROWN_AGE`: the idea sends them to university.

    The person is found by the idea's own word for them, in the clause that says so.
    """
    age = stated_age(look)
    if age is None or age >= GROWN_AGE - 1:
        return look
    words = idea_people_words(idea)
    own_zh, own_en = own_role(role)
    for clause in _CLAUSES.split(idea):
        if not _UNIVERSITY.search(clause):
            continue
        for word in words:
            if word.lower() in clause.lower() and (
                word in name or word in own_zh or word.lower() in own_en.lower()
            ):
                grown = re.sub(rf"(?<!\d){age}(?!\d)", str(GROWN_AGE), look, count=1)
                return re.sub(rf"\b([Aa]) (?={GROWN_AGE})", r"\1n ", grown)
    return look


def mens_wear(text: str) -> str:
    """A man's look or wardrobe without the women's things in it (as it was if that is all)."""
    if not _WOMEN_ONLY.search(text):
        return text
    return _without_pieces(text, _WOMEN_ONLY) or text


#: Where a look names the clothes: "wearing jeans and a hoodie", "穿着蓝色围裙".
_WEARING = re.compile(
    r"\b(?:wearing|wears|dressed in|in a|in an)\s+([^.;]+)|穿着?([^，。；,;]+)", re.IGNORECASE
)
#: A wardrobe answer that is about props, or says there is nothing: it cost the craft bench a
#: whole bible answer each time the gate sent "props: 书包、笔、橡皮擦" back as a label, and
#: the night-market film's bible showed "Wardrobe: 无特殊服装" twice.
_NOT_WORN = re.compile(
    r"^(?:props?|道具)\s*[:：]|^(?:no|none|n/a)\b.*\bprops?\b|^(?:无|没有|暂无)(?:道具)?[。.]?$"
    r"|^(?:无|没有|暂无)(?:特殊|特别|特定)?的?(?:服装|服饰|衣着|着装|装扮)[。.]?$"
    r"|^(?:no|none|nothing)\s+(?:special|particular|specific)?\s*"
    r"(?:costume|clothes|clothing|wardrobe|outfit)s?\.?$"
    # An answer about the task, not clothes: "没有明显的问题" (the dumplings' grandson,
    # 2026-12-02).
    r"|^(?:没有|无)(?:明显的?|什么)?问题[。.]?$|^no (?:obvious )?(?:problems?|issues?)\.?$",
    re.IGNORECASE,
)


def wardrobe_of(look: str, wardrobe: str) -> str:
    """``wardrobe``, or the clothes ``look`` names when the wardrobe only repeats the look.

    The real model answered Jack's wardrobe with his whole look ("Tall, dark-haired student
    with glasses… He's wearing jeans, a blue hoodie, and sneakers."), which puts a face in
    a wardrobe line and hair in every costume prompt.
    """
    if _NOT_WORN.match(wardrobe.strip()):
        return ""  # "props: 书包、笔", "No props needed.": not clothes (props are their own field)
    if " ".join(wardrobe.split()).lower() != " ".join(look.split()).lower():
        return _without_hair(wardrobe)
    match = _WEARING.search(look)
    worn = (match.group(1) or match.group(2) or "").strip(" ,.") if match else ""
    return worn or wardrobe


#: A list item of a wardrobe that is hair, not clothes ("White shirt, brown hair", "黑色短发").
_HAIR_ITEM = re.compile(
    r"^[\w\s-]*\bhair(?:cut|style)?$|^[^,，、]*(?:头发|发型|短发|长发|马尾|辫子)(?:披肩)?$", re.I
)
#: A list item of a wardrobe that is a thing carried or ridden, not worn: "A red
#: second-hand scooter" was the delivery rider's wardrobe (craft bench, 2026-12-01).
_OBJECT_ITEM = re.compile(
    r"\b(?:scooters?|bikes?|bicycles?|motorbikes?|motorcycles?|cars?|bus|phones?|smartphones?|"
    r"cameras?|laptops?|books?|notebooks?|drums?|drumsticks?|guitars?|umbrellas?|letters?|"
    r"boxe?s?|cups?|trays?|pens?|brush(?:es)?)$"
    r"|(?:电动车|自行车|摩托车|单车|汽车|手机|相机|电脑|笔记本|书本?|鼓槌?|吉他|雨伞|信|盒子|杯子|画笔|毛笔)$",
    re.I,
)


def _without_hair(wardrobe: str) -> str:
    """``wardrobe`` without the list items that are hair or things, not clothes.

    The wardrobe becomes the costume prompt and the drawn clothes: hair in it put a
    retired driver's "brown hair" on his shirt, and a scooter in it dressed the rider in
    one. Things carried belong to the props. A wardrobe of hair only stays; one of things
    only is no wardrobe.
    """
    items = [item for item in re.split(r"\s*[,，、;；]\s*", wardrobe.strip()) if item]
    kept = [
        item
        for item in items
        if not _HAIR_ITEM.match(item.strip(" .")) and not _OBJECT_ITEM.search(item.strip(" .。"))
    ]
    if len(kept) == len(items):
        return wardrobe
    if not kept:
        return "" if all(_OBJECT_ITEM.search(item.strip(" .。")) for item in items) else wardrobe
    joiner = "、" if CJK_RUN.search(wardrobe) else ", "
    return joiner.join(kept)


#: A hand that carries something: "小明拿着一个蓝色的T恤和一条牛仔裤走进客厅", "holding
#: her white blouse and jeans". The object runs to the next verb of moving or the clause end.
_CARRIES_ZH = re.compile(
    r"(?:手里|手上)?(?:拿着|提着|抱着|捧着)(?P<thing>[^，,。；;！？]{1,24}?)"
    r"(?=走|站|坐|跑|来到|进|出|回|[，,。；;！？]|$)"
)
_CARRIES_EN = re.compile(
    r",?\s*\b(?:holding|carrying|clutching)\s+(?P<thing>[^,.;!?]{2,50}?)(?=[,.;!?]|$)", re.I
)


def _pieces(wardrobe: str) -> list[str]:
    """A wardrobe's pieces as they may be named in a line: "蓝色T恤" gives 蓝色T恤 and T恤."""
    pieces: list[str] = []
    for part in _JOINS.split(wardrobe.lower())[::2]:  # the pieces, not the joins
        part = re.sub(r"^(?:a|an|the|his|her)\s+", "", part.strip())
        if len(part) >= 2:
            pieces.append(part)
            # The garment without its colour: 蓝色T恤 is named "T恤" too.
            bare = re.sub(r"^[\u4e00-\u9fff]{1,2}色的?|^(?:\w+\s+)+(?=\w+$)", "", part)
            if bare != part and len(bare) >= 2:
                pieces.append(bare)
    return pieces


def without_carried_wardrobe(text: str, wardrobes: list[str]) -> str:
    """``text`` without a hand carrying the clothes someone wears.

    Recorded (爸爸的街舞梦想, 2026-12-02): "小明拿着一个蓝色的T恤和一条牛仔裤走进客厅。",
    the bible's wardrobe (蓝色T恤、牛仔裤) written into the action as things he carries.
    Clothes are worn; a hand that carries them is the wardrobe pasted. The rest of the
    line stays: "小明走进客厅。".
    """
    pieces = [piece for wardrobe in wardrobes for piece in _pieces(wardrobe)]
    if not pieces:
        return text

    def worn(match: re.Match[str]) -> str:
        thing = match["thing"].lower()
        return "" if any(piece in thing for piece in pieces) else match[0]

    pattern = _CARRIES_ZH if has_cjk(text) else _CARRIES_EN
    mended = pattern.sub(worn, text).strip()
    return mended if re.search(r"\w", mended) else text


def scene_without_carried_wardrobe(scene: Scene, wardrobes: list[str]) -> Scene:
    """``scene`` whose action and visual note carry no one's clothes (see above).

    Speech is left alone: "拿着你的外套" said to someone is a line, not a pasted wardrobe.
    """
    action = [without_carried_wardrobe(line, wardrobes) for line in scene.action]
    visual = without_carried_wardrobe(scene.visual, wardrobes) if scene.visual else ""
    if action == scene.action and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "visual": visual})
