"""Build opgaven, koppelingen and items DataFrames that match ``docs/contract.md``.

For tests and benchmarks. Small hand-made frames: :func:`maak_opgaven`,
:func:`maak_koppelingen`, :func:`maak_items` (give only the columns that matter, the rest get
defaults). A big synthetic wijk: :func:`synthetische_wijk` (deterministic for a seed).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijkanalyse.core.vocabulary import (
    HORIZONNEN,
    IMPACTEN,
    ITEM_SOORTEN,
    NIVEAUS,
    ROLLEN,
    SOORTEN,
    TRANSITIES,
)
from wijkanalyse.store import migraties

OPGAVE_DTYPES: dict[str, str] = {
    "id": "int64",
    "titel": "str",
    "transitie": "str",
    "soort": "str",
    "aanleiding": "str",
    "eigenaar": "str",
    "start_jaar": "Int64",
    "eind_jaar": "Int64",
    "rol": "str",
    "beschrijving": "str",
}
KOPPELING_DTYPES: dict[str, str] = {
    "id": "int64",
    "opgave_a": "int64",
    "opgave_b": "int64",
    "niveau": "str",
    "toelichting": "str",
}
ITEM_DTYPES: dict[str, str] = {
    "id": "int64",
    "koppeling_id": "int64",
    "soort": "str",
    "tekst": "str",
    "impact": "str",
    "horizon": "str",
    "interventie": "str",
    "interventie_eigenaar": "str",
}

_OPGAVE_DEFAULTS: dict[str, Any] = {
    "transitie": "overig",
    "soort": "fysiek",
    "aanleiding": "",
    "eigenaar": "",
    "start_jaar": None,
    "eind_jaar": None,
    "rol": "meeliftend",
    "beschrijving": "",
}
_KOPPELING_DEFAULTS: dict[str, Any] = {"niveau": "afstemming", "toelichting": ""}
_ITEM_DEFAULTS: dict[str, Any] = {
    "soort": "kans",
    "tekst": "",
    "impact": "middel",
    "horizon": "nu",
    "interventie": "",
    "interventie_eigenaar": "",
}


def _frame(
    rows: Sequence[Mapping[str, Any]], dtypes: dict[str, str], defaults: dict[str, Any]
) -> pd.DataFrame:
    records = []
    for n, row in enumerate(rows, start=1):
        rec = {"id": n, **defaults, **row}
        records.append({c: rec[c] for c in dtypes})
    df = pd.DataFrame(records, columns=list(dtypes))
    return df.astype(dtypes)


def maak_opgaven(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Opgaven from dicts; ``titel`` is required, id defaults to 1, 2, ..."""
    return _frame(rows, OPGAVE_DTYPES, _OPGAVE_DEFAULTS)


def maak_koppelingen(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Koppelingen from dicts with opgave_a, opgave_b (and optionally id, niveau)."""
    return _frame(rows, KOPPELING_DTYPES, _KOPPELING_DEFAULTS)


def maak_items(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Items (kansen en bedreigingen) from dicts with at least koppeling_id."""
    return _frame(rows, ITEM_DTYPES, _ITEM_DEFAULTS)


def lege_wijk() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Empty opgaven, koppelingen and items with the contract's columns and dtypes."""
    return maak_opgaven([]), maak_koppelingen([]), maak_items([])


_TEKSTEN_KANS = (
    "straat hoeft maar één keer open",
    "gedeelde communicatie met bewoners",
    "lagere kosten door gezamenlijke aanbesteding",
    "meer groen in de straat",
    "bewoners zien zichtbare verbetering",
)
_TEKSTEN_BEDREIGING = (
    "planning loopt uiteen",
    "bewoners verwachten te veel",
    "discussie over wie betaalt",
    "overlast duurt langer",
    "afhankelijkheid van subsidie",
)


def synthetische_wijk(
    n_opgaven: int = 40, n_items: int = 3000, seed: int = 1, dekking: float = 1.0
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A fictitious wijk: (opgaven, koppelingen, items), the same for the same arguments.

    ``dekking`` is the fraction of all n*(n-1)/2 pairs that get a koppeling (1.0 = all pairs).
    Items are spread at random over the koppelingen, so some koppelingen may stay empty.
    """
    rng = np.random.default_rng(seed)
    n = n_opgaven
    start = rng.integers(2025, 2032, size=n)
    duur = rng.integers(0, 4, size=n)
    zonder_jaren = rng.random(n) < 0.1
    aanleidingen = np.array(["rioolvervanging", "groot onderhoud", "herinrichting", "", ""])
    opgaven = maak_opgaven(
        [
            {
                "id": k + 1,
                "titel": f"Opgave {k + 1:02d}",
                "transitie": TRANSITIES[int(rng.integers(len(TRANSITIES)))],
                "soort": SOORTEN[int(rng.integers(len(SOORTEN)))],
                "aanleiding": str(aanleidingen[int(rng.integers(len(aanleidingen)))]),
                "start_jaar": None if zonder_jaren[k] else int(start[k]),
                "eind_jaar": None if zonder_jaren[k] else int(start[k] + duur[k]),
                "rol": ROLLEN[0] if rng.random() < 0.25 else ROLLEN[1],
            }
            for k in range(n)
        ]
    )
    i, j = np.triu_indices(n, k=1)
    gekozen = np.flatnonzero(rng.random(len(i)) < dekking) if dekking < 1 else np.arange(len(i))
    koppelingen = pd.DataFrame(
        {
            "id": np.arange(1, len(gekozen) + 1, dtype=np.int64),
            "opgave_a": (i[gekozen] + 1).astype(np.int64),
            "opgave_b": (j[gekozen] + 1).astype(np.int64),
            "niveau": np.asarray(NIVEAUS)[rng.integers(len(NIVEAUS), size=len(gekozen))],
            "toelichting": "",
        }
    ).astype(KOPPELING_DTYPES)

    m = n_items if len(koppelingen) else 0
    soort = np.asarray(ITEM_SOORTEN)[rng.integers(2, size=m)]
    kans_tekst = np.asarray(_TEKSTEN_KANS)[rng.integers(len(_TEKSTEN_KANS), size=m)]
    bedr_tekst = np.asarray(_TEKSTEN_BEDREIGING)[rng.integers(len(_TEKSTEN_BEDREIGING), size=m)]
    interventie = np.where(rng.random(m) < 0.2, "", "afspraken maken in het projectteam")
    items = pd.DataFrame(
        {
            "id": np.arange(1, m + 1, dtype=np.int64),
            "koppeling_id": koppelingen["id"].to_numpy()[rng.integers(len(koppelingen), size=m)]
            if m
            else np.array([], dtype=np.int64),
            "soort": soort,
            "tekst": np.where(soort == "kans", kans_tekst, bedr_tekst),
            "impact": np.asarray(IMPACTEN)[rng.integers(len(IMPACTEN), size=m)],
            "horizon": np.asarray(HORIZONNEN)[rng.integers(len(HORIZONNEN), size=m)],
            "interventie": interventie,
            "interventie_eigenaar": np.where(interventie == "", "", "gemeente"),
        }
    ).astype(ITEM_DTYPES)
    return opgaven, koppelingen, items


def sqlite_dump(p: object) -> str:
    """A whole database file as SQL text: equal dumps mean nothing changed. For a
    PostgreSQL workspace: every row of every table, as text."""
    import sqlite3

    from wijkanalyse import databank

    if databank.is_url(p):
        from pg_cluster import tabel_rijen

        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        tabellen = sorted(r[0] for r in tabel_rijen(p, sql))
        return "\n".join(
            f"{t}: {tabel_rijen(p, f'SELECT * FROM {t} ORDER BY 1')!r}" for t in tabellen
        )

    con = sqlite3.connect(p)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def werksessie_met_twee_rondes(db: object, wijk: str) -> tuple[dict, int, int]:
    """A werksessie in ``wijk`` (real rows, through the werksessie's own store): Ana
    (bewoners) scores the wijk's first opgave on its first criterium 1 in round 1 ("Eerste
    indruk") and 5 in round 2 ("Kosten en baten"). Returns the session and the round ids."""
    from wijkanalyse import store
    from wijkanalyse.databank import werksessie as opslag

    s = opslag.start_sessie(db, wijk, ["bewoners"])
    oid = int(store.opgaven(db, wijk)["id"].iloc[0])
    cid = int(store.criteria(db, wijk)["id"].iloc[0])
    r1 = opslag.voeg_ronde_toe(db, s["id"], "scores", [("opgave", oid)], "Eerste indruk")
    r2 = opslag.voeg_ronde_toe(db, s["id"], "scores", [("opgave", oid)], "Kosten en baten")
    ana = opslag.meld_aan(db, s["id"], s["groepen"][0]["id"], "Ana")
    for rid, waarde in ((r1, 1), (r2, 5)):
        opslag.zet_ronde_status(db, rid, "open")
        opslag.zet_score(db, ana["token"], s["id"], rid, "opgave", oid, cid, waarde)
    opslag.zet_ronde_status(db, r2, "gesloten")
    return s, r1, r2


def werkruimte_v1(p: Path) -> Path:
    """A workspace file of schema version 1 (before werksessies and CBS figures) with one wijk,
    Laak, written as that version did: for the migration tests."""
    con = sqlite3.connect(p)
    con.executescript(migraties.SCHEMA)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO wijken (naam, gemeente) VALUES ('Laak', 'Den Haag')")
    con.commit()
    con.close()
    return p
