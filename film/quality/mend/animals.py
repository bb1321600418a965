"""An animal in the film is an animal: it has no person's look, and it talks only in a spoof.

Why: the 1.5B model fills every bible entry the same way. Recorded (by hand, 2026-12-02,
the night-shift shop clerk who feeds a stray cat): the cat's look was "中年男性，身高约1米5，
留着齐耳短发，穿浅灰色外套", and in the scenes it answered "是的，我每天都会的" and "谢谢
你的帮助！". A viewer laughs at that unless the film is a spoof, where a talking cat is the
joke. The animatic already draws no person for an animal (:func:`film.presence.is_animal`);
these fixes make the screenplay agree with it: the person's clauses of the look go, and
outside a spoof the animal's lines become the one sound it makes in the action.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.language import has_cjk
from film.presence import (
    animal_family,
    drawn_as_person,
    idea_animals,
    is_animal,
    is_narrator,
    pictured_animals,
)
from film.screenplay import CharacterProfile, Genre, Scene

# What only a person has: sex and age, height, hair, clothes and worn things.
_PERSON_CLAUSE_ZH = re.compile(
    r"男|女|岁|身高|米|头发|短发|长发|卷发|马尾|胡|穿|戴|外套|西装|衬衫|裤|裙|鞋|眼镜|领带|帽|"
    # Hands too: the guard's 橘猫 was "圆脸，手持一只长棍" (craft bench, 2026-12-04).
    r"皮肤|个子|身材|中年|青年|老年|少年|手持|手拿|手里|拿着|握着"
)
_PERSON_CLAUSE_EN = re.compile(
    r"\b(?:man|woman|men|women|male|female|boy|girl|years?[- ]old|aged?|tall|height|feet|"
    r"hair|haired|beard|mustache|moustache|glasses|jacket|shirt|dress|pants|trousers|jeans|"
    r"suit|coat|shoes|sneakers|boots|tie|hat|skin|sweater|hoodie|uniform|gloves|outfit|"
    r"middle-aged|wearing|wears|holding|holds|carrying|carries|in (?:his|her) hands?)\b|\d",
    re.IGNORECASE,
)
_CLAUSE_ZH = re.compile(r"[，,、；;。]")
_CLAUSE_EN = re.compile(r"[,;.]\s*")

#: The sound each family of animal makes, as an action line: (Chinese, English).
_SOUNDS = {
    "cat": ("轻轻地“喵”了一声", "meows softly"),
    "dog": ("“汪汪”叫了两声", "barks twice"),
    "bird": ("扑了扑翅膀，叫了两声", "flutters and chirps"),
    "other": ("轻轻叫了一声", "makes a soft sound"),
}


def animal_look(name: str, role: str, look: str) -> str:
    """``look`` with a person's clauses gone when ``name`` is an animal; else as it was.

    Nothing left means the role says what it looks like ("一只流浪猫", "a stray cat").
    """
    if not is_animal(name, role) or not look.strip():
        return look
    named = _FUR.search(f"{name} {role}")
    if has_cjk(look):
        kept = [c for c in _CLAUSE_ZH.split(look) if c.strip() and not _PERSON_CLAUSE_ZH.search(c)]
        kept = [c for c in kept if not _other_fur(c, named)]
        return "，".join(c.strip() for c in kept) or _plain_look(name, role, "zh")
    kept = [c for c in _CLAUSE_EN.split(look) if c.strip() and not _PERSON_CLAUSE_EN.search(c)]
    kept = [c for c in kept if not _other_fur(c, named)]
    return ", ".join(c.strip() for c in kept) or _plain_look(name, role, "en")


#: A coat's colour. An animal named by it is that colour: the guard's 橘猫 was drawn up
#: as "毛色纯白" (craft bench, 2026-12-03), a white cat where the idea had an orange one.
_FUR = re.compile(
    r"[橘橙黄黑白灰]|\b(?:orange|ginger|black|white|gr[ae]y|tabby|brown)\b", re.IGNORECASE
)
_SAME_FUR = {"橙": "橘", "黄": "橘", "ginger": "orange", "gray": "grey", "tabby": "orange"}


def _other_fur(clause: str, named: re.Match[str] | None) -> bool:
    """Whether ``clause`` gives the coat a colour other than the one ``named`` says."""
    # "黑白相间" says the coat without the word (the guard's 橘猫, craft bench, 2026-12-04).
    if named is None or not re.search(r"毛|相间|斑|花纹|fur|coat|patch|spot|stripe", clause, re.I):
        return False

    def kind(colour: str) -> str:
        return _SAME_FUR.get(colour.lower(), colour.lower())

    said = {kind(m.group(0)) for m in _FUR.finditer(clause)}
    return bool(said) and kind(named.group(0)) not in said


def _plain_look(name: str, role: str, language: str) -> str:
    """The role as the look of an animal, or the name when the role says nothing."""
    if language == "zh":
        said = role.strip(" 。") or name
        return said if said.startswith(("一只", "一条", "一匹")) else f"一只{said}"
    said = role.strip(" .") or name
    # "a stray cat", "the family dog" and "Mia's dog" say whose or which already.
    return said if re.match(r"(?:a|an|the|his|her|their)\s|\S+['’]s\s", said, re.I) else f"a {said}"


def _sound(name: str, role: str, language: str) -> str:
    """The action line for an animal's sound: "流浪猫轻轻地“喵”了一声。", "Ginger meows softly."."""
    zh, en = _SOUNDS[animal_family(name, role) or "other"]
    return f"{name}{zh}。" if language == "zh" else f"{name} {en}."


#: An idea in which something that is not a person talks: a spoof may let it.
_TALKING = re.compile(
    r"会说话|说人话|开口说话|能说话"
    r"|\btalking\b|\b(?:can|could) (?:talk|speak)\b|\btalks\b|\bspeaks\b",
    re.I,
)


def talks_in(idea: str, genre: Genre | str) -> bool:
    """Whether a thing or an animal may speak: in a spoof whose idea says one talks.

    Recorded (second readers, 2026-12-05): the guard's cat, caught at the end, answered "哦，
    我明白了。我只是来玩的" and "不客气，再见", and the haunted scooter wondered whether it
    was haunted. The joke of each idea is that it is only a cat, only a scooter; a spoof
    of a talking parrot is another film.
    """
    return Genre(genre) is Genre.GRASSROOTS_SPOOF and bool(_TALKING.search(idea))


def animals_unspoken(
    scene: Scene,
    people: Sequence[tuple[str, str]],
    genre: Genre | str,
    language: str,
    idea: str = "",
) -> Scene:
    """``scene`` with an animal's lines made its sound, unless the idea lets it talk.

    ``people`` are the bible's (name, role) pairs; a speaker not among them counts by its
    name. Each animal that spoke gets one sound in the action, however many lines it had;
    the others' lines stay as they are (:func:`talks_in`).
    """
    if talks_in(idea, genre):
        return scene
    roles = dict(people)
    # A speaker the bible does not have yet is an animal by its name alone ("流浪猫", "猫").
    speakers = {line.speaker for line in scene.dialogue}
    animals = {
        name: roles.get(name, "")
        for name in [*roles, *speakers]
        if is_animal(name, roles.get(name, ""))
    }
    spoke = [a for a in animals if a in speakers]
    if not spoke:
        return scene
    sounds = [s for s in (_sound(a, animals[a], language) for a in spoke) if s not in scene.action]
    action = [*scene.action[: 12 - len(sounds)], *sounds]
    return scene.model_copy(
        update={
            "dialogue": [line for line in scene.dialogue if line.speaker not in animals],
            "action": action,
        }
    )


def things_unspoken(scene: Scene, cast: Sequence[str], things: Sequence[str]) -> Scene:
    """``scene`` without the lines of a speaker who is one of the story's ``things``.

    Recorded (craft bench, the haunted scooter, 2026-12-04): a cue "SCOOTER" said "It's
    playing karaoke again." of itself, and the bible then gave the scooter a person's look,
    "average build, neat dark hair". A speaker the bible lacks (not in ``cast``) whose name
    is a thing someone carries or rides ("Second-hand scooter"), or the sea or the wind, is
    no one; its lines go, and the scene keeps at least one line.
    """
    members = {name.casefold() for name in cast}
    mute = {
        line.speaker
        for line in scene.dialogue
        if line.speaker.casefold() not in members
        and (_is_thing(line.speaker, things) or _is_element(line.speaker))
    }
    kept = [line for line in scene.dialogue if line.speaker not in mute]
    if not mute or not kept:
        return scene
    return scene.model_copy(
        update={"dialogue": kept, "characters": [c for c in scene.characters if c not in mute]}
    )


def _is_element(name: str) -> bool:
    """Whether ``name`` is the sea, the wind or a thing, not a person, an animal or a narrator.

    "OCEAN: It is still there" and "SEA: Yes, please." beside the lighthouse keeper (craft
    bench, 2026-12-04), and the bible then gave both "average build, neat dark hair".
    """
    if has_cjk(name):  # 小雪 and 阿山 are given names: only the bare word is the thing
        return name.strip() in _ZH_ELEMENTS
    return not (drawn_as_person(name) or is_animal(name) or is_narrator(name))


_ZH_ELEMENTS = frozenset(
    "大海 海浪 海风 风 月亮 太阳 天空 灯塔 湖 湖水 湖面 星星 城市 时间 回忆 声音 "
    "雨 雪 山 河".split()
)


def _is_thing(name: str, things: Sequence[str]) -> bool:
    """Whether ``name`` calls one of ``things`` by its last word ("Scooter", 电动车)."""
    said = name.strip().casefold()
    if has_cjk(said):
        return len(said) >= 2 and any(t.strip().endswith(said) for t in things)
    words = re.findall(r"[a-z]+", said)
    # The thing's head noun, before what it is for: "A lantern to maintain visibility" is a
    # lantern, and LANTERN spoke beside the keeper (craft bench, 2026-12-04).
    heads = [_THING_TAIL.split(t.casefold(), maxsplit=1)[0] for t in things]
    return bool(words) and any(re.findall(r"[a-z]+", h)[-1:] == words[-1:] for h in heads)


_THING_TAIL = re.compile(r"\s+(?:to|for|with|of|that|which|from|in|on)\s+")


def speaking_people(
    names: Sequence[str], roles: Sequence[str], genre: Genre | str, idea: str = ""
) -> list[str]:
    """Who the scene prompt lets speak: every one but the animals, unless they may talk."""
    if talks_in(idea, genre):
        return list(names)
    pairs = zip(names, [*roles, *[""] * len(names)], strict=False)
    return [name for name, role in pairs if not is_animal(name, role)]


def people_and_animals(
    profiles: Sequence[CharacterProfile], genre: Genre | str, idea: str = ""
) -> list[CharacterProfile]:
    """The bible without its things cast as people, nor a person with an animal's look.

    Recorded (en-scenery-lighthouse, 2026-12-02): beside the keeper, "Alex, Role:
    Lighthouse", whose look was "A tall tower with a large lantern on top" and whose
    wardrobe said "The lighthouse is not depicted in this scene". The lighthouse is the
    place; a reader took Alex for a second keeper who never came. A talking radio is a
    spoof's joke when its idea says so (:func:`talks_in`); a narrator and an animal are
    kept everywhere. One entry is always left. An animal named like the litter the idea
    counts is renamed. A thing stays where the idea lets it talk.
    """
    profiles = _not_named_as_the_litter(profiles, idea)
    # A person drawn as an animal is the idea's thing mistaken for someone: beside "Regular",
    # "Alex, Role: Guest, Look: small cat with fluffy fur" for the cat a barista draws on a
    # cup (CLI, 2026-12-05). Not when the bible has nobody else.
    pictured = pictured_animals(idea)  # "Leo (Pet)", the cat she draws (CLI, 2026-12-05)
    people = [
        p
        for p in profiles
        if not _looks_like_an_animal(p)
        and not (
            is_animal(p.name, p.role)
            and any(k in f"{p.name} {p.role} {p.look}".lower() for k in pictured)
        )
    ]
    profiles = people if people else list(profiles)
    if talks_in(idea, genre):
        return list(profiles)
    kept = [
        p
        for p in profiles
        if drawn_as_person(p.name, p.role) or is_animal(p.name, p.role) or is_narrator(p.name)
    ]
    return kept or list(profiles[:1])


_LOOK_HEAD = re.compile(
    r"^\s*(?:an?\s+)?(?:(?:small|little|tiny|big|fat|fluffy|cute|young|old|orange|black|white|"
    r"grey|gray|brown|ginger|striped|stray)[\s,]+)*(\w+)",
    re.I,
)


def _looks_like_an_animal(person: CharacterProfile) -> bool:
    """Whether a person of the bible (not an animal by name or role) has an animal's look."""
    if is_animal(person.name, person.role) or not (head := _LOOK_HEAD.match(person.look)):
        return False
    return is_animal(head[1])


def _not_named_as_the_litter(
    profiles: Sequence[CharacterProfile], idea: str
) -> list[CharacterProfile]:
    """The bible with the idea's one animal not named like the young it brings.

    Recorded (web app, 2026-12-02, 《流浪猫的火腿肠》): the idea's "一只流浪猫 … 带来了三只
    小猫" was cast as "小猫", and a viewer could not tell the cat from its kittens. It is
    called by the idea's own word for it (流浪猫), unless someone already has that name.
    """
    named = {p.name for p in profiles}
    own = [a for a in idea_animals(idea) if a not in named]
    if not own:
        return list(profiles)

    def litter(name: str) -> bool:
        bare = re.escape(name.strip())
        return bool(
            re.search(rf"[两三四五六七八九十几多群窝]只{bare}", idea)
            or (
                name.isascii()
                and re.search(
                    rf"\b(?:two|three|four|five|a litter of|some)\s+{bare}s?\b", idea, re.I
                )
            )
        )

    name = own[0] if not own[0].isascii() else own[0][:1].upper() + own[0][1:]
    renamed = [
        p.model_copy(update={"name": name}) if is_animal(p.name, p.role) and litter(p.name) else p
        for p in profiles
    ]
    return renamed
