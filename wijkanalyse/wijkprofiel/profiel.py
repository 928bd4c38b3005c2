"""The wijkprofiel: chosen CBS key figures of a wijk beside its gemeente and the country.

Pure functions on the DataFrame from :func:`wijkanalyse.store.cbs_profielcijfers` (one row
per region role, subject and period), plus the table (escaped HTML) and the plot. Every
figure carries its source table and period; a figure CBS does not have is shown as
"ontbreekt", never as 0. Which figures count as key figures is in
``data/cbs_kerncijfers.csv`` (subject as StatLine names it, and the label to show).
"""

from __future__ import annotations

import html
import math
from functools import cache

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..core.config import DATA_DIR
from ..core.nl_format import getal

ROLLEN = ("wijk", "gemeente", "land")
ONTBREEKT = "ontbreekt"
ONBEKEND = "onbekend"  # a figure that is not a finite number
MAX_ZONDER_KEUZE = 12


@cache
def kerncijfers() -> pd.DataFrame:
    """The chosen key figures (onderwerp, label) in the order to show them."""
    return pd.read_csv(DATA_DIR / "cbs_kerncijfers.csv", dtype=str, keep_default_na=False)


def past(onderwerp: str, patroon: str) -> bool:
    """A StatLine subject matches a configured one: equal, or its last part(s) equal.

    >>> past("Bevolking/Aantal inwoners", "Aantal inwoners"), past("Inwoners", "Aantal inwoners")
    (True, False)
    """
    o, p = onderwerp.strip().casefold(), patroon.strip().casefold()
    return o == p or o.endswith("/" + p)


def laatste(cijfers: pd.DataFrame) -> pd.DataFrame:
    """Per subject and role the newest period that has a figure (else the newest period).

    Columns: onderwerp, eenheid, rol, regionaam, waarde, periode, bron_tabel.
    """
    kol = ["onderwerp", "eenheid", "rol", "regionaam", "waarde", "periode", "bron_tabel"]
    if cijfers.empty:
        return pd.DataFrame(columns=kol)
    waarde = pd.to_numeric(cijfers["waarde"], errors="coerce").astype("float64")
    waarde = waarde.where(waarde.abs() != math.inf)  # ±Inf stored by an older version: missing
    df = cijfers.assign(waarde=waarde, _heeft=waarde.notna())
    df = df.sort_values(["_heeft", "periode"]).groupby(["onderwerp", "rol"], sort=False).tail(1)
    return df[kol].reset_index(drop=True)


def profiel(cijfers: pd.DataFrame, keuze: pd.DataFrame | None = None) -> pd.DataFrame:
    """The profile: one row per key figure, per role its value, period and source.

    Columns: onderwerp, label, eenheid and for each role ``waarde_<rol>``, ``periode_<rol>``,
    ``bron_<rol>`` (NaN / "" where missing). Key figures with no figure anywhere are left out;
    without any configured key figure in the data, every subject is shown (at most 12).
    """
    keuze = kerncijfers() if keuze is None else keuze
    top = laatste(cijfers)
    onderwerpen = list(dict.fromkeys(top["onderwerp"]))
    rijen: list[tuple[str, str]] = []
    for k in keuze.itertuples():
        for o in onderwerpen:
            if past(o, k.onderwerp) and o not in [r[0] for r in rijen]:
                rijen.append((o, k.label or o))
    if not rijen:
        rijen = [(o, o) for o in onderwerpen[:MAX_ZONDER_KEUZE]]
    uit = []
    for onderwerp, label in rijen:
        sel = top[top["onderwerp"] == onderwerp].set_index("rol")
        rij: dict[str, object] = {
            "onderwerp": onderwerp,
            "label": label,
            "eenheid": sel["eenheid"].iloc[0] if len(sel) else "",
        }
        for rol in ROLLEN:
            heeft = rol in sel.index
            rij[f"regio_{rol}"] = sel.at[rol, "regionaam"] if heeft else ""
            rij[f"waarde_{rol}"] = sel.at[rol, "waarde"] if heeft else math.nan
            rij[f"periode_{rol}"] = sel.at[rol, "periode"] if heeft else ""
            rij[f"bron_{rol}"] = sel.at[rol, "bron_tabel"] if heeft else ""
        uit.append(rij)
    return pd.DataFrame(uit)


def ontbrekende_kerncijfers(cijfers: pd.DataFrame, keuze: pd.DataFrame | None = None) -> list[str]:
    """Labels of configured key figures no imported file has (a label listed under two CBS
    names, as tables renamed a subject, counts as present when either name is)."""
    keuze = kerncijfers() if keuze is None else keuze
    onderwerpen = set(cijfers["onderwerp"]) if not cijfers.empty else set()
    aanwezig = {
        k.label for k in keuze.itertuples() if any(past(o, k.onderwerp) for o in onderwerpen)
    }
    return list(dict.fromkeys(k.label for k in keuze.itertuples() if k.label not in aanwezig))


def getal_nl(x: float) -> str:
    """A CBS figure the Dutch way.

    >>> getal_nl(457400.0), getal_nl(-0.1), getal_nl(20.8), getal_nl(1234.5)
    ('457.400', '-0,1', '20,8', '1.234,5')
    >>> getal_nl(float("inf")), getal_nl(float("nan")), getal_nl(None)
    ('onbekend', 'onbekend', 'onbekend')
    """
    if x is None or not math.isfinite(x):
        return ONBEKEND
    return getal(round(x, 3))


def bron_tekst(bron: str, periode: str) -> str:
    return f"CBS {bron}, {periode}" if bron else ""


def _cel(waarde: float, bron: str, periode: str) -> str:
    if not bron:
        return f'<span class="wa-ontbreekt">{ONTBREEKT}</span>'
    bronregel = f'<div class="wa-bron">{html.escape(bron_tekst(bron, periode))}</div>'
    if waarde is None or pd.isna(waarde):
        return f'<span class="wa-ontbreekt">{ONTBREEKT}</span>{bronregel}'
    return f'<div class="wa-cijfer">{getal_nl(float(waarde))}</div>{bronregel}'


STIJL = (
    "<style>.wa-profiel td, .wa-profiel th {padding: 3px 10px; text-align: left; "
    "vertical-align: top; border-bottom: 1px solid #ddd}"
    ".wa-profiel .wa-bron {font-size: 0.8em; color: #505050}"
    ".wa-profiel .wa-ontbreekt {font-style: italic; color: #505050}</style>"
)


def profiel_html(
    prof: pd.DataFrame, wijk: str, gemeente: str, ontbreken: list[str], wijkcode: str = ""
) -> str:
    """The profile as an escaped HTML table with the source and period under each figure.

    ``wijkcode`` is the CBS region the wijk is linked to ("" when it is not linked).
    """
    if prof.empty:
        return (
            "<p><em>Nog geen CBS-cijfers voor deze wijk. Lees een StatLine-download in "
            "(CSV) met <code>wijkanalyse cbs importeer BESTAND.csv</code> of hierboven in "
            "het notebook of dashboard.</em></p>"
        )
    met_land = bool((prof["bron_land"] != "").any())
    koppen = ["Kerncijfer", "Eenheid", f"Wijk {wijk}", f"Gemeente {gemeente or 'onbekend'}"]
    if met_land:
        koppen.append("Nederland")
    rollen = ROLLEN if met_land else ROLLEN[:2]
    regels = ["<table class='wa-tabel wa-profiel'><thead><tr>"]
    regels += [f'<th scope="col">{html.escape(k)}</th>' for k in koppen]
    regels[3] = regels[3].replace(
        "</th>",
        f'<div class="wa-bron">{html.escape(wijkcode or "niet gekoppeld aan een CBS-regio")}'
        "</div></th>",
    )
    regels.append("</tr></thead><tbody>")
    for r in prof.to_dict("records"):
        cellen = [
            f'<th scope="row">{html.escape(r["label"])}</th>',
            f"<td>{html.escape(r['eenheid'])}</td>",
        ]
        cellen += [
            f"<td>{_cel(r[f'waarde_{rol}'], r[f'bron_{rol}'], r[f'periode_{rol}'])}</td>"
            for rol in rollen
        ]
        regels.append("<tr>" + "".join(cellen) + "</tr>")
    regels.append("</tbody></table>")
    uitleg = (
        "<p>Onder elk cijfer staan de CBS-tabel en de periode. <em>ontbreekt</em>: CBS heeft "
        "dit cijfer niet (geheim, te weinig inwoners) of het is nog niet ingelezen. Bron: "
        "CBS StatLine, licentie CC BY 4.0.</p>"
    )
    if ontbreken:
        uitleg += (
            "<p>Nog geen cijfers ingelezen over: " + html.escape(", ".join(ontbreken)) + ".</p>"
        )
    return STIJL + "".join(regels) + uitleg


def profiel_figuur(prof: pd.DataFrame, wijk: str, gemeente: str) -> go.Figure:
    """Per key figure a small bar chart of wijk, gemeente (and country), each with its own
    scale; the title of each says the unit and the source and period; missing bars say so."""
    if prof.empty:
        fig = go.Figure()
        fig.update_layout(title="Wijkprofiel: nog geen CBS-cijfers", height=200)
        return fig
    met_land = bool((prof["bron_land"] != "").any())
    rollen = ROLLEN if met_land else ROLLEN[:2]
    namen = {"wijk": wijk, "gemeente": gemeente or "gemeente", "land": "Nederland"}
    kleuren = {"wijk": "#005a9e", "gemeente": "#8a8886", "land": "#c8c6c4"}
    titels = []
    for r in prof.to_dict("records"):
        bronnen = sorted(
            {bron_tekst(r[f"bron_{rol}"], r[f"periode_{rol}"]) for rol in rollen} - {""}
        )
        titels.append(
            f"<b>{html.escape(r['label'])}</b> ({html.escape(r['eenheid'])})<br>"
            f"<span style='font-size:11px'>Bron: {html.escape('; '.join(bronnen))}</span>"
        )
    n = len(prof)
    fig = make_subplots(rows=n, cols=1, subplot_titles=titels, vertical_spacing=0.5 / n)
    for i, r in enumerate(prof.to_dict("records"), start=1):
        labels = [html.escape(namen[rol]) for rol in rollen]
        waarden = [r[f"waarde_{rol}"] for rol in rollen]
        tekst = [ONTBREEKT if pd.isna(v) else getal_nl(float(v)) for v in waarden]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=[None if pd.isna(v) else float(v) for v in waarden],
                orientation="h",
                marker_color=[kleuren[rol] for rol in rollen],
                text=tekst,
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    f"{lab}: {t}<br>{html.escape(bron_tekst(r[f'bron_{x}'], r[f'periode_{x}']))}"
                    for lab, t, x in zip(labels, tekst, rollen, strict=True)
                ],
                hoverinfo="text",
                showlegend=False,
            ),
            row=i,
            col=1,
        )
        for lab, v in zip(labels, waarden, strict=True):
            if pd.isna(v):  # say it where the bar would be: never a silent 0
                fig.add_annotation(
                    x=0,
                    y=lab,
                    text=ONTBREEKT,
                    showarrow=False,
                    xanchor="left",
                    font={"color": "#505050", "size": 11},
                    row=i,
                    col=1,
                )
        fig.update_yaxes(autorange="reversed", row=i, col=1)
    fig.update_layout(
        title=f"Wijkprofiel {html.escape(wijk)}: CBS-kerncijfers",
        height=140 + 150 * n,
        margin={"l": 160, "r": 60, "t": 90, "b": 30},
        font={"size": 12},
        separators=",.",  # Dutch: decimal comma, thousands dot
    )
    return fig
