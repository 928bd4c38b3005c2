"""The package's import graph, read from the source with :mod:`ast` (nothing is imported).

Helper for ``test_import_graph.py`` and a command for a quick look:

    python tests/importgraaf.py [REPO_DIR]

An edge A -> B is any ``import``/``from ... import`` in module A (at any depth: also inside
functions and ``if TYPE_CHECKING``) that names module B of the package; ``from pkg import
name`` is an edge to ``pkg.name`` when that is a module, else to ``pkg``. A package's
``__init__`` counts as the module ``pkg``. A *part* is a top-level module or package of
``wijkanalyse`` (``wijkanalyse.store``, ``wijkanalyse.model``, ...).

A private import is ``from X import _name`` where X is another module of the package.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

PKG = "wijkanalyse"
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Graaf:
    modules: dict[str, Path]
    #: module -> the package's modules it imports
    edges: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: (importing module, source module, private names, line)
    prive: list[tuple[str, str, list[str], int]] = field(default_factory=list)


def modules(root: Path = ROOT) -> dict[str, Path]:
    out = {}
    for p in sorted((root / PKG).rglob("*.py")):
        if "__pycache__" in p.parts:
            continue
        parts = list(p.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def lees(root: Path = ROOT) -> Graaf:
    g = Graaf(modules(root))
    mods = g.modules
    for naam, pad in mods.items():
        tree = ast.parse(pad.read_text(encoding="utf-8"), filename=str(pad))
        pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
        for node in ast.walk(tree):
            doelen: list[str] = []
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name == PKG or a.name.startswith(PKG + "."):
                        d = a.name
                        while d not in mods and "." in d:
                            d = d.rpartition(".")[0]
                        doelen.append(d)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    basis = pakket.split(".")
                    basis = basis[: len(basis) - (node.level - 1)]
                    bron = ".".join(basis + ([node.module] if node.module else []))
                else:
                    bron = node.module or ""
                if not (bron == PKG or bron.startswith(PKG + ".")):
                    continue
                namen_prive = []
                for a in node.names:
                    sub = f"{bron}.{a.name}"
                    if sub in mods:
                        doelen.append(sub)
                    else:
                        doelen.append(bron)
                        if a.name.startswith("_") and not a.name.startswith("__"):
                            namen_prive.append(a.name)
                if namen_prive and bron != naam:
                    g.prive.append((naam, bron, namen_prive, node.lineno))
            for d in doelen:
                if d in mods and d != naam:
                    g.edges[naam].add(d)
    return g


def deel(module: str) -> str:
    """The top-level part a module belongs to: ``wijkanalyse.store.opgaven`` -> ``..store``."""
    return ".".join(module.split(".")[:2])


def delen(g: Graaf) -> dict[str, set[str]]:
    """The graph between parts (edges inside one part left out)."""
    out: dict[str, set[str]] = defaultdict(set)
    for a, bs in g.edges.items():
        for b in bs:
            if deel(a) != deel(b):
                out[deel(a)].add(deel(b))
    return out


def sterk_samenhangend(knopen: list[str], graaf: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one node (the cycles)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    op_stapel: set[str] = set()
    stapel: list[str] = []
    uit: list[list[str]] = []
    teller = 0
    for start in knopen:
        if start in index:
            continue
        werk = [(start, iter(sorted(graaf.get(start, ()))))]
        index[start] = low[start] = teller
        teller += 1
        stapel.append(start)
        op_stapel.add(start)
        while werk:
            v, it = werk[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = teller
                    teller += 1
                    stapel.append(w)
                    op_stapel.add(w)
                    werk.append((w, iter(sorted(graaf.get(w, ())))))
                    break
                if w in op_stapel:
                    low[v] = min(low[v], index[w])
            else:
                werk.pop()
                if werk:
                    low[werk[-1][0]] = min(low[werk[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stapel.pop()
                        op_stapel.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        uit.append(sorted(comp))
    return uit


def een_kring(comp: list[str], graaf: dict[str, set[str]]) -> list[str]:
    """One concrete cycle through the component's first node: [a, b, ..., a]."""
    binnen = set(comp)
    start = comp[0]
    vorige: dict[str, str] = {}
    rij = deque([start])
    while rij:
        v = rij.popleft()
        for w in sorted(graaf.get(v, ())):
            if w not in binnen:
                continue
            if w == start:
                pad = [v]
                while pad[-1] != start:
                    pad.append(vorige[pad[-1]])
                return [start, *reversed(pad[:-1]), start]
            if w not in vorige:
                vorige[w] = v
                rij.append(w)
    return [*comp, comp[0]]


def kort(module: str) -> str:
    return module.removeprefix(PKG + ".")


def main() -> int:
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT
    g = lees(root)
    top = sorted(p.name for p in (root / PKG).glob("*.py") if p.name != "__init__.py")
    cycli = sterk_samenhangend(sorted(g.modules), g.edges)
    tussen = sterk_samenhangend(sorted({deel(m) for m in g.modules}), delen(g))
    print(f"modules: {len(g.modules)}; top-level modules: {len(top)}")
    print(f"cycles between modules: {len(cycli)} ({sum(map(len, cycli))} modules)")
    print(f"cycles between top-level parts: {len(tussen)} ({sum(map(len, tussen))} parts)")
    namen = sum(len(n) for _, _, n, _ in g.prive)
    print(f"private cross-module imports: {len(g.prive)} statements, {namen} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
