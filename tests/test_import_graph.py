"""llmcc/ has no import cycle, counting the imports inside functions.

A function-level import hides a cycle from Python (the module is complete by the
time the function runs) but not from a reader: the modules still depend on each
other, and a change to one can break the other only at run time. This builds the
graph from the source (AST, every ``import`` anywhere in a module) and fails on
any cycle, naming it. Without clang, and fast.
"""

from __future__ import annotations

import ast
import os

import llmcc

ROOT = os.path.dirname(os.path.abspath(llmcc.__file__))


def _modules() -> dict[str, str]:
    """Dotted name -> file of every module of the package."""
    out = {}
    for dirpath, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for f in files:
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(dirpath, f), os.path.dirname(ROOT))
                name = rel[: -len(".py")].replace(os.sep, ".")
                out[name.removesuffix(".__init__")] = os.path.join(dirpath, f)
    return out


def _targets(node: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The llmcc modules an import statement loads (the most specific that exists)."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        assert isinstance(node, ast.ImportFrom)
        if node.level:
            parts = module.split(".")
            base = parts if is_package else parts[:-1]
            base = base[: len(base) - (node.level - 1)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        # `from pkg import name`: the submodule pkg.name if there is one, else pkg itself.
        names = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in known else prefix
                 for a in node.names]  # fmt: skip
    out = set()
    for name in names:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name.startswith("llmcc"):
            out.add(name)
    return out


def import_graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
        is_package = path.endswith("__init__.py")
        edges: set[str] = set()
        for node in ast.walk(tree):  # module level, functions, methods, try blocks alike
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges |= _targets(node, name, is_package, known)
        edges.discard(name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One representative cycle per strongly connected component (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    comps: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return comps


def test_the_graph_sees_function_level_and_relative_imports():
    g = import_graph()
    # The onnx backend imports the model advisor inside build(): that edge must be seen.
    assert "llmcc.advisor.model" in g["llmcc.advisor.backends.onnx"]
    # `from ..server import client` is an edge to the submodule, not only to the package.
    assert "llmcc.server.client" in g["llmcc.advisor.model"]
    assert "llmcc.cache.storage.local" in g["llmcc.cache.tiers"]


def test_a_planted_cycle_is_found():
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(g) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_llmcc_has_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles in llmcc/: " + "; ".join(" <-> ".join(c) for c in found)
