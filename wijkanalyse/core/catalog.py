"""The shipped reference data: catalogue of transitions, the 18 wijken, the default kader."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pandas as pd

from .config import DATA_DIR


@cache
def catalogus() -> dict[str, dict[str, Any]]:
    """Per transitie: ``doel``, typical ``aanleidingen`` and example ``opgaven``."""
    return json.loads((DATA_DIR / "catalogus.json").read_text(encoding="utf-8"))


def catalogus_tabel() -> pd.DataFrame:
    """One row per example opgave: transitie, opgave, aanleidingen (joined)."""
    rows = [
        {"transitie": t, "opgave": o, "aanleidingen": " / ".join(v["aanleidingen"])}
        for t, v in catalogus().items()
        for o in v["opgaven"]
    ]
    return pd.DataFrame(rows)


def programma_wijken() -> pd.DataFrame:
    """The 18 wijken of the experiment programme (naam, gemeente, inwoners)."""
    return pd.read_csv(DATA_DIR / "wijken.csv", encoding="utf-8")


def standaard_kader() -> pd.DataFrame:
    """The default afwegingskader (criteria with scale meanings, direction and weight)."""
    df = pd.read_csv(DATA_DIR / "afwegingskader.csv", encoding="utf-8", dtype={"bron": str})
    return df.drop(columns=["bron"])
