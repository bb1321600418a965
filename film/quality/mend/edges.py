"""A line's ragged edges: JSON residue, quotes never opened, clauses broken off."""

from __future__ import annotations

import re

from film.language import CJK
from film.quality.debris import ASSISTANT_SPEAK, without_heading
from film.quality.mend.cast import where_they_are
from film.quality.mend.small_talk import says_nothing_dropped, without_offer
from film.quality.mend.speeches import addressed_speech, comma_run_sentences, own_words
from film.quality.text import AFTER_A_SENTENCE, NOT_A_TITLE, SPACED_CJK, stopped
from film.screenplay import Scene

# A line's ragged edges. The 1.5B model closes a JSON string inside the text ('抓到！”，',
# 'I'll be right there",') and sometimes stops mid-clause when its answer runs out
# ("保安大爷带着橘猫回家，然后向"); both reached a screenplay the gate had passed.
_OPENING_QUOTES = "“\"‘'「『"
_CLOSING_QUOTES = "”\"’'」』"
#: Each curly or corner closing quote with the mark that opens it.
_OPENER_OF = {"”": "“", "’": "‘", "」": "「", "』": "『"}
#: A JSON separator after a line's closing quote, a stray bracket with it ('好主意。”),',
#: the courier's umbrella film in the web app, 2026-12-02): the brackets close nothing.
#: A separator after the closing quote, or a bracket and a stop: "我来接您了。”)." (the
#: courier, 2026-12-03) was the end of a call the model wrote around the line.
_TRAILING_SEPARATOR = re.compile(r"([”\"’'」』])\s*(?:[)）\]]*\s*[,，]|[)）\]]+\s*[.;；。]?)\s*$")
#: The end of a JSON object written into the text: '}, {', "}]", "'}", "}],".
_JSON_TAIL = re.compile(r"(?<=\S)\s*[\"'”’]?\s*\}+\s*(?:\]\s*,?|,\s*\{\s*\"?)?\s*$")
#: A bracketed list of choices is a guide's menu, never a film's: "The father starts to hide
#: a problem (illness, debt)" (the piano teacher, 2026-12-03) quoted the family guide.
_MENU = re.compile(r"\s*[(（](?:[^()（）,，、]{1,24}[,，、]\s*)+[^()（）,，、]{1,24}[)）]")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])")
_CLAUSE_END = re.compile(r"[。！？!?…~～”」』）)\.\"']$")
_ZH_DANGLING = re.compile(
    r"(?:向|的|和|在|把|给|对|从|跟|与|被|让|并|而|及|或|就|才|又|也|都|还|要|会|能|将|再|然后|但|却|"
    r"于是|因为|所以|但是|已经|正在|如果|虽然|只要|一定|应该|打算|想要|"
    r"朝|往|替|朝着|向着|直到|随着|通过|按照|关于|"
    # "李奶奶继续教孙子如何" (dumplings, 2026-12-03): taught how, the how never written
    r"(?:教|学|学会|知道|告诉|明白|懂得)[^，。！？、]{0,8}?(?:如何|怎么|怎样))$"
)
#: A finished sentence followed by the first word of one the answer never wrote.
_STUB_TAIL = re.compile(
    rf"[。！？](?:[\u4e00-\u9fff]{{1,2}})$|{NOT_A_TITLE}[.!?]\s+(?:I|We|You|He|She|They|It|The|A|My|And|But)$"
)
#: A sentence that is only a connective, its story never written: "孙子在一旁看着。最后。"
#: (dumplings, 2026-12-02), "……看着。然后，".
_LONE_CONNECTIVE = re.compile(
    r"(?<=[。！？])(?:最后|然后|接着|于是|突然|后来|这时|之后|同时|最终)[，,、。…]*$"
    rf"|{AFTER_A_SENTENCE}\s+(?:Then|Finally|Suddenly|Later|Meanwhile|Afterwards)[,.…]*$"
)
_EN_DANGLING = re.compile(
    r"\s(?:and|or|but|to|the|a|an|of|with|towards?|into|onto|at|in|on|for|from|his|her|"
    r"their|its|my|your|as|that|then|while|because|so)$",
    re.IGNORECASE,
)


def clean_edges(text: str) -> str:
    """``text`` without a JSON separator after its closing quote, or quotes it never opened.

    A line wrapped whole in quotes loses them too: the dialogue block already says who
    speaks, and Fountain shows the words as they are.
    """
    fixed = _JSON_TAIL.sub("", _MENU.sub("", text).strip())
    if fixed != text.strip() and fixed[:1] in _OPENING_QUOTES and fixed[-1:] not in _CLOSING_QUOTES:
        fixed = fixed[1:]  # "'别急，慢慢来。'}, {" lost its tail, and so its closing quote
    fixed = _TRAILING_SEPARATOR.sub(r"\1", fixed)
    # "……捉迷藏游戏。。": a speech cut out of an action line left its stop behind.
    fixed = _DOUBLED.sub(r"\1", re.sub("。{2,}", "。", fixed))
    # "Sam.I'll be fine." (the drummer, 22:31): two sentences with no space between them.
    fixed = re.sub(r"(?<=[a-z]{2}[.!?])(?<!www[.])(?=(?:I|I'\w+|[A-Z][a-z]+)\b)", " ", fixed)
    # "你想学街舞吗？”。”。": closing quotes and stops left after a question or a stop.
    fixed = re.sub(r"(?<=[。！？])(?:[”\"]?。)+$", "", fixed)
    # "那 我们 该 不去找了？": Chinese words spaced like English ones (2026-12-01) close up;
    # a line spelled one character at a time is garbage, and own_words drops it instead.
    if not SPACED_CJK.search(fixed):
        fixed = _CJK_SPACE.sub("", fixed)
    # "行，我去。”." and "再见了。”.." (by hand, 2026-12-02): stops after a closer never opened.
    stops = re.search(r"(?<=[”’」』])[.。]+$", fixed)
    if stops and _OPENER_OF[fixed[stops.start() - 1]] not in fixed:
        fixed = fixed[: stops.start()]
    if fixed and fixed[-1] in _CLOSING_QUOTES:
        opener = _OPENER_OF.get(fixed[-1], fixed[-1])
        body = fixed[:-1]
        # An apostrophe (I'll, Ana's) opens nothing: a single quote opens at a word's start.
        opened = re.search(r"(?:^|[\s(“])'\S", body) if opener == "'" else opener in body
        if not opened:  # closed but never opened: residue
            fixed = body.rstrip()
        elif fixed[0] == opener and _quote_marks(body, opener) == 1 and len(body) > 1:
            fixed = body[1:].strip()  # the whole line quoted
    fixed = _closed(fixed)
    # A lone straight quote opening a Chinese line: "'学街舞需要很多时间…" (2026-12-02).
    if (
        fixed[:1] in ("'", '"')
        and fixed.count(fixed[0]) == 1
        and re.match(r".[\u4e00-\u9fff]", fixed)
    ):
        fixed = fixed[1:]
    return fixed if any(ch.isalnum() for ch in fixed) else text.strip()


def _closed(text: str) -> str:
    """``text`` with a quote it opened and never closed closed at its end, or dropped.

    Recorded (craft bench, street dance, 2026-12-02): "爸爸说：“你跳得真好" on the screen.
    A line that opens on its only quote mark loses it: the cue already says who speaks.
    """
    for closer, opener in _OPENER_OF.items():
        if text.count(opener) <= text.count(closer):
            continue
        if text.startswith(opener) and text.count(opener) == 1:
            text = text[1:].strip()
        else:
            text += closer
    return text


def _quote_marks(text: str, mark: str) -> int:
    """How often ``mark`` stands in ``text`` as a quote: an apostrophe ("let's") is none."""
    if mark != "'":
        return text.count(mark)
    return len(re.findall(r"(?<!\w)'|'(?!\w)", text))


def whole_clauses(text: str) -> str:
    """``text`` without a clause the model broke off ("……然后向", "He walks towards").

    A line that ends mid-clause is cut back to its last finished clause; a line with only
    the broken clause loses its dangling word. Lines that end in a word that can end a
    clause are left alone: English action lines often carry no full stop.
    """
    line = says_nothing_dropped(_LONE_CONNECTIVE.sub("", text.rstrip()).rstrip())
    if not line or _CLAUSE_END.search(line):
        return line
    if stub := _STUB_TAIL.search(line):  # "你怕路上会遇到什么困难吗？我": the answer ran out
        return line[: stub.start() + 1]
    cjk = bool(CJK.search(line[-1]))
    if not (_ZH_DANGLING.search(line) if cjk else _EN_DANGLING.search(line)):
        return line
    sentence = max(line.rfind(mark) for mark in "。！？!?")
    sentence = max(sentence, line.rfind(". "))
    if sentence > 0:  # a whole sentence before the broken one: end there
        return line[: sentence + 1].rstrip()
    cut = max(line.rfind(mark) for mark in "，,；;、：:")
    if cut > 0:
        kept = line[:cut].rstrip()
        return kept + ("。" if cjk else ".")
    trimmed = _ZH_DANGLING.sub("", line) if cjk else _EN_DANGLING.sub("", line)
    return trimmed.rstrip() or line


_SPEECH_LEAD = re.compile(
    r"(?:^|[，,。；;]\s*)[^，,。；;]{0,30}?(?:说道|说|问道|问|回答|喊道|喊|says|said|asks|asked"
    r"|replies|shouts)\s*[:：,，]\s*$",
    re.IGNORECASE,
)


_AND_SAYS = re.compile(r",?\s+and\s+(?:says|said|asks|asked|replies|shouts)\s*[:,]\s*$", re.I)


def without_speech_lead(line: str) -> str:
    """An action line without the "X说：" it ends on, whose speech never came ("" if nothing else).

    Recorded (街舞爸爸, 2026-12-01): "爸爸用湿布擦干净外套后，小明说：" and two lines of only
    "爸爸说：".
    """
    line = _AND_SAYS.sub(".", line)
    lead = _SPEECH_LEAD.search(line)
    if not lead:
        return line
    kept = line[: lead.start()].rstrip(" ，,；;")
    if not kept:
        return ""
    return (
        kept + ("。" if CJK.search(kept[-1]) else ".") if not kept.endswith(("。", ".")) else kept
    )


#: A visual note's unfinished last words after a whole sentence: "……招牌。保安大爷"
#: (2026-12-01), or an English sentence of three words or more begun after a finished one,
#: "… approaches Elena from behind. He holds a red" (the letter, 2026-12-02). English notes
#: often end without a stop ("… Close framing"), so shorter tails stay.
_VISUAL_STUB = re.compile(
    rf"([。！？])\s*[\u4e00-\u9fff]{{1,8}}$|{AFTER_A_SENTENCE}\s+[A-Z][a-z]*(?:\s+[a-z]+){{2,8}}\s*$"
)


#: The scene task's own words opening a visual note: "Light, colour and framing of Mr.
#: Judd's bedroom, showing…" (by hand, 2026-12-02), "光线、色彩和构图：".
_TASK_WORDS = re.compile(
    r"^(?:light, colou?r and framing(?: of)?|光线、色彩和构图|镜头里看到的)[\s:：,，]*", re.I
)


#: An action line about the film rather than in it: "画师结束影片，并且画面逐渐淡出。" (宫廷画师,
#: 2026-12-02), "The film ends". The camera may move, and an audience may be in the story
#: (a stage, a battle of the bands); the film itself is not.
_ABOUT_THE_FILM = re.compile(
    r"影片|本片|全片|电影结束|画面逐渐淡出|\bthe film (?:ends|fades)\b|\bfades? (?:out|to black)\b",
    re.IGNORECASE,
)


#: A line of talk that lost its cue and landed in the action, which no camera can show:
#: "Same here. It's a tradition we've been doing for years." (by hand, the ferryman,
#: 2026-12-02). Said so, in the first or second person or as a reply, without quotes; "We
#: see the river." is a screenplay's own way to say what the camera shows.
_SPOKEN_ACTION = re.compile(
    r"^(?:I|I'm|I'll|I've|We|We're|We'll|You|You're|My|Our|Your|Let's|Same here|Yes|Yeah|"
    r"Okay|OK|Sure|Thank you|Thanks|Hello|Hi)\b(?! (?:see|hear)\b)"
    r"|\b(?:I|I'm|I've|I'll|me|my)\b"
    r"|^(?:我|你|我们|咱们|是的|谢谢|好的)"
)


def spoken_action(line: str) -> bool:
    """Whether an action ``line`` is talk without its cue (see :data:`_SPOKEN_ACTION`)."""
    quoted = re.search(r"[\"“”「」]|(?:^|\s)['‘]\w", line)
    labelled = re.match(r"^[^:：]{1,30}[:：]", line)  # "Sam: I can't.": the speech mends' cue
    return not quoted and not labelled and bool(_SPOKEN_ACTION.search(line))


#: The outline's own doubt written into the picture: "Ming opens the box, but it's not clear
#: what" (craft bench, 2026-12-02), "但不清楚里面是什么". A camera shows; it does not wonder.
_HEDGE = re.compile(
    r"[,，]?\s*(?:but|and)\s+it(?:'s|’s| is) (?:not |un)clear\b[^.!?]*"
    r"|[,，]\s*(?:但|可是|但是)(?:还|并)?不(?:清楚|确定|明确)[^。！？]*",
    re.IGNORECASE,
)


def without_hedge(line: str) -> str:
    """An action line without the clause that says what is not clear (see :data:`_HEDGE`)."""
    kept = _HEDGE.sub("", line).strip()
    return kept if kept and kept != line.strip() and re.search(r"\w", kept) else line


#: Function words the model wrote twice ("我每天都都在尝试", night market, 2026-12-02); none
#: of them doubles in a word, unlike 的的确确, 实实在在 or 不了了之.
_DOUBLED = re.compile(r"(都|就|也|把|被|和)\1")


#: A note cut off after a comma: "Slow,", "Static, p", "Static, 2" (the bus, 2026-12-02).
_CUT_NOTE = re.compile(r"\s*[,，、;；]\s*(?:[^\s,，、;；]{1,2})?\s*$")


def _whole_note(visual: str) -> str:
    """``visual`` without the tail it was cut off on; "" when one word was all it had."""
    kept = _CUT_NOTE.sub("", visual)
    if kept == visual and (not visual.isascii() or len(visual.split()) > 1):
        return visual  # a one-word note, "Soft" (the bus, 2026-12-02), is no shot
    words = kept.split() if kept.isascii() else list(re.sub(r"\W", "", kept))
    return kept if len(words) >= (2 if kept.isascii() else 4) else ""


#: One person named twice in a sentence, the second time as somebody's relative: "Jack and
#: Sophia are sitting on the old bus stop with their granddaughter Sophia." (craft bench,
#: the bus, 2026-12-02), read as two Sophias.
_CLONE = re.compile(
    r"\b(?P<name>[A-Z][a-z]+)\b(?P<between>[^.!?]*?)\s+(?:with|and|beside|next to)\s+"
    r"(?:his|her|their)\s+(?:[a-z-]+\s+){1,2}(?P=name)\b"
)


def without_clone(text: str) -> str:
    """``text`` without the second mention of one person as a relative (see :data:`_CLONE`)."""
    return _CLONE.sub(r"\g<name>\g<between>", text)


def _told(line: str) -> str:
    """An action line through the edge mends, ending on a stop, or "" for a line's tail.

    "the baker's note again and realizes …" was the tail of a line the model broke in two
    (2026-12-03), in lower case, its subject in the line before.
    """
    told = whole_clauses(clean_edges(without_hedge(without_heading(without_clone(line)))))
    return "" if re.match(r"[a-z]", told) else stopped(without_speech_lead(told))


def _said(text: str) -> str:
    """A line of dialogue through the edge mends, ending on a stop."""
    return stopped(whole_clauses(clean_edges(comma_run_sentences(without_offer(text)))))


def mend_edges(scene: Scene) -> Scene:
    """``scene`` with :func:`clean_edges` and :func:`whole_clauses` applied to every line.

    Action lines also lose an outline heading copied in front of them
    (:func:`without_heading`) and a speech lead whose speech never came
    (:func:`without_speech_lead`).

    The visual note too: "... the music continues to play on the" was a scene's last words
    on the storyboard. Each cue first keeps only its speaker's words
    (:func:`film.quality.mend.speeches.own_words`).
    """
    scene = addressed_speech(own_words(scene))
    action = [
        mended
        for line in scene.action
        if (mended := _told(line))
        and not _ABOUT_THE_FILM.search(mended)
        and not ASSISTANT_SPEAK.search(mended)
        and not spoken_action(mended)
    ] or ([where_they_are(scene)] if scene.characters else scene.action[:1])
    names = {name.casefold() for name in [*scene.characters, *(d.speaker for d in scene.dialogue)]}
    dialogue = [
        line.model_copy(update={"text": _said(line.text)})
        for line in scene.dialogue
        # A cue that is only someone's name ("偷外卖的贼: 保安大爷", 2026-12-02) says nothing.
        if line.text.strip(" ，,。.!！?？…").casefold() not in names
        and not ASSISTANT_SPEAK.search(line.text)
    ]
    visual = whole_clauses(clean_edges(scene.visual)) if scene.visual.strip() else scene.visual
    visual = _whole_note(
        _TASK_WORDS.sub("", _VISUAL_STUB.sub(r"\1", without_clone(visual))).strip()
    )
    if action == scene.action and dialogue == scene.dialogue and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue, "visual": visual})
