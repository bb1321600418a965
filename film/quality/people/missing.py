"""The idea's people are in the film, even when the model leaves one out.

"A retired bus driver teaches his granddaughter to ride a bike", drafted by hand at 18:49:
after every retry the bible held only the granddaughter, and the film was a girl riding
to school while a stand-in thanked her "mom". The idea's own protagonist was gone.
``coverage.missing-person`` is soft (a side character the idea merely mentions may go),
so nothing stopped it.

When the retries are spent, each person the idea names and the bible still lacks is cast
from the idea's own words: the idea's phrase for them as the role ("retired bus driver"),
a kin word as the name where the idea makes them a relative (Grandpa, 奶奶), and a plain
look that says their age only where the idea does (grandparents and the retired).
Nothing else about them is invented; the scenes are written after this, with them in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.coverage import check_people, idea_people, idea_people_words, mentions
from film.quality.people.ages import own_role, sounds_old
from film.quality.people.family import KEYED, implied_relatives, relatives_in
from film.quality.people.names.naming import real_names
from film.quality.people.words import NOT_FAMILY, PEOPLE, TRADES
from film.quality.story.actions import idea_lead, lead_head
from film.screenplay import CharacterProfile

#: How a film calls a relative by name, when the relative is cast from the idea.
_CALLED = {
    "en": {"grandfather": "Grandpa", "grandmother": "Grandma", "father": "Dad", "mother": "Mum"},
    "zh": {"grandfather": "爷爷", "grandmother": "奶奶", "father": "爸爸", "mother": "妈妈"},
}
_LOOK = {
    "en": {
        "elder": "about 65, grey hair, a kind, lined face",
        "other": "average build, neat dark hair",
    },
    "zh": {"elder": "六十多岁，头发花白，面容和善", "other": "中等身材，黑色短发"},
}
_WARDROBE = {"en": "plain everyday clothes", "zh": "朴素的日常便装"}


#: Words that end a person's phrase, read backwards from the person: "gives her last lesson
#: to the boy next door" gave the boy the role "to boy" (2026-12-03).
_NOT_IN_PHRASE = frozenset(
    "a an the his her their my its our your to for with at in on of from by and or who "
    "that which".split()
)


def _idea_phrase(idea: str, word: str) -> str:
    """The idea's words for a person: "retired bus driver" for "driver", "boy next door"."""
    if not word.isascii():
        return word
    found = re.search(
        rf"\b((?:[a-z-]+\s+){{0,2}}){re.escape(word)}\b(?P<door>\s+next door)?", idea, re.I
    )
    if not found:
        return word
    kept: list[str] = []
    for w in reversed(found.group(1).split()):
        if w.lower() in _NOT_IN_PHRASE:
            break
        kept.insert(0, w)
    return " ".join([*kept, word, *(["next door"] if found["door"] else [])]).lower()


def _own_words(role: str) -> str:
    """The words of ``role`` that say who its person is (:func:`ages.own_role`)."""
    own_zh, own_en = own_role(role)
    return own_zh if re.search(r"[\u4e00-\u9fff]", role) else own_en


def cast_missing(
    idea: str, bible: Sequence[CharacterProfile], language: str
) -> list[CharacterProfile]:
    """``bible`` with every person the idea names but the bible lacks cast from the idea."""
    # A role's own words only: "The baker who lives across the street from the nurse" is no
    # nurse, and the nurse was never cast (the bakery notes, 2026-12-03).
    about = [(c.name, f"{_own_words(c.role)} {c.look} {c.wardrobe}") for c in bible]
    missing = {finding.text for finding in check_people(idea, about)}
    if not missing:
        return list(bible)
    lang = "zh" if language == "zh" else "en"
    implied = sorted(implied_relatives(idea) - relatives_in(idea))
    words = dict(zip((g[0] for g in idea_people(idea)), idea_people_words(idea), strict=True))
    added: list[CharacterProfile] = []
    cast = list(bible)
    for key, word in words.items():
        if key not in missing:
            continue
        if key in KEYED:
            name = word.capitalize() if word.isascii() else word
        elif implied:
            relative = implied.pop(0)
            kin = [c for c in cast if relative in relatives_in(f"{c.name} {c.role}")]
            if len(kin) == 1:
                # The idea's tradesperson is the relative the bible has: the bus film's
                # Grandfather, with a second "Grandpa, retired bus driver" cast beside
                # him (craft bench, 2026-12-02). He takes the trade instead.
                joiner = "，" if lang == "zh" else ", "
                role = f"{kin[0].role}{joiner}{_idea_phrase(idea, word)}"
                cast = [c.model_copy(update={"role": role}) if c is kin[0] else c for c in cast]
                continue
            name = _CALLED[lang].get(relative, "")
        else:
            name = ""
        taken = [c.name for c in [*cast, *added]]
        role = _idea_phrase(idea, word)
        if not name or name in taken:
            name = real_names([*taken, "张三"], lang, roles=[*[""] * len(taken), role])[-1]
        elder = sounds_old(name, role)
        added.append(
            CharacterProfile(
                name=name,
                role=role,
                look=_LOOK[lang]["elder" if elder else "other"],
                wardrobe=_WARDROBE[lang],
            )
        )
    return [*cast, *added]


def lead_in_idea_words(idea: str, profiles: Sequence[CharacterProfile]) -> list[CharacterProfile]:
    """The bible whose lead has the idea's words for them as the role, not its bare noun.

    Recorded (craft bench, the drummer, 2026-12-02): the idea's "deaf teenage drummer" was
    cast with the role "drummer", and no scene remembered that he could not hear. A role
    that is only the lead's noun (drummer, 女孩, "the drummer") becomes the idea's phrase;
    a role that says more of its own stays.
    """
    lead = idea_lead(idea)
    head = lead_head(lead)
    if not lead or not head:
        return list(profiles)
    if head.isascii() and profiles and not _names_head(profiles, head, idea):
        # Nobody is the idea's rider: the first, the lead, is. Recorded (craft bench, the
        # scooter, 2026-12-03): Sam was cast as "Driver", and the idea's "delivery rider"
        # then spoke beside him as a second person, with a bible entry of his own.
        first = profiles[0]
        kin = any(mentions(first.role, word) for word in _KIN_WORDS)
        role = f"{lead}, {first.role.strip()}" if kin else lead  # Grandpa stays Grandpa
        return [first.model_copy(update={"role": role[:80]}), *profiles[1:]]
    if lead.lower() == head.lower():
        return list(profiles)
    bare = {head.lower(), f"the {head}".lower(), f"a {head}".lower()}
    mended = []
    for person in profiles:
        if person.role.strip(" .。").lower() in bare:
            person = person.model_copy(update={"role": lead})
        mended.append(person)
    return mended


#: English kin words: a lead cast as "Grandpa" keeps it beside the idea's words for him.
_KIN_WORDS = frozenset(
    word for group in PEOPLE if group not in TRADES for word in group if word.isascii()
)


def _names_head(profiles: Sequence[CharacterProfile], head: str, idea: str) -> bool:
    """Whether someone of the bible is the idea's lead by ``head``, or the first is not.

    A first person who is another of the idea's people (the granddaughter put first) is
    still that person.
    """
    said = [f"{p.name} {p.role}" for p in profiles]
    if any(re.search(rf"\b{re.escape(head)}\b", text, re.IGNORECASE) for text in said):
        return True
    return any(mentions(said[0], word) for word in idea_people_words(idea))


def roles_in_idea_words(idea: str, profiles: Sequence[CharacterProfile]) -> list[CharacterProfile]:
    """The bible whose people named by the idea's word for them have that word as the role.

    Recorded (craft bench, 2026-12-02 and 12-03): 李奶奶 was cast as 母亲 and 李孙子 as 儿子
    in the dumplings' bible, and 保安大爷 as 守门员 (a goalkeeper) in the guard's. A name
    made of the idea's own person word (奶奶, 孙子, 保安) says who they are; a role that
    does not say it too becomes that word. In English, a name that is the idea's word
    ("General") gets the idea's phrase for them (:func:`_named_by_trade`).
    A word counts only as a word of its own: 外孙女 holds no 孙女 or 外孙 (a real draft of
    the scarf idea cast both), and a role that says the person in another of their words
    (外孙女 for the idea's 孙女) already says it.
    """
    words = [w for w in idea_people_words(idea) if not w.isascii()]
    same = {w: next(g for g in PEOPLE if w in g) for w in words}

    def says(role: str, word: str) -> bool:
        return any(mentions(role, other) for other in same[word] if not other.isascii())

    mended = []
    for person in profiles:
        word = next((w for w in words if mentions(person.name, w) and not says(person.role, w)), "")
        if word:
            person = person.model_copy(update={"role": word})
        elif phrase := _named_by_trade(idea, person):
            person = person.model_copy(update={"role": phrase})
        mended.append(person)
    return mended


_NOT_FAMILY_WORDS = frozenset(word for group in NOT_FAMILY for word in group)


def _named_by_trade(idea: str, person: CharacterProfile) -> str:
    """The idea's phrase for an English person named by its word for them, if the role lost it.

    Recorded (craft bench and a film, en-ancient-letter, 2026-12-05): "General", role
    "exiled father"; the swordswoman then called him Dad and carried the letter to "the Dad".
    The role becomes the idea's phrase: "general who exiled her father".
    """
    name = person.name.strip()
    if not re.fullmatch(r"[A-Za-z]+", name) or re.search(rf"\b{name}\b", person.role, re.I):
        return ""
    # Kin ("Granddaughter") is renamed instead (:mod:`film.quality.people.names.naming`).
    if name.lower() not in idea_people_words(idea) or name.lower() not in _NOT_FAMILY_WORDS:
        return ""
    found = re.search(rf"\b{name}\b(?:\s+who\s+[^,.;]+)?", idea, re.I)
    return found.group(0).lower() if found else ""
