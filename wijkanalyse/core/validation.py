"""Validation of single records before they reach the store.

Each function takes what a user typed (strings, numbers, ``None``) and returns a clean dict,
or raises :class:`~wijkanalyse.core.errors.InvoerFout` naming the field.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from .errors import InvoerFout
from .nl_format import GeenGetal, getal, lees_getal
from .vocabulary import (
    BESLUITEN,
    HORIZONNEN,
    IMPACTEN,
    ITEM_SOORTEN,
    NIVEAUS,
    ONDERWERP_SOORTEN,
    RICHTINGEN,
    ROLLEN,
    SOORTEN,
    TRANSITIES,
)

MAX_TEKST = 5000
MAX_TITEL = 200


def leeg(waarde: Any) -> bool:
    """Missing: None, NaN or pandas' NA. The text "nan" (someone called Nan) is not missing."""
    if waarde is None:
        return True
    pd = sys.modules.get("pandas")  # without pandas loaded there is no pd.NA to meet (and the
    if pd is not None and waarde is pd.NA:  # werksessie's participant kernels never load it)
        return True
    return isinstance(waarde, float) and math.isnan(waarde)


# Control characters (tab and line breaks aside) and the bidirectional overrides and
# isolates, which make a text show other than it reads (U+202E turns it around).
VERBODEN_TEKENS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TEKEN_NAMEN = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL"}


def verboden_teken(tekst: str) -> str | None:
    """A Dutch description of the first control or bidirectional-override character in
    ``tekst`` (tab and line breaks are allowed), or None when there is none.

    >>> verboden_teken("Café"), verboden_teken("a\x1b[31m"), verboden_teken("abc\u202e")
    (None, 'een onzichtbaar stuurteken (ESC, U+001B) op positie 2', \
'een teken dat de leesrichting omdraait (U+202E) op positie 4')
    """
    m = VERBODEN_TEKENS.search(tekst)
    if m is None:
        return None
    c = ord(m.group())
    if 0x202A <= c <= 0x2069:
        soort = f"een teken dat de leesrichting omdraait (U+{c:04X})"
    else:
        naam = _TEKEN_NAMEN.get(c)
        soort = f"een onzichtbaar stuurteken ({naam + ', ' if naam else ''}U+{c:04X})"
    return f"{soort} op positie {m.start() + 1}"


def schone_tekst(tekst: str, kolom: str) -> str:
    """``tekst`` in Unicode NFC (so 'Café' typed two ways is one text); refuses control and
    bidirectional-override characters."""
    fout = verboden_teken(tekst)
    if fout:
        raise InvoerFout(
            f"'{kolom}' bevat {fout}. Haal het weg (typ de tekst opnieuw) en probeer het nog eens.",
            kolom=kolom,
        )
    return unicodedata.normalize("NFC", tekst)


def tekst(waarde: Any, kolom: str, *, verplicht: bool = False, max_len: int = MAX_TEKST) -> str:
    s = "" if leeg(waarde) else schone_tekst(str(waarde), kolom).strip()
    if verplicht and not s:
        raise InvoerFout(f"'{kolom}' is verplicht en mag niet leeg zijn.", kolom=kolom)
    if len(s) > max_len:
        raise InvoerFout(
            f"'{kolom}' is {len(s)} tekens lang; het maximum is {max_len}.", kolom=kolom
        )
    return s


def keuze(waarde: Any, kolom: str, toegestaan: tuple[str, ...]) -> str:
    s = tekst(waarde, kolom, verplicht=True).lower()
    if s not in toegestaan:
        raise InvoerFout(
            f"'{waarde}' is geen geldige waarde voor '{kolom}'. Kies uit: {', '.join(toegestaan)}.",
            kolom=kolom,
        )
    return s


JAAR_MIN, JAAR_MAX = 1900, 2100
_DATUM_ISO = re.compile(r"^(\d{4})-\d{1,2}-\d{1,2}")  # 2027-03-01 (also with a time)
_DATUM_NL = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.](\d{4})$")  # 01-03-2027
_JAAR_DUIZEND = re.compile(r"^(\d)\.(\d{3})$")  # "2.027": Dutch thousands separator


def jaar(waarde: Any, kolom: str) -> int | None:
    """A year as forms, files and the store accept it; None when empty.

    The one rule for years: a whole number from 1900 to 2100; "2027", 2027.0, "2.027" and
    "2027,0" are 2027; a date (an Excel date, "2027-03-01", "01-03-2027") counts as its year.

    >>> jaar("01-03-2027", "start_jaar"), jaar(2027.0, "start_jaar"), jaar(" ", "start_jaar")
    (2027, 2027, None)
    >>> try:
    ...     jaar("nan", "start_jaar")
    ... except InvoerFout as e:
    ...     print(e.melding.split(".")[0])
    'nan' is geen jaartal
    """
    if leeg(waarde):
        return None
    if isinstance(waarde, datetime.date):
        return jaar(waarde.year, kolom)
    if isinstance(waarde, bool):
        raise InvoerFout(f"'{waarde}' is geen jaartal.", kolom=kolom)
    tekst = str(waarde).strip().replace("\u00a0", "")
    if not tekst:
        return None
    datum = _DATUM_ISO.match(tekst) or _DATUM_NL.match(tekst)
    if datum:
        tekst = datum.group(1)
    if re.fullmatch(r"\d+", tekst):
        getal = int(tekst)
    elif m := (re.fullmatch(r"(\d+)[.,]0*", tekst) or _JAAR_DUIZEND.match(tekst)):
        getal = int("".join(m.groups()))
    elif re.fullmatch(r"\d+[.,]\d+", tekst):
        raise InvoerFout(
            f"'{tekst}' is geen heel jaartal. Vul een jaar in zoals 2027.", kolom=kolom
        )
    else:  # also "nan", "inf", "-2027", "twintig"
        raise InvoerFout(
            f"'{tekst}' is geen jaartal. Vul een jaar in van vier cijfers, zoals 2027.",
            kolom=kolom,
        )
    if not JAAR_MIN <= getal <= JAAR_MAX:
        raise InvoerFout(
            f"Het jaar {getal} ligt niet tussen {JAAR_MIN} en {JAAR_MAX}.", kolom=kolom
        )
    return getal


def datum(waarde: Any, kolom: str) -> str | None:
    """A calendar date as the store keeps it (ISO text, ``jjjj-mm-dd``); None when empty.

    Accepts the Dutch way (``dd-mm-jjjj``, also with ``/`` or ``.``), ISO text (a time after
    it is dropped) and date objects; the year follows the one rule of :func:`jaar`.

    >>> datum("01-03-2027", "deadline"), datum("2027-3-1", "start"), datum("", "start")
    ('2027-03-01', '2027-03-01', None)
    """
    if leeg(waarde):
        return None
    if isinstance(waarde, datetime.datetime):
        waarde = waarde.date()
    if isinstance(waarde, datetime.date):
        jaar(waarde.year, kolom)
        return waarde.isoformat()
    tekst = str(waarde).strip().replace("\u00a0", "")
    if not tekst:
        return None
    delen: list[str] = []
    if _DATUM_ISO.match(tekst):
        delen = re.split(r"[-T ]", tekst)[:3]
    elif _DATUM_NL.match(tekst):
        d, m, j = re.split(r"[-/.]", tekst)
        delen = [j, m, d]
    try:
        if not delen:
            raise ValueError(tekst)
        uit = datetime.date(int(delen[0]), int(delen[1]), int(delen[2]))
    except ValueError:
        raise InvoerFout(
            f"'{tekst}' is geen geldige datum. Vul een datum in als dd-mm-jjjj, "
            "bijvoorbeeld 01-03-2027.",
            kolom=kolom,
        ) from None
    jaar(uit.year, kolom)
    return uit.isoformat()


def geheel_tussen(waarde: Any, kolom: str, laagste: int, hoogste: int) -> int:
    """A whole number from ``laagste`` to ``hoogste`` (Dutch "3" or "3,0" too)."""
    try:
        getal_ = lees_getal(waarde, heel=True) if isinstance(waarde, str) else waarde
    except GeenGetal as e:
        raise InvoerFout(str(e), kolom=kolom) from None
    if isinstance(getal_, bool) or getal_ is None or leeg(getal_):
        raise InvoerFout(f"'{waarde}' is geen heel getal.", kolom=kolom)
    if float(getal_) != int(getal_):
        raise InvoerFout(f"'{waarde}' is geen heel getal.", kolom=kolom)
    if not laagste <= int(getal_) <= hoogste:
        raise InvoerFout(f"{int(getal_)} ligt niet tussen {laagste} en {hoogste}.", kolom=kolom)
    return int(getal_)


def opgave(velden: dict[str, Any]) -> dict[str, Any]:
    """Validate an opgave; unknown keys are ignored, missing optional ones get defaults."""
    schoon = {
        "titel": tekst(velden.get("titel"), "titel", verplicht=True, max_len=MAX_TITEL),
        "transitie": keuze(velden.get("transitie"), "transitie", TRANSITIES),
        "soort": keuze(velden.get("soort") or "fysiek", "soort", SOORTEN),
        "aanleiding": tekst(velden.get("aanleiding"), "aanleiding"),
        "eigenaar": tekst(velden.get("eigenaar"), "eigenaar"),
        "start_jaar": jaar(velden.get("start_jaar"), "start_jaar"),
        "eind_jaar": jaar(velden.get("eind_jaar"), "eind_jaar"),
        "rol": keuze(velden.get("rol") or "meeliftend", "rol", ROLLEN),
        "beschrijving": tekst(velden.get("beschrijving"), "beschrijving"),
    }
    s, e = schoon["start_jaar"], schoon["eind_jaar"]
    if isinstance(s, int) and isinstance(e, int) and e < s:
        raise InvoerFout(f"Het eindjaar ({e}) ligt vóór het startjaar ({s}).", kolom="eind_jaar")
    return schoon


def niveau(waarde: Any) -> str:
    return keuze(waarde, "niveau", NIVEAUS)


def item(velden: dict[str, Any]) -> dict[str, Any]:
    return {
        "soort": keuze(velden.get("soort"), "soort", ITEM_SOORTEN),
        "tekst": tekst(velden.get("tekst"), "tekst", verplicht=True),
        "impact": keuze(velden.get("impact") or "middel", "impact", IMPACTEN),
        "horizon": keuze(velden.get("horizon") or "nu", "horizon", HORIZONNEN),
        "interventie": tekst(velden.get("interventie"), "interventie"),
        "interventie_eigenaar": tekst(velden.get("interventie_eigenaar"), "interventie_eigenaar"),
    }


def criterium_gewicht(waarde: Any) -> float:
    """A criterium's weight: a finite number of 0 or more (empty: 1). The same rule the
    analysis applies to a whole table (:func:`wijkanalyse.afweging.valideer_criteria`).

    >>> criterium_gewicht("2,5"), criterium_gewicht(None)
    (2.5, 1.0)
    >>> criterium_gewicht("-0,5")
    Traceback (most recent call last):
    ...
    wijkanalyse.core.errors.InvoerFout: Gewicht: -0,5 kan niet; kies een getal van 0 of meer.
    """  # noqa: E501
    g = getal_veld(waarde, "Gewicht", minimum=0, kolom="gewicht")
    return 1.0 if g is None else float(g)


def criterium(velden: dict[str, Any]) -> dict[str, Any]:
    naam = tekst(velden.get("naam"), "naam", verplicht=True, max_len=MAX_TITEL)
    gewicht = criterium_gewicht(velden.get("gewicht"))
    lo, hi = schaal(velden.get("schaal_min"), velden.get("schaal_max"))
    return {
        "naam": naam,
        "vraag": tekst(velden.get("vraag"), "vraag"),
        "richting": keuze(velden.get("richting") or "hoger is beter", "richting", RICHTINGEN),
        "gewicht": gewicht,
        "schaal_min": lo,
        "schaal_max": hi,
        "betekenis_min": tekst(velden.get("betekenis_min"), "betekenis_min"),
        "betekenis_max": tekst(velden.get("betekenis_max"), "betekenis_max"),
    }


def bereik(minimum: float | None, maximum: float | None, *, heel: bool = False) -> str:
    """What a number field allows, in words (decimal comma).

    >>> bereik(1, 5), bereik(0, None, heel=True), bereik(None, None)
    ('een getal van 1 tot en met 5', 'een heel getal van 0 of meer', 'een getal, bijvoorbeeld 3,2')
    """
    soort = "een heel getal" if heel else "een getal"
    if minimum is not None and maximum is not None:
        return f"{soort} van {getal(minimum)} tot en met {getal(maximum)}"
    if minimum is not None:
        return f"{soort} van {getal(minimum)} of meer"
    if maximum is not None:
        return f"{soort} van {getal(maximum)} of minder"
    return soort if heel else f"{soort}, bijvoorbeeld 3,2"


def buiten_bereik(
    veld: str,
    x: float,
    minimum: float | None,
    maximum: float | None,
    reden: str = "",
    *,
    heel: bool = False,
) -> str:
    """How a number outside its range is refused, naming the field as the form does, e.g.
    "Drempel: 32 kan niet; kies een getal van 1 tot en met 5 (de schaal van het kader)."
    (the form's number fields and the store say it alike: :func:`getal_veld`).

    >>> buiten_bereik("Capaciteit", -1, 0, None, heel=True)
    'Capaciteit: -1 kan niet; kies een heel getal van 0 of meer.'
    """
    return (
        f"{veld}: {getal(x)} kan niet; kies {bereik(minimum, maximum, heel=heel)}"
        f"{f' ({reden})' if reden else ''}."
    )


def getal_veld(
    waarde: Any,
    veld: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    heel: bool = False,
    reden: str = "",
    kolom: str | None = None,
) -> float | int | None:
    """The one reader of every number field (drempel, capaciteit, weights, scale, forms):
    ``3,2`` and ``3.2`` alike (:func:`wijkanalyse.core.nl_format.lees_getal`); None when empty.
    A value that is no number, or lies outside ``minimum``..``maximum``, is refused in Dutch
    naming the field (``veld``, as the form labels it) and what it allows, e.g.
    "Capaciteit: '2,5' is geen heel getal; kies een heel getal van 0 of meer." ``kolom``:
    the column, for a file's row and column.

    >>> getal_veld("3,2", "Drempel", minimum=1, maximum=5)
    3.2
    >>> getal_veld("veel", "Gewicht", minimum=0)
    Traceback (most recent call last):
    ...
    wijkanalyse.core.errors.InvoerFout: Gewicht: 'veel' is geen getal; kies een getal van 0 of meer.
    """
    try:
        x = lees_getal(waarde, heel=heel)
    except (GeenGetal, TypeError, ValueError, OverflowError) as e:
        tekst = str(waarde).strip()
        soort = "heel getal" if "heel getal" in str(e) else "getal"  # '3,5', or 'drie'
        raise InvoerFout(
            f"{veld}: '{tekst}' is geen {soort}; kies {bereik(minimum, maximum, heel=heel)}"
            f"{f' ({reden})' if reden else ''}.",
            kolom=kolom,
        ) from None
    if x is None:
        return None
    if (minimum is not None and x < minimum) or (maximum is not None and x > maximum):
        raise InvoerFout(buiten_bereik(veld, x, minimum, maximum, reden, heel=heel), kolom=kolom)
    return x


def drempel(waarde: Any) -> float:
    """The drempel: a finite number (text with a decimal comma is accepted).

    >>> drempel("3,5")
    3.5
    >>> drempel("nan")
    Traceback (most recent call last):
    ...
    wijkanalyse.core.errors.InvoerFout: Drempel: 'nan' is geen getal; kies een getal, bijvoorbeeld 3,2.
    """  # noqa: E501
    d = getal_veld(waarde, "Drempel", kolom="drempel")
    if d is None:
        raise InvoerFout("Drempel: vul een getal in, bijvoorbeeld 3,2.", kolom="drempel")
    return float(d)


#: Why the drempel has its range (said after the range, in the form and by the store).
DREMPEL_REDEN = "de schaal van het kader"


def drempel_in_schaal(waarde: Any, schaal: tuple[float, float]) -> float:
    """The drempel, which must lie on the kader's common scale (``schaal``: its lowest and
    highest value, :func:`wijkanalyse.afweging.gemeenschappelijke_schaal`): a total is a
    weighted mean on that scale, so a drempel outside it is met by every subject or by none.

    >>> drempel_in_schaal("3,2", (1, 5))
    3.2
    >>> drempel_in_schaal(32, (1, 5))
    Traceback (most recent call last):
    ...
    wijkanalyse.core.errors.InvoerFout: Drempel: 32 kan niet; kies een getal van 1 tot en met 5 (de schaal van het kader).
    """  # noqa: E501
    d = drempel(waarde)
    lo, hi = schaal
    getal_veld(d, "Drempel", minimum=lo, maximum=hi, reden=DREMPEL_REDEN, kolom="drempel")
    return d


def capaciteit(waarde: Any) -> int:
    """The capaciteit: a whole number of 0 or more.

    >>> capaciteit("4")
    4
    >>> capaciteit(-1)
    Traceback (most recent call last):
    ...
    wijkanalyse.core.errors.InvoerFout: Capaciteit: -1 kan niet; kies een heel getal van 0 of meer.
    """  # noqa: E501
    c = getal_veld(waarde, "Capaciteit", minimum=0, heel=True, kolom="capaciteit")
    if c is None:
        raise InvoerFout("Capaciteit: vul een heel getal van 0 of meer in.", kolom="capaciteit")
    return int(c)


def schaal(laagste: Any, hoogste: Any) -> tuple[int, int]:
    """A criterium's scale: whole numbers (empty: 1 and 5), the highest above the lowest.

    >>> schaal("1", 5), schaal(None, None)
    ((1, 5), (1, 5))
    >>> schaal(5, 5)
    Traceback (most recent call last):
    ...
    wijkanalyse.core.errors.InvoerFout: Hoogste schaalwaarde: 5 kan niet; kies een heel getal van 6 of meer (groter dan de laagste schaalwaarde).
    """  # noqa: E501
    lo = getal_veld(laagste, "Laagste schaalwaarde", heel=True, kolom="schaal_min")
    lo = 1 if lo is None else int(lo)
    hi = getal_veld(
        hoogste,
        "Hoogste schaalwaarde",
        minimum=lo + 1,
        heel=True,
        reden="groter dan de laagste schaalwaarde",
        kolom="schaal_max",
    )
    return lo, 5 if hi is None else int(hi)


def min_groepen(waarde: Any) -> int:
    """Completeness rule: the minimum number of groups per criterium, 1 or more."""
    m = getal_veld(waarde, "Minimum aantal groepen", minimum=1, heel=True, kolom="min_groepen")
    if m is None:
        raise InvoerFout(
            "Minimum aantal groepen: vul een heel getal van 1 of meer in.", kolom="min_groepen"
        )
    return int(m)


def groepen_lijst(waarden: Any) -> tuple[str, ...]:
    """Named groups (a list, or text separated by commas); empty names dropped, no doubles.

    >>> groepen_lijst("bewoners, Projectteam,,bewoners")
    ('bewoners', 'Projectteam')
    """
    if leeg(waarden):
        return ()
    if isinstance(waarden, str):
        waarden = waarden.split(",")
    uit: list[str] = []
    for w in waarden:
        naam = "" if leeg(w) else str(w).strip()
        if naam and naam.casefold() not in {u.casefold() for u in uit}:
            uit.append(tekst(naam, "vereiste_groepen", max_len=MAX_TITEL))
    return tuple(uit)


def _score_getal(waarde: Any) -> float | None:
    """The number in a score cell; None when it is no number (text, a boolean, empty, NaN)."""
    if leeg(waarde) or type(waarde).__name__ in ("bool", "bool_"):
        return None
    try:
        f = float(waarde.strip().replace(",", ".") if isinstance(waarde, str) else waarde)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _beschrijf(waarde: Any) -> str:
    return "een lege waarde" if leeg(waarde) else f"'{waarde}'"


def score_melding_geen_getal(waarde: Any, schaal_min: int, schaal_max: int) -> str:
    return (
        f"{_beschrijf(waarde)} is geen geheel getal; een score is een heel getal op de schaal "
        f"{int(schaal_min)} tot en met {int(schaal_max)}"
    )


def score_melding_buiten(waarde: float, criterium: str, schaal_min: int, schaal_max: int) -> str:
    return (
        f"{int(waarde)} ligt buiten de schaal van criterium '{criterium}': die loopt van "
        f"{int(schaal_min)} tot en met {int(schaal_max)}"
    )


def score(waarde: Any, schaal_min: int, schaal_max: int, criterium: str = "") -> int:
    """One score: a whole number on the criterium's scale, both ends included.

    The one rule for scores, used by the scoring forms, imports, the store, the werksessie
    and the analysis (:func:`scores` is the same rule for a whole column). A whole number
    typed as text counts ("4", "4,0"); a fraction, other text, a boolean, an empty cell,
    NaN or inf does not.

    >>> score("4,0", 1, 5), score(3.0, 1, 5)
    (4, 3)
    >>> try:
    ...     score(6, 1, 5, "Kosten")
    ... except InvoerFout as e:
    ...     print(e.melding)
    6 ligt buiten de schaal van criterium 'Kosten': die loopt van 1 tot en met 5
    """
    f = _score_getal(waarde)
    if f is None or f != int(f):
        raise InvoerFout(score_melding_geen_getal(waarde, schaal_min, schaal_max), kolom="waarde")
    if not schaal_min <= f <= schaal_max:
        raise InvoerFout(score_melding_buiten(f, criterium, schaal_min, schaal_max), kolom="waarde")
    return int(f)


def scores(
    waarden: Any, schaal_min: Any, schaal_max: Any, criteria: Sequence[str]
) -> tuple[Any, tuple[int, str] | None]:
    """:func:`score` for a whole column at once (numpy, for the analysis of many scores).

    ``waarden`` is a pandas Series; ``schaal_min``, ``schaal_max`` and ``criteria`` hold each
    row's scale and criterium name. Returns the values as a float array and the first
    refusal as (position, Dutch message), or None when every score is good.
    """
    import numpy as np

    lo = np.asarray(schaal_min, dtype=float)
    hi = np.asarray(schaal_max, dtype=float)
    if waarden.dtype.kind in "iu" and not waarden.hasnans:  # the store's column: integers
        v = waarden.to_numpy(dtype=float)
    else:
        if waarden.dtype.kind == "f":
            v = waarden.to_numpy(dtype=float)
        else:
            v = np.array([_score_getal(x) for x in waarden], dtype=float)  # None -> NaN
        slecht = ~np.isfinite(v) | (v != np.round(v))
        if slecht.any():
            pos = int(np.flatnonzero(slecht)[0])
            return v, (pos, score_melding_geen_getal(waarden.iloc[pos], lo[pos], hi[pos]))
    buiten = (v < lo) | (v > hi)
    if buiten.any():
        pos = int(np.flatnonzero(buiten)[0])
        return v, (pos, score_melding_buiten(v[pos], criteria[pos], lo[pos], hi[pos]))
    return v, None


def onderwerp_soort(waarde: Any) -> str:
    return keuze(waarde, "onderwerp_soort", ONDERWERP_SOORTEN)


def besluit(waarde: Any) -> str:
    return keuze(waarde, "besluit", BESLUITEN)
