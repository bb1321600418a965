"""Who in a bible is a person the camera can show, and who is only heard or is not human.

Why: the model gives lines to narrators, to the sea and to the wind ("The sea: You have
watched me for forty years"), and casts animals (an orange cat that the guard chases). The
animatic drew every one of them as a person in clothes, with a name tag under the feet: a
man called "The sea". Such speakers are voices over the picture, and an animal is not drawn
as a person. A narrator needs no look in the bible for the same reason.
"""

from __future__ import annotations

import re

NARRATORS = frozenset(
    {"narrator", "旁白", "narration", "voice over", "voice-over", "v.o.", "画外音"}
)

_ELEMENTS_EN = (
    "sea|ocean|wind|moon|sun|sky|river|mountain|lighthouse|rain|snow|time|city|night|"
    "stars?|the lake|lake|tide|waves?|forest|storm|fog|memory|heart|voice|radio|phone|"
    "letter|clock|echo|"
    # Vehicles and things a bible cast as people: "Alex, Role: The bus" (craft bench, the
    # bus, 2026-12-02, 17:46).
    "bus|car|train|tram|scooter|motorbike|bicycle|bike|boat|ship|ferry|tower|piano|camera"
)
_ANIMALS_EN = "cat|kitten|dog|puppy|bird|horse|fish|parrot|crow|rabbit|fox|cow|goat|pet"
_NOT_PEOPLE_ZH = (
    "大海|海浪|海风|风|月亮|太阳|天空|河|山|灯塔|雨|雪|时间|城市|星星|湖|森林|回忆|"
    "心声|声音|收音机|广播|电话|信|钟|回声|"
    "猫|狗|鸟|马|鱼|鹦鹉|乌鸦|兔|狐狸|牛|羊"
)
_NOT_PEOPLE = re.compile(
    rf"^(?:the\s+|a\s+|an\s+|old\s+|little\s+|orange\s+|black\s+|white\s+|stray\s+)*"
    rf"(?:{_ELEMENTS_EN}|{_ANIMALS_EN})s?$",
    re.IGNORECASE,
)
# A role whose head is an animal or a thing: "the orange cat", "a stray dog who follows her",
# "the sea itself", but not "a cat lover" or "the dog walker" (people, named after a pet).
_NOT_THE_ANIMAL = (
    r"(?!\s*(?:lover|owner|walker|keeper|person|lady|man|woman|whisperer|sitter|seller|shop|"
    r"store|trainer|groomer|food))"
)


def _role_headed_by(words: str) -> re.Pattern[str]:
    """A role whose head is one of ``words`` ("the orange cat"), not a person named after it."""
    return re.compile(
        rf"^(?:the|a|an|his|her|their|my|our)?\s*(?:[\w'’-]+\s+){{0,2}}?(?:{words})e?s?\b"
        # The head word ends the phrase: "night-shift cleaner" is a cleaner (by hand,
        # 2026-12-02: she was never drawn), "a sea captain" a captain.
        + r"(?=\s*$|\s+(?:who|that|which|itself|of|in|on|at|with|from|named|called|over|"
        r"above|under|beyond|across|outside|by|near)\b)" + _NOT_THE_ANIMAL,
        re.IGNORECASE,
    )


_THING_ROLE = _role_headed_by(f"{_ANIMALS_EN}|{_ELEMENTS_EN}")
_ANIMAL_ROLE = _role_headed_by(_ANIMALS_EN)
_ZH_THING = re.compile(rf"^(?:[小老大橘黑白花]|一只|那只|这只)?(?:{_NOT_PEOPLE_ZH})$")
_ZH_ANIMAL_WORDS = "猫|狗|鸟|鹦鹉|乌鸦|兔子?|狐狸|宠物|猫咪|狗狗"
_ZH_THING_ROLE = re.compile(
    rf"(?:{_ZH_ANIMAL_WORDS}|大海|月亮|风|灯塔|公交车|汽车|电动车|摩托车|自行车)$"
)
_ZH_ANIMAL_ROLE = re.compile(rf"(?:{_ZH_ANIMAL_WORDS})$")
# A Chinese name that is an animal ("橘猫", "小狗") is the animal, whatever the role says;
# elements are common given names (小雪, 阿山), so those need an empty role to count.
_ZH_ANIMAL_NAME = re.compile(
    r"^(?:一只|那只|这只)?(?:流浪|野|[小老大橘黑白花灰黄])*(?:猫咪?|狗狗?|鸟|鹦鹉|乌鸦|兔子?|狐狸)$"
)


# A speaker the bible never cast, named by its kind: "Dog", "Stray cat", "流浪猫".
_BARE_ANIMAL = re.compile(
    rf"(?:the\s+|a\s+)?(?:(?:stray|little|old|orange|black|white|grey|gray|ginger)\s+)?"
    rf"(?:{_ANIMALS_EN})s?",
    re.IGNORECASE,
)


def is_narrator(name: str) -> bool:
    """A narrator or voice-over: heard, never seen."""
    return name.strip().lower() in NARRATORS


def _role_head(role: str) -> str:
    """The role's first clause, lower case: who the person is before any "who ..."."""
    return re.split(r"[,，;；。(（]", role.strip().lower(), maxsplit=1)[0].strip()


def is_animal(name: str, role: str = "") -> bool:
    """Whether ``name`` is an animal (a wardrobe on one is a slip).

    Named so ("橘猫", "Biscuit the dog"), or cast so by the head of its role ("the family
    dog", "偷外卖贼的宠物"; not "horse trainer").
    """
    bare = name.strip()
    head = _role_head(role)
    own = head.split("的")[-1]
    return bool(
        _ANIMAL_ROLE.match(head)
        or _ZH_ANIMAL_ROLE.search(own)
        or _ZH_ANIMAL_NAME.match(bare)
        or re.search(rf"\bthe (?:{_ANIMALS_EN})$", bare, re.I)
        # A bare "Dog" with no role to say otherwise (a speaker the bible never cast).
        or (not head and _BARE_ANIMAL.fullmatch(bare) is not None)
    )


def drawn_as_person(name: str, role: str = "") -> bool:
    """Whether the animatic may draw ``name`` as a person.

    False for narrators, for a speaker that is a thing or a force of nature ("The sea",
    "月亮"), and for an animal, named so or cast so by its role ("Ginger", "the orange cat").
    ``role`` is the bible's; a person's role ("a young fisherman") outweighs a name that is
    also a word ("River").
    """
    bare = name.strip()
    if not bare or is_narrator(bare):
        return False
    head = _role_head(role)
    if _THING_ROLE.match(head) or _ZH_THING_ROLE.search(head) or _ZH_ANIMAL_NAME.match(bare):
        return False
    # A name alone decides only when the role does not say who it is, or the name is
    # plainly a thing ("The sea"); "River, a young fisherman" is a person.
    named_thing = bool(_NOT_PEOPLE.match(bare) or _ZH_THING.match(bare))
    return not (named_thing and (not head or bare.lower().startswith("the ")))


_KIND_ZH = re.compile(r"猫咪|狗狗|猫|狗|鹦鹉|乌鸦|鸟|兔子?|狐狸")
_KIND_EN = re.compile(rf"\b({_ANIMALS_EN})s?\b", re.IGNORECASE)


def animal_kinds(name: str, role: str = "") -> tuple[str, ...]:
    """The plain words for an animal of the bible ("流浪猫": 猫, 猫咪); none for a person.

    "Ginger, the orange cat" is "cat".

    Recorded (by hand, 2026-12-02): the stray cat, 流浪猫 in the bible, spoke as "猫" in
    scene 2, and the form repair cast "猫" again as a person with short black hair.
    """
    if not is_animal(name, role):
        return ()
    text = f"{name} {role}"
    if found := _KIND_ZH.search(text):
        kind = found[0][0] if found[0] in ("猫咪", "狗狗") else found[0]
        return (kind, {"猫": "猫咪", "狗": "狗狗"}.get(kind, kind))
    if found := _KIND_EN.search(text):
        return (found[1].lower(),)
    return ()


#: The family of each kind word: what an animal sounds like and how it is drawn.
_FAMILIES = {
    **dict.fromkeys(("猫", "猫咪", "cat", "kitten"), "cat"),
    **dict.fromkeys(("狗", "狗狗", "dog", "puppy"), "dog"),
    **dict.fromkeys(("鸟", "鹦鹉", "乌鸦", "bird", "parrot", "crow"), "bird"),
}


def animal_family(name: str, role: str = "") -> str:
    """An animal's family, which says how it sounds and is drawn; "" for a person.

    "cat", "dog" or "bird" for those kinds, "other" for another animal (a fox, a pet).
    """
    if not is_animal(name, role):
        return ""
    kinds = animal_kinds(name, role)
    return _FAMILIES.get(kinds[0], "other") if kinds else "other"


# An animal the idea names, one of it: "一只流浪猫", "a stray dog"; not "三只小猫" (a litter).
_IDEA_ANIMAL_ZH = re.compile(
    r"(?:一只|一条|一匹)(?P<animal>(?:流浪|野|[小老大橘黑白花灰黄])*(?:猫|狗|鸟|鹦鹉|乌鸦|兔子|狐狸))"
)
_IDEA_ANIMAL_EN = re.compile(
    rf"\b(?:a|an|the)\s+(?P<animal>(?:[a-z]+\s+)?(?:{_ANIMALS_EN}))\b(?!\s+(?:lover|owner|walker))",
    re.IGNORECASE,
)


def idea_animals(idea: str) -> list[str]:
    """The animals an idea names, in its words ("流浪猫", "stray dog"), each once.

    Recorded (by hand, 2026-12-02): the clerk who feeds "一只流浪猫" was cast alone; the cat
    first spoke in the scenes, as a newcomer the scene mends did not know was a cat.
    """
    found = [m["animal"].lower() for m in _animal_mentions(idea) if not _pictured(idea, m)]
    return list(dict.fromkeys(found))


def _animal_mentions(idea: str) -> list[re.Match[str]]:
    """Each animal ``idea`` names, as a match: its Chinese mentions, then its English."""
    return [*_IDEA_ANIMAL_ZH.finditer(idea), *_IDEA_ANIMAL_EN.finditer(idea)]


#: Drawing, painting or shaping an animal makes a picture of one, not a creature: "A shy
#: barista draws a small cat on the coffee cup" cast a cat as "Leo (Pet)" (CLI, 2026-12-05).
_PICTURES = re.compile(
    r"\b(?:draws?|drew|drawing|paints?|painted|painting|sketch(?:es|ed)?|carves?|carved|"
    r"folds?|folded|knits?|picture of|photo of|drawing of|shape of)\s+(?:\w+\s+){0,2}$"
    r"|(?:画|画了|画着|画上|折|折了|捏|捏了|剪|剪了|绣|绣了|刻|刻了)$",
    re.I,
)


def pictured_animals(idea: str) -> list[str]:
    """The animals ``idea`` only draws or makes ("draws a small cat": "cat"), by their kind."""
    found = [m["animal"].split()[-1].lower() for m in _animal_mentions(idea) if _pictured(idea, m)]
    return list(dict.fromkeys(found))


def _pictured(idea: str, found: re.Match[str]) -> bool:
    """Whether the animal ``found`` in ``idea`` is drawn or made, not alive."""
    return bool(_PICTURES.search(idea[max(0, found.start() - 30) : found.start()]))
