"""A logline tells this film's story, not another work's.

Recorded (the offline 1.5B model): for the idea "A night-shift security guard teaches a
stray dog to fetch his lost keys" the logline came back "…, inspired by the classic movie
'Dogcatcher'." Nothing in the idea names a film. The model made the source up (the film
may not even exist), and the user reads it as the studio's own claim about their story.

So a clause that cites an outside work the idea does not mention is struck, up to its
comma or the end of its sentence, and the sentence around it stays whole: "inspired by",
"based on the (classic) movie/novel/song …", "a tribute to", "in the style of",
"reminiscent of", "like in the movie …"; 改编自, 灵感来自, 致敬, 取材自, 模仿电影《…》, and
any 《…》 title that is neither in the idea nor the film's own. A clause counts only when
it names a work (a title in quotes or 《》, or a word such as movie, novel, 电影, 小说):
"inspired by his late wife's letters" and 灵感来自他的童年 are the story's own and stay.
What the idea itself cites ("inspired by Hachiko") stays too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from film.quality.findings import Finding
from film.quality.text import shorten

_WORK_EN = re.compile(
    r"\b(?:movies?|films?|cinema|novels?|books?|songs?|poems?|plays?|musicals?|operas?|series|shows?|"
    r"sitcoms?|cartoons?|anime|manga|comics?|fairy tales?|fables?|legends?|paintings?|"
    r"franchises?|video games?|(?:classic|famous|old|well-known|beloved)\s+"
    r"(?:\w+\s+)?(?:stor(?:y|ies)|tales?))\b",
    re.I,
)
#: One kind of work under several words: an idea about a movie speaks of films too.
_SAME_WORK = {"film": "movie", "cinema": "movie", "影片": "电影", "片子": "电影"}
_QUOTED_EN = r"\"[^\"]*\"|“[^”]*”|(?<!\w)'[^']*'(?!\w)|‘[^’]*’"
_TITLE_EN = re.compile(rf"{_QUOTED_EN}")
_CITE_EN = re.compile(
    r"(?<![\w'])(?P<lead>(?:(?:and|which|that|it)\s+)?(?:(?:is|was|are|were)\s+)?"
    r"(?:(?:as|in)\s+)?)"
    r"(?P<mark>(?:(?:directly|loosely|partly|heavily|deeply)\s+)?(?:inspired\s+by|based\s+on)"
    r"|(?:drawing|drawn)\s+(?:inspiration\s+)?from"
    r"|(?:pays?|paying)\s+(?:tribute|homage)\s+to|(?:(?:a|an)\s+(?:\w+\s+)?)?(?:tribute|homage)\s+to"
    r"|in\s+the\s+(?:style|spirit|vein)\s+of|reminiscent\s+of"
    r"|(?:(?:just|much)\s+)?(?:like|as)\s+in\b|(?:(?:just|much)\s+)?like(?=\s+the\b))"
    rf"(?P<body>(?:{_QUOTED_EN}|[^,;.!?])+)",
    re.I,
)
_WORK_ZH = re.compile(
    r"电影|影片|片子|小说|名著|歌曲|老歌|名曲|童话|动画|漫画|电视剧|话剧|戏剧|诗歌|神话|传说|作品"
)
_ZH_STOP = "，,。；;！!？?"
_CITE_ZH = re.compile(
    r"(?P<mark>改编(?:自|于)|灵感(?:来自|来源于|源自|取自|源于)|致敬|取材(?:自|于)|模仿|仿照|效仿"
    rf"|根据(?=[^{_ZH_STOP}]{{0,20}}?改编)|向(?=[^{_ZH_STOP}]{{0,20}}?致敬)"
    rf"|受到?(?=[^{_ZH_STOP}]{{0,20}}?启发)|(?:就像|如同|好像|仿佛|类似|像)(?=[^{_ZH_STOP}]{{0,6}}《))"
    rf"(?P<body>(?:《[^》]*》|[^{_ZH_STOP}])*)"
)
#: What a bare 《title》 brings with it: "类似《忠犬八公》的" goes whole.
_BARE_ZH = re.compile(
    r"(?:就像|如同|好像|仿佛|类似|像)?(?:经典|著名|老)?的?"
    r"(?:电影|影片|小说|名著|歌曲|童话|动画|漫画|电视剧)?《(?P<title>[^》]*)》"
    r"(?:里|中)?的?(?:一样|那样|般|式)?的?"
)
#: What follows a cited title inside its clause: "《X》改编的", "《X》里一样".
_TITLE_TAIL_ZH = re.compile(r"(?:里|中)?(?:一样|那样|般|似的)?(?:改编|致敬|启发)?(?:而成)?的?")
#: A clause that is only "the story" before its citation: the whole clause goes.
_NO_SUBJECT_ZH = re.compile(
    r"^(?:这|本|该|整个|全)?(?:是)?(?:一)?[部个则段]?(?:故事|电影|影片|短片|片|它)?(?:是|也|都)?"
    r"(?:一[部个])?$"
)
_KEYS = (
    ("inspired", ("inspired", "inspiration", "drawn", "drawing", "灵感", "受")),
    ("based", ("based", "改编", "取材", "根据")),
    ("tribute", ("tribute", "homage", "致敬", "向")),
    ("style", ("style", "spirit", "vein", "模仿", "仿照", "效仿")),
    ("reminiscent", ("reminiscent",)),
    ("like", ("like", "as in", "像", "如同", "仿佛", "类似")),
)


@dataclass(frozen=True)
class _Cite:
    """One citation found in a text: where it is and which kind of citing it is."""

    start: int
    end: int
    key: str
    words: str


def _key(mark: str) -> str:
    """The kind of citing ``mark`` does ("inspired", "based"...), shared by both languages."""
    lowered = mark.lower()
    return next((key for key, words in _KEYS if any(w in lowered for w in words)), lowered)


def _plain(text: str) -> str:
    return " ".join(text.strip().strip(" \"'“”‘’《》「」").lower().split())


def _idea_keys(idea: str) -> set[str]:
    """The kinds of citing the idea does itself: those the film may repeat."""
    found = {_key(m.group("mark")) for m in _CITE_EN.finditer(idea)}
    return found | {_key(m.group("mark")) for m in _CITE_ZH.finditer(idea)}


def _own(title: str, idea: str, own: str) -> bool:
    """Whether the work called ``title`` is the idea's or the film's own."""
    plain = _plain(title)
    if not plain or plain == _plain(own):
        return bool(plain)
    if plain.isascii():
        return re.search(rf"(?<!\w){re.escape(plain)}(?!\w)", _plain(idea)) is not None
    return plain in idea


def _kinds(text: str) -> set[str]:
    """The kinds of work ``text`` speaks of, one word each ("movie" for films, 电影 for 影片)."""
    kinds = set()
    for match in [*_WORK_EN.finditer(text), *_WORK_ZH.finditer(text)]:
        word = match.group(0).lower().split()[-1]
        word = word[:-3] + "y" if word.endswith("ies") else word
        word = word[:-1] if word.endswith("s") and word != "series" else word
        kinds.add(_SAME_WORK.get(word, word))
    return kinds


def _names_work(body: str, idea: str) -> bool:
    """Whether ``body`` names a kind of work ("the classic movie") the idea never speaks of.

    An idea about a projectionist's last movie may hear "a tribute to the golden age of
    film": films are its subject, not a source. A title in quotes or 《》 still counts.
    """
    return bool(_kinds(body) - _kinds(idea))


def _citations(text: str, idea: str, title: str) -> list[_Cite]:
    """The citations of outside works in ``text``, in order."""
    keys = _idea_keys(idea)
    found: list[_Cite] = []
    for match in _CITE_EN.finditer(text):
        body, key = match.group("body"), _key(match.group("mark"))
        titles = [t for t in _TITLE_EN.findall(body) if _plain(t)]
        if key in keys or any(_own(t, idea, title) for t in titles):
            continue
        styled = key == "style" and re.search(r"\b[A-Z]", body)
        if titles or _names_work(body, idea) or styled:
            end = match.start("body") + len(body.rstrip())
            found.append(_Cite(match.start(), end, key, text[match.start() : end]))
    for match in _CITE_ZH.finditer(text):
        body, key = match.group("body"), _key(match.group("mark"))
        titles = re.findall(r"《([^》]*)》", body)
        if key in keys or any(_own(t, idea, title) for t in titles):
            continue
        if titles or _names_work(body, idea):
            found.append(_Cite(match.start(), match.end(), key, match.group(0)))
    for match in _BARE_ZH.finditer(text):
        inside = any(c.start <= match.start("title") < c.end for c in found)
        if not inside and not _own(match.group("title"), idea, title):
            found.append(_Cite(match.start(), match.end(), "title", match.group(0)))
    return sorted(found, key=lambda cite: cite.start)


def _cut_en(text: str, cite: _Cite) -> str:
    """``text`` without the English clause ``cite``, its commas and capital put right."""
    before, after = text[: cite.start], text[cite.end :]
    if before.rstrip().endswith(","):  # "…keys, inspired by X." / "A guard, inspired by X, …"
        before = before.rstrip()[:-1]
        after = after[1:] if after.startswith(",") else after
        return before + after
    if not before.strip() or re.search(r"[.!?]\s*$", before):  # "Inspired by X, a guard …"
        after = re.sub(r"^\s*[,;.!?]?\s*", "", after)
        return before + after[:1].upper() + after[1:]
    return before.rstrip() + after


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the Chinese clause around ``start``..``end``."""
    left = max(text.rfind(stop, 0, start) for stop in _ZH_STOP) + 1
    ends = [i for i in (text.find(stop, end) for stop in _ZH_STOP) if i >= 0]
    return left, min(ends, default=len(text))


def _drop_clause(text: str, left: int, right: int) -> str:
    """``text`` without the Chinese clause ``left``..``right`` and one of its stops."""
    if right < len(text) and text[right] in "，,":
        return text[:left] + text[right + 1 :]
    if left and text[left - 1] in "，,":
        return text[: left - 1] + text[right:]
    return text[:left] + text[right + 1 :]


def _cut_zh(text: str, cite: _Cite) -> str:
    """``text`` without the Chinese citation ``cite`` (the clause, where it is all citing)."""
    left, right = _clause(text, cite.start, cite.end)
    span_end = cite.end
    title = text.find("》", cite.start, cite.end)
    if cite.key != "title" and title >= 0:  # "保安模仿电影《X》教狗": only up to the title
        tail = _TITLE_TAIL_ZH.match(text, title + 1)
        span_end = tail.end() if tail else title + 1
    rest = text[left : cite.start] + text[span_end:right]
    if _NO_SUBJECT_ZH.match(rest.strip()) or len(rest.strip()) < 3:
        return _drop_clause(text, left, right)
    if cite.key == "title" and left and text[left - 1] in "，,":
        return _drop_clause(text, left, right)  # a clause of its own after the first
    return text[: cite.start] + text[span_end:]


def _tidy(text: str, ended: str) -> str:
    """``text`` with no dangling comma or space, ending as the original ended (``ended``)."""
    text = re.sub(r"\s+([,.;!?])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()
    text = re.sub(r"[，,;；\s]+([。.!！?？])", r"\1", text)
    text = re.sub(r"^[，,;；\s]+", "", text).rstrip(" ，,;；")
    if ended and text and text[-1] not in ".。!！?？":
        text += ended
    return text


def without_outside_works(text: str, idea: str, title: str = "") -> str:
    """``text`` (a logline) without the clauses that cite a work the idea does not mention.

    ``title`` is the film's own title: a logline may name it in 《》. A text with nothing
    cited comes back as it is.
    """
    if not text.strip():
        return text
    ended = text.rstrip()[-1:] if text.rstrip()[-1:] in tuple(".。!！?？") else ""
    mended = text
    for _ in range(6):
        cites = _citations(mended, idea, title)
        if not cites:
            break
        cite = cites[0]
        cut = _cut_zh if re.search(r"[\u3400-\u9fff]", cite.words) else _cut_en
        mended = cut(mended, cite)
    if mended == text:
        return text
    chinese = re.search(r"[\u3400-\u9fff]", text) is not None
    mended = _tidy(mended, "。" if chinese and ended == "." else ended)
    return mended or text


def outside_works(text: str, idea: str, title: str = "") -> list[str]:
    """The words of each citation of an outside work in ``text`` the idea does not make."""
    return [cite.words.strip() for cite in _citations(text, idea, title)]


def check_outside_works(idea: str, logline: str, title: str = "") -> list[Finding]:
    """One finding per outside work the logline cites that the idea never mentions."""
    return [
        Finding(
            "coverage.outside-work",
            "logline",
            shorten(words),
            f"The logline cites {shorten(words, 50)!r}, a work the idea never mentions. Tell "
            "this film's own story: do not say it is inspired by, based on or a tribute to "
            "another film, book or song.",
        )
        for words in outside_works(logline, idea, title)
    ]
