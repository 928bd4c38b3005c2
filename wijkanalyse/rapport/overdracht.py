"""Overdracht: a handover dossier of one wijk for a successor (``wijkanalyse overdracht``).

What a newcomer needs to know, from the workspace alone: the wijk in a page, the besluiten
with their reasons and who decided, open actions and their owners, the bedreigingen to
watch, what was considered and rejected and why, the people and parties involved, the
latest terugblikken, and the history in readable words (the history's own sentences,
:func:`wijkanalyse.store.historie`).

The page is built as a notebook of HTML outputs (no kernel) and converted by the reports'
exporter (:func:`wijkanalyse.rapport.html.exporter`): the same template and stylesheet as a
wijk's report, offline, ``lang="nl"``. Every text from the data is escaped; the file name
comes from :func:`wijkanalyse.core.config.slug`, never from the wijk's name as typed.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from .. import besluitenlog, databank, koppelingen, store
from ..core import config
from ..core.html_tables import fictief_banner, tabel_html
from ..core.nl_format import aantal, datum, datum_tijd
from ..core.vocabulary import HORIZON_LABEL, IMPACT_GEWICHT, NIVEAUS, TRANSITIES

_E = html.escape

#: The dossier's sections, in order: (id, heading). A test checks every one is there.
SECTIES: tuple[tuple[str, str], ...] = (
    ("wijk", "De wijk in één pagina"),
    ("besluiten", "Besluiten: wat er gekozen is, waarom en door wie"),
    ("acties", "Open acties en hun eigenaren"),
    ("bedreigingen", "Bedreigingen om in de gaten te houden"),
    ("afgewezen", "Overwogen en afgewezen, en waarom"),
    ("mensen", "Betrokken mensen en partijen"),
    ("terugblikken", "Laatste terugblikken"),
    ("geschiedenis", "Geschiedenis in woorden"),
)
#: At most this many history entries are written out (the rest is counted).
MAX_GESCHIEDENIS = 300
#: The newest terugblikken shown.
MAX_TERUGBLIKKEN = 3
#: An actie is open while its status is one of these.
OPEN_STATUSSEN = ("gepland", "loopt")


@dataclass
class Dossier:
    """Everything the dossier shows, read once."""

    info: dict[str, Any]
    werkruimte: str
    gemaakt_op: str
    opgaven: pd.DataFrame
    koppelingen: pd.DataFrame
    items: pd.DataFrame
    besluiten: pd.DataFrame
    historie: pd.DataFrame
    acties: pd.DataFrame  # store.acties
    actie_log: pd.DataFrame  # store.actie_log
    bedreigingen: pd.DataFrame  # store.bedreigingen: with risk, treatment and review date
    terugblikken: pd.DataFrame  # store.terugblikken, newest first
    signalen: pd.DataFrame  # uitvoering.signalen on the day the dossier is made
    labels: dict[tuple[str, int], str] = field(default_factory=dict)


def lees_dossier(db: Path | str, wijk: str, *, gemaakt_op: str = "") -> Dossier:
    from .. import uitvoering

    info = store.wijk(db, wijk)
    naam = info["naam"]
    o = store.opgaven(db, naam)
    k = store.koppelingen(db, naam)
    titels = dict(zip(o["id"].astype(int), o["titel"], strict=True))
    labels: dict[tuple[str, int], str] = {("opgave", i): t for i, t in titels.items()}
    for r in k.itertuples():
        labels[("koppeling", int(r.id))] = (
            f"{titels.get(int(r.opgave_a), '?')} × {titels.get(int(r.opgave_b), '?')}"
        )
    return Dossier(
        info=info,
        werkruimte=databank.naam(db),
        gemaakt_op=gemaakt_op or datum_tijd(datetime.now()),
        opgaven=o,
        koppelingen=k,
        items=store.items(db, naam),
        besluiten=store.besluiten(db, naam),
        historie=store.historie(db, naam),
        acties=store.acties(db, naam),
        actie_log=store.actie_log(db, naam),
        bedreigingen=store.bedreigingen(db, naam),
        terugblikken=store.terugblikken(db, naam),
        signalen=uitvoering.signalen(vandaag=date.today(), **store.uitvoering_gegevens(db, naam)),
        labels=labels,
    )


# ------------------------------------------------------------------------------ sections


def _kop(sid: str) -> str:
    titel = dict(SECTIES)[sid]
    return f'<h2 id="{sid}">{_E(titel)}</h2>'


def _lijst(regels: list[str], leeg: str) -> str:
    if not regels:
        return f"<p><em>{_E(leeg)}</em></p>"
    return "<ul>" + "".join(f"<li>{r}</li>" for r in regels) + "</ul>"


def _huidig(d: Dossier) -> pd.DataFrame:
    return besluitenlog.huidige_besluiten(d.besluiten)


def _label(d: Dossier, soort: str, oid: Any) -> str:
    return d.labels.get((str(soort), int(oid)), f"{soort} {oid} (verwijderd)")


def sectie_wijk(d: Dossier) -> str:
    i = d.info
    inw = "onbekend" if pd.isna(i["inwoners"]) else f"{int(i['inwoners']):,}".replace(",", ".")
    h = _huidig(d)
    per_t = [
        f"{_E(t)}: {int((d.opgaven['transitie'] == t).sum())}"
        for t in TRANSITIES
        if (d.opgaven["transitie"] == t).any()
    ]
    per_n = [
        f"{_E(n)}: {int((d.koppelingen['niveau'] == n).sum())}"
        for n in NIVEAUS
        if (d.koppelingen["niveau"] == n).any()
    ]
    gekozen = [
        _E(_label(d, r.onderwerp_soort, r.onderwerp_id))
        for r in h[h["besluit"] == "gekozen"].itertuples()
    ]
    gevoelig = []
    mob = h[h["maakt_of_breekt"].astype(bool)] if len(h) else h
    for r in mob.itertuples():
        gevoelig.append(
            f"'{_E(_label(d, r.onderwerp_soort, r.onderwerp_id))}' is gekozen omdat het de "
            f"aanpak kan maken of breken: {_E(r.redenering)}"
        )
    bedr = d.items[d.items["soort"] == "bedreiging"]
    groot_zonder = bedr[(bedr["impact"] == "groot") & (bedr["interventie"].str.strip() == "")]
    if len(groot_zonder):
        gevoelig.append(
            aantal(len(groot_zonder), "grote bedreiging", "grote bedreigingen")
            + " zonder interventie."
        )
    later = d.items[d.items["horizon"] == "later"]
    if len(later):
        gevoelig.append(
            f"{aantal(len(later), 'kans of bedreiging geldt', 'kansen en bedreigingen gelden')} "
            "pas over twee jaar en later: "
            "wat nu een kans is, kan dan een bedreiging zijn."
        )
    laatste = d.historie["moment"].iloc[0] if len(d.historie) else ""
    return (
        _kop("wijk")
        + f"<p>Gemeente <strong>{_E(i['gemeente'] or 'onbekend')}</strong> · {inw} inwoners · "
        f"{len(d.opgaven)} opgaven · {len(d.koppelingen)} koppelingen · "
        f"{len(d.besluiten)} besluiten · laatste wijziging {_E(datum(laatste) or 'onbekend')}</p>"
        + f"<p><strong>Opgaven per transitie:</strong> {', '.join(per_t) or 'nog geen'}. "
        f"<strong>Koppelingen per niveau:</strong> {', '.join(per_n) or 'nog geen'}.</p>"
        + "<h3>Gekozen</h3>"
        + _lijst(gekozen, "Er is nog niets gekozen.")
        + "<h3>Gevoeligheden</h3>"
        + _lijst(gevoelig, "Geen bijzondere gevoeligheden vastgelegd.")
        + "<h3>Signalen van vandaag</h3>"
        + _lijst(
            [f"<strong>{_E(r.soort)}</strong>: {_E(r.reden)}" for r in d.signalen.itertuples()],
            "Geen signalen: geen verlopen herziening, geen bereikte horizon, geen naderend "
            "koppelmoment met acties die nog niet lopen, geen gekozen koppelkans zonder actie.",
        )
    )


def sectie_besluiten(d: Dossier) -> str:
    h = _huidig(d)
    h = h[h["besluit"] != "niet gekozen"] if len(h) else h
    toon = pd.DataFrame(
        {
            "Onderwerp": [
                _label(d, s, i)
                for s, i in zip(h["onderwerp_soort"], h["onderwerp_id"], strict=True)
            ],
            "Soort": h["onderwerp_soort"],
            "Besluit": h["besluit"],
            "Waarom": h["redenering"],
            "Besloten door": h["door"].replace("", "onbekend"),
            "Datum": [datum(x) for x in h["datum"]],
        }
    )
    return (
        _kop("besluiten")
        + "<p>Het laatste besluit per opgave of koppeling (gekozen of uitgesteld); wat niet "
        "gekozen is staat onder 'Overwogen en afgewezen'.</p>"
        + tabel_html(toon, leeg="Er zijn nog geen besluiten.")
    )


def open_acties(d: Dossier) -> pd.DataFrame:
    """The open actions (gepland, loopt), earliest deadline first, without one last."""
    a = d.acties[d.acties["status"].isin(OPEN_STATUSSEN)]
    return a.assign(_d=a["deadline"].fillna("9999")).sort_values(["_d", "id"]).drop(columns="_d")


def sectie_acties(d: Dossier) -> str:
    a = open_acties(d)
    laatste = (
        d.actie_log.sort_values(["datum", "id"]).drop_duplicates("actie_id", keep="last")
        if len(d.actie_log)
        else d.actie_log
    )
    log_tekst = dict(zip(laatste["actie_id"], laatste["tekst"], strict=True))
    log_datum = dict(zip(laatste["actie_id"], laatste["datum"], strict=True))
    toon = pd.DataFrame(
        {
            "Actie": a["titel"],
            "Eigenaar": a["eigenaar"].replace("", "nog niemand"),
            "Voor": [
                _label(d, s_, i)
                for s_, i in zip(a["onderwerp_soort"], a["onderwerp_id"], strict=True)
            ],
            "Status": a["status"],
            "Voortgang": [f"{int(v)}%" for v in a["voortgang"]],
            "Deadline": [datum(x) if isinstance(x, str) else "geen" for x in a["deadline"]],
            "Laatste update": [
                (f"{datum(log_datum[i])}: {log_tekst[i]}" if i in log_tekst else "")
                for i in a["id"]
            ],
        }
    )
    klaar = int((d.acties["status"] == "gereed").sum())
    vervallen = int((d.acties["status"] == "vervallen").sum())
    zonder = int((a["eigenaar"].str.strip() == "").sum())
    return (
        _kop("acties")
        + f"<p>{len(a)} open (gepland of lopend), {klaar} gereed, {vervallen} vervallen"
        + (f"; <strong>{zonder} open actie(s) zonder eigenaar</strong>" if zonder else "")
        + ". De vroegste deadline eerst.</p>"
        + tabel_html(toon, leeg="Er zijn geen open acties.")
    )


def sectie_bedreigingen(d: Dossier) -> str:
    b = d.bedreigingen.copy()
    b["_gewicht"] = b["impact"].map(IMPACT_GEWICHT).fillna(0)
    b["_score"] = pd.to_numeric(b["risico_score"], errors="coerce").fillna(-1)
    b = b.sort_values(["_score", "_gewicht"], ascending=False, kind="stable")
    toon = pd.DataFrame(
        {
            "Bedreiging": b["tekst"],
            "Bij koppeling": [_label(d, "koppeling", k) for k in b["koppeling_id"]],
            "Impact": b["impact"],
            "Horizon": b["horizon"].map(HORIZON_LABEL),
            "Risico (kans × impact)": [
                f"{int(s_)} ({int(k)} × {int(i)})" if pd.notna(s_) else "niet ingeschat"
                for s_, k, i in zip(
                    b["risico_score"], b["risico_kans"], b["risico_impact"], strict=True
                )
            ],
            "Maatregel of interventie": [
                m or iv or "nog geen"
                for m, iv in zip(b["maatregel"], b["interventie"], strict=True)
            ],
            "Eigenaar": b["interventie_eigenaar"],
            "Herzien op": [datum(x) if isinstance(x, str) else "" for x in b["herzien_op"]],
        }
    )
    return (
        _kop("bedreigingen")
        + "<p>Alle bedreigingen, het grootste risico eerst. Wat nu een kans is, kan over twee "
        "jaar een bedreiging zijn (werkblad 2.7): kijk ook naar de horizon en de datum van "
        "herziening.</p>" + tabel_html(toon, leeg="Er zijn geen bedreigingen vastgelegd.")
    )


def sectie_afgewezen(d: Dossier) -> str:
    h = _huidig(d)
    niet = h[h["besluit"] == "niet gekozen"] if len(h) else h
    regels = [
        f"<strong>{_E(_label(d, r.onderwerp_soort, r.onderwerp_id))}</strong> "
        f"({_E(r.onderwerp_soort)}): {_E(r.redenering)}"
        f" <span class='wa-herkomst'>— {_E(r.door or 'onbekend')}, {_E(datum(r.datum))}</span>"
        for r in niet.itertuples()
    ]
    # earlier decisions that a later one replaced: the road to where the wijk is now
    huidig_ids = set(h["id"]) if len(h) else set()
    eerder = d.besluiten[~d.besluiten["id"].isin(huidig_ids)]
    omgezet = [
        f"{_E(datum(r.datum))}: '{_E(_label(d, r.onderwerp_soort, r.onderwerp_id))}' was "
        f"eerst <strong>{_E(r.besluit)}</strong>: {_E(r.redenering)}"
        f" <span class='wa-herkomst'>— {_E(r.door or 'onbekend')}</span>"
        for r in eerder.itertuples()
    ]
    ov = koppelingen.paar_overzicht(d.opgaven, d.koppelingen, d.items)
    zonder = ov[(ov["status"] != koppelingen.STATUS_NIET_OVERWOGEN) & ov["koppeling_id"].notna()]
    besloten = {int(r.onderwerp_id) for r in h.itertuples() if r.onderwerp_soort == "koppeling"}
    open_ = [
        f"{_E(r.titel_a)} × {_E(r.titel_b)} ({_E(str(r.niveau))})"
        for r in zonder.itertuples()
        if int(r.koppeling_id) not in besloten
    ]
    return (
        _kop("afgewezen")
        + "<h3>Niet gekozen</h3>"
        + _lijst(regels, "Er is niets afgewezen.")
        + "<h3>Eerdere besluiten die later zijn veranderd</h3>"
        + _lijst(omgezet, "Geen besluit is later veranderd.")
        + "<h3>Overwogen koppelingen zonder besluit</h3>"
        + _lijst(open_, "Over elke overwogen koppeling is besloten.")
    )


def betrokkenen(d: Dossier) -> dict[str, list[str]]:
    """Per person or party named in the data: their roles, in words."""
    rollen: dict[str, list[str]] = defaultdict(list)

    def zet(wie: Any, rol: str) -> None:
        wie = str(wie or "").strip()
        if wie and rol not in rollen[wie]:
            rollen[wie].append(rol)

    for r in d.opgaven.itertuples():
        zet(r.eigenaar, f"trekker van opgave '{r.titel}'")
    for r in d.items.itertuples():
        zet(
            r.interventie_eigenaar,
            f"eigenaar interventie bij {_label(d, 'koppeling', r.koppeling_id)}",
        )
    for r in d.besluiten.itertuples():
        zet(r.door, f"besloot over '{_label(d, r.onderwerp_soort, r.onderwerp_id)}'")
    for r in d.acties.itertuples():
        zet(r.eigenaar, f"eigenaar actie '{r.titel}' ({r.status})")
    for r in d.terugblikken.itertuples():
        zet(r.door, f"schreef een terugblik ({datum(r.datum)})")
    tel = d.historie["wie"].value_counts() if len(d.historie) else pd.Series(dtype=int)
    for wie, n in tel.items():
        zet(wie, f"legde {aantal(int(n), 'wijziging', 'wijzigingen')} vast")
    return dict(sorted(rollen.items(), key=lambda kv: kv[0].casefold()))


def sectie_mensen(d: Dossier) -> str:
    b = betrokkenen(d)
    toon = pd.DataFrame({"Wie": list(b), "Rol in deze wijk": ["; ".join(r) for r in b.values()]})
    return (
        _kop("mensen")
        + "<p>Trekkers van opgaven, eigenaren van interventies en acties, wie besloot en wie "
        "wijzigingen vastlegde.</p>"
        + tabel_html(toon, leeg="Er staan nog geen namen in de gegevens.")
    )


def sectie_terugblikken(d: Dossier) -> str:
    t = d.terugblikken.head(MAX_TERUGBLIKKEN)
    delen = []
    for r in t.itertuples():
        delen.append(
            f"<h3>{_E(datum(r.datum))}"
            + (f" — {_E(r.door)}" if r.door else "")
            + "</h3><dl>"
            + f"<dt>Wat ging volgens plan</dt><dd>{_E(r.volgens_plan or '–')}</dd>"
            + f"<dt>Wat veranderde</dt><dd>{_E(r.veranderd or '–')}</dd>"
            + f"<dt>Wat we leerden</dt><dd>{_E(r.geleerd or '–')}</dd></dl>"
        )
    meer = len(d.terugblikken) - len(t)
    return (
        _kop("terugblikken")
        + ("".join(delen) or "<p><em>Er is nog geen terugblik vastgelegd.</em></p>")
        + (f"<p><em>… en nog {meer} eerdere terugblik(ken).</em></p>" if meer > 0 else "")
    )


def sectie_geschiedenis(d: Dossier) -> str:
    hist = d.historie.head(MAX_GESCHIEDENIS)
    toon = pd.DataFrame(
        {
            "Wanneer": [datum_tijd(datetime.fromisoformat(m)) if m else "" for m in hist["moment"]],
            "Wie": hist["wie"],
            "Wat": [
                w + (" (later ongedaan gemaakt)" if o else "")
                for w, o in zip(hist["wat"], hist["ongedaan"], strict=True)
            ],
        }
    )
    meer = len(d.historie) - len(hist)
    return (
        _kop("geschiedenis")
        + "<p>Elke wijziging in deze wijk, de nieuwste eerst, in de woorden van het "
        "wijzigingenoverzicht.</p>"
        + tabel_html(toon, leeg="Nog geen wijzigingen.")
        + (f"<p><em>… en nog {meer} oudere wijzigingen.</em></p>" if meer > 0 else "")
    )


# ------------------------------------------------------------------------------ the page


def _cel(inhoud: str) -> nbformat.NotebookNode:
    cel = nbformat.v4.new_code_cell("")
    cel.outputs = [nbformat.v4.new_output("display_data", data={"text/html": inhoud})]
    return cel


def dossier_html(d: Dossier) -> str:
    """The dossier as one offline HTML page in the reports' look."""
    from .html import datums_heel, exporter, kleinere_css

    naam = d.info["naam"]
    kop = (
        f"<h1>Overdrachtsdossier {_E(naam)}</h1>"
        f"<p class='wa-herkomst'>Gemaakt op {_E(d.gemaakt_op)} uit werkruimte "
        f"{_E(d.werkruimte)}. Voor wie het werk in deze wijk overneemt: wat er besloten is en "
        "waarom, wat nog loopt, waar het kan schuren en wie erbij betrokken zijn.</p>"
        + (fictief_banner() if d.info["fictief"] else "")
        + "<nav aria-label='Inhoud'><ol>"
        + "".join(f"<li><a href='#{s}'>{_E(t)}</a></li>" for s, t in SECTIES)
        + "</ol></nav>"
    )
    delen = [
        kop,
        sectie_wijk(d),
        sectie_besluiten(d),
        sectie_acties(d),
        sectie_bedreigingen(d),
        sectie_afgewezen(d),
        sectie_mensen(d),
        sectie_terugblikken(d),
        sectie_geschiedenis(d),
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [_cel(x) for x in delen]
    nb.metadata["title"] = f"Overdrachtsdossier {naam}"
    body, _ = exporter().from_notebook_node(nb, resources={})
    return kleinere_css(datums_heel(body))


def bestandsnaam(wijk: str) -> str:
    """The dossier's file name (without extension): safe whatever the wijk is called."""
    return f"overdracht-{config.slug(wijk)}"


def schrijf_dossier(
    db: Path | str, wijk: str, uitvoer: Path, *, pdf: bool = False, gemaakt_op: str = ""
) -> list[Path]:
    """Write ``overdracht-<wijk>.html`` (and ``.pdf``) into ``uitvoer``; returns the files."""
    from .bestanden import schrijf_atomair

    d = lees_dossier(db, wijk, gemaakt_op=gemaakt_op)
    uitvoer.mkdir(parents=True, exist_ok=True)
    pad = uitvoer / f"{bestandsnaam(d.info['naam'])}.html"
    schrijf_atomair(pad, dossier_html(d))
    uit = [pad]
    if pdf:
        from .pdf import maak_pdf

        uit.append(maak_pdf(pad).pdf)
    return uit
