"""CBS key figures: a StatLine export with every quirk, matched to wijken and stored; bad
files refused with nothing written; signals by hand; the command line offline."""

from __future__ import annotations

import math
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from factories import sqlite_dump
from pg_cluster import tabel_rijen

from wijkanalyse import store
from wijkanalyse.core.errors import InvoerFout, WijkanalyseFout
from wijkanalyse.wijkprofiel import cbs
from wijkanalyse.wijkprofiel import profiel as wijkprofiel
from wijkanalyse.wijkprofiel import signalen as cbs_signalen

KOP = [
    "Perioden",
    "Wijken en buurten",
    "Gemeentenaam (naam)",
    "Soort regio (omschrijving)",
    "Codering (code)",
    "Particuliere huishoudens (Aantal)",
    "Opleidingsniveau/Laag/Waarde (%)",
    "Gemiddeld inkomen per inwoner (1 000 euro)",
]


def _regel(*velden: str) -> str:
    return ";".join(f'"{v}"' for v in velden)


def statline(rijen: list[tuple[str, ...]], *, kop: list[str] = KOP, titel: bool = True) -> bytes:
    """A file the way StatLine writes it: BOM, title line, padded quoted values, footer."""
    regels = ['"Kerncijfers proefwijken; test"'] if titel else []
    regels.append(_regel(*kop))
    regels += [_regel(*r) for r in rijen]
    regels.append('"Bron: CBS"')
    return ("\ufeff" + "\r\n".join(regels) + "\r\n").encode("utf-8")


def _r(periode, naam, gemeente, soort, code, huish, laag, inkomen):
    pad = lambda v: f"{v:>8}"  # noqa: E731 - StatLine pads every value to 8
    return (periode, naam, gemeente, soort, f"{code:<10}", pad(huish), pad(laag), pad(inkomen))


# Two gemeenten that both have a wijk "Centrum"; one wijk known by its "Wijk 02" label; a
# buurt; a value with '.', an empty one and '-' (nihil); the country; two periods.
RIJEN_2022 = [
    _r("2022", "Nederland", "Nederland", "Land", "NL01", "8000000", "25.0", "30.1"),
    _r("2022", "Zuid-Holland (PV)", "", "Provincie", "PV99", "900000", "21.0", "29.0"),
    _r("2022", "Oosterstad", "Oosterstad", "Gemeente", "GM9001", "40000", "22.0", "28.0"),
    _r("2022", "Centrum", "Oosterstad", "Wijk", "WK900101", "3000", "30.5", "25.5"),
    _r("2022", "Wijk 02 Haven", "Oosterstad", "Wijk", "WK900102", "1200", ".", ""),
    _r("2022", "Molenbuurt", "Oosterstad", "Buurt", "BU90010201", "400", "41.0", "."),
    _r("2022", "Dorp", "Oosterstad", "Wijk", "WK900103", "900", "-", "22.0"),
    _r("2022", "Westerdorp", "Westerdorp", "Gemeente", "GM9002", "15000", "18.0", "31.0"),
    _r("2022", "Centrum", "Westerdorp", "Wijk", "WK900201", "2000", "12.0", "33.3"),
]
RIJEN_2023 = [  # '2023*': StatLine's mark for provisional figures
    _r("2023*", "Oosterstad", "Oosterstad", "Gemeente", "GM9001", "40500", "21.5", "28.9"),
    _r("2023*", "Centrum", "Westerdorp", "Wijk", "WK900201", "2050", "11.0", "34.0"),
]


BEIDE_BACKENDS = True  # tests with `ws` or `werkruimte` run on SQLite and PostgreSQL (conftest)


@pytest.fixture
def ws(nieuwe_werkruimte) -> Path | str:
    p = store.maak_werkruimte(nieuwe_werkruimte())
    for naam, gemeente in [
        ("Centrum", "Westerdorp"),
        ("Haven", "Oosterstad"),
        ("Molenbuurt", "Oosterstad"),
        ("Dorp", "Elders"),
        ("Atlantis", "Oosterstad"),
        ("Noordhoek", "Oosterstad"),
    ]:
        store.voeg_wijk_toe(p, naam, gemeente, 100)
    store.zet_cbs_regio(p, "Noordhoek", "WK900103")  # known code: "Dorp" in the file
    return p


def _waarde(p: Path | str, code: str, onderwerp: str, periode: str) -> object:
    rijen = tabel_rijen(
        p,
        "SELECT waarde FROM cbs_cijfers WHERE regiocode = ? AND onderwerp = ? AND periode = ?",
        (code, onderwerp, periode),
    )
    return "geen rij" if not rijen else rijen[0][0]


def test_statline_file_with_every_quirk_is_read() -> None:
    b = cbs.lees_statline(statline(RIJEN_2022 + RIJEN_2023), naam="kwb.csv")
    assert b.bron_tabel == "Kerncijfers proefwijken; test"  # the title line
    assert b.perioden == ["2022", "2023"]
    assert b.onderwerpen == [
        "Particuliere huishoudens",
        "Opleidingsniveau/Laag/Waarde",
        "Gemiddeld inkomen per inwoner",
    ]
    eenheden = dict(zip(b.cijfers["onderwerp"], b.cijfers["eenheid"], strict=False))
    assert eenheden["Gemiddeld inkomen per inwoner"] == "1 000 euro"
    assert eenheden["Opleidingsniveau/Laag/Waarde"] == "%"
    niveaus = dict(zip(b.regios["regiocode"], b.regios["niveau"], strict=True))
    assert niveaus == {
        "NL01": "land",
        "PV99": "overig",
        "GM9001": "gemeente",
        "WK900101": "wijk",
        "WK900102": "wijk",
        "BU90010201": "buurt",
        "WK900103": "wijk",
        "GM9002": "gemeente",
        "WK900201": "wijk",
    }  # codes without their padding
    c = b.cijfers.set_index(["regiocode", "onderwerp", "periode"])["waarde"]
    assert c[("WK900101", "Opleidingsniveau/Laag/Waarde", "2022")] == 30.5
    assert math.isnan(c[("WK900102", "Opleidingsniveau/Laag/Waarde", "2022")])  # '.'
    assert math.isnan(c[("WK900102", "Gemiddeld inkomen per inwoner", "2022")])  # empty
    assert c[("WK900103", "Opleidingsniveau/Laag/Waarde", "2022")] == 0.0  # '-' is nihil
    assert c[("GM9001", "Particuliere huishoudens", "2023")] == 40500


def test_import_matches_by_code_then_name_and_gemeente_and_says_why_not(ws: Path) -> None:
    v = cbs.importeer(ws, statline(RIJEN_2022), naam="kwb.csv", bron_tabel="99999NED")
    gekoppeld = dict(zip(v.gekoppeld["wijk"], v.gekoppeld["regiocode"], strict=True))
    assert gekoppeld == {
        "Centrum": "WK900201",  # the Centrum of Westerdorp, not that of Oosterstad
        "Haven": "WK900102",  # "Wijk 02 Haven"
        "Molenbuurt": "BU90010201",  # a buurt
        "Noordhoek": "WK900103",  # by its known code, though the file calls it "Dorp"
    }
    via = dict(zip(v.gekoppeld["wijk"], v.gekoppeld["gekoppeld_via"], strict=True))
    assert via["Noordhoek"] == "CBS-code" and via["Centrum"] == "naam en gemeente"
    redenen = dict(v.niet_gekoppeld)
    assert set(redenen) == {"Atlantis", "Dorp"}
    assert "geen wijk of buurt met deze naam" in redenen["Atlantis"]
    assert "alleen voor in gemeente Oosterstad" in redenen["Dorp"]
    tekst = v.tekst()
    assert "Niet gekoppeld:" in tekst and "Atlantis" in tekst
    # stored with source table, period, unit and import date; missing stays NULL, not 0
    df = store.cbs_cijfers(ws, ["WK900201"])
    assert set(df["bron_tabel"]) == {"99999NED"} and set(df["periode"]) == {"2022"}
    assert set(df["importdatum"]) == {pd.Timestamp.today().date().isoformat()}
    assert _waarde(ws, "WK900102", "Opleidingsniveau/Laag/Waarde", "2022") is None
    assert _waarde(ws, "NL01", "Particuliere huishoudens", "2022") == 8000000  # country
    assert _waarde(ws, "GM9002", "Particuliere huishoudens", "2022") == 15000  # gemeente
    assert _waarde(ws, "WK900101", "Particuliere huishoudens", "2022") == "geen rij"  # other
    # the link is remembered: the next file is matched by code
    assert store.cbs_regios(ws).set_index("wijk").at["Centrum", "regiocode"] == "WK900201"


def test_newer_period_is_added_and_nothing_is_silently_overwritten(ws: Path) -> None:
    cbs.importeer(ws, statline(RIJEN_2022), naam="a.csv", bron_tabel="T1")
    weer = cbs.importeer(ws, statline(RIJEN_2022), naam="a.csv", bron_tabel="T1")
    assert weer.nieuw == 0 and weer.al_aanwezig > 0
    nieuw = cbs.importeer(ws, statline(RIJEN_2023), naam="b.csv", bron_tabel="T1")
    assert nieuw.nieuw > 0 and nieuw.perioden == ["2023"]
    df = store.cbs_cijfers(ws, ["WK900201"])
    huish = df[df["onderwerp"] == "Particuliere huishoudens"].set_index("periode")["waarde"]
    assert huish.to_dict() == {"2022": 2000, "2023": 2050}  # both periods kept
    # the same period with another value: refused, nothing written
    gewijzigd = [
        r if r[4].strip() != "WK900201" else r[:5] + ("    2999",) + r[6:] for r in RIJEN_2022
    ]
    voor = sqlite_dump(ws)
    with pytest.raises(InvoerFout, match="andere waarde.*Er is niets opgeslagen"):
        cbs.importeer(ws, statline(gewijzigd), naam="c.csv", bron_tabel="T1")
    assert sqlite_dump(ws) == voor
    v = cbs.importeer(ws, statline(gewijzigd), naam="c.csv", bron_tabel="T1", vervang=True)
    assert v.vervangen == 1
    assert _waarde(ws, "WK900201", "Particuliere huishoudens", "2022") == 2999


OPGAVEN_CSV = b"titel,transitie,soort\nWarmtenet,energie,fysiek\n"


@pytest.mark.parametrize(
    ("inhoud", "moet_noemen"),
    [
        (OPGAVEN_CSV, "niet met ';' gescheiden"),
        (b"titel;transitie\nWarmtenet;energie\n", "regiocodes"),
        (
            b'"Wijken en buurten";"Codering (code)"\n"Centrum";"WK900201"\n',
            "eenheid tussen haakjes",
        ),
        (
            b'"Wijken en buurten";"Codering (code)";"Inwoners (aantal)"\n'
            b'"Centrum";"WK900201";"10"\n',
            "de periode",
        ),
        (b'"";"";"Wijken en buurten"\n"Onderwerp";"";"Nederland"\n', "onderwerpen als rijen"),
        (b"", "leeg"),
        (b"PK\x03\x04\x00\x00binary", "geen tekstbestand"),
    ],
)
def test_a_file_that_is_not_a_statline_export_is_refused_and_nothing_written(
    ws: Path, inhoud: bytes, moet_noemen: str
) -> None:
    voor = sqlite_dump(ws)
    with pytest.raises(InvoerFout, match=moet_noemen) as e:
        cbs.importeer(ws, inhoud, naam="mijn.csv")
    assert "mijn.csv" in str(e.value)
    assert sqlite_dump(ws) == voor


def test_a_bad_value_names_row_and_column_and_nothing_is_written(ws: Path) -> None:
    rijen = RIJEN_2022[:3] + [RIJEN_2022[3][:6] + ("veel",) + RIJEN_2022[3][7:]]
    voor = sqlite_dump(ws)
    with pytest.raises(InvoerFout) as e:
        cbs.importeer(ws, statline(rijen), naam="kwb.csv")
    assert "rij 6" in str(e.value)  # title line, header, three rows, then this one
    assert "Opleidingsniveau/Laag/Waarde (%)" in str(e.value) and "'veel'" in str(e.value)
    afgebroken = statline(RIJEN_2022)[:-40]
    with pytest.raises(InvoerFout, match="velden"):
        cbs.importeer(ws, afgebroken, naam="kwb.csv")
    assert sqlite_dump(ws) == voor


def test_nothing_relevant_in_the_file_is_refused(tmp_path: Path) -> None:
    p = store.maak_werkruimte(tmp_path / "w.sqlite")
    store.voeg_wijk_toe(p, "Laak", "Den Haag", 1)
    voor = sqlite_dump(p)
    with pytest.raises(InvoerFout, match="Niets in dit bestand hoort bij"):
        cbs.importeer(p, statline(RIJEN_2022[1:]), naam="kwb.csv")
    assert sqlite_dump(p) == voor


def test_older_workspace_gets_the_cbs_tables_and_keeps_its_data(tmp_path: Path) -> None:
    p = store.maak_werkruimte(tmp_path / "oud.sqlite")
    store.voeg_wijk_toe(p, "Centrum", "Westerdorp", 5)
    con = sqlite3.connect(p)
    con.executescript("DROP TABLE cbs_cijfers; DROP TABLE cbs_regios; PRAGMA user_version = 1;")
    con.close()
    assert store.schema_versie(p) == 1
    v = cbs.importeer(p, statline(RIJEN_2022), naam="kwb.csv")
    assert store.schema_versie(p) == store.SCHEMA_VERSIE
    assert list(v.gekoppeld["regiocode"]) == ["WK900201"]
    assert store.wijk(p, "Centrum")["inwoners"] == 5


# --------------------------------------------------------------------------- profile, signals


def _cijfers(rijen: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        rijen,
        columns=["rol", "regionaam", "onderwerp", "eenheid", "periode", "waarde", "bron_tabel"],
    )


KLEIN = _cijfers(
    [
        ("wijk", "Centrum", "SES-WOA/Totaalscore/Gemiddelde score", "Getal", "2019", -0.45, "T"),
        (
            "gemeente",
            "Westerdorp",
            "SES-WOA/Totaalscore/Gemiddelde score",
            "Getal",
            "2019",
            -0.1,
            "T",
        ),
        ("wijk", "Centrum", "Gemiddeld aardgasverbruik totaal", "m³", "2021", 1200.0, "K"),
        ("wijk", "Centrum", "Gemiddeld aardgasverbruik totaal", "m³", "2022", 1500.0, "K"),
        ("wijk", "Centrum", "Wonen/In bezit woningcorporatie", "%", "2022", math.nan, "K"),
        ("gemeente", "Westerdorp", "Wonen/In bezit woningcorporatie", "%", "2022", 30.0, "K"),
    ]
)


def test_signals_computed_from_a_small_table_by_hand() -> None:
    regels = pd.DataFrame(
        [
            # fires: -0.45 < -0.3
            (
                "SES-WOA/Totaalscore/Gemiddelde score",
                "",
                "<",
                -0.3,
                "vast",
                "sociaaleconomisch",
                "Meer werk",
                "a",
                "laag",
            ),
            # fires: -0.45 - -0.1 = -0.35 < -0.2
            (
                "SES-WOA/Totaalscore/Gemiddelde score",
                "",
                "<",
                -0.2,
                "gemeente",
                "sociaaleconomisch",
                "Samenhang",
                "a",
                "lager dan de gemeente",
            ),
            # does not fire: -0.35 is not < -0.4
            (
                "SES-WOA/Totaalscore/Gemiddelde score",
                "",
                "<",
                -0.4,
                "gemeente",
                "sociaaleconomisch",
                "Nooit",
                "a",
                "",
            ),
            # fires on the newest period only: 1500 > 1400 (2021's 1200 would not)
            (
                "Gemiddeld aardgasverbruik totaal",
                "m³",
                ">",
                1400,
                "vast",
                "energie",
                "Isoleren",
                "b",
                "veel gas",
            ),
            # wrong unit: never fires
            ("Gemiddeld aardgasverbruik totaal", "kWh", ">", 0, "vast", "energie", "Nee", "b", ""),
            # the wijk's figure is missing: a missing figure never fires a rule
            (
                "In bezit woningcorporatie",
                "%",
                ">",
                10,
                "vast",
                "verstedelijking",
                "Renoveren",
                "c",
                "",
            ),
        ],
        columns=cbs_signalen.KOLOMMEN,
    )
    opgaven = pd.DataFrame({"titel": ["isoleren"]})
    s = cbs_signalen.signalen(KLEIN, regels, opgaven)
    assert list(s["opgave"]) == ["Meer werk", "Samenhang", "Isoleren"]
    assert list(s["al_opgave"]) == [False, False, True]  # title already an opgave
    assert s.iloc[2]["waarde"] == 1500 and s.iloc[2]["periode"] == "2022"
    assert "verschil -0,35" in s.iloc[1]["reden"] and "CBS T, 2019" in s.iloc[1]["reden"]


def test_shipped_rules_are_valid_and_bad_rules_name_row_and_column(tmp_path: Path) -> None:
    regels = cbs_signalen.lees_regels()
    assert len(regels) >= 6 and set(regels["transitie"]) >= {"energie", "sociaaleconomisch"}
    slecht = tmp_path / "regels.csv"
    tekst = (cbs_signalen.REGELS).read_text("utf-8").splitlines()
    tekst[2] = tekst[2].replace(",<,", ",ongeveer,")
    slecht.write_text("\n".join(tekst), "utf-8")
    with pytest.raises(InvoerFout, match="rij 3, kolom 'vergelijking'"):
        cbs_signalen.lees_regels(slecht)


def test_profile_shows_missing_as_missing_never_zero() -> None:
    keuze = pd.DataFrame(
        {
            "onderwerp": ["In bezit woningcorporatie", "Gemiddeld aardgasverbruik totaal", "Xyz"],
            "label": ["Corporatiewoningen", "Gasverbruik", "Iets anders"],
        }
    )
    prof = wijkprofiel.profiel(KLEIN, keuze)
    assert list(prof["label"]) == ["Corporatiewoningen", "Gasverbruik"]
    assert math.isnan(prof.iloc[0]["waarde_wijk"]) and prof.iloc[0]["waarde_gemeente"] == 30
    assert prof.iloc[1]["waarde_wijk"] == 1500 and prof.iloc[1]["periode_wijk"] == "2022"
    assert math.isnan(prof.iloc[1]["waarde_gemeente"]) and prof.iloc[1]["bron_gemeente"] == ""
    html = wijkprofiel.profiel_html(prof, "Centrum <b>", "Westerdorp", ["Iets anders"])
    assert html.count("ontbreekt") >= 3 and "1.500" in html and "CBS K, 2022" in html
    assert "Centrum &lt;b&gt;" in html and "Nederland" not in html  # no country in the data
    assert "Iets anders" in html
    fig = wijkprofiel.profiel_figuur(prof, "Centrum", "Westerdorp")
    assert fig.data[0].x[0] is None  # no bar, not a bar of 0
    assert "ontbreekt" in [a.text for a in fig.layout.annotations]
    assert any("Bron: CBS K, 2022" in a.text for a in fig.layout.annotations)


def test_odata_rows_become_the_same_table_as_a_csv(ws: Path) -> None:
    eigenschappen = [
        {"Key": "WijkenEnBuurten", "Type": "GeoDimension", "Title": "Wijken en buurten"},
        {"Key": "Perioden", "Type": "TimeDimension", "Title": "Perioden"},
        {
            "Key": "Huishoudens_1",
            "Type": "Topic",
            "Title": "Particuliere huishoudens",
            "Unit": "aantal",
        },
        {"Key": "Laag_2", "Type": "Topic", "Title": "Laag opleidingsniveau", "Unit": "%"},
    ]
    rijen = [
        {
            "WijkenEnBuurten": "GM9002    ",
            "Perioden": "2022JJ00",
            "Huishoudens_1": 15000,
            "Laag_2": 18.0,
        },
        {
            "WijkenEnBuurten": "WK900201  ",
            "Perioden": "2022JJ00",
            "Huishoudens_1": 2000,
            "Laag_2": None,
        },
    ]
    dims = {
        "WijkenEnBuurten": {"GM9002    ": "Westerdorp", "WK900201  ": "Centrum"},
        "Perioden": {"2022JJ00": "2022"},
    }
    ruw = cbs.odata_naar_csv(eigenschappen, rijen, dims)
    v = cbs.importeer(ws, ruw, naam="85000NED (CBS OData)", bron_tabel="85000NED")
    assert list(v.gekoppeld["regiocode"]) == ["WK900201"]
    assert _waarde(ws, "WK900201", "Laag opleidingsniveau", "2022") is None
    assert _waarde(ws, "GM9002", "Particuliere huishoudens", "2022") == 15000


# --------------------------------------------------------------------------- command line


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


def test_cli_importeer_and_offline_haal(ws: Path, tmp_path: Path) -> None:
    f = tmp_path / "Kerncijfers_proef_01012025_120000.csv"
    f.write_bytes(statline(RIJEN_2022, titel=False))
    r = _cli(
        "cbs",
        "importeer",
        str(f),
        "--werkruimte",
        str(ws),
        "--tabel",
        "99999NED",
        "--koppel",
        "Atlantis=WK900101",
    )
    assert r.returncode == 0, r.stderr
    assert (
        "99999NED" in r.stdout and "Atlantis = Centrum (WK900101, via opgegeven code)" in r.stdout
    )
    assert "Dorp: die naam komt in het bestand alleen voor in gemeente Oosterstad" in r.stdout
    # offline: a Dutch message that points to the CSV route, and nothing written
    voor = sqlite_dump(ws)
    r = _cli(
        "cbs", "haal", "85984NED", "--werkruimte", str(ws), WIJKANALYSE_CBS_CATALOGUS="127.0.0.1:9"
    )  # a closed local port: no internet used
    assert r.returncode == 2
    assert "niet bereikbaar" in r.stderr and "wijkanalyse cbs importeer BESTAND.csv" in r.stderr
    assert sqlite_dump(ws) == voor
    r = _cli("cbs", "importeer", str(f), "--werkruimte", str(ws), "--koppel", "zonder-isteken")
    assert r.returncode == 2 and "WIJK=CODE" in r.stderr


def test_the_package_imports_without_cbsodata() -> None:
    code = (
        "import sys; sys.modules['cbsodata'] = None\n"
        "import wijkanalyse.wijkprofiel.cbs, wijkanalyse.cli, wijkanalyse.sections.wijkprofiel\n"
        "from wijkanalyse.core.errors import WijkanalyseFout\n"
        "try:\n    wijkanalyse.wijkprofiel.cbs.haal('x.sqlite', '85984NED')\n"
        "except WijkanalyseFout as e:\n    print(e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "cbsodata is niet geïnstalleerd" in r.stdout and "CSV" in r.stdout


# The demo's CBS codes and figures. The expected numbers below are the values in the CBS
# files we copied them from (data/README.md names each file, repository and commit):
# Kerncijfers wijken en buurten 2017 (83765NED) and 2018 (84286NED) for Rotterdam,
# 2019 (84583NED) for Amsterdam and Nederland, 2024 (85984NED) for gemeenten and two wijken,
# and SES-WOA 2019 (85163NED) for Amsterdam.
DEMO_CODES = {
    "Abdij- en Torenbuurt": "BU08553702",
    "Emmerhout": "WK011444",
    "Gillisbuurt": "BU05032503",
    "Meerzicht": "WK063701",
    "Nijverheid": "BU01640604",
    "Pendrecht": "BU05991577",
    "Rolduckerveld": "BU09280102",
    "Selwerd": "BU00141000",
    "Wildemanbuurt": "BU03638100",
    "Zwanenveld": "BU02680732",
}


def _demo_cijfers(tmp_path: Path) -> Path:
    """The 18 programme wijken (without their fictitious scenarios) with the demo's CBS data,
    read the way `wijkanalyse demo` reads it."""
    from wijkanalyse import demo
    from wijkanalyse.core.catalog import programma_wijken

    p = store.maak_werkruimte(tmp_path / "w.sqlite")
    for r in programma_wijken().itertuples():
        store.voeg_wijk_toe(p, r.naam, r.gemeente, int(r.inwoners))
    demo.importeer_cbs_demo(p)
    return p


def test_demo_wijken_get_their_cbs_codes_and_the_real_figures(tmp_path: Path) -> None:
    from wijkanalyse.core.catalog import programma_wijken

    p = _demo_cijfers(tmp_path)
    regios = store.cbs_regios(p).set_index("wijk")
    assert regios["regiocode"].to_dict() == DEMO_CODES
    assert (regios["gekoppeld_via"] == "CBS-code").all()

    def cijfer(wijk: str, onderwerp: str, periode: str, rol: str = "wijk") -> float:
        gemeente = store.wijk(p, wijk)["gemeente"]
        c = store.cbs_profielcijfers(p, wijk, cbs.gemeente_namen(gemeente))
        c = c[(c["rol"] == rol) & (c["onderwerp"] == onderwerp) & (c["periode"] == periode)]
        assert len(c) == 1, (wijk, onderwerp, periode, rol)
        return float(c["waarde"].iloc[0])

    # Pendrecht, buurt BU05991577: 84286NED (2018) and 83765NED (2017)
    assert cijfer("Pendrecht", "Aantal inwoners", "2018") == 12380
    assert cijfer("Pendrecht", "In bezit woningcorporatie", "2018") == 56
    assert cijfer("Pendrecht", "Huishoudens met een laag inkomen", "2017") == 20.2
    assert cijfer("Pendrecht", "Gemiddeld aardgasverbruik totaal", "2017") == 930
    assert math.isnan(cijfer("Pendrecht", "Gemiddeld aardgasverbruik totaal", "2018"))  # '.'
    assert cijfer("Pendrecht", "Aantal inwoners", "2018", "gemeente") == 638712
    assert cijfer("Pendrecht", "Aantal inwoners", "2024", "gemeente") == 670610
    # The programme's inhabitants of Pendrecht are CBS's 2018 figure.
    inwoners = programma_wijken().set_index("naam")["inwoners"]
    assert inwoners["Pendrecht"] == 12380
    # Wildeman, buurt BU03638100: 84583NED (2019) and 85163NED (2019)
    assert cijfer("Wildemanbuurt", "Aantal inwoners", "2019") == 4960
    assert cijfer("Wildemanbuurt", "In bezit woningcorporatie", "2019") == 87
    assert cijfer("Wildemanbuurt", "SES-WOA/Totaalscore/Gemiddelde score", "2019") == -0.678
    assert cijfer("Wildemanbuurt", "Huishoudens met een laag inkomen", "2019", "land") == 7.5
    # Emmerhout and Meerzicht, wijken: 85984NED (2024)
    assert cijfer("Emmerhout", "Aantal inwoners", "2024") == 7085
    assert cijfer("Emmerhout", "Aantal inwoners", "2024", "gemeente") == 109346
    assert cijfer("Meerzicht", "Woningvoorraad", "2024") == 7309
    # A linked buurt without figures of its own still gets its gemeente's.
    assert cijfer("Selwerd", "Aantal inwoners", "2024", "gemeente") == 243768
    selwerd = store.cbs_profielcijfers(p, "Selwerd")
    assert not (selwerd["rol"] == "wijk").any()
    # An unlinked wijk gets its gemeente by CBS's name for it ('s-Gravenhage).
    assert cijfer("Laak", "Aantal inwoners", "2024", "gemeente") == 566221
    # The figures say where they are from.
    alles = store.cbs_cijfers(p, ["BU05991577", "BU03638100", "WK011444", "NL00"])
    assert set(alles["bron_tabel"]) == {"83765NED", "84286NED", "84583NED", "85163NED", "85984NED"}
    assert (alles["importdatum"] == "2026-11-25").all()


def test_demo_extracts_are_real_statline_files(tmp_path: Path) -> None:
    from wijkanalyse import demo
    from wijkanalyse.core.config import DATA_DIR

    for bestand, tabel in demo.CBS_DEMO:
        b = cbs.lees_statline(DATA_DIR / "cbs" / bestand, bron_tabel=tabel)
        assert b.bron_tabel == tabel and len(b.perioden) == 1
        assert b.perioden[0] in bestand
    with pytest.raises(WijkanalyseFout):
        cbs.lees_statline(tmp_path / "bestaat-niet.csv")


def _upload(naam: str, inhoud: bytes) -> dict:
    """What ipywidgets' FileUpload holds after a user picked a file."""
    return {
        "name": naam,
        "type": "text/csv",
        "size": len(inhoud),
        "content": memoryview(inhoud),
        "last_modified": pd.Timestamp("2026-01-01"),
    }


def test_wijkprofiel_view_reads_an_upload_and_refuses_a_bad_one(werkruimte: Path) -> None:
    from wijkanalyse.model import open_wijk
    from wijkanalyse.widgets.wijkprofiel import WijkprofielView

    v = WijkprofielView(open_wijk("Selwerd", str(werkruimte)))
    assert "Nog geen CBS-cijfers" in v.profiel.value
    voor = sqlite_dump(werkruimte)
    v.upload.value = (_upload("opgaven.csv", OPGAVEN_CSV),)
    assert "niet met &#x27;;&#x27; gescheiden" in v.melding.value  # escaped HTML
    assert "opgaven.csv" in v.melding.value
    assert sqlite_dump(werkruimte) == voor and v.upload.value == ()
    rijen = [
        _r("2022", "Groningen", "Groningen", "Gemeente", "GM9998", "120000", "20", "30"),
        _r("2022", "Selwerd", "Groningen", "Wijk", "WK999801", "4000", "45.0", "."),
    ]
    v.tabel.value = "TESTTABEL"
    v.upload.value = (_upload("kwb.csv", statline(rijen)),)
    assert "Selwerd = Selwerd (WK999801" in v.verslag.value
    html = v.profiel.value
    assert "CBS TESTTABEL, 2022" in html and "45" in html
    knoppen = [k for r in v.signalen.children for k in r.children if hasattr(k, "click")]
    assert [k.tooltip for k in knoppen] == ["Meer werk en werkgelegenheid"]
    knoppen[0].click()
    assert "Meer werk en werkgelegenheid" in store.opgaven(werkruimte, "Selwerd")["titel"].tolist()
    assert "staat al bij de opgaven" in v.signalen.children[0].children[1].value


def test_a_subject_under_its_older_cbs_name_is_not_listed_as_missing() -> None:
    """Electricity use is 'levering' in older Kerncijfers tables and 'verbruik' in newer ones:
    both are configured under one label, and either one is enough."""
    import pandas as pd

    from wijkanalyse.wijkprofiel import profiel as wp

    keuze = wp.kerncijfers()
    label = "Gemiddeld elektriciteitsverbruik"
    assert (keuze["label"] == label).sum() == 2
    oud = pd.DataFrame({"onderwerp": ["Gemiddelde elektriciteitslevering totaal"]})
    assert label not in wp.ontbrekende_kerncijfers(oud, keuze)
    assert wp.ontbrekende_kerncijfers(oud.iloc[:0], keuze).count(label) == 1
