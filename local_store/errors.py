"""Failures of replica operations that the UI words for the user (``desktop.ops``).

They carry what happened as data (the table, the row), not as an English sentence for
the screen: ``str()`` is for logs and tests, the translated text is the UI's.
"""

from __future__ import annotations

import uuid
from typing import Any


class NotInReplica(LookupError):
    """The row asked for is not in this replica (a sync removed it, or it never came)."""

    def __init__(self, table: str, row_id: uuid.UUID | Any) -> None:
        super().__init__(f"{table} {row_id} is not in this replica")
        self.table = table
        self.row_id = row_id
