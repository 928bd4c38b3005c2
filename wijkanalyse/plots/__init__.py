"""Plotly figures of the method's steps, and how every figure is shown."""
