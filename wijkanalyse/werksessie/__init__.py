"""The werksessie: a live workshop on Voila for a facilitator and participants' phones.

``deelnemer`` and ``leider`` are the two pages (``vooraf``: what they show before their
widgets are live); ``start`` prepares and launches the Voila server. The werksessie's tables
are in :mod:`wijkanalyse.databank.werksessie` and the watcher that makes pages follow the
workspace in :mod:`wijkanalyse.databank.live` (no pandas, so participant kernels stay small).
"""
