"""The workspace schema's version: the one number the connection checks before a write
(a newer workspace is refused) and the migrations (:mod:`.migraties`) bring a workspace up to.
"""

from __future__ import annotations

from ..core.errors import InvoerFout

# 2: werksessie tables and the per-wijk change counter; CBS key figures (cbs_regios, cbs_cijfers)
# 3: a score remembers the werksessie round and participant that gave it
# 4: what a criterium applies to (criteria.geldt_voor); remembered import column choices
# 5: the uitvoering: acties with their log, risico's of bedreigingen, terugblikken
# 6: learning from other wijken: where a kans/bedreiging came from (items.herkomst) and the
#    matches with other wijken an advisor rejected (leren_afwijzingen)
# 7: werksessie question types (stemmen, gewichten, 2x2): rondes.instellingen, antwoorden
# 8: werksessie room craft: the beamer's choice, a round's timer, hidden/edited/merged proposals
SCHEMA_VERSIE = 8


def te_nieuw(versie: int) -> InvoerFout:
    return InvoerFout(
        f"Deze werkruimte heeft schemaversie {versie}; deze versie van wijkanalyse "
        f"kent er maar {SCHEMA_VERSIE}. Werk wijkanalyse bij."
    )
