"""server.main.settle_heap: the long-lived startup objects leave the collector's walk."""

from __future__ import annotations

import gc

from server.main import settle_heap


def test_settle_heap_freezes_the_objects_alive_at_startup() -> None:
    startup_object = {"tables": ["visits"]}  # a container the collector tracks
    assert gc.is_tracked(startup_object)
    try:
        before = gc.get_freeze_count()
        settle_heap()
        assert gc.get_freeze_count() > before
        # Frozen objects are in no generation: a full collection no longer walks them.
        assert not any(obj is startup_object for obj in gc.get_objects())
    finally:
        gc.unfreeze()
    assert any(obj is startup_object for obj in gc.get_objects())
