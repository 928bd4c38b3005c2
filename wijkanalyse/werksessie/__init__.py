"""The werksessie: a live workshop on Voila for a facilitator and participants' phones.

``deelnemer`` and ``leider`` are the two pages (``vooraf``: what they show before their
widgets are live); ``start`` prepares and launches the Voila server. The werksessie's tables
are in :mod:`wijkanalyse.databank.werksessie` and the watcher that makes pages follow the
workspace in :mod:`wijkanalyse.databank.live` (no pandas, so participant kernels stay small).
The question types (stemmen, gewichten, 2×2, opnieuw scoren): ``vragen`` stores their rounds
and answers and ``formulieren`` holds the participant's forms (both without pandas); ``ahp``
the weights arithmetic; ``vraagsoorten`` their results, charts and live HTML for the
facilitator. The beamer page (``beamer``, ``beamer_pagina``), moderation (``moderatie``), the
timer (``klok``) and the end (``samenvatting``) serve the facilitator.
"""
