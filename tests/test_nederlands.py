"""What users read is Dutch: Ja/Nee, decimal commas in tables and plots, readable columns."""

from __future__ import annotations

import pandas as pd

from wijkanalyse import sections, sections_afweging
from wijkanalyse.figures import MIME
from wijkanalyse.html_tables import tabel_html
from wijkanalyse.model import WijkModel


def test_tabellen_tonen_ja_nee_en_decimale_komma() -> None:
    html = tabel_html(pd.DataFrame({"Gekozen": [True, False], "Totaal": [3.25, 2.5]}))
    assert "<td>Ja</td>" in html and "<td>Nee</td>" in html
    assert "3,25" in html and "True" not in html and "3.25" not in html


def test_voorgestelde_paren_zonder_interne_namen(model: WijkModel) -> None:
    html = sections.kandidaten(model).data
    assert "Opgave 1" in html and "Waarom samen bekijken" in html and "Al bekeken" in html
    for intern in ("opgave_a", "leidend_meeliftend", "True", "False", "titel_a"):
        assert intern not in html


def test_figuren_met_decimale_komma(model: WijkModel) -> None:
    fig = sections_afweging.ranglijst_figuur(model)
    spec = fig._repr_mimebundle_()[MIME]
    assert spec["layout"]["separators"] == ",."
    teksten = [t for tr in spec["data"] if tr.get("mode") == "text" for t in tr["text"]]
    assert teksten and all("." not in t for t in teksten) and any("," in t for t in teksten)
