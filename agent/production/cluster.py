"""Where a scene renders: in this process, or as a Ray task when a cluster is configured.

Without ``MICROFILM_RAY_ADDRESS`` this is the single-machine path, unchanged: the scene
renders in a worker thread and Ray is never imported. With it, the scene becomes a Ray
task (:mod:`tools.distributed.dispatch`); its progress reaches the chat and the CLI through
the same callback, and a stopped turn (the stop button, Ctrl+C) cancels the task.
The character sheets of the generative path are painted the same way
(:func:`sheet_painter`): one Ray task per sheet with a cluster, in this process without.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from film.screenplay import Screenplay
from tools.assembly import production as assembly
from tools.assembly.production import ProductionSettings, SegmentResult
from tools.assembly.segments import Progress
from tools.backends.keyframes.painters import painter_for
from tools.backends.keyframes.sheets import SheetPainter
from tools.distributed.settings import ClusterSettings, cluster_address

log = logging.getLogger(__name__)
CLUSTER_SLOTS = 64
"""Scenes of one film in flight at once on a cluster: Ray queues what its nodes cannot take
yet, so the studio's own limit (``render_concurrency``, for one machine) does not apply."""


def scene_slots(concurrency: int) -> int:
    """How many scenes this process renders (or has in flight) at once."""
    return CLUSTER_SLOTS if cluster_address() else concurrency


async def render_segment(
    screenplay: Screenplay,
    number: int,
    folder: Path,
    settings: ProductionSettings,
    progress: Progress,
) -> SegmentResult:
    """Render scene ``number`` to the project's segment cache, here or on the cluster."""
    cluster = ClusterSettings.from_environment()
    if cluster is None:
        return await asyncio.to_thread(
            assembly.render_scene_segment, screenplay, number, folder, settings, progress
        )
    # Ray is an optional extra and takes seconds to import: only a cluster render loads it.
    from tools.distributed.dispatch import RemoteSegment, submit_scene

    submitting = asyncio.ensure_future(
        asyncio.to_thread(submit_scene, screenplay, number, folder, settings, cluster)
    )
    try:
        job = await asyncio.shield(submitting)
    except asyncio.CancelledError:  # stopped while sending: cancel what was sent
        with contextlib.suppress(Exception):
            sent = await submitting
            if not isinstance(sent, RemoteSegment):
                sent.cancel()
        raise
    if isinstance(job, RemoteSegment):
        return job.result
    try:
        remote = await asyncio.to_thread(job.result, progress)
    except asyncio.CancelledError:
        job.cancel()
        raise
    log.info("scene %s rendered on Ray node %s", number, remote.node_id or "(cache)")
    return remote.result


def sheet_painter(backend: str) -> SheetPainter | None:
    """Who paints ``backend``'s character sheets: this process, or a Ray task per sheet.

    The local painter is always built (its price and identity make the ledger entry and
    the sheet's content key); with a cluster it only sends the work to the workers, which
    build their own from their environment, so no key travels in a task.

    Raises:
        ValueError: when the backend's or the cluster's settings are unusable.
    """
    local = painter_for(backend)
    cluster = ClusterSettings.from_environment()
    if local is None or cluster is None:
        return local
    from tools.distributed.picture_tasks import RemoteSheetPainter  # imports Ray

    return RemoteSheetPainter(local, backend, cluster)
