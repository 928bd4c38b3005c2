"""The store: a real SQLite file, validated writes, all-or-nothing, concurrent writers."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from factories import werkruimte_v1
from pg_cluster import tabel_rijen

from wijkanalyse import databank, store
from wijkanalyse.core.errors import DubbelFout, InvoerFout, OnbekendFout

BEIDE_BACKENDS = True  # every test below runs on SQLite and on PostgreSQL (see conftest)


@pytest.fixture
def leeg(nieuwe_werkruimte) -> Path | str:
    p = store.maak_werkruimte(nieuwe_werkruimte())
    store.voeg_wijk_toe(p, "Laak", "Den Haag", 40795)
    return p


def _snapshot(p: Path | str) -> dict[str, list]:
    if databank.is_url(p):
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        sleutel = "1"
    else:
        sql, sleutel = "SELECT name FROM sqlite_master WHERE type='table'", "rowid"
    tabellen = [r[0] for r in tabel_rijen(p, sql)]
    return {t: tabel_rijen(p, f"SELECT * FROM {t} ORDER BY {sleutel}") for t in tabellen}


def test_schema_version_is_stored_and_migration_is_idempotent(leeg: Path) -> None:
    assert store.schema_versie(leeg) == store.SCHEMA_VERSIE
    voor = _snapshot(leeg)
    store.maak_werkruimte(leeg)
    assert _snapshot(leeg) == voor


def test_newer_schema_is_refused_in_dutch(leeg: Path) -> None:
    if databank.is_url(leeg):
        tabel_rijen(leeg, f"UPDATE schema_versie SET versie = {store.SCHEMA_VERSIE + 1}")
    else:
        con = sqlite3.connect(leeg)
        con.execute(f"PRAGMA user_version = {store.SCHEMA_VERSIE + 1}")
        con.close()
    with pytest.raises(InvoerFout, match="Werk wijkanalyse bij"):
        store.maak_werkruimte(leeg)


def test_opgave_round_trip_with_all_attributes(leeg: Path) -> None:
    oid = store.voeg_opgave_toe(
        leeg,
        "Laak",
        titel="Riool vervangen",
        transitie="Klimaatadaptatie",
        soort="fysiek",
        aanleiding="Beheercyclus: riool",
        eigenaar="Gemeente",
        start_jaar="2027",
        eind_jaar=2027,
        rol="leidend",
        beschrijving="Straat ligt open\nin 2027",
    )
    rij = store.opgaven(leeg, "Laak").set_index("id").loc[oid]
    assert rij["transitie"] == "klimaatadaptatie"
    assert rij["start_jaar"] == 2027 and rij["eind_jaar"] == 2027
    assert rij["beschrijving"] == "Straat ligt open\nin 2027"
    assert rij["rol"] == "leidend"


@pytest.mark.parametrize(
    ("velden", "fragment"),
    [
        ({"titel": "", "transitie": "energie"}, "verplicht"),
        ({"titel": "X", "transitie": "energietransitie"}, "geen geldige waarde voor 'transitie'"),
        (
            {"titel": "X", "transitie": "energie", "start_jaar": 2030, "eind_jaar": 2025},
            "vóór het startjaar",
        ),
        ({"titel": "X", "transitie": "energie", "start_jaar": "twintig"}, "geen jaartal"),
        ({"titel": "X", "transitie": "energie", "rol": "hoofd"}, "'rol'"),
    ],
)
def test_bad_opgave_is_refused_and_changes_nothing(leeg: Path, velden: dict, fragment: str) -> None:
    voor = _snapshot(leeg)
    with pytest.raises(InvoerFout, match=fragment):
        store.voeg_opgave_toe(leeg, "Laak", **velden)
    assert _snapshot(leeg) == voor


def test_duplicate_title_differs_only_in_case_and_spaces(leeg: Path) -> None:
    store.voeg_opgave_toe(leeg, "Laak", titel="Warmtenet aanleggen", transitie="energie")
    with pytest.raises(DubbelFout, match="al een opgave"):
        store.voeg_opgave_toe(leeg, "Laak", titel="  warmtenet   Aanleggen ", transitie="energie")


def test_import_is_all_or_nothing_and_names_the_row(leeg: Path) -> None:
    store.voeg_opgave_toe(leeg, "Laak", titel="Bestaand", transitie="energie")
    voor = _snapshot(leeg)
    df = pd.DataFrame(
        [
            {"titel": "Nieuw 1", "transitie": "energie"},
            {"titel": "Nieuw 2", "transitie": "mobiliteit"},
            {"titel": "bestaand", "transitie": "energie"},
        ]
    )
    with pytest.raises(InvoerFout) as e:
        store.importeer_opgaven(leeg, "Laak", df)
    assert e.value.rij == 4 and e.value.kolom == "titel"
    assert _snapshot(leeg) == voor


def test_unknown_wijk_names_the_known_ones(leeg: Path) -> None:
    with pytest.raises(OnbekendFout, match="Bekende wijken: Laak"):
        store.voeg_opgave_toe(leeg, "Laak2", titel="X", transitie="energie")


def test_koppeling_items_and_cascade_on_delete(leeg: Path) -> None:
    a = store.voeg_opgave_toe(leeg, "Laak", titel="A", transitie="energie")
    b = store.voeg_opgave_toe(leeg, "Laak", titel="B", transitie="mobiliteit")
    k = store.zet_koppeling(leeg, "Laak", b, a, "meekoppelkans")
    assert store.zet_koppeling(leeg, "Laak", a, b, "koppelkans") == k  # same pair, updated
    store.voeg_item_toe(leeg, k, soort="kans", tekst="Eén keer graven", impact="groot")
    kop = store.koppelingen(leeg, "Laak")
    assert kop.loc[0, "opgave_a"] == min(a, b) and kop.loc[0, "niveau"] == "koppelkans"
    store.verwijder_opgave(leeg, a)
    assert store.koppelingen(leeg, "Laak").empty and store.items(leeg, "Laak").empty


def test_pair_with_itself_or_other_wijk_is_refused(leeg: Path) -> None:
    store.voeg_wijk_toe(leeg, "Selwerd", "Groningen", 6231)
    a = store.voeg_opgave_toe(leeg, "Laak", titel="A", transitie="energie")
    c = store.voeg_opgave_toe(leeg, "Selwerd", titel="C", transitie="energie")
    with pytest.raises(InvoerFout, match="zichzelf"):
        store.zet_koppeling(leeg, "Laak", a, a)
    with pytest.raises(OnbekendFout, match="bestaat niet in wijk 'Laak'"):
        store.zet_koppeling(leeg, "Laak", a, c)


def test_scores_off_scale_refused_with_row_and_column(leeg: Path) -> None:
    from wijkanalyse.core.catalog import standaard_kader

    store.zet_criteria(leeg, "Laak", standaard_kader())
    oid = store.voeg_opgave_toe(leeg, "Laak", titel="A", transitie="energie")
    cid = int(store.criteria(leeg, "Laak")["id"].iloc[0])
    ok = {
        "onderwerp_soort": "opgave",
        "onderwerp_id": oid,
        "criterium_id": cid,
        "scorer": "Ans",
        "groep": "bewoners",
    }
    df = pd.DataFrame([{**ok, "waarde": 4}, {**ok, "scorer": "Bob", "waarde": 6}])
    with pytest.raises(InvoerFout) as e:
        store.voeg_scores_toe(leeg, "Laak", df)
    assert e.value.rij == 3 and e.value.kolom == "waarde" and "van 1 tot en met 5" in str(e.value)
    assert store.scores(leeg, "Laak").empty
    store.voeg_scores_toe(leeg, "Laak", pd.DataFrame([{**ok, "waarde": 4}]))
    store.voeg_scores_toe(leeg, "Laak", pd.DataFrame([{**ok, "waarde": 2}]))  # rescore
    s = store.scores(leeg, "Laak")
    assert s["waarde"].tolist() == [2]


def test_besluit_needs_reasoning(leeg: Path) -> None:
    oid = store.voeg_opgave_toe(leeg, "Laak", titel="A", transitie="energie")
    with pytest.raises(InvoerFout, match="redenering"):
        store.leg_besluit_vast(leeg, "Laak", "opgave", oid, "gekozen", "   ")
    store.leg_besluit_vast(
        leeg, "Laak", "opgave", oid, "gekozen", "Bewoners vragen erom", door="Projectteam"
    )
    assert store.besluiten(leeg, "Laak")["redenering"].tolist() == ["Bewoners vragen erom"]


def _schrijver(args: tuple[str, int, int]) -> int:
    pad, nr, n = args
    for i in range(n):
        store.voeg_opgave_toe(pad, "Laak", titel=f"laptop {nr} opgave {i}", transitie="energie")
    return n


def test_twenty_concurrent_writers_lose_nothing(leeg: Path) -> None:
    """Twenty workshop laptops adding opgaven at the same moment: every one is kept.

    On PostgreSQL: twenty threads, each with its own connection, so twenty server processes
    compete for the lock (benchmarks/bench_pg_schrijvers.py does it with processes); that
    saves starting twenty Python processes a second time."""
    n_per = 10
    if databank.is_url(leeg):
        from multiprocessing.pool import ThreadPool

        pool_ = ThreadPool(20)
    else:
        pool_ = mp.get_context("spawn").Pool(20)
    with pool_ as pool:
        totaal = sum(pool.map(_schrijver, [(str(leeg), nr, n_per) for nr in range(20)]))
    df = store.opgaven(leeg, "Laak")
    assert totaal == 200
    assert len(df) == 200 and df["titel"].is_unique


def test_group_and_scorer_spelling_variants_are_one(leeg: Path) -> None:
    from wijkanalyse.core.catalog import standaard_kader

    store.zet_criteria(leeg, "Laak", standaard_kader())
    oid = store.voeg_opgave_toe(leeg, "Laak", titel="A", transitie="energie")
    cid = int(store.criteria(leeg, "Laak")["id"].iloc[0])

    def score(scorer: str, groep: str, waarde: int) -> None:
        store.voeg_scores_toe(
            leeg,
            "Laak",
            pd.DataFrame(
                [
                    {
                        "onderwerp_soort": "opgave",
                        "onderwerp_id": oid,
                        "criterium_id": cid,
                        "waarde": waarde,
                        "scorer": scorer,
                        "groep": groep,
                    }
                ]
            ),
        )

    score("Anna de Vries", "bewoners", 4)
    score("anna  de vries ", "Bewoners ", 2)  # same person, typed differently: a rescore
    score("Bob", "BEWONERS", 5)
    s = store.scores(leeg, "Laak")
    assert sorted(s["groep"].unique()) == ["bewoners"]
    assert sorted(zip(s["scorer"], s["waarde"], strict=True)) == [("Anna de Vries", 2), ("Bob", 5)]


def test_score_batch_is_robust(leeg: Path) -> None:
    from wijkanalyse.core.catalog import standaard_kader

    store.zet_criteria(leeg, "Laak", standaard_kader())
    oid = store.voeg_opgave_toe(leeg, "Laak", titel="A", transitie="energie")
    cid = int(store.criteria(leeg, "Laak")["id"].iloc[0])
    rij = {
        "onderwerp_soort": "opgave",
        "onderwerp_id": oid,
        "criterium_id": cid,
        "scorer": "Piet",
        "groep": "bewoners",
        "moment": float("nan"),
    }
    store.voeg_scores_toe(leeg, "Laak", pd.DataFrame([{**rij, "waarde": 2}, {**rij, "waarde": 4}]))
    s = store.scores(leeg, "Laak")
    assert s["waarde"].tolist() == [4]  # the later row of the batch wins
    assert s["moment"].iloc[0] != "nan" and len(s["moment"].iloc[0]) == 10
    for kapot, kolom in (
        ({"waarde": float("nan")}, "waarde"),
        ({"waarde": float("inf")}, "waarde"),
        ({"onderwerp_id": "abc"}, "onderwerp_id"),
        ({"criterium_id": None}, "criterium_id"),
    ):
        with pytest.raises(InvoerFout) as e:
            store.voeg_scores_toe(leeg, "Laak", pd.DataFrame([{**rij, "waarde": 3, **kapot}]))
        assert e.value.rij == 2 and e.value.kolom == kolom


def test_a_person_called_nan_is_a_person(leeg: Path) -> None:
    oid = store.voeg_opgave_toe(leeg, "Laak", titel="Nan", transitie="energie")
    store.leg_besluit_vast(leeg, "Laak", "opgave", oid, "gekozen", "Omdat", door="Nan")
    assert store.besluiten(leeg, "Laak")["door"].tolist() == ["Nan"]
    assert store.opgaven(leeg, "Laak")["titel"].tolist() == ["Nan"]


def test_writing_to_a_missing_workspace_creates_nothing(tmp_path: Path) -> None:
    pad = tmp_path / "typo.sqlite"
    with pytest.raises(OnbekendFout, match="bestaat niet"):
        store.voeg_opgave_toe(pad, "Laak", titel="A", transitie="energie")
    with pytest.raises(OnbekendFout, match="bestaat niet"):
        store.wijk(pad, "Laak")
    assert not pad.exists()


def test_concurrent_rescoring_of_one_cell_keeps_one_score(leeg: Path | str) -> None:
    """Read-check-write under contention: twenty connections replace the same scorer's score
    at once (delete the old one, insert the new one); exactly one row may remain. Without
    the write lock (BEGIN IMMEDIATE; on PostgreSQL the advisory lock) rows are duplicated."""
    from multiprocessing.pool import ThreadPool

    from wijkanalyse.core.catalog import standaard_kader

    store.zet_criteria(leeg, "Laak", standaard_kader())
    oid = store.voeg_opgave_toe(leeg, "Laak", titel="A", transitie="energie")
    cid = int(store.criteria(leeg, "Laak")["id"].iloc[0])

    def score(waarde: int) -> None:
        rij = {"onderwerp_soort": "opgave", "onderwerp_id": oid, "criterium_id": cid}
        rij |= {"waarde": 1 + waarde % 5, "scorer": "Anna", "groep": "bewoners"}
        store.voeg_scores_toe(leeg, "Laak", pd.DataFrame([rij]))

    with ThreadPool(20) as pool:
        pool.map(score, range(100))
    assert len(store.scores(leeg, "Laak")) == 1


def test_an_older_sqlite_workspace_is_copied_before_it_is_migrated(tmp_path: Path) -> None:
    """A workspace of schema version 1 (before werksessies and CBS figures): migrated to
    the current version, with a copy of it as it was next to it."""
    p = tmp_path / "gemeente.sqlite"
    werkruimte_v1(p)
    store.maak_werkruimte(p)
    assert store.schema_versie(p) == store.SCHEMA_VERSIE
    kopie = tmp_path / f"gemeente.voor-v{store.SCHEMA_VERSIE}.sqlite"
    con = sqlite3.connect(kopie)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
        assert con.execute("SELECT naam FROM wijken").fetchall() == [("Laak",)]
        assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sessies'").fetchall()
    finally:
        con.close()
    store.maak_werkruimte(p)  # up to date now: no second copy
    assert sorted(x.name for x in tmp_path.iterdir() if x.suffix == ".sqlite") == [
        "gemeente.sqlite",
        kopie.name,
    ]
