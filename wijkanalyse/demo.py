"""The demo workspace: the 18 real wijken, each with a fictitious, deterministic scenario.

Real are the wijk's name, gemeente and inhabitants and, where one was found, its CBS code
(data/wijken.csv), and the CBS key figures read from the real extracts in data/cbs/ (see
data/README.md). Opgaven are drawn from the catalogue, koppelingen and scores are generated
with a seeded generator per wijk, so every rebuild gives the same data; they are fictitious.
"""

from __future__ import annotations

import random
import zlib
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from . import store
from .core import defaults
from .core.catalog import catalogus, programma_wijken, standaard_kader
from .core.config import DATA_DIR, DEMO_SEED
from .core.errors import InvoerFout
from .uitvoering import voorgestelde_acties
from .wijkprofiel import cbs

KANSEN = [
    (
        "De straat gaat maar één keer open: minder overlast",
        "Eén gezamenlijke planning en één aannemer",
    ),
    ("Graafkosten worden gedeeld", "Kostenverdeling vooraf vastleggen in een convenant"),
    (
        "Bewoners zien snel een zichtbare verbetering",
        "Start met het deel dat bewoners direct merken",
    ),
    (
        "Eén verhaal naar bewoners in plaats van twee",
        "Gezamenlijke bewonersavonden en één nieuwsbrief",
    ),
    (
        "Werkgelegenheid voor wijkbewoners bij de uitvoering",
        "Social return opnemen in de aanbesteding",
    ),
    (
        "Meer ruimte voor groen en water in het straatprofiel",
        "Ontwerpers van beide opgaven samen laten tekenen",
    ),
    (
        "Lagere energierekening voor huishoudens met weinig geld",
        "Energiecoaches aan huis laten komen",
    ),
]
BEDREIGINGEN = [
    ("De ene opgave vertraagt de andere", "Mijlpalen koppelen en maandelijks samen bijsturen"),
    (
        "Bewoners verwachten meer dan waargemaakt kan worden",
        "Vooraf helder zeggen wat wel en niet kan",
    ),
    (
        "Discussie over wie de meerkosten betaalt legt alles stil",
        "Bestuurlijk besluit over financiering vooraf",
    ),
    ("Te veel werkzaamheden tegelijk in de wijk", "Werk in deelgebieden na elkaar uitvoeren"),
    ("Vertrouwen beschadigd als de uitvoering tegenvalt", "Een vast aanspreekpunt voor bewoners"),
    ("Subsidie of wetgeving valt weg en de koppeling vervalt", ""),
]
EIGENAREN = [
    "Gemeente, energietransitie",
    "Gemeente, beheer openbare ruimte",
    "Woningcorporatie",
    "Gemeente, sociaal domein",
    "Waterschap",
    "Netbeheerder",
]
GROEPEN = {
    "projectteam": ["Projectleider", "Beleidsadviseur", "Corporatie"],
    "bewoners": ["Bewoner 1", "Bewoner 2", "Bewoner 3"],
}


def _rng(wijk: str) -> random.Random:
    return random.Random(DEMO_SEED + zlib.crc32(wijk.encode("utf-8")))


def scenario_opgaven(wijk: str) -> pd.DataFrame:
    """6–9 opgaven from the catalogue, the first energy one leading."""
    rng = _rng(wijk)
    cat = catalogus()
    transities = list(cat)
    n = rng.randint(6, 9)
    gekozen: list[dict] = []
    titels: set[str] = set()
    volgorde = ["energie"] + rng.sample(transities, len(transities))
    i = 0
    while len(gekozen) < n:
        t = volgorde[i % len(volgorde)]
        i += 1
        titel = rng.choice(cat[t]["opgaven"])
        if titel in titels:
            continue
        titels.add(titel)
        start = rng.randint(2026, 2030)
        gekozen.append(
            {
                "titel": titel,
                "transitie": t,
                "soort": "sociaal" if t == "sociaaleconomisch" else "fysiek",
                "aanleiding": rng.choice(cat[t]["aanleidingen"]),
                "eigenaar": rng.choice(EIGENAREN),
                "start_jaar": start,
                "eind_jaar": start + rng.randint(0, 4),
                "rol": "leidend" if not gekozen or rng.random() < 0.15 else "meeliftend",
                "beschrijving": f"Fictief voorbeeld voor {wijk}: {cat[t]['doel'].lower()}.",
            }
        )
    return pd.DataFrame(gekozen)


def bouw_wijk(path: Path, naam: str, gemeente: str, inwoners: int) -> None:
    """Add one wijk with its fictitious scenario to the workspace (its history is signed
    'demo' at a fixed moment, so the demo is the same every time it is built)."""
    with store.namens("demo (fictief)", "2026-09-01T09:00:00"):
        _bouw_wijk(path, naam, gemeente, inwoners)


def _bouw_wijk(path: Path, naam: str, gemeente: str, inwoners: int) -> None:
    rng = _rng(naam)
    store.voeg_wijk_toe(
        path,
        naam,
        gemeente,
        inwoners,
        fictief=True,
        criteria=standaard_kader(),
        drempel=defaults.DREMPEL,
        capaciteit=defaults.CAPACITEIT,
    )
    ids = store.importeer_opgaven(path, naam, scenario_opgaven(naam))
    paren = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    koppel_ids = []
    for a, b in rng.sample(paren, k=min(len(paren), rng.randint(4, 6))):
        kid = store.zet_koppeling(
            path, naam, a, b, rng.choice(["koppelkans", "meekoppelkans", "afstemming"])
        )
        koppel_ids.append(kid)
        for soort, lijst, k in (
            ("kans", KANSEN, rng.randint(1, 3)),
            ("bedreiging", BEDREIGINGEN, rng.randint(0, 3)),
        ):
            for tekst, interventie in rng.sample(lijst, k):
                store.voeg_item_toe(
                    path,
                    kid,
                    soort=soort,
                    tekst=tekst,
                    interventie=interventie,
                    impact=rng.choice(["klein", "middel", "groot"]),
                    horizon="later" if rng.random() < 0.25 else "nu",
                    interventie_eigenaar=rng.choice(EIGENAREN) if interventie else "",
                )
    crit = store.criteria(path, naam)
    begin = date(2026, 9, 1)
    rows = []
    onderwerpen = [("opgave", i) for i in ids] + [("koppeling", k) for k in koppel_ids[:3]]
    for groep, scorers in GROEPEN.items():
        moment = (begin + timedelta(days=0 if groep == "projectteam" else 28)).isoformat()
        for scorer in scorers:
            for soort, oid in onderwerpen:
                basis = rng.randint(2, 4)
                for c in crit.itertuples():
                    if groep == "bewoners" and c.naam in ("Politieke winst", "Kosten"):
                        continue  # bewoners score what concerns them
                    w = min(c.schaal_max, max(c.schaal_min, basis + rng.randint(-1, 1)))
                    if c.geldt_voor not in ("beide", soort):
                        continue  # "Meerkosten koppeling" is not asked of one opgave
                    rows.append(
                        {
                            "onderwerp_soort": soort,
                            "onderwerp_id": oid,
                            "criterium_id": int(c.id),
                            "waarde": w,
                            "scorer": scorer,
                            "groep": groep,
                            "moment": moment,
                        }
                    )
    store.voeg_scores_toe(path, naam, pd.DataFrame(rows))


# The uitvoering of the demo (fictitious, like the scenario): per wijk two koppelingen and
# one opgave chosen on a fixed date, acties made from (some of) their interventies, progress on some
# with a dated log line, the risk of each chosen bedreiging and one terugblik.
DEMO_BESLUIT_DATUM = "2025-02-03"
DEMO_ACTIES = 4  # at most, per wijk: the rest of the interventies wait for the button
DEMO_MOMENT = "2026-09-01T09:00:00"
_LOGREGELS = (
    "Fictief voorbeeld: eerste overleg met de betrokken partijen gehouden.",
    "Fictief voorbeeld: plan van aanpak besproken met bewoners.",
    "Fictief voorbeeld: uitvoering afgerond en opgeleverd.",
)
TERUGBLIK = {
    "volgens_plan": "Fictief voorbeeld: de gezamenlijke planning van de gekozen koppelingen "
    "staat en de eerste bewonersavond is gehouden.",
    "veranderd": "Fictief voorbeeld: de netbeheerder schoof een half jaar op; de aanleg van "
    "het warmtenet begint later.",
    "geleerd": "Fictief voorbeeld: spreek de kostenverdeling vooraf af en houd één "
    "aanspreekpunt voor bewoners.",
}


def bouw_uitvoering(path: Path | str, naam: str) -> None:
    """Give a demo wijk fictitious besluiten, acties with progress, risks and a terugblik
    (signed 'demo (fictief)' at a fixed moment, the same every time)."""
    with store.namens("demo (fictief)", DEMO_MOMENT):
        _bouw_uitvoering(path, naam)


def _bouw_uitvoering(path: Path | str, naam: str) -> None:
    rng = random.Random(DEMO_SEED + zlib.crc32(f"uitvoering {naam}".encode()))
    k = store.koppelingen(path, naam)
    reden = "Fictief voorbeeld: samen uitvoeren scheelt overlast en kosten."
    for kid in k.sort_values("niveau", kind="stable")["id"].head(2):
        store.leg_besluit_vast(
            path, naam, "koppeling", int(kid), "gekozen", reden, "Wijkteam (fictief)",
            datum=DEMO_BESLUIT_DATUM,
        )  # fmt: skip
    o = store.opgaven(path, naam)
    store.leg_besluit_vast(
        path, naam, "opgave", int(o["id"].iloc[0]), "gekozen",
        "Fictief voorbeeld: de leidende opgave van de wijk.", "Wijkteam (fictief)",
        datum=DEMO_BESLUIT_DATUM,
    )  # fmt: skip
    voorstel = voorgestelde_acties(
        store.besluiten(path, naam), k, store.items(path, naam), store.acties(path, naam)
    )
    begin = date(2026, 1, 5)
    for n, r in enumerate(voorstel.head(DEMO_ACTIES).itertuples()):
        start = begin + timedelta(days=30 * n)
        aid = store.voeg_actie_toe(
            path, naam, r.onderwerp_soort, int(r.onderwerp_id), item_id=int(r.item_id),
            titel=r.titel, eigenaar=r.eigenaar, start=start, toelichting="Fictief voorbeeld.",
            deadline=start + timedelta(days=rng.choice((90, 180, 365))),
        )  # fmt: skip
        stap = rng.choice((0, 0, 1, 1, 2))
        if stap >= 1:
            store.werk_actie_bij(
                path, aid, _LOGREGELS[0], status="loopt", voortgang=rng.choice((20, 40, 60)),
                datum=start + timedelta(days=14), door="Projectleider (fictief)",
            )  # fmt: skip
        if stap == 2:
            store.werk_actie_bij(
                path, aid, _LOGREGELS[2], status="gereed",
                datum=start + timedelta(days=80), door="Projectleider (fictief)",
            )  # fmt: skip
    a = store.acties(path, naam)
    b = store.bedreigingen(path, naam)
    gekozen = b[b["item_id"].isin(a["item_id"].dropna())]
    for item, interventie in zip(gekozen["item_id"], gekozen["interventie"], strict=True):
        store.zet_risico(
            path, int(item), risico_kans=rng.randint(1, 5), risico_impact=rng.randint(1, 5),
            maatregel=interventie, herzien_op=date(2026, rng.randint(6, 12), 1),
        )  # fmt: skip
    store.voeg_terugblik_toe(path, naam, datum="2026-06-15", door="Wijkteam (fictief)", **TERUGBLIK)


# Real CBS extracts (see data/README.md): file, CBS table, and a fixed import date so every
# rebuild of the demo is identical.
CBS_DEMO = [
    ("SES_WOA_scores_per_wijk_en_buurt_2019_uittreksel.csv", "85163NED"),
    ("Kerncijfers_wijken_en_buurten_2017_uittreksel.csv", "83765NED"),
    ("Kerncijfers_wijken_en_buurten_2018_uittreksel.csv", "84286NED"),
    ("Kerncijfers_wijken_en_buurten_2019_uittreksel.csv", "84583NED"),
    ("Kerncijfers_wijken_en_buurten_2024_uittreksel.csv", "85984NED"),
]
CBS_DEMO_DATUM = "2026-11-25"


def cbs_codes() -> dict[str, tuple[str, str]]:
    """The programme wijken that have a CBS code: {wijk: (code, CBS's name for it)}."""
    df = programma_wijken().fillna("")
    return {
        r.naam: (str(r.cbs_code).strip(), str(r.cbs_naam).strip())
        for r in df.itertuples()
        if str(r.cbs_code).strip()
    }


def koppel_cbs_codes(path: Path) -> None:
    """Link the workspace's programme wijken to their CBS wijk or buurt code, so the importer
    matches them by code (as a team would with ``--koppel``)."""
    aanwezig = set(store.wijken(path)["naam"])
    for wijk, (code, naam) in cbs_codes().items():
        if wijk in aanwezig:
            store.zet_cbs_regio(
                path,
                wijk,
                code,
                regionaam=naam,
                gemeentecode="GM" + code[2:6],
                gekoppeld_via="CBS-code",
            )


def importeer_cbs_demo(path: Path) -> None:
    """Link the CBS codes and read the shipped CBS extracts into the demo workspace, through
    the real importer."""
    store.maak_werkruimte(path)  # an older workspace gets the CBS tables first
    koppel_cbs_codes(path)
    for bestand, tabel in CBS_DEMO:
        try:
            cbs.importeer(
                path, DATA_DIR / "cbs" / bestand, bron_tabel=tabel, vandaag=CBS_DEMO_DATUM
            )
        except InvoerFout:
            pass  # none of the demo wijken built here (nor their gemeenten) is in this extract


def bouw_demo(path: Path, *, wijken: list[str] | None = None) -> Path:
    """Build the demo workspace if it does not exist yet; returns its path."""
    path = Path(path)
    if path.exists():
        return path
    tmp = path.with_suffix(".bouw.sqlite")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    store.maak_werkruimte(tmp)
    for r in programma_wijken().itertuples():
        if wijken is None or r.naam in wijken:
            bouw_wijk(tmp, r.naam, r.gemeente, int(r.inwoners))
            bouw_uitvoering(tmp, r.naam)
    importeer_cbs_demo(tmp)
    tmp.replace(path)
    return path
