"""The ``wijkanalyse`` command: parses arguments and calls the package, nothing more."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import config
from .errors import WijkanalyseFout


def _db(werkruimte: str | None) -> Path:
    from .model import werkruimte_pad

    return werkruimte_pad(werkruimte or "")


@click.group(help="Wijkanalyse: opgaven, koppelingen en afwegingskader per wijk.")
def main() -> None:
    pass


@main.command(help="Bouw de demowerkruimte en maak voor elke demowijk een rapport.")
@click.option(
    "--uitvoer",
    type=click.Path(file_okay=False),
    default=None,
    help="Map voor de rapporten (standaard: reports/).",
)
def demo(uitvoer: str | None) -> None:
    t0 = time.perf_counter()
    db = _db("")
    click.echo(f"Demowerkruimte: {db}")
    _rapporten(db, uitvoer, None)
    click.echo(f"Klaar in {time.perf_counter() - t0:.1f} s.")
    click.echo("Dashboard openen:  make dashboard   (of: wijkanalyse dashboard)")
    click.echo("JupyterLab openen: make lab         (of: jupyter lab notebooks/)")


def _rapporten(
    db: Path,
    uitvoer: str | None,
    wijken: list[str] | None,
    hergebruik: bool = True,
    cluster: str | None = None,
    parallel: int | None = None,
) -> None:
    """Make the reports with a progress bar, a line per report and a summary; exit code 1
    when a wijk failed, 130 after Ctrl+C."""
    from .nl_format import getal
    from .reports import LOG, Onderbroken, maak_rapporten

    out = Path(uitvoer) if uitvoer else config.REPORTS_DIR
    t0 = time.perf_counter()

    def regel(r) -> None:
        if r.mislukt:
            click.echo(f"  ✗ {r.wijk:<28} mislukt ({getal(round(r.seconden, 1))} s)")
        elif r.hergebruikt:
            click.echo(f"  = {r.wijk:<28} actueel, hergebruikt")
        else:
            click.echo(f"  ✓ {r.wijk:<28} {r.html.name}  ({getal(round(r.seconden, 1))} s)")

    try:
        res = maak_rapporten(
            db,
            out,
            wijken=wijken,
            hergebruik=hergebruik,
            cluster=cluster,
            parallel=parallel,
            voortgang=True,
            melding=regel,
        )
    except Onderbroken as e:
        click.echo(f"{e} Overzicht: {out / 'index.html'}", err=True)
        sys.exit(130)
    gemaakt = sum(r.status == "gemaakt" for r in res)
    hergebruikt = sum(r.hergebruikt for r in res)
    mislukt = [r for r in res if r.mislukt]
    duur = getal(round(time.perf_counter() - t0, 1))
    click.echo(
        f"Klaar: {gemaakt} gemaakt, {hergebruikt} hergebruikt, {len(mislukt)} mislukt "
        f"(van {len(res)}) in {duur} s."
    )
    click.echo(f"Overzicht: {out / 'index.html'}")
    if mislukt:
        for r in mislukt:
            click.echo(f"Mislukt: {r.wijk}: {r.fout}", err=True)
        click.echo(f"De volledige foutmeldingen staan in {out / LOG}.", err=True)
        sys.exit(1)


@main.command(help="Maak rapporten (HTML zonder internet) voor alle of één wijk.")
@click.option("--wijk", "wijken", multiple=True, help="Alleen deze wijk (mag vaker).")
@click.option("--werkruimte", default=None, help="Pad naar de werkruimte (.sqlite).")
@click.option("--uitvoer", type=click.Path(file_okay=False), default=None)
@click.option("--opnieuw", is_flag=True, help="Ook rapporten maken die al actueel zijn.")
@click.option(
    "--cluster",
    default=None,
    metavar="tcp://ADRES:POORT",
    help="Laat een dask-cluster (scheduler op dit adres) de rapporten maken.",
)
@click.option(
    "--parallel",
    type=click.IntRange(1, 64),
    default=None,
    help="Aantal rapporten tegelijk op deze machine (standaard 2, of 1 bij één kern).",
)
def rapport(
    wijken: tuple[str, ...],
    werkruimte: str | None,
    uitvoer: str | None,
    opnieuw: bool,
    cluster: str | None,
    parallel: int | None,
) -> None:
    _rapporten(
        _db(werkruimte),
        uitvoer,
        list(wijken) or None,
        hergebruik=not opnieuw,
        cluster=cluster,
        parallel=parallel,
    )


@main.command(help="Start het Voila-dashboard voor een werksessie.")
@click.option("--port", default=8866, show_default=True)
@click.option(
    "--ip",
    default="127.0.0.1",
    show_default=True,
    help="Adres om op te luisteren; 0.0.0.0 om deelnemers op het netwerk toe te laten.",
)
@click.option("--werkruimte", default=None, help="Pad naar de werkruimte (.sqlite).")
@click.option("--open/--no-open", "openen", default=False, help="Open een browser.")
def dashboard(port: int, ip: str, werkruimte: str | None, openen: bool) -> None:
    from .launcher import start_voila

    db = _db(werkruimte)
    click.echo(f"Dashboard op http://{ip}:{port}/  (werkruimte {db}; stoppen met Ctrl+C)")
    sys.exit(start_voila(db, port=port, ip=ip, openen=openen))


@main.command(help="Maak een lege werkruimte aan met wijken uit een CSV (naam,gemeente,inwoners).")
@click.argument("pad", type=click.Path(dir_okay=False))
@click.option(
    "--wijken",
    "wijken_csv",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="CSV met wijken; standaard de 18 wijken van het programma.",
)
def nieuw(pad: str, wijken_csv: str | None) -> None:
    from .catalog import programma_wijken
    from .werkruimte import lees_wijken, nieuwe_werkruimte

    df = lees_wijken(wijken_csv) if wijken_csv else programma_wijken()
    nieuwe_werkruimte(Path(pad), df)
    click.echo(f"Werkruimte {pad} gemaakt met {len(df)} wijken.")


def run() -> None:
    try:
        main(standalone_mode=True)
    except WijkanalyseFout as e:
        click.echo(f"Fout: {e}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
