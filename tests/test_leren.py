"""Leren van andere wijken: a pair worked out elsewhere is suggested here, with its origin."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from wijkanalyse import leren, store
from wijkanalyse.model import open_wijk
from wijkanalyse.widgets.koppelingen import KoppelingenView

# Three wijken worked out "Warmtenet aanleggen" × "Riolering vervangen" (titles written a bit
# differently in each); a fourth has the same two opgaven and an empty pair.
UITGEWERKT = {
    "Noord": ("Warmtenet aanleggen", "Riolering vervangen", "gekozen"),
    "Oost": ("warmtenet aanleggen.", "Riool vervangen", "niet gekozen"),
    "Zuid": ("Warmtenet aanleggen (fase 2)", "Rioleringen vervangen", None),
}


def _wijk(p: Path, naam: str, a: str, b: str) -> tuple[int, int]:
    store.voeg_wijk_toe(p, naam, "Proefstad", 1000)
    ia = store.voeg_opgave_toe(p, naam, titel=a, transitie="energie", start_jaar=2027)
    ib = store.voeg_opgave_toe(p, naam, titel=b, transitie="klimaatadaptatie", start_jaar=2027)
    store.voeg_opgave_toe(
        p, naam, titel="Sociale samenhang versterken", transitie="sociaaleconomisch"
    )
    return ia, ib


@pytest.fixture
def vier_wijken(tmp_path: Path) -> Path:
    p = tmp_path / "leren.sqlite"
    store.maak_werkruimte(p)
    for naam, (a, b, besluit) in UITGEWERKT.items():
        ia, ib = _wijk(p, naam, a, b)
        kid = store.zet_koppeling(p, naam, ia, ib, "koppelkans")
        kans = store.voeg_item_toe(
            p,
            kid,
            soort="kans",
            tekst="Straat maar één keer open",
            interventie="Eén gezamenlijke planning en één aannemer",
            interventie_eigenaar="Gemeente",
        )
        store.voeg_item_toe(
            p, kid, soort="bedreiging", tekst=f"Vertraging warmtebedrijf in {naam}", impact="groot"
        )
        if besluit:
            store.leg_besluit_vast(p, naam, "koppeling", kid, besluit, f"Reden van {naam}", "Ans")
        if besluit == "gekozen":  # how it went: the kans's interventie became an action
            store.voeg_actie_toe(
                p, naam, "koppeling", kid, item_id=kans, titel="Eén planning", status="gereed"
            )
            store.voeg_actie_toe(
                p, naam, "koppeling", kid, titel="Convenant", status="loopt", voortgang=40
            )
    _wijk(p, "West", "Warmtenet aanleggen", "Riolering vervangen")
    return p


def test_pair_of_three_wijken_suggested_in_a_fourth_taken_over_and_undone(
    vier_wijken: Path,
) -> None:
    model = open_wijk("West", str(vier_wijken))
    v = KoppelingenView(model)
    o = model.opgaven().set_index("titel")["id"]
    v.selecteer(int(o["Warmtenet aanleggen"]), int(o["Riolering vervangen"]))
    paneel = v.leren
    zin = paneel.zin.value
    assert "In 3 van 3 andere wijken" in zin and "3 koppelkans" in zin
    assert "1 kozen ervoor, 1 niet. Hun acties: 1 loopt (gemiddeld 40%), 1 gereed." in zin
    tabel = html.unescape(paneel.tabel.value)
    # how each was recognised, shown so the advisor can reject it
    assert "zelfde voorbeeldopgave uit de catalogus: 'Warmtenet aanleggen'" in tabel
    assert "gelijkende titel binnen klimaatadaptatie (82% gelijk)" in tabel
    assert "gekozen: Reden van Noord (door Ans)" in tabel
    teksten = [r.children[0].value for r in paneel.suggesties.children[1:]]
    # the same kans in three wijken is suggested once, from the chosen wijk, naming the others
    kans = [t for t in teksten if "Straat maar één keer open" in t]
    assert len(kans) == 1 and "overgenomen uit Noord" in kans[0] and "ook in Oost, Zuid" in kans[0]
    assert "Eén gezamenlijke planning en één aannemer" in kans[0]
    assert "uitvoering daar: Noord: 1 gereed" in kans[0]  # how their action fared
    assert sum("Vertraging warmtebedrijf" in t for t in teksten) == 3

    # one click: stored as West's own kans, with its origin, in the pair (made a koppeling)
    rij = next(r for r in paneel.suggesties.children[1:] if "Straat maar" in r.children[0].value)
    rij.children[1].click()
    its = store.items(vier_wijken, "West")
    assert its["tekst"].tolist() == ["Straat maar één keer open"]
    assert its["herkomst"].tolist() == ["overgenomen uit Noord"]
    assert its["interventie_eigenaar"].tolist() == ["Gemeente"]
    assert (
        "Overgenomen uit Noord" in v.items_html.value
        or "overgenomen uit Noord" in v.items_html.value
    )
    # already in the pair: no longer suggested
    assert not any("Straat maar" in r.children[0].value for r in paneel.suggesties.children[1:])
    assert "overgenomen uit Noord" in model.historie()["wat"].iloc[0]

    # undo takes it away again, and it is suggested again
    model.maak_ongedaan()
    assert store.items(vier_wijken, "West").empty
    assert any("Straat maar" in r.children[0].value for r in paneel.suggesties.children[1:])


def test_rejected_match_no_longer_shown_nor_suggested_and_undoable(vier_wijken: Path) -> None:
    model = open_wijk("West", str(vier_wijken))
    v = KoppelingenView(model)
    o = model.opgaven().set_index("titel")["id"]
    v.selecteer(int(o["Warmtenet aanleggen"]), int(o["Riolering vervangen"]))
    paneel = v.leren
    zuid = next(s for _l, s in paneel.afwijs_keuze.options if "|zuid|" in s)
    paneel.afwijs_keuze.value = zuid
    paneel.afwijs.click()
    assert "Zuid" not in paneel.tabel.value
    assert "In 2 van 3 andere wijken" in paneel.zin.value and "1 overeenkomst" in paneel.zin.value
    assert "Vertraging warmtebedrijf in Zuid" not in str(
        [r.children[0].value for r in paneel.suggesties.children[1:]]
    )
    assert model.historie()["wat"].iloc[0].startswith("Overeenkomst afgewezen: Zuid: ")
    # kept in the workspace: a new view (another day) does not show it either
    v2 = KoppelingenView(open_wijk("West", str(vier_wijken)))
    v2.selecteer(int(o["Warmtenet aanleggen"]), int(o["Riolering vervangen"]))
    assert "Zuid" not in v2.leren.tabel.value
    model.maak_ongedaan()
    assert store.afgewezen_overeenkomsten(vier_wijken, "West") == set()


def test_other_workspace_counts_and_is_named(vier_wijken: Path, tmp_path: Path) -> None:
    ander = tmp_path / "buurgemeente.sqlite"
    store.maak_werkruimte(ander)
    ia, ib = _wijk(ander, "Elders", "Warmtenet aanleggen", "Riolering vervangen")
    store.zet_koppeling(ander, "Elders", ia, ib, "afstemming")
    indexen = [
        leren.bouw_index(store.werkruimte_paren(vier_wijken)),
        leren.bouw_index(store.werkruimte_paren(ander), "buurgemeente.sqlite"),
    ]
    v = leren.vergelijk_paar(
        indexen,
        "West",
        ("Warmtenet aanleggen", "energie"),
        ("Riolering vervangen", "klimaatadaptatie"),
    )
    assert v.zin().startswith("In 4 van 4 andere wijken was Warmtenet aanleggen × Riolering")
    assert "Elders (werkruimte buurgemeente.sqlite)" in [o.plaats for o in v.overeenkomsten]
    # a different opgave with a title under the threshold is not taken for the same one
    assert not leren.herken(indexen[0], "Woningen bijbouwen", "verstedelijking")
    assert leren.gelijkenis("woningen renoveren", "woningen bijbouwen") < leren.DREMPEL_TITEL


def test_lessen_chosen_dropped_with_reasons_and_recurring_interventies(vier_wijken: Path) -> None:
    les = leren.lessen(leren.bouw_index(store.werkruimte_paren(vier_wijken)))
    (gekozen,) = les["gekozen"]
    assert gekozen.label == "Warmtenet aanleggen × Riolering vervangen"
    assert gekozen.gekozen == ["Noord"] and gekozen.koppelingen == 3
    assert les["niet_gekozen"][0].niet_gekozen == [("Oost", "Reden van Oost")]
    (terug,) = les["interventies"]
    assert terug["tekst"] == "Eén gezamenlijke planning en één aannemer"
    assert terug["wijken"] == ["Noord", "Oost", "Zuid"]


BEIDE_BACKENDS = True  # the test below uses ``werkruimte``: also on a real PostgreSQL


def test_taken_over_item_and_rejection_kept_in_history_on_both_backends(
    werkruimte: Path | str,
) -> None:
    k = store.koppelingen(werkruimte, "Laak")
    kid = int(k["id"].iloc[0])
    voor = store.items(werkruimte, "Laak")
    item = {"soort": "bedreiging", "tekst": "Geen aannemer te vinden", "impact": "groot"}
    nieuw = store.neem_item_over(werkruimte, kid, item, "overgenomen uit Selwerd")
    na = store.items(werkruimte, "Laak").set_index("id")
    assert na.loc[nieuw, "herkomst"] == "overgenomen uit Selwerd"
    assert set(voor["herkomst"]) <= {""}  # the wijk's own have no origin
    store.wijs_overeenkomst_af(werkruimte, "Laak", "|selwerd|1-2", "Selwerd: A × B")
    store.wijs_overeenkomst_af(werkruimte, "Laak", "|selwerd|1-2", "Selwerd: A × B")
    assert store.afgewezen_overeenkomsten(werkruimte, "Laak") == {"|selwerd|1-2"}
    assert store.afgewezen_overeenkomsten(werkruimte, "Selwerd") == set()
    wat = store.historie(werkruimte, "Laak")["wat"].tolist()
    assert wat[0] == "Overeenkomst afgewezen: Selwerd: A × B"
    na = store.historie(werkruimte, "Laak")["na"].iloc[0]
    assert "Selwerd: A × B" in na and "|selwerd|" not in na  # words, not the internal key
    assert wat[1] == "Bedreiging 'Geen aannemer te vinden' overgenomen uit Selwerd"
    store.maak_ongedaan(werkruimte, "Laak")
    store.maak_ongedaan(werkruimte, "Laak")
    assert store.afgewezen_overeenkomsten(werkruimte, "Laak") == set()
    assert len(store.items(werkruimte, "Laak")) == len(voor)


def test_version_5_workspace_gets_origin_and_rejections(
    tmp_path: Path, _demo_sjabloon: Path
) -> None:
    """Migration 6 on a workspace of schema version 5: its items are the wijk's own."""
    import sqlite3

    p = tmp_path / "v5.sqlite"
    bron, doel = sqlite3.connect(_demo_sjabloon), sqlite3.connect(p)
    bron.backup(doel)
    bron.close()
    for (t,) in doel.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        doel.execute(f"DROP TRIGGER {t}")
    doel.executescript(
        "ALTER TABLE items DROP COLUMN herkomst; DROP TABLE leren_afwijzingen; "
        "PRAGMA user_version = 5;"
    )
    doel.close()
    voor = store.items(_demo_sjabloon, "Laak")
    store.maak_werkruimte(p)
    assert store.schema_versie(p) == store.SCHEMA_VERSIE
    na = store.items(p, "Laak")
    assert na.equals(voor) and set(na["herkomst"]) == {""}
    kid = int(na["koppeling_id"].iloc[0])
    store.neem_item_over(p, kid, {"soort": "kans", "tekst": "Samen graven"}, "overgenomen uit X")
    store.maak_ongedaan(p, "Laak")  # the new column's history triggers work
    assert store.items(p, "Laak").equals(voor)


def test_lessen_page_names_choices_reasons_and_interventies_escaped(
    vier_wijken: Path, tmp_path: Path
) -> None:
    from wijkanalyse.rapport.lessen import schrijf_lessen

    store.leg_besluit_vast(
        vier_wijken,
        "Zuid",
        "koppeling",
        int(store.koppelingen(vier_wijken, "Zuid")["id"].iloc[0]),
        "niet gekozen",
        "<script>alert(1)</script> te duur",
    )
    pagina = schrijf_lessen(tmp_path, vier_wijken, werkruimte="leren", gemaakt_op="7-12-2026")
    tekst = pagina.read_text(encoding="utf-8")
    assert '<html lang="nl">' in tekst and 'href="index.html"' in tekst
    assert "Koppelingen die het vaakst gekozen zijn" in tekst
    assert "<strong>Oost</strong>: Reden van Oost" in tekst
    assert "&lt;script&gt;alert(1)&lt;/script&gt; te duur" in tekst and "<script>" not in tekst
    assert "Eén gezamenlijke planning en één aannemer" in tekst
