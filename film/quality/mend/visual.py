"""The visual note: the renderer's prompt and a line of the Fountain file, kept to the shot."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from film.quality.copying import (
    GuidelinePhrases,
    echoes_example,
    lifted,
    lifted_run,
    recites_idea,
)
from film.quality.repetition import SeenLines, long_enough, retells
from film.quality.text import cjk_count, normalise, sentences
from film.screenplay import Scene
from film.setting import against_the_hour


def mend_visual(
    scene: Scene, guidelines: Sequence[str], idea: str = "", fallback: str = ""
) -> Scene:
    """``scene`` whose visual note no longer copies a guideline or worked example.

    The note is the renderer's prompt and a line of the Fountain file; a copied palette
    is replaced by ``fallback`` (the scene's beat, which is what an empty note becomes
    anyway), or by nothing.
    """
    if not scene.visual.strip() or not guidelines:
        return scene
    written = sentences(scene.visual)
    # Nor the idea said again: "小区保安大爷一心想抓偷外卖的贼。" (the guard, 2026-12-03).
    own = [
        s
        for s in written
        if not lifted(s, guidelines)
        and not lifted_run(s, guidelines, idea)
        and not recites_idea(s, idea)
    ]
    if own and len(own) < len(written):  # a palette pasted beside a shot
        scene = scene.model_copy(
            update={"visual": ("" if cjk_count(scene.visual) else " ").join(own)}
        )
    phrases = GuidelinePhrases(guidelines, idea)
    if (
        own
        and not phrases.copied(scene.visual)
        and not echoes_example(scene.visual, guidelines, idea)
    ):
        return scene
    # Nor the beat when it is the idea again: "The night-shift nurse and the baker across
    # the street swap notes…" was a scene's whole note (2026-12-03); none is better.
    replacement = (
        fallback.strip()
        if fallback and not phrases.copied(fallback) and not recites_idea(fallback, idea)
        else ""
    )
    return scene.model_copy(update={"visual": replacement[:400]})


#: Sentences a visual note keeps. It is one shot for the renderer; the 1.5B model wrote
#: the dumplings kitchen as six sentences that retold every action line of the scene.
VISUAL_SENTENCES = 2
#: A sentence that reports speech ("Sara looks up and says, 'Wait what?"): the picture
#: cannot show it, and the renderer would letter it.
_SPEECH = re.compile(
    r"\b(?:says?|said|asks?|asked|shouts?|whispers?|replies|tells)\b[^.!?]{0,20}?[,:]?\s*[\"“‘']"
    # A single quote opens a speech too: "奶奶突然说：‘你下次出门……" (2026-12-02).
    r"|(?:说|问|喊|回答)[^。！？]{0,6}?[：:]?\s*[“「\"‘']"
    # A sentence that is itself speech, spoken to someone or exclaimed: the dumplings
    # film's note was "谢谢奶奶！" (2026-12-02). A shot is described, not said.
    r"|^\s*(?:谢谢|我|你|I\b|I'm\b|You\b|Thank you\b|Thanks\b)[^。.]*[！？!?]\s*$"
    # A shot has no "I": "窗户透出柔和的阳光。我一直在练习几个月了，我觉得我已经很准备了。"
    # (zh-family-streetdance, 2026-12-02) was the son's line in the note. "We see…" is
    # the camera's, and stays.
    r"|我(?!们看)|(?<![A-Za-z'])(?:I|I'm|I've|I'll|my)(?![A-Za-z'])"
    # The film is vertical: "The scene is shot in a horizontal format." (the bus, 2026-12-02)
    r"|\b(?:horizontal|landscape|widescreen)\s+(?:format|frame|framing|shot|orientation)\b"
    r"|\b16:9\b|横屏|宽银幕"
    # A wish, a decision or a talk is no shot: "小区保安大爷一心想抓偷外卖的贼。", "The old
    # man speaks, and Walter nods" (second reader, 2026-12-05).
    r"|一心想|决定|打算|讨论|表示愿意|心里想"
    r"|\b(?:speaks|talks|decides|wants to|hopes to|discuss(?:es)?|thinks about)\b",
    re.IGNORECASE,
)


def visual_of_its_own(scene: Scene) -> Scene:
    """``scene`` whose visual note does not retell its action lines, in at most two sentences.

    A sentence that says what an action line says (:func:`film.quality.repetition.retells`,
    the same line near enough, or a sentence an action line holds whole) goes, and so does
    one that reports speech. When every sentence goes, so does the note: recorded
    (夜市女孩自学编程), "她突然遇到了一个难题。" was a story sentence, no shot at all, and the
    heading's place and time said again ("厨房，白天。") was filler a second reader marked
    (2026-12-02), and so is light the heading's hour cannot have (sunset at dawn:
    :func:`film.setting.against_the_hour`). The renderer frames an empty note by the
    heading itself.
    """
    written = sentences(scene.visual)
    if not written:
        return scene
    told = [
        _unframed(_without_rubric(sentence))
        for sentence in written
        if not style_only(sentence, scene.place)
    ]
    shown = SeenLines()
    for line in scene.action:
        shown.add("action", line, "action")
    held = [normalise(line) for line in scene.action]
    own = [
        sentence
        for sentence in told
        if re.search(r"\w", sentence)  # a lone quote mark is no shot
        and not _SPEECH.search(sentence)
        and not (long_enough(sentence) and shown.earlier("action", sentence))
        and not retells(sentence, scene.action, scene.characters)
        and not (long_enough(sentence) and any(normalise(sentence) in line for line in held))
        and not _heading_again(sentence, scene)
        and not style_only(sentence, scene.place)
        and not against_the_hour(sentence, scene.time_of_day)
        and not (scene.characters and _EMPTY.search(sentence))
    ]
    # Nor one sentence said twice: "奶奶和孙子正在一起忙碌地包着饺子。奶奶和孙子在厨房里忙碌
    # 地包着饺子。" (the dumplings, 2026-12-04 21:39).
    own = [s for n, s in enumerate(own) if not any(_alike(s, e) for e in own[:n])]
    chinese = bool(cjk_count(scene.visual))
    joiner = "" if chinese else " "
    visual = joiner.join(own[:VISUAL_SENTENCES]).replace("，。", "。")
    if visual == scene.visual.strip():
        return scene
    return scene.model_copy(update={"visual": visual})


#: A place said to be empty, in a shot of people: "The school lift is empty." over both
#: debate captains (the lift, 2026-12-05). "Empty but for Alex" is a shot; it stays.
_EMPTY = re.compile(
    r"\b(?:is|are|lies|stands|sits) (?:completely |totally |now )?(?:empty|deserted)\b"
    r"(?![^.]*\b(?:but|except|save)\b)|空无一人|空荡荡(?![^。]*只有)",
    re.I,
)


#: A note that opens by calling itself a picture: "A picture of Walter sitting at the
#: watchtower…" (the lighthouse, 2026-12-04 21:30), "画面中可以看到…" (the painter, 18:27).
_PICTURE_OF = re.compile(
    r"^\s*(?:(?:a|an|the) (?:picture|image|photo|shot) (?:of|showing) "
    r"|(?:画面|镜头)中(?:可以|能)?看到|画面中|镜头拍到|镜头里有)",
    re.I,
)


def _alike(one: str, other: str) -> bool:
    return SequenceMatcher(None, normalise(one), normalise(other)).ratio() >= 0.8


def _unframed(sentence: str) -> str:
    rest = _PICTURE_OF.sub("", sentence)
    return rest[:1].upper() + rest[1:] if rest != sentence else sentence


#: What a heading says besides its place, in either language: "厨房内景，白天。" is the heading.
_HEADING_WORDS = re.compile(
    r"内景|外景|室内|室外|白天|夜晚|晚上|早晨|清晨|傍晚|黄昏|黎明|深夜|中午|下午|上午|"
    r"\b(?:int|ext|interior|exterior|day|night|morning|evening|dusk|dawn|daytime|"
    r"inside|outside|the|a|an|at|in|of|on|by)\b",
    re.I,
)


def _heading_again(sentence: str, scene: Scene) -> bool:
    """Whether ``sentence`` only says the heading again: its place and its time, no shot.

    Recorded (craft bench, dumplings, 2026-12-02): "厨房内景，白天。" for INT. 厨房 - DAY.
    """
    rest = sentence.lower().replace(scene.place.lower(), " ") if scene.place.strip() else sentence
    # With a quality word from the prompt it is still the heading: "厨房内景，画面清晰。"
    # (the dumplings, 2026-12-05).
    # A note of light alone ("Warm light.") is a mood, not the heading: its place or its
    # interior and time must be there.
    said = rest != sentence.lower() or bool(re.search(r"内景|外景|\b(?:int|ext)\b", rest, re.I))
    rest = _QUALITY.sub(" ", _HEADING_WORDS.sub(" ", rest))
    return said and not re.search(r"\w", rest)


#: How sharp a picture is, which no shot is: the prompt's own words for a good image.
_QUALITY = re.compile(
    r"画面|画质|清晰|高清|干净|\b(?:clear|sharp|crisp|high[- ]quality|hd|4k|image|picture)\b",
    re.I,
)


#: A look's words with no thing in them: light, colour and framing, and how they are.
_STYLE_WORDS = re.compile(
    r"光线|灯光|光影|色彩|色调|颜色|构图|画面|镜头|风格|氛围|整体|基调|"
    r"柔和|清淡|淡雅|紧凑|简洁|简单|明亮|温暖|暗淡|昏暗|自然|温馨|清新|唯美|干净|饱和|"
    # "光线柔和，色彩丰富，构图清晰。", "光线充足，构图合理" (craft bench, 2026-12-05).
    r"丰富|清晰|充足|合理|适中|"
    r"内|中|的|而|且|和|与|很|非常|较|偏|都|也|充满|营造|出|一种|感|"
    r"\b(?:soft|warm|cool|cold|muted|bright|dim|natural|gentle|simple|clean|tight|wide|"
    r"cinematic|moody|pastel|vivid|saturated|lighting|light|lights|colou?rs?|palette|tones?|"
    r"framing|composition|mood|atmosphere|style|look|feel|overall|shot|with|and|the|a|an|is|"
    r"are|very|slightly|clear|framed|monochrome|close-?up|on|of|in)\b",
    re.I,
)


def style_only(sentence: str, place: str = "") -> bool:
    """Whether ``sentence`` only names a look (light, colour, framing) and shows nothing.

    Recorded (craft bench, 2026-12-04): "宫殿内光线柔和，色彩淡雅，构图紧凑。" and "光线柔和，
    色彩清淡，构图简洁。" as a scene's whole note, "style words, no picture" to a second
    reader; the renderer gets nothing to draw from them either.
    """
    rest = re.sub(re.escape(place), " ", sentence, flags=re.I) if place.strip() else sentence
    rest = _STYLE_WORDS.sub(" ", rest)
    # The prompt's own three facets, two or more: "Warm light." alone still sets a mood.
    facets = sum(bool(facet.search(sentence)) for facet in _FACETS)
    return facets >= 2 and not re.search(r"\w", rest)


_FACETS = (
    re.compile(r"光线|灯光|光影|\blight(?:ing|s)?\b", re.I),
    re.compile(r"色彩|色调|颜色|\b(?:colou?rs?|palette|tones?)\b", re.I),
    re.compile(r"构图|画面|镜头|\b(?:framing|framed|composition|shot|close-?up)\b", re.I),
)
#: The prompt's facets said as a list before the shot they ask for: "Light, color, framing
#: with a close-up on Leo and Isabella." (the letter, craft bench, 2026-12-05).
_FACET_WORD = r"(?:light(?:ing)?|colou?rs?|framing|composition|monochrome|warm|soft)"
_RUBRIC_LEAD = re.compile(
    rf"^\s*(?:{_FACET_WORD}\s*(?:,|\band\b|&)\s*)+{_FACET_WORD}(?:\s+{_FACET_WORD})*"
    r"\s*(?:with\s+|,\s*)?",
    re.I,
)


def _without_rubric(sentence: str) -> str:
    """``sentence`` without the prompt's list of facets before its shot."""
    rest = _RUBRIC_LEAD.sub("", sentence)
    return rest[:1].upper() + rest[1:] if rest != sentence else sentence


#: A visual note's clause: what is cut off when it only says someone's look again.
_NOTE_CLAUSE = re.compile(r"[^，,；;。.!！?？]+[，,；;。.!！?？]*")


#: What someone wears, said in a note: the bible dresses everyone, and a note got it wrong
#: ("李奶奶穿着校服，孙子穿着校服", the grandmother in the grandson's uniform, 2026-12-04).
_DRESSED = re.compile(r"穿着|身穿|身着|\b(?:wears|wearing|dressed in)\b", re.I)


#: A note on lettering over the picture, which the studio's subtitles set: "奶奶和孙子的对话
#: 用白色背景" (the dumplings, 2026-12-05), "subtitles in yellow".
_GRAPHICS = re.compile(
    r"对话(?:用|以|配|显示)|字幕|台词(?:用|以|显示)|文字(?:用|以|显示)"
    r"|\b(?:subtitles?|captions?|on-screen text|text on screen)\b",
    re.I,
)


def visual_without_looks(scene: Scene, people: Sequence[tuple[str, str]]) -> Scene:
    """``scene`` whose visual note does not say the bible's looks again, nor its lettering.

    Recorded (craft bench, dumplings, 2026-12-02): "奶奶的头发花白，穿着长裙，戴着眼镜，经常
    戴围巾；孙子年轻，穿着T恤和裤子，头发短，喜欢戴帽子；穿T恤" as a scene's note. The
    renderer is given each person's look already; a note is light, colour and framing.
    ``people`` are the bible's (name, look and wardrobe) pairs. A clause goes when, without
    a person's name before it, the looks hold it whole.
    """
    if not scene.visual.strip() or not people:
        return scene
    looks = " ".join(look for _, look in people).lower().replace("着", "")
    names = sorted((name for name, _ in people if name.strip()), key=len, reverse=True)

    def said_again(clause: str) -> bool:
        bare = clause.strip(" ，,；;。.!！?？").lower()
        for name in names:
            bare = re.sub(rf"^{re.escape(name.lower())}(?:的|'s)?\s*", "", bare)
        bare = bare.replace("着", "")  # 穿T恤 is 穿着T恤
        enough = len(bare) >= 2 if cjk_count(bare) else len(bare.split()) >= 2
        return (enough and bare in looks) or bool(
            _DRESSED.search(clause) or _GRAPHICS.search(clause)
        )

    # English clauses lean on each other ("Jack, in a grey suit, looks out"): whole
    # sentences only there.
    parts = _NOTE_CLAUSE.findall(scene.visual) if cjk_count(scene.visual) else None
    parts = parts or re.findall(r"[^.!?]+[.!?]*\s*", scene.visual)
    kept = [c for c in parts if not said_again(c)]
    visual = "".join(kept).strip().rstrip("，,；;") if kept else ""
    if visual and visual[-1] not in "。.!！?？":
        visual += "。" if cjk_count(visual) else "."
    if visual == scene.visual.strip():
        return scene
    return scene.model_copy(update={"visual": visual})
