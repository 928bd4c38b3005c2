"""The one home of every default a user can change later.

Store, demo, widgets, notebooks and reports take their defaults from here, so a new wijk,
the demo and the data README never disagree.
"""

from __future__ import annotations

#: Threshold an onderwerp's total must reach, on the kader's common scale.
DREMPEL = 3.0
#: Number of opgaven a wijk can carry in its approach at once.
CAPACITEIT = 4
#: Groups offered when scoring (others may be typed in).
GROEPEN: tuple[str, ...] = ("projectteam", "bewoners", "corporatie")
#: Groups the method always asks to score (listed in "nog niet gescoord" even before they do).
KERNGROEPEN: tuple[str, ...] = ("projectteam", "bewoners")
#: Completeness rule: each criterium needs scores from at least this many groups ...
MIN_GROEPEN = 1
#: ... and from each of these named groups (empty: no named group required).
VEREISTE_GROEPEN: tuple[str, ...] = ()
#: Number of weightings drawn in the sensitivity analysis (screen and report alike).
N_TREKKINGEN = 1000
#: How far each weight may move in the sensitivity analysis (fraction of the weight).
SPREIDING = 0.25
#: Decimals a total is shown with; passing the drempel is decided on the shown total.
DECIMALEN = 2
#: Seed of the sensitivity draws (same seed, same figures).
SEED = 0
