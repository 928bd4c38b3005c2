"""Creating a new workspace for a gemeente: validate the list of wijken, then build it whole.

The database is built under a temporary name and renamed at the end, so a bad row never
leaves a half-made workspace behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .. import databank, store
from ..core import validation
from ..core.catalog import standaard_kader
from ..core.errors import InvoerFout, WijkanalyseFout

#: A list of wijken is small (the largest gemeente has a few hundred): bounded before reading.
MAX_WIJKEN_BYTES = 1_000_000
MAX_WIJKEN = 2_000


def lees_wijken(pad: Path | str) -> pd.DataFrame:
    """Read a CSV of wijken (naam, gemeente, inwoners; `,` or `;`, UTF-8 or cp1252) and
    validate every row: naam required and unique, inwoners empty or a whole number >= 0."""
    pad = Path(pad)
    naam = pad.name
    if pad.stat().st_size > MAX_WIJKEN_BYTES:
        raise InvoerFout(
            f"Het bestand is {pad.stat().st_size // 1000:,} kB; een lijst van wijken is hoogstens "
            f"{MAX_WIJKEN_BYTES // 1000:,} kB. Kies het goede bestand.".replace(",", "."),
            bestand=naam,
        )
    ruw = pad.read_bytes()
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = ruw.decode("cp1252")
    sep = ";" if tekst.split("\n", 1)[0].count(";") > tekst.split("\n", 1)[0].count(",") else ","
    from io import StringIO

    try:
        df = pd.read_csv(StringIO(tekst), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        import re

        regel = re.search(r"line (\d+)", str(e))
        raise InvoerFout(
            "Het bestand is geen leesbare lijst van wijken: een regel heeft meer kolommen dan "
            "de kopregel, of een aanhalingsteken staat verkeerd.",
            bestand=naam,
            rij=int(regel.group(1)) if regel else None,
        ) from None
    if len(df) > MAX_WIJKEN:
        raise InvoerFout(
            f"Het bestand heeft {len(df):,} regels; een werkruimte heeft hoogstens "
            f"{MAX_WIJKEN:,} wijken.".replace(",", "."),
            bestand=naam,
        )
    df.columns = [c.strip().lower() for c in df.columns]
    if "naam" not in df.columns:
        raise InvoerFout(
            f"De kolom 'naam' ontbreekt; gevonden: {', '.join(df.columns) or '(geen)'}.",
            bestand=naam,
            rij=1,
            kolom="naam",
        )
    df = df[[c for c in ("naam", "gemeente", "inwoners") if c in df.columns]]
    df = df[~(df.apply(lambda r: all(not str(v).strip() for v in r), axis=1))]
    if df.empty:
        raise InvoerFout("Het bestand bevat geen wijken.", bestand=naam)
    rijen: list[Any] = []
    gezien: dict[Any, Any] = {}
    for i, r in enumerate(df.to_dict("records")):
        rij = int(df.index[i]) + 2
        try:
            w = validation.tekst(r.get("naam"), "naam", verplicht=True, max_len=100)
        except InvoerFout as e:
            raise InvoerFout(e.melding, bestand=naam, rij=rij, kolom="naam") from None
        if w.casefold() in gezien:
            raise InvoerFout(
                f"Wijk '{w}' staat er twee keer in (ook in rij {gezien[w.casefold()]}).",
                bestand=naam,
                rij=rij,
                kolom="naam",
            )
        gezien[w.casefold()] = rij
        inw_tekst = str(r.get("inwoners", "")).strip().replace(".", "").replace(" ", "")
        if inw_tekst and not inw_tekst.isdigit():
            raise InvoerFout(
                f"'{r.get('inwoners')}' is geen aantal inwoners.",
                bestand=naam,
                rij=rij,
                kolom="inwoners",
            )
        rijen.append(
            {
                "naam": w,
                "gemeente": str(r.get("gemeente", "")).strip(),
                "inwoners": int(inw_tekst) if inw_tekst else None,
            }
        )
    return pd.DataFrame(rijen)


def nieuwe_werkruimte(pad: Path | str, wijken: pd.DataFrame) -> Path | str:
    """A new workspace with these wijken, each with the default afwegingskader.

    ``pad`` may also be the URL of an empty PostgreSQL database: the workspace is then built
    in a temporary SQLite file and copied there whole (all or nothing, verified)."""
    werkruimte = databank.Werkruimte.van(pad)
    if werkruimte.is_url:
        import tempfile

        store.maak_werkruimte(werkruimte.url)  # reachable? (fails fast, before anything is built)
        with tempfile.TemporaryDirectory(prefix="wijkanalyse-nieuw-") as map_:
            tijdelijk = nieuwe_werkruimte(Path(map_) / "nieuw.sqlite", wijken)
            store.kopieer(tijdelijk, werkruimte.url)
        return werkruimte.url
    pad = werkruimte.pad
    if pad.exists():
        raise WijkanalyseFout(f"'{pad}' bestaat al; kies een andere naam.")
    tmp = pad.with_name(pad.name + ".bouw")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    try:
        store.maak_werkruimte(tmp)
        kader = standaard_kader()
        for r in wijken.itertuples():
            inw = None if pd.isna(r.inwoners) else int(r.inwoners)
            store.voeg_wijk_toe(tmp, r.naam, r.gemeente or "", inw, criteria=kader)
        tmp.replace(pad)
    finally:
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
    return pad
