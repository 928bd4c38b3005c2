"""From CBS figures to transitions: signals, offered as suggested opgaven, never added.

The rules live in one data file, ``data/cbs_signalen.csv``, one rule per row, for a team to
read and change: ``onderwerp`` (StatLine's subject name, or its last part), ``eenheid``
(empty: any unit), ``vergelijking`` (``<`` or ``>``), ``drempel``, ``ten_opzichte_van``
(``vast``: the wijk's own figure against the drempel; ``gemeente``: the wijk's figure minus
the gemeente's), ``transitie``, ``opgave`` (the suggested title), ``aanleiding`` and
``uitleg``. The thresholds shipped are starting points, not CBS norms.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..core.config import DATA_DIR
from ..core.errors import InvoerFout
from ..core.vocabulary import TRANSITIES
from .profiel import bron_tekst, getal_nl, laatste, past

REGELS = DATA_DIR / "cbs_signalen.csv"
KOLOMMEN = [
    "onderwerp",
    "eenheid",
    "vergelijking",
    "drempel",
    "ten_opzichte_van",
    "transitie",
    "opgave",
    "aanleiding",
    "uitleg",
]
SIGNAAL_KOLOMMEN = [
    "transitie",
    "opgave",
    "aanleiding",
    "onderwerp",
    "eenheid",
    "waarde",
    "periode",
    "bron_tabel",
    "reden",
    "al_opgave",
]


def lees_regels(pad: Path | str = REGELS) -> pd.DataFrame:
    """The rules, checked row by row (a Dutch error names the row and column)."""
    pad = Path(pad)
    df = pd.read_csv(pad, dtype=str, keep_default_na=False)
    mist = [k for k in KOLOMMEN if k not in df.columns]
    if mist:
        raise InvoerFout(f"Kolom(men) ontbreken: {', '.join(mist)}.", bestand=pad.name, rij=1)
    rijen = []
    for i, r in enumerate(df.to_dict("records"), start=2):
        fout = None
        if not r["onderwerp"].strip():
            fout = ("onderwerp", "Het onderwerp is leeg.")
        elif r["vergelijking"].strip() not in ("<", ">"):
            fout = ("vergelijking", f"'{r['vergelijking']}' moet < of > zijn.")
        elif r["ten_opzichte_van"].strip() not in ("vast", "gemeente"):
            fout = ("ten_opzichte_van", f"'{r['ten_opzichte_van']}' moet vast of gemeente zijn.")
        elif r["transitie"].strip() not in (*TRANSITIES, "overig"):
            fout = ("transitie", f"'{r['transitie']}' is geen transitie.")
        elif not r["opgave"].strip():
            fout = ("opgave", "De voorgestelde opgave is leeg.")
        else:
            try:
                drempel = float(r["drempel"].replace(",", "."))
                if not math.isfinite(drempel):
                    raise ValueError
            except ValueError:
                fout = ("drempel", f"'{r['drempel']}' is geen getal.")
        if fout:
            raise InvoerFout(fout[1], bestand=pad.name, rij=i, kolom=fout[0])
        rijen.append({**{k: r[k].strip() for k in KOLOMMEN}, "drempel": drempel})
    return pd.DataFrame(rijen, columns=KOLOMMEN)


def signalen(
    cijfers: pd.DataFrame, regels: pd.DataFrame, opgaven: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Which rules fire for this wijk's figures (from :func:`store.cbs_profielcijfers`).

    Each rule is tested on the newest figure of the wijk for a matching subject (and unit).
    ``al_opgave`` is true when the wijk already has an opgave with the suggested title.
    """
    top = laatste(cijfers)
    wijk = top[top["rol"] == "wijk"].dropna(subset=["waarde"])
    gemeente = top[top["rol"] == "gemeente"].dropna(subset=["waarde"])
    titels = set() if opgaven is None else {t.casefold() for t in opgaven["titel"]}
    uit = []
    for r in regels.itertuples():
        for c in wijk.itertuples():
            if not past(c.onderwerp, r.onderwerp):
                continue
            if r.eenheid and c.eenheid.strip().casefold() != r.eenheid.casefold():
                continue
            waarde = float(c.waarde)
            if r.ten_opzichte_van == "gemeente":
                g = gemeente[gemeente["onderwerp"] == c.onderwerp]
                if g.empty:
                    continue
                gwaarde = float(g["waarde"].iloc[0])
                getoetst = waarde - gwaarde
                wat = (
                    f"{c.onderwerp}: wijk {getal_nl(waarde)} tegen gemeente {getal_nl(gwaarde)}, "
                    f"verschil {getal_nl(round(getoetst, 6))}"
                )
            else:
                getoetst = waarde
                eenheid = "" if c.eenheid.casefold() in ("getal", "aantal") else c.eenheid
                wat = f"{c.onderwerp}: {getal_nl(waarde)} {eenheid}".rstrip()
            raak = getoetst < r.drempel if r.vergelijking == "<" else getoetst > r.drempel
            if not raak:
                continue
            grens = "lager dan" if r.vergelijking == "<" else "hoger dan"
            reden = (
                f"{wat} ({bron_tekst(c.bron_tabel, c.periode)}); de regel: {grens} "
                f"{getal_nl(r.drempel)}. {r.uitleg}".strip()
            )
            uit.append(
                {
                    "transitie": r.transitie,
                    "opgave": r.opgave,
                    "aanleiding": r.aanleiding,
                    "onderwerp": c.onderwerp,
                    "eenheid": c.eenheid,
                    "waarde": waarde,
                    "periode": c.periode,
                    "bron_tabel": c.bron_tabel,
                    "reden": reden,
                    "al_opgave": r.opgave.casefold() in titels,
                }
            )
    return pd.DataFrame(uit, columns=SIGNAAL_KOLOMMEN)
