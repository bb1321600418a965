"""One workflow on the ComfyUI server, from submission (or resumption) to its saved file.

A render on a local GPU takes minutes, and the studio may crash, be restarted or lose the
server meanwhile. So the job is written down before it is sent: a record beside the target
file (``<target>.job.json``) holds the prompt id (chosen here, and kept by ComfyUI) and the
client id. Whoever finds the record asks ComfyUI about that prompt instead of queueing it
again: finished jobs are collected from ``/history``, waiting or running ones are watched,
and only a job ComfyUI has no trace of (it restarted with an empty queue) is queued again.
A job that completed is never submitted twice.

While waiting, the ``/ws`` socket gives the queue position and sampler steps; the history is
the judge of "finished", checked whenever the socket says so, falls silent or drops. A job
that runs past the time limit is left running and the error says to try again later.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from film.paths import atomic_write_bytes, atomic_write_text
from tools.backends.base import RenderError
from tools.backends.comfyui.client import ComfyClient, ServerDown, pick_output
from tools.backends.comfyui.errors import as_dict, execution_failure
from tools.backends.comfyui.media import check_media
from tools.backends.comfyui.watch import ProgressSocket

log = logging.getLogger(__name__)

JobProgress = Callable[[str, float], None]
_ENDINGS = {"execution_success", "execution_error", "execution_interrupted"}
_MAX_RESUBMITS = 3


@dataclass(frozen=True)
class JobSpec:
    """What to run and where its result goes."""

    graph: dict[str, Any]
    workflow: str
    output_node: str | None
    kind: str  # "video" or "image"
    target: Path
    label: str


@dataclass(frozen=True)
class Patience:
    """How long to wait for a job and how often to look (tests shrink these)."""

    timeout_s: float = 3600.0
    poll_s: float = 2.0
    reconnect_s: float = 1.0


@dataclass
class _Record:
    prompt_id: str
    client_id: str


class ComfyJob:
    """Runs one :class:`JobSpec` to its checked file; :meth:`run` does it all."""

    def __init__(
        self,
        client: ComfyClient,
        spec: JobSpec,
        patience: Patience,
        report: JobProgress,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.spec = spec
        self.patience = patience
        self.report = report
        self.record_path = spec.target.with_name(spec.target.name + ".job.json")
        self._clock = clock
        self._sleep = sleep
        self._started = False
        self._fraction = 0.0
        self._stages: list[str] = []  # nodes that reported sampler steps, in order
        samplers = [n for n in spec.graph.values() if _is_sampler(n.get("class_type", ""))]
        self._expected_stages = max(1, len(samplers))
        self.resumed = False

    def run(self) -> None:
        """Submit or resume the job, wait for it and write its checked file to the target.

        Raises:
            RenderError: final for refusals and failures inside ComfyUI (naming what to
                install or change); not final for time-outs and interruptions.
        """
        deadline = self._clock() + self.patience.timeout_s
        record = self._load_record()
        self.resumed = record is not None
        record = record or _Record(str(uuid.uuid4()), uuid.uuid4().hex)
        with ProgressSocket(self.client.socket_url(record.client_id)) as socket:
            socket.connect()  # before queueing, so the first messages are not missed
            entry, known = self._find(record) if self.resumed else (None, False)
            if not known:
                self._submit(record)
            entry = entry or self._wait(record, socket, deadline)
        self._collect(entry)
        self.record_path.unlink(missing_ok=True)

    def _load_record(self) -> _Record | None:
        try:
            data = json.loads(self.record_path.read_text(encoding="utf-8"))
            return _Record(str(data["prompt_id"]), str(data["client_id"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _save_record(self, record: _Record) -> None:
        body = {"prompt_id": record.prompt_id, "client_id": record.client_id}
        atomic_write_text(self.record_path, json.dumps(body))

    def _submit(self, record: _Record) -> None:
        self._save_record(record)  # first: a crash mid-request still finds the job
        self.report(f"{self.spec.label}: queueing on ComfyUI", 0.0)
        try:
            queued = self.client.submit(
                self.spec.graph,
                prompt_id=record.prompt_id,
                client_id=record.client_id,
                workflow=self.spec.workflow,
            )
        except RenderError as error:
            if error.final:  # refused or no server: nothing was queued
                self.record_path.unlink(missing_ok=True)
            raise
        if queued != record.prompt_id:  # an older ComfyUI picks its own id
            record.prompt_id = queued
            self._save_record(record)

    def _find(self, record: _Record) -> tuple[dict[str, Any] | None, bool]:
        """The finished entry (or None) and whether ComfyUI knows the job at all.

        The history is read again after the queue: ComfyUI files a finished job in its
        history before taking it off the queue, so a job that ended between the two looks is
        found, never taken for lost and run twice.
        """
        entry = self._history_entry(record)
        if entry is not None:
            return entry, True
        if self.client.queue().holds(record.prompt_id):
            return None, True
        entry = self._history_entry(record)
        return entry, entry is not None

    def _history_entry(self, record: _Record) -> dict[str, Any] | None:
        """The job's finished history entry; raises for a job that failed."""
        entry = self.client.history(record.prompt_id)
        if entry is None:
            return None
        status = as_dict(entry.get("status"))
        if status.get("status_str") == "error":
            self.record_path.unlink(missing_ok=True)
            raise self._failure_from(status)
        if status.get("completed") is False and not entry.get("outputs"):
            return None
        return entry

    def _failure_from(self, status: dict[str, Any]) -> RenderError:
        for message in status.get("messages") or []:
            if isinstance(message, list) and len(message) == 2 and isinstance(message[1], dict):
                if message[0] == "execution_error":
                    return execution_failure(message[1], self.spec.label)
                if message[0] == "execution_interrupted":
                    return self._interrupted()
        return RenderError(f"ComfyUI reports {self.spec.label} failed, without a reason.")

    def _interrupted(self) -> RenderError:
        self.record_path.unlink(missing_ok=True)
        return RenderError(f"{self.spec.label} was cancelled in ComfyUI; try again to redo it.")

    def _wait(self, record: _Record, socket: ProgressSocket, deadline: float) -> dict[str, Any]:
        resubmits = 0
        while True:
            if self._clock() >= deadline:
                raise self._timed_out()
            if not socket.connected and socket.connect():
                self.report(f"{self.spec.label}: connected to ComfyUI again", self._fraction)
            message = None
            if socket.connected:
                message = socket.receive(min(self.patience.poll_s, deadline - self._clock()))
            else:
                self._sleep(self.patience.reconnect_s)
            if message is not None and not self._on_message(message, record.prompt_id):
                continue  # progress: nothing to look up
            try:
                entry, known = self._find(record)
                if entry is not None:
                    return entry
                if not known:
                    resubmits += 1
                    if resubmits > _MAX_RESUBMITS:
                        raise RenderError(f"ComfyUI keeps losing {self.spec.label}; try again.")
                    log.warning("ComfyUI lost %s; queueing it again", self.spec.label)
                    self._submit(record)
            except ServerDown:
                self.report(f"{self.spec.label}: waiting for ComfyUI to come back", self._fraction)
                self._sleep(self.patience.reconnect_s)

    def _on_message(self, message: dict[str, Any], prompt_id: str) -> bool:
        """Report a message; True when it may mean the job ended (time to ask the history)."""
        kind = message["type"]
        data = as_dict(message.get("data"))
        ours = data.get("prompt_id") in (None, prompt_id)
        label = self.spec.label
        if kind == "status" and not self._started:
            self._report_place(prompt_id)
        elif not ours:
            return False
        elif kind == "execution_start":
            self._started = True
            self.report(f"{label}: ComfyUI started it", self._fraction)
        elif kind == "progress" and self._started:
            value, total = data.get("value"), data.get("max")
            if isinstance(value, int | float) and isinstance(total, int | float) and total > 0:
                node = str(data.get("node", ""))
                if node not in self._stages:
                    self._stages.append(node)
                stages = max(self._expected_stages, len(self._stages))
                done = (len(self._stages) - 1 + value / total) / stages
                self._fraction = max(self._fraction, min(0.99, done))
                self.report(f"{label}: step {value:g} of {total:g}", self._fraction)
        elif kind == "executing":
            return data.get("node") is None and data.get("prompt_id") == prompt_id
        elif kind == "execution_error":
            self.record_path.unlink(missing_ok=True)
            raise execution_failure(data, label)
        elif kind == "execution_interrupted":
            raise self._interrupted()
        return kind in _ENDINGS

    def _report_place(self, prompt_id: str) -> None:
        """Say how many jobs run before ours (the queue changed; other scenes queue too)."""
        try:
            queue = self.client.queue()
        except RenderError:
            return  # the next status or history check will tell
        if queue.holds(prompt_id) and (ahead := queue.ahead_of(prompt_id)):
            self.report(
                f"{self.spec.label}: waiting in the ComfyUI queue, {ahead} job(s) ahead", 0.0
            )

    def _timed_out(self) -> RenderError:
        state = "running" if self._started else "still queued"
        return RenderError(
            f"ComfyUI has not finished {self.spec.label} after {self.patience.timeout_s:g} s "
            f"({state}); it keeps working, so try again later: the finished result is "
            "collected, not made again.",
            final=False,
        )

    def _collect(self, entry: dict[str, Any]) -> None:
        """Download the job's result and keep it once it proves to be the right media."""
        output = pick_output(entry, self.spec.output_node, self.spec.kind)
        if output is None:
            self.record_path.unlink(missing_ok=True)
            raise RenderError(
                f"ComfyUI finished {self.spec.label} but saved no {self.spec.kind}: the "
                f"{self.spec.workflow} workflow needs a save node (SaveWEBM, SaveVideo, "
                "SaveImage...).",
                final=True,
            )
        data = self.client.view(output)
        check_media(data, self.spec.kind, self.spec.label)
        atomic_write_bytes(self.spec.target, data)
        self.report(f"{self.spec.label}: collected from ComfyUI", 1.0)


def _is_sampler(class_type: str) -> bool:
    """Whether a node class reports sampler steps (KSampler, KSamplerAdvanced, SamplerCustom)."""
    return "Sampler" in class_type and "Select" not in class_type
