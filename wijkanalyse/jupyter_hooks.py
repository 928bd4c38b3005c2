"""Keep ``notebooks/`` clean: a Jupyter server save hook that strips outputs.

JupyterLab autosaves every few minutes, outputs included; without this hook a working session
adds thousands of lines to the committed notebooks. ``make lab`` (and the README's conda
command) start JupyterLab with ``jupyter_server_config.py`` from the repository root, which
sets :func:`zonder_uitvoer` as the contents manager's ``pre_save_hook``. Why a save hook
rather than opening copies in a work folder: people open the notebooks where the README
says they are, every save of them goes through the server, and their own notebooks elsewhere
keep their outputs. The outputs stay visible in the open tab; only the file stays clean.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import config


def _in_notebooks(pad: Path) -> bool:
    try:
        pad.resolve().relative_to(config.NOTEBOOKS_DIR.resolve())
    except ValueError:
        return False
    return True


def maak_schoon(nb: dict[str, Any]) -> dict[str, Any]:
    """Remove outputs, execution counts, timing and widget state from a notebook (in place)."""
    for cel in nb.get("cells", []):
        if cel.get("cell_type") == "code":
            cel["outputs"] = []
            cel["execution_count"] = None
        meta = cel.get("metadata", {})
        for sleutel in ("execution", "collapsed", "scrolled"):
            meta.pop(sleutel, None)
    nb.get("metadata", {}).pop("widgets", None)
    return nb


def zonder_uitvoer(
    model: dict[str, Any], path: str, contents_manager: Any = None, **_: Any
) -> None:
    """``pre_save_hook``: a notebook saved into ``notebooks/`` is written without outputs."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    root = Path(getattr(contents_manager, "root_dir", "") or ".")
    if _in_notebooks(root / path.lstrip("/")):
        maak_schoon(model["content"])
