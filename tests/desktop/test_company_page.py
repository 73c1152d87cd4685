"""The admin's Company page over real HTTP, on the small demo: figures, users, imports,
offline with what was kept, and a rep refused by the server."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from sqlalchemy.engine import Engine

from desktop.company import OFFLINE, cached_company, refresh_company
from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.company_page import SORT_ROLE, CompanyPage
from local_store.replica import synced
from server.admin.overview import company_overview
from server.demo.seed import DEMO_PASSWORD, seed_demo
from sync.client import ServerRejected, SyncHttpClient
from sync.credentials import Tokens
from tests.conftest import LiveServer, free_port
from tests.desktop.test_app_live import nav_texts, sign_in
from tests.factories import cached_password_hash

WAIT = 30_000


@pytest.fixture
def demo(engine: Engine) -> Engine:
    seed_demo(engine, "small", seed=7, today=dt.date.today(),
              password_hash=cached_password_hash(DEMO_PASSWORD))
    return engine


def admin_window(qtbot: Any, make_app: Any, url: str, language: str = "en") -> Any:
    app = make_app(language=language)
    sign_in(qtbot, app, url, "admin", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: app.window is not None, timeout=WAIT)
    window = app.window
    page = window.pages["company"]
    qtbot.waitUntil(lambda: not page.fetching and page.snapshot is not None
                    and page.snapshot.overview is not None, timeout=WAIT)
    return app, window, page


def test_the_admin_lands_on_the_company_with_the_servers_figures(
        qtbot: Any, make_app: Any, demo: Engine, live_server: LiveServer) -> None:
    app, window, page = admin_window(qtbot, make_app, live_server.url)
    assert window.page_keys() == ["company", "knowledge", "settings"]
    assert window.stack.currentWidget() is page
    assert "Today" not in nav_texts(window) and "Doctors" not in nav_texts(window)

    with demo.connect() as conn:
        expected = company_overview(conn)
    company = page.tree.topLevelItem(0)
    assert company.text(0) == "Whole company" and page.tree.topLevelItemCount() == 1
    [region] = expected["regions"]
    region_item = company.child(0)
    assert region_item.text(0) == region["name"]
    assert sorted(region_item.child(i).text(0) for i in range(region_item.childCount())) == \
        sorted(d["name"] for d in region["districts"])
    headers = [page.tree.headerItem().text(c) for c in range(page.tree.columnCount())]
    doctors_col = headers.index("Doctors")
    assert company.text(doctors_col) == f"{sum(d['doctors'] for d in region['districts']):,}"
    visits_col = headers.index("Visits " + dt.date.today().strftime("%Y-%m"))
    assert company.data(visits_col, SORT_ROLE) == sum(
        d["visits_this_month"] for d in region["districts"])
    assert company.text(headers.index("Coverage")).endswith("%")
    # sorting by doctors, descending, puts the larger district first
    page.tree.sortByColumn(doctors_col, Qt.SortOrder.DescendingOrder)
    counts = [region_item.child(i).data(doctors_col, SORT_ROLE)
              for i in range(region_item.childCount())]
    assert counts == sorted(counts, reverse=True)

    assert page.users.rowCount() == len(expected["users"])
    page.user_filter.setText("admin")
    shown = [r for r in range(page.users.rowCount()) if not page.users.isRowHidden(r)]
    assert [page.users.item(r, 0).text() for r in shown] == ["admin"]
    assert page.users.item(shown[0], 2).text() == "Administrator"

    assert page.imports.rowCount() == 2  # what seed-demo loaded: its data, the knowledge base
    kinds = {page.imports.item(r, 1).text() for r in range(2)}
    assert kinds == {"Demo data", "Knowledge base"}
    assert {page.imports.item(r, 3).text() for r in range(2)} == {"Imported"}
    assert page.updated.text().startswith("Last updated: ") and page.notice.isHidden()

    # the admin's replica holds no field data: the figures are the server's aggregates
    assert app.session is not None
    with app.session.replica.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(synced["doctors"])).scalar() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(synced["visits"])).scalar() == 0

    # offline: the kept figures stay, with the time they were fetched
    live_server.stop()
    page.fetch()
    qtbot.waitUntil(lambda: not page.fetching, timeout=WAIT)
    assert not page.notice.isHidden() and page.notice.text().startswith("Offline: showing the figures")
    assert page.tree.topLevelItem(0).childCount() == 1


def test_offline_before_any_fetch_says_so(qtbot: Any, replica: Engine) -> None:
    dead = SyncHttpClient(f"http://127.0.0.1:{free_port()}", retries=0,
                          tokens=Tokens("kept-access", "kept-refresh"))  # signed in, offline
    page = CompanyPage(Ops(SynchronousTaskManager(), replica),
                       lambda r: refresh_company(dead, r))
    qtbot.addWidget(page)
    assert page.snapshot is not None and page.snapshot.problem == OFFLINE
    assert not page.notice.isHidden() and "No company data has been fetched yet" in page.notice.text()
    assert page.updated.text() == "Last updated: never"
    assert page.tree.topLevelItemCount() == 0
    assert cached_company(replica).overview is None


def test_a_rep_is_refused_by_the_server_not_just_the_menu(
        qtbot: Any, demo: Engine, live_server: LiveServer, replica: Engine) -> None:
    rep = SyncHttpClient(live_server.url, retries=0)
    rep.login("rep001", DEMO_PASSWORD)
    with pytest.raises(ServerRejected) as refused:
        rep.admin_overview()
    assert (refused.value.status, refused.value.code) == (403, "admin_only")
    page = CompanyPage(Ops(SynchronousTaskManager(), replica), lambda r: refresh_company(rep, r))
    qtbot.addWidget(page)
    assert page.notice.text() == "The server answers this page to administrators only."
    assert page.tree.topLevelItemCount() == 0 and cached_company(replica).overview is None


def test_the_page_speaks_chinese(qtbot: Any, make_app: Any, demo: Engine,
                                 live_server: LiveServer) -> None:
    _app, window, page = admin_window(qtbot, make_app, live_server.url, "zh_CN")
    assert nav_texts(window)[0] == "公司概览"
    assert page.tree.topLevelItem(0).text(0) == "全公司"
    assert page.tabs.tabText(2) == "导入记录"
    assert {page.imports.item(r, 1).text() for r in range(2)} == {"演示数据", "知识库"}
    assert {page.imports.item(r, 3).text() for r in range(2)} == {"已导入"}
    roles = {page.users.item(r, 2).text() for r in range(page.users.rowCount())}
    assert roles == {"代表", "地区经理", "大区经理", "管理员"}

