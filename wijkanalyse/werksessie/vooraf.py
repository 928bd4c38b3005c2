"""What a werksessie page shows before its widgets are live.

Voila renders widgets only after its front end (~60 JavaScript files, about 5 MB before
compression) has loaded and started; on a mid-range phone that takes 6–7 s. Until then a
Voila page shows a spinner. The werksessie's pages instead show at once what the kernel
already knows, as plain HTML sent with the page: the participant sees the join form and can
type a name and press "Meedoen" (the press is kept and carried out the moment the live form
is there); the facilitator sees the QR codes and links to show the room. The page's script
(template ``werksessie``) puts this preview at the top of the page, carries what was typed
into the live widgets and then removes it.

The preview is a display output with metadata ``{"wa_vooraf": True}``; the template writes
such an output into the page as HTML instead of handing it to Voila's front end.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from IPython.display import HTML, display

if TYPE_CHECKING:
    from .deelnemer import Deelnemerpagina
    from .leider import Leiderpagina

#: The output metadata the template looks for.
METADATA = {"wa_vooraf": True}

CSS = """<style>
.wa-vooraf { padding: 1ex 2ex; }
.wa-vooraf label { display: block; font-weight: bold; margin: .6em 0 .2em; }
.wa-vooraf input { font: inherit; width: 100%; max-width: 24em; box-sizing: border-box;
  padding: .4em .5em; border: 2px solid #5a5a5a; border-radius: 4px; }
.wa-vooraf .wa-knoppen { display: flex; flex-wrap: wrap; gap: .4em; margin: .6em 0; }
.wa-vooraf button { font: inherit; min-height: 2.6em; padding: 0 1em; border-radius: 4px;
  border: 2px solid #5a5a5a; background: #fff; color: #1a1a1a; cursor: pointer; }
.wa-vooraf button.wa-hoofd { background: #005a9c; border-color: #005a9c; color: #fff; }
.wa-vooraf button:focus-visible, .wa-vooraf input:focus-visible { outline: 3px solid #1a1a1a;
  outline-offset: 2px; }
.wa-vooraf .wa-vooraf-bericht { color: #333; }
.wa-vooraf .wa-groepen { display: flex; flex-wrap: wrap; }
</style>"""


def e(tekst: Any) -> str:
    return html.escape(str(tekst), quote=True)


def toon(inhoud: str) -> None:
    """Send the preview as the cell's first output (before the page widget)."""
    display(HTML(inhoud), metadata=METADATA)


def deelnemer_html(pagina: Deelnemerpagina) -> str:
    """The participant page as it will look, from the state the kernel has: the join form,
    a note that a known participant's answers are being loaded, or the unknown-link text."""
    from . import opslag
    from .deelnemer import CSS as PAGINA_CSS

    s = pagina.sessie
    fictief = " (fictief voorbeeld)" if s["fictief"] else ""
    kop = f"<h1>Werksessie {e(s['wijk'])}{e(fictief)}</h1>"
    if pagina.groep is None and pagina.deelnemer is None:
        kop = "<h1>Werksessie</h1>"
        romp = (
            '<p class="wa-fout" role="status" elementtiming="wa-vooraf">Deze link hoort bij '
            "geen groep van de lopende werksessie. Vraag de gespreksleider om de juiste link "
            "of QR-code.</p>"
        )
    elif pagina.deelnemer is not None:
        d = pagina.deelnemer
        romp = (
            f"<p elementtiming='wa-vooraf'>U doet mee als <strong>{e(d['naam'])}</strong> in "
            f"groep <strong>{e(d['groep'])}</strong>.</p>"
            '<p class="wa-vooraf-bericht" role="status">Uw antwoorden worden geladen…</p>'
        )
    else:
        romp = (
            f"<p>Groep <strong>{e(pagina.groep['naam'])}</strong>.</p>"
            '<p class="wa-status">Welkom! Vul uw naam in, of doe anoniem mee. Uw naam ziet '
            "alleen de gespreksleider, en alleen als die dat aanzet.</p>"
            '<form class="wa-vooraf-form" novalidate>'
            '<label for="wa-vooraf-naam" elementtiming="wa-vooraf">Uw naam</label>'
            f'<input id="wa-vooraf-naam" class="wa-vooraf-naam" name="naam" type="text" '
            f'maxlength="{opslag.MAX_NAAM}" placeholder="bijv. Fatima" autocomplete="name">'
            '<div class="wa-knoppen">'
            '<button type="submit" class="wa-hoofd" data-actie="mee">Meedoen</button>'
            '<button type="button" data-actie="anoniem">Anoniem meedoen</button></div>'
            '<p class="wa-vooraf-bericht" role="status" aria-live="polite">De pagina maakt '
            "verbinding met de werksessie. U kunt uw naam al invullen.</p></form>"
        )
    return (
        f"{PAGINA_CSS}{CSS}<main class='wa-ws wa-deelnemer-vooraf wa-vooraf' "
        f"data-wa-vooraf='deelnemer'>{kop}{romp}</main>"
    )


def leider_html(pagina: Leiderpagina) -> str:
    """The facilitator page's first screen: the heading and, per group, its QR code and
    link, so the room can join while the controls load."""
    from .leider import CSS as PAGINA_CSS

    if not hasattr(pagina, "sessie"):  # wrong key: the page says so itself
        return ""
    groepen = "".join(pagina.groep_html(g) for g in pagina.sessie["groepen"])
    # When the first group's heading is painted (Element Timing: benchmarks/bench_pagina.py).
    groepen = groepen.replace("<h3>", "<h3 elementtiming='wa-vooraf'>", 1)
    return (
        f"{PAGINA_CSS}{CSS}<main class='wa-leider wa-leider-vooraf wa-vooraf' "
        f"data-wa-vooraf='leider'>{pagina.kop.value}<h2>Meedoen</h2>"
        f"<div class='wa-groepen'>{groepen}</div>"
        "<p class='wa-vooraf-bericht' role='status'>De bediening wordt geladen…</p></main>"
    )
