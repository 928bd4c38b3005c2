"""The beamer view: one page for a projector that follows the facilitator's choice.

It shows the round the facilitator put on the beamer (or else the open round): its title and
question, a live chart of its results in large type, the timer, how many have answered, and
the groups' join QR codes folded into a corner (large on the facilitator's request). It has
no controls. The page is plain HTML served by the werksessie's own server
(:mod:`wijkanalyse.werksessie.beamer_server`), with plotly.js from this machine; no kernel.
Its script asks for :func:`toestand` whenever the wijk's change counter moves.

:func:`beamer_figuur` is the one place that chooses a round's chart: today's 1–5 scoring
rounds here, other question types through ``vraagsoorten.VRAAGSOORTEN`` when that registry
is there.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import afweging, store
from ..databank import werksessie as opslag

#: Smallest font size in the chart (px); the page scales it up with the screen.
LETTER = 22
KLEUR_HAALT = "#005a9c"
KLEUR_NIET = "#767676"
GROEP_KLEUREN = ("#005a9c", "#b35900", "#2e7d32", "#6a1b9a", "#8b0000", "#00695c")
MAX_TITEL = 38

VRAAG = {
    "scores": "Geef elk onderwerp een score op ieder criterium.",
    "opgaven": "Welke opgaven ziet u in de wijk? Vul ze in op uw telefoon.",
    "kansen": "Welke kansen en bedreigingen ziet u bij deze koppelingen?",
}


def vraag(ronde: dict[str, Any]) -> str:
    """The round's question as the beamer asks it, in the round's own terms (the 2×2's
    axes, the number of dots); a rescoring round says what it is for."""
    inst = ronde.get("instellingen") or {}
    soort = ronde["soort"]
    if soort == "scores" and inst.get("bron"):
        return "Scoor opnieuw de onderwerpen waarover de meningen het verst uiteenliepen."
    if soort == "stemmen":
        if inst.get("modus", "stippen") == "stippen":
            return f"Verdeel uw {inst.get('stippen', 3)} stippen over de onderwerpen."
        return "Geef een duimpje aan elk onderwerp dat u belangrijk vindt."
    if soort == "punten":
        return "Verdeel 100 punten over de criteria: hoe belangrijker, hoe meer punten."
    if soort == "paarsgewijs":
        return "Vergelijk de criteria twee aan twee: welke is belangrijker, en hoeveel keer?"
    if soort == "tweebijtwee":
        return (
            f"Geef elk onderwerp een plaats op {inst.get('as_x', 'de eerste as')} en op "
            f"{inst.get('as_y', 'de tweede as')} (1 = laag, 5 = hoog)."
        )
    return VRAAG.get(soort, "")


def e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def kort(tekst: str, n: int = MAX_TITEL) -> str:
    """A title cut to ``n`` characters with an ellipsis (a bar's label on the beamer)."""
    tekst = " ".join(str(tekst).split())
    return tekst if len(tekst) <= n else tekst[: n - 1].rstrip() + "…"


def _nl(x: float, d: int = 1) -> str:
    return f"{x:.{d}f}".replace(".", ",")


def score_gegevens(
    db: Path | str, con, sessie: dict[str, Any], ronde: dict[str, Any]
) -> tuple[pd.DataFrame, pd.DataFrame, float, dict, pd.DataFrame]:
    """A scoring round's scores (of this round, on its subjects and existing criteria), its
    ranking with the kader's drempel, the drempel, the subjects' titles and the criteria."""
    onderwerpen = opslag.onderwerpen(con, ronde)
    titels = {(o["soort"], o["id"]): o["titel"] for o in onderwerpen}
    rows = [
        s
        for s in opslag.sessie_scores(con, sessie["id"], ronde["id"])
        if (s["onderwerp_soort"], s["onderwerp_id"]) in titels
    ]
    criteria = store.criteria(db, sessie["wijk"])
    kader = store.kader(db, sessie["wijk"])
    scores = pd.DataFrame(rows)
    if not scores.empty:
        scores = scores[scores["criterium_id"].isin(set(criteria["id"]))]
    if scores.empty:
        return scores, pd.DataFrame(), float(kader["drempel"]), titels, criteria
    rang = afweging.rangschikking(afweging.totalen(scores, criteria), kader["drempel"])
    return scores, rang, float(kader["drempel"]), titels, criteria


def score_figuur_json(
    scores: pd.DataFrame,
    rang: pd.DataFrame,
    drempel: float,
    titels: dict,
    groepen: list[str],
    schaal: tuple[int, int] = (1, 5),
    letter: int = LETTER,
) -> dict[str, Any]:
    """Left: the total per subject as bars, highest on top, the drempel as a line (bars that
    reach it dark, others grey). Right: how often each score was given, per group.

    Written as plotly's JSON directly: building it through plotly's figure objects took
    0.3 s per redraw, on the server that also carries every page's traffic."""
    r = rang.dropna(subset=["totaal"]).sort_values("totaal", ascending=True, kind="stable")
    labels = [
        kort(titels.get((s, i), ""))
        for s, i in zip(r["onderwerp_soort"], r["onderwerp_id"], strict=True)
    ]
    totaal = [round(float(t), 2) for t in r["totaal"]]
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "orientation": "h",
            "x": totaal,
            "y": labels,
            "xaxis": "x",
            "yaxis": "y",
            "marker": {"color": [KLEUR_HAALT if h else KLEUR_NIET for h in r["haalt_drempel"]]},
            "text": [_nl(t, 2) for t in totaal],
            "textposition": "outside",
            "textfont": {"size": letter},
            "cliponaxis": False,
            "showlegend": False,
            "name": "totaal",
        }
    ]
    waarden = list(range(schaal[0], schaal[1] + 1))
    for n, g in enumerate(groepen):
        deel = scores.loc[scores["groep"] == g, "waarde"].value_counts()
        data.append(
            {
                "type": "bar",
                "x": [str(v) for v in waarden],
                "y": [int(deel.get(v, 0)) for v in waarden],
                "xaxis": "x2",
                "yaxis": "y2",
                "name": g,
                "marker": {"color": GROEP_KLEUREN[n % len(GROEP_KLEUREN)]},
                "textfont": {"size": letter},
            }
        )
    # the two columns as plotly's make_subplots places them (widths 0.6 and 0.4, gap 0.12)
    links, rechts = [0.0, 0.528], [0.648, 1.0]
    as_ = {"automargin": True, "tickfont": {"size": letter}, "gridcolor": "#d0d0d0"}
    hoogste = max([drempel, *totaal])

    def titel(tekst: str, domein: list[float]) -> dict[str, Any]:
        return {
            "text": tekst,
            "x": sum(domein) / 2,
            "xanchor": "center",
            "xref": "paper",
            "y": 1.0,
            "yanchor": "bottom",
            "yref": "paper",
            "showarrow": False,
            "font": {"size": letter},
        }

    layout = {
        "xaxis": {**as_, "domain": links, "anchor": "y", "range": [0, hoogste * 1.25]},
        "yaxis": {**as_, "domain": [0.0, 1.0], "anchor": "x"},
        "xaxis2": {**as_, "domain": rechts, "anchor": "y2", "title": {"text": "score"}},
        "yaxis2": {
            **as_,
            "domain": [0.0, 1.0],
            "anchor": "x2",
            "title": {"text": "aantal"},
            "rangemode": "tozero",
        },
        "annotations": [
            titel(f"Totaal per onderwerp · drempel {_nl(drempel, 2)}", links),
            titel("Scores per groep", rechts),
        ],
        "shapes": [
            {
                "type": "line",
                "x0": drempel,
                "x1": drempel,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"width": 4, "dash": "dash", "color": "#1a1a1a"},
            }
        ],
        "barmode": "group",
        "legend": {"orientation": "h", "y": -0.2},
        "font": {"size": letter, "color": "#1a1a1a", "family": "system-ui, sans-serif"},
        "margin": {"l": 20, "r": 30, "t": 70, "b": 20},
        "hovermode": False,
        "separators": ",.",  # Dutch: decimal comma
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
    }
    return {"data": data, "layout": layout}


def groot(fig: go.Figure, letter: int = LETTER) -> go.Figure:
    """Every text of a figure at least ``letter`` px (axes, legend, labels, annotations),
    readable from the back of a room; no hover labels."""
    fig.update_layout(
        font={"size": letter, "color": "#1a1a1a", "family": "system-ui, sans-serif"},
        margin={"l": 20, "r": 30, "t": 70, "b": 20},
        hovermode=False,
        separators=",.",  # Dutch: decimal comma
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    fig.update_xaxes(automargin=True, tickfont_size=letter, gridcolor="#d0d0d0")
    fig.update_yaxes(automargin=True, tickfont_size=letter, gridcolor="#d0d0d0")
    fig.update_annotations(font_size=letter)
    fig.update_traces(textfont_size=letter, selector={"type": "bar"})
    return fig


_ASSEN = re.compile(r"[xy]axis\d*")


def groot_json(fig: dict[str, Any], letter: int = LETTER) -> dict[str, Any]:
    """:func:`groot` on a figure's JSON (as ``json.loads(fig.to_json())`` gives it), in place:
    the same result without plotly's validation of every property, which took 0.1 s per
    redraw of a pairwise round's chart on the server that also carries every page."""
    lay = fig.setdefault("layout", {})
    lay["font"] = {
        **lay.get("font", {}),
        "size": letter,
        "color": "#1a1a1a",
        "family": "system-ui, sans-serif",
    }
    lay["margin"] = {**lay.get("margin", {}), "l": 20, "r": 30, "t": 70, "b": 20}
    lay.update(hovermode=False, separators=",.", paper_bgcolor="#ffffff", plot_bgcolor="#ffffff")
    for naam in {"xaxis", "yaxis"} | {k for k in lay if _ASSEN.fullmatch(k)}:
        as_ = lay.get(naam, {})
        lay[naam] = {
            **as_,
            "automargin": True,
            "tickfont": {**as_.get("tickfont", {}), "size": letter},
            "gridcolor": "#d0d0d0",
        }
    for a in lay.get("annotations", []):
        a["font"] = {**a.get("font", {}), "size": letter}
    for d in fig.get("data", []):
        if d.get("type") == "bar":
            d["textfont"] = {**d.get("textfont", {}), "size": letter}
    return fig


def beamer_figuur(
    db: Path | str, con, sessie: dict[str, Any], ronde: dict[str, Any]
) -> dict[str, Any] | None:
    """The chart for a round on the beamer (plotly's JSON), chosen by the round's kind: a
    scoring round's bars here; a question type of ``vraagsoorten`` its own figure, in large
    type; ``None`` for rounds that collect proposals (the beamer lists those) or before any
    answer."""
    if ronde["soort"] == "scores":
        scores, rang, drempel, titels, criteria = score_gegevens(db, con, sessie, ronde)
        if scores.empty:
            return None
        groepen = [g["naam"] for g in sessie["groepen"] if g["naam"] in set(scores["groep"])]
        lo = int(criteria["schaal_min"].min()) if "schaal_min" in criteria else 1
        hi = int(criteria["schaal_max"].max()) if "schaal_max" in criteria else 5
        return score_figuur_json(scores, rang, drempel, titels, groepen, (lo, hi))
    if ronde["soort"] in ("opgaven", "kansen"):
        return None
    try:
        from .vraagsoorten import VRAAGSOORTEN
    except ImportError:
        return None
    soort = VRAAGSOORTEN.get(ronde["soort"])
    if soort is None:
        return None
    resultaat = soort.resultaat(con, ronde["id"])
    if resultaat is None or len(resultaat) == 0:
        return None
    return groot_json(json.loads(soort.figuur(resultaat).to_json()))


def antwoorders(con, sessie_id: int, ronde: dict[str, Any]) -> set[int]:
    """Ids of the participants who answered in the round (any answer counts)."""
    if ronde["soort"] == "scores":
        rows = con.execute(
            "SELECT DISTINCT deelnemer_id FROM scores WHERE ronde_id = ?", (ronde["id"],)
        )
    elif ronde["soort"] in ("opgaven", "kansen"):
        rows = con.execute(
            "SELECT DISTINCT deelnemer_id FROM voorstellen WHERE ronde_id = ?", (ronde["id"],)
        )
    else:  # the question types keep their answers in ``antwoorden``
        rows = con.execute(
            "SELECT DISTINCT deelnemer_id FROM antwoorden WHERE ronde_id = ?", (ronde["id"],)
        )
    return {int(r[0]) for r in rows if r[0] is not None}


def aantal_antwoorden(con, ronde: dict[str, Any]) -> int:
    """How many answers the round has: scores, proposals, or the question types' answers
    (one per participant and subject, e.g. a subject's dots or one pairwise judgement)."""
    tabel = {"scores": "scores", "opgaven": "voorstellen", "kansen": "voorstellen"}.get(
        ronde["soort"], "antwoorden"
    )
    return int(
        con.execute(f"SELECT count(*) FROM {tabel} WHERE ronde_id = ?", (ronde["id"],)).fetchone()[
            0
        ]
    )


def toestand(db: Path | str, sessie_id: int, basis_url: str = "") -> dict[str, Any]:
    """Everything the beamer page shows, as JSON-able data; ``teller`` is the wijk's change
    counter it was read at (the page asks again when the counter moves past it)."""
    from .leider import deelnemer_url, qr_svg

    con = opslag.verbind(db)
    try:
        s = opslag.sessie_con(con, sessie_id)
        uit: dict[str, Any] = {"teller": opslag.teller(con, s["wijk_id"])}
        _gekozen, qr_groot = opslag.beamer_keuze(con, sessie_id)
        ronde = opslag.beamer_ronde(con, sessie_id)
        mensen = opslag.deelnemers(con, sessie_id)
        uit["wijk"] = s["wijk"]
        uit["qr_groot"] = qr_groot
        uit["groepen"] = [
            {
                "naam": g["naam"],
                "code": g["code"],
                "url": deelnemer_url(basis_url, g["code"]),
                "qr": qr_svg(
                    deelnemer_url(basis_url, g["code"]), "QR-code voor groep " + g["naam"]
                ),
            }
            for g in s["groepen"]
        ]
        uit["deelnemers"] = len(mensen)
        if ronde is None:
            uit["ronde"] = None
            return uit
        wie = antwoorders(con, sessie_id, ronde)
        nog_niet = [d for d in mensen if d["id"] not in wie]
        uit["ronde"] = {
            "id": ronde["id"],
            "volgorde": ronde["volgorde"],
            "titel": ronde["titel"],
            "soort": ronde["soort"],
            "status": ronde["status"],
            "vraag": vraag(ronde),
            "resterend": opslag.resterend(ronde) if ronde["status"] == "open" else None,
            "auto_sluiten": bool(ronde.get("auto_sluiten")),
            "antwoorden": aantal_antwoorden(con, ronde),
            "geantwoord": len(wie & {d["id"] for d in mensen}),
            "nog_niet": [d["naam"] for d in nog_niet] if s["namen_tonen"] else [],
        }
        uit["figuur"] = beamer_figuur(db, con, s, ronde)
        if ronde["soort"] in ("opgaven", "kansen"):
            paren = {k["id"]: k["titel"] for k in opslag.koppelingen(con, s["wijk_id"])}
            lijst = opslag.zichtbare_voorstellen(opslag.voorstellen(con, sessie_id, ronde["id"]))
            uit["voorstellen"] = [
                {
                    "tekst": v["tekst"],
                    "soort": v["soort"],
                    "paar": paren.get(v["koppeling_id"], "") if v["koppeling_id"] else "",
                    "aantal": len(v["indieners"]),
                }
                for v in reversed(lijst)
            ]
        return uit
    finally:
        con.close()
