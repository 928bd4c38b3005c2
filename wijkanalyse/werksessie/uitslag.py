"""A question round's result for the participants' phones, once the facilitator shows it
(as the scoring rounds' :func:`deelnemer.scores_samenvatting`): short escaped HTML lists that
fit a phone, computed from the round's answers without pandas or plotly, so a participant's
kernel stays light. Pairwise rounds use :mod:`ahp` (numpy) for the group's weights."""

from __future__ import annotations

from typing import Any

from ..core.nl_format import html_tekst as e
from . import vragen

KOP = "<h2>Resultaten van deze ronde</h2>"


def _nl(x: float, d: int = 1) -> str:
    return f"{x:.{d}f}".replace(".", ",")


def _personen(n: int) -> str:
    return f"{n} {'persoon' if n == 1 else 'personen'}"


def vraag_uitslag_html(
    ronde: dict[str, Any], onderwerpen: list[dict[str, Any]], antwoorden: list[dict[str, Any]]
) -> str:
    """The result of a question round (stemmen, 100 punten, paarsgewijs, 2×2) as HTML, for
    everyone in the round: ``antwoorden`` as :func:`vragen.antwoorden` gives them."""
    titels = {vragen.sleutel(o["soort"], o["id"]): o["titel"] for o in onderwerpen}
    rijen = [a for a in antwoorden if a["onderwerp"] in titels or "|" in a["onderwerp"]]
    mensen = len({a["deelnemer_id"] for a in rijen})
    if not mensen:
        return KOP + "<p>Nog geen antwoorden in deze ronde.</p>"
    maak = {
        "stemmen": _stemmen,
        "punten": _punten,
        "paarsgewijs": _paarsgewijs,
        "tweebijtwee": _tweebijtwee,
    }.get(ronde["soort"])
    if maak is None:
        return ""
    return KOP + maak(ronde, onderwerpen, titels, rijen, mensen)


def _stemmen(ronde, _onderwerpen, titels, rijen, mensen) -> str:
    telling = dict.fromkeys(titels, 0)
    for a in rijen:
        telling[a["onderwerp"]] += int(a["waarde"] or 0)
    volgorde = sorted(titels, key=lambda k: -telling[k])  # stable: the round's order on ties
    regels = "".join(f"<li>{e(titels[k])}: {telling[k]}</li>" for k in volgorde)
    return (
        f"<p>Stemmen per onderwerp, meeste bovenaan ({_personen(mensen)} stemden).</p>"
        f"<ol class='wa-uitslag'>{regels}</ol>"
    )


def _punten(_ronde, _onderwerpen, titels, rijen, mensen) -> str:
    som = dict.fromkeys(titels, 0.0)
    for a in rijen:
        som[a["onderwerp"]] += float(a["waarde"] or 0)
    regels = "".join(f"<li>{e(t)}: {_nl(som[k] / mensen)} punten</li>" for k, t in titels.items())
    return (
        f"<p>Gemiddeld aantal punten van de {vragen.PUNTEN_TOTAAL} ({_personen(mensen)}).</p>"
        f"<ul class='wa-uitslag'>{regels}</ul>"
    )


def _paarsgewijs(_ronde, onderwerpen, _titels, rijen, _mensen) -> str:
    from . import ahp

    ids = [o["id"] for o in onderwerpen if o["soort"] == "criterium"]
    naam = {o["id"]: o["titel"] for o in onderwerpen}
    plek = {c: i for i, c in enumerate(ids)}
    per: dict[int, dict[tuple[int, int], float]] = {}
    for a in rijen:
        links, rechts = (int(x.split(":")[1]) for x in a["onderwerp"].split("|"))
        if links in plek and rechts in plek:
            per.setdefault(a["deelnemer_id"], {})[(plek[links], plek[rechts])] = a["waarde"]
    nodig = len(ids) * (len(ids) - 1) // 2
    matrices = [ahp.matrix(len(ids), o) for o in per.values() if len(o) == nodig]
    if not matrices or len(ids) < 2:
        return "<p>Nog geen complete vergelijkingen in deze ronde.</p>"
    gew, cr = ahp.ahp(ahp.groepsmatrix(matrices))
    regels = "".join(
        f"<li>{e(naam[c])}: {_nl(g * 100)} %</li>" for c, g in zip(ids, gew, strict=True)
    )
    return (
        f"<p>Gewichten van de groep samen ({_personen(len(matrices))}; meetkundig gemiddelde), "
        f"consistentie-ratio {_nl(cr, 2)}.</p><ul class='wa-uitslag'>{regels}</ul>"
    )


def _tweebijtwee(ronde, _onderwerpen, titels, rijen, _mensen) -> str:
    inst = ronde.get("instellingen") or {}
    as_x = inst.get("as_x", vragen.STANDAARD_ASSEN[0])
    as_y = inst.get("as_y", vragen.STANDAARD_ASSEN[1])
    plaatsen: dict[str, list[tuple[float, float]]] = {}
    for a in rijen:
        if a["waarde"] is not None and a["waarde2"] is not None:
            plaatsen.setdefault(a["onderwerp"], []).append((a["waarde"], a["waarde2"]))
    regels = "".join(
        f"<li>{e(t)}: {e(as_x)} {_nl(sum(p[0] for p in plaatsen[k]) / len(plaatsen[k]))}, "
        f"{e(as_y)} {_nl(sum(p[1] for p in plaatsen[k]) / len(plaatsen[k]))} "
        f"({_personen(len(plaatsen[k]))})</li>"
        for k, t in titels.items()
        if k in plaatsen
    )
    return (
        f"<p>Gemiddelde plaats per onderwerp ({vragen.AS_MIN} = laag, {vragen.AS_MAX} = hoog)."
        f"</p><ul class='wa-uitslag'>{regels}</ul>"
    )
