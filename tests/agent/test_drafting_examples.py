"""The worked examples' people, places and "nothing" answers never reach a screenplay."""

from __future__ import annotations

from agent.drafting.beats import fit_beats
from agent.drafting.kinship import own_people
from agent.drafting.schemas import BeatDraft, SceneDraft
from film.quality.people.dress import wardrobe_of


def _beat(
    place: str, summary: str, interior: str = "INT", chars: list[str] | None = None
) -> BeatDraft:
    return BeatDraft.model_validate(
        {
            "interior": interior,
            "place": place,
            "time_of_day": "DAY",
            "summary": summary,
            "characters": ["Walter"] if chars is None else chars,
        }
    )


def test_a_wardrobe_that_says_there_is_none_is_left_empty() -> None:
    """Recorded: the night-market film's bible read "Wardrobe: 无特殊服装" twice."""
    # "没有明显的问题" answered the task instead (饺子里的叮嘱, 2026-12-02).
    for nothing in (
        "无特殊服装",
        "无特殊服装。",
        "没有特别的服装",
        "No special costume.",
        "没有明显的问题",
    ):
        assert wardrobe_of("一个瘦高的年轻人", nothing) == ""
    assert wardrobe_of("a tall man", "no-nonsense grey suit") == "no-nonsense grey suit"


def test_the_outline_examples_place_gives_way_to_the_storys_own() -> None:
    """Recorded: the retired bus driver's second beat was at the example's hospital entrance."""
    beats = [
        _beat("Bus depot", "Walter parks bus 42 for the last time."),
        _beat("Hospital entrance", "Walter waits as his granddaughter runs up.", "EXT"),
        _beat("Bus stop", "They ride his old route together, side by side."),
    ]
    story = "a retired bus driver rides his old route with his granddaughter"
    fitted = fit_beats(beats, 3, ["Walter", "Amy"], "en", story)
    # The third beat rides the route: it is on the bus (aboard).
    assert [b.place for b in fitted] == ["Bus depot", "Bus depot", "Bus"]
    assert fitted[1].interior == "INT"
    at_hospital = fit_beats(beats, 3, ["Walter"], "en", "a nurse at the hospital")
    assert at_hospital[1].place == "Hospital entrance"
    zh = [
        BeatDraft.model_validate({**b.model_dump(), "place": p, "summary": s})
        for b, p, s in zip(
            beats,
            ["医院门口", "夜市", "出租屋"],
            ["小明在夜市支起煎饼摊。", "城管来了，小明推车就跑。", "深夜，小明在出租屋里写代码。"],
            strict=True,
        )
    ]
    assert fit_beats(zh, 3, ["小明"], "zh", "夜市摆摊的程序员")[0].place == "夜市"


def test_the_examples_red_umbrella_leaves_a_beat_and_a_scene_unless_the_idea_has_one() -> None:
    """Recorded: the guard spoof's outline put "一个红色雨伞" in the guard's hand (2026-12-01)."""
    from agent.prompts.texts import EXAMPLE_THING
    from film.quality.mend import drop_copied_lines
    from film.screenplay import DialogueLine, Scene

    guard = "小区保安大爷为了抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"
    summary = "保安大爷拿着天罗地网，站在小区门口，手里还握着一个红色雨伞。保安大爷在等。"
    beat = BeatDraft.model_validate(
        {**_beat("小区门口", summary).model_dump(), "characters": ["保安大爷"]}
    )
    fitted = fit_beats([beat], 1, ["保安大爷"], "zh", guard)
    assert fitted[0].summary == "保安大爷拿着天罗地网，站在小区门口。保安大爷在等。"
    # An idea with an umbrella of its own keeps it, whatever its colour.
    rainy = fit_beats([beat], 1, ["保安大爷"], "zh", "保安大爷借给外卖小哥一把伞")
    assert "红色雨伞" in rainy[0].summary
    scene = Scene(
        number=1,
        place="GATE",
        action=["He waits at the gate, holding a red umbrella.", "Rain falls."],
        dialogue=[
            DialogueLine(speaker="Walter", text="Where did I leave my red umbrella?"),
            DialogueLine(speaker="Walter", text="Here they come."),
        ],
    )
    bus = "a retired bus driver rides his old route with his granddaughter"
    mended = drop_copied_lines(scene, (), bus, EXAMPLE_THING)
    assert mended.action == ["He waits at the gate.", "Rain falls."]
    assert [d.text for d in mended.dialogue] == ["Here they come."]
    # Any colour of umbrella (2026-12-02): "Grandfather nods, then closes the umbrella."
    closes = scene.model_copy(update={"action": ["Grandpa nods, then closes the umbrella."]})
    assert drop_copied_lines(closes, (), bus, EXAMPLE_THING).action == ["Grandpa nods."]
    # Any 伞 (CLI, 2026-12-05): "外婆站在阳台上，手里拿着一把伞。" on a sunny morning.
    waves = "外婆每天早上在阳台上给住在对面楼的孙女挥手"
    balcony = scene.model_copy(
        update={"action": ["外婆站在阳台上，手里拿着一把伞。", "阳光很好。"]}
    )
    assert drop_copied_lines(balcony, (), waves, EXAMPLE_THING).action == [
        "外婆站在阳台上。",
        "阳光很好。",
    ]
    assert not EXAMPLE_THING.search("降落伞和遮阳伞")


def test_the_scene_examples_person_is_struck_from_action_and_visual() -> None:
    """Recorded: "Nora approaches him from behind with her umbrella in hand." in a visual."""
    idea = "a retired bus driver rides his old route with his granddaughter"
    draft = SceneDraft.model_validate(
        {
            "action": ["Walter checks his watch.", "Nora holds out her red umbrella."],
            "dialogue": [{"speaker": "Walter", "text": "Right on time, as always."}],
            "visual": "Close-up of Walter's face. Nora approaches him from behind.",
        }
    )
    tidied = own_people(draft, idea, ["Walter"], ["retired bus driver"], "en")
    assert tidied.action == ["Walter checks his watch."]
    assert tidied.visual == "Close-up of Walter's face."
    # A bible that has its own Nora keeps her.
    kept = own_people(draft, idea, ["Walter", "Nora"], ["driver", "granddaughter"], "en")
    assert kept.action == draft.action


def test_a_grandson_alone_with_his_grandmother_thanks_her_not_a_mother() -> None:
    """Recorded (饺子里的叮嘱): "谢谢妈妈。" said to 奶奶 in a film without a mother."""
    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。"
    draft = SceneDraft.model_validate(
        {
            "action": ["奶奶把面粉倒进盆里。"],
            "dialogue": [
                {"speaker": "奶奶", "text": "路上小心点。"},
                {"speaker": "孙子", "text": "谢谢妈妈。"},
            ],
        }
    )
    pair = ["奶奶", "孙子"]
    lines = [d.text for d in own_people(draft, idea, pair, pair, "zh").dialogue]
    assert lines == ["路上小心点。", "谢谢奶奶。"]
    # Said to his grandfather in a film that also has a grandmother, the thanks are his.
    three = ["奶奶", "爷爷", "孙子"]
    grandpa_first = draft.dialogue[0].model_copy(update={"speaker": "爷爷"})
    to_grandpa = draft.model_copy(update={"dialogue": [grandpa_first, draft.dialogue[1]]})
    said = own_people(to_grandpa, idea, three, three, "zh").dialogue
    assert said[1].text == "谢谢爷爷。"
    english = SceneDraft.model_validate(
        {
            "action": ["Grandma rolls the dough."],
            "dialogue": [
                {"speaker": "Grandma", "text": "Fold it like this."},
                {"speaker": "Leo", "text": "Thanks, Mom!"},
            ],
        }
    )
    idea_en = "a grandma teaches her grandson to make dumplings"
    roles = ["grandmother", "grandson"]
    mended = own_people(english, idea_en, ["Grandma", "Leo"], roles, "en")
    assert mended.dialogue[1].text == "Thanks, Grandma!"


def test_a_place_said_with_a_or_an_is_the_place() -> None:
    """Recorded (The Drummer's Dream): 'INT. A GYM FLOOR - DAY' beside 'INT. GYM FLOOR'."""
    from film.places import clean_place

    assert clean_place("A gym floor", ["Alex"]) == "Gym floor"
    assert clean_place("An old bus depot", ["Walter"]) == "Old bus depot"
    assert clean_place("A", ["Alex"]) == "A"
    assert clean_place("Anna's kitchen", ["Alex"]) == "Anna's kitchen"


def test_people_stuck_in_a_lift_stay_in_the_lift_until_they_get_out() -> None:
    """Recorded (The Rival Debates): the captains 'stuck in a school lift' walked to class."""
    idea = (
        "Two rival debate captains get stuck in a school lift the night before the final, "
        "and have to practise their speeches on each other."
    )
    beats = [
        _beat("School lift", "Jack and Emily are stuck in the lift between floors."),
        _beat("Classroom", "They practise their speeches on each other."),
        _beat("School building", "The doors open at dawn and they step out together."),
        _beat("Auditorium", "Emily wins the final and looks for Jack in the crowd."),
    ]
    places = [b.place for b in fit_beats(beats, 4, ["Jack", "Emily"], "en", idea)]
    assert places == ["School lift", "School lift", "School lift", "Auditorium"]
    zh = [
        BeatDraft.model_validate({**b.model_dump(), "place": p})
        for b, p in zip(beats[:2], ["楼道", "教室"], strict=True)
    ]
    fitted = fit_beats(zh, 2, ["小明"], "zh", "两个辩论队长被困在电梯里一整夜")
    assert [b.place for b in fitted] == ["电梯", "电梯"]
    free = fit_beats(beats, 4, ["Jack", "Emily"], "en", "two rival debate captains")
    assert [b.place for b in free] == [b.place for b in beats]


def test_a_scene_in_the_stuck_lift_does_not_walk_out_of_it() -> None:
    """Recorded (The Rival Debates): scene 2's heading kept them in the lift, its action
    had Jack step out of it."""
    from agent.drafting.places import stays_inside
    from film.screenplay import Scene

    idea = "Two rival debate captains get stuck in a school lift the night before the final."
    scene = Scene(
        number=2,
        place="School lift",
        action=[
            "Emily pulls her notes out of her bag.",
            "Jack steps out of the lift and sighs.",
            "Suddenly, the door opens and both students jump out.",  # 2026-12-01, scene 1
            "Jack and Emily walk into the classroom.",  # the next run's scene 3
            "The ceiling light flickers.",
        ],
    )
    inside = stays_inside(scene, "They practise their speeches on each other.", idea)
    assert inside.action == ["Emily pulls her notes out of her bag.", "The ceiling light flickers."]
    released = stays_inside(scene, "The doors open at dawn and they step out together.", idea)
    assert released == scene
    # Recorded (2026-12-01): scene 3, headed SCHOOL LIFT, practised "in the classroom", and
    # scene 1's visual note had them "jump out as the lift opens".
    moved = Scene(
        number=3,
        place="School lift",
        action=["Jack and Emily practice their speeches in the classroom.", "Jack pauses."],
        visual="School lift with heavy metal doors. Characters jump out as the lift opens.",
    )
    back = stays_inside(moved, "They practise their speeches on each other.", idea)
    assert back.action[0] == "Jack and Emily practice their speeches in the school lift."
    assert back.visual == "School lift with heavy metal doors."  # the jump goes, not the lift
    # Recorded (2026-12-01 17:15): a desk in the lift, and a classroom full of desks for its
    # visual note. A note with nothing left is empty: the heading frames it (a note that was
    # only "School lift." said the heading again to a second reader, 2026-12-04).
    furnished = moved.model_copy(
        update={
            "action": ["Jack leans forward on his desk, eyes scanning the school lift."],
            "visual": "Dim emergency light, chairs facing each other, students sitting on desks.",
        }
    )
    inside = stays_inside(furnished, "They practise their speeches on each other.", idea)
    assert inside.action == ["Jack leans forward, eyes scanning the school lift."]
    assert inside.visual == "Dim emergency light."
    shelved = furnished.model_copy(  # the lift, craft bench, 2026-12-04 21:40
        update={
            "action": ["They meet in front of a large bookshelf.", "They sit down."],
            "visual": "Looking at a bookshelf.",
        }
    )
    inside = stays_inside(shelved, "They practise their speeches on each other.", idea)
    assert (inside.action, inside.visual) == (["They sit down."], "")
    bare = furnished.model_copy(update={"visual": "School classroom lighting, chairs."})
    assert stays_inside(bare, "They argue.", idea).visual == ""
    # Recorded (craft bench, 2026-12-04): the stuck lift "moves upwards", and they "wait for
    # the elevator to come" inside it.
    moving = Scene(
        number=1,
        place="School lift",
        action=[
            "The lift moves upwards.",
            "They wait for the elevator to come.",
            "Alex and Taylor enter the school lift.",
            "Ben sighs.",
        ],
    )
    assert stays_inside(moving, "They argue.", idea).action == ["Ben sighs."]
    entering = moving.model_copy(update={"action": ["Alex and Taylor enter the school lift."]})
    assert stays_inside(entering, "They get stuck in the lift.", idea).action == entering.action
    zh = Scene(number=2, place="电梯", action=["小明走出电梯，深吸一口气。", "灯光闪了一下。"])
    assert stays_inside(zh, "两人互相练习辩论稿。", "两个辩论队长被困在电梯里一整夜").action == [
        "灯光闪了一下。"
    ]


def test_a_scene_in_a_room_of_a_home_tells_its_action_there() -> None:
    """Recorded (饺子里的叮嘱, 2026-12-01): the kitchen scene was "in the living room"."""
    from agent.drafting.places import in_its_room
    from film.screenplay import Scene

    kitchen = Scene(
        number=1,
        place="厨房",
        action=["李奶奶和孙子在客厅里准备迎接孙子的外出大学之旅。", "李奶奶开始包饺子。"],
        visual="厨房内景，温馨的灯光和温暖的色彩。客厅内景，温馨的灯光和温暖的色彩。",
    )
    mended = in_its_room(kitchen)
    assert mended.action == [
        "李奶奶和孙子在厨房里准备迎接孙子的外出大学之旅。",
        "李奶奶开始包饺子。",
    ]
    assert mended.visual == "厨房内景，温馨的灯光和温暖的色彩。"
    english = Scene(
        number=2,
        place="Kitchen",
        action=["Grandma takes Lily to the living room where they sit for tea."],
        visual="Living room light on the table.",
    )
    moved = in_its_room(english)
    assert moved.action == ["Grandma takes Lily to the kitchen where they sit for tea."]
    assert moved.visual == "Kitchen light on the table."
    # A scene outside the home, and one already in its room, are left as they are.
    stop = Scene(number=3, place="Bus stop", action=["He takes her to the living room."])
    assert in_its_room(stop) is stop
    assert in_its_room(mended) is mended


def test_the_ideas_lead_is_in_every_beat_first() -> None:
    """Recorded (The Enigmatic Letter, 2026-12-01): the swordswoman was in no scene."""
    from film.quality.story.actions import lead_name

    idea = "A young swordswoman must carry a sealed letter across a snowy mountain pass."
    people = [("Father", "general who exiled her father"), ("Mei", "young swordswoman")]
    assert lead_name(idea, people) == "Mei"
    beats = [
        _beat("Mountainside", "Father hears a cry from the general's chambers.", chars=["Father"]),
        _beat("Mountain top", "The general opens the letter.", chars=[]),
        _beat("Chambers", "Mei hands over the letter.", chars=["Father", "Mei"]),
    ]
    fitted = fit_beats(beats, 3, ["Father", "Mei"], "en", idea, lead="Mei")
    assert [b.characters for b in fitted] == [["Mei", "Father"], ["Mei"], ["Mei", "Father"]]
    # No lead: a beat with nobody gets the first of the cast, as before.
    assert fit_beats(beats, 3, ["Father", "Mei"], "en", idea)[1].characters == ["Father"]
    assert lead_name("Two captains get stuck in a lift.", people) == ""
    # The worked example's Nora, whom the bible lacks, is the lead the beat left unnamed.
    named = [_beat("Chambers", "The general agrees to meet with Nora at dawn.", chars=[])]
    assert fit_beats(named, 1, ["Father", "Mei"], "en", idea, lead="Mei")[0].summary == (
        "The general agrees to meet with Mei at dawn."
    )


def test_a_visual_note_at_the_examples_hospital_loses_it() -> None:
    """Recorded (The Last Bus Home, 2026-12-01): "Cold blue of the hospital" at a bus stop."""
    from agent.drafting.places import without_example_place
    from film.screenplay import Scene

    stop = Scene(
        number=4,
        place="Bus stop",
        action=["Bob waits."],
        visual="Cold blue of the hospital, soft white light from windows. Bob waits.",
    )
    story = "A retired bus driver rides his old route with his granddaughter."
    assert without_example_place(stop, story).visual == "Soft white light from windows. Bob waits."
    nurse = "A night-shift nurse lends her umbrella outside the hospital."
    assert without_example_place(stop, nurse) == stop


def test_a_beat_set_on_the_way_travelled_is_set_aboard_the_storys_vehicle() -> None:
    """Recorded (craft bench, en-family-bus): "INT. OLD ROUTE" three times and no bus."""
    idea = "A retired bus driver rides his old route one last time with his granddaughter."
    beats = [
        _beat("Old Route", "Jack drives down the old route with Lily."),
        _beat("Coffee Shop", "Jack tells Lily about his years behind the wheel."),
        _beat("The Route", "Lily sees the city through his eyes."),
    ]
    fitted = fit_beats(beats, 3, ["Jack", "Lily"], "en", idea)
    assert [(b.place, b.interior) for b in fitted] == [
        ("Bus", "INT"),
        ("Coffee Shop", "INT"),
        ("Bus", "INT"),
    ]
    # Recorded (2026-12-02): "he rides his old route" in a beat set at his house.
    house = _beat("Grandfather's house", "He looks out the window as he rides his old route.")
    assert fit_beats([house], 1, ["Jack"], "en", idea)[0].place == "Bus"
    ride = fit_beats(beats[:1], 1, ["Sam"], "en", "A rider is sure his scooter is haunted.")
    assert (ride[0].place, ride[0].interior) == ("City street", "EXT")
    zh = [BeatDraft.model_validate({**beats[0].model_dump(), "place": "老线路"})]
    assert fit_beats(zh, 1, ["老张"], "zh", "退休的公交司机最后一次开老线路")[0].place == "公交车上"
    # No vehicle in the story: the way stays as written.
    assert fit_beats(beats[:1], 1, ["Jack"], "en", "A man walks his old route.")[0].place == (
        "Old Route"
    )


def test_a_chinese_beats_everyday_english_word_is_said_in_chinese() -> None:
    """Recorded (craft bench, 2026-12-02): "他看到 grandma在厨房里包饺子" refused the outline."""
    beats = [_beat("厨房", "孙子回到家，他看到 grandma在厨房里包饺子。", chars=["孙子"])]
    fitted = fit_beats(beats, 1, ["孙子", "奶奶"], "zh", "奶奶在厨房里教孙子包饺子")
    assert fitted[0].summary == "孙子回到家，他看到奶奶在厨房里包饺子。"


def test_a_numbered_speaker_is_the_bibles_person_of_that_name() -> None:
    """Recorded (craft bench, 2026-12-02): "顾客1" and "顾客2" beside the bible's 顾客."""
    draft = SceneDraft.model_validate(
        {
            "action": ["顾客们排队买煎饼。"],
            "dialogue": [
                {"speaker": "顾客1", "text": "来一个煎饼。"},
                {"speaker": "小红", "text": "好嘞，马上就好。"},
                {"speaker": "陌生人2", "text": "我也要一个。"},
            ],
        }
    )
    mended = own_people(draft, "夜市卖煎饼的女孩", ["小红", "顾客"], ["摊主", "顾客"], "zh")
    assert [line.speaker for line in mended.dialogue] == ["顾客", "小红", "陌生人2"]


def test_a_place_keeps_the_spelling_it_was_first_given() -> None:
    """Recorded (craft bench, 2026-12-02): "COACH'S OFFICE" and "COACHES OFFICE"."""
    beats = [
        _beat("Coach's office", "Sam asks the coach for a place in the band."),
        _beat("Gym", "Sam feels the beat through the floor."),
        _beat("Coaches office", "The coach says yes."),
    ]
    places = [b.place for b in fit_beats(beats, 3, ["Sam"], "en", "a deaf drummer")]
    assert places == ["Coach's office", "Gym", "Coach's office"]


def test_the_examples_umbrella_leaves_a_visual_note_too() -> None:
    """The guard's cat "戴着红色雨伞" in a note (craft bench, 2026-12-02, 17:45)."""
    from agent.prompts.texts import EXAMPLE_THING
    from film.quality.mend import drop_copied_lines
    from film.screenplay import Scene

    idea = "小区保安大爷为了抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"
    office = Scene(
        number=2,
        place="保安室",
        action=["保安大爷喊人。"],
        visual="保安大爷在办公室里，拿着红色雨伞。灯光昏暗。",
    )
    assert (
        drop_copied_lines(office, [], idea, EXAMPLE_THING).visual
        == "保安大爷在办公室里。灯光昏暗。"
    )


def test_the_scene_examples_person_in_every_action_line_is_the_lead() -> None:
    """ "林晓拿起手机打电话。" twice, and nobody else acting (快递小哥, by hand, 2026-12-02)."""
    draft = SceneDraft.model_validate(
        {
            "action": ["林晓拿起手机打电话。", "林晓拿着手机打电话，询问能否帮妈妈买洗衣机。"],
            "dialogue": [{"speaker": "小哥", "text": "好的。"}],
        }
    )
    mended = own_people(
        draft, "快递小哥想给妈妈买一台洗衣机。", ["小哥", "妈妈"], ["快递员", "母亲"], "zh"
    )
    assert mended.action == ["小哥拿起手机打电话。", "小哥拿着手机打电话，询问能否帮妈妈买洗衣机。"]


def test_the_scene_examples_person_with_a_title_says_nothing_either() -> None:
    """ "林晓老师" spoke in the night market's last scene (craft bench, 2026-12-02, 18:11)."""
    draft = SceneDraft.model_validate(
        {
            "action": ["小明收到了录用通知。"],
            "dialogue": [
                {"speaker": "小明", "text": "我终于考进游戏公司了！"},
                {"speaker": "林晓老师", "text": "你真棒！"},
            ],
        }
    )
    mended = own_people(draft, "夜市女孩想考进一家游戏公司。", ["小明"], ["卖煎饼的女孩"], "zh")
    assert [d.speaker for d in mended.dialogue] == ["小明"]


def test_people_stuck_in_a_lift_do_not_say_they_are_off_or_see_out_of_a_window() -> None:
    """Recorded (craft bench, The Rival Debates, 2026-12-04): "I'll be right back." in the
    stuck lift, and "Ben points to a window where they can see the sky outside"."""
    from agent.drafting.places import stays_inside
    from film.screenplay import DialogueLine, Scene

    idea = "Two rival debate captains get stuck in a school lift the night before the final."
    scene = Scene(
        number=1,
        place="School lift",
        action=[
            "Leo and Ben are stuck in the school lift.",
            "Ben points to a window where they can see the sky outside.",
        ],
        dialogue=[
            DialogueLine(speaker="Leo", text="I hope it doesn't rain again."),
            DialogueLine(speaker="Ben", text="I'll be right back."),
            DialogueLine(speaker="Leo", text="Okay, let's go now. We have the final tomorrow."),
            # Put off till tomorrow, the day of the final (craft bench, 2026-12-04, 15:25).
            DialogueLine(speaker="Ben", text="It's okay, we can practice together tomorrow."),
        ],
        visual="The lift is dark, with only the faintest light coming from a window.",
    )
    inside = stays_inside(scene, "They practise their speeches on each other.", idea)
    assert inside.action == ["Leo and Ben are stuck in the school lift."]
    assert [line.text for line in inside.dialogue] == ["We have the final tomorrow."]
    assert inside.visual == "The lift is dark."
    # Once they get out, they may go.
    assert stays_inside(scene, "The doors open and they step out together.", idea) == scene


def test_a_place_that_names_its_hour_gives_the_hour_to_the_heading() -> None:
    """Recorded (craft bench, the lighthouse, 2026-12-05): "EXT. THE BEACH AT DAWN - NIGHT"."""
    beats = [
        _beat("The beach at dawn", "John walks down to the water."),
        _beat("The alleyway where John works as a keeper", "John climbs to the lamp."),
    ]
    fitted = fit_beats(beats, 2, ["John"], "en", "a lighthouse keeper by the sea")
    assert [(b.place, b.time_of_day) for b in fitted] == [
        ("The beach", "DAWN"),
        ("The alleyway", "DAY"),
    ]
    # The story's own hour outranks the place's: his last night stays NIGHT.
    night = fit_beats(beats, 2, ["John"], "en", "a keeper's last night at the lamp")
    assert [(b.place, b.time_of_day) for b in night] == [
        ("The beach", "NIGHT"),
        ("The alleyway", "NIGHT"),
    ]


def test_a_beat_made_of_a_riding_step_is_aboard() -> None:
    """Recorded (craft bench, the bus, 2026-12-05): "Grandfather rides his old route one
    last time…" stood at EXT. BUS STOP, and so did a look at the city through the window."""
    from agent.drafting.beats import in_idea_order

    idea = (
        "A retired bus driver rides his old route one last time with his granddaughter, "
        "who has never seen the city through his eyes."
    )
    beats = [
        _beat("Bus stop", "Grandfather waits at the stop in the morning.", "EXT"),
        _beat("Bus stop", "Grandfather is looking at the city through the window.", "EXT"),
        _beat("Bus stop", "Grandfather and Lily wave goodbye.", "EXT"),
    ]
    roles = {"Grandfather": "Retired bus driver", "Lily": "granddaughter"}
    fitted = fit_beats(beats, 3, ["Grandfather", "Lily"], "en", idea, lead="Grandfather")
    ordered = in_idea_order(fitted, idea, roles, "Grandfather")
    assert "rides his old route" in ordered[0].summary
    assert [(b.interior, b.place) for b in ordered] == [
        ("INT", "Bus"),
        ("INT", "Bus"),
        ("EXT", "Bus stop"),
    ]


def test_the_film_is_the_day_before_the_grandson_leaves() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-05): beat 2 of 3 at "外地上大学的学生
    宿舍", with the grandmother there, the day before he leaves."""
    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"
    beats = [
        _beat("奶奶的厨房", "李奶奶在厨房里教小默包饺子。"),
        _beat("外地上大学的学生宿舍", "小默正在准备上学用品。"),
        _beat("学生宿舍", "小默打开饭盒，吃到奶奶包的饺子。"),
    ]
    fitted = fit_beats(beats, 3, ["李奶奶", "小默"], "zh", idea)
    assert [b.place for b in fitted] == ["奶奶的厨房", "奶奶的厨房", "学生宿舍"]
    english = [
        _beat("Kitchen", "Dad packs a lunch."),
        _beat("College dorm", "Mia unpacks."),
        _beat("Driveway", "Dad waves."),
    ]
    leaving = "A girl leaves for college tomorrow and her father packs her car."
    assert [b.place for b in fit_beats(english, 3, ["Mia"], "en", leaving)] == [
        "Kitchen",
        "Kitchen",
        "Driveway",
    ]
