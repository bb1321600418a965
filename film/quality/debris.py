"""No prompt, template or JSON debris, file paths, URLs or code in anything a person sees.

Every pattern below was seen in a real draft ("This is scene 4 of 6", "Story so far:",
"{0.first}", "Your response will be formatted as an empty JSON object",
"]' {}.write(json_object)", a dialogue line ending in ``”}],``) or is the same failure in
another shape. Story prose never needs braces, brackets, backticks, snake_case names or
method calls, so those characters alone are enough to reject a field: no false positive on
a real screenplay is worth one bracket on screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from film.quality.fields import VisibleText, scene_label
from film.quality.findings import Finding
from film.quality.text import SPACED_CJK, shorten

_I = re.IGNORECASE

#: The model speaking as an assistant, written as a line: LINDA "I'm sorry, but I can't
#: assist with that." (craft bench, lighthouse, 2026-12-02), "请告诉我你需要什么命令" (the
#: night market, 2026-12-02). Nobody in a film says it; the line mends strike it.
ASSISTANT_SPEAK = re.compile(
    r"\b(?:I'?m sorry,? but )?I (?:can(?:no|')t|am unable to) (?:assist|help)(?: you)? with "
    r"(?:that|this)"
    r"|^(?:sure|certainly|of course),? I can help (?:you )?with (?:that|this)"
    r"|^I'?m sorry,? but I don'?t (?:recognize|understand) (?:your|the|that)\b"
    # A clerk may ask "How can I help you?"; nobody in a film asks for a command.
    r"|\bas an AI\b|\b(?:an? )?(?:AI )?language model\b|\bwhat command\b"
    r"|抱歉，?我(?:无法|不能)(?:协助|帮助|完成)(?:这个|此)"
    r"|你需要什么命令|请告诉我你的(?:指令|命令)"
    r"|作为(?:一个)?(?:AI|人工智能|语言模型)",
    re.IGNORECASE,
)

#: Phrases of the outline plan that no story says; an outline's exact fixes cut them.
PLAN_ECHO = re.compile(
    r",?\s*\band we see them in it\b|\bat last they do it, on screen\b"
    # Said in other words: "James and Emma finally do it, on screen: see the city …" (12-03).
    r"|\b(?:at last|finally),? do it,? on screen\b[:,]?\s*"
    r"|\bin this beat, from the idea\b|\bwhich happens only now and in no earlier beat\b"
    r"|(?:终于做到了，?)?画面里看得到(?:他们身在其中)?[：:]|这一拍要演出创意里的[：:]?"
    r"|到这一拍才发生，前面几拍都不能写|^终于做到了[：:]|^(?:开场|结局|转折|推向高潮|困难升级|最低谷)[：:]"
    # The plan's parts word for word: "The idea is about happens, and changes how they
    # feel." was an action line of the nurse's fifth scene (craft bench, 2026-12-04).
    r"|(?:\bthe turn:\s*)?(?:\bthe moment )?\bthe idea is about happens?\b[,.]?"
    r"|,?\s*\band changes how they feel\b[.]?"
    r"|创意里最关键的那件事发生了[，,]?|人物的心情或关系因此改变[。]?",
    re.IGNORECASE,
)

#: Phrases of the scene prompts (``agent.prompts.texts``: scene, extend, shorten, turns and
#: the arc notes) that no story says.
_TASK_ECHO = (
    # Each part of the outline plan (agent.prompts.plan.BEAT_ROLES), given back as a line:
    # "It seems lost." as the nurse's action and visual note, "What has changed, in a last
    # image." as the baker's words (craft bench, 2026-12-04).
    r"|\ba striking first moment that shows the problem\b|\bwho wants what, and why it matters"
    r"|^\W*a first try that does not work\W*$|\ba new obstacle or a person in the way\b"
    r"|\ba new step forward, with a cost\b|\bthe lowest point: it seems lost\b"
    r"|(?:^|(?<=[.!?]\s))it seems lost[.!]?(?=\s|$)|^\W*the decisive moment\W*$"
    r"|\bin a last image\b|\bit comes to a head: the last moment\b"
    r"|\ba small everyday moment that shows\b|\ba shared memory, a place or a small gesture\b"
    r"|\ba worry or a memory one of them keeps\b|\bis won over and finally says yes\b"
    r"|一个抓人的画面，引出问题|交代主角想要什么|^第一次尝试，没有成功[。.]?$|出现新的阻碍或对手"
    r"|向前推进一步，但付出了代价|用最后一个画面收尾|^(?:高潮：)?决定性的时刻[。.]?$|一个日常的小细节，让人看出"
    r"|一段共同的回忆、一个地方，或一个小动作|一个人心里藏着的担心或回忆|结局揭晓前的最后一刻"
    r"|这一场的内容[：:]|只写缺的部分|已经说过、做过的不要再写|现在约\s*\d+\s*秒|需要约\s*\d+\s*秒"
    r"|再写\s*\d+\s*句(?:对白|动作)|句对白（每句|接着这场最后一句往下演|对白只能由这些人物说"
    r"|人物轮流说话|这一场还不能发生|那是第\s*\d+\s*场的事|现在写第\s*\d+\s*场|推动故事。\s*\"?visual"
    r"|\bwhat happens in it:|\bwrite only what is missing\b|\bit runs about \d+ seconds\b"
    r"|\bnothing already said or done again\b|\bdialogue only by:|\bnot yet in this scene:"
    r"|\bthey take turns: each line answers\b|\bwrite scene \d+ now\b"
    r"|\babout \d+ seconds on screen\b|\bwrite how the scene opens\b|\bthat lead into them\b"
    r"|从这里开始[：:]|怎么开场[：:]|引出这几句"
    # The arc notes on who is on screen, given back as action lines of the nurse and the
    # baker (craft bench, 2026-12-03, 19:30): "Alex is not here and never meets Sam; Sam
    # talks to themself or reads what Alex left.", "Alex does not appear in this scene."
    r"|\bis not here and never meets\b|\b(?:talks|speaks) to (?:themself|themselves|"
    r"himself|herself) or reads\b|\bor reads what \w+ left\b"
    r"|\b(?:does not appear|is not|isn't) in this scene\b|\bonly \w+ is on screen\b"
    r"|这一场画面里只有|不在场，两人始终没有见面|自言自语，或读出|不在这场戏里"
    # A beat asked again, given back with its task and the guide's words (the nurse and
    # the baker, 2026-12-04): "Something that has not happened in the other beats, after
    # beat 4.", "The two leads get closer in two short scenes, then a misunderstanding or
    # an outside pressure occurs."; and the quiet plan's and the apart plan's own words.
    r"|\bthat has not happened in the other beats\b|\bafter beat \d+\b|\bthe two leads\b"
    r"|\bin (?:two|three) short scenes\b|\ba misunderstanding or an outside pressure\b"
    r"|\bis on screen;|\bwhat is left unsaid:|\bthey draw closer:|\bshows what they care about\b"
    r"|其他几拍里没有发生过|接在第\s*\d+\s*拍之后|没说出口的心事：|慢慢靠近：|让人看出他们在乎什么"
    # The scene task's gloss on action lines, given back as the guard's visual note,
    # "镜头里看到的，近景构图。" (craft bench, 2026-12-03).
    r"|镜头里看到的[，,]?(?:每句一件事)?|\bwhat the camera sees, one sentence each\b"
    r"|\bshort action lines \(what the camera sees|请重写得短一些|保留原意，最多|这一场现在是[：:]"
    # The logline task's own words for the setting time, given back as the drummer's
    # "Setting: a season, a festival or an era" (2026-12-01).
    r"|\ba season, a festival or an era\b|季节、节日或年代"
    # The missing-characters task read back as a voice: "He speaks in the screenplay but
    # has no Bible entry: Baker" (en-romance-null-genre, 2026-12-02).
    r"|\bbible entry\b|\bspeaks? in the screenplay\b|有台词，但人物小传里没有|人物小传里没有"
    # The outline plan's own words (agent.prompts.plan), given back as a beat: "The school
    # battle of the bands comes at last, and we see them in it." (the drummer, 2026-12-03).
    r"|" + PLAN_ECHO.pattern
)

#: (check id, pattern, what it is): first match wins, so specific kinds come first.
_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "debris.prompt",
        re.compile(
            r"\bthis is (?:scene|beat|part|stage|step) \d+\b|\b(?:scene|beat) \d+ of \d+\b"
            r"|\bstory so far\b|\byour (?:response|output|task)\b|\bformatted as\b"
            r"|\b(?:as an ai|language model|the assistant|lorem ipsum|placeholder|tbd)\b"
            r"|\b(?:respond|reply|answer) (?:in|with) (?:json|english|chinese|the following)\b"
            r"|\bhere (?:is|are) (?:the|your|a) (?:json|screenplay|logline|outline|response)\b"
            r"|以下是|故事至今|前情提要[:：]|请(?:输出|以JSON|用中文|用英文)|作为(?:一个)?AI"
            r"|第\s*\d+\s*场[,，/]?\s*共"
            # The logline task read back as if it were story ("这个创意保留了原有的人物、
            # 地点和物件，通过巧妙的设置……", seen in a craft-bench draft).
            r"|这个创意(?:保留|讲述|通过|展现)|保留了?(?:原有的|其中的)?人物、地点"
            r"|\bkeeps? (?:its|the idea's|the original) people, places\b|\bthe idea itself\b"
            # The studio's own scene tasks read back as a line (zh-ancient-painter, 2026-12-01:
            # "这一场的内容：……现在约48秒，需要约93秒。只写缺的部分：再写6句对白……").
            + _TASK_ECHO,
            _I,
        ),
        "prompt scaffolding",
    ),
    (
        "debris.template",
        re.compile(
            r"\{[^{}]*\}|\{\{|\}\}|<\|[^|]*\|>|\[/?INST\]|</?[a-z]+\s*/?>|<<SYS>>|%\(\w+\)s|\$\{\w+\}",
            _I,
        ),
        "a template slot",
    ),
    (
        "debris.json",
        re.compile(
            r"\bjson\b|\bschema\b|\bnull\b|[{}\[\]]|[\"”]\s*:\s*[\"“\[{]|\\[nt\"]"
            r"|^\s*\"\w+\"\s*:|[”\"]\s*[,，]\s*$"
            # Two JSON strings run together: "还有其他需要提醒的吗？', '孙子回答道".
            r"|['\"’”]\s*,\s*['\"‘“](?=\S)",
            _I,
        ),
        "JSON residue",
    ),
    ("debris.spaced", SPACED_CJK, "letters spelled apart"),
    ("debris.markdown", re.compile(r"```|\*\*|^\s*#{1,6}\s|^\s*[-*]\s+\*\*"), "markdown"),
    # Case-sensitive: "She smiles.Ai Lin enters" is a missing space, not a web address.
    (
        "debris.url",
        re.compile(r"\b(?:https?://|www\.)|\b[\w-]+\.(?:com|org|net|io|cn|ai|dev)\b"),
        "a web address",
    ),
    (
        "debris.path",
        re.compile(
            r"(?<![\w/])(?:[A-Za-z]:\\|~/|\.{0,2}/)(?:[\w.-]+[/\\])+[\w.-]*"
            r"|\b[\w-]+\.(?:py|json|md|txt|yaml|yml|gguf|mp4|png|jpe?g|wav|srt|fountain|html?|js|"
            r"csv|log|pdf)\b"
        ),
        "a file path",
    ),
    (
        "debris.code",
        re.compile(
            r"\b\w+\.\w+\(|\b[a-z]+_[a-z_]+\b|\bdef \w+\(|\blambda\b\s*\w*:|\bprint\("
            r"|\breturn\s*[({\[]"
            r"|[=!<>]=|=>|->|;\s*$|`|\\\\|\|\||&&",
            _I,
        ),
        "code",
    ),
    (
        "debris.label",
        re.compile(
            r"^\s*(?:title|logline|theme|setting(?: time)?|place|location|scene|action|dialogue|"
            r"visual|character|characters|name|role|wardrobe|props?|voice|speaker|summary|"
            r"heading|标题|主题|场景|地点|对白|台词|动作|画面|人物|角色|外貌|服装|道具)\s*[:：]",
            _I,
        ),
        "a field label",
    ),
)


def _find(text: str) -> tuple[str, str, str] | None:
    """The first debris in ``text``: (check id, what it is, the matched text)."""
    for check, pattern, what in _PATTERNS:
        match = pattern.search(text)
        if match:
            return check, what, match.group(0)
    if text.strip() and not re.search(r"[\w\u3400-\u9fff]", text):
        return "debris.empty", "punctuation with no words", text
    return None


def echoes_prompt(text: str) -> bool:
    """Whether ``text`` reads a prompt back ("只写缺的部分", "Story so far:"): struck, not shown."""
    found = _find(text)
    return found is not None and found[0] == "debris.prompt"


def find_debris(text: str) -> str | None:
    """What kind of debris ``text`` holds ("JSON residue"), or None when it is clean."""
    found = _find(text)
    return found[1] if found else None


def check_debris(fields: Iterable[VisibleText]) -> list[Finding]:
    """One finding per field that holds debris of any kind."""
    findings: list[Finding] = []
    for field in fields:
        found = _find(field.text)
        if found is None:
            continue
        check, what, matched = found
        where = scene_label(field.path)
        findings.append(
            Finding(
                check=check,
                path=field.path,
                text=shorten(field.text),
                message=(
                    f"{where}: the {field.kind.replace('_', ' ')} contains {what} "
                    f"({shorten(matched, 40)!r}), which a viewer would see. Write it as plain "
                    "story text only: no instructions, brackets, JSON, code, links or labels."
                ),
            )
        )
    return findings


#: An outline line as the scene prompt lists it, echoed at the start of an action line:
#: "小明的学校门口（外景，白天）：", "EXT. BUS STOP - DAY:".
_HEADING_PREFIX = re.compile(
    r"^[^：:（(。]{1,24}[（(](?:内景|外景)[，,、][^）)]{1,4}[）)][：:]\s*"
    # "Ext. QUIET STREET ON THE OUTSKIRS OF TOWN - NIGHT: Sam and Alex…" (craft bench,
    # 2026-12-03): any case, a place of up to 60 characters.
    r"|^(?i:INT|EXT)\.\s[^:]{1,60}\s-\s[A-Z]+:\s*"
)


def without_heading(line: str) -> str:
    """``line`` without the outline heading the model copied in front of it.

    Recorded: scene 3 of 小明的街舞梦想 began "小明的学校门口（外景，白天）：小明在上学
    的路上遇到了一个困难。", the prompt's listing of another beat. Without its heading the
    line is a plain retelling, which :func:`film.quality.mend.keep_to_beat` then strikes.
    The plan's own words a beat carried in go too (:data:`PLAN_ECHO`): "The idea is about
    happens, and changes how they feel." (the nurse, craft bench, 2026-12-04).
    """
    if _HEADING_LINE.match(line):  # "EXT. OLD PARK - DAY" alone (the bus, 22:10): no action
        return ""
    stripped = PLAN_ECHO.sub("", _HEADING_PREFIX.sub("", line, count=1)).strip()
    # The heading's own word inside a sentence: "张华站在外景的夜市摊位旁" (craft bench, the
    # night market, 2026-12-04 20:47). 外景 is the script's word for outdoors, not a place.
    stripped = _HEADING_WORD_ZH.sub("", stripped)
    return stripped if stripped else line


_HEADING_WORD_ZH = re.compile(r"(?:内景|外景)的?(?=[\u4e00-\u9fff])")


#: A heading alone, its stop too: "EXT. SNOWY MOUNTAIN PASS - DAY." opened the letter's scene 1
#: as an action line (craft bench, 2026-12-04).
_HEADING_LINE = re.compile(
    r"^\s*(?:INT|EXT|INT\./EXT|I/E)\.?\s.{1,60}\s[-–]\s[A-Z ]{3,12}\s*[.。:：]?\s*$"
)
