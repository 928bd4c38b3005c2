"""Old path of :mod:`wijkanalyse.sections.wijkprofiel`, kept for compatibility: notebooks written
before the move import it (``from wijkanalyse import sections_cbs``). New code imports
:mod:`wijkanalyse.sections.wijkprofiel`."""

from wijkanalyse.sections.wijkprofiel import *  # noqa: F403
