"""The small things an advisor noticed: messages that clear when another wijk is chosen,
form errors that name the field as the form does."""

from __future__ import annotations

from wijkanalyse.model import WijkModel
from wijkanalyse.widgets.inventarisatie import InventarisatieView
from wijkanalyse.widgets.kader import KaderEditor


def test_messages_clear_when_another_wijk_is_chosen(model: WijkModel) -> None:
    kader = KaderEditor(model)
    inv = InventarisatieView(model)
    kader.drempel.value = "32"
    kader.opslaan.click()
    assert "Drempel: 32 kan niet" in kader.melding.value
    inv.melding.ok("Opgave 'Iets in Laak' toegevoegd.")
    model.wijk = "Selwerd"
    assert kader.melding.value == ""
    assert inv.melding.value == ""


def test_form_errors_name_the_field_as_the_form_does(model: WijkModel) -> None:
    inv = InventarisatieView(model)
    inv.formulier.titel.value = "Te laat"
    inv.formulier.start.value = "2031"
    inv.formulier.eind.value = "2026"
    inv.opslaan.click()
    assert "Eindjaar: Het eindjaar (2026) ligt vóór het startjaar (2031)." in inv.melding.value
    assert "kolom" not in inv.melding.value
    inv.formulier.titel.value = ""
    inv.formulier.eind.value = ""
    inv.opslaan.click()
    assert "Titel is verplicht" in inv.melding.value and "kolom" not in inv.melding.value
