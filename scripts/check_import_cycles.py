"""Fail when any of our packages has an import cycle between modules.

Import-linter checks layers between packages; this checks the modules themselves.
Every import counts, including those inside functions (grimp reads them all): an
import moved into a function to dodge a cycle is still a cycle. Run by ``make lint``.
"""

from __future__ import annotations

import sys

import grimp

PACKAGES = ("domain", "wire", "local_store", "sync", "server", "desktop", "bench")


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm),
    each sorted; a self-import is no cycle."""
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    for root in modules:
        if root in index:
            continue
        # Iterative DFS: (module, iterator over its imports).
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def main() -> int:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    cycles = import_cycles(graph)
    for component in cycles:
        print("import cycle: " + " <-> ".join(component), file=sys.stderr)
        for importer in component:
            for imported in component:
                if graph.direct_import_exists(importer=importer, imported=imported):
                    print(f"    {importer} imports {imported}", file=sys.stderr)
    if cycles:
        return 1
    print(f"no import cycles in {', '.join(PACKAGES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
