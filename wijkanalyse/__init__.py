"""wijkanalyse: opgaven, koppelingen en afwegingskader voor een integrale wijkaanpak."""

__version__ = "0.1.0"
