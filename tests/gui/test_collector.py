from __future__ import annotations

import gc
import threading

from gui.collector import GuiThreadCollector


class Cycle:
    """Garbage that only the cyclic collector frees; records the thread that freed it."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_garbage_is_collected_on_the_gui_thread_not_in_workers(qapp) -> None:  # noqa: ANN001
    gc.collect()
    Cycle.freed_on = []
    collector = GuiThreadCollector(interval_ms=60_000)  # the test calls collect_due itself
    try:
        for _ in range(2 * gc.get_threshold()[0]):
            Cycle()
        worker = threading.Thread(target=lambda: [{} for _ in range(50_000)], name="worker")
        worker.start()
        worker.join()
        assert Cycle.freed_on == []  # the worker's allocations collected nothing
        collector.collect_due()
        assert Cycle.freed_on and set(Cycle.freed_on) == {threading.current_thread().name}
    finally:
        collector.stop()
    assert gc.isenabled()
