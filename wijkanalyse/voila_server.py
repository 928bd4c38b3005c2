"""Old path of :mod:`wijkanalyse.server.voila`, kept for compatibility: ``python -m
wijkanalyse.voila_server`` is how a server was started by hand and in scripts. New code imports
:mod:`wijkanalyse.server.voila`."""

from wijkanalyse.server.voila import *  # noqa: F403
from wijkanalyse.server.voila import main

if __name__ == "__main__":
    main()
