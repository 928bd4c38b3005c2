"""``python -m wijkanalyse.cli``: the same as the ``wijkanalyse`` command."""

from wijkanalyse.cli import run

run()
