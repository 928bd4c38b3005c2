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

from IPython.display import HTML, display

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


def toon(inhoud: str) -> None:
    """Send the preview as the cell's first output (before the page widget)."""
    display(HTML(inhoud), metadata=METADATA)
