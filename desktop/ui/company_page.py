"""The Company page (admins): the whole company read-only, and the import history.

An admin's replica holds no field data, so this page shows what the server computes
for admins (``desktop.company``): per region and district the reps, doctors by grade,
institutions, visits this and last month, coverage and frequency attainment; every
user with role and place; every import run, newest first. The last answer is kept in
the replica: offline the page shows it with the time it was fetched, and says plainly
when nothing has been fetched yet. Nothing here can be changed: the admin screens that
edit come later; until then imports and users are managed with ``fieldrep-server``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.company import (
    FORBIDDEN,
    OFFLINE,
    SIGNED_OUT,
    CompanyOverview,
    CompanySnapshot,
    Figures,
    ImportRun,
    cached_company,
)
from desktop.ops import OpFailure, Ops, ReplicaHandle
from desktop.ui.common import format_when, heading

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DASH = "–"

Refresh = Callable[[ReplicaHandle], CompanySnapshot]


def percent(value: float | None) -> str:
    return DASH if value is None else f"{100 * value:.0f}%"


def role_label(role: str) -> str:
    labels = {"rep": QCoreApplication.translate("CompanyPage", "Rep"),
              "dm": QCoreApplication.translate("CompanyPage", "District manager"),
              "rm": QCoreApplication.translate("CompanyPage", "Regional manager"),
              "admin": QCoreApplication.translate("CompanyPage", "Administrator")}
    return labels.get(role, role)


def kind_label(kind: str) -> str:
    labels = {
        "territories": QCoreApplication.translate("CompanyPage", "Territories"),
        "institutions": QCoreApplication.translate("CompanyPage", "Institutions"),
        "departments": QCoreApplication.translate("CompanyPage", "Departments"),
        "doctors": QCoreApplication.translate("CompanyPage", "Doctors"),
        "assignments": QCoreApplication.translate("CompanyPage", "Doctor assignments"),
        "users": QCoreApplication.translate("CompanyPage", "Users"),
        "sales": QCoreApplication.translate("CompanyPage", "Sales"),
        "targets": QCoreApplication.translate("CompanyPage", "Targets"),
        "products": QCoreApplication.translate("CompanyPage", "Products"),
        "competitor_products": QCoreApplication.translate("CompanyPage", "Competitor products"),
        "rules": QCoreApplication.translate("CompanyPage", "Rules"),
        "kb": QCoreApplication.translate("CompanyPage", "Knowledge base"),
        "demo": QCoreApplication.translate("CompanyPage", "Demo data"),
    }
    return labels.get(kind, kind)


def status_label(status: str) -> str:
    labels = {"ok": QCoreApplication.translate("CompanyPage", "Imported"),
              "partial": QCoreApplication.translate("CompanyPage", "Imported, some rows rejected"),
              "refused": QCoreApplication.translate("CompanyPage", "Refused, nothing imported"),
              "failed": QCoreApplication.translate("CompanyPage", "Failed")}
    return labels.get(status, status)


STATUS_COLOURS = {"ok": "#2e7d32", "partial": "#ef6c00", "refused": "#c62828",
                  "failed": "#c62828"}


class SortedTreeItem(QTreeWidgetItem):
    """Sorts by the value behind the text (numbers as numbers, a ratio by its value)."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is None or theirs is None:
            return (mine is None and theirs is not None) or self.text(column) < other.text(column)
        return bool(mine < theirs)


class SortedTableItem(QTableWidgetItem):
    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return (mine is None and theirs is not None) or self.text() < other.text()
        return bool(mine < theirs)


def table_item(text: str, sort: Any = None) -> SortedTableItem:
    item = SortedTableItem(text)
    item.setData(SORT_ROLE, sort if sort is not None else text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if isinstance(sort, int | float) and not isinstance(sort, bool):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CompanyPage(QWidget):
    """The admin's landing page; ``refresh_fn`` asks the server (writer thread)."""

    def __init__(self, ops: Ops, refresh_fn: Refresh, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.refresh_fn = refresh_fn
        self.snapshot: CompanySnapshot | None = None
        self.grades: tuple[str, ...] = ()
        self._fetching = False

        self.updated = QLabel()
        self.updated.setStyleSheet("color: palette(mid);")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Fetch the company's figures from the server"))
        self.refresh_button.clicked.connect(self.fetch)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.user_filter = QLineEdit()
        self.user_filter.setPlaceholderText(self.tr("Filter by name, username, role or place"))
        self.user_filter.setClearButtonEnabled(True)
        self.user_filter.textChanged.connect(self._filter_users)
        self.users = self._table([self.tr("Username"), self.tr("Name"), self.tr("Role"),
                                  self.tr("Region"), self.tr("District"), self.tr("Territory"),
                                  self.tr("Active")])
        users_tab = QWidget()
        users_layout = QVBoxLayout(users_tab)
        users_layout.addWidget(self.user_filter)
        users_layout.addWidget(self.users, 1)

        self.imports = self._table([self.tr("Started"), self.tr("What"), self.tr("File"),
                                    self.tr("Status"), self.tr("Accepted"), self.tr("Rejected"),
                                    self.tr("Problems"), self.tr("Seconds"), self.tr("Run by"),
                                    self.tr("Command")])
        self.imports_empty = QLabel(self.tr(
            "No import has been recorded yet. Imports are run on the server with "
            "fieldrep-server import, rules import and kb import."))
        self.imports_empty.setWordWrap(True)
        self.imports_empty.setVisible(False)
        imports_tab = QWidget()
        imports_layout = QVBoxLayout(imports_tab)
        imports_layout.addWidget(self.imports_empty)
        imports_layout.addWidget(self.imports, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.tree, self.tr("Regions and districts"))
        self.tabs.addTab(users_tab, self.tr("Users"))
        self.tabs.addTab(imports_tab, self.tr("Import history"))

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Company")))
        top.addStretch(1)
        top.addWidget(self.updated)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr(
            "Read-only: the whole company as the server last reported it. "
            "Users and data are managed with fieldrep-server on the server.")))
        layout.addWidget(self.notice)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

        self.refresh()
        self.fetch()

    # --- loading --------------------------------------------------------------------------

    @property
    def fetching(self) -> bool:
        """A refresh from the server is under way."""
        return self._fetching

    def refresh(self) -> None:
        """Show what was kept (read pool): instant, and all there is offline."""
        self.ops.query(cached_company, on_done=self._show_kept, on_error=self._failed)

    def _show_kept(self, kept: CompanySnapshot) -> None:
        shown = self.snapshot
        if shown is not None and (kept.fetched_at is None or (
                shown.fetched_at is not None and kept.fetched_at <= shown.fetched_at)):
            return  # nothing newer (a read that finished after the server's answer came)
        self.show_snapshot(kept)

    def fetch(self) -> None:
        """Ask the server again; the answer is kept and shown."""
        if self._fetching:
            return
        self._fetching = True
        self.refresh_button.setEnabled(False)
        self.refresh_button.setText(self.tr("Refreshing…"))
        self.ops.write(self.refresh_fn, changes=(), on_done=self._fetched, on_error=self._failed)

    def _fetched(self, snapshot: CompanySnapshot) -> None:
        self._done_fetching()
        self.show_snapshot(snapshot)

    def _failed(self, failure: OpFailure) -> None:
        self._done_fetching()
        self._show_notice(failure.message, error=True)

    def _done_fetching(self) -> None:
        self._fetching = False
        self.refresh_button.setEnabled(True)
        self.refresh_button.setText(self.tr("Refresh"))

    # --- showing --------------------------------------------------------------------------

    def show_snapshot(self, snapshot: CompanySnapshot) -> None:
        self.snapshot = snapshot
        self.updated.setText(self.tr("Last updated: %1").replace(
            "%1", format_when(snapshot.fetched_at, self.tr("never"))))
        self._show_problem(snapshot)
        if snapshot.overview is not None:
            self._show_overview(snapshot.overview)
        else:
            self.summary.setText("")
        self._show_imports(snapshot.imports)

    def _show_problem(self, snapshot: CompanySnapshot) -> None:
        problem = snapshot.problem
        if problem is None:
            if snapshot.overview is not None:
                self.notice.setVisible(False)
            elif self._fetching:
                self._show_notice(self.tr("Fetching the company's figures from the server…"),
                                  error=False)
            else:
                self._show_notice(self.tr(
                    "No company data has been fetched yet. Connect to the server and press "
                    "Refresh."), error=False)
            return
        if problem == OFFLINE:
            text = (self.tr("Offline: the server cannot be reached. No company data has been "
                            "fetched yet; connect to the server and press Refresh.")
                    if snapshot.overview is None else
                    self.tr("Offline: showing the figures fetched %1.").replace(
                        "%1", format_when(snapshot.fetched_at, "")))
        elif problem == FORBIDDEN:
            text = self.tr("The server answers this page to administrators only.")
        elif problem == SIGNED_OUT:
            text = self.tr("The session has ended: sign in again to refresh.")
        else:
            text = self.tr("The server could not answer: %1").replace("%1", snapshot.problem_detail)
        self._show_notice(text, error=problem != OFFLINE or snapshot.overview is None)

    def _show_notice(self, text: str, *, error: bool) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet(
            "padding: 6px; border-radius: 4px; "
            + ("background: #fdecea; color: #8e1b13;" if error
               else "background: #fff8e1; color: #5d4200;"))
        self.notice.setVisible(True)

    def _show_overview(self, overview: CompanyOverview) -> None:
        c = overview.company
        self.summary.setText(self.tr(
            "Regions: %1 · districts: %2 · reps: %3 · doctors: %4 (%5 without territory) · "
            "institutions: %6 · visits this month: %7, last month: %8 · coverage: %9")
            .replace("%1", str(len(overview.regions)))
            .replace("%2", str(sum(len(r.districts) for r in overview.regions)))
            .replace("%3", f"{c.reps:,}").replace("%4", f"{c.doctors + overview.unassigned_doctors:,}")
            .replace("%5", f"{overview.unassigned_doctors:,}")
            .replace("%6", f"{c.institutions:,}").replace("%7", f"{c.visits_this_month:,}")
            .replace("%8", f"{c.visits_last_month:,}").replace("%9", percent(c.coverage)))
        self._show_tree(overview)
        self._show_users(overview)

    def _tree_headers(self, overview: CompanyOverview) -> list[tuple[str, str]]:
        """(header, tooltip) per column: the figures first, then the doctors by grade."""
        grades = [("–", self.tr("Ungraded")) if g == "-" else
                  (g, self.tr("Grade %1").replace("%1", g)) for g in overview.grades]
        return [(self.tr("Region / district"), ""), (self.tr("Territories"), ""),
                (self.tr("Reps"), ""), (self.tr("DMs"), self.tr("District managers")),
                (self.tr("Doctors"), self.tr("Active doctors with a territory")),
                (self.tr("Institutions"), self.tr("Institutions where these doctors work")),
                (self.tr("Visits %1").replace("%1", overview.month.strftime("%Y-%m")),
                 self.tr("Counted visits (submitted, of a counting type)")),
                (self.tr("Visits %1").replace("%1", overview.previous_month.strftime("%Y-%m")),
                 self.tr("Counted visits (submitted, of a counting type)")),
                (self.tr("Coverage"), self.tr("Target doctors seen at least once this month")),
                (self.tr("Frequency"),
                 self.tr("Required visits done this month (capped per doctor)")),
                *grades]

    def _tree_item(self, name: str, figures: Figures, grades: tuple[str, ...]) -> SortedTreeItem:
        values: list[tuple[str, Any]] = [(name, name)]
        counts = [figures.territories, figures.reps, figures.managers, figures.doctors,
                  figures.institutions, figures.visits_this_month, figures.visits_last_month]
        values += [(f"{n:,}", n) for n in counts]
        values += [(percent(figures.coverage), figures.coverage),
                   (percent(figures.attainment), figures.attainment)]
        values += [(f"{n:,}", n) for n in (figures.doctors_by_grade.get(g, 0) for g in grades)]
        item = SortedTreeItem([text for text, _ in values])
        for column, (_, sort) in enumerate(values):
            item.setData(column, SORT_ROLE, sort)
            if column:
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
        coverage_column = 1 + len(counts)
        item.setToolTip(coverage_column, self.tr(
            "%1 of %2 target doctors seen at least once this month").replace(
                "%1", str(figures.targets_visited)).replace("%2", str(figures.target_doctors)))
        item.setToolTip(coverage_column + 1, self.tr(
            "%1 of %2 required visits done this month (capped per doctor)").replace(
                "%1", str(figures.visits_done)).replace("%2", str(figures.visits_required)))
        return item

    def _show_tree(self, overview: CompanyOverview) -> None:
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        headers = self._tree_headers(overview)
        self.tree.setHeaderLabels([text for text, _ in headers])
        for column, (_, tip) in enumerate(headers):
            self.tree.headerItem().setToolTip(column, tip)
        grades = overview.grades
        company = self._tree_item(self.tr("Whole company"), overview.company, grades)
        for region in overview.regions:
            region_item = self._tree_item(region.name, region.figures, grades)
            for district in region.districts:
                region_item.addChild(self._tree_item(district.name, district.figures, grades))
            company.addChild(region_item)
        font = company.font(0)
        font.setBold(True)
        for column in range(self.tree.columnCount()):
            company.setFont(column, font)
        self.tree.addTopLevelItem(company)
        self.tree.expandAll()
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _show_users(self, overview: CompanyOverview) -> None:
        self.users.setSortingEnabled(False)
        self.users.setRowCount(len(overview.users))
        for row, user in enumerate(overview.users):
            cells = [table_item(user.username), table_item(user.display_name),
                     table_item(role_label(user.role)), table_item(user.region),
                     table_item(user.district), table_item(user.territory),
                     table_item(self.tr("yes") if user.active else self.tr("no"), user.active)]
            for column, cell in enumerate(cells):
                self.users.setItem(row, column, cell)
        self.users.setSortingEnabled(True)
        self.users.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._filter_users(self.user_filter.text())

    def _filter_users(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.users.rowCount()):
            cells = (self.users.item(row, c) for c in range(self.users.columnCount()))
            shown = not needle or any(needle in cell.text().lower() for cell in cells if cell)
            self.users.setRowHidden(row, not shown)

    def _show_imports(self, runs: tuple[ImportRun, ...]) -> None:
        self.imports_empty.setVisible(self.snapshot is not None
                                      and self.snapshot.overview is not None and not runs)
        self.imports.setSortingEnabled(False)
        self.imports.setRowCount(len(runs))
        for row, run in enumerate(runs):
            seconds = ((run.finished_at - run.started_at).total_seconds()
                       if run.finished_at and run.started_at else None)
            started = run.started_at.timestamp() if run.started_at else 0.0
            status = table_item(status_label(run.status), run.status)
            colour = STATUS_COLOURS.get(run.status)
            if colour:
                status.setForeground(QColor(colour))
            problems = "  ".join(p for p in (run.message, run.errors_file) if p)
            cells = [table_item(format_when(run.started_at, DASH), started),
                     table_item(kind_label(run.kind)), table_item(run.source), status,
                     table_item(f"{run.accepted:,}", run.accepted),
                     table_item(f"{run.rejected:,}", run.rejected), table_item(problems),
                     table_item(DASH if seconds is None else f"{seconds:.1f}", seconds or 0.0),
                     table_item(run.run_by), table_item(run.command)]
            cells[6].setToolTip(problems)
            for column, cell in enumerate(cells):
                self.imports.setItem(row, column, cell)
        self.imports.setSortingEnabled(True)
        self.imports.sortByColumn(0, Qt.SortOrder.DescendingOrder)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setSortingEnabled(True)
        return table
