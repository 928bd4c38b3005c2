"""The one place that knows paths.

Every command, notebook and test asks this module where things are. A workspace is one
SQLite file; the demo workspace lives under ``werkruimte/`` (git-ignored) unless
``WIJKANALYSE_WERKRUIMTE`` points elsewhere.

Two layouts: a checkout of the repository (``data/`` and ``notebooks/`` next to the package;
outputs in the checkout) and a plain ``pip install .`` (the same files shipped inside the
package as ``wijkanalyse/data`` and ``wijkanalyse/notebooks``, see ``pyproject.toml``;
outputs under the current directory).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # wijkanalyse/, not core/
REPO_DIR = PACKAGE_DIR.parent
#: True in a checkout of the repository (editable install), False in a plain installation.
IN_CHECKOUT = (REPO_DIR / "pyproject.toml").is_file() and (REPO_DIR / "notebooks").is_dir()


def _gedeeld(naam: str) -> Path:
    """``data`` or ``notebooks``: next to the package in a checkout, inside it when installed."""
    return REPO_DIR / naam if IN_CHECKOUT else PACKAGE_DIR / naam


DATA_DIR = _gedeeld("data")
NOTEBOOKS_DIR = _gedeeld("notebooks")
#: Where outputs go: the checkout, or the directory the command was started from.
WERK_DIR = REPO_DIR if IN_CHECKOUT else Path.cwd()
REPORTS_DIR = WERK_DIR / "reports"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

DEMO_SEED = 2026


def werkruimte_dir() -> Path:
    return Path(os.environ.get("WIJKANALYSE_WERKRUIMTE", WERK_DIR / "werkruimte"))


#: Other workspaces to learn from (``wijkanalyse dashboard --leer-van PAD``): a JSON list of
#: paths or postgresql:// URLs, passed to the dashboard's kernels in this variable.
LEER_VAN = "WIJKANALYSE_LEER_VAN"


def leer_van() -> list[str]:
    """The other workspaces the pair editor learns from (besides its own); [] if none."""
    try:
        waarde = json.loads(os.environ.get(LEER_VAN, "[]"))
    except ValueError:
        return []
    return [str(p) for p in waarde] if isinstance(waarde, list) else []


def demo_db() -> Path:
    """The demo workspace database."""
    return werkruimte_dir() / "demo.sqlite"


def notebook(naam: str) -> Path:
    """A notebook by its number prefix, e.g. ``notebook("04")``."""
    matches = sorted(NOTEBOOKS_DIR.glob(f"{naam}*.ipynb"))
    if not matches:
        raise FileNotFoundError(f"Geen notebook '{naam}' in {NOTEBOOKS_DIR}")
    return matches[0]


def slug(naam: str) -> str:
    """A wijk name as a safe file name: ASCII letters, digits and '-', never empty.

    >>> slug("Zandweerd-Noord en -Zuid")
    'zandweerd-noord-en-zuid'
    >>> slug("../../etc/passwd")
    'etc-passwd'
    >>> slug("CON"), slug("Lpt1"), slug("Nul.")
    ('con-wijk', 'lpt1-wijk', 'nul-wijk')
    """
    ascii_ = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:80].strip("-")
    if s in _WINDOWS_GERESERVEERD:  # 'con.html' cannot be opened or copied on Windows
        s += "-wijk"
    return s or "wijk"


_WINDOWS_GERESERVEERD = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{i}" for p in ("com", "lpt") for i in range(10)]
)
