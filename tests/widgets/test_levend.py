"""Plots and tables follow the data: redrawn after an edit or import, and after picking another
wijk in the picker (no code to edit)."""

from __future__ import annotations

import json

from wijkanalyse import sections
from wijkanalyse.model import WijkModel
from wijkanalyse.widgets.inventarisatie import InventarisatieView
from wijkanalyse.widgets.levend import Levend, WijkKiezer


def _json(fig) -> str:
    return json.dumps(fig.to_plotly_json(), default=str)


def test_tijdlijn_tekent_opnieuw_na_toevoegen_en_verwijderen(model: WijkModel) -> None:
    blok = Levend(model, sections.tijdlijn)
    assert "Mobiliteitshub" not in _json(blok.getoond)
    oid = model.voeg_opgave_toe(
        titel="Mobiliteitshub", transitie="mobiliteit", start_jaar=2027, eind_jaar=2029
    )
    assert "Mobiliteitshub" in _json(blok.getoond)  # no need to run the cell again
    model.verwijder_opgave(oid)
    assert "Mobiliteitshub" not in _json(blok.getoond)


def test_wijkkiezer_wisselt_alle_blokken(model: WijkModel) -> None:
    kiezer = WijkKiezer(model)
    assert kiezer.kies.options == ("Laak", "Selwerd") and kiezer.kies.value == "Laak"
    lijst = InventarisatieView(model)
    matrix = Levend(model, sections.matrix)
    selwerd = set(WijkModel(path=model.path, wijk="Selwerd").opgaven()["titel"])
    kiezer.kies.value = "Selwerd"
    assert model.wijk == "Selwerd"
    assert all(t in lijst.tabel.value for t in selwerd)
    assert "Wijkanalyse Selwerd" in kiezer.children[1].getoond.data  # the header follows
    assert any(t in _json(matrix.getoond) for t in selwerd)


def _getekend(blok: Levend) -> str:
    """What the Output widget itself holds (what the page shows), not just ``getoond``."""
    return json.dumps([o["data"] for o in blok.outputs], default=str)


def test_the_plots_of_02_redraw_in_their_output_after_an_edit(model: WijkModel) -> None:
    blokken = {
        f.__name__: Levend(model, f)
        for f in (sections.matrix, sections.netwerk, sections.tijdlijn, sections.paren_tabel)
    }
    for naam, blok in blokken.items():
        assert len(blok.outputs) == 1, naam
        assert "Mobiliteitshub" not in _getekend(blok), naam
    oid = model.voeg_opgave_toe(
        titel="Mobiliteitshub", transitie="mobiliteit", start_jaar=2027, eind_jaar=2029
    )
    andere = int(model.opgaven()["id"].iloc[0])
    model.zet_koppeling(oid, andere, "koppelkans")
    for naam, blok in blokken.items():
        assert len(blok.outputs) == 1, naam  # replaced, not appended
        assert "Mobiliteitshub" in _getekend(blok), naam
    model.verwijder_opgave(oid)
    for naam, blok in blokken.items():
        assert "Mobiliteitshub" not in _getekend(blok), naam


def test_a_block_that_fails_says_so_in_dutch_and_the_next_change_draws_again(
    model: WijkModel,
) -> None:
    kapot = {"aan": True}

    def blok_fn(m: WijkModel):
        if kapot["aan"]:
            raise ValueError("stuk")
        return sections.tijdlijn(m)

    blok = Levend(model, blok_fn)
    assert blok.outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]
    kapot["aan"] = False
    model.voeg_opgave_toe(titel="Daarna", transitie="energie")
    assert "Daarna" in _getekend(blok)
