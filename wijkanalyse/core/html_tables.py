"""Small HTML helpers shared by widgets and reports. All user text is escaped here."""

from __future__ import annotations

import html

import pandas as pd

from .nl_format import getal
from .vocabulary import FICTIEF_LABEL


def _nl_getallen(df: pd.DataFrame) -> pd.DataFrame:
    """Numbers the Dutch way (:func:`wijkanalyse.core.nl_format.getal`: 1.234.567,5), True/False
    as Ja/Nee: as a Dutch reader expects."""
    uit = df.copy()
    for k in uit.columns:
        if pd.api.types.is_bool_dtype(uit[k]):
            uit[k] = uit[k].map({True: "Ja", False: "Nee"}).astype(object)
        elif pd.api.types.is_float_dtype(uit[k]):
            uit[k] = uit[k].map(getal).astype(object)
    return uit


def tabel_html(df: pd.DataFrame, *, leeg: str = "Nog niets ingevuld.", max_rijen: int = 500) -> str:
    """A DataFrame as an escaped HTML table (NaN/None shown as empty)."""
    if df.empty:
        return f"<p><em>{html.escape(leeg)}</em></p>"
    kop = _nl_getallen(df.head(max_rijen))
    toon = kop.astype(object).where(kop.notna(), "")
    out = toon.to_html(index=False, escape=True, border=0, classes="wa-tabel")
    if len(df) > max_rijen:
        out += f"<p><em>… en nog {len(df) - max_rijen} rijen.</em></p>"
    return out


def fictief_banner() -> str:
    return f'<div class="wa-fictief"><strong>Let op:</strong> {html.escape(FICTIEF_LABEL)}</div>'


def melding_html(tekst: str, *, soort: str = "fout") -> str:
    """A message; its first line in bold, lines starting with "- " as a list.

    >>> melding_html("Fout in rij 2\\n- rij 3: leeg", soort="fout").count("<li>")
    1
    """
    kleur = {"fout": "#a80000", "ok": "#107c10", "info": "#005a9e"}[soort]
    regels = tekst.split("\n")
    kop = f'<div style="color:{kleur};font-weight:600">{html.escape(regels[0])}</div>'
    rest = [r for r in regels[1:] if r.strip()]
    if not rest:
        return kop
    delen = []
    lijst: list[str] = []
    for r in rest:
        if r.startswith("- "):
            lijst.append(f"<li>{html.escape(r[2:])}</li>")
            continue
        if lijst:
            delen.append("<ul>" + "".join(lijst) + "</ul>")
            lijst = []
        delen.append(f"<div>{html.escape(r)}</div>")
    if lijst:
        delen.append("<ul>" + "".join(lijst) + "</ul>")
    return f'<div class="wa-melding" style="color:{kleur}">{kop}{"".join(delen)}</div>'
