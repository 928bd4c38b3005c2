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
    "min_groepen": "minimum aantal groepen",
    "risico_kans": "kans (1-5)",
    "risico_impact": "impact (1-5)",
    "herzien_op": "herzien op",
    "volgens_plan": "wat ging volgens plan",
    "veranderd": "wat veranderde",
    "geleerd": "wat we leerden",
    "actie_id": "actie",
    "item_id": "kans/bedreiging",
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
        label = KOLOM_LABELS.get(self.kolom or "", self.kolom or "")
        # a number field's refusal names its field itself ("Drempel: 32 kan niet; ...")
        if self.kolom and not self.melding.lower().startswith(f"{label.replace('_', ' ')}:"):
            waar.append(f"kolom '{label}'")
        return (", ".join(waar) + ": " + self.melding) if waar else self.melding


class OnbekendFout(WijkanalyseFout):
    """A wijk, opgave, koppeling or criterium that does not exist."""


class DubbelFout(WijkanalyseFout):
    """A name that must be unique is used twice."""


class GelijktijdigFout(WijkanalyseFout):
    """Someone else changed the same thing since this form was filled in."""


class WerkruimteFout(WijkanalyseFout):
    """The workspace file cannot be used: damaged, not a workspace, full disk, read-only,
    locked too long. One Dutch sentence naming the file and what to do; the details (the
    database's own error) are in the log. ``soort`` says which fault (see :func:`systeemfout`)."""

    def __init__(self, melding: str, soort: str = "") -> None:
        super().__init__(melding)
        self.soort = soort


# ------------------------------------------------------------------- faults of the system
# Full disk, read-only file or folder, damaged file, a lock held too long: the database's or
# the operating system's English error becomes one Dutch sentence naming the file and what
# to do. The original stays chained (``raise … from e``), so the log has the details.

_VOL = (28, 122)  # ENOSPC, EDQUOT
_ALLEEN_LEZEN = (1, 13, 30)  # EPERM, EACCES, EROFS


def _soort(exc: BaseException) -> str:
    """'vol', 'alleen-lezen', 'beschadigd', 'bezet', 'niet-te-openen', 'schijffout' or ''."""
    naam = str(getattr(exc, "sqlite_errorname", "") or "")
    tekst = str(exc).lower()
    if isinstance(exc, OSError) and not naam and exc.errno is not None:
        if exc.errno in _VOL:
            return "vol"
        if exc.errno in _ALLEEN_LEZEN:
            return "alleen-lezen"
        return ""
    # (pandas' DatabaseError is an OSError without errno: read by its text below)
    if naam == "SQLITE_FULL" or "database or disk is full" in tekst:
        return "vol"
    if naam.startswith("SQLITE_READONLY") or "readonly database" in tekst:
        return "alleen-lezen"
    if naam.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        "malformed" in tekst or "not a database" in tekst
    ):
        return "beschadigd"
    if naam.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in tekst:
        return "bezet"
    if naam.startswith("SQLITE_CANTOPEN") or "unable to open database" in tekst:
        return "niet-te-openen"
    if naam.startswith("SQLITE_IOERR") or "disk i/o error" in tekst:
        return "schijffout"
    return ""


def systeemfout(
    exc: BaseException, bestand: str, *, reservekopie: str = "", wachttijd: float = 60
) -> WerkruimteFout | None:
    """The Dutch error for a system fault on ``bestand``; None when ``exc`` is none (a bug,
    or an error of ours, stays as it is). ``reservekopie``: what to say about backups."""
    if isinstance(exc, WijkanalyseFout):
        return None
    soort = _soort(exc)
    niets = "er is niets veranderd"
    if soort == "vol":
        tekst = (
            f"De schijf is vol: '{bestand}' kon niet worden geschreven ({niets}). Maak ruimte "
            "vrij op die schijf (of kies een andere map) en probeer het opnieuw."
        )
    elif soort == "alleen-lezen":
        tekst = (
            f"'{bestand}' of de map waarin het staat is alleen-lezen ({niets}). Geef "
            "schrijfrechten op bestand en map, of werk in een kopie in een map waar u mag "
            "schrijven."
        )
    elif soort == "beschadigd":
        tekst = (
            f"Werkruimte '{bestand}' is beschadigd; er is niets in geschreven. "
            f"{reservekopie or 'Zet een reservekopie terug.'}"
        )
    elif soort == "bezet":
        tekst = (
            f"Werkruimte '{bestand}' bleef langer dan {wachttijd:g} s bezet door een ander "
            f"programma of een andere laptop ({niets}). Probeer het zo opnieuw, of sluit wat de "
            "werkruimte openhoudt."
        )
    elif soort == "niet-te-openen":
        tekst = (
            f"'{bestand}' kan niet worden geopend of aangemaakt. Bestaat de map, en mag u "
            "er lezen en schrijven?"
        )
    elif soort == "schijffout":
        tekst = (
            f"Lezen of schrijven van '{bestand}' mislukte (een schijffout: vol, ontkoppeld of "
            f"defect); {niets}. Controleer de schijf en probeer het opnieuw."
        )
    else:
        return None
    return WerkruimteFout(tekst, soort)
