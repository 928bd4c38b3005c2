"""Jupyter and Voila plumbing: the Voila server and its compression, the settings both
servers share, the launcher that runs and stops servers, the one reader of a page's Voila
request, the Jupyter save hook."""
