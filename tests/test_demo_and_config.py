"""Demo data is deterministic and marked fictitious; wijk names never become raw paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import sqlite_dump
from hypothesis import given
from hypothesis import strategies as st

from wijkanalyse import demo, store
from wijkanalyse.core import config
from wijkanalyse.core.catalog import catalogus, programma_wijken, standaard_kader
from wijkanalyse.core.vocabulary import TRANSITIES


@pytest.fixture(scope="module")
def volle_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole demo workspace (18 wijken), built once for the tests that only read it."""
    return demo.bouw_demo(tmp_path_factory.mktemp("demo") / "a.sqlite")


def test_demo_is_deterministic_and_has_all_18_wijken(volle_demo: Path, tmp_path: Path) -> None:
    a = volle_demo
    b = demo.bouw_demo(tmp_path / "b.sqlite")
    assert sqlite_dump(a) == sqlite_dump(b)
    w = store.wijken(a)
    assert len(w) == 18 and w["fictief"].all()
    assert set(w["naam"]) == set(programma_wijken()["naam"])
    laak = w.set_index("naam").loc["Laak"]
    assert laak["gemeente"] == "Den Haag" and laak["inwoners"] == 40795
    # The real CBS part (tests/wijkprofiel/test_cbs.py checks the figures): codes from
    # data/wijken.csv and figures stored through the importer, with table and period.
    regios = store.cbs_regios(a).set_index("wijk")["regiocode"]
    assert regios["Pendrecht"] == "BU05991577" and regios["Emmerhout"] == "WK011444"
    assert len(regios) == 10 and "Laak" not in regios.index
    pendrecht = store.cbs_cijfers(a, ["BU05991577"]).set_index(["onderwerp", "periode"])
    assert pendrecht.loc[("Aantal inwoners", "2018"), "waarde"] == 12380
    assert pendrecht.loc[("Aantal inwoners", "2018"), "bron_tabel"] == "84286NED"


def test_every_demo_wijk_has_a_full_scenario(volle_demo: Path) -> None:
    p = volle_demo
    for naam in store.wijken(p)["naam"]:
        o = store.opgaven(p, naam)
        assert 6 <= len(o) <= 9
        assert (o["rol"] == "leidend").any()
        assert o["beschrijving"].str.contains("Fictief").all()
        assert not store.items(p, naam).empty
        assert set(store.scores(p, naam)["groep"]) == {"projectteam", "bewoners"}
        # the uitvoering: fictitious besluiten, acties (some under way), a terugblik
        assert store.besluiten(p, naam)["redenering"].str.startswith("Fictief").all()
        a = store.acties(p, naam)
        assert len(a) >= 1 and (a["toelichting"] == "Fictief voorbeeld.").all()
        assert store.actie_log(p, naam)["tekst"].str.startswith("Fictief").all()
        t = store.terugblikken(p, naam)
        assert len(t) == 1 and t["geleerd"].str.startswith("Fictief voorbeeld").all()
    alle = store.acties(p)
    assert {"gepland", "loopt", "gereed"} <= set(alle["status"])
    assert store.bedreigingen(p)["risico_score"].notna().any()


def test_rebuilding_an_existing_demo_reuses_it(tmp_path: Path) -> None:
    p = demo.bouw_demo(tmp_path / "d.sqlite", wijken=["Laak"])
    store.voeg_opgave_toe(p, "Laak", titel="Eigen toevoeging", transitie="overig")
    demo.bouw_demo(p)
    assert "Eigen toevoeging" in store.opgaven(p, "Laak")["titel"].tolist()


def test_catalogue_and_kader_data() -> None:
    assert set(catalogus()) == set(TRANSITIES) - {"overig"}
    assert all(len(v["opgaven"]) >= 4 for v in catalogus().values())
    k = standaard_kader()
    assert len(k) == 8
    assert set(k.loc[k["naam"].isin(["Kosten", "Meerkosten koppeling"]), "richting"]) == {
        "lager is beter"
    }
    assert (k["schaal_min"] == 1).all() and (k["schaal_max"] == 5).all()
    assert k["betekenis_min"].str.len().gt(0).all() and k["betekenis_max"].str.len().gt(0).all()


@given(st.text())
def test_slug_is_always_a_safe_file_name(naam: str) -> None:
    s = config.slug(naam)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s)
    assert "/" not in s and ".." not in s and len(s) <= 80


def test_slug_examples() -> None:
    assert config.slug("Zandweerd-Noord en -Zuid") == "zandweerd-noord-en-zuid"
    assert config.slug("../../etc/passwd") == "etc-passwd"
    assert config.slug("Abdij- en Torenbuurt") == "abdij-en-torenbuurt"
    assert config.slug("<script>") == "script"
