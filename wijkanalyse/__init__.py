"""wijkanalyse: opgaven, koppelingen en afwegingskader voor een integrale wijkaanpak."""

__version__ = "0.1.0"

from .core.error_display import installeer_in_ipython as _installeer_in_ipython  # noqa: E402

_installeer_in_ipython()  # inside Jupyter: our errors as one Dutch line, no traceback
