"""Today's knowledge base corner: must-read articles still to confirm, and what is new
or updated in the last two weeks (titles only; the Knowledge page has the rest)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop import knowledge as kb
from desktop.ops import Ops
from desktop.ui.common import heading

SHOWN_TITLES = 5


class KnowledgeDigest(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Knowledge base"), 2))
        layout.addWidget(self.text)
        ops.changed.connect(lambda tables: self.refresh() if tables & (kb.KB_TABLES | {"sync"})
                            else None)
        self.refresh()

    def refresh(self) -> None:
        self.ops.query(lambda r: kb.start_data(r, manager=False), self._show,
                       lambda failure: self.text.setText(failure.message))

    def _show(self, start: kb.KbStart) -> None:
        lines: list[str] = []
        if start.must_read:
            lines.append("<b>" + html.escape(self.tr("%n must-read article(s) to confirm", "",
                                                      len(start.must_read))) + "</b>")
        titles = [html.escape(a.title) for a in start.recent[:SHOWN_TITLES]]
        lines.append(html.escape(self.tr("New and updated: %1")).replace(
            "%1", "、".join(titles)) if titles else html.escape(self.tr("No new articles.")))
        self.text.setText("<br>".join(lines))
