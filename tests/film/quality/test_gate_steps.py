"""The idea's steps: each beat of the plan tells its own clause of the idea, in order."""

from __future__ import annotations

from agent.prompts import beat_plan
from film.quality.story.steps import idea_steps, plan_steps

DUMPLINGS = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"
DRUMMER = (
    "A deaf teenage drummer trains for the school battle of the bands by feeling the beat "
    "through the gym floor."
)


def _beats(summaries: list[str], place: str, who: str) -> list:
    """Outline beats at one ``place`` with ``who`` cast, one per summary."""
    from agent.drafting.schemas import BeatDraft

    return [
        BeatDraft(place=place, interior="INT", time_of_day="DAY", summary=s, characters=[who])
        for s in summaries
    ]


def test_an_idea_told_in_order_gives_one_step_per_clause() -> None:
    assert idea_steps(DUMPLINGS) == (
        "孙子明天就要去外地上大学",
        "奶奶在厨房里教他包饺子",
        "把没说出口的叮嘱都包进了饺子里",
    )
    # How it is done is a step of its own; the event it trains for is the ending's.
    assert idea_steps(DRUMMER) == (
        "A deaf teenage drummer trains for the school battle of the bands",
        "by feeling the beat through the gym floor",
    )


def test_a_where_or_a_who_opens_the_clause_after_it() -> None:
    assert idea_steps("青海湖边，一个摄影师等了三天，只为拍下日出时照在湖面上的第一缕光。") == (
        "青海湖边，一个摄影师等了三天",
    )
    night_market = "夜市摆摊卖煎饼的女孩，白天打工，晚上在摊位旁自学编程，想考进一家游戏公司。"
    # The goal (想考进一家游戏公司) is the ending's, not a step.
    assert idea_steps(night_market) == ("夜市摆摊卖煎饼的女孩，白天打工", "晚上在摊位旁自学编程")


def test_the_turn_and_what_never_happens_are_left_to_the_arc() -> None:
    lighthouse = (
        "A lighthouse keeper spends his last night at the lamp before the light is automated, "
        "watching the sea he has guarded for forty years."
    )
    assert idea_steps(lighthouse) == (
        "A lighthouse keeper spends his last night at the lamp",
        "watching the sea he has guarded for forty years",
    )
    guard = "小区保安大爷为了抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"
    assert idea_steps(guard) == ("小区保安大爷为了抓偷外卖的贼", "布下天罗地网")
    nurse = (
        "A night-shift nurse and the baker across the street swap notes on the bakery "
        "window for a whole winter without ever meeting."
    )
    assert not any("meeting" in step for step in idea_steps(nurse))
    # A joining word goes once the clause stands alone.
    scooter = (
        "A food delivery rider is sure his second-hand scooter is haunted, because it plays "
        "karaoke every time he runs a red light."
    )
    assert idea_steps(scooter)[1] == "it plays karaoke every time he runs a red light"
    painter = "一位宫廷画师奉命为公主画像，却在画里藏下了一场宫变的秘密。"
    assert idea_steps(painter)[1] == "却在画里藏下了一场宫变的秘密"
    # A twist is the turn: told at the beat before the ending, not straight after the hook.
    assert plan_steps(painter, 6) == [
        "一位宫廷画师奉命为公主画像",
        "",
        "",
        "",
        "却在画里藏下了一场宫变的秘密",
        "",
    ]


def test_a_clause_that_is_only_the_goal_is_no_step() -> None:
    letter = (
        "A young swordswoman must carry a sealed letter across a snowy mountain pass to the "
        "general who exiled her father."
    )
    assert idea_steps(letter) == ()
    lift = (
        "Two rival debate captains get stuck in a school lift the night before the final, "
        "and have to practise their speeches on each other."
    )
    assert idea_steps(lift) == (
        "Two rival debate captains get stuck in a school lift the night before the final",
    )


def test_steps_go_to_the_beats_in_order_and_a_free_ending_takes_the_last() -> None:
    assert plan_steps(DUMPLINGS, 3) == list(idea_steps(DUMPLINGS))
    # Five beats: the steps follow each other from the first, the last ends.
    five = plan_steps(DUMPLINGS, 5)
    assert five == ["孙子明天就要去外地上大学", "奶奶在厨房里教他包饺子", "", "", five[4]]
    assert five[4] == "把没说出口的叮嘱都包进了饺子里"
    # More steps than beats: the extra ones join the last beat before the ending.
    two = plan_steps(DUMPLINGS, 2)
    assert two == [
        "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子",
        "把没说出口的叮嘱都包进了饺子里",
    ]
    assert plan_steps(DUMPLINGS, 1) == ["，".join(idea_steps(DUMPLINGS))]
    # An ending the goal fills keeps it: the steps end at the beat before.
    assert plan_steps(DRUMMER, 4) == [
        idea_steps(DRUMMER)[0],
        "",
        idea_steps(DRUMMER)[1],
        "",
    ]
    # From eight beats the plan's turn comes before its climax (arc.turn_index).
    assert plan_steps(DRUMMER, 8).index(idea_steps(DRUMMER)[1]) == 5
    # One clause with nothing placed elsewhere is the whole story, told by no single beat.
    assert (
        plan_steps("A retired bus driver teaches his granddaughter to ride a bike.", 4) == [""] * 4
    )


def test_the_outline_plan_says_each_beats_step_in_the_films_language() -> None:
    plan = beat_plan(3, "zh", DUMPLINGS).splitlines()
    assert plan[0].startswith("1. 开场") and plan[0].endswith("孙子明天就要去外地上大学")
    assert plan[1].startswith("2. 转折") and "奶奶在厨房里教他包饺子" in plan[1]
    assert plan[2].startswith("3. 结局") and "把没说出口的叮嘱都包进了饺子里" in plan[2]
    drummer = beat_plan(6, "en", DRUMMER).splitlines()
    assert "from the idea: A deaf teenage drummer trains" in drummer[0]
    assert drummer[4].startswith("5. the turn") and "gym floor" in drummer[4]
    assert "battle of the bands comes at last" in drummer[5]


def test_a_beat_that_misses_its_step_becomes_it_and_casts_whom_it_names() -> None:
    """Recorded (craft bench, 2026-12-03): the dumplings' outline told the payoff first, had
    the grandson watch from the door, and ended on him deciding to stay home."""
    from agent.drafting.beats import in_idea_order

    written = [
        "奶奶坐在餐桌旁，手里拿着包饺子的工具。她把一个饺子放进锅里，没说出口的叮嘱都藏在了里面。",
        "奶奶在厨房里手把手教孙子包饺子。孙子把没说出口的叮嘱都包进了饺子里。",
        "孙子正在吃饭，听奶奶说起上大学的事，低头想了一会，决定留下来。",
    ]
    fixed = in_idea_order(
        _beats(written, "厨房", "李奶奶"), DUMPLINGS, {"李奶奶": "奶奶", "李孙子": "儿子"}
    )
    assert [b.summary for b in fixed] == [
        "孙子明天就要去外地上大学。",
        "李奶奶在厨房里手把手教孙子包饺子。",  # told (the role said as the name)
        "李奶奶把没说出口的叮嘱都包进了饺子里。",  # whoever did the step before it
    ]
    assert fixed[0].characters == ["李奶奶", "李孙子"]  # 孙子 is the name's own kin word
    assert fixed[1].characters == ["李奶奶"]  # a beat that told its step keeps its cast


def test_a_step_is_told_by_two_of_its_words_or_its_only_one() -> None:
    from film.quality.mend.steps import named_in, tells_step

    assert tells_step("John watches the sea from the gallery.", "watching the sea he has guarded")
    assert not tells_step("John climbs the stairs.", "watching the sea he has guarded")
    assert tells_step("保安大爷在楼道里布下天罗地网。", "布下天罗地网")
    people = [("Mia", "granddaughter"), ("Tom", "retired bus driver")]
    assert named_in("The retired bus driver waves.", people) == ["Tom"]
    assert named_in("Mia laughs.", people) == ["Mia"]


def test_a_step_made_a_beat_names_the_lead_and_needs_its_deed_to_be_told() -> None:
    from film.quality.mend.steps import in_step_order, tells_step

    # Watching from the door is not being taught, though it has 奶奶, 厨房 and 饺子.
    assert not tells_step(
        "孙子站在奶奶的厨房门口，看到奶奶正忙着做包饺子。", "奶奶在厨房里教他包饺子"
    )
    fixed = in_step_order(
        ["Jack plays drums alone.", "Jack is sad.", "Jack practises.", "The show."],
        DRUMMER,
        lead="Jack",
        lead_role="deaf teenage drummer",
    )
    assert fixed[0] == "Jack trains for the school battle of the bands."
    assert fixed[2] == "Jack feels the beat through the gym floor."
    painter = "一位宫廷画师奉命为公主画像，却在画里藏下了一场宫变的秘密。"
    made = in_step_order(
        ["公主来了。"] * 6,
        painter,
        lead="李墨",
        names=["李墨"],
        lead_role="宫廷画师",
    )
    assert made[0] == "李墨奉命为公主画像。"
    assert made[4] == "李墨在画里藏下了一场宫变的秘密。"  # no 却 to open it; the lead does it


def test_the_plans_own_words_given_back_as_a_beat_are_cut_and_are_debris() -> None:
    """Recorded (the drummer, 2026-12-03): a rewritten last beat read back its plan line."""
    from agent.drafting.beats import fit_beats
    from agent.drafting.schemas import BeatDraft
    from film.quality.debris import find_debris

    echo = "The school battle of the bands comes at last, and we see them in it."
    assert find_debris(echo)
    beat = BeatDraft(place="Gym", interior="INT", time_of_day="DAY", summary=echo, characters=[])
    assert (
        fit_beats([beat], 1, ["Jack"])[0].summary == "The school battle of the bands comes at last."
    )
    # Said in other words (en-family-bus, 2026-12-03, 18:58): still the plan, still cut.
    said = "James and Emma finally do it, on screen: see the city through his eyes."
    assert find_debris(said)
    beat = beat.model_copy(update={"summary": said})
    assert fit_beats([beat], 1, ["James", "Emma"])[0].summary == (
        "James and Emma see the city through his eyes."
    )


def test_a_beat_made_of_a_step_is_where_the_step_says_or_where_the_last_beat_was() -> None:
    """Recorded (2026-12-03): the lesson "奶奶在厨房里教他包饺子" was headed 孙子家的客厅."""
    from agent.drafting.beats import in_idea_order
    from agent.drafting.schemas import BeatDraft

    places = ["奶奶的厨房", "孙子家的客厅", "孙子家的客厅"]
    written = ["孙子收拾行李，明天就要去外地上大学。", "孙子站在门口看奶奶。", "孙子决定留下来。"]
    beats = [
        BeatDraft(place=p, interior="INT", time_of_day="DAY", summary=s, characters=["奶奶"])
        for p, s in zip(places, written, strict=True)
    ]
    fixed = in_idea_order(beats, DUMPLINGS, {"奶奶": "奶奶", "孙子": "孙子"})
    assert [b.summary for b in fixed][1:] == [
        "奶奶在厨房里教他包饺子。",
        "奶奶把没说出口的叮嘱都包进了饺子里。",
    ]
    assert [b.place for b in fixed] == ["奶奶的厨房", "奶奶的厨房", "奶奶的厨房"]


def test_an_outline_that_never_reaches_the_goal_ends_on_it_done_by_the_lead() -> None:
    """Recorded (the drummer, 2026-12-03): asked three times, the ending stayed at practice."""
    from agent.drafting.beats import in_idea_order
    from film.quality.story.goal import goal_reached, idea_goal

    written = [
        "Jack trains for the school battle of the bands.",
        "Jack is tired.",
        "It gets harder.",
    ]
    fixed = in_idea_order(
        _beats(written, "Gym", "Jack"), DRUMMER, {"Jack": "deaf teenage drummer"}, "Jack"
    )
    assert fixed[-1].summary == "The school battle of the bands comes at last, and Jack is there."
    lift = (
        "Two rival debate captains get stuck in a school lift and have to practise their speeches."
    )
    assert goal_reached(idea_goal(lift), lift, "Alex") == "They practise their speeches."
    market = "夜市摆摊卖煎饼的女孩，白天打工，想考进一家游戏公司。"
    assert goal_reached(idea_goal(market), market, "小林") == "小林终于考进一家游戏公司。"
    # A first time for someone else is not the lead's to do.
    bus = "A retired bus driver rides his route with his granddaughter, who has never seen the sea."
    assert idea_goal(bus).goal and goal_reached(idea_goal(bus), bus, "Tom") == ""


def test_a_chinese_step_made_a_beat_says_who_does_it() -> None:
    """Recorded (the guard, 2026-12-03): beats read "小区保安大爷为了抓偷外卖的贼。" and
    "布下天罗地网。", a reason and a deed with nobody doing them."""
    from film.quality.mend.steps import in_step_order

    guard = "小区保安大爷为了抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"
    fixed = in_step_order(
        ["他在看报纸。", "他睡着了。", "最后抓到的却是一只橘猫。"],
        guard,
        names=["保安大爷", "橘猫"],
    )
    assert fixed[:2] == ["小区保安大爷一心想抓偷外卖的贼。", "保安大爷布下天罗地网。"]
    three = in_step_order(["a", "b", "c"], DUMPLINGS, names=["李奶奶", "李明"])
    assert three[2] == "李奶奶把没说出口的叮嘱都包进了饺子里。"
    # The lead named where the step opens on the idea's whole phrase for them, up to its
    # comma (the web app's drummer, 2026-12-04: "一个失聪的少年鼓手，靠脚底感受…").
    drummer = "一个失聪的少年鼓手，靠脚底感受体育馆地板的震动练习，准备学校乐队大赛。"
    named = in_step_order(
        ["他很累。", "他坐下。"], drummer, lead="李明", names=["李明"], lead_role="失聪的少年鼓手"
    )
    assert named[0].startswith("李明靠脚底感受体育馆地板的震动练习")


def test_an_outline_beat_keeps_no_speech_nor_the_plans_words_and_names_the_lead() -> None:
    """Recorded (2026-12-03): "保安大爷惊讶道：‘这真是个有趣的故事！’" in the guard's beat 3,
    "终于做到了：拍下…" and "青海湖边，一个摄影师等了三天。" in the Qinghai outline."""
    from agent.drafting.beats import fit_beats
    from agent.drafting.schemas import BeatDraft
    from film.quality.mend.steps import in_step_order

    said = "保安大爷看着监控画面，发现了一只橘猫。保安大爷惊讶道：‘这真是个有趣的故事！’"
    echo = "终于做到了：拍下日出时照在湖面上的第一缕光。"
    beats = [
        BeatDraft(place="办公室", interior="INT", time_of_day="NIGHT", summary=s, characters=[])
        for s in (said, echo)
    ]
    fitted = fit_beats(beats, 2, ["保安大爷"], "zh", drop_repeats=False)
    assert [b.summary for b in fitted] == [
        "保安大爷看着监控画面，发现了一只橘猫。",
        "拍下日出时照在湖面上的第一缕光。",
    ]
    lake = "青海湖边，一个摄影师等了三天，只为拍下日出时照在湖面上的第一缕光。"
    first = in_step_order(["湖面很平静。", "日出了。"], lake, lead="阿远", lead_role="摄影师")[0]
    assert first == "青海湖边，阿远等了三天。"
    market = "夜市摆摊卖煎饼的女孩，白天打工，晚上在摊位旁自学编程，想考进一家游戏公司。"
    opening = in_step_order(["她很累。"] * 4, market, lead="小林", lead_role="女孩")[0]
    assert opening == "小林是夜市摆摊卖煎饼的女孩，白天打工。"


def test_what_a_review_of_the_steps_found_stays_mended() -> None:
    """A second pair of eyes on this code (2026-12-03) found these; each is kept so."""
    from agent.drafting.beats import _unspoken
    from agent.prompts import beat_plan
    from film.quality.debris import PLAN_ECHO
    from film.quality.mend.steps import _with_lead, in_step_order, with_subject
    from film.quality.story.goal import goal_reached, idea_goal

    # A clause with its own subject gets no name before it.
    assert (
        with_subject("一只小猫溜进了厨房", ["奶奶在厨房里包饺子"], ["李奶奶"])
        == "一只小猫溜进了厨房"
    )
    # Only the lead's own words are the lead, and only a real "-ing" of doing is a verb.
    assert _with_lead("A stranger washes ashore", "Tom", "lighthouse keeper") == (
        "A stranger washes ashore"
    )
    assert _with_lead("nothing happens for hours", "Mia", "girl") == "nothing happens for hours"
    # "be" is said "is", and one lead with "and" later in the idea is still one person.
    singer = "A shy girl who loves and loses wants to be a singer."
    assert goal_reached(idea_goal(singer), singer, "Mia") == "Mia is a singer."
    # A step told a beat late is kept where it is, not overwritten by the next step.
    late = in_step_order(["她在看书。", "孙子明天就要去外地上大学。", "饺子。"], DUMPLINGS)
    assert "孙子明天就要去外地上大学。" in late
    # Speech inside an English sentence keeps the sentence; the plan's Chinese label goes,
    # but ordinary words that look like it stay.
    assert _unspoken('Mia tells Tom "I am leaving" and Tom cries.').endswith("Tom cries.")
    assert PLAN_ECHO.sub("", "结局：终于做到了，画面里看得到：拍下第一缕光。") == "拍下第一缕光。"
    assert (
        PLAN_ECHO.sub("", "老照片的画面里看得到他年轻时的样子。")
        == "老照片的画面里看得到他年轻时的样子。"
    )
    assert beat_plan(0, "zh", DUMPLINGS) == ""


def test_common_words_for_nobody_are_lines_and_an_exchange_keeps_its_deed() -> None:
    from film.quality.mend.replies import no_answers_to_nobody
    from film.quality.people.speech import speech_to_dialogue
    from film.quality.people.vocatives import called_by_their_names
    from film.screenplay import DialogueLine, Scene

    lines = [
        DialogueLine(speaker="Mia", text="Is anyone there?"),
        DialogueLine(speaker="Tom", text="No one believes I can drum."),
    ]
    scene = Scene(
        number=1, place="Gym", action=["Mia waits."], dialogue=lines, characters=["Mia", "Tom"]
    )
    assert called_by_their_names(scene, [("Mia", ""), ("Tom", "")], frozenset()).dialogue == lines
    hug = "小林放下行李箱，紧紧抱住奶奶说：“我会想你的。”，奶奶回答道：“去吧，孩子。”"
    moved = speech_to_dialogue(
        Scene(number=1, place="厨房", action=[hug], characters=["小林", "奶奶"]), ["小林", "奶奶"]
    )
    assert moved.action == ["小林放下行李箱，紧紧抱住奶奶。"]
    assert [d.speaker for d in moved.dialogue] == ["小林", "奶奶"]
    # A welcome is not stripped down to a bare name.
    named = [
        DialogueLine(speaker="A", text="走吧。"),
        DialogueLine(speaker="B", text="不客气，小林！"),
    ]
    kept = Scene(number=1, place="x", action=["a"], dialogue=named, characters=["A", "B"])
    assert no_answers_to_nobody(kept).dialogue[1].text == "不客气，小林！"


def test_a_beat_of_nothing_but_speech_does_not_pass_for_the_turn() -> None:
    """Recorded (2026-12-03, 07:49): the guard's last beat was "橘猫回答：‘谢谢你，’". It named
    the cat, so it passed for the turn, and the film ended on a thank you."""
    from agent.drafting.beats import fit_beats, in_idea_order

    idea = "小区保安大爷为了抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"
    roles = {"保安大爷": "保安", "橘猫": "宠物"}
    said = ["小区保安大爷一心想抓偷外卖的贼。", "保安大爷布下天罗地网。", "橘猫回答：‘谢谢你，’"]
    fitted = fit_beats(_beats(said, "小区门口", "保安大爷"), 3, list(roles), "zh", idea)
    last = in_idea_order(fitted, idea, roles, "保安大爷")[-1].summary
    assert "谢谢你" not in last
    assert "最后抓到的却是一只橘猫" in last
    english = _beats(['Tom replies: "Thanks, mate."'], "Lift", "Tom")
    assert fit_beats(english, 1, ["Tom"], "en")[0].summary == "Tom is in the lift."


def test_a_step_that_opens_on_who_is_told_of_the_person_before_it() -> None:
    """Recorded (the piano teacher, 2026-12-03): a beat read "Who secretly wants to quit."."""
    from film.quality.story.steps import idea_steps

    idea = (
        "A retired piano teacher gives her last lesson to the boy next door, "
        "who secretly wants to quit"
    )
    assert idea_steps(idea)[1] == "The boy next door secretly wants to quit"


SOUP = "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗姜汤"


def test_the_last_of_two_steps_that_follows_the_first_ends_the_film() -> None:
    """Recorded (the web app, 2026-12-03): both steps of the ginger soup went to the first
    of two scenes, the rider offered the soup there, and the film ended on nothing."""
    from film.quality.story.steps import plan_steps

    assert plan_steps(SOUP, 2) == [
        "外卖小哥在暴雨夜把最后一单送到独居老人家",
        "老人留他喝了一碗姜汤",
    ]
    assert plan_steps(SOUP, 3)[-1] == "老人留他喝了一碗姜汤"
    # Why the first step happens is no ending: the scooter's karaoke is the whole film's.
    scooter = (
        "A food delivery rider is sure his second-hand scooter is haunted, because it plays "
        "karaoke every time he runs a red light."
    )
    assert plan_steps(scooter, 3)[-1] == ""


def test_the_last_scene_shows_its_step_when_its_lines_left_it_out() -> None:
    from film.quality.mend.steps import scene_at_step
    from film.screenplay import DialogueLine, Scene

    beat = "外卖小哥浑身湿透。独居老人留外卖小哥喝了一碗姜汤。"
    scene = Scene(
        number=2,
        place="独居老人家",
        characters=["外卖小哥", "独居老人"],
        action=["外卖小哥站在门口。"],
        dialogue=[DialogueLine(speaker="外卖小哥", text="那我快点回去吧。")],
    )
    shown = scene_at_step(scene, SOUP, 1, 2, beat)
    assert shown.action == ["外卖小哥站在门口。", "独居老人留外卖小哥喝了一碗姜汤。"]
    assert scene_at_step(shown, SOUP, 1, 2, beat) == shown  # told once
    assert scene_at_step(scene, SOUP, 0, 2, beat) == scene  # another scene's step


def test_every_scene_shows_its_own_step() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04): beat 1 was the idea's first step,
    "孙子明天就要去外地上大学。", and its scene never said he was leaving; the film had no
    premise."""
    from film.quality.mend.steps import scene_at_step
    from film.screenplay import DialogueLine, Scene

    beat = "孙子明天就要去外地上大学。"
    scene = Scene(
        number=1,
        place="奶奶的厨房",
        characters=["奶奶", "孙子"],
        action=["孙子坐在厨房的角落里，看着奶奶做菜。"],
        dialogue=[DialogueLine(speaker="奶奶", text="你快点儿来。")],
    )
    shown = scene_at_step(scene, DUMPLINGS, 0, 3, beat)
    assert shown.action[-1] == "孙子明天就要去外地上大学。"
    said = scene.model_copy(
        update={"dialogue": [DialogueLine(speaker="奶奶", text="明天你就要去外地上大学了。")]}
    )
    assert scene_at_step(said, DUMPLINGS, 0, 3, beat) == said


def test_a_scene_given_two_clauses_shows_the_one_its_lines_left_out() -> None:
    """Recorded (craft bench, the scooter, 2026-12-04 20:43): the first of two scenes had
    both clauses of the idea, and its lines kept the scooter but dropped the karaoke at red
    lights, the joke itself; no one sentence of the beat told both clauses."""
    from film.quality.mend.steps import scene_at_step
    from film.screenplay import Scene

    idea = (
        "A food delivery rider is sure his second-hand scooter is haunted, because it plays"
        " karaoke every time he runs a red light."
    )
    beat = (
        "John is sitting on the ground, looking at his second-hand scooter. He notices that"
        " it plays karaoke every time he runs a red light."
    )
    scene = Scene(
        number=1,
        place="Street corner",
        characters=["John"],
        action=["John looks at his second-hand scooter.", "He looks around for a ghost."],
    )
    shown = scene_at_step(scene, idea, 0, 2, beat)
    assert shown.action[2:] == ["He notices that it plays karaoke every time he runs a red light."]
    assert scene_at_step(shown, idea, 0, 2, beat) == shown


def test_a_clause_that_only_asks_for_the_film_is_no_step() -> None:
    from film.quality.story.steps import idea_steps

    assert idea_steps("小明想说服爸爸让他去学街舞，温情微电影") == ("小明想说服爸爸让他去学街舞",)
    assert idea_steps(SOUP + "，40秒温情微电影") == idea_steps(SOUP)


def test_the_lead_named_in_a_step_takes_all_of_the_ideas_words_for_them() -> None:
    """Recorded (craft bench, 2026-12-03): "John bus driver rides his old route…": "bus",
    ending in s, was read as the verb after "A retired"."""
    from film.quality.mend.steps import in_step_order

    bus = (
        "A retired bus driver rides his old route one last time with his granddaughter, who has "
        "never seen the city through his eyes."
    )
    fixed = in_step_order(
        ["The bus pulls out.", "They ride.", "The city at dusk."],
        bus,
        lead="John",
        lead_role="retired bus driver, Grandfather",
    )
    assert fixed[0].startswith("John rides his old route one last time")


def test_a_later_step_told_as_a_clause_of_an_earlier_beat_leaves_it() -> None:
    """Recorded (craft bench, the ginger soup, 2026-12-03): beat 1 of 2 was the whole idea
    in one sentence, and the soup of the ending was drunk in scene 1."""
    from film.quality.mend.steps import in_step_order

    fixed = in_step_order(
        [SOUP + "。", "老人留他喝了一碗姜汤后，开始享受美食。"], SOUP, names=["外卖小哥"]
    )
    assert fixed == [
        "外卖小哥在暴雨夜把最后一单送到独居老人家。",
        "老人留他喝了一碗姜汤后，开始享受美食。",
    ]


def test_a_step_done_to_him_casts_him_from_the_step_before() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04 21:12): "奶奶在厨房里教他包饺子" was
    cast with the grandmother alone, and she taught nobody."""
    from film.quality.mend.steps import named_in

    people = [("李奶奶", "奶奶"), ("李默", "孙子")]
    assert named_in("奶奶在厨房里教他包饺子", people, ["李默"]) == ["李默", "李奶奶"]
    assert named_in("奶奶在厨房里包饺子", people, ["李默"]) == ["李奶奶"]
    assert named_in("Grandpa teaches her to ride.", [("Ben", "grandfather")], ["Lily"]) == ["Lily"]


def test_a_subjectless_step_is_done_by_whom_the_idea_has_do_it() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04 21:39): beat 3 read "孙子把没说出口的
    叮嘱都包进了饺子里"; the idea leaves the subject to the step before, the grandmother's."""
    from film.quality.mend.steps import in_step_order

    beats = [
        "孙子明天就要去外地上大学。",
        "李奶奶在厨房里教他包饺子。",
        "李默把没说出口的叮嘱都包进了饺子里。",
    ]
    assert in_step_order(beats, DUMPLINGS, names=["李奶奶", "李默"])[2] == (
        "李奶奶把没说出口的叮嘱都包进了饺子里。"
    )


def test_in_two_beats_the_step_is_done_by_the_nearest_clauses_person() -> None:
    """Recorded (microfilm draft, the dumplings in two scenes, 2026-12-04 22:05): beat 2,
    "孙子开始包饺子，把没说出口的叮嘱都包进了饺子里", after a beat that ends on 奶奶."""
    from film.quality.mend.steps import in_step_order

    beats = [
        "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。",
        "孙子开始包饺子，把没说出口的叮嘱都包进了饺子里。",
    ]
    assert in_step_order(beats, DUMPLINGS, names=["奶奶", "孙子"])[1] == (
        "奶奶开始包饺子，把没说出口的叮嘱都包进了饺子里。"
    )


def test_a_step_naming_whom_it_is_done_to_still_gets_its_doer() -> None:
    """Recorded (craft bench, the video call, 2026-12-05): beat 2 pasted "学会视频通话后，每天
    晚上都给在外地打工的儿子打电话。" with nobody doing it; 儿子 is called, not calling."""
    from film.quality.mend.steps import in_step_order

    idea = "奶奶第一次学用智能手机，学会视频通话后，每天晚上都给在外地打工的儿子打电话。"
    beats = ["奶奶坐在沙发上，第一次学用智能手机。", "奶奶在厨房里做饭。"]
    assert in_step_order(beats, idea, names=["奶奶", "儿子"])[1] == (
        "奶奶学会视频通话后，每天晚上都给在外地打工的儿子打电话。"
    )


def test_nobody_is_told_their_own_name() -> None:
    """Recorded (craft bench, the love notes, 2026-12-05): "我的名字是王华，你的名字是李明。"
    between desk-mates of three years."""
    from film.quality.people.vocatives import called_by_their_names
    from film.screenplay import DialogueLine, Scene

    said = [
        ("李明", "那我们来讨论一下吧。"),
        ("王华", "我的名字是王华，你的名字是李明。你先写吧。"),
        ("李明", "Your name is not on the note."),
    ]
    scene = Scene(
        number=1,
        place="高三教室",
        action=["李明写纸条。"],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in said],
        characters=["李明", "王华"],
    )
    people = [("李明", "同桌"), ("王华", "同桌")]
    kept = [line.text for line in called_by_their_names(scene, people).dialogue]
    assert kept == ["那我们来讨论一下吧。", "你先写吧。", "Your name is not on the note."]
    english = scene.model_copy(
        update={
            "characters": ["Sam", "Mia"],
            "dialogue": [DialogueLine(speaker="Mia", text="Your name is Sam. Sit down.")],
        }
    )
    pair = [("Sam", "desk-mate"), ("Mia", "desk-mate")]
    assert called_by_their_names(english, pair).dialogue[0].text == "Sit down."
