"""run_query: a read of the database on the job thread, its result on the GUI thread
(after Anki's QueryOp beside CollectionOp; run_job in gui/jobs.py is the other helper).

The read shares run_job's one worker, so it sees every write queued before it, and
results arrive in the order the reads were asked for. No progress dialog: a read is short.
The function takes plain arguments (no `progress=`) and must not touch a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from gui.jobs import Job, run_job
from model.progress import Progress


def _read(fn: Callable[..., Any], *args: Any, progress: Progress, **kwargs: Any) -> Any:
    """Job body (worker thread): skip a read nobody waits for any more."""
    progress.check()
    return fn(*args, **kwargs)


def run_query(
    parent: QObject,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    **kwargs: Any,
) -> Job:
    """Run `fn(*args, **kwargs)` on the job thread; returns at once. `on_done(result)`
    runs on the GUI thread unless `parent` was deleted first; errors go to `on_error`,
    else to the parent's `errors.report` when it has one."""
    return run_job(
        parent,  # type: ignore[arg-type]  # no dialog without progress: any QObject will do
        "",
        _read,
        fn,
        *args,
        on_done=on_done,
        on_error=on_error,
        show_progress=False,
        **kwargs,
    )


def after_reads(parent: QObject, callback: Callable[[], None]) -> Job:
    """Call `callback` on the GUI thread once every job and read asked for so far has
    delivered its result (the worker runs them in order): a signal such as
    `OpenDocument.checked` then fires after the findings it caused are shown."""
    return run_query(parent, lambda: None, on_done=lambda _none: callback())
