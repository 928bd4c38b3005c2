"""One report per wijk in a kernel that is kept for the next wijk.

Starting a kernel and importing pandas and plotly in it is most of the cost of a report, so a
:class:`RapportKernel` starts one kernel and runs notebook 04 in it wijk after wijk. Before
each wijk the kernel's namespace is wiped (``%reset -f``) and its execution counter reset, so
a report is the same whether it is the first one made in that kernel or the fiftieth (a test
checks). Imported modules stay loaded: that is the point.

Parameters are injected the way papermill does it (its ``parameterize_notebook``: a cell
tagged ``injected-parameters`` after the cell tagged ``parameters``); nbclient executes.
The kernel talks over IPC sockets in a private temp dir, and its own output (log lines such
as "KeyboardInterrupt caught in kernel") goes to a log file, never to the user's terminal.

:func:`maak` is what a worker runs for one :class:`RapportTaak`; it never raises for a
failing wijk but returns a :class:`RapportUitkomst` with a one-line Dutch reason and the
full traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
import traceback
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import config

#: Runs before every wijk: empty namespace, counter back to 1, no leftovers of the last wijk.
RESET_CODE = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "import gc as _gc; _gc.collect(); del _gc\n"
    "get_ipython().execution_count = 1"
)
#: Runs after a wijk's notebook: its row in the overview, printed as JSON.
CIJFERS_CODE = (
    "import json as _json\n"
    "from wijkanalyse.rapport.overzicht import wijk_cijfers as _wijk_cijfers\n"
    "print(_json.dumps(_wijk_cijfers({db!r}, {wijk!r}), ensure_ascii=False))\n"
    "del _json, _wijk_cijfers"
)
CEL_TIMEOUT = 600  # seconds per cell


@dataclass(frozen=True)
class RapportTaak:
    wijk: str
    slug: str
    db: str  # path of the workspace (snapshot) the kernel reads
    rapportdatum: str  # shown in the report: when and from which workspace it was made
    werkruimte_naam: str = ""


@dataclass
class RapportUitkomst:
    wijk: str
    slug: str
    ok: bool
    seconden: float
    html: str | None = None
    ipynb: str | None = None
    fout: str = ""  # one line, Dutch
    traceback: str = ""
    cijfers: dict[str, Any] = field(default_factory=dict)  # the wijk's row in index.html


class RapportKernel:
    """A kernel kept alive across wijken, plus the nbclient that drives it."""

    def __init__(self, sockets: Path | None = None, log: Path | None = None) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from nbclient import NotebookClient

        self._eigen_map = sockets is None
        self.sockets = Path(sockets or tempfile.mkdtemp(prefix="wijkanalyse-kernel-"))
        self.sockets.mkdir(parents=True, exist_ok=True)
        self._log = open(log or os.devnull, "ab")  # noqa: SIM115 (lives as long as the kernel)
        km = AsyncKernelManager(
            kernel_name="python3", transport="ipc", ip=str(self.sockets / "kernel")
        )
        self.client = NotebookClient(
            _leeg_notebook(),
            km=km,
            timeout=CEL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(config.NOTEBOOKS_DIR)}},
        )
        self.client.start_new_kernel(stdout=self._log, stderr=self._log)
        self.client.start_new_kernel_client()

    @property
    def pid(self) -> int | None:
        prov = getattr(self.client.km, "provisioner", None)
        proc = getattr(prov, "process", None)
        return getattr(proc, "pid", None)

    def voer_uit(self, nb: Any) -> Any:
        """Execute a parameterised notebook in this kernel, after wiping its state."""
        from nbformat.v4 import new_code_cell

        schoon = _leeg_notebook()
        schoon.cells.append(new_code_cell(RESET_CODE))
        self.client.nb = schoon
        self.client.execute()
        self.client.nb = nb
        self.client.execute()
        return nb

    def wijk_cijfers(self, db: str, wijk: str) -> dict[str, Any]:
        """The wijk's row of the overview, computed in the kernel: pandas and our analysis
        are loaded there already, so the worker process never imports them."""
        from nbformat.v4 import new_code_cell

        nb = _leeg_notebook()
        nb.cells.append(new_code_cell(CIJFERS_CODE.format(db=db, wijk=wijk)))
        self.client.nb = nb
        self.client.execute()
        tekst = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.get("name") == "stdout")
        return json.loads(tekst)

    def leeft(self) -> bool:
        from jupyter_core.utils import run_sync

        km: Any = self.client.km  # an AsyncKernelManager: run_sync takes its coroutines
        return bool(run_sync(km.is_alive)())

    def sluit(self) -> None:
        """Shut the kernel down and remove its sockets (safe to call twice)."""
        from jupyter_core.utils import run_sync

        try:
            if self.client.kc is not None:
                self.client.kc.stop_channels()
            km: Any = self.client.km
            if km.has_kernel:
                run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 (best effort at shutdown; the kernel may be gone)
            pid = self.pid
            if pid:
                _stop_proces(pid)
        finally:
            self._log.close()
            if self._eigen_map:
                shutil.rmtree(self.sockets, ignore_errors=True)


def _stop_proces(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _leeg_notebook() -> Any:
    from nbformat.v4 import new_notebook

    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def parameter_notebook(taak: RapportTaak) -> Any:
    """Notebook 04 with this wijk's parameters injected (papermill's way)."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(config.notebook("04")))
    nb = parameterize_notebook(
        nb,
        {"wijk": taak.wijk, "werkruimte": taak.db, "rapportdatum": taak.rapportdatum},
        kernel_name="python3",
        language="python",
    )
    for cel in nb.cells:  # papermill gives its cell a random id: the same input, the same HTML
        if "injected-parameters" in cel.metadata.get("tags", []):
            cel.id = "injected-parameters"
    return nb


def _reden(e: BaseException) -> str:
    """A failure in one Dutch line (the traceback goes to the log)."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from ..core.error_display import EIGEN_FOUTEN

    if isinstance(e, CellTimeoutError):
        return f"een stap in het notebook duurde langer dan {CEL_TIMEOUT} s"
    if isinstance(e, DeadKernelError):
        return "de kernel is gestopt (geheugen op?)"
    if isinstance(e, CellExecutionError):
        regel = next((r for r in str(e.evalue).splitlines() if r.strip()), "")
        if e.ename in EIGEN_FOUTEN:  # our own Dutch message: no class name
            return f"fout in het notebook: {regel}"
        return f"fout in het notebook: {e.ename}: {regel}".rstrip(": ")
    regel = next((r for r in str(e).splitlines() if r.strip()), "")
    return f"{type(e).__name__}: {regel}".rstrip(": ")


def maak(taak: RapportTaak, kernel: RapportKernel) -> RapportUitkomst:
    """Run notebook 04 for one wijk in ``kernel`` and convert it to HTML, in memory."""
    import nbformat

    from .html import html_van

    t0 = time.perf_counter()
    try:
        nb = kernel.voer_uit(parameter_notebook(taak))
        html = html_van(nb, titel=f"Wijkanalyse {taak.wijk}")
        cijfers = kernel.wijk_cijfers(taak.db, taak.wijk)
        return RapportUitkomst(
            taak.wijk,
            taak.slug,
            True,
            time.perf_counter() - t0,
            html=html,
            ipynb=nbformat.writes(nb),
            cijfers=cijfers,
        )
    except Exception as e:  # noqa: BLE001 (one wijk's failure must not stop the others)
        return RapportUitkomst(
            taak.wijk,
            taak.slug,
            False,
            time.perf_counter() - t0,
            fout=_reden(e),
            traceback=traceback.format_exc(),
        )


# ---------------------------------------------------------------- on a dask.distributed worker

_per_draad = threading.local()
_db_kopieen: dict[str, str] = {}
_db_slot = threading.Lock()


def _kernel_van_draad() -> RapportKernel:
    k = getattr(_per_draad, "kernel", None)
    if k is None or not k.leeft():
        import atexit

        k = RapportKernel()
        atexit.register(k.sluit)
        _per_draad.kernel = k
    return k


def _lokale_db(db_zlib: bytes, sleutel: str, naam: str) -> str:
    """The workspace snapshot (zlib-compressed bytes) as a file on this machine, written
    once per snapshot (``sleutel`` is its hash, computed by the client)."""
    with _db_slot:
        pad = _db_kopieen.get(sleutel)
        if pad is None or not Path(pad).exists():
            map_ = Path(tempfile.mkdtemp(prefix="wijkanalyse-werkruimte-"))
            pad = str(map_ / (naam or "werkruimte.sqlite"))
            Path(pad).write_bytes(zlib.decompress(db_zlib))
            _db_kopieen[sleutel] = pad
    return pad


_taken_gedaan = 0


def _geef_geheugen_terug() -> None:
    """Free the previous report's objects (the HTML parser's trees hold reference cycles) and
    hand the memory back to the system (glibc keeps it in the thread's arena otherwise), so a
    dask worker's memory does not creep up report after report.

    After the first report everything still alive (imports, the kernel client, caches) is
    frozen out of the collector's sight (``gc.freeze``): a full collection of the worker's
    ~240,000 objects takes about 0.18 s, one of what a report leaves behind a few ms.
    """
    import gc

    global _taken_gedaan
    _taken_gedaan += 1
    if _taken_gedaan == 1:
        return
    gc.collect()
    if _taken_gedaan == 2:
        gc.freeze()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to do
        pass


def maak_op_cluster(taak: RapportTaak, db_zlib: bytes, sleutel: str) -> RapportUitkomst:
    """The task a dask worker runs: the snapshot arrives as compressed bytes (the same object
    for every task: dask keeps it on the worker), the report leaves as text.

    Each worker thread keeps its own kernel for the next wijk.
    """
    t0 = time.perf_counter()
    _geef_geheugen_terug()
    try:
        pad = _lokale_db(db_zlib, sleutel, taak.werkruimte_naam)
        kernel = _kernel_van_draad()
    except Exception as e:  # noqa: BLE001
        return RapportUitkomst(
            taak.wijk, taak.slug, False, time.perf_counter() - t0, fout=_reden(e),
            traceback=traceback.format_exc(),
        )  # fmt: skip
    lokaal = RapportTaak(taak.wijk, taak.slug, pad, taak.rapportdatum, taak.werkruimte_naam)
    uitkomst = maak(lokaal, kernel)
    if uitkomst.ipynb:  # the executed notebook names the worker's temp path: name the original
        nb = json.loads(uitkomst.ipynb)
        uitkomst.ipynb = json.dumps(nb, ensure_ascii=False).replace(
            json.dumps(pad)[1:-1], json.dumps(taak.db)[1:-1]
        )
    return uitkomst
