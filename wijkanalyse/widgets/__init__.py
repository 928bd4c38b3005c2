"""ipywidgets views over :class:`wijkanalyse.model.WijkModel`. Views hold no logic."""
