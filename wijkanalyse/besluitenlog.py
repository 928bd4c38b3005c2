"""Step 4: the besluitenlog and the plain-language summary for residents.

Pure functions on the ``besluiten`` DataFrame of ``docs/contract.md`` plus a dict of labels
(``(onderwerp_soort, onderwerp_id) -> title``). Nothing here reads the store. The summary is
written for residents: one self-contained HTML page (no scripts, no external files, every text
escaped) and one Excel sheet with the same rows.

The log keeps every decision; for each onderwerp only the newest one counts: the latest
``datum``, and on the same date the one recorded last (highest ``id``).
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from .core.nl_format import datum as nl_datum
from .core.vocabulary import FICTIEF_LABEL

__all__ = [
    "KOPPEN",
    "SAMENVATTING_KOLOMMEN",
    "gekozen_opgave_ids",
    "huidige_besluiten",
    "maakt_of_breekt_zin",
    "samenvatting_fragment",
    "samenvatting_html",
    "samenvatting_rijen",
    "samenvatting_xlsx",
    "schrijf_samenvatting_xlsx",
]

Labels = Mapping[tuple[str, int], str]
_SLEUTEL = ["onderwerp_soort", "onderwerp_id"]

# Section headings of the resident summary, per besluit, in the order shown.
KOPPEN: dict[str, str] = {
    "gekozen": "Wat we gaan doen",
    "niet gekozen": "Wat we nu niet doen, en waarom",
    "uitgesteld": "Waar we later over beslissen",
}
_INLEIDING: dict[str, str] = {
    "gekozen": "Deze onderdelen nemen we op in de aanpak van de wijk.",
    "niet gekozen": "Deze onderdelen hebben we besproken, maar nemen we nu niet mee.",
    "uitgesteld": (
        "Hierover beslissen we pas als we meer weten, bijvoorbeeld over wat het kost en "
        "wat het oplevert."
    ),
}
_LEEG: dict[str, str] = {
    "gekozen": "Er is nog niets gekozen.",
    "niet gekozen": "Er is niets afgevallen.",
    "uitgesteld": "Er is niets uitgesteld.",
}
SAMENVATTING_KOLOMMEN = ("Onderdeel", "Onderwerp", "Soort", "Waarom", "Datum", "Besloten door")
_MAAKT_OF_BREEKT = "we nemen dit toch mee omdat het de aanpak kan maken of breken."
# What a 'maakt of breekt' choice says, by the subject's stand (afweging.STAND_*): only a
# fully scored subject below the drempel "scoorde onder de drempel".
_STAND_ZIN: dict[str, str] = {
    "onder de drempel": "Scoorde onder de afgesproken drempel, maar ",
    "nog niet volledig gescoord": "Is nog niet volledig gescoord, maar ",
    "nog niet gescoord": "Is nog niet gescoord, maar ",
    "haalt de drempel": "Haalt de afgesproken drempel; ",
}
Standen = Mapping[tuple[str, int], str]


def maakt_of_breekt_zin(stand: str | None) -> str:
    """The sentence for a 'maakt of breekt' choice, true to the subject's stand (without a
    stand it says nothing about the drempel).

    >>> maakt_of_breekt_zin("nog niet gescoord")
    'Is nog niet gescoord, maar we nemen dit toch mee omdat het de aanpak kan maken of breken.'
    >>> maakt_of_breekt_zin(None)
    'We nemen dit toch mee omdat het de aanpak kan maken of breken.'
    """
    begin = _STAND_ZIN.get(stand or "", "")
    return begin + _MAAKT_OF_BREEKT if begin else _MAAKT_OF_BREEKT[0].upper() + _MAAKT_OF_BREEKT[1:]


def huidige_besluiten(besluiten: pd.DataFrame) -> pd.DataFrame:
    """The newest decision per onderwerp (latest datum, then highest id), in log order.

    Returns the same columns as ``besluiten``; an empty log gives an empty frame.
    """
    if besluiten.empty:
        return besluiten.copy()
    df = besluiten.assign(_datum=besluiten["datum"].astype(str))
    volgorde = ["_datum", "id"] if "id" in df.columns else ["_datum"]
    df = df.sort_values(volgorde, kind="stable")
    df = df.drop_duplicates(_SLEUTEL, keep="last")
    df = df.sort_values("id" if "id" in df.columns else "_datum", kind="stable")
    return df.drop(columns="_datum").reset_index(drop=True)


def gekozen_opgave_ids(besluiten: pd.DataFrame) -> list[int]:
    """Ids of the opgaven whose newest decision is ``gekozen``, sorted."""
    h = huidige_besluiten(besluiten)
    if h.empty:
        return []
    keuze = h[(h["onderwerp_soort"] == "opgave") & (h["besluit"] == "gekozen")]
    return sorted(int(i) for i in keuze["onderwerp_id"])


def _label(labels: Labels, soort: str, oid: int) -> str:
    return labels.get((soort, int(oid))) or f"{soort} {int(oid)}"


def samenvatting_rijen(
    besluiten: pd.DataFrame, labels: Labels, standen: Standen | None = None
) -> pd.DataFrame:
    """The rows of the resident summary: current decisions, grouped by section.

    Columns :data:`SAMENVATTING_KOLOMMEN`; within a section opgaven come before koppelingen,
    then in title order. A 'maakt of breekt' choice says so in ``Waarom``, with the subject's
    stand from ``standen`` (``afweging.standen``; a subject missing there has no scores).
    Without ``standen`` nothing is said about the drempel.
    """
    h = huidige_besluiten(besluiten)
    rijen = []
    for besluit, kop in KOPPEN.items():
        deel = h[h["besluit"] == besluit] if not h.empty else h
        stuk = []
        for r in deel.itertuples(index=False):
            waarom = str(r.redenering).strip()
            label = _label(labels, r.onderwerp_soort, r.onderwerp_id)
            if bool(r.maakt_of_breekt):
                stand = (
                    None
                    if standen is None
                    else standen.get((r.onderwerp_soort, int(r.onderwerp_id)), "nog niet gescoord")
                )
                waarom = f"{maakt_of_breekt_zin(stand)} {waarom}"
            stuk.append(
                {
                    "Onderdeel": kop,
                    "Onderwerp": label,
                    "Soort": "opgave" if r.onderwerp_soort == "opgave" else "koppeling",
                    "Waarom": waarom,
                    "Datum": nl_datum(r.datum),
                    "Besloten door": str(r.door or ""),
                    "_volgorde": (r.onderwerp_soort != "opgave", label.casefold()),
                }
            )
        stuk.sort(key=lambda d: d["_volgorde"])
        rijen.extend(stuk)
    df = pd.DataFrame(rijen, columns=[*SAMENVATTING_KOLOMMEN, "_volgorde"])
    return df.drop(columns="_volgorde").reset_index(drop=True)


_CSS = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 17px; line-height: 1.5;
  max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 1.6em;
  border-bottom: 2px solid #005a9e; }
.onderdeel { margin: .8em 0 1.2em; } .onderdeel h3 { font-size: 1.05em; margin: 0; }
.klein { color: #555; font-size: .9em; }
"""


def samenvatting_fragment(
    besluiten: pd.DataFrame,
    labels: Labels,
    *,
    wijk: str,
    gemeente: str = "",
    kopniveau: int = 1,
    standen: Standen | None = None,
) -> str:
    """The summary's content as an HTML fragment (for a report); all text escaped.

    ``kopniveau`` is the level of the title; section headings are one level lower.
    """
    e = html.escape
    h1, h2, h3 = (f"h{min(kopniveau + i, 6)}" for i in range(3))
    rijen = samenvatting_rijen(besluiten, labels, standen)
    waar = f"wijk {wijk}" + (f" in {gemeente}" if gemeente else "")
    delen = [
        f"<{h1}>Wat we hebben besloten voor de {e(waar)}</{h1}>",
        "<p>In de wijk spelen veel dingen tegelijk. We hebben samen met betrokkenen, ook "
        "bewoners, bekeken wat we aanpakken en wat niet. Hieronder leest u wat we hebben "
        "besloten en waarom.</p>",
    ]
    for besluit, kop in KOPPEN.items():
        deel = rijen[rijen["Onderdeel"] == kop]
        delen.append(f"<{h2}>{e(kop)}</{h2}>")
        if deel.empty:
            delen.append(f"<p><em>{e(_LEEG[besluit])}</em></p>")
            continue
        delen.append(f"<p>{e(_INLEIDING[besluit])}</p>")
        for r in deel.itertuples(index=False, name=None):
            _, onderwerp, soort, waarom, datum, door = r
            wie = f", door {door}" if door else ""
            extra = "" if soort == "opgave" else " (twee onderdelen samen aanpakken)"
            delen.append(
                '<div class="onderdeel">'
                f"<{h3}>{e(onderwerp)}{e(extra)}</{h3}>"
                f"<p>{e(waarom)}</p>"
                f'<p class="klein">Besloten op {e(nl_datum(datum))}{e(wie)}</p>'
                "</div>"
            )
    return "\n".join(delen)


def samenvatting_html(
    besluiten: pd.DataFrame,
    labels: Labels,
    *,
    wijk: str,
    gemeente: str = "",
    gemaakt_op: date | None = None,
    fictief: bool = False,
    standen: Standen | None = None,
) -> str:
    """A complete, self-contained HTML page for residents (no scripts, all text escaped).

    ``fictief`` puts the demo-data warning at the top."""
    e = html.escape
    dag = nl_datum(gemaakt_op or date.today())
    waar = f"wijk {wijk}" + (f" in {gemeente}" if gemeente else "")
    inhoud = samenvatting_fragment(besluiten, labels, wijk=wijk, gemeente=gemeente, standen=standen)
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e('Besluiten ' + waar)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{_fictief_html() if fictief else ''}{inhoud}\n"
        f'<p class="klein">Deze samenvatting is gemaakt op {e(dag)}.</p>\n</body>\n</html>\n'
    )


def _fictief_html() -> str:
    return (
        '<p style="background:#fff4ce;border-left:4px solid #d29200;padding:.5em 1em">'
        f"<strong>Let op:</strong> {html.escape(FICTIEF_LABEL)}</p>\n"
    )


def samenvatting_xlsx(
    besluiten: pd.DataFrame,
    labels: Labels,
    *,
    wijk: str,
    fictief: bool = False,
    standen: Standen | None = None,
) -> bytes:
    """The resident summary as an .xlsx file (sheet 'Besluiten'; with ``fictief`` also a
    sheet 'Let op' with the demo-data warning), as bytes."""
    rijen = samenvatting_rijen(besluiten, labels, standen)
    wb = Workbook()
    ws = wb.active
    ws.title = "Besluiten"
    ws.append(list(SAMENVATTING_KOLOMMEN))
    for cel in ws[1]:
        cel.font = Font(bold=True)
    for rij in rijen.itertuples(index=False):
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", str(v)) for v in rij])
    for row in ws.iter_rows(min_row=2):
        for cel in row:
            # Text stays text: a reasoning that starts with '=' is never run as a formula.
            cel.data_type = "s"
            cel.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, breedte in zip("ABCDEF", (34, 40, 12, 70, 12, 22), strict=True):
        ws.column_dimensions[letter].width = breedte
    ws.freeze_panes = "A2"
    wb.properties.title = f"Besluiten wijk {wijk}"
    if fictief:
        let_op = wb.create_sheet("Let op")
        let_op["A1"] = FICTIEF_LABEL
        let_op.column_dimensions["A"].width = 100
        wb.active = 1  # open on the warning
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def schrijf_samenvatting_xlsx(
    besluiten: pd.DataFrame,
    labels: Labels,
    pad: Path | str,
    *,
    wijk: str,
    standen: Standen | None = None,
) -> Path:
    """Write the resident summary to ``pad`` (.xlsx); returns the path."""
    pad = Path(pad)
    pad.write_bytes(samenvatting_xlsx(besluiten, labels, wijk=wijk, standen=standen))
    return pad
