"""Errors that carry a Dutch message for the user.

Every error the user can cause derives from :class:`WijkanalyseFout`; its ``str`` is the
message to show. :class:`InvoerFout` also says where: file, row and column.
"""

from __future__ import annotations

import re

# Control and bidirectional-override characters a message may echo from a file: shown as
# \x1b or \u202e, so a terminal never acts on them (ANSI/OSC escapes, reversed text).
_ONZICHTBAAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def zichtbaar(tekst: str) -> str:
    r"""``tekst`` with control and bidi characters written out, safe to print.

    >>> print(zichtbaar("Wijk\x1b]8;;x\x07\u202e"))
    Wijk\x1b]8;;x\x07\u202e
    """
    return _ONZICHTBAAR.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), tekst)


# How internal column names are shown to a user (the attribute keeps the internal name).
KOLOM_LABELS = {
    "start_jaar": "startjaar",
    "eind_jaar": "eindjaar",
    "interventie_eigenaar": "eigenaar interventie",
    "opgave_a": "opgave 1",
    "opgave_b": "opgave 2",
    "onderwerp_soort": "soort onderwerp",
    "onderwerp_id": "onderwerp",
    "criterium_id": "criterium",
    "schaal_min": "laagste schaalwaarde",
    "schaal_max": "hoogste schaalwaarde",
    "betekenis_min": "betekenis laagste waarde",
    "betekenis_max": "betekenis hoogste waarde",
    "n_trekkingen": "aantal trekkingen",
}


class WijkanalyseFout(Exception):
    """Base class: the message is Dutch and meant for the user."""


class InvoerFout(WijkanalyseFout):
    """Bad input. ``rij`` is the row as the user sees it (1-based, header = row 1 in a file)."""

    def __init__(
        self,
        melding: str,
        *,
        bestand: str | None = None,
        rij: int | None = None,
        kolom: str | None = None,
    ) -> None:
        self.melding = melding
        self.bestand = bestand
        self.rij = rij
        self.kolom = kolom
        super().__init__(zichtbaar(self._tekst()))

    def _tekst(self) -> str:
        waar = []
        if self.bestand:
            waar.append(f"bestand '{self.bestand}'")
        if self.rij is not None:
            waar.append(f"rij {self.rij}")
        if self.kolom:
            waar.append(f"kolom '{KOLOM_LABELS.get(self.kolom, self.kolom)}'")
        return (", ".join(waar) + ": " + self.melding) if waar else self.melding


class OnbekendFout(WijkanalyseFout):
    """A wijk, opgave, koppeling or criterium that does not exist."""


class DubbelFout(WijkanalyseFout):
    """A name that must be unique is used twice."""


class GelijktijdigFout(WijkanalyseFout):
    """Someone else changed the same thing since this form was filled in."""
