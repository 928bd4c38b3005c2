"""Reports on a ``dask.distributed`` cluster: the client side of ``wijkanalyse rapport
--cluster``, and the settings its scheduler and workers are best started with.

A report batch is a few hundred tasks of one or two seconds each, every one of them busy on
the CPU. dask's defaults are made for many small tasks and for watching them live; on a batch
they cost CPU that the reports need (measured on 2 cores, a 2-worker cluster idle for 30 s:
2,6 CPU seconds with the defaults and the profiler off, 0,7 s with
:data:`WERKER_INSTELLINGEN`):

- the event loop's tick every 20 ms in the scheduler, in every nanny and in every worker
  (it only detects a blocked event loop);
- the nanny's and the worker's memory check every 100 ms;
- the statistical profiler, which also keeps up to 1,000 one-second profiles per worker
  (tens of MB after ten minutes).

``wijkanalyse cluster scheduler`` and ``wijkanalyse cluster werker ADRES`` start dask's own
``dask scheduler`` and ``dask worker`` with these settings (as ``DASK_…`` environment
variables, which the worker processes and their kernels inherit; one the user set already
wins); any other option is passed to dask unchanged.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from ..core.errors import WijkanalyseFout

#: dask settings for a report batch (see the module's docstring for why).
WERKER_INSTELLINGEN: dict[str, Any] = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
}

_GEEN_DASK = (
    "Voor een cluster is het pakket 'distributed' (dask) nodig: pip install 'wijkanalyse[cluster]'."
)


def instellingen_hier() -> dict[str, Any]:
    """The values of :data:`WERKER_INSTELLINGEN` in this process (run on a worker or the
    scheduler with ``client.run`` to see how they were started)."""
    import dask

    return {k: dask.config.get(k) for k in WERKER_INSTELLINGEN}


def omgeving(instellingen: dict[str, Any] | None = None) -> dict[str, str]:
    """The settings as dask's environment variables, e.g.
    ``DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=1s``.

    >>> omgeving({"distributed.worker.profile.enabled": False})
    {'DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED': 'False'}
    """
    uit = {}
    for sleutel, waarde in (WERKER_INSTELLINGEN if instellingen is None else instellingen).items():
        naam = "DASK_" + "__".join(d.upper().replace("-", "_") for d in sleutel.split("."))
        uit[naam] = str(waarde)
    return uit


def dask_opdracht(soort: str, args: list[str], cpus: int | None = None) -> list[str]:
    """The command line of dask's own scheduler or worker, with our defaults for a worker:
    one thread per worker process (each thread keeps a kernel) and one worker per core,
    unless the options say otherwise.

    >>> dask_opdracht("werker", ["tcp://s:8786"], cpus=4)[3:]
    ['tcp://s:8786', '--nthreads', '1', '--nworkers', '4']
    >>> dask_opdracht("werker", ["tcp://s:8786", "--nworkers=2"], cpus=4)[3:]
    ['tcp://s:8786', '--nworkers=2', '--nthreads', '1']
    """
    module = {"scheduler": "dask_scheduler", "werker": "dask_worker"}[soort]
    opdracht = [sys.executable, "-m", f"distributed.cli.{module}", *args]
    if soort == "werker":
        gegeven = {a.split("=", 1)[0] for a in args}
        if "--nthreads" not in gegeven:
            opdracht += ["--nthreads", "1"]
        if not gegeven & {"--nworkers", "--nprocs"}:
            opdracht += ["--nworkers", str(cpus or os.cpu_count() or 1)]
    return opdracht


def start(soort: str, args: list[str]) -> NoReturn:
    """Replace this process by ``dask scheduler`` or ``dask worker`` with our settings."""
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        raise WijkanalyseFout(_GEEN_DASK) from e
    opdracht = dask_opdracht(soort, args)
    env = {**omgeving(), **os.environ}  # a DASK_… variable the user set wins
    sys.stdout.flush()
    if os.name == "posix":  # Ctrl+C and signals go straight to dask
        os.execve(sys.executable, opdracht, env)
    sys.exit(subprocess.call(opdracht, env=env))  # pragma: no cover (Windows)


class ClusterPool:
    """The batch's tasks on a ``dask.distributed`` scheduler (the local pool's interface:
    :meth:`uitvoeren` yields each report as it arrives, :meth:`sluit` stops)."""

    def __init__(self, adres: str | Any, db_snapshot: Path) -> None:
        try:
            from distributed import Client
        except ImportError as e:  # pragma: no cover
            raise WijkanalyseFout(_GEEN_DASK) from e
        # How long to keep trying: dask's own setting (distributed.comm.timeouts.connect, 30 s)
        try:
            if isinstance(adres, str) and Path(adres).is_file():  # a --scheduler-file
                self.client = Client(scheduler_file=adres)
            else:
                self.client = Client(adres)
        except (OSError, TimeoutError, ValueError) as e:
            raise WijkanalyseFout(f"Geen verbinding met het cluster op {adres}: {e}") from e
        inhoud = db_snapshot.read_bytes()
        # Sent once to every worker, and kept there for the whole batch: compressed (a
        # workspace shrinks about sevenfold), with its hash computed here once, not per task.
        self.sleutel = hashlib.sha256(inhoud).hexdigest()
        self.db = self.client.scatter(zlib.compress(inhoud, 6), broadcast=True)
        del inhoud

    def uitvoeren(self, taken: list) -> Iterator[Any]:
        from distributed import as_completed

        from .kernel import maak_op_cluster

        run = uuid.uuid4().hex[:8]  # keys unique per run: other batches may share the scheduler
        futures = [
            self.client.submit(
                maak_op_cluster,
                t,
                self.db,
                self.sleutel,
                key=f"rapport-{run}-{i}-{t.slug}",
                pure=False,
            )
            for i, t in enumerate(taken)
        ]
        self._futures = futures
        # Drop each future once its report is here: a finished future keeps its result (the
        # HTML, ~2 MB) in the worker's memory for as long as the client holds it.
        nog = as_completed(futures)
        del futures
        for f in nog:
            uitkomst = f.result()
            self._futures.remove(f)
            f.release()
            del f
            yield uitkomst

    def sluit(self, *, netjes: bool = True) -> None:
        if not netjes:
            self.client.cancel(getattr(self, "_futures", []))
        self.client.close()
