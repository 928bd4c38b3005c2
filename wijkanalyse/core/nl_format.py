"""Dutch formatting shared by tables, plots and reports: dates as dd-mm-jjjj, decimal commas;
and :func:`html_tekst`, the one escape of user text put into HTML.

Plots follow the tables through plotly's ``separators`` layout attribute (first character
the decimal mark, second the thousands separator), see :func:`nl_layout`.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date, datetime
from typing import Any

#: plotly layout ``separators``: decimal comma, thousands point (3,25 and 40.795).
PLOTLY_SEPARATORS = ",."


def _ontbreekt(x: object) -> bool:
    """None, NaN, NaT or pandas' NA, without importing pandas (report workers stay small)."""
    if x is None:
        return True
    try:
        return bool(x != x)  # only NaN and NaT differ from themselves
    except TypeError:  # pandas.NA: its comparisons are NA, which has no truth value
        return True


def datum(waarde: object) -> str:
    """A date the Dutch way, dd-mm-jjjj; empty for missing, unchanged when not a date.

    >>> datum("2026-11-25"), datum(date(2026, 1, 5)), datum(None), datum("binnenkort")
    ('25-11-2026', '05-01-2026', '', 'binnenkort')
    >>> datum("2026-11-25T14:03:00")
    '25-11-2026'
    """
    if waarde is None or (not isinstance(waarde, str) and _ontbreekt(waarde)):
        return ""
    if isinstance(waarde, datetime | date):
        return waarde.strftime("%d-%m-%Y")
    tekst = str(waarde).strip()
    try:
        return datetime.fromisoformat(tekst).strftime("%d-%m-%Y")
    except ValueError:
        return tekst


def moment(waarde: object) -> str:
    """A moment as stored (ISO text) the Dutch way: with its time when it has one.

    >>> moment("2026-11-25T14:03:09"), moment("2026-11-25"), moment(""), moment("sessie-3")
    ('25-11-2026 14:03', '25-11-2026', '', 'sessie-3')
    """
    if waarde is None or (not isinstance(waarde, str) and _ontbreekt(waarde)):
        return ""
    tekst = str(waarde).strip()
    try:
        t = datetime.fromisoformat(tekst)
    except ValueError:
        return tekst
    return datum_tijd(t) if ("T" in tekst or " " in tekst) else datum(t)


_ISO_IN_TEKST = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?\b"
)


def datums_in_tekst(tekst: object) -> str:
    """Every ISO date (and time) inside a text written the Dutch way.

    >>> datums_in_tekst("datum: 2026-03-01; moment: 2026-03-01T09:05:00")
    'datum: 01-03-2026; moment: 01-03-2026 09:05'
    """
    if tekst is None or (not isinstance(tekst, str) and _ontbreekt(tekst)):
        return ""

    def nl(m: re.Match[str]) -> str:
        j, mnd, d, u, mi = m.groups()
        return f"{d}-{mnd}-{j}" + (f" {u}:{mi}" if u else "")

    return _ISO_IN_TEKST.sub(nl, str(tekst))


def datum_tijd(waarde: datetime) -> str:
    """Date and time, e.g. for when a report was made.

    >>> datum_tijd(datetime(2026, 11, 25, 9, 5))
    '25-11-2026 09:05'
    """
    return waarde.strftime("%d-%m-%Y %H:%M")


def html_tekst(waarde: Any) -> str:
    """Any value as text that is safe inside HTML, in an element or an attribute.

    >>> html_tekst('<b>"Laak" & co</b>')
    '&lt;b&gt;&quot;Laak&quot; &amp; co&lt;/b&gt;'
    """
    return html.escape(str(waarde), quote=True)


def getal(x: Any, decimalen: int | None = None) -> str:
    """A number with a decimal comma and thousands points; ``decimalen=None`` drops zeros.

    >>> getal(3.25), getal(40795), getal(0.5, 2), getal(None), getal(float("-inf"))
    ('3,25', '40.795', '0,50', '', 'onbekend')
    """
    if _ontbreekt(x):
        return ""
    f = float(x)
    if not math.isfinite(f):
        return "onbekend"
    if decimalen is None:
        tekst = f"{int(f):,}" if f.is_integer() else f"{f:,.10g}" if abs(f) >= 1000 else f"{f:g}"
    else:
        tekst = f"{f:,.{decimalen}f}"
    return tekst.replace(",", "\0").replace(".", ",").replace("\0", ".")


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """A count with its noun in the right number.

    >>> aantal(1, "opgave", "opgaven"), aantal(3, "opgave", "opgaven"), aantal(0, "score", "scores")
    ('1 opgave', '3 opgaven', '0 scores')
    """
    return f"{getal(n)} {enkelvoud if n == 1 else meervoud}"


def procent(aandeel: Any) -> str:
    """A share 0..1 as a Dutch percentage.

    >>> procent(0.5), procent(1/3), procent(float("nan")), procent(float("inf"))
    ('50%', '33%', '', 'onbekend')
    """
    if _ontbreekt(aandeel):
        return ""
    if not math.isfinite(float(aandeel)):
        return "onbekend"
    return f"{round(float(aandeel) * 100):d}%"


def nl_layout(layout: dict[str, Any]) -> dict[str, Any]:
    """A plotly layout dict with Dutch separators (kept if the figure set its own)."""
    return {"separators": PLOTLY_SEPARATORS, **layout}


# --- Reading numbers as people type them ----------------------------------------------------
#
# One parser for every number field (drempel, capaciteit, weights, scale, grens): ``3,2`` and
# ``3.2`` are both 3.2. The rules, so a Dutch and an English habit never give a number ten or a
# thousand times too large:
#
# - a comma alone is a decimal comma: ``3,2`` is 3.2, ``1,250`` is 1.25;
# - a point alone is a decimal point (``3.2`` is 3.2, ``0.75`` is 0.75), except in a whole-number
#   field, where one or more groups of exactly three digits after points are thousands
#   (``1.250`` capaciteit is 1250, ``2.027`` is the year 2027); in a decimal field ``1.250``
#   stays 1.25;
# - both a point and a comma: the last of the two is the decimal mark, the other separates
#   thousands in groups of three (``1.250,5`` and ``1,250.5`` are 1250.5);
# - spaces (also non-breaking) are ignored, a leading + or - is kept; anything else (text,
#   ``nan``, ``inf``, ``1e3``, two decimal marks) is refused with a Dutch message.

_GETAL_TEKEN = re.compile(r"^([+-]?)([\d.,]+)$")
_DUIZENDTALLEN = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


class GeenGetal(ValueError):
    """What was typed is no number (or no whole number); ``str()`` is a Dutch sentence."""


def lees_getal(tekst: object, *, heel: bool = False) -> float | int | None:
    """The number someone typed, Dutch or English style; None when empty.

    ``heel=True`` for whole-number fields (capaciteit, years, a scale): the result is an int,
    and a fraction is refused.

    >>> lees_getal("3,2"), lees_getal("3.2"), lees_getal(" 0,75 "), lees_getal("")
    (3.2, 3.2, 0.75, None)
    >>> lees_getal("1.250", heel=True), lees_getal("1.250"), lees_getal("1.250,5")
    (1250, 1.25, 1250.5)
    >>> lees_getal("-2"), lees_getal("4,0", heel=True)
    (-2.0, 4)
    >>> lees_getal("3,5", heel=True)
    Traceback (most recent call last):
    ...
    wijkanalyse.core.nl_format.GeenGetal: '3,5' is geen heel getal
    >>> lees_getal("drie")
    Traceback (most recent call last):
    ...
    wijkanalyse.core.nl_format.GeenGetal: 'drie' is geen getal; typ bijvoorbeeld 3,2
    """
    if tekst is None or (not isinstance(tekst, str) and _ontbreekt(tekst)):
        return None
    if isinstance(tekst, bool):
        raise GeenGetal(f"'{tekst}' is geen getal")
    if isinstance(tekst, int | float) and not isinstance(tekst, bool):
        f = float(tekst)
        if f != f or f in (float("inf"), float("-inf")):
            raise GeenGetal(f"'{tekst}' is geen getal")
        return _als_heel(f, str(tekst)) if heel else f
    schoon = re.sub(r"[\s\u00a0\u202f]", "", str(tekst))
    if not schoon:
        return None
    m = _GETAL_TEKEN.match(schoon)
    if not m or not re.search(r"\d", m.group(2)):
        raise GeenGetal(f"'{str(tekst).strip()}' is geen getal; typ bijvoorbeeld 3,2")
    teken, cijfers = m.groups()
    waarde = _cijfers_naar_float(cijfers, heel=heel)
    if waarde is None:
        raise GeenGetal(f"'{str(tekst).strip()}' is geen getal; typ bijvoorbeeld 3,2")
    f = -waarde if teken == "-" else waarde
    return _als_heel(f, str(tekst).strip()) if heel else f


def _cijfers_naar_float(cijfers: str, *, heel: bool) -> float | None:
    """Digits with points and commas to a float by the rules above; None when unreadable."""
    punten, kommas = cijfers.count("."), cijfers.count(",")
    if punten and kommas:
        decimaal = "." if cijfers.rfind(".") > cijfers.rfind(",") else ","
        duizend = "," if decimaal == "." else "."
        geheel, _, breuk = cijfers.rpartition(decimaal)
        if cijfers.count(decimaal) > 1 or not _DUIZENDTALLEN.match(geheel):
            return None
        if not breuk:
            return None
        return float(geheel.replace(duizend, "") + "." + breuk)
    teken = "," if kommas else "."
    aantal = kommas or punten
    if aantal == 0:
        return float(cijfers)
    if aantal > 1 or (teken == "." and heel):  # 1.250.000, or thousands in a whole field
        if _DUIZENDTALLEN.match(cijfers) and cijfers.count(teken) == aantal:
            return float(cijfers.replace(teken, ""))
        if aantal > 1:
            return None
    geheel, _, breuk = cijfers.partition(teken)
    if not geheel and not breuk:
        return None
    return float((geheel or "0") + "." + (breuk or "0"))


def _als_heel(f: float, getypt: str) -> int:
    if f != int(f):
        raise GeenGetal(f"'{getypt}' is geen heel getal")
    return int(f)
