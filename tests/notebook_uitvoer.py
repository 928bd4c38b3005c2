"""Committed notebooks carry no outputs: the check of ``test_notebooks.py`` and the
pre-commit hook (``.pre-commit-config.yaml``) in one place.

    python tests/notebook_uitvoer.py NOTEBOOK...

exits 1 and names each notebook that has outputs or execution counts (clear them in
JupyterLab: Edit > Clear Outputs of All Cells, then save). Reads the JSON only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def cellen_met_uitvoer(pad: Path) -> list[int]:
    """The numbers (from 1) of the code cells that have outputs or an execution count."""
    nb = json.loads(pad.read_text(encoding="utf-8"))
    return [
        i
        for i, c in enumerate(nb.get("cells", []), 1)
        if c.get("cell_type") == "code" and (c.get("outputs") or c.get("execution_count"))
    ]


def main(paden: list[str]) -> int:
    fout = 0
    for p in paden:
        cellen = cellen_met_uitvoer(Path(p))
        if cellen:
            fout = 1
            print(f"{p}: uitvoer in cel {', '.join(map(str, cellen))}; wis de uitvoer en sla op")
    return fout


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
