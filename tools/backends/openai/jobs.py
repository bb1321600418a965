"""One ``/v1/videos`` job, from creation (or resumption after a crash) to a checked file.

Generated video is expensive, so a job's id is recorded beside its part file and in the
project's spend ledger (:mod:`tools.backends.ledger`) as soon as the job exists: a retry
polls that job instead of paying for a new one, and the same work asked for again (the
ledger knows it by the part's content key) downloads the finished job again rather than
generating it anew. Before a job is created it is reserved in the ledger against the budget,
with the idempotency key the create request carries. A ``failed`` job (usually moderation)
is final and its record is dropped.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from film.paths import atomic_write_bytes, atomic_write_text
from tools.backends.base import ProgressCallback
from tools.backends.http import ApiClient, ApiError
from tools.backends.ledger import PaidJob, SceneSpending
from tools.backends.openai.media import looks_like_video

log = logging.getLogger(__name__)


class VideoJob:
    """One job from creation (or resumption) to a downloaded, checked part file."""

    def __init__(
        self,
        api: ApiClient,
        part: Path,
        label: str,
        report: ProgressCallback,
        spending: SceneSpending | None = None,
    ) -> None:
        self.api = api
        self.part = part
        self.label = label
        self.report = report
        self.record = part.with_suffix(".job.json")
        self.spending = spending
        self.key = part.name
        """The ledger's name for this work: the part's content digest, the same in any run."""

    def run(
        self,
        *,
        fields: dict[str, str],
        reference: bytes | None,
        fraction: tuple[float, float],
        thumbnail: Path | None,
        price: float = 0.0,
    ) -> None:
        """Resume or create the job, poll it to the end and keep its checked video.

        Args:
            fields: the form fields of the job (model, prompt, seconds, size).
            reference: a reference sheet PNG sent with a new job, if any.
            fraction: where this job's progress starts in the scene's and how much it spans.
            thumbnail: where to keep the provider's preview image (its type adds a suffix).
            price: what a new job costs, reserved in the ledger before it is sent.

        Raises:
            BudgetReached: when a new job would pass the budget (nothing is sent).
            ApiError: ``final`` when the service refused the job; otherwise retryable.
        """
        start, share = fraction
        job_id = self._resumable_id()
        if job_id is None:
            reserved = self._reserve(fields, price)
            self.report(f"{self.label}: submitting a {fields['seconds']} s job", start)
            job_id = self._create(fields, reference, reserved)
            self._track(job_id=job_id, status="created")
            atomic_write_text(self.record, json.dumps({"id": job_id}))

        def on_update(job: dict[str, Any]) -> None:
            percent = _percent(job.get("progress"))
            status = str(job.get("status", "queued")).replace("_", " ")
            self.report(f"{self.label}: {status} {percent:.0f}%", start + share * percent / 100)

        job = self.api.poll(
            f"videos/{job_id}",
            label=f"job {job_id} ({self.label})",
            is_done=lambda job: job.get("status") in {"completed", "failed"},
            on_update=on_update,
        )
        if job.get("status") == "failed":
            self.record.unlink(missing_ok=True)
            self._track(status="failed")
            raise ApiError(
                f"The video service refused {self.label} (job {job_id}): "
                f"{self.api.redact(_job_error(job))}. Change the scene's wording and try again.",
                final=True,
            )
        try:
            data = self.api.get_bytes(f"videos/{job_id}/content", {"variant": "video"})
        except ApiError as error:
            if not error.final:
                raise
            # Expired or deleted content: forget the job so the next try generates it anew.
            self.record.unlink(missing_ok=True)
            self._track(status="expired")
            raise ApiError(
                f"{self.label} finished but could not be downloaded ({error}); it will be "
                "generated again on the next try.",
                final=False,
            ) from None
        if not looks_like_video(data):
            raise ApiError(
                f"The video service sent {len(data)} bytes for {self.label} that are not a video "
                f"(they begin {data[:12]!r}); try again later.",
                final=False,
            )
        atomic_write_bytes(self.part, data)
        self._track(status="completed")
        self.record.unlink(missing_ok=True)
        if thumbnail is not None:
            self._save_thumbnail(job_id, thumbnail)

    def _resumable_id(self) -> str | None:
        """The id of this part's job from an earlier run, if the job still exists.

        The record beside the part comes first; the ledger also knows jobs whose part
        folder is gone (the same work asked for again after its clip was joined).
        """
        job_id = self._recorded_id()
        if job_id is None:
            return None
        try:
            job = self.api.get_json(f"videos/{job_id}").data
        except ApiError as error:
            if error.final:  # gone (404) or not ours any more: start a fresh job
                self.record.unlink(missing_ok=True)
                self._track(status="expired")
                return None
            raise
        if job.get("status") == "failed":
            self.record.unlink(missing_ok=True)
            self._track(status="failed")
            return None
        log.info("Resuming video job %s for %s", job_id, self.label)
        if self.spending is not None:
            self.spending.ledger.note_resumed(
                self.key, job_id, scene=self.spending.scene, what=self.label
            )
        return job_id

    def _recorded_id(self) -> str | None:
        try:
            return str(json.loads(self.record.read_text(encoding="utf-8"))["id"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        known = self.spending.ledger.find(self.key) if self.spending else None
        if known is not None and known.job_id and known.status in ("created", "completed"):
            return known.job_id
        return None

    def _reserve(self, fields: dict[str, str], price: float) -> PaidJob | None:
        """Reserve the new job against the budget (no ledger: nothing to reserve)."""
        if self.spending is None:
            return None
        what = f"{self.label}: {fields['seconds']} s of video"
        return self.spending.reserve(self.key, what, price)

    def _track(self, **changes: object) -> None:
        if self.spending is not None:
            self.spending.ledger.update(self.key, **changes)

    def _create(
        self, fields: dict[str, str], reference: bytes | None, reserved: PaidJob | None
    ) -> str:
        key = reserved.request_key if reserved else None
        try:
            if reference is None:
                reply = self.api.post_json("videos", fields, idempotency_key=key)
            else:
                files = {"input_reference": ("reference.png", reference, "image/png")}
                reply = self.api.post_form("videos", fields, files, idempotency_key=key)
        except ApiError as error:
            if error.final:  # refused outright: nothing was created, nothing is owed
                self._track(status="refused")
            raise
        job_id = reply.data.get("id")
        if not isinstance(job_id, str) or not job_id:
            raise ApiError(
                f"The video service accepted {self.label} but returned no job id.", final=False
            )
        if reply.data.get("status") == "failed":
            self._track(job_id=job_id, status="failed")
            reason = self.api.redact(_job_error(reply.data))
            raise ApiError(f"The video service refused {self.label}: {reason}.", final=True)
        return job_id

    def _save_thumbnail(self, job_id: str, target: Path) -> None:
        """Keep the provider's preview image; a missing thumbnail never fails a render."""
        try:
            data = self.api.get_bytes(
                f"videos/{job_id}/content", {"variant": "thumbnail"}, attempts=1
            )
        except ApiError as error:
            log.info("No thumbnail for job %s: %s", job_id, error)
            return
        if data[8:12] == b"WEBP":
            suffix = ".webp"
        elif data[:4] == b"\x89PNG":
            suffix = ".png"
        elif data[:3] == b"\xff\xd8\xff":
            suffix = ".jpg"
        else:
            log.info("Thumbnail for job %s is not an image; skipped", job_id)
            return
        atomic_write_bytes(target.with_name(target.name + suffix), data)


def _percent(value: object) -> float:
    try:
        return min(100.0, max(0.0, float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _job_error(job: dict[str, Any]) -> str:
    error = job.get("error")
    if isinstance(error, dict):
        message = error.get("message") or error.get("code")
        if message:
            return " ".join(str(message).split())[:300]
    if isinstance(error, str) and error.strip():
        return " ".join(error.split())[:300]
    return "no reason given"
