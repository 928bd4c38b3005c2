"""Batch reports: run notebook 04 with papermill per wijk, convert to offline HTML, index.

One folder per wijk under ``reports/``: ``<slug>/rapport.ipynb`` (executed) and
``<slug>.html`` (self-contained), plus ``index.html``. Wijk names only reach the file system
through :func:`wijkanalyse.config.slug`.
"""

from __future__ import annotations

import html
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import papermill as pm
from traitlets.config import Config

from . import config, store
from .errors import WijkanalyseFout
from .html_export import naar_html


@dataclass(frozen=True)
class RapportResultaat:
    wijk: str
    html: Path
    ipynb: Path
    seconden: float
    hergebruikt: bool


def _bronnen_mtime(db: Path) -> float:
    bronnen = [
        db,
        Path(f"{db}-wal"),  # in WAL mode a commit may only touch this file
        config.notebook("04"),
        *config.PACKAGE_DIR.rglob("*.py"),
        *config.TEMPLATES_DIR.rglob("*.j2"),
    ]
    return max(p.stat().st_mtime for p in bronnen if p.exists())


def maak_rapport(
    db: Path, wijk: str, uitvoer: Path, *, hergebruik: bool = True, slug: str | None = None
) -> RapportResultaat:
    """Execute notebook 04 for one wijk and write its HTML report."""
    t0 = time.perf_counter()
    s = slug or bestandsnamen(store.wijken(db))[wijk]
    map_ = uitvoer / s
    ipynb, html_pad = map_ / "rapport.ipynb", uitvoer / f"{s}.html"
    if hergebruik and html_pad.exists() and html_pad.stat().st_mtime >= _bronnen_mtime(db):
        return RapportResultaat(wijk, html_pad, ipynb, time.perf_counter() - t0, True)
    map_.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wijkanalyse-kernel-") as sockets:
        pm.execute_notebook(
            str(config.notebook("04")),
            str(ipynb),
            parameters={"wijk": wijk, "werkruimte": str(Path(db).resolve())},
            cwd=str(config.NOTEBOOKS_DIR),
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            config=_kernel_config(Path(sockets)),
        )
    naar_html(ipynb, html_pad, titel=f"Wijkanalyse {wijk}")
    return RapportResultaat(wijk, html_pad, ipynb, time.perf_counter() - t0, False)


def _kernel_config(sockets: Path) -> Config:
    """Kernels talk over local IPC sockets in a private temp dir: no TCP ports to race for
    when reports run in parallel, and nothing reachable from the network."""
    c = Config()
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = str(sockets / "kernel")
    return c


def _maak(args: tuple[str, str, str, bool, str]) -> RapportResultaat:
    db, wijk, uitvoer, hergebruik, slug = args
    return maak_rapport(Path(db), wijk, Path(uitvoer), hergebruik=hergebruik, slug=slug)


def bestandsnamen(wijken_df: pd.DataFrame) -> dict[str, str]:
    """A file name per wijk, unique within the workspace: the slug of its name, plus its id
    where two names give the same slug ('Sint Jan' and 'Sint-Jan')."""
    basis = {r.naam: config.slug(r.naam) for r in wijken_df.itertuples()}
    tel = pd.Series(list(basis.values())).value_counts()
    return {
        r.naam: basis[r.naam] if tel[basis[r.naam]] == 1 else f"{basis[r.naam]}-{int(r.id)}"
        for r in wijken_df.itertuples()
    }


def maak_rapporten(
    db: Path,
    uitvoer: Path | None = None,
    *,
    wijken: list[str] | None = None,
    hergebruik: bool = True,
    parallel: int | None = None,
) -> list[RapportResultaat]:
    """Reports for the given wijken (default: all in the workspace) plus ``index.html``."""
    uitvoer = Path(uitvoer or config.REPORTS_DIR)
    uitvoer.mkdir(parents=True, exist_ok=True)
    alle = store.wijken(db)
    namen = alle["naam"].tolist()
    if wijken:
        onbekend = [w for w in wijken if w not in namen]
        if onbekend:
            raise WijkanalyseFout(
                f"Onbekende wijk(en): {', '.join(onbekend)}. Bekend: {', '.join(namen)}."
            )
        namen = wijken
    parallel = parallel or min(2, os.cpu_count() or 1)
    namen_bestand = bestandsnamen(alle)
    taken = [(str(db), w, str(uitvoer), hergebruik, namen_bestand[w]) for w in namen]
    if parallel > 1 and len(taken) > 1:
        # Separate processes: papermill's cwd handling is not thread-safe.
        with ProcessPoolExecutor(max_workers=parallel) as pool:
            resultaten = list(pool.map(_maak, taken))
    else:
        resultaten = [_maak(t) for t in taken]
    schrijf_index(uitvoer, alle)
    return resultaten


def schrijf_index(uitvoer: Path, wijken_df) -> Path:
    rijen = []
    namen_bestand = bestandsnamen(wijken_df)
    for r in wijken_df.itertuples():
        s = namen_bestand[r.naam]
        if not (uitvoer / f"{s}.html").exists():
            continue
        inw = "" if pd.isna(r.inwoners) else f"{int(r.inwoners):,}".replace(",", ".")
        rijen.append(
            f'<tr><td><a href="{html.escape(s)}.html">{html.escape(r.naam)}</a></td>'
            f"<td>{html.escape(str(r.gemeente))}</td><td style='text-align:right'>{inw}</td>"
            f"<td>{'fictief voorbeeld' if r.fictief else ''}</td></tr>"
        )
    pagina = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Wijkanalyse: rapporten</title>
<style>body{{font-family:sans-serif;max-width:900px;margin:2em auto}}
table{{border-collapse:collapse}}td,th{{padding:.3em .8em;border-bottom:1px solid #ddd}}</style>
</head><body><h1>Wijkanalyse: rapporten per wijk</h1>
<p>Elk rapport is één HTML-bestand dat zonder internet werkt. Bij demowijken zijn alleen naam,
gemeente en inwonertal echt; opgaven, koppelingen en scores zijn verzonnen.</p>
<table><thead><tr><th>Wijk</th><th>Gemeente</th><th>Inwoners</th><th></th></tr></thead>
<tbody>{"".join(rijen)}</tbody></table></body></html>"""
    p = uitvoer / "index.html"
    p.write_text(pagina, encoding="utf-8")
    return p
