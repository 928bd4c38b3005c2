"""The werksessie: a live workshop on Voila for a facilitator and participants' phones.

``opslag`` holds its tables (no pandas, so participant kernels stay small); ``live`` makes
pages follow the workspace; ``deelnemer`` and ``leider`` are the two pages; ``start``
prepares and launches the Voila server. The question types (stemmen, gewichten, 2×2,
opnieuw scoren): ``vragen`` stores their rounds and answers and ``formulieren`` holds the
participant's forms (both without pandas); ``ahp`` the weights arithmetic; ``vraagsoorten``
their results, charts and live HTML for the facilitator.
"""
