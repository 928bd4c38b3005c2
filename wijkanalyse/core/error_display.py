"""What a user sees when something fails: our Dutch message, never a Python traceback.

The traceback goes to a log file (:func:`log_pad`), for whoever supports the user. Used by
the CLI and, inside Jupyter (Lab, Voila, papermill), by an IPython exception handler that
shows a :class:`~wijkanalyse.core.errors.WijkanalyseFout` as its message only.
"""

from __future__ import annotations

import datetime
import sys
import traceback
from pathlib import Path
from typing import Any

from . import config
from .errors import WijkanalyseFout, systeemfout

#: The workspace file this process opened last (set by :mod:`wijkanalyse.databank.verbinding`):
#: named in a system fault's message when the error itself names no file.
laatst_geopend = ""

#: Our error classes by name, to recognise them when they come back from a kernel.
EIGEN_FOUTEN = {
    "WijkanalyseFout",
    "InvoerFout",
    "OnbekendFout",
    "DubbelFout",
    "GelijktijdigFout",
    "WerkruimteFout",
}


def log_pad() -> Path:
    """The log file with the tracebacks (next to the workspaces)."""
    return config.werkruimte_dir() / "wijkanalyse.log"


def log_fout(exc: BaseException) -> Path | None:
    """Append the traceback of ``exc`` to the log; returns the log's path (None if it could
    not be written, which must never hide the user's message)."""
    pad = log_pad()
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        with pad.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n")
            f.write("".join(traceback.format_exception(exc)))
            kernel_tb = getattr(exc, "traceback", None)  # a papermill error: the kernel's
            if isinstance(kernel_tb, list):
                f.write("\n".join(kernel_tb) + "\n")
    except OSError:
        return None
    return pad


def melding(exc: BaseException) -> str:
    """The Dutch message for any error; for one of ours exactly its own message."""
    if isinstance(exc, WijkanalyseFout):
        return str(exc)
    systeem = systeemfout(exc, _bestand_van(exc))
    if systeem is not None:  # full disk, read-only, damaged, locked: Dutch, naming the file
        return str(systeem)
    ename = getattr(exc, "ename", None)  # papermill's PapermillExecutionError
    if ename is not None:
        evalue = str(getattr(exc, "evalue", "")).strip()
        if ename in EIGEN_FOUTEN:
            return evalue
        return f"Het notebook stopte met een fout ({ename}: {evalue})."
    tekst = str(exc)
    if tekst.startswith("Execution failed on sql"):  # pandas: leave the SQL text out
        tekst = tekst.rsplit("': ", 1)[-1]
    return f"Er ging iets mis ({type(exc).__name__}: {tekst})."


def _bestand_van(exc: BaseException) -> str:
    """The file an OS error names, else the workspace this process opened last."""
    naam = getattr(exc, "filename", None)
    if naam:
        return str(naam)
    return laatst_geopend or "de werkruimte"


def toon_in_ipython(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset=None):
    """IPython handler: our errors show as one Dutch line (also in papermill's error).

    IPython does not show what a custom handler returns when code fails while running, so
    the handler shows it itself, as the cell's error output."""
    log_fout(value)
    stb = [f"{etype.__name__}: {value}"]
    shell._showtraceback(etype, value, stb)
    return stb


def installeer_in_ipython() -> None:
    """Inside a running IPython (notebook, Voila, papermill): show our errors short."""
    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((WijkanalyseFout,), toon_in_ipython)
