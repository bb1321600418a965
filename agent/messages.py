"""Fixed replies in the user's language (English or Chinese), kept apart from the logic.

Both languages are first-class, so every sentence the studio says without a model lives
here as a pair; nodes pick one with :func:`say`.
"""

from __future__ import annotations

from typing import Any

STAGE_LABELS = {
    "pitches": ("sketching the genre options", "构思类型方案"),
    "logline": ("writing the logline and title", "写片名和故事梗概"),
    "characters": ("building the character bible", "写人物小传"),
    "outline": ("outlining the beats", "列分场大纲"),
    "scenes": ("writing the scenes", "写分场剧本"),
    "repair": ("fixing the draft", "修正剧本"),
}

TEXTS: dict[str, tuple[str, str]] = {
    "help": (
        "Tell me your film idea in a sentence or two (who, where, what happens) and how long "
        "it should run, e.g. \"a 2-minute film about a grandma teaching her grandson to "
        "make dumplings\". Start with \"one-prompt:\" to get a finished film without stops.",
        "用一两句话告诉我你的故事（谁、在哪里、发生了什么）和时长，例如“一个两分钟的短片："
        "奶奶教孙子包饺子”。以“一键成片：”开头，我会一口气做完整部影片。",
    ),
    "intake": (
        "Got it: a film of about {minutes} in English about: {idea}{capped}. {next}",
        "明白了：一部约{minutes}的中文短片，讲的是：{idea}{capped}。{next}",
    ),
    "next_pitches": ("Let me see how it would play in each genre.",
                     "我先看看它放在各个类型里会是什么样。"),
    "next_genre": ("Genre: {genre}. Drafting now.", "类型：{genre}。马上开始写。"),
    "next_one_prompt": (
        "I'll make the whole film in one go: screenplay, scenes, then the finished film.{genre}",
        "我会一口气做完：剧本、分场，再到成片。{genre}",
    ),
    "one_prompt_genre": (" Genre: {genre}, as you asked.", "类型：按你说的，{genre}。"),
    "pending_hint": (
        "We stopped while {stage}. Say \"try again\" to continue the draft, or describe a new "
        "film idea to start over.",
        "上次停在{stage}。回复“重试”继续写，或者描述一个新的故事重新开始。",
    ),
    "capped": (" (micro films stop at {cap}, so I capped the length)",
               "（微电影最长{cap}，所以时长已限制在上限内）"),
    "genre_question": (
        "Which genre should this film be? I recommend {recommended}: {reason}",
        "这部片子用哪种类型？我推荐{recommended}：{reason}",
    ),
    "genre_retry": (
        "I didn't recognise that genre. Pick one of the six, or say \"you choose\".",
        "没认出这个类型。请从六种里选一个，或者说“你来选”。",
    ),
    "genre_chosen": ("Genre: {genre}.", "类型：{genre}。"),
    "genre_auto": ("I picked {genre} for this idea{why}.", "我为这个故事选了{genre}{why}。"),
    "logline_done": ("**{title}**\n{logline}\nTheme: {theme}. When: {setting_time}.",
                     "**{title}**\n{logline}\n主题：{theme}。时间：{setting_time}。"),
    "characters_done": ("Character bible:\n{bible}", "人物小传：\n{bible}"),
    "outline_done": ("Beat outline ({count} scenes, about {seconds} s each):\n{beats}",
                     "分场大纲（{count}场，每场约{seconds}秒）：\n{beats}"),
    "draft_done": (
        "Version {version} is ready: \"{title}\", {scenes} scenes, about {runtime}.{notes}\n"
        "Ask for changes (\"make scene 2 funnier\"), or say \"render it\" to make the film.",
        "第{version}版完成：《{title}》，共{scenes}场，约{runtime}。{notes}\n"
        "可以继续提修改意见（比如“第2场更搞笑一点”），或者说“渲染”生成影片。",
    ),
    "repair_notes": (" I fixed the draft before showing it: {notes}.",
                     "展示前我修正了剧本：{notes}。"),
    "model_timeout": (
        "The model took too long while {stage}. Nothing is lost: say \"try again\" to pick "
        "up from here.",
        "模型在{stage}时响应超时。已完成的内容都还在，回复“重试”就能从这里继续。",
    ),
    "model_unavailable": (
        "I couldn't reach the model while {stage} ({detail}). Nothing is lost: say \"try "
        "again\" once it is back.",
        "{stage}时无法连接模型（{detail}）。已完成的内容都还在，恢复后回复“重试”即可。",
    ),
    "model_garbage": (
        "The model's answer while {stage} didn't make sense, even after several tries. "
        "Nothing is lost: say \"try again\", or rephrase your request.",
        "{stage}时模型几次都没给出有效的结果。已完成的内容都还在，回复“重试”或换个说法试试。",
    ),
    "no_project": (
        "There is no screenplay yet. Tell me your idea first.",
        "还没有剧本。先告诉我你的故事创意吧。",
    ),
    "nothing_to_retry": ("There is nothing to retry right now.", "现在没有需要重试的步骤。"),
    "production_start": ("Rendering {scenes} scenes of \"{title}\" at {size}...",
                         "开始渲染《{title}》的{scenes}场戏（{size}）……"),
    "film_done": (
        "The film is ready: {runtime}, {scenes} scenes{failed}. Files are in {folder}.",
        "影片完成：{runtime}，{scenes}场{failed}。文件在 {folder}。",
    ),
    "scenes_failed": ("; scenes {numbers} failed and were left out ({reason})",
                      "；第{numbers}场渲染失败，已略过（{reason}）"),
    "film_failed": (
        "No scene could be rendered ({reason}). The screenplay is safe; say \"render it\" to "
        "try again.",
        "所有场景都渲染失败（{reason}）。剧本没有丢失，回复“渲染”可以重试。",
    ),
    "cover_done": ("The cover is ready.", "封面做好了。"),
    "revision_unavailable": (
        "Revisions aren't available in this build yet; the screenplay is unchanged.",
        "当前版本暂不支持修改，剧本保持不变。",
    ),
}


def say(key: str, language: str, **values: Any) -> str:
    """The text ``key`` in ``language`` ("en" or "zh"), filled with ``values``."""
    english, chinese = TEXTS[key]
    return (chinese if language == "zh" else english).format(**values)


def stage_label(stage: str, language: str) -> str:
    """A stage name for messages, in the user's language."""
    english, chinese = STAGE_LABELS.get(stage, (stage, stage))
    return chinese if language == "zh" else english


def minutes_text(seconds: float, language: str) -> str:
    """A friendly duration: "2 minutes", "1 min 30 s", "1分30秒"."""
    total = int(round(seconds))
    minutes, rest = divmod(total, 60)
    if language == "zh":
        if minutes and rest:
            return f"{minutes}分{rest}秒"
        return f"{minutes}分钟" if minutes else f"{rest}秒"
    if minutes and rest:
        return f"{minutes} min {rest} s"
    if minutes:
        return f"{minutes} minute" + ("s" if minutes != 1 else "")
    return f"{rest} seconds"
