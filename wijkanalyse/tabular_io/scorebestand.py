"""Scores from a file (CSV/Excel, one score per row) or pasted from Excel as a grid
(subjects x criteria): read, checked row by row and shown as a preview before anything is
written. The same shape of preview and refusals (row, column, Dutch reason) as the opgaven
import; :func:`wijkanalyse.uitwisseling.voer_scores_uit` writes it through the store's own
score validation.

A file has a header (below at most ten title rows) naming at least: the subject
(Onderwerp/Opgave/Koppeling/Titel), Criterium, Score (or Waarde), Groep and Scorer (or
Naam). Optional: Soort (opgave/koppeling) and Datum. A subject is named as the tool shows it:
an opgave by its title, a koppeling as "A × B" ("A x B" also works); case and spacing do not
matter. A grid has a header row with the criteria and one row per subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from wijkanalyse.core import validation
from wijkanalyse.core.errors import InvoerFout

from .begrensd import Grenzen, Teller, lees_blad
from .bestand import (
    MAX_TITELRIJEN,
    cellen_leeg,
    controleer_bestand,
    csv_records,
    decodeer,
    kies_scheidingsteken,
    naar_tekst,
    open_werkboek,
)
from .kolommen import CSV_EXTENSIES, kolomletter, kop_sleutel

MAX_SCORE_BYTES = 20_000_000
"""A score file may be larger than an opgaven file: 100,000 rows of CSV are ~5 MB."""

MAX_SCORE_RIJEN = 200_000

MAX_GETOOND = 200

#: A score file is long and narrow: one score per row, a handful of columns.
SCORE_GRENZEN = Grenzen(
    rijen=MAX_SCORE_RIJEN + 1,
    kolommen=50,
    regels=MAX_SCORE_RIJEN + 1_000,
    cellen=20 * MAX_SCORE_RIJEN,
)
"""Refusals kept for the preview (the count is always exact)."""

SCORE_KOLOMMEN: tuple[str, ...] = (
    "onderwerp",
    "soort",
    "criterium",
    "waarde",
    "groep",
    "scorer",
    "moment",
)
SCORE_VERPLICHT: tuple[str, ...] = ("onderwerp", "criterium", "waarde", "groep", "scorer")
SCORE_KOP_NAMEN = {
    "onderwerp": "onderwerp",
    "soort": "soort onderwerp",
    "criterium": "criterium",
    "waarde": "score",
    "groep": "groep",
    "scorer": "scorer",
    "moment": "datum",
}

_SCORE_ALIASSEN: dict[str, str] = {
    "onderwerp": "onderwerp",
    "opgave": "onderwerp",
    "koppeling": "onderwerp",
    "opgave of koppeling": "onderwerp",
    "titel": "onderwerp",
    "soort": "soort",
    "soort onderwerp": "soort",
    "onderwerp soort": "soort",
    "criterium": "criterium",
    "criteria": "criterium",
    "score": "waarde",
    "waarde": "waarde",
    "cijfer": "waarde",
    "groep": "groep",
    "scorer": "scorer",
    "naam": "scorer",
    "door": "scorer",
    "deelnemer": "scorer",
    "datum": "moment",
    "moment": "moment",
}


@dataclass
class ScoreContext:
    """What scores are checked against: the wijk's subjects (label per (soort, id)) and its
    criteria (id, naam, schaal_min, schaal_max, geldt_voor)."""

    labels: dict[tuple[str, int], str]
    criteria: pd.DataFrame

    def onderwerp_sleutels(self) -> dict[str, list[tuple[str, int]]]:
        uit: dict[str, list[tuple[str, int]]] = {}
        for sleutel, label in self.labels.items():
            uit.setdefault(_naam_sleutel(label), []).append(sleutel)
        return uit

    def criterium_sleutels(self) -> dict[str, int]:
        return {
            _naam_sleutel(n): int(i)
            for i, n in zip(self.criteria["id"], self.criteria["naam"], strict=True)
        }


@dataclass
class ScoreVoorbeeld:
    """What a score import or a pasted grid would do, before anything is written.

    ``kolommen``: (header, what it becomes). ``rijen``: the scores to write (onderwerp_soort,
    onderwerp_id, criterium_id, waarde, scorer, groep, moment). ``fouten``: refused rows as
    (rij, kolom, reden), at most :data:`MAX_GETOOND`; ``aantal_fouten`` counts them all.
    ``per_onderwerp``: scores per subject, for the preview.
    """

    bron: str
    kolommen: list[tuple[str, str]]
    rijen: pd.DataFrame
    fouten: list[tuple[int | None, str | None, str]]
    aantal_fouten: int = 0
    per_onderwerp: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def in_orde(self) -> bool:
        return not self.fouten


def _naam_sleutel(tekst: str) -> str:
    """'Opgave: Riool  Oost' -> 'riool oost'; 'A x B' and 'A × B' are one koppeling."""
    t = " ".join(str(tekst).split()).casefold()
    t = re.sub(r"^(opgave|koppeling)\s*:\s*", "", t)
    return t.replace(" x ", " × ")


def _cel(waarde: object) -> str:
    """A cell as stripped text (an empty or missing cell: '')."""
    if isinstance(waarde, str):
        return waarde.strip()
    return "" if waarde is None or waarde != waarde else str(waarde).strip()


def _cellen(waarden: list[object]) -> list[str]:
    """Cells as stripped text; all text (as read from a file): without a call per cell."""
    try:
        return [w.strip() for w in waarden]  # type: ignore[attr-defined]
    except AttributeError:  # a number or an empty cell among them
        return [_cel(w) for w in waarden]


class _Fouten:
    def __init__(self) -> None:
        self.lijst: list[tuple[int | None, str | None, str]] = []
        self.aantal = 0
        self.rijen: set[int] = set()

    def voeg_toe(self, rij: int, kolom: str | None, melding: str) -> None:
        self.aantal += 1
        self.rijen.add(rij)
        if len(self.lijst) < MAX_GETOOND:
            self.lijst.append((rij, kolom, melding))


def controleer_scores(
    lang: pd.DataFrame, ctx: ScoreContext, koppen: dict[str, str], bron: str
) -> ScoreVoorbeeld:
    """Check scores in long form: columns rij (as the user sees it), onderwerp, criterium,
    waarde, groep, scorer and optionally soort, moment (all text). ``koppen`` names the
    column each field came from, for the refusals; an optional column ``kolom`` names the
    cell's column per row instead (a grid: the criterium's column)."""
    fouten = _Fouten()
    n = len(lang)
    # plain lists: a comprehension strips 100,000 cells faster than pandas' string methods
    tekst = {k: _cellen(lang[k].tolist()) if k in lang else [""] * n for k in SCORE_KOLOMMEN}
    rij = [int(r) for r in lang["rij"].tolist()]
    cel_kolom = lang["kolom"].tolist() if "kolom" in lang else None

    # subjects: each distinct text is looked up once
    onderwerpen = ctx.onderwerp_sleutels()
    soort_tekst = [t.casefold() for t in tekst["soort"]]
    gevonden: dict[tuple[str, str], tuple[str, int] | str] = {}
    for o, s in set(zip(tekst["onderwerp"], soort_tekst, strict=True)):
        kandidaten = onderwerpen.get(_naam_sleutel(o), [])
        if s.strip():
            soort = {"opgaven": "opgave", "koppelingen": "koppeling"}.get(s.strip(), s.strip())
            kandidaten = [k for k in kandidaten if k[0] == soort]
        if not o:
            gevonden[(o, s)] = "Deze cel is leeg: welk onderwerp (opgave of koppeling) is gescoord?"
        elif len(kandidaten) == 1:
            gevonden[(o, s)] = kandidaten[0]
        elif kandidaten:
            gevonden[(o, s)] = (
                f"'{o}' is zowel een opgave als een koppeling; zet 'opgave' of 'koppeling' in "
                "een kolom 'Soort'."
            )
        else:
            gevonden[(o, s)] = (
                f"Onbekend onderwerp '{o}': geen opgave of koppeling in deze wijk heet zo. "
                "Een koppeling schrijft u als 'Opgave A × Opgave B'."
            )
    crit_ids = ctx.criterium_sleutels()
    crit = {
        int(r["id"]): (
            str(r["naam"]),
            int(r["schaal_min"]),
            int(r["schaal_max"]),
            str(r.get("geldt_voor") or "beide"),
        )
        for r in ctx.criteria.to_dict("records")
    }
    namen = ", ".join(f"'{c}'" for c in ctx.criteria["naam"])
    waarde_cache: dict[tuple[str, int], int | str] = {}
    rijen: list[tuple] = []
    vandaag = date.today().isoformat()
    o_l, s_l, c_l, w_l = (tekst[k] for k in ("onderwerp", "soort", "criterium", "waarde"))
    g_l, p_l, m_l = (tekst[k] for k in ("groep", "scorer", "moment"))
    sf_l = soort_tekst
    cid_van = {c: crit_ids.get(_naam_sleutel(c)) for c in set(c_l)}  # once per distinct text
    for i in range(n):
        r = rij[i]
        ond = gevonden[(o_l[i], sf_l[i])]
        if isinstance(ond, str):
            fouten.voeg_toe(r, koppen.get("onderwerp"), ond)
            continue
        cid = cid_van[c_l[i]]
        kolom_c = cel_kolom[i] if cel_kolom else koppen.get("criterium")
        kolom_w = cel_kolom[i] if cel_kolom else koppen.get("waarde")
        if cid is None:
            fouten.voeg_toe(
                r,
                kolom_c,
                f"Onbekend criterium '{c_l[i]}'. De criteria van deze wijk zijn: {namen}."
                if c_l[i]
                else "Deze cel is leeg: welk criterium is gescoord?",
            )
            continue
        c_naam, lo, hi, geldt = crit[cid]
        if geldt not in ("beide", ond[0]):
            fouten.voeg_toe(
                r,
                kolom_c,
                f"Criterium '{c_naam}' geldt alleen voor {geldt}en, niet voor een {ond[0]}.",
            )
            continue
        sleutel = (w_l[i], cid)
        w = waarde_cache.get(sleutel)
        if w is None:
            try:
                w = validation.score(w_l[i], lo, hi, c_naam)
            except InvoerFout as e:
                w = e.melding[:1].upper() + e.melding[1:] + "."
            waarde_cache[sleutel] = w
        if isinstance(w, str):
            fouten.voeg_toe(r, kolom_w, w)
            continue
        groep, scorer = g_l[i], p_l[i]
        if not groep or not scorer:
            kolom = "groep" if not groep else "scorer"
            fouten.voeg_toe(
                r, koppen.get(kolom), f"Deze cel is leeg: wie ({SCORE_KOP_NAMEN[kolom]}) scoorde?"
            )
            continue
        if len(groep) > 100 or len(scorer) > 100:
            fouten.voeg_toe(
                r, koppen.get("groep" if len(groep) > 100 else "scorer"), "Deze naam is te lang."
            )
            continue
        rijen.append((ond[0], ond[1], cid, w, scorer, groep, m_l[i] or vandaag))
    df = pd.DataFrame(
        rijen,
        columns=[
            "onderwerp_soort",
            "onderwerp_id",
            "criterium_id",
            "waarde",
            "scorer",
            "groep",
            "moment",
        ],
    )
    if fouten.aantal:
        df = df.iloc[0:0]
    per = (
        df.groupby(["onderwerp_soort", "onderwerp_id"], sort=False)
        .size()
        .rename("scores")
        .reset_index()
    )
    per.insert(
        0,
        "onderwerp",
        [
            ctx.labels.get((s, int(i)), "?")
            for s, i in zip(per["onderwerp_soort"], per["onderwerp_id"], strict=True)
        ],
    )
    return ScoreVoorbeeld(
        bron=bron,
        kolommen=[(koppen[k], SCORE_KOP_NAMEN[k]) for k in SCORE_KOLOMMEN if k in koppen],
        rijen=df,
        fouten=sorted(fouten.lijst, key=lambda f: (f[0] or 0, f[1] or "")),
        aantal_fouten=fouten.aantal,
        per_onderwerp=per,
    )


# ------------------------------------------------------------------------------- files


def _score_doel(kop: str) -> str | None:
    s = kop_sleutel(kop)
    return _SCORE_ALIASSEN.get(s) or _SCORE_ALIASSEN.get(s.replace(" ", ""))


def _records(pad: Path, naam: str, blad: str | None) -> Iterator[tuple[int, list[str]]]:
    if pad.suffix.lower() in CSV_EXTENSIES:
        tekst = decodeer(pad.read_bytes(), naam)
        yield from csv_records(tekst, kies_scheidingsteken(tekst), naam, SCORE_GRENZEN)
        return
    wb = open_werkboek(pad, naam, read_only=True)
    try:
        bladen = [b for b in wb.worksheets if getattr(b, "sheet_state", "visible") == "visible"]
        kies = next((b for b in bladen if b.title == blad), None) if blad else None
        kies = kies or next((b for b in bladen if b.title.strip().lower() == "scores"), None)
        kies = kies or bladen[0]
        # Streamed within the limits of a score file, never by the declared dimension.
        gelezen = lees_blad(kies, Teller(SCORE_GRENZEN), naam)
        for r, waarden in gelezen.rijen:
            yield r, [naar_tekst(w) for w in waarden]
    finally:
        wb.close()


def lees_scorebestand(
    path: str | Path,
    ctx: ScoreContext,
    *,
    max_bytes: int = MAX_SCORE_BYTES,
    blad: str | None = None,
) -> ScoreVoorbeeld:
    """Read a CSV/Excel file of scores (one per row) and check every row; nothing is
    written. A file that cannot be read at all raises :class:`InvoerFout`."""
    pad = Path(path)
    naam = pad.name
    controleer_bestand(pad, max_bytes)
    records = _records(pad, naam, blad)
    kop: list[str] | None = None
    kop_rij = 0
    voor = 0
    data_rijen: list[int] = []
    data: list[list[str]] = []
    for r, cellen in records:
        if cellen_leeg(cellen):
            continue
        if kop is None:
            voor += 1
            if len({d for d in (_score_doel(c) for c in cellen) if d}) >= 2:
                kop, kop_rij = cellen, r
            elif voor >= MAX_TITELRIJEN:
                break
            continue
        data_rijen.append(r)
        data.append(cellen)
        if len(data) > MAX_SCORE_RIJEN:
            raise InvoerFout(
                f"Het bestand bevat meer dan {MAX_SCORE_RIJEN} scores; splits het op.",
                bestand=naam,
                rij=r,
            )
    if kop is None:
        raise InvoerFout(
            "Geen kopregel gevonden. De scores hebben kolommen "
            + ", ".join(f"'{SCORE_KOP_NAMEN[k]}'" for k in SCORE_VERPLICHT)
            + ".",
            bestand=naam,
        )
    plaats: dict[str, int] = {}
    kolommen: list[tuple[str, str]] = []
    for i, k in enumerate(kop):
        if not k.strip():
            continue
        doel = _score_doel(k)
        if doel in plaats:
            raise InvoerFout(
                f"De kolom '{SCORE_KOP_NAMEN[doel]}' komt twee keer voor. Verwijder een van beide.",
                bestand=naam,
                rij=kop_rij,
                kolom=k.strip(),
            )
        if doel:
            plaats[doel] = i
        kolommen.append((k.strip(), SCORE_KOP_NAMEN[doel] if doel else "overgeslagen"))
    ontbreekt = [SCORE_KOP_NAMEN[k] for k in SCORE_VERPLICHT if k not in plaats]
    if ontbreekt:
        raise InvoerFout(
            "Verplichte kolom(men) ontbreken: " + ", ".join(f"'{k}'" for k in ontbreekt) + ".",
            bestand=naam,
            rij=kop_rij,
            kolom=ontbreekt[0],
        )
    if not data:
        raise InvoerFout("Het bestand bevat alleen een kopregel en geen scores.", bestand=naam)
    breedte = len(kop)
    lang = pd.DataFrame([(c + [""] * breedte)[:breedte] for c in data], dtype=str)
    uit = pd.DataFrame({k: lang[i] for k, i in plaats.items()})
    uit.insert(0, "rij", data_rijen)
    koppen = {k: kop[i].strip() for k, i in plaats.items()}
    vb = controleer_scores(uit, ctx, koppen, naam)
    vb.kolommen = kolommen
    return vb


# -------------------------------------------------------------------------------- grid


def raster_tekst(
    ctx: ScoreContext,
    onderwerpen: Sequence[tuple[str, int]],
    bestaande: dict[tuple[str, int, int], int] | None = None,
) -> str:
    """The grid as tab-separated text (what Excel pastes and copies): a header with the
    criteria, one row per subject, the existing scores filled in; a criterium that does not
    apply to a subject shows '–'."""
    bestaande = bestaande or {}
    crit = ctx.criteria
    regels = ["\t".join(["Onderwerp", *crit["naam"].astype(str)])]
    for s, i in onderwerpen:
        cellen = [ctx.labels.get((s, i), "?")]
        for cid, voor in zip(
            crit["id"].astype(int),
            crit.get("geldt_voor", pd.Series(["beide"] * len(crit))),
            strict=True,
        ):
            if (voor or "beide") not in ("beide", s):
                cellen.append("–")
            else:
                w = bestaande.get((s, int(i), int(cid)))
                cellen.append("" if w is None else str(w))
        regels.append("\t".join(cellen))
    return "\n".join(regels)


def lees_raster(
    tekst: str, ctx: ScoreContext, *, groep: str, scorer: str, moment: str | None = None
) -> ScoreVoorbeeld:
    """Scores pasted from Excel as a grid (tab-separated; ';' also works): the first row
    names the criteria, each next row starts with a subject. Empty cells and '–' are no
    score. Rows are numbered as pasted (the header is row 1), columns by the criterium."""
    regels = [r.rstrip("\r") for r in tekst.replace("\r\n", "\n").split("\n")]
    gevuld = [(n, r) for n, r in enumerate(regels, start=1) if r.strip()]
    if not gevuld:
        raise InvoerFout("Het raster is leeg. Plak eerst de cellen uit Excel, met de kopregel.")
    sep = "\t" if "\t" in gevuld[0][1] else ";"
    kop_n, kop = gevuld[0][0], [c.strip() for c in gevuld[0][1].split(sep)]
    crit_ids = ctx.criterium_sleutels()
    kolom_crit: list[str | None] = [None]
    for j, naam in enumerate(kop[1:], start=1):
        if not naam:
            kolom_crit.append(None)
            continue
        if _naam_sleutel(naam) not in crit_ids:
            raise InvoerFout(
                f"'{naam}' in de kopregel is geen criterium van deze wijk. De criteria zijn: "
                + ", ".join(f"'{c}'" for c in ctx.criteria["naam"])
                + ".",
                rij=kop_n,
                kolom=kolomletter(j),
            )
        kolom_crit.append(naam)
    lang: list[tuple[int, str, str, str, str]] = []
    for n, regel in gevuld[1:]:
        cellen = [c.strip() for c in regel.split(sep)]
        if len(cellen) > len(kop) and any(cellen[len(kop) :]):
            raise InvoerFout(
                f"Deze regel heeft {len(cellen)} cellen, de kopregel maar {len(kop)}.",
                rij=n,
                kolom=kolomletter(len(kop)),
            )
        for j, waarde in enumerate(cellen[1:], start=1):
            if j >= len(kolom_crit) or kolom_crit[j] is None or waarde in ("", "–", "-"):
                continue
            # refusals name the criterium's column as pasted, so the advisor finds the cell
            lang.append((n, cellen[0], kolom_crit[j] or "", waarde, kolom_crit[j] or ""))
    df = pd.DataFrame(lang, columns=["rij", "onderwerp", "criterium", "waarde", "kolom"], dtype=str)
    df["rij"] = df["rij"].astype(int)
    df["groep"], df["scorer"] = groep.strip(), scorer.strip()
    df["moment"] = moment or date.today().isoformat()
    return controleer_scores(df, ctx, {"onderwerp": kop[0] or "A"}, "geplakt raster")
