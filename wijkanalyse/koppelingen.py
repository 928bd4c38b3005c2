"""Step 2 of the method: koppelingen (pairs of opgaven) and their kansen and bedreigingen.

Pure functions on the DataFrames of ``docs/contract.md``: they never read files or SQL and
never change their inputs. Every pair is unordered and written with the smaller opgave id
first (``opgave_a < opgave_b``), the same convention as the ``koppelingen`` table.

Statuses of a pair (column ``status`` of :func:`paar_overzicht`):

- ``niet overwogen``: there is no koppeling row for the pair;
- ``niet ingevuld``: there is a koppeling, but no kansen or bedreigingen yet;
- ``ingevuld``: the koppeling has at least one kans or bedreiging.

Only ``ingevuld`` pairs have a ``balans``; for the others it is NaN, so that "nothing filled
in" is never mistaken for "kansen and bedreigingen in balance" (balans 0).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from wijkanalyse.core.errors import DubbelFout, InvoerFout
from wijkanalyse.core.vocabulary import (
    HORIZON_LABEL,
    HORIZONNEN,
    IMPACT_GEWICHT,
    IMPACTEN,
    ITEM_SOORTEN,
)

STATUS_NIET_OVERWOGEN = "niet overwogen"
STATUS_NIET_INGEVULD = "niet ingevuld"
STATUS_INGEVULD = "ingevuld"
STATUSSEN: tuple[str, ...] = (STATUS_NIET_OVERWOGEN, STATUS_NIET_INGEVULD, STATUS_INGEVULD)

OVERZICHT_KOLOMMEN: tuple[str, ...] = (
    "opgave_a",
    "opgave_b",
    "titel_a",
    "titel_b",
    "koppeling_id",
    "niveau",
    "n_kansen",
    "n_bedreigingen",
    "gewogen_kansen",
    "gewogen_bedreigingen",
    "balans",
    "status",
    "n_zonder_interventie",
    "horizon_wisselt",
)

# Transitions that are known to combine well, with the reason in the team's own words.
# Keys are alphabetically sorted pairs; use :func:`bekende_combinatie` to look one up.
_BEKENDE_COMBINATIES_RUW: dict[tuple[str, str], str] = {
    ("energie", "klimaatadaptatie"): (
        "de straat gaat één keer open: warmteleidingen en een klimaatbestendig straatprofiel "
        "(afkoppelen, wadi's, minder verharding) in één ingreep"
    ),
    ("energie", "mobiliteit"): (
        "een mobiliteitshub kan ook dienen als buurtbatterij en laadplein voor de wijk"
    ),
    ("klimaatadaptatie", "natuurinclusiviteit"): (
        "meer groen vangt regenwater op en tempert hitte, en geeft planten en dieren ruimte"
    ),
    ("energie", "verstedelijking"): (
        "bij renovatie of herstructurering van woningen meteen isoleren en van het gas af"
    ),
    ("energie", "sociaaleconomisch"): (
        "isoleren en lagere energielasten helpen huishoudens in energiearmoede"
    ),
    ("klimaatadaptatie", "mobiliteit"): (
        "minder ruimte voor geparkeerde auto's betekent minder verharding en meer ruimte "
        "voor water en groen"
    ),
    ("klimaatadaptatie", "verstedelijking"): (
        "bij verdichten of herinrichten de openbare ruimte meteen klimaatbestendig maken"
    ),
    ("natuurinclusiviteit", "verstedelijking"): (
        "nieuwbouw en renovatie natuurinclusief ontwerpen: groene daken, nestkasten, groene gevels"
    ),
    ("mobiliteit", "sociaaleconomisch"): (
        "betere verbindingen en deelvervoer maken werk, school en voorzieningen bereikbaar"
    ),
    ("natuurinclusiviteit", "sociaaleconomisch"): (
        "groen in de buurt als ontmoetingsplek, met bewoners samen aangelegd en beheerd"
    ),
}
BEKENDE_COMBINATIES: dict[tuple[str, str], str] = {
    tuple(sorted(k)): v  # type: ignore[misc]
    for k, v in _BEKENDE_COMBINATIES_RUW.items()
}


def bekende_combinatie(transitie_1: str, transitie_2: str) -> str | None:
    """The explanation why two transitions combine well, or None if not in the table."""
    return BEKENDE_COMBINATIES.get(tuple(sorted((transitie_1, transitie_2))))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- plumbing


def _check_columns(df: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: kolom(men) ontbreken: {', '.join(missing)}")


def sorted_opgaven(opgaven: pd.DataFrame) -> pd.DataFrame:
    """Opgaven sorted by id; the order used for pairs, matrices and figures."""
    _check_columns(opgaven, ("id", "titel"), "opgaven")
    if opgaven["id"].duplicated().any():
        dubbel = opgaven.loc[opgaven["id"].duplicated(), "id"].iloc[0]
        raise DubbelFout(f"opgave-id {dubbel} komt meer dan één keer voor")
    return opgaven.sort_values("id", kind="stable").reset_index(drop=True)


def _pair_indices(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i, j) with i < j of all unordered pairs of n things, row-major."""
    i, j = np.triu_indices(n, k=1)
    return i.astype(np.intp), j.astype(np.intp)


def _normalised_koppelingen(koppelingen: pd.DataFrame) -> pd.DataFrame:
    """koppeling_id, opgave_a, opgave_b, niveau with opgave_a < opgave_b and one row per pair."""
    _check_columns(koppelingen, ("id", "opgave_a", "opgave_b", "niveau"), "koppelingen")
    a = koppelingen["opgave_a"].to_numpy(dtype=np.int64)
    b = koppelingen["opgave_b"].to_numpy(dtype=np.int64)
    k = pd.DataFrame(
        {
            "koppeling_id": koppelingen["id"].to_numpy(dtype=np.int64),
            "opgave_a": np.minimum(a, b),
            "opgave_b": np.maximum(a, b),
            "niveau": koppelingen["niveau"].to_numpy(),
        }
    )
    dubbel = k.duplicated(["opgave_a", "opgave_b"])
    if dubbel.any():
        rij = k.loc[dubbel].iloc[0]
        raise DubbelFout(
            f"de koppeling tussen opgave {rij['opgave_a']} en opgave {rij['opgave_b']} "
            "komt meer dan één keer voor"
        )
    return k


def _check_values(items: pd.DataFrame, column: str, allowed: Iterable[str]) -> None:
    bad = ~items[column].isin(list(allowed))
    if bad.any():
        rij = items.loc[bad].iloc[0]
        raise InvoerFout(
            f"kans/bedreiging {rij['id']}: onbekende waarde '{rij[column]}' "
            f"(toegestaan: {', '.join(allowed)})",
            kolom=column,
        )


def _check_items(items: pd.DataFrame) -> None:
    _check_columns(
        items, ("id", "koppeling_id", "soort", "tekst", "impact", "horizon", "interventie"), "items"
    )
    _check_values(items, "soort", ITEM_SOORTEN)
    _check_values(items, "impact", IMPACT_GEWICHT)
    _check_values(items, "horizon", HORIZONNEN)


def _normalised_text(s: pd.Series) -> pd.Series:
    """Case- and whitespace-insensitive form of a text, used to compare entries."""
    return s.fillna("").astype(str).str.replace(r"\s+", " ", regex=True).str.strip().str.casefold()


def _item_aggregates(items: pd.DataFrame) -> pd.DataFrame:
    """Per koppeling_id: counts, weighted sums, per-horizon balance and the switch flag."""
    _check_items(items)
    kans = (items["soort"] == "kans").to_numpy()
    bedreiging = ~kans
    gewicht = items["impact"].map(IMPACT_GEWICHT).to_numpy(dtype=np.int64)
    nu = (items["horizon"] == "nu").to_numpy()
    teken = np.where(kans, 1, -1)
    zonder = items["interventie"].fillna("").astype(str).str.strip().eq("").to_numpy()
    kid = items["koppeling_id"].to_numpy(dtype=np.int64)
    frame = pd.DataFrame(
        {
            "koppeling_id": kid,
            "n_kansen": kans.astype(np.int64),
            "n_bedreigingen": bedreiging.astype(np.int64),
            "gewogen_kansen": gewicht * kans,
            "gewogen_bedreigingen": gewicht * bedreiging,
            "_balans_nu": teken * gewicht * nu,
            "_balans_later": teken * gewicht * ~nu,
            "n_zonder_interventie": zonder.astype(np.int64),
        }
    )
    agg = frame.groupby("koppeling_id", sort=False).sum()
    tegengesteld = np.sign(agg["_balans_nu"]) * np.sign(agg["_balans_later"]) < 0
    agg["horizon_wisselt"] = tegengesteld | agg.index.isin(_text_switches(items, kid, kans, nu))
    return agg.drop(columns=["_balans_nu", "_balans_later"])


def _text_switches(
    items: pd.DataFrame, kid: np.ndarray, kans: np.ndarray, nu: np.ndarray
) -> np.ndarray:
    """koppeling ids where one text is a kans in one horizon and a bedreiging in the other."""
    # Bit flags: kans-nu 1, kans-later 2, bedreiging-nu 4, bedreiging-later 8.
    flag = np.where(kans, 1, 4) * np.where(nu, 1, 2)
    f = pd.DataFrame({"kid": kid, "tekst": _normalised_text(items["tekst"]), "flag": flag})
    f = f[f["tekst"] != ""].drop_duplicates()
    if f.empty:
        return np.array([], dtype=np.int64)
    per_tekst = f.groupby(["kid", "tekst"], sort=False)["flag"].sum()
    mask = per_tekst.to_numpy()
    kids = per_tekst.index.get_level_values("kid").to_numpy()
    kans_nu_bedreiging_later = (mask & 1 != 0) & (mask & 8 != 0)
    kans_later_bedreiging_nu = (mask & 2 != 0) & (mask & 4 != 0)
    wissel = kans_nu_bedreiging_later | kans_later_bedreiging_nu
    return np.unique(kids[wissel])


# ---------------------------------------------------------------------------- public


def alle_paren(opgaven: pd.DataFrame) -> pd.DataFrame:
    """Every unordered pair of opgaven (``opgave_a < opgave_b``) with both titles.

    Columns: opgave_a, opgave_b, titel_a, titel_b; ordered by opgave_a, then opgave_b.
    n opgaven give n*(n-1)/2 rows.
    """
    o = sorted_opgaven(opgaven)
    i, j = _pair_indices(len(o))
    ids = o["id"].to_numpy(dtype=np.int64)
    titels = o["titel"].astype(str).to_numpy()
    return pd.DataFrame(
        {
            "opgave_a": ids[i],
            "opgave_b": ids[j],
            "titel_a": pd.array(titels[i], dtype="str"),
            "titel_b": pd.array(titels[j], dtype="str"),
        }
    )


def paar_overzicht(
    opgaven: pd.DataFrame, koppelingen: pd.DataFrame, items: pd.DataFrame
) -> pd.DataFrame:
    """One row per pair of opgaven, also for pairs without a koppeling.

    Columns (see ``OVERZICHT_KOLOMMEN``): opgave_a, opgave_b, titel_a, titel_b,
    koppeling_id (Int64, NA without koppeling), niveau (NaN without koppeling),
    n_kansen, n_bedreigingen, gewogen_kansen, gewogen_bedreigingen (impact weighted with
    ``vocabulary.IMPACT_GEWICHT``), balans (gewogen_kansen - gewogen_bedreigingen; NaN unless
    the status is ``ingevuld``), status, n_zonder_interventie (entries whose interventie is
    empty or only whitespace), horizon_wisselt.

    ``horizon_wisselt`` is True when the timing of the pair flips, i.e. at least one of:

    1. the weighted balance of the ``nu`` entries and that of the ``later`` entries are both
       non-zero and have opposite signs (e.g. +3 now, -2 later);
    2. the same text (ignoring case and extra whitespace) is a kans in one horizon and a
       bedreiging in the other.

    Koppelingen or items that refer to opgaven or koppelingen not in the inputs are ignored.
    Raises :class:`InvoerFout` for an unknown soort, impact or horizon of an item and
    :class:`DubbelFout` when a pair has two koppelingen.
    """
    paren = alle_paren(opgaven)
    k = _normalised_koppelingen(koppelingen)
    ov = paren.merge(k, on=["opgave_a", "opgave_b"], how="left", sort=False)
    ov["koppeling_id"] = ov["koppeling_id"].astype("Int64")

    agg = _item_aggregates(items)
    ov = ov.join(agg, on="koppeling_id")
    for col in ("n_kansen", "n_bedreigingen", "gewogen_kansen", "gewogen_bedreigingen"):
        ov[col] = ov[col].fillna(0).astype(np.int64)
    ov["n_zonder_interventie"] = ov["n_zonder_interventie"].fillna(0).astype(np.int64)
    ov["horizon_wisselt"] = ov["horizon_wisselt"].fillna(False).astype(bool)

    heeft_koppeling = ov["koppeling_id"].notna().to_numpy()
    ingevuld = heeft_koppeling & ((ov["n_kansen"] + ov["n_bedreigingen"]).to_numpy() > 0)
    ov["status"] = pd.array(
        np.where(
            ingevuld,
            STATUS_INGEVULD,
            np.where(heeft_koppeling, STATUS_NIET_INGEVULD, STATUS_NIET_OVERWOGEN),
        ),
        dtype="str",
    )
    balans = (ov["gewogen_kansen"] - ov["gewogen_bedreigingen"]).to_numpy(dtype=float)
    ov["balans"] = np.where(ingevuld, balans, np.nan)
    return ov.loc[:, list(OVERZICHT_KOLOMMEN)]


def balans_matrix(opgaven: pd.DataFrame, overzicht: pd.DataFrame) -> pd.DataFrame:
    """Square, symmetric opgave x opgave matrix of ``balans``, labelled by titel.

    Order of rows and columns: opgaven by id. Pairs that are not ``ingevuld`` and the
    diagonal are NaN.
    """
    o = sorted_opgaven(opgaven)
    m = balans_array(o, overzicht)
    titels = pd.Index(o["titel"].astype(str), name="opgave")
    return pd.DataFrame(m, index=titels, columns=titels.rename(None))


def pair_positions(
    o: pd.DataFrame, overzicht: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions in the sorted opgaven of each overzicht row, and a mask of rows found."""
    idx = pd.Index(o["id"].to_numpy(dtype=np.int64))
    pa = idx.get_indexer(overzicht["opgave_a"].to_numpy(dtype=np.int64))
    pb = idx.get_indexer(overzicht["opgave_b"].to_numpy(dtype=np.int64))
    found = (pa >= 0) & (pb >= 0)
    return pa, pb, found


def balans_array(o: pd.DataFrame, overzicht: pd.DataFrame) -> np.ndarray:
    n = len(o)
    m = np.full((n, n), np.nan)
    if n == 0 or overzicht.empty:
        return m
    pa, pb, found = pair_positions(o, overzicht)
    b = overzicht["balans"].to_numpy(dtype=float, na_value=np.nan)
    m[pa[found], pb[found]] = b[found]
    m[pb[found], pa[found]] = b[found]
    return m


def start_eind_jaren(o: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Start and end year as float arrays (NaN = unknown). A missing end or start is taken
    equal to the other one, so an opgave with only a start year lasts that one year."""
    start = o["start_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    eind = o["eind_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    start2 = np.where(np.isnan(start), eind, start)
    eind2 = np.where(np.isnan(eind), start, eind)
    return start2, eind2


def _venster(start: float, eind: float) -> str:
    return f"{int(start)}–{int(eind)}"


def kandidaat_paren(opgaven: pd.DataFrame, koppelingen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of opgaven worth considering as a koppeling, with the reasons in Dutch.

    A pair gets one point for each of these reasons:

    - ``tijdvenster``: the time windows (start_jaar to eind_jaar, inclusive) overlap;
    - ``aanleiding``: both have the same, non-empty aanleiding (ignoring case and spaces);
    - ``combinatie``: their transities are in ``BEKENDE_COMBINATIES``;
    - ``leidend_meeliftend``: one is leidend and the other meeliftend.

    Returns one row per pair with at least one reason: opgave_a, opgave_b, titel_a, titel_b,
    the four boolean reason columns, score (number of reasons), reden (the reasons as one
    Dutch text, separated by "; ") and al_overwogen (True when ``koppelingen`` has the pair;
    always False without ``koppelingen``). Sorted by score (highest first), then by pair.
    """
    _check_columns(
        opgaven,
        ("id", "titel", "transitie", "aanleiding", "start_jaar", "eind_jaar", "rol"),
        "opgaven",
    )
    o = sorted_opgaven(opgaven)
    i, j = _pair_indices(len(o))
    ids = o["id"].to_numpy(dtype=np.int64)
    titels = o["titel"].astype(str).to_numpy()

    start, eind = start_eind_jaren(o)
    overlap = np.maximum(start[i], start[j]) <= np.minimum(eind[i], eind[j])  # NaN -> False

    aanleiding_ruw = o["aanleiding"].fillna("").astype(str).str.strip().to_numpy()
    aanleiding = _normalised_text(o["aanleiding"]).to_numpy()
    zelfde_aanleiding = (aanleiding[i] == aanleiding[j]) & (aanleiding[i] != "")

    transitie = o["transitie"].fillna("").astype(str).to_numpy()
    uitleg_per_paar = {
        (t1, t2): bekende_combinatie(t1, t2) for t1 in set(transitie) for t2 in set(transitie)
    }
    uitleg = np.array(
        [uitleg_per_paar[(a, b)] for a, b in zip(transitie[i], transitie[j], strict=True)],
        dtype=object,
    )
    combinatie = np.array([u is not None for u in uitleg], dtype=bool)

    rol = o["rol"].fillna("").astype(str).to_numpy()
    leidend = rol == "leidend"
    meeliftend = rol == "meeliftend"
    lm = (leidend[i] & meeliftend[j]) | (meeliftend[i] & leidend[j])

    score = overlap.astype(np.int64) + zelfde_aanleiding + combinatie + lm
    keep = np.flatnonzero(score > 0)

    redenen: list[str] = []
    for p in keep:
        a, b = i[p], j[p]
        delen: list[str] = []
        if overlap[p]:
            delen.append(
                "tijdvensters overlappen: "
                f"{_venster(start[a], eind[a])} en {_venster(start[b], eind[b])}"
            )
        if zelfde_aanleiding[p]:
            delen.append(f"zelfde aanleiding: {aanleiding_ruw[a]}")
        if combinatie[p]:
            delen.append(f"{transitie[a]} + {transitie[b]} gaan goed samen: {uitleg[p]}")
        if lm[p]:
            lei, mee = (a, b) if leidend[a] else (b, a)
            delen.append(f"'{titels[lei]}' is leidend, '{titels[mee]}' kan meeliften")
        redenen.append("; ".join(delen))

    result = pd.DataFrame(
        {
            "opgave_a": ids[i[keep]],
            "opgave_b": ids[j[keep]],
            "titel_a": pd.array(titels[i[keep]], dtype="str"),
            "titel_b": pd.array(titels[j[keep]], dtype="str"),
            "tijdvenster": overlap[keep],
            "aanleiding": zelfde_aanleiding[keep],
            "combinatie": combinatie[keep],
            "leidend_meeliftend": lm[keep],
            "score": score[keep],
            "reden": pd.array(redenen, dtype="str"),
        }
    )
    if koppelingen is not None and not result.empty:
        k = _normalised_koppelingen(koppelingen)
        bekend = pd.MultiIndex.from_arrays([k["opgave_a"], k["opgave_b"]])
        paar = pd.MultiIndex.from_arrays([result["opgave_a"], result["opgave_b"]])
        result["al_overwogen"] = paar.isin(bekend)
    else:
        result["al_overwogen"] = np.zeros(len(result), dtype=bool)
    # Rows are already in pair order; a stable sort on score keeps that order within a score.
    return result.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


ITEMS_TABEL_KOLOMMEN: tuple[str, ...] = (
    "Opgave 1",
    "Opgave 2",
    "Niveau",
    "Soort",
    "Tekst",
    "Impact",
    "Horizon",
    "Interventie",
    "Eigenaar interventie",
)


def items_tabel(
    opgaven: pd.DataFrame, koppelingen: pd.DataFrame, items: pd.DataFrame
) -> pd.DataFrame:
    """Every kans and bedreiging of every koppeling, with titles, for a report table.

    Dutch column headers (``ITEMS_TABEL_KOLOMMEN``); the horizon is written out with
    ``vocabulary.HORIZON_LABEL``. Sorted by pair (as in :func:`alle_paren`), then kansen
    before bedreigingen, ``nu`` before ``later``, heavy impact first, then item id.
    Items of koppelingen between opgaven not in ``opgaven`` are left out.
    """
    _check_items(items)
    o = sorted_opgaven(opgaven)
    k = _normalised_koppelingen(koppelingen)
    titel = pd.Series(o["titel"].astype(str).to_numpy(), index=o["id"].to_numpy(dtype=np.int64))
    k = k[k["opgave_a"].isin(titel.index) & k["opgave_b"].isin(titel.index)]
    t = items.merge(k, left_on="koppeling_id", right_on="koppeling_id", how="inner")
    t = t.assign(
        _soort=t["soort"].map({s: n for n, s in enumerate(ITEM_SOORTEN)}),
        _horizon=t["horizon"].map({s: n for n, s in enumerate(HORIZONNEN)}),
        _impact=-t["impact"].map({s: n for n, s in enumerate(IMPACTEN)}),
    ).sort_values(["opgave_a", "opgave_b", "_soort", "_horizon", "_impact", "id"], kind="stable")
    eigenaar = (
        t["interventie_eigenaar"].fillna("").astype(str)
        if "interventie_eigenaar" in t.columns
        else pd.Series("", index=t.index, dtype="str")
    )
    return pd.DataFrame(
        {
            "Opgave 1": t["opgave_a"].map(titel).astype("str").to_numpy(),
            "Opgave 2": t["opgave_b"].map(titel).astype("str").to_numpy(),
            "Niveau": t["niveau"].astype("str").to_numpy(),
            "Soort": t["soort"].astype("str").to_numpy(),
            "Tekst": t["tekst"].fillna("").astype("str").to_numpy(),
            "Impact": t["impact"].astype("str").to_numpy(),
            "Horizon": t["horizon"].map(HORIZON_LABEL).astype("str").to_numpy(),
            "Interventie": t["interventie"].fillna("").astype("str").to_numpy(),
            "Eigenaar interventie": eigenaar.to_numpy(),
        }
    ).astype("str")
