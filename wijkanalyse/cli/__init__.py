"""The ``wijkanalyse`` command: parses arguments and calls the package, nothing more."""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from ..core import error_display
from ..databank import Werkruimte, toon
from . import nl as cli_nl

cli_nl.installeer()  # click's own texts (usage, options, errors) in Dutch


def _db(werkruimte: str | None) -> Path | str:
    from ..model import werkruimte_pad

    return werkruimte_pad(werkruimte or "")


#: The ``--werkruimte PAD`` option of the commands that read a workspace.
werkruimte_optie = click.option(
    "--werkruimte",
    default=None,
    metavar="PAD",
    help="Pad naar de werkruimte (.sqlite) of een postgresql://-URL.",
)
wijken_optie = click.option(
    "--wijk", "wijken", multiple=True, metavar="NAAM", help="Alleen deze wijk (mag vaker)."
)


_F = TypeVar("_F", bound=Callable[..., Any])


def uitvoer_optie(uitleg: str) -> Callable[[_F], _F]:
    """The ``--uitvoer`` folder option; ``uitleg`` says what goes there and its default."""
    return click.option("--uitvoer", type=click.Path(file_okay=False), default=None, help=uitleg)


@click.group(cls=cli_nl.Groep, help="Wijkanalyse: opgaven, koppelingen en afwegingskader per wijk.")
def main() -> None:
    pass


def _wijknamen(db: Path | str, wijken: tuple[str, ...]) -> list[str] | None:
    """Wijk names as the user typed them ('laak') -> as stored ('Laak'); unknown refused."""
    if not wijken:
        return None
    from .. import store

    return [store.wijk(db, w)["naam"] for w in wijken]


@main.command(help="Bouw de demowerkruimte en maak voor elke demowijk een rapport.")
@uitvoer_optie("Map voor de rapporten (standaard: reports/).")
@wijken_optie
def demo(uitvoer: str | None, wijken: tuple[str, ...]) -> None:
    t0 = time.perf_counter()
    db = _db("")
    click.echo(f"Demowerkruimte: {db}")
    _rapporten(db, uitvoer, _wijknamen(db, wijken))
    from ..core.nl_format import getal

    click.echo(f"Klaar in {getal(time.perf_counter() - t0, 1)} s.")
    click.echo("Dashboard openen:  make dashboard   (of: wijkanalyse dashboard)")
    click.echo(
        "JupyterLab openen: make lab         "
        "(of: jupyter lab --config=jupyter_server_config.py notebooks/)"
    )


def _rapporten(
    db: Path | str,
    uitvoer: str | None,
    wijken: list[str] | None,
    hergebruik: bool = True,
    cluster: str | None = None,
    parallel: int | None = None,
    pdf: bool = False,
) -> None:
    """Make the reports with a progress bar, a line per report and a summary (and with
    ``pdf`` an A4 PDF beside each HTML); exit code 1 when a wijk failed, 130 after Ctrl+C."""
    from ..core.nl_format import getal
    from ..rapport.batch import (
        LOG,
        Onderbroken,
        OverzichtNietGeschreven,
        maak_rapporten,
        standaard_uitvoer,
    )

    out = Path(uitvoer) if uitvoer else standaard_uitvoer(db)
    t0 = time.perf_counter()

    def regel(r) -> None:
        if r.mislukt:
            click.echo(f"  ✗ {r.wijk:<28} mislukt ({getal(r.seconden, 1)} s)")
        elif r.hergebruikt:
            click.echo(f"  = {r.wijk:<28} actueel, hergebruikt")
        else:
            click.echo(f"  ✓ {r.wijk:<28} {r.html.name}  ({getal(r.seconden, 1)} s)")

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
    except OverzichtNietGeschreven as e:  # full disk: the reports made are kept, exit 1
        res, overzicht_fout = e.resultaten, str(e)
    else:
        overzicht_fout = ""
    gemaakt = sum(r.status == "gemaakt" for r in res)
    hergebruikt = sum(r.hergebruikt for r in res)
    mislukt = [r for r in res if r.mislukt]
    duur = getal(time.perf_counter() - t0, 1)
    click.echo(
        f"Klaar: {gemaakt} gemaakt, {hergebruikt} hergebruikt, {len(mislukt)} mislukt "
        f"(van {len(res)}) in {duur} s."
    )
    if overzicht_fout:
        click.echo(f"Overzicht niet bijgewerkt: {overzicht_fout}", err=True)
    else:
        click.echo(f"Overzicht: {out / 'index.html'}")
    if pdf:
        _pdfs([r for r in res if not r.mislukt])
    if mislukt:
        for r in mislukt:
            click.echo(f"Mislukt: {r.wijk}: {r.fout}", err=True)
        click.echo(f"De volledige foutmeldingen staan in {out / LOG}.", err=True)
    if mislukt or overzicht_fout:
        sys.exit(1)


def _pdfs(res: list) -> None:
    """An A4 PDF beside each report, printed by Chromium; an up-to-date PDF is kept."""
    from ..core.nl_format import getal
    from ..rapport.pdf import maak_pdfs, pagina_aantal

    paren = [(r.html, r.html.with_suffix(".pdf")) for r in res]
    nodig = [(h, p) for h, p in paren if not p.exists() or p.stat().st_mtime < h.stat().st_mtime]
    t0 = time.perf_counter()
    for u in maak_pdfs(nodig) if nodig else []:
        n = pagina_aantal(u.pdf)
        woord = "pagina" if n == 1 else "pagina's"
        click.echo(f"  PDF {u.pdf.name} ({n} {woord})")
    if len(nodig) < len(paren):
        n = len(paren) - len(nodig)
        woord = "PDF was" if n == 1 else "PDF's waren"
        click.echo(f"  {n} {woord} al actueel, hergebruikt")
    if nodig:
        click.echo(f"PDF's klaar in {getal(time.perf_counter() - t0, 1)} s.")


@main.command(help="Maak rapporten (HTML zonder internet) voor alle of één wijk.")
@wijken_optie
@werkruimte_optie
@uitvoer_optie(
    "Map voor de rapporten (standaard: reports/ voor de demo, anders een map "
    "WERKRUIMTE-rapporten/ naast het werkruimtebestand)."
)
@click.option("--opnieuw", is_flag=True, help="Ook rapporten maken die al actueel zijn.")
@click.option(
    "--cluster",
    default=None,
    metavar="tcp://ADRES:POORT",
    help="Laat een dask-cluster de rapporten maken: het adres van de scheduler, of zijn "
    "--scheduler-file (zie 'wijkanalyse cluster').",
)
@click.option(
    "--parallel",
    type=click.IntRange(1, 64),
    default=None,
    help="Aantal rapporten tegelijk op deze machine (standaard 2, of 1 bij één kern).",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Ook een PDF (A4) naast elk rapport, gedrukt door Chromium "
    '(nodig: pip install "wijkanalyse[pdf]").',
)
def rapport(
    wijken: tuple[str, ...],
    werkruimte: str | None,
    uitvoer: str | None,
    opnieuw: bool,
    cluster: str | None,
    parallel: int | None,
    pdf: bool,
) -> None:
    db = _db(werkruimte)
    _rapporten(
        db,
        uitvoer,
        _wijknamen(db, wijken),
        hergebruik=not opnieuw,
        cluster=cluster,
        parallel=parallel,
        pdf=pdf,
    )


@main.command(help="Schrijf een overdrachtsdossier van een wijk voor een opvolger (HTML of PDF).")
@click.option(
    "--wijk", required=True, metavar="NAAM", help="De wijk (hoofdletters maken niet uit)."
)
@werkruimte_optie
@uitvoer_optie("Map voor het dossier (standaard: de map van de rapporten van deze werkruimte).")
@click.option(
    "--pdf",
    is_flag=True,
    help='Ook een PDF (A4), gedrukt door Chromium (nodig: pip install "wijkanalyse[pdf]").',
)
def overdracht(wijk: str, werkruimte: str | None, uitvoer: str | None, pdf: bool) -> None:
    # nbconvert imports nbformat, whose jsonschema imports rfc3987_syntax when installed: it
    # compiles 38 grammars at import (1,75 s CPU of this command's ~5 s) for a URL format
    # check a notebook never needs. Only in this short-lived process, and only when nothing
    # loaded it yet: jsonschema then leaves that one format unchecked.
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from ..rapport.batch import standaard_uitvoer
    from ..rapport.overdracht import schrijf_dossier

    t0 = time.perf_counter()
    db = _db(werkruimte)
    (naam,) = _wijknamen(db, (wijk,)) or [wijk]
    map_ = Path(uitvoer) if uitvoer else standaard_uitvoer(db)
    for pad in schrijf_dossier(db, naam, map_, pdf=pdf):
        click.echo(f"Overdrachtsdossier {naam}: {pad}")
    from ..core.nl_format import getal

    click.echo(f"Klaar in {getal(time.perf_counter() - t0, 1)} s.")


@main.command(help="Start het Voila-dashboard voor een werksessie.")
@click.option("--port", default=8866, metavar="POORT", help="Poort (standaard 8866).")
@click.option(
    "--ip",
    default="127.0.0.1",
    metavar="ADRES",
    help="Adres om op te luisteren (standaard 127.0.0.1); 0.0.0.0 om deelnemers op het "
    "netwerk toe te laten.",
)
@werkruimte_optie
@click.option("--open/--no-open", "openen", default=False, help="Open een browser.")
@click.option(
    "--leer-van",
    "leer_van",
    multiple=True,
    metavar="PAD",
    help="Nog een werkruimte om van te leren (mag vaker): de paren-editor laat ook zien hoe "
    "een paar in de wijken daarvan ging.",
)
def dashboard(
    port: int, ip: str, werkruimte: str | None, openen: bool, leer_van: tuple[str, ...]
) -> None:
    from ..server.launcher import start_voila
    from ..werksessie.start import ALLEEN_HIER, alleen_deze_computer, host_voor, poort_vrij

    db = _db(werkruimte)
    if leer_van:
        import json
        import os

        from ..core import config

        andere = [str(_db(p)) for p in leer_van]  # each checked as --werkruimte is
        os.environ[config.LEER_VAN] = json.dumps(andere)  # the kernels inherit it
    port = poort_vrij(ip, port)  # exactly this port, or a refusal: the printed link works
    click.echo(
        f"Dashboard op http://{host_voor(ip)}:{port}/  (werkruimte {toon(db)}; stoppen met Ctrl+C)"
    )
    if alleen_deze_computer(ip):
        click.echo(ALLEEN_HIER.replace("deze links werken", "deze link werkt"))
    code = start_voila(db, port=port, ip=ip, openen=openen)
    click.echo("Dashboard gestopt.")
    sys.exit(code)


@main.command(help="Start een werksessie: een pagina voor de gespreksleider en een per groep.")
@click.option("--wijk", required=True, help="De wijk van de sessie (hoofdletters maken niet uit).")
@click.option(
    "--werkruimte", default=None, help="Pad naar de werkruimte (.sqlite) of een postgresql://-URL."
)
@click.option(
    "--ip",
    default="127.0.0.1",
    show_default=True,
    help="Adres om op te luisteren; 0.0.0.0 om deelnemers op het netwerk toe te laten.",
)
@click.option(
    "--port",
    default=8866,
    show_default=True,
    help="Poort; dezelfde opdracht krijgt steeds dezelfde poort (en dus dezelfde links).",
)
@click.option("--deelnemers", default=20, show_default=True, help="Verwacht aantal deelnemers.")
@click.option(
    "--groep",
    "groepen",
    multiple=True,
    help="Groep met een eigen link (mag vaker; standaard projectteam, bewoners, corporatie).",
)
@click.option("--nieuw", is_flag=True, help="Begin een nieuwe sessie in plaats van de lopende.")
def werksessie(
    wijk: str,
    werkruimte: str | None,
    ip: str,
    port: int,
    deelnemers: int,
    groepen: tuple[str, ...],
    nieuw: bool,
) -> None:
    from ..databank import werksessie as opslag
    from ..server.launcher import wacht_op_server
    from ..werksessie.start import ALLEEN_HIER, alleen_deze_computer, plan, start

    p = plan(
        _db(werkruimte),
        wijk,
        groepen=list(groepen) or list(opslag.STANDAARD_GROEPEN),
        ip=ip,
        poort=port,
        deelnemers=deelnemers,
        nieuw=nieuw,
    )
    click.echo(f"Werksessie {p.sessie['wijk']} (sessie {p.sessie['id']}, werkruimte {toon(p.db)})")
    click.echo("")
    click.echo("Gespreksleider (niet delen):")
    click.echo(f"  {p.leider_url}")
    click.echo("Beamer (zelfde sleutel, niet delen):")
    click.echo(f"  {p.beamer_url}")
    click.echo("Deelnemers, per groep (ook als QR-code op de pagina van de gespreksleider):")
    for naam, url in p.deelnemer_urls().items():
        click.echo(f"  {naam:<14} {url}")
    click.echo("")
    click.echo(
        f"{p.pool} deelnemerspagina's worden voorbereid; over ongeveer "
        f"{max(5, p.pool // 2)} s kan iedereen meedoen. Stoppen met Ctrl+C."
    )
    if p.waarschuwing:
        click.echo(p.waarschuwing)
    if alleen_deze_computer(p.ip):
        click.echo(ALLEEN_HIER)
    code = wacht_op_server(start(p))
    click.echo("Werksessie gestopt; de antwoorden staan in de werkruimte.")
    sys.exit(code)


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
    from ..core.catalog import programma_wijken
    from ..store.nieuw import lees_wijken, nieuwe_werkruimte

    df = lees_wijken(wijken_csv) if wijken_csv else programma_wijken()
    nieuwe_werkruimte(Werkruimte.van(pad).pad_of_url, df)
    click.echo(f"Werkruimte {toon(pad)} gemaakt met {len(df)} wijken.")


@main.command(
    help="Kopieer een hele werkruimte (SQLite-bestand of postgresql://-URL) naar een nieuwe, "
    "lege: van SQLite naar PostgreSQL of terug. Alles of niets; daarna worden per tabel het "
    "aantal rijen en een controlegetal vergeleken."
)
@click.argument("van", metavar="VAN")
@click.argument("naar", metavar="NAAR")
def kopieer(van: str, naar: str) -> None:
    from .. import store

    telling = store.kopieer(van, naar)
    rijen = sum(n for n, _ in telling.values())
    click.echo(
        f"Werkruimte {toon(van)} gekopieerd naar {toon(naar)}: {rijen} rijen in "
        f"{len(telling)} tabellen, per tabel aantal en controlegetal gelijk."
    )


@main.group(
    help="Een dask-cluster voor 'wijkanalyse rapport --cluster': start dask's scheduler en "
    "werkers met de instellingen voor een rapportbatch (minder bijhouden, meer rekenen)."
)
def cluster() -> None:
    pass


_DOORGEVEN = {"ignore_unknown_options": True, "allow_interspersed_args": False}


@cluster.command(
    "scheduler",
    context_settings=_DOORGEVEN,
    help="Start 'dask scheduler' (standaard op poort 8786). Andere opties gaan ongewijzigd "
    "naar dask, bijvoorbeeld --port 8786 --no-dashboard.",
)
@click.argument("dask_opties", nargs=-1, type=click.UNPROCESSED, metavar="[DASK-OPTIES]...")
def cluster_scheduler(dask_opties: tuple[str, ...]) -> None:
    from ..rapport.cluster import start

    start("scheduler", list(dask_opties))


@cluster.command(
    "werker",
    context_settings=_DOORGEVEN,
    help="Start 'dask worker' voor de scheduler op ADRES (tcp://machine:8786, of gegeven met "
    "--scheduler-file): standaard één werkproces per processorkern met één draad elk (elke "
    "draad houdt een kernel). Andere opties gaan ongewijzigd naar dask, bijvoorbeeld "
    "--nworkers 4 of --memory-limit 2GB.",
)
@click.argument("dask_opties", nargs=-1, type=click.UNPROCESSED, metavar="[ADRES] [DASK-OPTIES]...")
def cluster_werker(dask_opties: tuple[str, ...]) -> None:
    from ..rapport.cluster import start

    start("werker", list(dask_opties))


@main.group(help="CBS-kerncijfers: een StatLine-download inlezen of (met internet) ophalen.")
def cbs() -> None:
    pass


def _koppelingen(koppel: tuple[str, ...]) -> dict[str, str]:
    from ..core.errors import InvoerFout

    uit = {}
    for k in koppel:
        wijk, _, code = k.rpartition("=")
        if not wijk.strip() or not code.strip():
            raise InvoerFout(f"'{k}' moet de vorm WIJK=CODE hebben, bijvoorbeeld Laak=WK051838.")
        uit[wijk.strip()] = code.strip()
    return uit


_CBS_OPTIES = [
    click.option(
        "--werkruimte",
        default=None,
        help="Pad naar de werkruimte (.sqlite) of een postgresql://-URL.",
    ),
    click.option(
        "--koppel",
        multiple=True,
        metavar="WIJK=CODE",
        help="Koppel een wijk zelf aan een CBS-code (mag vaker).",
    ),
    click.option("--vervang", is_flag=True, help="Andere waarden voor dezelfde periode vervangen."),
]


def _cbs_opties(f):
    for o in reversed(_CBS_OPTIES):
        f = o(f)
    return f


@cbs.command("importeer", help="Lees een CBS StatLine-download (CSV) in, zoals hij binnenkomt.")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False))
@click.option("--tabel", default=None, help="CBS-tabelnummer, bijvoorbeeld 85984NED.")
@click.option("--periode", default=None, help="Periode als het bestand die niet noemt.")
@_cbs_opties
def cbs_importeer(
    bestand: str,
    tabel: str | None,
    periode: str | None,
    werkruimte: str | None,
    koppel: tuple[str, ...],
    vervang: bool,
) -> None:
    from ..wijkprofiel import cbs as cbs_

    verslag = cbs_.importeer(
        _db(werkruimte),
        Path(bestand),
        bron_tabel=tabel,
        periode=periode,
        handmatig=_koppelingen(koppel),
        vervang=vervang,
    )
    click.echo(verslag.tekst())


@cbs.command("haal", help="Haal een CBS-tabel op met internet (cbsodata) en lees haar in.")
@click.argument("tabel")
@_cbs_opties
def cbs_haal(tabel: str, werkruimte: str | None, koppel: tuple[str, ...], vervang: bool) -> None:
    from ..wijkprofiel import cbs as cbs_

    verslag = cbs_.haal(_db(werkruimte), tabel, handmatig=_koppelingen(koppel), vervang=vervang)
    click.echo(verslag.tekst())


def _toon_waarschuwing(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A warning meant for the user (a workspace on a network drive) as a plain Dutch line."""
    from ..databank import NetwerkschijfWaarschuwing

    if issubclass(category, NetwerkschijfWaarschuwing):
        click.echo(str(message), err=True)
    else:
        _oude_showwarning(message, category, filename, lineno, file, line)


_oude_showwarning = warnings.showwarning


def run() -> None:
    """The console script: our Dutch message on any error, the traceback only in the log."""
    warnings.showwarning = _toon_waarschuwing
    try:
        main(standalone_mode=True, prog_name="wijkanalyse")
    except KeyboardInterrupt:
        click.echo("Gestopt.", err=True)
        sys.exit(130)
    except Exception as e:  # every error: a Dutch line, never a traceback on screen
        click.echo(f"Fout: {error_display.melding(e)}", err=True)
        log = error_display.log_fout(e)
        technisch = not isinstance(e, error_display.WijkanalyseFout) or e.__cause__ is not None
        if log is not None and technisch:  # e.g. the database's own words under a full disk
            click.echo(f"De technische details staan in {log}.", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
