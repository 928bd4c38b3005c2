"""The werksessie's question types in the workspace: rounds that ask one of the method's
decisions (stemmen, gewichten samen bepalen, 2×2) and their answers (table ``antwoorden``).

No pandas: the participant's page uses this module. One answer row per participant, round and
subject; the subject is a key such as ``"voorstel:12"``, ``"koppeling:3"``,
``"criterium:5"`` or, for a pairwise judgement, ``"criterium:5|criterium:7"`` (the judgement
``waarde`` says how many times more important the first is than the second: 1/9 … 9).
A 2×2 answer keeps its place on the first axis in ``waarde`` and on the second in ``waarde2``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from ..core.errors import InvoerFout, OnbekendFout
from ..databank import werksessie as opslag
from ..databank.werksessie import RondeGesloten

SOORTEN = opslag.VRAAG_SOORTEN
STEM_MODI = {"stippen": "Stippen (N per persoon)", "duimpjes": "Duimpjes (één per onderwerp)"}
MAX_STIPPEN = 20
PUNTEN_TOTAAL = 100
MAX_PAARSGEWIJS = 10  # Saaty's random index is tabled up to 10 criteria (45 pairs)
SAATY = tuple(range(1, 10))
STANDAARD_ASSEN = ("Impact", "Haalbaarheid")
AS_MIN, AS_MAX = 1, 5

_ONDERWERP_SOORTEN = {
    "stemmen": ("voorstel", "koppeling", "opgave"),
    "punten": ("criterium",),
    "paarsgewijs": ("criterium",),
    "tweebijtwee": ("opgave", "koppeling"),
}


def sleutel(soort: str, ident: int) -> str:
    return f"{soort}:{int(ident)}"


def paar_sleutel(a: int, b: int) -> str:
    return f"criterium:{int(a)}|criterium:{int(b)}"


def paren(criterium_ids: list[int]) -> list[tuple[int, int]]:
    """Every pair of criteria once, in the round's order."""
    return [(a, b) for i, a in enumerate(criterium_ids) for b in criterium_ids[i + 1 :]]


def _geheel(waarde: Any, veld: str, lo: int, hi: int) -> int:
    try:
        x = float(str(waarde).replace(",", "."))
    except ValueError:
        x = math.nan
    if not (math.isfinite(x) and x == int(x) and lo <= x <= hi):
        raise InvoerFout(
            f"'{veld}' moet een geheel getal van {lo} tot en met {hi} zijn.", kolom=veld
        )
    return int(x)


def instellingen_voor(soort: str, instellingen: dict[str, Any] | None) -> dict[str, Any]:
    """A round's settings checked, with defaults filled in."""
    i = dict(instellingen or {})
    if soort == "stemmen":
        modus = i.get("modus", "stippen")
        if modus not in STEM_MODI:
            raise InvoerFout(f"Onbekende manier van stemmen '{modus}'.", kolom="modus")
        uit: dict[str, Any] = {"modus": modus}
        if modus == "stippen":
            uit["stippen"] = _geheel(i.get("stippen", 3), "stippen per persoon", 1, MAX_STIPPEN)
        uit["top"] = _geheel(i.get("top", 3), "top", 1, 50)
        return uit
    if soort == "tweebijtwee":
        assen = [
            opslag.schoon(i.get(k) or d, f"naam van de {n} as", max_len=40)
            for k, d, n in zip(("as_x", "as_y"), STANDAARD_ASSEN, ("eerste", "tweede"), strict=True)
        ]
        if assen[0].casefold() == assen[1].casefold():
            raise InvoerFout("Geef de twee assen verschillende namen.", kolom="as_y")
        return {"as_x": assen[0], "as_y": assen[1]}
    return {}


def voeg_vraagronde_toe(
    db: Path | str,
    sessie_id: int,
    soort: str,
    onderwerpen: list[tuple[str, int]],
    instellingen: dict[str, Any] | None = None,
    titel: str = "",
) -> int:
    """Add a question round to the agenda: ``onderwerpen`` as ``(soort, id)`` pairs
    (proposals, koppelingen or opgaven to vote on or place; criteria to weigh)."""
    if soort not in SOORTEN:
        raise InvoerFout(f"Onbekend soort vraag '{soort}'.", kolom="soort")
    lijst = [[str(s), int(i)] for s, i in onderwerpen]
    toegestaan = _ONDERWERP_SOORTEN[soort]
    if any(s not in toegestaan for s, _i in lijst):
        raise InvoerFout("Dit onderwerp past niet bij deze vraag.", kolom="onderwerpen")
    minimum = 2 if soort in ("punten", "paarsgewijs") else 1
    if len(lijst) < minimum:
        wat = "twee criteria" if minimum == 2 else "één onderwerp"
        raise InvoerFout(f"Kies minstens {wat} voor deze ronde.", kolom="onderwerpen")
    if soort == "paarsgewijs" and len(lijst) > MAX_PAARSGEWIJS:
        raise InvoerFout(
            f"Paarsgewijs vergelijken kan met hoogstens {MAX_PAARSGEWIJS} criteria "
            f"({MAX_PAARSGEWIJS * (MAX_PAARSGEWIJS - 1) // 2} paren); u koos er {len(lijst)}.",
            kolom="onderwerpen",
        )
    inst = instellingen_voor(soort, instellingen)
    titel = opslag.schoon(titel or SOORTEN[soort], "titel", max_len=120)
    with opslag.schrijf(db) as con:
        return opslag.voeg_ronde_achteraan_in(con, sessie_id, soort, titel, lijst, inst)


# --------------------------------------------------------------------------- answers


def _open_vraag(con, token: str, sessie_id: int, ronde_id: int) -> tuple[dict, dict]:
    d = opslag.deelnemer(con, sessie_id, token)
    if d is None:
        raise OnbekendFout("U bent (nog) niet aangemeld bij deze werksessie.")
    r = opslag.ronde(con, ronde_id)
    if r["sessie_id"] != sessie_id or r["soort"] not in SOORTEN:
        raise OnbekendFout("Deze ronde hoort niet bij uw werksessie.")
    if r["status"] != "open":
        raise RondeGesloten("Deze ronde is gesloten; uw antwoord is niet meer opgeslagen.")
    return d, r


def _sleutels(r: dict[str, Any]) -> set[str]:
    if r["soort"] == "paarsgewijs":
        return {paar_sleutel(a, b) for a, b in paren([int(i) for _s, i in r["onderwerpen"]])}
    return {sleutel(s, i) for s, i in r["onderwerpen"]}


def saaty(waarde: Any) -> float:
    """A pairwise judgement: 1…9 or its reciprocal (1/9…1/2); anything else refused."""
    try:
        x = float(str(waarde).replace(",", "."))
    except ValueError:
        x = math.nan
    for k in SAATY:
        for kandidaat in (float(k), 1.0 / k):
            if math.isfinite(x) and math.isclose(x, kandidaat, rel_tol=1e-6):
                return kandidaat
    raise InvoerFout(f"'{waarde}' is geen oordeel op de schaal 1 tot 9.", kolom="oordeel")


def zet_antwoord(
    db: Path | str,
    token: str,
    sessie_id: int,
    ronde_id: int,
    onderwerp: str,
    waarde: float | None,
    waarde2: float | None = None,
) -> None:
    """One answer of a participant in a stemmen or 2×2 round, saved at once; a new answer for
    the same subject replaces the earlier one. Dots: 0 removes them, and the total may not
    exceed the round's dots per person. 2×2: either axis may come first."""
    with opslag.schrijf(db, "Antwoord gegeven in de werksessie") as con:
        d, r = _open_vraag(con, token, sessie_id, ronde_id)
        if r["soort"] not in ("stemmen", "tweebijtwee"):
            raise OnbekendFout("Deze ronde vraagt een ander soort antwoord.")
        if onderwerp not in _sleutels(r):
            raise OnbekendFout("Dit onderwerp hoort niet bij de open ronde.")
        if r["soort"] == "stemmen":
            inst = r["instellingen"]
            hoogste = inst.get("stippen", 1) if inst.get("modus") == "stippen" else 1
            w = _geheel(waarde, "stippen", 0, hoogste)
            andere = con.execute(
                "SELECT COALESCE(SUM(waarde), 0) FROM antwoorden WHERE ronde_id = ? AND "
                "deelnemer_id = ? AND onderwerp != ?",
                (ronde_id, d["id"], onderwerp),
            ).fetchone()[0]
            if inst.get("modus") == "stippen" and andere + w > hoogste:
                over = int(hoogste - andere)
                raise InvoerFout(
                    f"U heeft {hoogste} stippen in totaal en nog {over} over. Haal eerst "
                    "stippen weg bij een ander onderwerp."
                )
            if w == 0:
                con.execute(
                    "DELETE FROM antwoorden WHERE ronde_id = ? AND deelnemer_id = ? AND "
                    "onderwerp = ?",
                    (ronde_id, d["id"], onderwerp),
                )
                return
            x: float | None = float(w)
            y: float | None = None
        else:
            x = None if waarde is None else float(_geheel(waarde, "plaats", AS_MIN, AS_MAX))
            y = None if waarde2 is None else float(_geheel(waarde2, "plaats", AS_MIN, AS_MAX))
        _bewaar(con, ronde_id, d["id"], onderwerp, x, y)


def _bewaar(con, ronde_id: int, deelnemer_id: int, onderwerp: str, x, y) -> None:
    oud = con.execute(
        "SELECT id, waarde, waarde2 FROM antwoorden WHERE ronde_id = ? AND deelnemer_id = ? "
        "AND onderwerp = ?",
        (ronde_id, deelnemer_id, onderwerp),
    ).fetchone()
    if oud is None:
        con.execute(
            "INSERT INTO antwoorden (ronde_id, deelnemer_id, onderwerp, waarde, waarde2, "
            "moment) VALUES (?, ?, ?, ?, ?, ?)",
            (ronde_id, deelnemer_id, onderwerp, x, y, opslag.nu()),
        )
        return
    x = oud[1] if x is None else x
    y = oud[2] if y is None else y
    if (x, y) != (oud[1], oud[2]):
        con.execute(
            "UPDATE antwoorden SET waarde = ?, waarde2 = ?, moment = ? WHERE id = ?",
            (x, y, opslag.nu(), oud[0]),
        )


def zet_antwoorden(
    db: Path | str, token: str, sessie_id: int, ronde_id: int, waarden: dict[str, Any]
) -> None:
    """A participant's whole answer in a gewichten round, saved together (it only makes sense
    whole): 100 points over the criteria, or a judgement for every pair. Replaces their
    earlier answer in this round."""
    with opslag.schrijf(db, "Gewichten gegeven in de werksessie") as con:
        d, r = _open_vraag(con, token, sessie_id, ronde_id)
        if r["soort"] not in ("punten", "paarsgewijs"):
            raise OnbekendFout("Deze ronde vraagt een ander soort antwoord.")
        verwacht = _sleutels(r)
        if set(waarden) - verwacht:
            raise OnbekendFout("Een criterium hoort niet (meer) bij de open ronde.")
        if r["soort"] == "punten":
            punten = {k: _geheel(v or 0, "punten", 0, PUNTEN_TOTAAL) for k, v in waarden.items()}
            som = sum(punten.values())
            if som != PUNTEN_TOTAAL:
                raise InvoerFout(
                    f"Uw punten tellen op tot {som}; het moeten er precies {PUNTEN_TOTAAL} "
                    f"zijn. Verdeel er nog {PUNTEN_TOTAAL - som}."
                    if som < PUNTEN_TOTAAL
                    else f"Uw punten tellen op tot {som}; het moeten er precies "
                    f"{PUNTEN_TOTAAL} zijn. Haal er {som - PUNTEN_TOTAAL} weg."
                )
            nieuw = {k: float(v) for k, v in punten.items()}
        else:
            ontbreekt = verwacht - set(waarden)
            if ontbreekt:
                werkwoord = "ontbreekt" if len(ontbreekt) == 1 else "ontbreken"
                raise InvoerFout(f"Vergelijk alle paren: er {werkwoord} nog {len(ontbreekt)}.")
            nieuw = {k: saaty(v) for k, v in waarden.items()}
        con.execute(
            "DELETE FROM antwoorden WHERE ronde_id = ? AND deelnemer_id = ? AND onderwerp NOT IN "
            f"({', '.join('?' * len(nieuw))})",
            (ronde_id, d["id"], *nieuw),
        )
        for k, v in nieuw.items():
            _bewaar(con, ronde_id, d["id"], k, v, None)


def antwoorden(con, ronde_id: int) -> list[dict[str, Any]]:
    """Every answer in a round, with who gave it (name, group)."""
    return opslag.rijen(
        con.execute(
            "SELECT a.id, a.ronde_id, a.deelnemer_id, d.naam, g.naam AS groep, a.onderwerp, "
            "a.waarde, a.waarde2, a.moment FROM antwoorden a "
            "JOIN deelnemers d ON d.id = a.deelnemer_id "
            "JOIN sessie_groepen g ON g.id = d.groep_id WHERE a.ronde_id = ? ORDER BY a.id",
            (ronde_id,),
        )
    )


def sessie_antwoorden(con, sessie_id: int) -> list[dict[str, Any]]:
    """Every answer of the session's question rounds, with the round's number."""
    return opslag.rijen(
        con.execute(
            "SELECT a.id, r.volgorde AS ronde, r.soort, d.naam, g.naam AS groep, a.onderwerp, "
            "a.waarde, a.waarde2, a.moment FROM antwoorden a "
            "JOIN rondes r ON r.id = a.ronde_id JOIN deelnemers d ON d.id = a.deelnemer_id "
            "JOIN sessie_groepen g ON g.id = d.groep_id WHERE r.sessie_id = ? ORDER BY a.id",
            (sessie_id,),
        )
    )


def mijn_antwoorden(con, d: dict[str, Any], ronde_id: int) -> dict[str, tuple]:
    rows = con.execute(
        "SELECT onderwerp, waarde, waarde2 FROM antwoorden WHERE deelnemer_id = ? AND ronde_id = ?",
        (d["id"], ronde_id),
    )
    return {r[0]: (r[1], r[2]) for r in rows}
