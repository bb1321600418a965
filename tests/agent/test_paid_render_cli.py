"""``microfilm`` before a paid render: the estimate, --yes, --budget, and the chat's question.

The real ``openai-videos`` backend renders against the fake OpenAI-compatible video server
on 127.0.0.1 (:mod:`fake_media_server`), which counts every job it is asked to create; the
scripted model drafts in an instant.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fake_media_server import API_KEY, FakeMediaServer
from fakes import Studio

from agent import cli

IDEA = "a film about a grandma teaching her grandson to make dumplings"
DRAFT = ["draft", IDEA, "--genre", "touching-family", "--seconds", "20"]
PAID = ["--backend", "openai-videos", "--resolution", "180x320"]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    Studio(monkeypatch, tmp_path / "studio")  # the scripted model, a throwaway home
    with FakeMediaServer() as fake:
        monkeypatch.setenv("MICROFILM_VIDEO_BASE_URL", fake.root)
        monkeypatch.setenv("MICROFILM_VIDEO_API_KEY", API_KEY)
        monkeypatch.setenv("MICROFILM_VIDEO_PRICE_PER_S", "0.1")
        monkeypatch.setenv("MICROFILM_VIDEO_THUMBNAIL", "off")
        monkeypatch.setenv("MICROFILM_POLL_INTERVAL_S", "0.01")
        monkeypatch.delenv("MICROFILM_PRICE_CURRENCY", raising=False)
        monkeypatch.delenv("MICROFILM_BUDGET", raising=False)
        yield fake


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _scene_costs(text: str) -> list[float]:
    return [float(cost) for cost in re.findall(r"Scene \d+: ([\d.]+) USD", text)]


def test_a_paid_draft_prints_the_estimate_and_spends_nothing_without_yes(
    capsys, server: FakeMediaServer, tmp_path: Path
) -> None:
    out = tmp_path / "film"
    code, _, err = _run(capsys, *DRAFT, "--out", str(out), *PAID)
    assert code == 3, err
    assert 'Rendering "' in err and "with openai-videos is paid work" in err
    costs = _scene_costs(err)
    assert costs and all(cost > 0 for cost in costs)
    assert f"Total: about {sum(costs):.2f} USD." in err
    assert "Run again with --yes to render it, or with --budget AMOUNT" in err
    assert "Confirm to render" not in err, "nobody can answer a question here"
    assert server.requests == [], "nothing was sent to the paid service"
    assert sorted(p.name for p in out.iterdir()) == [
        "screenplay.fountain",
        "screenplay.json",
        "screenplay.pdf",
    ]
    assert cli.main([*DRAFT, "--out", str(out), *PAID, "--budget", "0"]) == 2
    assert "--budget must be an amount above zero" in capsys.readouterr().err


def test_a_budget_renders_the_scenes_it_reaches_and_names_the_rest(
    capsys, server: FakeMediaServer, tmp_path: Path
) -> None:
    _, _, estimate = _run(capsys, *DRAFT, "--out", str(tmp_path / "priced"), *PAID)
    costs = _scene_costs(estimate)
    budget = f"{costs[0]:.2f}"
    out = tmp_path / "film"
    code, _, err = _run(capsys, *DRAFT, "--out", str(out), *PAID, "--budget", budget)
    assert code == 1, err
    left = list(range(2, len(costs) + 1))
    named = "scene 2" if left == [2] else "scenes " + ", ".join(map(str, left[:-1]))
    assert f"The film is not finished: {named}" in err
    assert f"(the budget of {budget} USD is reached)" in err
    assert not (out / "film.mp4").exists() and (out / "screenplay.fountain").is_file()
    ledger = json.loads((out / "spending.json").read_text(encoding="utf-8"))
    assert {job["scene"] for job in ledger["jobs"]} == {1}
    assert all(job["status"] == "completed" for job in ledger["jobs"])
    assert len(server.jobs) == len(ledger["jobs"]), "only scene 1's jobs were bought"
    assert sum(job["estimate"] for job in ledger["jobs"]) <= float(budget) + 1e-9


def test_yes_renders_the_film_and_keeps_the_ledger_with_it(
    capsys, server: FakeMediaServer, tmp_path: Path
) -> None:
    out = tmp_path / "film"
    code, stdout, err = _run(capsys, *DRAFT, "--out", str(out), *PAID, "--yes")
    assert code == 0, err
    assert "is paid work" not in err and (out / "film.mp4").is_file()
    assert str(out / "spending.json") in stdout.split()
    jobs = json.loads((out / "spending.json").read_text(encoding="utf-8"))["jobs"]
    assert sorted(job["job_id"] for job in jobs) == sorted(server.jobs)
    assert server.count("POST", "/v1/videos") == len(server.jobs), "no job was sent twice"


def test_the_chat_asks_and_spends_only_after_a_yes(
    capsys, monkeypatch, server: FakeMediaServer, tmp_path: Path
) -> None:
    typed = [IDEA, "2", "render it", "no", "render it", "yes"]

    def type_line(prompt: str = "") -> str:
        if not typed:
            raise EOFError
        if typed[0] == "yes":
            assert server.requests == [], "nothing is sent before the yes"
        return typed.pop(0)

    monkeypatch.setattr("builtins.input", type_line)
    db = tmp_path / "chat.sqlite"
    assert cli.main(["chat", "--db", str(db), "--thread", "paid", *PAID]) == 0
    out = capsys.readouterr().out
    assert out.count("is paid work") == 2 and out.count('Answer "yes" to render') == 2
    assert "Declined: nothing was rendered and nothing was spent." in out
    assert "The film is ready" in out
    assert server.jobs and server.count("POST", "/v1/videos") == len(server.jobs)
