"""Formula injection: texts that a spreadsheet would run as a formula get a leading
apostrophe in CSV, and lose exactly that apostrophe again on reading.
"""

from __future__ import annotations

_RISKANT = ("=", "+", "-", "@", "\t")


def _riskant(tekst: str) -> bool:
    return tekst.lstrip("'").startswith(_RISKANT)


def bescherm_formule(tekst: str) -> str:
    """Prefix an apostrophe so a spreadsheet never runs the text as a formula (CSV only)."""
    return "'" + tekst if _riskant(tekst) else tekst


def herstel_formule(tekst: str) -> str:
    """Undo :func:`bescherm_formule` exactly."""
    return tekst[1:] if tekst.startswith("'") and _riskant(tekst) else tekst
