"""The Uitvoering view (notebook 05 and the dashboard tab) as a user works in it: acties from
the besluiten, progress with a log line, a risk, a terugblik, and the signals it shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wijkanalyse import store
from wijkanalyse.model import open_wijk
from wijkanalyse.widgets.uitvoering import UitvoeringView


def test_uitvoering_bijhouden_in_de_view(werkruimte: Path) -> None:
    m = open_wijk("Laak", str(werkruimte))
    k = m.koppelingen()
    kid = int(k[k["niveau"] == "koppelkans"]["id"].iloc[0])
    m.leg_besluit_vast("koppeling", kid, "gekozen", "Samen graven", door="Wethouder")
    v = UitvoeringView(m, vandaag=date(2027, 3, 1))
    assert "koppelkans zonder actie" in v.signalen.value  # chosen, no actie yet
    assert not v.uit_besluiten.disabled and "(" in v.uit_besluiten.description

    v.uit_besluiten.click()
    a = m.acties()
    assert len(a) >= 1 and "gemaakt uit de besluiten" in v.melding.value
    assert "koppelkans zonder actie" not in v.signalen.value
    assert v.uit_besluiten.disabled  # nothing left to make
    titel = str(a["titel"].iloc[0])
    assert titel in v.acties.value

    v.actie.value = int(a["id"].iloc[0])
    assert v.titel.value == titel and not v.bijwerken.disabled
    v.status.value = "loopt"
    v.procent.value = 30
    v.logdatum.value = "05-03-2027"
    v.logtekst.value = "Eerste overleg met de aannemer"
    v.bijwerken.click()
    assert "Voortgang vastgelegd" in v.melding.value, v.melding.value
    assert "Eerste overleg met de aannemer" in v.logboek.value and "05-03-2027" in v.logboek.value
    assert "30%" in v.acties.value and "loopt" in v.acties.value

    v.deadline.value = "31-02-2027"  # no such date: refused in Dutch, nothing stored
    v.opslaan.click()
    assert "geen geldige datum" in v.melding.value
    assert store.acties(werkruimte, "Laak")["deadline"].isna().all()

    v.actie.value = None  # a new actie by hand
    v.titel.value = "Bewonersavond"
    v.eigenaar.value = "Wijkregisseur"
    v.deadline.value = "01-06-2027"
    v.opslaan.click()
    assert "Bewonersavond" in v.acties.value and "01-06-2027" in v.acties.value

    if v.bedreiging.options:
        v.bedreiging.value = v.bedreiging.options[0][1]
        v.kans.value, v.impact.value, v.herzien_op.value = 4, 3, "01-02-2027"
        v.risico_opslaan.click()
        assert "Risico opgeslagen" in v.melding_risico.value
        assert "herziening verlopen" in v.signalen.value  # 01-02 is before 'vandaag'

    v.tb_door.value = "Wijkteam"
    v.tb_geleerd.value = "Bewoners eerder betrekken"
    v.tb_opslaan.click()
    assert "Terugblik vastgelegd" in v.melding_terugblik.value
    assert "Bewoners eerder betrekken" in v.terugblikken.value
    assert "Terugblik van 01-03-2027 door Wijkteam" in v.terugblikken.value
    assert m.maak_ongedaan().startswith("Terugblik")
    assert "Nog geen terugblik" in v.terugblikken.value
