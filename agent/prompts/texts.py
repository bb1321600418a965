"""The words of the drafting prompts, English and Chinese side by side.

Kept apart from :mod:`agent.prompts`, which assembles them, so the two languages can be
read and compared line by line. Chinese films get Chinese prompts throughout: a small
model asked in English answers in English, whatever the prompt says about the language.
The examples describe one film nobody will ask for (a nurse's borrowed umbrella), in our
own words; the quality gate treats them like guidelines, so a copied example is caught.
The character bible has none: the 1.5B model dressed a Chinese grandmother in the
example nurse's "蓝色护士服外罩灰色雨衣" three times in a row; the task's own list of
fields (age, face, hair, build; wardrobe; props) gives plain, usable looks.
"""

from __future__ import annotations

import re

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "idea": "Idea: ",
        "genre": "Genre: ",
        "length": "Length: about ",
        "title": "Title: ",
        "logline": "Logline: ",
        "theme": "Theme: ",
        "when": "When: ",
        "cast": "Characters:",
        "outline": "Outline:",
        "end": ". ",
        "guidance": "Guidance (style advice, not story facts — do not copy names, objects or "
        "places from it):",
        "example": "Example answer for a different film (copy its shape, never its content):",
    },
    "zh": {
        "idea": "创意：",
        "genre": "类型：",
        "length": "时长：约",
        "title": "片名：",
        "logline": "梗概：",
        "theme": "主题：",
        "when": "时间：",
        "cast": "人物：",
        "outline": "分场大纲：",
        "end": "。",
        "guidance": "写作参考（只是风格建议，不是故事内容——不要照抄其中的人名、物品或地点）：",
        "example": "另一部片子的示例回答（只学格式，不要照抄内容）：",
    },
}

EXAMPLES: dict[str, dict[str, str]] = {
    "logline": {
        "en": '{"title": "The Borrowed Umbrella", "logline": "A night-shift nurse lends her '
        'umbrella to a stranger and spends a rainy week trying to get it back.", "theme": '
        '"kindness repaid", "setting_time": "a rainy week in June"}',
        "zh": '{"title": "借来的伞", "logline": "夜班护士把伞借给陌生人，为了要回它，在梅雨季里'
        '找了他整整一周。", "theme": "善意", "setting_time": "六月的梅雨季"}',
    },
    "outline": {
        "en": '{"beats": [{"place": "Hospital entrance", "interior": "EXT", "time_of_day": '
        '"NIGHT", "summary": "Nora hands her red umbrella to a soaked stranger.", "characters": '
        '["Nora"]}]}',
        "zh": '{"beats": [{"place": "医院门口", "interior": "EXT", "time_of_day": "NIGHT", '
        '"summary": "林晓把红雨伞递给浑身湿透的陌生人。", "characters": ["林晓"]}]}',
    },
    "scene": {
        "en": '{"action": ["Rain drums on the hospital awning.", "A soaked man waits at the '
        'foot of the steps.", "Nora holds out her red umbrella."], "dialogue": [{"speaker": '
        '"Nora", "text": "Take it. I live just around the corner."}, {"speaker": "Oswin", '
        '"text": "And you? It is pouring out here."}, {"speaker": "Nora", "text": "I will '
        'run. Bring it back next week."}], "visual": "Cold neon on wet glass, tight framing."}',
        "zh": '{"action": ["雨点砸在医院门口的雨棚上。", "一个浑身湿透的男人站在台阶下。", '
        '"林晓递出红雨伞。"], "dialogue": [{"speaker": "林晓", "text": '
        '"拿着吧，我家就在拐角那边。"}, {"speaker": "周航", "text": '
        '"那你怎么回去？雨下得这么大。"}, '
        '{"speaker": "林晓", "text": "跑两步就到了，下周记得还给我。"}], "visual": '
        '"湿玻璃上的冷色霓虹，近景构图。"}',
    },
}

#: The bible task names no relative as an example: "(提到爸爸，就要有爸爸这个人物)" put a
#: father into the Qinghai photographer's lone dawn (2026-12-01); "must_cast" names them.

#: The worked examples' own people. A speaker of a drafted scene by one of these names who
#: is not in the bible was copied from the example: the bike film got a "Nora".
EXAMPLE_NAMES = frozenset({"nora", "oswin", "林晓", "周航"})
#: The worked examples' own object, the nurse's red umbrella, however the model words it:
#: a story has it only when its idea does (the guard's outline put one in his hand). Any
#: umbrella in English: the bus driver "closes the umbrella" in no rain (2026-12-02).
EXAMPLE_THING = re.compile(
    # "外婆站在阳台上，手里拿着一把伞" in a sunny morning (CLI, 2026-12-05): any 伞 but a
    # parachute's or a parasol's.
    r"(?:red\s+)?\bumbrellas?\b|红(?:色的?)?雨?伞|雨伞|(?<![落阳])伞(?!兵)",
    re.IGNORECASE,
)
#: The outline example's place, with the word a story of its own would need to be there:
#: the bus driver's outline put him at a "Hospital entrance" the idea never names.
EXAMPLE_PLACES = {"hospital entrance": "hospital", "医院门口": "医院"}

TASKS: dict[str, dict[str, str]] = {
    "pitches": {
        "en": "For each of the six micro film genres, write ONE sentence (under 25 words) on "
        "how this idea would play in it: its mood and one moment it would show, in your own "
        "words, not the idea's. Then pick the genre that fits the idea best as "
        '"recommended" and say why in "reason".',
        "zh": "为六种微电影类型各写一句话（不超过25个字），说明这个创意放在该类型里会怎么拍："
        "什么情绪、会拍哪一个瞬间，用你自己的话，不要照抄创意。"
        '然后在 "recommended" 里选出最适合这个创意的类型，在 "reason" 里说明理由。',
    },
    "logline": {
        "en": "Write this film's title (a few words of its own, not the genre's name), a "
        "one-sentence logline (who wants what, and what stands in the way), the theme in a "
        "few words, and when it happens (setting_time: a season, a festival or an era). Tell "
        "the idea itself: keep its people, places and things.",
        "zh": "写出片名（几个字，出自故事本身，不要用类型名）、一句话梗概（谁想要什么，遇到什么"
        "阻碍）、几个字的主题，以及故事发生的时间（setting_time：季节、节日或年代）。要讲的就"
        "是这个创意：保留其中的人物、地点和物件。",
    },
    "characters": {
        "en": "Write the character bible: {count} characters at most, the lead first. "
        "Everyone the idea names must be here. For each: a real name, role (who they are in "
        "this story), look (age, face, hair, build), wardrobe worn in every scene, up to "
        "three props, and a voice hint.",
        "zh": "写人物小传：最多{count}个人物，主角在前。创意里提到的人都要有。每个人物写：中文"
        "名字、身份（在故事里是谁）、外貌（年龄、脸、发型、身材）、每场都穿的服装、最多三件"
        "道具、声音特点。",
    },
    "outline": {
        "en": "Write the outline: exactly {count} beats, one per scene, each about {seconds} "
        "seconds on screen, each a different step of the story:\n{plan}\nFor each beat: "
        "place (a real location in words, without the time of day), INT or EXT, time_of_day, "
        "a one-sentence summary of what happens in it, and characters (names from this "
        "list: {cast}).",
        "zh": "写分场大纲：正好{count}拍，每拍一场，每场约{seconds}秒，每拍是故事的不同一步：\n"
        "{plan}\n每拍写：地点（真实的地点名称，不带时间）、INT 或 EXT、time_of_day、一句话"
        "概括这一拍发生了什么，以及出场人物（只用这些名字：{cast}）。",
    },
    # Small talk is banned by name: a second reader found thanks, you're-welcomes and
    # offers of help in 8 of 14 films (2026-12-03), each a line the story lost.
    "scene": {
        "en": "Write scene {number} now: {heading}. What happens: {summary}\nAbout {seconds} "
        "seconds on screen: {actions} short action lines (what the camera sees, one sentence "
        "each) and {lines} short dialogue lines of 6 to 12 words, spoken only by these "
        "characters: {speakers}.{turns}{arc} Every line is new and moves the story on; "
        "no thanks, no you're-welcomes, no goodbyes. "
        'In "visual", one sentence on light, colour and framing.',
        "zh": "现在写第{number}场：{heading}。内容：{summary}\n约{seconds}秒：{actions}句动作描写"
        "（镜头里看到的，每句一件事）和{lines}句对白（每句10到20个字），只能由这些人物说："
        "{speakers}。{turns}{arc}每句都是新的，推动故事，不说客套话（谢谢、不客气、再见）。"
        '"visual"用一句话写光线、色彩和构图。',
    },
    "extend": {
        "en": "Scene {number} ({heading}) so far, its start and its last lines:\n{scene}\n"
        "What happens in it: {summary}\n"
        "It runs about {now} seconds and needs about {seconds}. Write only what is missing: "
        "{lines} more dialogue lines (6 to 12 words each) and {actions} more action lines "
        "that carry this moment on, after its last line. Nothing already said or done "
        "again. Dialogue only by: {speakers}.{turns}{arc}",
        "zh": "第{number}场（{heading}）的开头和最后几句：\n{scene}\n这一场的内容：{summary}\n"
        "现在约{now}秒，需要约{seconds}秒。"
        "只写缺的部分：再写{lines}句对白（每句10到20个字）和{actions}句动作，接着这场最后一句"
        "往下演。已经说过、做过的不要再写。对白只能由这些人物说：{speakers}。{turns}{arc}",
    },
    "extend_opening": {
        "en": "Scene {number} ({heading}) begins:\n{scene}\nWhat happens in it: {summary}\n"
        "It runs about {now} seconds and needs about {seconds}. Write how the scene opens, "
        "before those lines: {lines} dialogue lines (6 to 12 words each) and {actions} action "
        "lines that lead into them. Dialogue only "
        "by: {speakers}.{turns}{arc}",
        "zh": "第{number}场（{heading}）从这里开始：\n{scene}\n这一场的内容：{summary}\n"
        "现在约{now}秒，需要约{seconds}秒。写这一场在这几句之前怎么开场：{lines}句对白"
        "（每句10到20个字）和{actions}句动作，引出这几句。"
        "对白只能由这些人物说：{speakers}。{turns}{arc}",
    },
    "extend_quiet": {
        "en": "Scene {number} ({heading}) so far, its start and its last lines:\n{scene}\n"
        "What happens in it: {summary}\nIt runs about {now} seconds and needs about "
        "{seconds}. Write only {actions} more action lines, no dialogue: what the camera sees "
        "next, one new thing in each, after its last line. Nothing said or done again.{arc}",
        "zh": "第{number}场（{heading}）的开头和最后几句：\n{scene}\n这一场的内容：{summary}\n"
        "现在约{now}秒，需要约{seconds}秒。只写{actions}句动作描写，不写对白：接着这场最后一句，"
        "镜头里接下来看到什么，每句一件新的事。已经说过、做过的不要再写。{arc}",
    },
    "shorten": {
        "en": "Scene {number} ({heading}) is too long for the film. Write it again shorter, "
        "about {seconds} seconds on screen: keep its meaning, use at most {actions} action "
        "lines and {lines} dialogue lines.\nThe scene now:\n{scene}",
        "zh": "第{number}场（{heading}）太长了。请重写得短一些，约{seconds}秒：保留原意，最多"
        "{actions}句动作和{lines}句对白。\n这一场现在是：\n{scene}",
    },
    "must_cast": {
        "en": "The idea names these people: {people}. Each of them must be one of the "
        "characters, with a real name, and 'role' says which one they are.",
        "zh": "创意里提到了这些人：{people}。他们每个人都必须是其中一个人物，起一个真实的名字，"
        "并在“身份”里写明是谁。",
    },
    "replace_beat": {
        "en": "Beat {number} of this outline tells again what an earlier beat already told:\n"
        "{beats}\nWrite a new beat {number} in its place: {role}. Something that has not "
        "happened in the other beats, after beat {before}. Place (a real location, no time of "
        "day), INT or EXT, time_of_day, a one-sentence summary, characters from: {cast}.",
        "zh": "这个分场大纲的第{number}拍重复了前面已经讲过的内容：\n{beats}\n"
        "请重写第{number}拍：{role}。写其他几拍里没有发生过的新事情，接在第{before}拍之后。写地点（真实地点，不带时间）、"
        "INT 或 EXT、time_of_day、一句话概要，出场人物只用：{cast}。",
    },
    # A beat told somewhere else than the idea: the bus driver's granddaughter ate dinner
    # in front of the TV in two beats of six (craft bench, 2026-12-03).
    "off_idea_beat": {
        "en": 'Beat {number} of this outline leaves the idea ("{idea}"):\n{beats}\nWrite a '
        "new beat {number} in its place: {role}. It happens inside the idea, with its places "
        "and things{things}, and tells something the other beats do not, after beat "
        "{before}. Place (a real location, no time of day), INT or EXT, time_of_day, a "
        "one-sentence summary, "
        "characters from: {cast}.",
        "zh": "这个分场大纲的第{number}拍离开了创意（“{idea}”）：\n{beats}\n请重写第{number}拍："
        "{role}。要发生在创意里的地方、围绕创意里的东西，写其他几拍里没有的新事情，接在第{before}拍"
        "之后。写地点（真实地点，不带时间）、INT 或 EXT、time_of_day、一句话概要，"
        "出场人物只用：{cast}。",
    },
    "beat_not_again": {
        "en": 'Your last answer told again: "{summary}". That has already happened. Write '
        "what happens after it instead, in other words.",
        "zh": "你上一次写的“{summary}”又重复了已经发生的事。"
        "换一件接下来发生的新事情，用不同的说法写。",
    },
    "next_beat": {
        "en": "The story so far: {before}\nWhat happens next? Write beat {number}: {role}. One "
        'new, concrete event: who does what. Not "{summary}": that has already happened. '
        "Place (a real location), INT or EXT, time_of_day, a one-sentence summary, "
        "characters from: {cast}.",
        "zh": "故事讲到这里：{before}\n接下来发生了什么？请写第{number}拍：{role}。"
        "写一件新的、具体的事：谁做了什么。不要再写“{summary}”，那已经发生过了。"
        "写地点（真实地点）、INT 或 EXT、time_of_day、一句话概要，出场人物只用：{cast}。",
    },
    "must_show": {
        "en": "The idea's action must happen on screen: {actions}. One beat (the turn or the "
        "ending) shows the characters actually doing it, in its summary.",
        "zh": "创意里的关键动作必须在画面里真正发生：{actions}。让其中一场（转折或结尾）的概要"
        "写出人物正在做这件事。",
    },
    "missing_characters": {
        "en": "These people speak in the screenplay but have no bible entry: {names}. Write "
        "their entries (role, look, wardrobe, props, voice), keeping exactly these names.",
        "zh": "剧本里这些人物有台词，但人物小传里没有：{names}。请为他们写小传（身份、外貌、服装、"
        "道具、声音），名字保持不变。",
    },
}

#: Said after the speakers when a scene has two or more: the 1.5B model otherwise gave one
#: person a whole exchange, asking and answering itself (孙子: "你什么时候去上大学啊？"
#: "我明天就要去了。", 饺子里的叮嘱), or five cues in a row.
TURNS = {
    "en": " They take turns: each line answers the one before.",
    "zh": "人物轮流说话，一句接一句地回应对方。",
}

#: Heading words in Chinese, so a Chinese prompt reads Chinese throughout.
ZH_HEADING = dict(
    zip(
        "INT EXT DAY NIGHT MORNING EVENING DUSK DAWN".split(),
        "内景 外景 白天 夜晚 早晨 傍晚 黄昏 黎明".split(),
        strict=True,
    )
)
