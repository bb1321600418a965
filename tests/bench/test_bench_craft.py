"""The craft bench's pure parts on synthetic records, and its whole path on the scripted model."""

from __future__ import annotations

import dataclasses
import importlib
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from fakes import ScriptedChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel

import agent.model.providers
import knowledge
from agent.events import Progress, ReplyToken, StageEnded, StageStarted
from agent.model.gate import GateRecord
from film.form import estimate_runtime
from film.screenplay import Genre, Screenplay

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # bench/ holds scripts, not an installed package


def _bench(name: str) -> ModuleType:
    return importlib.import_module(f"bench.{name}")


records = _bench("craft.records")
report = _bench("craft.report")
judge = _bench("craft.judge")

VERDICT = (
    '{"coherence": {"score": 4, "reason": "Clear."}, "faithfulness": {"score": 5, "reason": '
    '"All there."}, "genre_fit": {"score": 3, "reason": "Generic."}, "dialogue": {"score": 2, '
    '"reason": "Flat."}, "completeness": {"score": 4, "reason": "Ends."}}'
)


def _idea(**changes: Any) -> Any:
    fields = {"id": "en-test", "language": "en", "genre": None, "seconds": 60, "idea": "x"}
    return records.Idea.model_validate({**fields, **changes})


def _measures(**changes: Any) -> Any:
    fields = {
        "title": "The Lift",
        "genre": "youth-romance",
        "scenes": 3,
        "runtime_s": 57.0,
        "language": "en",
        "terms": 8,
        "covered_film": 6,
        "covered_scenes": 3,
    }
    return records.Measures(**{**fields, **changes})


def test_the_idea_set_covers_both_languages_every_genre_and_the_length_range() -> None:
    ideas = records.load_ideas()
    assert len(ideas) >= 12 and len({i.id for i in ideas}) == len(ideas)
    assert {i.language for i in ideas} == {"en", "zh"}
    assert {i.genre for i in ideas if i.genre} == set(Genre)
    assert min(i.seconds for i in ideas) == 30 and max(i.seconds for i in ideas) == 300
    assert [i.id for i in records.pick_ideas(ideas, [], 2)] == [ideas[0].id, ideas[1].id]
    picked = records.pick_ideas(ideas, [ideas[3].id, ideas[1].id], None)
    assert [i.id for i in picked] == [ideas[1].id, ideas[3].id]
    with pytest.raises(ValueError, match="unknown idea ids"):
        records.pick_ideas(ideas, ["no-such-idea"], None)


def test_the_stage_clock_times_stages_and_their_first_visible_text() -> None:
    clock = records.StageClock()
    events = [
        (StageStarted("a", "write_logline", None), 0.0),
        (Progress("logline", "Thinking"), 1.5),
        (ReplyToken("r", "more"), 2.0),
        (StageEnded("a", "write_logline"), 10.0),
        (StageStarted("b", "write_outline", None), 11.0),
        (StageEnded("b", "write_outline"), 14.0),
        (StageStarted("c", "write_logline", None), 20.0),  # a second run adds up
        (Progress("logline", "Again"), 25.0),
        (StageEnded("c", "write_logline"), 22.0 + 8.0),
        (Progress("stray", "after every stage"), 40.0),
    ]
    for event, at in events:
        clock.see(event, at)
    timings = {t.name: t for t in clock.timings()}
    assert list(timings) == ["write_logline", "write_outline"]
    logline, outline = timings["write_logline"], timings["write_outline"]
    assert (logline.seconds, logline.first_visible_s, logline.first_token_s) == (20.0, 1.5, 2.0)
    assert logline.longest_silence_s == 8.0  # 2.0 -> 10.0, the longest wait for news
    assert (outline.seconds, outline.first_visible_s, outline.first_token_s) == (3.0, None, None)
    assert outline.longest_silence_s == 3.0


def test_measures_read_length_language_and_idea_terms(english_screenplay: Screenplay) -> None:
    idea = "A shy student and a night-shift driver share the last bus of the year."
    m = records.measure(english_screenplay, idea)
    assert m.language == "en" and m.scenes == len(english_screenplay.scenes)
    assert m.terms > 0 and 0 < m.covered_scenes <= m.covered_film <= m.terms
    assert m.runtime_s == estimate_runtime(english_screenplay)
    result = records.IdeaResult(_idea(), 1.0, measures=m)
    assert result.drafted and result.language_ok
    assert records.IdeaResult(_idea(language="zh"), 1.0, measures=m).language_ok is False


def test_length_accuracy_is_within_fifteen_percent_of_the_request() -> None:
    def result(runtime: float) -> Any:
        return records.IdeaResult(_idea(seconds=60), 1.0, measures=_measures(runtime_s=runtime))

    assert result(51.0).length_ok and result(69.0).length_ok
    assert not result(50.0).length_ok and not result(70.0).length_ok
    assert result(45.0).length_error == pytest.approx(-0.25)
    failed = records.IdeaResult(_idea(), 1.0, error="refused")
    assert not failed.drafted and not failed.length_ok and failed.length_error is None


def test_gate_records_add_up_to_passes_repairs_and_refusals() -> None:
    summary = report.gate_summary(
        [
            GateRecord("logline", (), 1, True),
            GateRecord("characters", ("names.label", "script.language"), 2, True),
            GateRecord("scenes", ("names.label",), 3, False),
        ]
    )
    assert (summary.answers, summary.passed, summary.first_try) == (3, 2, 1)
    assert summary.fired == {"names.label": 2, "script.language": 1}
    assert summary.repaired == {"names.label": 1, "script.language": 1}
    assert summary.refused == {"names.label": 1}


def test_the_results_page_has_every_figure_per_idea_and_in_total() -> None:
    good = records.IdeaResult(
        _idea(id="en-good", genre="youth-romance"),
        95.0,
        stages=[records.StageTiming("write_logline", 12.0, 0.8, None, 9.5)],
        gate=[GateRecord("logline", ("debris.json",), 2, True)],
        measures=_measures(),
        scores=dict.fromkeys(judge.CRITERIA, 4),
        reasons={"coherence": "Every | scene follows."},
    )
    bad = records.IdeaResult(
        _idea(id="zh-bad", language="zh", seconds=120),
        200.0,
        gate=[GateRecord("scenes", ("coverage.film",), 3, False)],
        error="The scenes kept failing.",
        judge_error="JudgeError: no JSON",
    )
    page = report.markdown([good, bad], header=["Run somewhere."], command="bench it")
    assert "Rerun: `bench it`" in page and "Run somewhere." in page
    assert "Drafts through the gate to version 1: 1/2 (50%)" in page
    assert "whole-film review): 1/2 (50%) passed" in page
    assert "Length within ±15%: 1/2 (50%)" in page
    assert "Language as the idea's: 1/2 (50%)" in page
    assert "one-minute ideas 95 s on average" in page
    assert "| en-good | en | youth-romance | 60 s | 57 s (-5% ok) | ok | 6/8 (scenes 3) |" in page
    assert "| zh-bad |" in page and "failed: The scenes kept failing." in page
    assert "| en-good | — | 12.0 / 0.8 / 9.5 | — |" in page
    assert (
        "slowest 0.8 s" in page
        and "Longest silence inside a stage (nothing new shown): 9.5 s" in page
    )
    assert "| debris.json | 1 | 1 | 0 |" in page and "| coverage.film | 1 | 0 | 1 |" in page
    assert "| en-good | 4 | 4 | 4 | 4 | 4 | 4.0 |" in page
    assert "Every \\| scene follows." in page and "zh-bad: judge failed" in page
    unjudged = dataclasses.replace(bad, judge_error=None)
    assert "No judge ran" in report.markdown([unjudged], header=[], command="x")


def test_the_judge_answer_is_validated_and_asked_again_once() -> None:
    verdict = judge.parse_verdict(f"Here you go:\n```json\n{VERDICT}\n```")
    assert verdict.scores() == {
        "coherence": 4,
        "faithfulness": 5,
        "genre_fit": 3,
        "dialogue": 2,
        "completeness": 4,
    }
    with pytest.raises(judge.JudgeError, match="score"):
        judge.parse_verdict(VERDICT.replace('"score": 4', '"score": 9', 1))
    messages = judge.judge_messages("RUBRIC TEXT", "an idea", "Youth Romance", 60, "INT. LIFT")
    assert "RUBRIC TEXT" in messages[0].text and "INT. LIFT" in messages[1].text
    assert "coherence" in judge.RUBRIC_PATH.read_text("utf-8")


async def test_the_judge_names_an_invalid_answer_and_gives_up_after_two() -> None:
    model = FakeListChatModel(responses=["not json", VERDICT])
    verdict = await judge.judge_screenplay(
        model, idea="i", genre="g", seconds=60, fountain="f", rubric="r"
    )
    assert verdict.dialogue.score == 2
    broken = FakeListChatModel(responses=["no", "still no"])
    with pytest.raises(judge.JudgeError):
        await judge.judge_screenplay(broken, idea="i", genre="g", seconds=60, fountain="f")


def test_the_judge_runs_only_with_a_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MICROFILM_JUDGE_MODEL", "MICROFILM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    assert judge.judge_model_from_env() is None
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    with pytest.raises(ValueError, match="MICROFILM_JUDGE_MODEL"):
        judge.judge_model_from_env()
    monkeypatch.setenv("MICROFILM_JUDGE_MODEL", "judge-7b")
    assert getattr(judge.judge_model_from_env(), "model_name", None) == "judge-7b"


def _fake_search(
    query: str,
    genre: str | None = None,
    topic: str | None = None,
    k: int = 4,
    language: str | None = None,
) -> Any:
    return [SimpleNamespace(text="Keep one turn.", source="g.md", heading="H", genre=genre)][:k]


def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, model: ScriptedChatModel) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MICROFILM_PROVIDER", "embedded")  # main() pins it; restored after
    monkeypatch.setenv("MICROFILM_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(agent.model.providers, "load_chat_model", lambda context=None: model)
    monkeypatch.setattr(knowledge, "search_guidelines", _fake_search)


def test_the_whole_bench_runs_on_the_scripted_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _bench("bench_craft")
    _offline(monkeypatch, tmp_path, ScriptedChatModel())
    drafted: list[Any] = []

    async def draft_idea(*args: Any) -> Any:
        drafted.append(await original(*args))
        return drafted[-1]

    original = bench.draft_idea
    monkeypatch.setattr(bench, "draft_idea", draft_idea)
    ideas = "en-ancient-letter,zh-family-streetdance-one-prompt"
    code = bench.main(["--ideas", ideas, "--out", str(tmp_path / "out")])
    page = (tmp_path / "out" / "results-craft.md").read_text("utf-8")
    assert code == 0, page
    assert "Drafts through the gate to version 1: 2/2 (100%)" in page
    assert "| en-ancient-letter | en | ancient-style | 90 s |" in page
    assert "| zh-family-streetdance-one-prompt | zh | touching-family (chosen) |" in page
    stages = [{t.name for t in result.stages} for result in drafted]
    assert all("finalize_draft" in names and "plan_production" not in names for names in stages)
    assert all(r.gate and all(g.passed for g in r.gate) for r in drafted)
    assert all(any(g.stage == "scenes (whole film)" for g in r.gate) for r in drafted)
    for idea_id in ideas.split(","):
        fountain = (tmp_path / "out" / "samples" / f"{idea_id}.fountain").read_text("utf-8")
        assert fountain.startswith("Title:")
    assert f"--ideas {ideas}" in capsys.readouterr().out


def test_a_broken_idea_is_reported_and_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bench = _bench("bench_craft")
    _offline(monkeypatch, tmp_path, ScriptedChatModel(every_call=RuntimeError("no model")))
    assert bench.main(["--limit", "1", "--out", str(tmp_path)]) == 1
    page = (tmp_path / "results-craft.md").read_text("utf-8")
    assert "Drafts through the gate to version 1: 0/1 (0%)" in page and "| failed: " in page
    assert not (tmp_path / "samples").exists()
    assert bench.main(["--ideas", "nope", "--out", str(tmp_path)]) == 2
