"""A report as an A4 PDF, printed by headless Chromium (the browser the tests already use).

Chromium, not an HTML-to-PDF library such as WeasyPrint: the report's figures are drawn by
plotly.js in the page, and only a browser runs that script. Python's ``playwright`` drives the
system's Chromium (``/usr/bin/chromium`` on Debian, or ``$WIJKANALYSE_CHROMIUM``); no browser
is ever downloaded. ``playwright`` is an optional extra (``pip install "wijkanalyse[pdf]"``),
imported only when a PDF is asked for.

:func:`afgebroken_woorden` checks a printed report: the words that Chromium broke across two
lines (inside a table cell), from ``pdftotext -layout`` text and the page's own words.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import WijkanalyseFout

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Screen width at which the figures are drawn before printing (the print CSS scales them).
BREEDTE = 1100

# Every text node of the page, SVG text of the figures included, scripts and styles not.
_WOORDEN_JS = """() => {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: n =>
    n.parentElement.closest('script,style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const uit = [];
  while (w.nextNode()) uit.push(w.currentNode.nodeValue);
  return uit.join(' ');
}"""
_FIGUREN_KLAAR_JS = """() => [...document.querySelectorAll('.plotly-graph-div')]
  .every(d => d.querySelector('.main-svg'))"""


@dataclass(frozen=True)
class PdfUitkomst:
    pdf: Path
    woorden: frozenset[str]  # the words of the page as Chromium rendered it


def chromium_pad() -> str:
    pad = os.environ.get("WIJKANALYSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(pad).exists():
        raise WijkanalyseFout(
            f"Voor een PDF is Chromium nodig, maar '{pad}' bestaat niet. Installeer het "
            "(Debian/Ubuntu: sudo apt-get install chromium) of wijs het aan met "
            "WIJKANALYSE_CHROMIUM=/pad/naar/chromium."
        )
    return pad


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise WijkanalyseFout(
            "Voor een PDF is het pakket 'playwright' nodig (het bestuurt Chromium). "
            'Installeer het met: pip install "wijkanalyse[pdf]". Er wordt geen browser '
            "gedownload: het gebruikt de Chromium van het systeem."
        ) from None
    return sync_playwright


def maak_pdfs(paren: list[tuple[Path, Path]]) -> list[PdfUitkomst]:
    """Print each ``(html, pdf)`` pair: A4, backgrounds on, figures drawn first. One browser
    for all of them. Offline: only ``file://`` and ``data:`` requests are let through."""
    sync_playwright = _playwright()
    pad = chromium_pad()
    uit = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=pad, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": BREEDTE, "height": 900})
            context.route(
                "**/*",
                lambda r: (
                    r.continue_()
                    if r.request.url.startswith(("file://", "data:", "blob:"))
                    else r.abort()
                ),
            )
            page = context.new_page()
            for html, pdf in paren:
                page.goto(Path(html).resolve().as_uri(), wait_until="load")
                page.wait_for_function(_FIGUREN_KLAAR_JS, timeout=60_000)
                pdf.parent.mkdir(parents=True, exist_ok=True)
                tmp = pdf.with_name(f".{pdf.name}.tmp")
                page.pdf(
                    path=str(tmp), format="A4", print_background=True, prefer_css_page_size=True
                )
                os.replace(tmp, pdf)
                uit.append(PdfUitkomst(pdf, frozenset(woorden(page.evaluate(_WOORDEN_JS)))))
        finally:
            browser.close()
    return uit


def maak_pdf(html: Path, pdf: Path | None = None) -> PdfUitkomst:
    """One report as a PDF beside it (``laak.html`` -> ``laak.pdf``)."""
    return maak_pdfs([(Path(html), Path(pdf) if pdf else Path(html).with_suffix(".pdf"))])[0]


# ------------------------------------------------------------------------ checking the paper

_RAND = "\"'()[]{},.;:!?«»“”‘’…•·|*"


def woorden(tekst: str) -> list[str]:
    """Whitespace-separated words without the punctuation around them ('20/27' stays whole)."""
    return [w for w in (t.strip(_RAND) for t in tekst.split()) if w]


def afgebroken_woorden(
    pdf_tekst: str, pagina_woorden: set[str] | frozenset[str], *, na_koppelteken: bool = False
) -> list[str]:
    """The words broken across lines in ``pdftotext -layout`` output: a fragment that is not a
    word of the page, but the start of one whose rest begins a fragment on one of the next two
    lines ('geko' + 'zen', '06-' + '12-2026'; a hyphen Chromium added is allowed for).

    A compound broken after its own hyphen before a letter ('CBS-' + 'regio') is where Dutch
    text may wrap: counted only with ``na_koppelteken``. Returns the page's words that were
    broken, once per break.
    """
    regels = [woorden(r) for r in pdf_tekst.splitlines()]
    per_begin: dict[str, list[str]] = {}
    for w in pagina_woorden:
        for i in range(1, len(w)):
            per_begin.setdefault(w[:i], []).append(w)
    gebroken = []
    for i, regel in enumerate(regels):
        volgende = [t for r in regels[i + 1 : i + 3] for t in r]
        for t in regel:
            if t in pagina_woorden:
                continue
            for kop in dict.fromkeys((t, t.rstrip("-‐"))):
                kandidaten = per_begin.get(kop, [])
                raak = next(  # the word the next fragment completes, else one it continues
                    (w for w in kandidaten if w[len(kop) :] in volgende),
                    next(
                        (
                            w
                            for w in kandidaten
                            if any(_vervolg(w[len(kop) :], v) for v in volgende)
                        ),
                        None,
                    ),
                )
                if raak:
                    bij_koppelteken = kop.endswith("-") and raak[len(kop)].isalpha()
                    if na_koppelteken or not bij_koppelteken:
                        gebroken.append(raak)
                    break
    return gebroken


def _vervolg(rest: str, fragment: str) -> bool:
    """Does ``fragment`` (on a next line) continue a word whose ``rest`` is still missing?"""
    return bool(fragment) and (rest.startswith(fragment) or fragment.startswith(rest))


def pdf_tekst(pdf: Path) -> str:
    """The PDF's text, laid out as on paper (``pdftotext -layout``, Debian's poppler-utils)."""
    import subprocess

    if not shutil.which("pdftotext"):
        raise WijkanalyseFout(
            "pdftotext ontbreekt: installeer poppler-utils (apt-get install poppler-utils)."
        )
    return subprocess.run(
        ["pdftotext", "-layout", "-nodiag", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pagina_aantal(pdf: Path) -> int:
    """Pages of a PDF written by Chromium (counts its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", Path(pdf).read_bytes()))
