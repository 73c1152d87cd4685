"""What the sync speed-ups must not change: stored rows, search entries, the clock anchor."""

from __future__ import annotations

import random
import sys
import uuid
from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any

import pytest
from pypinyin import lazy_pinyin

from local_store.read.search import _syllables, name_pinyin
from local_store.visit_rules import trusted_clock
from sync.client import SyncStateError
from sync.pull_pages import PageChange
from sync.row_codecs import storage_row, storage_row_checked
from tests.sync.conftest import Device, World
from wire.protocol import PROTOCOL_VERSION, Op, PullRequest


def change(table: str, data: dict[str, Any], version: int = 3) -> PageChange:
    return PageChange("global", table, str(data["id"]), Op.UPSERT, version, data)


def doctor(**overrides: Any) -> dict[str, Any]:
    row = {"id": str(uuid.uuid4()), "version": 3, "updated_at": "2026-11-20T10:00:00+00:00",
           "updated_by": None, "deleted": False, "code": "DR1", "name": "李明",
           "gender": "M", "institution_id": str(uuid.uuid4()), "title": "attending",
           "position": "医师", "specialty": "心内科", "phone": "13800000000",
           "product_potential": {"P1": 3}, "custom_fields": None, "status": "active",
           "grade": "A", "grade_score": 3, "grade_explanation": {"a": 1},
           "territory_id": str(uuid.uuid4())}
    row.update(overrides)
    return row


def outcome(fn: Any, entry: PageChange) -> Any:
    try:
        return fn(entry)
    except SyncStateError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("overrides", [
    {},
    {"updated_at": "2026-11-20T10:00:00.123456+00:00"},
    {"updated_at": "2026-11-20T18:00:00+08:00"},  # not UTC: the checked path converts
    {"updated_at": "2026-13-45T10:00:00+00:00"},  # not a date: refused either way
    {"updated_at": "2026-11-20T10:00:00"},  # naive: refused
    {"id": str(uuid.uuid4()).upper()},
    {"updated_by": "not-a-uuid"},
    {"grade_score": 2.5}, {"grade_score": True}, {"grade_score": "3"},
    {"name": None}, {"name": 7}, {"name": "名" * 500},
    {"custom_fields": {"note": "学术带头人"}}, {"deleted": 1}, {"deleted": True},
    {"version": None}, {"version": "3"},
])
def test_the_fast_row_path_stores_exactly_what_the_checked_path_stores(
    overrides: dict[str, Any]
) -> None:
    entry = change("doctors", doctor(**overrides))
    assert outcome(storage_row, entry) == outcome(storage_row_checked, entry)


def test_the_fast_row_path_agrees_on_random_rows_of_every_shape() -> None:
    rng = random.Random(7)
    values: dict[str, list[Any]] = {
        "updated_at": ["2026-01-02T03:04:05+00:00", "2026-01-02T03:04:05.000001+00:00",
                       "2026-01-02T03:04:05Z", "2026-01-02 03:04:05+00:00", 5],
        "institution_id": [str(uuid.uuid4()), None, "x", uuid.uuid4().hex],
        "gender": ["M", None, "", "MM", 1],
        "product_potential": [{}, [], None, {"P": [1, 2]}, "text"],
        "grade_score": [0, -1.5, None, 1e300, "1"],
    }
    for _ in range(300):
        entry = change("doctors", doctor(**{k: rng.choice(v) for k, v in values.items()}))
        assert outcome(storage_row, entry) == outcome(storage_row_checked, entry)


def _functions_called(work: Callable[[], object]) -> set[CodeType]:
    """The code objects of every Python function called while ``work`` runs (observed
    with a profile hook: nothing in the code under test is replaced)."""
    called: set[CodeType] = set()

    def hook(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call":
            called.add(frame.f_code)

    sys.setprofile(hook)
    try:
        work()
    finally:
        sys.setprofile(None)
    return called


def test_canonical_rows_from_the_server_take_the_fast_path(world: World, device: Any) -> None:
    """Rows as the server sends them never fall back to the checked path (which would
    store the same values, so the comparisons above cannot tell)."""
    a: Device = device(world.rep_a)
    page = a.http.pull(PullRequest(protocol=PROTOCOL_VERSION, cursors={}))
    rows = [c for c in page.changes if c.op is Op.UPSERT and c.data is not None]
    tables = {c.table for c in rows}
    assert {"doctors", "institutions", "visits", "products", "users"} <= tables

    called = _functions_called(lambda: [storage_row(c) for c in rows])

    assert storage_row_checked.__code__ not in called
    assert {f"<sync fast row {t}>" for t in tables} <= {code.co_filename for code in called}


def test_a_row_the_fast_path_refuses_goes_the_checked_way() -> None:
    """(The instrument of the test above sees the fallback when it happens.)"""
    entry = change("doctors", doctor(updated_at="2026-11-20T18:00:00+08:00"))
    assert storage_row_checked.__code__ in _functions_called(lambda: storage_row(entry))


def test_pinyin_by_chinese_run_equals_pinyin_of_the_whole_text() -> None:
    def whole(text: str) -> list[str]:
        words = ("".join(c for c in part.lower() if c.isalnum())
                 for part in lazy_pinyin(text, errors="default"))
        return [w for w in words if w]

    rng = random.Random(3)
    alphabet = "张王李曾单长孙重庆行朝阳银明伟强 aZ12-〇·"
    samples = ["张伟", "重庆", "银行行长", "李明12", "Zhang Wei 张三", "长孙无忌", ""]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
                for _ in range(2000)]
    for text in samples:
        assert _syllables(text) == whole(text), text
    assert name_pinyin("曾志强") == ("zengzhiqiang", "zzq", "cengzhiqiang")
    assert name_pinyin("长孙无忌")[0] == "zhangsunwuji"


def test_a_sync_anchors_the_trusted_clock_in_the_replica(world: World, device: Any) -> None:
    a: Device = device(world.rep_a)
    with a.db.connect() as conn:
        assert trusted_clock(conn).anchor is None
    a.sync()
    with a.db.connect() as conn:
        clock = trusted_clock(conn)
    assert clock.anchor is not None and clock.last_server_time is not None
    assert clock.anchor.server_time == clock.last_server_time  # the same page's server time
