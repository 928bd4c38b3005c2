"""Following the uitvoering after the besluiten: which acties follow from the choices, their
progress per wijk, and the signals that ask for attention.

Pure functions on DataFrames (the store's columns, ``docs/contract.md``); nothing here reads
the store. Frames may hold one wijk or many: ids are unique in a workspace, and a ``wijk``
column, when present, is carried into the results.

Which kansen and bedreigingen belong to a choice: those of a chosen koppeling (its acties
hang on the koppeling); and those of a koppeling without a current decision of its own, one
of whose opgaven is chosen (its acties hang on that opgave). A koppeling that was decided
'niet gekozen' or 'uitgesteld' brings none.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .besluitenlog import huidige_besluiten
from .core.nl_format import datum as nl_datum
from .core.vocabulary import ACTIE_STATUSSEN, HORIZON_LABEL

__all__ = [
    "SIGNAAL_KOLOMMEN",
    "SIGNAAL_SOORTEN",
    "VOORSTEL_KOLOMMEN",
    "gekozen_items",
    "gekozen_onderwerpen",
    "onderwerp_namen",
    "signalen",
    "voorgestelde_acties",
    "voortgang_per_wijk",
]

VOORSTEL_KOLOMMEN = ("onderwerp_soort", "onderwerp_id", "item_id", "titel", "eigenaar")

#: The kinds of signal, in the order they are shown.
SIGNAAL_SOORTEN = (
    "herziening verlopen",
    "horizon bereikt",
    "koppelmoment nadert",
    "koppelkans zonder actie",
)
SIGNAAL_KOLOMMEN = ("wijk", "soort", "onderwerp_soort", "onderwerp_id", "item_id", "reden")

#: A horizon of "over twee jaar en later" has arrived this many years after the decision.
HORIZON_JAREN = 2


def _wijk_van(df: pd.DataFrame) -> pd.Series:
    return df["wijk"] if "wijk" in df.columns else pd.Series("", index=df.index)


def _keuzes(besluiten: pd.DataFrame) -> pd.DataFrame:
    """The current decision per onderwerp: onderwerp_soort, onderwerp_id, besluit, datum."""
    if besluiten.empty:
        return pd.DataFrame(columns=["onderwerp_soort", "onderwerp_id", "besluit", "datum"])
    kolommen = ["onderwerp_soort", "onderwerp_id"]
    if "wijk" in besluiten.columns:  # ids are unique per workspace; one pass over all wijken
        b = besluiten.assign(_d=besluiten["datum"].astype(str))
        b = b.sort_values(["_d", "id"], kind="stable").drop_duplicates(kolommen, keep="last")
        h = b.drop(columns="_d")
    else:
        h = huidige_besluiten(besluiten)
    return h[[*kolommen, "besluit", "datum"]].astype({"onderwerp_id": "int64"})


def onderwerp_namen(opgaven: pd.DataFrame, koppelingen: pd.DataFrame) -> dict[tuple[str, int], str]:
    """A readable name per subject: the opgave's title, or 'A × B' for a koppeling."""
    titels = dict(zip(opgaven["id"].astype(int), opgaven["titel"].astype(str), strict=True))
    namen = {("opgave", i): t for i, t in titels.items()}
    for k, a, b in zip(
        koppelingen["id"], koppelingen["opgave_a"], koppelingen["opgave_b"], strict=True
    ):
        namen[("koppeling", int(k))] = f"{titels.get(int(a), '?')} × {titels.get(int(b), '?')}"
    return namen


def gekozen_onderwerpen(besluiten: pd.DataFrame) -> list[tuple[str, int]]:
    """(onderwerp_soort, onderwerp_id) of every opgave and koppeling whose current decision is
    'gekozen', in log order."""
    h = _keuzes(besluiten)
    h = h[h["besluit"] == "gekozen"]
    return [(str(s), int(i)) for s, i in zip(h["onderwerp_soort"], h["onderwerp_id"], strict=True)]


def gekozen_items(
    besluiten: pd.DataFrame, koppelingen: pd.DataFrame, items: pd.DataFrame
) -> pd.DataFrame:
    """The kansen and bedreigingen that belong to a choice (see the module text): the
    ``items`` rows with ``onderwerp_soort``, ``onderwerp_id`` (the chosen opgave or
    koppeling) and ``gekozen_op`` (that decision's date) added."""
    h = _keuzes(besluiten)
    kop = h[h["onderwerp_soort"] == "koppeling"].set_index("onderwerp_id")
    opg = h[(h["onderwerp_soort"] == "opgave") & (h["besluit"] == "gekozen")]
    opg_datum = dict(zip(opg["onderwerp_id"].astype(int), opg["datum"], strict=True))
    k = koppelingen.set_index("id")
    rijen: list[tuple[int, str, int, str]] = []
    for kid, a, b in zip(k.index, k["opgave_a"], k["opgave_b"], strict=True):
        kid = int(kid)
        if kid in kop.index:
            if kop.at[kid, "besluit"] == "gekozen":
                rijen.append((kid, "koppeling", kid, str(kop.at[kid, "datum"])))
            continue
        for o in (int(a), int(b)):
            if o in opg_datum:
                rijen.append((kid, "opgave", o, str(opg_datum[o])))
                break
    keuze = pd.DataFrame(
        rijen, columns=["koppeling_id", "onderwerp_soort", "onderwerp_id", "gekozen_op"]
    )
    uit = items.merge(keuze, on="koppeling_id", how="inner")
    return uit.sort_values("id", kind="stable").reset_index(drop=True)


def voorgestelde_acties(
    besluiten: pd.DataFrame, koppelingen: pd.DataFrame, items: pd.DataFrame, acties: pd.DataFrame
) -> pd.DataFrame:
    """The acties the choices ask for that do not exist yet: one per kans or bedreiging of a
    choice with an interventie and no actie (``acties.item_id``) yet. Columns
    :data:`VOORSTEL_KOLOMMEN`; the titel is the interventie, the eigenaar its owner."""
    g = gekozen_items(besluiten, koppelingen, items)
    g = g[g["interventie"].fillna("").astype(str).str.strip() != ""]
    al = set(acties["item_id"].dropna().astype(int)) if not acties.empty else set()
    g = g[~g["id"].astype(int).isin(al)]
    uit = pd.DataFrame(
        {
            "onderwerp_soort": g["onderwerp_soort"],
            "onderwerp_id": g["onderwerp_id"].astype(int),
            "item_id": g["id"].astype(int),
            "titel": g["interventie"].astype(str).str.strip(),
            "eigenaar": g["interventie_eigenaar"].fillna("").astype(str),
        },
        columns=list(VOORSTEL_KOLOMMEN),
    )
    return uit.reset_index(drop=True)


def voortgang_per_wijk(acties: pd.DataFrame, signalen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per wijk the number of acties per status, their mean voortgang (of the acties not
    vervallen, NA without any) and the number of signals: columns ``wijk``, one per status
    (:data:`ACTIE_STATUSSEN`), ``acties``, ``voortgang``, ``signalen``."""
    a = acties.assign(wijk=_wijk_van(acties))
    tel = pd.crosstab(a["wijk"], a["status"]).reindex(columns=list(ACTIE_STATUSSEN), fill_value=0)
    lopend = a[a["status"] != "vervallen"]
    gem = lopend.groupby("wijk")["voortgang"].mean().round(0)
    uit = tel.assign(acties=tel.sum(axis=1))
    wijken = set(uit.index)
    if signalen is not None and not signalen.empty:
        wijken |= set(signalen["wijk"])
    uit = uit.reindex(sorted(wijken), fill_value=0)
    uit["voortgang"] = gem.reindex(uit.index).astype("Float64")
    n = signalen["wijk"].value_counts() if signalen is not None and not signalen.empty else None
    uit["signalen"] = n.reindex(uit.index, fill_value=0) if n is not None else 0
    uit = uit.astype({k: "int64" for k in (*ACTIE_STATUSSEN, "acties", "signalen")})
    uit.columns.name = None
    return uit.rename_axis("wijk").reset_index()


# --------------------------------------------------------------------------- signals


def _maanden_later(d: date, maanden: int) -> date:
    m = d.month - 1 + maanden
    jaar, maand = d.year + m // 12, m % 12 + 1
    dag = min(
        d.day, [31, 29 if jaar % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][maand - 1]
    )
    return date(jaar, maand, dag)


def _iso_datum(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, format="ISO8601", errors="coerce")


def signalen(
    *,
    vandaag: date,
    besluiten: pd.DataFrame,
    opgaven: pd.DataFrame,
    koppelingen: pd.DataFrame,
    items: pd.DataFrame,
    acties: pd.DataFrame,
    risicos: pd.DataFrame,
    maanden: int = 6,
) -> pd.DataFrame:
    """What asks for attention on ``vandaag``, each with its reason in Dutch
    (:data:`SIGNAAL_KOLOMMEN`, ``soort`` one of :data:`SIGNAAL_SOORTEN`):

    - *herziening verlopen*: a bedreiging's next review date (``risicos.herzien_op``) is
      before today;
    - *horizon bereikt*: a bedreiging of a choice marked "over twee jaar en later" whose
      choice is :data:`HORIZON_JAREN` years old or more;
    - *koppelmoment nadert*: a chosen opgave or koppeling whose koppelmoment (its start year;
      a koppeling's: the later start year of its two opgaven, 1 January) falls within
      ``maanden`` months from today, or has begun this year or earlier while its end year has
      not passed, and that has acties still 'gepland' (not started);
    - *koppelkans zonder actie*: a chosen koppeling at level koppelkans without any actie
      (vervallen ones do not count).
    """
    delen = [
        _herziening_verlopen(vandaag, risicos, items),
        _horizon_bereikt(vandaag, besluiten, koppelingen, items),
        _koppelmoment_nadert(vandaag, maanden, besluiten, opgaven, koppelingen, acties),
        _koppelkans_zonder_actie(besluiten, opgaven, koppelingen, acties),
    ]
    delen = [d for d in delen if not d.empty]
    if not delen:
        return pd.DataFrame(columns=list(SIGNAAL_KOLOMMEN))
    uit = pd.concat(delen, ignore_index=True)
    uit["item_id"] = uit["item_id"].astype("Int64")
    uit["onderwerp_id"] = uit["onderwerp_id"].astype("Int64")
    return uit[list(SIGNAAL_KOLOMMEN)]


def _kort(tekst: object) -> str:
    t = str(tekst)
    return t if len(t) <= 60 else t[:57] + "..."


def _herziening_verlopen(vandaag: date, risicos: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    if risicos.empty:
        return pd.DataFrame()
    r = risicos[_iso_datum(risicos["herzien_op"]) < pd.Timestamp(vandaag)]
    r = r.merge(items[["id", "tekst", "koppeling_id"]], left_on="item_id", right_on="id")
    return pd.DataFrame(
        {
            "wijk": _wijk_van(r).to_numpy(),
            "soort": "herziening verlopen",
            "onderwerp_soort": "koppeling",
            "onderwerp_id": r["koppeling_id"].to_numpy(),
            "item_id": r["item_id"].to_numpy(),
            "reden": [
                f"De herziening van bedreiging '{_kort(t)}' stond op {nl_datum(d)}; die datum "
                "is voorbij. Bekijk kans, impact en maatregel opnieuw."
                for t, d in zip(r["tekst"], r["herzien_op"], strict=True)
            ],
        }
    )


def _horizon_bereikt(
    vandaag: date, besluiten: pd.DataFrame, koppelingen: pd.DataFrame, items: pd.DataFrame
) -> pd.DataFrame:
    g = gekozen_items(besluiten, koppelingen, items)
    g = g[(g["soort"] == "bedreiging") & (g["horizon"] == "later")]
    gekozen_op = _iso_datum(g["gekozen_op"])
    grens = pd.Timestamp(vandaag) - pd.DateOffset(years=HORIZON_JAREN)
    g = g[gekozen_op <= grens]
    label = HORIZON_LABEL["later"]
    return pd.DataFrame(
        {
            "wijk": _wijk_van(g).to_numpy(),
            "soort": "horizon bereikt",
            "onderwerp_soort": g["onderwerp_soort"].to_numpy(),
            "onderwerp_id": g["onderwerp_id"].to_numpy(),
            "item_id": g["id"].to_numpy(),
            "reden": [
                f"Bedreiging '{_kort(t)}' stond op '{label}'; sinds de keuze van "
                f"{nl_datum(d)} zijn {HORIZON_JAREN} jaar voorbij. Kijk of zij nu speelt."
                for t, d in zip(g["tekst"], g["gekozen_op"], strict=True)
            ],
        }
    )


def _gekozen(besluiten: pd.DataFrame, soort: str) -> pd.DataFrame:
    h = _keuzes(besluiten)
    return h[(h["onderwerp_soort"] == soort) & (h["besluit"] == "gekozen")]


def _koppelmoment_nadert(
    vandaag: date,
    maanden: int,
    besluiten: pd.DataFrame,
    opgaven: pd.DataFrame,
    koppelingen: pd.DataFrame,
    acties: pd.DataFrame,
) -> pd.DataFrame:
    o = opgaven.set_index("id")[["start_jaar", "eind_jaar", "titel"]]
    o = o.assign(wijk=_wijk_van(opgaven).to_numpy())
    # per chosen onderwerp: (soort, id, wijk, start year, end year, name)
    kop_ids = _gekozen(besluiten, "koppeling")["onderwerp_id"].astype(int)
    k = koppelingen[koppelingen["id"].isin(kop_ids)]
    a, b = o.reindex(k["opgave_a"]), o.reindex(k["opgave_b"])
    kop = pd.DataFrame(
        {
            "onderwerp_soort": "koppeling",
            "onderwerp_id": k["id"].to_numpy(),
            "wijk": a["wijk"].to_numpy(),
            "start": np.fmax(
                a["start_jaar"].astype("float").to_numpy(),
                b["start_jaar"].astype("float").to_numpy(),
            ),
            "eind": np.fmin(
                a["eind_jaar"].astype("float").to_numpy(), b["eind_jaar"].astype("float").to_numpy()
            ),
            "naam": a["titel"].astype(str).to_numpy() + " × " + b["titel"].astype(str).to_numpy(),
        }
    )
    opg_ids = _gekozen(besluiten, "opgave")["onderwerp_id"].astype(int)
    oo = o.reindex(opg_ids[opg_ids.isin(o.index)])
    opg = pd.DataFrame(
        {
            "onderwerp_soort": "opgave",
            "onderwerp_id": oo.index.to_numpy(),
            "wijk": oo["wijk"].to_numpy(),
            "start": oo["start_jaar"].astype("float").to_numpy(),
            "eind": oo["eind_jaar"].astype("float").to_numpy(),
            "naam": oo["titel"].astype(str).to_numpy(),
        }
    )
    m = pd.concat([kop, opg], ignore_index=True).dropna(subset=["start"])
    grens = _maanden_later(vandaag, maanden)
    start = pd.to_datetime(m["start"].astype(int).astype(str) + "-01-01")
    nog_niet_voorbij = m["eind"].isna() | (m["eind"] >= vandaag.year)
    m = m[(start <= pd.Timestamp(grens)) & nog_niet_voorbij]
    if m.empty or acties.empty:
        return pd.DataFrame()
    gepland = acties[acties["status"] == "gepland"]
    n = gepland.groupby(["onderwerp_soort", "onderwerp_id"]).size().rename("n").reset_index()
    m = m.merge(n, on=["onderwerp_soort", "onderwerp_id"], how="inner")

    def reden(r: pd.Series) -> str:
        jaar = int(r["start"])
        wanneer = (
            f"begint op 01-01-{jaar}, binnen {maanden} maanden"
            if date(jaar, 1, 1) > vandaag
            else f"is begonnen in {jaar}"
        )
        n = int(r["n"])
        return (
            f"Het koppelmoment van '{r['naam']}' {wanneer}, en {n} "
            f"{'actie is' if n == 1 else 'acties zijn'} nog niet gestart (gepland)."
        )

    return pd.DataFrame(
        {
            "wijk": m["wijk"].to_numpy(),
            "soort": "koppelmoment nadert",
            "onderwerp_soort": m["onderwerp_soort"].to_numpy(),
            "onderwerp_id": m["onderwerp_id"].to_numpy(),
            "item_id": pd.NA,
            "reden": m.apply(reden, axis=1).to_numpy() if not m.empty else [],
        }
    )


def _koppelkans_zonder_actie(
    besluiten: pd.DataFrame, opgaven: pd.DataFrame, koppelingen: pd.DataFrame, acties: pd.DataFrame
) -> pd.DataFrame:
    kop_ids = _gekozen(besluiten, "koppeling")["onderwerp_id"].astype(int)
    k = koppelingen[koppelingen["id"].isin(kop_ids) & (koppelingen["niveau"] == "koppelkans")]
    if not acties.empty:
        levend = acties[
            (acties["status"] != "vervallen") & (acties["onderwerp_soort"] == "koppeling")
        ]
        k = k[~k["id"].isin(levend["onderwerp_id"].astype(int))]
    titel = opgaven.set_index("id")["titel"].astype(str)
    namen = (
        titel.reindex(k["opgave_a"]).to_numpy() + " × " + titel.reindex(k["opgave_b"]).to_numpy()
    )
    return pd.DataFrame(
        {
            "wijk": _wijk_van(k).to_numpy(),
            "soort": "koppelkans zonder actie",
            "onderwerp_soort": "koppeling",
            "onderwerp_id": k["id"].to_numpy(),
            "item_id": pd.NA,
            "reden": [
                f"De koppelkans '{n}' is gekozen, maar er is nog geen actie voor. Maak acties "
                "aan uit de interventies of voeg er een toe."
                for n in namen
            ],
        }
    )
