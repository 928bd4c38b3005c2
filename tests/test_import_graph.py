"""The package's imports run one way: no cycles between modules or between the top-level
parts, and no module takes another module's ``_private`` name (give it a public name).

Read from the source alone (:mod:`importgraaf`, :mod:`ast`): fast, nothing is imported.
"""

from __future__ import annotations

import pytest
from importgraaf import Graaf, deel, delen, een_kring, kort, lees, sterk_samenhangend


@pytest.fixture(scope="module")
def graaf() -> Graaf:
    return lees()


def test_no_import_cycles_between_modules(graaf: Graaf) -> None:
    cycli = sterk_samenhangend(sorted(graaf.modules), graaf.edges)
    regels = [" -> ".join(map(kort, een_kring(c, graaf.edges))) for c in cycli]
    assert not cycli, (
        f"{len(cycli)} import cycle(s) between modules (also imports inside functions count; "
        "move what both need into a module below them):\n  " + "\n  ".join(regels)
    )


def test_no_import_cycles_between_top_level_parts(graaf: Graaf) -> None:
    """Between the folders and top-level modules (store, model, werksessie, ...) the imports
    run one way too: a part that imports another is never imported by it, not even lazily."""
    tussen = delen(graaf)
    cycli = sterk_samenhangend(sorted(tussen), tussen)
    regels = []
    for c in cycli:
        kring = een_kring(c, tussen)
        stappen = []
        for a, b in zip(kring, kring[1:], strict=False):
            waar = sorted(
                f"{kort(m)} -> {kort(n)}"
                for m, ns in graaf.edges.items()
                for n in ns
                if deel(m) == a and deel(n) == b
            )
            stappen.append(f"{kort(a)} -> {kort(b)} ({', '.join(waar[:3])})")
        regels.append("; ".join(stappen))
    assert not cycli, f"{len(cycli)} import cycle(s) between top-level parts:\n  " + "\n  ".join(
        regels
    )


def test_no_private_names_imported_from_another_module(graaf: Graaf) -> None:
    regels = [
        f"{kort(a)} (line {regel}) imports {', '.join(namen)} from {kort(b)}"
        for a, b, namen, regel in graaf.prive
    ]
    assert not graaf.prive, (
        f"{len(regels)} import(s) of private names from another module (give the name a "
        "public name in its module, or move it to a shared one):\n  " + "\n  ".join(regels)
    )
