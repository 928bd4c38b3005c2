"""Afwegingskader: the arithmetic of step 3 (score, weigh, rank, test the ranking).

Pure functions on the DataFrames of ``docs/contract.md`` (``criteria`` and ``scores``); nothing
here reads files or a database. Every function validates its input at the edge and raises
:class:`~wijkanalyse.errors.InvoerFout` with a Dutch message naming row and column.

The model is the weighted sum model (WSM, "simple additive weighting") on the kader's common
scale (:func:`gemeenschappelijke_schaal`), so a total can be compared directly with the agreed
drempel. The formula, in Dutch for
notebooks and reports, is :data:`FORMULE_UITLEG`. In short, for one onderwerp (opgave or
koppeling):

1. Per scorer only the latest score counts (highest ``moment``, then highest ``id``).
2. Per groep and criterium c: the mean ``m_gc`` of the scores. For a cost criterium
   (richting ``lager is beter``) the mean is reversed: ``schaal_min + schaal_max - m_gc``.
   Then it is put on the common scale [L, H]:
   ``L + (H - L) * (m_gc - schaal_min) / (schaal_max - schaal_min)`` (a no-op when the
   criterium already uses that scale).
3. Per criterium: ``m_c = sum_g a_g * m_gc / sum_g a_g`` over the groups that scored c; group
   weights ``a_g`` are 1 unless ``groep_gewichten`` says otherwise.
4. ``totaal = sum_c w_c * m_c / sum_c w_c`` over the criteria scored for this onderwerp only.
   ``ontbrekend`` names the criteria without any score. ``volledig`` is True only when
   every criterium has scores from the groups the :class:`Volledigheidsregel` asks for.
   ``bijdrage_<criterium_id> = w_c * m_c / sum_c w_c``; the bijdragen add up to ``totaal``.

Whether an onderwerp passes is decided on the total rounded to ``decimalen`` (what the user
sees): ``volledig and round(totaal, decimalen) >= drempel``. An incomplete onderwerp never
passes and gets no place in the ranking; it is listed apart with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wijkanalyse import standaard, validation
from wijkanalyse.errors import InvoerFout
from wijkanalyse.vocabulary import ONDERWERP_SOORTEN, RICHTINGEN

__all__ = [
    "FORMULE_UITLEG",
    "Afweging",
    "ControleGeheel",
    "Volledigheidsregel",
    "afweeg",
    "bijdrage_kolom",
    "controle_geheel",
    "criterium_waarden",
    "gemeenschappelijke_schaal",
    "gemiddelden",
    "gevoeligheid",
    "gevoeligheid_een_voor_een",
    "kleinste_wijziging",
    "nog_niet_gescoord",
    "onderwerp_label",
    "onenigheid",
    "rangschikking",
    "top_koppelingen",
    "totalen",
    "totalen_per_groep",
    "valideer_criteria",
    "valideer_drempel",
    "valideer_scores",
]

FORMULE_UITLEG = """\
Zo komt het totaal van een opgave of koppeling tot stand:

1. Heeft iemand hetzelfde onderwerp op hetzelfde criterium vaker gescoord, dan telt alleen
   zijn of haar laatste score.
2. Per groep (bijvoorbeeld projectteam of bewoners) en per criterium nemen we het gemiddelde
   van de scores. Bij een criterium waar "lager is beter" geldt (zoals kosten), draaien we dat
   gemiddelde om: een 1 op een schaal van 1 tot 5 telt als een 5, een 2 als een 4, enzovoort
   (omgedraaid = laagste schaalwaarde + hoogste schaalwaarde - gemiddelde).
3. Gebruiken criteria verschillende schalen (bijvoorbeeld 1 tot 5 naast 0 tot 100), dan zetten
   we elk gemiddelde eerst om naar de gemeenschappelijke schaal van het kader, de schaal die de
   meeste criteria gebruiken (L tot H):
   omgezet = L + (H - L) x (gemiddelde - laagste schaalwaarde) / (hoogste - laagste schaalwaarde).
   Zo telt een brede schaal niet zwaarder dan een smalle. Criteria die al op de
   gemeenschappelijke schaal staan, blijven gelijk.
4. Per criterium tellen alle groepen even zwaar mee, tenzij er groepsgewichten zijn
   afgesproken. Een groep die een criterium niet scoorde, telt voor dat criterium niet mee.
5. Het totaal is het gewogen gemiddelde over de criteria: elk criterium-gemiddelde keer zijn
   gewicht, opgeteld, gedeeld door de som van de gewichten. Het totaal staat dus op de
   gemeenschappelijke schaal en kan direct naast de drempel worden gelegd.
6. Een onderwerp is volledig gescoord als elk criterium scores heeft van de groepen die het
   kader vraagt (bijvoorbeeld: minstens twee groepen, of in elk geval de bewoners). Een
   onvolledig onderwerp krijgt geen plaats in de ranglijst en haalt de drempel nooit: het
   staat apart, met de reden erbij. Zijn totaal (over de criteria die wel gescoord zijn) is
   alleen ter informatie.
7. De bijdrage van een criterium is zijn gewicht keer zijn gemiddelde, gedeeld door de som
   van de gewichten. De bijdragen samen zijn precies het totaal.
8. Een volledig onderwerp haalt de drempel als zijn totaal, afgerond op twee decimalen,
   minstens gelijk is aan de drempel. Onderwerpen met hetzelfde afgeronde totaal delen
   dezelfde plaats.
9. Staan alle gewichten (of alle groepsgewichten) op 0, of is de drempel geen getal, dan
   rekenen we niet: zo'n kader wordt geweigerd met een melding.
"""


@dataclass(frozen=True)
class Volledigheidsregel:
    """When an onderwerp counts as fully scored: each criterium scored by at least
    ``min_groepen`` groups and by every group in ``groepen`` (names compared without case).

    >>> Volledigheidsregel(2, ("bewoners",)).beschrijving()
    'elk criterium gescoord door minstens 2 groepen, waaronder bewoners'
    """

    min_groepen: int = standaard.MIN_GROEPEN
    groepen: tuple[str, ...] = standaard.VEREISTE_GROEPEN

    def __post_init__(self) -> None:
        object.__setattr__(self, "min_groepen", validation.min_groepen(self.min_groepen))
        object.__setattr__(self, "groepen", validation.groepen_lijst(self.groepen))

    def beschrijving(self) -> str:
        """The rule in one Dutch phrase."""
        if self.min_groepen == 1:
            deel = "elk criterium gescoord door minstens 1 groep"
        else:
            deel = f"elk criterium gescoord door minstens {self.min_groepen} groepen"
        if self.groepen:
            deel += ", waaronder " + _en_lijst(self.groepen)
        return deel


def _en_lijst(namen: Sequence[str]) -> str:
    namen = [str(n) for n in namen]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


SCORE_KOLOMMEN = ("onderwerp_soort", "onderwerp_id", "criterium_id", "waarde", "scorer", "groep")
CRITERIUM_KOLOMMEN = ("id", "naam", "richting", "gewicht", "schaal_min", "schaal_max")
_SLEUTEL = ["onderwerp_soort", "onderwerp_id"]
_SOORT_VOLGORDE = {s: i for i, s in enumerate(ONDERWERP_SOORTEN)}


def bijdrage_kolom(criterium_id: int) -> str:
    """Name of the contribution column of one criterium in :func:`totalen`."""
    return f"bijdrage_{int(criterium_id)}"


def onderwerp_label(onderwerp_soort: str, onderwerp_id: int) -> str:
    """Short Dutch label such as ``"opgave 3"`` when no title is at hand."""
    return f"{onderwerp_soort} {int(onderwerp_id)}"


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _eis_kolommen(df: pd.DataFrame, kolommen: Sequence[str], tabel: str) -> None:
    for kolom in kolommen:
        if kolom not in df.columns:
            raise InvoerFout(f"de kolom ontbreekt in de tabel {tabel}", kolom=kolom)


def valideer_criteria(criteria: pd.DataFrame, *, eerste_rij: int = 1) -> pd.DataFrame:
    """Check the criteria table; return it ordered by ``volgorde`` (then id) with a clean index.

    ``eerste_rij`` is the number the user sees for the first row (2 for a file with a header).
    """
    _eis_kolommen(criteria, CRITERIUM_KOLOMMEN, "criteria")
    crit = criteria.reset_index(drop=True)

    def fout(pos: int, kolom: str, melding: str) -> InvoerFout:
        return InvoerFout(melding, rij=int(pos) + eerste_rij, kolom=kolom)

    dubbel = crit["id"].duplicated()
    if dubbel.any():
        pos = int(np.flatnonzero(dubbel.to_numpy())[0])
        return_id = crit["id"].iloc[pos]
        raise fout(pos, "id", f"criterium-id {return_id} komt twee keer voor")
    for pos, richting in enumerate(crit["richting"]):
        if richting not in RICHTINGEN:
            raise fout(
                pos,
                "richting",
                f"richting '{richting}' is onbekend; kies uit " + " of ".join(RICHTINGEN),
            )
    gewicht = pd.to_numeric(crit["gewicht"], errors="coerce").to_numpy(dtype=float)
    slecht = ~np.isfinite(gewicht) | (gewicht < 0)
    if slecht.any():
        pos = int(np.flatnonzero(slecht)[0])
        raise fout(pos, "gewicht", validation.GEWICHT_MELDING)
    for kolom in ("schaal_min", "schaal_max"):
        waarden = pd.to_numeric(crit[kolom], errors="coerce").to_numpy(dtype=float)
        slecht = ~np.isfinite(waarden) | (waarden != np.round(waarden))
        if slecht.any():
            pos = int(np.flatnonzero(slecht)[0])
            raise fout(pos, kolom, "de schaal begint en eindigt bij een geheel getal")
    lo = crit["schaal_min"].to_numpy(dtype=float)
    hi = crit["schaal_max"].to_numpy(dtype=float)
    slecht = lo >= hi
    if slecht.any():
        pos = int(np.flatnonzero(slecht)[0])
        raise fout(pos, "schaal_max", "de hoogste schaalwaarde moet groter zijn dan de laagste")
    if "volgorde" in crit.columns:
        crit = crit.sort_values(["volgorde", "id"], kind="stable").reset_index(drop=True)
    return crit


def _beschrijf_waarde(waarde: object) -> str:
    if waarde is None or (isinstance(waarde, float) and np.isnan(waarde)) or waarde is pd.NA:
        return "een lege waarde"
    return f"'{waarde}'"


def valideer_scores(scores: pd.DataFrame, criteria: pd.DataFrame, *, eerste_rij: int = 1) -> None:
    """Refuse scores that do not fit the afwegingskader.

    Raises :class:`InvoerFout` for a missing column, an unknown onderwerp_soort, an unknown
    criterium_id, a missing scorer or groep, a ``waarde`` that is not a whole number or lies
    off the criterium's scale. ``rij`` in the error is the position in ``scores`` counted from
    ``eerste_rij`` (1 = first data row; pass 2 for a file whose row 1 is the header).
    """
    crit = valideer_criteria(criteria)
    _valideer_scores(scores, crit, eerste_rij=eerste_rij)


def _valideer_scores(
    scores: pd.DataFrame, crit: pd.DataFrame, *, eerste_rij: int
) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Validate; return each score's criterium position in ``crit`` and column codes."""
    _eis_kolommen(scores, SCORE_KOLOMMEN, "scores")
    ids = scores["id"].to_numpy() if "id" in scores.columns else None

    def fout(pos: int, kolom: str, melding: str) -> InvoerFout:
        if ids is not None:
            melding = f"{melding} (score-id {ids[pos]})"
        return InvoerFout(melding, rij=int(pos) + eerste_rij, kolom=kolom)

    soort_code, soort_uniek = _codes(scores["onderwerp_soort"], sort=False)
    soort_map = np.array([_SOORT_VOLGORDE.get(s, -1) for s in soort_uniek], dtype=np.int64)
    soort_code = np.where(soort_code >= 0, soort_map[soort_code] if len(soort_map) else -1, -1)
    if (soort_code < 0).any():
        pos = int(np.flatnonzero(soort_code < 0)[0])
        raise fout(
            pos,
            "onderwerp_soort",
            f"{_beschrijf_waarde(scores['onderwerp_soort'].iloc[pos])} is geen soort onderwerp; "
            "kies uit " + " of ".join(ONDERWERP_SOORTEN),
        )
    onderwerp = pd.to_numeric(scores["onderwerp_id"], errors="coerce").to_numpy(dtype=float)
    slecht = ~np.isfinite(onderwerp) | (onderwerp != np.round(onderwerp))
    if slecht.any():
        pos = int(np.flatnonzero(slecht)[0])
        raise fout(pos, "onderwerp_id", "het onderwerp-id ontbreekt of is geen geheel getal")
    codes: dict[str, tuple[np.ndarray, np.ndarray]] = {"onderwerp_soort": (soort_code, soort_uniek)}
    for kolom, wat in (("scorer", "de naam van de scorer"), ("groep", "de groep")):
        code, uniek = _codes(scores[kolom], sort=kolom == "groep")
        leeg_uniek = np.array([not isinstance(u, str) or not u.strip() for u in uniek], dtype=bool)
        leeg = code < 0
        if leeg_uniek.any():
            leeg |= leeg_uniek[np.maximum(code, 0)] & (code >= 0)
        if leeg.any():
            raise fout(int(np.flatnonzero(leeg)[0]), kolom, f"{wat} ontbreekt")
        codes[kolom] = (code, uniek)

    crit_pos = pd.Index(crit["id"]).get_indexer(scores["criterium_id"])
    if (crit_pos < 0).any():
        pos = int(np.flatnonzero(crit_pos < 0)[0])
        raise fout(
            pos,
            "criterium_id",
            f"criterium {_beschrijf_waarde(scores['criterium_id'].iloc[pos])} staat niet in "
            "het afwegingskader",
        )

    lo = crit["schaal_min"].to_numpy(dtype=float)[crit_pos]
    hi = crit["schaal_max"].to_numpy(dtype=float)[crit_pos]
    waarde = scores["waarde"]
    if pd.api.types.is_integer_dtype(waarde.dtype) and not waarde.hasnans:
        v = waarde.to_numpy(dtype=float)
    else:
        if pd.api.types.is_bool_dtype(waarde.dtype):
            v = np.full(len(waarde), np.nan)
        else:
            v = pd.to_numeric(waarde, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        # Booleans and text are never a score, even when they look like a number.
        is_tekst = waarde.map(lambda x: isinstance(x, str | bool | np.bool_)).to_numpy()
        slecht = ~np.isfinite(v) | (v != np.round(v)) | is_tekst
        if slecht.any():
            pos = int(np.flatnonzero(slecht)[0])
            raise fout(
                pos,
                "waarde",
                f"{_beschrijf_waarde(waarde.iloc[pos])} is geen geheel getal; een score is een "
                f"heel getal op de schaal {int(lo[pos])} tot en met {int(hi[pos])}",
            )
    buiten = (v < lo) | (v > hi)
    if buiten.any():
        pos = int(np.flatnonzero(buiten)[0])
        naam = crit["naam"].iloc[crit_pos[pos]]
        raise fout(
            pos,
            "waarde",
            f"{int(v[pos])} ligt buiten de schaal van criterium '{naam}': die loopt van "
            f"{int(lo[pos])} tot en met {int(hi[pos])}",
        )
    return crit_pos, codes


def _valideer_groep_gewichten(
    groep_gewichten: Mapping[str, float] | None, groepen: Sequence[str] | None = None
) -> None:
    """Each group weight a finite number >= 0, and not all of them 0.

    With ``groepen`` (the groups that scored) the check is on the weights that apply to them
    (missing groups weigh 1).
    """
    if groep_gewichten is None:
        return
    for groep, gewicht in groep_gewichten.items():
        if (
            isinstance(gewicht, bool | str)
            or not isinstance(gewicht, int | float | np.integer | np.floating)
            or not np.isfinite(gewicht)
            or gewicht < 0
        ):
            raise InvoerFout(f"het gewicht van groep '{groep}' moet een getal van 0 of meer zijn")
    if groepen is None:
        return
    toepasselijk = [groep_gewichten.get(g, 1.0) for g in groepen]
    if toepasselijk and all(float(g) == 0 for g in toepasselijk):
        raise InvoerFout(
            "alle groepsgewichten staan op 0, dus geen enkele groep telt mee; geef minstens "
            "één groep een gewicht groter dan 0",
            kolom="groep_gewichten",
        )


def valideer_drempel(drempel: object) -> float:
    """The drempel as a float; refused when it is not a finite number.

    >>> valideer_drempel(3)
    3.0
    >>> valideer_drempel(float("nan"))
    Traceback (most recent call last):
    ...
    wijkanalyse.errors.InvoerFout: kolom 'drempel': de drempel moet een getal zijn (nu: 'nan')
    """
    if isinstance(drempel, str):  # a number typed as text is not what the analysis takes
        raise InvoerFout(f"de drempel moet een getal zijn (nu: '{drempel}')", kolom="drempel")
    return validation.drempel(drempel)


def _eis_gewicht(crit: pd.DataFrame) -> None:
    """Refuse a kader whose criteria all weigh 0: no total could be computed."""
    if len(crit) and float(crit["gewicht"].astype(float).sum()) == 0:
        raise InvoerFout(
            "alle criteria hebben gewicht 0, dus er valt geen totaal te berekenen; geef "
            "minstens één criterium een gewicht groter dan 0",
            kolom="gewicht",
        )


def _regel(regel: Volledigheidsregel | None) -> Volledigheidsregel:
    if regel is None:
        return Volledigheidsregel()
    if not isinstance(regel, Volledigheidsregel):
        raise InvoerFout("de volledigheidsregel is geen Volledigheidsregel", kolom="regel")
    return regel


def gemeenschappelijke_schaal(criteria: pd.DataFrame) -> tuple[int, int]:
    """The common scale (L, H) of a kader: the scale most criteria use (first on a tie).

    >>> crit = pd.DataFrame({"schaal_min": [0, 1, 1], "schaal_max": [100, 5, 5]})
    >>> gemeenschappelijke_schaal(crit)
    (1, 5)
    """
    if len(criteria) == 0:
        return (1, 5)
    paren = list(
        zip(criteria["schaal_min"].astype(int), criteria["schaal_max"].astype(int), strict=True)
    )
    tel: dict[tuple[int, int], int] = {}
    for p in paren:
        tel[p] = tel.get(p, 0) + 1
    beste = max(tel.values())
    lo, hi = next(p for p in paren if tel[p] == beste)
    return int(lo), int(hi)


# --------------------------------------------------------------------------------------------
# Core: scores -> cube of means (onderwerp x groep x criterium)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kubus:
    """Means per (onderwerp, groep, criterium) after keeping each scorer's latest score."""

    crit: pd.DataFrame  # validated criteria, in display order
    onderwerpen: pd.DataFrame  # onderwerp_soort, onderwerp_id; sorted by soort order, then id
    groepen: np.ndarray  # group names, sorted
    som: np.ndarray  # (S, G, C) sum of raw scores
    n: np.ndarray  # (S, G, C) number of scorers

    @property
    def gewichten(self) -> np.ndarray:
        return self.crit["gewicht"].to_numpy(dtype=float)

    def gericht(self) -> np.ndarray:
        """(S, G, C) mean, 'higher is better', on the common scale; NaN where nobody scored."""
        with np.errstate(invalid="ignore", divide="ignore"):
            m = self.som / self.n
        kosten = (self.crit["richting"] == "lager is beter").to_numpy()
        lo = self.crit["schaal_min"].to_numpy(dtype=float)
        hi = self.crit["schaal_max"].to_numpy(dtype=float)
        m = np.where(kosten, lo + hi - m, m)
        doel_lo, doel_hi = gemeenschappelijke_schaal(self.crit)
        if np.all(lo == doel_lo) and np.all(hi == doel_hi):
            return m
        return doel_lo + (doel_hi - doel_lo) * (m - lo) / (hi - lo)

    def volledigheid(self, regel: Volledigheidsregel) -> tuple[np.ndarray, list[str]]:
        """(S,) 'fully scored under the rule' and per onderwerp the Dutch reason if not."""
        heeft = self.n > 0  # (S, G, C)
        s_n, _, c_n = heeft.shape if heeft.ndim == 3 else (0, 0, len(self.crit))
        aantal = heeft.sum(axis=1)  # (S, C)
        ok = aantal >= regel.min_groepen
        sleutel = {str(g).strip().casefold(): i for i, g in enumerate(self.groepen)}
        vereist_pos = {g: sleutel.get(g.casefold()) for g in regel.groepen}
        for pos in vereist_pos.values():
            ok &= heeft[:, pos, :] if pos is not None else False
        volledig = ok.all(axis=1) if c_n else np.ones(s_n, dtype=bool)
        namen = self.crit["naam"].astype(str).to_numpy()
        redenen: list[str] = []
        for s in range(s_n):
            if volledig[s]:
                redenen.append("")
                continue
            delen = []
            for c in np.flatnonzero(~ok[s]):
                door = [str(self.groepen[g]) for g in np.flatnonzero(heeft[s, :, c])]
                if not door:
                    delen.append(f"{namen[c]}: door niemand gescoord")
                    continue
                mist = [g for g, pos in vereist_pos.items() if pos is None or not heeft[s, pos, c]]
                stuk = f"{namen[c]}: alleen gescoord door {_en_lijst(door)}"
                if len(door) < regel.min_groepen:
                    stuk += f" (nodig: minstens {regel.min_groepen} groepen)"
                if mist:
                    stuk += f" ({_en_lijst(mist)} ontbreekt)"
                delen.append(stuk)
            redenen.append("; ".join(delen))
        return volledig, redenen

    def per_criterium(self, groep_gewichten: Mapping[str, float] | None) -> tuple[np.ndarray, ...]:
        """(S, C) group-weighted mean per criterium and (S, C) mask 'has a score'."""
        a = np.ones(len(self.groepen))
        if groep_gewichten:
            a = np.array([float(groep_gewichten.get(g, 1.0)) for g in self.groepen])
        heeft = self.n > 0
        m = np.where(heeft, self.gericht(), 0.0)
        teller = np.einsum("sgc,g->sc", m, a)
        noemer = np.einsum("sgc,g->sc", heeft.astype(float), a)
        masker = noemer > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            mc = np.where(masker, teller / np.where(masker, noemer, 1.0), 0.0)
        return mc, masker


def _codes(waarden: pd.Series, sort: bool = True) -> tuple[np.ndarray, np.ndarray]:
    codes, uniek = pd.factorize(waarden, sort=sort)
    return codes.astype(np.int64), np.asarray(uniek)


def _kubus(scores: pd.DataFrame, criteria: pd.DataFrame, *, eerste_rij: int = 1) -> _Kubus:
    crit = valideer_criteria(criteria)
    c_n = len(crit)
    if len(scores) == 0:
        _eis_kolommen(scores, SCORE_KOLOMMEN, "scores")
        leeg = np.zeros((0, 0, c_n))
        return _Kubus(
            crit,
            pd.DataFrame(
                {
                    "onderwerp_soort": pd.Series([], dtype=object),
                    "onderwerp_id": pd.Series([], dtype="int64"),
                }
            ),
            np.array([], dtype=object),
            leeg,
            leeg.copy(),
        )
    crit_pos, codes = _valideer_scores(scores, crit, eerste_rij=eerste_rij)
    crit_pos = crit_pos.astype(np.int64)

    soort_code = codes["onderwerp_soort"][0]
    id_code, id_uniek = _codes(scores["onderwerp_id"].astype("int64"))
    sleutel = soort_code * len(id_uniek) + id_code  # sorts as (soort order, id)
    s_code, s_uniek = _codes(pd.Series(sleutel), sort=True)
    g_code, groepen = codes["groep"]
    p_code, p_uniek = codes["scorer"]
    s_n, g_n = len(s_uniek), len(groepen)

    cel = (s_code * g_n + g_code) * c_n + crit_pos
    per_scorer = cel * len(p_uniek) + p_code
    waarde = scores["waarde"].to_numpy(dtype=float)
    cellen = s_n * g_n * c_n * len(p_uniek)
    if cellen <= 50_000_000:
        dubbel = np.bincount(per_scorer, minlength=cellen).max(initial=0) > 1
    else:
        dubbel = bool(pd.Series(per_scorer).duplicated().any())
    if dubbel:
        # Someone scored the same cell more than once: keep the latest (moment, then id).
        sleutels: list[np.ndarray] = []
        if "id" in scores.columns:
            sleutels.append(pd.to_numeric(scores["id"], errors="coerce").fillna(-1).to_numpy())
        if "moment" in scores.columns:
            sleutels.append(_codes(scores["moment"].astype(str))[0])
        sleutels.append(per_scorer)
        volgorde = np.lexsort(sleutels)
        gesorteerd = per_scorer[volgorde]
        laatste = np.ones(len(gesorteerd), dtype=bool)
        laatste[:-1] = gesorteerd[1:] != gesorteerd[:-1]
        houd = volgorde[laatste]
        cel, waarde = cel[houd], waarde[houd]

    grootte = s_n * g_n * c_n
    som = np.bincount(cel, weights=waarde, minlength=grootte).reshape(s_n, g_n, c_n)
    n = np.bincount(cel, minlength=grootte).reshape(s_n, g_n, c_n).astype(float)
    onderwerpen = pd.DataFrame(
        {
            "onderwerp_soort": np.array(ONDERWERP_SOORTEN, dtype=object)[s_uniek // len(id_uniek)],
            "onderwerp_id": id_uniek[s_uniek % len(id_uniek)].astype("int64"),
        }
    )
    return _Kubus(crit, onderwerpen, groepen, som, n)


def _totaal_uit(mc: np.ndarray, masker: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Totals for weight vector(s) ``w`` of shape (C,) or (K, C): shape (S,) or (K, S)."""
    teller = (mc * masker) @ w.T
    noemer = masker.astype(float) @ w.T
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(noemer > 0, teller / np.where(noemer > 0, noemer, 1.0), np.nan).T


def _haalt(
    totaal: np.ndarray, drempel: float, decimalen: int, volledig: np.ndarray | None = None
) -> np.ndarray:
    """Passing rule used everywhere: fully scored, and the rounded total (as shown) is at least
    the drempel."""
    haalt = np.round(totaal, decimalen) >= drempel - 1e-12
    if volledig is not None:
        haalt = haalt & volledig.astype(bool)
    return haalt


# --------------------------------------------------------------------------------------------
# Means and totals
# --------------------------------------------------------------------------------------------


def gemiddelden(scores: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Mean raw score per (onderwerp_soort, onderwerp_id, groep, criterium_id), plus ``n``.

    ``gemiddelde`` is on the scale as scored (not reversed for cost criteria); ``n`` is the
    number of scorers (each scorer's latest score counts once).
    """
    k = _kubus(scores, criteria)
    s, g, c = np.nonzero(k.n)
    return pd.DataFrame(
        {
            "onderwerp_soort": k.onderwerpen["onderwerp_soort"].to_numpy()[s],
            "onderwerp_id": k.onderwerpen["onderwerp_id"].to_numpy()[s],
            "groep": k.groepen[g].astype(object) if len(s) else np.array([], dtype=object),
            "criterium_id": k.crit["id"].to_numpy(dtype=np.int64)[c],
            "gemiddelde": k.som[s, g, c] / k.n[s, g, c],
            "n": k.n[s, g, c].astype(np.int64),
        }
    )


def criterium_waarden(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    groep_gewichten: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The value each criterium counts with, per onderwerp (step 4 of the formula).

    Columns onderwerp_soort, onderwerp_id, criterium_id, waarde: the group-weighted mean,
    reversed for 'lager is beter' and on the common scale. Only scored cells appear.
    """
    _valideer_groep_gewichten(groep_gewichten)
    k = _kubus(scores, criteria)
    mc, masker = k.per_criterium(groep_gewichten)
    s, c = np.nonzero(masker)
    return pd.DataFrame(
        {
            "onderwerp_soort": k.onderwerpen["onderwerp_soort"].to_numpy()[s],
            "onderwerp_id": k.onderwerpen["onderwerp_id"].to_numpy()[s],
            "criterium_id": k.crit["id"].to_numpy(dtype=np.int64)[c],
            "waarde": mc[s, c],
        }
    )


def _ontbrekend(masker: np.ndarray, namen: np.ndarray) -> list[str]:
    return [", ".join(namen[~rij]) for rij in masker]


def _totalen_uit_kubus(
    k: _Kubus, groep_gewichten: Mapping[str, float] | None, regel: Volledigheidsregel
) -> pd.DataFrame:
    w = k.gewichten
    mc, masker = k.per_criterium(groep_gewichten)
    totaal = _totaal_uit(mc, masker, w)
    noemer = masker.astype(float) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        bijdrage = np.where(masker, mc * w, 0.0) / noemer[:, None]
    volledig, redenen = k.volledigheid(regel)
    uit = k.onderwerpen.copy()
    uit["totaal"] = totaal
    uit["volledig"] = volledig
    uit["ontbrekend"] = _ontbrekend(masker, k.crit["naam"].astype(str).to_numpy())
    uit["reden_onvolledig"] = redenen
    for j, cid in enumerate(k.crit["id"]):
        uit[bijdrage_kolom(cid)] = bijdrage[:, j]
    uit.attrs["schaal"] = gemeenschappelijke_schaal(k.crit)
    uit.attrs["regel"] = regel.beschrijving()
    return uit


def _kubus_voor_totalen(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    groep_gewichten: Mapping[str, float] | None,
) -> _Kubus:
    """Validated cube for anything that weighs: refuses all-zero (group) weights."""
    _valideer_groep_gewichten(groep_gewichten)
    k = _kubus(scores, criteria)
    _eis_gewicht(k.crit)
    _valideer_groep_gewichten(groep_gewichten, [str(g) for g in k.groepen])
    return k


def totalen(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    groep_gewichten: Mapping[str, float] | None = None,
    *,
    regel: Volledigheidsregel | None = None,
) -> pd.DataFrame:
    """Weighted total per onderwerp on the common scale (see :data:`FORMULE_UITLEG`).

    Columns: onderwerp_soort, onderwerp_id, totaal, volledig (every criterium scored by the
    groups ``regel`` asks for), ontbrekend (names of criteria nobody scored for this onderwerp,
    joined by ", "; "" when none), reden_onvolledig (Dutch reason, "" when volledig) and one
    ``bijdrage_<criterium_id>`` per criterium (0.0 when unscored) that add up to totaal.
    Groups missing from ``groep_gewichten`` weigh 1. All-zero weights or group weights are
    refused. Onderwerpen without any score are absent (see :func:`nog_niet_gescoord`).
    ``attrs['schaal']`` is the common scale, ``attrs['regel']`` the rule in words.
    """
    regel = _regel(regel)
    return _totalen_uit_kubus(
        _kubus_voor_totalen(scores, criteria, groep_gewichten), groep_gewichten, regel
    )


def totalen_per_groep(scores: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Total per onderwerp as each groep alone would have it.

    Columns onderwerp_soort, onderwerp_id, groep, totaal, volledig. Only (onderwerp, groep)
    pairs with at least one score appear.
    """
    k = _kubus(scores, criteria)
    _eis_gewicht(k.crit)
    heeft = k.n > 0  # (S, G, C)
    m = np.where(heeft, k.gericht(), 0.0)
    w = k.gewichten
    teller = np.einsum("sgc,c->sg", m, w)
    noemer = np.einsum("sgc,c->sg", heeft.astype(float), w)
    with np.errstate(invalid="ignore", divide="ignore"):
        totaal = np.where(noemer > 0, teller / np.where(noemer > 0, noemer, 1.0), np.nan)
    s, g = np.nonzero(heeft.any(axis=2))
    return pd.DataFrame(
        {
            "onderwerp_soort": k.onderwerpen["onderwerp_soort"].to_numpy()[s],
            "onderwerp_id": k.onderwerpen["onderwerp_id"].to_numpy()[s],
            "groep": k.groepen[g].astype(object) if len(s) else np.array([], dtype=object),
            "totaal": totaal[s, g],
            "volledig": heeft.all(axis=2)[s, g],
        }
    )


# --------------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------------


def _stabiele_volgorde(df: pd.DataFrame) -> pd.DataFrame:
    """Sort by onderwerp_soort (vocabulary order: opgave, koppeling) then onderwerp_id."""
    soort = df["onderwerp_soort"].map(_SOORT_VOLGORDE).fillna(len(_SOORT_VOLGORDE))
    volgorde = np.lexsort((df["onderwerp_id"].to_numpy(), soort.to_numpy()))
    return df.iloc[volgorde]


def rangschikking(
    totalen: pd.DataFrame, drempel: float, *, decimalen: int = standaard.DECIMALEN
) -> pd.DataFrame:
    """Rank fully scored onderwerpen on ``totaal`` rounded to ``decimalen``, highest first.

    Adds ``rang`` (method 'min': equal rounded totals share the best rank, the next rank is
    skipped), ``gedeeld`` (True when another onderwerp has the same rank) and ``haalt_drempel``.
    Ties keep a stable order: opgaven before koppelingen, then by id. Onderwerpen that are not
    ``volledig`` (when that column is present) or have no total (NaN) come after the ranked
    ones, with rang <NA> and haalt_drempel False. ``attrs['drempel']`` keeps the drempel for
    the figures.
    """
    _eis_kolommen(totalen, (*_SLEUTEL, "totaal"), "totalen")
    drempel = valideer_drempel(drempel)
    df = _stabiele_volgorde(totalen.reset_index(drop=True))
    if "volledig" in df.columns:
        volledig = df["volledig"].astype(bool)
    else:
        volledig = pd.Series(True, index=df.index)
    afgerond = df["totaal"].astype(float).round(decimalen).where(volledig)
    df = df.assign(_afgerond=afgerond, _apart=~volledig)
    df = df.sort_values(["_apart"], kind="stable")
    df = df.sort_values("_afgerond", ascending=False, kind="stable", na_position="last")
    rang = df["_afgerond"].rank(method="min", ascending=False)
    df["rang"] = rang.astype("Int64")
    df["gedeeld"] = df["rang"].duplicated(keep=False) & df["rang"].notna()
    df["haalt_drempel"] = _haalt(
        df["totaal"].to_numpy(dtype=float),
        drempel,
        decimalen,
        (~df["_apart"]).to_numpy(dtype=bool),
    )
    df = df.drop(columns=["_afgerond", "_apart"]).reset_index(drop=True)
    df.attrs.update(totalen.attrs)
    df.attrs["drempel"] = float(drempel)
    df.attrs["decimalen"] = int(decimalen)
    return df


def top_koppelingen(totalen_of_rangschikking: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` koppelingen with the highest totaal (ties in id order).

    Only fully scored koppelingen count (when a ``volledig`` column is present).
    Adds ``grens_gedeeld``: True on every returned row whose total equals (rounded to two
    decimals) that of the best koppeling left out, so the user sees the cut is arbitrary.
    """
    df = totalen_of_rangschikking
    _eis_kolommen(df, (*_SLEUTEL, "totaal"), "totalen")
    k = df[(df["onderwerp_soort"] == "koppeling") & df["totaal"].notna()]
    if "volledig" in k.columns:  # a koppeling that is not fully scored is no candidate
        k = k[k["volledig"].astype(bool)]
    k = k.sort_values("onderwerp_id", kind="stable")
    k = k.assign(_afgerond=k["totaal"].astype(float).round(2))
    k = k.sort_values("_afgerond", ascending=False, kind="stable")
    top = k.head(n).copy()
    rest = k.iloc[n:]
    grens = rest["_afgerond"].iloc[0] if len(rest) else np.nan
    top["grens_gedeeld"] = top["_afgerond"] == grens
    return top.drop(columns="_afgerond").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Groups: disagreement and gaps
# --------------------------------------------------------------------------------------------


def onenigheid(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    groep_a: str,
    groep_b: str,
    grens: float,
) -> pd.DataFrame:
    """(onderwerp, criterium) where the means of two groups differ by more than ``grens``.

    Columns onderwerp_soort, onderwerp_id, criterium_id, criterium (naam), gemiddelde_a,
    gemiddelde_b (as scored), verschil (a - b). Only cells both groups scored are compared;
    sorted by largest absolute difference, then stable order.
    """
    if not np.isfinite(grens) or grens < 0:
        raise InvoerFout("de grens voor onenigheid is een getal van 0 of meer", kolom="grens")
    gem = gemiddelden(scores, criteria)
    sleutel = [*_SLEUTEL, "criterium_id"]
    a = gem.loc[gem["groep"] == groep_a, [*sleutel, "gemiddelde"]]
    b = gem.loc[gem["groep"] == groep_b, [*sleutel, "gemiddelde"]]
    df = a.merge(b, on=sleutel, suffixes=("_a", "_b"))
    df["verschil"] = df["gemiddelde_a"] - df["gemiddelde_b"]
    df = df[df["verschil"].abs() > grens + 1e-12]
    namen = pd.Series(criteria["naam"].to_numpy(), index=criteria["id"].to_numpy())
    df.insert(3, "criterium", df["criterium_id"].map(namen).astype(object))
    df = _stabiele_volgorde(df.reset_index(drop=True))
    df = df.iloc[np.argsort(-df["verschil"].abs().to_numpy(), kind="stable")]
    return df.reset_index(drop=True)


def nog_niet_gescoord(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    onderwerpen: pd.DataFrame,
    groepen: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per groep the (onderwerp, criterium) combinations that have no score from that groep.

    ``onderwerpen`` has columns onderwerp_soort, onderwerp_id (all that should be scored);
    ``groepen`` defaults to the groups present in ``scores``. Columns: groep, onderwerp_soort,
    onderwerp_id, criterium_id, criterium.
    """
    crit = valideer_criteria(criteria)
    _eis_kolommen(onderwerpen, _SLEUTEL, "onderwerpen")
    if len(scores):
        valideer_scores(scores, crit)
    groep_lijst = sorted(scores["groep"].astype(str).unique()) if groepen is None else list(groepen)
    alle = (
        pd.DataFrame({"groep": groep_lijst})
        .merge(_stabiele_volgorde(onderwerpen[_SLEUTEL].drop_duplicates()), how="cross")
        .merge(
            crit[["id", "naam"]].rename(columns={"id": "criterium_id", "naam": "criterium"}),
            how="cross",
        )
    )
    sleutel = ["groep", *_SLEUTEL, "criterium_id"]
    if alle.empty:  # no groups, subjects or criteria yet: nothing is missing
        return pd.DataFrame({k: pd.Series(dtype="object") for k in [*sleutel, "criterium"]})
    typen = {"groep": str, "onderwerp_soort": str, "onderwerp_id": "int64", "criterium_id": "int64"}
    alle = alle.astype(typen)
    gedaan = scores[sleutel].drop_duplicates().astype(typen)
    gedaan = gedaan.assign(_gedaan=True)
    df = alle.merge(gedaan, on=sleutel, how="left")
    return df[df["_gedaan"].isna()].drop(columns="_gedaan").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Sensitivity
# --------------------------------------------------------------------------------------------


def _top3_per_soort(tot: np.ndarray, soorten: np.ndarray, n_top: int = 3) -> np.ndarray:
    """(K, S) bool: within its own soort, no more than n_top-1 onderwerpen score higher."""
    top = np.zeros(tot.shape, dtype=bool)
    geldig = np.isfinite(tot)
    for soort in np.unique(soorten):
        kol = np.flatnonzero(soorten == soort)
        sub = np.where(geldig[:, kol], tot[:, kol], -np.inf)
        if len(kol) <= n_top:
            top[:, kol] = geldig[:, kol]
            continue
        grens = np.partition(sub, len(kol) - n_top, axis=1)[:, len(kol) - n_top]
        top[:, kol] = (sub >= grens[:, None]) & geldig[:, kol]
    return top


def gevoeligheid_een_voor_een(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    drempel: float,
    *,
    stap: float = 0.25,
    groep_gewichten: Mapping[str, float] | None = None,
    decimalen: int = standaard.DECIMALEN,
    regel: Volledigheidsregel | None = None,
) -> pd.DataFrame:
    """Change one weight at a time by -stap and +stap; who passes the drempel then?

    One row per (criterium, factor): criterium_id, criterium, factor, nieuw_gewicht, erbij
    (onderwerpen that newly pass, e.g. "opgave 3, koppeling 2"), eraf (that no longer pass),
    aantal_gewijzigd. Onderwerpen that are not fully scored never pass, so never appear.
    """
    drempel = valideer_drempel(drempel)
    if not 0 <= stap <= 1:
        raise InvoerFout("de stap is een fractie tussen 0 en 1", kolom="stap")
    k = _kubus_voor_totalen(scores, criteria, groep_gewichten)
    volledig = k.volledigheid(_regel(regel))[0]
    return _een_voor_een(k, drempel, stap, groep_gewichten, decimalen, volledig)[0]


def _een_voor_een(
    k: _Kubus,
    drempel: float,
    stap: float,
    groep_gewichten: Mapping[str, float] | None,
    decimalen: int,
    volledig: np.ndarray,
) -> tuple[pd.DataFrame, np.ndarray]:
    w = k.gewichten
    c_n = len(w)
    mc, masker = k.per_criterium(groep_gewichten)
    basis = _haalt(_totaal_uit(mc, masker, w), drempel, decimalen, volledig)
    factoren = np.tile([1 - stap, 1 + stap], c_n)
    wijzig = np.tile(w, (2 * c_n, 1))
    rij = np.arange(2 * c_n)
    wijzig[rij, rij // 2] *= factoren
    haalt = _haalt(_totaal_uit(mc, masker, wijzig), drempel, decimalen, volledig)  # (2C, S)
    labels = np.array(
        [onderwerp_label(s, i) for s, i in k.onderwerpen[_SLEUTEL].itertuples(index=False)],
        dtype=object,
    )
    erbij = haalt & ~basis
    eraf = ~haalt & basis
    df = pd.DataFrame(
        {
            "criterium_id": np.repeat(k.crit["id"].to_numpy(dtype=np.int64), 2),
            "criterium": np.repeat(k.crit["naam"].to_numpy(dtype=object), 2),
            "factor": factoren,
            "nieuw_gewicht": wijzig[rij, rij // 2],
            "erbij": [", ".join(labels[r]) for r in erbij],
            "eraf": [", ".join(labels[r]) for r in eraf],
            "aantal_gewijzigd": (erbij | eraf).sum(axis=1).astype(np.int64),
        }
    )
    return df, (erbij | eraf).any(axis=0)


def gevoeligheid(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    drempel: float,
    *,
    n_trekkingen: int = standaard.N_TREKKINGEN,
    spreiding: float = standaard.SPREIDING,
    seed: int = standaard.SEED,
    groep_gewichten: Mapping[str, float] | None = None,
    decimalen: int = standaard.DECIMALEN,
    regel: Volledigheidsregel | None = None,
) -> pd.DataFrame:
    """How robust is the outcome when the agreed weights are a little different?

    Draws ``n_trekkingen`` weightings, each weight uniformly within ±``spreiding`` (a fraction)
    of its agreed value, with a seeded generator (same seed, same result). Per onderwerp:
    totaal and haalt_drempel with the agreed weights, aandeel_drempel (share of weightings in
    which it passes), aandeel_top3 (share in which it is among the best three of its own soort,
    ties included), min_totaal, max_totaal, and wisselt_een_voor_een (True when changing one
    weight by ±spreiding on its own flips whether it passes). An onderwerp that is not fully
    scored (see ``regel``) never passes and is never in a top 3.
    """
    drempel = valideer_drempel(drempel)
    if n_trekkingen < 1:
        raise InvoerFout("het aantal trekkingen moet minstens 1 zijn", kolom="n_trekkingen")
    if not 0 <= spreiding <= 1:
        raise InvoerFout("de spreiding is een fractie tussen 0 en 1", kolom="spreiding")
    k = _kubus_voor_totalen(scores, criteria, groep_gewichten)
    volledig = k.volledigheid(_regel(regel))[0]
    w = k.gewichten
    mc, masker = k.per_criterium(groep_gewichten)
    rng = np.random.default_rng(seed)
    trekking = w * rng.uniform(1 - spreiding, 1 + spreiding, size=(n_trekkingen, len(w)))
    tot = _totaal_uit(mc, masker, trekking)  # (K, S): one matrix product per numerator/denominator
    if tot.ndim == 1:
        tot = tot.reshape(n_trekkingen, -1)
    afgerond = np.round(tot, decimalen)
    soorten = k.onderwerpen["onderwerp_soort"].to_numpy()
    uit = k.onderwerpen.copy()
    basis = _totaal_uit(mc, masker, w)
    uit["totaal"] = basis
    uit["volledig"] = volledig
    uit["haalt_drempel"] = _haalt(basis, drempel, decimalen, volledig)
    uit["aandeel_drempel"] = _haalt(tot, drempel, decimalen, volledig).mean(axis=0)
    afgerond = np.where(volledig[None, :], afgerond, np.nan)
    uit["aandeel_top3"] = _top3_per_soort(afgerond, soorten).mean(axis=0)
    geldig = np.isfinite(tot)
    heeft_totaal = geldig.any(axis=0)
    laagste = np.where(geldig, tot, np.inf).min(axis=0, initial=np.inf)
    hoogste = np.where(geldig, tot, -np.inf).max(axis=0, initial=-np.inf)
    uit["min_totaal"] = np.where(heeft_totaal, laagste, np.nan)
    uit["max_totaal"] = np.where(heeft_totaal, hoogste, np.nan)
    _, wisselt = _een_voor_een(k, drempel, spreiding, groep_gewichten, decimalen, volledig)
    uit["wisselt_een_voor_een"] = wisselt
    return uit


def kleinste_wijziging(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    drempel: float,
    *,
    groep_gewichten: Mapping[str, float] | None = None,
    decimalen: int = standaard.DECIMALEN,
    max_factor: float = 10.0,
    regel: Volledigheidsregel | None = None,
) -> pd.DataFrame:
    """Per criterium: the smallest change of that one weight that changes who passes.

    With all other weights fixed, a total is ``(A + f*w*m) / (B + f*w)`` for weight factor f,
    so passing (``total >= d``) is the sign of the straight line ``(A - d*B) + f*w*(m - d)``:
    each onderwerp flips at most once, at a point found exactly. Factors in [0, max_factor]
    are searched. ``d`` is the drempel minus half the last shown decimal (rounded totals count).

    Columns: criterium_id, criterium, gewicht, factor (new weight / agreed weight),
    relatieve_wijziging (factor - 1, e.g. -0.3 = 30% lower), nieuw_gewicht, onderwerp_soort,
    onderwerp_id, wordt ("haalt de drempel" / "valt onder de drempel"). NaN / <NA> when no
    factor in range changes anything. Onderwerpen that are not fully scored cannot pass
    whatever the weights, so they are left out.
    """
    drempel = valideer_drempel(drempel)
    k = _kubus_voor_totalen(scores, criteria, groep_gewichten)
    volledig = k.volledigheid(_regel(regel))[0]
    w = k.gewichten
    mc, masker = k.per_criterium(groep_gewichten)
    d = drempel - 0.5 * 10.0**-decimalen
    basis = _haalt(_totaal_uit(mc, masker, w), drempel, decimalen, volledig)
    a_tot = (mc * masker) @ w  # (S,)
    b_tot = masker.astype(float) @ w
    rijen = []
    onderwerp_soort = k.onderwerpen["onderwerp_soort"].to_numpy()
    onderwerp_id = k.onderwerpen["onderwerp_id"].to_numpy()
    for j, cid in enumerate(k.crit["id"].to_numpy(dtype=np.int64)):
        rij: dict[str, object] = {
            "criterium_id": cid,
            "criterium": k.crit["naam"].iloc[j],
            "gewicht": w[j],
            "factor": np.nan,
            "relatieve_wijziging": np.nan,
            "nieuw_gewicht": np.nan,
            "onderwerp_soort": None,
            "onderwerp_id": pd.NA,
            "wordt": None,
        }
        if w[j] > 0 and len(onderwerp_id):
            heeft = masker[:, j]
            a = np.where(heeft, a_tot - w[j] * mc[:, j], a_tot)
            b = np.where(heeft, b_tot - w[j], b_tot)
            # line g(f) = (a - d*b) + f * w * (m - d); zero where it crosses
            helling = np.where(heeft, w[j] * (mc[:, j] - d), 0.0)
            with np.errstate(invalid="ignore", divide="ignore"):
                f = np.where(helling != 0, -(a - d * b) / helling, np.nan)
            # at f = 0 an onderwerp scored only on this criterium has no total: not a flip point
            kandidaat = np.isfinite(f) & (f >= 0) & (f <= max_factor) & ~((f == 0) & (b == 0))
            kandidaat &= (np.abs(f - 1) > 1e-12) & volledig
            if kandidaat.any():
                afstand = np.where(kandidaat, np.abs(f - 1), np.inf)
                best = int(np.argmin(afstand))  # first in stable order on equal distance
                rij.update(
                    factor=f[best],
                    relatieve_wijziging=f[best] - 1,
                    nieuw_gewicht=f[best] * w[j],
                    onderwerp_soort=onderwerp_soort[best],
                    onderwerp_id=int(onderwerp_id[best]),
                    wordt="valt onder de drempel" if basis[best] else "haalt de drempel",
                )
        rijen.append(rij)
    df = pd.DataFrame(rijen)
    if len(df):
        df["onderwerp_id"] = df["onderwerp_id"].astype("Int64")
        df = df.astype({"criterium_id": "int64", "gewicht": float, "factor": float})
    return df


# --------------------------------------------------------------------------------------------
# Review of the whole selection
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ControleGeheel:
    """Does the chosen set hold together? ``meldingen`` are Dutch sentences for the user."""

    aantal_gekozen: int
    capaciteit: int
    te_veel: bool
    ruimte: int
    conflicten: pd.DataFrame  # opgave_a, opgave_b, balans (< 0) among the chosen
    meldingen: list[str] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        return not self.te_veel and self.conflicten.empty


def controle_geheel(
    gekozen_opgave_ids: Iterable[int],
    capaciteit: int,
    paar_balansen: pd.DataFrame,
) -> ControleGeheel:
    """Check the chosen opgaven as a whole: not too many, and do they work together?

    ``paar_balansen`` has columns opgave_a, opgave_b, balans (kansen minus bedreigingen, as
    computed elsewhere); a pair of chosen opgaven with a negative balans is reported as
    possibly not working together. Pairs count in either order.
    """
    gekozen = sorted({int(i) for i in gekozen_opgave_ids})
    if capaciteit < 0:
        raise InvoerFout("de capaciteit is een aantal van 0 of meer", kolom="capaciteit")
    _eis_kolommen(paar_balansen, ("opgave_a", "opgave_b", "balans"), "paar_balansen")
    aantal = len(gekozen)
    te_veel = aantal > capaciteit
    binnen = paar_balansen["opgave_a"].isin(gekozen) & paar_balansen["opgave_b"].isin(gekozen)
    conflicten = paar_balansen.loc[
        binnen & (paar_balansen["balans"] < 0), ["opgave_a", "opgave_b", "balans"]
    ]
    conflicten = conflicten.sort_values(["balans", "opgave_a", "opgave_b"], kind="stable")
    conflicten = conflicten.reset_index(drop=True)
    meldingen: list[str] = []
    gekozen_zin = "Er is 1 opgave gekozen" if aantal == 1 else f"Er zijn {aantal} opgaven gekozen"
    if te_veel:
        meldingen.append(
            f"{gekozen_zin} en er is ruimte voor {capaciteit}: dat zijn er "
            f"{aantal - capaciteit} te veel. Kies opnieuw of leg vast waarom dit toch kan."
        )
    elif aantal == capaciteit:
        meldingen.append(
            f"{gekozen_zin}, precies de capaciteit. Er blijft geen ruimte "
            "over voor onvoorziene zaken."
        )
    else:
        meldingen.append(
            f"{gekozen_zin}; de capaciteit is {capaciteit}. Er blijft ruimte voor "
            f"{capaciteit - aantal} {'opgave' if capaciteit - aantal == 1 else 'opgaven'} "
            "of voor onvoorziene zaken."
        )
    for a, b, balans in conflicten.itertuples(index=False):
        balans_nl = f"{balans:g}".replace(".", ",")
        meldingen.append(
            f"Opgave {a} en opgave {b} werken mogelijk niet samen: bij deze koppeling wegen de "
            f"bedreigingen zwaarder dan de kansen (balans {balans_nl})."
        )
    if conflicten.empty:
        meldingen.append("Geen van de gekozen paren heeft meer bedreigingen dan kansen.")
    return ControleGeheel(
        aantal, int(capaciteit), te_veel, int(capaciteit) - aantal, conflicten, meldingen
    )


# --------------------------------------------------------------------------------------------
# Result object
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Afweging:
    """Everything step 3 shows, computed once with the same weights."""

    drempel: float
    totalen: pd.DataFrame
    ranglijst: pd.DataFrame
    gevoeligheid: pd.DataFrame
    kleinste_wijziging: pd.DataFrame
    top_koppelingen: pd.DataFrame
    uitleg: str = FORMULE_UITLEG
    regel: Volledigheidsregel = field(default_factory=Volledigheidsregel)

    @property
    def gehaald(self) -> pd.DataFrame:
        """Onderwerpen that pass the drempel, in ranking order."""
        return self.ranglijst[self.ranglijst["haalt_drempel"]].reset_index(drop=True)

    @property
    def gerangschikt(self) -> pd.DataFrame:
        """Fully scored onderwerpen, in ranking order."""
        return self.ranglijst[self.ranglijst["rang"].notna()].reset_index(drop=True)

    @property
    def onvolledig(self) -> pd.DataFrame:
        """Onderwerpen not fully scored (no place, never passing), with the reason."""
        r = self.ranglijst
        if "volledig" not in r.columns:
            return r.iloc[0:0]
        return r[~r["volledig"].astype(bool)].reset_index(drop=True)


def afweeg(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    drempel: float,
    *,
    groep_gewichten: Mapping[str, float] | None = None,
    n_trekkingen: int = standaard.N_TREKKINGEN,
    spreiding: float = standaard.SPREIDING,
    seed: int = standaard.SEED,
    decimalen: int = standaard.DECIMALEN,
    regel: Volledigheidsregel | None = None,
) -> Afweging:
    """Totals, ranking, sensitivity and top koppelingen in one result object."""
    drempel = valideer_drempel(drempel)
    regel = _regel(regel)
    tot = totalen(scores, criteria, groep_gewichten, regel=regel)
    rang = rangschikking(tot, drempel, decimalen=decimalen)
    gev = gevoeligheid(
        scores,
        criteria,
        drempel,
        n_trekkingen=n_trekkingen,
        spreiding=spreiding,
        seed=seed,
        groep_gewichten=groep_gewichten,
        decimalen=decimalen,
        regel=regel,
    )
    kw = kleinste_wijziging(
        scores, criteria, drempel, groep_gewichten=groep_gewichten, decimalen=decimalen, regel=regel
    )
    return Afweging(float(drempel), tot, rang, gev, kw, top_koppelingen(rang), regel=regel)
