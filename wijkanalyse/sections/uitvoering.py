"""Uitvoering blocks for notebook 05, the dashboard tab and the report: acties, signals,
bedreigingen with their risk, terugblikken and progress.

Like :mod:`wijkanalyse.sections`: each function takes a model and returns escaped HTML.
Signals need a date: ``vandaag`` (default today), so a report can be made "as of" a date.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd
from IPython.display import HTML

from .. import uitvoering
from ..core.html_tables import getal, tabel_html
from ..core.nl_format import datum as nl_datum
from ..core.vocabulary import ACTIE_STATUSSEN, HORIZON_LABEL
from ..model import WijkModel

#: How many months ahead a koppelmoment counts as near, unless chosen otherwise.
STANDAARD_MAANDEN = 6


@dataclass
class Stand:
    """What the uitvoering blocks of one wijk show, read once: the store's frames
    (:func:`wijkanalyse.store.uitvoering_gegevens`), the signals on ``vandaag`` and a name
    per opgave and koppeling."""

    gegevens: dict[str, pd.DataFrame]
    signalen: pd.DataFrame
    namen: dict[tuple[str, int], str]
    vandaag: date

    @property
    def acties(self) -> pd.DataFrame:
        return self.gegevens["acties"]


def stand(model: WijkModel, vandaag: date | None = None, maanden: int = STANDAARD_MAANDEN) -> Stand:
    g = model.uitvoering_gegevens()
    dag = vandaag or date.today()
    return Stand(
        gegevens=g,
        signalen=uitvoering.signalen(vandaag=dag, maanden=maanden, **g),
        namen=uitvoering.onderwerp_namen(g["opgaven"], g["koppelingen"]),
        vandaag=dag,
    )


def signalen(
    model: WijkModel, vandaag: date | None = None, maanden: int = STANDAARD_MAANDEN
) -> pd.DataFrame:
    """The signals of this wijk (:func:`wijkanalyse.uitvoering.signalen`)."""
    return stand(model, vandaag, maanden).signalen


def signalen_html(st: Stand) -> str:
    s = st.signalen
    if s.empty:
        return "<p class='wa-geen-signalen'>Geen signalen: niets vraagt nu om aandacht.</p>"
    toon = pd.DataFrame(
        {
            "Signaal": s["soort"],
            "Onderwerp": [
                st.namen.get((str(a), int(b)), f"{a} {b}")
                for a, b in zip(s["onderwerp_soort"], s["onderwerp_id"], strict=True)
            ],
            "Waarom": s["reden"],
        }
    )
    return tabel_html(toon).replace("wa-tabel", "wa-tabel wa-signalen", 1)


def actie_keuzes(st: Stand) -> list[tuple[str, int]]:
    """(label, id) per actie, for a picker: 'titel · onderwerp · status'."""
    return [
        (f"{r.titel} · {st.namen.get((r.onderwerp_soort, int(r.onderwerp_id)), '')} · "
         f"{r.status}", int(r.id))
        for r in st.acties.itertuples()
    ]  # fmt: skip


def acties_html(st: Stand) -> str:
    a = st.acties
    if a.empty:
        return tabel_html(a, leeg="Nog geen acties. Maak ze aan uit de besluiten.")
    toon = pd.DataFrame(
        {
            "Actie": a["titel"],
            "Voor": [
                st.namen.get((str(s), int(i)), "")
                for s, i in zip(a["onderwerp_soort"], a["onderwerp_id"], strict=True)
            ],
            "Eigenaar": a["eigenaar"],
            "Status": a["status"],
            "Voortgang": a["voortgang"].map(lambda v: f"{int(v)}%"),
            "Start": a["start"].map(nl_datum),
            "Deadline": a["deadline"].map(nl_datum),
        }
    )
    return tabel_html(toon).replace("wa-tabel", "wa-tabel wa-acties", 1)


def actie_log_html(model: WijkModel, actie_id: int | None = None) -> str:
    log = model.actie_log(actie_id)
    if log.empty:
        return tabel_html(log, leeg="Nog geen voortgang vastgelegd.")
    titels = dict(zip(model.acties()["id"].astype(int), model.acties()["titel"], strict=True))
    toon = pd.DataFrame(
        {
            "Datum": log["datum"].map(nl_datum),
            "Actie": log["actie_id"].map(lambda i: titels.get(int(i), "")),
            "Status": log["status"],
            "Voortgang": log["voortgang"].map(lambda v: f"{int(v)}%"),
            "Wat": log["tekst"],
            "Door": log["door"],
        }
    )
    return tabel_html(toon.iloc[::-1]).replace("wa-tabel", "wa-tabel wa-actielog", 1)


def bedreigingen_html(model: WijkModel, st: Stand) -> str:
    b = model.bedreigingen()
    if b.empty:
        return tabel_html(b, leeg="Geen bedreigingen in deze wijk.")
    labels = st.namen
    toon = pd.DataFrame(
        {
            "Bedreiging": b["tekst"],
            "Koppeling": b["koppeling_id"].map(lambda k: labels.get(("koppeling", int(k)), "")),
            "Wanneer": b["horizon"].map(lambda h: HORIZON_LABEL.get(h, h)),
            "Kans": b["risico_kans"].map(getal),
            "Impact": b["risico_impact"].map(getal),
            "Risico": b["risico_score"].map(getal),
            "Maatregel": b["maatregel"].where(b["maatregel"] != "", b["interventie"]),
            "Herzien op": b["herzien_op"].map(nl_datum),
        }
    )
    return tabel_html(toon).replace("wa-tabel", "wa-tabel wa-bedreigingen", 1)


def terugblikken_html(model: WijkModel) -> str:
    t = model.terugblikken()
    if t.empty:
        return tabel_html(t, leeg="Nog geen terugblik geschreven.")
    delen = []
    for r in t.itertuples():
        door = f" door {html.escape(r.door)}" if r.door else ""
        delen.append(
            f"<div class='wa-terugblik'><h4>Terugblik van {nl_datum(r.datum)}{door}</h4><dl>"
            + "".join(
                f"<dt>{kop}</dt><dd>{html.escape(tekst) or '<em>niets ingevuld</em>'}</dd>"
                for kop, tekst in (
                    ("Wat ging volgens plan", r.volgens_plan),
                    ("Wat veranderde", r.veranderd),
                    ("Wat we leerden", r.geleerd),
                )
            )
            + "</dl></div>"
        )
    return "".join(delen)


def voortgang_zin(st: Stand) -> str:
    """One line: how many acties per status, mean progress, how many signals."""
    a, s = st.acties, st.signalen
    v = uitvoering.voortgang_per_wijk(a, s)
    if v.empty or int(v["acties"].iloc[0]) == 0:
        n = len(s)
        return f"Nog geen acties; {n} {'signaal' if n == 1 else 'signalen'}."
    r = v.iloc[0]
    delen = [f"{int(r[k])} {k}" for k in ACTIE_STATUSSEN]
    gem = "" if pd.isna(r["voortgang"]) else f", gemiddelde voortgang {int(r['voortgang'])}%"
    n = int(r["signalen"])
    return (
        f"{int(r['acties'])} acties: {', '.join(delen)}{gem}; "
        f"{n} {'signaal' if n == 1 else 'signalen'}."
    )


def uitvoering_sectie(model: WijkModel, vandaag: date | None = None) -> HTML:
    """The report's block: progress, signals, acties, bedreigingen, terugblikken."""
    st = stand(model, vandaag)
    return HTML(
        f"<p class='wa-voortgang'>{html.escape(voortgang_zin(st))}</p>"
        "<h3>Signalen</h3>"
        + signalen_html(st)
        + "<h3>Acties</h3>"
        + acties_html(st)
        + "<h3>Bedreigingen in de gaten houden</h3>"
        + bedreigingen_html(model, st)
        + "<h3>Terugblikken</h3>"
        + terugblikken_html(model)
    )
