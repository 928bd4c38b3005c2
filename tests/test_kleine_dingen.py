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
