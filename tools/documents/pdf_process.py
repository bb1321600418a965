"""Screenplay PDFs typeset in one spare process, for a server with many conversations.

Why a process: fpdf2 subsets every font it embeds with fontTools, which is pure Python and
holds the GIL for the whole subset: 0.44-0.58 s for an English screenplay and 0.78-1.17 s for
a Chinese one, measured on the development machine. In the web server a PDF is typeset on
every turn that changes the screenplay, and each one stalled the event loop that streams every
other user's reply: with 20 users the 95th-percentile turn took 2.65 times as long as with one
(``bench/results-load-1v20-early.md``). In a process of its own the subset runs beside the
event loop instead of inside it.

Why one worker: a turn typesets at most one PDF, and two cores are shared with the model and
the renderer; a queue of PDFs is cheaper than a second process of fonts in memory.

The CLI and the tests typeset in the calling thread (:func:`tools.documents.pdf.screenplay_pdf`);
only a long-lived server turns this on.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from film.screenplay import Screenplay
from tools.documents.pdf import screenplay_pdf

log = logging.getLogger(__name__)


class PdfProcess:
    """A lazily started single-process pool that typesets PDFs; blocking calls, thread-safe.

    A worker that dies (killed, out of memory) is replaced on the next call, and the PDF it was
    making is typeset in the calling thread instead, so a turn never loses its PDF to it.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _running_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn, not fork: the server has threads and an event loop a fork would copy.
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            return self._pool

    def _drop(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def typeset(self, screenplay: Screenplay, out_path: Path) -> Path:
        """Typeset ``screenplay`` into ``out_path`` in the worker; waits for it (call off-loop)."""
        pool = self._running_pool()
        try:
            return pool.submit(screenplay_pdf, screenplay, Path(out_path)).result()
        except BrokenProcessPool:
            log.warning("the PDF worker stopped; typesetting this PDF here and starting another")
            self._drop(pool)
            return screenplay_pdf(screenplay, Path(out_path))

    def close(self) -> None:
        """Stop the worker (if one started); a later call starts a fresh one."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    @property
    def worker_pids(self) -> list[int]:
        """The worker's process id, once one runs (tests and the load bench look at it)."""
        pool = self._pool
        processes = getattr(pool, "_processes", None) or {}
        return sorted(processes)
