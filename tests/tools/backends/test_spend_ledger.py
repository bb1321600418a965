"""The spend ledger: reservations against a budget, statuses, a private file, many writers."""

from __future__ import annotations

import json
import stat
import threading
from pathlib import Path

import pytest

from tools.backends.ledger import LEDGER_NAME, BudgetReached, SceneSpending, SpendLedger


def test_a_job_is_reserved_then_tracked_and_what_it_cost_adds_up(tmp_path: Path) -> None:
    ledger = SpendLedger(tmp_path)
    assert ledger.jobs() == [] and ledger.spent() == 0
    job = ledger.reserve("part-1-a.mp4", scene=1, what="8 s", estimate=0.8, budget=None)
    assert job.status == "reserved" and job.request_key.startswith("microfilm-")
    assert ledger.spent() == pytest.approx(0.8), "a job about to be sent counts as spent"
    ledger.update("part-1-a.mp4", job_id="video_1", status="created")
    ledger.update("part-1-a.mp4", status="completed")
    ledger.reserve("part-2-b.mp4", scene=2, what="4 s", estimate=0.4, budget=None)
    ledger.update("part-2-b.mp4", status="failed")
    ledger.reserve("shot-1.png", scene=2, what="1 image", estimate=0.06, budget=None)
    ledger.update("shot-1.png", status="refused")
    assert [(j.key, j.status, j.job_id) for j in ledger.jobs()] == [
        ("part-1-a.mp4", "completed", "video_1"),
        ("part-2-b.mp4", "failed", None),
        ("shot-1.png", "refused", None),
    ]
    assert ledger.spent() == pytest.approx(0.8), "failed and refused jobs are not billed"
    mode = stat.S_IMODE((tmp_path / LEDGER_NAME).stat().st_mode)
    assert mode == 0o600, oct(mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".spending.")] == [
        ".spending.lock"
    ], "no temporary file is left behind"


def test_a_reservation_past_the_budget_is_refused_and_nothing_is_recorded(
    tmp_path: Path,
) -> None:
    scene = SceneSpending(SpendLedger(tmp_path), scene=3, segment="k", budget=1.0)
    scene.reserve("part-1.mp4", "8 s", 0.8)
    with pytest.raises(BudgetReached) as refused:
        scene.reserve("part-2.mp4", "4 s", 0.4)
    assert refused.value.final and refused.value.spent == pytest.approx(0.8)
    assert "budget of 1.00 is reached (0.80 spent" in str(refused.value)
    assert [j.key for j in scene.ledger.jobs()] == ["part-1.mp4"]
    scene.reserve("part-3.mp4", "2 s", 0.2)  # exactly up to the budget is allowed
    assert scene.ledger.spent() == pytest.approx(1.0)
    assert {j.segment for j in scene.ledger.jobs()} == {"k"}


def test_a_reservation_whose_reply_never_came_is_reused_with_its_key(tmp_path: Path) -> None:
    ledger = SpendLedger(tmp_path)
    first = ledger.reserve("part-1.mp4", scene=1, what="8 s", estimate=0.8, budget=0.8)
    again = ledger.reserve("part-1.mp4", scene=1, what="8 s", estimate=0.8, budget=0.8)
    assert again.request_key == first.request_key, "the same idempotency key is sent again"
    assert len(ledger.jobs()) == 1 and ledger.spent() == pytest.approx(0.8)
    ledger.update("part-1.mp4", job_id="video_9", status="completed")
    with pytest.raises(BudgetReached):  # finished work asked for anew is new money
        ledger.reserve("part-1.mp4", scene=1, what="8 s", estimate=0.8, budget=0.8)


def test_jobs_found_by_id_are_listed_even_without_a_reservation(tmp_path: Path) -> None:
    ledger = SpendLedger(tmp_path)
    ledger.note_resumed("part-1.mp4", "video_7", scene=2, what="Scene 2, part 1/1")
    ledger.note_resumed("part-1.mp4", "video_7", scene=2, what="Scene 2, part 1/1")
    [job] = ledger.jobs()
    assert (job.job_id, job.status, job.scene) == ("video_7", "created", 2)


def test_scenes_reserving_at_once_never_lose_an_entry_or_pass_the_budget(tmp_path: Path) -> None:
    ledger = SpendLedger(tmp_path)
    refused: list[str] = []

    def reserve(key: str) -> None:
        try:
            SpendLedger(tmp_path).reserve(key, scene=1, what="1 s", estimate=0.1, budget=1.0)
        except BudgetReached:
            refused.append(key)

    workers = [threading.Thread(target=reserve, args=(f"part-{i}",)) for i in range(16)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(ledger.jobs()) == 10 and len(refused) == 6
    assert ledger.spent() == pytest.approx(1.0)


def test_a_damaged_ledger_stops_spending_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / LEDGER_NAME).write_text("{not json", encoding="utf-8")
    ledger = SpendLedger(tmp_path)
    with pytest.raises(Exception, match="spend ledger spending.json cannot be read") as caught:
        ledger.reserve("part-1", scene=1, what="1 s", estimate=0.1, budget=None)
    assert getattr(caught.value, "final", False)
    (tmp_path / LEDGER_NAME).write_text(json.dumps({"jobs": [{"nope": 1}]}), encoding="utf-8")
    with pytest.raises(Exception, match="not in the expected form"):
        ledger.spent()
