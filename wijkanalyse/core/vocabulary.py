"""The fixed words of the method: transities, levels, impacts, decisions.

Everything that validates or shows these values imports them from here, so a new value is
added in one place.
"""

from __future__ import annotations

TRANSITIES: tuple[str, ...] = (
    "energie",
    "klimaatadaptatie",
    "natuurinclusiviteit",
    "mobiliteit",
    "verstedelijking",
    "sociaaleconomisch",
    "overig",
)

SOORTEN: tuple[str, ...] = ("fysiek", "sociaal")
ROLLEN: tuple[str, ...] = ("leidend", "meeliftend")

# Coupling levels, most ambitious first (seeds/003).
NIVEAUS: tuple[str, ...] = ("koppelkans", "meekoppelkans", "afstemming")

ITEM_SOORTEN: tuple[str, ...] = ("kans", "bedreiging")
IMPACT_GEWICHT: dict[str, int] = {"klein": 1, "middel": 2, "groot": 3}
IMPACTEN: tuple[str, ...] = tuple(IMPACT_GEWICHT)
# "nu": the entry holds now; "later": over twee jaar en later.
HORIZONNEN: tuple[str, ...] = ("nu", "later")
HORIZON_LABEL: dict[str, str] = {"nu": "nu", "later": "over twee jaar en later"}

RICHTINGEN: tuple[str, ...] = ("hoger is beter", "lager is beter")

ONDERWERP_SOORTEN: tuple[str, ...] = ("opgave", "koppeling")

#: An opgave's fields, in the one order of files, tables and the contract (docs/contract.md):
#: the opgaven file's columns (:data:`wijkanalyse.tabular_io.kolommen.KOLOMMEN`) and, after
#: its ``id``, the store's opgaven table.
OPGAVE_VELDEN: tuple[str, ...] = (
    "titel",
    "transitie",
    "soort",
    "aanleiding",
    "eigenaar",
    "start_jaar",
    "eind_jaar",
    "rol",
    "beschrijving",
)
#: A kans or bedreiging's fields, in the one order of the werkblad's items sheet and the
#: store's items table (after ``id`` and ``koppeling_id``).
ITEM_VELDEN: tuple[str, ...] = (
    "soort",
    "tekst",
    "impact",
    "horizon",
    "interventie",
    "interventie_eigenaar",
)
BESLUITEN: tuple[str, ...] = ("gekozen", "niet gekozen", "uitgesteld")

# Uitvoering: the status of an action, in the order of its life; risk scales 1 (low) to 5.
ACTIE_STATUSSEN: tuple[str, ...] = ("gepland", "loopt", "gereed", "vervallen")
RISICO_SCHAAL: tuple[int, int] = (1, 5)

FICTIEF_LABEL = (
    "Fictief voorbeeld: opgaven, koppelingen, scores, besluiten, acties en terugblikken zijn "
    "verzonnen; echt zijn alleen naam, "
    "gemeente en inwonertal van de wijk en de CBS-cijfers."
)
