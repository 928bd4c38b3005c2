"""Jupyter and Voila plumbing: the Voila server and its compression, the launcher
that runs and stops servers, the Jupyter save hook."""
