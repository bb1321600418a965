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

from film.language import has_cjk
from film.presence import is_animal
from film.quality.coverage import idea_people_words, mentions
from film.quality.people.ages import is_pupil, own_role, own_words, sounds_old, stated_age

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
JOINS = re.compile(
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
    return bool(_GRANDCHILD.search(f"{name} {own_words(role)}"))


def is_child(name: str, role: str, look: str) -> bool:
    """Whether the person is a child: a stated age first, then their words, then kin."""
    age = stated_age(look)
    if age is not None:
        return age < CHILD_UNDER
    words = f"{name} {own_words(role)} {look}"
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
    parts = JOINS.split(text)
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
    wardrobe = elder_wear(name, role, look, wardrobe)
    if at_school(name, role, look) and _PUPIL_UNWORN.search(wardrobe):
        wardrobe = _without_pieces(wardrobe, _PUPIL_UNWORN) or plain
    if not is_child(name, role, look) or not _GROWN_UP_ONLY.search(wardrobe):
        return wardrobe
    return _without_pieces(wardrobe, _GROWN_UP_ONLY) or plain


#: What a grandparent of the studio's stories does not wear: the grandmother making
#: dumplings at home stood in "一双高跟鞋" (second reader, 2026-12-05).
_ELDER_UNWORN = re.compile(r"high[- ]heel(?:ed)?s?|\bheels\b|stilettos?|高跟鞋?", re.I)
_ELDER_AGE = 60


def _old(name: str, role: str, look: str) -> bool:
    """Whether the person is old: a stated age of sixty or more, else :func:`sounds_old`."""
    age = stated_age(look)
    return age >= _ELDER_AGE if age is not None else sounds_old(name, role)


def elder_wear(name: str, role: str, look: str, text: str) -> str:
    """``text`` (a look or a wardrobe) without high heels on a grandparent."""
    if not _ELDER_UNWORN.search(text) or not _old(name, role, look):
        return text
    return _without_pieces(text, _ELDER_UNWORN) or text


def child_look(name: str, role: str, look: str) -> str:
    """A child's ``look`` without grown-ups' things (街舞爸爸's 12-year-old: "一双高跟鞋").

    A pupil's look loses heels and make-up too (:func:`at_school`), and so does an elder's
    (:func:`elder_wear`).
    """
    look = elder_wear(name, role, look, look)
    if at_school(name, role, look) and _PUPIL_UNWORN.search(look):
        look = _without_pieces(look, _PUPIL_UNWORN) or look
    if not is_child(name, role, look) or not _GROWN_UP_ONLY.search(look):
        return look
    return _without_pieces(look, _GROWN_UP_ONLY) or look


#: What no pupil wears to class: the desk-mates of 高三 came in 高跟鞋 (craft bench, 22:30).
_PUPIL_UNWORN = re.compile(
    r"high[- ]heel(?:ed)?s?|\bheels\b|stilettos?|lipstick|make-?up|stockings"
    r"|高跟鞋?|口红|浓妆|丝袜",
    re.I,
)


def at_school(name: str, role: str, look: str) -> bool:
    """Whether the person is at school: a stated age under 18, else a pupil's role."""
    age = stated_age(look)
    return age < _GROWN if age is not None else is_pupil(name, role)


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
            if mentions(clause, word) and any(mentions(t, word) for t in (name, own_zh, own_en)):
                grown = re.sub(rf"(?<!\d){age}(?!\d)", str(GROWN_AGE), look, count=1)
                return re.sub(rf"\b([Aa]) (?={GROWN_AGE})", r"\1n ", grown)
    return look


def mens_wear(text: str) -> str:
    """A man's look or wardrobe without the women's things in it (as it was if that is all)."""
    if not _WOMEN_ONLY.search(text):
        return text
    return _without_pieces(text, _WOMEN_ONLY) or text


#: A grandchild is young: "在北方读书的外孙女" was drawn "中年妇女" beside her
#: grandmother of sixty (the web app, 2026-12-03).
_MIDDLE_AGED_AS_YOUNG = (
    (re.compile(r"中年(?:的)?(?:妇女|女性|女人)"), "年轻姑娘"),
    (re.compile(r"中年(?:的)?(?:男子|男性|男人)"), "年轻小伙"),
    (re.compile(r"中年"), "年轻"),
    (re.compile(r"\bmiddle-aged\b", re.I), "young"),
)


def grandchild_look(name: str, role: str, look: str) -> str:
    """A grandchild's ``look`` with "middle-aged" said young; any other look as it was."""
    if not is_grandchild(name, role):
        return look
    for pattern, young in _MIDDLE_AGED_AS_YOUNG:
        look = pattern.sub(young, look)
    return look
