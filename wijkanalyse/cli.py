"""The ``wijkanalyse`` command: parses arguments and calls the package, nothing more."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import cli_nl, config, foutmeldingen

cli_nl.installeer()  # click's own texts (usage, options, errors) in Dutch


def _db(werkruimte: str | None) -> Path:
    from .model import werkruimte_pad

    return werkruimte_pad(werkruimte or "")


@click.group(cls=cli_nl.Groep, help="Wijkanalyse: opgaven, koppelingen en afwegingskader per wijk.")
def main() -> None:
    pass


def _wijknamen(db: Path, wijken: tuple[str, ...]) -> list[str] | None:
    """Wijk names as the user typed them ('laak') -> as stored ('Laak'); unknown refused."""
    if not wijken:
        return None
    from . import store

    return [store.wijk(db, w)["naam"] for w in wijken]


@main.command(help="Bouw de demowerkruimte en maak voor elke demowijk een rapport.")
@click.option(
    "--uitvoer",
    type=click.Path(file_okay=False),
    default=None,
    help="Map voor de rapporten (standaard: reports/).",
)
@click.option(
    "--wijk", "wijken", multiple=True, metavar="NAAM", help="Alleen deze wijk (mag vaker)."
)
def demo(uitvoer: str | None, wijken: tuple[str, ...]) -> None:
    t0 = time.perf_counter()
    db = _db("")
    click.echo(f"Demowerkruimte: {db}")
    _rapporten(db, uitvoer, _wijknamen(db, wijken))
    click.echo(f"Klaar in {time.perf_counter() - t0:.1f} s.")
    click.echo("Dashboard openen:  make dashboard   (of: wijkanalyse dashboard)")
    click.echo(
        "JupyterLab openen: make lab         "
        "(of: jupyter lab --config=jupyter_server_config.py notebooks/)"
    )


def _rapporten(
    db: Path, uitvoer: str | None, wijken: list[str] | None, hergebruik: bool = True
) -> None:
    from .reports import maak_rapporten

    res = maak_rapporten(
        db, Path(uitvoer) if uitvoer else None, wijken=wijken, hergebruik=hergebruik
    )
    for r in res:
        stand = "hergebruikt" if r.hergebruikt else f"{r.seconden:.1f} s"
        click.echo(f"  {r.wijk:<28} {r.html}  ({stand})")
    out = Path(uitvoer) if uitvoer else config.REPORTS_DIR
    click.echo(f"Overzicht: {out / 'index.html'}")


@main.command(help="Maak rapporten (HTML zonder internet) voor alle of één wijk.")
@click.option(
    "--wijk", "wijken", multiple=True, metavar="NAAM", help="Alleen deze wijk (mag vaker)."
)
@click.option("--werkruimte", default=None, metavar="PAD", help="Pad naar de werkruimte (.sqlite).")
@click.option(
    "--uitvoer",
    type=click.Path(file_okay=False),
    default=None,
    help="Map voor de rapporten (standaard: reports/).",
)
@click.option("--opnieuw", is_flag=True, help="Ook rapporten maken die al actueel zijn.")
def rapport(
    wijken: tuple[str, ...], werkruimte: str | None, uitvoer: str | None, opnieuw: bool
) -> None:
    db = _db(werkruimte)
    _rapporten(db, uitvoer, _wijknamen(db, wijken), hergebruik=not opnieuw)


@main.command(help="Start het Voila-dashboard voor een werksessie.")
@click.option("--port", default=8866, metavar="POORT", help="Poort (standaard 8866).")
@click.option(
    "--ip",
    default="127.0.0.1",
    metavar="ADRES",
    help="Adres om op te luisteren (standaard 127.0.0.1); 0.0.0.0 om deelnemers op het "
    "netwerk toe te laten.",
)
@click.option("--werkruimte", default=None, metavar="PAD", help="Pad naar de werkruimte (.sqlite).")
@click.option("--open/--no-open", "openen", default=False, help="Open een browser.")
def dashboard(port: int, ip: str, werkruimte: str | None, openen: bool) -> None:
    from .launcher import start_voila

    db = _db(werkruimte)
    click.echo(f"Dashboard op http://{ip}:{port}/  (werkruimte {db}; stoppen met Ctrl+C)")
    sys.exit(start_voila(db, port=port, ip=ip, openen=openen))


@main.command(help="Maak een lege werkruimte aan met wijken uit een CSV (naam,gemeente,inwoners).")
@click.argument("pad", type=click.Path(dir_okay=False), metavar="PAD")
@click.option(
    "--wijken",
    "wijken_csv",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    metavar="CSV",
    help="CSV met wijken; standaard de 18 wijken van het programma.",
)
def nieuw(pad: str, wijken_csv: str | None) -> None:
    from .catalog import programma_wijken
    from .werkruimte import lees_wijken, nieuwe_werkruimte

    df = lees_wijken(wijken_csv) if wijken_csv else programma_wijken()
    nieuwe_werkruimte(Path(pad), df)
    click.echo(f"Werkruimte {pad} gemaakt met {len(df)} wijken.")


def run() -> None:
    """The console script: our Dutch message on any error, the traceback only in the log."""
    try:
        main(standalone_mode=True, prog_name="wijkanalyse")
    except KeyboardInterrupt:
        click.echo("Gestopt.", err=True)
        sys.exit(130)
    except Exception as e:  # every error: a Dutch line, never a traceback on screen
        click.echo(f"Fout: {foutmeldingen.melding(e)}", err=True)
        log = foutmeldingen.log_fout(e)
        if log is not None and not isinstance(e, foutmeldingen.WijkanalyseFout):
            click.echo(f"De technische details staan in {log}.", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
