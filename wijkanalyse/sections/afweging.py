"""Afwegingskader and besluiten blocks for notebooks 03 and 04, the report and the dashboard.

Like :mod:`wijkanalyse.sections`: each function takes a model and returns escaped HTML or a
plotly figure. Every total shown comes from :func:`wijkanalyse.afweging.totalen` (through
:func:`bereken_afweging`); :func:`herleiding_tabel` shows the steps from the raw scores to it.
Every block counts the same scores: ``model.getoonde_scores()``, the werksessie rounds the
model's ``rondekeuze`` selects (:func:`wijkanalyse.afweging.kies_rondes`; by default per
person the latest round), and :func:`rondes_zin` says which.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from .. import afweging, besluitenlog, koppelingen
from ..afweging.geheel import te_veel_zin
from ..core import defaults
from ..core.html_tables import melding_html, tabel_html
from ..core.nl_format import datum as nl_datum
from ..core.nl_format import getal
from ..model import WijkModel
from ..plots import afweging as plots_afweging
from ..plots.figure import als_figuur

JA_NEE = {True: "Ja", False: "Nee"}


# ------------------------------------------------------------------------------ helpers


def onderwerp_labels(model: WijkModel) -> dict[tuple[str, int], str]:
    """A readable name per subject: the opgave's title, or 'A × B' for a koppeling."""
    o = model.opgaven()
    titels = dict(zip(o["id"].astype(int), o["titel"], strict=True))
    labels = {("opgave", i): t for i, t in titels.items()}
    for k in model.koppelingen().itertuples():
        labels[("koppeling", int(k.id))] = (
            f"{titels.get(int(k.opgave_a), '?')} × {titels.get(int(k.opgave_b), '?')}"
        )
    return labels


def alle_onderwerpen(model: WijkModel) -> pd.DataFrame:
    """Every opgave and koppeling of the wijk (onderwerp_soort, onderwerp_id)."""
    o = model.opgaven()["id"].astype("int64")
    k = model.koppelingen()["id"].astype("int64")
    return pd.DataFrame(
        {
            "onderwerp_soort": ["opgave"] * len(o) + ["koppeling"] * len(k),
            "onderwerp_id": np.concatenate([o.to_numpy(), k.to_numpy()]).astype("int64"),
        }
    )


def bereken_afweging(
    model: WijkModel, *, n_trekkingen: int = defaults.N_TREKKINGEN
) -> afweging.Afweging:
    """Totals, ranking, sensitivity and top koppelingen with the agreed weights, drempel and
    completeness rule."""
    return afweging.afweeg(
        model.getoonde_scores(),
        model.criteria(),
        model.kader()["drempel"],
        n_trekkingen=n_trekkingen,
        regel=model.regel(),
    )


def onderwerp_standen(model: WijkModel) -> dict[tuple[str, int], str]:
    """Per scored subject what the tool may say of it (``afweging.standen``: haalt de
    drempel, onder de drempel, nog niet volledig gescoord); a subject missing here has no
    scores (``afweging.stand_van``)."""
    tot = afweging.totalen(model.getoonde_scores(), model.criteria(), regel=model.regel())
    return afweging.standen(afweging.rangschikking(tot, model.kader()["drempel"]))


def rondes_zin(model: WijkModel, *, altijd: bool = False) -> str:
    """Which werksessie rounds the blocks count, as one escaped Dutch sentence ('Getoond:
    laatste ronde per persoon. …'); empty when the wijk has no scores from a werksessie
    round and the default is chosen (unless ``altijd``)."""
    keuze = afweging.Rondekeuze.uit_tekst(model.rondekeuze)
    standaard = keuze == afweging.LAATSTE_PER_PERSOON
    if standaard and not altijd and not afweging.heeft_rondes(model.scores()):
        return ""
    labels = {} if standaard else {r["id"]: r["label"] for r in model.score_rondes()}
    return html.escape(afweging.rondes_beschrijving(keuze, labels))


def _label(labels: dict[tuple[str, int], str], soort: str, oid: Any) -> str:
    return labels.get((soort, int(oid)), f"{soort} {oid}")


def _met_labels(model: WijkModel, df: pd.DataFrame) -> pd.DataFrame:
    labels = onderwerp_labels(model)
    df = df.copy()
    df.insert(
        0,
        "onderwerp",
        [
            _label(labels, s, i)
            for s, i in zip(df["onderwerp_soort"], df["onderwerp_id"], strict=True)
        ],
    )
    return df


def _getal(x: float, decimalen: int = 2) -> str:
    if x is None or pd.isna(x):
        return ""
    return getal(round(float(x), decimalen), decimalen)


def _uitleg(tekst: str) -> str:
    return f"<p>{html.escape(tekst)}</p>"


# ------------------------------------------------------------------------------ kader


def criteria_tabel(model: WijkModel) -> HTML:
    c = model.criteria()
    kader = model.kader()
    toon = pd.DataFrame(
        {
            "Criterium": c["naam"],
            "Vraag": c["vraag"],
            "Richting": c["richting"],
            "Gewicht": c["gewicht"],
            "Schaal": c["schaal_min"].astype(str) + "–" + c["schaal_max"].astype(str),
            "Laagste waarde betekent": c["betekenis_min"],
            "Hoogste waarde betekent": c["betekenis_max"],
        }
    )
    kop = (
        f"<p>Afgesproken drempel: <strong>{getal(kader['drempel'])}</strong> · ruimte voor "
        f"<strong>{kader['capaciteit']}</strong> opgaven in de aanpak</p>"
    )
    return HTML(kop + tabel_html(toon, leeg="Nog geen criteria."))


def formule() -> HTML:
    tekst = html.escape(afweging.FORMULE_UITLEG)
    return HTML(
        f"<h3>Hoe het totaal wordt berekend</h3><pre style='white-space:pre-wrap'>{tekst}</pre>"
    )


# ------------------------------------------------------------------------------ ranking


def ranglijst_tabel(model: WijkModel, res: afweging.Afweging | None = None) -> HTML:
    """The ranking of fully scored subjects, and apart from it the subjects that are not
    fully scored yet, each with the reason."""
    res = res or bereken_afweging(model)
    r = _met_labels(model, res.gerangschikt)
    kader = model.kader()
    toon = pd.DataFrame(
        {
            "Plaats": r["rang"].astype(str) + r["gedeeld"].map({True: " (gedeeld)", False: ""}),
            "Onderwerp": r["onderwerp"],
            "Soort": r["onderwerp_soort"],
            "Totaal": [_getal(t) for t in r["totaal"]],
            "Haalt drempel": r["haalt_drempel"].map(JA_NEE),
        }
    )
    kop = (
        f"<p>Drempel: <strong>{getal(kader['drempel'])}</strong> · capaciteit: "
        f"<strong>{kader['capaciteit']}</strong> opgaven · volledig gescoord betekent: "
        f"{html.escape(res.regel.beschrijving())}</p>"
    )
    zin = rondes_zin(model)
    if zin:
        kop += f'<p class="wa-rondes">{zin}</p>'

    leeg = "Nog geen volledig gescoorde onderwerpen." if len(res.ranglijst) else "Nog geen scores."
    return HTML(kop + tabel_html(toon, leeg=leeg) + onvolledig_html(model, res))


def onvolledig_html(model: WijkModel, res: afweging.Afweging | None = None) -> str:
    """Subjects not fully scored: no place, never 'haalt drempel', and why."""
    res = res or bereken_afweging(model)
    o = res.onvolledig
    if o.empty:
        return ""
    o = _met_labels(model, o)
    toon = pd.DataFrame(
        {
            "Onderwerp": o["onderwerp"],
            "Soort": o["onderwerp_soort"],
            "Totaal tot nu toe": [_getal(t) for t in o["totaal"]],
            "Waarom nog niet volledig": o["reden_onvolledig"],
        }
    )
    n = len(o)
    uitleg = _uitleg(
        f"{'Dit onderwerp is' if n == 1 else f'Deze {n} onderwerpen zijn'} nog niet volledig "
        f"gescoord ({res.regel.beschrijving()}). "
        f"{'Het krijgt' if n == 1 else 'Ze krijgen'} daarom geen plaats in de ranglijst en "
        "halen de drempel niet, hoe hoog het totaal tot nu toe ook is: een paar scores van "
        "één groep zeggen nog te weinig. Laat de ontbrekende groepen eerst scoren."
    )
    return "<h4>Apart: nog niet volledig gescoord</h4>" + uitleg + tabel_html(toon)


@als_figuur
def ranglijst_figuur(model: WijkModel, res: afweging.Afweging | None = None) -> go.Figure:
    """Ranked bars with each criterium's contribution and the threshold line."""
    res = res or bereken_afweging(model)
    return plots_afweging.ranglijst_figuur(
        res.ranglijst, model.criteria(), drempel=res.drempel, namen=onderwerp_labels(model)
    )


def herleiding_tabel(model: WijkModel, res: afweging.Afweging | None = None) -> HTML:
    """From raw scores to total, per onderwerp and criterium, so every number can be checked.

    Per row: the weight, each group's mean (with the number of scorers), the value that counts
    (mean over the groups, reversed for 'lager is beter') and the contribution; the
    contributions of an onderwerp add up to the total in the ranking.
    """
    res = res or bereken_afweging(model)
    crit = model.criteria()
    scores = model.getoonde_scores()
    if scores.empty or res.ranglijst.empty:
        return HTML(tabel_html(pd.DataFrame(), leeg="Nog geen scores."))
    gem = afweging.gemiddelden(scores, crit)
    telt = afweging.criterium_waarden(scores, crit).set_index(
        ["onderwerp_soort", "onderwerp_id", "criterium_id"]
    )["waarde"]
    groepen = sorted(gem["groep"].unique())
    labels = onderwerp_labels(model)
    rijen = []
    for r in res.ranglijst.itertuples(index=False):
        sub = gem[
            (gem["onderwerp_soort"] == r.onderwerp_soort) & (gem["onderwerp_id"] == r.onderwerp_id)
        ]
        for c in crit.itertuples(index=False):
            cel = sub[sub["criterium_id"] == c.id]
            rij: dict[str, object] = {
                "Onderwerp": _label(labels, r.onderwerp_soort, r.onderwerp_id),
                "Criterium": c.naam + (" (omgedraaid)" if c.richting == "lager is beter" else ""),
                "Gewicht": f"{getal(float(c.gewicht))}",
            }
            for g in groepen:
                gc = cel[cel["groep"] == g]
                if gc.empty:
                    rij[f"Gemiddelde {g}"] = ""
                    continue
                m = float(gc["gemiddelde"].iloc[0])
                rij[f"Gemiddelde {g}"] = f"{_getal(m)} (n={int(gc['n'].iloc[0])})"
            sleutel = (r.onderwerp_soort, r.onderwerp_id, c.id)
            rij["Telt als"] = _getal(float(telt[sleutel])) if sleutel in telt else "niet gescoord"
            rij["Bijdrage"] = _getal(getattr(r, afweging.bijdrage_kolom(c.id), np.nan), 3)
            rijen.append(rij)
        rijen.append(
            {
                "Onderwerp": _label(labels, r.onderwerp_soort, r.onderwerp_id),
                "Criterium": "Totaal (som van de bijdragen)",
                "Bijdrage": _getal(r.totaal, 3),
            }
        )
    toon = pd.DataFrame(rijen)
    uitleg = _uitleg(
        "Per onderwerp en criterium: het gewicht, het gemiddelde per groep (n = aantal "
        "scorers; van iedere scorer telt alleen de laatste score), de waarde die meetelt "
        "(gemiddelde over de groepen, omgedraaid als lager beter is en omgezet naar de "
        "gemeenschappelijke schaal als het criterium een andere schaal heeft) en de bijdrage "
        "aan het totaal (gewicht × waarde ÷ som van de gewichten van de gescoorde criteria)."
    )
    zin = rondes_zin(model)
    if zin:
        uitleg += f'<p class="wa-rondes">{zin}</p>'
    return HTML(
        "<details><summary>Herleiding van elk totaal (klik om te openen)</summary>"
        + uitleg
        + tabel_html(toon, max_rijen=5000)
        + "</details>"
    )


# ------------------------------------------------------------------------------ groups


def groepen(model: WijkModel) -> list[str]:
    """Groups that scored, the groups the kader requires, and the core groups of the method."""
    gezien = set(model.getoonde_scores()["groep"].astype(str))
    vereist = set(model.kader()["vereiste_groepen"])
    return sorted(gezien | vereist | set(defaults.KERNGROEPEN))


@als_figuur
def groepen_figuur(model: WijkModel, *, grens: float = 1.0) -> go.Figure:
    """Each group's total side by side; subjects where groups differ more than grens marked."""
    per_groep = afweging.totalen_per_groep(model.getoonde_scores(), model.criteria())
    return plots_afweging.groepen_figuur(per_groep, grens=grens, namen=onderwerp_labels(model))


def onenigheid_tabel(
    model: WijkModel,
    groep_a: str = "projectteam",
    groep_b: str = "bewoners",
    grens: float = 1.0,
) -> HTML:
    """Where two groups' mean scores differ by more than ``grens`` points."""
    df = afweging.onenigheid(model.getoonde_scores(), model.criteria(), groep_a, groep_b, grens)
    kop = _uitleg(
        f"Waar {groep_a} en {groep_b} het oneens zijn: het gemiddelde verschilt meer dan "
        f"{getal(grens)} punt. Bespreek deze punten voordat u besluit."
    )
    if df.empty:
        return HTML(
            kop + tabel_html(df, leeg=f"Geen verschillen groter dan {getal(grens)} punt gevonden.")
        )
    df = _met_labels(model, df)
    toon = pd.DataFrame(
        {
            "Onderwerp": df["onderwerp"],
            "Criterium": df["criterium"],
            f"Gemiddelde {groep_a}": [_getal(x) for x in df["gemiddelde_a"]],
            f"Gemiddelde {groep_b}": [_getal(x) for x in df["gemiddelde_b"]],
            "Verschil": [_getal(x) for x in df["verschil"]],
        }
    )
    return HTML(kop + tabel_html(toon))


def nog_niet_gescoord_tabel(model: WijkModel, groepen_lijst: list[str] | None = None) -> HTML:
    """Per group: what it has not yet scored (whole subjects, or some criteria)."""
    crit = model.criteria()
    gl = groepen_lijst if groepen_lijst is not None else groepen(model)
    df = afweging.nog_niet_gescoord(model.getoonde_scores(), crit, alle_onderwerpen(model), gl)
    if df.empty:
        return HTML(tabel_html(df, leeg="Alle groepen hebben alles gescoord."))
    df = _met_labels(model, df)
    n_crit = len(crit)
    rijen = []
    for (groep, onderwerp), deel in df.groupby(["groep", "onderwerp"], sort=False):
        wat = (
            "nog helemaal niet gescoord"
            if len(deel) == n_crit
            else "nog niet op: " + ", ".join(deel["criterium"].astype(str))
        )
        rijen.append({"Groep": groep, "Onderwerp": onderwerp, "Wat ontbreekt": wat})
    return HTML(tabel_html(pd.DataFrame(rijen)))


# ------------------------------------------------------------------------------ sensitivity


@als_figuur
def gevoeligheid_figuur(model: WijkModel, res: afweging.Afweging | None = None) -> go.Figure:
    res = res or bereken_afweging(model)
    return plots_afweging.gevoeligheid_figuur(res.gevoeligheid, namen=onderwerp_labels(model))


def kleinste_wijziging_zinnen(model: WijkModel, res: afweging.Afweging | None = None) -> list[str]:
    """Per criterium one plain Dutch sentence: which weight change first changes the outcome."""
    res = res or bereken_afweging(model)
    labels = onderwerp_labels(model)
    zinnen = []
    for r in res.kleinste_wijziging.itertuples(index=False):
        naam = f"'{r.criterium}'"
        if pd.isna(r.factor):
            zinnen.append(
                f"Het gewicht van {naam} kan van 0 tot tien keer zo zwaar gaan zonder dat "
                "er iets verandert aan wat de drempel haalt."
            )
            continue
        onderwerp = _label(labels, r.onderwerp_soort, r.onderwerp_id)
        gevolg = (
            f"haalt '{onderwerp}' de drempel wel"
            if r.wordt == "haalt de drempel"
            else f"haalt '{onderwerp}' de drempel niet meer"
        )
        if r.factor == 0:
            hoe = f"Laat u {naam} helemaal weg (gewicht 0)"
        else:
            pct = abs(r.relatieve_wijziging) * 100
            hoeveel = "minder dan 1%" if pct < 1 else f"{pct:.0f}%"
            richting = "zwaarder" if r.relatieve_wijziging > 0 else "lichter"
            hoe = (
                f"Weegt {naam} {hoeveel} {richting} (gewicht {getal(r.gewicht)} wordt "
                f"{getal(r.nieuw_gewicht, 2)})"
            )
        zinnen.append(f"{hoe}, dan {gevolg}.")
    return zinnen


def kleinste_wijziging_tabel(model: WijkModel, res: afweging.Afweging | None = None) -> HTML:
    zinnen = kleinste_wijziging_zinnen(model, res)
    if not zinnen:
        return HTML(tabel_html(pd.DataFrame(), leeg="Nog geen scores."))
    uitleg = _uitleg(
        "Hoe ver moet één gewicht veranderen voordat de uitkomst verandert? Hoe kleiner de "
        "wijziging, hoe gevoeliger de keuze voor dat gewicht."
    )
    lijst = "".join(f"<li>{html.escape(z)}</li>" for z in zinnen)
    return HTML(f"{uitleg}<ul>{lijst}</ul>")


# ------------------------------------------------------------------------------ koppelingen


def top_koppelingen_tabel(model: WijkModel, res: afweging.Afweging | None = None) -> HTML:
    """The three koppelingen with the best chance of success (highest total)."""
    res = res or bereken_afweging(model)
    top = res.top_koppelingen
    uitleg = _uitleg("De drie koppelingen met het hoogste totaal: werk deze als eerste verder uit.")
    if top.empty:
        return HTML(uitleg + tabel_html(top, leeg="Er zijn nog geen koppelingen gescoord."))
    top = _met_labels(model, top)
    toon = pd.DataFrame(
        {
            "Plaats": range(1, len(top) + 1),
            "Koppeling": top["onderwerp"],
            "Totaal": [_getal(t) for t in top["totaal"]],
            "Let op": top["grens_gedeeld"].map(
                {True: "even hoog als een koppeling buiten de top drie", False: ""}
            ),
        }
    )
    return HTML(uitleg + tabel_html(toon))


# ------------------------------------------------------------------------------ review


def paar_balansen(model: WijkModel) -> pd.DataFrame:
    """opgave_a, opgave_b, balans of every pair (balans NaN when nothing is filled in)."""
    ov = koppelingen.paar_overzicht(model.opgaven(), model.koppelingen(), model.items())
    return ov[["opgave_a", "opgave_b", "balans"]]


def controle(model: WijkModel) -> afweging.ControleGeheel:
    """The check of the whole: chosen opgaven (newest besluit) against capacity and pairs."""
    gekozen = besluitenlog.gekozen_opgave_ids(model.besluiten())
    return afweging.controle_geheel(gekozen, model.kader()["capaciteit"], paar_balansen(model))


def controle_html(model: WijkModel) -> HTML:
    """Is the chosen set too big, and do the chosen opgaven work together? (plain Dutch)"""
    c = controle(model)
    labels = onderwerp_labels(model)
    besluiten = model.besluiten()
    gekozen = besluitenlog.gekozen_opgave_ids(besluiten)
    if not gekozen:  # one clear state instead of "0 opgaven gekozen" next to "geen besluiten"
        stand = (
            "Nog geen besluiten: er is nog geen opgave gekozen."
            if besluiten.empty
            else "Er is nog geen opgave gekozen (wel andere besluiten vastgelegd)."
        )
        return HTML(
            melding_html(f"{stand} Er is ruimte voor {c.capaciteit} opgaven.", soort="info")
        )
    delen = ["<h4>Past het binnen de capaciteit?</h4>"]
    delen.append(melding_html(c.meldingen[0], soort="fout" if c.te_veel else "ok"))
    if gekozen:
        namen = "".join(f"<li>{html.escape(_label(labels, 'opgave', i))}</li>" for i in gekozen)
        delen.append(f"<p>Gekozen opgaven:</p><ul>{namen}</ul>")
    delen.append("<h4>Werken de gekozen opgaven samen?</h4>")
    if c.conflicten.empty:
        delen.append(melding_html(c.meldingen[-1], soort="ok"))
    for a, b, balans in c.conflicten.itertuples(index=False):
        delen.append(
            melding_html(
                f"'{_label(labels, 'opgave', a)}' en '{_label(labels, 'opgave', b)}' werken "
                f"mogelijk niet goed samen: bij deze koppeling wegen de bedreigingen zwaarder "
                f"dan de kansen (balans {getal(balans)}). Bespreek of u ze allebei wilt kiezen.",
                soort="fout",
            )
        )
    return HTML("".join(delen))


def onder_drempel(model: WijkModel, res: afweging.Afweging | None = None) -> pd.DataFrame:
    """Scored subjects below the drempel, with their current besluit (if any)."""
    if res is None:
        tot = afweging.totalen(model.getoonde_scores(), model.criteria(), regel=model.regel())
        rang = afweging.rangschikking(tot, model.kader()["drempel"])
    else:
        rang = res.ranglijst
    # subjects not fully scored are listed apart (see onvolledig_html), not as 'below'
    onder = rang.loc[
        ~rang["haalt_drempel"] & rang["rang"].notna(), ["onderwerp_soort", "onderwerp_id", "totaal"]
    ]
    h = besluitenlog.huidige_besluiten(model.besluiten())
    h = h[["onderwerp_soort", "onderwerp_id", "besluit", "maakt_of_breekt"]]
    df = onder.merge(h, on=["onderwerp_soort", "onderwerp_id"], how="left")
    df["besluit"] = df["besluit"].fillna("")
    df["maakt_of_breekt"] = df["maakt_of_breekt"].astype("boolean").fillna(False).astype(bool)
    return df.reset_index(drop=True)


def onder_drempel_tabel(model: WijkModel, res: afweging.Afweging | None = None) -> HTML:
    df = onder_drempel(model, res)
    uitleg = _uitleg(
        "Kijk nog een keer naar wat onder de drempel bleef: kan een van deze onderwerpen de "
        "aanpak maken of breken, bijvoorbeeld voor het draagvlak bij bewoners? Dan kunt u het "
        "alsnog kiezen, met de reden erbij."
    )
    if df.empty:
        return HTML(uitleg + tabel_html(df, leeg="Alle gescoorde onderwerpen halen de drempel."))
    df = _met_labels(model, df)
    toon = pd.DataFrame(
        {
            "Onderwerp": df["onderwerp"],
            "Soort": df["onderwerp_soort"],
            "Totaal": [_getal(t) for t in df["totaal"]],
            "Huidig besluit": df["besluit"].replace("", "nog geen besluit"),
            "Maakt of breekt": df["maakt_of_breekt"].map({True: "ja", False: ""}),
        }
    )
    return HTML(uitleg + tabel_html(toon))


# ------------------------------------------------------------------------------ besluiten


def besluiten_tabel(model: WijkModel) -> HTML:
    """The full besluitenlog; 'Geldt nu' marks the newest decision per onderwerp."""
    b = model.besluiten()
    if b.empty:
        return HTML(tabel_html(b, leeg="Nog geen besluiten vastgelegd."))
    huidig = set(besluitenlog.huidige_besluiten(b)["id"].astype(int))
    b = _met_labels(model, b)
    toon = pd.DataFrame(
        {
            "Onderwerp": b["onderwerp"],
            "Soort": b["onderwerp_soort"],
            "Besluit": b["besluit"],
            "Waarom": b["redenering"],
            "Datum": b["datum"].map(nl_datum),
            "Door": b["door"],
            "Maakt of breekt": b["maakt_of_breekt"].map({True: "ja", False: ""}),
            "Geldt nu": b["id"].astype(int).isin(huidig).map({True: "ja", False: "vervangen"}),
        }
    )
    return HTML(tabel_html(toon))


def samenvatting_bewoners(model: WijkModel) -> HTML:
    """The plain-language summary for residents, as a block in the report."""
    info = model.info()
    fragment = besluitenlog.samenvatting_fragment(
        model.besluiten(),
        onderwerp_labels(model),
        wijk=info["naam"],
        gemeente=info["gemeente"] or "",
        kopniveau=3,
        standen=onderwerp_standen(model),
    )
    return HTML(f'<div class="wa-samenvatting">{fragment}</div>')


def samenvatting_html(model: WijkModel) -> str:
    """The resident summary as a complete HTML page (for download)."""
    info = model.info()
    return besluitenlog.samenvatting_html(
        model.besluiten(),
        onderwerp_labels(model),
        wijk=info["naam"],
        gemeente=info["gemeente"] or "",
        fictief=info["fictief"],
        standen=onderwerp_standen(model),
    )


def samenvatting_xlsx(model: WijkModel) -> bytes:
    """The resident summary as an Excel file (bytes, for download)."""
    return besluitenlog.samenvatting_xlsx(
        model.besluiten(),
        onderwerp_labels(model),
        wijk=model.wijk,
        fictief=model.info()["fictief"],
        standen=onderwerp_standen(model),
    )


# ------------------------------------------------------------------------------ summary

SAMENVATTING_MAX = 12  # rows and names that still fit on the summary's one page


def _namen(namen: list[str], max_: int = 6) -> str:
    """'A, B en C', or 'A, B, … en 4 meer' (escaped)."""
    namen = [html.escape(n) for n in namen]
    if len(namen) > max_:
        return f"{', '.join(namen[:max_])} en {len(namen) - max_} meer"
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"


def _aantal(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def _nog_open(model: WijkModel, res: afweging.Afweging) -> list[str]:
    """What is still open, as escaped Dutch sentences for the report's summary."""
    labels = onderwerp_labels(model)
    h = besluitenlog.huidige_besluiten(model.besluiten())
    besloten = (
        set()
        if h.empty
        else set(zip(h["onderwerp_soort"], h["onderwerp_id"].astype(int), strict=True))
    )
    punten = []
    zonder = [
        _label(labels, r.onderwerp_soort, r.onderwerp_id)
        for r in res.gehaald.itertuples(index=False)
        if (r.onderwerp_soort, int(r.onderwerp_id)) not in besloten
    ]
    if zonder:
        punten.append(
            f"{_aantal(len(zonder), 'onderwerp haalt', 'onderwerpen halen')} de drempel "
            f"({getal(res.drempel)}) maar {'heeft' if len(zonder) == 1 else 'hebben'} nog "
            f"geen besluit: {_namen(zonder)}."
        )
    onvolledig = [
        _label(labels, r.onderwerp_soort, r.onderwerp_id)
        for r in res.onvolledig.itertuples(index=False)
    ]
    if onvolledig:
        punten.append(
            f"{_aantal(len(onvolledig), 'onderwerp is', 'onderwerpen zijn')} nog niet volledig "
            f"gescoord en {'staat' if len(onvolledig) == 1 else 'staan'} daarom niet in de "
            f"ranglijst: {_namen(onvolledig)}."
        )
    if not h.empty:
        later = [
            _label(labels, r.onderwerp_soort, r.onderwerp_id)
            for r in h[h["besluit"] == "uitgesteld"].itertuples(index=False)
        ]
        if later:
            punten.append(f"Uitgesteld, later te beslissen: {_namen(later)}.")
    c = controle(model)
    if c.te_veel:
        punten.append(html.escape(c.meldingen[0]))
    if not c.conflicten.empty:
        punten.append(
            f"{_aantal(len(c.conflicten), 'paar', 'paren')} gekozen opgaven "
            f"{'werkt' if len(c.conflicten) == 1 else 'werken'} mogelijk niet goed samen "
            "(meer bedreigingen dan kansen); zie hoofdstuk 4."
        )
    return punten


def rapport_samenvatting(model: WijkModel, res: afweging.Afweging | None = None) -> HTML:
    """The report's first page: the besluiten with their reasons, the chosen koppelkansen,
    the capacity and what is still open. On paper a page of its own."""
    res = res or bereken_afweging(model)
    labels = onderwerp_labels(model)
    b = model.besluiten()
    h = besluitenlog.huidige_besluiten(b)
    delen = [
        '<div class="wa-samenvatting-kort">',
        "<h2>Samenvatting</h2>",
        '<p class="wa-herkomst">Wat is besloten en waarom, wat is gekozen en wat nog open '
        "staat. De onderbouwing volgt: het wijkprofiel, de opgaven, de koppelingen, het "
        "afwegingskader en het volledige besluitenlog.</p>",
        "<h3>Besluiten</h3>",
    ]
    if h.empty:
        delen.append("<p>Er zijn nog geen besluiten vastgelegd.</p>")
    else:
        volgorde = {s: i for i, s in enumerate(besluitenlog.KOPPEN)}
        h = _met_labels(model, h).assign(_v=lambda d: d["besluit"].map(volgorde))
        h = h.sort_values(["_v", "onderwerp"], kind="stable")
        toon = pd.DataFrame(
            {
                "Onderwerp": h["onderwerp"],
                "Besluit": h["besluit"],
                "Waarom": h["redenering"].fillna("").astype(str),
                "Datum": h["datum"].map(nl_datum),
            }
        )
        delen.append(tabel_html(toon, max_rijen=SAMENVATTING_MAX))
    delen.append("<h3>Gekozen koppelkansen</h3>")
    gekozen_k = (
        []
        if h.empty
        else [
            _label(labels, "koppeling", i)
            for s, i, bes in zip(h["onderwerp_soort"], h["onderwerp_id"], h["besluit"], strict=True)
            if s == "koppeling" and bes == "gekozen"
        ]
    )
    if gekozen_k:
        delen.append(f"<p>{_namen(gekozen_k, SAMENVATTING_MAX)}.</p>")
    else:
        top = res.top_koppelingen
        beste = (
            ""
            if top.empty
            else " De volledig gescoorde koppelingen met het hoogste totaal: "
            + _namen(
                [
                    f"{_label(labels, 'koppeling', i)} ({_getal(t)})"
                    for i, t in zip(top["onderwerp_id"], top["totaal"], strict=True)
                ]
            )
            + "."
        )
        delen.append(f"<p>Nog geen koppeling gekozen.{beste}</p>")
    c = controle(model)
    delen.append("<h3>Capaciteit</h3>")
    n = c.aantal_gekozen
    delen.append(
        f"<p>{'Nog geen opgave' if n == 0 else _aantal(n, 'opgave', 'opgaven')} gekozen; de "
        f"capaciteit is {c.capaciteit}. "
        + (
            f"{te_veel_zin(c.aantal_gekozen - c.capaciteit).capitalize()}.</p>"
            if c.te_veel
            else f"Er is nog ruimte voor {_aantal(c.ruimte, 'opgave', 'opgaven')}.</p>"
        )
    )
    delen.append("<h3>Nog open</h3>")
    punten = _nog_open(model, res)
    delen.append(
        "<ul>" + "".join(f"<li>{p}</li>" for p in punten) + "</ul>"
        if punten
        else "<p>Niets: elk onderwerp dat de drempel haalt heeft een besluit.</p>"
    )
    delen.append("</div>")
    return HTML("".join(delen))
