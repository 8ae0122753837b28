"""fewer_collections raises the young generation's threshold while inside, and restores it."""

from __future__ import annotations

import gc
import threading

from kompass_extract.collector import YOUNG_THRESHOLD, fewer_collections


def test_threshold_raised_inside_and_restored_after():
    before = gc.get_threshold()
    with fewer_collections():
        inside = gc.get_threshold()
    assert inside == (max(YOUNG_THRESHOLD, before[0]), *before[1:])
    assert gc.get_threshold() == before


def test_restored_after_an_exception_and_after_nesting():
    before = gc.get_threshold()
    try:
        with fewer_collections(), fewer_collections(10):
            assert gc.get_threshold()[0] == max(YOUNG_THRESHOLD, before[0])
            raise RuntimeError("inside")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before


def test_a_higher_threshold_set_before_is_kept():
    before = gc.get_threshold()
    gc.set_threshold(10 * YOUNG_THRESHOLD, *before[1:])
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == 10 * YOUNG_THRESHOLD
    finally:
        gc.set_threshold(*before)


def test_threads_leaving_in_any_order_restore_the_threshold():
    before = gc.get_threshold()
    entered, release = threading.Barrier(3), threading.Event()

    def block() -> None:
        with fewer_collections():
            entered.wait()
            release.wait()

    threads = [threading.Thread(target=block) for _ in range(2)]
    for thread in threads:
        thread.start()
    entered.wait()
    assert gc.get_threshold()[0] == max(YOUNG_THRESHOLD, before[0])
    release.set()
    for thread in threads:
        thread.join()
    assert gc.get_threshold() == before
