"""Is a label's text all visible? For the 1024×700 layout tests.

A label passes when its whole text fits its rectangle (one line, or wrapped within its
height), or when it is an ``ElidedLabel`` that elided it and carries the whole text as
its tooltip. Imported by the tests; holds none.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.ui.elided_label import ElidedLabel

# What a main window of 1024×700 leaves a page: minus the 190 px sidebar, the menu and
# the status bar (measured offscreen; the tests size pages to it).
WINDOW = (1024, 700)


def clipped(label: QLabel) -> str | None:
    """Why ``label`` cuts its text, or None when nothing is lost."""
    rect = label.contentsRect()
    if isinstance(label, ElidedLabel):
        if label.is_elided():
            return None if label.toolTip() == label.text() else \
                f"{label.text()!r} is elided without a tooltip"
        width = label.fontMetrics().horizontalAdvance(label.shown_text())
        return None if width <= rect.width() else f"{label.text()!r} needs {width} px, has {rect.width()}"
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        return None if needed <= label.height() else \
            f"{label.text()!r} needs {needed} px of height, has {label.height()}"
    hint = label.sizeHint()
    if hint.width() > label.width() or hint.height() > label.height():
        return f"{label.text()!r} needs {hint.width()}×{hint.height()}, has {label.width()}×{label.height()}"
    return None
