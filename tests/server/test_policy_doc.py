"""docs/security.md's policy tables are the declarations' (regenerate with
``python -m server.sync.policy_doc``)."""

from __future__ import annotations

from server.sync.policy_doc import BEGIN, DOC, END, render, updated
from server.sync.policy_tables import POLICIES


def test_the_security_doc_matches_the_declarations() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "docs/security.md lost its generated-table markers"
    assert updated(text) == text, "docs/security.md drifted: run python -m server.sync.policy_doc"


def test_every_policy_is_in_the_table() -> None:
    table = render()
    for name in POLICIES:
        assert f"| {name} | insert |" in table and f"#### {name}" in table
