"""Batch reports: notebook 04 per wijk, one offline HTML file each, plus ``index.html``.

In ``uitvoer`` (default :func:`standaard_uitvoer`: ``reports/`` for the demo, a folder named
after any other workspace): ``<slug>.html`` (self-contained), ``<slug>/rapport.ipynb``
(executed), ``index.html`` (the overview across wijken), ``rapporten.json`` (the manifest:
per wijk the fingerprint its report was made from, its status and its row in the overview)
and ``rapporten.log`` (full tracebacks of failed wijken and the kernels' own output).

- **Incremental.** A report is remade only when the fingerprint of its own wijk's rows
  (:func:`wijkanalyse.store.vingerafdrukken`) or the hash of notebook, package, templates
  and data files (:func:`bronnen_hash`) differs from the manifest.
- **Kernels reused.** Each worker keeps one kernel for all its wijken
  (:mod:`wijkanalyse.rapport.kernel`).
- **Failure isolation.** A failing wijk is recorded (one Dutch line, traceback in the log),
  the others go on, the index marks it.
- **Clean stop.** Every file is written to a temp name and renamed; on Ctrl+C, SIGTERM or
  SIGHUP the workers and their kernels are stopped, finished reports are kept in the
  manifest, nothing half-written is left under a final name. When the main process dies
  (kill -9), each worker gets a parent-death signal and stops its kernel.
- **Full disk.** A report that cannot be written fails that wijk only, in Dutch; an overview
  that cannot be written is :class:`OverzichtNietGeschreven` (with the reports made).
- **Cluster.** With ``cluster="tcp://…"`` the same tasks go to a ``dask.distributed``
  scheduler; the workspace snapshot travels as bytes, the reports come back as text.

Wijk names only reach the file system through :func:`wijkanalyse.core.config.slug`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing as mp
import os
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from traceback import format_exception
from typing import Any

import pandas as pd

from .. import databank, store
from ..core import config
from ..core.errors import WijkanalyseFout, systeemfout
from ..core.nl_format import datum_tijd, getal
from .bestanden import schrijf_atomair

MANIFEST = "rapporten.json"
LOG = "rapporten.log"
MANIFEST_VERSIE = 1


@dataclass(frozen=True)
class RapportResultaat:
    wijk: str
    html: Path
    ipynb: Path
    seconden: float
    status: str  # "gemaakt", "hergebruikt" or "mislukt"
    fout: str = ""

    @property
    def hergebruikt(self) -> bool:
        return self.status == "hergebruikt"

    @property
    def mislukt(self) -> bool:
        return self.status == "mislukt"


class Onderbroken(WijkanalyseFout):
    """The user stopped the batch (Ctrl+C); finished reports are kept."""

    def __init__(self, resultaten: list[RapportResultaat]) -> None:
        n = sum(not r.mislukt for r in resultaten)
        super().__init__(
            f"Onderbroken: {n} {'rapport' if n == 1 else 'rapporten'} klaar, de rest niet "
            "gemaakt. Opnieuw starten maakt alleen wat nog ontbreekt."
        )
        self.resultaten = resultaten


class OverzichtNietGeschreven(WijkanalyseFout):
    """The overview or manifest could not be written (full disk, read-only folder); the
    reports made are in ``resultaten``."""

    def __init__(self, melding: str, resultaten: list[RapportResultaat] | None = None) -> None:
        super().__init__(melding)
        self.resultaten = resultaten or []


def bestandsnamen(wijken_df: pd.DataFrame) -> dict[str, str]:
    """A file name per wijk, unique within the workspace: the slug of its name, plus its id
    where two names give the same slug ('Sint Jan' and 'Sint-Jan')."""
    basis = {r.naam: config.slug(r.naam) for r in wijken_df.itertuples()}
    tel = pd.Series(list(basis.values())).value_counts()
    return {
        r.naam: basis[r.naam] if tel[basis[r.naam]] == 1 else f"{basis[r.naam]}-{int(r.id)}"
        for r in wijken_df.itertuples()
    }


def bronnen_hash() -> str:
    """Hash of everything besides the data that shapes a report: notebook 04, the package's
    code, templates and vendored files, and the data files (catalogue, kader)."""
    h = hashlib.sha256()
    bestanden = [
        config.notebook("04"),
        *sorted(config.PACKAGE_DIR.rglob("*.py")),
        *sorted(config.TEMPLATES_DIR.rglob("*.j2")),
        *sorted((config.PACKAGE_DIR / "vendor").glob("*.js")),
        *sorted(p for p in config.DATA_DIR.rglob("*") if p.is_file()),
    ]
    for p in bestanden:
        h.update(str(p.relative_to(config.REPO_DIR)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def lees_manifest(uitvoer: Path) -> dict[str, Any]:
    try:
        m = json.loads((uitvoer / MANIFEST).read_text(encoding="utf-8"))
        if m.get("versie") == MANIFEST_VERSIE:
            return m
    except (OSError, ValueError):
        pass
    return {"versie": MANIFEST_VERSIE, "wijken": {}}


# ------------------------------------------------------------------------------- local pool


def _werker(
    nr: int, taken: Any, uit: Any, sockets: str, log: str, ouder: int
) -> None:  # pragma: no cover (runs in a child process; covered by the batch tests)
    # Own session: Ctrl+C in the terminal reaches only the main process, which stops us.
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM (from the main process, or the kernel's parent-death signal below): shut our
    # kernel down on the way out (the ``finally`` below), never leave it running.
    signal.signal(signal.SIGTERM, _stop_werker)
    _stop_bij_dood_van_ouder(ouder)
    # Whatever this process or a library prints goes to the log, never to the user's terminal.
    with open(log, "ab") as f:
        os.dup2(f.fileno(), 1)
        os.dup2(f.fileno(), 2)
    from .kernel import RapportKernel, maak

    kernel = RapportKernel(Path(sockets), Path(log))
    _kernel_van_werker[0] = kernel.pid
    uit.put(("kernel", nr, kernel.pid))
    try:
        while (taak := taken.get()) is not None:
            uit.put(("begin", nr, taak))
            uitkomst = maak(taak, kernel)
            if not uitkomst.ok and not kernel.leeft():
                kernel.sluit()
                kernel = RapportKernel(Path(sockets), Path(log))
                _kernel_van_werker[0] = kernel.pid
                uit.put(("kernel", nr, kernel.pid))
            uit.put(("klaar", nr, uitkomst))
    finally:
        kernel.sluit()


_kernel_van_werker: list[int | None] = [None]  # in a worker process: its kernel's pid


def _stop_werker(signum: int, frame: Any) -> None:  # pragma: no cover (in a worker)
    """Stop this worker's kernel and exit at once, wherever the worker was (an exception
    raised here could be swallowed inside the kernel client's event loop)."""
    _stop_kernel(_kernel_van_werker[0])
    os._exit(128 + signum)


def _stop_bij_dood_van_ouder(ouder: int) -> None:  # pragma: no cover (in a worker)
    """SIGTERM to this process when the main process dies, even by kill -9 (Linux: the
    parent-death signal); elsewhere the kernel's own parent check is what remains."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != ouder:  # it died before the signal was set
        raise SystemExit(1)


@contextlib.contextmanager
def _stop_bij_signaal() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the batch as Ctrl+C does (workers and kernels stopped,
    finished reports kept), instead of leaving them running."""
    if threading.current_thread() is not threading.main_thread() or os.name != "posix":
        yield
        return

    gestopt: list[Any] = []

    def stop(signum: int, frame: Any) -> None:
        if not gestopt:  # once: a second signal must not cut the clean-up short
            gestopt.append(signum)
            raise KeyboardInterrupt

    oud = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, h in oud.items():
            signal.signal(s, h)


class _LokalePool:
    """``n`` worker processes, each with one kernel kept across wijken."""

    def __init__(self, n: int, log: Path) -> None:
        ctx: Any = mp.get_context("fork" if sys.platform != "win32" else "spawn")
        self.taken, self.uit = ctx.Queue(), ctx.Queue()
        self.map = Path(tempfile.mkdtemp(prefix="wijkanalyse-kernels-"))
        self.kernels: dict[int, int] = {}
        self.werkers = [
            ctx.Process(
                target=_werker,
                args=(i, self.taken, self.uit, str(self.map / str(i)), str(log), os.getpid()),
                daemon=True,
            )
            for i in range(n)
        ]
        for w in self.werkers:
            w.start()

    def uitvoeren(self, taken: list) -> Iterator[Any]:
        from .kernel import RapportUitkomst

        for t in taken:
            self.taken.put(t)
        klaar = 0
        bezig: dict[int, Any] = {}
        while klaar < len(taken):
            try:
                soort, nr, inhoud = self.uit.get(timeout=1)
            except queue.Empty:
                for nr, w in enumerate(self.werkers):
                    if not w.is_alive() and bezig.get(nr) is not None:
                        # killed mid-report (out of memory?): that wijk failed, the rest go on
                        t = bezig.pop(nr)
                        klaar += 1
                        yield RapportUitkomst(
                            t.wijk, t.slug, False, 0.0,
                            fout=f"het rapportproces stopte onverwacht (exitcode {w.exitcode})",
                        )  # fmt: skip
                if klaar < len(taken) and not any(w.is_alive() for w in self.werkers):
                    raise WijkanalyseFout(
                        "Alle rapportprocessen zijn gestopt; zie rapporten.log."
                    ) from None
                continue
            if soort == "kernel":
                self.kernels[nr] = inhoud
            elif soort == "begin":
                bezig[nr] = inhoud
            else:
                bezig.pop(nr, None)
                klaar += 1
                yield inhoud

    def sluit(self, *, netjes: bool = True) -> None:
        if netjes:
            for _ in self.werkers:
                self.taken.put(None)
            for w in self.werkers:
                w.join(timeout=30)
        # Left over, or stopped: SIGTERM to all workers at once (each stops its kernel and
        # exits), a few seconds for all together, then SIGKILL; then any kernel still there.
        for w in self.werkers:
            if w.is_alive():
                w.terminate()
        tot = time.monotonic() + 4
        for w in self.werkers:
            w.join(timeout=max(0.0, tot - time.monotonic()))
        for w in self.werkers:
            if w.is_alive():
                w.kill()
                w.join(timeout=2)
        with contextlib.suppress(queue.Empty, OSError, ValueError, EOFError):
            while True:
                soort, nr, inhoud = self.uit.get_nowait()
                if soort == "kernel":
                    self.kernels[nr] = inhoud
        for pid in self.kernels.values():
            _stop_kernel(pid)
        # Tasks nobody will take: do not wait at exit to push them into a dead worker's pipe.
        for q in (self.taken, self.uit):
            q.cancel_join_thread()
            q.close()
        shutil.rmtree(self.map, ignore_errors=True)


def _stop_kernel(pid: int | None) -> None:
    if not pid:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        for _ in range(20):
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)


# ----------------------------------------------------------------------------------- batch


def _voortgangsbalk(totaal: int, aan: bool):
    from tqdm import tqdm

    return tqdm(
        total=totaal,
        disable=not aan or totaal == 0,
        unit="rapport",
        desc="Rapporten",
        file=sys.stderr,
        dynamic_ncols=True,
        bar_format="{desc}: {n}/{total} |{bar}| {elapsed} (nog ~{remaining}){postfix}",
    )


def _bestandsnaam(db: Path | str) -> str:
    """The snapshot's file name: the workspace's own, or ``<database>.sqlite`` for a URL."""
    werkruimte = databank.Werkruimte.van(db)
    return f"{werkruimte.naam}.sqlite" if werkruimte.is_url else werkruimte.naam


def standaard_uitvoer(db: Path | str) -> Path:
    """Where a workspace's reports go unless told otherwise: the demo's into ``reports/``,
    any other workspace's into a folder named after it, next to its file
    (``deventer.sqlite`` -> ``deventer-rapporten/``), or in the current folder for a
    PostgreSQL workspace. So one workspace's overview never replaces another's."""
    werkruimte = databank.Werkruimte.van(db)
    if werkruimte.is_url:
        return Path.cwd() / f"{config.slug(werkruimte.naam)}-rapporten"
    pad = werkruimte.pad.expanduser().resolve()
    if pad == config.demo_db().expanduser().resolve():
        return config.REPORTS_DIR
    return pad.parent / f"{pad.stem}-rapporten"


@_stop_bij_signaal()
def maak_rapporten(
    db: Path | str,
    uitvoer: Path | None = None,
    *,
    wijken: list[str] | None = None,
    hergebruik: bool = True,
    parallel: int | None = None,
    cluster: str | Any | None = None,
    voortgang: bool = False,
    melding: Callable[[RapportResultaat], None] | None = None,
) -> list[RapportResultaat]:
    """Reports for the given wijken (default: all in the workspace) plus ``index.html``.

    Returns one result per wijk asked for, in the order asked; failed wijken have
    ``status == "mislukt"`` and a one-line Dutch ``fout``. Raises :class:`Onderbroken` on
    Ctrl+C (after stopping workers and kernels and writing index and manifest).
    ``melding`` is called as each report finishes (the CLI prints a line).
    SIGTERM and SIGHUP stop the batch as Ctrl+C does (the decorator sets that up per call).
    """
    db = databank.Werkruimte.van(db).pad_of_url
    alle = store.wijken(db)  # refuses a missing workspace before anything is created
    store.controleer(db, altijd=True)  # a damaged one too: no report from damaged pages
    namen = alle["naam"].tolist()
    if wijken:
        onbekend = [w for w in wijken if w not in namen]
        if onbekend:
            raise WijkanalyseFout(
                ("Onbekende wijk: " if len(onbekend) == 1 else "Onbekende wijken: ")
                + f"{', '.join(onbekend)}. Bekend: {', '.join(namen)}."
            )
        namen = list(dict.fromkeys(wijken))
    uitvoer = Path(uitvoer) if uitvoer else standaard_uitvoer(db)
    uitvoer.mkdir(parents=True, exist_ok=True)
    nu = datetime.now()
    rapportdatum = datum_tijd(nu)
    slugs = bestandsnamen(alle)
    manifest = lees_manifest(uitvoer)
    bronnen = bronnen_hash()
    vorige = manifest["wijken"]

    snap_map = Path(tempfile.mkdtemp(prefix="wijkanalyse-momentopname-"))
    try:
        snapshot = store.momentopname(db, snap_map / _bestandsnaam(db))
        vingers = store.vingerafdrukken(snapshot)
        verwerking = _Verwerking(uitvoer, manifest, vingers, bronnen, nu, db, snapshot)
        resultaten: dict[str, RapportResultaat] = {}
        taken = []
        from .kernel import RapportTaak

        for w in namen:
            s = slugs[w]
            e = vorige.get(w, {})
            html_pad, ipynb = verwerking.paden(s)
            actueel = (
                e.get("vingerafdruk") == vingers[w]
                and e.get("bronnen") == bronnen
                and e.get("status") == "gemaakt"
                and e.get("slug") == s
                and html_pad.exists()
            )
            if hergebruik and actueel:
                resultaten[w] = RapportResultaat(w, html_pad, ipynb, 0.0, "hergebruikt")
            else:
                taken.append(RapportTaak(w, s, str(snapshot), rapportdatum, databank.naam(db)))

        log = uitvoer / LOG
        schrijf_atomair(
            log,
            f"wijkanalyse rapport, {rapportdatum}, werkruimte {databank.getoond(db)}\n".encode(),
        )
        balk = _voortgangsbalk(len(taken), voortgang)
        for r in resultaten.values():
            if melding:
                melding(r)
        pool: Any = None
        netjes = False
        try:
            if taken:
                n = min(parallel or min(2, os.cpu_count() or 1), len(taken))
                if cluster:
                    from .cluster import ClusterPool

                    pool = ClusterPool(cluster, snapshot)
                else:
                    pool = _LokalePool(max(n, 1), log)
                for u in pool.uitvoeren(taken):
                    r = verwerking.verwerk(u)
                    resultaten[u.wijk] = r
                    duur = getal(u.seconden, 1)
                    balk.set_postfix_str(f"laatst: {u.wijk} {duur} s", refresh=False)
                    balk.update(1)
                    if melding:
                        with balk.external_write_mode():
                            melding(r)
            netjes = True
        except KeyboardInterrupt:
            balk.close()
            if pool is not None:
                pool.sluit(netjes=False)
                pool = None
            with contextlib.suppress(OverzichtNietGeschreven):
                _rond_af(uitvoer, manifest, alle, slugs, rapportdatum, db)
            raise Onderbroken(list(resultaten.values())) from None
        finally:
            balk.close()
            if pool is not None:
                pool.sluit(netjes=netjes)
        try:
            _rond_af(uitvoer, manifest, alle, slugs, rapportdatum, db)
        except OverzichtNietGeschreven as e:
            e.resultaten = [resultaten[w] for w in namen]
            raise
    finally:
        shutil.rmtree(snap_map, ignore_errors=True)
    return [resultaten[w] for w in namen]


@dataclass
class _Verwerking:
    """What one batch knows while it files the finished reports: the folder, the manifest
    it updates, the wijken's fingerprints, the sources' hash, the batch's moment, the
    workspace and its snapshot."""

    uitvoer: Path
    manifest: dict[str, Any]
    vingers: dict[str, str]
    bronnen: str
    nu: datetime
    db: Path | str
    snapshot: Path

    def paden(self, slug: str) -> tuple[Path, Path]:
        """Where a wijk's HTML report and executed notebook go."""
        return self.uitvoer / f"{slug}.html", self.uitvoer / slug / "rapport.ipynb"

    def verwerk(self, u: Any) -> RapportResultaat:
        """File one finished task: its notebook and HTML written, its line in the manifest."""
        html_pad, ipynb = self.paden(u.slug)
        oud = self.manifest["wijken"].get(u.wijk, {})
        if not u.ok:
            return self.mislukt(u, u.fout, u.traceback)
        # The executed notebook should point at the workspace, not at the temporary snapshot.
        nb_tekst = u.ipynb.replace(
            json.dumps(str(self.snapshot))[1:-1], json.dumps(databank.getoond(self.db))[1:-1]
        )
        try:
            schrijf_atomair(ipynb, nb_tekst)
            schrijf_atomair(html_pad, u.html)
        except OSError as e:  # a full disk, a read-only folder: this wijk failed, the rest go on
            fout = systeemfout(e, e.filename or str(html_pad))
            if fout is None:
                raise
            return self.mislukt(u, str(fout), "".join(format_exception(e)))
        gewijzigd = oud.get("laatst_gewijzigd", "")
        if oud.get("vingerafdruk") and oud.get("vingerafdruk") != self.vingers[u.wijk]:
            gewijzigd = self.nu.date().isoformat()  # seen changed since the previous batch
        self.manifest["wijken"][u.wijk] = {
            "slug": u.slug,
            "status": "gemaakt",
            "fout": "",
            "vingerafdruk": self.vingers[u.wijk],
            "bronnen": self.bronnen,
            "gemaakt_op": self.nu.isoformat(timespec="minutes"),
            "laatst_gewijzigd": gewijzigd,
            "cijfers": u.cijfers,
            "seconden": round(u.seconden, 2),
        }
        return RapportResultaat(u.wijk, html_pad, ipynb, u.seconden, "gemaakt")

    def mislukt(self, u: Any, fout: str, details: str) -> RapportResultaat:
        """Record a failed wijk: one Dutch line in the manifest, the details in the log."""
        with contextlib.suppress(OSError):  # a full disk must not hide the wijk's failure
            with open(self.uitvoer / LOG, "a", encoding="utf-8") as f:
                f.write(f"\n=== {u.wijk}: mislukt: {fout}\n{details}\n")
        self.manifest["wijken"][u.wijk] = {
            **self.manifest["wijken"].get(u.wijk, {}),
            "slug": u.slug,
            "status": "mislukt",
            "fout": fout,
            "vingerafdruk": self.vingers[u.wijk],
        }
        html_pad, ipynb = self.paden(u.slug)
        return RapportResultaat(u.wijk, html_pad, ipynb, u.seconden, "mislukt", fout)


def _rond_af(
    uitvoer: Path,
    manifest: dict[str, Any],
    alle: pd.DataFrame,
    slugs: dict[str, str],
    rapportdatum: str,
    db: Path | str,
) -> None:
    """Write the manifest and the index (also after failures or Ctrl+C). On a full disk or
    a read-only folder: :class:`OverzichtNietGeschreven`, with the reports that were made."""
    manifest["wijken"] = {w: e for w, e in manifest["wijken"].items() if w in slugs}
    try:
        schrijf_atomair(uitvoer / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        schrijf_index(
            uitvoer, alle, manifest=manifest, werkruimte=databank.naam(db), gemaakt_op=rapportdatum
        )
        from .lessen import schrijf_lessen

        schrijf_lessen(uitvoer, db, werkruimte=databank.naam(db), gemaakt_op=rapportdatum)
    except OSError as e:
        fout = systeemfout(e, e.filename or str(uitvoer / "index.html"))
        if fout is None:
            raise
        raise OverzichtNietGeschreven(str(fout)) from e


def schrijf_index(
    uitvoer: Path,
    wijken_df: pd.DataFrame,
    *,
    manifest: dict[str, Any] | None = None,
    werkruimte: str = "",
    gemaakt_op: str = "",
) -> Path:
    """``index.html``: the overview across wijken, from the manifest's rows."""
    from .html import plotly_js
    from .overzicht import index_html

    manifest = manifest or lees_manifest(uitvoer)
    slugs = bestandsnamen(wijken_df)
    rijen = []
    for r in wijken_df.itertuples():
        e = manifest["wijken"].get(r.naam, {})
        html_pad = uitvoer / f"{slugs[r.naam]}.html"
        status = e.get("status") or ("ontbreekt" if not html_pad.exists() else "gemaakt")
        if status == "gemaakt" and not html_pad.exists():
            status = "ontbreekt"
        c = e.get("cijfers") or {}
        wijziging = max(
            [d for d in (c.get("data_datum", ""), e.get("laatst_gewijzigd", "")) if d],
            default="",
        )
        rijen.append(
            {
                "wijk": r.naam,
                "gemeente": str(r.gemeente or ""),
                "inwoners": None if pd.isna(r.inwoners) else int(r.inwoners),
                "fictief": bool(r.fictief),
                "slug": slugs[r.naam],
                "status": status,
                "fout": e.get("fout", ""),
                "vorige": html_pad.exists(),
                "gemaakt_op": e.get("gemaakt_op", ""),
                "laatste_wijziging": wijziging,
                "cijfers": c,
            }
        )
    pagina = index_html(
        rijen,
        werkruimte=werkruimte,
        gemaakt_op=gemaakt_op or datum_tijd(datetime.now()),
        plotly_js=plotly_js(),
    )
    p = uitvoer / "index.html"
    schrijf_atomair(p, pagina)
    return p


def maak_rapport(
    db: Path, wijk: str, uitvoer: Path, *, hergebruik: bool = True, slug: str | None = None
) -> RapportResultaat:
    """One wijk's report (and the index): :func:`maak_rapporten` for a single wijk."""
    del slug  # file names come from the workspace (unique per wijk)
    return maak_rapporten(db, uitvoer, wijken=[wijk], hergebruik=hergebruik, parallel=1)[0]
