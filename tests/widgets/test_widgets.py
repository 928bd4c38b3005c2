"""Widgets driven as a user would (set values, click), with a real workspace file."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijkanalyse import store
from wijkanalyse.model import open_wijk
from wijkanalyse.widgets.dashboard import Dashboard, open_wijk_of_eerste, wijk_uit_verzoek
from wijkanalyse.widgets.inventarisatie import InventarisatieView
from wijkanalyse.widgets.koppelingen import KoppelingenView

XSS = '<img src=x onerror="alert(1)">'


def test_add_opgave_through_the_form_lands_in_the_store(werkruimte: Path) -> None:
    v = InventarisatieView(open_wijk("Laak", str(werkruimte)))
    v.formulier.transitie.value = "klimaatadaptatie"
    assert "Waterbuffers maken" in v.formulier.titel.options  # catalogue offered
    v.formulier.titel.value = "Waterbuffers maken"
    v.formulier.start.value, v.formulier.eind.value = "2027", "2028"
    v.opslaan.click()
    df = store.opgaven(werkruimte, "Laak")
    assert "Waterbuffers maken" in df["titel"].tolist()
    assert "toegevoegd" in v.melding.value
    assert "Waterbuffers maken" in v.tabel.value


def test_bad_year_gives_dutch_message_and_stores_nothing(werkruimte: Path) -> None:
    v = InventarisatieView(open_wijk("Laak", str(werkruimte)))
    voor = len(store.opgaven(werkruimte, "Laak"))
    v.formulier.titel.value = "Nieuwe opgave"
    v.formulier.start.value, v.formulier.eind.value = "2030", "2026"
    v.opslaan.click()
    assert "vóór het startjaar" in v.melding.value
    assert len(store.opgaven(werkruimte, "Laak")) == voor


def test_edit_and_remove_opgave(werkruimte: Path) -> None:
    v = InventarisatieView(open_wijk("Laak", str(werkruimte)))
    eerste = v.kies.options[1]
    v.kies.value = eerste[1]
    assert v.formulier.titel.value == eerste[0]
    v.formulier.eigenaar.value = "Waterschap"
    v.opslaan.click()
    df = store.opgaven(werkruimte, "Laak").set_index("id")
    assert df.loc[eerste[1], "eigenaar"] == "Waterschap"
    v.kies.value = eerste[1]
    v.verwijder.click()  # asks first
    assert eerste[1] in store.opgaven(werkruimte, "Laak")["id"].tolist()
    assert "verwijderen?" in v.bevestiging.vraag.value
    v.bevestiging.ja.click()
    assert eerste[1] not in store.opgaven(werkruimte, "Laak")["id"].tolist()


def test_user_html_is_shown_as_text_in_tables(werkruimte: Path) -> None:
    store.voeg_opgave_toe(werkruimte, "Laak", titel=XSS, transitie="overig")
    v = InventarisatieView(open_wijk("Laak", str(werkruimte)))
    assert "<img" not in v.tabel.value and "&lt;img" in v.tabel.value


def test_pair_editor_adds_entry_and_creates_koppeling(werkruimte: Path) -> None:
    m = open_wijk("Selwerd", str(werkruimte))
    v = KoppelingenView(m)
    v.filter.value = "alle"
    a, b = next(val for label, val in v.paar.options if "[" not in label)  # not yet considered
    v.paar.value = (a, b)
    v.niveau.value = "meekoppelkans"
    v.soort.value, v.impact.value, v.horizon.value = "bedreiging", "groot", "later"
    v.tekst.value = "Planning loopt uiteen"
    v.bewaar_item.click()
    k = store.koppelingen(werkruimte, "Selwerd")
    rij = k[(k["opgave_a"] == a) & (k["opgave_b"] == b)]
    assert len(rij) == 1 and rij["niveau"].iloc[0] == "meekoppelkans"
    it = store.items(werkruimte, "Selwerd")
    nieuw = it[it["koppeling_id"] == rij["id"].iloc[0]]
    assert nieuw[["soort", "impact", "horizon"]].values.tolist() == [
        ["bedreiging", "groot", "later"]
    ]
    assert "balans -3" in v.samenvatting.value


def test_pair_editor_refuses_empty_text(werkruimte: Path) -> None:
    v = KoppelingenView(open_wijk("Laak", str(werkruimte)))
    voor = len(store.items(werkruimte, "Laak"))
    v.tekst.value = "   "
    v.bewaar_item.click()
    assert "omschrijving" in v.melding.value.lower()
    assert len(store.items(werkruimte, "Laak")) == voor


def test_dashboard_switches_wijk_and_query_string(
    werkruimte: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUERY_STRING", "wijk=selwerd&x=1")
    assert wijk_uit_verzoek("Laak") == "selwerd"
    m = open_wijk_of_eerste(wijk_uit_verzoek("Laak"), str(werkruimte))
    assert m.wijk == "Selwerd"  # case-insensitive match
    d = Dashboard(m)
    assert "Selwerd" in d.kop.value
    d.wijk.value = "Laak"
    assert "Laak" in d.kop.value and "Den Haag" in d.kop.value
    d.tabs.selected_index = 1  # built lazily
    assert d.tabs.children[1].children


def test_unknown_wijk_in_url_falls_back_to_first(werkruimte: Path) -> None:
    m = open_wijk_of_eerste("../../etc", str(werkruimte))
    assert m.wijk == "Laak"


def test_open_wijk_makes_plotly_emit_its_json_mime(werkruimte: Path) -> None:
    """Reports and Voila need the plotly JSON output, also when plotly.io was loaded first."""
    import plotly.io as pio

    pio.renderers.default = "png"
    open_wijk("Laak", str(werkruimte))
    assert pio.renderers.default == "plotly_mimetype"


def test_a_redraw_fault_after_saving_does_not_hide_the_save(werkruimte: Path) -> None:
    """The opgave is stored; a bug while redrawing must not tell the user it was not."""
    m = open_wijk("Laak", str(werkruimte))
    v = InventarisatieView(m)

    def kapot(_change: object) -> None:
        raise RuntimeError("tekenfout")

    m.observe(kapot, "versie")
    v.formulier.titel.value = "Nieuwe opgave na fout"
    v.opslaan.click()
    assert "Nieuwe opgave na fout" in store.opgaven(werkruimte, "Laak")["titel"].tolist()
    assert "Niets is opgeslagen" not in v.melding.value
