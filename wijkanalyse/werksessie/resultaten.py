"""What the facilitator sees of a round, and the session's export: pure functions from the
workspace's rows to escaped HTML and to an Excel workbook."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .. import afweging, store
from ..core.nl_format import html_tekst as e
from ..core.nl_format import moment
from ..databank import werksessie as opslag
from . import ahp, vragen
from .samenvatting import rangschikking_tabel

MAX_ONENIGHEID = 5


def _nl(x: float, d: int = 1) -> str:
    return f"{x:.{d}f}".replace(".", ",")


def _tabel(kop: list[str], rijen: list[list[str]], *, klasse: str = "") -> str:
    th = "".join(f"<th scope='col'>{e(k)}</th>" for k in kop)
    # data-kop: a phone shows each row as a small card, every cell with its heading
    body = "".join(
        "<tr>"
        + "".join(f"<td data-kop='{e(k)}'>{c}</td>" for k, c in zip(kop, r, strict=False))
        + "</tr>"
        for r in rijen
    )
    return (
        f"<table class='wa-tabel {klasse}'><thead><tr>{th}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def deelname_html(con, sessie: dict[str, Any], antwoorders: set[int]) -> str:
    """Joined and answered per group; names only when the facilitator turned them on."""
    mensen = opslag.deelnemers(con, sessie["id"])
    rijen = []
    for g in sessie["groepen"]:
        leden = [d for d in mensen if d["groep"] == g["naam"]]
        klaar = [d for d in leden if d["id"] in antwoorders]
        namen = ", ".join(e(d["naam"]) for d in leden) if sessie["namen_tonen"] else ""
        nog = [d for d in leden if d["id"] not in antwoorders]
        nog_niet = ", ".join(e(d["naam"]) for d in nog) or "–"
        rijen.append([e(g["naam"]), str(len(leden)), str(len(klaar)), namen, nog_niet])
    kop = ["Groep", "Meegedaan", "Heeft geantwoord"]
    kop += ["Namen", "Nog niet geantwoord"] if sessie["namen_tonen"] else []
    if not sessie["namen_tonen"]:
        rijen = [r[:3] for r in rijen]
    return _tabel(kop, rijen, klasse="wa-deelname")


def score_resultaten(
    db: Path | str, con, sessie: dict[str, Any], ronde: dict[str, Any]
) -> tuple[str, set[int]]:
    """HTML for a scoring round: means per group and criterium, ranking with the drempel,
    the largest disagreements between groups, and the latest answers."""
    onderwerpen = opslag.onderwerpen(con, ronde)
    sleutels = {(o["soort"], o["id"]) for o in onderwerpen}
    titels = {(o["soort"], o["id"]): o["titel"] for o in onderwerpen}
    rows = [
        s
        for s in opslag.sessie_scores(con, sessie["id"], ronde["id"])
        if (s["onderwerp_soort"], s["onderwerp_id"]) in sleutels
    ]
    antwoorders = {s["deelnemer_id"] for s in rows}
    if not rows:
        return "<p>Nog geen antwoorden in deze ronde.</p>", antwoorders
    scores = pd.DataFrame(rows)
    criteria = store.criteria(db, sessie["wijk"])
    namen = dict(zip(criteria["id"], criteria["naam"], strict=True))
    scores = scores[scores["criterium_id"].isin(namen)]
    if scores.empty:
        return "<p>Nog geen antwoorden in deze ronde.</p>", antwoorders
    delen = [
        f"<p class='wa-totaal'>Antwoorden in deze ronde: <strong>{len(scores)}</strong>. "
        f"Alle cijfers hieronder gaan alleen over ronde {ronde['volgorde']}.</p>"
    ]

    kader = store.kader(db, sessie["wijk"])
    tot = afweging.totalen(scores, criteria)
    rang = afweging.rangschikking(tot, kader["drempel"])
    rijen = []
    for r in rang.itertuples():
        rijen.append(
            [
                "" if pd.isna(r.rang) else str(r.rang),
                e(titels.get((r.onderwerp_soort, r.onderwerp_id), "")),
                "–" if pd.isna(r.totaal) else _nl(r.totaal, 2),
                "ja" if r.haalt_drempel else "nee",
                "volledig" if r.volledig else e(f"niet gescoord: {r.ontbrekend}"),
            ]
        )
    delen.append(f"<h3>Rangschikking (drempel {_nl(kader['drempel'], 2)})</h3>")
    delen.append(
        _tabel(
            ["Plaats", "Onderwerp", "Totaal", "Haalt drempel", "Compleet"],
            rijen,
            klasse="wa-rangschikking",
        )
    )

    gem = afweging.gemiddelden(scores, criteria)
    groepen = [g["naam"] for g in sessie["groepen"] if g["naam"] in set(gem["groep"])]
    tabel = gem.pivot_table(
        index=["onderwerp_soort", "onderwerp_id", "criterium_id"],
        columns="groep",
        values="gemiddelde",
    )
    rijen = []
    for (soort, oid, cid), rij in tabel.iterrows():
        cellen = [e(titels.get((soort, oid), "")), e(namen.get(cid, ""))]
        cellen += ["–" if pd.isna(rij.get(g)) else _nl(rij.get(g)) for g in groepen]
        rijen.append(cellen)
    delen.append("<h3>Gemiddelde per groep en criterium</h3>")
    delen.append(
        "<div class='wa-scroll'>"
        + _tabel(["Onderwerp", "Criterium", *groepen], rijen, klasse="wa-gemiddelden")
        + "</div>"
    )

    if len(groepen) >= 2:
        spreiding = (tabel[groepen].max(axis=1) - tabel[groepen].min(axis=1)).dropna()
        spreiding = spreiding[spreiding > 0].sort_values(ascending=False, kind="stable")
        rijen = []
        for (soort, oid, cid), verschil in spreiding.head(MAX_ONENIGHEID).items():
            rij = tabel.loc[(soort, oid, cid)]
            hoog, laag = rij[groepen].idxmax(), rij[groepen].idxmin()
            rijen.append(
                [
                    e(titels.get((soort, oid), "")),
                    e(namen.get(cid, "")),
                    _nl(verschil),
                    f"{e(hoog)} {_nl(rij[hoog])} · {e(laag)} {_nl(rij[laag])}",
                ]
            )
        delen.append("<h3>Grootste verschillen tussen groepen</h3>")
        delen.append(
            _tabel(
                ["Onderwerp", "Criterium", "Verschil", "Hoogste · laagste groep"],
                rijen,
                klasse="wa-onenigheid",
            )
            if rijen
            else "<p>De groepen zijn het (nog) overal eens.</p>"
        )

    laatste = scores.sort_values("id", ascending=False).head(8)
    rijen = [
        [
            e(r.groep) + (f" ({e(r.naam)})" if sessie["namen_tonen"] else ""),
            e(titels.get((r.onderwerp_soort, r.onderwerp_id), "")),
            e(namen.get(r.criterium_id, "")),
            str(r.waarde),
        ]
        for r in laatste.itertuples()
    ]
    delen.append("<h3>Laatste antwoorden</h3>")
    delen.append(_tabel(["Wie", "Onderwerp", "Criterium", "Score"], rijen, klasse="wa-laatste"))
    return "".join(delen), antwoorders


def voorstel_resultaten(con, sessie: dict[str, Any], ronde: dict[str, Any]) -> tuple[str, set[int]]:
    alle = opslag.voorstellen(con, sessie["id"], ronde["id"])
    antwoorders = {v["deelnemer_id"] for v in alle}
    # hidden ones left out, merged ones shown once with everyone who proposed them
    lijst = opslag.zichtbare_voorstellen(alle)
    if not lijst:
        return "<p>Nog geen voorstellen in deze ronde.</p>", antwoorders
    paren = {k["id"]: k["titel"] for k in opslag.koppelingen(con, sessie["wijk_id"])}
    rijen = []
    for v in reversed(lijst):
        wie = ", ".join(
            e(g) + (f" ({e(n)})" if sessie["namen_tonen"] else "") for g, n in v["indieners"]
        )
        wat = e(v["tekst"]) + (
            f"<br><small>{e(v['toelichting'])}</small>" if v["toelichting"] else ""
        )
        extra = e(paren.get(v["koppeling_id"], "")) if v["koppeling_id"] else e(v["transitie"])
        rijen.append([e(v["soort"]), wat, extra, wie])
    kop = ["Soort", "Voorstel", "Paar" if ronde["soort"] == "kansen" else "Transitie", "Van"]
    return (
        f"<h3>Voorstellen ({len(lijst)}), nieuwste eerst</h3>"
        + _tabel(kop, rijen, klasse="wa-voorstellen")
    ), antwoorders


def vraag_resultaten(con, sessie: dict[str, Any], ronde: dict[str, Any]) -> tuple[str, set[int]]:
    """A question round (stemmen, gewichten, 2×2): its live chart and table; for a pairwise
    round also who (or how many) gave inconsistent judgements."""
    from .vraagsoorten import VRAAGSOORTEN, gewichten

    soort = VRAAGSOORTEN[ronde["soort"]]
    antwoorders = {a["deelnemer_id"] for a in vragen.antwoorden(con, ronde["id"])}
    inhoud = soort.html(soort.resultaat(con, ronde["id"]), ronde)
    if ronde["soort"] == "paarsgewijs":
        mensen = gewichten.per_persoon(con, ronde["id"])
        hoog = mensen[mensen["cr"] > ahp.CR_GRENS]
        if len(hoog):
            wie = (
                ": " + ", ".join(f"{e(r.naam)} ({_nl(r.cr, 2)})" for r in hoog.itertuples())
                if sessie["namen_tonen"]
                else ""
            )
            inhoud += (
                f"<p class='wa-hint wa-cr-hoog'>{len(hoog)} van {len(mensen)} "
                f"{'persoon heeft' if len(mensen) == 1 else 'personen hebben'} een "
                f"consistentie-ratio boven 0,10{wie}. Bespreek hun oordelen.</p>"
            )
    return inhoud, antwoorders


def ronde_html(db: Path | str, con, sessie: dict[str, Any], ronde: dict[str, Any]) -> str:
    if ronde["soort"] in vragen.SOORTEN:
        inhoud, antwoorders = vraag_resultaten(con, sessie, ronde)
    elif ronde["soort"] == "scores":
        inhoud, antwoorders = score_resultaten(db, con, sessie, ronde)
    else:
        inhoud, antwoorders = voorstel_resultaten(con, sessie, ronde)
    status = {"gepland": "nog niet geopend", "open": "open", "gesloten": "gesloten"}[
        ronde["status"]
    ]
    zicht = "zichtbaar" if ronde["resultaten_zichtbaar"] else "verborgen"
    return (
        f"<h2>Ronde {ronde['volgorde']}: {e(ronde['titel'])}</h2>"
        f"<p>Status: <strong>{status}</strong>. Resultaten voor deelnemers: "
        f"<strong>{zicht}</strong>.</p>" + deelname_html(con, sessie, antwoorders) + inhoud
    )


# --------------------------------------------------------------------------- export


def _tekst(x: Any) -> Any:
    # Text stays text in Excel: nothing a participant typed is ever run as a formula.
    if isinstance(x, str) and x[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + x
    return x


_UITLEG_LAATSTE_RONDE = (
    afweging.rondes_beschrijving(afweging.LAATSTE_PER_PERSOON)
    + " Dat geldt voor de bladen Gemiddelden en Rangschikking. Het blad Scores heeft iedere "
    "score, met de ronde waarin hij gegeven is; de gespreksleiderspagina toont per ronde "
    "alleen die ronde."
)


def _nederlandse_data(blad: Any) -> None:
    """Dates stay real dates in Excel, shown the Dutch way (25-11-2026 14:03)."""
    for rij in blad.iter_rows(min_row=2):
        for cel in rij:
            if isinstance(cel.value, datetime):
                cel.number_format = "DD-MM-YYYY HH:MM"


def _datum(kolom: pd.Series) -> pd.Series:
    """ISO text as real moments (Excel dates); what is not a date stays empty."""
    return pd.to_datetime(kolom, errors="coerce", format="ISO8601")


def _ronde_tekst(ronde: Any) -> Any:
    return "onbekend (van vóór de rondes)" if pd.isna(ronde) else int(ronde)


def _vraag_bladen(
    db: Path | str, sessie_id: int, rondes: list[dict[str, Any]]
) -> dict[str, pd.DataFrame]:
    """The question rounds in the export: every answer, and each round's result."""
    from .vraagsoorten import VRAAGSOORTEN

    vraagrondes = [r for r in rondes if r["soort"] in VRAAGSOORTEN]
    if not vraagrondes:
        return {}
    con = opslag.verbind(db)
    try:
        titels: dict[tuple[int, str], str] = {}
        for r in vraagrondes:
            for o in opslag.onderwerpen(con, r):
                titels[(r["volgorde"], vragen.sleutel(o["soort"], o["id"]))] = o["titel"]
        rijen = vragen.sessie_antwoorden(con, sessie_id)
        uitkomsten = {
            r["volgorde"]: (r["soort"], VRAAGSOORTEN[r["soort"]].resultaat(con, r["id"]))
            for r in vraagrondes
        }
    finally:
        con.close()

    def onderwerp(ronde: int, sleutel: str) -> str:
        if "|" in sleutel:
            a, b = sleutel.split("|")
            return f"{titels.get((ronde, a), a)} tegenover {titels.get((ronde, b), b)}"
        return titels.get((ronde, sleutel), f"{sleutel} (verwijderd)")

    antwoorden = pd.DataFrame(
        {
            "Ronde": [a["ronde"] for a in rijen],
            "Soort": [a["soort"] for a in rijen],
            "Groep": [a["groep"] for a in rijen],
            "Deelnemer": [a["naam"] for a in rijen],
            "Onderwerp": [onderwerp(a["ronde"], a["onderwerp"]) for a in rijen],
            "Waarde": [a["waarde"] for a in rijen],
            "Waarde 2": [a["waarde2"] for a in rijen],
            "Moment": [moment(a["moment"]) for a in rijen],
        }
    )
    bladen = {"Antwoorden": antwoorden}
    for nr, (soort, df) in uitkomsten.items():
        if df.empty:
            continue
        uit = df.drop(columns=[k for k in ("onderwerp", "as_x", "as_y") if k in df]).rename(
            columns=_UITKOMST_KOPPEN
        )
        if soort == "tweebijtwee":
            uit = uit.rename(columns={"X": df["as_x"].iloc[0], "Y": df["as_y"].iloc[0]})
        if "Gewicht (%)" in uit:
            uit["Gewicht (%)"] = (uit["Gewicht (%)"] * 100).round(1)
        if "Top" in uit:
            uit["Top"] = uit["Top"].map({True: "ja", False: "nee"})
        if soort == "punten":
            uit = uit.drop(columns=["Consistentie-ratio"])
        bladen[f"Ronde {nr} {_BLAD_SOORT[soort]}"] = uit
    return bladen


_BLAD_SOORT = {
    "stemmen": "stemmen",
    "punten": "punten",
    "paarsgewijs": "paarsgewijs",
    "tweebijtwee": "2x2",
}
_UITKOMST_KOPPEN = {
    "titel": "Onderwerp",
    "stemmen": "Stemmen",
    "mensen": "Mensen",
    "rang": "Plaats",
    "top": "Top",
    "groep": "Groep",
    "criterium_id": "Criterium nr",
    "criterium": "Criterium",
    "gewicht": "Gewicht (%)",
    "cr": "Consistentie-ratio",
    "n": "Aantal",
    "x": "X",
    "y": "Y",
}


def export_xlsx(db: Path | str, sessie_id: int) -> bytes:
    """The whole session in one workbook: participants, every score and proposal, the rounds,
    and the means and ranking of each scoring round."""
    con = opslag.verbind(db)
    try:
        s = opslag.sessie_con(con, sessie_id)
        rondes = opslag.rondes(con, sessie_id)
        titels = {("opgave", o["id"]): o["titel"] for o in opslag.opgaven(con, s["wijk_id"])}
        titels |= {
            ("koppeling", k["id"]): k["titel"] for k in opslag.koppelingen(con, s["wijk_id"])
        }
        crit = {c["id"]: c["naam"] for c in opslag.criteria(con, s["wijk_id"])}
        mensen = pd.DataFrame(
            opslag.deelnemers(con, sessie_id),
            columns=["id", "groep", "naam", "anoniem", "aangemeld"],
        )
        alle_scores = opslag.sessie_scores(con, sessie_id)
        scores = pd.DataFrame(alle_scores)
        # The same selection as notebook 03, the dashboard and the reports.
        laatste = afweging.kies_rondes(
            scores, afweging.LAATSTE_PER_PERSOON, {r["id"]: r["volgorde"] for r in rondes}
        )
        voorstel = pd.DataFrame(opslag.voorstellen(con, sessie_id))
    finally:
        con.close()
    bladen: dict[str, pd.DataFrame] = {}
    bladen["Rondes"] = pd.DataFrame(
        [
            {
                "Ronde": r["volgorde"],
                "Titel": r["titel"],
                "Soort": r["soort"],
                "Status": r["status"],
                "Resultaten getoond": "ja" if r["resultaten_zichtbaar"] else "nee",
            }
            for r in rondes
        ],
        columns=["Ronde", "Titel", "Soort", "Status", "Resultaten getoond"],
    )
    bladen["Deelnemers"] = mensen.rename(
        columns={
            "id": "Nr",
            "groep": "Groep",
            "naam": "Naam",
            "anoniem": "Anoniem",
            "aangemeld": "Aangemeld",
        }
    )
    if not mensen.empty:
        bladen["Deelnemers"]["Aangemeld"] = _datum(bladen["Deelnemers"]["Aangemeld"])
        bladen["Deelnemers"]["Anoniem"] = bladen["Deelnemers"]["Anoniem"].map({1: "ja", 0: "nee"})
    if scores.empty:
        bladen["Scores"] = pd.DataFrame(
            columns=["Groep", "Deelnemer", "Onderwerp", "Criterium", "Score", "Ronde"]
        )
    else:
        bladen["Scores"] = pd.DataFrame(
            {
                "Groep": scores["groep"],
                "Deelnemer": scores["naam"],
                "Soort": scores["onderwerp_soort"],
                "Onderwerp": [
                    titels.get((a, b), f"{a} {b} (verwijderd)")
                    for a, b in zip(scores["onderwerp_soort"], scores["onderwerp_id"], strict=True)
                ],
                "Criterium": scores["criterium_id"].map(crit),
                "Score": scores["waarde"],
                "Ronde": [_ronde_tekst(r) for r in scores["ronde"]],
            }
        )
    if voorstel.empty:
        bladen["Voorstellen"] = pd.DataFrame(
            columns=["Ronde", "Groep", "Deelnemer", "Soort", "Voorstel"]
        )
    else:
        ronde_nr = {r["id"]: r["volgorde"] for r in rondes}
        teksten = dict(zip(voorstel["id"], voorstel["tekst"], strict=True))
        bladen["Voorstellen"] = pd.DataFrame(
            {
                "Ronde": voorstel["ronde_id"].map(ronde_nr),
                "Groep": voorstel["groep"],
                "Deelnemer": voorstel["naam"],
                "Soort": voorstel["soort"],
                "Paar": [
                    titels.get(("koppeling", k), "") if pd.notna(k) else ""
                    for k in voorstel["koppeling_id"]
                ],
                "Voorstel": voorstel["tekst"],
                "Toelichting": voorstel["toelichting"],
                "Transitie": voorstel["transitie"],
                "Moment": _datum(voorstel["moment"]),
                "Overgenomen": voorstel["overgenomen"].map({1: "ja", 0: "nee"}),
                "Verborgen": voorstel["verborgen"].map({1: "ja", 0: "nee"}),
                "Samengevoegd in": [
                    teksten.get(int(i), "") if pd.notna(i) else ""
                    for i in voorstel["samengevoegd_in"]
                ],
                "Oorspronkelijke tekst": voorstel["oorspronkelijk"].fillna(""),
            }
        )
    if not scores.empty:
        criteria = store.criteria(db, s["wijk"])
        sc = laatste[laatste["criterium_id"].isin(set(criteria["id"]))]
        if not sc.empty:
            gem = afweging.gemiddelden(sc, criteria)
            bladen["Gemiddelden"] = pd.DataFrame(
                {
                    "Onderwerp": [
                        titels.get((a, b), "")
                        for a, b in zip(gem["onderwerp_soort"], gem["onderwerp_id"], strict=True)
                    ],
                    "Groep": gem["groep"],
                    "Criterium": gem["criterium_id"].map(crit),
                    "Gemiddelde": gem["gemiddelde"].round(2),
                    "Aantal": gem["n"],
                }
            )
            rang = afweging.rangschikking(
                afweging.totalen(sc, criteria), store.kader(db, s["wijk"])["drempel"]
            )
            bladen["Rangschikking"] = rangschikking_tabel(rang, titels).assign(
                Compleet=rang["volledig"].map({True: "ja", False: "nee"})
            )
    bladen |= _vraag_bladen(db, sessie_id, rondes)
    if "Gemiddelden" in bladen:
        bladen["Uitleg"] = pd.DataFrame({"Uitleg": [_UITLEG_LAATSTE_RONDE]})
    from . import samenvatting

    eind = samenvatting.tabellen(db, sessie_id)
    bladen["Samenvatting"] = eind["totalen"]
    bladen["Deelname per groep"] = eind["deelname"]
    bladen["Rangschikking per ronde"] = eind["rangschikking"]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for naam, df in bladen.items():
            df.map(_tekst).to_excel(xl, sheet_name=naam, index=False)
            _nederlandse_data(xl.sheets[naam])
    return buf.getvalue()
