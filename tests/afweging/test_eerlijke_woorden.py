"""Honest words: every sentence about a subject follows the ranking's rule. A subject that is
not fully scored (never, or partly) is called that in the resident summary, the besluit
picker, the programme overview and the report, never "onder de drempel"."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from wijkanalyse import afweging
from wijkanalyse.model import WijkModel, open_wijk
from wijkanalyse.rapport import overzicht
from wijkanalyse.sections import afweging as sa
from wijkanalyse.widgets.besluiten import BesluitFormulier
from wijkanalyse.widgets.common import Melding

NOOIT = ("koppeling", 5)  # the demo never scores koppelingen 4..6
DEELS = ("koppeling", 4)
ONDER = ("opgave", 5)  # fully scored, below the drempel in the demo


@pytest.fixture
def laak(werkruimte: Path) -> WijkModel:
    """Laak where the projectteam must score; koppeling 4 is scored high, by the bewoners
    only (complete under a lax rule, not under this wijk's); koppeling 5 never; and all three
    subjects plus one below the drempel were chosen as 'maakt of breekt'."""
    m = open_wijk("Laak", str(werkruimte))
    m.zet_kader(3.2, 4, min_groepen=1, vereiste_groepen="projectteam")
    crit = m.criteria()
    m.voeg_scores_toe(
        pd.DataFrame(
            {
                "onderwerp_soort": "koppeling",
                "onderwerp_id": DEELS[1],
                "criterium_id": crit["id"].astype(int),
                "waarde": [1 if r == "lager is beter" else 5 for r in crit["richting"]],
                "scorer": "Els",
                "groep": "bewoners",
            }
        )
    )
    for soort, oid in (NOOIT, DEELS, ONDER):
        m.leg_besluit_vast(soort, oid, "gekozen", "Bewoners vragen erom.", maakt_of_breekt=True)
    return m


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_rule_gives_each_subject_its_stand(laak: WijkModel) -> None:
    st = sa.onderwerp_standen(laak)
    assert afweging.stand_van(st, *NOOIT) == "nog niet gescoord"
    assert afweging.stand_van(st, *DEELS) == "nog niet volledig gescoord"
    assert afweging.stand_van(st, *ONDER) == "onder de drempel"


def test_resident_summary_and_report_block_say_not_scored(laak: WijkModel) -> None:
    labels = sa.onderwerp_labels(laak)
    for html in (sa.samenvatting_html(laak), sa.samenvatting_bewoners(laak).data):
        tekst = _tekst(html)
        for sleutel, zin in (
            (NOOIT, "Is nog niet gescoord, maar we nemen dit toch mee"),
            (DEELS, "Is nog niet volledig gescoord, maar we nemen dit toch mee"),
            (ONDER, "Scoorde onder de afgesproken drempel, maar we nemen dit toch mee"),
        ):
            blok = tekst.split(labels[sleutel].replace("&", "&amp;"), 1)[1][:200]
            assert zin in blok, (labels[sleutel], blok)
        assert tekst.count("onder de afgesproken drempel") == 1


def test_besluit_picker_calls_a_partly_scored_subject_that(laak: WijkModel) -> None:
    f = BesluitFormulier(laak, Melding())
    tekst = {sleutel: label for label, sleutel in f.onderwerp.options}
    assert "(nog niet gescoord)" in tekst[NOOIT]
    assert "nog niet volledig gescoord" in tekst[DEELS]
    assert "totaal tot nu toe 5,00" in tekst[DEELS]
    assert "onder de drempel" in tekst[ONDER]
    for s in (NOOIT, DEELS):
        assert "drempel" not in tekst[s]
    assert not any(re.search(r"totaal \d+\.\d", t) for t in tekst.values())  # decimal commas
    # 'maakt of breekt' is refused for a subject that is not below the drempel
    f.onderwerp.value = DEELS
    f.redenering.value = "Belangrijk"
    f.maakt_of_breekt.value = True
    voor = len(laak.besluiten())
    f.vastleggen.click()
    assert "nog niet volledig gescoord" in f.melding.value
    assert len(laak.besluiten()) == voor


def test_overview_leaves_out_a_koppeling_not_fully_scored(laak: WijkModel) -> None:
    c = overzicht.wijk_cijfers(laak.path, "Laak")
    labels = sa.onderwerp_labels(laak)
    assert labels[DEELS] not in c["top3"]
    rapport_top = sa.top_koppelingen_tabel(laak).data
    assert labels[DEELS].replace("&", "&amp;") not in rapport_top
    rij = {
        "wijk": "Laak",
        "gemeente": "Den Haag",
        "inwoners": 1,
        "fictief": True,
        "status": "ok",
        "slug": "laak",
        "gemaakt_op": "2026-12-06",
        "laatste_wijziging": "2026-12-06",
        "cijfers": c,
    }
    html = overzicht.index_html([rij], werkruimte="w", gemaakt_op="06-12-2026", plotly_js="")
    assert labels[DEELS].replace("&", "&amp;") not in html
    assert f"volledig gescoord: {c['volledig_gescoord']}" in html
    assert "onder de drempel" not in html
