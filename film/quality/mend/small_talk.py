"""Small talk by kind: thanks, you're welcome, yes, goodbye, "me too".

A line made only of small talk says nothing a scene needs twice, and the 1.5B model fills
scenes with it. The mends that strike a second thanks in a scene or in the film, a lone
person's thanks to nobody, and a loop of lines on the same words all ask one question:
which kinds of small talk a line is made of (:func:`stock_kinds`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.language import has_cjk
from film.quality.text import sentences
from film.screenplay import Scene

#: Lines made only of small talk, by kind: a scene says each kind once. Recorded (饺子里的
#: 叮嘱, 2026-12-01): "谢谢您！", "不客气…", "好的，谢谢您！", "不客气…", "谢谢！" in two scenes;
#: and the nurse and the baker's "Sure thing, I'll see you soon." "See you soon." "Okay."
#: (*The Baker's Whisper*, 2026-12-01).
_GIFTS = "(?:祝福|支持|关心|鼓励|帮助|陪伴)"
_STOCK = {
    # "谢谢大家的祝福和支持！" said alone at the lake (青海湖, 2026-12-03): a sign-off to fans.
    "thanks": re.compile(
        rf"(?:谢谢|感谢)(?:大家|各位|你|您)?的?{_GIFTS}(?:和{_GIFTS})?|(?:再次)?谢谢(?:您|你|啦)?|多谢"
        r"|thank you(?: all| everyone)?(?: so much)?(?: for (?:all )?your (?:support|help|"
        # "Thank you again." closed the bus's scene 2 after its "Thank you." (12-05).
        r"kind words|wishes))?(?: again)?|thanks(?: again)?",
        re.I,
    ),
    "welcome": re.compile(r"不客气|不用谢|没事|you'?re welcome|no problem|any ?time", re.I),
    "yes": re.compile(
        r"好的|好吧|好|嗯|是的|对|行|\b(?:ok(?:ay)?|sure(?: thing)?|yes|yeah|right|alright)\b", re.I
    ),
    "bye": re.compile(
        r"\b(?:I'?ll )?see you(?: (?:soon|tonight|tomorrow|later|then|there))?\b|\b(?:good)?bye\b"
        # "再见。/拜拜。/晚安。/晚安。" closed a DAY scene of the painter (22:35).
        r"|再见|回头见|明天见|一会儿见|拜拜|晚安|\bgood ?night\b",
        re.I,
    ),
    "same": re.compile(
        r"\bme too\b|\bso do I\b|我也是|我也一样|我也(?:这么|这样)?想(?:这样)?", re.I
    ),
}
#: Whom small talk is said to: "谢谢你，奶奶" and "Thanks, everyone" are thanks alone.
ADDRESS = re.compile(
    r"奶奶|爷爷|妈妈|爸爸|外婆|外公|孩子|宝贝|大家|各位|"
    r"\b(?:grandma|grandpa|mum|mom|dad|kid|everyone|everybody|all of you|guys)\b",
    re.I,
)


def stock_kinds(text: str, names: Sequence[str] = ()) -> set[str]:
    """The kinds of small talk ``text`` is made of ({"yes", "thanks"}), or none if it says more."""
    rest, kinds = text, set()
    for kind, pattern in _STOCK.items():
        rest, found = pattern.subn(" ", rest)
        if found:
            kinds.add(kind)
    rest = ADDRESS.sub(" ", rest)
    for name in names:
        rest = rest.replace(name, " ")
    return kinds if not re.search(r"[\w\u4e00-\u9fff]", rest) else set()


#: An offer of help after "you're welcome": how a chat assistant signs off, not a father
#: answering his son ("不客气，有什么需要我帮忙的吗？", the second reader, 2026-12-03).
_OFFER = re.compile(
    # To the end of its sentence: "不客气，有啥需要帮忙的随时告诉我。" had left "不客气随时告诉我"
    # (craft bench, 2026-12-03).
    r"[，,]?\s*(?:还)?有(?:什么|啥)(?:事|事情)?(?:需要|要)?(?:我|我们)?(?:帮忙|帮助|帮你|效劳)"
    r"[^。！？!?]*[。！？!?]?"
    r"|[,.]?\s*(?:is there )?anything else (?:I|we) can (?:help|do)[^.!?]*[?.!]?"
    r"|[,.]?\s*(?:how )?(?:else )?can I help[^.!?]*[?.!]?"
    r"|[,.]?\s*let me know if you need anything[^.!?]*[.!]?",
    re.I,
)


def without_offer(text: str) -> str:
    """``text`` without a helper's offer made after "you're welcome" ("不客气，有什么…")."""
    if not _STOCK["welcome"].search(text) or not _OFFER.search(text):
        return text
    stop = "。" if re.search(r"[\u4e00-\u9fff]", text) else ". "
    rest = re.sub(r"([。.!！?？])\s*[。.]", r"\1", _OFFER.sub(stop, text))
    rest = re.sub(r" {2,}", " ", rest).strip()
    return rest if re.search(r"\w", rest) else text


#: Asking who someone is, or greeting them, once the two have been talking: "不客气，你。你好
#: 啊，你是谁？" came third in the courier's talk with the old man (craft bench, the ginger
#: soup, 2026-12-04), and a second reader quoted it.
_HELLO = (
    r"(?:你是谁|您是谁|你叫什么(?:名字)?|你好啊?|您好|嗨"
    r"|who are you|what(?:'s| is) your name|hello(?: there)?|hi(?: there)?|hey"
    # "It's been really nice to meet you." from the granddaughter (the bus, 2026-12-04).
    r"|(?:it(?:'s| has) been )?(?:really |so )?(?:nice|good|great) to meet you"
    r"|很高兴(?:认识|见到)你)"
)
_LATE_HELLO = re.compile(rf"^\W*{_HELLO}(?:[，,]\s*{_HELLO})*\W*$", re.I)
#: A clause broken off at a lone "you": "不客气，你。"
_LONE_YOU = re.compile(r"[，,]\s*(?:你|您|you)\s*(?=[。.!！?？]|$)", re.I)


def greeted_once(scene: Scene) -> Scene:
    """``scene`` without a "who are you?" or a "hello" said after both have spoken.

    Only whole sentences of it go; a line of nothing else goes, unless it is the scene's
    only one.
    """
    spoken: list[str] = []
    dialogue = []
    for line in scene.dialogue:
        text = _LONE_YOU.sub("", line.text)
        talking = line.speaker in spoken and any(s != line.speaker for s in spoken)
        spoken.append(line.speaker)
        if talking:
            text = ("" if has_cjk(text) else " ").join(
                part for part in sentences(text) if not _LATE_HELLO.match(part)
            )
        if text.strip():
            dialogue.append(line if text == line.text else line.model_copy(update={"text": text}))
    if dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue or scene.dialogue[:1]})


#: A speech verb that ends its line, the words it introduces never written.
_SAYS_NOTHING = re.compile(
    r"(?:,\s*|\s+and\s+)(?:says|said|asks|asked|replies|replied|whispers|shouts|adds)"
    r"\s*[:.,]?\s*$"
    r"|(?:，|,|并|然后)(?:[\u4e00-\u9fff]{1,3}地)?(?:说道|说|问道|问|回答道|回答|喊道)[：:]?。?$",
    re.IGNORECASE,
)


def says_nothing_dropped(line: str) -> str:
    """``line`` without a closing "and says." whose words were never written.

    Recorded (the lift, craft bench, 2026-12-04): "Taylor looks at Alex and says." stood
    as an action line, and the next cue was Alex's. The look stays: "Taylor looks at Alex."
    """
    return _SAYS_NOTHING.sub(lambda m: "。" if has_cjk(m[0]) else ".", line)


#: Small talk said to somebody: said by a person alone, it is said to nobody. A goodbye too:
#: the photographer, alone at the lake, ended on "再见！" (craft bench, 2026-12-05).
_ANSWERING = frozenset({"thanks", "welcome", "same", "bye"})
#: A sentence that opens by answering or asking back somebody, whatever it goes on to say:
#: the grandmother alone with the news said "好主意，我们下次一起试试。谢谢你的建议！", the
#: keeper alone at the lamp "And you? The same thing." (second reader, 2026-12-05).
_TO_SOMEBODY = re.compile(
    r"^(?:谢谢|感谢|多谢|好主意|你呢|那你呢|thank(?:s|\s+you)\b|(?:what )?a? ?(?:good|great) idea\b"
    r"|and you\b|how about you\b|the same(?: thing| here)?[.!]*$)",
    re.I,
)


def said_to_somebody(sentence: str) -> bool:
    """Whether ``sentence`` is said to somebody, so a person alone does not say it.

    Thanks, a welcome, "me too", a goodbye, or a sentence that opens by thanking, praising
    or asking back ("And you?").
    """
    return bool(stock_kinds(sentence) & _ANSWERING or _TO_SOMEBODY.match(sentence.strip()))


#: "You too": the answer to a wish or a kind word, and to nothing else. "Thanks, Alex.
#: You're always there." "You too, Taylor." (the lift, 2026-12-05); "You too, old man." to
#: "It's amazing how much we can see" (the lighthouse).
_YOU_TOO = re.compile(
    r"^(?:and )?(?:you too|same to you|you as well)(?:,\s*[\w .]{1,20}?)?[.!]*$"
    r"|^(?:你也是|你也一样|彼此彼此)(?:[，,][\u4e00-\u9fff]{1,4})?[。！!]*$",
    re.I,
)
_WISHED = re.compile(
    r"\b(?:good luck|take care|have (?:a|an|fun)|enjoy|happy|merry|congrat\w*|well done|"
    r"you look|be safe|sleep well|nice to)\b|祝|保重|注意身体|加油|辛苦|快乐|好运|一路平安",
    re.I,
)


def answers_a_wish(sentence: str, before: str) -> bool:
    """False for a "you too" said after a line (``before``) that wished nobody anything."""
    return not _YOU_TOO.match(sentence.strip()) or bool(_WISHED.search(before))
