"""Speakers the bible lacks, found and given a plain entry in the film's language.

The model's scenes often give lines to somebody the bible never cast: a waiter, "The
swordswoman" for the bible's Swordswoman, "Boy" and "The boy" for one child, or a place
read as a cue ("General's Home"). Each speaker is one person under one spelling, and a
newcomer gets an entry that pins a plain look and says where they were met. Used by the
form repairs (:mod:`film.repair`) and by drafting's fitting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.presence import is_animal
from film.screenplay import CharacterProfile, Scene, Screenplay
from film.titles import TITLE_WORD

MAX_CHARACTERS = 8  # the bible's limit (Screenplay.characters)
#: What a repair writes into a film, per language: a Chinese film gets Chinese additions,
#: and every added person a look and wardrobe, so the gate and the renderer both accept
#: them. The look is deliberately plain: it pins one face for every shot without
#: inventing a story fact (no age either: a granddaughter once became an "adult"). The role
#: reads as a cast list would, not as a note: "Speaks in scene 4." and "a minor character,
#: first seen in scene 1" (craft bench, 2026-12-02) both read as scaffolding. It says where
#: they are met.
ADDED_WORDS = {
    "en": {
        "role": "someone from {place}",
        "look": "average build, neat dark hair",
        "elder_look": "about 70, grey hair, a lined face",
        "wardrobe": "plain everyday clothes",
        "place": "Street",
        "seen": "We see the {place}.",
        "narrator": "Narrator",
        "narrates": "Tells the story.",
    },
    "zh": {
        "role": "在{place}遇见的人",
        "look": "中等身材，黑色短发",
        "elder_look": "七十岁左右，头发花白，满脸皱纹",
        "wardrobe": "朴素的日常便装",
        "place": "街道",
        "seen": "镜头扫过{place}。",
        "narrator": "旁白",
        "narrates": "讲述故事。",
    },
}


_OLD_NAME = re.compile(
    r"\b(?:old|elderly|aged)\b|\bgrand(?:ma|pa|mother|father)\b|\bgranny\b"
    r"|^老(?!师)|老人|老头|老太|爷爷|奶奶|外公|外婆|姥姥|姥爷|大爷|大妈",
    re.I,
)


class TooManyCharacters(ValueError):
    """The speakers missing from the bible would not fit in it."""


def _strangers(screenplay: Screenplay) -> dict[str, tuple[str, str]]:
    """Speakers without a bible entry (by case-folded name): spelling and first place."""
    known = {c.name.casefold() for c in screenplay.characters}
    found: dict[str, tuple[str, str]] = {}
    for scene in screenplay.scenes:
        for line in scene.dialogue:
            if line.speaker.casefold() not in known:
                found.setdefault(line.speaker.casefold(), (line.speaker, scene.place))
    return found


def _stranger(name: str, place: str, language: str) -> CharacterProfile:
    """A plain bible entry for ``name``, first heard at ``place``; an animal is drawn as one."""
    words = ADDED_WORDS[language]
    if is_animal(name):
        said = f"一只{name}" if language == "zh" else f"a {name.lower()}"
        return CharacterProfile(name=name[:40], role=said, look=said)
    # A name that says old is drawn old: "Old man" had "neat dark hair" (the lighthouse, 12-05).
    old = _OLD_NAME.search(name)
    return CharacterProfile(
        name=name[:40],
        role=_met_at(place, language),
        look=words["elder_look" if old else "look"],
        wardrobe=words["wardrobe"],
    )


def _without_article(forms: list[str]) -> str:
    """The first of one person's spellings without "the", else the first made so."""
    bare = [form for form in forms if not _ARTICLE.match(form)]
    if bare:
        return bare[0]
    rest = _ARTICLE.sub("", forms[0])
    return rest[:1].upper() + rest[1:]


def _met_at(place: str, language: str) -> str:
    """The role of somebody first heard at ``place``: "someone from the bus stop"."""
    words = ADDED_WORDS[language]
    # "someone from the the school building" (the drummer, 2026-12-03): one article.
    where = _ARTICLE.sub("", place.strip()) if language != "zh" else place.strip()
    where = where or words["place"]
    if language != "zh":
        where = _common_case(where)
        # "someone from Mrs. Thompson's home": a possessive takes no article.
        first = where.split()[0]
        named = first[:1].isupper() and _POSSESSIVE.search(first)  # not "the customer's"
        where = where if named or TITLE_WORD.match(first) else f"the {where}"
    return words["role"].format(place=where)[:120]


_POSSESSIVE = re.compile(r"['’]s$")


def _common_case(place: str) -> str:
    """``place`` in lower case but for a person's name in it: "Mrs. Thompson's home".

    The role read "someone from the mrs. thompson's home" (the piano teacher, 2026-12-03).
    A title, the word after it and a possessive keep their capitals.
    """
    words = place.split()
    after_title = [False, *(bool(TITLE_WORD.match(word)) for word in words[:-1])]
    return " ".join(
        word if after or TITLE_WORD.match(word) or _POSSESSIVE.search(word) else word.lower()
        for word, after in zip(words, after_title, strict=True)
    )


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _in_bible(name: str, known: dict[str, str]) -> str:
    """The bible's spelling of ``name`` (``known``: case-folded name to spelling), or "".

    Case and a leading article are all that may differ: "The police officer" is the bible's
    "Police Officer".
    """
    return known.get(name.strip().casefold()) or known.get(
        _ARTICLE.sub("", name.strip()).casefold(), ""
    )


def scene_spelled_as_in_bible(scene: Scene, cast: Sequence[str]) -> Scene:
    """``scene`` whose speakers and cast are written as the bible writes them.

    Recorded (craft bench, the scooter, 2026-12-03): the bible's "Police Officer" spoke as
    "Police officer", one person under two spellings; every later fix that finds a person
    in a scene's cast by name (pronouns, who is present, who never meets whom) missed him.
    Case and a leading article are all that may differ: "The police officer" is him too.
    """
    known = {name.casefold(): name for name in cast}

    def spelled(name: str) -> str:
        return _in_bible(name, known) or name

    dialogue = [
        line.model_copy(update={"speaker": spelled(line.speaker)}) for line in scene.dialogue
    ]
    characters = list(dict.fromkeys(spelled(name) for name in scene.characters))
    if dialogue == scene.dialogue and characters == scene.characters:
        return scene
    return scene.model_copy(update={"dialogue": dialogue, "characters": characters})


#: A cue that names nobody: "MAN", "A woman", 路人. A stranger the film never needed.
_NOBODY = re.compile(
    r"^(?:the |a |an )?(?:man|woman|boy|girl|person|stranger|someone|passenger|passer-?by|guy|"
    r"lady|voice)$|^(?:男人|女人|男孩|女孩|路人|陌生人|乘客|某人|声音)$",
    re.IGNORECASE,
)


def nobody_as_the_other(scene: Scene, cast: Sequence[str]) -> Scene:
    """``scene`` whose cue that names nobody ("MAN") is the one bible person not speaking.

    Recorded (``microfilm draft``, the bus, 2026-12-04): in a film of a grandfather and his
    granddaughter, scene 2 had "MAN: It's always here, don't you think?" to the grandfather,
    the granddaughter vanished from it, and the bible gained "Man, someone from the bus".
    Only where exactly one bible person is not already speaking in the scene; otherwise
    who it is cannot be told, and the cue stays.
    """
    speaking = {line.speaker for line in scene.dialogue}
    nobodies = {s for s in speaking if s not in cast and _NOBODY.match(s.strip())}
    others = [name for name in cast if name not in speaking]
    if not nobodies or len(others) != 1 or len(nobodies) != 1:
        return scene
    (nobody,), (other,) = nobodies, others
    dialogue = [
        line.model_copy(update={"speaker": other}) if line.speaker == nobody else line
        for line in scene.dialogue
    ]
    characters = list(dict.fromkeys(other if n == nobody else n for n in scene.characters))
    if other not in characters:
        characters.append(other)
    return scene.model_copy(update={"dialogue": dialogue, "characters": characters})


def named_as_in_bible(screenplay: Screenplay) -> Screenplay:
    """``screenplay`` whose speakers called "The X" are X when the bible has an X.

    Recorded (en-ancient-letter, 2026-12-01): "THE SWORDSWOMAN" spoke in scene 3 and was
    given a bible entry of her own ("a minor character"), beside the Swordswoman who leads
    the film: one person, two entries, two voices.
    """
    known = {c.name.casefold(): c.name for c in screenplay.characters}
    # "John" is the bible's John Smith when no one else is a John (the lighthouse,
    # 2026-12-03: the keeper spoke as both and was drawn as two men).
    given: dict[str, list[str]] = {}
    for full in known.values():
        if full.isascii() and len(full.split()) == 2 and not TITLE_WORD.match(full.split()[0]):
            given.setdefault(full.split()[0].casefold(), []).append(full)
    for first, fulls in given.items():
        if len(fulls) == 1 and first not in known:
            known[first] = fulls[0]
    # Two newcomers "Boy" and "The boy" (the piano teacher, 2026-12-03) are one person too:
    # they share the spelling without the article, wherever it is first written.
    spellings: dict[str, list[str]] = {}
    for scene in screenplay.scenes:
        for name in [*scene.characters, *(line.speaker for line in scene.dialogue)]:
            if name.strip() and name.casefold() not in known:
                bare = _ARTICLE.sub("", name.strip())
                spellings.setdefault(bare.casefold(), []).append(name.strip())
    newcomers = {key: _without_article(forms) for key, forms in spellings.items()}

    def named(name: str) -> str:
        bare = _ARTICLE.sub("", name.strip())
        return _in_bible(name, known) or newcomers.get(bare.casefold(), name)

    scenes = [
        scene.model_copy(
            update={
                "dialogue": [
                    line.model_copy(update={"speaker": named(line.speaker)})
                    for line in scene.dialogue
                ],
                "characters": list(dict.fromkeys(named(n) for n in scene.characters)),
            }
        )
        for scene in screenplay.scenes
    ]
    if [s.model_dump() for s in scenes] == [s.model_dump() for s in screenplay.scenes]:
        return screenplay
    return screenplay.model_copy(update={"scenes": scenes})


#: A speaker that is somewhere, not someone: "General's Home", 小明的家.
_PLACE_SPEAKER = re.compile(
    r"['’]s\s+(?:home|house|room|office|kitchen|study|tent|camp|palace|hall|shop)$"
    r"|的(?:家|房间|卧室|办公室|厨房|客厅)$",
    re.IGNORECASE,
)


#: A speaker that is the film itself, not anyone in it: "CAMERA: A beautiful scene." spoke
#: on the lighthouse keeper's beach and joined the bible (craft bench, 2026-12-04).
_FILM_SPEAKER = re.compile(
    r"^(?:the\s+)?(?:camera|scene|shot|screen|sound|music|caption|subtitles?)$"
    r"|^(?:镜头|画面|场景|音乐|音效|字幕)$",
    re.IGNORECASE,
)


def without_place_speakers(screenplay: Screenplay) -> Screenplay:
    """``screenplay`` without cues whose speaker is one of its places, not a person.

    Recorded (en-ancient-letter, 2026-12-02): a line came under "General's Home", a scene's
    place read as a cue; it was given a bible entry, and the whole film was refused because
    a place was a character. Nobody in the bible by that name speaks it, so the cue goes;
    so does one the film itself speaks, "CAMERA" (:data:`_FILM_SPEAKER`).
    """
    places = {scene.place.strip().casefold() for scene in screenplay.scenes}
    people = {person.name.casefold() for person in screenplay.characters}

    def somewhere(name: str) -> bool:
        key = name.strip().casefold()
        somewhere_else = key in places or bool(_PLACE_SPEAKER.search(key))
        return key not in people and (somewhere_else or bool(_FILM_SPEAKER.match(key)))

    scenes = [
        scene.model_copy(
            update={
                "dialogue": [line for line in scene.dialogue if not somewhere(line.speaker)],
                "characters": [name for name in scene.characters if not somewhere(name)],
            }
        )
        for scene in screenplay.scenes
    ]
    if [s.model_dump() for s in scenes] == [s.model_dump() for s in screenplay.scenes]:
        return screenplay
    return screenplay.model_copy(update={"scenes": scenes})


def unknown_speakers(screenplay: Screenplay) -> list[str]:
    """Speakers without a bible entry, in the order they first speak."""
    return [name for name, _ in _strangers(screenplay).values()]


def speakers_to_cast(screenplay: Screenplay) -> tuple[Screenplay, list[str], int]:
    """``screenplay`` with each speaker under one spelling, its newcomers, and the room left."""
    screenplay = without_place_speakers(named_as_in_bible(screenplay))
    return screenplay, unknown_speakers(screenplay), MAX_CHARACTERS - len(screenplay.characters)


def add_missing_speakers(screenplay: Screenplay) -> tuple[Screenplay, list[str]]:
    """Give speakers without a bible entry a plain one (while the bible has room).

    The entry pins a plain look for production, in the film's language; its role says
    where they speak.
    """
    screenplay = without_place_speakers(named_as_in_bible(screenplay))
    room = max(0, MAX_CHARACTERS - len(screenplay.characters))
    strangers = list(_strangers(screenplay).values())[:room]
    if not strangers:
        return screenplay, []
    added = [_stranger(name, place, screenplay.language) for name, place in strangers]
    updated = screenplay.model_copy(update={"characters": [*screenplay.characters, *added]})
    return updated, [name for name, _ in strangers]
