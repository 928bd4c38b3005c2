"""Import and export of a wijk's data as files, for widgets and the CLI.

Imports are all or nothing: the file is read and validated completely
(:mod:`wijkanalyse.tabular_io`, :mod:`wijkanalyse.tabular_io.werkblad`) and then written in one
store transaction. Uploaded file names are reduced to a safe base name before touching disk.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import store, tabular_io
from .core.config import slug
from .core.errors import InvoerFout
from .core.nl_format import getal
from .model import WijkModel
from .tabular_io import scorebestand, werkblad

MAX_UPLOAD = 5_000_000


def veilige_bestandsnaam(naam: str) -> str:
    """Keep only the base name's safe characters and its extension."""
    basis = Path(str(naam).replace("\\", "/")).name
    stam, punt, ext = basis.rpartition(".")
    if not punt:
        stam, ext = basis, ""
    ext = re.sub(r"[^A-Za-z0-9]", "", ext)[:10].lower()
    return f"{slug(stam) or 'bestand'}{'.' + ext if ext else ''}"


def _tijdelijk(
    naam: str, inhoud: bytes, maximum: int = MAX_UPLOAD
) -> tuple[tempfile.TemporaryDirectory, Path]:
    if len(inhoud) > maximum:
        raise InvoerFout(
            f"Het bestand is {len(inhoud) / 1e6:.1f} MB; het maximum is {maximum / 1e6:.0f} MB.",
            bestand=Path(naam).name,
        )
    tmp = tempfile.TemporaryDirectory(prefix="wijkanalyse-")
    pad = Path(tmp.name) / veilige_bestandsnaam(naam)
    pad.write_bytes(inhoud)
    return tmp, pad


@contextmanager
def _met_eigen_naam(naam: str, pad: Path) -> Iterator[None]:
    """Errors name the user's own file, not the sanitised temporary copy."""
    try:
        yield
    except InvoerFout as e:
        eigen = Path(str(naam).replace("\\", "/")).name
        bestand = (e.bestand or pad.name).replace(pad.name, eigen, 1)
        raise InvoerFout(e.melding, bestand=bestand, rij=e.rij, kolom=e.kolom) from None


def importeer_opgaven_bestand(model: WijkModel, naam: str, inhoud: bytes) -> int:
    """Read an uploaded CSV/Excel of opgaven and add all of them, or none."""
    tmp, pad = _tijdelijk(naam, inhoud)
    with tmp, _met_eigen_naam(naam, pad):
        df = tabular_io.lees_opgaven(
            pad, bestaande_titels=model.opgaven()["titel"].tolist(), max_bytes=MAX_UPLOAD
        )
    if df.empty:
        raise InvoerFout("Het bestand bevat geen opgaven.", bestand=Path(naam).name)
    return len(model.importeer_opgaven(df))


def voorbeeld_opgaven_bestand(
    model: WijkModel,
    naam: str,
    inhoud: bytes,
    *,
    bijwerken: bool = False,
    keuze: dict[str, str] | None = None,
    blad: str | None = None,
) -> tabular_io.ImportVoorbeeld:
    """What importing an uploaded CSV/Excel of opgaven would do; nothing is written.

    The column choices remembered in the workspace (:func:`voer_import_uit` keeps them)
    apply first, then ``keuze`` (header -> column or ``""`` to skip); ``blad`` picks a sheet.
    """
    gekozen = {
        **model.kolomkeuzes(),
        **{tabular_io.kop_sleutel(k): v for k, v in (keuze or {}).items()},
    }
    tmp, pad = _tijdelijk(naam, inhoud)
    with tmp, _met_eigen_naam(naam, pad):
        vb = tabular_io.voorbeeld_opgaven(
            pad,
            model.opgaven(),
            bijwerken=bijwerken,
            max_bytes=MAX_UPLOAD,
            keuze=gekozen,
            blad=blad,
        )
    eigen = Path(str(naam).replace("\\", "/")).name
    vb.bestand = vb.bestand.replace(pad.name, eigen, 1)
    return vb


def voer_import_uit(model: WijkModel, vb: tabular_io.ImportVoorbeeld) -> dict[str, int]:
    """Write a previewed import (all or nothing); refused when the preview has errors.

    The column choices of the preview are remembered in the workspace for the next file."""
    if not vb.in_orde:
        raise InvoerFout(
            f"Er {'is 1 rij' if len(vb.fouten) == 1 else f'zijn {len(vb.fouten)} rijen'} "
            "geweigerd; pas het bestand aan en lees het opnieuw in. Er is niets veranderd.",
            bestand=vb.bestand,
        )
    if vb.frame.empty:
        uit = {"toegevoegd": 0, "gewijzigd": 0}
    elif vb.bijwerken:
        uit = {k: len(v) for k, v in model.importeer_opgaven_bijwerken(vb.frame).items()}
    else:
        uit = {"toegevoegd": len(model.importeer_opgaven(vb.frame)), "gewijzigd": 0}
    onthouden = vb.keuze
    model.zet_kolomkeuzes(
        onthouden,
        vergeten=[tabular_io.kop_sleutel(k) for k, _d, eigen in vb.doelen if not eigen],
    )
    return uit


def score_context(model: WijkModel) -> scorebestand.ScoreContext:
    """The subjects (an opgave by title, a koppeling as 'A × B') and criteria scores are
    checked against."""
    o = model.opgaven()
    titels = dict(zip(o["id"].astype(int), o["titel"], strict=True))
    labels: dict[tuple[str, int], str] = {("opgave", i): t for i, t in titels.items()}
    for k in model.koppelingen().itertuples():
        labels[("koppeling", int(k.id))] = (
            f"{titels.get(int(k.opgave_a), '?')} × {titels.get(int(k.opgave_b), '?')}"
        )
    return scorebestand.ScoreContext(labels=labels, criteria=model.criteria())


def voorbeeld_scores_bestand(
    model: WijkModel, naam: str, inhoud: bytes
) -> scorebestand.ScoreVoorbeeld:
    """What importing an uploaded CSV/Excel of scores (one per row) would do; nothing is
    written. Refused rows are listed with row, column and reason."""
    tmp, pad = _tijdelijk(naam, inhoud, scorebestand.MAX_SCORE_BYTES)
    with tmp, _met_eigen_naam(naam, pad):
        vb = scorebestand.lees_scorebestand(pad, score_context(model))
    vb.bron = Path(str(naam).replace("\\", "/")).name
    return vb


def voorbeeld_raster(
    model: WijkModel, tekst: str, *, groep: str, scorer: str
) -> scorebestand.ScoreVoorbeeld:
    """What saving a grid pasted from Excel (subjects x criteria, for one group) would do."""
    if not groep.strip() or not scorer.strip():
        raise InvoerFout("Vul de groep en de naam in waaronder de scores worden opgeslagen.")
    return scorebestand.lees_raster(tekst, score_context(model), groep=groep, scorer=scorer)


def voer_scores_uit(
    model: WijkModel, vb: scorebestand.ScoreVoorbeeld, *, bron: str | None = None
) -> store.ScoreTelling:
    """Write previewed scores (all or nothing, through the store's own score rules); refused
    when the preview has refusals. A scorer's new score replaces the old one; an unchanged
    one is not written. The history entry (one undo step) starts with ``bron`` (default:
    "Score-import uit 'FILE'")."""
    if not vb.in_orde:
        n = vb.aantal_fouten
        raise InvoerFout(
            f"Er {'is 1 rij' if n == 1 else f'zijn {n} rijen'} geweigerd; pas de scores aan en "
            "probeer het opnieuw. Er is niets veranderd.",
            bestand=vb.bron,
        )
    if vb.rijen.empty:
        raise InvoerFout("Er staan geen scores in; er is niets veranderd.", bestand=vb.bron)
    return model.schrijf_veel_scores(vb.rijen, bron=bron or f"Score-import uit '{vb.bron}'")


def score_uitkomst(telling: store.ScoreTelling) -> str:
    """What a batch of scores did, in Dutch: "96.000 scores gewijzigd, 12 nieuw" or "niets
    gewijzigd: alle 3 scores waren al zo opgeslagen"."""
    if telling.niets_gewijzigd:
        n = telling.gegeven
        return (
            "niets gewijzigd: de score was al zo opgeslagen"
            if n == 1
            else f"niets gewijzigd: alle {getal(n)} scores waren al zo opgeslagen"
        )
    delen = []
    if telling.nieuw:
        delen.append(f"{getal(telling.nieuw)} nieuw")
    if telling.gewijzigd:
        delen.append(f"{getal(telling.gewijzigd)} gewijzigd")
    if telling.ongewijzigd:
        delen.append(f"{getal(telling.ongewijzigd)} ongewijzigd")
    return ", ".join(delen)


def importeer_werkblad_bestand(model: WijkModel, naam: str, inhoud: bytes) -> tuple[int, int]:
    """Read an uploaded Werkblad 2.7 workbook; returns (pairs, entries) written."""
    tmp, pad = _tijdelijk(naam, inhoud)
    with tmp, _met_eigen_naam(naam, pad):
        kop, items = werkblad.lees_werkblad(pad, model.opgaven(), max_bytes=MAX_UPLOAD)
    model.importeer_werkblad(kop, items)
    return len(kop), len(items)


def exporteer(model: WijkModel, soort: str) -> tuple[str, bytes]:
    """(file name, content) of an export: ``opgaven.xlsx``, ``opgaven.csv``, ``werkblad``
    or ``sjabloon``."""
    with tempfile.TemporaryDirectory(prefix="wijkanalyse-") as d:
        basis = slug(model.wijk)
        if soort in ("opgaven.xlsx", "opgaven.csv"):
            pad = Path(d) / f"opgaven-{basis}.{soort.split('.')[1]}"
            tabular_io.schrijf_opgaven(model.opgaven(), pad)
        elif soort == "werkblad":
            pad = Path(d) / f"werkblad-2.7-{basis}.xlsx"
            werkblad.schrijf_werkblad(model.opgaven(), model.koppelingen(), model.items(), pad)
        elif soort == "sjabloon":
            pad = Path(d) / "opgaven-sjabloon.xlsx"
            tabular_io.schrijf_sjabloon(pad)
        else:
            raise ValueError(soort)
        return pad.name, pad.read_bytes()
