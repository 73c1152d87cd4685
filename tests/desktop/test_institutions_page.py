"""The Institutions screen offscreen, on a real replica filled directly."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine

from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.institutions import InstitutionsPage
from local_store.read.doctors import key_of
from local_store.read.institutions import institution_detail, institution_list
from tests.local_store.test_read_world import build_world


@pytest.fixture
def page(qtbot: Any, qapp: Any, replica: Engine) -> InstitutionsPage:
    widget = InstitutionsPage(Ops(SynchronousTaskManager(), replica))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _rows(page: InstitutionsPage) -> list[list[str]]:
    return [[page.list.topLevelItem(i).text(c) for c in range(5)]
            for i in range(page.list.topLevelItemCount())]


def test_empty_replica_shows_the_sync_hint(page: InstitutionsPage) -> None:
    assert page.stack.currentWidget() is page.empty


def test_list_shows_localized_level_type_city_and_doctor_counts(
        replica: Engine, page: InstitutionsPage) -> None:
    build_world(replica)
    page.refresh()
    assert _rows(page) == [
        ["上海市第一人民医院", "Tertiary grade B", "Hospital", "上海市", "2"],
        ["北京协和医院", "Tertiary grade A", "Hospital", "北京市", "2"],  # 王芳 is inactive
        ["同仁堂药店", "Unrated", "Pharmacy", "北京市", "0"],
    ]


def test_search_and_selection_show_departments_and_their_doctors(
        qtbot: Any, replica: Engine, page: InstitutionsPage) -> None:
    w = build_world(replica)
    page.refresh()
    page.search.setText("协和")
    qtbot.waitUntil(lambda: page.list.topLevelItemCount() == 1, timeout=2000)
    assert page.select_institution(key_of(w.ids["xh"]))
    assert page.title.text() == "北京协和医院"
    assert "Tertiary grade A" in page.facts.text()
    tree = page.departments
    departments = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert departments == ["内分泌科 (1 doctors)", "心内科 (1 doctors)"]
    cardiology = tree.topLevelItem(1)
    assert [cardiology.child(0).text(c) for c in range(3)] == ["张伟", "Chief physician", "A"]


def test_read_layer_counts_and_detail(replica: Engine) -> None:
    w = build_world(replica)
    with replica.connect() as conn:
        rows = {r.name: r for r in institution_list(conn)}
        assert (rows["北京协和医院"].departments, rows["北京协和医院"].doctors) == (2, 2)
        assert [r.name for r in institution_list(conn, "SHANGHAI")] == []
        assert [r.name for r in institution_list(conn, "上海")] == ["上海市第一人民医院"]
        detail = institution_detail(conn, w.ids["rm"])
    assert detail is not None and detail.beds == 800
    assert [(d.name, [x.name for x in d.doctors]) for d in detail.departments] == [
        ("心内科", ["曾强", "李明"])]
