"""A participant's proposals as text: in everyone's list, and in the participant's own list
("Uw voorstellen"), where what the facilitator did with each is said plainly: hidden,
reworded (the new wording, and the participant's own beside it) or merged into another.
Pure functions, no widgets and no database."""

from __future__ import annotations

from typing import Any

from ..core.nl_format import html_tekst as e

VERBORGEN = "verborgen door de gespreksleider"
AANGEPAST = "aangepast door de gespreksleider"


def voorstel_html(v: dict[str, Any], paren: dict[int, str]) -> str:
    """A proposal as text; a kans or bedreiging names its pair."""
    if v["soort"] == "opgave":
        return e(v["tekst"])
    paar = paren.get(v["koppeling_id"], "een verwijderd paar")
    return f"<em>{e(v['soort'].capitalize())} bij {e(paar)}:</em> {e(v['tekst'])}"


def eigen_voorstel_html(
    v: dict[str, Any], paren: dict[int, str], per_id: dict[int, dict[str, Any]]
) -> str:
    """One of the participant's own proposals, with what the facilitator did with it:
    hidden, reworded (the new wording shown, the participant's own beside it) or merged
    with another (named by its wording; ``per_id`` holds the round's proposals by id)."""
    tekst = voorstel_html(v, paren)
    marks: list[str] = []
    if v.get("oorspronkelijk"):
        marks.append(f"{AANGEPAST}; u schreef “{e(v['oorspronkelijk'])}”")
    doel = v.get("samengevoegd_in")
    if doel is not None:
        ander = per_id.get(int(doel))
        marks.append(
            f"samengevoegd met “{e(ander['tekst'])}”" if ander else "samengevoegd met een ander"
        )
    if v.get("verborgen"):
        marks.append(VERBORGEN)
    if not marks:
        return tekst
    return f"{tekst} <span class='wa-gemodereerd'>({'; '.join(marks)})</span>"
