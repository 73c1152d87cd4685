"""The Doctors screen's filter bar: instant search, institution, department, title, grade,
"behind on frequency" and sort order.

It emits ``changed`` when a choice changes and ``search_changed`` (debounced by
``SEARCH_DEBOUNCE_MS``) while the user types; it never queries anything itself.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.doctors_data import DoctorFilter, FilterOptions
from desktop.ui.doctors_labels import TITLES, label

SEARCH_DEBOUNCE_MS = 100
SEARCH_MIN_WIDTH = 140


class DoctorFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = FilterOptions([], [], [], [])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.first_row = QHBoxLayout()
        self.second_row = QHBoxLayout()
        layout.addLayout(self.first_row)
        layout.addLayout(self.second_row)
        self.compact: bool | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, pinyin (zhangwei, zw) or hospital"))
        self.search.setClearButtonEnabled(True)
        self.institution = QComboBox()
        self.department = QComboBox()
        self.title = QComboBox()
        self.grade = QComboBox()
        self.order = QComboBox()
        self.order.addItem(self.tr("Sort by name"), "name")
        self.order.addItem(self.tr("Sort by grade"), "grade")
        self.behind = QCheckBox(self.tr("Behind on frequency"))
        # Each combo may shrink to a few characters (the tooltip has the choice whole); in a
        # narrow page the bar takes two rows (``set_compact``), where they get their width.
        for combo, chars in ((self.institution, 7), (self.department, 7), (self.title, 5),
                             (self.grade, 4), (self.order, 5)):
            combo.setMinimumContentsLength(chars)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentTextChanged.connect(combo.setToolTip)
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        self.search.setToolTip(self.search.placeholderText())
        self.set_compact(False)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self.debounce.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        self.institution.currentIndexChanged.connect(self._institution_changed)
        for combo in (self.department, self.title, self.grade, self.order):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.behind.toggled.connect(lambda _b: self.changed.emit())
        self.set_options(self.options)

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.institution, self.department, self.title, self.grade, self.order)

    def set_compact(self, compact: bool) -> None:
        """One row (search, the choices, "behind"), or two in a narrow page: the search
        and "behind" above the choices."""
        if compact == self.compact:
            return
        self.compact = compact
        for row in (self.first_row, self.second_row):
            while row.count():
                row.takeAt(0)
        self.first_row.addWidget(self.search, 3)
        choices = self.second_row if compact else self.first_row
        for combo in self.combos():
            choices.addWidget(combo, 1)
        self.first_row.addWidget(self.behind)

    def set_options(self, options: FilterOptions) -> None:
        """Fill the combo boxes, keeping the current choices when they still exist."""
        self.options = options
        keep = (self.institution.currentData(), self.department.currentData(),
                self.title.currentData(), self.grade.currentData())
        blockers = [w.blockSignals(True) for w in (self.institution, self.title, self.grade)]
        _fill(self.institution, self.tr("All institutions"),
              [(name, key) for key, name in options.institutions], keep[0])
        _fill(self.title, self.tr("All titles"),
              [(label(TITLES, t), t) for t in options.titles], keep[2])
        _fill(self.grade, self.tr("All grades"),
              [(self.tr("Grade %1").replace("%1", g), g) for g in options.grades], keep[3])
        for w, was in zip((self.institution, self.title, self.grade), blockers, strict=True):
            w.blockSignals(was)
        self._fill_departments(keep[1])

    def _fill_departments(self, keep: str | None) -> None:
        institution = self.institution.currentData()
        items = [(name, key) for key, inst, name in self.options.departments
                 if institution is None or inst == institution]
        if institution is None:
            names = {}  # the same department name in many hospitals: show the hospital
            inst_names = dict(self.options.institutions)
            for key, inst, name in self.options.departments:
                names[key] = f"{name} · {inst_names.get(inst, '')}"
            items = [(names[key], key) for _n, key in items]
        was = self.department.blockSignals(True)
        _fill(self.department, self.tr("All departments"), items, keep)
        self.department.blockSignals(was)

    def _institution_changed(self, _index: int) -> None:
        self._fill_departments(None)
        self.changed.emit()

    def current_filter(self) -> DoctorFilter:
        return DoctorFilter(
            query=self.search.text(), institution_id=self.institution.currentData(),
            department_id=self.department.currentData(), title=self.title.currentData(),
            grade=self.grade.currentData(), behind=self.behind.isChecked(),
            order=self.order.currentData() or "name")


def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]], keep: str | None) -> None:
    combo.clear()
    combo.addItem(everything, None)
    for text, data in items:
        combo.addItem(text, data)
    found = combo.findData(keep) if keep is not None else -1
    combo.setCurrentIndex(found if found >= 0 else 0)
