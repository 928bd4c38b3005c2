"""The afwegingskader: criteria, the kader's version token and the completeness rule."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

import pandas as pd

from ..afweging.schaal import gemeenschappelijke_schaal
from ..core import defaults, validation
from ..core.errors import DubbelFout, GelijktijdigFout, InvoerFout
from .migraties import SCHEMA_EXTRA
from .verbinding import lees, schrijf, verbind, wijk_id_van

GELDT_VOOR: dict[str, str] = {
    "beide": "opgaven en koppelingen",
    "opgave": "alleen opgaven",
    "koppeling": "alleen koppelingen",
}
"""What a criterium applies to (``criteria.geldt_voor``) and how the tool says it."""


def standaard_geldt_voor(naam: str) -> str:
    """The default for a criterium: 'koppeling' when its name speaks of a koppeling
    ("Meerkosten koppeling" cannot be answered for a single opgave), else 'beide'. The same
    rule migration 4 applied to the criteria that existed before.

    >>> standaard_geldt_voor("Meerkosten koppeling"), standaard_geldt_voor("Kosten")
    ('koppeling', 'beide')
    """
    return "koppeling" if "koppeling" in str(naam).casefold() else "beide"


def geldt_voor(waarde: Any, naam: str = "") -> str:
    """A valid ``geldt_voor`` ('beide', 'opgave' or 'koppeling'; Dutch words such as
    'alleen opgaven' and 'koppelingen' are understood); empty gives the default."""
    if validation.leeg(waarde) or not str(waarde).strip():
        return standaard_geldt_voor(naam)
    tekst = " ".join(str(waarde).casefold().split())
    for sleutel, woorden in GELDT_VOOR.items():
        if tekst in (sleutel, woorden, sleutel + "en", "alleen " + sleutel):
            return sleutel
    if tekst in ("opgaven", "koppelingen", "opgaven en koppelingen", "allebei", "alle"):
        return {"opgaven": "opgave", "koppelingen": "koppeling"}.get(tekst, "beide")
    raise InvoerFout(
        f"'{waarde}' kan niet: een criterium geldt voor "
        + ", ".join(f"'{w}'" for w in GELDT_VOOR.values())
        + ".",
        kolom="geldt_voor",
    )


def criteria(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    """The criteria of a wijk in their order; ``geldt_voor`` says whether a criterium applies
    to opgaven, koppelingen or both (see :data:`GELDT_VOOR`)."""
    return lees(
        path,
        "SELECT c.id, c.naam, c.vraag, c.richting, c.gewicht, c.schaal_min, c.schaal_max, "
        "c.betekenis_min, c.betekenis_max, c.volgorde, c.geldt_voor FROM criteria c "
        "JOIN wijken w ON w.id = c.wijk_id WHERE w.naam = ? ORDER BY c.volgorde, c.id",
        (wijk_naam,),
    )


def zet_criteria_in(
    con: sqlite3.Connection,
    wid: int,
    df: pd.DataFrame,
    *,
    verwijder_ontbrekende: bool = True,
    verwijderen: Iterable[int] = (),
) -> None:
    gezien: set[str] = set()
    rijen = []
    for i, rec in enumerate(df.to_dict("records")):
        try:
            c = validation.criterium(rec)
            ruw = rec.get("geldt_voor")
            c["geldt_voor"] = (
                None if validation.leeg(ruw) or not str(ruw).strip() else geldt_voor(ruw, c["naam"])
            )
        except InvoerFout as e:
            raise InvoerFout(e.melding, rij=i + 1, kolom=e.kolom) from None
        if c["naam"].casefold() in gezien:
            raise DubbelFout(f"Criterium '{c['naam']}' staat er twee keer in.")
        gezien.add(c["naam"].casefold())
        rijen.append((rec.get("id"), c, i))
    bestaand = {r[0] for r in con.execute("SELECT id FROM criteria WHERE wijk_id = ?", (wid,))}
    houden = {
        int(r[0]) for r in rijen if r[0] is not None and r[0] == r[0] and int(r[0]) in bestaand
    }
    weg = (
        (bestaand - houden) if verwijder_ontbrekende else (bestaand & {int(i) for i in verwijderen})
    )
    for cid in weg:
        con.execute("DELETE FROM criteria WHERE id = ?", (cid,))
    # Rename-safe: give kept rows a temporary unique name first.
    for cid in houden:
        con.execute("UPDATE criteria SET naam = '__tmp__' || id WHERE id = ?", (cid,))
    for cid, c, volgorde in rijen:
        waarden = (
            c["naam"],
            c["vraag"],
            c["richting"],
            c["gewicht"],
            c["schaal_min"],
            c["schaal_max"],
            c["betekenis_min"],
            c["betekenis_max"],
            volgorde,
        )
        if cid is not None and cid == cid and int(cid) in houden:
            # a table without geldt_voor (an older caller) keeps what the criterium had
            con.execute(
                "UPDATE criteria SET naam=?, vraag=?, richting=?, gewicht=?, schaal_min=?, "
                "schaal_max=?, betekenis_min=?, betekenis_max=?, volgorde=?, "
                "geldt_voor=COALESCE(?, geldt_voor) WHERE id=?",
                (*waarden, c["geldt_voor"], int(cid)),
            )
        else:
            con.execute(
                "INSERT INTO criteria (naam, vraag, richting, gewicht, schaal_min, schaal_max, "
                "betekenis_min, betekenis_max, volgorde, geldt_voor, wijk_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*waarden, c["geldt_voor"] or standaard_geldt_voor(c["naam"]), wid),
            )
    buiten = con.execute(
        "SELECT c.naam, s.waarde FROM scores s JOIN criteria c ON c.id = s.criterium_id "
        "WHERE c.wijk_id = ? AND (s.waarde < c.schaal_min OR s.waarde > c.schaal_max) LIMIT 1",
        (wid,),
    ).fetchone()
    if buiten:
        raise InvoerFout(
            f"Criterium '{buiten[0]}' heeft al een score {buiten[1]} die buiten de nieuwe "
            "schaal valt. Pas de schaal of de scores aan."
        )


def controleer_drempel(con: sqlite3.Connection, wid: int, drempel: float) -> float:
    """Refuse a drempel outside the common scale of the wijk's criteria as they are in this
    transaction (written just before): the same rule as the kader form
    (:func:`wijkanalyse.core.validation.drempel_in_schaal`), so nothing is saved."""
    crit = pd.DataFrame(
        con.execute(
            "SELECT schaal_min, schaal_max FROM criteria WHERE wijk_id = ? ORDER BY volgorde, id",
            (wid,),
        ).fetchall(),
        columns=["schaal_min", "schaal_max"],
    )
    return validation.drempel_in_schaal(drempel, gemeenschappelijke_schaal(crit))


def _kader_versie(con: sqlite3.Connection, wid: int) -> str:
    rijen = con.execute(
        "SELECT id, naam, vraag, richting, gewicht, schaal_min, schaal_max, betekenis_min, "
        "betekenis_max, volgorde, geldt_voor FROM criteria WHERE wijk_id = ? ORDER BY id",
        (wid,),
    ).fetchall()
    kader = con.execute("SELECT drempel, capaciteit FROM wijken WHERE id = ?", (wid,)).fetchone()
    regel = lees_regel(con, wid)
    return hashlib.sha1(repr((rijen, kader, regel)).encode("utf-8")).hexdigest()


def kader_versie(path: Path | str, wijk_naam: str) -> str:
    """A token for the current afwegingskader (criteria, drempel, capaciteit) of a wijk."""
    con = verbind(path)
    try:
        return _kader_versie(con, wijk_id_van(con, wijk_naam))
    finally:
        con.close()


class KaderOpties(TypedDict, total=False):
    """The optional keywords of :func:`zet_afwegingskader`, for a caller that passes them on
    (mypy checks that they match its parameters)."""

    verwijderen: Iterable[int]
    versie: str | None
    min_groepen: int | None
    vereiste_groepen: Iterable[str] | str | None


def zet_afwegingskader(
    path: Path | str,
    wijk_naam: str,
    criteria_df: pd.DataFrame,
    *,
    drempel: float,
    capaciteit: int,
    verwijderen: Iterable[int] = (),
    versie: str | None = None,
    min_groepen: int | None = None,
    vereiste_groepen: Iterable[str] | str | None = None,
) -> None:
    """Save criteria, drempel, capaciteit (and the completeness rule when given) together,
    in one transaction.

    Rows with a known ``id`` are updated, rows without one added; only the ids in
    ``verwijderen`` are removed (with their scores): a criterium another laptop added meanwhile
    is never dropped because this form did not show it. With ``versie`` (from
    :func:`kader_versie` when the form was filled), the save is refused with
    :class:`GelijktijdigFout` if someone else changed the kader since.
    """
    drempel = validation.drempel(drempel)
    capaciteit = validation.capaciteit(capaciteit)
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        if versie is not None and _kader_versie(con, wid) != versie:
            raise GelijktijdigFout(
                "Iemand anders heeft het afwegingskader van deze wijk intussen gewijzigd. "
                "Uw wijzigingen zijn niet opgeslagen; het formulier toont nu de nieuwe stand."
            )
        zet_criteria_in(con, wid, criteria_df, verwijder_ontbrekende=False, verwijderen=verwijderen)
        controleer_drempel(con, wid, drempel)
        con.execute(
            "UPDATE wijken SET drempel = ?, capaciteit = ? WHERE id = ?",
            (drempel, capaciteit, wid),
        )
        zet_regel(con, wid, min_groepen, vereiste_groepen)


def zet_criteria(path: Path | str, wijk_naam: str, df: pd.DataFrame) -> None:
    """Replace the afwegingskader of a wijk (rows with a known ``id`` keep their scores)."""
    with schrijf(path) as con:
        zet_criteria_in(con, wijk_id_van(con, wijk_naam), df)


def lees_regel(con: sqlite3.Connection, wid: int) -> dict[str, Any]:
    """The completeness rule of a wijk; the defaults when none was set (or the table is new)."""
    try:
        rij = con.execute(
            "SELECT min_groepen, vereiste_groepen FROM kader_regels WHERE wijk_id = ?", (wid,)
        ).fetchone()
    except sqlite3.OperationalError:  # a workspace that was never opened by this version
        rij = None
    if rij is None:
        return {
            "min_groepen": defaults.MIN_GROEPEN,
            "vereiste_groepen": list(defaults.VEREISTE_GROEPEN),
        }
    return {"min_groepen": int(rij[0]), "vereiste_groepen": list(json.loads(rij[1]))}


def zet_regel(
    con: sqlite3.Connection,
    wid: int,
    min_groepen: int | None,
    vereiste_groepen: Iterable[str] | str | None,
) -> None:
    """Store the completeness rule; a part given as None keeps its current value."""
    if min_groepen is None and vereiste_groepen is None:
        return
    huidig = lees_regel(con, wid)
    m = huidig["min_groepen"] if min_groepen is None else validation.min_groepen(min_groepen)
    g = (
        huidig["vereiste_groepen"]
        if vereiste_groepen is None
        else list(validation.groepen_lijst(vereiste_groepen))
    )
    con.execute(SCHEMA_EXTRA["kader_regels"])  # a no-op unless the workspace predates it
    con.execute(
        "INSERT INTO kader_regels (wijk_id, min_groepen, vereiste_groepen) VALUES (?, ?, ?) "
        "ON CONFLICT (wijk_id) DO UPDATE SET min_groepen = excluded.min_groepen, "
        "vereiste_groepen = excluded.vereiste_groepen",
        (wid, m, json.dumps(g, ensure_ascii=False)),
    )


_KADER_VELDEN = (
    "naam",
    "vraag",
    "richting",
    "gewicht",
    "schaal_min",
    "schaal_max",
    "betekenis_min",
    "betekenis_max",
    "geldt_voor",
)


def _criteria_van(con: sqlite3.Connection, wid: int) -> list[dict[str, Any]]:
    cur = con.execute(
        "SELECT id, " + ", ".join(_KADER_VELDEN) + ", volgorde FROM criteria WHERE wijk_id = ? "
        "ORDER BY volgorde, id",
        (wid,),
    )
    kolommen = [d[0] for d in cur.description]
    return [dict(zip(kolommen, r, strict=True)) for r in cur.fetchall()]


def _kader_plan(
    con: sqlite3.Connection, van: int, naar: int
) -> tuple[pd.DataFrame, list[int], list[str]]:
    """What copying wijk ``van``'s kader onto wijk ``naar`` does: the criteria table to save
    (ids of ``naar``'s criteria of the same name, so their scores stay), the ids to remove
    (criteria ``van`` lacks and nobody scored) and the changes in Dutch."""
    bron = _criteria_van(con, van)
    doel = {c["naam"].casefold(): c for c in _criteria_van(con, naar)}
    rijen: list[dict[str, Any]] = []
    wat: list[str] = []
    for c in bron:
        oud = doel.pop(c["naam"].casefold(), None)
        rijen.append({**{k: c[k] for k in _KADER_VELDEN}, "id": oud["id"] if oud else None})
        if oud is None:
            wat.append(f"criterium '{c['naam']}' komt erbij")
            continue
        anders = [
            k
            for k in _KADER_VELDEN
            if k != "naam" and str(oud[k]) != str(c[k]) and not _zelfde_getal(oud[k], c[k])
        ]
        if anders:
            wat.append(f"criterium '{c['naam']}': {', '.join(_VELD_WOORD[k] for k in anders)}")
    weg: list[int] = []
    for c in doel.values():
        gescoord = con.execute(
            "SELECT count(*) FROM scores WHERE criterium_id = ?", (c["id"],)
        ).fetchone()[0]
        if gescoord:
            wat.append(f"criterium '{c['naam']}' blijft staan (er zijn al {gescoord} scores)")
        else:
            weg.append(int(c["id"]))
            wat.append(f"criterium '{c['naam']}' vervalt")
    k_van = con.execute("SELECT drempel, capaciteit FROM wijken WHERE id = ?", (van,)).fetchone()
    k_naar = con.execute("SELECT drempel, capaciteit FROM wijken WHERE id = ?", (naar,)).fetchone()
    if not _zelfde_getal(k_van[0], k_naar[0]):
        wat.append(f"drempel {_getal(k_naar[0])} → {_getal(k_van[0])}")
    if int(k_van[1]) != int(k_naar[1]):
        wat.append(f"capaciteit {int(k_naar[1])} → {int(k_van[1])}")
    if lees_regel(con, van) != lees_regel(con, naar):
        wat.append("volledigheidsregel")
    kolommen = ["id", *_KADER_VELDEN]
    return pd.DataFrame(rijen, columns=kolommen), weg, wat


_VELD_WOORD = {
    "naam": "naam",
    "vraag": "vraag",
    "richting": "richting",
    "gewicht": "gewicht",
    "schaal_min": "schaal",
    "schaal_max": "schaal",
    "betekenis_min": "betekenis laagste score",
    "betekenis_max": "betekenis hoogste score",
    "geldt_voor": "geldt voor",
}


def _zelfde_getal(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-12
    except (TypeError, ValueError):
        return False


def _getal(x: Any) -> str:
    return f"{float(x):g}".replace(".", ",")


def _andere_wijken(con: sqlite3.Connection, van: int, naar: Iterable[str] | None) -> list[int]:
    if naar is None:
        return [
            int(r[0])
            for r in con.execute("SELECT id FROM wijken WHERE id <> ? ORDER BY naam", (van,))
        ]
    ids = [wijk_id_van(con, n) for n in naar]
    if van in ids:
        raise InvoerFout("Een wijk kan haar afwegingskader niet naar zichzelf kopiëren.")
    return ids


def _wijk_naam(con: sqlite3.Connection, wid: int) -> str:
    return str(con.execute("SELECT naam FROM wijken WHERE id = ?", (wid,)).fetchone()[0])


def kader_verschillen(
    path: Path | str, van_wijk: str, naar_wijken: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """Per other wijk (all, or ``naar_wijken``): what copying ``van_wijk``'s kader would
    change there, in Dutch ([] when its kader is the same already). Nothing is written."""
    return _per_andere_wijk(
        path, van_wijk, naar_wijken, lambda con, van, n: _kader_plan(con, van, n)[2]
    )


def _per_andere_wijk(
    path: Path | str,
    van_wijk: str,
    naar_wijken: Iterable[str] | None,
    wat: Callable[[Any, int, int], list[str]],
) -> dict[str, list[str]]:
    """``wat(con, van_id, wijk_id)`` for every other wijk (all, or ``naar_wijken``), by name;
    read only."""
    con = verbind(path)
    try:
        van = wijk_id_van(con, van_wijk)
        return {_wijk_naam(con, n): wat(con, van, n) for n in _andere_wijken(con, van, naar_wijken)}
    finally:
        con.close()


def _zet_overgenomen_criteria(
    con: sqlite3.Connection, naar: int, naam: str, df: pd.DataFrame, weg: Iterable[int]
) -> None:
    """Write criteria taken over from another wijk into wijk ``naar`` (named ``naam``):
    criteria it has besides them stay unless ``weg`` names them; a refusal names the wijk."""
    try:
        zet_criteria_in(con, naar, df, verwijder_ontbrekende=False, verwijderen=weg)
    except InvoerFout as e:
        raise InvoerFout(f"Wijk {naam}: {e.melding}", kolom=e.kolom) from None


def kopieer_kader(
    path: Path | str, van_wijk: str, naar_wijken: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """Copy ``van_wijk``'s afwegingskader (criteria, drempel, capaciteit, completeness rule)
    to the other wijken of the workspace (all, or ``naar_wijken``), in one transaction.

    Criteria are matched on name: one with the same name is updated and keeps its scores; a
    criterium the source lacks is removed when nobody scored it and kept (and named) when
    someone did. A scale that existing scores fall outside is refused, and nothing changes.
    Returns per wijk what changed (see :func:`kader_verschillen`).
    """
    uit: dict[str, list[str]] = {}
    teksten: dict[int, str] = {}
    with schrijf(path, historie={"wat_per_wijk": teksten}) as con:
        van = wijk_id_van(con, van_wijk)
        k = con.execute("SELECT drempel, capaciteit FROM wijken WHERE id = ?", (van,)).fetchone()
        regel = lees_regel(con, van)
        for naar in _andere_wijken(con, van, naar_wijken):
            df, weg, wat = _kader_plan(con, van, naar)
            naam = _wijk_naam(con, naar)
            uit[naam] = wat
            if not wat:
                continue
            _zet_overgenomen_criteria(con, naar, naam, df, weg)
            try:
                controleer_drempel(con, naar, k[0])
            except InvoerFout as e:
                raise InvoerFout(f"Wijk {naam}: {e.melding}") from None
            con.execute(
                "UPDATE wijken SET drempel = ?, capaciteit = ? WHERE id = ?", (k[0], k[1], naar)
            )
            zet_regel(con, naar, regel["min_groepen"], regel["vereiste_groepen"])
            teksten[naar] = f"Afwegingskader van {van_wijk} overgenomen: " + "; ".join(wat)
    return uit


# ------------------------------------------------------------ a change offered to other wijken

_REGEL_WOORD = {
    "drempel": "drempel",
    "capaciteit": "capaciteit",
    "min_groepen": "min. groepen",
    "vereiste_groepen": "vereiste groepen",
}


@dataclass
class KaderWijziging:
    """What one save changed in a wijk's afwegingskader, to offer to other wijken.

    ``velden``: per criterium (its name before the change) the fields that changed, with
    their new values ('naam' for a rename); ``erbij``: criteria added (all their fields);
    ``weg``: names of criteria removed; ``kader``: drempel, capaciteit and the completeness
    rule where they changed (new values); ``zinnen``: what changed, in Dutch."""

    van: str
    velden: dict[str, dict[str, Any]] = field(default_factory=dict)
    erbij: list[dict[str, Any]] = field(default_factory=list)
    weg: list[str] = field(default_factory=list)
    kader: dict[str, Any] = field(default_factory=dict)
    zinnen: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.velden or self.erbij or self.weg or self.kader)


def _waarde_tekst(veld: str, v: Any) -> str:
    if veld == "vereiste_groepen":
        return ", ".join(v) if v else "geen"
    if veld == "geldt_voor":
        return GELDT_VOOR.get(str(v), str(v))
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return _getal(v)
    return f"'{v}'" if v not in (None, "") else "leeg"


def _zelfde(a: Any, b: Any) -> bool:
    if validation.leeg(a) and validation.leeg(b):
        return True
    return _zelfde_getal(a, b) or str(a) == str(b)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: (None if validation.leeg(v) else v) for k, v in r.items()}
        for r in df.to_dict("records")
    ]


def kader_wijziging(
    van: str,
    oud_criteria: pd.DataFrame,
    oud_kader: dict[str, Any],
    nieuw_criteria: pd.DataFrame,
    nieuw_kader: dict[str, Any],
) -> KaderWijziging:
    """The change between two states of one wijk's kader (criteria matched on their id, so a
    renamed criterium is a rename, not one removed and one added). Nothing is read or written.
    """
    wijziging = KaderWijziging(van=van)
    oud = {int(r["id"]): r for r in _records(oud_criteria)}
    nieuw_ids: set[int] = set()
    for r in _records(nieuw_criteria):
        cid = None if r.get("id") is None else int(r["id"])
        if cid is None or cid not in oud:
            wijziging.erbij.append({k: r.get(k) for k in _KADER_VELDEN})
            wijziging.zinnen.append(f"criterium '{r['naam']}' erbij")
            continue
        nieuw_ids.add(cid)
        o = oud[cid]
        anders = {k: r.get(k) for k in _KADER_VELDEN if not _zelfde(o.get(k), r.get(k))}
        if anders:
            wijziging.velden[str(o["naam"])] = anders
            wijziging.zinnen.append(
                f"criterium '{o['naam']}': "
                + ", ".join(
                    f"{_VELD_WOORD.get(k, k)} {_waarde_tekst(k, o.get(k))} → {_waarde_tekst(k, v)}"
                    for k, v in anders.items()
                )
            )
    for cid, o in oud.items():
        if cid not in nieuw_ids:
            wijziging.weg.append(str(o["naam"]))
            wijziging.zinnen.append(f"criterium '{o['naam']}' vervalt")
    for k, woord in _REGEL_WOORD.items():
        a, b = oud_kader.get(k), nieuw_kader.get(k)
        if k == "vereiste_groepen" and list(a or []) == list(b or []):
            continue
        if k != "vereiste_groepen" and _zelfde(a, b):
            continue
        wijziging.kader[k] = b
        wijziging.zinnen.append(f"{woord} {_waarde_tekst(k, a)} → {_waarde_tekst(k, b)}")
    return wijziging


def _wijziging_plan(
    con: sqlite3.Connection, naar: int, wijziging: KaderWijziging
) -> tuple[pd.DataFrame, list[int], dict[str, Any], list[str]]:
    """What applying ``wijziging`` to wijk ``naar`` does: the criteria table to save (all of
    ``naar``'s criteria, changed where the change says so, plus the new ones), the ids to
    remove (removed criteria nobody scored there), the kader values to set and the changes in
    Dutch, measured against what ``naar`` has now ([] when it has all of it already)."""
    rijen = _criteria_van(con, naar)
    op_naam = {str(c["naam"]).casefold(): c for c in rijen}
    wat: list[str] = []
    notities: list[str] = []  # what stays as it is there, said beside the changes
    for oud_naam, velden in wijziging.velden.items():
        c = op_naam.get(oud_naam.casefold())
        if c is None:
            notities.append(f"criterium '{oud_naam}' staat daar niet; die aanpassing vervalt")
            continue
        nieuwe_naam = velden.get("naam")
        if (
            nieuwe_naam is not None
            and str(nieuwe_naam).casefold() != oud_naam.casefold()
            and str(nieuwe_naam).casefold() in op_naam
        ):
            notities.append(
                f"criterium '{nieuwe_naam}' bestaat daar al; '{c['naam']}' houdt zijn naam"
            )
            velden = {k: v for k, v in velden.items() if k != "naam"}
        anders = [
            f"{_VELD_WOORD.get(k, k)} {_waarde_tekst(k, c.get(k))} → {_waarde_tekst(k, v)}"
            for k, v in velden.items()
            if not _zelfde(c.get(k), v)
        ]
        if anders:
            wat.append(f"criterium '{c['naam']}': {', '.join(anders)}")
            c.update(velden)
    for nieuw in wijziging.erbij:
        c = op_naam.get(str(nieuw["naam"]).casefold())
        if c is None:
            rijen.append({**nieuw, "id": None})
            wat.append(f"criterium '{nieuw['naam']}' komt erbij")
            continue
        anders = [k for k in _KADER_VELDEN if k != "naam" and not _zelfde(c.get(k), nieuw.get(k))]
        if anders:
            wat.append(
                f"criterium '{c['naam']}' (bestond al): "
                + ", ".join(dict.fromkeys(_VELD_WOORD[k] for k in anders))
            )
            c.update({k: nieuw.get(k) for k in anders})
    weg: list[int] = []
    for naam in wijziging.weg:
        c = op_naam.get(naam.casefold())
        if c is None:
            continue
        gescoord = con.execute(
            "SELECT count(*) FROM scores WHERE criterium_id = ?", (c["id"],)
        ).fetchone()[0]
        if gescoord:
            notities.append(
                f"criterium '{c['naam']}' blijft staan: daar zijn al "
                f"{gescoord} {'score' if gescoord == 1 else 'scores'} gegeven"
            )
        else:
            weg.append(int(c["id"]))
            wat.append(f"criterium '{c['naam']}' vervalt (nog niet gescoord)")
    huidig = con.execute("SELECT drempel, capaciteit FROM wijken WHERE id = ?", (naar,)).fetchone()
    nu = {"drempel": huidig[0], "capaciteit": huidig[1], **lees_regel(con, naar)}
    kader: dict[str, Any] = {}
    for k, v in wijziging.kader.items():
        gelijk = list(nu[k]) == list(v) if k == "vereiste_groepen" else _zelfde(nu[k], v)
        if not gelijk:
            kader[k] = v
            wat.append(f"{_REGEL_WOORD[k]} {_waarde_tekst(k, nu[k])} → {_waarde_tekst(k, v)}")
    bewaard = [c for c in rijen if c.get("id") is None or int(c["id"]) not in weg]
    df = pd.DataFrame(
        [{k: c.get(k) for k in ("id", *_KADER_VELDEN)} for c in bewaard],
        columns=["id", *_KADER_VELDEN],
    )
    return df, weg, kader, wat + notities if wat else []


def kader_wijziging_verschillen(
    path: Path | str, wijziging: KaderWijziging, naar_wijken: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """Per other wijk (all, or ``naar_wijken``): what applying ``wijziging`` would change
    there, in Dutch ([] when nothing). Nothing is written."""
    return _per_andere_wijk(
        path, wijziging.van, naar_wijken, lambda con, _van, n: _wijziging_plan(con, n, wijziging)[3]
    )


def pas_kader_wijziging_toe(
    path: Path | str, wijziging: KaderWijziging, naar_wijken: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """Apply a change made in one wijk's kader to other wijken (all, or ``naar_wijken``), in
    one transaction; each wijk gets one entry in its history (so one undo per wijk) that says
    where the change came from and what it changed there. What a wijk has differently from
    the source wijk and the change does not touch stays as it is; a removed criterium that
    was scored there stays, with its scores. Returns per wijk what changed."""
    uit: dict[str, list[str]] = {}
    teksten: dict[int, str] = {}
    with schrijf(path, historie={"wat_per_wijk": teksten}) as con:
        van = wijk_id_van(con, wijziging.van)
        for naar in _andere_wijken(con, van, naar_wijken):
            df, weg, kader, wat = _wijziging_plan(con, naar, wijziging)
            naam = _wijk_naam(con, naar)
            uit[naam] = wat
            if not wat:
                continue
            _zet_overgenomen_criteria(con, naar, naam, df, weg)
            for k in ("drempel", "capaciteit"):
                if k in kader:
                    waarde = (validation.drempel if k == "drempel" else validation.capaciteit)(
                        kader[k]
                    )
                    con.execute(f"UPDATE wijken SET {k} = ? WHERE id = ?", (waarde, naar))
            zet_regel(con, naar, kader.get("min_groepen"), kader.get("vereiste_groepen"))
            teksten[naar] = f"Kaderwijziging uit {wijziging.van} overgenomen: " + "; ".join(wat)
    return uit


def neem_gewichten_over(
    path: Path | str, wijk_naam: str, gewichten: dict[int, float], *, wat: str
) -> None:
    """Set the weights of some criteria of a wijk (e.g. agreed in a werksessie) in one change;
    the history entry says ``wat`` (where they came from), and one undo restores the old
    weights. A criterium removed meanwhile is refused in Dutch, nothing is changed then."""
    waarden = {int(k): validation.criterium_gewicht(v) for k, v in gewichten.items()}
    with schrijf(path, historie={"wat": wat}) as con:
        wid = wijk_id_van(con, wijk_naam)
        bestaand = {r[0] for r in con.execute("SELECT id FROM criteria WHERE wijk_id = ?", (wid,))}
        if set(waarden) - bestaand:
            raise InvoerFout(
                "Een criterium uit deze ronde is intussen verwijderd; de gewichten zijn niet "
                "overgenomen."
            )
        for cid, g in waarden.items():
            con.execute("UPDATE criteria SET gewicht = ? WHERE id = ?", (g, cid))
