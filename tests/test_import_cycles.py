"""The import-cycle check of ``make lint`` (scripts/check_import_cycles.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import grimp

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_import_cycles.py"


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_import_cycles", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def test_a_cycle_through_three_modules_is_found_and_a_chain_is_not() -> None:
    check = _checker()
    chain = _graph(("app.cli", "app.db"), ("app.commands", "app.db"), ("app.cli", "app.commands"))
    assert check.import_cycles(chain) == []
    looped = _graph(("app.cli", "app.commands"), ("app.commands", "app.service"),
                    ("app.service", "app.cli"), ("app.cli", "app.db"))
    assert check.import_cycles(looped) == [["app.cli", "app.commands", "app.service"]]


def test_our_packages_have_no_import_cycle() -> None:
    check = _checker()
    assert check.import_cycles(grimp.build_graph(*check.PACKAGES, cache_dir=None)) == []
