"""What the studio says while it takes an idea in and drafts it, in English and Chinese.

Intake, the genre choice, each drafting stage and the model's failures; the lookup and
formatting live in :mod:`agent.messages`.
"""

from __future__ import annotations

STAGE_LABELS = {
    "pitches": ("sketching the genre options", "构思类型方案"),
    "logline": ("writing the logline and title", "写片名和故事梗概"),
    "characters": ("building the character bible", "写人物小传"),
    "outline": ("outlining the beats", "列分场大纲"),
    "scenes": ("writing the scenes", "写分场剧本"),
    "repair": ("fixing the draft", "修正剧本"),
    "revise": ("rewriting the scene", "改写这一场"),
}


TEXTS: dict[str, tuple[str, str]] = {
    "help": (
        "Tell me your film idea in a sentence or two (who, where, what happens) and how long "
        'it should run, e.g. "a 2-minute film about a grandma teaching her grandson to '
        'make dumplings". Start with "one-prompt:" to get a finished film without stops.',
        "用一两句话告诉我你的故事（谁、在哪里、发生了什么）和时长，例如“一个两分钟的短片："
        "奶奶教孙子包饺子”。以“一键成片：”开头，我会一口气做完整部影片。",
    ),
    "intake": (
        "Got it: a film of about {minutes} in English about: {idea}{capped}. {next}",
        "明白了：一部约{minutes}的中文短片，讲的是：{idea}{capped}。{next}",
    ),
    "next_pitches": (
        "Let me see how it would play in each genre.",
        "我先看看它放在各个类型里会是什么样。",
    ),
    "next_genre": ("Genre: {genre}. Drafting now.", "类型：{genre}。马上开始写。"),
    "next_one_prompt": (
        "I'll make the whole film in one go: screenplay, scenes, then the finished film.{genre}",
        "我会一口气做完：剧本、分场，再到成片。{genre}",
    ),
    # Each genre in a line of its own, for an option whose pitch the gate would not show.
    "genre_blurb_grassroots-spoof": (
        "Played for laughs: an everyday mishap blown up big, with a twist at the end.",
        "往搞笑里拍：把日常小事夸张放大，结尾来个反转。",
    ),
    "genre_blurb_youth-romance": (
        "Told as first love: two young people, one shared moment, a feeling said at last.",
        "拍成青涩的心动：两个年轻人，一个共同的瞬间，最后才说出口的心意。",
    ),
    "genre_blurb_inspirational-struggle": (
        "Told as a climb: a setback, stubborn practice, and one hard-won step forward.",
        "拍成一次攀登：一次挫折，咬牙苦练，最后赢下一小步。",
    ),
    "genre_blurb_ancient-style": (
        "Moved into old China: robes and courtyards, and a promise kept across the miles.",
        "搬进古代：长衫庭院，一个隔着山水也要守住的承诺。",
    ),
    "genre_blurb_touching-family": (
        "Told through family: small gestures, a shared meal, words held back until the end.",
        "从家人写起：细小的举动，一顿饭，到最后才说出口的话。",
    ),
    "genre_blurb_aesthetic-scenery": (
        "Told through place and light: few words, long looks, the landscape carrying the mood.",
        "用风景和光线来讲：台词很少，镜头很长，让景色承载情绪。",
    ),
    "one_prompt_genre": (" Genre: {genre}, as you asked.", "类型：按你说的，{genre}。"),
    "pending_hint": (
        'We stopped while {stage}. Say "try again" to continue the draft, or describe a new '
        "film idea to start over.",
        "上次停在{stage}。回复“重试”继续写，或者描述一个新的故事重新开始。",
    ),
    "capped": (
        " (micro films stop at {cap}, so I capped the length)",
        "（微电影最长{cap}，所以时长已限制在上限内）",
    ),
    "genre_question": (
        "Which genre should this film be? I recommend {recommended}: {reason}",
        "这部片子用哪种类型？我推荐{recommended}：{reason}",
    ),
    "genre_retry": (
        'I didn\'t recognise that genre. Pick one of the six, or say "you choose".',
        "没认出这个类型。请从六种里选一个，或者说“你来选”。",
    ),
    "genre_chosen": ("Genre: {genre}.", "类型：{genre}。"),
    "genre_auto": ("I picked {genre} for this idea{why}.", "我为这个故事选了{genre}{why}。"),
    "logline_done": (
        "**{title}**\n{logline}\nTheme: {theme}. When: {setting_time}.",
        "**{title}**\n{logline}\n主题：{theme}。时间：{setting_time}。",
    ),
    "characters_done": ("Character bible:\n{bible}", "人物小传：\n{bible}"),
    # A Chinese user read "look: 六十多岁的男性…; wardrobe: …; props: -" (2026-12-03).
    "bible_line": (
        "- **{name}** ({role}) look: {look}; wardrobe: {wardrobe}; props: {props}",
        "- **{name}**（{role}）外貌：{look}；服装：{wardrobe}；道具：{props}",
    ),
    "outline_done": (
        "Beat outline ({count} scenes, about {seconds} s each):\n{beats}",
        "分场大纲（{count}场，每场约{seconds}秒）：\n{beats}",
    ),
    "draft_done": (
        'Version {version} is ready: "{title}", {scenes} scenes, about {runtime}.{notes}\n'
        'Ask for changes ("make scene 2 funnier"), or say "render it" to make the film.',
        "第{version}版完成：《{title}》，共{scenes}场，约{runtime}。{notes}\n"
        "可以继续提修改意见（比如“第2场更搞笑一点”），或者说“渲染”生成影片。",
    ),
    "repair_notes": (
        " I fixed the draft before showing it: {notes}.",
        "展示前我修正了剧本：{notes}。",
    ),
    "repair_theme_from_logline": ("took the theme from the logline", "用梗概补上了主题"),
    "repair_places_given": ("gave unnamed places a setting", "给没写地点的场景补上了地点"),
    "repair_action_written": ("wrote an action line for empty scenes", "给空场景写了一行动作"),
    "repair_speakers_added": ("added {names} to the character bible", "把{names}加入了人物表"),
    "repair_narrator_added": ("added a narrator to the character bible", "在人物表里加了旁白"),
    "progress_reading_guides": ("Reading the genre guidelines", "正在读各类型的创作指南"),
    "progress_pitching": ("Pitching the idea in each genre", "正在按每个类型构思方案"),
    "progress_pitches_ready": ("Genre options ready", "类型方案已就绪"),
    "progress_hook": ("Finding the hook", "正在找故事的钩子"),
    "progress_logline_ready": ("Logline ready: {title}", "梗概完成：《{title}》"),
    "progress_casting": ("Casting the characters", "正在设计人物"),
    "progress_cast_ready": ("Characters pinned: {count}", "{count}个人物已确定"),
    "progress_outlining": ("Outlining {count} beats", "正在列{count}个节拍的大纲"),
    "progress_outline_ready": (
        "{count} beats, planned runtime about {seconds} s",
        "{count}个节拍，计划时长约{seconds}秒",
    ),
    "progress_scene": ("Writing scene {number} of {total}", "正在写第{number}场（共{total}场）"),
    "progress_scenes_ready": ("{count} scenes, about {seconds} s", "{count}场，约{seconds}秒"),
    "progress_files": ("Writing the screenplay files", "正在生成剧本文件"),
    "progress_saved": ("Version {number} saved", "第{number}版已保存"),
    "model_reading": (
        "still {stage}: {seconds} s, reading the story so far",
        "仍在{stage}：已用{seconds}秒，正在读前面的内容",
    ),
    "model_writing": (
        "still {stage}: {seconds} s, {tokens} tokens written",
        "仍在{stage}：已用{seconds}秒，写了{tokens}个词元",
    ),
    "note_added_people": (
        "wrote bible entries for {names}",
        "为{names}补写了人物小传",
    ),
    "note_lengthened": (
        "wrote scene {numbers} longer to reach the length you asked for",
        "把第{numbers}场写长了一些，凑够你要的时长",
    ),
    "repair_repeat_cut": (
        "cut scene(s) {numbers}, which only repeated earlier ones",
        "删去了第{numbers}场，它只是在重复前面的内容",
    ),
    "repair_trimmed": (
        "trimmed {count} line(s) to fit about {seconds} s",
        "删减了{count}处，控制在约{seconds}秒",
    ),
    "model_timeout": (
        'The model took too long while {stage}. Nothing is lost: say "try again" to pick '
        "up from here.",
        "模型在{stage}时响应超时。已完成的内容都还在，回复“重试”就能从这里继续。",
    ),
    "model_unavailable": (
        "I couldn't reach the model while {stage} ({detail}). Nothing is lost: say \"try "
        'again" once it is back.',
        "{stage}时无法连接模型（{detail}）。已完成的内容都还在，恢复后回复“重试”即可。",
    ),
    "model_garbage": (
        "The model's answer while {stage} didn't make sense, even after several tries. "
        'Nothing is lost: say "try again", or rephrase your request.',
        "{stage}时模型几次都没给出有效的结果。已完成的内容都还在，回复“重试”或换个说法试试。",
    ),
    "nothing_to_retry": ("There is nothing to retry right now.", "现在没有需要重试的步骤。"),
    "revision_unavailable": (
        "Revisions aren't available in this build yet; the screenplay is unchanged.",
        "当前版本暂不支持修改，剧本保持不变。",
    ),
}
