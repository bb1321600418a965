"""People are called by names the film gives them, and nobody calls out their own title.

Recorded (en-family-bus, 2026-12-01): the grandfather thanked "Nora", a person no bible,
scene or idea holds ("Thanks, Nora. I appreciate it."), and he answered his granddaughter
"I love you too, Grandpa." A reader takes the first for a stranger off screen and the
second for a joke. Both are a name called out (a vocative) at the edge of a sentence, so
only that call goes and the sentence stays: "Thanks. I appreciate it.", "I love you too."

Only English calls by an unknown name are caught: a capitalised word after a comma at a
sentence's end, or after a greeting at its start, that is no word of a bible name and no
way of addressing someone ("Sir", "Grandpa"). A Chinese name cannot be told from other
words this way, so in Chinese only a speaker's own kin title goes (爷爷 saying "……，爷爷。").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from film.language import has_cjk
from film.quality.names import PLACEHOLDER_NAMES
from film.quality.people.address import elder_kin, kin_words
from film.quality.text import sentences, without_calls
from film.screenplay import Scene
from film.titles import BEFORE_A_SURNAME, TITLE_BEFORE_A_SURNAME

#: Ways of calling someone that are not names: kin, courtesy, trade and endearment.
_ADDRESS_WORDS = frozenset(
    """
    grandpa grandma granddad grandad grandfather grandmother granny nana dad daddy mom mum
    mommy mama papa father mother son daughter sister brother sis bro uncle auntie aunt
    cousin sir madam maam miss mister mr mrs ms lady gentlemen ladies everyone everybody
    guys folks kid kids child boy girl man dude buddy pal friend friends mate dear darling
    honey sweetie sweetheart love baby boss chief captain doctor doc teacher professor
    officer coach chef driver master teacher grandson granddaughter god lord majesty
    highness princess prince general miss team class partner neighbour neighbor
    """.split()
)
#: Greetings and thanks after which a capitalised word is a call: "Thanks, Nora."
_GREETING = (
    r"(?:hi|hello|hey|thanks|thank you|okay|ok|oh|yes|no|sure|well|look|listen|come on|"
    r"good morning|good night|goodbye|bye|sorry|wait|please|welcome|congratulations)"
)
#: A title or an uncle's word before a name: "Mrs. Lin", "Uncle Joe".
_TITLE = rf"(?:(?:{TITLE_BEFORE_A_SURNAME}|Uncle|Aunt)\s+)?"
_NAME = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
_CALL_AT_END = re.compile(rf"\s*,\s*(?P<call>{_TITLE}{_NAME})\s*(?=[.!?]|$)")
_CALL_AFTER_GREETING = re.compile(
    rf"(?P<greeting>\b(?i:{_GREETING}))\s*,\s*(?P<call>{_TITLE}{_NAME})\s*(?=[.!?,])"
)


def _known(call: str, names: Sequence[str]) -> bool:
    """Whether ``call`` is someone in the film, or a way of addressing anyone."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", call)]
    known = {w.lower() for name in names for w in re.findall(r"[A-Za-z]+", name)}
    titles = {*BEFORE_A_SURNAME, "uncle", "aunt"}
    return all(w in known or w in _ADDRESS_WORDS or w in titles for w in words)


def _without_unknown_calls(text: str, names: Sequence[str]) -> str:
    """``text`` without English calls by a name nobody in ``names`` has."""

    def at_end(match: re.Match[str]) -> str:
        return match[0] if _known(match["call"], names) else ""

    def after_greeting(match: re.Match[str]) -> str:
        return match[0] if _known(match["call"], names) else match["greeting"]

    text = _CALL_AFTER_GREETING.sub(after_greeting, text)
    # Only a call that ends its sentence: ", Mr. Okafor." yes, ", New York is far" never
    # gets here because the lookahead wants the sentence's end.
    return _CALL_AT_END.sub(at_end, text)


#: What may follow a stranger's name as their title: "林晓老师" is called "老师".
_ZH_TITLE = r"(?:老师|同学|姐姐?|哥哥?|阿姨|叔叔|奶奶|爷爷|师傅|医生|小姐|先生)"
_ZH_THANKS = r"(?:谢谢|感谢|多谢|对不起|辛苦了?)"


def _without_strangers(text: str, strangers: Sequence[str]) -> str:
    """``text`` with no word of the worked example's people; "" when it is about them.

    Recorded (craft bench, the night market, 18:07): "谢谢林晓老师" thanked the example's
    林晓, whom no film casts. With a title the title stays ("谢谢老师"), after thanks the
    name is "you" ("谢谢你"); a line that still names them is about nobody, and goes.
    """
    for name in strangers:
        if name.isascii():
            if re.search(rf"\b{re.escape(name)}\b", text, re.I):
                return ""
            continue
        text = re.sub(rf"{re.escape(name)}(?={_ZH_TITLE})", "", text)
        text = re.sub(rf"({_ZH_THANKS}){re.escape(name)}", r"\1你", text)
        if name in text:
            return ""
    return text


def called_by_their_names(
    scene: Scene, people: Sequence[tuple[str, str]], strangers: Collection[str] = ()
) -> Scene:
    """``scene`` with each line calling people only by names the film gives them.

    ``people`` is the bible's (name, role) pairs. ``strangers`` are names known to be
    nobody in any film (the worked example's Nora and 林晓: the Qinghai photographer thanked
    "林晓" at his dawn, 2026-12-01); a call to one goes in Chinese too. A line left with no
    word goes, and so does one that still speaks of a stranger (:func:`_without_strangers`).
    """
    cast = {name.casefold() for name, _role in people}
    # Stand-in names are nobody either: "我的名字是张三。" (craft bench, street dance, 22:40).
    strangers = {*strangers, *(PLACEHOLDER_NAMES - {"某某", "某人"})}
    unknown = [name for name in strangers if name.casefold() not in cast]
    # The scene's own place is no stranger either: "Welcome, Paris!"
    names = [*(name for name, _role in people), scene.place]
    titles = {
        name.lower(): kin_words(found[0])
        for name, role in people
        if name.strip() and (found := elder_kin(name, role))
    }
    dialogue = []
    for line in scene.dialogue:
        text = _without_names_told(line.text, [name for name, _role in people])
        text = _without_unknown_calls(text, names)
        text = without_calls(text, [*unknown, *titles.get(line.speaker.lower(), ())])
        text = _without_strangers(text, unknown)
        text = text.strip()
        if re.search(r"\w", text):
            dialogue.append(line if text == line.text else line.model_copy(update={"text": text}))
    if dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue})


def _without_names_told(text: str, cast: Sequence[str]) -> str:
    """``text`` without a sentence that tells its listener their own name.

    Recorded (craft bench, the love notes, 2026-12-05): one desk-mate told the other "我的
    名字是王华，你的名字是李明。" in their third year side by side. Nobody tells a person
    what they are called, so the sentence goes ("Your name is Sam." too).
    """
    named = [re.escape(name) for name in cast if name.strip()]
    if not named:
        return text
    told = re.compile(rf"(?:你的名字(?:是|叫)|\byour name is )(?:{'|'.join(named)})(?![\w])", re.I)
    if not told.search(text):
        return text
    kept = [sentence for sentence in sentences(text) if not told.search(sentence)]
    return ("" if has_cjk(text) else " ").join(kept)
