"""Drafts into domain objects: bible entries and scenes, with the exact fixes on the way.

The model's answers (:mod:`agent.drafting.schemas`) become :mod:`film.screenplay`
objects only here, so nodes never copy fields by hand and every stage gets the same
small mends (a place without a heading's INT., a speaker snapped to the bible's spelling,
a wardrobe without the look in it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.drafting.schemas import (
    LINE_CHARS,
    LOOK_CHARS,
    PROP_CHARS,
    VOICE_CHARS,
    BeatDraft,
    CastDraft,
    SceneDraft,
)
from agent.drafting.tidy import (
    acting_note,
    look_alone,
    person_key,
    same_person,
    whole_phrase,
    whole_sentences,
)
from film.language import chinese_clauses, chinese_words_for_english
from film.places import clean_place
from film.presence import animal_kinds
from film.quality.mend.edges import clean_edges
from film.quality.names import short_or_long_form, without_doubled_tail
from film.quality.people.dress import wardrobe_of
from film.quality.people.dress.held import one_of_each, thing_key
from film.quality.people.kin import relation_of
from film.quality.people.names.naming import numbered_base, short_role, stand_ins_cast
from film.quality.people.voice import not_a_name, voice_hint, whole_voice
from film.quality.people.words import PERSON_WORDS
from film.quality.text import string_pieces, without_field_label
from film.screenplay import CharacterProfile, DialogueLine, Scene

_THE = re.compile(r"^the\s+", re.IGNORECASE)
#: What a model writes in a list it has nothing for; "Props: 无" is not a prop.
_NO_PROP = frozenset({"无", "没有", "暂无", "无道具", "none", "n/a", "na", "nothing", "-", "—"})
_NO_PROP |= {"no props", "no prop", "none needed"}  # "Props: no props" (lift, 2026-12-02)
_WORDLIKE = re.compile(r"\w")
_FIELD = re.compile(
    r"(?:^|[;；,，]\s*)(?:voice(?: hint)?|look|wardrobe|role|name|声音|外貌|服装)\s*[:：].*$", re.I
)
#: The answer's own keys as lines: ["dialogue", "visual"] as a scene's action (2026-12-02).
_FIELD_NAMES = frozenset({"action", "dialogue", "visual", "speaker", "text", "characters"})


def _meaningful(text: str) -> bool:
    """False for debris such as "}", "..." or a field's name that small models leave in arrays."""
    key = _KEY_TAIL.sub("", text).strip(" \"'.:”“’‘/").casefold()
    return bool(_WORDLIKE.search(text)) and key not in _FIELD_NAMES


#: A key of the answer run on after a line: "门。” / dialogue': 5," (dumplings, 2026-12-02).
_KEY_RUN_ON = re.compile(
    r"(?:[”\"'’]\s*/?\s*|\s/\s*)(?:action|dialogue|visual|speaker|text)['\"’]?\s*:\s*\S{0,6}\s*$"
)
#: What follows a key written as a line: "dialogue': 5," (dumplings, 2026-12-02).
_KEY_TAIL = re.compile(r"[\"'”’]?\s*:\s*(?:\d+|[\[{])?\s*,?\s*$")


#: The bible task's own words written into a role: "…on the bakery window, a real name."
#: (craft bench, 2026-12-02), "，起一个真实的名字".
_TASK_IN_ROLE = re.compile(
    r"[,，]?\s*(?:with )?a real name\.?$|[，,]?\s*起?一个真实的名字。?$"
    # A role that is only the field's own word: the street-dance father's "Role: 角色" (22:58).
    r"|^\s*(?:角色|人物|主人公|主角|配角|(?:the |a )?(?:main )?(?:character|protagonist|role))\s*$",
    re.I,
)


#: A height in feet in a Chinese look, "身高约5英尺" (web app, 2026-12-02): nobody in the
#: film's language measures so, and a 4-foot bride is no look to draw.
_IMPERIAL_ZH = re.compile(r"身高(?:约|大约)?\s*[\d.]+\s*英尺(?:\s*[\d.]+\s*英寸)?[，,、；;]?")
_PROP_SEAM = re.compile(r"\s*[”\"']\s*[，,]\s*[“\"']\s*")


def to_profiles(cast: CastDraft, language: str = "en") -> list[CharacterProfile]:
    """Bible entries from a cast draft, first entry winning when names repeat.

    Two kin words for one person ("Grandma" and "Grandmother") count as a repeat, and a
    prop belongs to the first person who carries it: the real model handed the same "MP3
    player with shared earphones" to all three of its characters. A wardrobe that repeats
    the look and a voice hint that is dialogue are mended (:func:`wardrobe_of`,
    :func:`voice_hint`).
    """
    profiles: dict[str, CharacterProfile] = {}
    carried: set[str] = set()
    names = frozenset(p.name.strip().lower() for p in cast.characters)
    for person in cast.characters:
        name = person.name.strip()
        # "father" (the letter, 21:39) is a name on a sheet and a cue: "Father".
        name = name[:1].upper() + name[1:] if name.isascii() and name.islower() else name
        if name and person_key(name) not in profiles:
            # One string holding a JSON list's items: "手机”，“耳机" (2026-12-01) is two props.
            props = [
                whole_phrase(part.strip(), PROP_CHARS)
                for p in person.props
                for part in _PROP_SEAM.split(p)
                if part.strip()
            ]
            # "voice hint: 'father'" as the father's only prop (the letter, 21:39).
            props = [_FIELD.sub("", p).strip() for p in props]
            props = one_of_each((p for p in props if p and p.lower() not in _NO_PROP), carried)
            carried.update(thing_key(p) for p in props)
            # A field may end on the JSON around it: "白色T恤、黑色长裤、白色围巾”，" (2026-12-02).
            # "a man in his late fifties,with a neatly groomed…" (en-family-bus, 2026-12-02)
            look = re.sub(r",(?=[A-Za-z])", ", ", without_field_label(clean_edges(person.look)))
            wardrobe = without_field_label(clean_edges(person.wardrobe))
            if language == "zh":  # Chinese clauses only (see film.quality.mend.chinese_clauses)
                look, wardrobe = (
                    chinese_clauses(chinese_words_for_english(_IMPERIAL_ZH.sub("", look))),
                    chinese_clauses(chinese_words_for_english(wardrobe)),
                )
            worn = wardrobe_of(look, whole_phrase(wardrobe, LOOK_CHARS))
            profiles[person_key(name)] = CharacterProfile(
                name=name,
                # "同桌1", "同桌2" (zh-romance-notes, 2026-12-02): the number tells two apart
                # for the model, not for a reader; the names already do.
                role=short_role(_TASK_IN_ROLE.sub("", numbered_base(person.role) or person.role)),
                look=look_alone(whole_phrase(look, LOOK_CHARS)),
                wardrobe=worn,
                # A prop the wardrobe already wears ("Props: Suit; Loafers" beside "Brown suit
                # and loafers") is clothing, not something carried.
                props=[p for p in props if p and p.lower() not in worn.lower()][:6],
                voice=not_a_name(
                    whole_voice(
                        whole_phrase(voice_hint(without_field_label(person.voice)), VOICE_CHARS)
                    ),
                    names,
                ),
            )
    return _without_article_names(list(profiles.values()))


def _without_article_names(people: list[CharacterProfile]) -> list[CharacterProfile]:
    """``people`` whose roles say "Sam", not "the Sam".

    Recorded (en-ancient-letter, 2026-12-02): "who sent the Sam to cross the pass". Only a
    name no role word spells loses its article: "the Baker" stays.
    """
    names = [
        p.name
        for p in people
        if p.name.isascii() and p.name[:1].isupper() and p.name.lower() not in PERSON_WORDS
    ]
    if not names:
        return people
    the_name = re.compile(r"\bthe (" + "|".join(map(re.escape, names)) + r")\b")
    return [p.model_copy(update={"role": the_name.sub(r"\1", p.role)}) for p in people]


#: Two people as one speaker ("小明和朋友", "Lily and Joe"): the form repair cast "小明和朋友".
_TOGETHER = re.compile(r"\s*(?:和|与|跟|\band\b|&)\s*", re.I)
#: Where a speaker stands, said in the cue: "Woman near him" beside "Woman" (the scooter, 12-04).
_WHERE_THEY_STAND = re.compile(r"\s+(?:near|next to|beside|behind) (?:him|her|them|me)$", re.I)


def speaker_names(known: Sequence[str], roles: Sequence[str] = ()) -> dict[str, str]:
    """Each way a line may name a bible person (name, kin word, short role) -> the name.

    "The baker" is Baker, and "THE KEEPER" is Lighthousekeeper when that is his role: the
    1.5B model named speakers by their roles, and each one became a second bible entry
    ("Speaks in scene 4.") for a person the film already had.
    """
    found = same_person(known)
    for name in known:
        found.setdefault(person_key(_THE.sub("", name)), name)
    for name, role in zip(known, roles, strict=False):
        short = _THE.sub("", role.strip().rstrip("."))
        if short and (len(short.split()) <= 3 if short.isascii() else len(short) <= 6):
            found.setdefault(person_key(short), name)
            # "Delivery rider" and "Rider" are the "food delivery rider" (the scooter, 12-03).
            for tail in _tails(short) if short.isascii() else ():
                found.setdefault(person_key(tail), name)
        for word in relation_of(name, role) or ():  # "Grandpa" is "driver, Lucy's grandfather"
            found.setdefault(person_key(word), name)
        for word in animal_kinds(name, role):  # "猫" is the bible's 流浪猫
            found.setdefault(person_key(word), name)
        if tail := name.rsplit("的", 1)[1] if "的" in name else "":
            found.setdefault(person_key(tail), name)  # "店员" is 值班的店员 (web app, 12-02)
    return found


def _tails(role: str) -> list[str]:
    """A role's shorter ends, "delivery rider" and "rider" for "food delivery rider"."""
    words = role.split()
    return [" ".join(words[i:]) for i in range(1, len(words))]


def _ended(line: str) -> str:
    """A Chinese action line with its full stop: "奶奶走过来，坐在孙子身边" (2026-12-02)."""
    return f"{line}。" if re.search(r"[\u4e00-\u9fff]$", line) else line


def to_scene(
    number: int,
    beat: BeatDraft,
    draft: SceneDraft,
    known: list[str],
    language: str = "en",
    roles: Sequence[str] = (),
) -> Scene:
    """A domain scene from its beat (where, when, who) and its draft (what happens).

    Speaker names are matched to the bible case-insensitively, and kin words for one
    person together, so "GRANDMA", "Grandma" and "Grandmother" stay one person; a
    parenthetical is kept only when it is an acting note (:func:`acting_note`); the
    scene's cast is everyone who speaks or is in the beat.
    """
    canonical = speaker_names(known, roles)
    # An English apostrophe is one character: every mend reads "I'll be back" (the stuck
    # lift's Leo said "I’ll be back later." unstruck, craft bench, 2026-12-04).
    draft = (
        draft.model_copy(
            update={
                "action": [a.replace("’", "'") for a in draft.action],
                "dialogue": [
                    d.model_copy(update={"text": d.text.replace("’", "'")}) for d in draft.dialogue
                ],
            }
        )
        if language != "zh"
        else draft
    )

    def who(speaker: str) -> str:
        plain = _WHERE_THEY_STAND.sub("", speaker.strip()) or speaker.strip()
        first = _TOGETHER.split(plain, maxsplit=1)[0].strip()
        if first != plain and person_key(first) in canonical:
            plain = first  # "小明和朋友", "Lily and Joe": the line is the first one's
        return (
            canonical.get(person_key(plain))
            or canonical.get(person_key(_THE.sub("", plain)))
            or short_or_long_form(plain, known)
        )

    lines = [
        DialogueLine(
            speaker=who(line.speaker),
            text=whole_sentences(without_doubled_tail(said, known), LINE_CHARS),
            parenthetical=acting_note(getattr(line, "parenthetical", "")),
        )
        for line in draft.dialogue
        if _meaningful(line.speaker)
        # Two strings run together, "…说些什么呢？', '孙子回答道：…" (dumplings, 2026-12-02):
        # each is a cue; the cue mends then give a narrated one to its speaker.
        for said in string_pieces(line.text)
        if _meaningful(said)
    ]
    beat_cast = [who(c) for c in beat.characters]
    lines = stand_ins_cast(lines, beat_cast)
    cast: list[str] = []
    for name in [*beat_cast, *(line.speaker for line in lines)]:
        if name not in cast:
            cast.append(name)
    # The same seam inside one action "line" ran a whole scene together: "奶奶说：‘…希望。',
    # '孙子…停顿了…', …, '孙子回答说：“我答应过你，一定要考取好大学。”'" (dumplings,
    # 2026-12-02), struck whole, its best line with it. Apart, each piece is mended alone.
    action = [
        _ended(whole_sentences(_KEY_RUN_ON.sub("", without_doubled_tail(piece, known)), LINE_CHARS))
        for a in draft.action
        for piece in string_pieces(a)
        if _meaningful(piece)
    ] or [beat.summary.strip()]
    return Scene(
        number=number,
        interior=beat.interior,
        place=clean_place(beat.place, known, language),
        time_of_day=beat.time_of_day,
        action=action[:12],
        dialogue=lines[:30],
        visual=(draft.visual.strip() or beat.summary.strip())[:400],
        characters=cast[:8],
    )
