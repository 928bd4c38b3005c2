"""Never stale: everything a report shows is in its wijk's fingerprint."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from test_cbs import _r, statline

from wijkanalyse import store
from wijkanalyse.store.wijken import NIET_IN_RAPPORT, VINGERAFDRUK_TABELLEN
from wijkanalyse.wijkprofiel import cbs


def test_every_table_of_the_schema_is_in_the_fingerprint_or_said_not_to_be_shown(
    tmp_path: Path,
) -> None:
    """A new table (acties, ...) fails here until it is placed: shown (and then in the
    fingerprint) or not shown in a report, and why."""
    db = store.maak_werkruimte(tmp_path / "w.sqlite")
    with sqlite3.connect(db) as con:
        tabellen = {
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    niet_geplaatst = tabellen - VINGERAFDRUK_TABELLEN - set(NIET_IN_RAPPORT)
    assert niet_geplaatst == set()
    assert VINGERAFDRUK_TABELLEN.isdisjoint(NIET_IN_RAPPORT)


def test_a_newer_cbs_table_changes_the_fingerprint_of_the_wijken_it_shows(
    werkruimte: Path,
) -> None:
    """After a newer CBS table the report of the linked wijk is remade, not reused."""
    oud = [_r("2023", "Laak", "'s-Gravenhage", "Wijk", "WK999901", "19000", "35.5", "20")]
    cbs.importeer(werkruimte, statline(oud), naam="kwb.csv", bron_tabel="T1")
    voor = store.vingerafdrukken(werkruimte)
    nieuw = [_r("2024", "Laak", "'s-Gravenhage", "Wijk", "WK999901", "19500", "34.0", "21")]
    cbs.importeer(werkruimte, statline(nieuw), naam="kwb2.csv", bron_tabel="T2")
    na = store.vingerafdrukken(werkruimte)
    assert na["Laak"] != voor["Laak"]
    assert na["Selwerd"] == voor["Selwerd"]  # another gemeente's wijk: its report stays
    # the country's figures are in every profile: every report is remade
    land = [nieuw[0], _r("2024", "Nederland", "Nederland", "Land", "NL01", "8100000", "20", "33")]
    cbs.importeer(werkruimte, statline(land), naam="nl.csv", bron_tabel="T3")
    daarna = store.vingerafdrukken(werkruimte)
    assert daarna["Laak"] != na["Laak"] and daarna["Selwerd"] != na["Selwerd"]


def test_a_wijk_with_besluiten_gets_a_new_fingerprint_on_another_day(werkruimte) -> None:
    """Its report's Uitvoering signals depend on the date (a review date passed): a report
    made yesterday is not reused today. A wijk without besluiten or acties keeps its hash."""
    from datetime import date

    from wijkanalyse import store

    kid = int(store.koppelingen(werkruimte, "Laak")["id"].iloc[0])
    store.leg_besluit_vast(werkruimte, "Laak", "koppeling", kid, "gekozen", "Samen graven")
    store.voeg_wijk_toe(werkruimte, "Zonder besluiten")
    gisteren = store.vingerafdrukken(werkruimte, vandaag=date(2026, 12, 6))
    vandaag = store.vingerafdrukken(werkruimte, vandaag=date(2026, 12, 7))
    met_besluiten = {w for w in gisteren if not store.besluiten(werkruimte, w).empty}
    assert met_besluiten == {"Laak"}
    for wijk in gisteren:
        assert (gisteren[wijk] != vandaag[wijk]) == (wijk in met_besluiten), wijk
