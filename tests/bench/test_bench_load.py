"""The load bench: its names, fake model, judgements and figures, then its quick run for real."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # bench/ holds scripts, not an installed package


def _bench(name: str) -> ModuleType:
    return importlib.import_module(f"bench.{name}")


script = _bench("load.script")
fake_model = _bench("load.fake_model")
client = _bench("load.client")
report = _bench("load.report")
studio = _bench("load.studio")
users = _bench("load.users")
crosstalk = _bench("load.crosstalk")
from film.paths import project_dir  # noqa: E402


def test_every_conversation_name_is_unique_and_found_in_text() -> None:
    english = [script.hero_name(n, "en") for n in range(script.MAX_CONVERSATIONS)]
    chinese = [script.hero_name(n, "zh") for n in range(script.MAX_CONVERSATIONS)]
    assert len(set(english)) == len(set(chinese)) == script.MAX_CONVERSATIONS
    assert all(script.NAME_PATTERN.fullmatch(name) for name in english + chinese)
    text = f"{english[7]} met Grandma; {chinese[42]}出国前一晚。Ming stayed home."
    assert script.names_in(text) == {english[7], chinese[42]}
    with pytest.raises(ValueError, match="0 to 9999"):
        script.hero_name(10_000, "en")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_conversation_drafts_then_revises_and_says_what_each_reply_must_show(
    language: str,
) -> None:
    name = script.hero_name(5, language)
    turns = script.conversation(name, language)
    assert [turn.kind for turn in turns] == [
        "idea",
        "draft",
        "rewrite",
        "rewrite",
        "retitle",
        "undo",
    ]
    assert name in turns[0].text and turns[0].asks_genre
    assert turns[2].expect == (
        f"- **{name}** — ",
        "### 1. ",
        script.funny_beat(1, language, name)[0],
    )
    assert turns[3].expect[-1] == script.funny_beat(2, language, name)[0]
    assert all(turn.expect for turn in turns[1:])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_fake_model_s_answers_fit_the_studio_s_own_draft_schemas(language: str) -> None:
    """The longest names still fit: an answer over a schema's bounds fails the draft."""
    from agent.drafting import schemas

    name = script.hero_name(script.MAX_CONVERSATIONS - 1, language)
    label = "创意：" if language == "zh" else "Idea: "
    idea = f"{label}{script.conversation(name, language)[0].text}"
    chinese = "\n简体中文" if language == "zh" else ""
    prompts = {
        "LoglineDraft": idea + chinese,
        "CastDraft": idea + chinese,
        "OutlineDraft": f"{idea}{chinese}\nexactly 3 beats 正好3拍",
        "SceneDraft": f"{idea}{chinese}\nWrite scene 1 now 现在写第1场: 3 short action lines",
    }
    for schema, prompt in prompts.items():
        text = fake_model.answer(_tool_request(schema, prompt)).text
        getattr(schemas, schema).model_validate_json(text)
        if schema != "LoglineDraft":  # the cast, the beats and the scenes carry the hero
            assert name in text


def _tool_request(schema: str, prompt: str) -> dict[str, object]:
    return {
        "model": "fake-model",
        "messages": [{"role": "user", "content": prompt}],
        "tools": [{"type": "function", "function": {"name": schema, "parameters": {}}}],
        "tool_choice": {"type": "function", "function": {"name": schema}},
    }


def test_the_fake_model_writes_the_conversation_s_own_hero_into_the_cast() -> None:
    name = script.hero_name(3, "en")
    idea = script.conversation(name, "en")[0].text
    prompt = f"Idea: {idea}\nWrite the character bible: 2 characters at most."
    cast = json.loads(fake_model.answer(_tool_request("CastDraft", prompt)).text)
    assert [person["name"] for person in cast["characters"]] == [name, "Grandma"]
    assert "Ming" not in json.dumps(cast)


def test_the_fake_model_rewrites_each_scene_its_own_way_over_real_http() -> None:
    name = script.hero_name(9, "zh")
    scene = {
        "action": [f"{name}看了看钟。"],
        "dialogue": [{"speaker": name, "text": "再教我一次。"}],
    }
    as_now = json.dumps(scene, ensure_ascii=False)
    prompt = f"修改要求：让第2场更有趣\n\n第2场，INT. 厨房 - DAY，现在是这样：\n{as_now}"
    with fake_model.LoadModel() as model:
        response = httpx.post(
            f"{model.base_url}/chat/completions",
            json=_tool_request("SceneRewrite", prompt),
            timeout=10,
        )
    call = response.json()["choices"][0]["message"]["tool_calls"][0]["function"]
    rewrite = json.loads(call["arguments"])
    beat, line = script.funny_beat(2, "zh", name)
    assert rewrite["action"] == [f"{name}看了看钟。", beat]
    assert rewrite["dialogue"][-1] == {"speaker": name, "text": line}


def test_a_reply_is_judged_by_errors_then_the_genre_question_then_what_it_shows() -> None:
    turn = script.Turn("draft", "you choose", expect=("- **Qabababababa**",))
    judge = client.Conversation._judge
    assert judge(turn, "## Title\n- **Qabababababa** — lead", [], []) == ""
    assert "does not show" in judge(turn, "message: you choose", [], [])
    assert judge(turn, "- **Qabababababa**", ["Something went wrong"], []).startswith("error")
    question = script.Turn("idea", "an idea", asks_genre=True)
    assert judge(question, "Which genre?", [], ["choose_genre"]) == ""
    assert "genre question" in judge(question, "Which genre?", [], [])


def test_percentiles_are_nearest_rank_and_ratios_compare_the_largest_group() -> None:
    values = [float(n) for n in range(1, 21)]
    assert report.percentile(values, 0.95) == 19.0
    assert report.percentile(values, 0.5) == 10.0
    assert report.percentile([], 0.5) != report.percentile([], 0.5)  # NaN

    def phase(users: int, *latencies: float) -> object:
        turns = [client.TurnRecord("u", "n", "draft", s) for s in latencies]
        return report.Phase(users, turns, wall_s=10.0, cpu_s=1.0)

    assert report.p95_ratio([phase(1, 1.0, 2.0), phase(20, 3.0, 4.0)]) == 2.0


def _samples(rss: list[float], files: list[int], every: int = 25) -> list[object]:
    return [
        studio.Footprint(turns=every * i, rss_mb=mb, open_files=n, processes=1, cpu_s=0.0)
        for i, (mb, n) in enumerate(zip(rss, files, strict=True), start=1)
    ]


def test_memory_is_flat_only_when_neither_rss_nor_open_files_keep_growing() -> None:
    phase = report.Phase(5, [], wall_s=1.0, cpu_s=0.0)
    steady = report.Soak(phase, _samples([400, 402, 401, 403, 402, 401], [40] * 6))
    assert steady.flat()
    assert abs(report.slope(steady.settled, "rss_mb")) < 0.05
    leaking = report.Soak(phase, _samples([400, 410, 420, 430, 440, 450], [40] * 6))
    assert report.slope(leaking.settled, "rss_mb") == pytest.approx(0.4)
    assert leaking.judged() and not leaking.flat()
    files = report.Soak(phase, _samples([400] * 6, [40, 42, 44, 46, 48, 50]))
    assert not files.flat()
    short = report.Soak(phase, _samples([400, 450, 500], [40] * 3, every=5))
    assert not short.judged()


def test_the_files_on_disk_must_each_hold_their_own_conversation_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    mine = users.Chat("user01", script.hero_name(1, "en"), "en", "thread-a")
    theirs = users.Chat("user02", script.hero_name(2, "zh"), "zh", "thread-b")
    for chat in (mine, theirs):
        folder = project_dir(user=chat.user, thread=chat.thread_id, home=home)
        folder.mkdir(parents=True)
        (folder / "screenplay.fountain").write_text(f"{chat.name.upper()}\nHello.\n")
        (folder / "screenplay.json").write_text(json.dumps({"cast": [chat.name]}))
    drafted = {mine.name, theirs.name}
    assert crosstalk.file_problems(home, [mine, theirs], drafted) == []

    folder = project_dir(user=mine.user, thread="thread-a", home=home)
    (folder / "screenplay.json").write_text(json.dumps({"cast": [theirs.name]}))
    (home / "projects" / "user03-x" / "thread-z").mkdir(parents=True)
    problems = crosstalk.file_problems(home, [mine, theirs], drafted)
    assert any(theirs.name in p and "user01" in p for p in problems)
    assert any("no conversation owns" in p for p in problems)


def test_a_chat_shown_another_name_after_its_turns_is_cross_talk_once() -> None:
    mine = users.Chat("user01", script.hero_name(1, "en"), "en", "thread-a")
    mine.foreign = {script.hero_name(2, "en"), script.hero_name(3, "zh")}
    already = {mine.name: {script.hero_name(2, "en")}}
    [problem] = crosstalk.chat_problems([mine], already)
    assert script.hero_name(3, "zh") in problem and script.hero_name(2, "en") not in problem
    mine.foreign = set(already[mine.name])
    assert crosstalk.chat_problems([mine], already) == []


@pytest.mark.slow
def test_the_quick_run_has_no_errors_and_no_cross_talk(tmp_path: Path) -> None:
    """The real server, two users at most and a 20-turn soak (about two minutes)."""
    bench = _bench("bench_load")
    options = bench.Options(**{**bench.QUICK.__dict__, "out": tmp_path / "r.md", "quick": True})
    results = bench.run_bench(options, tmp_path / "run")
    assert results.errors == []
    assert results.crosstalk == []
    assert [len(phase.turns) for phase in results.phases] == [6, 12]
    assert len(results.soak.phase.turns) == 20
    assert results.soak.samples[-1].turns == 20
    assert all(turn.latency_s > 0 for phase in results.phases for turn in phase.turns)
    text = bench.markdown(results, options)
    assert "Rerun: `.venv/bin/python bench/bench_load.py --quick`" in text
    assert "cross-talk: 0: **PASS**" in text
