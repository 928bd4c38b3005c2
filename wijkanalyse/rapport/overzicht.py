"""The programme's overview across wijken: the numbers per wijk and ``index.html``.

:func:`wijk_cijfers` computes one wijk's row (pure functions over the store's DataFrames);
the batch computes it next to the report and keeps it in the manifest, so a reused report
keeps its row without reading the wijk again. :func:`index_html` renders the sortable table
and a plot comparing the wijken, with the vendored plotly.js: offline like the reports.
"""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .. import afweging, besluitenlog, koppelingen, store, uitvoering
from ..core.nl_format import aantal, datum, getal, procent
from ..core.vocabulary import ACTIE_STATUSSEN, NIVEAUS, TRANSITIES

TRANSITIE_KLEUR = {
    "energie": "#c94f00",
    "klimaatadaptatie": "#0b6bb0",
    "natuurinclusiviteit": "#2e7d32",
    "mobiliteit": "#6a3d9a",
    "verstedelijking": "#8c564b",
    "sociaaleconomisch": "#c2185b",
    "overig": "#616161",
}


def wijk_cijfers(db: str | Path, wijk: str) -> dict[str, Any]:
    """One wijk's numbers for the overview (JSON-safe: kept in the reports' manifest)."""
    info = store.wijk(db, wijk)
    o = store.opgaven(db, wijk)
    k = store.koppelingen(db, wijk)
    it = store.items(db, wijk)
    sc = store.scores(db, wijk)
    crit = store.criteria(db, wijk)
    bes = store.besluiten(db, wijk)

    per_transitie = {t: int((o["transitie"] == t).sum()) for t in TRANSITIES}
    per_niveau = {n: int((k["niveau"] == n).sum()) for n in NIVEAUS}
    ov = koppelingen.paar_overzicht(o, k, it)
    overwogen = ov[ov["status"] != koppelingen.STATUS_NIET_OVERWOGEN]
    ingevuld = int((overwogen["status"] == koppelingen.STATUS_INGEVULD).sum())

    titels = dict(zip(o["id"].astype(int), o["titel"], strict=True))
    paren = {
        int(r.id): f"{titels.get(int(r.opgave_a), '?')} × {titels.get(int(r.opgave_b), '?')}"
        for r in k.itertuples()
    }
    top: list[str] = []
    volledig = 0
    if not sc.empty and not crit.empty:
        # the wijk's own completeness rule, as in its report: a koppeling that is not fully
        # scored there is no top koppeling here either
        k_ = store.kader(db, wijk)
        regel = afweging.Volledigheidsregel(k_["min_groepen"], tuple(k_["vereiste_groepen"]))
        # and the scores its report counts: per person the latest werksessie round
        tot = afweging.totalen(afweging.kies_rondes(sc), crit, regel=regel)
        volledig = int(tot["volledig"].astype(bool).sum())
        top = [paren.get(int(i), f"koppeling {i}") for i in afweging.top_koppelingen(tot)[
            "onderwerp_id"
        ]]  # fmt: skip
    onderwerpen = sc[["onderwerp_soort", "onderwerp_id"]].drop_duplicates() if len(sc) else sc
    data_datums = [str(x)[:10] for x in [*sc.get("moment", []), *bes.get("datum", [])] if x]
    return {
        "wijk": info["naam"],
        "gemeente": info["gemeente"] or "",
        "inwoners": None if pd.isna(info["inwoners"]) else int(info["inwoners"]),
        "fictief": bool(info["fictief"]),
        "opgaven": len(o),
        "per_transitie": per_transitie,
        "koppelingen": len(k),
        "per_niveau": per_niveau,
        "paren_overwogen": len(overwogen),
        "paren_ingevuld": ingevuld,
        "onderwerpen": len(o) + len(k),
        "gescoord": len(onderwerpen),
        "volledig_gescoord": volledig,
        "groepen": int(sc["groep"].nunique()) if len(sc) else 0,
        "top3": top,
        "gekozen_opgaven": len(besluitenlog.gekozen_opgave_ids(bes)),
        "data_datum": max(data_datums) if data_datums else "",
        "uitvoering": uitvoering_cijfers(db, wijk),
    }


def uitvoering_cijfers(db: str | Path, wijk: str, vandaag: date | None = None) -> dict[str, Any]:
    """The progress of a wijk's uitvoering: acties per status, their mean voortgang (None
    without any) and the number of signals on ``vandaag`` (default today), per kind."""
    g = store.uitvoering_gegevens(db, wijk)
    s = uitvoering.signalen(vandaag=vandaag or date.today(), **g)
    v = uitvoering.voortgang_per_wijk(g["acties"], s)
    r = v.iloc[0] if len(v) else None
    return {
        "per_status": {k: int(r[k]) if r is not None else 0 for k in ACTIE_STATUSSEN},
        "acties": int(r["acties"]) if r is not None else 0,
        "voortgang": None if r is None or pd.isna(r["voortgang"]) else int(r["voortgang"]),
        "signalen": len(s),
        "per_signaal": {k: int(n) for k, n in s["soort"].value_counts().items()},
    }


def uitvoering_tekst(u: dict[str, Any] | None) -> str:
    """The overview's cell for :func:`uitvoering_cijfers` (escaped HTML).

    >>> uitvoering_tekst({"per_status": {"gepland": 2, "loopt": 1, "gereed": 0,
    ...     "vervallen": 0}, "acties": 3, "voortgang": 20, "signalen": 1})
    '<strong>3 acties</strong><br>gepland&nbsp;2<br>loopt&nbsp;1<br>gemiddeld 20%<br>1 signaal'
    """
    if not u:
        return "–"
    if not u["acties"]:
        delen = ["nog geen acties"]
    else:
        delen = [f"<strong>{aantal(u['acties'], 'actie', 'acties')}</strong>"]
        delen += [_lijst(u["per_status"])]
        if u.get("voortgang") is not None:
            delen.append(f"gemiddeld {u['voortgang']}%")
    delen.append(aantal(u["signalen"], "signaal", "signalen"))
    return "<br>".join(delen)


# ------------------------------------------------------------------------------ the page


def _td(tekst: str, sleutel: object = None, *, klasse: str = "") -> str:
    s = "" if sleutel is None else f' data-sleutel="{html.escape(str(sleutel))}"'
    k = f' class="{klasse}"' if klasse else ""
    return f"<td{s}{k}>{tekst}</td>"


def _lijst(d: dict[str, int]) -> str:
    delen = [f"{html.escape(n)}&nbsp;{v}" for n, v in d.items() if v]
    return "<br>".join(delen) or "–"


KOLOMMEN = [
    ("Wijk", "tekst"),
    ("Gemeente", "tekst"),
    ("Inwoners", "getal"),
    ("Opgaven per transitie", "getal"),
    ("Koppelingen per niveau", "getal"),
    ("Paren ingevuld", "getal"),
    ("Gescoord", "getal"),
    ("Top drie koppelingen", "tekst"),
    ("Uitvoering", "getal"),
    ("Laatste wijziging", "tekst"),
    ("Rapport", "tekst"),
]


def _rij(r: dict[str, Any]) -> str:
    c = r.get("cijfers") or {}
    naam = html.escape(r["wijk"])
    fictief = ' <span class="klein">(fictief voorbeeld)</span>' if r.get("fictief") else ""
    cellen = [_td(naam + fictief, r["wijk"].lower()), _td(html.escape(r["gemeente"]), None)]
    inw = r.get("inwoners")
    cellen.append(_td(getal(inw) if inw is not None else "onbekend", -1 if inw is None else inw))
    if c:
        cellen.append(_td(f"<strong>{c['opgaven']}</strong><br>{_lijst(c['per_transitie'])}",
                          c["opgaven"]))  # fmt: skip
        cellen.append(_td(f"<strong>{c['koppelingen']}</strong><br>{_lijst(c['per_niveau'])}",
                          c["koppelingen"]))  # fmt: skip
        aandeel = c["paren_ingevuld"] / c["paren_overwogen"] if c["paren_overwogen"] else None
        tekst = (
            f"{procent(aandeel)} ({c['paren_ingevuld']} van {c['paren_overwogen']})"
            if aandeel is not None
            else "nog geen paren"
        )
        cellen.append(_td(tekst, -1 if aandeel is None else round(aandeel, 4)))
        groepen = aantal(c["groepen"], "groep", "groepen")
        tekst = f"{c['gescoord']} van {c['onderwerpen']} onderwerpen, door {groepen}"
        if "volledig_gescoord" in c:  # rows kept from before this count existed lack it
            tekst += f"; volledig gescoord: {c['volledig_gescoord']}"
        cellen.append(_td(tekst, c["gescoord"]))
        top = "".join(f"<li>{html.escape(t)}</li>" for t in c["top3"])
        leeg = "nog geen koppeling volledig gescoord" if c["gescoord"] else "nog niet gescoord"
        cellen.append(_td(f"<ol>{top}</ol>" if top else leeg, len(c["top3"])))
    if c:
        u = c.get("uitvoering")  # rows kept from before the uitvoering existed lack it
        cellen.append(_td(uitvoering_tekst(u), u["acties"] if u else -1))
    else:
        cellen += [_td("–", -1) for _ in range(6)]
    gewijzigd = r.get("laatste_wijziging") or ""
    cellen.append(_td(datum(gewijzigd) or "onbekend", gewijzigd))
    if r["status"] == "mislukt":
        cellen.append(
            _td(f'<span class="mislukt">Mislukt: {html.escape(r.get("fout", ""))}</span>'
                + (f'<br><a href="{html.escape(r["slug"])}.html">vorige versie</a>'
                   if r.get("vorige") else ""), "0", klasse="rij-mislukt")
        )  # fmt: skip
    elif r["status"] == "ontbreekt":
        cellen.append(_td("nog niet gemaakt", "0"))
    else:
        cellen.append(
            _td(f'<a href="{html.escape(r["slug"])}.html">rapport {naam}</a>'
                f'<br><span class="klein">gemaakt {html.escape(datum(r["gemaakt_op"]))}</span>',
                "1" + str(r["gemaakt_op"]))
        )  # fmt: skip
    return "<tr>" + "".join(cellen) + "</tr>"


def vergelijk_figuur(rijen: list[dict[str, Any]]) -> dict[str, Any]:
    """Plotly figure (dict): opgaven per transitie per wijk, stacked, wijken side by side."""
    met = [r for r in rijen if r.get("cijfers")]
    namen = [r["wijk"] for r in met]
    data = []
    for t in TRANSITIES:
        y = [r["cijfers"]["per_transitie"].get(t, 0) for r in met]
        if any(y):
            data.append(
                {
                    "type": "bar",
                    "name": t,
                    "y": namen,
                    "x": y,
                    "orientation": "h",
                    "marker": {"color": TRANSITIE_KLEUR[t]},
                    "hovertemplate": "%{y}: %{x} opgaven " + t + "<extra></extra>",
                }
            )
    hoogte = max(340, 28 * len(namen) + 200)
    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "height": hoogte,
            "title": {"text": "Opgaven per transitie, per wijk"},
            "xaxis": {"title": {"text": "aantal opgaven"}},
            "yaxis": {"autorange": "reversed", "automargin": True},
            "legend": {
                "orientation": "h",
                "y": 1.0,
                "yanchor": "bottom",
                "x": 0,
                "traceorder": "normal",
            },
            "margin": {"l": 10, "r": 10, "t": 100, "b": 60},
        },
    }


_SORTEER_JS = """
document.querySelectorAll('table.sorteerbaar th button').forEach(function (knop) {
  knop.addEventListener('click', function () {
    var th = knop.closest('th'), tabel = th.closest('table'), kol = th.cellIndex;
    var soort = th.getAttribute('data-soort');
    var op = th.getAttribute('aria-sort') !== 'ascending';
    tabel.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', op ? 'ascending' : 'descending');
    var body = tabel.tBodies[0], rijen = Array.prototype.slice.call(body.rows);
    rijen.sort(function (a, b) {
      var x = a.cells[kol].getAttribute('data-sleutel') || a.cells[kol].textContent;
      var y = b.cells[kol].getAttribute('data-sleutel') || b.cells[kol].textContent;
      var v = soort === 'getal' ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, 'nl');
      return op ? v : -v;
    });
    rijen.forEach(function (r) { body.appendChild(r); });
  });
});
"""

CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1400px;padding:0 1em;
color:#1b1b1b}
table{border-collapse:collapse;width:100%;font-size:.92em}
td,th{padding:.35em .6em;border-bottom:1px solid #ccc;vertical-align:top;text-align:left}
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer;
text-align:left;color:#1b1b1b}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
td ol{margin:0;padding-left:1.2em}
.klein{font-size:.85em;color:#444}
.mislukt{color:#a80000;font-weight:600}
.samenvatting{background:#f3f3f3;padding:.6em 1em;border-left:4px solid #005a9e}
.samenvatting.fout{border-left-color:#a80000}
.fictief{background:#fff4ce;border-left:4px solid #d29200;padding:.6em 1em}
@media print{.plotly-graph-div{display:none}th button::after{content:""}
table{font-size:8pt}tr{break-inside:avoid}a{color:inherit}}
"""


def pagina_begin(onderwerp: str, in_kop: str = "", onder_titel: str = "") -> str:
    """The start of a workspace page (overview, lessons) up to its header: the title
    "Wijkanalyse: ``onderwerp``" in the tab and as h1, :data:`CSS`, then ``in_kop`` in the
    head (e.g. a script) and ``onder_titel`` in the header below the h1."""
    titel = f"Wijkanalyse: {onderwerp}"
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titel}</title>
<style>{CSS}</style>
{in_kop}</head><body>
<header><h1>{titel}</h1>{onder_titel}</header>"""


def index_html(
    rijen: list[dict[str, Any]], *, werkruimte: str, gemaakt_op: str, plotly_js: str
) -> str:
    """The overview page. ``rijen``: per wijk the manifest entry (status, slug, fout,
    gemaakt_op, laatste_wijziging, cijfers) plus wijk, gemeente, inwoners, fictief."""
    from .html import script_veilig

    n_mislukt = sum(r["status"] == "mislukt" for r in rijen)
    samenvatting = (
        f'<p class="samenvatting{" fout" if n_mislukt else ""}">{len(rijen)} wijken'
        + (f", waarvan <strong>{n_mislukt} zonder actueel rapport</strong> (mislukt)"
           if n_mislukt else "")
        + f". Werkruimte <code>{html.escape(werkruimte)}</code>, overzicht gemaakt op "
        f"{html.escape(gemaakt_op)}.</p>"
    )  # fmt: skip
    fictief = (
        '<p class="fictief"><strong>Let op:</strong> bij demowijken zijn alleen naam, gemeente, '
        "inwonertal en CBS-cijfers echt; opgaven, koppelingen, scores, besluiten, acties en "
        "terugblikken zijn verzonnen.</p>"
        if any(r.get("fictief") for r in rijen)
        else ""
    )
    kop = "".join(
        f'<th scope="col" data-soort="{s}"><button type="button">{html.escape(n)}</button></th>'
        for n, s in KOLOMMEN
    )
    figuur = vergelijk_figuur(rijen)
    payload = ", ".join(
        script_veilig(json.dumps(x))
        for x in (
            figuur["data"],
            {"separators": ",.", **figuur["layout"]},
            {"displaylogo": False, "responsive": True, "showSendToCloud": False},
        )
    )
    plot = (
        '<figure><div id="vergelijking" class="plotly-graph-div"></div>'
        "<figcaption>Staafdiagram: het aantal opgaven per transitie voor elke wijk met een "
        "rapport. De tabel hierboven geeft dezelfde aantallen.</figcaption>"
        f'<script>Plotly.newPlot("vergelijking", {payload});</script></figure>'
        if figuur["data"]
        else ""
    )
    begin = pagina_begin("overzicht van de wijken", f"<script>{plotly_js}</script>\n")
    return f"""{begin}
<main>
{samenvatting}{fictief}
<p>Per wijk de stand van de analyse en een link naar het rapport. Elk rapport is één
HTML-bestand dat zonder internet werkt. Klik op een kolomkop om te sorteren.
<a href="lessen.html">Lessen uit de wijken</a>: welke koppelingen het vaakst gekozen zijn,
welke afvielen en waarom, en welke interventies terugkomen.</p>
<table class="sorteerbaar"><caption class="klein">Stand per wijk</caption>
<thead><tr>{kop}</tr></thead>
<tbody>{"".join(_rij(r) for r in rijen)}</tbody></table>
<h2>De wijken vergeleken</h2>
{plot or "<p>Nog geen opgaven om te vergelijken.</p>"}
</main>
<script>{_SORTEER_JS}</script>
</body></html>"""
