"""The report's Uitvoering block and the programme overview show progress per wijk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wijkanalyse import store
from wijkanalyse.model import open_wijk
from wijkanalyse.rapport import overzicht
from wijkanalyse.sections import uitvoering as sections_uitvoering

VANDAAG = date(2027, 3, 1)


def test_rapport_en_overzicht_tonen_de_voortgang(werkruimte: Path) -> None:
    k = store.koppelingen(werkruimte, "Laak")
    kid = int(k["id"].iloc[0])
    store.leg_besluit_vast(
        werkruimte, "Laak", "koppeling", kid, "gekozen", "Samen", datum="2025-01-01"
    )
    ids = store.maak_acties_uit_besluiten(werkruimte, "Laak")
    store.werk_actie_bij(
        werkruimte, ids[0], "Gestart", status="loopt", voortgang=50, datum="2026-05-01"
    )
    store.voeg_terugblik_toe(werkruimte, "Laak", datum="2026-06-01", geleerd="Eerder beginnen")
    n = len(ids)

    html = sections_uitvoering.uitvoering_sectie(open_wijk("Laak", str(werkruimte)), VANDAAG).data
    assert f"{n} acties: {n - 1} gepland, 1 loopt, 0 gereed, 0 vervallen" in html
    assert "wa-acties" in html and "50%" in html
    assert "Terugblik van 01-06-2026" in html and "Eerder beginnen" in html
    assert "<h3>Signalen</h3>" in html and "<h3>Bedreigingen in de gaten houden</h3>" in html

    u = overzicht.uitvoering_cijfers(werkruimte, "Laak", VANDAAG)
    assert (
        u["acties"] == n and u["per_status"]["loopt"] == 1 and u["per_status"]["gepland"] == n - 1
    )
    assert u["voortgang"] == round(50 / n)
    leeg = overzicht.uitvoering_cijfers(werkruimte, "Selwerd", VANDAAG)
    assert leeg["acties"] == 0 and leeg["voortgang"] is None

    cijfers = overzicht.wijk_cijfers(werkruimte, "Laak")
    rij = {
        "wijk": "Laak", "gemeente": "Den Haag", "inwoners": 40795, "fictief": True,
        "status": "gemaakt", "slug": "laak", "gemaakt_op": "2027-03-01T10:00:00",
        "laatste_wijziging": "2027-03-01", "cijfers": cijfers,
    }  # fmt: skip
    oud = {**rij, "wijk": "Selwerd", "slug": "selwerd", "cijfers": {**cijfers}}
    del oud["cijfers"]["uitvoering"]  # a row kept from before the uitvoering: no error
    pagina = overzicht.index_html([rij, oud], werkruimte="w", gemaakt_op="nu", plotly_js="")
    assert ">Uitvoering</button>" in pagina
    assert f"<strong>{n} acties</strong><br>gepland&nbsp;{n - 1}<br>loopt&nbsp;1" in pagina
