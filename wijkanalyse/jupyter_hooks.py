"""Old path of :mod:`wijkanalyse.server.jupyter_hooks`, kept for compatibility: a Jupyter
configuration copied from this repository names ``"wijkanalyse.jupyter_hooks.zonder_uitvoer"``.
New code imports :mod:`wijkanalyse.server.jupyter_hooks`."""

from wijkanalyse.server.jupyter_hooks import *  # noqa: F403
