"""The werksessie's question types (stemmen, gewichten samen bepalen, 2×2, opnieuw scoren):
the AHP arithmetic on worked examples checked by hand, and the answers in a real workspace."""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from wijkanalyse import afweging, store
from wijkanalyse.core.errors import InvoerFout, OnbekendFout
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.databank.werksessie import RondeGesloten
from wijkanalyse.werksessie import ahp, resultaten, vragen
from wijkanalyse.werksessie.vraagsoorten import VRAAGSOORTEN, gewichten, opnieuw

BEIDE_BACKENDS = True  # tests with `werkruimte` run on SQLite and on PostgreSQL (conftest)


# --------------------------------------------------------------------------- AHP by hand


def test_consistent_matrix_gives_its_ratios_and_cr_zero() -> None:
    """A = [[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]] is consistent (a_ik = a_ij * a_jk): every
    column is proportional to (4, 2, 1), so w = (4/7, 2/7, 1/7), A w = 3 w, λmax = n = 3,
    CI = (3 - 3) / 2 = 0, CR = 0."""
    a = ahp.matrix(3, {(0, 1): 2, (0, 2): 4, (1, 2): 2})
    w, cr = ahp.ahp(a)
    assert np.allclose(w, [4 / 7, 2 / 7, 1 / 7])
    assert cr == pytest.approx(0, abs=1e-9)


def test_saatys_classic_example_by_hand() -> None:
    """A = [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]. For 3 criteria the principal eigenvector
    equals the normalised geometric means of the rows:
    (15^(1/3), 1, (1/15)^(1/3)) = (2.4662, 1, 0.4055), sum 3.8717
    → w = (0.6370, 0.2583, 0.1047).
    A w = (0.6370 + 3·0.2583 + 5·0.1047, 0.6370/3 + 0.2583 + 3·0.1047,
           0.6370/5 + 0.2583/3 + 0.1047) = (1.9354, 0.7847, 0.3182);
    divided by w: 3.038, 3.038, 3.039 → λmax = 3.0385.
    CI = (3.0385 - 3) / 2 = 0.0193; RI(3) = 0.58; CR = 0.0193 / 0.58 = 0.033 (below 0.10)."""
    a = ahp.matrix(3, {(0, 1): 3, (0, 2): 5, (1, 2): 3})
    w, lam = ahp.gewichten(a)
    assert np.allclose(w, [0.6370, 0.2583, 0.1047], atol=5e-4)
    assert lam == pytest.approx(3.0385, abs=5e-4)
    assert ahp.consistentie(a) == pytest.approx(0.0332, abs=5e-4)


def test_a_circular_judgement_is_inconsistent_by_hand() -> None:
    """A prefers 1 over 2 (9), 2 over 3 (9) and 3 over 1 (9): a circle. By symmetry
    w = (1/3, 1/3, 1/3); (A w)_1 = (1 + 9 + 1/9) / 3 = 3.3704, so λmax = 3.3704 / (1/3) =
    10.111; CI = (10.111 - 3) / 2 = 3.5556; CR = 3.5556 / 0.58 = 6.130 (far above 0.10)."""
    a = ahp.matrix(3, {(0, 1): 9, (1, 2): 9, (0, 2): 1 / 9})
    w, cr = ahp.ahp(a)
    assert np.allclose(w, [1 / 3] * 3)
    assert cr == pytest.approx(6.130, abs=1e-3)
    assert cr > ahp.CR_GRENS


def test_group_is_the_geometric_mean_of_judgements_by_hand() -> None:
    """Two people on two criteria: one says 4 (first four times as important), the other 1.
    Geometric mean: sqrt(4 · 1) = 2, so the group's matrix is [[1, 2], [1/2, 1]] and its
    weights (2/3, 1/3). (The arithmetic mean of the judgements, 2.5, would give 5/7.)"""
    g = ahp.groepsmatrix([ahp.matrix(2, {(0, 1): 4}), ahp.matrix(2, {(0, 1): 1})])
    assert np.allclose(g, [[1, 2], [0.5, 1]])
    assert np.allclose(ahp.ahp(g)[0], [2 / 3, 1 / 3])


def test_saaty_scale_accepts_only_1_to_9_and_reciprocals() -> None:
    assert vragen.saaty("3") == 3 and vragen.saaty(1 / 7) == pytest.approx(1 / 7)
    for fout in ("10", "0", "2,5", "x", -3):
        with pytest.raises(InvoerFout, match="schaal 1 tot 9"):
            vragen.saaty(fout)


def test_the_phones_result_of_each_question_type_by_hand() -> None:
    """What participants read once the facilitator shows a question round's result."""
    from wijkanalyse.werksessie.uitslag import vraag_uitslag_html

    def a(d: int, onderwerp: str, x, y=None) -> dict:
        return {"deelnemer_id": d, "onderwerp": onderwerp, "waarde": x, "waarde2": y}

    opg = [{"soort": "opgave", "id": i, "titel": t} for i, t in ((1, "A"), (2, "B"), (3, "C"))]
    crit = [{"soort": "criterium", "id": i, "titel": t} for i, t in ((7, "X"), (8, "Y"), (9, "Z"))]
    stemmen = [a(1, "opgave:1", 2), a(1, "opgave:2", 1), a(2, "opgave:1", 3)]
    stemmen += [a(3, "opgave:2", 1), a(3, "opgave:3", 2)]
    uit = vraag_uitslag_html({"soort": "stemmen"}, opg, stemmen)
    assert "<li>A: 5</li><li>B: 2</li><li>C: 2</li>" in uit and "3 personen stemden" in uit
    punten = [
        a(d, f"criterium:{c}", x)
        for d, rij in ((1, (50, 30, 20)), (2, (40, 40, 20)), (3, (30, 35, 35)))
        for c, x in zip((7, 8, 9), rij, strict=True)
    ]
    uit = vraag_uitslag_html({"soort": "punten"}, crit, punten)
    assert "<li>X: 40,0 punten</li><li>Y: 35,0 punten</li><li>Z: 25,0 punten</li>" in uit
    # one consistent judgement: X 2× Y, X 4× Z, Y 2× Z gives 4/7, 2/7, 1/7
    paren = [a(1, "criterium:7|criterium:8", 2.0), a(1, "criterium:7|criterium:9", 4.0)]
    paren += [a(1, "criterium:8|criterium:9", 2.0), a(2, "criterium:7|criterium:8", 9.0)]
    uit = vraag_uitslag_html({"soort": "paarsgewijs"}, crit, paren)
    assert "<li>X: 57,1 %</li><li>Y: 28,6 %</li><li>Z: 14,3 %</li>" in uit
    assert "(1 persoon; meetkundig gemiddelde), consistentie-ratio 0,00" in uit
    plaatsen = [a(1, "opgave:1", 5, 4), a(2, "opgave:1", 4, 5), a(3, "opgave:1", 3, 3)]
    plaatsen += [a(1, "opgave:2", 2, 1), a(2, "opgave:2", 1, None)]
    ronde = {"soort": "tweebijtwee", "instellingen": {"as_x": "Effect", "as_y": "Tempo <b>"}}
    uit = vraag_uitslag_html(ronde, opg, plaatsen)
    assert "<li>A: Effect 4,0, Tempo &lt;b&gt; 4,0 (3 personen)</li>" in uit
    assert "<li>B: Effect 2,0, Tempo &lt;b&gt; 1,0 (1 persoon)</li>" in uit and "C:" not in uit
    assert "Nog geen antwoorden" in vraag_uitslag_html({"soort": "stemmen"}, opg, [])


# --------------------------------------------------------------------------- in a workspace


@pytest.fixture
def sessie(werkruimte: Path) -> dict:
    return opslag.start_sessie(werkruimte, "laak", ["bewoners", "projectteam"])


def _drie(db, s: dict) -> list[dict]:
    groepen = [s["groepen"][0]["id"], s["groepen"][0]["id"], s["groepen"][1]["id"]]
    return [opslag.meld_aan(db, s["id"], g, n) for g, n in zip(groepen, "ABC", strict=True)]


def _open(db, rid: int) -> int:
    opslag.zet_ronde_status(db, rid, "open")
    return rid


def test_dots_are_counted_limited_per_person_and_ranked(werkruimte: Path, sessie: dict) -> None:
    db, sid = werkruimte, sessie["id"]
    a, b, c = _drie(db, sessie)
    opg = store.opgaven(db, "Laak")["id"].tolist()[:3]
    ronde_v = opslag.voeg_ronde_toe(db, sid, "opgaven")
    _open(db, ronde_v)
    v = opslag.dien_voorstel_in(db, a["token"], sid, ronde_v, soort="opgave", tekst="Meer groen")
    onderwerpen = [("opgave", o) for o in opg] + [("voorstel", v)]
    rid = _open(
        db,
        vragen.voeg_vraagronde_toe(
            db, sid, "stemmen", onderwerpen, {"modus": "stippen", "stippen": 3, "top": 2}
        ),
    )
    k = [vragen.sleutel(s, i) for s, i in onderwerpen]
    vragen.zet_antwoord(db, a["token"], sid, rid, k[3], 2)
    vragen.zet_antwoord(db, a["token"], sid, rid, k[0], 1)
    with pytest.raises(InvoerFout, match="3 stippen in totaal en nog 0 over"):
        vragen.zet_antwoord(db, a["token"], sid, rid, k[1], 1)
    vragen.zet_antwoord(db, a["token"], sid, rid, k[0], 0)  # takes the dot back
    vragen.zet_antwoord(db, a["token"], sid, rid, k[1], 1)
    vragen.zet_antwoord(db, b["token"], sid, rid, k[3], 3)
    vragen.zet_antwoord(db, c["token"], sid, rid, k[1], 3)
    with pytest.raises(OnbekendFout):
        vragen.zet_antwoord(db, c["token"], sid, rid, "opgave:999999", 1)
    df = VRAAGSOORTEN["stemmen"].resultaat(db, rid)
    assert df[["titel", "stemmen", "mensen", "rang", "top"]].values.tolist()[:3] == [
        ["Meer groen", 5, 2, 1, True],
        [df["titel"][1], 4, 2, 2, True],
        [df["titel"][2], 0, 0, 3, False],
    ]
    assert df["titel"][1] == store.opgaven(db, "Laak").set_index("id").loc[opg[1], "titel"]
    fig = VRAAGSOORTEN["stemmen"].figuur(df)
    assert list(np.asarray(fig.data[0].x))[-2:] == [4, 5]  # most votes on top
    assert "Meer groen" in VRAAGSOORTEN["stemmen"].html(df, opslag.ronde(opslag.verbind(db), rid))
    opslag.zet_ronde_status(db, rid, "gesloten")
    with pytest.raises(RondeGesloten):
        vragen.zet_antwoord(db, a["token"], sid, rid, k[2], 1)
    # the export: every answer, and the round's counts
    wb = openpyxl.load_workbook(io.BytesIO(resultaten.export_xlsx(db, sid)))
    antwoorden = list(wb["Antwoorden"].iter_rows(values_only=True))
    assert antwoorden[0][:6] == ("Ronde", "Soort", "Groep", "Deelnemer", "Onderwerp", "Waarde")
    assert ("Meer groen", 2) in [(r[4], r[5]) for r in antwoorden]
    uitkomst = list(wb["Ronde 2 stemmen"].iter_rows(values_only=True))
    assert uitkomst[:2] == [
        ("Onderwerp", "Stemmen", "Mensen", "Plaats", "Top"),
        ("Meer groen", 5, 2, 1, "ja"),
    ]


def test_upvotes_are_one_per_subject(werkruimte: Path, sessie: dict) -> None:
    db, sid = werkruimte, sessie["id"]
    a, b, _c = _drie(db, sessie)
    kop = store.koppelingen(db, "Laak")["id"].tolist()[:2]
    rid = _open(
        db,
        vragen.voeg_vraagronde_toe(
            db, sid, "stemmen", [("koppeling", x) for x in kop], {"modus": "duimpjes"}
        ),
    )
    for d in (a, b):
        for x in kop:
            vragen.zet_antwoord(db, d["token"], sid, rid, f"koppeling:{x}", 1)
    with pytest.raises(InvoerFout, match="van 0 tot en met 1"):
        vragen.zet_antwoord(db, a["token"], sid, rid, f"koppeling:{kop[0]}", 2)
    assert VRAAGSOORTEN["stemmen"].resultaat(db, rid)["stemmen"].tolist() == [2, 2]


def test_hundred_points_must_add_up_and_give_mean_shares(werkruimte: Path, sessie: dict) -> None:
    db, sid = werkruimte, sessie["id"]
    a, b, c = _drie(db, sessie)
    crit = store.criteria(db, "Laak")["id"].tolist()[:3]
    rid = _open(db, vragen.voeg_vraagronde_toe(db, sid, "punten", [("criterium", x) for x in crit]))
    k = [f"criterium:{x}" for x in crit]
    with pytest.raises(InvoerFout, match="tellen op tot 90; het moeten er precies 100 zijn"):
        vragen.zet_antwoorden(db, a["token"], sid, rid, dict(zip(k, [50, 30, 10], strict=True)))
    vragen.zet_antwoorden(db, a["token"], sid, rid, dict(zip(k, [50, 30, 20], strict=True)))
    vragen.zet_antwoorden(db, b["token"], sid, rid, dict(zip(k, [30, 30, 40], strict=True)))
    vragen.zet_antwoorden(db, c["token"], sid, rid, dict(zip(k, [10, 90, 0], strict=True)))
    df = VRAAGSOORTEN["punten"].resultaat(db, rid)
    alle = df[df["groep"] == gewichten.ALLE]
    assert alle["gewicht"].round(4).tolist() == [0.3, 0.5, 0.2]
    bew = df[df["groep"] == "bewoners"]
    assert bew["gewicht"].round(4).tolist() == [0.4, 0.3, 0.3] and set(bew["n"]) == {2}


def test_pairwise_weights_cr_per_person_and_group_and_adopting_them_undoes(
    werkruimte: Path, sessie: dict
) -> None:
    """A and C give Saaty's classic judgements (3, 5, 3), B the circular ones (9, 9, 1/9).
    Per person: A and C CR 0.033, B 6.13. All groups: geometric mean per pair:
    (3·9·3)^(1/3) = 81^(1/3) = 4.327, (5·(1/9)·5)^(1/3) = (25/9)^(1/3) = 1.406,
    (3·9·3)^(1/3) = 4.327. Row geometric means: (4.327·1.406)^(1/3) = 1.826,
    (4.327/4.327)^(1/3) = 1, (1/(1.406·4.327))^(1/3) = 0.5476; sum 3.374 → weights
    (0.5413, 0.2964, 0.1623)."""
    db, sid = werkruimte, sessie["id"]
    a, b, c = _drie(db, sessie)
    crit = store.criteria(db, "Laak")
    ids = crit["id"].tolist()[:3]
    oud = dict(zip(crit["id"], crit["gewicht"], strict=True))
    rid = _open(
        db, vragen.voeg_vraagronde_toe(db, sid, "paarsgewijs", [("criterium", x) for x in ids])
    )
    p = [vragen.paar_sleutel(x, y) for x, y in vragen.paren(ids)]  # (0,1), (0,2), (1,2)
    with pytest.raises(InvoerFout, match="ontbreekt nog 1"):
        vragen.zet_antwoorden(db, a["token"], sid, rid, {p[0]: 3, p[1]: 5})
    for d, oordeel in ((a, (3, 5, 3)), (b, (9, 1 / 9, 9)), (c, (3, 5, 3))):
        vragen.zet_antwoorden(db, d["token"], sid, rid, dict(zip(p, oordeel, strict=True)))
    mensen = gewichten.per_persoon(db, rid).set_index("naam")
    assert mensen["cr"].round(3).to_dict() == {"A": 0.033, "B": 6.13, "C": 0.033}
    df = VRAAGSOORTEN["paarsgewijs"].resultaat(db, rid)
    alle = df[df["groep"] == gewichten.ALLE]
    assert alle["gewicht"].round(3).tolist() == [0.541, 0.296, 0.162]
    assert set(alle["n"]) == {3}
    team = df[df["groep"] == "projectteam"]  # C alone
    assert team["gewicht"].round(3).tolist() == [0.637, 0.258, 0.105]
    assert "consistentie-ratio" in VRAAGSOORTEN["paarsgewijs"].html(df, {})

    overgenomen = gewichten.overnemen(db, rid)
    assert overgenomen == dict(zip(ids, [54.1, 29.6, 16.2], strict=True))
    nieuw = store.criteria(db, "Laak").set_index("id")["gewicht"]
    assert [nieuw[x] for x in ids] == [54.1, 29.6, 16.2]
    h = store.historie(db, "Laak").iloc[0]
    assert h["wat"].startswith(f"Gewichten overgenomen uit ronde 1 van werksessie {sid}")
    store.maak_ongedaan(db, "Laak")
    terug = store.criteria(db, "Laak")
    assert dict(zip(terug["id"], terug["gewicht"], strict=True)) == oud


def test_two_by_two_mean_place_per_subject(werkruimte: Path, sessie: dict) -> None:
    db, sid = werkruimte, sessie["id"]
    a, b, _c = _drie(db, sessie)
    opg = store.opgaven(db, "Laak")["id"].tolist()[:2]
    with pytest.raises(InvoerFout, match="verschillende namen"):
        vragen.voeg_vraagronde_toe(
            db, sid, "tweebijtwee", [("opgave", opg[0])], {"as_x": "Impact", "as_y": "impact"}
        )
    rid = _open(
        db,
        vragen.voeg_vraagronde_toe(
            db, sid, "tweebijtwee", [("opgave", o) for o in opg], {"as_x": "Impact"}
        ),
    )
    k = f"opgave:{opg[0]}"
    vragen.zet_antwoord(db, a["token"], sid, rid, k, 5, None)
    vragen.zet_antwoord(db, a["token"], sid, rid, k, None, 2)  # the other axis later
    vragen.zet_antwoord(db, b["token"], sid, rid, k, 2, 4)
    vragen.zet_antwoord(db, b["token"], sid, rid, f"opgave:{opg[1]}", 1, None)  # half placed
    with pytest.raises(InvoerFout, match="van 1 tot en met 5"):
        vragen.zet_antwoord(db, b["token"], sid, rid, k, 6, 1)
    df = VRAAGSOORTEN["tweebijtwee"].resultaat(db, rid)
    assert df[["onderwerp", "x", "y", "n", "as_x", "as_y"]].values.tolist() == [
        [k, 3.5, 3.0, 2, "Impact", "Haalbaarheid"]
    ]
    fig = VRAAGSOORTEN["tweebijtwee"].figuur(df)
    assert fig.layout.xaxis.title.text == "Impact"
    assert "<svg" in VRAAGSOORTEN["tweebijtwee"].html(df, {})


def test_rescoring_takes_the_largest_disagreements_and_keeps_the_old_round(
    werkruimte: Path, sessie: dict
) -> None:
    """Round 1, first criterium: opgave A scored 1, 5, 3 (spread: standard deviation
    sqrt(8/3) = 1.63), B 2, 3, 2 (0.47), C 4, 4, 4 (0). Rescoring two: A then B, not C."""
    db, sid = werkruimte, sessie["id"]
    a, b, c = _drie(db, sessie)
    opg = store.opgaven(db, "Laak")["id"].tolist()[:3]
    cid = int(store.criteria(db, "Laak")["id"].iloc[0])
    rid = _open(db, opslag.voeg_ronde_toe(db, sid, "scores", [("opgave", o) for o in opg]))
    for d, waarden in ((a, (1, 2, 4)), (b, (5, 3, 4)), (c, (3, 2, 4))):
        for o, x in zip(opg, waarden, strict=True):
            opslag.zet_score(db, d["token"], sid, rid, "opgave", o, cid, x)
    onenig = opnieuw.resultaat(db, rid)
    assert onenig["onderwerp_id"].tolist() == opg
    assert onenig["spreiding"].round(2).tolist() == [1.63, 0.47, 0.0]
    nieuw = opnieuw.maak_ronde(db, rid, aantal=3)
    con = opslag.verbind(db)
    try:
        r = opslag.ronde(con, nieuw)
    finally:
        con.close()
    assert r["soort"] == "scores" and r["volgorde"] == 2 and r["instellingen"] == {"bron": rid}
    assert r["onderwerpen"] == [["opgave", opg[0]], ["opgave", opg[1]]]  # C: no disagreement
    assert r["titel"] == "Opnieuw scoren: de 2 grootste verschillen uit ronde 1"
    _open(db, nieuw)
    opslag.zet_score(db, a["token"], sid, nieuw, "opgave", opg[0], cid, 3)
    with pytest.raises(OnbekendFout):  # C is not in the new round
        opslag.zet_score(db, a["token"], sid, nieuw, "opgave", opg[2], cid, 3)
    # Both rounds kept; by default the latest round per person counts.
    sc = store.scores(db, "Laak")
    ana = sc[sc["scorer"] == opslag.scorer_naam("A", sid)]
    assert sorted(ana["waarde"].tolist()) == [1, 2, 3, 4]
    gekozen = afweging.kies_rondes(sc, afweging.LAATSTE_PER_PERSOON, {rid: 1, nieuw: 2})
    ana = gekozen[gekozen["scorer"] == opslag.scorer_naam("A", sid)]
    assert dict(zip(ana["onderwerp_id"], ana["waarde"], strict=True)) == dict(
        zip(opg, [3, 2, 4], strict=True)
    )
    assert afweging.kies_rondes(sc, afweging.Rondekeuze.ronde(rid))["waarde"].tolist().count(1) == 1


def test_rescoring_takes_the_number_the_facilitator_chose(werkruimte: Path, sessie: dict) -> None:
    """The same spreads as above (A 1.63, B 0.47, C 0.82 now): one subject is A; the default
    three are A, C, B; zero is refused in Dutch; each new round stands beside the old."""
    db, sid = werkruimte, sessie["id"]
    a, b, c = _drie(db, sessie)
    opg = store.opgaven(db, "Laak")["id"].tolist()[:4]
    cid = int(store.criteria(db, "Laak")["id"].iloc[0])
    rid = _open(db, opslag.voeg_ronde_toe(db, sid, "scores", [("opgave", o) for o in opg]))
    # A: 1, 5, 3 -> 1.63; B: 2, 3, 2 -> 0.47; C: 2, 4, 4 -> 0.94; D: 4, 4, 4 -> 0
    for d, waarden in ((a, (1, 2, 2, 4)), (b, (5, 3, 4, 4)), (c, (3, 2, 4, 4))):
        for o, x in zip(opg, waarden, strict=True):
            opslag.zet_score(db, d["token"], sid, rid, "opgave", o, cid, x)
    een = opnieuw.maak_ronde(db, rid, 1)
    standaard = opnieuw.maak_ronde(db, rid)
    alle = opnieuw.maak_ronde(db, rid, 4)  # all four: D has no spread, so three
    with pytest.raises(InvoerFout, match="minstens één onderwerp"):
        opnieuw.maak_ronde(db, rid, 0)
    con = opslag.verbind(db)
    try:
        rondes = {r["id"]: r for r in opslag.rondes(con, sid)}
    finally:
        con.close()
    assert [r["volgorde"] for r in rondes.values()] == [1, 2, 3, 4]
    assert rondes[een]["onderwerpen"] == [["opgave", opg[0]]]
    assert rondes[een]["titel"] == "Opnieuw scoren: het grootste verschil uit ronde 1"
    drie = [["opgave", opg[0]], ["opgave", opg[2]], ["opgave", opg[1]]]
    assert rondes[standaard]["onderwerpen"] == drie
    assert rondes[standaard]["titel"] == "Opnieuw scoren: de 3 grootste verschillen uit ronde 1"
    assert rondes[alle]["onderwerpen"] == drie
    assert len(opslag_scores(db, sid, rid)) == 12  # the old round keeps its scores


def opslag_scores(db, sid: int, rid: int) -> list:
    con = opslag.verbind(db)
    try:
        return opslag.sessie_scores(con, sid, rid)
    finally:
        con.close()


def test_a_version_4_workspace_gets_the_question_types_and_keeps_its_rounds(
    _demo_sjabloon: Path, tmp_path: Path
) -> None:
    p = tmp_path / "oud.sqlite"
    shutil.copy(_demo_sjabloon, p)
    s = opslag.start_sessie(p, "Laak", ["bewoners"])
    rid = opslag.voeg_ronde_toe(p, s["id"], "opgaven")
    opslag.zet_ronde_status(p, rid, "open")
    d = opslag.meld_aan(p, s["id"], s["groepen"][0]["id"], "Ana")
    opslag.dien_voorstel_in(p, d["token"], s["id"], rid, soort="opgave", tekst="Bankjes")
    # back to version 4: the rounds table as it was, no answers table
    con = sqlite3.connect(p)
    con.executescript(
        "DROP TABLE antwoorden; ALTER TABLE rondes DROP COLUMN instellingen;"
        "PRAGMA user_version = 4;"
    )
    versie = con.execute("PRAGMA schema_version").fetchone()[0]
    nieuw_ddl = con.execute("SELECT sql FROM sqlite_master WHERE name = 'rondes'").fetchone()[0]
    con.executescript(
        "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
        + "'"
        + nieuw_ddl.replace(", 'stemmen', 'punten', 'paarsgewijs', 'tweebijtwee'", "").replace(
            "'", "''"
        )
        + "' WHERE name = 'rondes';"
        f"PRAGMA schema_version = {versie + 1}; PRAGMA writable_schema = OFF;"
    )
    con.close()
    con = sqlite3.connect(p)
    with pytest.raises(sqlite3.IntegrityError):  # really version 4: the old kinds only
        con.execute("UPDATE rondes SET soort = 'stemmen'")
    con.close()
    store.maak_werkruimte(p)
    store.maak_werkruimte(p)  # a second open changes nothing
    assert store.schema_versie(p) == store.SCHEMA_VERSIE
    con = opslag.verbind(p)
    try:
        assert [r["soort"] for r in opslag.rondes(con, s["id"])] == ["opgaven"]
        assert [v["tekst"] for v in opslag.voorstellen(con, s["id"])] == ["Bankjes"]
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    crit = store.criteria(p, "Laak")["id"].tolist()[:2]
    rid2 = vragen.voeg_vraagronde_toe(p, s["id"], "punten", [("criterium", x) for x in crit])
    opslag.zet_ronde_status(p, rid2, "open")
    vragen.zet_antwoorden(p, d["token"], s["id"], rid2, {f"criterium:{crit[0]}": 100})
    con = sqlite3.connect(p)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE rondes SET soort = 'iets anders'")
    con.close()
