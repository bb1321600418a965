"""The story plan in the drafting prompts: what each beat does, told in the idea's words.

Kept apart from :mod:`agent.prompts.texts` (the stages' tasks and examples): these are the
parts of a story a small model is walked through, beat by beat, and the idea's own arc
(:mod:`film.quality.story.arc`, :mod:`film.quality.story.goal`) fills them in.
"""

from __future__ import annotations

#: What each beat of an outline does, by its part in the story. The turn is the idea's own
#: moment, not "a surprise": asked for a surprise, the 1.5B model made one up ("孙子突然听到外面
#: 有响动，急忙跑出去") and the dumplings lesson never happened. A numbered plan keeps a
#: small model from writing one step several times: asked only for "a hook, a turn and an
#: ending" in eight or nine beats, the 1.5B model wrote "they finally feel the beat" as
#: beats 6 and 8 and "小明和小红一起在做煎饼" four times, through every retry.
BEAT_ROLES: dict[str, dict[str, str]] = {
    "hook": {
        "en": "the hook: a striking first moment that shows the problem",
        "zh": "开场：一个抓人的画面，引出问题",
    },
    "want": {
        "en": "who wants what, and why it matters to them",
        "zh": "交代主角想要什么，为什么重要",
    },
    "try": {"en": "a first try that does not work", "zh": "第一次尝试，没有成功"},
    "obstacle": {
        "en": "it gets harder: a new obstacle or a person in the way",
        "zh": "困难升级：出现新的阻碍或对手",
    },
    "step": {"en": "a new step forward, with a cost", "zh": "向前推进一步，但付出了代价"},
    "low": {"en": "the lowest point: it seems lost", "zh": "最低谷：看起来要失败了"},
    "turn": {
        "en": "the turn: the moment the idea is about happens, and changes how they feel",
        "zh": "转折：创意里最关键的那件事发生了，人物的心情或关系因此改变",
    },
    "climax": {"en": "the decisive moment", "zh": "高潮：决定性的时刻"},
    # A quiet film's middle (QUIET_PLANS): what they are to each other, and what is unsaid.
    "moment": {
        "en": "a small everyday moment that shows what they care about",
        "zh": "一个日常的小细节，让人看出他们在乎什么",
    },
    "closer": {
        "en": "they draw closer: a shared memory, a place or a small gesture",
        "zh": "慢慢靠近：一段共同的回忆、一个地方，或一个小动作",
    },
    "unsaid": {
        "en": "what is left unsaid: a worry or a memory one of them keeps to themself",
        "zh": "没说出口的心事：一个人心里藏着的担心或回忆",
    },
    "ending": {
        "en": "the ending: what has changed, in a last image",
        "zh": "结局：发生了什么变化，用最后一个画面收尾",
    },
}

#: A plan's parts told in the idea's own words (:func:`film.quality.story.arc.idea_arc`),
#: so its turn has one beat and the beats before it do not tell it. Asked for "the turn"
#: only, the 1.5B model told the guard's orange cat in beat 1 and had the father agree to
#: street dance at once (craft bench, 2026-12-01).
ARC_ROLES: dict[str, dict[str, str]] = {
    "hook": {"en": "{role} ({setup})", "zh": "{role}（{setup}）"},
    "turn": {
        "en": "the turn, which happens only now and in no earlier beat: {turn}",
        "zh": "转折（到这一拍才发生，前面几拍都不能写）：{turn}",
    },
    "ending": {
        "en": "the ending: what has changed after the turn, in a last image",
        "zh": "结局：转折之后人物有什么变化，用最后一个画面收尾",
    },
    # An idea's own turn ("until …", 最后……) is its payoff: the film ends on it
    # (film.quality.story.arc.IdeaArc.turn_at).
    "payoff": {
        "en": "the ending, which happens only now and in no earlier beat: {turn}",
        "zh": "结局（到这一拍才发生，前面几拍都不能写）：{turn}",
    },
    # An idea with no turn still says where it is going (film.quality.story.goal): the
    # rival captains "have to practise their speeches on each other", and asked only for
    # "what has changed", the 1.5B model ended them on "I'll think about it later.".
    "goal": {
        "en": "the ending: at last they do it, on screen: {goal}",
        "zh": "结局：终于做到了，画面里看得到：{goal}",
    },
    "event": {
        "en": "the ending: {goal} comes at last, and we see them in it",
        "zh": "结局：{goal}终于到来，画面里看得到他们身在其中",
    },
    "build": {
        "en": "it comes to a head: the last moment before the ending, which has not happened yet",
        "zh": "推向高潮：结局揭晓前的最后一刻，结局还没有发生",
    },
    "holds_out": {"en": "{role} (the {who} says no)", "zh": "{role}（{who}不同意）"},
    "won": {
        "en": "the turn: the {who} is won over and finally says yes",
        "zh": "转折：{who}终于被打动，同意了",
    },
    "never": {
        "en": 'The idea says "{never}": in no beat do they {verb}.',
        "zh": "创意里说“{never}”：哪一拍里都不能{verb}。",
    },
    # Said in the prompt of each scene before the turn's: the scenes read the whole idea
    # and the logline, and the street-dance father said "那好，我支持你！" in scene 1 of a
    # plan that kept his yes for scene 2.
    "not_yet": {
        "en": " Not yet in this scene: {turn} (that happens in scene {at}).",
        "zh": "这一场还不能发生：{turn}（那是第{at}场的事）。",
    },
    # The last scene of an idea with a goal: its beat says it done, and the scene must too.
    "goal_scene": {
        "en": " This is the last scene: by its end we see it done: {goal}.",
        "zh": "这是最后一场：结尾要让观众亲眼看到这件事做到了：{goal}。",
    },
    "never_scene": {"en": " In this scene they do not {verb}.", "zh": "这一场里他们不能{verb}。"},
    # The rival debate captains said "We need to practise our speeches." / "I'll help you
    # practise your speech." like teammates (craft bench, 2026-12-04), and the notes'
    # quarrelling desk-mates agreed with each other. Said in every scene before the last.
    "rivals": {
        "en": " {names} are rivals here: each line pushes back, competes or teases; neither "
        "helps the other yet.",
        "zh": "这一场里{names}还是对头：每句话都在较劲、顶嘴或挖苦对方，谁也不帮谁。",
    },
    # 许爷爷, who did not open his door, sat talking on his sofa (the courier, 2026-12-03).
    "absent": {"en": " {names} is not in this scene.", "zh": "{names}不在这场戏里。"},
    # The nurse and the baker who never meet chatted side by side in six scenes (2026-12-03).
    "apart": {
        "en": " Only {name} is on screen: {others} is not here and never meets {name}; "
        "{name} talks to themself or reads what {others} left.",
        "zh": "这一场画面里只有{name}：{others}不在场，两人始终没有见面；{name}自言自语，"
        "或读出{others}留下的话。",
    },
}

#: A beat's own step of the idea (:mod:`film.quality.story.steps`), said after its part in
#: the story: "the turn" alone meant nothing to the 1.5B model, which never told the
#: dumplings lesson; "奶奶在厨房里教他包饺子" is a thing it can write.
STEP_NOTE = {
    "en": ". In this beat, from the idea: {step}",
    "zh": "。这一拍要演出创意里的：{step}",
}

#: Each beat of a film whose people never meet shows one of them (the bible's first two,
#: in turn, as :func:`film.quality.story.roles.one_on_screen` casts the scenes). Told only
#: "in no beat do they meet", the 1.5B model had the nurse and the baker talk to each
#: other in all seven beats of the 12-04 outline ("Sam tells Alex…", "Alex finds Sam").
APART_NOTE = {
    # Worded as a line of the story, since the model copies it into its beats: "Only Sam is
    # on screen" and "这一拍画面里只有" are debris there, and refused the outline (12-04).
    "en": ". We see only {name}; {other} is somewhere else",
    "zh": "。画面里只有{name}，{other}在别处",
}

#: What each such beat shows its one person doing, where the idea says what the two pass
#: between them (:func:`film.quality.story.apart.exchanged`): the first leaves one, each
#: next finds the last and answers, in words of its own. One wording for every answer
#: was copied into five beats of seven, and the outline was refused as a loop (12-04).
EXCHANGE_FIRST = {
    "en": ": {name} leaves the first {thing}{where} for {other}",
    "zh": "：{name}{where}给{other}留下第一张{thing}",
}
EXCHANGE_ANSWERS: dict[str, tuple[str, ...]] = {
    "en": (
        ": {name} finds {other}'s {thing}{where} and writes one back",
        ": {name} reads {other}'s answer{where} and smiles at what it says",
        ": {name} waits for a {thing} from {other} that comes late",
        ": {name} leaves {other} a {thing} that says more than before",
        ": {name} keeps {other}'s {thing}s as the weeks go by",
    ),
    "zh": (
        "：{name}{where}看到{other}留下的{thing}，写了回复",
        "：{name}{where}读到{other}的回复，忍不住笑了",
        "：{name}等{other}的{thing}，这一次来晚了",
        "：{name}给{other}留下{thing}，这次写得更多",
        "：{name}把{other}的{thing}都收好，日子一天天过去",
    ),
}

#: Which parts an outline of n beats has, in order (n up to the longest film's count).
BEAT_PLANS: dict[int, tuple[str, ...]] = {
    1: ("ending",),
    2: ("hook", "ending"),
    3: ("hook", "turn", "ending"),
    4: ("hook", "obstacle", "turn", "ending"),
    5: ("hook", "want", "obstacle", "turn", "ending"),
    6: ("hook", "want", "obstacle", "low", "turn", "ending"),
    7: ("hook", "want", "try", "obstacle", "low", "turn", "ending"),
    8: ("hook", "want", "try", "obstacle", "low", "turn", "climax", "ending"),
}

#: The plan of a quiet film, a family's or a landscape's: no fight to win, so no failed
#: try, obstacle or lowest point. Asked for "a new obstacle" and "the lowest point: it
#: seems lost", the 1.5B model sent the retired bus driver's granddaughter nowhere: three
#: beats of the bus waiting at a red light (craft bench, 2026-12-04). The turn stands where
#: the struggle plan has it (:func:`film.quality.story.arc.turn_index`).
QUIET_PLANS: dict[int, tuple[str, ...]] = {
    1: ("ending",),
    2: ("hook", "ending"),
    3: ("hook", "turn", "ending"),
    4: ("hook", "moment", "turn", "ending"),
    5: ("hook", "want", "moment", "turn", "ending"),
    6: ("hook", "want", "moment", "unsaid", "turn", "ending"),
    7: ("hook", "want", "moment", "closer", "unsaid", "turn", "ending"),
    8: ("hook", "want", "moment", "closer", "unsaid", "turn", "climax", "ending"),
}
#: The genres told in the quiet plan (Genre values), unless someone has to be won over.
QUIET_GENRES = frozenset({"touching-family", "aesthetic-scenery"})
