"""One extractor in its own process: the unit of timing, memory and isolation.

The runner starts one :func:`worker_main` per extractor (``spawn``, so each
starts from a fresh interpreter) and sends it pages one at a time. The worker
times each call with ``perf_counter`` around the adapter alone, and reports its
peak resident memory above the baseline taken after the imports (so the
import itself is not counted; lazily loaded data used by the pages is). A page that
hangs is handled by the runner killing and restarting the worker.
"""

from __future__ import annotations

import logging
import os
import resource
import time
import traceback
import warnings
from multiprocessing.connection import Connection
from typing import Any, Optional

__all__ = ["worker_main"]


def _status_kib(field: str) -> Optional[int]:
    """A ``/proc/self/status`` memory figure (``VmRSS``, ``VmHWM``) in KiB, None off Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> int:
    """Start peak tracking now; return the baseline (current RSS) in KiB.

    ``ru_maxrss`` alone would not do: a spawned child inherits as its peak the
    parent's RSS at fork time (the runner holds every page in memory), so on
    Linux the peak is reset via ``/proc/self/clear_refs`` and read as ``VmHWM``.
    Elsewhere ``ru_maxrss`` is used as it is.
    """
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")  # 5 = reset the resident-set high-water mark to the current RSS
    except OSError:
        pass
    current = _status_kib("VmRSS")
    return current if current is not None else _max_rss_kib()


def _max_rss_kib() -> int:
    """Peak resident set size since :func:`_reset_peak`, in KiB."""
    peak = _status_kib("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _flatten(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [name for item in value for name in _flatten(item)]
    return [str(value)]


def normalise_record(record: dict) -> dict:
    """Coerce an adapter's record to the common types (outside the timed call).

    Peers are not consistent: an author list may nest lists, a title may be
    ``None`` or a non-string. ``None`` (field not supplied) stays ``None``.
    """
    out = {}
    for key in ("body", "title", "date"):
        value = record.get(key)
        out[key] = None if value is None else (value if isinstance(value, str) else str(value))
    authors = record.get("authors")
    out["authors"] = None if authors is None else [a.strip() for a in _flatten(authors) if a.strip()]
    return out


def worker_main(conn: Connection, peer_name: str, cpu: Optional[int]) -> None:
    """Serve ``(html, url, english)`` requests for one extractor until ``None`` arrives.

    Messages sent back: ``("ready", baseline_kib)`` or ``("import-error", text)``
    once, then per page ``(status, seconds, record, error, max_rss_kib)`` with
    status ``"ok"`` or ``"crash"``.
    """
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})  # every extractor on the same single core
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)  # peers log their own failures; we count them

    from .peers import PEERS, WARMUP_HTML, block_network

    block_network()
    try:
        run = PEERS[peer_name].setup()
    except Exception as exc:  # an uninstallable or broken peer is reported, not fatal
        conn.send(("import-error", f"{type(exc).__name__}: {exc}"))
        return
    baseline = _reset_peak()
    try:
        run(WARMUP_HTML, None, True)
    except Exception:
        pass  # a failure here shows again, and is counted, on the real pages
    conn.send(("ready", baseline))

    while True:
        request = conn.recv()
        if request is None:
            return
        html, url, english = request
        error = None
        start = time.perf_counter()
        try:
            record = run(html, url, english)
            status = "ok"
        except Exception as exc:
            record, status = None, "crash"
            error = f"{type(exc).__name__}: {exc}"[:300] + "\n" + traceback.format_exc(limit=-2)[-600:]
        seconds = time.perf_counter() - start
        if record is not None:
            record = normalise_record(record)
        conn.send((status, seconds, record, error, _max_rss_kib()))
