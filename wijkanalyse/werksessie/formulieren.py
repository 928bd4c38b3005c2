"""The participant's answer forms for the question types (stemmen, 100 punten, paarsgewijs,
2×2). ipywidgets and the werksessie's small modules only (no pandas, no plotly): phones'
kernels stay small. Dots and places are saved at each click; points and pairwise judgements
as a whole, with one button, because only the whole answer makes sense.

Each builder takes the participant's page (its ``db``, ``sessie_id``, ``deelnemer``, ``con``,
``wachter`` and ``volgende()``) and returns the widgets for the open round.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..core.errors import WijkanalyseFout
from . import vragen

CSS = """<style>
.wa-ws .wa-vraag .widget-label { white-space: normal; overflow: visible; width: auto;
  max-width: 100%; min-width: 0; }
.wa-ws .wa-paar .widget-dropdown { flex-wrap: wrap; }
.wa-ws .wa-paar .widget-dropdown > select { flex: 1 1 100%; min-height: 2.6em; }
.wa-ws .wa-punten input { max-width: 6em; font-size: 1.1em; min-height: 2.2em; }
.wa-ws .wa-som { font-weight: bold; margin: .3em 0; }
.wa-ws .wa-stem .widget-toggle-button.mod-active { background: #003d6b; color: #fff;
  border: 3px solid #000; font-weight: bold; }
.wa-ws .wa-stem .widget-toggle-button { background: #fff; color: #1a1a1a;
  border: 2px solid #5a5a5a; }
.wa-ws .wa-stem .widget-toggle-button.mod-active::before { content: "✓"; }
</style>"""


def e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _ok(status: w.HTML, tekst: str, pagina: Any) -> None:
    status.value = (
        f'<span class="wa-ok" role="status" data-n="{pagina.volgende()}">✓ {e(tekst)}</span>'
    )


def _fout(status: w.HTML, tekst: str, pagina: Any) -> None:
    status.value = (
        f'<span class="wa-fout" role="alert" data-n="{pagina.volgende()}">Niet opgeslagen: '
        f"{e(tekst)}</span>"
    )


def _opgeslagen(
    pagina: Any, status: w.HTML, opslaan: Callable[..., None], ronde: dict, *antwoord: Any
) -> bool:
    """Save this page's participant's answer in ``ronde`` through ``opslaan``
    (:func:`vragen.zet_antwoord` or :func:`vragen.zet_antwoorden`); a refusal is shown in
    ``status``. True when saved."""
    try:
        opslaan(pagina.db, pagina.deelnemer["token"], pagina.sessie_id, ronde["id"], *antwoord)
    except WijkanalyseFout as ex:
        _fout(status, str(ex), pagina)
        return False
    return True


def _status() -> w.HTML:
    uit = w.HTML()
    uit.add_class("wa-vraag-status")
    return uit


def _kaart(delen: list[w.Widget], *klassen: str) -> w.VBox:
    kaart = w.VBox(delen)
    for k in ("wa-kaart", "wa-vraag", *klassen):
        kaart.add_class(k)
    return kaart


def _mijn(pagina: Any, ronde: dict[str, Any]) -> dict[str, tuple]:
    return vragen.mijn_antwoorden(pagina.con, pagina.deelnemer, ronde["id"])


def _klaar(pagina: Any) -> None:
    if pagina.wachter:
        pagina.wachter.bijgewerkt()


# --------------------------------------------------------------------------- stemmen


def stemmen(pagina: Any, ronde: dict[str, Any], onderwerpen: list[dict]) -> list[w.Widget]:
    inst = ronde["instellingen"]
    stippen = inst.get("modus") == "stippen"
    totaal = int(inst.get("stippen", 1)) if stippen else 0
    mijn = {k: int(v[0] or 0) for k, v in _mijn(pagina, ronde).items()}
    over = w.HTML()
    over.add_class("wa-som")

    def toon_over() -> None:
        if stippen:
            rest = totaal - sum(mijn.values())
            over.value = (
                f'<p role="status">U heeft {totaal} stippen; nog <strong>{rest}</strong> over.</p>'
            )
        else:
            over.value = (
                f'<p role="status">Geef een duimpje aan wat u steunt ({sum(mijn.values())} '
                "gegeven).</p>"
            )

    toon_over()
    uitleg = (
        f"Verdeel uw {totaal} stippen over de onderwerpen die u het belangrijkst vindt; "
        "meer stippen op één onderwerp mag."
        if stippen
        else "Geef een duimpje aan elk onderwerp dat u steunt."
    )
    delen: list[w.Widget] = [w.HTML(f"<h2>{e(ronde['titel'])}</h2><p>{e(uitleg)}</p>"), over]
    for o in onderwerpen:
        k = vragen.sleutel(o["soort"], o["id"])
        opties = [(str(i), i) for i in range(totaal + 1)] if stippen else [("Nee", 0), ("👍 Ja", 1)]
        knoppen = w.ToggleButtons(
            options=opties, value=mijn.get(k, 0), style={"button_width": "3em"} if stippen else {}
        )
        knoppen.add_class("wa-stem")
        status = _status()
        vast = {"bezig": False}

        def bewaar(change, k=k, knoppen=knoppen, status=status, vast=vast, titel=o["titel"]):
            if vast["bezig"] or change["new"] is None:
                return
            if not _opgeslagen(pagina, status, vragen.zet_antwoord, ronde, k, change["new"]):
                vast["bezig"] = True
                try:
                    knoppen.value = change["old"]
                finally:
                    vast["bezig"] = False
                return
            mijn[k] = int(change["new"])
            wat = (
                f"{change['new']} {'stip' if change['new'] == 1 else 'stippen'}"
                if stippen
                else ("duimpje" if change["new"] else "geen duimpje")
            )
            _ok(status, f"{wat} voor {titel} opgeslagen", pagina)
            toon_over()
            _klaar(pagina)

        knoppen.observe(bewaar, "value")
        soort = {"voorstel": "Voorstel", "koppeling": "Koppeling", "opgave": "Opgave"}[o["soort"]]
        delen += [w.HTML(f"<h3>{soort}: {e(o['titel'])}</h3>"), knoppen, status]
    return [_kaart(delen, "wa-stemmen")]


# --------------------------------------------------------------------------- gewichten


def punten(pagina: Any, ronde: dict[str, Any], onderwerpen: list[dict]) -> list[w.Widget]:
    mijn = _mijn(pagina, ronde)
    velden: dict[str, w.BoundedIntText] = {}
    som = w.HTML()
    som.add_class("wa-som")
    status = _status()

    def toon_som(_c=None) -> None:
        n = sum(int(v.value or 0) for v in velden.values())
        rest = vragen.PUNTEN_TOTAAL - n
        extra = (
            "precies goed"
            if rest == 0
            else f"nog {rest} te verdelen"
            if rest > 0
            else f"{-rest} te veel"
        )
        som.value = (
            f'<p role="status">Samen: <strong>{n}</strong> van {vragen.PUNTEN_TOTAAL} ({extra})</p>'
        )

    for o in onderwerpen:
        k = vragen.sleutel("criterium", o["id"])
        veld = w.BoundedIntText(
            value=int((mijn.get(k) or (0,))[0] or 0),
            min=0,
            max=vragen.PUNTEN_TOTAAL,
            description=o["titel"],
            style={"description_width": "initial"},
        )
        veld.observe(toon_som, "value")
        velden[k] = veld
    toon_som()
    knop = w.Button(description="Verdeling opslaan", button_style="primary")
    knop.add_class("wa-opslaan")

    def bewaar(_b) -> None:
        verdeling = {k: v.value for k, v in velden.items()}
        if not _opgeslagen(pagina, status, vragen.zet_antwoorden, ronde, verdeling):
            return
        _ok(status, "Uw verdeling is opgeslagen", pagina)
        _klaar(pagina)

    knop.on_click(bewaar)
    kop = w.HTML(
        f"<h2>{e(ronde['titel'])}</h2><p>Verdeel {vragen.PUNTEN_TOTAAL} punten over de "
        "criteria: hoe belangrijker, hoe meer punten.</p>"
    )
    return [_kaart([kop, *velden.values(), som, knop, status], "wa-punten")]


def _paar_opties(a: str, b: str) -> list[tuple[str, float | None]]:
    opties: list[tuple[str, float | None]] = [("— kies —", None)]
    opties += [(f"{a}: {k}× zo belangrijk", float(k)) for k in range(9, 1, -1)]
    opties.append(("Even belangrijk", 1.0))
    opties += [(f"{b}: {k}× zo belangrijk", 1.0 / k) for k in range(2, 10)]
    return opties


def paarsgewijs(pagina: Any, ronde: dict[str, Any], onderwerpen: list[dict]) -> list[w.Widget]:
    mijn = _mijn(pagina, ronde)
    naam = {o["id"]: o["titel"] for o in onderwerpen}
    keuzes: dict[str, w.Dropdown] = {}
    for a, b in vragen.paren([o["id"] for o in onderwerpen]):
        k = vragen.paar_sleutel(a, b)
        opties = _paar_opties(naam[a], naam[b])
        oud = (mijn.get(k) or (None,))[0]
        waarde = next(
            (v for _l, v in opties if v is not None and oud is not None and abs(v - oud) < 1e-9),
            None,
        )
        keuzes[k] = w.Dropdown(
            options=opties,
            value=waarde,
            description=f"{naam[a]} tegenover {naam[b]}",
            style={"description_width": "initial"},
            layout={"width": "100%"},
        )
        keuzes[k].add_class("wa-oordeel")
    status = _status()
    uitkomst = w.HTML()
    knop = w.Button(description="Vergelijkingen opslaan", button_style="primary")
    knop.add_class("wa-opslaan")

    def toon_uitkomst() -> None:
        from . import ahp  # numpy: only once the participant has a complete answer

        ids = [o["id"] for o in onderwerpen]
        plek = {c: i for i, c in enumerate(ids)}
        oordelen = {}
        for k, d in keuzes.items():
            x, y = (int(s.split(":")[1]) for s in k.split("|"))
            oordelen[(plek[x], plek[y])] = d.value
        gew, cr = ahp.ahp(ahp.matrix(len(ids), oordelen))
        regels = "".join(
            f"<li>{e(naam[c])}: {f'{g * 100:.1f}'.replace('.', ',')} %</li>"
            for c, g in zip(ids, gew, strict=True)
        )
        cr_tekst = f"{cr:.2f}".replace(".", ",")
        hint = (
            f"<p class='wa-hint' role='status'>{e(ahp.CR_HINT.format(cr=cr_tekst))}</p>"
            if cr > ahp.CR_GRENS
            else f"<p>Consistentie-ratio {cr_tekst} (goed: 0,10 of lager).</p>"
        )
        uitkomst.value = f"<h3>Uw gewichten</h3><ul class='wa-uitslag'>{regels}</ul>{hint}"

    def bewaar(_b) -> None:
        ingevuld = {k: d.value for k, d in keuzes.items() if d.value is not None}
        if not _opgeslagen(pagina, status, vragen.zet_antwoorden, ronde, ingevuld):
            return
        _ok(status, "Uw vergelijkingen zijn opgeslagen", pagina)
        toon_uitkomst()
        _klaar(pagina)

    knop.on_click(bewaar)
    if keuzes and all(d.value is not None for d in keuzes.values()):
        toon_uitkomst()
    kop = w.HTML(
        f"<h2>{e(ronde['titel'])}</h2><p>Vergelijk de criteria twee aan twee: welke is "
        "belangrijker, en hoeveel keer? Kies per paar en sla alles samen op.</p>"
    )
    return [_kaart([kop, *keuzes.values(), knop, status, uitkomst], "wa-paar")]


# --------------------------------------------------------------------------- 2×2


def tweebijtwee(pagina: Any, ronde: dict[str, Any], onderwerpen: list[dict]) -> list[w.Widget]:
    inst = ronde["instellingen"]
    assen = (
        inst.get("as_x", vragen.STANDAARD_ASSEN[0]),
        inst.get("as_y", vragen.STANDAARD_ASSEN[1]),
    )
    mijn = _mijn(pagina, ronde)
    delen: list[w.Widget] = [
        w.HTML(
            f"<h2>{e(ronde['titel'])}</h2><p>Geef elk onderwerp een plaats op "
            f"<strong>{e(assen[0])}</strong> en op <strong>{e(assen[1])}</strong> "
            f"({vragen.AS_MIN} = laag, {vragen.AS_MAX} = hoog).</p>"
        )
    ]
    kaarten: list[w.Widget] = []
    for o in onderwerpen:
        k = vragen.sleutel(o["soort"], o["id"])
        oud = mijn.get(k, (None, None))
        status = _status()
        rij: list[w.Widget] = [w.HTML(f"<h3>{e(o['titel'])}</h3>")]
        for as_nr, as_naam in enumerate(assen):
            knoppen = w.ToggleButtons(
                options=[str(i) for i in range(vragen.AS_MIN, vragen.AS_MAX + 1)],
                value=None if oud[as_nr] is None else str(int(oud[as_nr])),
                style={"button_width": "2.5em"},
            )
            knoppen.add_class("wa-schaal")
            knoppen.add_class(f"wa-as-{as_nr + 1}")

            def bewaar(change, k=k, as_nr=as_nr, as_naam=as_naam, status=status, t=o["titel"]):
                if change["new"] is None:
                    return
                x, y = (int(change["new"]), None) if as_nr == 0 else (None, int(change["new"]))
                if not _opgeslagen(pagina, status, vragen.zet_antwoord, ronde, k, x, y):
                    return
                _ok(status, f"{as_naam} {change['new']} voor {t} opgeslagen", pagina)
                _klaar(pagina)

            knoppen.observe(bewaar, "value")
            rij += [w.HTML(f"<strong>{e(as_naam)}</strong>"), knoppen]
        rij.append(status)
        kaarten.append(_kaart(rij, "wa-plaats"))
    return [_kaart(delen, "wa-tweebijtwee-uitleg"), *kaarten]


FORMULIEREN: dict[str, Callable[[Any, dict[str, Any], list[dict]], list[w.Widget]]] = {
    "stemmen": stemmen,
    "punten": punten,
    "paarsgewijs": paarsgewijs,
    "tweebijtwee": tweebijtwee,
}
