"""The history reads as a person would say it: names instead of ids, for which subject
scores were added, which besluit the undo button undoes, decimal commas."""

from __future__ import annotations

import pandas as pd

from wijkanalyse.model import WijkModel
from wijkanalyse.widgets.historie import HistorieView


def test_history_names_subjects_criteria_and_besluiten(model: WijkModel) -> None:
    crit = model.criteria()
    titel = model.opgaven().set_index("id").loc[2, "titel"]
    model.voeg_scores_toe(
        pd.DataFrame(
            {
                "onderwerp_soort": "opgave",
                "onderwerp_id": 2,
                "criterium_id": crit["id"].astype(int),
                "waarde": 3,
                "scorer": "Els",
                "groep": "bewoners",
            }
        )
    )
    h = model.historie().iloc[0]
    assert h["wat"] == f"{len(crit)} scores toegevoegd voor '{titel}'"
    assert f"opgave: {titel}; criterium: {crit['naam'].iloc[0]}; waarde: 3" in h["na"]
    assert "onderwerp: 2" not in h["na"] and "criterium: 1;" not in h["na"]

    model.leg_besluit_vast("koppeling", 1, "gekozen", "Omdat het kan", maakt_of_breekt=True)
    h = model.historie().iloc[0]
    k = model.koppelingen().set_index("id").loc[1]
    titels = model.opgaven().set_index("id")["titel"]
    paar = f"{titels[k.opgave_a]} × {titels[k.opgave_b]}"
    assert h["wat"] == f"Besluit 'gekozen' over '{paar}' toegevoegd"
    assert f"koppeling: {paar}" in h["na"] and "maakt of breekt: ja" in h["na"]
    assert "koppeling_id" not in h["na"] and "maakt_of_breekt" not in h["na"]

    v = HistorieView(model)
    assert f"Maakt ongedaan: Besluit &#x27;gekozen&#x27; over &#x27;{paar}" in v.volgende.value
    assert v.ongedaan.tooltip.startswith(f"Maakt ongedaan: Besluit 'gekozen' over '{paar}'")

    model.zet_kader(3.2, 4)
    assert model.historie().iloc[0]["wat"] == "Kader gewijzigd: drempel 3 → 3,2"


def test_history_of_an_actie_shows_dutch_dates_and_empty_fields_in_words(model: WijkModel) -> None:
    """An actie without a deadline yet reads 'deadline: leeg', not Python's 'None'; its start
    date is written the Dutch way (the handover dossier shows the same history)."""
    from wijkanalyse import store

    kid = int(model.koppelingen()["id"].iloc[0])
    store.voeg_actie_toe(
        model.path, model.wijk, "koppeling", kid, titel="Sleuf delen", start="07-12-2026"
    )
    na = store.historie(model.path, model.wijk).iloc[0]["na"]
    assert "start: 07-12-2026" in na and "deadline: leeg" in na, na
    assert "None" not in na and "2026-12-07" not in na
