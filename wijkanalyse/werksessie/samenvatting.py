"""The end of a werksessie: what was proposed, taken over and decided, the ranking per
scoring round and the participation per group — as tables (for the export) and as HTML (for
the facilitator's screen)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pandas as pd

from .. import afweging, store
from ..databank import werksessie as opslag

MAX_PLAATSEN = 10  # places per round on screen (the export has all)


def e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _nl(x: float, d: int = 2) -> str:
    return f"{x:.{d}f}".replace(".", ",")


def tabellen(db: Path | str, sessie_id: int) -> dict[str, pd.DataFrame]:
    """``totalen`` (what and how many), ``overgenomen`` (proposals taken into the
    inventory), ``besluiten`` (decided while the session ran), ``rangschikking`` (per scoring
    round) and ``deelname`` (per group: joined, answered)."""
    con = opslag.verbind(db)
    try:
        s = opslag.sessie_con(con, sessie_id)
        rondes = opslag.rondes(con, sessie_id)
        voorstellen = opslag.voorstellen(con, sessie_id)
        mensen = opslag.deelnemers(con, sessie_id)
        scores = opslag.sessie_scores(con, sessie_id)
        titels = {("opgave", o["id"]): o["titel"] for o in opslag.opgaven(con, s["wijk_id"])}
        titels |= {
            ("koppeling", k["id"]): k["titel"] for k in opslag.koppelingen(con, s["wijk_id"])
        }
    finally:
        con.close()
    zichtbaar = opslag.zichtbare_voorstellen(voorstellen)
    overgenomen = [v for v in voorstellen if v["overgenomen"]]
    besluiten = store.besluiten(db, s["wijk"])
    if not besluiten.empty:
        datum = besluiten["datum"].astype(str)
        eind = (s["beeindigd"] or "9999")[:10]
        besluiten = besluiten[(datum >= s["gestart"][:10]) & (datum <= eind)]
    uit: dict[str, pd.DataFrame] = {}
    uit["totalen"] = pd.DataFrame(
        {
            "Wat": [
                "Voorstellen ingediend",
                "Voorstellen na samenvoegen en verbergen",
                "Overgenomen in de inventarisatie",
                "Besluiten in de besluitenlog tijdens de sessie",
                "Rondes",
                "Deelnemers",
            ],
            "Aantal": [
                len(voorstellen),
                len(zichtbaar),
                len(overgenomen),
                len(besluiten),
                len(rondes),
                len(mensen),
            ],
        }
    )
    ronde_nr = {r["id"]: r["volgorde"] for r in rondes}
    uit["overgenomen"] = pd.DataFrame(
        [
            {"Ronde": ronde_nr.get(v["ronde_id"]), "Soort": v["soort"], "Voorstel": v["tekst"]}
            for v in overgenomen
        ],
        columns=["Ronde", "Soort", "Voorstel"],
    )
    uit["besluiten"] = pd.DataFrame(
        {
            "Onderwerp": [
                titels.get((a, int(b)), "")
                for a, b in zip(
                    besluiten.get("onderwerp_soort", []),
                    besluiten.get("onderwerp_id", []),
                    strict=True,
                )
            ],
            "Besluit": list(besluiten.get("besluit", [])),
        },
        columns=["Onderwerp", "Besluit"],
    )
    uit["rangschikking"] = rangschikking_per_ronde(db, s, rondes, scores, titels)
    antwoord = {v["deelnemer_id"] for v in voorstellen} | {x["deelnemer_id"] for x in scores}
    uit["deelname"] = pd.DataFrame(
        [
            {
                "Groep": g["naam"],
                "Meegedaan": sum(d["groep"] == g["naam"] for d in mensen),
                "Heeft geantwoord": sum(
                    d["groep"] == g["naam"] and d["id"] in antwoord for d in mensen
                ),
            }
            for g in s["groepen"]
        ],
        columns=["Groep", "Meegedaan", "Heeft geantwoord"],
    )
    return uit


def rangschikking_tabel(rang: pd.DataFrame, titels: dict) -> pd.DataFrame:
    """A ranking (:func:`afweging.rangschikking`) as the participants read it: Plaats,
    Onderwerp (its title), Totaal (2 decimals), Haalt drempel (ja/nee)."""
    return pd.DataFrame(
        {
            "Plaats": rang["rang"],
            "Onderwerp": [
                titels.get((a, b), "")
                for a, b in zip(rang["onderwerp_soort"], rang["onderwerp_id"], strict=True)
            ],
            "Totaal": rang["totaal"].round(2),
            "Haalt drempel": rang["haalt_drempel"].map({True: "ja", False: "nee"}),
        }
    )


def rangschikking_per_ronde(
    db: Path | str, s: dict[str, Any], rondes: list[dict], scores: list[dict], titels: dict
) -> pd.DataFrame:
    """The ranking of every scoring round on that round's own scores, with a round column."""
    kolommen = ["Ronde", "Plaats", "Onderwerp", "Totaal", "Haalt drempel"]
    df = pd.DataFrame(scores)
    if df.empty:
        return pd.DataFrame(columns=kolommen)
    criteria = store.criteria(db, s["wijk"])
    drempel = store.kader(db, s["wijk"])["drempel"]
    delen = []
    for r in rondes:
        sc = df[(df["ronde_id"] == r["id"]) & df["criterium_id"].isin(set(criteria["id"]))]
        if r["soort"] != "scores" or sc.empty:
            continue
        rang = afweging.rangschikking(afweging.totalen(sc, criteria), drempel)
        tabel = rangschikking_tabel(rang, titels)
        tabel.insert(0, "Ronde", r["volgorde"])
        delen.append(tabel)
    return pd.concat(delen, ignore_index=True) if delen else pd.DataFrame(columns=kolommen)


def _tabel(df: pd.DataFrame, klasse: str) -> str:
    kop = "".join(f"<th scope='col'>{e(k)}</th>" for k in df.columns)
    rijen = "".join(
        "<tr>"
        + "".join(
            f"<td>{'–' if pd.isna(v) else e(_nl(v) if isinstance(v, float) else v)}</td>"
            for v in rij
        )
        + "</tr>"
        for rij in df.itertuples(index=False)
    )
    return (
        f"<table class='wa-tabel {klasse}'><thead><tr>{kop}</tr></thead>"
        f"<tbody>{rijen}</tbody></table>"
    )


def html_(db: Path | str, sessie_id: int) -> str:
    """The summary for the facilitator's screen."""
    t = tabellen(db, sessie_id)
    delen = ["<h2>Samenvatting van de sessie</h2>", _tabel(t["totalen"], "wa-sam-totalen")]
    delen.append("<h3>Overgenomen in de inventarisatie</h3>")
    delen.append(
        _tabel(t["overgenomen"], "wa-sam-overgenomen")
        if len(t["overgenomen"])
        else "<p>Nog niets overgenomen.</p>"
    )
    if len(t["besluiten"]):
        delen += ["<h3>Besloten</h3>", _tabel(t["besluiten"], "wa-sam-besluiten")]
    delen.append("<h3>Rangschikking per ronde</h3>")
    rang = t["rangschikking"]
    if len(rang):
        top = rang.groupby("Ronde", sort=True).head(MAX_PLAATSEN)
        delen.append(_tabel(top, "wa-sam-rangschikking"))
    else:
        delen.append("<p>Geen scoreronde met antwoorden.</p>")
    delen += ["<h3>Deelname per groep</h3>", _tabel(t["deelname"], "wa-sam-deelname")]
    return "<div class='wa-samenvatting'>" + "".join(delen) + "</div>"
