"""Keep ``notebooks/`` clean: a Jupyter server save hook that strips outputs.

JupyterLab autosaves every few minutes, outputs included; without this hook a working session
adds thousands of lines to the committed notebooks. ``make lab`` (and the README's conda
command) start JupyterLab with ``jupyter_server_config.py`` from the repository root, which
sets :func:`zonder_uitvoer` as the contents manager's ``pre_save_hook``. Why a save hook
rather than opening copies in a work folder: people open the notebooks where the README
says they are, every save of them goes through the server, and their own notebooks elsewhere
keep their outputs. The outputs stay visible in the open tab; only the file stays clean.

The same goes for the cell tagged ``parameters`` (``wijk``, ``werkruimte``) and for the
kernel's own metadata (``kernelspec``, ``language_info``): a user who types
another wijk or workspace there works with it in the open tab, but the file keeps the
committed defaults, so ``git status`` stays clean and the next user starts from the demo.
(The notebooks' wijk and workspace choosers make typing there unnecessary.) To change a
default on purpose, edit the file outside JupyterLab.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core import config


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
    pad = root / path.lstrip("/")
    if _in_notebooks(pad):
        maak_schoon(model["content"])
        houd_parameters(model["content"], pad)


def _parameter_cellen(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        c
        for c in nb.get("cells", [])
        if c.get("cell_type") == "code" and "parameters" in c.get("metadata", {}).get("tags", [])
    ]


def houd_parameters(nb: dict[str, Any], pad: Path) -> dict[str, Any]:
    """Give the ``parameters`` cell of ``nb`` (in place) the source it has in the file at
    ``pad``: what a user typed there (another wijk or workspace) is not saved. A notebook
    that is not on disk yet, or has no such cell, is left as it is."""
    try:
        op_schijf = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return nb
    oud = _parameter_cellen(op_schijf)
    nieuw = _parameter_cellen(nb)
    for cel_nieuw, cel_oud in zip(nieuw, oud, strict=False):
        cel_nieuw["source"] = cel_oud.get("source", "")
    # A running kernel fills in its own kernelspec and language_info (version, mimetype…):
    # the file keeps what is committed, whatever kernel the user happens to have.
    meta, meta_oud = nb.setdefault("metadata", {}), op_schijf.get("metadata", {})
    for sleutel in ("kernelspec", "language_info"):
        if sleutel in meta_oud:
            meta[sleutel] = meta_oud[sleutel]
        else:
            meta.pop(sleutel, None)
    return nb
