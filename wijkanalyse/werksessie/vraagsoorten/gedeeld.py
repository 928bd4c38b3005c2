"""Helpers the question types share: a connection from a workspace or a connection, the
round's subjects by key, Dutch numbers and a plain HTML bar."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...databank import werksessie as opslag
from .. import vragen


@contextmanager
def verbinding(con_of_db: Any) -> Iterator[Any]:
    if isinstance(con_of_db, str | Path):
        con = opslag.verbind(con_of_db)
        try:
            yield con
        finally:
            con.close()
    else:
        yield con_of_db


def titels(con: Any, ronde: dict[str, Any]) -> dict[str, str]:
    """The round's subjects that still exist: key ("voorstel:12") -> title, in order."""
    return {vragen.sleutel(o["soort"], o["id"]): o["titel"] for o in opslag.onderwerpen(con, ronde)}


def e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def nl(x: float, d: int = 1) -> str:
    return f"{x:.{d}f}".replace(".", ",")


def balk(fractie: float, tekst: str) -> str:
    """A horizontal bar (its width the fraction 0–1) with its value as text beside it."""
    breedte = max(0.0, min(1.0, float(fractie))) * 100
    return (
        "<span class='wa-balk-vak'><span class='wa-balk' "
        f"style='width:{breedte:.1f}%'></span></span> <span class='wa-balk-tekst'>{e(tekst)}</span>"
    )


BALK_CSS = """<style>
.wa-balk-vak { display: inline-block; width: 12em; max-width: 40vw; height: .9em;
  background: #e6e6e6; vertical-align: middle; }
.wa-balk { display: block; height: 100%; background: #005a9c; }
.wa-top td { font-weight: bold; }
.wa-hint { color: #8a4b00; font-weight: bold; }
</style>"""
