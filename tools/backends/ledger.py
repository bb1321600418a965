"""The spend ledger: every paid job of a project, so nothing is paid for twice or past a cap.

``spending.json`` in the project folder (0600, rewritten atomically under a lock file, so
scenes rendering at once and a second process never lose an entry) lists each paid job:
its key (the part it makes), scene, price estimate, the provider's job id and its status.
A job is *reserved* before it is sent, with the idempotency key the request will carry,
so even a process killed between sending and hearing back leaves a trace: the next try
sends the same key (a provider that honours it returns the same job) and the reservation
counts as spent until then. A job that was created is polled to the end by its id, never
submitted again.

A budget caps what the jobs of a project may cost together: a reservation that would
pass it is refused (:class:`BudgetReached`, final), and what was already paid stays paid.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from film.paths import PRIVATE_FILE_MODE, atomic_write_text, private_file
from tools.backends.base import RenderError

LEDGER_NAME = "spending.json"
LOCK_NAME = ".spending.lock"
Status = Literal["reserved", "created", "completed", "expired", "failed", "refused"]
COUNTED: frozenset[str] = frozenset({"reserved", "created", "completed", "expired"})
"""Statuses that cost money (or may have: a reservation whose reply was lost). ``expired``:
paid, but the provider no longer has the video; ``failed`` and ``refused`` jobs are not billed."""
_SLACK = 1e-9
log = logging.getLogger(__name__)


class BudgetReached(RenderError):
    """A paid job would pass the budget: it is not sent (a final error, nothing spent)."""

    def __init__(self, message: str, *, budget: float, spent: float, needed: float) -> None:
        super().__init__(message, final=True)
        self.budget = budget
        self.spent = spent
        self.needed = needed


@dataclass(frozen=True)
class PaidJob:
    """One paid job as the ledger records it."""

    key: str
    """What the job makes (a part file's name): the same work always has the same key."""
    scene: int | None
    what: str
    estimate: float
    status: Status = "reserved"
    job_id: str | None = None
    request_key: str = ""
    """The idempotency key the create request carries (reused when it is sent again)."""
    segment: str = ""
    """The scene's segment cache key when it was rendered (an edited scene is new work)."""
    updated: float = field(default_factory=time.time)

    @property
    def counted(self) -> bool:
        """Whether this job costs money (or may have cost it)."""
        return self.status in COUNTED


class SpendLedger:
    """The paid jobs of one project folder."""

    def __init__(self, project_dir: Path) -> None:
        self.folder = Path(project_dir)
        self.path = self.folder / LEDGER_NAME

    def jobs(self) -> list[PaidJob]:
        """Every job recorded, oldest first (an unreadable ledger is reported, not guessed)."""
        return self._read()

    def spent(self) -> float:
        """What the project's jobs cost (or may have cost) so far."""
        return sum(job.estimate for job in self._read() if job.counted)

    def find(self, key: str) -> PaidJob | None:
        """The latest record of the job making ``key``, if any."""
        found = [job for job in self._read() if job.key == key]
        return found[-1] if found else None

    def reserve(
        self,
        key: str,
        *,
        scene: int | None,
        what: str,
        estimate: float,
        budget: float | None,
        segment: str = "",
    ) -> PaidJob:
        """Record a job about to be sent, unless it would pass ``budget``.

        A reservation left by an earlier try of the same work (its reply never came) is
        reused with its idempotency key, and it is already counted, so it is not charged
        against the budget a second time.

        Raises:
            BudgetReached: when the job's estimate would take the spending past ``budget``.
        """
        with self._locked():
            jobs = self._read()
            earlier = next((j for j in reversed(jobs) if j.key == key), None)
            if earlier is not None and earlier.status == "reserved" and earlier.job_id is None:
                return earlier
            spent = sum(job.estimate for job in jobs if job.counted)
            if budget is not None and spent + estimate > budget + _SLACK:
                raise BudgetReached(
                    f"the budget of {budget:.2f} is reached ({spent:.2f} spent; {what} would "
                    f"cost {estimate:.2f} more)",
                    budget=budget,
                    spent=spent,
                    needed=estimate,
                )
            job = PaidJob(
                key=key,
                scene=scene,
                what=what,
                estimate=round(estimate, 6),
                request_key=f"microfilm-{uuid.uuid4().hex}",
                segment=segment,
            )
            self._write([*jobs, job])
            return job

    def update(self, key: str, **changes: Any) -> PaidJob | None:
        """Change the latest record of ``key`` (status, job id); None if there is none."""
        with self._locked():
            jobs = self._read()
            for index in range(len(jobs) - 1, -1, -1):
                if jobs[index].key == key:
                    jobs[index] = replace(jobs[index], **changes, updated=time.time())
                    self._write(jobs)
                    return jobs[index]
        return None

    def record(self, job: PaidJob) -> None:
        """Keep ``job`` as its key's record: one a render on another machine reserved or ran.

        The same reservation (its idempotency key) is replaced; another one is added.
        """
        with self._locked():
            jobs = self._read()
            same = [i for i, j in enumerate(jobs) if j.request_key == job.request_key]
            if same and job.request_key:
                jobs[same[-1]] = job
            else:
                jobs.append(job)
            self._write(jobs)

    def note_resumed(self, key: str, job_id: str, *, scene: int | None, what: str) -> None:
        """A job found by its id from an earlier run: make sure the ledger lists it.

        Job ids recorded before the ledger existed (or with the ledger deleted) are still
        paid work, so they are added rather than trusted to be there.
        """
        known = self.find(key)
        if known is not None and known.job_id == job_id:
            return
        if known is not None:
            self.update(key, job_id=job_id, status="created")
            return
        with self._locked():
            job = PaidJob(key, scene, what, 0.0, "created", job_id)
            self._write([*self._read(), job])

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the project's ledger lock (threads and processes alike)."""
        lock = private_file(self.folder / LOCK_NAME)
        with lock.open("r+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _read(self) -> list[PaidJob]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise RenderError(
                f"The spend ledger {LEDGER_NAME} cannot be read ({exc}); nothing more is paid "
                "for until it is repaired or removed.",
                final=True,
            ) from None
        names = set(PaidJob.__dataclass_fields__)
        try:
            return [PaidJob(**{k: v for k, v in raw.items() if k in names}) for raw in data["jobs"]]
        except (KeyError, TypeError, AttributeError):
            raise RenderError(
                f"The spend ledger {LEDGER_NAME} is not in the expected form; nothing more is "
                "paid for until it is repaired or removed.",
                final=True,
            ) from None

    def _write(self, jobs: list[PaidJob]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": 1, "jobs": [asdict(job) for job in jobs]}, indent=1)
        atomic_write_text(self.path, text)
        os.chmod(self.path, PRIVATE_FILE_MODE)


@dataclass(frozen=True)
class SceneSpending:
    """What a backend rendering one scene needs to pay for its jobs: where, for whom, how much.

    Handed to the backend on the :class:`~tools.backends.base.RenderRequest`; a request
    without one (tools used on their own, tests) pays without a ledger.
    """

    ledger: SpendLedger
    scene: int | None
    segment: str = ""
    budget: float | None = None

    def reserve(self, key: str, what: str, estimate: float) -> PaidJob:
        """Reserve one job of this scene (see :meth:`SpendLedger.reserve`)."""
        return self.ledger.reserve(
            key,
            scene=self.scene,
            what=what,
            estimate=estimate,
            budget=self.budget,
            segment=self.segment,
        )
