"""The one place that knows paths.

Every command, notebook and test asks this module where things are. A workspace is one
SQLite file; the demo workspace lives under ``werkruimte/`` (git-ignored) unless
``WIJKANALYSE_WERKRUIMTE`` points elsewhere.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = REPO_DIR / "data"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
REPORTS_DIR = REPO_DIR / "reports"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

DEMO_SEED = 2026


def werkruimte_dir() -> Path:
    return Path(os.environ.get("WIJKANALYSE_WERKRUIMTE", REPO_DIR / "werkruimte"))


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
    """
    ascii_ = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:80].strip("-")
    return s or "wijk"
