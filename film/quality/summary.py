"""Words about findings: a retry note for the model, an honest refusal for the user.

The model gets the findings' own messages, most varied first and few enough to fit a small
context. The user never gets the junk itself, only a short, bilingual account of what kind
of thing went wrong and what to try, after the last attempt has failed.
"""

from __future__ import annotations

from collections.abc import Sequence

from film.quality.findings import CHECKS, Finding, Stage
from film.screenplay import Language

#: What went wrong, per check family, in words for the user.
_REASONS: dict[str, tuple[str, str]] = {
    "debris": ("bits of instructions or code got into the text", "文本里混进了指令或代码碎片"),
    "names": (
        "some places or names were not real places or names",
        "有的地点或人名不像真正的地点或人名",
    ),
    "script": ("parts were not in the film's language", "有些内容不是影片所用的语言"),
    "coverage": ("it drifted away from your idea", "内容偏离了你的创意"),
    "genre": ("it was not in the genre you asked for", "没有按你要的类型来写"),
    "repetition": ("it kept repeating itself", "内容反复重复"),
    "copying": ("it copied examples from the writing guide", "照抄了写作指南里的例子"),
    "completeness": ("parts of the story were missing", "故事缺少必要的部分"),
    "arc": ("it told your idea's story out of order", "故事的顺序和你的创意不一致"),
    "runtime": ("the length was far from what you asked for", "时长和你要求的差得太多"),
}
#: Checks whose family's words would mislead ("not real names" for a grandmother whose role
#: says mother): what went wrong, in their own words.
_CHECK_REASONS: dict[str, tuple[str, str]] = {
    "names.own-relative": (
        "someone's family relations contradicted each other",
        "有人物的亲属关系前后矛盾",
    ),
    "names.kin-conflict": (
        "someone's family relations contradicted each other",
        "有人物的亲属关系前后矛盾",
    ),
    "names.self-action": ("a character acted on themself", "有人物对自己做动作，人物搞混了"),
    "names.elder-as-child": ("someone was drawn the wrong age", "有人物的年龄写得不对"),
    "coverage.elder-look": ("someone was drawn the wrong age", "有人物的年龄写得不对"),
    "coverage.pupil-look": ("someone was drawn the wrong age", "有人物的年龄写得不对"),
    "coverage.grandchild-look": ("someone was drawn the wrong age", "有人物的年龄写得不对"),
    "coverage.idea-sex": (
        "a person the idea names was cast as the other sex",
        "创意里的人物被写成了另一种性别",
    ),
    "names.title-kin": (
        "the title named a relative the idea does not have",
        "标题里的亲属和创意里的不一样",
    ),
    "coverage.implied-person": (
        "a relative the idea implies was missing from the cast",
        "创意里暗含的亲属没有出现在人物里",
    ),
    "names.name-is-role": ("a character had a job for a name", "有人物用职业当名字"),
    "genre.modern-dress": (
        "people in an ancient-style film wore modern clothes",
        "古风片里的人物穿了现代服装",
    ),
}
_STAGES: dict[str, tuple[str, str]] = {
    "logline": ("title and logline", "标题和梗概"),
    "characters": ("character list", "人物小传"),
    "outline": ("outline", "分场大纲"),
    "scenes": ("screenplay", "剧本"),
    "revision": ("revision", "修改"),
}


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def fired(findings: Sequence[Finding]) -> list[str]:
    """The distinct check ids that fired, in check-family order (for logs and the bench)."""
    ids = sorted({f.check for f in findings}, key=lambda c: (CHECKS.index(c.split(".")[0]), c))
    return ids


def retry_note(findings: Sequence[Finding], limit: int = 6) -> str:
    """The findings as a short numbered list for a targeted retry prompt.

    One finding per check comes first, so a draft with twenty wrong-language lines and one
    bad place hears about both; repeated messages are dropped.
    """
    chosen: list[Finding] = []
    seen_checks: set[str] = set()
    for finding in findings:
        if finding.check not in seen_checks:
            seen_checks.add(finding.check)
            chosen.append(finding)
    chosen.extend(f for f in findings if f not in chosen)
    messages: list[str] = []
    for finding in chosen:
        if finding.message not in messages:
            messages.append(finding.message)
        if len(messages) == limit:
            break
    more = len({f.message for f in findings}) - len(messages)
    lines = [f"{n}. {message}" for n, message in enumerate(messages, start=1)]
    if more > 0:
        lines.append(f"(and {more} more of the same kinds)")
    return "Your last answer had these problems. Fix them and answer again:\n" + "\n".join(lines)


def refusal_message(
    findings: Sequence[Finding], language: Language, stage: Stage = "scenes"
) -> str:
    """What to tell the user when the last attempt still fails: honest, and no junk shown."""
    index = 1 if language == "zh" else 0
    reasons: list[str] = []
    for family in CHECKS:
        found = [f for f in findings if f.family == family]
        own = [_CHECK_REASONS[f.check][index] for f in found if f.check in _CHECK_REASONS]
        general = [f for f in found if f.check not in _CHECK_REASONS]
        for reason in [*own, *([_REASONS[family][index]] if general else [])]:
            if reason not in reasons:
                reasons.append(reason)
    reasons = reasons or [("it did not pass my checks", "没有通过质量检查")[index]]
    what = _STAGES.get(stage, _STAGES["scenes"])[index]
    if language == "zh":
        return (
            f"这次我没能写出站得住的{what}：" + "；".join(reasons) + "。为了不把不合格的内容"
            "给你看，我没有保存它。可以再试一次，或者给创意多加一两个具体细节（人物、地点、"
            "想要的结局）。"
        )
    return (
        f"I couldn't write {_article(what)} {what} I'd stand behind: " + "; ".join(reasons) + ". "
        "Rather than show you that, I saved nothing. Try again, or add a concrete detail or "
        "two to your idea (who, where, how it should end)."
    )
