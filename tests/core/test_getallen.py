"""Numbers as a Dutch person types them: one parser (``nl_format.lees_getal``) behind every
number field, and fields that refuse out-of-range values before anything is saved."""

from __future__ import annotations

import pandas as pd
import pytest

from wijkanalyse import store
from wijkanalyse.core.nl_format import GeenGetal, lees_getal
from wijkanalyse.core.validation import capaciteit, criterium_gewicht, drempel
from wijkanalyse.model import WijkModel
from wijkanalyse.widgets.kader import KaderEditor


@pytest.mark.parametrize(
    ("getypt", "heel", "verwacht"),
    [
        ("3,2", False, 3.2),
        ("3.2", False, 3.2),
        ("0,75", False, 0.75),
        ("0.75", False, 0.75),
        (",5", False, 0.5),
        ("-1,5", False, -1.5),
        ("+2", False, 2.0),
        (" 4 ", False, 4.0),
        ("1.250,5", False, 1250.5),
        ("1,250.5", False, 1250.5),
        ("1.250", False, 1.25),  # a decimal field: a single point is a decimal point
        ("1,250", False, 1.25),
        ("1.250", True, 1250),  # a whole-number field: thousands
        ("1.250.000", True, 1250000),
        ("1 250", True, 1250),
        ("2.027", True, 2027),
        ("12", True, 12),
        ("4,0", True, 4),
        ("", False, None),
        ("  ", True, None),
        (None, False, None),
        (3, False, 3.0),
        (2.5, False, 2.5),
    ],
)
def test_lees_getal_reads_dutch_and_english(getypt, heel, verwacht) -> None:
    uit = lees_getal(getypt, heel=heel)
    assert uit == verwacht
    assert type(uit) is type(verwacht)


@pytest.mark.parametrize(
    ("getypt", "heel"),
    [
        ("drie", False),
        ("nan", False),
        ("inf", False),
        ("1e3", False),
        ("3,2,1", False),
        ("1.2.3", False),
        ("1.25,3.4", False),
        ("3,5", True),
        ("1.25", True),
        (".", False),
        ("-", False),
        (float("nan"), True),
        (True, False),
    ],
)
def test_lees_getal_refuses_in_dutch(getypt, heel) -> None:
    if getypt != getypt:  # NaN is "empty", as in every table
        assert lees_getal(getypt, heel=heel) is None
        return
    with pytest.raises(GeenGetal, match="geen (heel )?getal"):
        lees_getal(getypt, heel=heel)


def test_validation_uses_the_same_parser() -> None:
    assert drempel("3,2") == drempel("3.2") == 3.2
    assert criterium_gewicht("0,75") == criterium_gewicht("0.75") == 0.75
    assert capaciteit("1.250") == 1250


def test_kader_form_takes_commas_and_shows_them(model: WijkModel) -> None:
    ed = KaderEditor(model)
    ed.drempel.value = "3.2"
    assert ed.drempel.value == "3,2"  # shown the Dutch way once read
    ed.drempel.value = "3,2"
    ed.rijen[0].gewicht.value = "0,75"
    ed.opslaan.click()
    assert store.kader(model.path, model.wijk)["drempel"] == 3.2
    assert store.criteria(model.path, model.wijk)["gewicht"].iloc[0] == 0.75
    assert "drempel 3,2" in ed.melding.value
    assert "3.2" not in ed.melding.value


@pytest.mark.parametrize(
    ("veld", "getypt", "woorden"),
    [
        ("drempel", "32", ["Drempel: 32 kan niet", "van 1 tot en met 5"]),
        ("drempel", "0,5", ["Drempel: 0,5 kan niet"]),
        ("drempel", "veel", ["Drempel: &#x27;veel&#x27; is geen getal"]),
        ("gewicht", "-1", ["Criterium", "gewicht: -1 kan niet", "van 0 of meer"]),
        ("capaciteit", "2,5", ["Capaciteit: &#x27;2,5&#x27; is geen heel getal"]),
        ("schaal_max", "vijf", ["tot en met: &#x27;vijf&#x27; is geen getal"]),
    ],
)
def test_kader_form_refuses_before_anything_is_saved(
    model: WijkModel, veld: str, getypt: str, woorden: list[str]
) -> None:
    kader, crit = store.kader(model.path, model.wijk), store.criteria(model.path, model.wijk)
    ed = KaderEditor(model)
    if veld in ("gewicht", "schaal_max"):
        getattr(ed.rijen[0], veld).value = getypt
    else:
        getattr(ed, veld).value = getypt
    ed.melding.wis()
    ed.opslaan.click()
    for woord in woorden:
        assert woord in ed.melding.value
    assert "opgeslagen" not in ed.melding.value
    assert store.kader(model.path, model.wijk) == kader
    assert store.criteria(model.path, model.wijk).equals(crit)


def test_a_wrong_number_is_said_while_typing(model: WijkModel) -> None:
    ed = KaderEditor(model)
    ed.drempel.value = "32"
    assert "Drempel: 32 kan niet" in ed.melding.value
    assert "wa-getal-fout" in ed.drempel._dom_classes
    ed.drempel.value = "3,5"
    assert "wa-getal-fout" not in ed.drempel._dom_classes


def test_dutch_plurals_in_messages(model: WijkModel) -> None:
    from wijkanalyse.afweging import controle_geheel
    from wijkanalyse.widgets.gewichten import PuntenVerdeler

    leeg = pd.DataFrame({"opgave_a": [], "opgave_b": [], "balans": []})
    assert "dat is er 1 te veel" in controle_geheel([1, 2], 1, leeg).meldingen[0]
    assert "dat zijn er 2 te veel" in controle_geheel([1, 2, 3], 1, leeg).meldingen[0]
    pv = PuntenVerdeler(model)
    s = next(iter(pv.schuiven.values()))
    s.value = s.value + 1 if pv.totaal == 100 else s.value
    while pv.totaal > 101:
        s.value -= 1
    while pv.totaal < 101:
        s.value += 1
    assert "U heeft 1 punt te veel verdeeld." in pv.rest.value
    pv.verdeel.click()
    assert "dat is er 1 te veel" in pv.melding.value

    # the report's summary, with one opgave more than the capaciteit
    from wijkanalyse.sections.afweging import rapport_samenvatting

    model.zet_kader(3.0, 1)
    for oid in model.opgaven()["id"].iloc[:2]:
        model.leg_besluit_vast("opgave", int(oid), "gekozen", "Belangrijk voor de wijk.")
    samenvatting = rapport_samenvatting(model).data
    assert "2 opgaven gekozen; de capaciteit is 1. Dat is er 1 te veel." in samenvatting
    assert "zijn er 1" not in samenvatting
