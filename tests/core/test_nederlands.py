"""What users read is Dutch: Ja/Nee, decimal commas in tables and plots, readable columns."""

from __future__ import annotations

import io
import re
from datetime import datetime

import openpyxl
import pandas as pd

from wijkanalyse import sections, store
from wijkanalyse.core.html_tables import tabel_html
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.model import WijkModel
from wijkanalyse.plots.figure import MIME
from wijkanalyse.sections import afweging as sections_afweging
from wijkanalyse.werksessie.resultaten import export_xlsx
from wijkanalyse.widgets.historie import historie_tabel


def test_tabellen_tonen_ja_nee_en_decimale_komma() -> None:
    html = tabel_html(pd.DataFrame({"Gekozen": [True, False], "Totaal": [3.25, 2.5]}))
    assert "<td>Ja</td>" in html and "<td>Nee</td>" in html
    assert "3,25" in html and "True" not in html and "3.25" not in html


def test_tabellen_tonen_grote_getallen_met_punten() -> None:
    """A table's numbers are written like the report's other numbers (one formatter):
    thousands with a point, never in exponent notation."""
    html = tabel_html(pd.DataFrame({"Inwoners": [40795.0, 1234567.5]}))
    assert "<td>40.795</td>" in html and "<td>1.234.567,5</td>" in html
    assert "e+06" not in html


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


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_datums_overal_dd_mm_jjjj(model: WijkModel) -> None:
    """Every date a user sees is dd-mm-jjjj: the besluiten summary (HTML and Excel), the
    history, and the werksessie export (joined, proposals)."""
    oid = int(model.opgaven()["id"].iloc[0])
    store.leg_besluit_vast(
        model.path, "Laak", "opgave", oid, "gekozen", "Past bij de aanpak", datum="2026-03-01"
    )
    html = (
        sections_afweging.samenvatting_html(model) + sections_afweging.besluiten_tabel(model).data
    )
    assert "01-03-2026" in html and not _ISO.search(html)
    wb = openpyxl.load_workbook(io.BytesIO(sections_afweging.samenvatting_xlsx(model)))
    waarden = [str(c.value) for ws in wb for r in ws.iter_rows() for c in r if c.value]
    assert "01-03-2026" in waarden and not [w for w in waarden if _ISO.search(w)]
    historie = historie_tabel(model.historie())
    assert not _ISO.search(historie) and re.search(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", historie)

    s = opslag.start_sessie(model.path, "Laak", ["bewoners"])
    rid = opslag.voeg_ronde_toe(model.path, s["id"], "opgaven")
    opslag.zet_ronde_status(model.path, rid, "open")
    d = opslag.meld_aan(model.path, s["id"], s["groepen"][0]["id"], "Fatima")
    opslag.dien_voorstel_in(model.path, d["token"], s["id"], rid, soort="opgave", tekst="Bankjes")
    wb = openpyxl.load_workbook(io.BytesIO(export_xlsx(model.path, s["id"])))
    for blad, kolom in (("Deelnemers", "Aangemeld"), ("Voorstellen", "Moment")):
        # a real date (Excel can sort and count it), shown the Dutch way
        kop = [c.value for c in wb[blad][1]]
        cel = wb[blad].cell(row=2, column=kop.index(kolom) + 1)
        assert isinstance(cel.value, datetime), (blad, cel.value)
        assert cel.number_format == "DD-MM-YYYY HH:MM", (blad, cel.number_format)
