"""Leren van andere wijken: how a pair of opgaven went in the other wijken.

Pure functions over the frames of :func:`wijkanalyse.store.werkruimte_paren` (nothing here
reads the store). One :class:`Index` per workspace is built once; :func:`vergelijk_paar`
then answers for one pair of opgaven, in any number of workspaces, without reading again.

How an opgave in another wijk is recognised as "the same" (every match says which rule made
it, so the advisor can reject it):

1. **catalogus**: both titles are (close to) the same example opgave of the catalogue
   (``catalog.catalogus``), within the same transitie: the normalised titles' difflib ratio
   is at least :data:`DREMPEL_CATALOGUS`;
2. **zelfde titel**: the normalised titles are equal (same transitie);
3. **gelijkende titel**: same transitie and a difflib ratio of at least
   :data:`DREMPEL_TITEL` between the normalised titles.

Normalised: Unicode accents removed, case folded, punctuation made a space, spaces
collapsed (:func:`normaliseer`). A pair matches in another wijk when both of its opgaven
are recognised there (as two different opgaven).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd

from .core import catalog
from .core.vocabulary import ACTIE_STATUSSEN, ITEM_VELDEN, NIVEAUS

#: Minimum difflib ratio between two normalised titles of the same transitie ("gelijkende
#: titel"). 0.8 takes "Warmtenet aanleggen" ~ "Warmtenet aanleggen (fase 2)" (0.84) and
#: "Riolering vervangen" ~ "Riool vervangen" (0.82), not "Woningen renoveren" ~ "Woningen
#: bijbouwen" (0.61).
DREMPEL_TITEL = 0.8
#: Minimum ratio to an example opgave of the catalogue ("catalogus").
DREMPEL_CATALOGUS = 0.85

_NIET_WOORD = re.compile(r"[\W_]+")


def normaliseer(titel: str) -> str:
    """A title as compared: no accents, case folded, punctuation as spaces.

    >>> normaliseer("  Café-plein: Herinrichten! ")
    'cafe plein herinrichten'
    """
    s = unicodedata.normalize("NFKD", str(titel))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _NIET_WOORD.sub(" ", s.casefold()).strip()


def gelijkenis(a: str, b: str) -> float:
    """difflib's ratio between two normalised titles (0 to 1)."""
    return difflib.SequenceMatcher(None, a, b).ratio()


@cache
def _catalogus_normaal() -> dict[str, list[tuple[str, str]]]:
    """Per transitie the catalogue's example opgaven: (normalised, as written)."""
    return {t: [(normaliseer(o), o) for o in v["opgaven"]] for t, v in catalog.catalogus().items()}


@cache
def catalogus_opgave(norm: str, transitie: str) -> str | None:
    """The catalogue's example opgave (as written) this normalised title is, or None."""
    beste, beste_r = None, DREMPEL_CATALOGUS
    for n, o in _catalogus_normaal().get(transitie, []):
        if n == norm:
            return o
        sm = difflib.SequenceMatcher(None, norm, n)
        if sm.real_quick_ratio() >= beste_r and sm.quick_ratio() >= beste_r:
            r = sm.ratio()
            if r >= beste_r:
                beste, beste_r = o, r
    return beste


def opgave_sleutels(opgaven: list[dict[str, Any]]) -> dict[int, str]:
    """Per opgave (dicts with id, titel, transitie) its key across wijken, for the lessons:
    its catalogue example, or else the first title of its transitie it is similar to (the
    same rules as :func:`herken`; a catalogue example counts as the first title), so "Riool
    vervangen" and "Riolering vervangen" are one."""
    uit: dict[int, str] = {}
    vertegenwoordigers: dict[str, list[str]] = defaultdict(list)
    for t, voorbeelden in _catalogus_normaal().items():
        vertegenwoordigers[t] = [n for n, _o in voorbeelden]
    for o in sorted(opgaven, key=lambda o: int(o["id"])):
        t = str(o["transitie"])
        norm = normaliseer(o["titel"])
        cat = catalogus_opgave(norm, t)
        if cat:
            uit[int(o["id"])] = f"{t}:{normaliseer(cat)}"
            continue
        eerder = next(
            (v for v in vertegenwoordigers[t] if v == norm or gelijkenis(v, norm) >= DREMPEL_TITEL),
            None,
        )
        if eerder is None:
            vertegenwoordigers[t].append(norm)
            eerder = norm
        uit[int(o["id"])] = f"{t}:{eerder}"
    return uit


# ----------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class Herkenning:
    """How an opgave elsewhere was recognised: ``regel`` (catalogus, zelfde titel,
    gelijkende titel), ``uitleg`` in words and ``ratio`` (1.0 for the first two)."""

    regel: str
    uitleg: str
    ratio: float


@dataclass
class Index:
    """One workspace, prepared for many questions. Build with :func:`bouw_index`."""

    werkruimte: str  # "" for the advisor's own workspace, else its name
    wijken: list[str]
    fictief: dict[str, bool]
    opgaven: dict[int, dict[str, Any]]  # id -> wijk, titel, transitie, norm, catalogus
    # transitie -> normalised title -> opgave ids
    per_titel: dict[str, dict[str, list[int]]]
    # transitie -> catalogue example -> opgave ids
    per_catalogus: dict[str, dict[str, list[int]]]
    koppeling_van: dict[tuple[int, int], dict[str, Any]]  # (a, b) sorted -> koppeling
    items_van: dict[int, list[dict[str, Any]]]  # koppeling id -> items
    besluit_van: dict[tuple[str, int], dict[str, Any]]  # (soort, id) -> newest besluit
    # (soort, id) -> the acties of that opgave or koppeling; item id -> acties from that item
    acties_van: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict)
    acties_van_item: dict[int, list[dict[str, Any]]] = field(default_factory=dict)


def _huidige_besluiten(besluiten: pd.DataFrame) -> dict[tuple[str, int], dict[str, Any]]:
    if besluiten.empty:
        return {}
    b = besluiten.assign(_d=besluiten["datum"].astype(str)).sort_values(["_d", "id"])
    b = b.drop_duplicates(["onderwerp_soort", "onderwerp_id"], keep="last")
    return {
        (str(r["onderwerp_soort"]), int(r["onderwerp_id"])): r
        for r in b.drop(columns="_d").to_dict("records")
    }


def bouw_index(data: dict[str, pd.DataFrame], werkruimte: str = "") -> Index:
    """The index of one workspace from :func:`store.werkruimte_paren`'s frames."""
    opgaven: dict[int, dict[str, Any]] = {}
    per_titel: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    per_cat: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in data["opgaven"].to_dict("records"):
        norm = normaliseer(r["titel"])
        cat = catalogus_opgave(norm, r["transitie"])
        oid = int(r["id"])
        opgaven[oid] = {**r, "id": oid, "norm": norm, "catalogus": cat}
        per_titel[r["transitie"]][norm].append(oid)
        if cat:
            per_cat[r["transitie"]][cat].append(oid)
    koppeling_van = {
        (int(r["opgave_a"]), int(r["opgave_b"])): {**r, "id": int(r["id"])}
        for r in data["koppelingen"].to_dict("records")
    }
    items_van: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in data["items"].to_dict("records"):
        items_van[int(r["koppeling_id"])].append(r)
    acties_van: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    acties_van_item: dict[int, list[dict[str, Any]]] = defaultdict(list)
    acties = data.get("acties")
    for r in [] if acties is None else acties.to_dict("records"):
        acties_van[(str(r["onderwerp_soort"]), int(r["onderwerp_id"]))].append(r)
        if pd.notna(r["item_id"]):
            acties_van_item[int(r["item_id"])].append(r)
    wijken = data["wijken"]
    return Index(
        werkruimte=werkruimte,
        wijken=wijken["wijk"].astype(str).tolist(),
        fictief=dict(zip(wijken["wijk"], wijken["fictief"].astype(bool), strict=True)),
        opgaven=opgaven,
        per_titel={t: dict(v) for t, v in per_titel.items()},
        per_catalogus={t: dict(v) for t, v in per_cat.items()},
        koppeling_van=koppeling_van,
        items_van=dict(items_van),
        besluit_van=_huidige_besluiten(data["besluiten"]),
        acties_van=dict(acties_van),
        acties_van_item=dict(acties_van_item),
    )


def herken(index: Index, titel: str, transitie: str) -> dict[int, Herkenning]:
    """Every opgave of the workspace recognised as ``titel`` (see the module's rules)."""
    norm = normaliseer(titel)
    uit: dict[int, Herkenning] = {}
    cat = catalogus_opgave(norm, transitie)
    if cat:
        h = Herkenning("catalogus", f"zelfde voorbeeldopgave uit de catalogus: '{cat}'", 1.0)
        for oid in index.per_catalogus.get(transitie, {}).get(cat, []):
            uit[oid] = h
    for andere, ids in index.per_titel.get(transitie, {}).items():
        if andere == norm:
            h = Herkenning("zelfde titel", f"zelfde titel binnen {transitie}", 1.0)
        else:
            sm = difflib.SequenceMatcher(None, norm, andere)
            if sm.real_quick_ratio() < DREMPEL_TITEL or sm.quick_ratio() < DREMPEL_TITEL:
                continue
            r = sm.ratio()
            if r < DREMPEL_TITEL:
                continue
            pct = f"{round(r * 100)}%"
            h = Herkenning(
                "gelijkende titel", f"gelijkende titel binnen {transitie} ({pct} gelijk)", r
            )
        for oid in ids:
            uit.setdefault(oid, h)
    return uit


# ------------------------------------------------------------------------ one pair's answer


@dataclass
class Overeenkomst:
    """The pair in one other wijk: its two opgaven there and how each was recognised, its
    koppeling (niveau, toelichting) when there is one, the newest besluit on it, its items."""

    werkruimte: str
    wijk: str
    fictief: bool
    opgave_a: dict[str, Any]
    opgave_b: dict[str, Any]
    herkenning_a: Herkenning
    herkenning_b: Herkenning
    koppeling: dict[str, Any] | None
    besluit: dict[str, Any] | None
    items: list[dict[str, Any]]
    acties: list[dict[str, Any]] = field(default_factory=list)  # of the koppeling
    acties_van_item: dict[int, list[dict[str, Any]]] = field(default_factory=dict)

    def uitvoering(self) -> str:
        """How its actions fared, e.g. "2 gereed, 1 loopt (40%)"; "" without actions."""
        return uitvoering_tekst(self.acties)

    @property
    def sleutel(self) -> str:
        """Stable key of this match, kept when the advisor rejects it."""
        a, b = sorted((int(self.opgave_a["id"]), int(self.opgave_b["id"])))
        return f"{self.werkruimte}|{self.wijk.casefold()}|{a}-{b}"

    @property
    def plaats(self) -> str:
        """The other wijk, with its workspace when that is not the advisor's own."""
        return f"{self.wijk} (werkruimte {self.werkruimte})" if self.werkruimte else self.wijk

    @property
    def herkomst(self) -> str:
        return f"overgenomen uit {self.plaats}"

    def omschrijving(self) -> str:
        """The match in words: what was matched to what, and how."""
        return (
            f"{self.plaats}: '{self.opgave_a['titel']}' ({self.herkenning_a.uitleg}) × "
            f"'{self.opgave_b['titel']}' ({self.herkenning_b.uitleg})"
        )


@dataclass
class Suggestie:
    """A kans or bedreiging of another wijk, to take over: the item's fields, where it came
    from and in which other wijken the same text occurs."""

    item: dict[str, Any]
    herkomst: str
    ook_in: list[str]
    #: how the actions made from this kans or bedreiging fared, per wijk: "Noord: 1 gereed"
    uitvoering: list[str] = field(default_factory=list)


@dataclass
class Vergelijking:
    """How a pair went in the other wijken."""

    titel_a: str
    titel_b: str
    n_wijken: int  # other wijken looked at
    overeenkomsten: list[Overeenkomst]  # wijken with both opgaven, rejected ones left out
    n_afgewezen: int

    @property
    def met_koppeling(self) -> list[Overeenkomst]:
        return [o for o in self.overeenkomsten if o.koppeling is not None]

    @property
    def gekozen(self) -> list[Overeenkomst]:
        return [o for o in self.met_koppeling if (o.besluit or {}).get("besluit") == "gekozen"]

    @property
    def niet_gekozen(self) -> list[Overeenkomst]:
        return [o for o in self.met_koppeling if (o.besluit or {}).get("besluit") == "niet gekozen"]

    def zin(self) -> str:
        """E.g. "In 7 van 18 andere wijken was Warmtenet × Riool een koppeling (5
        koppelkans, 2 afstemming); 3 kozen ervoor, 1 niet."."""
        paar = f"{self.titel_a} × {self.titel_b}"
        if not self.n_wijken:
            return "Er zijn geen andere wijken om van te leren."
        k = self.met_koppeling
        if not k:
            return f"In geen van de {self.n_wijken} andere wijken was {paar} een koppeling" + (
                f" (in {len(self.overeenkomsten)} kwamen beide opgaven voor)."
                if self.overeenkomsten
                else "."
            )
        tel = Counter(o.koppeling["niveau"] for o in k if o.koppeling)
        niveaus = ", ".join(f"{tel[n]} {n}" for n in NIVEAUS if tel[n])
        zin = (
            f"In {len(k)} van {self.n_wijken} andere wijken was {paar} een koppeling "
            f"({niveaus}); {len(self.gekozen)} kozen ervoor"
        )
        if self.niet_gekozen:
            zin += f", {len(self.niet_gekozen)} niet"
        alle = [a for o in k for a in o.acties]
        if alle:
            zin += f". Hun acties: {uitvoering_tekst(alle)}"
        return zin + "."

    def suggesties(self, eigen_teksten: frozenset[str] | set[str] = frozenset()) -> list[Suggestie]:
        """The other wijken's kansen and bedreigingen with their interventies, the same text
        once (first wijk named, the others in ``ook_in``); texts the pair already has
        (normalised, ``eigen_teksten``) left out. Chosen wijken first."""
        eigen = {normaliseer(t) for t in eigen_teksten}
        uit: dict[str, Suggestie] = {}
        volgorde = sorted(
            self.met_koppeling, key=lambda o: (o not in self.gekozen, o.werkruimte, o.wijk)
        )
        for o in volgorde:
            for it in o.items:
                n = normaliseer(it["tekst"])
                if n in eigen:
                    continue
                hoe = uitvoering_tekst(o.acties_van_item.get(int(it["id"]), []))
                hoe_daar = [f"{o.plaats}: {hoe}"] if hoe else []
                if n in uit:
                    if o.plaats not in uit[n].ook_in:
                        uit[n].ook_in.append(o.plaats)
                    uit[n].uitvoering += hoe_daar
                    continue
                velden = {k: it[k] for k in ITEM_VELDEN}
                uit[n] = Suggestie(velden, o.herkomst, [], hoe_daar)
        return list(uit.values())


def uitvoering_tekst(acties: list[dict[str, Any]]) -> str:
    """Actions by status, in words: "2 gereed, 1 loopt (gemiddeld 40%), 1 vervallen"."""
    if not acties:
        return ""
    tel = Counter(str(a["status"]) for a in acties)
    delen = []
    for status in ACTIE_STATUSSEN:
        if not tel[status]:
            continue
        stuk = f"{tel[status]} {status}"
        if status == "loopt":
            v = [int(a["voortgang"]) for a in acties if a["status"] == "loopt"]
            stuk += f" (gemiddeld {round(sum(v) / len(v))}%)"
        delen.append(stuk)
    return ", ".join(delen)


def _beste(kandidaten: dict[int, Herkenning], ids: set[int]) -> tuple[int, Herkenning] | None:
    beste = [(h.ratio, -oid, oid, h) for oid, h in kandidaten.items() if oid in ids]
    if not beste:
        return None
    _r, _n, oid, h = max(beste)
    return oid, h


def vergelijk_paar(
    indexen: list[Index],
    wijk: str,
    opgave_a: tuple[str, str],
    opgave_b: tuple[str, str],
    afgewezen: frozenset[str] | set[str] = frozenset(),
) -> Vergelijking:
    """How the pair (``opgave_a``, ``opgave_b``: each (titel, transitie)) went in every
    other wijk of ``indexen`` (the advisor's own workspace has ``werkruimte == ""``; its
    wijk ``wijk`` is left out). Matches whose key is in ``afgewezen`` are left out."""
    overeenkomsten: list[Overeenkomst] = []
    n_wijken = n_afgewezen = 0
    for index in indexen:
        eigen = index.werkruimte == ""
        n_wijken += sum(1 for w in index.wijken if not (eigen and w.casefold() == wijk.casefold()))
        ka = herken(index, *opgave_a)
        kb = herken(index, *opgave_b)
        per_wijk_a: dict[str, set[int]] = defaultdict(set)
        per_wijk_b: dict[str, set[int]] = defaultdict(set)
        for oid in ka:
            per_wijk_a[index.opgaven[oid]["wijk"]].add(oid)
        for oid in kb:
            per_wijk_b[index.opgaven[oid]["wijk"]].add(oid)
        for w in sorted(set(per_wijk_a) & set(per_wijk_b)):
            if eigen and w.casefold() == wijk.casefold():
                continue
            a = _beste(ka, per_wijk_a[w])
            b = _beste(kb, per_wijk_b[w] - {a[0]} if a else per_wijk_b[w])
            if a is None or b is None or a[0] == b[0]:
                continue
            sleutel = (min(a[0], b[0]), max(a[0], b[0]))
            k = index.koppeling_van.get(sleutel)
            o = Overeenkomst(
                werkruimte=index.werkruimte,
                wijk=w,
                fictief=bool(index.fictief.get(w, False)),
                opgave_a=index.opgaven[a[0]],
                opgave_b=index.opgaven[b[0]],
                herkenning_a=a[1],
                herkenning_b=b[1],
                koppeling=k,
                besluit=index.besluit_van.get(("koppeling", k["id"])) if k else None,
                items=index.items_van.get(k["id"], []) if k else [],
                acties=index.acties_van.get(("koppeling", k["id"]), []) if k else [],
                acties_van_item=index.acties_van_item,
            )
            if o.sleutel in afgewezen:
                n_afgewezen += 1
                continue
            overeenkomsten.append(o)
    return Vergelijking(opgave_a[0], opgave_b[0], n_wijken, overeenkomsten, n_afgewezen)


# ------------------------------------------------------------------------------- lessons


@dataclass
class Les:
    """One coupling across wijken: its label, in which wijken it was chosen or dropped
    (with the reasons) and how often it was a koppeling at all."""

    label: str
    koppelingen: int = 0
    gekozen: list[str] = field(default_factory=list)
    niet_gekozen: list[tuple[str, str]] = field(default_factory=list)  # (wijk, reden)


def lessen(index: Index, *, top: int = 10) -> dict[str, Any]:
    """The programme's lessons in one workspace: ``gekozen`` (couplings most often chosen),
    ``niet_gekozen`` (most often dropped, with each wijk's reason) and ``interventies``
    (interventies that recur in more than one wijk: text, wijken, couplings). Couplings are
    the same across wijken by :func:`opgave_sleutels` of both opgaven."""
    per: dict[tuple[str, str], Les] = {}
    sleutel_van = opgave_sleutels(list(index.opgaven.values()))
    namen: dict[str, Counter] = defaultdict(Counter)
    for oid, o in index.opgaven.items():
        namen[sleutel_van[oid]][o["catalogus"] or o["titel"]] += 1

    def label(s: str) -> str:
        return namen[s].most_common(1)[0][0]

    koppeling_les: dict[int, Les] = {}
    for (a, b), k in index.koppeling_van.items():
        sa, sb = sorted((sleutel_van[a], sleutel_van[b]))
        les = per.setdefault((sa, sb), Les(f"{label(sa)} × {label(sb)}"))
        les.koppelingen += 1
        koppeling_les[k["id"]] = les
        bes = index.besluit_van.get(("koppeling", k["id"]))
        if bes and bes["besluit"] == "gekozen":
            les.gekozen.append(str(k["wijk"]))
        elif bes and bes["besluit"] == "niet gekozen":
            les.niet_gekozen.append((str(k["wijk"]), str(bes["redenering"])))
    interventies: dict[str, dict[str, Any]] = {}
    for kid, its in index.items_van.items():
        les_van_kid = koppeling_les.get(kid)
        for it in its:
            tekst = str(it["interventie"]).strip()
            if not tekst:
                continue
            d = interventies.setdefault(
                normaliseer(tekst), {"tekst": tekst, "wijken": set(), "koppelingen": set()}
            )
            d["wijken"].add(str(it["wijk"]))
            if les_van_kid:
                d["koppelingen"].add(les_van_kid.label)
    gekozen = sorted(
        (les for les in per.values() if les.gekozen), key=lambda x: (-len(x.gekozen), x.label)
    )
    niet = sorted(
        (les for les in per.values() if les.niet_gekozen),
        key=lambda x: (-len(x.niet_gekozen), x.label),
    )
    terug = sorted(
        (
            {**d, "wijken": sorted(d["wijken"]), "koppelingen": sorted(d["koppelingen"])}
            for d in interventies.values()
            if len(d["wijken"]) > 1
        ),
        key=lambda d: (-len(d["wijken"]), d["tekst"]),
    )
    return {"gekozen": gekozen[:top], "niet_gekozen": niet[:top], "interventies": terug[:top]}
