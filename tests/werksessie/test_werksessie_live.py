"""How the werksessie's pages follow answers: the facilitator's page (a real page object on a
real workspace file, its watcher driven by hand) redraws the open round's results and keeps
the agenda's rows, and the beamer's large-type chart is the same as plotly would make it.
Speed itself is measured in benchmarks/bench_werksessie.py, not here."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from wijkanalyse import store
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.werksessie import beamer, vragen
from wijkanalyse.werksessie.leider import Leiderpagina
from wijkanalyse.werksessie.vraagsoorten import gewichten, stemmen, tweebijtwee


@pytest.fixture
def leider(werkruimte: Path) -> Iterator[tuple[Leiderpagina, dict]]:
    loop = asyncio.new_event_loop()  # the watcher's loop (not run here)
    asyncio.set_event_loop(loop)
    s = opslag.start_sessie(werkruimte, "Laak", ["bewoners", "projectteam"])
    pagina = Leiderpagina(werkruimte, s["id"], s["sleutel"], "http://127.0.0.1:1")
    yield pagina, s
    pagina.wachter.stop()
    # this loop, not get_event_loop(): in a worker that ran a browser test first, that is
    # Playwright's loop, still running
    loop.close()
    asyncio.set_event_loop(None)


def _knoppen(rij) -> list[str]:
    return [b.description for b in rij.children[1].children]


def test_answers_redraw_the_results_and_keep_the_agenda_rows(werkruimte, leider) -> None:
    pagina, s = leider
    db = werkruimte
    opg = store.opgaven(db, "Laak")["id"].tolist()[:3]
    rid = vragen.voeg_vraagronde_toe(
        db, s["id"], "stemmen", [("opgave", o) for o in opg], {"modus": "stippen", "stippen": 3}
    )
    crit = store.criteria(db, "Laak")["id"].tolist()[:3]
    tweede = vragen.voeg_vraagronde_toe(
        db, s["id"], "paarsgewijs", [("criterium", c) for c in crit]
    )
    opslag.zet_ronde_status(db, rid, "open")
    assert pagina.wachter.controleer()
    rijen = list(pagina.agenda.children)
    assert len(rijen) == 2 and "Sluiten" in _knoppen(rijen[0]) and "Openen" in _knoppen(rijen[1])
    assert "Nog geen stemmen" in pagina.live.value

    mensen = [opslag.meld_aan(db, s["id"], s["groepen"][i % 2]["id"], f"P{i}") for i in range(3)]
    for d in mensen:
        vragen.zet_antwoord(db, d["token"], s["id"], rid, vragen.sleutel("opgave", opg[1]), 2)
        assert pagina.wachter.controleer()
        # the same row widgets, still live: an answer changes no round
        assert list(pagina.agenda.children) == rijen
        assert all(r.comm is not None for r in rijen)
    titel = store.opgaven(db, "Laak").set_index("id").loc[opg[1], "titel"]
    assert f"{titel}</td><td data-kop='Stemmen'>" in pagina.live.value
    assert "<span class='wa-balk-tekst'>6</span>" in pagina.live.value  # 3 people x 2 dots

    # closing the round rebuilds its row only; the old row's widgets still take a click made
    # as it was replaced, and leave the browser at the next redraw
    opslag.zet_ronde_status(db, rid, "gesloten")
    assert pagina.wachter.controleer()
    nieuw = list(pagina.agenda.children)
    assert nieuw[1] is rijen[1] and nieuw[0] is not rijen[0]
    assert "Openen" in _knoppen(nieuw[0]) and "gesloten" in nieuw[0].children[0].value
    assert rijen[0].comm is not None
    # and a round removed from the agenda goes from the page; the replaced row is closed now
    opslag.verwijder_ronde(db, tweede)
    assert pagina.wachter.controleer()
    assert list(pagina.agenda.children) == [nieuw[0]]
    assert rijen[0].comm is None and all(b.comm is None for b in rijen[0].children[1].children)


@pytest.mark.parametrize(
    "fig",
    [
        stemmen.figuur(
            pd.DataFrame(
                {
                    "onderwerp": ["opgave:1", "opgave:2"],
                    "titel": ["Groen", "Wonen"],
                    "stemmen": [5, 2],
                    "mensen": [3, 2],
                    "rang": [1, 2],
                    "top": [True, False],
                }
            )
        ),
        gewichten.figuur(
            pd.DataFrame(
                {
                    "groep": ["Alle groepen"] * 2 + ["bewoners"] * 2,
                    "criterium_id": [1, 2, 1, 2],
                    "criterium": ["Kosten", "Draagvlak"] * 2,
                    "gewicht": [0.6, 0.4, 0.5, 0.5],
                    "cr": [0.02] * 4,
                    "n": [3, 3, 1, 1],
                }
            )
        ),
        tweebijtwee.figuur(
            pd.DataFrame(
                {
                    "onderwerp": ["opgave:1"],
                    "titel": ["Groen"],
                    "x": [2.0],
                    "y": [4.5],
                    "n": [2],
                    "as_x": ["Impact"],
                    "as_y": ["Haalbaarheid"],
                }
            )
        ),
    ],
    ids=["stemmen", "gewichten", "tweebijtwee"],
)
def test_large_type_on_the_json_is_what_plotly_makes(fig: go.Figure) -> None:
    """The beamer's charts of the question types: every text 22 px, Dutch decimals, no hover,
    whether made through plotly's objects or on the figure's JSON."""
    verwacht = json.loads(beamer.groot(go.Figure(fig)).to_json())
    gezien = beamer.groot_json(json.loads(fig.to_json()))
    assert gezien == verwacht
    assert gezien["layout"]["font"]["size"] == beamer.LETTER
    assert gezien["layout"]["separators"] == ",." and gezien["layout"]["hovermode"] is False
