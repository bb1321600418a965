"""Small text tools the gate's checks share: scripts, words, stems and idea terms.

Everything here is deterministic and dictionary-free on purpose: the gate must run
offline, in milliseconds, after every model call, and give the same answer twice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from film.language import CJK, CJK_RUN
from film.titles import ABBREVIATIONS

LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
#: Chinese written one character at a time ("保 安 大我 布 网 了"): the 1.5B model's answer
#: broke down (抓偷外卖的橘猫, 2026-12-01, a lengthening call), and the words were salad. The
#: gate calls it debris; the exact fixes strike the line that holds it.
SPACED_CJK = re.compile(r"(?:[\u3400-\u9fff] ){3,}[\u3400-\u9fff]")
#: Clause breaks: copied phrases and n-grams are only looked for inside one clause. A single
#: newline is a soft wrap inside a Markdown paragraph, so only a blank line, a heading or a
#: list item breaks a clause.
CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”—–。，；：！？（）、《》「」]+|\n\s*\n|\n\s*[-*#]")

_ZH_CLAUSE_END = re.compile(r"[，,。；;！!？?]")
_ZH_CLAUSE_END_OR_COLON = re.compile(r"[，,。；;！!？?：:]")
#: One clause of a sentence with its comma: what a mend drops while the rest stands.
CLAUSE = re.compile(r"[^，,；;。.!！?？]+[，,；;]?")


def chinese_clauses(text: str, *, colon: bool) -> list[str]:
    """``text`` cut at each Chinese or ASCII clause stop, the one splitter for an idea.

    ``colon`` decides whether a colon ends a clause too: where it introduces the rest
    ("孙女说：外婆…") the two sides are two clauses; a lead is read before it is cut off.
    """
    return (_ZH_CLAUSE_END_OR_COLON if colon else _ZH_CLAUSE_END).split(text)


#: Function words: they carry no story, so they are neither idea terms nor copied facts.
STOP_WORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each even ever every
few for from further had has have having he her here hers herself him himself his how i if in
into is it its itself just let like made make makes many may me might more most much must my
myself near never no nor not now of off on once one only or other our ours out over own per
really same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up upon very was we were what when where which while
who whom whose why will with within without would yet you your yours yourself get gets got go
goes going gone come comes came still back way want wants wanted need needs try tries tried
something someone anything everything nothing thing things another others s t d ll re ve m
""".split()
)

#: Words about the request rather than the story ("a two-minute touching film about...").
REQUEST_WORDS = frozenset(
    """
film films movie movies micro microfilm story stories short shorts video videos screenplay
screenplays script scripts minute minutes min mins second seconds sec secs write writing
create please genre click prompt tale piece idea ideas two three four five six seven eight
nine ten half long
""".split()
)

#: Calendar and clock words: shared with a guideline they are a date, not a copied fact.
TIME_WORDS = frozenset(
    """
day days night nights morning mornings evening evenings dusk dawn noon midnight afternoon
today tonight tomorrow yesterday year years new eve week weeks month months spring summer
autumn winter mid festival holiday
""".split()
)

_IGNORED = STOP_WORDS | REQUEST_WORDS | TIME_WORDS

#: Chinese characters that glue a sentence together rather than tell it.
CJK_FUNCTION_CHARS = frozenset(
    "的了是在和与及或把被给让对从到为着过吗呢吧啊呀么嘛这那些我你他她它们也就都而很又还要会能"
    "想说去来有没不上下里中之其于以所但如果因为所以个一每将已并该得地"
)

#: Chinese words about the request rather than the story.
CJK_REQUEST_WORDS = (
    "一键成片",
    "一键生成",
    "一键出片",
    "微电影",
    "电影",
    "短片",
    "短视频",
    "视频",
    "剧本",
    "故事",
    "分钟",
    "秒钟",
    "时长",
    "片子",
    "帮我",
    "讲述",
    "关于",
    "一部",
    "写一个",
    "拍一个",
    "类型",
)

_TITLE_FORMS = [form for word in ABBREVIATIONS for form in (word, word.capitalize())]
#: Put before a full stop in a pattern: the stop does not end a sentence when it only closes
#: a title. "I love you, Mrs. Thompson." had been cut to "I love you, Mrs." (2026-12-03).
NOT_A_TITLE = "".join(rf"(?<!\b{form})" for form in _TITLE_FORMS)
#: Where an English sentence has ended: after a stop that does not close a title.
AFTER_A_SENTENCE = "(?<=[.!?])" + "".join(rf"(?<!\b{form}\.)" for form in _TITLE_FORMS)


def cjk_count(text: str) -> int:
    """How many CJK characters ``text`` has."""
    return len(CJK.findall(text))


def latin_words(text: str) -> list[str]:
    """The Latin-script words of ``text``, as written."""
    return LATIN_WORD.findall(text)


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A crude English stem: lower case, no possessive, no plural ending.

    Good enough to match "dumplings" with "dumpling" and "buses" with "bus"; verb forms are
    matched by :func:`same_word` through a shared prefix instead.
    """
    word = word.lower().replace("’", "'")
    # British and American spellings of one verb: the lift's goal "practise their speeches"
    # was asked for again twice over "practice their speeches together" (2026-12-03).
    if word.startswith("practis"):
        word = "practic" + word[7:]
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def same_word(first: str, second: str) -> bool:
    """Whether two stems are one word ("retired" and "retirement", "driver" and "drivers")."""
    if first == second:
        return True
    shared = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= 5 and shared >= min(len(first), len(second)) - 1


def content_words(text: str, *, stemmed: bool = True) -> list[str]:
    """The words that tell the story (no function, request or time words), as stems."""
    return [
        stem(w) if stemmed else w
        for w in latin_words(text)
        if len(w) > 2 and stem(w) not in _IGNORED and w.lower() not in _IGNORED
    ]


def cjk_terms(text: str) -> list[str]:
    """Chinese bigrams that can carry meaning: request words cut out, function characters out.

    Chinese has no spaces, so a word list would need a dictionary; bigrams over each run of
    characters catch two-character words (奶奶, 饺子, 除夕) without one. A bigram across a word
    boundary (子今) simply never matches, which is why coverage thresholds for Chinese are
    lower than for English.
    """
    for word in CJK_REQUEST_WORDS:
        text = text.replace(word, " ")
    terms: list[str] = []
    for run in CJK_RUN.findall(text):
        for index in range(len(run) - 1):
            pair = run[index : index + 2]
            if not (set(pair) & CJK_FUNCTION_CHARS) and pair not in terms:
                terms.append(pair)
    return terms


def normalise(text: str) -> str:
    """Lower case, punctuation and spacing squeezed out: for comparing lines."""
    return " ".join(re.findall(r"[\w\u3400-\u9fff]+", text.lower()))


def strip_abbreviations(text: str) -> str:
    """``text`` without the dots of title abbreviations ("Mrs. Smith" -> "Mrs Smith")."""
    pattern = r"\b(" + "|".join(ABBREVIATIONS) + r")\."
    return re.sub(pattern, r"\1", text, flags=re.IGNORECASE)


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


#: A closing quote after the stop belongs to the sentence: "说：‘……橘猫。’" left a lone
#: "’" as a visual note of its own, and the guard's scene was refused as debris (2026-12-02).
_ZH_SENTENCE = re.compile(r"[^。！？]+[。！？]*[”」』’\"']*")
#: A spoken sentence with the space after it, so the pieces join back as they were: a
#: Chinese stop ends one anywhere, an English one only before a space ("3.5" is one word).
SPOKEN_SENTENCE = re.compile(
    rf".+?(?:[。！？]+[”\"'」]?|{NOT_A_TITLE}[.!?]+[”\"']?(?=\s|$)|$)\s*", re.S
)
_EN_BREAK = re.compile(rf"{AFTER_A_SENTENCE}\s+")


def sentences(text: str) -> list[str]:
    """``text`` cut into its sentences, stripped (a Chinese one keeps its closing quote)."""
    if cjk_count(text):
        return [m.group(0).strip() for m in _ZH_SENTENCE.finditer(text) if m.group(0).strip()]
    return [part.strip() for part in _EN_BREAK.split(text) if part.strip()]


#: First and second person, which an echoed reply swaps: "我怕路上会遇到困难" answered
#: "你怕路上会遇到困难吗".
_SPEAKER_WORDS = frozenset("i me my mine myself you your yours yourself 我 你 您".split())


def mirrored(units: list[str]) -> list[str]:
    """``units`` with "I" and "you" one word, so a reply that only swaps them is a repeat."""
    return ["·" if unit in _SPEAKER_WORDS else unit for unit in units]


def without_calls(text: str, names: Iterable[str]) -> str:
    """``text`` without any of ``names`` called out at the edge of a sentence.

    A call (a vocative) is a name after a comma at a sentence's end ("Thanks, Nora.",
    "……，爷爷。") or before a comma at the line's start ("Grandpa, look"). Only the call
    goes, so the sentence still stands; an English rest starts with a capital again. One
    helper serves every reason a call is wrong: a stranger, the speaker's own name, the
    speaker's own kin title.
    """
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        said = re.escape(name)
        text = re.sub(rf"\s*[,，]\s*{said}\s*(?=[.!?。！？]|$)", "", text, flags=re.I)
        call = re.match(rf"{said}\s*[,，]\s*", text, flags=re.I)
        if call is not None:
            rest = text[call.end() :]
            text = rest[:1].upper() + rest[1:] if rest[:1].isascii() else rest
    return text


#: A bible field that names itself: "Alex's voice hint is that he speaks softly", "Alex's
#: wardrobe consists of a blue shirt…", "Jamie's voice" (en-romance-lift, 2026-12-02).
_FIELD_LABEL = re.compile(
    r"^\s*(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s|his|her|their)\s+"
    r"(?:voice(?:\s+hint)?|wardrobe|look|outfit|clothes|clothing)\b"
    r"(?:\s+(?:is|are|consists of|includes|would be)\b)?(?:\s+that\b)?"
    r"(?:\s+(?:he|she|they)\b)?[\s:,]*"
    # "顾客的声音是冷漠和拒绝的" (zh-struggle-night-market, 2026-12-02).
    r"|^\s*[\u4e00-\u9fff]{1,10}?的(?:声音|嗓音|服装|穿着|外貌|长相)(?:是|为|[：:，,])\s*",
    re.IGNORECASE,
)


def without_field_label(text: str) -> str:
    """``text`` without a lead-in that names the field it fills; "" when nothing else is left.

    "he speaks softly" keeps its verb: a voice "speaks softly and confidently" reads whole.
    """
    match = _FIELD_LABEL.match(text)
    if match is None:
        return text
    rest = text[match.end() :].strip()
    return rest[:1].upper() + rest[1:] if rest else ""


#: Two JSON strings run together in one: "…说些什么呢？', '孙子回答道：…".
_SINGLE_SEAM = re.compile(r"['’]\s*[,，]\s*['‘](?=\S)")
#: The same with double quotes: "好的”，“我一定会努力的。”“我会记住您的教导。”" (craft bench,
#: dumplings, 2026-12-02). A seam only where its closing quote closes nothing opened before.
_DOUBLE_SEAM = re.compile(r"[”\"]\s*[,，]?\s*[“\"](?=\S|$)")


def string_pieces(text: str) -> list[str]:
    """``text`` cut at the seams where the model ran several JSON strings into one.

    A quoted word inside a line ("奶奶说了“慢点”，“小心烫”") is no seam: its quotes open
    before they close.
    """
    pieces: list[str] = []
    for part in _SINGLE_SEAM.split(text):
        start = 0
        for seam in _DOUBLE_SEAM.finditer(part):
            before = part[start : seam.start()]
            if before.count("“") <= before.count("”") and before.count('"') % 2 == 0:
                pieces.append(before)
                start = seam.end()
        pieces.append(part[start:])
    return pieces


#: What opens a Chinese sentence before its subject: a time word ("突然，"), a "一个".
_ZH_OPENING = re.compile(
    r"^(?:(?:突然|这时候?|此时|然后|接着|于是|后来|最后|不久)[，,]?\s*)?(?:一个|一位|一名|这位|那位)?"
)


def without_opening(text: str) -> str:
    """``text`` from its subject: "突然，一个程序员走过来" is 程序员's (night market, 12-03)."""
    return _ZH_OPENING.sub("", text, count=1)


def stopped(text: str) -> str:
    """``text`` ending on a stop where it ends on a word or a comma ("…天罗地网的布，")."""
    bare = re.sub(r"\s*[，,；;、]+$", "", text)
    if not bare or not re.search(r"[\w\u4e00-\u9fff]$", bare):
        return text
    return bare + ("。" if cjk_count(bare[-1]) else ".")
