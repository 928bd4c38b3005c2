"""The werksessie: a live workshop on Voila for a facilitator and participants' phones.

``opslag`` holds its tables (no pandas, so participant kernels stay small); ``live`` makes
pages follow the workspace; ``deelnemer`` and ``leider`` are the two pages; ``start``
prepares and launches the Voila server.
"""
