"""One set of rules: forms, imports, store and analysis give the same Dutch answer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wijkanalyse import afweging, store
from wijkanalyse.core import validation
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.tabular_io import lees_opgaven


@pytest.mark.parametrize("waarde", ["nan", "inf", "-inf", "NaN", float("nan"), float("inf")])
def test_nan_en_inf_als_jaar(werkruimte: Path, tmp_path: Path, waarde: object) -> None:
    leeg_of_fout = validation.leeg(waarde)  # a real NaN is an empty cell, not an error
    if leeg_of_fout:
        assert validation.jaar(waarde, "start_jaar") is None
        return
    verwacht = f"'{str(waarde).strip()}' is geen jaartal"
    # the form and the store
    with pytest.raises(InvoerFout, match=verwacht) as fout:
        store.voeg_opgave_toe(werkruimte, "Laak", titel="X", transitie="energie", start_jaar=waarde)
    assert fout.value.kolom == "start_jaar" and "kolom 'startjaar'" in str(fout.value)
    # a file
    pad = tmp_path / "o.csv"
    pad.write_text(f"titel;transitie;startjaar\nX;energie;{waarde}\n", encoding="utf-8")
    with pytest.raises(InvoerFout, match=verwacht) as fout:
        lees_opgaven(pad)
    assert (fout.value.rij, fout.value.kolom) == (2, "startjaar")


def test_datum_als_jaar_overal_hetzelfde(werkruimte: Path) -> None:
    oid = store.voeg_opgave_toe(
        werkruimte, "Laak", titel="Plein", transitie="overig", start_jaar="01-03-2027"
    )
    assert store.opgaven(werkruimte, "Laak").set_index("id").loc[oid, "start_jaar"] == 2027


@pytest.mark.parametrize("gewicht", ["inf", float("inf"), -1, "veel"])
def test_gewicht_inf_overal_geweigerd(werkruimte: Path, gewicht: object) -> None:
    voor = store.criteria(werkruimte, "Laak")
    crit = voor.astype({"gewicht": object})
    crit.loc[0, "gewicht"] = gewicht
    # the store (forms and imports go through it)
    with pytest.raises(InvoerFout, match="Gewicht: .* kies een getal van 0 of meer"):
        store.zet_criteria(werkruimte, "Laak", crit)
    pd.testing.assert_frame_equal(store.criteria(werkruimte, "Laak"), voor)
    # the analysis, handed the same table directly
    if not isinstance(gewicht, str):
        with pytest.raises(InvoerFout, match="Gewicht: .* kies een getal van 0 of meer"):
            afweging.valideer_criteria(crit)


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (6, "6 ligt buiten de schaal van criterium '{naam}': die loopt van 1 tot en met 5"),
        (0, "0 ligt buiten de schaal van criterium '{naam}': die loopt van 1 tot en met 5"),
        (3.5, "'3.5' is geen geheel getal; een score is een heel getal op de schaal 1 tot en "),
        ("drie", "'drie' is geen geheel getal"),
        ("inf", "'inf' is geen geheel getal"),
        (True, "'True' is geen geheel getal"),
    ],
)
def test_een_score_overal_dezelfde_regel(werkruimte: Path, waarde: object, verwacht: str) -> None:
    """The scoring form and an import (both through the store) and the analysis refuse a
    score with the same Dutch words, from validation.score."""
    crit = store.criteria(werkruimte, "Laak")
    cid, naam = int(crit["id"].iloc[0]), str(crit["naam"].iloc[0])
    verwacht = verwacht.format(naam=naam)
    oid = int(store.opgaven(werkruimte, "Laak")["id"].iloc[0])
    rij = {"onderwerp_soort": "opgave", "onderwerp_id": oid, "criterium_id": cid,
           "scorer": "Ans", "groep": "bewoners"}  # fmt: skip
    voor = store.scores(werkruimte, "Laak")
    with pytest.raises(InvoerFout) as e:
        validation.score(waarde, 1, 5, naam)
    assert verwacht in e.value.melding
    with pytest.raises(InvoerFout) as e:  # the store: forms and file imports
        store.voeg_scores_toe(werkruimte, "Laak", pd.DataFrame([{**rij, "waarde": waarde}]))
    assert verwacht in e.value.melding and e.value.kolom == "waarde" and e.value.rij == 2
    pd.testing.assert_frame_equal(store.scores(werkruimte, "Laak"), voor)
    nieuw = pd.DataFrame([{**rij, "waarde": waarde}], dtype=object)
    tabel = pd.concat([voor.astype({"waarde": object}), nieuw], ignore_index=True)
    with pytest.raises(InvoerFout) as e:  # the analysis, handed the same table directly
        afweging.totalen(tabel, crit)
    assert verwacht in e.value.melding and e.value.kolom == "waarde"


def test_een_heel_getal_als_tekst_telt_overal(werkruimte: Path) -> None:
    crit = store.criteria(werkruimte, "Laak")
    cid = int(crit["id"].iloc[0])
    oid = int(store.opgaven(werkruimte, "Laak")["id"].iloc[0])
    rij = {"onderwerp_soort": "opgave", "onderwerp_id": oid, "criterium_id": cid,
           "scorer": "Ans", "groep": "bewoners", "waarde": "4,0"}  # fmt: skip
    assert validation.score("4,0", 1, 5) == 4
    store.voeg_scores_toe(werkruimte, "Laak", pd.DataFrame([rij]))
    s = store.scores(werkruimte, "Laak")
    assert s[s["scorer"] == "Ans"]["waarde"].tolist() == [4]
    tot = afweging.totalen(pd.DataFrame([{**rij, "id": 1}]), crit)
    assert tot["totaal"].iloc[0] == pytest.approx(4.0)
