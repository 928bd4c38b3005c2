"""Small HTML helpers shared by widgets and reports. All user text is escaped here."""

from __future__ import annotations

import html

import pandas as pd

from .vocabulary import FICTIEF_LABEL


def tabel_html(df: pd.DataFrame, *, leeg: str = "Nog niets ingevuld.", max_rijen: int = 500) -> str:
    """A DataFrame as an escaped HTML table (NaN/None shown as empty)."""
    if df.empty:
        return f"<p><em>{html.escape(leeg)}</em></p>"
    toon = df.head(max_rijen).astype(object).where(df.head(max_rijen).notna(), "")
    out = toon.to_html(index=False, escape=True, border=0, classes="wa-tabel")
    if len(df) > max_rijen:
        out += f"<p><em>… en nog {len(df) - max_rijen} rijen.</em></p>"
    return out


def fictief_banner() -> str:
    return f'<div class="wa-fictief"><strong>Let op:</strong> {html.escape(FICTIEF_LABEL)}</div>'


def melding_html(tekst: str, *, soort: str = "fout") -> str:
    kleur = {"fout": "#a80000", "ok": "#107c10", "info": "#005a9e"}[soort]
    return f'<div style="color:{kleur};font-weight:600">{html.escape(tekst)}</div>'
