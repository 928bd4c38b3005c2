"""Old path of :mod:`wijkanalyse.sections.afweging`, kept for compatibility: notebooks written
before the move import it (``from wijkanalyse import sections_afweging``). New code imports
:mod:`wijkanalyse.sections.afweging`."""

from wijkanalyse.sections.afweging import *  # noqa: F403
