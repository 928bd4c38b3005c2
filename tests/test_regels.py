"""One set of rules: forms, imports, store and analysis give the same Dutch answer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wijkanalyse import afweging, store, validation
from wijkanalyse.errors import InvoerFout
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
    with pytest.raises(InvoerFout, match="een gewicht is een getal van 0 of meer"):
        store.zet_criteria(werkruimte, "Laak", crit)
    pd.testing.assert_frame_equal(store.criteria(werkruimte, "Laak"), voor)
    # the analysis, handed the same table directly
    if not isinstance(gewicht, str):
        with pytest.raises(InvoerFout, match="een gewicht is een getal van 0 of meer"):
            afweging.valideer_criteria(crit)
