"""The workspace store: every table's SQL, one module per group of tables.

The only package that writes SQL. Reads return pandas DataFrames with the columns in
``docs/contract.md``; writes go through validated functions, each in one short write
transaction (see :mod:`wijkanalyse.databank.verbinding`), so concurrent writers wait for
each other instead of losing entries, and a failed write changes nothing. Everything is
re-exported here, so ``from wijkanalyse import store; store.opgaven(...)`` is the way in.

==============  ==================================================
module          what
==============  ==================================================
verbinding      reading into DataFrames (the connection: wijkanalyse.databank.verbinding)
migraties       the schema and the numbered migrations
wijken          wijken, drempel/capaciteit, fingerprints, snapshots
opgaven         opgaven
koppelingen     koppelingen (pairs) and the worksheet import
items           kansen and bedreigingen of a koppeling
kader           criteria, kader version, completeness rule
scores          scores
besluiten       the decision log
cbs             CBS key figures
kopie           copying a workspace between SQLite and PostgreSQL, verified
historie        history and undo
leren           workspace-wide reads for learning from other wijken; taking an item over
uitvoering      acties and their log, risico's of bedreigingen, terugblikken
==============  ==================================================
"""

# ruff: noqa: F401
from __future__ import annotations

from ..databank.journaal import huidige_gebruiker, namens, zet_gebruiker
from ..databank.versie import SCHEMA_VERSIE
from .besluiten import (
    besluiten,
    leg_besluit_vast,
)
from .cbs import (
    cbs_cijfers,
    cbs_profielcijfers,
    cbs_regios,
    importeer_cbs,
    zet_cbs_regio,
)
from .historie import (
    gevolgen_van_verwijderen,
    historie,
    maak_ongedaan,
)
from .items import (
    items,
    verwijder_item,
    voeg_item_toe,
    wijzig_item,
)
from .kader import (
    GELDT_VOOR,
    KaderOpties,
    KaderWijziging,
    criteria,
    geldt_voor,
    kader_verschillen,
    kader_versie,
    kader_wijziging,
    kader_wijziging_verschillen,
    kopieer_kader,
    neem_gewichten_over,
    pas_kader_wijziging_toe,
    standaard_geldt_voor,
    zet_afwegingskader,
    zet_criteria,
)
from .kopie import KOPIE_TABELLEN, kopieer, telling
from .koppelingen import (
    importeer_werkblad,
    koppelingen,
    verwijder_koppeling,
    zet_koppeling,
)
from .leren import (
    afgewezen_overeenkomsten,
    neem_item_over,
    werkruimte_paren,
    wijs_overeenkomst_af,
)
from .migraties import maak_werkruimte, schema_versie
from .opgaven import (
    importeer_opgaven,
    importeer_opgaven_bijwerken,
    kolomkeuzes,
    opgaven,
    verwijder_opgave,
    voeg_opgave_toe,
    wijzig_opgave,
    zet_kolomkeuzes,
)
from .scores import (
    ScoreTelling,
    schrijf_veel_scores,
    scores,
    voeg_scores_toe,
    voeg_veel_scores_toe,
)
from .uitvoering import (
    ACTIE_KOLOMMEN,
    ACTIE_LOG_KOLOMMEN,
    BEDREIGING_KOLOMMEN,
    RISICO_KOLOMMEN,
    TERUGBLIK_KOLOMMEN,
    actie_log,
    acties,
    bedreigingen,
    maak_acties_uit_besluiten,
    risicos,
    terugblikken,
    uitvoering_gegevens,
    verwijder_actie,
    verwijder_terugblik,
    voeg_actie_toe,
    voeg_terugblik_toe,
    werk_actie_bij,
    wijzig_actie,
    wijzig_terugblik,
    zet_risico,
)
from .verbinding import (
    controleer,
    reservekopieen,
)
from .wijken import (
    kader,
    momentopname,
    vingerafdrukken,
    voeg_wijk_toe,
    wijk,
    wijken,
    zet_kader,
)
