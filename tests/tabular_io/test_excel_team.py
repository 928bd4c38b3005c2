"""A real team's workbook: title row, merged cells, extra columns, dates, diacritics, 15 rows;
previewed, imported all or nothing, and used as the master list ("update existing")."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from wijkanalyse import uitwisseling
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.model import WijkModel
from wijkanalyse.widgets.uitwisseling import UitwisselingView

KOP = [
    "Nr.",
    "Titel",
    "Transitie",
    "Type",
    "Startjaar",
    "Eindjaar",
    "Trekker",
    "Rol",
    "Toelichting",
    "Budget (mln €)",
]


# the four social opgaven of the team's list, in the case the team wrote them
SOORT = {
    "Taalhuis": "Sociaal",
    "Energiecoaches": "sociaal",
    "Gezondheidsprogramma": "SOCIAAL",
    "Jongerenwerk": "Sociaal ",
}


def stand(p: Path) -> list:
    con = sqlite3.connect(p)
    try:
        return con.execute("SELECT * FROM opgaven ORDER BY id").fetchall()
    finally:
        con.close()


def team_werkboek(bestaand: list[str], *, fout: bool = False) -> bytes:
    """15 rows as a team keeps them: 2 titles already in the wijk (other start year)."""
    wb = openpyxl.Workbook()
    blad = wb.active
    blad.title = "Laak"
    blad["A1"] = "Inventarisatie opgaven wijk Laak – stand 01-03-2026"
    blad.merge_cells("A1:J1")
    blad.append([])  # an empty row between title and header
    blad.append(KOP)
    titels = [
        "Warmtenet Laakkwartier",
        "Groene schoolpleinen",
        "Riolering Hoefkade vervangen",
        "Buurtcentrum De Érve",
        "Deelmobiliteit rond station",
        "Gezondheidsprogramma",
        "Zonnepanelen op corporatiewoningen",
        "Taalhuis",
        "Wadi's in het Laakpark",
        "Energiecoaches",
        "Isolatie portiekflats",
        "Reünie van oud-bewoners",
        "Jongerenwerk",
        *bestaand,
    ]
    transities = ["energie", "energie", "energie", "sociaaleconomisch", "mobiliteit"]
    transities += ["natuurinclusiviteit", "energie", "sociaaleconomisch", "klimaatadaptatie"]
    transities += ["sociaaleconomisch", "energie", "sociaaleconomisch", "mobiliteit"]
    transities += ["overig", "overig"]
    for i, titel in enumerate(titels):
        start: object = 2026 + i % 4
        if i in (0, 13):
            start = dt.datetime(2027, 3, 1)  # a date where a year is expected
        eind = "31-12-2030" if i == 2 else 2031  # a Dutch date as text
        blad.append(
            [
                i + 1,
                titel,
                transities[i] if i not in (1, 2) else None,  # merged below
                SOORT.get(titel, "Fysiek"),
                start,
                eind,
                "Gemeente Den Haag – team Laak",
                "leidend" if i == 0 else "meeliftend",
                f"Toelichting {i + 1} met ë en ï",
                1.5 * i,
            ]
        )
    blad.merge_cells("C4:C6")  # Transitie "energie" merged over the first three opgaven
    if fout:
        blad["C10"] = "water"  # row 10: not a transitie
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def bestaand(model: WijkModel) -> list[str]:
    return model.opgaven()["titel"].head(2).tolist()


def test_voorbeeld_zonder_bijwerken(model: WijkModel, bestaand: list[str]) -> None:
    voor = stand(Path(model.path))
    vb = uitwisseling.voorbeeld_opgaven_bestand(model, "Team Laak.xlsx", team_werkboek(bestaand))
    assert stand(Path(model.path)) == voor  # a preview writes nothing
    assert vb.bestand == "Team Laak.xlsx"
    assert vb.titelrijen == [1]
    assert ("Trekker", "eigenaar") in vb.kolommen and ("Titel", "titel") in vb.kolommen
    assert ("Type", "soort") in vb.kolommen and ("Toelichting", "beschrijving") in vb.kolommen
    assert vb.genegeerd == ["Nr.", "Budget (mln €)"]  # named, never silently dropped
    assert len(vb.nieuw) == 13
    eerste = vb.nieuw.iloc[0]
    assert (eerste["rij"], eerste["titel"]) == (4, "Warmtenet Laakkwartier")
    assert eerste["transitie"] == "energie"
    assert eerste["start_jaar"] == 2027  # from the date 01-03-2027
    assert vb.nieuw["transitie"].iloc[:3].tolist() == ["energie"] * 3  # the merged cell
    assert vb.nieuw.set_index("titel").loc["Riolering Hoefkade vervangen", "eind_jaar"] == 2030
    assert "Buurtcentrum De Érve" in vb.nieuw["titel"].tolist()
    # the two titles that exist already are refused, with row, column and reason
    assert [(r, k) for r, k, _ in vb.fouten] == [(17, "Titel"), (18, "Titel")]
    assert "al een opgave met de titel" in vb.fouten[0][2]
    with pytest.raises(InvoerFout, match="2 rijen geweigerd"):
        uitwisseling.voer_import_uit(model, vb)
    assert stand(Path(model.path)) == voor  # all or nothing


def test_bijwerken_maakt_excel_de_hoofdlijst(model: WijkModel, bestaand: list[str]) -> None:
    inhoud = team_werkboek(bestaand)
    oud = model.opgaven().set_index("titel")
    vb = uitwisseling.voorbeeld_opgaven_bestand(model, "team.xlsx", inhoud, bijwerken=True)
    assert vb.in_orde and len(vb.nieuw) == 13 and len(vb.wijzigingen) == 2
    w = vb.wijzigingen.set_index("titel")
    # the first existing title has a date (01-03-2027) in its year column
    assert f"startjaar: {oud.loc[bestaand[0], 'start_jaar']} → 2027" in w.loc[bestaand[0], "wat"]
    assert "eigenaar:" in w.loc[bestaand[0], "wat"]

    assert uitwisseling.voer_import_uit(model, vb) == {"toegevoegd": 13, "gewijzigd": 2}
    na = model.opgaven().set_index("titel")
    assert len(na) == len(oud) + 13
    assert na.loc[bestaand[0], "start_jaar"] == 2027  # date in the file
    assert na.loc[bestaand[1], "start_jaar"] == 2028
    assert na.loc[bestaand[1], "eigenaar"] == "Gemeente Den Haag – team Laak"
    # columns the file does not have keep their value
    assert na.loc[bestaand[1], "aanleiding"] == oud.loc[bestaand[1], "aanleiding"]
    assert na.loc["Reünie van oud-bewoners", "transitie"] == "sociaaleconomisch"

    # the same list again: nothing to add or change
    weer = uitwisseling.voorbeeld_opgaven_bestand(model, "team.xlsx", inhoud, bijwerken=True)
    assert (len(weer.nieuw), len(weer.wijzigingen), weer.ongewijzigd) == (0, 0, 15)
    # and the whole import is one change in the history, undone at once
    wat = model.historie()["wat"].iloc[0]
    assert wat.startswith("13 opgaven toegevoegd en 2 opgaven gewijzigd")
    model.maak_ongedaan()
    pd.testing.assert_frame_equal(model.opgaven().set_index("titel"), oud)


def test_geweigerde_rij_staat_in_de_lijst_en_niets_verandert(
    model: WijkModel, bestaand: list[str]
) -> None:
    voor = stand(Path(model.path))
    inhoud = team_werkboek(bestaand, fout=True)
    vb = uitwisseling.voorbeeld_opgaven_bestand(model, "team.xlsx", inhoud, bijwerken=True)
    assert [(r, k) for r, k, _ in vb.fouten] == [(10, "Transitie")]
    assert "'water' is geen geldige transitie" in vb.fouten[0][2]
    with pytest.raises(InvoerFout):
        uitwisseling.voer_import_uit(model, vb)
    assert stand(Path(model.path)) == voor
    # the file-level reader refuses the same row in one Dutch message
    with pytest.raises(InvoerFout) as fout:
        uitwisseling.importeer_opgaven_bestand(model, "team.xlsx", inhoud)
    assert (fout.value.rij, fout.value.kolom) == (10, "Transitie")


def test_widget_toont_voorbeeld_en_leest_pas_in_na_klik(
    model: WijkModel, bestaand: list[str]
) -> None:
    v = UitwisselingView(model)
    voor = stand(Path(model.path))
    n_voor = len(model.opgaven())
    inhoud = team_werkboek(bestaand)
    v.upload_opgaven.value = (
        {"name": "team.xlsx", "type": "", "size": len(inhoud), "content": memoryview(inhoud),
         "last_modified": dt.datetime.now(dt.UTC)},
    )  # fmt: skip
    html = v.voorbeeld.value
    assert "Toevoegen: 13 opgaven" in html
    assert "<ul class='wa-geweigerd'><li>rij 17, kolom &#x27;Titel&#x27;" in html
    assert "overgeslagen: Nr., Budget (mln €)" in html
    assert v.inlezen.disabled and stand(Path(model.path)) == voor
    v.bijwerken.value = True  # recomputed for update mode
    assert "Bijwerken: 2 bestaande opgaven" in v.voorbeeld.value and not v.inlezen.disabled
    v.inlezen.click()
    assert "13 opgaven toegevoegd, 2 bijgewerkt" in v.melding.value
    assert len(model.opgaven()) == n_voor + 13
    assert v.voorbeeld.value == ""


def test_type_en_toelichting_worden_soort_en_beschrijving(
    model: WijkModel, bestaand: list[str]
) -> None:
    """The team's 'Type' (Fysiek/Sociaal in any case) and 'Toelichting' are read, not dropped:
    Taalhuis, Energiecoaches, Gezondheidsprogramma and Jongerenwerk are sociaal."""
    vb = uitwisseling.voorbeeld_opgaven_bestand(
        model, "team.xlsx", team_werkboek(bestaand), bijwerken=True
    )
    assert vb.in_orde
    assert uitwisseling.voer_import_uit(model, vb) == {"toegevoegd": 13, "gewijzigd": 2}
    na = model.opgaven().set_index("titel")
    sociaal = sorted(na.index[na["soort"] == "sociaal"])
    assert sociaal == sorted(SOORT)
    assert na.loc["Taalhuis", "beschrijving"] == "Toelichting 8 met ë en ï"
    assert na.loc["Warmtenet Laakkwartier", "soort"] == "fysiek"
    assert na.loc["Warmtenet Laakkwartier", "beschrijving"] == "Toelichting 1 met ë en ï"


def test_kolomkeuze_wordt_toegepast_en_onthouden(model: WijkModel, bestaand: list[str]) -> None:
    """The advisor maps 'Toelichting' to aanleiding and skips 'Type' in the widget; the
    import follows that, and the next file with those headers gets the same choice, in
    another wijk of the same workspace too."""
    v = UitwisselingView(model)
    inhoud = team_werkboek(bestaand)
    v.bijwerken.value = True
    v.upload_opgaven.value = (
        {"name": "team.xlsx", "type": "", "size": len(inhoud), "content": memoryview(inhoud),
         "last_modified": dt.datetime.now(dt.UTC)},
    )  # fmt: skip
    assert v.keuze_dropdowns["Type"].value == "soort"  # the proposal
    assert v.keuze_dropdowns["Toelichting"].value == "beschrijving"
    v.keuze_dropdowns["Toelichting"].value = "aanleiding"
    v.keuze_dropdowns["Type"].value = ""  # skip it
    assert "overgeslagen: Nr., Type, Budget (mln €)" in v.voorbeeld.value
    # a choice that cannot work is undone and explained
    v.keuze_dropdowns["Nr."].value = "titel"
    assert "twee keer" in v.melding.value and v.keuze_dropdowns["Nr."].value == ""
    v.inlezen.click()
    assert "onthouden" in v.melding.value
    na = model.opgaven().set_index("titel")
    assert na.loc["Taalhuis", "aanleiding"] == "Toelichting 8 met ë en ï"
    assert na.loc["Taalhuis", "soort"] == "fysiek"  # Type skipped: the default
    # remembered in the workspace: another wijk, a fresh model
    ander = WijkModel(path=model.path, wijk=[n for n in model.wijken() if n != "Laak"][0])
    vb = uitwisseling.voorbeeld_opgaven_bestand(ander, "team.xlsx", inhoud)
    assert ("Toelichting", "aanleiding") in vb.kolommen and ("Type", "overgeslagen") in vb.kolommen
    assert ("Toelichting", "aanleiding", True) in vb.doelen
    # going back to the proposal forgets the choice
    vb = uitwisseling.voorbeeld_opgaven_bestand(
        ander, "team.xlsx", inhoud, keuze={"toelichting": "beschrijving", "TYPE": "soort"}
    )
    uitwisseling.voer_import_uit(ander, vb)
    assert model.kolomkeuzes() == {}


def test_blad_kiezen(model: WijkModel) -> None:
    """A workbook with two filled sheets: the preview reads the first, names both, and the
    advisor picks the other in the dropdown."""
    wb = openpyxl.Workbook()
    eerste = wb.active
    eerste.title = "Laak"
    eerste.append(["Titel", "Transitie"])
    eerste.append(["Kade Laak", "energie"])
    tweede = wb.create_sheet("Spoorwijk")
    tweede.append(["Titel", "Transitie", "Type"])
    tweede.append(["Buurthuis Spoorwijk", "overig", "Sociaal"])
    tweede.append(["Spoortunnel", "mobiliteit", "Fysiek"])
    buf = io.BytesIO()
    wb.save(buf)
    inhoud = buf.getvalue()
    v = UitwisselingView(model)
    v.upload_opgaven.value = (
        {"name": "twee.xlsx", "type": "", "size": len(inhoud), "content": memoryview(inhoud),
         "last_modified": dt.datetime.now(dt.UTC)},
    )  # fmt: skip
    assert v.blad.layout.display is None and list(v.blad.options) == ["Laak", "Spoorwijk"]
    assert "Toevoegen: 1 opgave" in v.voorbeeld.value and "Kade Laak" in v.voorbeeld.value
    v.blad.value = "Spoorwijk"
    assert "Toevoegen: 2 opgaven" in v.voorbeeld.value and "Spoortunnel" in v.voorbeeld.value
    v.inlezen.click()
    na = model.opgaven().set_index("titel")
    assert na.loc["Buurthuis Spoorwijk", "soort"] == "sociaal" and "Kade Laak" not in na.index


@pytest.mark.parametrize("soort", ["opgaven.xlsx", "opgaven.csv"])
def test_export_en_weer_inlezen_verandert_niets(model: WijkModel, soort: str) -> None:
    """The export writes the team's Dutch headers, and reading it back in update mode
    changes nothing."""
    naam, inhoud = uitwisseling.exporteer(model, soort)
    if soort.endswith("xlsx"):
        kop = [c.value for c in openpyxl.load_workbook(io.BytesIO(inhoud)).active[1]]
    else:
        kop = inhoud.decode("utf-8-sig").splitlines()[0].split(";")
    assert kop[:2] == ["Titel", "Transitie"] and "Startjaar" in kop and "start_jaar" not in kop
    voor = stand(Path(model.path))
    vb = uitwisseling.voorbeeld_opgaven_bestand(model, naam, inhoud, bijwerken=True)
    assert vb.in_orde and vb.genegeerd == []
    assert (len(vb.nieuw), len(vb.wijzigingen)) == (0, 0)
    assert vb.ongewijzigd == len(model.opgaven())
    assert uitwisseling.voer_import_uit(model, vb) == {"toegevoegd": 0, "gewijzigd": 0}
    assert stand(Path(model.path)) == voor
