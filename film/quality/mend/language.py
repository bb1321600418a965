"""A film's lines in the film's own language.

A Chinese film's everyday English words are said in Chinese and a visual note's English
clause goes; an English film's sentences that switch into Chinese go.
"""

from __future__ import annotations

import re

from film.language import CJK, chinese_clauses, chinese_words_for_english
from film.quality.mend.lines import rewritten
from film.screenplay import Scene


def _chinese_visual(visual: str) -> str:
    """A Chinese visual note without the clauses still in English after the table's words.

    A note is one shot's light, colour and framing; a clause less loses nothing of the
    story, while one English word in it refused a whole film three times over (青海湖的第一缕
    光, 2026-12-01).
    """
    if not re.search(r"[A-Za-z]{3,}", visual):
        return visual
    kept = chinese_clauses(visual)
    return visual if kept == visual else kept.rstrip("。") + "。"


def _without_chinese(text: str) -> str:
    """An English film's ``text`` without its sentences that switch into Chinese.

    Recorded (en-scenery-lighthouse, 2026-12-01): "…but I'll miss being able to see the海洋。"
    reached the screen; the sentence goes, the rest of the line stands.
    """
    if not CJK.search(text):
        return text
    kept = [s for s in re.findall(r"[^.!?。！？]+[.!?。！？]*\s*", text) if not CJK.search(s)]
    return "".join(kept).strip()


#: The measure word each everyday thing takes, where the 1.5B model picked another:
#: "拿起一支小纸条", "Props: 一本小纸条" (zh-romance-notes, 2026-12-01).
_MEASURES = {"纸条": "张", "照片": "张", "画像": "幅", "信": "封", "书": "本", "日记": "本"}
_MEASURES |= {"雨伞": "把", "伞": "把", "笔": "支", "毛笔": "支", "画笔": "支"}
_MEASURES |= {"盒子": "个", "木盒子": "个", "木盒": "个"}  # "一张木盒子" (web app, 2026-12-02)
_COUNTED = re.compile(
    r"(?P<count>[一两几每这那半])(?P<measure>[个支本条张只把封件块])"
    r"(?P<between>(?:[\u4e00-\u9fff]{1,4}的)?[小大新旧]?)"
    r"(?P<thing>"
    + "|".join(sorted((t for t in _MEASURES if len(t) > 1), key=len, reverse=True))
    # A one-character thing only as a word of its own: not 信息, 书包 or 笔记.
    + r"|["
    + "".join(t for t in _MEASURES if len(t) == 1)
    + r"](?=[^\u4e00-\u9fff]|[的了着在和给]|$)"
    + ")"
)


def right_measures(text: str) -> str:
    """``text`` with each counted everyday thing given its own measure word (一张纸条)."""

    def measured(match: re.Match[str]) -> str:
        right = _MEASURES[match["thing"]]
        kept = ("个", "条", right) if match["thing"] == "纸条" else ("个", right)
        measure = match["measure"] if match["measure"] in kept else right
        return f"{match['count']}{measure}{match['between']}{match['thing']}"

    return _COUNTED.sub(measured, text)


#: A clause of a Chinese line: up to and with its stop, so what is kept reads as it was.
_ZH_CLAUSE = re.compile(r"[^，,。；;！!？?：:]+[，,。；;！!？?：:]*")
#: An English word: at least one small letter, so KTV and DJ are not (T恤去KTV stands).
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z])(?=[A-Za-z]*[a-z])[A-Za-z]{2,}")


def _switches(clause: str) -> bool:
    """Whether a clause is in English: two English words, or English and no Chinese."""
    words = _ENGLISH_WORD.findall(clause)
    return len(words) >= 2 or (bool(words) and not CJK.search(clause))


def _chinese_line(text: str, names: tuple[str, ...]) -> str:
    """A Chinese film's line without its clauses that switch into English.

    Recorded (zh-family-streetdance, 2026-12-02): 小明拿出一个健身球放在桌子上，对爸爸说：
    “我需要一些帮助 with我的 legs. Can you help me?” reached the screen after the everyday
    words were said in Chinese. The clauses in Chinese stand; a line with none left goes.
    A cast name in Latin letters is a name, not English.
    """
    bare = text
    for name in names:
        bare = bare.replace(name, "")
    if not any(_switches(c) for c in _ZH_CLAUSE.findall(bare)):
        return text
    clauses = _ZH_CLAUSE.findall(text)
    english = []
    for clause in clauses:
        words = clause
        for name in names:
            words = words.replace(name, "")
        english.append(_switches(words))
    # A clause that only opens a speech ("对爸爸说：") goes with the English speech it opens.
    kept = "".join(
        clause
        for n, clause in enumerate(clauses)
        if not english[n]
        and not (clause.rstrip().endswith(("：", ":")) and n + 1 < len(clauses) and english[n + 1])
    )
    kept = kept.strip().rstrip("，,；;：:")
    if not CJK.search(kept):
        return ""
    return kept if kept[-1] in "。！？!?”" else kept + "。"


def in_film_language(scene: Scene, language: str) -> Scene:
    """``scene`` of a Chinese film with everyday English in its lines said in Chinese.

    An English film's lines lose the sentences that switch into Chinese instead.
    """
    if language == "en":
        return _english_only(scene)
    if language != "zh":
        return scene
    names = tuple(n for n in scene.characters if n.isascii())

    def said(line: str) -> str:
        chinese = right_measures(chinese_words_for_english(word_slips(line)))
        return closed_quotes(_chinese_line(chinese, names))

    action = [kept for line in scene.action if (kept := said(line))] or scene.action[:1]
    dialogue = [
        line.model_copy(update={"text": kept})
        for line in scene.dialogue
        if (kept := said(_GRANDCHILD_CALLED.sub("孩子", line.text)))
    ]
    visual = _chinese_visual(right_measures(chinese_words_for_english(scene.visual)))
    if action == scene.action and dialogue == scene.dialogue and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue, "visual": visual})


_OPENS = {"“": "”", "‘": "’", "「": "」", "『": "』"}


def closed_quotes(text: str) -> str:
    """A Chinese line whose quotation, opened and never closed, is closed at its end.

    Recorded (craft bench, the painter, 2026-12-04): "纸条上写着一行字：'宫变即将发生！" in
    three scenes. A quote after a colon, or a curly one, that the line never closes is.
    """
    for opening, closing in _OPENS.items():
        if text.count(opening) > text.count(closing):
            return text + closing
    for mark in ("'", '"'):
        opened = re.search(rf"[：:]\s*{mark}", text)
        if opened and mark not in text[opened.end() :]:
            return text[: opened.end() - 1] + "“" + text[opened.end() :] + "”"
    return text


def _english_only(scene: Scene) -> Scene:
    return rewritten(scene, lambda line: _without_chinese(word_slips(line)), visual=True)


#: Slips of a small model's grammar, each with one certain mend. Recorded (craft bench,
#: 2026-12-04 17:58, each quoted by a second reader): "一边包边说" three times in the
#: dumplings (一边…一边), "谢你。" (谢谢你), and "I'm too." (Me too).
_SLIPS = (
    (re.compile(r"一边([\u4e00-\u9fff]{1,2})(?<!一)边(?=[\u4e00-\u9fff])"), r"一边\1一边"),
    (re.compile(r"(?<![谢感多])谢你"), "谢谢你"),
    (re.compile(r"(?<![\w'])I(?:['’]m| am) too(?=\s*[.!,]|\s*$)", re.I), "Me too"),
    # "我也喜欢你的包皮。" for the dumplings' wrappers (second reader, 2026-12-05): a word
    # that reads as vulgar on screen, whatever was meant.
    (re.compile(r"包皮"), "饺子皮"),
)
#: "孙子，你一定要好好学习哦！": 孙子 called out reads as an insult (the dumplings, 12-04).
_GRANDCHILD_CALLED = re.compile(r"(?:^|(?<=[。！？“]))(?:外?孙子|外?孙女)(?=[，,！!])")


def word_slips(text: str) -> str:
    """``text`` with the small model's certain grammar slips (:data:`_SLIPS`) mended."""
    for slip, mend in _SLIPS:
        text = slip.sub(mend, text)
    return text
