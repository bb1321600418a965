"""The spare PDF process: same PDF as in-thread, off the caller's process, survives a kill."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from agent import exports
from film.screenplay import Screenplay
from tools.documents.pdf_process import PdfProcess


def _is_pdf(path: Path) -> bool:
    return path.read_bytes()[:5] == b"%PDF-" and path.stat().st_size > 5_000


def test_pdf_is_typeset_in_another_process_and_matches_the_text(
    chinese_screenplay: Screenplay, tmp_path: Path
) -> None:
    process = PdfProcess()
    try:
        out = process.typeset(chinese_screenplay, tmp_path / "zh.pdf")
        assert out == tmp_path / "zh.pdf" and _is_pdf(out)
        pids = process.worker_pids
        assert len(pids) == 1 and pids[0] != os.getpid()
        again = process.typeset(chinese_screenplay, tmp_path / "again.pdf")
        assert process.worker_pids == pids, "one long-lived worker, not one per PDF"
        assert again.stat().st_size == out.stat().st_size
    finally:
        process.close()
    assert process.worker_pids == []


def test_a_killed_worker_costs_no_pdf_and_is_replaced(
    english_screenplay: Screenplay, tmp_path: Path
) -> None:
    process = PdfProcess()
    try:
        process.typeset(english_screenplay, tmp_path / "first.pdf")
        (victim,) = process.worker_pids
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(victim, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        second = process.typeset(english_screenplay, tmp_path / "second.pdf")
        assert _is_pdf(second), "the PDF the dead worker owed is typeset in the caller"
        third = process.typeset(english_screenplay, tmp_path / "third.pdf")
        assert _is_pdf(third)
        assert process.worker_pids and victim not in process.worker_pids
    finally:
        process.close()


def test_the_server_switch_routes_exports_through_the_worker(
    english_screenplay: Screenplay, tmp_path: Path
) -> None:
    process = exports.typeset_pdfs_apart()
    try:
        assert exports.typeset_pdfs_apart() is process, "one worker per server"
        written = exports.write_screenplay_files(english_screenplay, tmp_path)
        assert _is_pdf(written["pdf"])
        assert oct(written["pdf"].stat().st_mode & 0o777) == oct(0o600)
        assert len(process.worker_pids) == 1
    finally:
        exports.stop_typesetting_apart()
    assert exports._pdf_process is None
