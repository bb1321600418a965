"""The quality gate wired into drafting: recorded junk is repaired, refused, or fixed exactly.

Each test scripts the fake model with a bad answer recorded from the old 135M model (or
the first 1.5B drafts) for one stage, then lets it answer well: the stage must retry with
the failure named to the model and show only the good answer. A model that keeps
answering junk gets an honest refusal, nothing is saved, and "try again" resumes there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fakes import ScriptedChatModel, Studio, default_answer
from langgraph.types import Command

from film.form import estimate_runtime, scene_count_for
from film.quality.runtime import within
from film.screenplay import Project, Screenplay

IDEA = "a 2-minute film about a grandma teaching her grandson to make dumplings"
PLAIN = "a film about a grandma teaching her grandson to make dumplings"  # length from context
ZH_IDEA = "一个两分钟的故事：外婆教外孙包饺子，他明天就要出国了"
JUNK = ("{0.first}", "Your response will be formatted", "This is scene", "Story so far", "”}]")


def spoiled(schema: str, spoil: Callable[[dict[str, Any]], dict[str, Any]], prompts: list[str]):
    """An answer: the fake's good one for the prompt, spoiled the way a small model did."""

    def answer(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        return spoil(default_answer(schema, prompt))

    return answer


def good(schema: str, prompts: list[str]):
    return spoiled(schema, lambda data: data, prompts)


async def draft(studio: Studio, idea: str = IDEA) -> Any:
    await studio.say(idea)
    return await studio.say(Command(resume="touching-family"))


def screenplay_of(result: Any) -> Screenplay:
    screenplay = Project.model_validate(result.values["project"]).screenplay
    assert screenplay is not None
    return screenplay


def shown(result: Any) -> str:
    return "\n".join(str(m.content) for m in result.messages)


async def test_logline_debris_is_retried_with_the_failure_named(monkeypatch, tmp_path) -> None:
    prompts: list[str] = []
    junk = spoiled(
        "LoglineDraft",
        lambda d: {
            **d,
            "title": "{0.first}",
            "logline": "Your response will be formatted as an empty JSON object",
        },
        prompts,
    )
    model = ScriptedChatModel(script={"LoglineDraft": [junk, good("LoglineDraft", prompts)]})
    result = await draft(Studio(monkeypatch, tmp_path, model))
    assert model.calls.count("LoglineDraft") == 2
    assert "Your last answer had these problems" in prompts[1]
    assert "template slot" in prompts[1] and "{0.first}" in prompts[1]  # the model is told
    assert screenplay_of(result).title == "The Last Dumpling"
    assert not any(junk in shown(result) for junk in JUNK)


async def test_a_logline_that_stays_junk_is_refused_and_try_again_resumes(
    monkeypatch, tmp_path
) -> None:
    junk = spoiled("LoglineDraft", lambda d: {**d, "title": "{0.first}"}, [])
    model = ScriptedChatModel(script={"LoglineDraft": [junk] * 6})
    studio = Studio(monkeypatch, tmp_path, model)
    failed = await draft(studio)
    # The first answer and two retries, then a fresh round of three.
    assert model.calls.count("LoglineDraft") == 6
    reply = failed.messages[-1].content
    assert reply.startswith("I couldn't write a title and logline I'd stand behind")
    assert "{0.first}" not in shown(failed)
    assert failed.values["resume_stage"] == "write_logline"
    assert not failed.values.get("project") and not failed.values["draft"].get("logline")
    done = await studio.say("try again")
    assert screenplay_of(done).title == "The Last Dumpling"


async def test_an_incomplete_logline_is_asked_to_say_when(monkeypatch, tmp_path) -> None:
    prompts: list[str] = []
    timeless = spoiled("LoglineDraft", lambda d: {**d, "setting_time": ""}, prompts)
    model = ScriptedChatModel(script={"LoglineDraft": [timeless, good("LoglineDraft", prompts)]})
    result = await draft(Studio(monkeypatch, tmp_path, model))
    assert "Say when the story happens" in prompts[1]
    assert screenplay_of(result).setting_time == "New Year's Eve, today"


async def test_labels_as_names_and_copied_guideline_examples_are_retried(
    monkeypatch, tmp_path
) -> None:
    prompts: list[str] = []

    def labels(data: dict[str, Any]) -> dict[str, Any]:
        people = [dict(c) for c in data["characters"]]
        people[0].update(name="Theme", look="a dented silver thermos")
        people[1].update(name="Dialogue")
        return {"characters": people}

    model = ScriptedChatModel(
        script={"CastDraft": [spoiled("CastDraft", labels, prompts), good("CastDraft", prompts)]}
    )
    studio = Studio(monkeypatch, tmp_path, model)
    guide = 'Give props a fixed description too ("a dented silver thermos").'
    search = studio._search
    monkeypatch.setattr(
        "knowledge.search_guidelines",
        lambda *a, **k: [p.__class__(**{**vars(p), "text": guide}) for p in search(*a, **k)],
    )
    result = await draft(studio)
    assert model.calls.count("CastDraft") == 2
    assert "field label" in prompts[1] and "writing guide's example" in prompts[1]
    assert {c.name for c in screenplay_of(result).characters} == {"Ming", "Grandma"}
    assert "thermos" not in shown(result)


async def test_bad_places_and_numbered_beats_are_retried_and_a_doubled_time_is_cut(
    monkeypatch, tmp_path
) -> None:
    prompts: list[str] = []

    def recorded(data: dict[str, Any]) -> dict[str, Any]:
        places = ["NIGHT", "25MIN", "FLIPPA123"]
        beats = [
            {**b, "place": places[i % 3], "summary": f"Beat {i + 1}: the bond is tested."}
            for i, b in enumerate(data["beats"])
        ]
        return {"beats": beats}

    def doubled_time(data: dict[str, Any]) -> dict[str, Any]:
        first = {**data["beats"][0], "place": "BUS STOP - DAY - DAY"}
        return {"beats": [first, *data["beats"][1:]]}

    model = ScriptedChatModel(
        script={
            "OutlineDraft": [
                spoiled("OutlineDraft", recorded, prompts),
                spoiled("OutlineDraft", doubled_time, prompts),
            ]
        }
    )
    result = await draft(Studio(monkeypatch, tmp_path, model))
    assert model.calls.count("OutlineDraft") == 2  # the doubled time needs no third ask
    note = prompts[1]
    # "NIGHT" and "25MIN" are set at a neighbour's place without a retry; the code is asked.
    assert "code or a number" in note and "time word or a duration" not in note
    places = [s.place for s in screenplay_of(result).scenes]
    assert places[0] == "BUS STOP" and not any("DAY" in p or "25MIN" in p for p in places)
    fountain = (Path(result.values["project_dir"]) / "screenplay.fountain").read_text()
    assert "EXT. BUS STOP - DAY #1#" in fountain and "DAY - DAY" not in fountain  # outdoors


async def test_scaffolding_json_and_code_in_a_scene_are_retried(monkeypatch, tmp_path) -> None:
    prompts: list[str] = []

    def leaked(data: dict[str, Any]) -> dict[str, Any]:
        lines = [dict(line) for line in data["dialogue"]]
        lines[0]["text"] = "This is scene 4 of 6. Story so far: we fold."
        lines[1]["text"] = lines[1]["text"] + "”}],"
        return {
            **data,
            "action": ["]' {}.write(json_object)", *data["action"][1:]],
            "dialogue": lines,
        }

    model = ScriptedChatModel(
        script={"SceneDraft": [spoiled("SceneDraft", leaked, prompts), good("SceneDraft", prompts)]}
    )
    result = await draft(Studio(monkeypatch, tmp_path, model))
    assert model.calls.count("SceneDraft") == scene_count_for(120) + 1
    # The code is named to the model. The scaffolding line is struck before judging
    # (film.quality.debris.echoes_prompt) and the trailing ”}], is cut exactly
    # (agent.model.json_repair.cut_json_residue), so neither needs a retry of its own.
    assert "code" in prompts[1] and "JSON residue" not in prompts[1]
    assert "prompt scaffolding" not in prompts[1]
    fountain = (Path(result.values["project_dir"]) / "screenplay.fountain").read_text()
    for junk in (*JUNK, "json_object", ".write("):
        assert junk not in fountain and junk not in shown(result)


async def test_a_scene_that_stays_junk_is_refused_and_the_draft_resumes_there(
    monkeypatch, tmp_path
) -> None:
    junk = spoiled("SceneDraft", lambda d: {**d, "visual": "Story so far: {0.first}"}, [])
    # Three answers and a fresh round of three more, all junk.
    model = ScriptedChatModel(script={"SceneDraft": [good("SceneDraft", []), *[junk] * 6]})
    studio = Studio(monkeypatch, tmp_path, model, target_seconds=60)
    failed = await draft(studio, PLAIN)
    assert failed.messages[-1].content.startswith("I couldn't write a screenplay I'd stand behind")
    assert "Story so far" not in shown(failed)
    assert failed.values["resume_stage"] == "write_scenes" and not failed.values.get("project")
    assert len(failed.values["draft"]["scenes"]) == 1  # the good scene is kept
    done = await studio.say("try again")
    assert len(screenplay_of(done).scenes) == scene_count_for(60)
    assert model.calls.count("SceneDraft") == 1 + 6 + (scene_count_for(60) - 1)


async def test_a_chinese_idea_drafted_in_english_is_retried_in_chinese(
    monkeypatch, tmp_path
) -> None:
    prompts: list[str] = []
    english_logline = spoiled(
        "LoglineDraft",
        lambda d: {**d, "title": "The Best Ever", "logline": "Mike and Liam win the contest."},
        prompts,
    )
    english_cast = spoiled(
        "CastDraft",
        lambda d: {
            "characters": [
                {**c, "name": n} for c, n in zip(d["characters"], ["Mike", "Liam"], strict=True)
            ]
        },
        prompts,
    )
    model = ScriptedChatModel(
        script={
            "LoglineDraft": [english_logline, good("LoglineDraft", prompts)],
            "CastDraft": [english_cast],
        }
    )
    result = await draft(Studio(monkeypatch, tmp_path, model), ZH_IDEA)
    screenplay = screenplay_of(result)
    assert screenplay.language == "zh" and screenplay.title == "最后一个饺子"
    assert {c.name for c in screenplay.characters} == {"小明", "外婆"}
    assert model.calls.count("LoglineDraft") == 2 and model.calls.count("CastDraft") == 2
    assert "简体中文" in prompts[0]  # the Chinese prompt, and the Chinese reminder on retry
    assert "全部用简体中文重写" in prompts[1]


async def test_a_missing_person_is_asked_for_but_does_not_block(monkeypatch, tmp_path) -> None:
    prompts: list[str] = []
    model = ScriptedChatModel(script={"CastDraft": [good("CastDraft", prompts)] * 3})
    idea = "小伟第一次去女朋友家吃饭，想赢得她爸爸的认可。"
    result = await draft(Studio(monkeypatch, tmp_path, model), idea)
    assert model.calls.count("CastDraft") == 3  # asked twice more, then accepted
    assert "father" in prompts[1] and "girlfriend" in prompts[1]
    assert screenplay_of(result).language == "zh"


async def test_the_characters_prompt_names_the_ideas_people_up_front(monkeypatch, tmp_path) -> None:
    # The real model left the idea's grandson (and a bus driver's granddaughter) out of the
    # bible even after being told; naming them in the first prompt is what works.
    prompts: list[str] = []
    model = ScriptedChatModel(script={"CastDraft": [good("CastDraft", prompts)]})
    await draft(Studio(monkeypatch, tmp_path, model), ZH_IDEA)
    assert "创意里提到了这些人：外婆、外孙。" in prompts[0]
    prompts.clear()
    model = ScriptedChatModel(script={"CastDraft": [good("CastDraft", prompts)]})
    await draft(Studio(monkeypatch, tmp_path / "en", model))
    assert "The idea names these people: grandma, grandson." in prompts[0]
    # An English idea's lead is named first, though no kin or trade word says who they are.
    from film.quality.story.actions import must_cast_people

    boy = "A shy boy teaches his grandmother to send her first video message to her sister."
    assert must_cast_people(boy) == ["shy boy", "grandmother", "sister"]
    driver = "A retired bus driver rides his old route with his granddaughter."
    # The lead first, in its own few words (craft bench, 14:33: "keeper" alone was cast as a
    # talking lighthouse, and "drummer" alone lost the deaf drummer's deafness).
    assert must_cast_people(driver) == ["retired bus driver", "granddaughter"]


async def test_a_beat_that_keeps_retelling_another_is_rewritten_alone(
    monkeypatch, tmp_path
) -> None:
    """The recorded dumplings outline: beat 3 retold beat 1 through every attempt."""
    prompts: list[str] = []

    def retold(data: dict[str, Any]) -> dict[str, Any]:
        beats = data["beats"]
        return {"beats": [*beats[:-1], {**beats[-1], "summary": beats[0]["summary"]}]}

    def new_ending(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        summary = "Leo boards the train with a box of Grandma's dumplings on his knees."
        beat = {"place": "Railway station", "interior": "EXT", "time_of_day": "MORNING"}
        return {"beats": [{**beat, "summary": summary, "characters": []}]}

    firsts: list[str] = []

    def first_beat_again(prompt: str) -> dict[str, Any]:
        """The recorded failure: asked for beat 3 alone, it retold beat 1 once more."""
        beat = {"place": "Kitchen", "interior": "INT", "time_of_day": "DAY", "characters": []}
        first = re.search(r"\n1\. [^:]*: ([^\n]+)", prompt)
        firsts.append(first.group(1) if first else "")
        return {"beats": [{**beat, "summary": firsts[-1]}]}

    model = ScriptedChatModel(
        script={
            "OutlineDraft": [spoiled("OutlineDraft", retold, prompts)] * 3
            + [first_beat_again, new_ending]
        }
    )
    one_minute = "a 1-minute film about a grandma teaching her grandson to make dumplings"
    result = await draft(Studio(monkeypatch, tmp_path, model), one_minute)
    assert firsts and firsts[0]  # the retold beat was asked again, not kept
    assert model.calls.count("OutlineDraft") == 5  # three outlines, then beat 3 twice
    assert "Beat 3 of this outline tells again" in prompts[-1] and "<<<" in prompts[-1]
    # The second ask names the retelling it must not write again.
    assert f'Your last answer told again: "{firsts[0]}"' in prompts[-1]
    scenes = screenplay_of(result).scenes
    assert len(scenes) == scene_count_for(60) == 3
    assert scenes[-1].place == "Railway station"


async def test_a_turn_the_ending_keeps_retelling_is_written_anew(monkeypatch, tmp_path) -> None:
    """The recorded guard spoof: the cat was found in beats 2 and 3 through every rewrite."""
    prompts: list[str] = []

    def retold(data: dict[str, Any]) -> dict[str, Any]:
        beats = data["beats"]
        return {"beats": [*beats[:-1], {**beats[-1], "summary": beats[1]["summary"]}]}

    seconds: list[str] = []

    def second_beat_again(prompt: str) -> dict[str, Any]:
        beat = {"place": "Kitchen", "interior": "INT", "time_of_day": "DAY", "characters": []}
        second = re.search(r"\n2\. [^:]*: ([^\n]+)|The story so far: ([^\n]+)", prompt)
        seconds.append(next(g for g in second.groups() if g) if second else "")
        return {"beats": [{**beat, "summary": seconds[-1]}]}

    def new_turn(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        summary = "Leo tears the first wrapper and Grandma shows him how to wet the edge."
        beat = {"place": "Kitchen table", "interior": "INT", "time_of_day": "DAY"}
        return {"beats": [{**beat, "summary": summary, "characters": []}]}

    model = ScriptedChatModel(
        script={
            "OutlineDraft": [spoiled("OutlineDraft", retold, [])] * 3
            + [second_beat_again] * 3
            + [new_turn]
        }
    )
    one_minute = "a 1-minute film about a grandma teaching her grandson to make dumplings"
    result = await draft(Studio(monkeypatch, tmp_path, model), one_minute)
    assert model.calls.count("OutlineDraft") == 7  # three outlines, beat 3 thrice, then beat 2
    assert len(set(seconds)) == 1 and seconds[0]  # each ask for beat 3 retold beat 2
    assert "Beat 2 of this outline tells again" in prompts[-1]
    scenes = screenplay_of(result).scenes
    assert len(scenes) == 3
    assert scenes[1].place == "Kitchen table"
    assert within(estimate_runtime(screenplay_of(result)), 60)


async def test_a_three_beat_ending_that_keeps_retelling_the_hook_moves_the_hook(
    monkeypatch, tmp_path
) -> None:
    """The one-prompt street dance (2026-12-02 04:46): beat 3 told beat 1 through every ask
    and the outline was refused. A three-beat film has no middle beat to move: the hook is
    asked anew, and the film is drafted."""
    prompts: list[str] = []

    def retold(data: dict[str, Any]) -> dict[str, Any]:
        beats = data["beats"]
        return {"beats": [*beats[:-1], {**beats[-1], "summary": beats[0]["summary"]}]}

    hooks: list[str] = []

    def first_beat_again(prompt: str) -> dict[str, Any]:
        beat = {"place": "Kitchen", "interior": "INT", "time_of_day": "DAY", "characters": []}
        first = re.search(r"\n1\. [^:]*: ([^\n]+)", prompt)
        hooks.append(first.group(1) if first else hooks[-1])  # the last ask lists no beat 1
        return {"beats": [{**beat, "summary": hooks[-1]}]}

    def new_hook(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        summary = "Leo finds Grandma's old rolling pin in a drawer and laughs at its dents."
        beat = {"place": "Pantry", "interior": "INT", "time_of_day": "DAY"}
        return {"beats": [{**beat, "summary": summary, "characters": []}]}

    model = ScriptedChatModel(
        script={
            "OutlineDraft": [spoiled("OutlineDraft", retold, [])] * 3
            + [first_beat_again] * 3
            + [new_hook]
        }
    )
    one_minute = "a 1-minute film about a grandma teaching her grandson to make dumplings"
    result = await draft(Studio(monkeypatch, tmp_path, model), one_minute)
    assert model.calls.count("OutlineDraft") == 7  # three outlines, beat 3 thrice, then beat 1
    assert "Beat 1 of this outline tells again" in prompts[-1]
    scenes = screenplay_of(result).scenes
    assert len(scenes) == 3
    assert scenes[0].place == "Pantry"


async def test_an_ending_that_retells_the_turn_is_asked_what_happens_next(
    monkeypatch, tmp_path
) -> None:
    """The guard spoof (2026-12-01): shown every beat, the ending copied the turn each time.

    The last ask shows only the beat before and asks what happens next; its answer ends
    the film instead of a refusal.
    """
    prompts: list[str] = []

    def retold(data: dict[str, Any]) -> dict[str, Any]:
        beats = data["beats"]
        return {"beats": [*beats[:-1], {**beats[-1], "summary": beats[1]["summary"]}]}

    def turn_again(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        beat = {"place": "Kitchen", "interior": "INT", "time_of_day": "DAY", "characters": []}
        second = re.search(r"\n2\. [^:]*: ([^\n]+)", prompt)
        return {"beats": [{**beat, "summary": second.group(1) if second else ""}]}

    def what_next(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        summary = "Leo carries a plate of crooked dumplings to Grandma, who laughs and eats one."
        beat = {"place": "Dining room", "interior": "INT", "time_of_day": "EVENING"}
        return {"beats": [{**beat, "summary": summary, "characters": []}]}

    model = ScriptedChatModel(
        script={
            "OutlineDraft": [spoiled("OutlineDraft", retold, [])] * 3
            + [turn_again] * 2
            + [what_next]
        }
    )
    one_minute = "a 1-minute film about a grandma teaching her grandson to make dumplings"
    result = await draft(Studio(monkeypatch, tmp_path, model), one_minute)
    assert model.calls.count("OutlineDraft") == 6  # three outlines, then beat 3 three times
    told = re.search(r"\n2\. [^:]*: ([^\n]+)", prompts[0])
    assert told is not None
    assert f"The story so far: {told.group(1)}" in prompts[-1]
    assert "What happens next? Write beat 3" in prompts[-1] and "<<<" not in prompts[-1]
    scenes = screenplay_of(result).scenes
    assert len(scenes) == 3 and scenes[-1].place == "Dining room"


async def test_a_beat_that_keeps_copying_the_worked_example_is_written_anew(
    monkeypatch, tmp_path
) -> None:
    """Recorded (love notes, 2026-12-01): beat 2 was the example's red umbrella on two of
    three outline attempts, and the outline was refused. That beat alone is asked again."""
    prompts: list[str] = []

    def copied(data: dict[str, Any]) -> dict[str, Any]:
        beats = data["beats"]
        example = "Nora hands her red umbrella to a soaked stranger."
        return {"beats": [beats[0], {**beats[1], "summary": example}, *beats[2:]]}

    def own_beat(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        summary = "Leo drops the first dumpling and Grandma laughs before she helps him."
        beat = {"place": "Kitchen table", "interior": "INT", "time_of_day": "DAY"}
        return {"beats": [{**beat, "summary": summary, "characters": []}]}

    model = ScriptedChatModel(
        script={"OutlineDraft": [spoiled("OutlineDraft", copied, [])] * 3 + [own_beat]}
    )
    one_minute = "a 1-minute film about a grandma teaching her grandson to make dumplings"
    result = await draft(Studio(monkeypatch, tmp_path, model), one_minute)
    assert model.calls.count("OutlineDraft") == 4  # three outlines, then beat 2 alone
    assert "Beat 2 of this outline" in prompts[0] and "<<<" in prompts[0]
    scenes = screenplay_of(result).scenes
    assert len(scenes) == 3 and scenes[1].place == "Kitchen table"
    assert "umbrella" not in " ".join(a for s in scenes for a in s.action)


async def test_an_outline_that_tells_few_steps_gets_its_repeats_written_anew(
    monkeypatch, tmp_path
) -> None:
    """The recorded three-minute drummer: 8 beats planned, 3 told apart, a film 41 % short."""
    prompts: list[str] = []

    def thin(data: dict[str, Any]) -> dict[str, Any]:
        beats = data["beats"]
        return {"beats": [*beats[:2], *[beats[0]] * (len(beats) - 3), beats[-1]]}

    fresh = iter(
        [
            "Kofi lays his palms flat on the gym floor as the bass drum thuds.",
            "The band leader tells Kofi a deaf drummer will slow them down.",
            "Kofi tapes a vibration pad under his stool and practises alone at dawn.",
            "On the night of the battle the floor is packed and the speakers are loud.",
            "Kofi kicks off his shoes, finds the beat in his feet and plays.",
        ]
    )

    def new_beat(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        beat = {"place": "School gym", "interior": "INT", "time_of_day": "DAY"}
        return {"beats": [{**beat, "summary": next(fresh), "characters": []}]}

    model = ScriptedChatModel(
        script={"OutlineDraft": [spoiled("OutlineDraft", thin, prompts)] + [new_beat] * 5}
    )
    # The fake outline's kept beats are the dumplings film's, off this idea: asking them
    # again inside it is agent.drafting.focus's job (tests/agent/test_outline_focus.py).
    monkeypatch.setattr("agent.drafting.focus.MOST_REWRITTEN", 0)
    three_minutes = "a 3-minute film about a deaf drummer who feels the beat through the floor"
    result = await draft(Studio(monkeypatch, tmp_path, model), three_minutes)
    count = scene_count_for(180)
    assert model.calls.count("OutlineDraft") == 1 + (count - 3)  # one outline, then each repeat
    assert all("<<<" in prompt for prompt in prompts[1:])
    scenes = screenplay_of(result).scenes
    assert len(scenes) == count == 8
    assert scenes[2].place == "School gym"  # the first repeat, written anew where it stood


async def test_a_logline_still_silent_on_a_step_after_the_ask_is_the_idea(
    monkeypatch, tmp_path
) -> None:
    """Recorded (microfilm draft, the scooter, 2026-12-04 22:10): asked about the karaoke
    once, the model wrote "…a haunted town, searching for clues…" again, and every stage
    after read a film without the joke. The idea itself tells it."""
    scooter = (
        "A food delivery rider is sure his second-hand scooter is haunted, because it plays"
        " karaoke every time he runs a red light."
    )
    town = spoiled(
        "LoglineDraft",
        lambda d: {**d, "logline": "A food delivery rider searches a haunted town for clues."},
        [],
    )
    model = ScriptedChatModel(script={"LoglineDraft": [town] * 6})
    result = await draft(Studio(monkeypatch, tmp_path, model), scooter)
    assert model.calls.count("LoglineDraft") == 2  # asked once
    assert screenplay_of(result).logline == scooter
