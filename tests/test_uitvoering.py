"""Signals of the uitvoering (a pure function on DataFrames): each raised for its reason and
not otherwise, with fixed dates."""

from __future__ import annotations

from datetime import date

import pandas as pd

from wijkanalyse.uitvoering import (
    SIGNAAL_KOLOMMEN,
    gekozen_items,
    signalen,
    voorgestelde_acties,
    voortgang_per_wijk,
)

VANDAAG = date(2027, 3, 1)


def _gegevens() -> dict[str, pd.DataFrame]:
    """Opgaven 1 (start 2027), 2 (2028), 3 (2030); koppeling 10 = 1 × 2 (koppelkans, chosen
    1 March 2025), 11 = 2 × 3 (meekoppelkans, not chosen); opgave 1 chosen."""
    opgaven = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "wijk": "Laak",
            "titel": ["Warmtenet", "Riolering", "Groen"],
            "start_jaar": pd.array([2027, 2027, 2030], dtype="Int64"),
            "eind_jaar": pd.array([2029, 2028, 2031], dtype="Int64"),
        }
    )
    koppelingen = pd.DataFrame(
        {
            "id": [10, 11],
            "wijk": "Laak",
            "opgave_a": [1, 2],
            "opgave_b": [2, 3],
            "niveau": ["koppelkans", "meekoppelkans"],
        }
    )
    besluiten = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "wijk": "Laak",
            "onderwerp_soort": ["koppeling", "koppeling", "opgave"],
            "onderwerp_id": [10, 11, 1],
            "besluit": ["gekozen", "niet gekozen", "gekozen"],
            "datum": ["2025-03-01", "2025-03-01", "2025-03-01"],
        }
    )
    items = pd.DataFrame(
        {
            "id": [100, 101, 102, 103],
            "wijk": "Laak",
            "koppeling_id": [10, 10, 10, 11],
            "soort": ["kans", "bedreiging", "bedreiging", "bedreiging"],
            "tekst": ["Straat één keer open", "Vertraging", "Subsidie valt weg", "Te druk"],
            "impact": ["groot", "middel", "klein", "groot"],
            "horizon": ["nu", "nu", "later", "later"],
            "interventie": ["Eén planning", "Mijlpalen koppelen", "", "Deelgebieden"],
            "interventie_eigenaar": ["Gemeente", "Waterschap", "", "Corporatie"],
        }
    )
    acties = pd.DataFrame(
        {
            "id": pd.array([1000], dtype="Int64"),
            "wijk": "Laak",
            "onderwerp_soort": ["koppeling"],
            "onderwerp_id": pd.array([10], dtype="Int64"),
            "item_id": pd.array([100], dtype="Int64"),
            "status": ["gepland"],
            "voortgang": pd.array([0], dtype="Int64"),
        }
    )
    risicos = pd.DataFrame(
        {
            "id": [1],
            "wijk": "Laak",
            "item_id": [101],
            "herzien_op": ["2027-02-28"],
        }
    )
    return {
        "besluiten": besluiten,
        "opgaven": opgaven,
        "koppelingen": koppelingen,
        "items": items,
        "acties": acties,
        "risicos": risicos,
    }


def _soorten(df: pd.DataFrame) -> list[tuple[str, str, int]]:
    return sorted(
        (s, o, int(i))
        for s, o, i in zip(df["soort"], df["onderwerp_soort"], df["onderwerp_id"], strict=True)
    )


def test_elk_signaal_met_zijn_reden() -> None:
    s = signalen(vandaag=VANDAAG, maanden=6, **_gegevens())
    assert list(s.columns) == list(SIGNAAL_KOLOMMEN)
    assert _soorten(s) == [
        ("herziening verlopen", "koppeling", 10),
        ("horizon bereikt", "koppeling", 10),
        ("koppelmoment nadert", "koppeling", 10),
    ]
    reden = dict(zip(s["soort"], s["reden"], strict=True))
    assert reden["herziening verlopen"] == (
        "De herziening van bedreiging 'Vertraging' stond op 28-02-2027; die datum is voorbij. "
        "Bekijk kans, impact en maatregel opnieuw."
    )
    assert "'Subsidie valt weg' stond op 'over twee jaar en later'" in reden["horizon bereikt"]
    assert "01-03-2025" in reden["horizon bereikt"]
    assert reden["koppelmoment nadert"] == (
        "Het koppelmoment van 'Warmtenet × Riolering' is begonnen in 2027, en 1 actie is nog "
        "niet gestart (gepland)."
    )
    assert set(s["wijk"]) == {"Laak"}
    # the not-chosen koppeling 11 raises nothing, though its bedreiging is 'later'
    assert 11 not in set(s["onderwerp_id"])


def test_geen_signaal_zonder_reden() -> None:
    g = _gegevens()
    # the review date is today: not passed yet
    g["risicos"] = g["risicos"].assign(herzien_op="2027-03-01")
    # the choice is 2 years minus a day old: the horizon has not arrived
    g["besluiten"] = g["besluiten"].assign(datum="2025-03-02")
    # the action has started
    g["acties"] = g["acties"].assign(status="loopt")
    assert signalen(vandaag=VANDAAG, **g).empty


def test_koppelmoment_binnen_gekozen_maanden() -> None:
    g = _gegevens()
    g["opgaven"] = g["opgaven"].assign(start_jaar=pd.array([2028, 2027, 2030], dtype="Int64"))
    g["risicos"] = g["risicos"].iloc[:0]
    g["items"] = g["items"][g["items"]["horizon"] == "nu"]
    assert signalen(vandaag=VANDAAG, maanden=6, **g).empty  # 01-01-2028 is 10 months away
    s = signalen(vandaag=VANDAAG, maanden=10, **g)
    assert _soorten(s) == [("koppelmoment nadert", "koppeling", 10)]
    assert "begint op 01-01-2028, binnen 10 maanden" in s["reden"].iloc[0]
    # over: the koppeling's last year (the earlier end year, 2028) has passed
    later = signalen(vandaag=date(2029, 1, 2), maanden=10, **g)
    assert "koppelmoment nadert" not in set(later["soort"])


def test_koppelkans_zonder_actie() -> None:
    g = _gegevens()
    g["risicos"] = g["risicos"].iloc[:0]
    g["items"] = g["items"][g["items"]["horizon"] == "nu"]
    g["acties"] = g["acties"].assign(status="vervallen")  # a dropped action does not count
    s = signalen(vandaag=VANDAAG, **g)
    assert _soorten(s) == [("koppelkans zonder actie", "koppeling", 10)]
    assert s["reden"].iloc[0].startswith("De koppelkans 'Warmtenet × Riolering' is gekozen")
    g["koppelingen"] = g["koppelingen"].assign(niveau="meekoppelkans")
    assert signalen(vandaag=VANDAAG, **g).empty


def test_acties_uit_de_keuzes() -> None:
    g = _gegevens()
    # koppeling 10 chosen: its items with an interventie; 11 'niet gekozen': none of its
    # items, although opgave 1 ... (11 is 2 × 3, opgave 1 not in it anyway)
    v = voorgestelde_acties(g["besluiten"], g["koppelingen"], g["items"], g["acties"])
    assert v.to_dict("records") == [
        {
            "onderwerp_soort": "koppeling",
            "onderwerp_id": 10,
            "item_id": 101,
            "titel": "Mijlpalen koppelen",
            "eigenaar": "Waterschap",
        }
    ]
    # without a decision on koppeling 10, its items hang on the chosen opgave 1
    b = g["besluiten"][g["besluiten"]["onderwerp_soort"] == "opgave"]
    gi = gekozen_items(b, g["koppelingen"], g["items"])
    assert set(zip(gi["id"], gi["onderwerp_soort"], gi["onderwerp_id"], strict=True)) == {
        (100, "opgave", 1),
        (101, "opgave", 1),
        (102, "opgave", 1),
    }


def test_voortgang_per_wijk() -> None:
    a = pd.DataFrame(
        {
            "wijk": ["Laak", "Laak", "Laak", "Selwerd"],
            "status": ["gepland", "loopt", "vervallen", "gereed"],
            "voortgang": [0, 50, 10, 100],
        }
    )
    s = pd.DataFrame({"wijk": ["Laak", "Laak", "Zuid"]})
    v = voortgang_per_wijk(a, s).set_index("wijk")
    assert v.loc[
        "Laak", ["gepland", "loopt", "gereed", "vervallen", "acties", "signalen"]
    ].tolist() == [1, 1, 0, 1, 3, 2]
    assert v.loc["Laak", "voortgang"] == 25 and v.loc["Selwerd", "voortgang"] == 100
    assert v.loc["Zuid", "acties"] == 0 and pd.isna(v.loc["Zuid", "voortgang"])
