"""CBS key figures: read a StatLine CSV export as it comes, match it to the wijken, store it.

A StatLine download ("CSV" on opendata.cbs.nl) is ``;``-separated with every value quoted
and space-padded (``"    20.8"``), ``.`` or empty where CBS has no figure, the unit at the
end of each column name (``"Particuliere huishoudens (Aantal)"``), region codes padded with
spaces (``"WK036300  "``), and gemeenten, wijken and buurten (sometimes several periods)
mixed in one file. Some downloads carry a title line above the header and ``"Bron: CBS"``
below the data. :func:`lees_statline` turns such a file into a long table (one row per
region, subject and period); :func:`koppel` matches its regions to the wijken of a workspace;
:func:`importeer` does both and stores the result in one transaction, or nothing at all.

Missing figures stay missing (``NaN`` here, ``NULL`` in the store), never 0. ``-`` is CBS's
sign for "nihil" (none at all) and is read as 0, as StatLine's legend says.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import math
import os
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import databank, store
from ..core.errors import InvoerFout, OnbekendFout, WijkanalyseFout
from ..core.validation import VERBODEN_TEKENS, verboden_teken
from ..tabular_io.bestand import tekstcodering, utf16_codering

NIVEAUS = {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}
# Region codes: NL01, GM0363, WK036300, BU03630000, and other CBS regions (PV27
# provincie, LD01 landsdeel, CR, ...), which are read but never matched to a wijk.
_CODE = re.compile(r"^[A-Z]{2}\d{2}(\d{2}){0,3}$")
_EENHEID = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_GEEN_CIJFER = {"", ".", "x", "?", "..", "*"}
_TEKST_EENHEDEN = {"code", "naam", "omschrijving"}
_REGIO_KOPPEN = ("wijken en buurten", "regio's", "regios", "regio")
_PERIODE_KOP = "perioden"
_CSV_UITLEG = (
    "Download de tabel in StatLine via 'Downloaden' als 'CSV' (platte tabel, niet 'tabel "
    "zoals weergegeven'), met de regiocodes erbij."
)


MAX_BYTES = 300_000_000  # a whole national table is under 100 MB
MAX_CEL_TEKENS = 10_000  # a StatLine cell is a name, a code or a figure
_KOLOMMEN = ["regiocode", "regionaam", "niveau", "onderwerp", "eenheid", "periode", "waarde"]


@dataclass
class StatLineBestand:
    """A parsed StatLine export.

    ``regios``: regiocode, regionaam, niveau, gemeentecode, gemeentenaam (one row per region).
    ``cijfers``: regiocode, regionaam, niveau, onderwerp, eenheid, periode, waarde (built on
    first use; :meth:`cijfers_van` builds only the rows of some regions, which is what an
    import keeps of a national file).
    """

    bestand: str
    bron_tabel: str
    regios: pd.DataFrame
    basis: pd.DataFrame = field(repr=False)  # regiocode, regionaam, niveau, periode per row
    kolommen: list[tuple[str, str, np.ndarray]] = field(repr=False)  # onderwerp, eenheid

    @property
    def perioden(self) -> list[str]:
        return sorted(self.basis["periode"].unique().tolist())

    @property
    def onderwerpen(self) -> list[str]:
        return list(dict.fromkeys(onderwerp for onderwerp, _, _ in self.kolommen))

    @functools.cached_property
    def cijfers(self) -> pd.DataFrame:
        return self.cijfers_van(None)

    def cijfers_van(self, codes: set[str] | None) -> pd.DataFrame:
        """The long table of figures, of the regions ``codes`` only (None: all)."""
        keuze = (
            np.ones(len(self.basis), dtype=bool)
            if codes is None
            else self.basis["regiocode"].isin(codes).to_numpy()
        )
        basis = self.basis[keuze].reset_index(drop=True)
        delen = [
            basis.assign(onderwerp=onderwerp, eenheid=eenheid, waarde=waarden[keuze])
            for onderwerp, eenheid, waarden in self.kolommen
        ]
        if not delen:
            return pd.DataFrame(columns=_KOLOMMEN)
        return pd.concat(delen, ignore_index=True)[_KOLOMMEN]


# --------------------------------------------------------------------------- reading


def _stroom(ruw: bytes, naam: str) -> io.TextIOWrapper:
    """The file as a text stream, in the encoding every reader chooses (:func:`tekstcodering`)."""
    if not ruw or ruw.isspace():
        raise InvoerFout("Het bestand is leeg.", bestand=naam)
    if len(ruw) > MAX_BYTES:
        raise InvoerFout(
            f"Het bestand is {len(ruw) // 1_000_000} MB groot; de grens is "
            f"{MAX_BYTES // 1_000_000} MB. Download alleen de regio's die u nodig hebt.",
            bestand=naam,
        )
    codering = utf16_codering(ruw)
    if codering is None:
        if ruw.startswith(b"PK\x03\x04"):
            raise InvoerFout(
                "Dit is geen tekstbestand (CSV) maar een Excel-bestand. " + _CSV_UITLEG,
                bestand=naam,
            )
        if b"\x00" in ruw[:4096]:
            raise InvoerFout(
                "Dit is geen tekstbestand (CSV) maar iets anders, bijvoorbeeld een PDF of een "
                "programma. " + _CSV_UITLEG,
                bestand=naam,
            )
    return io.TextIOWrapper(
        io.BytesIO(ruw), encoding=tekstcodering(ruw), errors="replace", newline=""
    )


def _records(stroom: io.TextIOWrapper, naam: str) -> Iterator[tuple[int, list[str]]]:
    """(row, fields) per CSV record, with the row in every refusal."""
    lezer = csv.reader(stroom, delimiter=";", quotechar='"')
    n = 0
    while True:
        n += 1
        try:
            r = next(lezer)
        except StopIteration:
            return
        except csv.Error as e:
            if "field larger" in str(e):
                raise InvoerFout(
                    f"Een cel in deze rij is langer dan {csv.field_size_limit():,} tekens; de "
                    f"grens is {MAX_CEL_TEKENS:,}. Is dit wel een StatLine-export?".replace(
                        ",", "."
                    ),
                    bestand=naam,
                    rij=n,
                ) from None
            raise InvoerFout(
                "Deze rij is geen geldige CSV (staat er een aanhalingsteken dat niet wordt "
                "afgesloten, of een NUL-teken?). Is het bestand bewerkt?",
                bestand=naam,
                rij=n,
            ) from None
        yield n, r


def _geen_stuurtekens(waarden: list[str], rijen: list[int], kop: str, naam: str) -> None:
    """Refuse control and bidirectional-override characters in region names and codes."""
    if not VERBODEN_TEKENS.search("".join(waarden)):
        return
    for tekst, rij in zip(waarden, rijen, strict=True):
        if fout := verboden_teken(tekst):
            raise InvoerFout(
                f"Deze cel bevat {fout}. Een naam of code uit CBS bevat zo'n teken nooit; is "
                "het bestand bewerkt?",
                bestand=naam,
                rij=rij,
                kolom=kop,
            )


def _getal(tekst: str, rij: int, kolom: str, naam: str) -> float | None:
    """A StatLine value as a float; None where CBS has no figure.

    >>> _getal("    20.8", 2, "k", "f"), _getal("       .", 2, "k", "f"), _getal("-", 2, "k", "f")
    (20.8, None, 0.0)
    >>> _getal("  -0.100", 2, "k", "f"), _getal("3,5", 2, "k", "f")
    (-0.1, 3.5)
    >>> _getal("1e999", 7, "k", "f")
    Traceback (most recent call last):
    wijkanalyse.core.errors.InvoerFout: bestand 'f', rij 7, kolom 'k': '1e999' is geen eindig \
getal (oneindig of 'geen getal'); CBS schrijft zo'n cijfer nooit. Is het bestand bewerkt? \
Gebruik '.' voor 'geen cijfer'.
    """
    t = tekst.strip().replace("\u00a0", "").replace(" ", "")
    if t in _GEEN_CIJFER:
        return None
    if t == "-":
        return 0.0
    if "," in t and "." in t:
        t = t.replace(".", "").replace(",", ".")
    elif "," in t:
        t = t.replace(",", ".")
    try:
        getal = float(t)
    except ValueError:
        raise InvoerFout(
            f"'{tekst.strip()}' is geen getal en geen CBS-teken voor 'geen cijfer' ('.').",
            bestand=naam,
            rij=rij,
            kolom=kolom,
        ) from None
    if not math.isfinite(getal):
        raise InvoerFout(
            f"'{tekst.strip()}' is geen eindig getal (oneindig of 'geen getal'); CBS schrijft "
            "zo'n cijfer nooit. Is het bestand bewerkt? Gebruik '.' voor 'geen cijfer'.",
            bestand=naam,
            rij=rij,
            kolom=kolom,
        )
    return getal


class _Getallen:
    """One column of figures, parsed while the file streams in: each distinct text once
    (a national file repeats them a lot), a refusal with the row of the first bad one."""

    def __init__(self, kop: str, naam: str) -> None:
        self.kop, self.naam = kop, naam
        self.gezien: dict[str, float] = {}
        self.waarden = array("d")

    def nieuw(self, tekst: str, rij: int) -> float:
        """The value of a text not seen before (NaN where CBS has no figure)."""
        getal = _getal(tekst, rij, self.kop, self.naam)
        waarde = math.nan if getal is None else getal
        if len(self.gezien) < 20_000:
            self.gezien[tekst] = waarde
        return waarde


def _periode(tekst: str) -> str:
    """StatLine period labels and keys to one form.

    >>> _periode("2019"), _periode("2019JJ00"), _periode(" 2020 "), _periode("2023*")
    ('2019', '2019', '2020', '2023')
    """
    t = tekst.strip().rstrip("*").strip()  # '2023*': provisional figures
    m = re.fullmatch(r"(\d{4})JJ00", t)
    return m.group(1) if m else t


def _periode_uit_tekst(tekst: str) -> str | None:
    jaren = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", tekst)
    return jaren[-1] if jaren else None


def _bron_uit_bestandsnaam(naam: str) -> str:
    """The table title StatLine puts in the file name, without the download time stamp.

    >>> _bron_uit_bestandsnaam("SES_WOA_scores_per_wijk_en_buurt_25042023_160857.csv")
    'SES WOA scores per wijk en buurt'
    """
    stam = Path(naam).stem
    stam = re.sub(r"_\d{8}_\d{6}$", "", stam)
    return stam.replace("_", " ").strip() or "onbekende CBS-tabel"


def lees_statline(
    bron: Path | str | bytes,
    *,
    naam: str | None = None,
    bron_tabel: str | None = None,
    periode: str | None = None,
) -> StatLineBestand:
    """Read a StatLine CSV export; raise :class:`InvoerFout` (Dutch) naming what is missing.

    ``bron`` is a path or the file's bytes (``naam`` is then the name shown in messages).
    ``bron_tabel`` (for example ``85163NED``) defaults to the title line of the file or the
    table title in the file name; ``periode`` is needed only when the file has no
    ``Perioden`` column and no year in its title or name.
    """
    if isinstance(bron, bytes):
        ruw, naam = bron, naam or "upload.csv"
    else:
        pad = Path(bron)
        naam = naam or pad.name
        try:
            ruw = pad.read_bytes()
        except OSError as e:
            raise InvoerFout(f"Het bestand kan niet gelezen worden ({e.strerror}).") from None
    gelezen = _Lezer(naam).lees(_records(_stroom(ruw, naam), naam))
    del ruw
    return gelezen.bestand(bron_tabel, periode)


class _Lezer:
    """Reads the records of a StatLine CSV in one pass: title lines, the header, then per
    data row its text columns (kept) and its figures (parsed at once, refused with row and
    column)."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        self.titels: list[str] = []
        self.kop: list[str] = []
        self.kop_rij = 0
        self.teksten: dict[int, list[str]] = {}
        self.getallen: dict[int, _Getallen] = {}
        self.eenheden: dict[int, tuple[str, str]] = {}
        self.rijnummers: list[int] = []
        self.breedste = 0

    def lees(self, records: Iterator[tuple[int, list[str]]]) -> _Lezer:
        voet: list[int] = []  # one-field rows after the data ("Bron: CBS")
        snel: list[tuple[int, dict[str, float], Any, _Getallen]] = []
        for n, r in records:
            self.breedste = max(self.breedste, len(r))
            if n <= 12 and r and r[0].strip().lower() == "onderwerp":
                raise InvoerFout(
                    "Dit is de StatLine-weergave met onderwerpen als rijen en regio's als "
                    "kolommen; die kan niet ingelezen worden. " + _CSV_UITLEG,
                    bestand=self.naam,
                )
            if not self.kop:
                r = [c.replace("\ufeff", "") for c in r]
                if len(r) > 1:
                    self._kopregel(n, r)
                    snel = [(i, g.gezien, g.waarden.append, g) for i, g in self.getallen.items()]
                elif r and r[0].strip():
                    self.titels.append(r[0].strip())
                continue
            if len(r) == 1:
                if r[0].strip():
                    voet.append(n)
                continue
            if not "".join(r).strip():
                continue
            if voet or len(r) != len(self.kop):
                fout_rij, breedte = (voet[0], 1) if voet else (n, len(r))
                raise InvoerFout(
                    f"Deze rij heeft {breedte} velden, de kopregel {len(self.kop)}. Is het "
                    "bestand afgebroken of bewerkt?",
                    bestand=self.naam,
                    rij=fout_rij,
                )
            if max(map(len, r)) > MAX_CEL_TEKENS:
                i = max(range(len(r)), key=lambda j: len(r[j]))
                raise InvoerFout(
                    f"Deze cel is {len(r[i]):,} tekens lang; de grens is ".replace(",", ".")
                    + f"{MAX_CEL_TEKENS:,} tekens.".replace(",", "."),
                    bestand=self.naam,
                    rij=n,
                    kolom=self.kop[i],
                )
            for i, lijst in self.teksten.items():
                lijst.append(r[i])
            for i, gezien, voeg_toe, kolom in snel:  # the hot loop: every figure
                waarde = gezien.get(r[i])
                voeg_toe(kolom.nieuw(r[i], n) if waarde is None else waarde)
            self.rijnummers.append(n)
        return self

    def _kopregel(self, n: int, r: list[str]) -> None:
        self.kop, self.kop_rij = [k.strip() for k in r], n
        for i, k in enumerate(self.kop):
            if fout := verboden_teken(k):
                raise InvoerFout(
                    f"Deze kolomnaam bevat {fout}. Is het bestand bewerkt?",
                    bestand=self.naam,
                    rij=n,
                    kolom=f"kolom {i + 1}",
                )
        lager = [k.lower() for k in self.kop]
        self.regio_i = next((i for i, k in enumerate(lager) if k in _REGIO_KOPPEN), None)
        self.periode_i = next((i for i, k in enumerate(lager) if k == _PERIODE_KOP), None)
        self.gemnaam_i = next(
            (i for i, k in enumerate(lager) if k.startswith("gemeentenaam")), None
        )
        vast = {self.regio_i, self.periode_i, self.gemnaam_i}
        for i, k in enumerate(self.kop):
            m = _EENHEID.match(k)
            if i in vast or not m or m.group(2).strip().lower() in _TEKST_EENHEDEN:
                self.teksten[i] = []  # names, codes and columns that are not figures
            else:
                self.getallen[i] = _Getallen(k, self.naam)
                self.eenheden[i] = (m.group(1).strip(), m.group(2).strip())

    def _code_kolom(self) -> int | None:
        for i, lijst in self.teksten.items():
            if i == self.regio_i:
                continue
            waarden = [v.strip() for v in lijst if v.strip()]
            if (
                waarden
                and all(_CODE.match(v) for v in waarden)
                and any(v[:2] in ("GM", "WK", "BU") for v in waarden)
            ):
                return i
        return None

    def bestand(self, bron_tabel: str | None, periode: str | None) -> StatLineBestand:
        naam, kop = self.naam, self.kop
        if self.breedste <= 1:
            scheiding = (
                "komma's" if any("," in t for t in self.titels[:1]) else "geen scheidingsteken"
            )
            raise InvoerFout(
                "Dit is geen StatLine-export: de kolommen zijn niet met ';' gescheiden (gevonden: "
                f"{scheiding}). " + _CSV_UITLEG,
                bestand=naam,
            )
        titel = " ".join(self.titels)
        code_i = self._code_kolom()
        ontbreekt: list[str] = []
        if self.regio_i is None and code_i is None:
            ontbreekt.append("een kolom met de regio's ('Wijken en buurten' of 'Regio's')")
        if code_i is None:
            ontbreekt.append(
                "een kolom met regiocodes zoals GM0363, WK036300 of BU03630000 (bijvoorbeeld "
                "'Regiocode (gemeente, wijk, buurt) (code)' of 'Codering (code)')"
            )
        if not self.getallen:
            ontbreekt.append(
                "kolommen met cijfers en hun eenheid tussen haakjes (zoals 'Particuliere "
                "huishoudens (Aantal)' of 'Opleidingsniveau/Laag/Waarde (%)')"
            )
        if not self.rijnummers:
            ontbreekt.append("rijen met cijfers onder de kopregel")
        if self.periode_i is None and not periode:
            periode = _periode_uit_tekst(titel) or _periode_uit_tekst(Path(naam).stem)
            if periode is None:
                ontbreekt.append(
                    "de periode (een kolom 'Perioden', of een jaartal in de titel of "
                    "bestandsnaam); geef haar anders zelf op"
                )
        if ontbreekt:
            gevonden = ", ".join(f"'{k}'" for k in kop) or "(geen)"
            raise InvoerFout(
                "Dit is geen bruikbare StatLine-export. Er ontbreekt: "
                + "; ".join(ontbreekt)
                + f". Gevonden kolommen: {gevonden}. "
                + _CSV_UITLEG,
                bestand=naam,
            )
        assert code_i is not None
        rijen = self.rijnummers
        for i in (code_i, self.regio_i, self.gemnaam_i, self.periode_i):
            if i is not None:
                _geen_stuurtekens(self.teksten[i], rijen, kop[i], naam)
        codes = pd.Series(self.teksten[code_i], dtype=object).str.strip()
        if (codes == "").any():
            n = rijen[int((codes == "").to_numpy().argmax())]
            raise InvoerFout("De regiocode ontbreekt.", bestand=naam, rij=n, kolom=kop[code_i])

        def tekst(i: int) -> pd.Series:
            return pd.Series(self.teksten[i], dtype=object).str.strip()

        basis = pd.DataFrame(
            {
                "regiocode": codes,
                "regionaam": tekst(self.regio_i) if self.regio_i is not None else codes,
                "niveau": codes.str[:2].map(NIVEAUS).fillna("overig"),
                "periode": (
                    pd.Series(self.teksten[self.periode_i], dtype=object).map(_periode)
                    if self.periode_i is not None
                    else str(periode)
                ),
            }
        )
        gemeentelijk = basis["niveau"].isin(["gemeente", "wijk", "buurt"])
        regios = (
            basis.assign(
                gemeentecode=("GM" + codes.str[2:6]).where(gemeentelijk, ""),
                gemeentenaam=tekst(self.gemnaam_i) if self.gemnaam_i is not None else "",
            )
            .drop_duplicates("regiocode")[
                ["regiocode", "regionaam", "niveau", "gemeentecode", "gemeentenaam"]
            ]
            .reset_index(drop=True)
        )
        # Gemeente names: from the Gemeentenaam column, else from the gemeente's own row.
        gm_namen = regios.loc[regios["niveau"] == "gemeente"].set_index("regiocode")["regionaam"]
        leeg = regios["gemeentenaam"] == ""
        regios.loc[leeg, "gemeentenaam"] = regios.loc[leeg, "gemeentecode"].map(gm_namen).fillna("")
        dubbel = basis.duplicated(["regiocode", "periode"], keep=False)
        if dubbel.any():
            d = basis[dubbel].iloc[0]
            raise InvoerFout(
                f"Regio {d['regiocode']} staat er voor periode {d['periode']} meer dan eens in.",
                bestand=naam,
            )
        kolommen = [
            (*self.eenheden[i], np.frombuffer(g.waarden, dtype="float64"))
            for i, g in self.getallen.items()
        ]
        return StatLineBestand(
            bestand=naam,
            bron_tabel=(bron_tabel or "").strip() or titel or _bron_uit_bestandsnaam(naam),
            regios=regios,
            basis=basis,
            kolommen=kolommen,
        )


# --------------------------------------------------------------------------- matching


def _norm(naam: str) -> str:
    """Names compared the forgiving way: case, spaces, dashes and a 'Wijk 12' prefix.

    >>> _norm("Wijk 03 Overvecht-Noord "), _norm("overvecht noord")
    ('overvecht noord', 'overvecht noord')
    """
    t = " ".join(str(naam).replace("-", " ").split()).casefold()
    return re.sub(r"^wijk \d+ ", "", t)


# Gemeenten that people call otherwise than CBS does.
_GEMEENTE_ALIAS = {"den haag": "'s-Gravenhage", "den bosch": "'s-Hertogenbosch"}


def _norm_gemeente(naam: str) -> str:
    """
    >>> _norm_gemeente("Den Haag") == _norm_gemeente("'s-Gravenhage")
    True
    """
    t = _norm(naam)
    return _norm(_GEMEENTE_ALIAS.get(t, t))


def gemeente_namen(naam: str) -> list[str]:
    """The names a gemeente may have in a CBS file (ours and CBS's own).

    >>> gemeente_namen("Den Haag")
    ['Den Haag', "'s-Gravenhage"]
    """
    alias = _GEMEENTE_ALIAS.get(_norm(naam))
    return [naam] + ([alias] if alias else [])


def _zelfde_gemeente(wijk: str, gemeente: str, code: str, regio: pd.Series) -> None:
    """Refuse a code the user gave whose region lies in another gemeente than the wijk."""
    elders = str(regio["gemeentenaam"] or "")
    if not gemeente.strip() or not elders or _norm_gemeente(elders) == _norm_gemeente(gemeente):
        return
    raise InvoerFout(
        f"De code {code} ({regio['regionaam']}) hoort bij gemeente {elders}, maar wijk "
        f"'{wijk}' ligt in gemeente {gemeente}. Controleer de code die u bij --koppel opgaf; "
        "er is niets opgeslagen."
    )


@dataclass
class Koppeling:
    """Which wijk got which CBS region, and which wijken got none and why."""

    gekoppeld: pd.DataFrame  # wijk, regiocode, regionaam, gemeentecode, gekoppeld_via
    niet_gekoppeld: list[tuple[str, str]] = field(default_factory=list)


def koppel(
    bestand: StatLineBestand,
    wijken: pd.DataFrame,
    bestaand: pd.DataFrame | None = None,
    handmatig: dict[str, str] | None = None,
) -> Koppeling:
    """Match the workspace's wijken (naam, gemeente) to the regions in the file.

    First a wijk's known CBS code (``bestaand``: wijk, regiocode) or the one given in
    ``handmatig`` ({wijk: code}); otherwise a wijk or buurt of the same name in the same
    gemeente. Every wijk that gets no region is listed with the reason, in Dutch.
    """
    regios = bestand.regios
    per_code = regios.set_index("regiocode")
    bekend = (
        dict(zip(bestaand["wijk"], bestaand["regiocode"], strict=True))
        if bestaand is not None
        else {}
    )
    handmatig = handmatig or {}
    onbekend = set(handmatig) - set(wijken["naam"])
    if onbekend:
        raise InvoerFout(
            f"Wijk '{sorted(onbekend)[0]}' bestaat niet in deze werkruimte; controleer de "
            "koppeling die u opgaf."
        )
    kandidaten = regios[regios["niveau"].isin(["wijk", "buurt"])].assign(
        _naam=lambda d: d["regionaam"].map(_norm),
        _gem=lambda d: d["gemeentenaam"].map(_norm_gemeente),
    )
    rijen: list[dict[str, str]] = []
    niet: list[tuple[str, str]] = []

    def _voeg_toe(wijk: str, code: str, via: str) -> None:
        r = per_code.loc[code]
        rijen.append(
            {
                "wijk": wijk,
                "regiocode": code,
                "regionaam": r["regionaam"],
                "gemeentecode": r["gemeentecode"],
                "gekoppeld_via": via,
            }
        )

    for w in wijken.itertuples():
        code = handmatig.get(w.naam) or bekend.get(w.naam)
        via = "opgegeven code" if w.naam in handmatig else "CBS-code"
        if code:
            code = code.strip().upper()
            if code in per_code.index:
                if w.naam in handmatig:
                    _zelfde_gemeente(w.naam, w.gemeente or "", code, per_code.loc[code])
                _voeg_toe(w.naam, code, via)
            else:
                niet.append((w.naam, f"haar CBS-code {code} staat niet in dit bestand"))
            continue
        naam, gem = _norm(w.naam), _norm_gemeente(w.gemeente or "")
        zelfde_naam = kandidaten[kandidaten["_naam"] == naam]
        if zelfde_naam.empty:
            lijkt = difflib.get_close_matches(
                naam, kandidaten.loc[kandidaten["_gem"] == gem, "_naam"].tolist(), n=2, cutoff=0.75
            )
            hint = ""
            if lijkt:
                opties = kandidaten[kandidaten["_naam"].isin(lijkt) & (kandidaten["_gem"] == gem)]
                hint = (
                    " Lijkt op: "
                    + ", ".join(f"{r.regionaam} ({r.regiocode})" for r in opties.itertuples())
                    + "; koppel zelf als dat dezelfde wijk is."
                )
            niet.append((w.naam, "geen wijk of buurt met deze naam in het bestand." + hint))
            continue
        if not gem:
            niet.append((w.naam, "de gemeente van deze wijk is niet ingevuld in de werkruimte"))
            continue
        hier = zelfde_naam[zelfde_naam["_gem"] == gem]
        if hier.empty:
            elders = ", ".join(sorted(set(zelfde_naam["gemeentenaam"]) - {""})) or "onbekend"
            niet.append((w.naam, f"die naam komt in het bestand alleen voor in gemeente {elders}"))
            continue
        wijkniveau = hier[hier["niveau"] == "wijk"]
        keuze = wijkniveau if not wijkniveau.empty else hier
        if len(keuze) > 1:
            codes = ", ".join(keuze["regiocode"])
            niet.append(
                (w.naam, f"meer dan één regio heet zo in {w.gemeente} ({codes}); koppel zelf")
            )
            continue
        _voeg_toe(w.naam, keuze["regiocode"].iloc[0], "naam en gemeente")
    kolommen = ["wijk", "regiocode", "regionaam", "gemeentecode", "gekoppeld_via"]
    return Koppeling(pd.DataFrame(rijen, columns=kolommen), niet)


# --------------------------------------------------------------------------- importing


@dataclass
class ImportVerslag:
    bestand: str
    bron_tabel: str
    perioden: list[str]
    gekoppeld: pd.DataFrame
    niet_gekoppeld: list[tuple[str, str]]
    nieuw: int
    al_aanwezig: int
    vervangen: int

    def tekst(self) -> str:
        """The result in Dutch, for the command line and the notebook."""
        regels = [
            f"CBS-bestand '{self.bestand}' ({self.bron_tabel}, periode "
            f"{', '.join(self.perioden)}): {self.nieuw} cijfers toegevoegd, "
            f"{self.al_aanwezig} stonden er al, {self.vervangen} vervangen."
        ]
        if not self.gekoppeld.empty:
            regels.append(
                "Gekoppeld: "
                + "; ".join(
                    f"{r.wijk} = {r.regionaam} ({r.regiocode}, via {r.gekoppeld_via})"
                    for r in self.gekoppeld.itertuples()
                )
                + "."
            )
        if self.niet_gekoppeld:
            regels.append("Niet gekoppeld:")
            regels += [f"  - {w}: {reden}" for w, reden in self.niet_gekoppeld]
        return "\n".join(regels)


def _te_bewaren(bestand: StatLineBestand, kop: Koppeling, wijken: pd.DataFrame) -> pd.DataFrame:
    """The figures of the matched regions, of their gemeenten and of the country."""
    regios = bestand.regios
    codes = set(kop.gekoppeld["regiocode"])
    codes |= set(kop.gekoppeld["gemeentecode"])
    gem_namen = {_norm_gemeente(g) for g in wijken["gemeente"].fillna("") if g}
    gm_namen = regios["regionaam"].map(_norm_gemeente)
    gm = regios[(regios["niveau"] == "gemeente") & gm_namen.isin(gem_namen)]
    codes |= set(gm["regiocode"])
    codes |= set(regios.loc[regios["niveau"] == "land", "regiocode"])
    return bestand.cijfers_van(codes)


def importeer(
    path: Path | str,
    bron: Path | str | bytes,
    *,
    naam: str | None = None,
    bron_tabel: str | None = None,
    periode: str | None = None,
    handmatig: dict[str, str] | None = None,
    vervang: bool = False,
    vandaag: str | None = None,
) -> ImportVerslag:
    """Read, match and store a StatLine export in one go: everything, or nothing at all."""
    bestand = lees_statline(bron, naam=naam, bron_tabel=bron_tabel, periode=periode)
    werkruimte = databank.Werkruimte.van(path)
    if not werkruimte.is_url and not werkruimte.pad.is_file():
        raise OnbekendFout(f"Werkruimte '{path}' bestaat niet. Maak haar eerst aan.")
    store.maak_werkruimte(path)  # an older workspace gets the CBS tables first
    wijken = store.wijken(path)
    kop = koppel(bestand, wijken, store.cbs_regios(path), handmatig)
    bewaar = _te_bewaren(bestand, kop, wijken)
    if bewaar.empty:
        redenen = "; ".join(f"{w}: {r}" for w, r in kop.niet_gekoppeld[:5])
        raise InvoerFout(
            "Niets in dit bestand hoort bij de wijken of gemeenten van deze werkruimte, dus er "
            f"is niets opgeslagen. {redenen}",
            bestand=bestand.bestand,
        )
    bewaar = bewaar.assign(
        bron_tabel=bestand.bron_tabel,
        bron_bestand=bestand.bestand,
        importdatum=vandaag or date.today().isoformat(),
    )
    telling = store.importeer_cbs(path, kop.gekoppeld, bewaar, vervang=vervang)
    return ImportVerslag(
        bestand=bestand.bestand,
        bron_tabel=bestand.bron_tabel,
        perioden=sorted(bewaar["periode"].unique().tolist()),
        gekoppeld=kop.gekoppeld,
        niet_gekoppeld=kop.niet_gekoppeld,
        nieuw=telling["nieuw"],
        al_aanwezig=telling["al_aanwezig"],
        vervangen=telling["vervangen"],
    )


# --------------------------------------------------------------------------- fetching online

OFFLINE_MELDING = (
    "CBS StatLine is niet bereikbaar vanaf deze computer ({reden}). Zonder internet gaat het "
    "zo: download op een computer met internet de tabel {tabel} op opendata.cbs.nl als CSV, "
    "zet het bestand op deze computer en lees het in met: wijkanalyse cbs importeer BESTAND.csv"
)


def odata_naar_csv(
    eigenschappen: list[dict], rijen: list[dict], dimensies: dict[str, dict]
) -> bytes:
    """Turn what CBS's OData API returns into the StatLine CSV layout :func:`lees_statline` reads.

    ``eigenschappen`` is the table's DataProperties, ``rijen`` its TypedDataSet, and
    ``dimensies`` per dimension key a {key: title} dict. The region dimension becomes
    'Wijken en buurten' plus 'Regiocode (code)', the time dimension 'Perioden', and every
    topic 'Title (Unit)'; a missing value becomes '.'.
    """
    kolommen: list[tuple[str, Any]] = []
    for p in eigenschappen:
        soort, sleutel = p.get("Type", ""), p.get("Key", "")
        if soort == "GeoDimension":
            titels = dimensies.get(sleutel, {})
            kolommen.append(("Wijken en buurten", lambda r, k=sleutel, t=titels: t.get(r[k], r[k])))
            kolommen.append(("Regiocode (code)", lambda r, k=sleutel: r[k]))
        elif soort == "TimeDimension":
            titels = dimensies.get(sleutel, {})
            kolommen.append(("Perioden", lambda r, k=sleutel, t=titels: t.get(r[k], r[k])))
        elif soort == "Topic":
            kop = f"{p.get('Title', sleutel)} ({(p.get('Unit') or '').strip()})"
            kolommen.append((kop, lambda r, k=sleutel: r.get(k)))
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    schrijver.writerow([k for k, _ in kolommen])
    for r in rijen:
        rij = []
        for _, f in kolommen:
            v = f(r)
            rij.append("." if v is None else str(v).strip())
        schrijver.writerow(rij)
    return uit.getvalue().encode("utf-8")


def haal(
    path: Path | str, tabel: str, *, catalogus: str | None = None, **opties: Any
) -> ImportVerslag:
    """Fetch a CBS table with ``cbsodata`` (only with internet) and import it like a CSV.

    ``catalogus`` (or ``$WIJKANALYSE_CBS_CATALOGUS``) overrides CBS's address, e.g. for a
    proxy. Without a connection this raises a Dutch message pointing to the CSV route.
    """
    tabel = tabel.strip()
    if not re.fullmatch(r"[0-9A-Za-z]{5,12}", tabel):
        raise InvoerFout(f"'{tabel}' is geen CBS-tabelnummer (zoals 85984NED).")
    try:
        import cbsodata  # lazily: offline use must not need it
    except ImportError:
        raise WijkanalyseFout(
            OFFLINE_MELDING.format(reden="het pakket cbsodata is niet geïnstalleerd", tabel=tabel)
        ) from None
    import requests

    catalogus = catalogus or os.environ.get("WIJKANALYSE_CBS_CATALOGUS") or None
    kwargs: dict[str, Any] = {"timeout": 30}
    if catalogus:
        kwargs["catalog_url"] = catalogus
    try:
        info = cbsodata.get_info(tabel, **kwargs)
        eigenschappen = cbsodata.get_meta(tabel, "DataProperties", **kwargs)
        dimensies = {
            p["Key"]: {d["Key"]: d["Title"] for d in cbsodata.get_meta(tabel, p["Key"], **kwargs)}
            for p in eigenschappen
            if p.get("Type") in ("GeoDimension", "TimeDimension", "Dimension")
        }
        rijen = cbsodata.get_meta(tabel, "TypedDataSet", **kwargs)
    except requests.HTTPError as e:
        raise WijkanalyseFout(
            f"CBS kent tabel {tabel} niet of gaf een fout ({e}). Controleer het tabelnummer."
        ) from None
    except (requests.RequestException, OSError) as e:
        raise WijkanalyseFout(OFFLINE_MELDING.format(reden=type(e).__name__, tabel=tabel)) from None
    ruw = odata_naar_csv(eigenschappen, rijen, dimensies)
    periode = str(info.get("Period") or "") or None
    return importeer(
        path, ruw, naam=f"{tabel} (CBS OData)", bron_tabel=tabel, periode=periode, **opties
    )
