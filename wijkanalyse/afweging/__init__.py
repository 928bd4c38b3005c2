"""Afwegingskader: the arithmetic of step 3 (score, weigh, rank, test the ranking).

Pure functions on the DataFrames of ``docs/contract.md`` (``criteria`` and ``scores``); nothing
here reads files or a database. Every function validates its input at the edge and raises
:class:`~wijkanalyse.core.errors.InvoerFout` with a Dutch message naming row and column.

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

Where each part lives (one job per module):

- :mod:`.invoer`: checks on the criteria and scores tables, group weights and drempel;
- :mod:`.schaal`: scores to means, cost criteria reversed, the common scale;
- :mod:`.volledigheid`: the completeness rule and why a subject is incomplete;
- :mod:`.totaal`: criterium values, weighted totals and the passing rule;
- :mod:`.ranglijst`: the ranking with the drempel, the best koppelingen;
- :mod:`.groepen`: disagreement between groups, who has not scored yet;
- :mod:`.gevoeligheidsanalyse`: sensitivity of the ranking to the weights;
- :mod:`.geheel`: the whole selection against the capaciteit, conflicting pairs;
- :mod:`.resultaat`: everything at once (:func:`afweeg`, :class:`Afweging`);
- :mod:`.rondes`: which werksessie rounds a view counts (:func:`kies_rondes`, by default
  per person the latest round) and how that is said (:func:`rondes_beschrijving`);
- :mod:`.uitleg`: the formula in Dutch.

Import from ``wijkanalyse.afweging``; the names below are its public API.

"""

from __future__ import annotations

from .geheel import ControleGeheel, controle_geheel
from .gevoeligheidsanalyse import gevoeligheid, gevoeligheid_een_voor_een, kleinste_wijziging
from .groepen import nog_niet_gescoord, onenigheid
from .invoer import (
    CRITERIUM_KOLOMMEN,
    SCORE_KOLOMMEN,
    valideer_criteria,
    valideer_drempel,
    valideer_scores,
)
from .ranglijst import (
    STAND_HAALT,
    STAND_NIET_GESCOORD,
    STAND_ONDER,
    STAND_ONVOLLEDIG,
    rangschikking,
    stand_van,
    standen,
    top_koppelingen,
)
from .resultaat import Afweging, afweeg
from .rondes import (
    LAATSTE_PER_PERSOON,
    Rondekeuze,
    heeft_rondes,
    kies_rondes,
    ronde_label,
)
from .rondes import beschrijving as rondes_beschrijving
from .schaal import gemeenschappelijke_schaal
from .totaal import (
    bijdrage_kolom,
    criterium_waarden,
    gemiddelden,
    onderwerp_label,
    totalen,
    totalen_per_groep,
)
from .uitleg import FORMULE_UITLEG
from .volledigheid import Volledigheidsregel

__all__ = [
    "CRITERIUM_KOLOMMEN",
    "SCORE_KOLOMMEN",
    "FORMULE_UITLEG",
    "LAATSTE_PER_PERSOON",
    "STAND_HAALT",
    "STAND_NIET_GESCOORD",
    "STAND_ONDER",
    "STAND_ONVOLLEDIG",
    "Afweging",
    "Rondekeuze",
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
    "heeft_rondes",
    "kies_rondes",
    "kleinste_wijziging",
    "nog_niet_gescoord",
    "onderwerp_label",
    "onenigheid",
    "rangschikking",
    "ronde_label",
    "rondes_beschrijving",
    "stand_van",
    "standen",
    "top_koppelingen",
    "totalen",
    "totalen_per_groep",
    "valideer_criteria",
    "valideer_drempel",
    "valideer_scores",
]
