"""The programme overview's page "lessen" (``lessen.html`` next to ``index.html``).

From :func:`wijkanalyse.leren.lessen`: the couplings most often chosen, most often dropped
(with each wijk's reason from its besluit) and the interventies that recur in several
wijken. One offline HTML page in the overview's look; every text from the data escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .. import leren, store
from .overzicht import pagina_begin

_E = html.escape


def _wijken(namen: list[str]) -> str:
    return ", ".join(_E(n) for n in namen)


def _koppelingen(namen: list[str], n: int = 5) -> str:
    meer = f" <em>en nog {len(namen) - n}</em>" if len(namen) > n else ""
    return "<br>".join(_E(k) for k in namen[:n]) + meer


def _tabel(caption: str, koppen: list[str], rijen: list[list[str]], leeg: str) -> str:
    if not rijen:
        return f"<p><em>{_E(leeg)}</em></p>"
    kop = "".join(f'<th scope="col">{_E(k)}</th>' for k in koppen)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rijen)
    return (
        f'<table><caption class="klein">{_E(caption)}</caption>'
        f"<thead><tr>{kop}</tr></thead><tbody>{body}</tbody></table>"
    )


def lessen_html(
    lessen: dict[str, Any], *, werkruimte: str, gemaakt_op: str, fictief: bool = False
) -> str:
    """The page. ``lessen``: :func:`wijkanalyse.leren.lessen`'s answer."""
    gekozen = [
        [_E(les.label), str(len(les.gekozen)), str(les.koppelingen), _wijken(les.gekozen)]
        for les in lessen["gekozen"]
    ]
    niet = [
        [
            _E(les.label),
            str(len(les.niet_gekozen)),
            "<ul>"
            + "".join(f"<li><strong>{_E(w)}</strong>: {_E(r)}</li>" for w, r in les.niet_gekozen)
            + "</ul>",
        ]
        for les in lessen["niet_gekozen"]
    ]
    terug = [
        [
            _E(d["tekst"]),
            str(len(d["wijken"])),
            _wijken(d["wijken"]),
            _koppelingen(d["koppelingen"]),
        ]
        for d in lessen["interventies"]
    ]
    let_op = (
        '<p class="fictief"><strong>Let op:</strong> bij demowijken zijn opgaven, koppelingen, '
        "besluiten en interventies verzonnen.</p>"
        if fictief
        else ""
    )
    terug_link = '\n<p><a href="index.html">Terug naar het overzicht van de wijken</a></p>'
    return f"""{pagina_begin("lessen uit de wijken", onder_titel=terug_link)}
<main>
<p class="samenvatting">Werkruimte <code>{_E(werkruimte)}</code>, gemaakt op
{_E(gemaakt_op)}. Koppelingen zijn dezelfde als hun opgaven dezelfde voorbeeldopgave uit de
catalogus zijn, of binnen dezelfde transitie een gelijkende titel hebben (zie
<code>wijkanalyse.leren</code>); telt het laatste besluit per koppeling.</p>
{let_op}
<h2>Koppelingen die het vaakst gekozen zijn</h2>
{
        _tabel(
            "Gekozen koppelingen",
            ["Koppeling", "Gekozen in", "Koppeling in", "Wijken"],
            gekozen,
            "Nog geen koppeling gekozen.",
        )
    }
<h2>Koppelingen die het vaakst afvielen, en waarom</h2>
{
        _tabel(
            "Niet gekozen koppelingen",
            ["Koppeling", "Afgevallen in", "Waarom (per wijk)"],
            niet,
            "Nog geen koppeling afgevallen.",
        )
    }
<h2>Interventies die terugkomen</h2>
{
        _tabel(
            "Interventies in meer dan één wijk",
            ["Interventie", "Wijken", "Welke", "Bij koppelingen"],
            terug,
            "Nog geen interventie die in meer dan één wijk voorkomt.",
        )
    }
</main>
</body></html>"""


def schrijf_lessen(uitvoer: Path, db: Path | str, *, werkruimte: str, gemaakt_op: str) -> Path:
    """Write ``lessen.html`` for the workspace ``db`` into ``uitvoer``."""
    from .bestanden import schrijf_atomair

    data = store.werkruimte_paren(db)
    index = leren.bouw_index(data, "")
    pagina = lessen_html(
        leren.lessen(index),
        werkruimte=werkruimte,
        gemaakt_op=gemaakt_op,
        fictief=bool(data["wijken"]["fictief"].astype(bool).any()),
    )
    p = uitvoer / "lessen.html"
    schrijf_atomair(p, pagina)
    return p
