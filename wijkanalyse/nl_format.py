"""Dutch formatting shared by tables, plots and reports: dates as dd-mm-jjjj, decimal commas.

Plots follow the tables through plotly's ``separators`` layout attribute (first character
the decimal mark, second the thousands separator), see :func:`nl_layout`.
"""

from __future__ import annotations

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


def getal(x: object, decimalen: int | None = None) -> str:
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


def procent(aandeel: object) -> str:
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
