"""A grandchild says "Grandpa", not "John"; a son says 爸爸, not 李建国.

Recorded (en-family-bus, every run of 2026-12-01): the granddaughter greeted her
grandfather by his first name in five lines of six scenes ("Hello, John!", "Look, John! I
can see it!", "Thank you, Bob."). Nobody calls their grandfather or their father that, and
a reader takes the two for strangers. The bible says who is whose elder, so a child's
lines call their parent or grandparent what a child calls them. Only the words a person is
addressed or spoken of by change; action lines keep the name, as screenplays do.

A line about the pair's own courtship goes: in the same film the granddaughter asked her
grandfather "Do you remember when we had our first date?" (2026-12-01), a line no reader
takes for anything but a joke.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.people.ages import own_role
from film.screenplay import Scene
from film.titles import TITLE_BEFORE_A_SURNAME

#: Elders by kin: the words that make someone one, and what their child or grandchild calls
#: them, in English and Chinese (a Chinese kin word the elder's own name or role already
#: uses, such as 外婆, wins over the plain one).
_ELDERS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("grandfather", ("grandfather", "grandpa", "granddad", "grandad"), "Grandpa", "爷爷"),
    ("grandmother", ("grandmother", "grandma", "granny", "nana"), "Grandma", "奶奶"),
    ("father", ("father", "dad", "daddy", "papa"), "Dad", "爸爸"),
    ("mother", ("mother", "mom", "mum", "mommy", "mama"), "Mom", "妈妈"),
)
_ELDERS_ZH = {
    "grandfather": ("外公", "姥爷", "爷爷", "祖父"),
    "grandmother": ("外婆", "姥姥", "奶奶", "祖母"),
    "father": ("爸爸", "父亲", "老爸"),
    "mother": ("妈妈", "母亲", "老妈"),
}
#: Every kin word above: an elder already named by one is called by it anyway.
_ALL_KIN = tuple(
    word for _kin, words, english, chinese in _ELDERS for word in (*words, english, chinese)
) + tuple(word for words in _ELDERS_ZH.values() for word in words)
#: Who calls each elder by kin: their grandchildren, or their children.
_JUNIORS = {
    "grandfather": ("grandson", "granddaughter", "grandchild", "孙子", "孙女", "外孙"),
    "grandmother": ("grandson", "granddaughter", "grandchild", "孙子", "孙女", "外孙"),
    "father": ("son", "daughter", "child", "儿子", "女儿"),
    "mother": ("son", "daughter", "child", "儿子", "女儿"),
}
#: A couple's own memories, which a child and their parent or grandparent never share.
_COURTSHIP = re.compile(
    r"\b(?:our|we had our) (?:first )?(?:date|kiss|wedding|honeymoon)\b"
    r"|我们(?:的)?(?:第一次)?(?:约会|初吻|婚礼|蜜月)",
    re.IGNORECASE,
)
#: A title before a name goes with it: "Mr. Okafor" is Grandpa, not "Mr. Grandpa".
_KIN_BEFORE_A_NAME = r"(?:old|uncle|aunt|grandpa|grandma|dad|mom|mum)\.?"
_TITLE = rf"(?:(?:{TITLE_BEFORE_A_SURNAME}|{_KIN_BEFORE_A_NAME})\s+)?"


def _has(words: Sequence[str], texts: Sequence[str]) -> str | None:
    """The first of ``words`` one of ``texts`` uses (English as a whole word)."""
    for word in words:
        for text in texts:
            if word.isascii():
                if re.search(rf"\b{re.escape(word)}s?\b", text, re.I):
                    return word
            elif word in text:
                return word
    return None


def kin_words(kin: str) -> tuple[str, ...]:
    """Every word ``kin`` ("grandfather") is said or called by, in English and Chinese."""
    english_words, english, chinese = next((w, e, c) for k, w, e, c in _ELDERS if k == kin)
    return (*english_words, english, chinese, *_ELDERS_ZH[kin])


def elder_kin(name: str, role: str) -> tuple[str, str, str] | None:
    """(kin, English address, Chinese address) when the person is a parent or grandparent."""
    own_zh, own_en = own_role(role)
    if "孙" in own_zh or "孙" in name or re.search(r"\bgrand(?:son|daughter|child)", own_en, re.I):
        return None
    for kin, english_words, english, chinese in _ELDERS:
        zh = _has(_ELDERS_ZH[kin], [name, own_zh])
        if zh or _has(english_words, [name, own_en]):
            return kin, english, zh or chinese
    return None


def _is_junior(name: str, role: str, kin: str) -> bool:
    own_zh, own_en = own_role(role)
    return _has(_JUNIORS[kin], [name, own_en, own_zh]) is not None


def _called(text: str, name: str, address: str) -> str:
    """``text`` with ``name`` said as ``address``: whole, or its first word, with any title."""
    if not name.isascii():
        return text.replace(name, address)
    forms = sorted({name, name.split()[0]}, key=len, reverse=True)
    pattern = rf"\b{_TITLE}(?:{'|'.join(re.escape(f) for f in forms)})\b"
    return re.sub(pattern, address, text, flags=re.I)


def _self_as_kin(text: str, kin: str, english: str, chinese: str) -> str:
    """An elder's ``text`` where "your grandfather" is the speaker: said as "Grandpa".

    Recorded (craft bench, the bus, 2026-12-04): the grandfather told his granddaughter "I
    know that your grandfather has never been there either". Said as a family says it of
    themself, "Grandpa has never been there either" (爷爷也没去过) keeps the line's sense.
    """
    words, said = _kin_patterns(kin)
    text = re.sub(rf"\byour\s+(?:{words})\b", english, text, flags=re.I)
    return re.sub(rf"你的?(?:{said})", chinese, text)


def _kin_patterns(kin: str) -> tuple[str, str]:
    """The English and the Chinese words of ``kin`` (:func:`kin_words`), longest first."""
    words = sorted(dict.fromkeys(kin_words(kin)), key=len, reverse=True)
    return "|".join(w for w in words if w.isascii()), "|".join(w for w in words if not w.isascii())


def _to_own_kin(text: str, kin: str) -> bool:
    """Whether ``text`` calls its listener by the speaker's own kin: the junior's line.

    Recorded (craft bench, the bus, 2026-12-04): the grandfather said "You're the best
    grandfather ever!" to his granddaughter.
    """
    words, said = _kin_patterns(kin)
    return bool(
        re.search(rf"\byou(?:'re|’re| are)\b[^.!?]{{0,30}}\b(?:{words})\b", text, re.I)
        or re.search(rf"你(?:真)?是[^。！？]{{0,10}}(?:{said})", text)
    )


_MODAL = r"will|would|can|could|should|must|might|may|did|does|loves?|misses|wants?"
_BE = {"is": "am", "was": "was", "has": "have"}


def _self_as_junior(text: str, words: Sequence[str]) -> str:
    """A grandchild's or child's ``text`` where "your granddaughter" is the speaker: "I".

    Recorded (craft bench, the bus, 2026-12-04): the granddaughter told her grandfather
    "And your granddaughter will be the first to see it again." Only the plain cases: a
    subject before a modal or "is", a possessive, an object; 你孙女 is 我.
    """
    english = "|".join(w for w in words if w.isascii())
    if english:
        said = rf"\byour\s+(?:{english})"
        text = re.sub(
            rf"{said}\s+(is|was|has)\b", lambda m: f"I {_BE[m[1].lower()]}", text, flags=re.I
        )
        text = re.sub(rf"{said}\s+(?=(?:{_MODAL})\b)", "I ", text, flags=re.I)
        text = re.sub(
            rf"{said}['’]s\b", lambda m: "My" if m[0][0] == "Y" else "my", text, flags=re.I
        )
        text = re.sub(
            rf"\b(to|for|with|at|about)\s+your\s+(?:{english})\b", r"\1 me", text, flags=re.I
        )
    chinese = "|".join(w for w in words if not w.isascii())
    return re.sub(rf"你的?(?:{chinese})", "我", text) if chinese else text


def kin_address(scene: Scene, people: Sequence[tuple[str, str]], language: str) -> Scene:
    """``scene`` with each child's or grandchild's lines calling their elder by kin.

    ``people`` is the bible's (name, role) pairs. An elder whose name already is a kin word
    ("Father", 奶奶) is called by it anyway and is left alone. An elder talking to their
    own child or grandchild says "Grandpa", not "your grandfather", of themself.
    """
    if language == "zh":
        scene = _called_by_own_kin_zh(scene, people)
    roles = {name.lower(): role for name, role in people}
    present = {n.lower() for n in [*scene.characters, *(d.speaker for d in scene.dialogue)]}
    elders = [
        (name, found) for name, role in people if name.strip() and (found := elder_kin(name, role))
    ]
    juniors = {
        name.lower(): [
            p for p in present if p != name.lower() and _is_junior(p, roles.get(p, ""), found[0])
        ]
        for name, found in elders
    }
    kin_of = {name.lower(): found for name, found in elders}
    every_elder, elders = elders, [(n, found) for n, found in elders if not _has(_ALL_KIN, [n])]
    dialogue = []
    spelled = {n.lower(): n for n in [*scene.characters, *(d.speaker for d in scene.dialogue)]}
    for line in scene.dialogue:
        heard = juniors.get(line.speaker.lower(), [])
        if len(heard) == 1 and _to_own_kin(line.text, kin_of[line.speaker.lower()][0]):
            line = line.model_copy(update={"speaker": spelled[heard[0]]})  # the junior's line
        role = roles.get(line.speaker.lower(), "")
        text = line.text
        own = kin_of.get(line.speaker.lower())
        if own and juniors.get(line.speaker.lower()):
            text = _self_as_kin(text, *own)
        for name, (kin, _, _) in every_elder:
            if name.lower() in present and line.speaker.lower() in juniors.get(name.lower(), []):
                own_zh, own_en = own_role(role)
                mine = [w for w in _JUNIORS[kin] if _has([w], [line.speaker, own_en, own_zh])]
                text = _self_as_junior(text, mine)
        for name, (kin, english, chinese) in elders:
            junior = name.lower() != line.speaker.lower() and _is_junior(line.speaker, role, kin)
            if junior and name.lower() in present and _COURTSHIP.search(text):
                text = ""
                break
            if junior:
                text = _called(text, name, chinese if language == "zh" else english)
        if text:
            dialogue.append(line if text == line.text else line.model_copy(update={"text": text}))
    if dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue})


#: A Chinese kin word said to someone's face at the start of a line: "妈妈，我……".
_ZH_VOCATIVE = re.compile(r"^(?P<kin>妈妈|爸爸|奶奶|爷爷|外婆|外公|妈|爸)(?=[，,！!。…])")
_PARENT_OF_CHILD = {"奶奶": "妈", "外婆": "妈", "爷爷": "爸", "外公": "爸"}


def _called_by_own_kin_zh(scene: Scene, people: Sequence[tuple[str, str]]) -> Scene:
    """A Chinese scene whose junior calls the elder there by the elder's kin to them.

    Recorded (2026-12-05): in the video call, the grandmother's son said "谢谢奶奶" to his
    mother (a film with no grandchild: 奶奶 is his 妈); in the web app, the carpenter's
    granddaughter cried "妈妈，我……" to him, the only elder in the scene.
    """
    # A film of a grandmother and her son: no grandchild, no parent of the son's own.
    mother_and_son = not any(re.search(r"孙|爸|妈|父亲|母亲", f"{n}{r}") for n, r in people)
    child = {name for name, role in people if re.search(r"儿子|女儿", f"{name}{own_role(role)[0]}")}
    present = {n for n in [*scene.characters, *(d.speaker for d in scene.dialogue)]}
    elders = [
        (name, found[2])
        for name, role in people
        if name in present and (found := elder_kin(name, role))
    ]
    lines = []
    for line in scene.dialogue:
        text = line.text
        her_son = line.speaker in child and mother_and_son
        if her_son:  # 奶奶 is his 妈
            for word, parent in _PARENT_OF_CHILD.items():
                text = re.sub(rf"{word}(?!家)", parent, text)
        said = _ZH_VOCATIVE.match(text)
        others = [kin for name, kin in elders if name != line.speaker]
        if said and len(others) == 1 and not her_son and line.speaker not in dict(elders):
            text = others[0] + text[said.end() :]
        lines.append(line if text == line.text else line.model_copy(update={"text": text}))
    if lines == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": lines})
